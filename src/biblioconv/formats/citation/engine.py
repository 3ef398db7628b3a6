"""Rendering formatted citations and bibliographies from CSL-JSON items.

The engine runs citeproc-py's CSL model with the patch set of :mod:`.patches` and adds what
citeproc-py lacks: disambiguation (names, given names, ``disambiguate`` conditions and year
suffixes, :mod:`.disambiguate`), subsequent-author substitution, the left-margin split of
numbered styles, punctuation placement and rich-text output (text, HTML, Markdown, RTF,
LaTeX). Parsed styles are cached per (style file, locale); rendering is serialised by a lock.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import re
import threading
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, TypeVar

import citeproc
from citeproc.source import Citation as CpCitation
from citeproc.source import CitationItem, Date, DateRange, LiteralDate, Locator, Reference
from citeproc.string import String
from lxml import etree

from . import (
    disambiguate,
    flipflop,
    forked,
    locales,
    markup,
    notefields,
    patches,
    positions,
    punctuation,
    values,
)
from .collector import no_gc
from .elements_base import ForkMap
from .errors import CitationError, StyleError
from .locales import normalise_locale as _normalise_locale
from .names import parse_particles
from .styles import list_styles, resolve_style

__all__ = [
    "OUTPUTS",
    "list_styles",
    "load_locale",
    "no_gc",
    "render_bibliography",
    "render_bibliography_multi",
    "render_citations",
    "resolve_style",
    "set_caching",
]

OUTPUTS = markup.OUTPUTS
_LOCK = threading.RLock()
T = TypeVar("T")

#: A bibliography rendered with ``jobs`` above 1 is split among processes from this many
#: entries (below it, starting them costs about what they save).
PARALLEL_ENTRIES = 200

_NAME_VARIABLES = {v.replace("_", "-") for v in citeproc.NAMES} | {
    "chair",
    "compiler",
    "contributor",
    "curator",
    "director",
    "executive-producer",
    "guest",
    "host",
    "narrator",
    "organizer",
    "performer",
    "producer",
    "script-writer",
    "series-creator",
    "reviewed-author",
}
_DATE_VARIABLES = {v.replace("_", "-") for v in citeproc.DATES} | {"available-date", "event-date"}


def _parser() -> etree.XMLParser:
    return locales.parser(patches.element_lookup())


def load_locale(locale: str) -> Any:
    """Parse a citeproc-py locale file with the patched element classes."""
    return locales.load_locale(locale, patches.element_lookup())


class _LoadedStyle:
    """A parsed style with what the engine reads of it once (a plain class: no dataclass
    made at import)."""

    __slots__ = (
        "add_names",
        "author_substitute",
        "close_quotes",
        "has_bibliography",
        "has_year_suffix_variable",
        "lock",
        "name",
        "numbered",
        "punctuation_in_quote",
        "quote_marks",
        "root",
        "uses_disambiguate",
        "year_suffix",
    )

    def __init__(
        self,
        *,
        name: str,
        root: Any,
        has_year_suffix_variable: bool,
        year_suffix: bool,
        add_names: bool,
        author_substitute: str | None,
        punctuation_in_quote: bool,
        close_quotes: tuple[str, ...],
        has_bibliography: bool,
        quote_marks: tuple[str, str, str, str],
        uses_disambiguate: bool,
        numbered: bool,
    ) -> None:
        self.name = name
        self.root = root
        self.has_year_suffix_variable = has_year_suffix_variable
        self.year_suffix = year_suffix
        self.add_names = add_names
        self.author_substitute = author_substitute
        self.punctuation_in_quote = punctuation_in_quote
        self.close_quotes = close_quotes
        self.has_bibliography = has_bibliography
        self.quote_marks = quote_marks
        self.uses_disambiguate = uses_disambiguate
        self.numbered = numbered
        """Whether the style prints citation numbers (a cite then depends on the order)."""
        self.lock = threading.RLock()


def _load_style_uncached(path: Path, locale: str) -> _LoadedStyle:
    name = path.stem
    try:
        tree = etree.parse(str(path), _parser())
    except (OSError, etree.XMLSyntaxError) as exc:
        raise StyleError(f"style {name}: not a readable CSL file ({exc})") from None
    root = tree.getroot()
    if not isinstance(root, patches.Style):
        raise StyleError(f"style {name}: not a CSL style (root element is not cs:style)")
    elements = root.__dict__["_keepalive"] = list(root.iter())
    # one pass over the elements for what the style uses
    has_suffix = uses_disambiguate = numbered = False
    for el in elements:
        variable = el.get("variable")
        if variable is not None:
            names = variable.split()
            has_suffix = has_suffix or "year-suffix" in names
            numbered = numbered or "citation-number" in names
        if el.get("disambiguate") == "true":
            uses_disambiguate = True
    root.formatter = markup.InternalFormatter
    root.output_language = locale.split("-")[0].lower()
    root.__dict__["auto_year_suffix"] = not has_suffix
    root.set_locale_list(locale, validate=False)
    citation = root.find("cs:citation", patches._NS)
    bibliography = root.find("cs:bibliography", patches._NS)
    if citation is None:
        raise StyleError(f"style {name}: no cs:citation element")
    piq = str(root.get_locale_option("punctuation-in-quote") or "false").lower() == "true"
    quotes = tuple(
        q
        for q in (
            str(root.get_single_term("close-quote")),
            str(root.get_single_term("close-inner-quote")),
        )
        if q
    )
    return _LoadedStyle(
        name=name,
        root=root,
        has_year_suffix_variable=has_suffix,
        year_suffix=citation.get("disambiguate-add-year-suffix", "false") == "true",
        add_names=citation.get("disambiguate-add-names", "false") == "true",
        author_substitute=(
            bibliography.get("subsequent-author-substitute") if bibliography is not None else None
        ),
        punctuation_in_quote=piq,
        close_quotes=quotes,
        has_bibliography=bibliography is not None,
        quote_marks=_quote_marks(root),
        uses_disambiguate=uses_disambiguate,
        numbered=numbered,
    )


def _quote_marks(root: Any) -> tuple[str, str, str, str]:
    """The open, close, open-inner and close-inner quote terms of the style's locale."""
    names = ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote")
    terms = [str(root.get_single_term(name) or "") for name in names]
    return (terms[0], terms[1], terms[2], terms[3])


