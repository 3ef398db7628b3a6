"""RIS writer: RIS that EndNote and Zotero import cleanly.

``TY`` first, ``ER  - `` last, one value per line, ``XY  - value`` lines, CRLF by default, UTF-8
(BOM optional), 2011 tags by default or the 2001 ones. Tag choice per ``TY`` comes from the same
rules the reader uses (:data:`~biblioconv.formats.ris.crosswalk.RULE_TABLE`, per ``TY``). As values are
written, what they carried is kept (:class:`~biblioconv.rules.Carried`); what nothing carried is
reported at the finest level (``contributors[2].identifiers[0]``, ``dates[1]``), with no read-back.
Nothing is invented: a person known only by an identifier is not written as a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import IO, Any

from pydantic import BaseModel

from biblioconv.crosswalk import TypeMap, foreign_extras
from biblioconv.dates import parse_date
from biblioconv.formats.ris.crosswalk import (
    BOOKS,
    CROSSWALK,
    JOURNALS,
    LANGUAGES,
    OLD_SPEC_TAGS,
    PARTS,
    PROCEEDINGS,
    REPORTS,
    SLOT_HOMES,
    SLOT_OF_HOME,
    TYPES,
    tag_for,
)
from biblioconv.formats.ris.names import format_name, joined_names, parse_name
from biblioconv.formats.ris.options import RisWriteOptions
from biblioconv.identifiers import split_isbn_issn
from biblioconv.model import Contributor, DateValue, Record, normalized_identifier, plain_text
from biblioconv.names import orcid_name, orcid_name_note
from biblioconv.registry import WriteContext
from biblioconv.report import Code
from biblioconv.rules import Carried, parts_tree, uncarried

__all__ = ["record_lines", "write"]

_PREFIX = "contributors(role="
_SLOT_OF_ROLE = {
    home[len(_PREFIX) : -1]: slot for home, slot in SLOT_OF_HOME.items() if home.startswith(_PREFIX)
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

#: what of a list element a tag carries
_TITLE = ("text", "type")
_NAME = (
    "kind",
    "role",
    "given",
    "family",
    "literal",
    "suffix",
    "dropping_particle",
    "non_dropping_particle",
)
_ID = ("scheme", "value", "valid")
_DATE = ("type", "start.year", "start.month", "start.day", "start.season", "information", "literal")
#: top-level fields written by hand (TY, ID) or kept apart (extras)
_SKIP = ("id", "citation_key", "type", "native_types", "extras")
#: what a reader infers about the container and the series from the TY
_CONTAINER_TYPES = {
    **dict.fromkeys(JOURNALS, "periodical"),
    **dict.fromkeys(PARTS, "book"),
    **dict.fromkeys(PROCEEDINGS, "proceedings"),
}


@lru_cache(maxsize=8192)
def _read_name(name: str) -> dict[str, Any]:
    """How the reader parses a written name (names repeat across records: cached; never
    changed by the caller)."""
    return parse_name(name, "author")[0]


def _within(obj: BaseModel, parts: tuple[str, ...]) -> bool:
    """Whether all an element holds is among the carried ``parts`` (then the element is
    carried whole)."""
    others, nested = _others(type(obj), parts)
    d = obj.__dict__
    if any(d[f] for f in others):
        return False
    return all(d[f] is None or _within(d[f], sub) for f, sub in nested)


@cache
def _others(
    cls: type[BaseModel], parts: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """The fields of ``cls`` that ``parts`` leave out, and those it names in part (with the
    parts of them it names)."""
    whole = {p for p in parts if "." not in p}
    subs: dict[str, list[str]] = {}
    for p in parts:
        if "." in p:
            head, rest = p.split(".", 1)
            subs.setdefault(head, []).append(rest)
    others = tuple(f for f in cls.model_fields if f not in whole and f not in subs)
    return others, tuple((f, tuple(v)) for f, v in subs.items())


def _merged(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for k, v in b.items():
        if v is True or out.get(k) is True:
            out[k] = True
        elif k in out:
            out[k] = _merged(out[k], v)
        else:
            out[k] = v
    return out


class _RecordWriter:
    def __init__(self, record: Record, ctx: WriteContext, options: RisWriteOptions) -> None:
        self.r = record
        self.ctx = ctx
        self.old = options.spec == "2001"
        self.lines: list[tuple[str, str]] = []
        self.label = record.label
        self.rep = ctx.reporter(record.label)
        self.carried = Carried()
        self.reported: set[str] = set()
        self.disordered: set[str] = set()
        self.placed: dict[str, list[tuple[str, int | str]]] = {}
        """list path -> (tag, index in the record, or a description of an element from another
        list) of each element written to it, in the order of the lines"""
        # most RIS readers show tags literally; a record read from RIS had them in its RIS text
        self.plain = options.markup == "plain" or (
            options.markup == "auto" and ctx.format not in record.native_types
        )

    # -- diagnostics ------------------------------------------------------------------------------

    def dropped(self, path: str, message: str) -> None:
        self.rep.add(Code.FIELD_DROPPED, message, path)
        self.reported.add(path)

    def mark(
        self, path: str, parts: tuple[str, ...] = (), *, place: bool = True, obj: Any = None
    ) -> None:
        """Record ``path`` (or only those ``parts`` of the element at it) as carried; a list
        element is placed in the list the reader rebuilds, under the tag last written."""
        if path.endswith("]"):
            if place:
                at = path.rindex("[")
                self.place(path[:at], int(path[at + 1 : -1]))
            else:  # reported where it is written: named already
                self.reported.add(path)
        if not parts or (obj is not None and _within(obj, parts)):
            self.carried.exact.add(path)
            return
        tree = parts_tree(parts)  # shared: never changed, merged into a copy
        partial = self.carried.partial
        had = partial.get(path)
        if had is None:
            partial[path] = tree
        elif had is not tree:
            partial[path] = _merged(had, tree)

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
        value = _as_written(tag, value)
        if value:
            self.lines.append((tag, value))

    def _kept(self, tag: str, value: str, path: str) -> None:
        """Report a text the tag holds otherwise (its line breaks, blank lines and spaces
        around lines are not kept)."""
        if _as_written(tag, value) != value:
            how = "one line" if tag not in _MULTILINE_TAGS else "lines without blank lines"
            self.rep.add(
                Code.VALUE_COERCED,
                f"{tag}: the text is written as {how} (spaces around lines not kept)",
                path,
                severity="info",
            )

    def place(self, lst: str, element: int | str) -> None:
        """Note that the last line written reads back as an element of the list ``lst``."""
        tag = self.lines[-1][0] if self.lines else ""
        placed = self.placed.setdefault(lst, [])
        if (
            element != len(placed)  # a gap, or an element from elsewhere
            or (placed and placed[-1][0] != tag and any(t == tag for t, _ in placed))
        ):  # a tag coming back after another: the reader groups it with its first lines
            self.disordered.add(lst)
        placed.append((tag, element))

    def put(
        self,
        slot: str,
        value: str | None,
        path: str,
        parts: tuple[str, ...] = (),
        obj: Any = None,
    ) -> None:
        """Write a value in the tag of its slot (the rule of the slot for this TY) and mark its
        path carried; with no such tag it stays uncarried (reported at the end)."""
        if not value:
            return
        tag = self.tag(slot)
        if tag is None:
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
        self._kept(tag, value, path)
        self.add(tag, value)
        self.mark(path, parts, obj=obj)

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
                    Code.TYPE_APPROXIMATED, f"type {r.type} has no RIS code: written as GEN", "type"
                )
            else:
                ty = tm.native
                back = CROSSWALK.type_to_hub(ty)
                if back != r.type:
                    why = tm.note.split(": ", 1)[-1] if tm.note.startswith("approx") else ""
                    self.rep.add(
                        Code.TYPE_APPROXIMATED,
                        f"type {r.type} written as {ty}{f' ({why})' if why else ''}, which "
                        f"reads back as {back}",
                        "type",
                    )
        if self.old and ty in OLD_SPEC_TYPES:
            ty = OLD_SPEC_TYPES[ty]
        return ty

    def build(self) -> list[tuple[str, str]]:
        r = self.r
        self.ty = self._type()
        self.add("TY", self.ty)
        self.add("ID", r.id or r.citation_key)
        if not r.id and r.citation_key:
            for path in ("citation_key", "id"):
                self.rep.add(
                    Code.VALUE_COERCED,
                    f"citation key {r.citation_key!r} written as the reference id (ID), which "
                    "RIS readers take as the record's id",
                    path,
                    severity="info",
                )
        self._titles()
        self._contributors()
        self._container()
        self._descriptions()
        self._publisher()
        self._dates()
        self._locators()
        self._identifiers()
        self._misc()
        self._inferred()
        self._extras()
        self._uncarried()
        return self.lines

    def _inferred(self) -> None:
        """What the reader infers from the TY (the container's and the series' type, the kind of
        the article number): carried where the record agrees, reported where it does not."""
        r = self.r
        cont = r.container
        if cont is not None and self._wrote("container."):
            inferred = _CONTAINER_TYPES.get(self.ty)
            if inferred is not None:
                self._agree("container.type", cont.type, inferred, f"the container of a {self.ty}")
            if cont.number and self.carried.covers("container.number"):
                self._agree("container.number_type", cont.number_type, "Article", "C7")
        if r.series is not None and self.ty in BOOKS and self._wrote("series."):
            self._agree("series.type", r.series.type, "book", f"the series of a {self.ty}")

    def _wrote(self, prefix: str) -> bool:
        c = self.carried
        return any(p.startswith(prefix) for p in (*c.exact, *c.approx, *c.partial))

    def _agree(self, path: str, have: str | None, inferred: str, what: str) -> None:
        if have == inferred:
            self.mark(path)
        else:
            self.rep.add(
                Code.VALUE_COERCED,
                f"{what} reads back with {path.rsplit('.', 1)[-1]} {inferred!r}"
                + (f" (not {have!r})" if have else ""),
                path,
                severity="info",
            )
            self.mark(path)

    def _uncarried(self) -> None:
        """Report what no tag carried, by concrete path, with the crosswalk's reason."""
        lost = uncarried(self.r, self.carried, skip=_SKIP)
        for path in lost:
            if any(path == p or path.startswith((p + ".", p + "[")) for p in self.reported):
                continue
            why = CROSSWALK.reason(self.r, path) or f"no RIS tag holds it in a {self.ty} record"
            self.rep.add(Code.FIELD_DROPPED, f"{path} not written: {why}", path)
        self._shifts(lost)

    def _shifts(self, lost: list[str]) -> None:
        """Name the list positions whose element the reader gives another place: it rebuilds each
        list from the lines, tag by tag (in the order each tag first occurs), without the
        elements not written."""
        gone = set(lost) | self.reported
        for lst, placed in self.placed.items():
            items = self._list(lst)
            if lst not in self.disordered and len(placed) == len(items):
                continue
            rank: dict[str, int] = {}
            for tag, _ in placed:
                rank.setdefault(tag, len(rank))
            back = [e for _, e in sorted(placed, key=lambda te: rank[te[0]])]  # stable
            at = {e: k for k, e in enumerate(back) if isinstance(e, int)}
            for k in range(max(len(items), len(back))):
                here = f"{lst}[{k}]"
                if (k < len(back) and back[k] == k) or here in gone:
                    continue
                if k < len(items):  # an element of the record: where it comes back
                    moved = f"{here} reads back as {lst}[{at[k]}]" if k in at else ""
                    moved = moved or f"{here} does not read back"
                else:  # a place the record does not have: what comes back there
                    got = back[k]
                    moved = (
                        f"{got if isinstance(got, str) else f'{lst}[{got}]'} reads back as {here}"
                    )
                self.rep.add(
                    Code.VALUE_COERCED,
                    f"{moved}: RIS lists values tag by tag, without what it cannot hold",
                    here,
                    severity="info",
                )

    def _list(self, lst: str) -> list[object]:
        obj: object = self.r
        for name in lst.split("."):
            obj = getattr(obj, name, None)
            if obj is None:
                return []
        return obj if isinstance(obj, list) else []

    def _titles(self) -> None:
        r = self.r
        mains = [(i, t.text) for i, t in enumerate(r.titles) if t.type == "main"]
        subs = [(i, t.text) for i, t in enumerate(r.titles) if t.type == "subtitle"]
        title = mains[0][1] if mains else None
        if subs:
            texts = [title or "", *(t for _, t in subs)] if title else [t for _, t in subs]
            title = ": ".join(texts)
            for i, _ in mains[:1] + subs:
                self.rep.add(
                    Code.VALUE_COERCED,
                    "subtitle joined to the title ('Title: Subtitle')",
                    f"titles[{i}]",
                )
                self.mark(f"titles[{i}]", _TITLE, place=False, obj=r.titles[i])
        if mains or subs:
            at = (mains or subs)[0][0]
            self.put("title", title, f"titles[{at}]", _TITLE, r.titles[at])
        for kind, slot in (("translated", "translated_title"), ("short", "short_title")):
            first = next((i for i, t in enumerate(r.titles) if t.type == kind), None)
            if first is not None:
                self.put(slot, r.titles[first].text, f"titles[{first}]", _TITLE, r.titles[first])

    def _contributors(self) -> None:
        out: list[tuple[int, int, str, str]] = []
        whole = True  # every name written, in the record's order, holding only what RIS holds
        for i, c in enumerate(self.r.contributors):
            orcid = orcid_name(c)  # a person known only by an ORCID: the iD as the name
            name = orcid if orcid is not None else format_name(c)
            here = f"contributors[{i}]"
            if name is None:
                self.dropped(
                    here, f"{c.role} known only by {_ids(c)}: RIS holds names, none is invented"
                )
                continue
            slot = _SLOT_OF_ROLE.get(c.role)
            tag = self.tag(slot) if slot else None
            if tag is None:
                self.dropped(
                    here,
                    f"RIS has no tag for the role {c.role} in a {self.ty} record: {name!r} not written",
                )
                continue
            if orcid is not None:
                nth = sum(1 for other in self.r.contributors[: i + 1] if other.role == c.role)
                self.rep.add(
                    Code.VALUE_COERCED,
                    orcid_name_note(c, f"{c.role} {nth}"),
                    here,
                    severity="info",
                )
            else:
                self._read_back(c, name, here)
                whole = whole and _within(c, _NAME)
            out.append((_TAG_ORDER.get(tag, 99), i, tag, name))
        out.sort()
        contributors = self.r.contributors
        if whole and len(out) == len(contributors) and all(k == e[1] for k, e in enumerate(out)):
            for _, _, tag, name in out:
                self.add(tag, name)
            if contributors:
                self.carried.exact.add("contributors")
        else:
            for _, i, tag, name in out:
                self.add(tag, name)
                c = contributors[i]
                self.mark(f"contributors[{i}]", () if orcid_name(c) is not None else _NAME, obj=c)
        if not self.r.extras.get(self.ctx.format, {}).get("AD"):
            seen: dict[str, None] = {}
            for i, c in enumerate(self.r.contributors):
                for j, a in enumerate(c.affiliations):
                    if a.name:
                        seen.setdefault(a.name, None)
                        self.mark(f"contributors[{i}].affiliations[{j}]", ("name",), obj=a)
            for name in seen:
                self.add("AD", name)
            if seen:
                for path in ("contributors.affiliations", f"extras.{self.ctx.format}.AD"):
                    self.rep.add(
                        Code.VALUE_COERCED,
                        "affiliations written as record-level AD lines (read back verbatim): "
                        "the link to each person is lost",
                        path,
                    )

    def _read_back(self, c: Contributor, name: str, here: str) -> None:
        """Report a name whose RIS form reads back as the other kind, or split where the record
        keeps it whole (RIS names have no type: the reader goes by commas and organisation
        words)."""
        back = _read_name(name)
        kind = back.get("kind", "person")
        if kind != c.kind:
            what = "an organisation" if kind == "organization" else "a person"
            self.rep.add(
                Code.VALUE_COERCED,
                f"{_KIND_WORD[c.kind]} {name!r} written as a RIS name, which reads back as {what}",
                here,
            )
        elif c.literal and "literal" not in back:  # the text is all there: info
            self.rep.add(
                Code.VALUE_COERCED,
                f"name {name!r} written whole, which reads back split into family and given names",
                here,
                severity="info",
            )
        elif c.literal and (c.family or c.given):
            self.rep.add(
                Code.VALUE_COERCED,
                f"name {name!r} written whole: the name in parts beside it is not written",
                here,
            )
        elif not c.literal:
            # RIS has no field for particles: they are written in the names (as meant)
            family, given = joined_names(c)
            if c.non_dropping_particle or c.dropping_particle:
                self.rep.add(
                    Code.VALUE_COERCED,
                    f"particle of {name!r} written in the name: RIS has no field for it",
                    here,
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
                    here,
                    severity="info",  # the text is all there
                )

    def _container(self) -> None:
        r = self.r
        if r.container is not None:
            c = r.container
            for kind, slot in (("main", "container_title"), ("short", "container_short")):
                first = next((i for i, t in enumerate(c.titles) if t.type == kind), None)
                if first is not None:
                    self.put(
                        slot,
                        c.titles[first].text,
                        f"container.titles[{first}]",
                        _TITLE,
                        c.titles[first],
                    )
        if r.series is not None:
            s = r.series
            first = next((i for i, t in enumerate(s.titles) if t.type == "main"), None)
            if first is not None:
                self.put(
                    "series_title",
                    s.titles[first].text,
                    f"series.titles[{first}]",
                    _TITLE,
                    s.titles[first],
                )
            self.put("series_number", s.number, "series.number")
            if s.volume and not s.number and self.tag("series_number"):
                self.put("series_number", s.volume, "series.volume")
                self.rep.add(
                    Code.VALUE_COERCED,
                    f"series volume written as the series number ({self.tag('series_number')})",
                    "series.volume",
                    severity="info",
                )
        if r.event is not None:
            self.put("event_title", r.event.title, "event.title")
            self.put("event_place", r.event.place, "event.place")

    def _descriptions(self) -> None:
        for i, d in enumerate(self.r.descriptions):
            here = f"descriptions[{i}]"
            tag = self.tag(SLOT_OF_HOME.get(f"descriptions(type={d.type}).text", ""))
            if tag is None:  # another kind of description: as a note
                tag = self.tag(SLOT_OF_HOME["descriptions(type=note).text"])
                if tag is None:
                    continue
                self.rep.add(
                    Code.VALUE_COERCED,
                    f"description of type {d.type} written as a note ({tag})",
                    here,
                )
            self._kept(tag, d.text, f"{here}.text")
            self.add(tag, d.text)
            self.mark(here, _TITLE, obj=d)

    def _publisher(self) -> None:
        p = self.r.publisher
        if p is not None:
            self.put("publisher", p.name, "publisher.name")
            self.put("place", p.place, "publisher.place")

    def _dates(self) -> None:
        dates = self.r.dates
        first = next((i for i, d in enumerate(dates) if d.type == "issued"), None)
        if first is not None:
            issued = dates[first]
            here = f"dates[{first}]"
            text, year = _ris_date(issued)
            self._coerced_date(issued, here)
            if self.old:
                self.add("Y1", text if text else (str(year) if year is not None else None))
            else:
                if year is not None:
                    self.add("PY", str(year))
                if text and (text != f"{year}///" or issued.information):
                    self.add("DA", text)
                elif not text and issued.literal:
                    self.add("DA", issued.literal)
            self.mark(here, _DATE, obj=issued)
        first = next((i for i, d in enumerate(dates) if d.type == "accessed"), None)
        if first is not None:
            accessed = dates[first]
            here = f"dates[{first}]"
            text, year = _ris_date(accessed)
            self._coerced_date(accessed, here)
            self.add("Y2", text or accessed.literal)
            self.mark(here, _DATE, obj=accessed)

    def _coerced_date(self, d: DateValue, path: str) -> None:
        said = False
        if d.literal and (d.start or d.end):
            self.rep.add(
                Code.VALUE_COERCED,
                f"the date's text {d.literal!r} is not written (the date is)",
                f"{path}.literal",
            )
        elif d.literal and parse_date(d.literal, d.type).literal != d.literal:
            self.rep.add(
                Code.VALUE_COERCED,
                f"the date's text {d.literal!r} is written as it is and reads back as a date",
                path,
            )
            said = True
        if d.is_range:
            self.rep.add(Code.VALUE_COERCED, f"date range {d.edtf()} written as its start", path)
            said = True
        if d.approximate or d.uncertain:
            self.rep.add(
                Code.VALUE_COERCED, f"approximate/uncertain date {d.edtf()} written as exact", path
            )
            said = True
        start = d.start or d.end
        if start is not None and start.time:
            self.rep.add(
                Code.VALUE_COERCED, f"time of day {start.time} not written", path, severity="info"
            )
            said = True
        if said:
            self.mark(path)

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
                    self.put("start_page", pr.literal, "container.pages.literal")
                else:
                    self.put("start_page", pr.first, "container.pages.first")
                    self.put("end_page", pr.last, "container.pages.last")
                    if pr.last is not None and pr.last == pr.first and self.tag("end_page"):
                        self.rep.add(
                            Code.VALUE_COERCED,
                            f"pages {pr.first}-{pr.last} read back as the one page {pr.first}",
                            "container.pages.last",
                            severity="info",
                        )
        self.put("number_of_pages", r.number_of_pages, "number_of_pages")
        version_tag = tag_for("version", self.ty)
        self.put("edition", r.edition, "edition")
        if r.version and version_tag is None and self.tag("edition") and not r.edition:
            self.add(self.tag("edition") or "ET", r.version)
            for path in ("version", "edition"):
                self.rep.add(
                    Code.VALUE_COERCED,
                    f"version written as the edition (ET) of a {self.ty}, which reads back as the "
                    "edition",
                    path,
                )
            self.mark("version")
        else:
            self.put("version", r.version, "version")
        if r.number and (self.ty in REPORTS or self.ty == "PAT") and (sn := self.tag("sn")):
            self.add(sn, r.number)
            self.mark("number")
        self.put("section", r.section, "section")
        self.put("number_of_volumes", r.number_of_volumes, "number_of_volumes")

    def _identifiers(self) -> None:
        r = self.r
        own = list(r.identifiers)
        cont = list(r.container.identifiers) if r.container else []
        c2 = self.tag("pmcid")
        pmc = [i for i in own if i.scheme in ("pmcid", "pmid")]
        best = next((i for i in pmc if i.scheme == "pmcid"), pmc[0]) if pmc else None
        sn = self.tag("sn")
        seen: set[tuple[str, str, str]] = set()  # (list, scheme, value) read back

        def once(lst: str, scheme: str, value: str, here: str) -> bool:
            """Whether an identifier is not one a reader has already (it keeps one of each)."""
            key = (lst, scheme, normalized_identifier(scheme, value)[0])
            if key in seen:
                self.dropped(here, f"{scheme} {value} given before: written once")
                return False
            seen.add(key)
            return True

        for where, ids in (("identifiers", own), ("container.identifiers", cont)):
            for k, i in enumerate(ids):
                here = f"{where}[{k}]"
                slot = SLOT_OF_HOME.get(f"{where}(scheme={i.scheme})")
                tag = self.tag(slot) if slot is not None and slot != "sn" else None
                if tag is not None and i.scheme != "pmcid":
                    if not once(where, i.scheme, i.value, here):
                        continue
                    self.add(tag, i.value)
                elif i.scheme in ("isbn", "issn", "eissn", "lissn") and sn is not None:
                    hit = split_isbn_issn(i.value)
                    if hit is not None:
                        lst = "identifiers" if self._own_sn(hit[0]) else "container.identifiers"
                        if not once(lst, hit[0], hit[1], here):
                            continue
                    self.add(sn, i.value)
                    if hit is None or (hit[0] == "isbn") != (i.scheme == "isbn"):
                        what = "neither ISBN nor ISSN" if hit is None else f"an {hit[0].upper()}"
                        self.rep.add(
                            Code.VALUE_COERCED,
                            f"{i.scheme} {i.value!r} written as SN, which reads back as {what}",
                            here,
                        )
                        self.mark(here, place=False)
                        if hit is None and (self.ty in REPORTS or self.ty == "PAT"):
                            self.rep.add(
                                Code.VALUE_COERCED,
                                f"{i.scheme} {i.value!r} reads back as the {self.ty}'s number",
                                "number",
                            )
                        elif hit is None:
                            self.rep.add(
                                Code.VALUE_COERCED,
                                f"{i.scheme} {i.value!r} reads back verbatim",
                                f"extras.{self.ctx.format}.SN",
                            )
                        else:
                            self.place(
                                "identifiers" if self._own_sn(hit[0]) else "container.identifiers",
                                f"the {i.scheme} {i.value} of {here}",
                            )
                        continue
                    plain = i.scheme != "issn" and i.scheme != "isbn"
                    if plain:
                        self.rep.add(
                            Code.VALUE_COERCED,
                            f"{i.scheme} {i.value} written as a plain SN (RIS does not say which ISSN)",
                            here,
                        )
                    own_back = self._own_sn("issn" if plain else i.scheme)
                    if plain and own_back == (where == "identifiers"):
                        self.mark(here)
                        continue
                    if own_back != (where == "identifiers"):
                        self.rep.add(
                            Code.VALUE_COERCED,
                            f"{i.scheme} {i.value} written as SN, which in a {self.ty} reads back as "
                            + ("the record's own" if own_back else "the container's"),
                            here,
                            severity="info",
                        )
                        self.mark(here, place=False)
                        other = "identifiers" if own_back else "container.identifiers"
                        self.place(other, f"the {i.scheme} {i.value} of {here}")
                        continue
                elif i is best and c2 is not None:
                    if not once(where, i.scheme, i.value, here):
                        continue
                    self.add(c2, i.value)
                else:
                    continue
                self.mark(here, _ID, obj=i)

    def _own_sn(self, scheme: str) -> bool:
        """Whether the reader makes an SN of this scheme the record's own identifier (else the
        container's)."""
        if scheme == "isbn":
            return not (self.ty in PARTS or self.ty in PROCEEDINGS)
        return self.ty in ("JFULL", "SER")

    def _misc(self) -> None:
        r = self.r
        for k, a in enumerate(r.attachments):
            # file attachments (Zotero, EndNote) go where PDFs go, and read back as PDFs
            kind = "pdf" if a.kind == "file" else a.kind
            tag = self.tag(SLOT_OF_HOME.get(f"attachments(kind={kind})", ""))
            if tag is None:
                continue
            self.add(tag, a.url)
            if a.kind == "file":
                self.rep.add(
                    Code.VALUE_COERCED,
                    f"attachment {a.url} written as {tag} (file attachments), which reads back "
                    "as a PDF",
                    f"attachments[{k}]",
                    severity="info",
                )
            self.mark(f"attachments[{k}]", ("url", "kind"), obj=a)
        kw = self.tag(SLOT_OF_HOME["subjects.term"])
        if kw and r.subjects:
            if all(";" not in s.term and _within(s, ("term",)) for s in r.subjects):
                for s in r.subjects:  # all of them, as they are
                    self.add(kw, s.term)
                self.carried.exact.add("subjects")
            else:
                for k, s in enumerate(r.subjects):
                    self.add(kw, s.term)
                    self.mark(f"subjects[{k}]", ("term",), place=";" not in s.term, obj=s)
        if r.language and LANGUAGES.get(r.language.lower(), r.language) != r.language:
            self.rep.add(
                Code.VALUE_COERCED,
                f"language {r.language!r} reads back as "
                f"{LANGUAGES[r.language.lower()]!r} (a language's name is read as its code)",
                "language",
                severity="info",
            )
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


def _as_written(tag: str, value: str) -> str:
    """A value as a tag holds it: stripped; its lines stripped, blank ones left out, joined by
    line breaks in the tags of long texts and by spaces in the others."""
    value = value.strip()
    if "\n" in value or "\r" in value:
        parts = [p.strip() for p in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        sep = "\n" if tag in _MULTILINE_TAGS else " "
        value = sep.join(p for p in parts if p)
    return value


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
