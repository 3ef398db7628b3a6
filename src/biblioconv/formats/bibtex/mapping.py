"""Entry -> record: macro expansion, inheritance, and the reading of the fields by the rule
table (:mod:`biblioconv.formats.bibtex.crosswalk`), with what spans fields done by hand."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from pydantic import BaseModel

from biblioconv.crosswalk import parse_path
from biblioconv.dates import MONTHS
from biblioconv.errors import LimitExceeded
from biblioconv.formats.bibtex.crosswalk import (
    ALL_RULES,
    KNOWN_FIELDS,
    NAME_ROLES,
    PART_TYPES,
    READ_TYPES,
)
from biblioconv.formats.bibtex.latex import decode, unknown_macros
from biblioconv.formats.bibtex.names import parse_names
from biblioconv.formats.bibtex.values import (
    BABEL_TO_BCP47,
    BCP47_TO_BABEL,
    PUBSTATE_TO_HUB,
    THESIS_TYPE_WORDS,
    edtf_date,
    language,
    parse_file_field,
)
from biblioconv.model import Identifier, Record, normalized_identifier
from biblioconv.names import orcid_person_fields
from biblioconv.registry import ReadContext
from biblioconv.report import Code
from biblioconv.rules import Rule, RuleContext, put

__all__ = [
    "BABEL_TO_BCP47",
    "BCP47_TO_BABEL",
    "MONTH_MACROS",
    "PUBSTATE_TO_HUB",
    "RecordBuilder",
    "parse_file_field",
]

MONTH_MACROS: dict[str, str] = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}

_BARE = re.compile(r"[^\s#{}\"]+")
_GROUP_MARK = re.compile(r"[{}\"]")

_CONTAINER_TYPE = {
    "article": "periodical",
    "suppperiodical": "periodical",
    "inproceedings": "proceedings",
    "conference": "proceedings",
    "inbook": "book",
    "incollection": "book",
    "bookinbook": "book",
    "suppbook": "book",
    "suppcollection": "book",
    "inreference": "book",
}
_THESIS_GENRE = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
GENRE_TO_TYPE_WORD = {v: k for k, v in THESIS_TYPE_WORDS.items()}

# biblatex inheritance defaults: (parent types, child types) -> [(parent field, child field)]
_INHERIT_RULES: list[tuple[frozenset[str], frozenset[str], tuple[tuple[str, str], ...]]] = [
    (
        frozenset(["mvbook", "mvcollection", "mvreference", "mvproceedings"]),
        frozenset(
            [
                "book",
                "collection",
                "reference",
                "proceedings",
                "inbook",
                "incollection",
                "inreference",
                "inproceedings",
                "bookinbook",
                "suppbook",
                "suppcollection",
            ]
        ),
        (("title", "maintitle"), ("subtitle", "mainsubtitle"), ("titleaddon", "maintitleaddon")),
    ),
    (
        frozenset(["book", "collection", "reference", "proceedings"]),
        frozenset(
            [
                "inbook",
                "incollection",
                "inreference",
                "inproceedings",
                "conference",
                "bookinbook",
                "suppbook",
                "suppcollection",
            ]
        ),
        (
            ("title", "booktitle"),
            ("subtitle", "booksubtitle"),
            ("titleaddon", "booktitleaddon"),
        ),
    ),
    (
        frozenset({"book", "mvbook"}),
        frozenset({"inbook", "bookinbook", "suppbook"}),
        (("author", "bookauthor"),),
    ),
    (
        frozenset({"periodical"}),
        frozenset({"article", "suppperiodical"}),
        (("title", "journaltitle"), ("subtitle", "journalsubtitle")),
    ),
]
_NOT_INHERITED = frozenset(
    [
        "ids",
        "crossref",
        "xref",
        "entryset",
        "entrysubtype",
        "execute",
        "label",
        "options",
        "presort",
        "related",
        "relatedoptions",
        "relatedstring",
        "relatedtype",
        "shorthand",
        "shorthandintro",
        "sortkey",
        "xdata",
    ]
)
_PARENT_TITLE_FIELDS = frozenset(
    {"title", "subtitle", "titleaddon", "shorttitle", "sorttitle", "indextitle", "indexsorttitle"}
)


class RecordBuilder:
    """Turns the fields of one entry into a :class:`Record` (stateful: macros, parents)."""

    def __init__(
        self,
        ctx: ReadContext,
        parents: Mapping[str, tuple[str, list[tuple[str, str]]]] | None,
    ) -> None:
        self.ctx = ctx
        self.fmt = ctx.format
        self.macros: dict[str, str] = {}
        self.parents = parents
        self._rep = ctx.reporter()  # the entry being read
        self._entry: tuple[str, int, dict[str, Any]] = ("", 0, {})  # key, line, record data

    # -- values -----------------------------------------------------------------------------

    def define(self, key: str, raw: str, line: int) -> None:
        """An ``@string`` definition (later definitions win, as in BibTeX)."""
        self._rep = self.ctx.reporter(key or None, line)
        self.macros[key.strip().lower()] = self.expand(raw, "@string", collapse=False)

    def keep_duplicate(self, name: str, value: str) -> None:
        """A repeated field: the first value is used (reported by the caller)."""

    def expand(self, raw: str, field: str, *, collapse: bool = True) -> str:
        """Field value as written (delimiters, ``#``, macros) -> LaTeX source, spaces collapsed
        (BibTeX's syntax, before the table reads the value)."""
        v = raw.strip()
        if not v:
            return ""
        c = v[0]
        if "#" not in v and ((c == "{" and v[-1] == "}") or (c == '"' and v[-1] == '"')):
            inner = v[1:-1]
        elif v.isdigit():
            inner = v
        elif "#" not in v and _BARE.fullmatch(v) is not None:  # one macro (or month), no parts
            inner = self._macro(v, field)
        else:
            inner = self._concat(v, field)
        if not inner.isascii() and not unicodedata.is_normalized("NFC", inner):
            inner = unicodedata.normalize("NFC", inner)
        if not collapse:
            return inner
        if "\n" in inner or "\t" in inner or "  " in inner or "\r" in inner:
            return " ".join(inner.split())  # runs of white space as one space, stripped
        return inner.strip()

    def _concat(self, v: str, field: str) -> str:
        parts: list[str] = []
        i, n = 0, len(v)
        while i < n:
            c = v[i]
            if c in " \t\r\n#":
                i += 1
            elif c == "{" or c == '"':
                j = i + 1
                depth = 1 if c == "{" else 0
                while True:  # from brace or quote to the next one
                    m = _GROUP_MARK.search(v, j)
                    if m is None:
                        j = n
                        break
                    j = m.start()
                    cj = v[j]
                    if cj == "{":
                        depth += 1
                    elif cj == "}":
                        depth -= 1
                        if c == "{" and depth == 0:
                            break
                    elif c == '"' and depth == 0:
                        break
                    j += 1
                parts.append(v[i + 1 : j])
                i = j + 1
            else:
                m = _BARE.match(v, i)
                if m is None:  # a stray closing brace
                    parts.append(c)
                    i += 1
                    continue
                i = m.end()
                parts.append(self._macro(m.group(0), field))
        return "".join(parts)

    def _macro(self, tok: str, field: str) -> str:
        """A bare token of a value: a number, an ``@string`` macro or a month."""
        if tok.isdigit():
            return tok
        low = tok.lower()
        if low in self.macros:
            return self.macros[low]
        if low in MONTH_MACROS:
            return MONTH_MACROS[low]
        self._rep.add(Code.INVALID_VALUE, f"undefined @string macro {tok!r}; kept as text", field)
        return tok

    # -- inheritance ------------------------------------------------------------------------

    def _inherit(self, etype: str, f: dict[str, str], depth: int = 0) -> list[str]:
        """Fill missing fields from crossref/xdata parents; return the inherited field names
        (across entries, before any field is read: not a rule of one field)."""
        inherited: list[str] = []
        if self.parents is None:  # not resolving
            return inherited
        refs: list[tuple[str, str]] = []
        for name in ("xdata", "crossref", "xref"):
            if name in f:
                for k in f[name].split(",") if name == "xdata" else [f[name]]:
                    if k.strip():
                        refs.append((name, k.strip()))
        for how, key in refs:
            parent = self.parents.get(key.lower())
            if parent is None:
                self._rep.add(Code.INVALID_VALUE, f"{how} target {key!r} not found", how)
                continue
            if how == "xref":
                continue  # xref only links; it does not inherit
            ptype, raw_fields = parent
            pf = {name: self.expand(val, name) for name, val in raw_fields}
            if depth < 8 and any(k in pf for k in ("crossref", "xdata")):
                self._inherit(ptype, pf, depth + 1)
            mapped: dict[str, str] = {}
            if how == "crossref":
                for ptypes, ctypes, pairs in _INHERIT_RULES:
                    if ptype in ptypes and etype in ctypes:
                        for src, dst in pairs:
                            if src in pf:
                                mapped.setdefault(dst, pf[src])
            for name, val in pf.items():
                if name in _NOT_INHERITED:
                    continue
                if how == "crossref" and name in _PARENT_TITLE_FIELDS and etype in PART_TYPES:
                    continue  # the parent's title is the child's container title
                mapped.setdefault(name, val)
            for name, val in mapped.items():
                if name not in f:
                    f[name] = val
                    inherited.append(name)
        return inherited

    # -- the record -------------------------------------------------------------------------

    def build(self, etype: str, key: str, raw_fields: list[tuple[str, str]], line: int) -> Record:
        """Build the record of one entry."""
        self._rep = self.ctx.reporter(key or None, line)
        f: dict[str, str] = {name: self.expand(val, name) for name, val in raw_fields}
        inherited = (
            self._inherit(etype, f)
            if self.parents is not None and ("crossref" in f or "xdata" in f or "xref" in f)
            else []
        )
        fmt = self.fmt
        hub_type = READ_TYPES.get(etype)
        extras: dict[str, Any] = {}
        if hub_type is None:
            hub_type = "document"
            self._rep.add(
                Code.TYPE_APPROXIMATED,
                f"unknown entry type @{etype}; read as a generic document",
                "ENTRYTYPE",
            )
        d: dict[str, Any] = {"type": hub_type, "native_types": {fmt: etype}}
        if key:
            d["citation_key"] = key
        role_labels: dict[str, str] = {}
        self._entry = (key, line, d)
        rctx = RuleContext(hub_type, etype, fields=f, reporter=self._rep, options=self)

        # each field in the entry's order (the order of the record's lists) by the first rule
        # of the table that applies; by hand only what spans fields (commented below)
        for name, v in f.items():
            if not v and name != "title":
                continue
            if "\\" in v and name not in _VERBATIM_FIELDS:
                self._unknown_macros(name, v)
            plan = _PLANS.get(name)
            if plan is not None:
                # the first reading rule of the field that applies (RuleTable.rule_for)
                for when, action, to_hub, home in plan:
                    if when is None or when(rctx):
                        if action is _PUT:
                            hub = to_hub(v, rctx)
                            if hub is None:
                                extras[name] = v
                            else:
                                (_PUTTERS.get(home) or _putter(home))(d, hub)
                        elif action is _KEEP:
                            extras[name] = v
                        break  # (consumed: read with another field)
                else:
                    self._by_hand(name, v, d, extras, role_labels)
            else:
                self._by_hand(name, v, d, extras, role_labels)

        # year, month and day make one date, unless a date field gives it (first of the dates)
        issued = self._issued(f, extras)
        if issued is not None:
            d.setdefault("dates", []).insert(0, issued)
        # the entry type gives the genre when no type field does (a default, not a field)
        if etype in _THESIS_GENRE and "genre" not in d:
            d["genre"] = _THESIS_GENRE[etype]
        for role, label in role_labels.items():
            for c in d.get("contributors", ()):
                if c["role"] == role:
                    c["role_label"] = label
        # the container's type follows from the entry type, when it has a title
        container = d.get("container")
        if container is not None:
            ctype = _CONTAINER_TYPE.get(etype)
            if ctype and container.get("titles"):
                container["type"] = ctype
        # each identifier checked once all are read (a diagnostic, not a value)
        for ident in (
            *d.get("identifiers", ()),
            *(container.get("identifiers", ()) if container is not None else ()),
        ):
            scheme, value = (
                (ident.scheme, ident.value)
                if isinstance(ident, Identifier)
                else (ident["scheme"], ident["value"])
            )
            norm, valid = normalized_identifier(scheme, str(value))
            if valid is False:
                self._rep.add(
                    Code.INVALID_VALUE,
                    f"{scheme} {norm!r} fails its check; kept as given",
                    scheme,
                )
        if inherited:
            extras["@inherited"] = sorted(inherited)
        if extras:
            d["extras"] = {fmt: extras}
        return Record.model_validate(d)

    def names(self, value: str, ctx: RuleContext, field: str) -> list[dict[str, Any]]:
        """A name list as contributors (the rule gives them their role); 'and others' noted
        in the record's et_al (a second home of the same field)."""
        key, line, d = self._entry
        names, more = parse_names(value)
        if len(names) > self.ctx.limits.max_names:
            raise LimitExceeded(
                f"{field}: more than {self.ctx.limits.max_names} names", line=line, record=key
            )
        role = NAME_ROLES[field]
        contributors: list[dict[str, Any]] = []
        for p in names:
            if not p.given and (o := orcid_person_fields(p.literal or p.family, role)):
                contributors.append(o)  # a person known only by an ORCID
            elif p.literal is not None:
                contributors.append({"kind": "organization", "literal": p.literal})
            elif p.family or p.given:
                c: dict[str, Any] = {}
                if p.family:
                    c["family"] = p.family
                if p.given:
                    c["given"] = p.given
                if p.particle:
                    c["non_dropping_particle"] = p.particle
                if p.suffix:
                    c["suffix"] = p.suffix
                contributors.append(c)
        if more:
            d.setdefault("et_al", []).append(role)
        return contributors

    def _unknown_macros(self, name: str, value: str) -> None:
        unknown = unknown_macros(value)
        if unknown:
            macros = ", ".join("\\" + m for m in unknown)
            self._rep.add(
                Code.UNKNOWN_FIELD,
                f"LaTeX macro{'s' if len(unknown) > 1 else ''} {macros} not known; kept verbatim "
                f"with {'their' if len(unknown) > 1 else 'its'} arguments",
                name,
                severity="info",
            )

    def _by_hand(
        self,
        name: str,
        v: str,
        d: dict[str, Any],
        extras: dict[str, Any],
        role_labels: dict[str, str],
    ) -> None:
        """A field no rule of the table reads (what spans fields, aliases, unknown fields)."""
        # the article number comes with its kind (two attributes of the container)
        if name in ("eid", "articleno"):
            container = d.setdefault("container", {})
            container["number"] = decode(v)
            container["number_type"] = "Article"
        # the issued date spans fields (date before year/month/day) and comes first: in build
        elif name in ("year", "month", "day", "date"):
            pass
        # three aliases: the first gives the language, a later different one is kept
        elif name in ("langid", "hyphenation", "language"):
            code = language(decode(v))
            if "language" in d:
                if d["language"] != code:
                    extras[name] = v
            else:
                d["language"] = code
        # a role's label goes on every name of the role (applied in build)
        elif name in ("authortype", "editortype"):
            role_labels[name[:-4]] = decode(v)
        elif name in KNOWN_FIELDS:  # kept as it is (extras, date parts...)
            extras[name] = v
        else:
            extras[name] = v
            self._rep.add(
                Code.UNKNOWN_FIELD,
                f"field {name!r} has no home in the model; kept in extras",
                name,
                severity="info",
            )

    def _date(self, v: str, type_: str, field: str) -> dict[str, Any]:
        return edtf_date(v, type_, field, self._rep)

    def _issued(self, f: dict[str, str], extras: dict[str, Any]) -> dict[str, Any] | None:
        keep = extras.__setitem__
        date = f.get("date")
        year = f.get("year")
        month = f.get("month")
        day = f.get("day")
        if date:
            value = self._date(date, "issued", "date")
            for name, part in (("year", year), ("month", month), ("day", day)):
                if part:
                    keep(name, part)
            return value
        if not year:
            if month:
                keep("month", month)
            if day:
                keep("day", day)
            return None
        ytext = decode(year).strip()
        mnum = _month(decode(month)) if month else None
        if month and mnum is None:
            self._rep.add(Code.INVALID_VALUE, f"month {month!r} not understood; kept", "month")
            keep("month", month)
        dnum = int(day) if day and day.strip().isdigit() and mnum else None
        if day and dnum is None:
            keep("day", day)
        if ytext.lstrip("-").isdigit() and len(ytext.lstrip("-")) <= 5:
            start: dict[str, Any] = {"year": int(ytext)}
            if mnum:
                start["month"] = mnum
                if dnum and 1 <= dnum <= 31:
                    start["day"] = dnum
            return {"type": "issued", "start": start}
        value = self._date(ytext, "issued", "year")
        return value


#: the reading rules of each field, in table order
_READING: dict[str, tuple[Rule, ...]] = {}
for _rule in ALL_RULES.reading:
    _READING[_rule.source] = (*_READING.get(_rule.source, ()), _rule)

_PUTTERS: dict[str, Callable[[dict[str, Any], Any], None]] = {}


def _putter(home: str) -> Callable[[dict[str, Any], Any], None]:
    """:func:`~biblioconv.rules.put` for one home, made once: the home's shape is learnt from
    what ``put`` builds for it (homes with a list before their end use ``put`` itself)."""
    probe: dict[str, Any] = {}
    put(probe, home, {})
    segments = parse_path(home)
    node: Any = probe
    lists = []
    for name, _ in segments:
        node = node[name]
        lists.append(isinstance(node, list))
        if isinstance(node, list):
            node = node[0]
    fn: Callable[[dict[str, Any], Any], None]
    if any(lists[:-1]):
        fn = partial(_put_at, home)
    else:
        pre = [name for name, _ in segments[:-1]]
        last, filters = segments[-1]
        fn = partial(_put_list if lists[-1] else _put_value, pre, last, dict(filters))
    _PUTTERS[home] = fn
    return fn


def _put_at(home: str, d: dict[str, Any], value: Any) -> None:
    put(d, home, value)


def _put_value(
    pre: list[str], last: str, filters: dict[str, str], d: dict[str, Any], v: Any
) -> None:
    for n in pre:
        d = d.setdefault(n, {})
    if isinstance(v, dict) and isinstance(d.get(last), dict):
        d[last].update(v)
    else:
        d[last] = v


def _put_list(
    pre: list[str], last: str, filters: dict[str, str], d: dict[str, Any], v: Any
) -> None:
    for n in pre:
        d = d.setdefault(n, {})
    items = d.setdefault(last, [])
    if not filters:
        if isinstance(v, list):
            items.extend(v)
        else:
            items.append(v)
        return
    for x in v if isinstance(v, list) else (v,):
        if isinstance(x, dict):
            items.append(x | filters)
        elif isinstance(x, BaseModel):  # a model is made with its filters
            items.append(x)
        else:
            items.append({"value": x, **filters})


#: what a reading rule does with a value: put it at its home, keep it in the extras, nothing
_PUT, _KEEP, _CONSUMED = "put", "keep", "consumed"
#: the reading rules of each field, in table order, as (when, action, to_hub, home)
_PLANS: dict[str, tuple[tuple[Any, str, Any, str], ...]] = {
    name: tuple(
        (
            r.when,
            _CONSUMED if r.kind == "consumed" else _KEEP if r.home == "extras" else _PUT,
            r.to_hub,
            r.home,
        )
        for r in rules
    )
    for name, rules in _READING.items()
}


def _month(text: str) -> int | None:
    t = text.strip().lower().rstrip(".")
    if t.isdigit():
        n = int(t)
        return n if 1 <= n <= 12 else None
    return MONTHS.get(t)


#: fields read verbatim (no LaTeX decoding): an unknown macro there is not reported
_VERBATIM_FIELDS = frozenset(
    {"doi", "url", "eprint", "file", "pdf", "isbn", "issn", "eissn", "isan", "ismn", "isrn"}
    | {"iswc", "pmid", "pmcid", "crossref", "xdata", "xref", "ids", "key"}
)