@lru_cache(maxsize=64)
def _load_style_cached(path: Path, mtime: float, locale: str) -> _LoadedStyle:
    return _load_style_uncached(path, locale)


def _load_style(style: str, locale: str) -> _LoadedStyle:
    path = resolve_style(style)
    locale = _normalise_locale(locale)
    if not patches.caching():
        return _load_style_uncached(path, locale)
    return _load_style_cached(path, os.path.getmtime(path), locale)


def set_caching(enabled: bool) -> None:
    """Switch all caches (parsed styles, memoised look-ups) on or off; output is unchanged."""
    patches.set_caching(enabled)
    if not enabled:
        _load_style_cached.cache_clear()


# ---------------------------------------------------------------------------------------------
# CSL-JSON items -> citeproc-py references


class _NameDict(dict[str, Any]):
    def __init__(self) -> None:
        super().__init__()
        self.rich: dict[str, str] = {}
        """Name parts with markup (``<b>Doe</b>``), for display."""

    def parts(self) -> tuple[Any, ...]:
        if "literal" in self:
            return (None, self["literal"], None, None, None)
        return (
            self.get("given"),
            self.get("family"),
            self.get("dropping-particle"),
            self.get("non-dropping-particle"),
            self.get("suffix"),
        )


class _Reference(Reference):  # type: ignore[misc]
    def __init__(self, key: str, type_: str, data: Mapping[str, Any]) -> None:
        dict.__init__(self, data)
        dict.__setitem__(self, "key", key)
        dict.__setitem__(self, "type", type_)


_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def parse_raw_date(raw: str) -> list[list[int]] | None:
    """Parse a ``raw`` CSL-JSON date (``2018-03-15``, ``June 2022``, ``2019/2020``...)."""
    text = raw.strip()
    for sep in ("/", " - ", "--", "\u2013"):
        if sep in text:
            halves = [parse_raw_date(part) for part in text.split(sep, 1)]
            if halves[0] and halves[1]:
                return [halves[0][0], halves[1][0]]
            return None
    match = re.fullmatch(r"(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?", text)
    if match:
        return [[int(g) for g in match.groups() if g is not None]]
    words = re.findall(r"[A-Za-z]+|\d+", text)
    year = [int(w) for w in words if w.isdigit() and len(w) >= 3]
    if len(year) != 1:
        return None
    parts = [year[0]]
    month = next((_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS), None)
    season = next((_SEASONS[w.lower()] for w in words if w.lower() in _SEASONS), None)
    if month is not None:
        parts.append(month)
        day = [int(w) for w in words if w.isdigit() and len(w) <= 2]
        if len(day) == 1 and 1 <= day[0] <= 31:
            parts.append(day[0])
    elif season is not None:
        parts.append(12 + season)
    return [parts]


def _date_part_values(parts: Sequence[Any]) -> dict[str, int]:
    values: dict[str, int] = {}
    for name, value in zip(("year", "month", "day"), parts, strict=False):
        try:
            number = int(str(value).strip())
        except ValueError:
            break
        if name != "year" and number == 0:
            break
        values[name] = number
    return values


def _month_as_season(parts: dict[str, int]) -> None:
    """Months 13-24 stand for seasons (13/21 spring ... 16/24 winter); other months out of range
    are dropped with the day, as citeproc-js does."""
    month = parts.get("month")
    if month is None or 1 <= month <= 12:
        return
    del parts["month"]
    parts.pop("day", None)
    if 13 <= month <= 24:
        parts["season"] = (month - 13) % 4 + 1


def _convert_date(value: Any, item_id: str, variable: str) -> Any:
    if isinstance(value, str):
        value = {"raw": value}
    if type(value) is not dict and not isinstance(value, Mapping):
        raise CitationError(f"item {item_id}: {variable} is not a CSL date object")
    circa = bool(value.get("circa"))
    date_parts = value.get("date-parts")
    if not date_parts and value.get("raw"):
        date_parts = parse_raw_date(str(value["raw"]))
        if date_parts is None:
            return LiteralDate(str(value["raw"]), circa=circa)
    if date_parts:
        dates = [_date_part_values(p) for p in date_parts if isinstance(p, Sequence) and p]
        dates = [d for d in dates if "year" in d]
        season = value.get("season")
        if dates:
            first = dates[0]
            if season is not None and "month" not in first:
                first["season"] = season
            _month_as_season(first)
            if len(dates) > 1 and dates[1] != dates[0]:
                end = dates[1]
                _month_as_season(end)
                return DateRange(begin=Date(**first), end=Date(**end), circa=circa)
            return Date(circa=circa, **first)
    if value.get("literal"):
        return LiteralDate(str(value["literal"]), circa=circa)
    return None


_NAME_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix")


def _convert_names(value: Any, item_id: str, variable: str) -> list[_NameDict]:
    if not isinstance(value, list):
        raise CitationError(f"item {item_id}: {variable} is not a list of names")
    names = []
    for entry in value:
        if isinstance(entry, str):
            entry = {"literal": entry}
        if type(entry) is not dict and not isinstance(entry, Mapping):
            raise CitationError(f"item {item_id}: {variable} holds a name that is not an object")
        name = _NameDict()
        for key in _NAME_PARTS:
            part = entry.get(key)
            if part is None or part == "":
                continue
            text = str(part)
            rich = markup.parse_rich_text(text)
            plain = name[key] = markup.strip_markers(rich)
            if rich != plain and not (text.startswith('"') and text.endswith('"')):
                name.rich[key] = rich  # shown with its markup, compared and sorted without
        if entry.get("literal"):
            name.clear()
            name["literal"] = markup.parse_rich_text(str(entry["literal"]))
        if entry.get("comma-suffix"):
            name["comma-suffix"] = True
        parse_particles(name, entry)
        if name:
            names.append(name)
    return names


class _Prepared:
    """The references of CSL-JSON items by lower-cased id, the ids in order and as given."""

    __slots__ = ("ids", "keys", "source")

    def __init__(self, source: dict[str, _Reference], keys: list[str], ids: dict[str, str]) -> None:
        self.source = source
        self.keys = keys
        self.ids = ids


def _prepare(items: Iterable[Mapping[str, Any]]) -> _Prepared:
    prepared = _Prepared({}, [], {})
    _prepare_into(prepared, items)
    return prepared


