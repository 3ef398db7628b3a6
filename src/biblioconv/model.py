"""The record model: the hub every format reads into and writes from.

One :class:`Record` describes one bibliographic resource. Every field of every supported format has a
home here, either as a typed field or in the record's per-format :attr:`Record.extras`. Text that can
carry formatting (titles, container titles) uses CSL's rich-text subset: ``<i>``, ``<b>``, ``<sup>``,
``<sub>``, ``<span style="font-variant:small-caps;">`` and ``<span class="nocase">`` (protected case);
everything else in the string is literal text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, model_validator

from biblioconv.vocab import (
    ContributorRole,
    DateType,
    DescriptionType,
    PublicationStatus,
    RelationType,
    ResourceType,
    TitleType,
)

__all__ = [
    "Affiliation",
    "Archive",
    "Attachment",
    "Container",
    "Contributor",
    "DateValue",
    "Description",
    "Event",
    "Funding",
    "GeoBox",
    "GeoLocation",
    "GeoPoint",
    "GeoPolygon",
    "Identifier",
    "OriginalPublication",
    "PageRange",
    "PartialDate",
    "Publisher",
    "Record",
    "RelatedItem",
    "Relation",
    "Rights",
    "Subject",
    "Title",
    "plain_text",
]


#: The rich-text tags of the model's text (see the module docstring).
_MARKUP = re.compile(r"</?(?:i|b|sup|sub|span)(?:\s[^<>]*)?>")


def plain_text(text: str) -> str:
    """Rich text without its markup tags: what a plain-text format can hold."""
    return _MARKUP.sub("", text) if "<" in text else text


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


@lru_cache(maxsize=1024)
def _canonical_scheme(name: str) -> str:
    from biblioconv.identifiers import canonical_scheme

    return canonical_scheme(name)


@lru_cache(maxsize=4096)
def normalized_identifier(scheme: str, value: str) -> tuple[str, bool | None]:
    """The normalised value and validity of an identifier (cached; see :mod:`biblioconv.identifiers`)."""
    from biblioconv.identifiers import normalize

    return normalize(scheme, value)


class Identifier(_Model):
    """A typed identifier, normalised where its scheme allows (DOI lower-case without resolver,
    ISBN-13, ORCID as 16 hyphenated digits...). A value that fails its checksum or syntax check is
    kept as given with ``valid=False``; it is never dropped."""

    scheme: str = Field(
        description="canonical scheme name: doi, isbn, issn, eissn, url, orcid, ..."
    )
    value: str
    valid: bool | None = Field(
        default=None, description="checksum/syntax verdict; None where nothing can be checked"
    )
    label: str | None = Field(
        default=None,
        description="the source's own name for the identifier type (e.g. 'Pubs id', 'Local pid')",
    )
    scheme_uri: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: Any) -> Any:
        if isinstance(data, dict) and "scheme" in data and "value" in data:
            data = dict(data)
            scheme = _canonical_scheme(str(data["scheme"]))
            value, valid = normalized_identifier(scheme, str(data["value"]))
            data["scheme"] = scheme
            data["value"] = value
            data["valid"] = valid
        return data

    @property
    def url(self) -> str | None:
        """A resolvable URL for the identifier, where the scheme has a resolver."""
        from biblioconv.identifiers import to_url

        return to_url(self.scheme, self.value)


class Affiliation(_Model):
    """An organisation a contributor belongs to."""

    name: str | None = None
    identifiers: list[Identifier] = Field(default_factory=list)
    lang: str | None = None


class Contributor(_Model):
    """A person or organisation with a role. A person known only by an identifier is valid."""

    kind: Literal["person", "organization"] = "person"
    role: ContributorRole = "author"
    role_label: str | None = Field(
        default=None, description="the source's own role word where it says more than the role"
    )
    given: str | None = None
    family: str | None = None
    dropping_particle: str | None = Field(default=None, description="e.g. 'van' in 'Ludwig van'")
    non_dropping_particle: str | None = Field(default=None, description="e.g. 'de' in 'de Gaulle'")
    suffix: str | None = Field(default=None, description="e.g. 'Jr.', 'III'")
    comma_suffix: bool = False
    static_ordering: bool = False
    literal: str | None = Field(
        default=None, description="an organisation's name, or a person's name as given when unsplit"
    )
    identifiers: list[Identifier] = Field(default_factory=list)
    affiliations: list[Affiliation] = Field(default_factory=list)
    lang: str | None = None

    @model_validator(mode="after")
    def _has_something(self) -> Contributor:
        if not (self.family or self.given or self.literal or self.identifiers):
            raise ValueError("a contributor needs a name or an identifier")
        return self

    @property
    def display_name(self) -> str:
        """The name as a reader would write it ("Given von Family, Jr."), or the first identifier."""
        if self.literal:
            return self.literal
        parts = [
            self.given,
            self.dropping_particle,
            self.non_dropping_particle,
            self.family,
        ]
        name = " ".join(p for p in parts if p)
        if self.suffix:
            name += f", {self.suffix}"
        if name:
            return name
        first = self.identifiers[0]
        return f"{first.scheme}:{first.value}"

    @property
    def orcid(self) -> str | None:
        """The contributor's ORCID, if any."""
        return next((i.value for i in self.identifiers if i.scheme == "orcid"), None)


