"""validate, show, format detection and empty inputs as a new user meets them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from testsupport import EXAMPLES, SCHEMAS

import biblioconv
from biblioconv import validation
from biblioconv.cli import main as cli_main
from biblioconv.errors import ParseError

EXAMPLE = EXAMPLES / "social-innovators.record.json"
DATACITE_CASES = Path(__file__).parent / "formats" / "datacite" / "cases"

#: a RIS file whose first record has an ISBN with a bad checksum (a warning, not an error)
BAD_ISBN_RIS = (
    b"TY  - BOOK\nTI  - A book\nSN  - 978-0-306-40615-6\nER  - \n\nTY  - JOUR\nTI  - x\nER  - \n"
)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    code = cli_main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


@pytest.fixture(scope="module")
def showcase(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's showcase run: the example record in every writable format."""
    out = tmp_path_factory.mktemp("out")
    argv = ["convert", str(EXAMPLE), "-t", "all", "-o", str(out), "-q"]
    assert cli_main([*argv, "-O", "datacite.fill-unknown=true"]) == 0
    return out


def _two_documents(declaration: bool) -> bytes:
    one = (DATACITE_CASES / "minimal-4.7.xml").read_bytes()
    if not declaration:
        one = one.split(b"?>", 1)[1] if one.startswith(b"<?xml") else one
    return one + b"\n" + one


# -- validate: XML that no XML parser accepts is never valid --------------------------------------


