"""DataCite XML and JSON: kitchen sinks of every kernel version, golden records, versions,
harvests, errors, round trips and cross-format trips."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from testsupport import EXAMPLES, SHARED, load_xsd

import biblioconv
from biblioconv import registry
from biblioconv.crosswalk import dropped_fields
from biblioconv.errors import BiblioconvError, ParseError, UnsafeInputError, WriteError
from biblioconv.formats.datacite import versions as V
from biblioconv.formats.datacite.crosswalk import RESOURCE_TYPES
from biblioconv.formats.datacite.table import CROSSWALK
from biblioconv.model import Contributor, DateValue, PartialDate, Record, Title
from biblioconv.report import ConversionReport

CASES = Path(__file__).parent / "cases"
ALL_VERSIONS = V.WRITE_VERSIONS
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def xsd_for(version: str) -> etree.XMLSchema:
    return load_xsd(f"datacite/{V.xsd_version(version)}/metadata.xsd")


def assert_valid(xml: bytes | str, version: str) -> None:
    """Every ``<resource>`` of a document (bare, or in an OAI-PMH response) is valid."""
    data = xml.encode() if isinstance(xml, str) else xml
    root = etree.fromstring(data)  # one well-formed document
    resources = (
        [root] if etree.QName(root).localname == "resource" else root.iterfind(".//{*}resource")
    )
    schema = xsd_for(version)
    n = 0
    for resource in resources:
        n += 1
        ok = schema.validate(etree.ElementTree(etree.fromstring(etree.tostring(resource))))
        assert ok, f"DataCite {version}: {schema.error_log.last_error}"
    assert n


def _norm(text: str | None) -> str:
    value = " ".join((text or "").split())
    try:
        return repr(float(value)) if re.fullmatch(r"-?\d+(\.\d+)?", value) else value
    except ValueError:  # pragma: no cover
        return value


def items(xml: bytes | str) -> set[tuple[str, str, str]]:
    """Every element and attribute of a document as (path, attribute, normalised value)."""
    root = etree.fromstring(xml.encode() if isinstance(xml, str) else xml)
    out: set[tuple[str, str, str]] = set()

    def walk(elem: Any, path: str) -> None:
        own = "".join(elem.itertext()) if len(elem) == 0 or elem.tag.endswith("description") else ""
        out.add((path, "", _norm(own)))
        for name, value in elem.attrib.items():
            if "schemaLocation" in name:
                continue
            out.add((path, name.replace(XML_LANG, "xml:lang"), _norm(value)))
        for child in elem:
            walk(child, f"{path}/{etree.QName(child).localname}")

    for child in root:
        walk(child, etree.QName(child).localname)
    return out


def kitchen_sinks() -> list[tuple[str, Path]]:
    return [(p.stem.rsplit("-", 1)[1], p) for p in sorted(CASES.glob("kitchen-sink-*.xml"))]


def minimals() -> list[tuple[str, Path]]:
    return [(p.stem.rsplit("-", 1)[1], p) for p in sorted(CASES.glob("minimal-*.xml"))]


# -- kitchen sinks and minimal documents ---------------------------------------------------------


def test_there_is_a_kitchen_sink_and_a_minimal_document_per_version() -> None:
    assert sorted(v for v, _ in kitchen_sinks()) == sorted(ALL_VERSIONS)
    assert sorted(v for v, _ in minimals()) == sorted(ALL_VERSIONS)


@pytest.mark.parametrize(("version", "path"), kitchen_sinks(), ids=lambda x: str(x))
def test_kitchen_sink_covers_every_path_of_its_version(version: str, path: Path) -> None:
    fields = "datacite-3.1.json" if version.startswith("3") else "datacite-4.7.json"
    data = json.loads((SHARED / "fields" / fields).read_text("utf-8"))
    expected = {f["path"] for f in data["fields"] if V.has_path(f["path"], version)}
    expected.discard("resource")
    present = set()
    for p, attr, _ in items(path.read_bytes()):
        present.add(f"{p}@{attr}" if attr else p)
    assert expected - present == set()


@pytest.mark.parametrize(
    ("version", "path"), kitchen_sinks() + minimals(), ids=lambda x: getattr(x, "name", x)
)
def test_document_reads_without_loss_and_writes_back_valid(version: str, path: Path) -> None:
    data = path.read_bytes()
    assert_valid(data, version)
    report = ConversionReport()
    records = biblioconv.loads(data, "datacite", report=report)
    assert len(records) == 1
    assert not report.by_code("UNKNOWN_FIELD") and not report.by_code("RECORD_SKIPPED")
    out_report = ConversionReport()
    out = biblioconv.dumps(records, "datacite", version=version, report=out_report)
    assert_valid(out, version)
    missing = items(data) - items(out)
    assert missing == set()
    assert not out_report.by_code("VERSION_DOWNGRADE") or version.startswith("3")
    assert biblioconv.loads(out, "datacite") == records


@pytest.mark.parametrize("target", ALL_VERSIONS)
def test_the_newest_kitchen_sink_written_as_any_version_validates(target: str) -> None:
    records = biblioconv.loads((CASES / "kitchen-sink-4.7.xml").read_bytes(), "datacite")
    report = ConversionReport()
    out = biblioconv.dumps(records, "datacite", version=target, report=report)
    assert_valid(out, target)
    downgrades = report.by_code("VERSION_DOWNGRADE")
    if target == "4.7":
        assert not downgrades
    else:
        assert downgrades
        assert any("Poster" in d.message for d in downgrades)


def test_kitchen_sink_golden_records() -> None:
    for name in ("kitchen-sink-4.7", "kitchen-sink-3.1"):
        records = biblioconv.loads((CASES / f"{name}.xml").read_bytes(), "datacite")
        got = [r.model_dump(mode="json", exclude_defaults=True) for r in records]
        expected = json.loads((CASES / f"{name}.record.json").read_text("utf-8"))
        assert got == expected, name


def test_kitchen_sink_details() -> None:
    (rec,) = biblioconv.loads((CASES / "kitchen-sink-4.7.xml").read_bytes(), "datacite")
    assert rec.type == "poster" and rec.native_types == {"datacite": "Poster"}
    assert rec.doi == "10.82433/b09z-4k37"
    first = rec.authors[0]
    assert (first.family, first.given, first.orcid) == ("Garcia", "Sofia", "0000-0001-5727-2427")
    assert first.affiliations[0].identifiers[0].value == "04wxnsj81"
    assert rec.authors[1].kind == "organization" and rec.et_al == ["author"]
    assert rec.container is not None and rec.container.volume == "7"
    assert rec.container.pages is not None and rec.container.pages.text() == "101-102"
    assert rec.related_items[0].relation_type == "Other"
    assert rec.descriptions[0].text == "First paragraph of the abstract.\nSecond paragraph."
    assert rec.geo_locations[0].polygons[0].in_point is not None
    assert rec.funding[0].award_uri == "https://cordis.europa.eu/project/id/654321"
    coverage = rec.date("coverage")
    assert coverage is not None and coverage.is_range
    other = rec.date("other")
    assert other is not None and other.information == "first shown at the workshop"


def test_kernel3_specifics() -> None:
    (rec,) = biblioconv.loads((CASES / "kitchen-sink-3.1.xml").read_bytes(), "datacite")
    geo = rec.geo_locations[0]
    assert geo.point is not None and (geo.point.latitude, geo.point.longitude) == (31.233, -67.302)
    assert geo.box is not None and (geo.box.south, geo.box.west) == (41.09, -71.032)
    assert rec.funding[0].funder_name == "European Commission"
    assert rec.funding[0].funder_identifier is not None
    assert rec.funding[0].funder_identifier.scheme == "crossref-funder"
    assert rec.authors[1].kind == "organization"


# -- the example record: DOI missing, authors known only by ORCID ----------------------------------


def _example() -> Record:
    return Record.model_validate_json((EXAMPLES / "social-innovators.record.json").read_text())


def test_example_without_fill_unknown_names_every_missing_property() -> None:
    with pytest.raises(WriteError) as exc:
        biblioconv.dumps(_example(), "datacite", strict=True)
    message = str(exc.value)
    assert "identifier (a DOI)" in message
    assert "creator" not in message  # the persons known only by ORCID are named by their iD
    report = ConversionReport()
    empty = biblioconv.dumps(_example(), "datacite", report=report)
    assert biblioconv.loads(empty, "datacite") == []  # an OAI-PMH response without records
    assert 'code="noRecordsMatch"' in empty
    assert report.records_skipped == 1
    assert len(report.by_code("MISSING_REQUIRED")) == 1


def test_example_with_fill_unknown_matches_the_golden_file_and_keeps_the_orcids() -> None:
    report = ConversionReport()
    out = biblioconv.dumps(_example(), "datacite", fill_unknown=True, report=report)
    assert out == (EXAMPLES / "social-innovators.datacite.xml").read_text("utf-8")
    assert_valid(out, "4.7")
    # the persons known only by ORCID: the iD as creatorName and as nameIdentifier
    assert out.count('<creatorName nameType="Personal">https://orcid.org/') == 5
    assert ":unav</creatorName>" not in out
    assert {d.field for d in report.by_code("MISSING_REQUIRED")} == {"identifier"}
    (back,) = biblioconv.loads(out, "datacite")
    assert [c.orcid for c in back.authors] == [c.orcid for c in _example().authors]
    assert all(c.literal is None and c.family is None for c in back.authors)
    assert back.container is not None and back.container.issue == "3"
    assert [i.scheme for i in back.container.identifiers] == ["issn", "eissn"]
    # the codes are remembered, so writing again needs no filling
    again = ConversionReport()
    assert biblioconv.dumps(back, "datacite", report=again) == out
    assert not again.by_code("MISSING_REQUIRED")


def test_example_json_golden() -> None:
    out = biblioconv.dumps(_example(), "datacite-json", fill_unknown=True)
    assert out == (EXAMPLES / "social-innovators.datacite.json").read_text("utf-8")
    attrs = json.loads(out)["data"]["attributes"]
    assert attrs["relatedItems"][0]["volume"] == "8"


@pytest.mark.parametrize("version", ["4.0", "4.1", "4.2", "4.3"])
def test_container_locators_before_44_are_reported(version: str) -> None:
    report = ConversionReport()
    out = biblioconv.dumps(
        _example(), "datacite", fill_unknown=True, version=version, report=report
    )
    assert_valid(out, version)
    fields = {d.field for d in report.by_code("VERSION_DOWNGRADE")}
    assert {"container.volume", "container.issue", "container.pages"} <= fields
    assert 'relationType="IsPartOf"' in out and "2055-8074" in out


def test_kernel3_refuses_a_record_without_doi_even_with_fill_unknown() -> None:
    with pytest.raises(WriteError, match=r"3\.1 requires a DOI"):
        biblioconv.dumps(_example(), "datacite", fill_unknown=True, version="3.1", strict=True)


def test_missing_year_has_no_code_and_fails() -> None:
    rec = Record(
        type="dataset",
        titles=[Title(text="T")],
        contributors=[Contributor(family="Doe", given="J")],
        identifiers=[{"scheme": "doi", "value": "10.5072/x"}],  # type: ignore[list-item]
        publisher={"name": "P"},  # type: ignore[arg-type]
    )
    with pytest.raises(WriteError, match="publicationYear"):
        biblioconv.dumps(rec, "datacite", fill_unknown=True, strict=True)


# -- versions ---------------------------------------------------------------------------------


def test_versions_data_matches_the_field_lists() -> None:
    d47 = json.loads((SHARED / "fields" / "datacite-4.7.json").read_text("utf-8"))
    d31 = json.loads((SHARED / "fields" / "datacite-3.1.json").read_text("utf-8"))
    assert tuple(f["path"] for f in d47["fields"]) == V.PATHS_4
    assert {f["path"] for f in d31["fields"]} == V.PATHS_3
    assert {f["path"]: f["since"] for f in d47["fields"] if f["since"] != "<=4.3"} == (
        V.PATH_SINCE_4
    )
    assert {c["name"]: c["values_since"] for c in d47["controlled_lists"]} == V.LISTS_4
    assert {c["name"]: tuple(c["values"]) for c in d31["controlled_lists"]} == V.LISTS_3


def test_xsd_enumerations_agree_with_version_rules() -> None:
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    for version in ("4.3", "4.4", "4.5", "4.6", "4.7"):
        inc = SHARED / "schemas" / "datacite" / f"kernel-{version}" / "include"
        doc = etree.parse(str(inc / "datacite-resourceType-v4.xsd"))
        values = {e.get("value") for e in doc.iterfind(".//xs:enumeration", ns)}
        assert values == set(V.allowed_values("resourceType", version)), version


def test_nearest_values() -> None:
    assert V.nearest("resourceType", "Poster", "4.6") == "Text"
    assert V.nearest("resourceType", "Instrument", "4.4") == "PhysicalObject"
    assert V.nearest("relationType", "IsPublishedIn", "4.3") == "IsPartOf"
    assert V.nearest("dateType", "Coverage", "4.0") is None
    assert V.nearest("relatedIdentifierType", "w3id", "3.1") == "URL"


def test_version_detection() -> None:
    from biblioconv.formats.datacite.reader import detect_version
    from biblioconv.xmlsafe import fromstring

    data = (CASES / "kitchen-sink-4.5.xml").read_bytes()
    assert detect_version(fromstring(data, source="x")) == "4.5"
    undeclared = re.sub(rb'xsi:schemaLocation="[^"]*"', b"", data)
    assert detect_version(fromstring(undeclared, source="x")) == "4.5"
    minimal = re.sub(rb'xsi:schemaLocation="[^"]*"', b"", (CASES / "minimal-4.0.xml").read_bytes())
    assert detect_version(fromstring(minimal, source="x")) == "4.0"
    k3 = (CASES / "kitchen-sink-3.1.xml").read_bytes()
    assert detect_version(fromstring(k3, source="x")) == "3.1"


# -- streams: OAI-PMH, dumps, JSON ---------------------------------------------------------------

OAI = """<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
  <responseDate>2024-01-01T00:00:00Z</responseDate>
  <request verb="ListRecords" metadataPrefix="oai_datacite">https://oai.datacite.org/oai</request>
  <ListRecords>
    <record><header><identifier>doi:10.5072/one</identifier><datestamp>2024-01-01</datestamp></header>
      <metadata><oai_datacite xmlns="http://schema.datacite.org/oai/oai-1.1/">
        <schemaVersion>4.3</schemaVersion><datacentreSymbol>X.Y</datacentreSymbol>
        <payload>{one}</payload></oai_datacite></metadata></record>
    <record><header status="deleted"><identifier>doi:10.5072/gone</identifier><datestamp>2024-01-01</datestamp></header></record>
    <record><header><identifier>doi:10.5072/two</identifier><datestamp>2024-01-01</datestamp></header>
      <metadata>{two}</metadata></record>
    <resumptionToken cursor="0">token-123</resumptionToken>
  </ListRecords>