def _prepare_into(prepared: _Prepared, items: Iterable[Mapping[str, Any]]) -> None:
    """Add the references of ``items`` to ``prepared`` (numbered after those in it)."""
    source = prepared.source
    keys = prepared.keys
    ids = prepared.ids
    for index, item in enumerate(items, len(keys)):
        if type(item) is not dict and not isinstance(item, Mapping):
            raise CitationError(f"item {index + 1}: not a CSL-JSON object")
        item = notefields.merge_note_fields(item)
        raw_id = item.get("id")
        if raw_id is None or str(raw_id) == "":
            raise CitationError(f"item {index + 1}: missing id")
        item_id = str(raw_id)
        key = item_id.lower()
        if key in source:
            raise CitationError(f"item {item_id}: duplicate id")
        item_type = str(item.get("type") or "document")
        data: dict[str, Any] = {}
        for name, value in item.items():
            if name in ("id", "type") or value is None or value == "" or value == []:
                continue
            if name in _NAME_VARIABLES:
                converted: Any = _convert_names(value, item_id, name)
                if not converted:
                    continue
            elif name in _DATE_VARIABLES:
                converted = _convert_date(value, item_id, name)
                if converted is None:
                    continue
            elif name == "language":
                converted = str(value)
            elif isinstance(value, (str, int, float)):
                converted = String(markup.parse_rich_text(str(value)))
            else:
                continue
            key_name = name.replace("-", "_")
            if key_name == "shortTitle":
                key_name = "title_short"
            elif key_name == "journalAbbreviation":
                key_name = "container_title_short"
            data[key_name] = converted
        source[key] = _Reference(key, item_type, data)
        keys.append(key)
        ids[key] = item_id


class _Cite(CitationItem):  # type: ignore[misc]
    """A cite of one reference, bound to its bibliography."""

    def __init__(self, key: str, bib: _Bibliography, **args: Any) -> None:
        dict.__init__(self, args)
        dict.__setitem__(self, "key", key)
        dict.__setitem__(self, "_bib", bib)
        object.__setattr__(self, "reference", bib.source[key])

    reference: Any = None  # shadows the base-class property: set per instance, read directly

    @property
    def bibliography(self) -> Any:
        return dict.__getitem__(self, "_bib")

    @property
    def number(self) -> int:
        return int(self["_bib"].key_index[self["key"]]) + 1


class _Bibliography:
    """The registered references of one rendering, in bibliography order."""

    formatter = types.SimpleNamespace(preformat=lambda text: text)

    def __init__(self, style: _LoadedStyle, prepared: _Prepared) -> None:
        self.style = style
        self.source = prepared.source
        self.ids = prepared.ids
        self.items = [_Cite(key, self) for key in prepared.keys]
        self.keys = list(prepared.keys)
        self.key_index = {key: i for i, key in enumerate(self.keys)}
        self.ambiguous: set[str] = set()
        self.ambig_configs: dict[str, disambiguate.AmbigConfig] = {}

    def extend(self, keys: Sequence[str]) -> None:
        """Register more references (``keys``, already in :attr:`source`), in this order."""
        for key in keys:
            self.key_index[key] = len(self.keys)
            self.keys.append(key)
            self.items.append(_Cite(key, self))

    def sort(self) -> None:
        root = self.style.root
        bibliography = root.find("cs:bibliography", patches._NS)
        if bibliography is not None and bibliography.find("cs:sort", patches._NS) is not None:
            self.items = bibliography.layout.sort_bibliography(self.items)
            self.keys = [item["key"] for item in self.items]
            self.key_index = {key: i for i, key in enumerate(self.keys)}

    def citation(self, cites: list[_Cite]) -> Any:
        citation = CpCitation(cites)
        dict.__setitem__(citation, "bibliography", self)
        return citation


def _suffix_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(97 + rem) + letters
    return letters


def _first_pass(
    style: _LoadedStyle, bib: _Bibliography, fork_map: ForkMap
) -> tuple[list[Any] | None, dict[str, tuple[str | None, disambiguate.AmbigConfig]] | None]:
    """The first sort key of each item of ``bib`` (in its order; ``None`` without a sort) and
    its first disambiguation rendering by key (``None`` when the style does not disambiguate),
    made by the processes of ``fork_map`` (for a style whose cites do not depend on the order)."""
    sort, options = _first_needs(style)
    cites = bib.items

    def part(indices: Sequence[int]) -> list[tuple[Any, Any]]:
        keys, firsts = _firsts_of(style, bib, sort, options, indices)
        return [
            (None if keys is None else keys[n], None if firsts is None else firsts[n])
            for n in range(len(indices))
        ]

    if sort is None and not options.active:
        return None, None
    st = patches.state()
    before = (st.in_bibliography, st.year_suffix, st.year_suffix_pending)
    try:
        found = fork_map(part, range(len(cites)))
    finally:  # as the sort found it (this process's part rendered cites)
        st.in_bibliography, st.year_suffix, st.year_suffix_pending = before
    keys = [key for key, _ in found] if sort is not None else None
    firsts = {cite["key"]: first for cite, (_, first) in zip(cites, found, strict=True)}
    return keys, firsts if options.active else None


def _first_needs(style: _LoadedStyle) -> tuple[Any, disambiguate.Options]:
    """The bibliography's ``cs:sort`` (None without one) and the disambiguation options: what
    the items' first sort keys and first renderings are made for."""
    sort = style.root.bibliography.find("cs:sort", patches._NS)
    return sort, disambiguate.Options.from_citation(style.root.citation, style.uses_disambiguate)


def _firsts_of(
    style: _LoadedStyle,
    bib: _Bibliography,
    sort: Any,
    options: disambiguate.Options,
    indices: Sequence[int],
) -> tuple[list[Any] | None, list[tuple[str | None, Any]] | None]:
    """The first sort keys (None without ``sort``) and first disambiguation renderings (None
    when the style does not disambiguate) of ``bib``'s items at ``indices``, made in the state
    the sort makes its keys in."""
    keys = None
    if sort is not None:
        keys = sort.first_keys(bib.items, style.root.bibliography.layout, indices)
    firsts = None
    if options.active:
        render = _ambiguity_render(style, bib)
        firsts = disambiguate.first_renderings(render, [bib.items[i]["key"] for i in indices])
    return keys, firsts


