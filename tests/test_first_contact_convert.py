"""``convert`` as a new user meets it: option values as typed, where outputs go, what a target
could not hold, and DataCite XML of several records in one file."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from pydantic import BaseModel, ConfigDict
from testsupport import EXAMPLES

from biblioconv import cli, option_text, registry
from biblioconv.model import Record
from biblioconv.registry import FormatSpec, WriteContext

EXAMPLE = EXAMPLES / "social-innovators.record.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command line in this process: exit code, standard output and standard error."""
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# -- option values as a user types them ----------------------------------------------------------


class _ListOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tags: list[str] = []
    ratio: float = 1.0
    label: str | None = None


def _echo_options(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    for _ in records:
        ctx.report.count("written")
    stream.write(ctx.options.model_dump_json().encode() + b"\n")


@pytest.fixture
def echo_format() -> Iterator[str]:
    registry.register(
        FormatSpec(name="echo-options", title="options echo", writer=_echo_options,
                   options=_ListOptions)
    )  # fmt: skip
    yield "echo-options"
    registry.unregister("echo-options")


def test_datacite_version_as_typed_in_the_readme(capsys: pytest.CaptureFixture[str]) -> None:
    for typed in ("4.5", '"4.5"'):
        code, out, err = run(
            capsys, "convert", str(EXAMPLE), "-t", "datacite", "-q",
            "-O", f"datacite.version={typed}", "-O", "datacite.fill-unknown=true",
        )  # fmt: skip
        assert code == 0, err
        assert "kernel-4.5/metadata.xsd" in out


def test_numbers_booleans_none_and_literal_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "convert", str(EXAMPLE), "-t", "ris", "-q", "-O", "ris.spec=2001")
    assert code == 0, err
    assert "\nT1  - " in out.replace("\r\n", "\n")  # the 2001 tag set
    code, out, _ = run(capsys, "convert", str(EXAMPLE), "-t", "csl-json", "-q",
                       "-O", "csl-json.indent=4", "-O", "csl-json.preserve=no")  # fmt: skip
    assert code == 0 and '\n    {\n        "id"' in out and "biblioconv" not in out
    code, out, _ = run(capsys, "convert", str(EXAMPLE), "-t", "datacite-json", "-q",
                       "-O", "datacite-json.indent=none", "-O", "datacite.fill-unknown=on")  # fmt: skip
    assert code == 0 and out.count("\n") == 1 and json.loads(out)["data"]["attributes"]


def test_lists_floats_and_json_forms(capsys: pytest.CaptureFixture[str], echo_format: str) -> None:
    for tags in ("a, b", '["a","b"]'):
        code, out, err = run(
            capsys, "convert", str(EXAMPLE), "-t", echo_format,
            "-O", f"{echo_format}.tags={tags}", "-O", f"{echo_format}.ratio=0.5",
            "-O", f"{echo_format}.label=4.5", "-q",
        )  # fmt: skip
        assert code == 0, err
        assert json.loads(out) == {"tags": ["a", "b"], "ratio": 0.5, "label": "4.5"}


