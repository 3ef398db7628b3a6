"""BibTeX / BibLaTeX writer: stable, readable entries, one record at a time.

Conventional field order, two-space indent, braces (never quotes), pages with ``--``, ``month``
as a macro in BibTeX and ``date`` (EDTF) in BibLaTeX, protected case written back as braces,
special characters escaped. Keys are kept or generated (``family`` + ``year`` + first title word,
made unique). Fields kept in the record's ``.bib`` extras are written back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import IO, Any
from urllib.parse import quote

from biblioconv.crosswalk import Crosswalk, report_dropped, report_foreign_extras
from biblioconv.formats.bibtex.casing import protect_words
from biblioconv.formats.bibtex.crosswalk import (
    BIBLATEX_CROSSWALK,
    BIBTEX_CROSSWALK,
    NAME_ROLES,
    READ_TYPES,
)
from biblioconv.formats.bibtex.latex import NOCASE_OPEN, encode, strip_markup, to_ascii
from biblioconv.formats.bibtex.mapping import BCP47_TO_BABEL, GENRE_TO_TYPE_WORD, MONTH_MACROS
from biblioconv.formats.bibtex.names import NameParts, format_name, parse_name
from biblioconv.formats.bibtex.options import BibtexWriteOptions
from biblioconv.formats.bibtex.unicode_latex import FOLDS, hat_runs
from biblioconv.keyset import KeySet
from biblioconv.model import Contributor, DateValue, Record
from biblioconv.names import orcid_name, orcid_name_note, without_orcid_names
from biblioconv.registry import WriteContext
from biblioconv.report import Code

__all__ = ["write"]

_MONTHS = list(MONTH_MACROS)
_KEY_OK = re.compile(r"[^\s,{}()\"#%'=\\~]+")
_KEY_CHARS = re.compile(r"[^a-z0-9]")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "on",
        "of",
        "in",
        "for",
        "and",
        "to",
        "with",
        "from",
        "at",
        "by",
        "is",
        "are",
    ]
)
_HUB_TO_PUBSTATE = {
    "in-preparation": "inpreparation",
    "submitted": "submitted",
    "forthcoming": "forthcoming",
    "in-press": "inpress",
    "prepublished": "prepublished",
}
_DEFAULT_GENRE = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
_BLX_ROLE_FIELDS = {v: k for k, v in NAME_ROLES.items()}
#: the dialects whose fields (kept in a record's extras) this writer writes back
_DIALECTS = ("bibtex", "biblatex")
_IDENTIFIER_FIELDS = {"doi", "url", "isbn", "isan", "ismn", "isrn", "iswc"}
#: formats whose titles carry case protection (braces); titles from others get it (protect_case)
_CASED_SOURCES = frozenset({"bibtex", "biblatex"})
#: fields that hold titles styles may set in sentence case
_CASED_FIELDS = frozenset(
    {"title", "subtitle", "titleaddon", "shorttitle", "booktitle", "booksubtitle", "booktitleaddon"}
)
_URL_SAFE = "".join(chr(c) for c in range(33, 127))


class _Writer:
    def __init__(self, stream: IO[bytes], ctx: WriteContext) -> None:
        self.stream = stream
        self.ctx = ctx
        self.fmt = ctx.format
        self.blx = ctx.format == "biblatex"
        self.cw: Crosswalk = BIBLATEX_CROSSWALK if self.blx else BIBTEX_CROSSWALK
        opts = ctx.options if isinstance(ctx.options, BibtexWriteOptions) else BibtexWriteOptions()
        self.opts = opts
        self.ascii = (not self.blx) if opts.ascii is None else opts.ascii
        self.keys = KeySet()  # compact: outputs of millions of entries
        self.first = True
        self._rep = ctx.reporter()  # the record being written

    # -- helpers ----------------------------------------------------------------------------

    def enc(self, text: str, rich: bool = False) -> str:
        return encode(text, rich, self.ascii)

    def protects_case(self, r: Record) -> bool:
        """Whether this record's titles get acronyms braced (``protect_case``)."""
        if self.opts.protect_case is not None:
            return self.opts.protect_case
        if self.ctx.source_format in _CASED_SOURCES or _CASED_SOURCES & set(r.native_types):
            return False  # a .bib source: its braces are kept exactly as they are
        texts = [t.text for t in r.titles]
        if r.container is not None:
            texts += [t.text for t in r.container.titles]
        return not any(NOCASE_OPEN in t for t in texts)  # CSL-JSON with nocase markup

    def verbatim(self, value: str, r: Record, field: str) -> str:
        """A verbatim value (doi, url...): in ASCII output, non-ASCII percent-encoded, reported."""
        value = _verbatim(value)
        if self.ascii and not value.isascii():
            coded = quote(unicodedata.normalize("NFC", value), safe=_URL_SAFE)
            self._rep.add(
                Code.VALUE_COERCED,
                f"{value!r} written as {coded!r} (non-ASCII percent-encoded for ASCII output)",
                field,
            )
            return coded
        return value

    # -- types and keys ---------------------------------------------------------------------

    def entry_type(self, r: Record) -> str:
        own = r.native_types.get(self.fmt)
        other = r.native_types.get("bibtex" if self.blx else "biblatex")
        if own and READ_TYPES.get(own) == r.type:
            return own  # faithful same-format trip (the reader accepts both dialects' types)
        for nt in (own, other):
            if nt and self.cw.type_to_hub(nt) == r.type:
                if nt == other and self.blx and nt in ("phdthesis", "mastersthesis", "techreport"):
                    continue  # biblatex aliases: write the canonical type
                return nt
        if r.type == "chapter" and not self.blx and not (r.container and r.container.title):
            return "inbook"
        if (
            r.type == "chapter"
            and self.blx
            and not r.editors
            and not (r.container and r.container.title)
        ):
            return "inbook"
        if (
            r.type == "thesis"
            and not self.blx
            and r.genre
            and re.search(r"(?i)master|\bm\.?\s?a\b|\bm\.?sc|mathesis", r.genre)
        ):
            return "mastersthesis"
        native = self.cw.type_from_hub(r.type)
        if native is None:
            native = "misc"
            self._rep.add(
                Code.TYPE_APPROXIMATED,
                f"{self.fmt} has no type for {r.type!r}; written as @misc",
                "ENTRYTYPE",
            )
        elif READ_TYPES.get(native) != r.type and not (
            native == "article" and r.type.startswith("article-") and self.blx
        ):
            self._rep.add(Code.TYPE_APPROXIMATED, f"{r.type!r} written as @{native}", "ENTRYTYPE")
        return native

    def key(self, r: Record) -> str:
        key: str | None = None
        if self.opts.keys == "keep":
            for cand in (r.citation_key, r.id):
                if cand and _KEY_OK.fullmatch(cand):
                    key = cand
                    break
        if key is None:
            key = self.generate_key(r)
        else:
            if self.ascii and not key.isascii():
                folded = "".join(c for c in _fold(key, lower=False) if _KEY_OK.fullmatch(c))
                folded = folded or "ref"
                self._rep.add(
                    Code.VALUE_COERCED, f"key {key!r} written as {folded!r} (ASCII output)", "ID"
                )
                key = folded
            if key.lower() in self.keys:
                self._rep.add(Code.DUPLICATE, f"key {key!r} already written; made unique", "ID")
        base, n = key, 0
        while key.lower() in self.keys:
            n += 1
            key = base + _suffix(n)
        self.keys.add(key.lower())
        return key

    def generate_key(self, r: Record) -> str:
        person = next((c for c in r.contributors if c.family or c.literal), None)
        name = ""
        if person is not None:
            name = person.family or (person.literal or "").split()[0]
        year = str(r.issued.year) if r.issued and r.issued.year is not None else ""
        word = ""
        if r.title:
            for w in strip_markup(r.title).split():
                w2 = _KEY_CHARS.sub("", _fold(w))
                if w2 and w2 not in _STOP:
                    word = w2
                    break
        key = _KEY_CHARS.sub("", _fold(name)) + year + word
        return key or "ref"

    # -- fields -----------------------------------------------------------------------------

    def fields(self, r: Record, native: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        blx = self.blx

        protect = self.protects_case(r)
        protected: list[str] = []

        def put(name: str, value: str | None) -> None:
            if not value:
                return
            if has(name):  # a field is written once: BibTeX and biber drop a second one
                shown = value[1:] if value.startswith("\x00") else value
                self._rep.add(
                    Code.FIELD_DROPPED,
                    f"an entry holds one {name} field; {shown!r} not written",
                    name,
                )
                return
            out.append((name, value))

        def title(name: str, text: str | None) -> None:
            """A title field: acronyms braced when the source had no case protection."""
            if not text:
                return
            if protect and name in _CASED_FIELDS and not has(name):
                text, words = protect_words(text)
                protected.extend(w for w in words if w not in protected)
            put(name, self.enc(text, True))

        def has(name: str) -> bool:
            """Whether the entry already has the field (a field is written once)."""
            return any(n == name for n, _ in out)

        # names
        roles: dict[str, list[Contributor]] = {}
        for contrib in r.contributors:
            roles.setdefault(contrib.role, []).append(contrib)
        for role, people in roles.items():
            field = self.name_field(role)
            if field is None:
                continue  # reported through the crosswalk (unmapped role)
            names: list[str] = []
            for i, person in enumerate(people, 1):
                text = self.name(person, r, field, i)
                if text:
                    names.append(text)
            if names and role in r.et_al:
                names.append("others")
            elif role in r.et_al:
                names = ["others"]
            put(field, " and ".join(names))
            label = people[0].role_label
            if blx and label and field in ("author", "editor"):
                put(field + "type", self.enc(label))
        for role in r.et_al:
            if role not in roles and self.name_field(role):
                put(self.name_field(role) or "", "others")

        # titles
        main = r.title
        sub = r.subtitle
        short = next((t.text for t in r.titles if t.type == "short"), None)
        addon = next((t.text for t in r.titles if t.type == "other"), None)
        if not blx and sub:
            main = f"{main}: {sub}" if main else sub
            self._rep.add(Code.VALUE_COERCED, "subtitle joined to the title", "subtitle")
        title("title", main)
        if blx:
            title("subtitle", sub)
            title("titleaddon", addon)
        title("shorttitle", short)

        # container
        c = r.container
        ctitle = csub = cshort = caddon = None
        if c is not None:
            ctitle = c.title
            csub = next((t.text for t in c.titles if t.type == "subtitle"), None)
            cshort = next((t.text for t in c.titles if t.type == "short"), None)
            caddon = next((t.text for t in c.titles if t.type == "other"), None)
        if ctitle:
            if native in ("article", "periodical", "suppperiodical"):
                put("journaltitle" if blx else "journal", self.enc(ctitle, True))
                if blx:
                    put("journalsubtitle", self.enc(csub, True) if csub else None)
                    put("journaltitleaddon", self.enc(caddon, True) if caddon else None)
            else:
                if not blx and csub:
                    ctitle = f"{ctitle}: {csub}"
                title("booktitle", ctitle)
                if blx:
                    title("booksubtitle", csub)
                    title("booktitleaddon", caddon)
        if blx and cshort:
            put("shortjournal", self.enc(cshort, True))
        if r.event is not None and blx:
            put("eventtitle", self.enc(r.event.title) if r.event.title else None)
            put("venue", self.enc(r.event.place) if r.event.place else None)
            if r.event.date is not None:
                put("eventdate", self.date_text(r.event.date, r, "eventdate"))
        put("edition", self.enc(r.edition) if r.edition else None)
        if r.series is not None:
            st = r.series.title
            put("series", self.enc(st, True) if st else None)
            sshort = next((t.text for t in r.series.titles if t.type == "short"), None)
            if blx and sshort:
                put("shortseries", self.enc(sshort, True))
        if c is not None:
            put("volume", self.enc(c.volume) if c.volume else None)
        put("version", self.enc(r.version) if r.version else None)
        if blx:
            put("volumes", self.enc(r.number_of_volumes) if r.number_of_volumes else None)
        number = self.number(r, native)
        put("number", self.enc(number) if number else None)
        if c is not None and c.issue and number != c.issue:
            put("issue" if blx else "number", self.enc(c.issue))
        if c is not None and c.number:
            put("eid" if blx else "articleno", self.enc(c.number))
        put("chapter", self.enc(r.chapter) if r.chapter else None)
        if blx:
            put("part", self.enc(r.part) if r.part else None)
        if c is not None and c.pages is not None:
            pages = c.pages.text("--")
            put("pages", self.enc(pages).replace("-{}-", "--") if pages else None)
        if r.number_of_pages:
            put("pagetotal" if blx else "numpages", self.enc(r.number_of_pages))
        if r.genre and _DEFAULT_GENRE.get(native) != r.genre:
            word = GENRE_TO_TYPE_WORD.get(r.genre) if blx else None
            put("type", word or self.enc(r.genre))
        elif blx and native == "thesis" and r.genre:
            put("type", GENRE_TO_TYPE_WORD.get(r.genre) or self.enc(r.genre))
        self.publisher(r, native, put)
        # dates
        self.dates(r, put)
        # identifiers
        for ident in r.identifiers:
            if ident.scheme in _IDENTIFIER_FIELDS:
                if not blx and ident.scheme in ("isan", "ismn", "isrn", "iswc"):
                    continue
                if has(ident.scheme):
                    self._rep.add(
                        Code.FIELD_DROPPED,
                        f"an entry holds one {ident.scheme} field; {ident.value} not written",
                        f"identifiers(scheme={ident.scheme})",
                    )
                    continue
                put(ident.scheme, self.verbatim(ident.value, r, ident.scheme))
            elif ident.scheme in ("pmid", "pmcid") and not blx:
                put(ident.scheme, self.verbatim(ident.value, r, ident.scheme))
            elif ident.scheme in ("arxiv", "pmid", "pmcid", "handle", "jstor", "googlebooks"):
                if has("eprint"):
                    self._rep.add(
                        Code.FIELD_DROPPED,
                        f"only one eprint fits; {ident.scheme}:{ident.value} not written",
                        f"identifiers(scheme={ident.scheme})",
                    )
                    continue
                put("eprint", self.verbatim(ident.value, r, "eprint"))
                kind = {"arxiv": "arXiv", "pmid": "pubmed", "handle": "hdl"}.get(
                    ident.scheme, ident.scheme
                )
                put("eprinttype" if blx else "archiveprefix", kind)
        if c is not None:
            # one issn field for print and electronic ISSNs, as Zotero writes it (read back: the
            # first is the ISSN, the others e-ISSNs), where the first of them stands
            issns: dict[str, list[str]] = {"issn": [], "eissn": []}
            for ident in c.identifiers:
                if ident.scheme in issns:
                    value = self.verbatim(ident.value, r, "issn")
                    if value not in issns["issn"] + issns["eissn"]:
                        issns[ident.scheme].append(value)
            for ident in c.identifiers:
                if ident.scheme == "isbn":
                    if has("isbn"):
                        self._rep.add(
                            Code.FIELD_DROPPED,
                            f"an entry holds one isbn field; the container's {ident.value} "
                            "not written",
                            "container.identifiers(scheme=isbn)",
                        )
                    else:
                        put("isbn", self.verbatim(ident.value, r, "isbn"))
                elif ident.scheme in issns and (issns["issn"] or issns["eissn"]):
                    if issns["issn"]:
                        put("issn", ", ".join(issns["issn"] + issns["eissn"]))
                    else:
                        put("eissn" if blx else "issn", ", ".join(issns["eissn"]))
                    issns = {"issn": [], "eissn": []}  # written
        # language, keywords, descriptions
        if r.language:
            babel = BCP47_TO_BABEL.get(r.language.lower())
            if blx:
                put("langid" if babel else "language", babel or self.enc(r.language))
            else:
                put("language", babel or self.enc(r.language))
        if r.subjects:
            # a term holding the list's separators is braced, so that it stays one term
            put(
                "keywords",
                ", ".join(
                    "{" + self.enc(s.term) + "}"
                    if "," in s.term or ";" in s.term
                    else self.enc(s.term)
                    for s in r.subjects
                ),
            )
        for d in r.descriptions:
            field = {
                "abstract": "abstract",
                "note": "note",
                "annotation": "annotation" if blx else "annote",
                "other": "addendum" if blx else "note",
            }.get(d.type)
            if field is None or has(field):
                self._rep.add(
                    Code.FIELD_DROPPED,
                    f"no field left for a description of type {d.type!r}",
                    f"descriptions(type={d.type})",
                )
                continue
            put(field, self.enc(d.text))
        if r.formats:
            put("howpublished", self.enc("; ".join(r.formats)))
        if r.attachments:
            put(
                "file",
                ";".join(
                    _file_item(self.verbatim(a.url, r, "file"), a.label, a.media_type)
                    for a in r.attachments
                ),
            )
        if blx:
            if r.publication_status and r.publication_status in _HUB_TO_PUBSTATE:
                put("pubstate", _HUB_TO_PUBSTATE[r.publication_status])
            elif r.publication_status and r.publication_status != "published":
                put("pubstate", r.publication_status)
            if r.archive is not None and r.archive.name:
                put("library", self.enc(r.archive.name))
            if r.original is not None:
                o = r.original
                put("origtitle", self.enc(o.title) if o.title else None)
                put("origlanguage", BCP47_TO_BABEL.get((o.language or "").lower(), o.language))
                if o.publisher is not None:
                    put("origpublisher", self.enc(o.publisher.name) if o.publisher.name else None)
                    put("origlocation", self.enc(o.publisher.place) if o.publisher.place else None)
            if r.type.startswith("article-") and r.type in (
                "article-magazine",
                "article-newspaper",
            ):
                put("entrysubtype", r.type.split("-", 1)[1])
        if self.ascii:
            self.report_folds(r)
        if protected:
            self.ctx.report.add(
                Code.HEURISTIC_APPLIED,
                "case protected in braces (protect-case): "
                + ", ".join("{" + w + "}" for w in protected),
                severity="info",
                record=r.label,
                field="title",
                source_format=self.ctx.source_format,
                target_format=self.fmt,
            )
        return out

    def name_field(self, role: str) -> str | None:
        if role == "sponsor":
            return "organization"
        if self.blx:
            return _BLX_ROLE_FIELDS.get(role)
        return role if role in ("author", "editor") else None

    def name(self, c: Contributor, r: Record, field: str, index: int) -> str | None:
        if field == "organization":
            return self.enc(c.literal or c.display_name)
        if (orcid := orcid_name(c)) is not None:  # known only by an ORCID: the iD, braced
            self.ctx.report.add(
                Code.VALUE_COERCED,
                orcid_name_note(c, f"{field} {index}"),
                severity="info",
                record=r.label,
                field=field,
                source_format=self.ctx.source_format,
                target_format=self.fmt,
            )
            return "{" + orcid + "}"
        if c.kind == "organization" or (c.literal and not c.family):
            if c.literal is None and not c.family:
                self._nameless(c, r, field, index)
                return None
            literal = c.literal or c.display_name
            text = format_name(
                given=None,
                particle=None,
                family=None,
                suffix=None,
                literal=literal,
                ascii=self.ascii,
            )
            if c.kind == "person":
                self._rep.add(
                    Code.VALUE_COERCED,
                    f"person {literal!r}, a name not split into parts, is written braced as "
                    "BibTeX writes an organisation, and reads back as one",
                    field,
                )
            self._read_back(text, NameParts(None, None, None, None, literal), r, field)
            return text
        if not c.family and not c.given:
            self._nameless(c, r, field, index)
            return None
        family = c.family
        given = c.given
        if not family:
            family, given = given, None
            self._rep.add(Code.VALUE_COERCED, "a given name alone is written as family name", field)
        particle = " ".join(p for p in (c.dropping_particle, c.non_dropping_particle) if p)
        if c.dropping_particle:
            self._rep.add(
                Code.VALUE_COERCED,
                f"dropping particle {c.dropping_particle!r} written in the von part",
                field,
            )
        text = format_name(
            given=given,
            particle=particle or None,
            family=family,
            suffix=c.suffix,
            literal=None,
            ascii=self.ascii,
        )
        self._read_back(text, NameParts(given, particle or None, family, c.suffix, None), r, field)
        return text

    def _read_back(self, text: str, meant: NameParts, r: Record, field: str) -> None:
        """Report a written name that BibTeX's rules read back into other parts."""
        back = parse_name(text)
        if back == meant:
            return
        if back.literal is not None:
            how = f"an organisation {back.literal!r}"
        else:
            parts = (
                ("family", back.family),
                ("given", back.given),
                ("particle", back.particle),
                ("suffix", back.suffix),
            )
            how = ", ".join(f"{k} {v!r}" for k, v in parts if v) or "no name"
        self._rep.add(Code.VALUE_COERCED, f"name written as '{text}' reads back as {how}", field)

    def _nameless(self, c: Contributor, r: Record, field: str, index: int) -> None:
        ids = ", ".join(f"{i.scheme}:{i.value}" for i in c.identifiers) or "no name"
        self._rep.add(
            Code.FIELD_DROPPED,
            f"{field} {index} is known only by {ids}; {self.fmt} names need a name, "
            "none is invented",
            f"contributors(role={c.role})",
        )
        return None

    def number(self, r: Record, native: str) -> str | None:
        c = r.container
        if native in ("article", "periodical", "suppperiodical"):
            return c.issue if c is not None and c.issue else r.number
        if r.number:
            return r.number
        if r.series is not None and r.series.number:
            return r.series.number
        return None

    def publisher(self, r: Record, native: str, put: Any) -> None:
        p = r.publisher
        if p is None:
            return
        if p.name:
            if native in ("phdthesis", "mastersthesis"):
                field = "school"
            elif native in ("thesis", "techreport", "report"):
                field = "institution"
            elif native == "manual" and not self.blx:
                field = "organization"
            else:
                field = "publisher"
            put(field, self.enc(p.name))
        if p.place:
            put("location" if self.blx else "address", self.enc(p.place))
        if not self.blx and r.event is not None and r.event.place and p.place:
            put("location", self.enc(r.event.place))

    def date_text(self, d: DateValue, r: Record, field: str) -> str | None:
        if d.literal and d.start is None and d.end is None:
            self._rep.add(Code.VALUE_COERCED, f"date {d.literal!r} is free text", field)
            return self.enc(d.literal)
        text = d.edtf()
        if text and d.start is not None and d.start.time:
            text = text.replace("T" + d.start.time, "")
        return text

    def dates(self, r: Record, put: Any) -> None:
        issued = r.issued
        if issued is not None:
            own = r.extras.get(self.fmt, {})
            if not self.blx and ("year" in own or "month" in own) and issued.start is not None:
                put("date", self.date_text(issued, r, "date"))  # the source had both
            elif self.blx:
                if issued.literal and issued.start is None:
                    put("year", self.enc(issued.literal))
                else:
                    put("date", self.date_text(issued, r, "date"))
            else:
                self.bibtex_issued(issued, r, put)
        accessed = r.date("accessed")
        if accessed is not None:
            put("urldate", self.date_text(accessed, r, "urldate"))
        if self.blx:
            orig = r.date("original")
            if orig is not None:
                put("origdate", self.date_text(orig, r, "origdate"))

    def bibtex_issued(self, d: DateValue, r: Record, put: Any) -> None:
        s = d.start
        if s is None or d.is_range or d.approximate or d.uncertain:
            if d.literal and s is None:
                put("year", self.enc(d.literal))
                return
            if d.is_range and s is not None and d.end is not None and not (s.month or d.end.month):
                put("year", f"{s.year}--{d.end.year}")
            elif s is not None:
                put("year", str(s.year))
                self._rep.add(
                    Code.VALUE_COERCED,
                    f"date {d.edtf()} written as its year (BibTeX has year/month only)",
                    "year",
                )
            elif d.end is not None:
                put("year", str(d.end.year))
            return
        put("year", str(s.year))
        if s.month:
            out_month = _MONTHS[s.month - 1]
            put("month", "\x00" + out_month)  # bare macro marker
            if s.day:
                put("day", str(s.day))
        elif s.season:
            self._rep.add(Code.VALUE_COERCED, "season dropped from the date", "month")

    # -- the entry --------------------------------------------------------------------------

    def write(self, r: Record) -> None:
        self._rep = self.ctx.reporter(r.label)
        native = self.entry_type(r)
        key = self.key(r)
        fields = self.fields(r, native)
        names = {n for n, _ in fields}
        extras_written = self.extras(r, fields, names)
        if self.ascii:
            self.ascii_only(r, fields)
        lines: list[str] = []
        for raw in _str_list(r.extras.get(self.fmt, {}).get("@before")):
            lines.append((to_ascii(raw) if self.ascii else raw).rstrip() + "\n\n")
        body = [f"@{native}{{{key},"]
        for name, value in fields:
            if value.startswith("\x00"):
                body.append(f"  {name} = {value[1:]},")
            else:
                body.append(f"  {name} = {{{value}}},")
        body[-1] = body[-1].rstrip(",")
        body.append("}")
        lines.append("\n".join(body) + "\n")
        for raw in _str_list(r.extras.get(self.fmt, {}).get("@after")):
            lines.append("\n" + (to_ascii(raw) if self.ascii else raw).rstrip() + "\n")
        text = "".join(lines)
        if not self.first:
            text = "\n" + text
        self.first = False
        self.stream.write(text.encode("utf-8"))
        del extras_written

    def report_folds(self, r: Record) -> None:
        """ASCII output writes a few characters as LaTeX sets them (U+2010 as '-'): say so."""
        text = r.model_dump_json()
        found = [c for c in FOLDS if c in text]
        if found:
            shown = ", ".join(f"U+{ord(c):04X} as {FOLDS[c]!r}" for c in found)
            self.ctx.report.add(
                Code.VALUE_COERCED,
                f"written as LaTeX sets them (ASCII output): {shown}",
                severity="info",
                record=r.label,
                source_format=self.ctx.source_format,
                target_format=self.fmt,
            )

    def ascii_only(self, r: Record, fields: list[tuple[str, str]]) -> None:
        """ASCII output: what is still non-ASCII (kept source) as LaTeX; ``^^`` bytes reported."""
        for i, (name, value) in enumerate(fields):
            if not value.isascii():
                value = to_ascii(value)
                fields[i] = (name, value)
            if "^^" in value:
                chars = hat_runs(value)
                if chars:
                    shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in chars[:5])
                    more = f" and {len(chars) - 5} more" if len(chars) > 5 else ""
                    self._rep.add(
                        Code.VALUE_COERCED,
                        f"no LaTeX form for {shown}{more} here: written as UTF-8 bytes in ^^ "
                        "notation, which LaTeX reads as the character (pdflatex only if it is "
                        "declared for its fonts; or write UTF-8: ascii=false)",
                        name,
                    )

    def extras(self, r: Record, fields: list[tuple[str, str]], names: set[str]) -> list[str]:
        if not self.opts.extras:
            return []
        written: list[str] = []
        own = r.extras.get(self.fmt, {})
        other = r.extras.get("bibtex" if self.blx else "biblatex", {})
        inherited = set(_str_list(own.get("@inherited")))
        has_parent = "crossref" in own or "xdata" in own
        if has_parent and inherited:
            # the parent is written too: drop what the child only inherited
            fields[:] = [(n, v) for n, v in fields if not _inherited(n, inherited)]
            names.clear()
            names.update(n for n, _ in fields)
        for source in (own, other):
            for name, value in source.items():
                if (
                    name.startswith("@")
                    or name in names
                    or not isinstance(value, str)
                    or (source is own and has_parent and name in inherited)
                ):
                    continue
                if not _balanced(value):
                    value = encode(value, False, self.ascii)
                fields.append((name, value))
                names.add(name)
                written.append(name)
        return written