@contextlib.contextmanager
def _style_errors(loaded: _LoadedStyle) -> Iterator[None]:
    """What citeproc-py cannot do (an unexpected exception) as the style's one-line error."""
    try:
        yield
    except (StyleError, CitationError):
        raise
    except Exception as exc:
        raise _feature_error(loaded, "?", exc) from None


#: items prepared (and their first sort keys and renderings made) at a time as they arrive
_ARRIVING_CHUNK = 16


def _first_pass_as_read(
    style: _LoadedStyle,
    items: Iterable[Mapping[str, Any]],
    ahead: _Ahead | None = None,
    reading: Reading | None = None,
) -> tuple[_Bibliography, list[Any] | None, dict[str, tuple[str | None, Any]] | None]:
    """The bibliography of ``items`` (read as they arrive from another process) and, as for
    :func:`_first_pass`, the items' first sort keys and first disambiguation renderings, made
    here while the next items are read (for a style whose cites do not depend on the order).
    Called with ``st.in_bibliography`` set, as for the sort. ``ahead`` is started once the
    reading has ended (or with the last items); while ``reading`` has sent nothing yet, the
    style is warmed up (:func:`_warm_up`)."""
    sort, options = _first_needs(style)
    prepared = _Prepared({}, [], {})
    bib = _Bibliography(style, prepared)
    keys: list[Any] | None = [] if sort is not None else None
    firsts: dict[str, tuple[str | None, Any]] | None = {} if options.active else None
    iterator = iter(items)
    st = patches.state()
    before = (st.in_bibliography, st.year_suffix, st.year_suffix_pending)
    if reading is not None:
        _warm_up(style, sort, options, reading.waiting)
    try:
        while True:
            if ahead is not None and ahead.due():
                # every item has come: the entries of those prepared are rendered ahead
                rest = list(iterator)
                iterator = iter(rest)
                ahead.start(bib, prepared, rest, firsts)
                ahead = None
            start = len(prepared.keys)
            _prepare_into(prepared, itertools.islice(iterator, _ARRIVING_CHUNK))
            if len(prepared.keys) == start:
                break
            bib.extend(prepared.keys[start:])
            indices = range(start, len(prepared.keys))
            # in the state the sort makes them in (a rendering changes it); an error as when the
            # sort or the disambiguation makes them
            st.in_bibliography, st.year_suffix, st.year_suffix_pending = before
            with _style_errors(style):
                chunk_keys, chunk_firsts = _firsts_of(style, bib, sort, options, indices)
            if keys is not None and chunk_keys is not None:
                keys += chunk_keys
            if firsts is not None and chunk_firsts is not None:
                firsts.update(zip(prepared.keys[start:], chunk_firsts, strict=True))
        if ahead is not None:
            ahead.start(bib, prepared, [], firsts)
    finally:
        st.in_bibliography, st.year_suffix, st.year_suffix_pending = before
    return bib, keys, firsts


class Reading(Protocol):
    """The process reading a bibliography's items (a :class:`.forked.Stream`), asked without
    waiting."""

    def finished(self) -> bool:
        """Whether every item has come."""
        ...

    def waiting(self) -> bool:
        """Whether no item is there to take yet."""
        ...


#: items of common types and fields, rendered while the first real ones are being read
_WARM_UP_ITEMS: tuple[dict[str, Any], ...] = (
    {
        "type": "article-journal",
        "title": "On the measurement of things",
        "container-title": "Journal of Measurements",
        "author": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Richard K."}],
        "issued": {"date-parts": [[2001, 3]]},
        "volume": "12",
        "issue": "3",
        "page": "45-67",
        "DOI": "10.1000/xyz123",
    },
    {
        "type": "book",
        "title": "A book of things",
        "author": [{"family": "Smith", "given": "John"}],
        "publisher": "Example Press",
        "publisher-place": "Oxford",
        "issued": {"date-parts": [[1999]]},
        "edition": "2",
    },
    {
        "type": "paper-conference",
        "title": "A paper on things",
        "container-title": "Proceedings of the Conference on Things",
        "author": [{"family": "Lee", "given": "Kim"}, {"family": "Ng", "given": "Ann"}],
        "editor": [{"family": "Bo", "given": "Ci"}],
        "issued": {"date-parts": [[2010, 5, 4]]},
        "page": "1-10",
        "publisher": "ACM",
        "URL": "https://example.org/paper",
    },
    {
        "type": "chapter",
        "title": "A chapter on things",
        "container-title": "A collection of things",
        "author": [{"family": "Kay", "given": "Al"}],
        "editor": [{"family": "Bo", "given": "Ci"}],
        "issued": {"date-parts": [[2005]]},
        "page": "3-9",
        "publisher": "Example Press",
    },
    {
        "type": "report",
        "title": "A report on things",
        "author": [{"literal": "Example Agency"}],
        "issued": {"date-parts": [[2015]]},
        "number": "7",
        "publisher": "Example Agency",
    },
    {
        "type": "thesis",
        "title": "A thesis on things",
        "author": [{"family": "Ma", "given": "Yu"}],
        "issued": {"date-parts": [[2012]]},
        "publisher": "Example University",
        "genre": "PhD thesis",
    },
)


def _warm_up(
    style: _LoadedStyle, sort: Any, options: disambiguate.Options, waiting: Callable[[], bool]
) -> None:
    """While ``waiting()``, render the first sort key, the first disambiguation rendering and
    the entry of :data:`_WARM_UP_ITEMS`, one item at a time, and forget them: what the style's
    elements keep of a first rendering (their plans and look-ups, which change no output) is
    then made while this process would wait for the reading, not when the first items are
    there (and inherited by a process forked later)."""
    st = patches.state()
    saved = {name: getattr(st, name) for name in _RENDER_STATE}
    layout = style.root.bibliography.layout
    try:
        for number, item in enumerate(_WARM_UP_ITEMS):
            if not waiting():
                return
            prepared = _Prepared({}, [], {})
            _prepare_into(prepared, [{**item, "id": f"\x00warm-up {number}"}])
            bib = _Bibliography(style, prepared)
            st.in_bibliography, st.year_suffix, st.year_suffix_pending = True, "", False
            _firsts_of(style, bib, sort, options, range(1))
            _entry_state(st, style)
            if options.active:
                bib.ambig_configs = {bib.keys[0]: disambiguate.AmbigConfig()}
            _render_entries(style, bib, layout, bib.items)
    except Exception:  # what the real items meet is raised when they are rendered
        pass
    finally:
        for name, value in saved.items():
            setattr(st, name, value)