def _typed(value: Any) -> str:
    """A value as a user types it on the command line."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)


@pytest.mark.parametrize("spec", registry.all_formats(), ids=lambda s: s.name)
def test_every_option_takes_its_default_as_typed(spec: registry.FormatSpec) -> None:
    for read in (True, False):
        if not (spec.can_read if read else spec.can_write):
            continue
        model = (spec.read_options or spec.options) if read else spec.options
        for name, info in model.model_fields.items():
            default = info.get_default(call_default_factory=True)
            pair = f"{spec.name}.{name.replace('_', '-')}={_typed(default)}"
            options = option_text.valid_options(
                spec, option_text.format_options([pair], spec.name), read
            )
            assert getattr(options, name) == default, pair


@pytest.mark.parametrize(
    ("option", "named"),
    [
        ("csl-json.presrve=false", ["presrve", "preserve", "indent"]),
        ("datacite.fill_unknwn=true", ["fill_unknwn", "fill-unknown", "version"]),
        ("datacite.version=4.9", ["datacite option version=4.9", "'4.5'"]),
        ("csl-json.indent=x", ["csl-json option indent=x", "integer"]),
        ("indnt=2", ["indnt", "indent"]),
    ],
)
def test_a_misspelt_option_or_bad_value_is_one_usage_line(
    capsys: pytest.CaptureFixture[str], option: str, named: list[str]
) -> None:
    code, out, err = run(capsys, "convert", str(EXAMPLE), "-t", "csl-json,datacite",
                         "-o", "unused-dir", "-O", option)  # fmt: skip
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("biblioconv: error: ")
    for word in named:
        assert word in err
    assert not Path("unused-dir").exists()


# -- where outputs go ----------------------------------------------------------------------------


def test_several_outputs_to_a_file_name_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    single = tmp_path / "single.txt"
    code, _, err = run(capsys, "convert", str(EXAMPLE), "-t", "ris,bibtex", "-o", str(single))
    assert code == 2 and err.count("\n") == 1 and "directory" in err
    assert not single.exists()
    code, out, err = run(capsys, "convert", str(EXAMPLE), "-t", "ris,bibtex", "-o", "-")
    assert code == 2 and out == "" and "-o DIRECTORY" in err
    code, _, err = run(capsys, "convert", str(EXAMPLE), "-t", "ris,bibtex", "-q",
                       "-o", f"{single}/")  # fmt: skip
    assert code == 0, err
    assert sorted(p.name for p in single.iterdir()) == [
        "social-innovators.bib",
        "social-innovators.ris",
    ]


def test_missing_parent_directories_need_mkdir(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "no" / "such" / "x.ris"
    code, _, err = run(capsys, "convert", str(EXAMPLE), "-t", "ris", "-o", str(out))
    assert code == 1 and err.count("\n") == 1
    assert str(out.parent) in err and "--mkdir" in err
    assert not (tmp_path / "no").exists()
    code, _, err = run(capsys, "convert", str(EXAMPLE), "-t", "ris", "-o", str(out), "--mkdir")
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith("TY  - ")
    deep = tmp_path / "a" / "b" / "out"
    code, _, err = run(capsys, "convert", str(EXAMPLE), "-t", "ris,bibtex", "-o", f"{deep}/")
    assert code == 1 and "--mkdir" in err and not (tmp_path / "a").exists()


def test_a_trailing_slash_means_a_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, _, err = run(capsys, "convert", str(EXAMPLE), "-t", "ris", "-q", "-o", f"{out}/")
    assert code == 0, err
    assert out.is_dir()
    assert [p.name for p in out.iterdir()] == ["social-innovators.ris"]
    # an existing directory named without the slash is one too
    code, _, err = run(capsys, "convert", str(EXAMPLE), "-t", "bibtex", "-q", "-o", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == [
        "social-innovators.bib",
        "social-innovators.ris",
    ]


# -- what each target could not hold, and records a target refuses --------------------------------

NO_DATACITE = '[{"id": "a", "type": "book", "title": "Only a title"}]'
FULL = (
    '{"id": "b", "type": "book", "title": "Whole", "author": [{"family": "Roe"}], '
    '"issued": {"date-parts": [[2020]]}, "publisher": "P", "DOI": "10.1234/b"}'
)


def test_showcase_writes_datacite_json_and_names_each_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "convert", str(EXAMPLE), "-t", "all", "-o", str(tmp_path),
                       "-O", "datacite.fill-unknown=true")  # fmt: skip
    assert code == 0, err
    data = json.loads((tmp_path / "social-innovators.datacite.json").read_text("utf-8"))
    assert data["data"]["attributes"]["creators"]
    lines = err.splitlines()
    writable = [s.name for s in registry.all_formats() if s.can_write]
    for name in writable:
        if name == "crossref":  # a deposit registers a DOI: the example has none, said so
            assert "crossref: 0 written, 1 skipped" in lines
            continue
        assert f"{name}: 1 written" in lines, name
    # what BibTeX could not hold is listed under bibtex, not mixed with the others
    bibtex = lines[lines.index("bibtex: 1 written") + 1 :]
    bibtex = bibtex[: next(i for i, ln in enumerate(bibtex) if not ln.startswith("  "))]
    assert any("FIELD_DROPPED" in ln and "peer_reviewed" in ln for ln in bibtex)


def test_a_format_that_refuses_a_record_says_why_without_verbose(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "in.json"
    src.write_text(NO_DATACITE, encoding="utf-8")
    code, _, err = run(capsys, "convert", str(src), "-t", "datacite,ris", "-o", f"{tmp_path}/o/")
    assert code == 1
    assert "datacite: 0 written, 1 skipped" in err.splitlines()
    assert "ris: 1 written" in err.splitlines()
    assert "datacite did not write record a: missing mandatory DataCite properties" in err
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["in.ris"]


def test_no_record_written_is_an_error_and_leaves_no_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "in.json"
    src.write_text(NO_DATACITE, encoding="utf-8")
    out = tmp_path / "x.datacite.xml"
    code, _, err = run(capsys, "convert", str(src), "-t", "datacite", "-o", str(out))
    assert code == 1 and err.count("\n") == 1
    for word in ("no record written", "identifier", "creators", "publisher",
                 "-O datacite.fill-unknown=true"):  # fmt: skip
        assert word in err, word
    assert not out.exists()
    out.write_bytes(b"kept")
    assert run(capsys, "convert", str(src), "-t", "datacite-json", "-o", str(out))[0] == 1
    assert out.read_bytes() == b"kept"
    # one record written of two: the output is there, the summary names the refused one
    src.write_text(NO_DATACITE[:-1] + ", " + FULL + "]", encoding="utf-8")
    code, _, err = run(capsys, "convert", str(src), "-t", "datacite", "-o", str(out))
    assert code == 0, err
    assert "datacite did not write record a: missing mandatory" in err
    assert out.read_bytes().count(b"<resource ") == 1


def test_api_require_records_and_the_tally_per_target(tmp_path: Path) -> None:
    import biblioconv
    from biblioconv.errors import WriteError
    from biblioconv.report import ConversionReport

    records = biblioconv.loads(NO_DATACITE, "csl-json")
    out = tmp_path / "x.datacite.xml"
    with pytest.raises(WriteError, match="no record written: record a: missing mandatory"):
        biblioconv.write(records, "datacite", out, require_records=True)
    assert not out.exists()
    report = ConversionReport()
    biblioconv.write(records, "csl-yaml", io_sink(), report=report)
    biblioconv.write(records, "datacite", io_sink(), report=report)
    assert report.targets["csl-yaml"].written == 1
    assert report.targets["datacite"].written == 0
    assert report.targets["datacite"].skipped == 1
    assert report.targets["datacite"].first_skipped.startswith("record a: missing mandatory")


def io_sink() -> IO[bytes]:
    import io

    return io.BytesIO()


# -- several records in one XML file -------------------------------------------------------------

XML_WRITERS = [
    s.name
    for s in registry.all_formats()
    if s.can_write and any(ext.endswith(".xml") for ext in s.extensions)
]


#: The root of a document holding several records, where it is not an OAI-PMH response.
ONE_DOCUMENT_ROOTS = {
    "jats": "ref-list",
    "mods": "modsCollection",
    "endnote-xml": "xml",
    "crossref": "doi_batch",
}


@pytest.mark.parametrize("fmt", XML_WRITERS)
def test_several_records_to_one_xml_file_make_one_document(fmt: str) -> None:
    from lxml import etree

    import biblioconv

    records = biblioconv.loads("[" + FULL + ", " + FULL.replace('"b"', '"c"') + "]", "csl-json")
    # a Crossref deposit needs landing pages: made from the DOIs
    options = {"resource": "https://example.org/{doi}"} if fmt == "crossref" else {}
    text = biblioconv.dumps(records, fmt, **options)
    root = etree.fromstring(text.encode())  # one well-formed document, not two
    assert etree.QName(root).localname == ONE_DOCUMENT_ROOTS.get(fmt, "OAI-PMH")
    assert len(biblioconv.loads(text, fmt)) == 2


def test_datacite_xml_envelope_none_refuses_several_records(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "in.json"
    src.write_text("[" + FULL + ", " + FULL.replace('"b"', '"c"') + "]", encoding="utf-8")
    out = tmp_path / "x.datacite.xml"
    code, _, err = run(capsys, "convert", str(src), "-t", "datacite", "-o", str(out),
                       "-O", "datacite.envelope=none")  # fmt: skip
    assert code == 1 and err.count("\n") == 1 and "envelope" in err
    assert not out.exists()
