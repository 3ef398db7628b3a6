"""BibTeX / BibLaTeX writer: stable, readable entries, one record at a time.

Conventional field order, two-space indent, braces (never quotes), pages with ``--``, ``month``
as a macro in BibTeX and ``date`` (EDTF) in BibLaTeX, protected case written back as braces,
special characters escaped. Keys are kept or generated (``family`` + ``year`` + first title word,
made unique). Fields kept in the record's ``.bib`` extras are written back.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import quote

from biblioconv.crosswalk import Crosswalk, parse_path, report_foreign_extras
from biblioconv.formats.bibtex.casing import protect_words
from biblioconv.formats.bibtex.crosswalk import (
    ARTICLE_TYPES,
    BIBLATEX_CROSSWALK,
    BIBLATEX_RULES,
    BIBTEX_CROSSWALK,
    BIBTEX_RULES,
    PART_TYPES,
    READ_TYPES,
    field_rank,
    own_number,
    reads_as_date,
)
from biblioconv.formats.bibtex.latex import NOCASE_OPEN, encode, strip_markup, to_ascii
from biblioconv.formats.bibtex.mapping import (
    _CONTAINER_TYPE,
    BABEL_TO_BCP47,
    BCP47_TO_BABEL,
    GENRE_TO_TYPE_WORD,
    MONTH_MACROS,
)
from biblioconv.formats.bibtex.names import NameParts, format_name, parse_name
from biblioconv.formats.bibtex.options import BibtexWriteOptions
from biblioconv.formats.bibtex.unicode_latex import FOLDS, hat_runs
from biblioconv.keyset import KeySet
from biblioconv.model import Contributor, DateValue, PageRange, Record
from biblioconv.names import orcid_name, orcid_name_note
from biblioconv.registry import WriteContext
from biblioconv.report import Code
from biblioconv.rules import Carried, RuleContext, RuleTable, leaves, select, uncarried

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
#: the dialects whose fields (kept in a record's extras) this writer writes back
_DIALECTS = ("bibtex", "biblatex")
#: formats whose titles carry case protection (braces); titles from others get it (protect_case)
_CASED_SOURCES = frozenset({"bibtex", "biblatex"})
#: fields that hold titles styles may set in sentence case
_CASED_FIELDS = frozenset(
    {"title", "subtitle", "titleaddon", "shorttitle", "booktitle", "booksubtitle", "booktitleaddon"}
)
_URL_SAFE = "".join(chr(c) for c in range(33, 127))
#: parts of a record written outside the field rules (the entry type and key, the extras)
_SKIP = ("extras", "native_types", "type", "id", "citation_key")
_FOLDED = re.compile("[" + re.escape("".join(FOLDS)) + "]")
_RANKS = {"bibtex": field_rank("bibtex"), "biblatex": field_rank("biblatex")}
#: the lists whose elements are written in the record's order among their fields; the
#: container's identifiers follow the record's
_ORDERED = {"contributors": 0, "identifiers": 0, "container.identifiers": 1000, "descriptions": 0}


@dataclass(frozen=True, slots=True)
class _ListFields:
    """From the table: which fields hold the elements of each list, by kind (role, scheme,
    type), in table order, and the fields that go with them (authortype, eprinttype)."""

    kinds: dict[str, tuple[str, dict[str, list[tuple[int, str]]]]]
    """list -> (the attribute of the kind, kind -> [(rule index, field)])"""
    companions: dict[str, dict[str, list[tuple[int, str]]]]
    """list -> kind -> [(rule index, field)] of fields of one attribute of the element"""
    group: dict[str, str]
    """field -> the first field (by rank) of its list's group"""

    @classmethod
    def of(cls, table: RuleTable, rank: dict[str, int]) -> _ListFields:
        kinds: dict[str, tuple[str, dict[str, list[tuple[int, str]]]]] = {}
        companions: dict[str, dict[str, list[tuple[int, str]]]] = {}
        for t, r in enumerate(table.writing):
            segments = parse_path(r.home)
            at = 1 if segments[0][0] == "container" else 0
            if len(segments) <= at or len(segments[at][1]) != 1:
                continue
            name = ".".join(s for s, _ in segments[: at + 1])
            if name not in _ORDERED:
                continue
            ((attr, kind),) = segments[at][1]
            if len(segments) == at + 1:
                kinds.setdefault(name, (attr, {}))[1].setdefault(kind, []).append((t, r.source))
            else:
                companions.setdefault(name, {}).setdefault(kind, []).append((t, r.source))
        members: dict[str, set[str]] = {}
        for name in _ORDERED:
            key = "identifiers" if name == "container.identifiers" else name
            for fields in (
                *kinds.get(name, ("", {}))[1].values(),
                *companions.get(name, {}).values(),
            ):
                members.setdefault(key, set()).update(f for _, f in fields)
        group = {
            f: min(fs, key=lambda g: rank.get(g, 1 << 30)) for fs in members.values() for f in fs
        }
        return cls(kinds, companions, group)

    def positions(self, r: Record) -> dict[str, float]:
        """Field -> the index of the element it holds (the first rule to fill a field wins)."""
        best: dict[str, tuple[int, float]] = {}
        for name, offset in _ORDERED.items():
            if name not in self.kinds:
                continue
            attr, by_kind = self.kinds[name]
            items = (
                r.container.identifiers if name == "container.identifiers" and r.container else []
            )
            if name != "container.identifiers":
                items = getattr(r, name)
            companions = self.companions.get(name, {})
            for i, item in enumerate(items):
                kind = getattr(item, attr)
                for t, field in by_kind.get(kind, ()):
                    best[field] = min(best.get(field, (t, offset + i)), (t, offset + i))
                for t, field in companions.get(kind, ()):
                    here = (t, offset + i + 0.5)
                    best[field] = min(best.get(field, here), here)
        return {f: i for f, (_, i) in best.items()}


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
        self.table = BIBLATEX_RULES if self.blx else BIBTEX_RULES
        self.rank = _RANKS[self.fmt]
        self.lists = _LISTS[self.fmt]
        self.role_field = {
            kind: fields[0][1]
            for kind, fields in self.lists.kinds.get("contributors", ("", {}))[1].items()
        }
        self._record = Record()
        self._paths: dict[int, str] | None = None
        self._orcid: list[str] = []
        self.protect = False
        self.protected: list[str] = []
        self._coerced = False
        self._joined: list[str] = []
        self._simple_date = False

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
                "type",
            )
        elif READ_TYPES.get(native) != r.type and not (
            native == "article" and r.type.startswith("article-") and self.blx
        ):
            self._rep.add(Code.TYPE_APPROXIMATED, f"{r.type!r} written as @{native}", "type")
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
                    Code.VALUE_COERCED,
                    f"key {key!r} written as {folded!r} (ASCII output)",
                    "citation_key",
                )
                key = folded
            if key.lower() in self.keys:
                self._rep.add(
                    Code.DUPLICATE, f"key {key!r} already written; made unique", "citation_key"
                )
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

    # -- fields: the rule table runs, the methods below give it the BibTeX syntax -----------

    def fields(self, r: Record, native: str) -> tuple[list[tuple[str, str]], Carried]:
        """The entry's fields in table order and what they carried of the record."""
        self.protect = self.protects_case(r)
        self.protected = []
        self._coerced = False
        self._joined = []
        self._simple_date = False
        ctx = RuleContext(r.type, native, r, reporter=self._rep, options=self)
        values, carried = self.table.write(r, ctx)
        for i, role in enumerate(r.et_al):  # 'and others' (written by the names, or alone)
            field = self.name_field(role)
            if field is None:
                continue
            if field not in values:
                values[field] = "others"
            carried.mark((f"et_al[{i}]",))
        for home in self._joined:  # BibTeX: a subtitle joined to its title
            carried.mark((p for p, _, _ in select(r, home)), approx="title")
        self.inferred(r, native, values, carried)
        out = sorted(values.items(), key=self.order(r))
        if self.ascii:
            self.report_folds(r)
        if self.protected:
            self.ctx.report.add(
                Code.HEURISTIC_APPLIED,
                "case protected in braces (protect-case): "
                + ", ".join("{" + w + "}" for w in self.protected),
                severity="info",
                record=r.label,
                field="titles",
                source_format=self.ctx.source_format,
                target_format=self.fmt,
            )
        return out, carried

    def order(self, r: Record) -> Callable[[tuple[str, str]], tuple[int, float]]:
        """The sort key of the fields: table order, but names, identifiers and descriptions in
        the record's order among themselves."""
        rank = self.rank
        pos = self.lists.positions(r)
        groups = self.lists.group

        def key(item: tuple[str, str]) -> tuple[int, float]:
            name = item[0]
            anchor = groups.get(name)
            if anchor is None or name not in pos:
                return rank.get(name, 0), 0.0
            return rank.get(anchor, 0), pos[name]

        return key

    def inferred(self, r: Record, native: str, values: dict[str, str], carried: Carried) -> None:
        """What the reader infers from the entry type: carried where the record agrees, reported
        where the reader would add it."""
        c = r.container
        guesses: list[tuple[str, Any, Any]] = []
        if c is not None:
            if any(f in values for f in ("journal", "journaltitle", "booktitle")):
                guesses.append(("container.type", c.type, _CONTAINER_TYPE.get(native)))
            if c.number and ("eid" in values or "articleno" in values):
                guesses.append(("container.number_type", c.number_type, "Article"))
        if "number" in values:  # the reader's home of number depends on the entry type
            if native in ARTICLE_TYPES:
                home, have = "container.issue", c.issue if c is not None else None
            elif own_number(native, r.type):
                home, have = "number", r.number
            else:
                home = "series.number"
                have = r.series.number if r.series is not None else None
            if have is None:
                self._rep.add(
                    Code.VALUE_COERCED, f"number read back as {home}", home, severity="info"
                )
        if (
            "isbn" in values
            and native in PART_TYPES
            and not (c is not None and any(i.scheme == "isbn" for i in c.identifiers))
        ):  # the record's own ISBN, where a reader takes an ISBN for the book's
            self._rep.add(
                Code.VALUE_COERCED,
                f"the ISBN of a part is read back as its container's (@{native})",
                "container.identifiers(scheme=isbn)",
                severity="info",
            )
        if native in _DEFAULT_GENRE and "type" not in values:
            guesses.append(("genre", r.genre, _DEFAULT_GENRE[native]))
        for path, have, guess in guesses:
            if guess is None:
                continue
            if have == guess:
                carried.mark((path,))
            elif have is None:
                self._rep.add(
                    Code.VALUE_COERCED,
                    f"read back as {guess!r} (implied by @{native})",
                    path,
                    severity="info",
                )

    def path_of(self, obj: Any) -> str:
        """The concrete path of one of the record's values (for a diagnostic)."""
        paths = self._paths
        if paths is None:
            r = self._record
            paths = self._paths = {}
            for name, items in (
                ("contributors", r.contributors),
                ("identifiers", r.identifiers),
                ("attachments", r.attachments),
                ("container.identifiers", r.container.identifiers if r.container else []),
            ):
                for i, item in enumerate(items):
                    paths[id(item)] = f"{name}[{i}]"
        return paths.get(id(obj), "")

    def text(self, values: list[Any], ctx: RuleContext) -> str | None:
        v = values[0]
        return self.enc(v.text if hasattr(v, "text") else str(v)) or None

    def rich(self, values: list[Any], ctx: RuleContext) -> str | None:
        v = values[0]
        return self.enc(v.text if hasattr(v, "text") else str(v), True) or None

    def text_exact(self, values: list[Any], ctx: RuleContext) -> bool:
        """Whether texts read back as they are: the reader collapses white space; ASCII output
        sets a few characters as LaTeX does (FOLDS)."""
        for v in values:
            t = v.text if hasattr(v, "text") else getattr(v, "term", v)
            if not isinstance(t, str):
                continue
            if "  " in t or "\n" in t or "\t" in t or "\r" in t or t != t.strip():
                return False  # the reader collapses white space
            if not t.isascii() and not unicodedata.is_normalized("NFC", t):
                return False  # the reader normalises to composed characters
            if self.ascii and not t.isascii() and _FOLDED.search(t):
                return False
        return True

    def names(self, values: list[Contributor], ctx: RuleContext, field: str) -> str | None:
        r = ctx.record
        names = [t for i, c in enumerate(values, 1) if (t := self.name(c, r, field, i))]
        role = values[0].role
        if role in r.et_al:
            names.append("others")
        return " and ".join(names) or None

    def sponsor_exact(self, values: list[Contributor], ctx: RuleContext) -> bool:
        p = ctx.record.publisher
        return len(values) == 1 and p is not None and bool(p.name)

    def role_label(self, values: list[str], ctx: RuleContext) -> str | None:
        return self.enc(values[0])

    def title(self, values: list[Any], ctx: RuleContext, field: str) -> str | None:
        """A title field: BibTeX joins a subtitle to it; acronyms braced when the source had no
        case protection."""
        text = values[0].text
        self._coerced = False
        if not self.blx and field in ("title", "booktitle"):
            home = (
                "titles(type=subtitle)" if field == "title" else "container.titles(type=subtitle)"
            )
            owner = ctx.record if field == "title" else ctx.record.container
            sub = next((t.text for t in owner.titles if t.type == "subtitle"), None)
            if sub:
                text = f"{text}: {sub}"
                self._coerced = True
                self._joined.append(home)
        if self.protect and field in _CASED_FIELDS:
            text, words = protect_words(text)
            if words:
                self._coerced = True
                self.protected.extend(w for w in words if w not in self.protected)
        return self.enc(text, True) or None

    def title_exact(self, values: list[Any], ctx: RuleContext) -> bool:
        return not self._coerced and self.text_exact(values, ctx)

    def ctitle_exact(self, values: list[Any], ctx: RuleContext) -> bool:
        return self.title_exact(values, ctx)

    def own_number_exact(self, values: list[Any], ctx: RuleContext) -> bool:
        native = ctx.native_type
        return native not in ARTICLE_TYPES and own_number(native, ctx.hub_type)

    def series_number_exact(self, values: list[Any], ctx: RuleContext) -> bool:
        return not own_number(ctx.native_type, ctx.hub_type)

    def article_number_exact(self, values: list[Any], ctx: RuleContext) -> bool:
        c = ctx.record.container
        return c is not None and c.number_type in ("Article", None)

    def pages(self, values: list[Any], ctx: RuleContext) -> str | None:
        pages = values[0].text("--")
        return self.enc(pages).replace("-{}-", "--") if pages else None

    def pages_exact(self, values: list[Any], ctx: RuleContext) -> bool:
        """Whether the pages read back as they are (a first page that is no page number, such
        as ``318 p``, reads back as page text)."""
        pages = values[0]
        return bool(PageRange.parse(pages.text("--")) == pages)

    def genre(self, values: list[str], ctx: RuleContext) -> str | None:
        genre = values[0]
        if _DEFAULT_GENRE.get(ctx.native_type or "") == genre:
            return None  # implied by the entry type
        word = GENRE_TO_TYPE_WORD.get(genre) if self.blx else None
        return word or self.enc(genre)

    def literal_date(self, ctx: RuleContext) -> bool:
        d = ctx.record.issued
        return d is not None and bool(d.literal) and d.start is None

    def edtf_issued(self, ctx: RuleContext) -> bool:
        """Whether the issued date is written as an EDTF ``date`` field."""
        r = ctx.record
        d = r.issued
        if d is None:
            return False
        if self.blx:
            return not (d.literal and d.start is None)
        own = r.extras.get(self.fmt, {})
        return ("year" in own or "month" in own) and d.start is not None  # the source had both

    def date(self, values: list[DateValue], ctx: RuleContext, field: str) -> str | None:
        d = values[0]
        if d.literal and d.start is None and d.end is None:
            return self.enc(d.literal)
        text = d.edtf()
        if text and d.start is not None and d.start.time:
            text = text.replace("T" + d.start.time, "")
        return text

    def date_exact(self, values: list[DateValue], ctx: RuleContext) -> bool:
        """Whether a date field gives the date back: not with a time of day, nor a text that
        reads back as a date."""
        d = values[0]
        if reads_as_date(d):
            return False
        return not ((d.start is not None and d.start.time) or (d.end is not None and d.end.time))

    def year(self, values: list[DateValue], ctx: RuleContext) -> str | None:
        """BibTeX's year of the issued date (its month and day only when it is one day)."""
        d = values[0]
        s = d.start
        self._simple_date = False
        if s is None or d.is_range or d.approximate or d.uncertain:
            if d.literal and s is None:
                return self.enc(d.literal)
            if d.is_range and s is not None and d.end is not None and not (s.month or d.end.month):
                return f"{s.year}--{d.end.year}"
            if s is not None:
                return str(s.year)
            return str(d.end.year) if d.end is not None else None
        self._simple_date = True
        return str(s.year)

    def month(self, values: list[int], ctx: RuleContext) -> str | None:
        return "\x00" + _MONTHS[values[0] - 1] if self._simple_date else None  # a bare macro

    def day(self, values: list[int], ctx: RuleContext) -> str | None:
        d = ctx.record.issued
        return str(values[0]) if self._simple_date and d and d.start and d.start.month else None

    def ident(self, values: list[Any], ctx: RuleContext, field: str) -> str | None:
        return self.verbatim(values[0].value, ctx.record, self.path_of(values[0]) or field)

    def issn(self, values: list[Any], ctx: RuleContext) -> str | None:
        """One field for the ISSNs and e-ISSNs, as Zotero writes it (read back: the first is the
        ISSN, the others e-ISSNs)."""
        c = ctx.record.container
        found: list[str] = []
        for scheme in ("issn", "eissn"):
            for ident in c.identifiers:
                if ident.scheme == scheme:
                    value = self.verbatim(ident.value, ctx.record, self.path_of(ident))
                    if value not in found:
                        found.append(value)
        return ", ".join(found) or None

    def langid(self, values: list[str], ctx: RuleContext) -> str | None:
        return BCP47_TO_BABEL.get(values[0].lower())

    def language(self, values: list[str], ctx: RuleContext) -> str | None:
        lang = values[0]
        babel = BCP47_TO_BABEL.get(lang.lower())
        if babel and self.blx:
            return None  # written as langid
        return babel or self.enc(lang)

    def language_exact(self, values: list[str], ctx: RuleContext) -> bool:
        lang = values[0]
        babel = BCP47_TO_BABEL.get(lang.lower())
        if babel is not None:
            return BABEL_TO_BCP47.get(babel) == lang
        return BABEL_TO_BCP47.get(lang.lower(), lang) == lang

    def keywords(self, values: list[Any], ctx: RuleContext) -> str | None:
        # a term holding the list's separators is braced, so that it stays one term
        return ", ".join(
            "{" + self.enc(s.term) + "}" if "," in s.term or ";" in s.term else self.enc(s.term)
            for s in values
        )

    def formats(self, values: list[str], ctx: RuleContext) -> str | None:
        return self.enc("; ".join(values))

    def files(self, values: list[Any], ctx: RuleContext) -> str | None:
        r = ctx.record
        return ";".join(
            _file_item(self.verbatim(a.url, r, self.path_of(a)), a.label, a.media_type)
            for a in values
        )

    def pubstate(self, values: list[str], ctx: RuleContext) -> str | None:
        status = values[0]
        if status in _HUB_TO_PUBSTATE:
            return _HUB_TO_PUBSTATE[status]
        return status if status != "published" else None

    def origlanguage(self, values: list[str], ctx: RuleContext) -> str | None:
        return BCP47_TO_BABEL.get(values[0].lower(), values[0])

    def labels_exact(self, values: list[str], ctx: RuleContext, role: str) -> bool:
        """A role label is written once for the role: exact when every name has the same."""
        people = [c for c in ctx.record.contributors if c.role == role]
        return len(set(values)) == 1 and len(values) == len(people)

    def name_field(self, role: str) -> str | None:
        """The name-list field of a role (from the table)."""
        return self.role_field.get(role)

    def name(self, c: Contributor, r: Record, field: str, index: int) -> str | None:
        at = self.path_of(c) or f"contributors(role={c.role})"
        if field == "organization":
            if c.kind != "organization":
                self._rep.add(
                    Code.VALUE_COERCED, "a sponsor is written as an organisation's name", at
                )
            return self.enc(c.literal or c.display_name)
        if (orcid := orcid_name(c)) is not None:  # known only by an ORCID: the iD, braced
            self.ctx.report.add(
                Code.VALUE_COERCED,
                orcid_name_note(c, f"{field} {index}"),
                severity="info",
                record=r.label,
                field=at,
                source_format=self.ctx.source_format,
                target_format=self.fmt,
            )
            self._orcid.append(at)
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
                    at,
                )
            self._read_back(text, NameParts(None, None, None, None, literal), r, at)
            return text
        if not c.family and not c.given:
            self._nameless(c, r, field, index)
            return None
        family = c.family
        given = c.given
        if not family:
            family, given = given, None
            self._rep.add(Code.VALUE_COERCED, "a given name alone is written as family name", at)
        particle = " ".join(p for p in (c.dropping_particle, c.non_dropping_particle) if p)
        if c.dropping_particle:
            self._rep.add(
                Code.VALUE_COERCED,
                f"dropping particle {c.dropping_particle!r} written in the von part (read back "
                "as a non-dropping particle)",
                at,
            )
        text = format_name(
            given=given,
            particle=particle or None,
            family=family,
            suffix=c.suffix,
            literal=None,
            ascii=self.ascii,
        )
        self._read_back(text, NameParts(given, particle or None, family, c.suffix, None), r, at)
        return text

    def _read_back(self, text: str, meant: NameParts, r: Record, field: str) -> None:
        """Report a written name that BibTeX's rules read back into other parts."""
        back = parse_name(unicodedata.normalize("NFC", text))  # a reader normalises fields
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
            self.path_of(c) or f"contributors(role={c.role})",
        )
        return None

    # -- the entry --------------------------------------------------------------------------

    def write(self, r: Record, parent_written: bool = True) -> None:
        """Write one entry; ``parent_written``: whether its crossref/xdata parent is (or will
        be) in the same output (if not, what it inherited is written into it)."""
        self._rep = self.ctx.reporter(r.label)
        self._record = r
        self._paths = None
        self._orcid = []
        native = self.entry_type(r)
        key = self.key(r)
        fields, carried = self.fields(r, native)
        names = {n for n, _ in fields}
        self.extras(r, fields, names, parent_written)
        self.report_key(r, key)
        self.report_losses(r, carried)
        if self.ascii:
            self.ascii_only(r, fields)
        lines: list[str] = []
        for raw in self.blocks(r, "@before"):
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
        for raw in self.blocks(r, "@after"):
            lines.append("\n" + (to_ascii(raw) if self.ascii else raw).rstrip() + "\n")
        text = "".join(lines)
        if not self.first:
            text = "\n" + text
        self.first = False
        self.stream.write(text.encode("utf-8"))

    def blocks(self, r: Record, where: str) -> list[str]:
        """The blocks kept around the entry (comments, @preamble...): this dialect's, else the
        other's (said so: they read back as this dialect's)."""
        own = _str_list(r.extras.get(self.fmt, {}).get(where))
        if own:
            return own
        other = "biblatex" if self.fmt == "bibtex" else "bibtex"
        kept = _str_list(r.extras.get(other, {}).get(where))
        if kept:
            self._rep.add(
                Code.VALUE_COERCED,
                f"extras.{other}.{where}: blocks written (read back as extras.{self.fmt})",
                "extras",
                severity="info",
            )
        return kept

    def report_key(self, r: Record, key: str) -> None:
        """A key the record did not have (generated, or its id), and an id no field holds."""
        if r.citation_key is None:
            given = "its id" if r.id is not None and key == r.id else "a generated key"
            self._rep.add(
                Code.MISSING_REQUIRED,
                f"an entry needs a key; {given} {key!r} written",
                "citation_key",
                severity="info",
            )
        if r.id is not None:
            if key == r.id and r.citation_key is None:
                self._rep.add(
                    Code.VALUE_COERCED, "the id is written as the entry key", "id", severity="info"
                )
            else:
                self._rep.add(Code.FIELD_DROPPED, f"no field for the id {r.id!r}", "id")

    def report_shifts(self, lost: list[str], carried: Carried) -> None:
        """A list element not written moves the ones after it up on reading back: say so on
        the list (``identifiers``), once."""
        dropped: dict[str, int] = {}
        for path in lost:
            if path.endswith("]") and path.count("[") == 1:
                name, _, index = path[:-1].partition("[")
                if index.isdigit():
                    dropped[name] = min(dropped.get(name, 1 << 30), int(index))
        if not dropped:
            return
        later: set[str] = set()
        for path in (*carried.exact, *carried.partial, *carried.approx):
            name, bracket, rest = path.partition("[")
            if bracket and name in dropped and name not in later:
                index = rest.partition("]")[0]
                if index.isdigit() and int(index) > dropped[name]:
                    later.add(name)
        for name in sorted(later):
            self._rep.add(
                Code.VALUE_COERCED,
                f"{name} after one not written read back at other positions",
                name,
                severity="info",
            )

    def crowded(self, r: Record, path: str, carried: Carried) -> bool:
        """Whether ``path`` is a list element (``identifiers[2]``) whose field holds another
        element of the same kind (scheme, type or role)."""
        top, _, rest = path.partition("[")
        if not rest.endswith("]") or "." in top or not rest[:-1].isdigit():
            return False
        items = getattr(r, top, None)
        if not isinstance(items, list):
            return False
        item = items[int(rest[:-1])]
        kind = next((a for a in ("scheme", "type", "role") if hasattr(item, a)), None)
        if kind is None:
            return False
        want = getattr(item, kind)
        return any(
            carried.covers(f"{top}[{j}]") or f"{top}[{j}]" in carried.partial
            for j, other in enumerate(items)
            if other is not item and getattr(other, kind) == want
        )

    def report_losses(self, r: Record, carried: Carried) -> None:
        """What the fields did not carry (by path, with the crosswalk's reason) and what they
        carried approximately."""
        for path, field in sorted(carried.approx.items()):
            if any(path.startswith(o) for o in self._orcid):
                continue  # said with the name
            self._rep.add(Code.VALUE_COERCED, f"written approximately as {field}", path)
        lost = uncarried(r, carried, skip=_SKIP)
        if not lost:
            return
        self.report_shifts(lost, carried)
        for path in lost:
            if any(path.startswith(o + ".identifiers") for o in self._orcid):
                continue  # an ORCID written as the name: said with the name
            why = self.cw.reason(r, path)
            if why:
                message = f"no {self.fmt} field for {path} ({why})"
            elif self.crowded(r, path, carried):
                message = f"no {self.fmt} field left for {path}"  # its field holds one value
            else:
                message = f"no {self.fmt} field for {path}"
            self._rep.add(Code.FIELD_DROPPED, message, path)

    def report_folds(self, r: Record) -> None:
        """ASCII output writes a few characters as LaTeX sets them (U+2010 as '-'): say so."""
        text = r.model_dump_json()
        found = [c for c in FOLDS if c in text]
        if found:
            shown = ", ".join(f"U+{ord(c):04X} as {FOLDS[c]!r}" for c in found)
            paths: list[str | None] = [
                p
                for p, v in leaves(r).items()
                if any(c in json.dumps(v, ensure_ascii=False) for c in found)
            ] or [None]
            for path in paths:  # each value that holds one
                self.ctx.report.add(
                    Code.VALUE_COERCED,
                    f"written as LaTeX sets them (ASCII output): {shown}",
                    severity="info",
                    record=r.label,
                    field=path,
                    source_format=self.ctx.source_format,
                    target_format=self.fmt,
                )

    def ascii_only(self, r: Record, fields: list[tuple[str, str]]) -> None:
        """ASCII output: what is still non-ASCII (kept source) as LaTeX; ``^^`` bytes reported."""
        for i, (name, value) in enumerate(fields):
            if not value.isascii():
                value = to_ascii(value)
                fields[i] = (name, value)
                kept = next((f for f, v in r.extras.items() if name in v), None)
                if kept is not None:  # a field kept as it was given reads back as the LaTeX
                    self._rep.add(
                        Code.VALUE_COERCED,
                        "non-ASCII characters written as LaTeX (ASCII output), which reads "
                        "back as the LaTeX in this field kept as given",
                        f"extras.{kept}.{name}",
                        severity="info",
                    )
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

    def extras(
        self,
        r: Record,
        fields: list[tuple[str, str]],
        names: set[str],
        parent_written: bool = True,
    ) -> None:
        """The fields kept in the record's extras (both dialects': a field of the other dialect
        is written as this one's, and said so); what a child only inherited is left out when
        its parent is written too."""
        if not self.opts.extras:
            return
        other_fmt = "biblatex" if self.fmt == "bibtex" else "bibtex"
        own = r.extras.get(self.fmt, {})
        other = r.extras.get(other_fmt, {})
        book = own if "@inherited" in own or not other else other
        inherited = set(_str_list(book.get("@inherited")))
        has_parent = "crossref" in book or "xdata" in book
        if has_parent and inherited and parent_written:
            # the parent is written too: drop what the child only inherited
            fields[:] = [(n, v) for n, v in fields if not _inherited(n, inherited)]
            names.clear()
            names.update(n for n, _ in fields)
        moved: list[str] = []
        for fmt, source in ((self.fmt, own), (other_fmt, other)):
            for name, value in source.items():
                if name.startswith("@") or not isinstance(value, str):
                    continue
                if source is book and has_parent and name in inherited and parent_written:
                    continue
                if name in names:
                    self._rep.add(
                        Code.FIELD_DROPPED,
                        f"an entry holds one {name} field; the kept {value!r} not written",
                        f"extras.{fmt}.{name}",
                    )
                    continue
                if not _balanced(value):
                    value = encode(value, False, self.ascii)
                fields.append((name, value))
                names.add(name)
                if source is other:
                    moved.append(name)
        if moved:
            self._rep.add(
                Code.VALUE_COERCED,
                f"{other_fmt} fields written as {self.fmt} fields (read back as "
                f"extras.{self.fmt}): " + ", ".join(moved),
                "extras",
                severity="info",
            )


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