class _Ahead:
    """A bibliography's entries rendered ahead by a forked process (two processes, the items
    read by another one): from the moment the reading ends, while this process finishes the
    first pass, sorts and disambiguates.

    The forked process renders the items prepared by then in the order they came, as if none
    were ambiguous. This one renders from the last item back until the two meet, keeps the
    forked process's entries the disambiguation left as they were (:func:`_as_rendered_ahead`)
    and renders the others again: the entries are those of one process."""

    def __init__(
        self,
        loaded: _LoadedStyle,
        finish: Callable[[list[tuple[str, str]]], list[tuple[str, Any]]],
        reading: Reading | None,
    ) -> None:
        self.loaded = loaded
        self.finish = finish
        self.reading = reading
        self.stream: forked.Stream[_RenderedAhead] | None = None
        self.prepared: _Prepared | None = None

    def due(self) -> bool:
        """Whether the reading has ended (never waits)."""
        return self.reading is not None and self.reading.finished()

    def start(
        self,
        bib: _Bibliography,
        prepared: _Prepared,
        rest: Sequence[Mapping[str, Any]],
        firsts: Mapping[str, tuple[str | None, Any]] | None,
    ) -> None:
        """Fork the process rendering ahead the entries of ``bib`` (its items ``prepared`` so
        far, then those of ``rest``; with fewer than :data:`PARALLEL_ENTRIES` in all, nothing is
        forked). ``firsts``: the first disambiguation renderings made so far, by key (None when
        the style does not disambiguate its cites)."""
        if len(prepared.keys) + len(rest) < PARALLEL_ENTRIES:
            return
        self.prepared = prepared  # its keys: the order the items came in, which both follow
        task = functools.partial(
            _entries_ahead, self.loaded, bib, prepared, rest, self.finish, firsts
        )
        self.stream = forked.Stream(task, batch=8)

    def close(self) -> None:
        """Stop the forked process (if it still runs)."""
        if self.stream is not None:
            self.stream.close()

    def entries(
        self, bib: _Bibliography, render: Callable[[Sequence[Any]], list[tuple[str, Any]]]
    ) -> list[tuple[str, Any]]:
        """The entries of ``bib`` (sorted and disambiguated) in its order: those of the forked
        process that hold, the others rendered here with ``render``."""
        assert self.stream is not None and self.prepared is not None
        stream = self.stream
        cites = {cite["key"]: cite for cite in bib.items}
        order = self.prepared.keys
        own: dict[str, tuple[str, Any]] = {}
        ahead: dict[str, tuple[str, Any]] = {}
        names: dict[str, _NameCalls | None] = {}
        try:
            # first those the disambiguation surely changed (the forked process renders them
            # too, but in vain), while it goes on with the others
            changed = [cites[key] for key in order if _disambiguated(bib, key)]
            own.update(
                (cite["key"], entry) for cite, entry in zip(changed, render(changed), strict=True)
            )
            came, left = 0, len(order)  # the forked process's share is order[:came]
            while came < left:
                for key, entry, calls in stream.ready():
                    if entry is not None:  # else left to this process (surely ambiguous)
                        ahead[key] = entry
                        names[key] = calls
                    came += 1
                if came < left:
                    left -= 1
                    key = order[left]
                    if key not in own:
                        (own[key],) = render([cites[key]])
            stream.close()
            again = [
                cites[key]
                for key in order[:came]
                if key not in own
                and (key not in ahead or not _as_rendered_ahead(bib, key, names[key]))
            ]
            own.update(
                (cite["key"], entry) for cite, entry in zip(again, render(again), strict=True)
            )
        except Exception:
            # an entry that cannot be rendered: the error of the first in the bibliography's
            # order, as when one process renders them all
            stream.close()
            return render(bib.items)
        return [own[key] if key in own else ahead[key] for key in bib.keys]


#: an entry rendered ahead (:func:`_entries_ahead`): the item's key, the entry (None: left to
#: the other process) and what its name lists asked of the configuration
_RenderedAhead = tuple[str, "tuple[str, Any] | None", "_NameCalls | None"]


def _surely_ambiguous(firsts: Mapping[str, tuple[str | None, Any]]) -> set[str]:
    """The keys whose first disambiguation rendering is another's too: the disambiguation
    changes their cites (and so their entries) in all likelihood."""
    seen: dict[str, int] = {}
    for text, _ in firsts.values():
        if text is not None:
            seen[text] = seen.get(text, 0) + 1
    return {key for key, (text, _) in firsts.items() if text is not None and seen[text] > 1}


def _entries_ahead(
    loaded: _LoadedStyle,
    bib: _Bibliography,
    prepared: _Prepared,
    rest: Sequence[Mapping[str, Any]],
    finish: Callable[[list[tuple[str, str]]], list[tuple[str, Any]]],
    firsts: Mapping[str, tuple[str | None, Any]] | None,
) -> Iterator[_RenderedAhead]:
    """(In the forked process.) The entries of ``bib``'s items, then of the ``rest`` (prepared
    here a chunk at a time, as the entries come to them), as :class:`_Ahead` renders them
    ahead: with the configuration a cite has before its disambiguation (``firsts`` not None: the
    style disambiguates), without year suffixes; each with what its name lists asked of the
    configuration (None without one). Items whose first renderings (``firsts``) are alike are
    left to the other process (their entry None): it renders them again anyway. The first item
    that cannot be prepared or rendered ends them (the other process meets its error again and
    raises it)."""
    st = patches.state()
    _entry_state(st, loaded)
    layout = loaded.root.bibliography.layout
    active = firsts is not None
    doomed = _surely_ambiguous(firsts) if firsts else set()
    done = 0
    parts = itertools.chain(
        [None], (rest[i : i + _ARRIVING_CHUNK] for i in range(0, len(rest), _ARRIVING_CHUNK))
    )
    try:
        for part in parts:
            if part is not None:
                start = len(prepared.keys)
                _prepare_into(prepared, part)
                bib.extend(prepared.keys[start:])
            keys = bib.keys[done:]
            bib.ambig_configs = {key: disambiguate.AmbigConfig() for key in keys} if active else {}
            for cite in bib.items[done:]:
                if cite["key"] in doomed:
                    yield cite["key"], None, None
                    continue
                entries = _render_entries(loaded, bib, layout, [cite])
                if loaded.author_substitute is None:
                    entries = finish(entries)
                config = bib.ambig_configs.get(cite["key"])
                calls = None
                if config is not None:
                    calls = tuple(
                        (tuple(map(disambiguate.name_key, names)), shown, base, answer)
                        for names, shown, base, answer in config.calls
                    )
                yield cite["key"], entries[0], calls
            done = len(bib.items)
    except Exception:
        return


