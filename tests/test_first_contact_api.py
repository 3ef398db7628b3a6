"""The Python API as a tool author first meets it: malformed input, misspelt options, the
package's namespace."""

from __future__ import annotations

import subprocess
import sys

import pytest

import biblioconv
from biblioconv import BiblioconvError, ConversionReport, OptionError, ParseError

BROKEN_BIB = "@article{a, title={x"
ONE_CSL = '[{"id": "x", "type": "book", "title": "T"}]'
MIDDLE_BROKEN_BIB = b"@misc{a, title={A}}\n@misc{b, title={B\n@misc{c, title={C}}\n"


# -- loads and read: malformed input ----------------------------------------------------------


def test_loads_of_a_malformed_document_raises_one_line_naming_line_and_record() -> None:
    with pytest.raises(ParseError) as info:
        biblioconv.loads(BROKEN_BIB, "bibtex")
    err = info.value
    assert err.line == 1 and err.record == "a"
    assert "malformed entry" in err.reason
    assert "\n" not in str(err)


def test_loads_raises_even_when_a_report_is_passed() -> None:
    report = ConversionReport()
    with pytest.raises(ParseError):
        biblioconv.loads(BROKEN_BIB, "bibtex", report=report)


def test_loads_with_strict_false_collects_the_errors_in_the_report() -> None:
    report = ConversionReport()
    assert biblioconv.loads(BROKEN_BIB, "bibtex", report=report, strict=False) == []
    [skipped] = report.by_code("RECORD_SKIPPED")
    assert skipped.severity == "error" and skipped.record == "a" and skipped.line == 1


def test_loads_strict_stops_at_a_broken_record_among_good_ones() -> None:
    with pytest.raises(ParseError) as info:
        biblioconv.loads(MIDDLE_BROKEN_BIB, "bibtex")
    assert info.value.line == 2 and info.value.record == "b"
    report = ConversionReport()
    records = biblioconv.loads(MIDDLE_BROKEN_BIB, "bibtex", report=report, strict=False)
    assert [r.citation_key for r in records] == ["a", "c"]
    assert report.records_skipped == 1


@pytest.mark.parametrize(("text", "fmt"), [("hello world", "bibtex"), ("hello", "ris")])
def test_loads_of_text_that_holds_no_record_raises(text: str, fmt: str) -> None:
    with pytest.raises(ParseError, match=f"no {fmt} record"):
        biblioconv.loads(text, fmt)


@pytest.mark.parametrize("fmt", ["bibtex", "ris"])
def test_loads_of_an_empty_bibliography_is_no_error(fmt: str) -> None:
    assert biblioconv.loads("", fmt) == []
    assert biblioconv.loads("\n\n", fmt) == []


def test_loads_of_a_good_document_is_unchanged() -> None:
    [record] = biblioconv.loads(ONE_CSL, "csl-json")
    assert record.title == "T"


def test_read_streams_past_a_broken_record_by_default_and_reports_it() -> None:
    stream = biblioconv.read(MIDDLE_BROKEN_BIB, "bibtex")
    assert [r.citation_key for r in stream] == ["a", "c"]
    [skipped] = stream.report.by_code("RECORD_SKIPPED")
    assert skipped.severity == "error" and skipped.line == 2


def test_read_strict_raises_at_the_broken_record() -> None:
    stream = biblioconv.read(MIDDLE_BROKEN_BIB, "bibtex", strict=True)
    with pytest.raises(ParseError) as info:
        list(stream)
    assert info.value.line == 2 and info.value.record == "b"


# -- options ------------------------------------------------------------------------------------


def _records() -> list[biblioconv.Record]:
    return biblioconv.loads(ONE_CSL, "csl-json")


def test_a_misspelt_writer_option_names_itself_and_the_valid_ones() -> None:
    with pytest.raises(OptionError) as info:
        biblioconv.dumps(_records(), "csl-json", presrve=False)
    err = info.value
    assert isinstance(err, BiblioconvError) and isinstance(err, ValueError)
    message = str(err)
    assert "'presrve'" in message and "did you mean 'preserve'" in message
    assert "indent" in message and "lines" in message
    assert "pydantic" not in message and "\n" not in message
    assert err.option == "presrve" and err.format == "csl-json"
    assert "preserve" in err.valid


def test_a_value_an_option_cannot_take_names_the_option_and_the_value() -> None:
    with pytest.raises(OptionError) as info:
        biblioconv.dumps(_records(), "datacite", version="9.9")
    message = str(info.value)
    assert "datacite" in message and "'version'" in message and "'9.9'" in message
    assert "4.5" in message and "pydantic" not in message
    assert info.value.option == "version"


def test_every_api_entry_point_taking_options_raises_the_projects_error(tmp_path: object) -> None:
    records = _records()
    calls = [
        lambda: biblioconv.write(records, "ris", presrve=False),
        lambda: biblioconv.dumps(records, "bibtex", asci=True),
        lambda: biblioconv.convert(ONE_CSL.encode(), "ris", from_="csl-json", presrve=False),
        lambda: biblioconv.convert(
            b"TY  - JOUR\nER  - \n", "csl-json", from_="ris", read_options={"encodng": "x"}
        ),
        lambda: biblioconv.loads("TY  - JOUR\nER  - \n", "ris", options={"encodng": "x"}),
        lambda: biblioconv.read(b"", "ris", options={"encodng": "x"}),
    ]
    for call in calls:
        with pytest.raises(OptionError) as info:
            call()
        assert "pydantic" not in str(info.value)


def test_a_misspelt_reader_option_fails_when_read_is_called() -> None:
    # not only once a record is asked for: a stream that is never iterated still says so
    with pytest.raises(OptionError, match="did you mean 'encoding'"):
        biblioconv.read(b"TY  - JOUR\nER  - \n", "ris", options={"encodng": "latin-1"})


def test_good_options_still_work() -> None:
    text = biblioconv.dumps(_records(), "csl-json", indent=None, lines=True)
    assert text.count("\n") == 1
    [back] = biblioconv.loads(
        b"TY  - JOUR\nTI  - x\nER  - \n", "ris", options={"encoding": "utf-8"}
    )
    assert back.title == "x"


# -- the package namespace --------------------------------------------------------------------


def test_dir_of_the_package_lists_the_public_api_only() -> None:
    names = dir(biblioconv)
    assert names == sorted(biblioconv.__all__)
    for helper in ("os", "Any", "import_module", "annotations", "TYPE_CHECKING", "_EXPORTS"):
        assert helper not in names
        assert helper not in biblioconv.__all__
    for name in ("loads", "read", "convert", "OptionError", "ParseError", "Record"):
        assert name in names


def test_helper_names_are_not_attributes_of_the_package() -> None:
    for helper in ("os", "Any", "import_module", "annotations", "TYPE_CHECKING"):
        assert not hasattr(biblioconv, helper)


def test_every_public_name_resolves_and_importing_stays_lazy() -> None:
    code = (
        "import sys, biblioconv; "
        "assert 'pydantic' not in sys.modules, 'pydantic loaded by import'; "
        "assert 'biblioconv.api' not in sys.modules; "
        "names = dir(biblioconv); "
        "assert 'pydantic' not in sys.modules, 'pydantic loaded by dir()'; "
        "[getattr(biblioconv, n) for n in names]; "
        "from biblioconv import OptionError, loads; "
        "print(len(names))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(biblioconv.__all__)