_LISTS = {
    "bibtex": _ListFields.of(BIBTEX_RULES, _RANKS["bibtex"]),
    "biblatex": _ListFields.of(BIBLATEX_RULES, _RANKS["biblatex"]),
}

#: how many entries may wait for the crossref parent of the first of them
_PARENT_WINDOW = 5000


def _parent_key(r: Record) -> str | None:
    """The crossref key of a record that inherited fields from its parent."""
    for fmt in _DIALECTS:
        e = r.extras.get(fmt)
        if e and e.get("@inherited") and isinstance(e.get("crossref"), str):
            return str(e["crossref"]).strip().lower()
    return None


def _with_parents(records: Iterable[Record], written: KeySet) -> Iterator[tuple[Record, bool]]:
    """Each record with whether its crossref parent is in the same output (written before it,
    or among the next entries: BibTeX puts parents after their children). Records stream
    through unless a child waits for its parent (at most ``_PARENT_WINDOW`` of them)."""
    waiting: deque[tuple[Record, str | None, str]] = deque()
    ahead: dict[str, int] = {}
    for r in records:
        parent = _parent_key(r)
        key = (r.citation_key or r.id or "").lower()
        if parent is None and not waiting:
            yield r, True
            continue
        waiting.append((r, parent, key))
        ahead[key] = ahead.get(key, 0) + 1
        while waiting:
            head, parent, key = waiting[0]
            found = parent is None or parent in ahead or parent in written
            if not found and len(waiting) <= _PARENT_WINDOW:
                break
            waiting.popleft()
            ahead[key] -= 1
            if not ahead[key]:
                del ahead[key]
            yield head, found
    for head, parent, _ in waiting:
        yield head, parent is None or parent in ahead or parent in written


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write records as BibTeX or BibLaTeX entries (streaming)."""
    w = _Writer(stream, ctx)
    for record, parent_written in _with_parents(records, w.keys):
        try:
            report_foreign_extras(
                record, ctx.format, _DIALECTS, ctx.report, source_format=ctx.source_format
            )
            w.write(record, parent_written)
        except (ValueError, KeyError, TypeError) as exc:
            ctx.reporter(record.label).skip(str(exc), what="record not written")
            continue
        ctx.report.count("written")