#: the fields of the render state :func:`_entry_state` sets
_RENDER_STATE = (
    "in_bibliography",
    "mark_author",
    "sorting",
    "ambig",
    "disambiguate",
    "year_suffix",
    "year_suffix_pending",
)


def _entry_state(st: Any, loaded: _LoadedStyle) -> None:
    """The render state the bibliography's entries are rendered in."""
    st.in_bibliography = True
    st.mark_author = loaded.author_substitute is not None
    st.sorting = False
    st.ambig = None
    st.disambiguate = 0
    st.year_suffix = ""
    st.year_suffix_pending = False


def _disambiguated(bib: _Bibliography, key: str) -> bool:
    """Whether the disambiguation gave ``key`` a year suffix, names, given names or a
    ``disambiguate`` condition (its entry rendered ahead is then not the one to keep)."""
    if bib.source[key].get("year_suffix"):
        return True
    config = bib.ambig_configs.get(key)
    return config is not None and bool(config.names or any(config.givens) or config.disambiguate)


#: what an entry's name lists asked of its disambiguation configuration: for each, the names
#: (family and given), how many the style shows, the level of the name form, and the answer
_NameCalls = tuple[tuple[tuple[tuple[str, str], ...], int, int, tuple[int, list[int]]], ...]


def _as_rendered_ahead(bib: _Bibliography, key: str, calls: _NameCalls | None) -> bool:
    """Whether the entry of ``key`` renders as :func:`_entries_ahead` rendered it before the
    disambiguation (with ``calls``): no year suffix, no ``disambiguate`` condition met, and a
    configuration answering each name list as the first one did (the same names shown, with
    the same given names)."""
    if bib.source[key].get("year_suffix"):
        return False
    config = bib.ambig_configs.get(key)
    if config is None or calls is None:
        return config is None and calls is None
    if config.disambiguate:
        return False
    for index, (keys, shown, base, answer) in enumerate(calls):
        names = [{"family": family, "given": given} for family, given in keys]
        if config.answer(index, names, shown, base) != answer:
            return False
    return True


def _assign_year_suffixes(
    style: _LoadedStyle,
    bib: _Bibliography,
    fork_map: ForkMap | None = None,
    first: Mapping[str, tuple[str | None, disambiguate.AmbigConfig]] | None = None,
) -> None:
    """Disambiguate the cites of ``bib`` (:mod:`.disambiguate`): settings per item in
    ``bib.ambig_configs``, year suffixes in the references. With ``fork_map``, the items'
    first renderings are made by several processes; ``first`` gives them by key, made
    beforehand."""
    for ref in bib.source.values():
        if ref.pop("year_suffix", None) is not None:
            ref.pop("\x00shape", None)  # its shape had the year suffix
    bib.ambig_configs = {}
    bib.ambiguous = set()
    options = disambiguate.Options.from_citation(style.root.citation, style.uses_disambiguate)
    if not options.active:
        return
    keys = [cite["key"] for cite in bib.items]
    render = _ambiguity_render(style, bib)
    firsts = None
    if first is not None:
        firsts = [first[key] for key in keys]
    elif fork_map is not None:  # the items' first renderings, each independent: in parallel
        firsts = fork_map(lambda part: disambiguate.first_renderings(render, part), keys)
    configs, remaining = disambiguate.disambiguate(keys, render, options, firsts)
    bib.ambig_configs = configs
    bib.ambiguous = {key for key, config in configs.items() if config.disambiguate}
    if options.year_suffix:
        for keys in remaining:
            dated = [key for key in keys if bib.source[key].get("issued")]
            for i, key in enumerate(dated if len(dated) > 1 else []):
                bib.source[key]["year_suffix"] = String(_suffix_letters(i))
                bib.source[key].pop("\x00shape", None)


def _ambiguity_render(style: _LoadedStyle, bib: _Bibliography) -> disambiguate.Render:
    """The function rendering an item's cite of ``bib`` with a disambiguation config."""
    citation_el = style.root.citation
    citation_layout = citation_el.layout
    st = patches.state()
    st.in_bibliography = False
    st.year_suffix = ""
    st.year_suffix_pending = False

    def render(key: str, config: disambiguate.AmbigConfig) -> str | None:
        # judged on the subsequent form, as citeproc-js does
        single = _Cite(key, bib, position=positions.SUBSEQUENT, near_note=True)
        bib.citation([single])
        citation_el.cites = []
        st.ambig = config
        st.disambiguate = config.disambiguate
        try:
            rendered = citation_layout.render_entry(single, wrap=False)
        finally:
            st.ambig = None
            st.disambiguate = False
            dict.pop(single, "citation", None)  # no cycle left for the collector
        return None if rendered is None else markup.strip_markers(str(rendered))

    return render


def _feature_error(style: _LoadedStyle, item_id: str, exc: Exception) -> StyleError:
    element = None
    tb = exc.__traceback__
    while tb is not None:
        candidate = tb.tb_frame.f_locals.get("self")
        if isinstance(candidate, patches.Element):
            element = candidate
        tb = tb.tb_next
    where = ""
    if element is not None:
        tag = element.tag.split("}")[-1] if isinstance(element.tag, str) else "?"
        attrs = " ".join(f'{k}="{v}"' for k, v in element.attrib.items())
        where = f" at <{tag}{' ' + attrs if attrs else ''}> (line {element.sourceline})"
    reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return StyleError(
        f"style {style.name}: cannot render item {item_id}{where}: unsupported by citeproc-py ({reason})"
    )


_APOSTROPHE_RE = re.compile(r"(?<=\w)'(?=\w)|(?<=\w)'(?=s\b)")
_SPACE_PUNCT_RE = re.compile(r" +([.,;:])(?=\s|$|[\ue000-\ue01f])")


_WHITESPACE_RE = re.compile(r"[ \t\r\n]+")