class PartialDate(_Model):
    """A calendar date known to year, month or day precision (years may be negative)."""

    year: int
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    season: Literal[1, 2, 3, 4] | None = Field(
        default=None, description="1 spring, 2 summer, 3 autumn, 4 winter"
    )
    time: str | None = Field(default=None, description="time of day as given, e.g. '10:00:00Z'")

    @model_validator(mode="after")
    def _consistent(self) -> PartialDate:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        return self

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        """How precisely the date is known."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        """ISO 8601 / W3CDTF text for the known parts (``2022``, ``2022-06``, ``2022-06-03``)."""
        y = f"{self.year:04d}" if self.year >= 0 else f"-{-self.year:04d}"
        if self.month is None:
            return y
        if self.day is None:
            return f"{y}-{self.month:02d}"
        text = f"{y}-{self.month:02d}-{self.day:02d}"
        return f"{text}T{self.time}" if self.time else text


class DateValue(_Model):
    """A typed date: a point or a range, possibly approximate or uncertain, or free text."""

    type: DateType = "issued"
    start: PartialDate | None = None
    end: PartialDate | None = Field(default=None, description="end of a range")
    open_start: bool = Field(default=False, description="range with unknown/open start")
    open_end: bool = Field(default=False, description="range with unknown/open end")
    approximate: bool = Field(default=False, description="circa (EDTF '~')")
    uncertain: bool = Field(default=False, description="uncertain (EDTF '?')")
    literal: str | None = Field(
        default=None, description="free text when the date cannot be parsed (kept verbatim)"
    )
    information: str | None = Field(
        default=None, description="free-text note on the date (DataCite dateInformation)"
    )

    @model_validator(mode="after")
    def _has_something(self) -> DateValue:
        if self.start is None and self.end is None and not self.literal:
            raise ValueError("a date needs a start, an end or a literal")
        return self

    @property
    def year(self) -> int | None:
        """The year of the start (or end), if known."""
        point = self.start or self.end
        return point.year if point else None

    @property
    def is_range(self) -> bool:
        """True for ranges, open ranges included."""
        return self.end is not None or self.open_end or self.open_start

    def edtf(self) -> str | None:
        """The date as EDTF / ISO 8601 text (``2022-06-03``, ``2022~``, ``2020/2021``, ``2019/..``)."""
        if self.start is None and self.end is None:
            return None
        mark = ""
        if self.approximate and self.uncertain:
            mark = "%"
        elif self.approximate:
            mark = "~"
        elif self.uncertain:
            mark = "?"

        def one(p: PartialDate | None, open_: bool) -> str:
            if p is None:
                return ".." if open_ else ""
            if p.season is not None and p.month is None:
                return f"{p.iso()}-{20 + p.season}"
            return p.iso()

        if not self.is_range:
            return one(self.start, False) + mark
        return f"{one(self.start, self.open_start)}{mark}/{one(self.end, self.open_end)}{mark}"


class Title(_Model):
    """A title (rich text) with its type and language."""

    text: str
    type: TitleType = "main"
    lang: str | None = None


class Description(_Model):
    """An abstract, note or other description."""

    text: str
    type: DescriptionType = "abstract"
    lang: str | None = None


class Subject(_Model):
    """A keyword or classification term."""

    term: str
    scheme: str | None = Field(default=None, description="e.g. LCSH, MeSH, DDC, ANZSRC FOR")
    scheme_uri: str | None = None
    value_uri: str | None = None
    code: str | None = Field(default=None, description="classification code (DataCite 4.4+)")
    lang: str | None = None


class Rights(_Model):
    """A rights statement or licence."""

    statement: str | None = None
    uri: str | None = None
    identifier: str | None = Field(default=None, description="e.g. an SPDX id such as CC-BY-4.0")
    identifier_scheme: str | None = None
    scheme_uri: str | None = None
    lang: str | None = None

    @model_validator(mode="after")
    def _has_something(self) -> Rights:
        if not (self.statement or self.uri or self.identifier):
            raise ValueError("rights need a statement, a URI or an identifier")
        return self


class Funding(_Model):
    """A funding reference (funder and award)."""

    funder_name: str
    funder_identifier: Identifier | None = None
    funder_identifier_type: str | None = Field(
        default=None, description="ISNI, GRID, ROR, Crossref Funder ID or Other, as given"
    )
    award_number: str | None = None
    award_uri: str | None = None
    award_title: str | None = None
    award_title_lang: str | None = None


class Relation(_Model):
    """A typed link to another resource, given by an identifier or a free-text citation."""

    type: RelationType
    identifier: Identifier | None = None
    citation: str | None = Field(default=None, description="free-text reference when no identifier")
    resource_type: str | None = Field(
        default=None, description="DataCite resourceTypeGeneral of the related resource"
    )
    metadata_scheme: str | None = None
    scheme_uri: str | None = None
    scheme_type: str | None = None
    type_information: str | None = Field(
        default=None, description="DataCite relationTypeInformation (for type Other)"
    )
    native_identifier_type: str | None = Field(
        default=None,
        description="the source's identifier type word when it differs from the scheme",
    )

    @model_validator(mode="after")
    def _has_target(self) -> Relation:
        if self.identifier is None and not self.citation:
            raise ValueError("a relation needs an identifier or a citation")
        return self


class PageRange(_Model):
    """Pages: a first and last page, or free text such as ``12-15, 20``."""

    first: str | None = None
    last: str | None = None
    literal: str | None = Field(default=None, description="page text that is not a simple range")

    @classmethod
    def parse(cls, text: str) -> PageRange:
        """Parse ``190-198``, ``190--198``, ``190–198``, ``e1234`` or free text."""
        return cls(**cls.parse_data(text))

    @staticmethod
    def parse_data(text: str) -> dict[str, str]:
        """What :meth:`parse` gives, as record data (``{"first": "190", "last": "198"}``),
        without making the model: for readers that build record data."""
        text = text.strip()
        m = _PAGE_RANGE.fullmatch(text)
        if m:
            return {"first": m.group(1), "last": m.group(2)}
        if _PAGE_SINGLE.fullmatch(text):
            return {"first": text}
        return {"literal": text}

    def text(self, dash: str = "-") -> str:
        """The pages as text with the given dash (``190-198``)."""
        if self.literal:
            return self.literal
        if self.first and self.last:
            return f"{self.first}{dash}{self.last}"
        return self.first or self.last or ""


_PAGE_RANGE = re.compile(r"([A-Za-z]*\d+[A-Za-z]*)\s*(?:-{1,3}|–|—|‐|‑)\s*([A-Za-z]*\d+[A-Za-z]*)")
_PAGE_SINGLE = re.compile(r"[A-Za-z]*\d+[A-Za-z]*")


class Publisher(_Model):
    """A publisher (or the institution responsible for a thesis or report)."""

    name: str | None = None
    place: str | None = None
    identifiers: list[Identifier] = Field(default_factory=list)
    lang: str | None = None


class Container(_Model):
    """What the record is part of (journal, book, proceedings, series) and where in it.

    Locators of the record inside its container (volume, issue, pages, article number) live here.
    The people of the container (book editors, container authors) are contributors of the record
    with the roles ``editor``, ``container-author``, ``collection-editor``.
    """

    type: ResourceType | None = Field(
        default=None, description="e.g. periodical, book, proceedings"
    )
    titles: list[Title] = Field(default_factory=list)
    identifiers: list[Identifier] = Field(default_factory=list)
    volume: str | None = None
    issue: str | None = None
    number: str | None = Field(default=None, description="article number or series number")
    number_type: Literal["Article", "Chapter", "Report", "Other"] | None = None
    pages: PageRange | None = None
    edition: str | None = None
    publisher: Publisher | None = None
    issued: DateValue | None = None

    @property
    def title(self) -> str | None:
        """The main title of the container, if any."""
        for t in self.titles:
            if t.type == "main":
                return t.text
        return None


class RelatedItem(Container):
    """A related resource described inline (DataCite relatedItem, 4.4+)."""

    relation_type: RelationType
    relation_type_information: str | None = None
    native_type: str | None = Field(
        default=None, description="relatedItemType as given (a DataCite resourceTypeGeneral)"
    )
    contributors: list[Contributor] = Field(default_factory=list)


class Event(_Model):
    """The event a work was presented at (conference, exhibition, performance)."""

    title: str | None = None
    place: str | None = None
    date: DateValue | None = None


class Archive(_Model):
    """Where the item is held or was found."""

    name: str | None = Field(default=None, description="archive or repository name")
    location: str | None = Field(default=None, description="location within the archive")
    collection: str | None = None
    place: str | None = None
    call_number: str | None = None
    database: str | None = Field(default=None, description="database or catalogue it came from")
    accession_number: str | None = None


class OriginalPublication(_Model):
    """The original of a translated or reprinted work."""

    title: str | None = None
    publisher: Publisher | None = None
    language: str | None = None


class GeoPoint(_Model):
    """A point in WGS 84."""

    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class GeoBox(_Model):
    """A bounding box in WGS 84."""

    west: float = Field(ge=-180, le=180)
    east: float = Field(ge=-180, le=180)
    south: float = Field(ge=-90, le=90)
    north: float = Field(ge=-90, le=90)


class GeoPolygon(_Model):
    """A polygon (closed ring of points) with an optional point inside it."""

    points: list[GeoPoint]
    in_point: GeoPoint | None = None


class GeoLocation(_Model):
    """A place the resource is about or was collected at."""

    place: str | None = None
    point: GeoPoint | None = None
    box: GeoBox | None = None
    polygons: list[GeoPolygon] = Field(default_factory=list)


class Attachment(_Model):
    """A file or link attached to the record (full text, PDF, image)."""

    url: str
    kind: Literal["pdf", "fulltext", "image", "file", "related"] = "file"
    media_type: str | None = None
    label: str | None = None


class Record(_Model):
    """One bibliographic resource, independent of any format."""

    id: str | None = Field(default=None, description="record identifier (CSL id, RIS ID)")
    citation_key: str | None = Field(default=None, description="citation key (BibTeX key)")
    type: ResourceType = "document"
    genre: str | None = Field(
        default=None, description="free-text subtype ('PhD thesis', DataCite resourceType text)"
    )
    native_types: dict[str, str] = Field(
        default_factory=dict,
        description="the type as each format named it (format name -> native type), for faithful "
        "same-format round trips",
    )
    titles: list[Title] = Field(default_factory=list)
    contributors: list[Contributor] = Field(default_factory=list)
    et_al: list[ContributorRole] = Field(
        default_factory=list, description="roles whose list of names continues ('and others')"
    )
    dates: list[DateValue] = Field(default_factory=list)
    publisher: Publisher | None = None
    container: Container | None = None
    series: Container | None = Field(default=None, description="series, with number")
    event: Event | None = None
    identifiers: list[Identifier] = Field(default_factory=list)
    edition: str | None = None
    version: str | None = None
    number: str | None = Field(default=None, description="report, patent or document number")
    chapter: str | None = None
    section: str | None = None
    part: str | None = None
    number_of_pages: str | None = None
    number_of_volumes: str | None = None
    language: str | None = Field(default=None, description="BCP 47 tag")
    descriptions: list[Description] = Field(default_factory=list)
    subjects: list[Subject] = Field(default_factory=list)
    rights: list[Rights] = Field(default_factory=list)
    access_rights: str | None = Field(
        default=None, description="access condition, e.g. info:eu-repo/semantics/openAccess"
    )
    funding: list[Funding] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    related_items: list[RelatedItem] = Field(default_factory=list)
    sizes: list[str] = Field(default_factory=list)
    formats: list[str] = Field(default_factory=list, description="media types or medium")
    geo_locations: list[GeoLocation] = Field(default_factory=list)
    archive: Archive | None = None
    original: OriginalPublication | None = None
    attachments: list[Attachment] = Field(default_factory=list)
    citation: str | None = Field(
        default=None,
        description="a bibliographic citation as given (dcterms:bibliographicCitation)",
    )
    publication_status: PublicationStatus | None = None
    peer_reviewed: bool | None = None
    extras: dict[str, dict[str, JsonValue]] = Field(
        default_factory=dict,
        description="fields that only one format has: format name -> field -> value; written back "
        "by that format",
    )

    # -- convenient read-only views -------------------------------------------------------------

    @property
    def title(self) -> str | None:
        """The main title (rich text), if any."""
        for t in self.titles:
            if t.type == "main":
                return t.text
        return self.titles[0].text if self.titles else None

    @property
    def subtitle(self) -> str | None:
        """The subtitle, if any."""
        return next((t.text for t in self.titles if t.type == "subtitle"), None)

    def contributors_with(self, role: str) -> list[Contributor]:
        """Contributors of one role, in order."""
        return [c for c in self.contributors if c.role == role]

    @property
    def authors(self) -> list[Contributor]:
        """Contributors with the role ``author``."""
        return self.contributors_with("author")

    @property
    def editors(self) -> list[Contributor]:
        """Contributors with the role ``editor``."""
        return self.contributors_with("editor")

    def date(self, type_: str = "issued") -> DateValue | None:
        """The first date of a type."""
        return next((d for d in self.dates if d.type == type_), None)

    @property
    def issued(self) -> DateValue | None:
        """The date of publication."""
        return self.date("issued")

    def identifier(self, scheme: str) -> str | None:
        """The first identifier value of a scheme (``doi``, ``isbn``, ``url``...)."""
        return next((i.value for i in self.identifiers if i.scheme == scheme), None)

    @property
    def doi(self) -> str | None:
        """The record's DOI, normalised."""
        return self.identifier("doi")

    @property
    def abstract(self) -> str | None:
        """The first abstract."""
        return next((d.text for d in self.descriptions if d.type == "abstract"), None)

    @property
    def label(self) -> str:
        """A short way to name the record in messages: key, id, DOI or title."""
        if self.citation_key:
            return self.citation_key
        if self.id:
            return self.id
        if self.doi:
            return f"doi:{self.doi}"
        t = self.title
        return (t[:40] + "…") if t and len(t) > 40 else (t or "(untitled)")

    def extra(self, fmt: str) -> dict[str, JsonValue]:
        """The extras of one format (a new empty mapping is attached if there were none)."""
        return self.extras.setdefault(fmt, {})