_INHERITED_ALIASES = {
    "booktitle": ("booktitle",),
    "journal": ("journal", "journaltitle"),
    "journaltitle": ("journal", "journaltitle"),
    "address": ("address", "location"),
    "location": ("address", "location"),
    "year": ("year", "month", "day", "date"),
    "date": ("year", "month", "day", "date"),
}


def _inherited(name: str, inherited: set[str]) -> bool:
    if name in inherited:
        return True
    return any(name in _INHERITED_ALIASES.get(i, ()) for i in inherited)


def _str_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text.replace("\\{", "").replace("\\}", ""):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _verbatim(value: str) -> str:
    """Verbatim fields (doi, url, eprint) are written as they are, braces escaped if unbalanced."""
    if ("{" in value or "}" in value) and not _balanced(value):
        return value.replace("{", "\\{").replace("}", "\\}")
    return value


def _file_item(url: str, label: str | None, media_type: str | None) -> str:
    path = _verbatim(url).replace(":", "\\:").replace(";", "\\;")
    if label or media_type:
        lab = (label or "").replace(":", "\\:").replace(";", "\\;")
        return f"{lab}:{path}:{media_type or ''}"
    return path


def _fold(text: str, lower: bool = True) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return folded.lower() if lower else folded


def _suffix(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(97 + rem) + out
    return out


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write records as BibTeX or BibLaTeX entries (streaming)."""
    w = _Writer(stream, ctx)
    cw = w.cw
    for record in records:
        try:
            report_dropped(
                without_orcid_names(record), cw, ctx.report, source_format=ctx.source_format
            )
            report_foreign_extras(
                record, ctx.format, _DIALECTS, ctx.report, source_format=ctx.source_format
            )
            w.write(record)
        except (ValueError, KeyError, TypeError) as exc:
            ctx.reporter(record.label).skip(str(exc), what="record not written")
            continue
        ctx.report.count("written")
