"""A person given only as an ORCID iD: one reading in every reader, visible in every writer."""

from __future__ import annotations

import json
import re

import pytest

import biblioconv
from biblioconv import ConversionReport, Record
from biblioconv.model import Contributor
from biblioconv.names import orcid_name, orcid_of_name, orcid_person

ORCID = "0000-0002-1825-0097"
URL = f"https://orcid.org/{ORCID}"
ALONE = Contributor.model_validate({"identifiers": [{"scheme": "orcid", "value": ORCID}]})

DC = (
    '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title>'
    "<dc:creator>NAME_HERE</dc:creator><dc:creator>Doe, Jane</dc:creator></oai_dc:dc>"
)
DATACITE = (
    '<resource xmlns="http://datacite.org/schema/kernel-4">'
    '<identifier identifierType="DOI">10.1234/abc</identifier>'
    "<creators><creator><creatorName>NAME_HERE</creatorName></creator>"
    '<creator><creatorName nameType="Personal">Doe, Jane</creatorName></creator></creators>'
    "<titles><title>T</title></titles><publisher>P</publisher>"
    "<publicationYear>2020</publicationYear>"
    '<resourceType resourceTypeGeneral="Dataset"/></resource>'
)
DATACITE_JSON = json.dumps(
    {
        "data": {
            "attributes": {
                "doi": "10.1234/abc",
                "creators": [{"name": "NAME_HERE"}, {"name": "Doe, Jane", "nameType": "Personal"}],
                "titles": [{"title": "T"}],
                "publisher": "P",
                "publicationYear": 2020,
                "types": {"resourceTypeGeneral": "Dataset"},
            }
        }
    }
)

SOURCES = {
    "ris": "TY  - JOUR\nTI  - T\nAU  - NAME_HERE\nAU  - Doe, Jane\nER  - \n",
    "bibtex": "@article{x, author = {NAME_HERE and Doe, Jane}, title = {T}}",
    "csl-json": json.dumps(
        [
            {
                "id": "x",
                "type": "article-journal",
                "title": "T",
                "author": [{"literal": "NAME_HERE"}, {"family": "Doe", "given": "Jane"}],
            }
        ]
    ),
    "dc": DC,
    "datacite": DATACITE,
    "datacite-json": DATACITE_JSON,
}

FORMS = [URL, f"http://orcid.org/{ORCID}", f"orcid.org/{ORCID}", f"orcid:{ORCID}", ORCID]


def _source(fmt: str, name: str) -> str:
    return SOURCES[fmt].replace("NAME_HERE", name)


@pytest.mark.parametrize("fmt", sorted(SOURCES))
@pytest.mark.parametrize("name", FORMS)
def test_every_reader_reads_an_orcid_alone_as_a_person_with_that_orcid(fmt: str, name: str) -> None:
    [record] = biblioconv.loads(_source(fmt, name), fmt)
    first, second = record.contributors
    assert first == ALONE.model_copy(update={"role": first.role})
    assert first.role == "author" and first.kind == "person"
    assert (second.family, second.given) == ("Doe", "Jane")


def test_bibtex_reads_the_braced_form_its_writer_gives_the_same_way() -> None:
    [record] = biblioconv.loads("@article{x, author = {{" + URL + "}}, title={T}}", "bibtex")
    assert record.contributors == [ALONE]


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_a_bad_checksum_stays_a_name(fmt: str) -> None:
    bad = f"https://orcid.org/{ORCID[:-1]}8"
    [record] = biblioconv.loads(_source(fmt, bad), fmt, strict=False)
    first = record.contributors[0]
    assert not first.identifiers
    assert bad in (first.literal, first.family)


def test_the_shared_helpers() -> None:
    assert orcid_of_name(f"  {URL} ") == ORCID
    assert orcid_of_name("{" + URL + "}") == ORCID
    assert orcid_of_name("Doe, Jane") is None
    assert orcid_of_name(f"Jane Doe {ORCID}") is None
    assert orcid_person(URL, "editor") == ALONE.model_copy(update={"role": "editor"})
    assert orcid_name(ALONE) == URL
    assert orcid_name(Contributor(family="Doe", identifiers=ALONE.identifiers)) is None


def _record() -> Record:
    return Record.model_validate(
        {
            "id": "x",
            "type": "dataset",
            "titles": [{"text": "T"}],
            "identifiers": [{"scheme": "doi", "value": "10.1234/abc"}],
            "publisher": {"name": "P"},
            "dates": [{"type": "issued", "start": {"year": 2020}}],
            "contributors": [
                {"identifiers": [{"scheme": "orcid", "value": ORCID}]},
                {"family": "Doe", "given": "Jane"},
            ],
        }
    )


WRITTEN = {
    "csl-json": re.escape(f'"author": [{{"literal": "{URL}"}}, {{"family": "Doe"'),
    "bibtex": re.escape(f"author = {{{{{URL}}} and Doe, Jane}}"),
    "biblatex": re.escape(f"author = {{{{{URL}}} and Doe, Jane}}"),
    "ris": re.escape(f"AU  - {URL}\r\nAU  - Doe, Jane")
    + "|"
    + re.escape(f"AU  - {URL}\nAU  - Doe"),
    "datacite": re.escape(f'<creatorName nameType="Personal">{URL}</creatorName>')
    + r"\s*"
    + re.escape(f'<nameIdentifier nameIdentifierScheme="ORCID">{URL}</nameIdentifier>'),
    "datacite-json": re.escape(f'"name": "{URL}"'),
    "dc": re.escape(f"<dc:creator>{URL}</dc:creator>"),
    "dcterms": re.escape(f"<dcterms:creator>{URL}</dcterms:creator>"),
}


@pytest.mark.parametrize("fmt", sorted(WRITTEN))
def test_every_writer_keeps_the_person_visible_and_reports_it(fmt: str) -> None:
    report = ConversionReport()
    options = {"preserve": False} if fmt == "csl-json" else {}
    text = biblioconv.dumps(_record(), fmt, report=report, **options)
    assert re.search(WRITTEN[fmt], text), text
    notes = [d for d in report if URL in d.message]
    assert len(notes) == 1
    assert notes[0].severity == "info" and notes[0].code == "VALUE_COERCED"
    # the ORCID is written, not lost: nothing says the person or the identifier was dropped
    assert not [d for d in report if d.severity != "info" and "contributors" in (d.field or "")]
    [back] = biblioconv.loads(text, fmt)
    assert back.contributors[0] == ALONE
    if fmt == "datacite-json":
        creator = json.loads(text)["data"]["attributes"]["creators"][0]
        assert creator["nameIdentifiers"][0]["nameIdentifierScheme"] == "ORCID"


def test_datacite_output_with_a_person_known_by_orcid_is_valid() -> None:
    assert biblioconv.validate(biblioconv.dumps(_record(), "datacite").encode(), "datacite") == []


def test_dublin_core_creator_given_as_orcid_stays_in_csl_json_and_citations() -> None:
    [record] = biblioconv.loads(DC.replace("NAME_HERE", URL), "dc")
    item = json.loads(biblioconv.dumps(record, "csl-json", preserve=False))[0]
    assert item["author"][0] == {"literal": URL}
    [entry] = biblioconv.cite([record], "apa")
    assert URL in entry.text