</OAI-PMH>
"""


def _body(path: Path) -> str:
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", path.read_text("utf-8"))


def test_oai_pmh_list_records() -> None:
    doc = OAI.format(
        one=_body(CASES / "minimal-4.3.xml"), two=_body(CASES / "kitchen-sink-3.1.xml")
    )
    report = ConversionReport()
    records = list(biblioconv.read(doc.encode(), "datacite", report=report))
    assert [r.doi for r in records] == ["10.5072/minimal-4.3", "10.5072/d3p0-kt31"]
    assert report.resumption_token == "token-123"
    assert [d.record for d in report.by_code("DELETED_RECORD")] == ["doi:10.5072/gone"]
    assert biblioconv.detect(doc.encode()).format == "datacite"


class _AnyDate:
    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", other) is not None


ANY_DATE = _AnyDate()


def test_concatenated_dump_and_multi_record_output() -> None:
    dump = b"\n".join(p.read_bytes() for _, p in minimals())
    records = biblioconv.loads(dump, "datacite")
    assert len(records) == len(ALL_VERSIONS)
    out = biblioconv.dumps(records, "datacite")
    # one well-formed document: an OAI-PMH ListRecords response holding each resource
    root = etree.fromstring(out.encode())
    assert root.tag == "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"
    assert out.count("<?xml") == 1 and out.count("<resource ") == len(records)
    assert_valid(out, "4.7")
    back = biblioconv.loads(out, "datacite")
    # the envelope gives each record a header (its DOI, the response's date), read back as kept
    for record in back:
        header = {k: v for k, v in record.extras["datacite"].items() if k.startswith("oai:")}
        assert header == {"oai:identifier": f"doi:{record.doi}", "oai:datestamp": ANY_DATE}
        extras = {k: v for k, v in record.extras["datacite"].items() if k not in header}
        record.extras = {"datacite": extras} if extras else {}
    # the kernel-3 minimal record has no resourceType: written as Text in kernel-4
    assert back[0].native_types == {"datacite": "Text"}
    assert back[1:] == records[1:]
    assert back[0].model_copy(update={"native_types": {}}) == records[0]


def test_streaming_reader_clears_elements() -> None:
    body = _body(CASES / "minimal-4.7.xml")
    many = ("<?xml version='1.0'?>\n" + body) * 300
    stream = biblioconv.read(many.encode(), "datacite")
    first = next(stream)
    assert first.title == "Minimal record"
    assert sum(1 for _ in stream) == 299


@pytest.mark.parametrize(("version", "path"), kitchen_sinks(), ids=lambda x: str(x))
def test_json_round_trip(version: str, path: Path) -> None:
    records = biblioconv.loads(path.read_bytes(), "datacite")
    text = biblioconv.dumps(records, "datacite-json", version=version)
    data = json.loads(text)
    assert data["data"]["type"] == "dois"
    assert biblioconv.loads(text, "datacite-json") == [
        r.model_copy(update={"extras": _rekey(r.extras), "native_types": _rekey(r.native_types)})
        for r in records
    ]


def _rekey(mapping: dict[str, Any]) -> dict[str, Any]:
    return {("datacite-json" if k == "datacite" else k): v for k, v in mapping.items()}


def test_json_shapes_list_lines_and_plain_attributes() -> None:
    records = biblioconv.loads(b"\n".join(p.read_bytes() for _, p in minimals()[:3]), "datacite")
    listed = biblioconv.dumps(records, "datacite-json")
    assert len(json.loads(listed)["data"]) == 3
    lines = biblioconv.dumps(records, "datacite-json", lines=True)
    assert len(lines.splitlines()) == 3
    assert biblioconv.loads(lines, "datacite-json") == biblioconv.loads(listed, "datacite-json")
    plain = [json.loads(line)["attributes"] for line in lines.splitlines()]
    again = biblioconv.loads(json.dumps(plain), "datacite-json")
    assert [r.doi for r in again] == [r.doi for r in records]


def test_json_rest_api_variants() -> None:
    doc = {
        "data": {
            "id": "10.5072/api",
            "type": "dois",
            "attributes": {
                "creators": [{"name": "ACME Lab", "affiliation": ["Somewhere"]}],
                "titles": [{"title": "API record"}],
                "publisher": "Repo",
                "publicationYear": 2021,
                "types": {"resourceTypeGeneral": "Dataset", "schemaOrg": "Dataset"},
                "identifiers": [
                    {"identifier": "https://doi.org/10.5072/API", "identifierType": "DOI"}
                ],
                "url": "https://example.org/landing",
                "viewCount": 3,
            },
        }
    }
    report = ConversionReport()
    (rec,) = biblioconv.loads(json.dumps(doc), "datacite-json", report=report)
    assert rec.doi == "10.5072/api" and len(rec.identifiers) == 1
    assert rec.authors[0].kind == "organization"
    assert rec.authors[0].affiliations[0].name == "Somewhere"
    assert rec.extras["datacite-json"]["json:viewCount"] == 3
    assert [d.field for d in report.by_code("UNKNOWN_FIELD")] == [None]
    out = json.loads(biblioconv.dumps(rec, "datacite-json"))["data"]["attributes"]
    assert out["viewCount"] == 3 and out["url"] == "https://example.org/landing"
    assert out["types"]["schemaOrg"] == "Dataset"


# -- errors and hostile input -------------------------------------------------------------------


def test_malformed_xml_names_the_line() -> None:
    bad = (CASES / "minimal-4.7.xml").read_text().replace("</titles>", "</title>")
    with pytest.raises(ParseError) as exc:
        biblioconv.loads(bad, "datacite")
    assert exc.value.line is not None and "datacite" not in str(exc.value).split(":")[0]


def test_entities_are_refused() -> None:
    evil = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><resource>&a;</resource>'
    with pytest.raises(UnsafeInputError):
        biblioconv.loads(evil, "datacite")


def test_broken_record_is_skipped_and_the_rest_read() -> None:
    good = _body(CASES / "minimal-4.7.xml")
    broken = good.replace("<geoLocation", "<x").replace(
        "</resource>",
        "<geoLocations><geoLocation><geoLocationPoint><pointLongitude>999</pointLongitude>"
        "<pointLatitude>1</pointLatitude></geoLocationPoint></geoLocation></geoLocations></resource>",
    )
    report = ConversionReport()
    records = biblioconv.loads(broken + good, "datacite", report=report)
    assert len(records) == 2
    assert records[0].extras["datacite"]["invalidGeoLocations"]
    assert report.by_code("INVALID_VALUE")


def test_unknown_elements_are_kept_and_reported() -> None:
    data = (
        (CASES / "minimal-4.7.xml")
        .read_text()
        .replace("</resource>", '<extraThing a="1">x</extraThing></resource>')
    )
    report = ConversionReport()
    (rec,) = biblioconv.loads(data, "datacite", report=report)
    assert "xml:/extraThing" in rec.extras["datacite"]
    assert report.by_code("UNKNOWN_FIELD")
    out_report = ConversionReport()
    biblioconv.dumps(rec, "datacite", report=out_report)
    assert any(
        d.field == "extras.datacite.xml:/extraThing" for d in out_report.by_code("FIELD_DROPPED")
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_biblioconv_errors(data: bytes) -> None:
    for fmt in ("datacite", "datacite-json"):
        with contextlib.suppress(BiblioconvError):
            list(biblioconv.read(data, fmt))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_arbitrary_text_inside_a_resource(text: str) -> None:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    doc = (CASES / "minimal-4.7.xml").read_text().replace("Minimal record", escaped)
    with contextlib.suppress(BiblioconvError):
        list(biblioconv.read(doc.encode("utf-8", "surrogatepass"), "datacite"))


_words = st.text(alphabet=st.characters(whitelist_categories=("L",)), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)
@given(
    title=_words,
    people=st.lists(st.tuples(_words, _words), min_size=1, max_size=4),
    year=st.integers(1000, 2100),
    hub=st.sampled_from(sorted(set(RESOURCE_TYPES.values()))),
    version=st.sampled_from(ALL_VERSIONS),
)
def test_write_read_gives_the_record_back(
    title: str, people: list[tuple[str, str]], year: int, hub: str, version: str
) -> None:
    rec = Record(
        type=hub,  # type: ignore[arg-type]
        titles=[Title(text=title)],
        contributors=[Contributor(family=f, given=g) for f, g in people],
        dates=[DateValue(start=PartialDate(year=year))],
        identifiers=[{"scheme": "doi", "value": "10.5072/x"}],  # type: ignore[list-item]
        publisher={"name": "P"},  # type: ignore[arg-type]
    )
    out = biblioconv.dumps(rec, "datacite", version=version)
    assert_valid(out, version)
    (back,) = biblioconv.loads(out, "datacite")
    assert back.title == title and back.issued == rec.issued
    assert [(c.family, c.given) for c in back.authors] == people
    if V.is_allowed("resourceType", CROSSWALK.type_from_hub(hub) or "", version):
        assert back.type == hub


# -- cross-format trips ----------------------------------------------------------------------------


def _top(path: str) -> str:
    return re.split(r"[.(\[]", path, maxsplit=1)[0]


@pytest.mark.parametrize("target", ["csl-json", "bibtex", "ris"])
def test_cross_format_report_names_exactly_what_the_target_cannot_hold(target: str) -> None:
    (rec,) = biblioconv.loads((CASES / "kitchen-sink-4.7.xml").read_bytes(), "datacite")
    cw = registry.get(target).get_crosswalk()
    assert cw is not None
    report = ConversionReport()
    out = biblioconv.dumps(rec, target, report=report, source_format="datacite")
    named = {d.field for d in report.diagnostics if d.field}
    carried = set(dropped_fields(rec, cw))
    # each writer names a loss at its own granularity: the path itself or its top-level field
    unnamed = {p for p in carried if p not in named and _top(p) not in {_top(n) for n in named}}
    assert unnamed == set()
    claimed = {d.field for d in report.by_code("FIELD_DROPPED") if d.field in cw.unmapped}
    assert claimed <= carried
    (back,) = biblioconv.loads(out, target)
    assert back.title is not None and rec.title is not None
    assert back.title.startswith(rec.title)
    assert back.doi == rec.doi
    assert back.issued is not None and back.issued.year == 2023
    assert back.authors[0].family == "Garcia"
    # and back into DataCite: still valid
    again = biblioconv.dumps(back, "datacite", fill_unknown=True)
    assert_valid(again, "4.7")


def test_datacite_to_datacite_json_and_back_is_lossless_for_the_example() -> None:
    xml = (EXAMPLES / "social-innovators.datacite.xml").read_bytes()
    records = biblioconv.loads(xml, "datacite")
    text = biblioconv.dumps(records, "datacite-json")
    assert biblioconv.dumps(biblioconv.loads(text, "datacite-json"), "datacite") == xml.decode()


def test_format_registration() -> None:
    assert registry.get("datacite-xml").name == "datacite"
    assert registry.get("datacite-json").can_write
    head = (CASES / "minimal-4.7.xml").read_bytes()
    assert biblioconv.detect(head).format == "datacite"
    stream = io.BytesIO(
        biblioconv.dumps(biblioconv.loads(head, "datacite"), "datacite-json").encode()
    )
    assert biblioconv.detect(stream).format == "datacite-json"


def test_a_season_of_the_issued_year_is_reported() -> None:
    record = Record.model_validate(
        {
            "type": "article-journal",
            "titles": [{"text": "T"}],
            "contributors": [{"family": "A", "given": "B"}],
            "publisher": {"name": "P"},
            "identifiers": [{"scheme": "doi", "value": "10.1/x"}],
            "dates": [{"type": "issued", "start": {"year": 2001, "season": 2}}],
        }
    )
    report = ConversionReport()
    text = biblioconv.dumps(record, "datacite", report=report)
    assert "<publicationYear>2001</publicationYear>" in text and "<dates>" not in text
    assert [(d.code.value, d.field, d.message) for d in report.diagnostics] == [
        (
            "VALUE_COERCED",
            "dates[0].start.season",
            "season of the issued date 2001-22 not written (publicationYear only)",
        )
    ]


def test_joined_name_particles_are_reported_at_the_given_name_path() -> None:
    record = Record.model_validate(
        {
            "type": "dataset",
            "titles": [{"text": "T"}],
            "contributors": [{"family": "Gogh", "given": "V", "non_dropping_particle": "van"}],
            "publisher": {"name": "P"},
            "identifiers": [{"scheme": "doi", "value": "10.1/x"}],
            "dates": [{"type": "issued", "start": {"year": 2001}}],
        }
    )
    report = ConversionReport()
    text = biblioconv.dumps(record, "datacite", report=report)
    assert "<familyName>van Gogh</familyName>" in text
    assert [(d.field, d.message) for d in report.diagnostics] == [
        (
            "contributors[0]",
            "creator 1: name particles and suffix are joined into the names",
        )
    ]


@pytest.mark.parametrize("target", ["datacite", "datacite-json"])
def test_what_datacite_cannot_carry_is_named_by_record_path(target: str) -> None:
    from biblioconv.readback import check

    record = Record.model_validate(
        {
            "type": "paper-conference",
            "titles": [{"text": "The <i>Drosophila</i> genome"}, {"text": "Fly", "type": "short"}],
            "contributors": [
                {"family": "Editor", "given": "E", "role": "editor"},
                {"family": "Gaulle", "given": "C", "non_dropping_particle": "de"},
            ],
            "publisher": {"name": "P", "place": "Leiden"},
            "identifiers": [
                {"scheme": "url", "value": "https://example.org/x"},
                {"scheme": "doi", "value": "10.1/x"},
            ],
            "dates": [{"type": "issued", "start": {"year": 2001}}],
            "descriptions": [{"text": "A note", "type": "note"}],
            "number_of_pages": "12",
            "series": {"titles": [{"text": "Lecture Notes"}], "number": "4"},
        }
    )
    report = ConversionReport()
    biblioconv.dumps(record, target, report=report)
    coerced = {d.field for d in report.by_code("VALUE_COERCED")}
    assert {
        "titles[0].text",
        "titles[1].type",
        "contributors[0]",
        "contributors[1]",
        "identifiers[0]",
        "identifiers[1]",
        "descriptions[0].type",
        "descriptions[1]",
        "number_of_pages",
        "sizes[0]",
        "series.titles[0]",
        "series.number",
    } <= coerced
    dropped = {d.field for d in report.by_code("FIELD_DROPPED")}
    assert "publisher.place" in dropped
    assert not any("/" in (d.field or "") for d in report.diagnostics)  # no DataCite names
    assert list(check([record], target)) == []


def test_oai_pmh_headers_are_kept_and_written_back() -> None:
    """The header of each harvested record (identifier, datestamp, sets) is kept in the
    record's extras; the OAI-PMH envelope writes it back; a bare document or DataCite JSON
    says it is not written."""
    doc = OAI.format(
        one=_body(CASES / "minimal-4.3.xml"), two=_body(CASES / "kitchen-sink-3.1.xml")
    ).replace(
        "<datestamp>2024-01-01</datestamp></header>\n      <metadata><oai",
        "<datestamp>2023-05-06</datestamp><setSpec>X.Y</setSpec><setSpec>X</setSpec>"
        "</header>\n      <metadata><oai",
        1,
    )
    records = list(biblioconv.read(doc.encode(), "datacite"))
    kept = [{k: v for k, v in r.extras["datacite"].items() if k.startswith("oai")} for r in records]
    assert kept == [
        {
            "oai:identifier": "doi:10.5072/one",
            "oai:datestamp": "2023-05-06",
            "oai:setSpec": ["X.Y", "X"],
            "oai_datacite:schemaVersion": "4.3",
            "oai_datacite:datacentreSymbol": "X.Y",
        },
        {"oai:identifier": "doi:10.5072/two", "oai:datestamp": "2024-01-01"},
    ]
    report = ConversionReport()
    out = biblioconv.dumps(records, "datacite", report=report)
    assert_valid(out, "4.7")
    root = etree.fromstring(out.encode())
    ns = {"o": "http://www.openarchives.org/OAI/2.0/"}
    headers = root.findall(".//o:header", ns)
    assert [h.findtext("o:identifier", namespaces=ns) for h in headers] == [
        "doi:10.5072/one",
        "doi:10.5072/two",
    ]
    assert [h.findtext("o:datestamp", namespaces=ns) for h in headers] == [
        "2023-05-06",
        "2024-01-01",
    ]
    assert [s.text for s in headers[0].findall("o:setSpec", ns)] == ["X.Y", "X"]
    assert not [d for d in report.diagnostics if "oai:" in (d.field or "")]
    wrapper = {
        d.field for d in report.by_code("FIELD_DROPPED") if "oai_datacite:" in (d.field or "")
    }
    assert wrapper == {
        "extras.datacite.oai_datacite:schemaVersion",
        "extras.datacite.oai_datacite:datacentreSymbol",
    }
    back = list(biblioconv.read(out.encode(), "datacite"))
    assert back[1] == records[1]
    assert back[0].extras["datacite"] == {
        k: v for k, v in records[0].extras["datacite"].items() if not k.startswith("oai_datacite")
    }
    for fmt, where in (("datacite", "only in an envelope"), ("datacite-json", "XML's OAI-PMH")):
        report = ConversionReport()
        biblioconv.dumps(records[:1], fmt, report=report)
        said = {d.field: d.message for d in report.by_code("FIELD_DROPPED")}
        fields = {f"extras.datacite.oai:{k}" for k in ("identifier", "datestamp", "setSpec")}
        assert fields <= set(said) and all(where in said[f] for f in fields), fmt
