"""What DataCite cannot give back as it was, named by the write: small records after the
golden records of the newer formats (Crossref, MODS, CFF, schema.org, CodeMeta, EndNote XML)
that exposed differences no diagnostic named. Each is written to both DataCite formats, read
back, and every difference must be named (:func:`biblioconv.readback.check`); the diagnostic
that names it is checked too, and the XML stays valid against the kernel's XSD.
"""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree
from testsupport import load_xsd

import biblioconv
from biblioconv import readback
from biblioconv.model import Record
from biblioconv.report import ConversionReport

TARGETS = ("datacite", "datacite-json")
BASE: dict[str, Any] = {
    "type": "article-journal",
    "titles": [{"text": "A study"}],
    "contributors": [{"family": "Smith", "given": "Jane"}],
    "dates": [{"type": "issued", "start": {"year": 2001}}],
    "publisher": {"name": "P"},
    "identifiers": [{"scheme": "doi", "value": "10.1234/abc"}],
}
DOI = {"scheme": "doi", "value": "10.1234/abc"}

CASES: dict[str, tuple[dict[str, Any], list[str]]] = {
    # an identifier repeating the DOI is written once: what follows moves up
    "repeated DOI": (
        {
            "identifiers": [
                DOI,
                {"scheme": "url", "value": "https://example.org/a"},
                {"scheme": "doi", "value": "10.1234/ABC"},
                {"scheme": "isbn", "value": "9781891830440"},
            ]
        },
        ["identifiers[2]", "identifiers[3]"],
    ),
    # a relation given only as a citation is left out: the relations after it move up
    "citation-only relation": (
        {
            "relations": [
                {"type": "References", "citation": "Doe J. (2001) A book."},
                {"type": "References", "identifier": {"scheme": "doi", "value": "10.1/x"}},
                {"type": "IsPartOf", "identifier": {"scheme": "url", "value": "https://x.org/"}},
            ]
        },
        ["relations[0]", "relations[1]", "relations[2]"],
    ),
    # an IsPublishedIn ISSN beside the container's relatedItem is read back as the container's
    "relation into the container": (
        {
            "container": {"titles": [{"text": "J"}]},
            "relations": [
                {"type": "IsPublishedIn", "identifier": {"scheme": "issn", "value": "0317-8471"}}
            ],
        },
        ["relations[0]", "container.identifiers[0]"],
    ),
    "relation into the container, before its own": (
        {
            "container": {
                "titles": [{"text": "J"}],
                "identifiers": [
                    {"scheme": "issn", "value": "1234-5679"},
                    {"scheme": "isbn", "value": "9781891830440"},
                ],
            },
            "relations": [
                {"type": "IsPublishedIn", "identifier": {"scheme": "issn", "value": "0317-8471"}}
            ],
        },
        ["relations[0]", "container.identifiers[1]"],
    ),
    # funderIdentifierType is required beside a funderIdentifier: written from the scheme
    "funder identifier type": (
        {
            "funding": [
                {
                    "funder_name": "NSF",
                    "funder_identifier": {"scheme": "crossref-funder", "value": "100000001"},
                }
            ]
        },
        ["funding[0].funder_identifier_type"],
    ),
    # a container's date is its year; an identifier's label that is no DataCite type is left out
    "container date and labelled ISBNs": (
        {
            "type": "chapter",
            "container": {
                "titles": [{"text": "Obese Cat Care"}],
                "identifiers": [
                    {"scheme": "isbn", "value": "9781596680548", "label": "electronic"},
                    {"scheme": "isbn", "value": "9789000002191", "label": "print"},
                ],
                "issued": {"start": {"year": 2009}, "information": "print"},
            },
        },
        ["container.issued", "container.identifiers[0].label", "container.identifiers[1].label"],
    ),
    # a date that has a text beside its value is written as its value
    "date text": (
        {
            "dates": [
                {"type": "issued", "start": {"year": 2021, "month": 7, "day": 7}},
                {"type": "accepted", "start": {"year": 2021}, "literal": "2021-34-07"},
            ]
        },
        ["dates[1].literal"],
    ),
    # relatedItemType is mandatory: an item without a type is written as Other
    "related item without type": (
        {
            "related_items": [
                {"relation_type": "IsDerivedFrom", "issued": {"start": {"year": 1955}}},
                {"relation_type": "IsPartOf", "type": "book", "native_type": "Journal"},
            ]
        },
        [
            "related_items[0].type",
            "related_items[0].native_type",
            "related_items[1].native_type",
        ],
    ),
    # a personal name given only whole, as "Family, Given", is read back split
    "personal name as a whole": (
        {"contributors": [{"literal": "Ångström, Anders"}]},
        ["contributors[0]"],
    ),
    # an access right that is no URI is a rights statement, read back as rights
    "access right as text": (
        {
            "rights": [
                {"statement": "CC BY", "uri": "https://creativecommons.org/licenses/by/4.0/"}
            ],
            "access_rights": "embargoed until 2020",
        },
        ["access_rights", "rights[1]"],
    ),
    # a bare info:eu-repo rights URI before the access right is read back as the access right
    "eu-repo rights URI": (
        {
            "rights": [
                {"uri": "info:eu-repo/semantics/closedAccess"},
                {"statement": "All rights reserved"},
            ],
            "access_rights": "info:eu-repo/semantics/openAccess",
        },
        ["rights[0]", "access_rights", "rights[1]"],
    ),
}


def _record(update: dict[str, Any]) -> Record:
    return Record.model_validate({**BASE, **update})


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_difference_is_named(name: str, target: str) -> None:
    update, named = CASES[name]
    record = _record(update)
    assert list(readback.check([record], target, options={"fill_unknown": True})) == []
    report = ConversionReport(max_diagnostics=None)
    text = biblioconv.dumps([record], target, report=report, fill_unknown=True)
    fields = {d.field for d in report.diagnostics}
    assert set(named) <= fields, sorted(f for f in fields if f)
    if target == "datacite":
        schema = load_xsd("datacite/kernel-4.7/metadata.xsd")
        doc = etree.fromstring(text.encode() if isinstance(text, str) else text)
        assert schema.validate(doc), schema.error_log


def test_what_comes_back_exactly_is_not_reported() -> None:
    record = _record(
        {
            "rights": [{"statement": "CC BY"}],
            "access_rights": "info:eu-repo/semantics/openAccess",
            "funding": [
                {
                    "funder_name": "NSF",
                    "funder_identifier": {"scheme": "crossref-funder", "value": "100000001"},
                    "funder_identifier_type": "Crossref Funder ID",
                }
            ],
            "container": {
                "titles": [{"text": "J"}],
                "identifiers": [{"scheme": "eissn", "value": "0317-8471"}],
                "issued": {"start": {"year": 2009}},
            },
        }
    )
    for target in TARGETS:
        report = ConversionReport(max_diagnostics=None)
        text = biblioconv.dumps([record], target, report=report, fill_unknown=True)
        fields = {d.field for d in report.diagnostics}
        assert not fields & {
            "access_rights",
            "funding[0].funder_identifier_type",
            "funding[0].funder_identifier",
            "container.issued",
            "container.identifiers[0]",
            "container.identifiers[0].label",
        }
        [back] = biblioconv.loads(text, target)
        assert back.access_rights == record.access_rights
        assert back.rights == record.rights
        assert back.funding == record.funding
        assert back.container is not None and record.container is not None
        assert back.container.identifiers == record.container.identifiers
        assert back.container.issued == record.container.issued
