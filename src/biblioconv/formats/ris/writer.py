"""RIS writer: RIS that EndNote and Zotero import cleanly.

``TY`` first, ``ER  - `` last, one value per line, ``XY  - value`` lines, CRLF by default, UTF-8
(BOM optional), 2011 tags by default or the 2001 ones. Tag choice per ``TY`` comes from the same
table the reader uses. What RIS cannot hold is reported (FIELD_DROPPED), nothing is invented:
a person known only by an identifier is not written as a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import IO

from biblioconv.crosswalk import TypeMap, foreign_extras, report_dropped
from biblioconv.formats.ris import RisWriteOptions
from biblioconv.formats.ris.crosswalk import (
    CROSSWALK,
    JOURNALS,
    OLD_SPEC_TAGS,
    PARTS,
    REPORTS,
    SLOT_HOMES,
    TYPES,
    tag_for,
)
from biblioconv.formats.ris.names import format_name, joined_names, parse_name
from biblioconv.model import Contributor, DateValue, Record, plain_text
from biblioconv.names import orcid_name, orcid_name_note, without_orcid_names
from biblioconv.registry import WriteContext
from biblioconv.report import Code

__all__ = ["record_lines", "write"]

_SLOT_OF_ROLE = {
    "author": "author",
    "editor": "editor",
    "collection-editor": "collection_editor",
    "translator": "translator",
    "container-author": "container_author",
    "contributor": "contributor",
    "producer": "producer",
    "performer": "performer",
    "recipient": "recipient",
    "sponsor": "sponsor",
    "commentator": "commentator",
}
_TAG_ORDER = {t: i for i, t in enumerate(("AU", "A1", "A2", "ED", "A3", "A4", "C2"))}
_SEASON_NAMES = {1: "Spring", 2: "Summer", 3: "Autumn", 4: "Winter"}
_LOOKS_LIKE_TAG = re.compile(r"[A-Za-z][A-Za-z0-9] {0,4}-(?: |$)|\d{1,9}\.?$")
_MULTILINE_TAGS = frozenset({"AB", "N2", "N1", "RN"})

#: 2011-only TY codes and the 2001 code written in old-spec mode.
OLD_SPEC_TYPES = {
    "CPAPER": "CONF",
    "EDBOOK": "BOOK",
    "EBOOK": "BOOK",
    "CLSWK": "BOOK",
    "ANCIENT": "BOOK",
    "ECHAP": "CHAP",
    "ENCYC": "CHAP",
    "DICT": "CHAP",
    "EJOUR": "JOUR",
    "BLOG": "ELEC",
    "WEB": "ELEC",
    "DBASE": "DATA",
    "AGGR": "DATA",
    "MANSCPT": "UNPB",
    "GOVDOC": "RPRT",
    "STAND": "RPRT",
    "LEGAL": "STAT",
    "MULTI": "VIDEO",
    "CHART": "GEN",
    "FIGURE": "GEN",
    "EQUA": "GEN",
    "GRANT": "GEN",
    "GRNT": "GEN",
    "UNPD": "UNPB",
}


@cache
def _write_types() -> dict[str, TypeMap]:
    out: dict[str, TypeMap] = {}
    for tm in TYPES:
        if tm.write:
            out.setdefault(tm.hub, tm)
    return out


#: slots holding the model's rich text (titles)
_RICH_SLOTS = frozenset(name for name, slot in SLOT_HOMES.items() if "titles(" in slot.home)

_KIND_WORD = {"person": "person", "organization": "organisation"}


class _RecordWriter:
    def __init__(self, record: Record, ctx: WriteContext, options: RisWriteOptions) -> None:
        self.r = record
        self.ctx = ctx
        self.old = options.spec == "2001"
        self.lines: list[tuple[str, str]] = []
        self.label = record.label
        self.rep = ctx.reporter(record.label)
        # most RIS readers show tags literally; a record read from RIS had them in its RIS text
        self.plain = options.markup == "plain" or (
            options.markup == "auto" and ctx.format not in record.native_types
        )

    # -- diagnostics ------------------------------------------------------------------------------

    def dropped(self, path: str, message: str) -> None:
        self.rep.add(Code.FIELD_DROPPED, message, path)

    # -- helpers ----------------------------------------------------------------------------------

    def tag(self, slot: str) -> str | None:
        tag = tag_for(slot, self.ty)
        if tag == "T2" and slot == "series_title" and self._ebsco():
            return "T3"  # an EBSCO record's T2 would read back as the subtitle
        if tag is None or not self.old:
            return tag
        if slot == "container_title" and self.ty in JOURNALS:
            return "JF"
        if slot == "container_title" and self.ty in PARTS:
            return "BT"
        return OLD_SPEC_TAGS.get(tag, tag)

    def add(self, tag: str, value: str | None) -> None:
        if value is None:
            return
        value = value.strip()
        if not value:
            return
        if "\n" in value or "\r" in value:
            parts = [p.strip() for p in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
            sep = "\n" if tag in _MULTILINE_TAGS else " "
            value = sep.join(p for p in parts if p)
        self.lines.append((tag, value))

    def put(self, slot: str, value: str | None, path: str) -> None:
        if not value:
            return
        tag = self.tag(slot)
        if tag is None:
            self.dropped(path, f"RIS has no tag for {path} in a {self.ty} record")
            return
        if self.plain and slot in _RICH_SLOTS and "<" in value:
            plain = plain_text(value)
            if plain != value:
                self.rep.add(
                    Code.VALUE_COERCED,
                    f"rich-text markup (italics, protected case...) removed from {tag}: RIS is "
                    "plain text for most readers (ris.markup=keep writes it as Zotero does)",
                    path,
                    severity="info",
                )
                value = plain
        self.add(tag, value)

    def _ebsco(self) -> bool:
        a = self.r.archive
        text = f"{a.name or ''} {a.database or ''}" if a else ""
        return "ebsco" in text.lower()

    # -- the record -------------------------------------------------------------------------------

    def _type(self) -> str:
        r = self.r
        native = r.native_types.get(self.ctx.format)
        ty: str
        if native and CROSSWALK.type_to_hub(native) == r.type:
            ty = native.upper()
        elif native and r.type == "document" and CROSSWALK.type_to_hub(native) is None:
            ty = native.upper()  # an unknown TY read as a generic document: written back as read
        else:
            tm = _write_types().get(r.type)
            if tm is None:
                ty = "GEN"
                self.rep.add(
                    Code.TYPE_APPROXIMATED, f"type {r.type} has no RIS code: written as GEN", "TY"
                )
            else:
                ty = tm.native
                if tm.note.startswith("approximate"):
                    self.rep.add(
                        Code.TYPE_APPROXIMATED,
                        f"type {r.type} written as {ty} ({tm.note.split(': ', 1)[-1]})",
                        "TY",
                    )
        if self.old and ty in OLD_SPEC_TYPES:
            ty = OLD_SPEC_TYPES[ty]
        return ty

    def build(self) -> list[tuple[str, str]]:
        r = self.r
        self.ty = self._type()
        self.add("TY", self.ty)
        self.add("ID", r.id or r.citation_key)
        self._titles()
        self._contributors()
        self._container()
        self._descriptions()
        self._publisher()
        self._dates()
        self._locators()
        self._identifiers()
        self._misc()
        self._extras()
        report_dropped(
            without_orcid_names(r),
            CROSSWALK,
            self.ctx.report,
            source_format=self.ctx.source_format,
        )
        return self.lines

    def _titles(self) -> None:
        r = self.r
        mains = [t.text for t in r.titles if t.type == "main"]
        subs = [t.text for t in r.titles if t.type == "subtitle"]
        title = mains[0] if mains else None
        if subs:
            joined = ": ".join([title or "", *subs]) if title else ": ".join(subs)
            self.rep.add(
                Code.VALUE_COERCED, "subtitle joined to the title ('Title: Subtitle')", "TI"
            )
            title = joined
        self.put("title", title, "titles(type=main)")
        for extra in mains[1:]:
            self.dropped("titles(type=main)", f"RIS holds one title; {extra!r} not written")
        for kind, slot in (("translated", "translated_title"), ("short", "short_title")):
            texts = [t.text for t in r.titles if t.type == kind]
            if texts:
                self.put(slot, texts[0], f"titles(type={kind})")
            for extra in texts[1:]:
                self.dropped(
                    f"titles(type={kind})", f"RIS holds one {kind} title; {extra!r} not written"
                )
        for t in r.titles:
            if t.type == "other":
                self.dropped("titles(type=other)", f"RIS has no tag for the title {t.text!r}")

    def _contributors(self) -> None:
        out: list[tuple[int, int, str, str]] = []
        for i, c in enumerate(self.r.contributors):
            orcid = orcid_name(c)  # a person known only by an ORCID: the iD as the name
            name = orcid if orcid is not None else format_name(c)
            if name is None:
                self.dropped(
                    "contributors",
                    f"{c.role} known only by {_ids(c)}: RIS holds names, none is invented",
                )
                continue
            slot = _SLOT_OF_ROLE.get(c.role)
            tag = self.tag(slot) if slot else None
            if tag is None:
                self.dropped(
                    f"contributors(role={c.role})",
                    f"RIS has no tag for the role {c.role} in a {self.ty} record: {name!r} not written",
                )
                continue
            if orcid is not None:
                nth = sum(1 for other in self.r.contributors[: i + 1] if other.role == c.role)
                self.rep.add(
                    Code.VALUE_COERCED,
                    orcid_name_note(c, f"{c.role} {nth}"),
                    f"contributors(role={c.role})",
                    severity="info",
                )
            else:
                self._read_back(c, name)
            out.append((_TAG_ORDER.get(tag, 99), i, tag, name))
        for _, _, tag, name in sorted(out):
            self.add(tag, name)
        if not self.r.extras.get(self.ctx.format, {}).get("AD"):
            seen: dict[str, None] = {}
            for c in self.r.contributors:
                for a in c.affiliations:
                    if a.name:
                        seen.setdefault(a.name, None)
            for name in seen:
                self.add("AD", name)
            if seen:
                self.rep.add(
                    Code.VALUE_COERCED,
                    "affiliations written as record-level AD lines: the link to each person is lost",
                    "contributors.affiliations",
                )

    def _read_back(self, c: Contributor, name: str) -> None:
        """Report a name whose RIS form reads back as the other kind, or split where the record
        keeps it whole (RIS names have no type: the reader goes by commas and organisation
        words)."""
        back, _ = parse_name(name, c.role)
        kind = back.get("kind", "person")
        if kind != c.kind:
            what = "an organisation" if kind == "organization" else "a person"
            self.rep.add(
                Code.VALUE_COERCED,
                f"{_KIND_WORD[c.kind]} {name!r} written as a RIS name, which reads back as {what}",
                "contributors",
            )
        elif c.literal and "literal" not in back:  # the text is all there: info
            self.rep.add(
                Code.VALUE_COERCED,
                f"name {name!r} written whole, which reads back split into family and given names",
                "contributors",
                severity="info",
            )
        elif not c.literal:
            # RIS has no field for particles: they are written in the names (as meant)
            family, given = joined_names(c)
            if c.non_dropping_particle or c.dropping_particle:
                self.rep.add(
                    Code.VALUE_COERCED,
                    f"particle of {name!r} written in the name: RIS has no field for it",
                    "contributors",
                    severity="info",
                )
            meant = (family, given, c.suffix, None)
            got = tuple(back.get(k) for k in ("family", "given", "suffix", "literal"))
            if got != meant:
                said = ", ".join(
                    f"{k} {v!r}"
                    for k, v in zip(("family", "given", "suffix", "unsplit name"), got, strict=True)
                    if v
                )
                self.rep.add(
                    Code.VALUE_COERCED,
                    f"name {name!r} reads back as {said}",
                    "contributors",
                    severity="info",  # the text is all there
                )

    def _container(self) -> None:
        r = self.r
        if r.container is not None:
            c = r.container
            titles = [t.text for t in c.titles if t.type == "main"]
            shorts = [t.text for t in c.titles if t.type == "short"]
            if titles:
                self.put("container_title", titles[0], "container.titles(type=main)")
            if shorts:
                self.put("container_short", shorts[0], "container.titles(type=short)")
            for extra in titles[1:] + shorts[1:]:
                self.dropped(
                    "container.titles", f"RIS holds one container title; {extra!r} not written"
                )
        if r.series is not None:
            s = r.series
            titles = [t.text for t in s.titles if t.type == "main"]
            if titles:
                self.put("series_title", titles[0], "series.titles")
            self.put("series_number", s.number, "series.number")
            if s.volume and not s.number:
                self.put("series_number", s.volume, "series.volume")
        if r.event is not None:
            self.put("event_title", r.event.title, "event.title")
            self.put("event_place", r.event.place, "event.place")

    def _descriptions(self) -> None:
        for d in self.r.descriptions:
            if d.type == "abstract":
                self.add(self.tag("abstract") or "AB", d.text)
            elif d.type == "note":
                self.add("N1", d.text)
            elif d.type == "annotation":
                self.add("RN", d.text)
            else:
                self.add("N1", d.text)
                self.rep.add(
                    Code.VALUE_COERCED,
                    f"description of type {d.type} written as a note (N1)",
                    f"descriptions(type={d.type})",
                )

    def _publisher(self) -> None:
        p = self.r.publisher
        if p is not None:
            self.put("publisher", p.name, "publisher.name")
            self.put("place", p.place, "publisher.place")

    def _dates(self) -> None:
        issued = self.r.issued
        if issued is not None:
            text, year = _ris_date(issued)
            self._coerced_date(issued, "dates(type=issued)")
            if self.old:
                self.add("Y1", text if text else (str(year) if year is not None else None))
            else:
                if year is not None:
                    self.add("PY", str(year))
                if text and (text != f"{year}///" or issued.information):
                    self.add("DA", text)
                elif not text and issued.literal:
                    self.add("DA", issued.literal)
            for extra in [d for d in self.r.dates if d.type == "issued"][1:]:
                self.dropped(
                    "dates(type=issued)",
                    f"RIS holds one publication date; {extra.edtf() or extra.literal} not written",
                )
        accessed = self.r.date("accessed")
        if accessed is not None:
            text, year = _ris_date(accessed)
            self._coerced_date(accessed, "dates(type=accessed)")
            self.add("Y2", text or accessed.literal)

    def _coerced_date(self, d: DateValue, path: str) -> None:
        if d.is_range:
            self.rep.add(Code.VALUE_COERCED, f"date range {d.edtf()} written as its start", path)
        if d.approximate or d.uncertain:
            self.rep.add(
                Code.VALUE_COERCED, f"approximate/uncertain date {d.edtf()} written as exact", path
            )
        start = d.start or d.end
        if start is not None and start.time:
            self.rep.add(
                Code.VALUE_COERCED, f"time of day {start.time} not written", path, severity="info"
            )

    def _locators(self) -> None:
        r = self.r
        c = r.container
        if c is not None:
            self.put("volume", c.volume, "container.volume")
            self.put("issue", c.issue, "container.issue")
            self.put("article_number", c.number, "container.number")
            if c.pages is not None:
                pr = c.pages
                if pr.literal:
                    self.put("start_page", pr.literal, "container.pages")
                else:
                    self.put("start_page", pr.first, "container.pages")
                    self.put("end_page", pr.last, "container.pages")
        self.put("number_of_pages", r.number_of_pages, "number_of_pages")
        version_tag = tag_for("version", self.ty)
        self.put("edition", r.edition, "edition")
        if r.version and version_tag is None and self.tag("edition") and not r.edition:
            self.add(self.tag("edition") or "ET", r.version)
            self.rep.add(
                Code.VALUE_COERCED, f"version written as the edition (ET) of a {self.ty}", "version"
            )
        else:
            self.put("version", r.version, "version")
        if r.number:
            if self.ty in REPORTS or self.ty == "PAT":
                self.add("SN", r.number)
            else:
                self.dropped(
                    "number", f"RIS has no tag for a number in a {self.ty} record: {r.number!r}"
                )
        self.put("section", r.section, "section")
        self.put("number_of_volumes", r.number_of_volumes, "number_of_volumes")

    def _identifiers(self) -> None:
        r = self.r
        own = list(r.identifiers)
        cont = list(r.container.identifiers) if r.container else []
        c2 = self.tag("pmcid")
        pmc = [i for i in own if i.scheme in ("pmcid", "pmid")]
        best = next((i for i in pmc if i.scheme == "pmcid"), pmc[0]) if pmc else None
        unmapped = set(CROSSWALK.unmapped)
        for where, ids in (("identifiers", own), ("container.identifiers", cont)):
            for i in ids:
                if i.scheme == "doi" and where == "identifiers":
                    self.add("DO", i.value)
                elif i.scheme == "url" and where == "identifiers":
                    self.add("UR", i.value)
                elif i.scheme in ("isbn", "issn", "eissn", "lissn"):
                    self.add("SN", i.value)
                    if i.scheme != "issn" and i.scheme != "isbn":
                        self.rep.add(
                            Code.VALUE_COERCED,
                            f"{i.scheme} {i.value} written as a plain SN (RIS does not say which ISSN)",
                            f"{where}(scheme={i.scheme})",
                        )
                elif i is best and c2 is not None:
                    self.add(c2, i.value)
                elif (
                    f"{where}(scheme={i.scheme})" not in unmapped
                ):  # else reported by report_dropped
                    self.dropped(
                        f"{where}(scheme={i.scheme})",
                        f"RIS has no tag for the {i.scheme} {i.value}",
                    )

    def _misc(self) -> None:
        r = self.r
        kinds = {
            "pdf": "L1",
            "fulltext": "L2",
            "related": "L3",
            "image": "L4",
            "file": "L1",  # file attachments (Zotero, EndNote), which reads back as a PDF
        }
        for a in r.attachments:
            self.add(kinds[a.kind], a.url)
            if a.kind == "file":
                self.rep.add(
                    Code.VALUE_COERCED,
                    f"attachment {a.url} written as L1 (file attachments), which reads back as "
                    "a PDF",
                    "attachments",
                    severity="info",
                )
        for s in r.subjects:
            self.add("KW", s.term)
        self.put("language", r.language, "language")
        self.put("genre", r.genre, "genre")
        arch = r.archive
        if arch is not None:
            self.put("accession", arch.accession_number, "archive.accession_number")
            self.put("call_number", arch.call_number, "archive.call_number")
            self.put("database", arch.database, "archive.database")
            self.put("provider", arch.name, "archive.name")
            self.put("archive_location", arch.location, "archive.location")
        if r.original is not None:
            self.put("original_title", r.original.title, "original.title")

    def _extras(self) -> None:
        for fmt, names in foreign_extras(self.r, (self.ctx.format,)).items():
            self.dropped(f"extras.{fmt}", f"{fmt}-only fields not written: {', '.join(names)}")
        for fmt, values in self.r.extras.items():
            if fmt != self.ctx.format:
                continue
            for tag, value in values.items():
                items = value if isinstance(value, list) else [value]
                for v in items:
                    if isinstance(v, str):
                        self.lines.append((tag, v))
                    elif v is not None:
                        self.lines.append((tag, str(v)))


def _ids(c: Contributor) -> str:
    return ", ".join(f"{i.scheme} {i.value}" for i in c.identifiers) or "an identifier"


def _ris_date(d: DateValue) -> tuple[str | None, int | None]:
    """``YYYY/MM/DD/other`` for a date (None when it has no start), and its year."""
    p = d.start or d.end
    if p is None:
        return None, None
    month = f"{p.month:02d}" if p.month else ""
    day = f"{p.day:02d}" if p.day else ""
    other = d.information or (_SEASON_NAMES.get(p.season, "") if p.season and not p.month else "")
    year = f"{p.year:04d}" if p.year >= 0 else str(p.year)
    return f"{year}/{month}/{day}/{other}", p.year


def _line(tag: str, value: str, eol: str) -> str:
    first, *rest = value.split("\n")
    out = f"{tag}  - {first}{eol}"
    for cont in rest:
        if _LOOKS_LIKE_TAG.match(cont):
            cont = " " + cont
        out += f"{cont}{eol}"
    return out


def record_lines(record: Record, ctx: WriteContext) -> list[tuple[str, str]]:
    """The (tag, value) lines of one record, without ``ER``; diagnostics go to ``ctx.report``."""
    options = ctx.options if isinstance(ctx.options, RisWriteOptions) else RisWriteOptions()
    return _RecordWriter(record, ctx, options).build()


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write records as RIS, one at a time."""
    options = ctx.options if isinstance(ctx.options, RisWriteOptions) else RisWriteOptions()
    eol = "\r\n" if options.line_endings == "crlf" else "\n"
    if options.bom:
        stream.write(b"\xef\xbb\xbf")
    for record in records:
        try:
            lines = _RecordWriter(record, ctx, options).build()
        except (ValueError, TypeError) as exc:  # pragma: no cover - defensive
            ctx.reporter(record.label).skip(str(exc), what="record not written")
            continue
        text = "".join(_line(tag, value, eol) for tag, value in lines)
        stream.write(f"{text}ER  - {eol}{eol}".encode())
        ctx.report.count("written")
