"""Print and electronic ISSN in CSL-JSON: both written, in one ``ISSN`` as Zotero writes them."""

from __future__ import annotations

import json

import pytest

import biblioconv

PRINT, ONLINE = "2055-8074", "2055-642X"
RIS = (
    "TY  - JOUR\nTI  - T\nAU  - Doe, Jane\nT2  - BMJ Innovations\n"
    f"SN  - {PRINT}\nSN  - {ONLINE}\nDO  - 10.1234/x\nPB  - P\nPY  - 2020\nER  - \n"
)


def _issns(record: biblioconv.Record) -> list[str]:
    assert record.container is not None
    return [i.value for i in record.container.identifiers if i.scheme in ("issn", "eissn")]


@pytest.mark.parametrize("preserve", [True, False])
def test_both_issns_are_written_comma_separated(preserve: bool) -> None:
    [record] = biblioconv.loads(RIS, "ris")
    [item] = json.loads(biblioconv.dumps(record, "csl-json", preserve=preserve))
    assert item["ISSN"] == f"{PRINT}, {ONLINE}"
    [back] = biblioconv.loads(json.dumps([item]), "csl-json")
    assert _issns(back) == [PRINT, ONLINE]


def test_print_and_electronic_issn_both_reach_csl() -> None:
    record = biblioconv.Record.model_validate(
        {
            "type": "article-journal",
            "titles": [{"text": "T"}],
            "container": {
                "titles": [{"text": "J"}],
                "identifiers": [
                    {"scheme": "issn", "value": PRINT},
                    {"scheme": "eissn", "value": ONLINE},
                ],
            },
        }
    )
    [item] = json.loads(biblioconv.dumps(record, "csl-json", preserve=False))
    assert item["ISSN"] == f"{PRINT}, {ONLINE}"


def test_one_issn_is_written_as_before() -> None:
    [record] = biblioconv.loads(RIS.replace(f"SN  - {ONLINE}\n", ""), "ris")
    [item] = json.loads(biblioconv.dumps(record, "csl-json"))
    assert item["ISSN"] == PRINT


@pytest.mark.parametrize(
    "value", [f"{PRINT}, {ONLINE}", f"{PRINT}; {ONLINE}", [PRINT, ONLINE], f"{PRINT} {ONLINE}"]
)
def test_several_issns_in_csl_are_read_as_several(value: object) -> None:
    item = {"id": "a", "type": "article-journal", "container-title": "J", "ISSN": value}
    report = biblioconv.ConversionReport()
    [record] = biblioconv.loads(json.dumps([item]), "csl-json", report=report)
    assert _issns(record) == [PRINT, ONLINE]
    assert not report.by_code("INVALID_VALUE")


@pytest.mark.parametrize("fmt", ["ris", "datacite", "datacite-json", "dc", "dcterms"])
def test_other_formats_keep_both_issns(fmt: str) -> None:
    [record] = biblioconv.loads(RIS, "ris")
    text = biblioconv.dumps(record, fmt)
    assert PRINT in text and ONLINE in text
    [back] = biblioconv.loads(text, fmt)
    found = [
        i.value
        for i in [*(back.container.identifiers if back.container else []), *back.identifiers]
        if i.scheme in ("issn", "eissn")
    ]
    assert sorted(found) == sorted([PRINT, ONLINE])