_DISPLAY_MARKERS = (markup.LEFT_MARGIN, markup.DISPLAY_CLOSE)


def _finish(style: _LoadedStyle, text: str) -> str:
    if style.punctuation_in_quote:
        text = punctuation.merge(text)
        text = flipflop.punctuation_in_quote(text)
        text = punctuation.into_quotes(text, (*style.close_quotes, markup.QUOTE_CLOSE))
    text = values.unguard(punctuation.merge(text))
    text = flipflop.resolve_quotes(text, style.quote_marks)
    if "'" in text:
        text = _APOSTROPHE_RE.sub("\u2019", text)
    text = _WHITESPACE_RE.sub(" ", text)
    # a leading or trailing space (an affix that starts or ends the entry) is kept, as
    # citeproc-js keeps it (not at the end of display parts, which it trims)
    trailing = text[-1:] == " " and not any(m in text for m in _DISPLAY_MARKERS)
    return (" " if text[:1] == " " else "") + text.strip() + (" " if trailing else "")


def _render_marked(
    items: Iterable[Mapping[str, Any]],
    style: str,
    locale: str,
    convert: Callable[[str], T],
    jobs: int = 1,
    arriving: bool | Reading = False,
) -> list[tuple[str, T]]:
    """The bibliography's entries, each finished and passed to ``convert``, rendered by up to
    ``jobs`` processes (see :func:`render_bibliography`). With ``arriving``, ``items`` come
    from another process as it reads them: for a style without citation numbers, their first
    sort keys and first disambiguation renderings are made in the meantime. ``arriving`` may
    be that reading (:class:`Reading`): the style is warmed up until its first items come and,
    with two processes, the entries are rendered ahead from the moment it ends
    (:class:`_Ahead`; else from the end of the first pass)."""
    loaded = _load_style(style, locale)
    if not loaded.has_bibliography:
        raise StyleError(f"style {loaded.name}: has no bibliography (citations only)")
    as_read = bool(arriving) and not loaded.numbered
    substitute = loaded.author_substitute

    def finish(entries: list[tuple[str, str]]) -> list[tuple[str, T]]:
        return [(item_id, convert(_finish(loaded, text))) for item_id, text in entries]

    reading = None if isinstance(arriving, bool) else arriving
    ahead = None
    if as_read and jobs == 2 and forked.can_fork():
        ahead = _Ahead(loaded, finish, reading)
    with _LOCK, loaded.lock, no_gc():
        st = patches.state()
        bib: _Bibliography | None = None
        try:
            st.in_bibliography = True
            if as_read:
                bib, st.first_sort_keys, first = _first_pass_as_read(loaded, items, ahead, reading)
            else:
                bib = _Bibliography(loaded, _prepare(items))
            parallel = jobs > 1 and len(bib.keys) >= PARALLEL_ENTRIES and forked.can_fork()
            fork_map = _guarded(loaded, forked.joined_map(jobs)) if parallel else None
            if as_read:
                bib.sort()
                _assign_year_suffixes(loaded, bib, first=first)
            elif fork_map is not None and not loaded.numbered:
                # a cite does not depend on the order: the items' first sort keys and first
                # disambiguation renderings are made together, by the processes at once
                st.first_sort_keys, first = _first_pass(loaded, bib, fork_map)
                bib.sort()
                _assign_year_suffixes(loaded, bib, first=first)
            else:
                st.fork_map = fork_map  # the items' first sort keys in parallel
                bib.sort()
                st.fork_map = None
                _assign_year_suffixes(loaded, bib, fork_map)
            _entry_state(st, loaded)
            layout = loaded.root.bibliography.layout

            def render(cites: Sequence[Any]) -> list[tuple[str, Any]]:
                entries = _render_entries(loaded, bib, layout, cites)
                # an entry's substitution depends on the entry before it: done once all are in
                return entries if substitute is not None else finish(entries)

            rendered: list[tuple[str, Any]]
            if ahead is not None and ahead.stream is not None:
                rendered = ahead.entries(bib, render)
            elif parallel:
                parts = forked.map_slices(render, forked.slices(bib.items, jobs))
                rendered = [entry for part in parts for entry in part]
            else:
                rendered = render(bib.items)
        except (StyleError, CitationError):
            raise
        except Exception as exc:  # sorting or disambiguation met what citeproc-py cannot do
            if bib is None:  # reading the items: their error as it is
                raise
            raise _feature_error(loaded, "?", exc) from None
        finally:
            if ahead is not None:
                ahead.close()
            st.fork_map = st.first_sort_keys = None
            st.mark_author = False
            st.disambiguate = False
            st.in_bibliography = False
            st.year_suffix_pending = False
            if bib is not None:  # the cites refer to the bibliography: freed now, not later
                bib.items = []
    if substitute is not None:
        return finish(_substitute_authors(rendered, substitute))
    return rendered


def _guarded(loaded: _LoadedStyle, fork_map: ForkMap) -> ForkMap:
    """``fork_map`` whose parts turn an unexpected exception into the style's one-line error
    where it happens (in the process that has its traceback)."""

    def run(fn: Callable[[Sequence[Any]], list[Any]], items: Sequence[Any]) -> list[Any]:
        def part(chunk: Sequence[Any]) -> list[Any]:
            with _style_errors(loaded):
                return fn(chunk)

        return fork_map(part, items)

    return run


def _render_entries(
    loaded: _LoadedStyle, bib: _Bibliography, layout: Any, cites: Iterable[Any]
) -> list[tuple[str, str]]:
    """The entries of ``cites`` rendered with the bibliography's layout (marked text)."""
    st = patches.state()
    entries: list[tuple[str, str]] = []
    current = "?"
    try:
        for cite in cites:
            current = bib.ids[cite["key"]]
            config = bib.ambig_configs.get(cite["key"])
            st.disambiguate = config is not None and config.disambiguate
            # names and given names the cite's disambiguation added show in the entry too
            st.ambig = config
            try:
                rendered = layout.render_entry(cite)
            finally:
                st.ambig = None
            entries.append((current, str(rendered) if rendered is not None else ""))
    except (StyleError, CitationError):
        raise
    except Exception as exc:
        raise _feature_error(loaded, current, exc) from None
    return entries


