"""The DataCite rule table: each property of the REST API ``attributes`` object (the shape both
the XML and the JSON reader and writer meet in) and its home in the record, run both ways.

Reading, :meth:`RuleTable.read` puts each property at its home by the converters of
:mod:`biblioconv.formats.datacite.mapping`; writing, :meth:`RuleTable.write` fills the properties
by those of :mod:`biblioconv.formats.datacite.writing` and tells what it carried, so that what
DataCite cannot hold is reported by record-model path. The crosswalks (documentation and loss
matrix) are built from the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from biblioconv.crosswalk import Crosswalk, FieldMap
from biblioconv.errors import WriteError
from biblioconv.formats.datacite import versions as V
from biblioconv.formats.datacite.crosswalk import NESTED_ROWS, TYPE_CROSSWALK, json_path
from biblioconv.formats.datacite.mapping import (
    ReadState,
    finish,
    read_alternates,
    read_container,
    read_contributors,
    read_creators,
    read_dates,
    read_descriptions,
    read_funding,
    read_geo_locations,
    read_identifier,
    read_publication_year,
    read_publisher,
    read_relations,
    read_rights,
    read_string,
    read_strings,
    read_subjects,
    read_titles,
    read_types,
    read_xml_alternates,
)
from biblioconv.formats.datacite.writing import (
    _CONTAINER_PARTS,
    _RICH_NAME_PARTS,
    _access_rights,
    _alternates,
    _container,
    _contributors,
    _creators,
    _dates,
    _descriptions,
    _doi,
    _formats,
    _funding,
    _geo_locations,
    _pages,
    _publication_year,
    _publisher,
    _related_items,
    _relations,
    _rights,
    _series,
    _sizes,
    _subjects,
    _titles,
    _types,
    write_attributes,
)
from biblioconv.model import Record
from biblioconv.registry import WriteContext
from biblioconv.report import ConversionReport, RecordReporter
from biblioconv.rules import Rule, RuleContext, RuleTable

__all__ = [
    "CROSSWALK",
    "JSON_CROSSWALK",
    "RULES",
    "RULE_TABLE",
    "attributes_to_record",
    "record_to_attributes",
    "writable_attributes",
]


def _no_xml_identifier(ctx: RuleContext) -> bool:
    return ctx.fields is None or "_identifier" not in ctx.fields


def _no_api_identifiers(ctx: RuleContext) -> bool:
    return ctx.fields is None or "identifiers" not in ctx.fields


_ID_PARTS = ("scheme", "value", "valid")
_STRINGS = {"to_hub": read_strings, "take": "all"}

RULES: tuple[Rule, ...] = (
    Rule(
        "_identifier",
        "identifiers",
        to_hub=read_identifier,
        from_hub=None,
        note="the XML identifier element (read; written as doi)",
    ),
    Rule(
        "doi",
        "identifiers",
        to_hub=read_identifier,
        from_hub=None,
        when=_no_xml_identifier,
        note="the DOI, first of the identifiers",
    ),
    Rule(
        "doi",
        "identifiers(scheme=doi)",
        to_hub=None,
        from_hub=_doi,
        parts=_ID_PARTS,
        note="the DOI (its label and scheme URI are not written)",
    ),
    Rule(
        "creators",
        "contributors(role=author)",
        to_hub=read_creators,
        from_hub=_creators,
        take="all",
        parts=_RICH_NAME_PARTS,
        note="name particles and suffixes are joined into the names; the code :etal is et_al",
    ),
    Rule(
        "titles",
        "titles",
        to_hub=read_titles,
        from_hub=_titles,
        take="all",
        parts=("text", "type", "lang"),
        note="markup of the record's rich text is removed; short titles are AlternativeTitle",
    ),
    Rule(
        "publisher",
        "publisher",
        to_hub=read_publisher,
        from_hub=_publisher,
        parts=("name", "identifiers", "lang"),
        note="one identifier (4.5+)",
    ),
    Rule(
        "publicationYear",
        "dates(type=issued)",
        to_hub=read_publication_year,
        from_hub=_publication_year,
        take="all",
        parts=("start.year", "type"),
        note="the year of the issued date; a fuller date is also a date of type Issued",
    ),
    Rule(
        "dates",
        "dates",
        to_hub=read_dates,
        from_hub=_dates,
        take="all",
        note="original, event and deposit dates are written as Other with dateInformation",
    ),
    Rule("language", "language", to_hub=read_string),
    Rule(
        "types",
        "type",
        to_hub=read_types,
        from_hub=_types,
        note="resourceTypeGeneral (see the type table); the genre is resourceType",
    ),
    Rule(
        "subjects",
        "subjects",
        to_hub=read_subjects,
        from_hub=_subjects,
        take="all",
        parts=("term", "scheme", "scheme_uri", "value_uri", "code", "lang"),
    ),
    Rule(
        "identifiers",
        "identifiers",
        to_hub=read_alternates,
        from_hub=_alternates,
        take="all",
        parts=("scheme", "value", "label", "valid"),
        note="alternateIdentifiers: every identifier but the DOI; an unknown type is the label",
    ),
    Rule(
        "alternateIdentifiers",
        "identifiers",
        to_hub=read_xml_alternates,
        from_hub=None,
        when=_no_api_identifiers,
        note="as the XML gives them (written as identifiers)",
    ),
    Rule("sizes", "sizes", from_hub=_sizes, **_STRINGS),  # type: ignore[arg-type]
    Rule(
        "sizes",
        "number_of_pages",
        "approx",
        to_hub=None,
        from_hub=_pages,
        note="written as the size '<n> pages'",
    ),
    Rule("formats", "formats", from_hub=_formats, **_STRINGS),  # type: ignore[arg-type]
    Rule("version", "version", to_hub=read_string),
    Rule(
        "rightsList",
        "rights",
        to_hub=read_rights,
        from_hub=_rights,
        take="all",
        parts=("statement", "uri", "identifier", "identifier_scheme", "scheme_uri", "lang"),
        note="the first bare info:eu-repo/semantics URI is the access right",
    ),
    Rule(
        "rightsList",
        "access_rights",
        to_hub=None,
        from_hub=_access_rights,
        note="an info:eu-repo/semantics access right is a rights entry with that URI",
    ),
    Rule(
        "descriptions",
        "descriptions",
        to_hub=read_descriptions,
        from_hub=_descriptions,
        take="all",
        parts=("text", "type", "lang"),
        note="notes and annotations are written as Other",
    ),
    Rule(
        "descriptions",
        "series",
        "approx",
        to_hub=None,
        from_hub=_series,
        parts=("number",),
        note="a series (title, number) is written as a SeriesInformation description",
    ),
    Rule(
        "geoLocations",
        "geo_locations",
        to_hub=read_geo_locations,
        from_hub=_geo_locations,
        take="all",
        note="kernel 3.1: points and boxes as text; polygons 4.0+",
    ),
    Rule(
        "fundingReferences",
        "funding",
        to_hub=read_funding,
        from_hub=_funding,
        take="all",
        parts=(
            "funder_name",
            "funder_identifier",
            "funder_identifier_type",
            "award_number",
            "award_uri",
            "award_title",
        ),
        note="kernel 3.1: Funder contributors",
    ),
    Rule(
        "contributors",
        "contributors",
        to_hub=read_contributors,
        from_hub=_contributors,
        take="all",
        parts=_RICH_NAME_PARTS,
        note="every contributor but the authors; contributorType from the role (see the role "
        "table); kernel-3 Funder contributors are funding references",
    ),
    Rule(
        "relatedIdentifiers",
        "relations",
        to_hub=read_relations,
        from_hub=_relations,
        take="all",
        parts=(
            "type",
            "identifier",
            "resource_type",
            "metadata_scheme",
            "scheme_uri",
            "scheme_type",
            "type_information",
            "native_identifier_type",
        ),
        note="an IsPublishedIn ISSN or ISBN of the container is the container's identifier",
    ),
    Rule(
        "relatedItems",
        "container",
        to_hub=read_container,
        from_hub=_container,
        parts=_CONTAINER_PARTS,
        note="the container is the first IsPublishedIn relatedItem without people (4.4+)",
    ),
    Rule(
        "relatedItems",
        "related_items",
        to_hub=None,
        from_hub=_related_items,
        take="all",
        parts=("relation_type",),
        note="4.4+; their people have no identifiers or affiliations",
    ),
)

RULE_TABLE = RuleTable(RULES)


# -- the crosswalks: the rules' rows ------------------------------------------------------------

#: The XML element (path from ``resource``) of each attribute whose name differs.
_XML: dict[str, str] = {
    "_identifier": "identifier",
    "doi": "identifier",
    "creators": "creators/creator",
    "titles": "titles/title",
    "dates": "dates/date",
    "types": "resourceType@resourceTypeGeneral",
    "subjects": "subjects/subject",
    "identifiers": "alternateIdentifiers/alternateIdentifier",
    "alternateIdentifiers": "alternateIdentifiers/alternateIdentifier",
    "sizes": "sizes/size",
    "formats": "formats/format",
    "rightsList": "rightsList/rights",
    "descriptions": "descriptions/description",
    "geoLocations": "geoLocations/geoLocation",
    "fundingReferences": "fundingReferences/fundingReference",
    "contributors": "contributors/contributor",
    "relatedIdentifiers": "relatedIdentifiers/relatedIdentifier",
    "relatedItems": "relatedItems/relatedItem",
}
_JSON_ONLY = (
    FieldMap("id", "identifiers(scheme=doi).value", note="the DOI (data.id)"),
    *(
        FieldMap(f"types.{key}", "extras", "extras", "derived vocabularies kept verbatim")
        for key in ("schemaOrg", "bibtex", "citeproc", "ris")
    ),
    FieldMap("url", "extras", "extras", "landing page (registration data)"),
    FieldMap("schemaVersion", "type", "consumed", "the kernel namespace; rewritten on output"),
)


def _top(xml_path: str) -> str:
    return xml_path.split("/", 1)[0].split("@", 1)[0]


def _rows(xml: bool) -> tuple[FieldMap, ...]:
    """The documentation rows: one per rule and per attribute of the record the rule carries
    (its parts), then the nested elements and attributes the rule's converters handle (named by
    the XML path, or by the REST API key path)."""
    rows: dict[tuple[str, str], FieldMap] = {}
    for rule in RULES:
        if not xml and (rule.source.startswith("_") or rule.source == "alternateIdentifiers"):
            continue
        name = _XML.get(rule.source, rule.source) if xml else rule.source
        fm = rule.field_map()
        if xml and "/" in name and "@" not in name:  # the wrapper element (titles of title)
            wrapper = name.split("/", 1)[0]
            rows.setdefault((wrapper, rule.home), FieldMap(wrapper, rule.home, rule.kind))
        rows.setdefault((name, rule.home), FieldMap(name, fm.home, fm.kind, fm.note))
        parts = rule.parts if isinstance(rule.parts, tuple) else ()
        for part in parts:
            home = f"{rule.home}.{part}"
            rows.setdefault((name, home), FieldMap(name, home, rule.kind))
    for fm in NESTED_ROWS:
        if _top(fm.field) not in _TOPS:
            raise ValueError(f"{fm.field}: no rule maps its property")
        if not xml and fm.field.endswith("/br"):
            continue
        name = fm.field if xml else json_path(fm.field)
        rows.setdefault((name, fm.home), FieldMap(name, fm.home, fm.kind, fm.note))
    return (*(() if xml else _JSON_ONLY), *rows.values())


#: The top-level XML elements the rules map (and the root).
_TOPS = frozenset({"resource", *(_top(_XML.get(r.source, r.source)) for r in RULES)})


CROSSWALK = Crosswalk(
    format="datacite",
    fields=_rows(xml=True),
    types=TYPE_CROSSWALK.types,
    unmapped=TYPE_CROSSWALK.unmapped,
)
JSON_CROSSWALK = Crosswalk(
    format="datacite-json",
    fields=_rows(xml=False),
    types=TYPE_CROSSWALK.types,
    unmapped=TYPE_CROSSWALK.unmapped,
)


def attributes_to_record(attrs: dict[str, Any], *, fmt: str, rep: RecordReporter) -> Record:
    """Map one DataCite attributes object to a record by the rules.

    ``rep.add(code, message, severity=...)`` receives the diagnostics; the record's unknown
    fields are expected in ``attrs["_unknown"]`` (path -> value).
    """
    st = ReadState(attrs, fmt, rep)
    RULE_TABLE.read(attrs, st.data, RuleContext(fields=attrs, reporter=rep, options=st))
    return finish(st)


def record_to_attributes(
    record: Record,
    *,
    version: str,
    report: ConversionReport,
    fmt: str,
    source_format: str | None,
    fill_unknown: bool,
) -> dict[str, Any]:
    """Map a record to DataCite attributes for a kernel version by the rules.

    Raises :class:`WriteError` naming every missing mandatory property (unless ``fill_unknown``,
    which writes DataCite's unknown-value codes and reports them).
    """
    return write_attributes(
        record,
        RULE_TABLE,
        version=version,
        report=report,
        fmt=fmt,
        source_format=source_format,
        fill_unknown=fill_unknown,
    )


def writable_attributes(
    records: Iterable[Record], ctx: WriteContext
) -> Iterator[tuple[Record, dict[str, Any]]]:
    """Each record with its attributes for the version the writer options name; a record that
    cannot be written is reported and skipped (raised in strict mode)."""
    version = str(getattr(ctx.options, "version", V.DEFAULT_VERSION))
    fill = bool(getattr(ctx.options, "fill_unknown", False))
    for record in records:
        try:
            attrs = record_to_attributes(
                record,
                version=version,
                report=ctx.report,
                fmt=ctx.format,
                source_format=ctx.source_format,
                fill_unknown=fill,
            )
        except WriteError as exc:
            if ctx.strict:
                raise
            ctx.reporter(record.label).skip(exc.reason)
            continue
        yield record, attrs