@pytest.mark.parametrize("declaration", [True, False], ids=["with-declaration", "bare"])
def test_concatenated_xml_documents_are_invalid(
    declaration: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _two_documents(declaration)
    problems = validation.validate(data, "datacite")
    assert len(problems) == 1 and "several XML documents one after another" in problems[0]
    path = tmp_path / "dump.datacite.xml"
    path.write_bytes(data)
    code, out, err = cli(capsys, "validate", str(path))
    assert code == 1 and err == []
    second = data.index(b"<resource", data.index(b"</resource>"))
    line = data[:second].count(b"\n") + 1
    assert out[0].startswith(f"{path}:")
    assert int(out[0].split(":")[1]) in (line, line - 1)  # the second document's start
    assert ": error: " in out[0] and "several XML documents" in out[0]
    assert out[1].startswith(f"{path}: invalid (datacite, 1 record, 1 error, ")
    assert len(out) == 2


def test_every_xml_format_refuses_concatenated_documents(showcase: Path) -> None:
    for name, fmt in (("oai_dc", "dc"), ("dcterms", "dcterms")):
        one = (showcase / f"social-innovators.{name}.xml").read_bytes()
        result = validation.check(one + one, fmt)
        assert not result.valid, fmt
        assert "several XML documents one after another" in result.errors[0].message


# -- validate: detection by compound extension, every file checked --------------------------------


def test_a_datacite_json_file_is_not_detected_as_csl_json(tmp_path: Path) -> None:
    envelope = b'{"data": []}'
    path = tmp_path / "x.datacite.json"
    path.write_bytes(envelope)
    assert biblioconv.detect(path).format == "datacite-json"
    assert biblioconv.detect(envelope).format == "datacite-json"  # by content alone
    plain = tmp_path / "x.json"
    plain.write_bytes(envelope)
    assert biblioconv.detect(plain).format == "datacite-json"  # content over a generic .json
    csl = tmp_path / "refs.json"
    csl.write_bytes(b'[{"id": "a", "type": "book", "title": "T"}]')
    assert biblioconv.detect(csl).format == "csl-json"


def test_names_convert_gives_outputs_of_formats_sharing_an_extension_are_detected(
    showcase: Path,
) -> None:
    assert biblioconv.detect(showcase / "social-innovators.bibtex.bib").format == "bibtex"
    assert biblioconv.detect(showcase / "social-innovators.biblatex.bib").format == "biblatex"


def test_validate_checks_every_file_of_the_showcase(
    showcase: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    showcase = Path(shutil.copytree(showcase, tmp_path / "out"))
    unknown = showcase / "notes.dat"
    unknown.write_text("not a bibliography\n")
    files = sorted(showcase.iterdir())
    code, out, err = cli(capsys, "validate", *map(str, files))
    assert code == 1, "a file that could not be checked makes the run fail"
    assert err == []
    summaries = [line for line in out if not line.split(": ", 1)[1].startswith(("error", "warn"))]
    assert [s.split(": ", 1)[0] for s in summaries] == [str(p) for p in files]
    by_name = {Path(s.split(": ", 1)[0]).name: s.split(": ", 1)[1] for s in summaries}
    assert by_name["notes.dat"].startswith("not checked: cannot tell the format")
    # the formatted citations `convert -t all` writes are skipped, not a failure
    assert by_name["social-innovators.txt"] == "skipped (citation output is written, not read)"
    unknown.unlink()
    code, out, _ = cli(capsys, "validate", *map(str, sorted(showcase.iterdir())))
    assert code == 0, out
    assert by_name["social-innovators.yaml"].startswith("valid (csl-yaml, 1 record")
    assert by_name["social-innovators.ris"].startswith("valid (ris, 1 record, 0 warnings")
    datacite_json = by_name["social-innovators.datacite.json"]
    assert datacite_json.startswith("valid (datacite-json, 1 record")


def test_an_empty_datacite_list_is_detected_and_reported_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "social-innovators.datacite.json"
    path.write_bytes(b'{"data": []}')
    code, out, _ = cli(capsys, "validate", str(path))
    assert code == 1
    assert out == [
        f"{path}: error: no DataCite record found",
        f"{path}: invalid (datacite-json, 0 records, 1 error, 0 warnings; "
        "no official schema checked for datacite-json)",
    ]


# -- validate: scriptable ------------------------------------------------------------------------


def test_warnings_about_values_leave_a_file_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "refs.ris"
    path.write_bytes(BAD_ISBN_RIS)
    code, out, err = cli(capsys, "validate", str(path))
    assert code == 0 and err == []
    assert out == [
        f"{path}:3: record #1: warning: INVALID_VALUE SN: isbn '978-0-306-40615-6' fails its "
        "check; kept as given",
        f"{path}: valid (ris, 2 records, 1 warning; no official schema checked for ris)",
    ]
    assert not any("<bytes>" in line or "->" in line for line in out)
    code, out, _ = cli(capsys, "validate", "--strict", str(path))
    assert code == 1
    assert out[-1].startswith(f"{path}: invalid under --strict (ris, 2 records, 1 warning")
    code, out, _ = cli(capsys, "validate", "-q", str(path))
    assert code == 0 and out == []


def test_errors_and_warnings_are_told_apart_with_file_line_and_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "refs.json"
    path.write_text(
        '[{"id": "a", "type": "book", "title": "T", "ISBN": "978-0-306-40615-6"},\n7]\n'
    )
    code, out, _ = cli(capsys, "validate", str(path))
    assert code == 1
    assert f"{path}:2: record 2: error: RECORD_SKIPPED item 2 is a int, not an object" in out
    assert any(line.startswith(f"{path}:1: record a: warning: INVALID_VALUE") for line in out)
    assert out[-1].startswith(f"{path}: invalid (csl-json, 1 record, 1 error, 1 warning; ")
    result = validation.check(path.read_bytes(), "csl-json")
    assert [p.severity for p in result.problems] == ["warning", "error"]  # in file order
    assert validation.validate(path.read_bytes(), "csl-json") == [str(result.errors[0])]


def test_formats_without_an_official_schema_claim_no_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(validation.SCHEMA_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "no-cache"))
    path = tmp_path / "refs.ris"
    path.write_bytes(BAD_ISBN_RIS)
    _, out, _ = cli(capsys, "validate", str(path), "--schema-dir", str(SCHEMAS))
    assert "schemas not checked" not in out[-1]
    assert out[-1].endswith("; no official schema checked for ris)")
    xml = tmp_path / "record.datacite.xml"
    xml.write_bytes((DATACITE_CASES / "minimal-4.7.xml").read_bytes())
    _, out, _ = cli(capsys, "validate", str(xml))
    assert out == [
        f"{xml}: valid (datacite, 1 record, 0 warnings; DataCite XSD not checked: "
        "no --schema-dir, $BIBLIOCONV_SCHEMA_DIR or fetched cache)"
    ]
    _, out, _ = cli(capsys, "validate", str(xml), "--schema-dir", str(SCHEMAS))
    assert out == [f"{xml}: valid (datacite, 1 record, 0 warnings; DataCite XSD checked)"]


def test_xsd_errors_name_the_line_in_the_file() -> None:
    data = (DATACITE_CASES / "minimal-4.7.xml").read_text()
    bad = data.replace("</resource>", "<sizes><size><x/></size></sizes></resource>")
    result = validation.check(bad.encode(), "datacite", schema_dir=SCHEMAS)
    xsd = [p for p in result.errors if p.message.startswith("XSD:")]
    assert xsd and all(p.record == "1" for p in xsd)
    line = bad[: bad.index("<sizes>")].count("\n") + 1
    assert {p.line for p in xsd} == {line}


def test_validate_reads_standard_input_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    class Stdin:
        buffer = io.BytesIO(BAD_ISBN_RIS)

    monkeypatch.setattr(sys, "stdin", Stdin)
    code, out, _ = cli(capsys, "validate", "-")
    assert code == 0
    assert out[-1].startswith("<stdin>: valid (ris, 2 records, 1 warning")


# -- show ----------------------------------------------------------------------------------------


def test_show_json_prints_one_array_and_jsonl_one_object_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "refs.ris"
    path.write_bytes(BAD_ISBN_RIS)
    code, out, _ = cli(capsys, "show", str(path), "--json", "-q")
    assert code == 0
    records = json.loads("\n".join(out))
    assert [r["titles"][0]["text"] for r in records] == ["A book", "x"]
    _, out, _ = cli(capsys, "show", str(path), "--json", "-q", "-n", "1")
    assert len(json.loads("\n".join(out))) == 1
    _, out, _ = cli(capsys, "show", str(path), "--jsonl", "-q")
    assert [json.loads(line)["titles"][0]["text"] for line in out] == ["A book", "x"]
    empty = tmp_path / "empty.ris"
    empty.write_bytes(b"")
    code, out, _ = cli(capsys, "show", str(empty), "--json")
    assert code == 0 and json.loads("\n".join(out)) == []


# -- empty input and JSON with no CSL item -------------------------------------------------------

EMPTY_IS_NO_DOCUMENT = [
    ("refs.json", "csl-json"),
    ("record.datacite.xml", "datacite"),
    ("record.datacite.json", "datacite-json"),
    ("record.oai_dc.xml", "dc"),
    ("record.dcterms.xml", "dcterms"),
    ("refs.record.json", "record-json"),
]


@pytest.mark.parametrize(
    ("name", "fmt"), EMPTY_IS_NO_DOCUMENT, ids=[f for _, f in EMPTY_IS_NO_DOCUMENT]
)
@pytest.mark.parametrize(
    "content", [b"", b"\n  \n", b"\xef\xbb\xbf"], ids=["empty", "blank", "bom"]
)
def test_an_empty_file_is_no_document_on_every_path(
    name: str, fmt: str, content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ParseError, match="empty input"):
        list(biblioconv.read(path, fmt))
    with pytest.raises(ParseError, match="empty input"):
        biblioconv.loads(content, fmt, strict=False)
    out = tmp_path / "out.ris"
    for argv in (
        ["convert", str(path), "-t", "ris", "-o", str(out)],
        ["convert", str(path), "-f", fmt, "-t", "ris", "-o", str(out)],
        ["show", str(path), "-f", fmt],
        ["cite", str(path), "-f", fmt],
    ):
        code, stdout, err = cli(capsys, *argv)
        assert code == 1, argv
        assert len(err) == 1 and err[0].startswith(f"biblioconv: error: {path}"), err
        assert "empty input" in err[0]
        assert stdout == []
    assert not out.exists()


@pytest.mark.parametrize("name", ["refs.bib", "refs.ris"])
def test_an_empty_bib_or_ris_is_an_empty_bibliography(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    assert biblioconv.loads(b"", biblioconv.detect(path).format) == []
    code, _, err = cli(
        capsys, "convert", str(path), "-t", "csl-json", "-o", str(tmp_path / "x.json")
    )
    assert code == 0 and err == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{}", "the JSON is an empty object"),
        ('{"name": "Ada", "tags": ["x"]}', "none of CSL's variables (keys: name, tags)"),
        ('[{"name": "Ada"}, {"family": "Lovelace"}]', "none of its 2 values is a CSL item"),
        ("[1, 2]", "the first is a JSON int"),
    ],
)
def test_json_that_holds_no_csl_item_is_an_error(
    text: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ParseError, match="not CSL-JSON") as info:
        biblioconv.loads(text, "csl-json", strict=False)
    assert reason in str(info.value)
    path = tmp_path / "refs.json"
    path.write_text(text)
    for argv in (
        ["convert", str(path), "-t", "ris"],
        ["show", str(path)],
        ["cite", str(path)],
    ):
        code, stdout, err = cli(capsys, *argv)
        assert code == 1, argv
        assert len(err) == 1 and err[0].startswith(f"biblioconv: error: {path}:1: not CSL-JSON")
        assert stdout == []


def test_objects_without_csl_variables_among_items_are_skipped_and_reported() -> None:
    report = biblioconv.ConversionReport()
    records = biblioconv.loads(
        '[{"title": "Kept", "type": "book"}, {"name": "Ada"}]',
        "csl-json",
        report=report,
        strict=False,
    )
    assert [r.title for r in records] == ["Kept"]
    skipped = report.by_code("RECORD_SKIPPED")
    assert [d.message for d in skipped] == [
        "item 2 is an object with none of CSL's variables (keys: name)"
    ]
    assert biblioconv.loads("[]", "csl-json") == []  # an empty bibliography