def _substitute_authors(entries: list[tuple[str, str]], substitute: str) -> list[tuple[str, str]]:
    pattern = re.compile(f"{markup.AUTHOR[0]}(.*?){markup.AUTHOR[1]}", re.DOTALL)
    previous: str | None = None
    out = []
    for item_id, text in entries:
        match = pattern.search(text)
        if match:
            names = match.group(1)
            if previous is not None and names == previous:
                text = text[: match.start()] + substitute + text[match.end() :]
            else:
                text = text[: match.start()] + names + text[match.end() :]
            previous = names
        else:
            previous = None
        out.append((item_id, text))
    return out


def _check_output(output: str) -> None:
    if output not in OUTPUTS:
        raise CitationError(f"output {output!r}: expected one of {', '.join(OUTPUTS)}")


def render_bibliography_multi(
    items: list[dict[str, Any]],
    style: str = "apa",
    locale: str = "en-US",
    outputs: Sequence[str] = ("text", "html"),
    jobs: int = 1,
) -> list[tuple[str, dict[str, str]]]:
    """Render once, convert to several outputs: ``[(item id, {output: entry})]``; ``jobs`` as
    for :func:`render_bibliography`."""
    for output in outputs:
        _check_output(output)

    def convert(text: str) -> dict[str, str]:
        return {out: markup.convert(text, out, entry=True) for out in outputs}

    return _render_marked(items, style, locale, convert, jobs)


def render_bibliography(
    items: Iterable[Mapping[str, Any]],
    style: str = "apa",
    locale: str = "en-US",
    output: str = "text",
    jobs: int = 1,
) -> list[tuple[str, str]]:
    """Render a bibliography of CSL-JSON ``items`` (any iterable, read once): ``[(item id,
    entry)]`` in bibliography order.

    ``output`` is one of ``text``, ``html``, ``markdown``, ``rtf`` or ``latex``. With ``jobs``
    above 1, a bibliography of at least :data:`PARALLEL_ENTRIES` entries is rendered by that
    many processes where the platform forks safely (:func:`.forked.can_fork`); sorting and
    disambiguation stay in this one, and the result is the same.
    """
    return _render_bibliography(items, style, locale, output, jobs)


def _render_bibliography(
    items: Iterable[Mapping[str, Any]],
    style: str,
    locale: str,
    output: str,
    jobs: int,
    arriving: bool | Reading = False,
) -> list[tuple[str, str]]:
    """:func:`render_bibliography`; ``arriving`` as for :func:`_render_marked` (the command's
    items read by another process)."""
    _check_output(output)

    def convert(text: str) -> str:
        return markup.convert(text, output, entry=True)

    return _render_marked(items, style, locale, convert, jobs, arriving)


def _near_note_distance(citation_el: Any) -> int:
    try:
        return max(0, int(citation_el.get("near-note-distance", "5")))
    except ValueError:
        return 5


def _cluster_cites(bib: _Bibliography, cluster: Sequence[Mapping[str, Any]]) -> list[_Cite]:
    """The engine cites of one cluster of cite items (positions not yet assigned)."""
    cluster_cites = []
    for cite in cluster:
        if not isinstance(cite, Mapping) or cite.get("id") is None:
            raise CitationError("cite: each cite item needs an id")
        current = str(cite["id"])
        key = current.lower()
        if key not in bib.source:
            raise CitationError(f"cite {current}: no item with this id")
        args: dict[str, Any] = {}
        if cite.get("locator") not in (None, ""):
            label = str(cite.get("label") or "page")
            args["locator"] = Locator(label, str(cite["locator"]))
        for affix in ("prefix", "suffix"):
            if cite.get(affix):
                args[affix] = String(markup.parse_rich_text(str(cite[affix])))
        args.update(positions.cite_fields(cite))
        cluster_cites.append(_Cite(key, bib, **args))
    return cluster_cites


def _render_cluster(loaded: _LoadedStyle, layout: Any, citation: Any, output: str) -> str:
    """One citation (positions assigned) rendered with the citation ``layout`` and finished
    in ``output``."""
    from . import collapse  # loaded when citations are rendered, not for a bibliography

    if all(c.get(positions.MODE_KEY) == "author-only" for c in citation.cites):
        rendered = positions.render_author_only(layout, citation)
    else:
        rendered = collapse.render_citation(layout, citation)
    text = _finish(loaded, str(rendered) if rendered is not None else "")
    return markup.convert(text, output)


def render_citations(
    items: list[dict[str, Any]],
    cites: list[list[dict[str, Any]]],
    style: str = "apa",
    locale: str = "en-US",
    output: str = "text",
    notes: Sequence[int] | None = None,
) -> list[str]:
    """Render in-text citations: one string per cluster of cite items.

    A cite item is ``{"id": ..., "locator": "12-15", "label": "page", "prefix": ..., "suffix": ...}``
    with optional ``suppress-author`` / ``author-only`` and, to override the computed ones,
    ``position`` (first, subsequent, ibid, ibid-with-locator), ``near-note`` and
    ``first-reference-note-number``. Clusters are in document order; ``notes`` gives the note
    number of each (0: not in a note; by default each cluster is its own note in a note style).
    Numbers follow bibliography order; year suffixes are assigned as in the bibliography.
    """
    _check_output(output)
    loaded = _load_style(style, locale)
    prepared = _prepare(items)
    with _LOCK, loaded.lock, no_gc():
        bib = _Bibliography(loaded, prepared)
        st = patches.state()
        current = "?"
        try:
            st.in_bibliography = True
            bib.sort()
            _assign_year_suffixes(loaded, bib)
            st.in_bibliography = False
            citation_el = loaded.root.citation
            history: list[Any] = []
            results = []
            tracker = positions.PositionTracker(_near_note_distance(citation_el))
            for number, cluster in enumerate(cites):
                current = str(cluster[0].get("id")) if cluster else current
                cluster_cites = _cluster_cites(bib, cluster)
                citation = bib.citation(cluster_cites)
                note = notes[number] if notes is not None and number < len(notes) else None
                if note is None:
                    note = number + 1 if loaded.root.get("class") == "note" else 0
                tracker.assign(citation_el.layout.order_cites(citation), note)
                citation_el.cites = history
                results.append(_render_cluster(loaded, citation_el.layout, citation, output))
                history = citation_el.cites
        except (StyleError, CitationError):
            raise
        except Exception as exc:
            raise _feature_error(loaded, current, exc) from None
        finally:
            st.year_suffix_pending = False
    return results
