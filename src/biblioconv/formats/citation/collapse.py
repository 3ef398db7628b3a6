"""Cite grouping and collapsing inside a citation cluster, as citeproc-js does them.

``cs:citation`` options handled here:

* ``collapse="citation-number"``: runs of three or more consecutive citation numbers become a
  range (``[1]–[4]``); a cite with a locator, prefix or suffix breaks a run;
* ``collapse="year"``: the names of a cite that repeat the names of the cite before it are
  suppressed (``Smith 1900, 2000``);
* ``collapse="year-suffix"`` / ``"year-suffix-ranged"``: a cite whose rendering (names aside)
  differs from the one before it only by its year suffix is reduced to the suffix
  (``Smith 2000a, b``), joined by ``year-suffix-delimiter``; ranged collapsing makes runs of
  three or more suffixes a range (``2000a–c``);
* cite grouping: in a sorted citation of an in-text style with ``collapse`` (or of any style
  with ``cite-group-delimiter``) cites of the same names are brought together;
* delimiters: ``cite-group-delimiter`` between cites of one group, ``after-collapse-delimiter``
  after a collapsed group, the layout delimiter elsewhere.

Cites are also joined with citeproc-js's care for cite affixes: after a cite suffix ending in
``.``, ``,`` or ``;`` (or before a prefix starting with one) the delimiter keeps only its
spacing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import citeproc
from citeproc.string import String

from . import markup, patches
from .seams import concat, seam

__all__ = ["render_citation"]

_YEAR_MODES = ("year", "year-suffix", "year-suffix-ranged")
_NEUTRAL_VARIABLES = frozenset(
    {v.replace("_", "-") for v in (*citeproc.NAMES, *citeproc.DATES)}
    | {"locator", "year-suffix", "citation-number", "citation-label"}
)
"""Variables whose rendering leaves a cite collapsed (others make it a cite of its own)."""


@dataclass(frozen=True)
class _Options:
    collapse: str
    layout_delimiter: str
    cite_group_delimiter: str | None
    after_collapse_delimiter: str | None
    year_suffix_delimiter: str
    in_text: bool
    numeric: bool
    grouped: bool


def _options(layout: Any) -> _Options:
    citation_el = layout.getparent()
    root = layout.get_root()

    def compute() -> _Options:
        layout_delimiter = layout.get("delimiter", "")
        collapse = citation_el.get("collapse", "")
        cite_group = citation_el.get("cite-group-delimiter")
        numeric = any(
            el.get("variable") == "citation-number"
            for el in citation_el.iter()
            if isinstance(el.tag, str)
        )
        in_text = root.get("class", "in-text") == "in-text"
        sort = citation_el.find("cs:sort", patches._NS)
        grouped = (
            sort is not None
            and len(sort)
            and ((in_text and bool(collapse)) or (bool(cite_group) and not numeric))
        )
        return _Options(
            collapse=collapse,
            layout_delimiter=layout_delimiter,
            cite_group_delimiter=cite_group,
            after_collapse_delimiter=citation_el.get("after-collapse-delimiter"),
            year_suffix_delimiter=citation_el.get("year-suffix-delimiter", layout_delimiter),
            in_text=in_text,
            numeric=numeric,
            grouped=bool(grouped),
        )

    return patches._memo(layout, "collapse-options", compute)  # type: ignore[no-any-return]


class _NamesHook:
    """Records (and optionally suppresses) the first names a cite renders."""

    def __init__(self, suppress: bool) -> None:
        self.suppress = suppress
        self.names: str | None = None

    def __call__(self, text: Any) -> Any:
        if text is None or self.names is not None:
            return text
        self.names = markup.strip_markers(str(text))
        return None if self.suppress else text


@dataclass
class _Rendered:
    cite: Any
    text: Any
    names: str | None
    plain_vars: bool
    """Whether a variable other than names, dates and locators rendered."""


def _render(layout: Any, cite: Any, ambiguous: set[str], suppress: bool = False) -> _Rendered:
    st = patches.state()
    hook = _NamesHook(suppress)
    st.disambiguate = cite.key in ambiguous
    st.names_hook = hook
    try:
        text = layout.render_entry(cite, wrap=False)
    finally:
        st.disambiguate = False
        st.names_hook = None
    if text is not None and patches._is_empty(text):
        text = None
    plain = any(v.replace("_", "-") not in _NEUTRAL_VARIABLES for v in st.rendered_vars)
    return _Rendered(cite, text, hook.names, plain)


def _affixed(cite: Any, text: Any) -> Any:
    return String(cite.get("prefix", "")) + text + String(cite.get("suffix", ""))


def _splice(previous: Any, current: Any, delimiter: str) -> str:
    """The delimiter between two cites, reduced where a cite affix brings punctuation."""
    suffix = str(previous.get("suffix", "") or "")
    prefix = str(current.get("prefix", "") or "")
    ends = bool(suffix) and suffix[-1] in ";.,"
    starts = not suffix and bool(prefix) and prefix[0] in ";.,"
    if ends or starts:
        space = delimiter.find(" ")
        return delimiter[space:] if space > -1 and not starts else ""
    return delimiter


def _suffix_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 96
    return index - 1


def _group(rendered: list[_Rendered]) -> list[_Rendered]:
    """Cites of the same names brought together, groups in order of first appearance."""
    order: dict[str | None, list[_Rendered]] = {}
    out: list[list[_Rendered]] = []
    for entry in rendered:
        if entry.names is None:
            out.append([entry])
            continue
        if entry.names not in order:
            order[entry.names] = []
            out.append(order[entry.names])
        order[entry.names].append(entry)
    return [entry for group in out for entry in group]


def _range_delimiter(layout: Any) -> str:
    term = layout.get_term("citation-range-delimiter")
    return str(term.single) if term is not None else "\u2013"


def _numbers(layout: Any, opts: _Options, rendered: list[_Rendered]) -> list[tuple[Any, str]]:
    """``(text, delimiter before it)`` with runs of consecutive numbers as ranges."""
    pieces: list[tuple[Any, str]] = []
    dash = _range_delimiter(layout)
    i = 0
    previous: Any = None
    collapsed = False
    while i < len(rendered):
        entry = rendered[i]
        cite = entry.cite
        j = i
        if _plain_cite(cite):
            while (
                j + 1 < len(rendered)
                and _plain_cite(rendered[j + 1].cite)
                and rendered[j + 1].cite.number == rendered[j].cite.number + 1
            ):
                j += 1
        if previous is None:
            delimiter = ""
        elif collapsed and opts.after_collapse_delimiter is not None:
            delimiter = opts.after_collapse_delimiter
        else:
            delimiter = _splice(previous, cite, opts.layout_delimiter)
        if j - i >= 2:
            text = concat(concat(entry.text, dash), rendered[j].text)
            pieces.append((text, delimiter))
            collapsed = True
            previous = rendered[j].cite
            i = j + 1
            continue
        pieces.append((_affixed(cite, entry.text), delimiter))
        collapsed = False
        previous = cite
        i += 1
    return pieces


def _plain_cite(cite: Any) -> bool:
    return not (cite.get("locator") or cite.get("prefix") or cite.get("suffix"))


def _years(
    layout: Any, opts: _Options, rendered: list[_Rendered], ambiguous: set[str]
) -> list[tuple[Any, str]]:
    """``(text, delimiter before it)`` with repeated names (and years) collapsed."""
    pieces: list[tuple[Any, str]] = []
    last_names: str | None = None
    last: Any = None
    last_collapsed = False
    # the year-suffix run being built: [(plain text without suffix, suffix index)]
    run_base: str | None = None
    run: list[int] = []
    run_start = 0
    ranged = opts.collapse == "year-suffix-ranged"
    suffix_mode = opts.collapse in ("year-suffix", "year-suffix-ranged")
    for entry in rendered:
        cite = entry.cite
        same = entry.names is not None and entry.names == last_names
        text = entry.text
        collapsed = False
        short = None
        if same and opts.collapse in _YEAR_MODES:
            short = _render(layout, cite, ambiguous, suppress=True)
            text = short.text
            collapsed = not short.plain_vars
        elif entry.names is not None:
            last_names = entry.names
        if text is None:
            continue
        suffix = str(cite.reference.get("year_suffix") or "")
        base = None
        if suffix_mode and suffix:
            if short is None:
                short = _render(layout, cite, ambiguous, suppress=True)
            plain = markup.strip_markers(str(short.text or ""))
            base = plain[: -len(suffix)] if plain.endswith(suffix) else None
        if (
            suffix_mode
            and collapsed
            and base is not None
            and base == run_base
            and last is not None
            and not last.get("locator")
            and _plain_cite(cite)
        ):
            delimiter = opts.cite_group_delimiter or opts.year_suffix_delimiter
            pieces.append((String(suffix), delimiter))
            run.append(_suffix_index(suffix))
            last = cite
            last_collapsed = collapsed
            continue
        if ranged:
            _range_suffixes(pieces, run_start, run)
        if last is None:
            delimiter = ""
        elif opts.after_collapse_delimiter is not None:
            if (
                last.get("locator")
                or (last_collapsed and not collapsed)
                or (not last_collapsed and not collapsed and opts.collapse != "year-suffix")
            ):
                delimiter = opts.after_collapse_delimiter
            else:
                delimiter = opts.layout_delimiter
        elif same and opts.cite_group_delimiter is not None:
            delimiter = opts.cite_group_delimiter
        elif collapsed and opts.in_text and not opts.numeric:
            delimiter = ", "
        else:
            delimiter = opts.layout_delimiter
        if last is not None:
            delimiter = _splice(last, cite, delimiter)
        pieces.append((_affixed(cite, text), delimiter))
        run_base = base if _plain_cite(cite) else None
        run = [_suffix_index(suffix)] if base is not None else []
        run_start = len(pieces) - 1
        last = cite
        last_collapsed = collapsed
    if ranged:
        _range_suffixes(pieces, run_start, run)
    return pieces


def _range_suffixes(pieces: list[tuple[Any, str]], start: int, run: list[int]) -> None:
    """Make runs of three or more consecutive year suffixes in ``pieces[start:]`` ranges."""
    if len(run) < 3 or len(pieces) - start != len(run):
        return
    out: list[tuple[Any, str]] = []
    i = 0
    while i < len(run):
        j = i
        while j + 1 < len(run) and run[j + 1] == run[j] + 1:
            j += 1
        if j - i >= 2:
            text, delimiter = pieces[start + i]
            last = str(pieces[start + j][0])
            out.append((concat(text, "\u2013" + last), delimiter))
            i = j + 1
        else:
            out.append(pieces[start + i])
            i += 1
    pieces[start:] = out


def render_citation(
    layout: Any, citation: Any, callback: Callable[[Any], Any] | None = None
) -> Any:
    """Render ``citation`` with the ``cs:layout`` of ``cs:citation``, cites grouped and
    collapsed as the style asks, delimiters reduced next to cite affixes that bring their own
    punctuation; other citations render as the layout renders them."""
    citation_el = layout.getparent()
    opts = _options(layout)
    collapsing = (
        opts.collapse in ("citation-number", *_YEAR_MODES) or opts.cite_group_delimiter is not None
    )
    cites = citation.cites
    if not collapsing and not any(
        _splice(a, b, opts.layout_delimiter) != opts.layout_delimiter for a, b in pairwise(cites)
    ):
        return layout.render_citation(citation, callback)
    bibliography = citation.bibliography
    index = bibliography.key_index
    good = [cite for cite in cites if cite.key in index]
    bad = [cite for cite in cites if cite.key not in index]
    sort = citation_el.sort
    if sort is not None:
        good.sort(key=lambda cite: index[cite.key])
        good = sort.sort(good, layout)
    ambiguous: set[str] = getattr(bibliography, "ambiguous", set())
    rendered = [_render(layout, cite, ambiguous) for cite in good]
    if opts.grouped:
        rendered = _group(rendered)
    rendered = [entry for entry in rendered if entry.text is not None]
    for entry in rendered:
        citation_el.cites.append(entry.cite)
    if opts.collapse == "citation-number":
        pieces = _numbers(layout, opts, rendered)
    else:
        pieces = _years(layout, opts, rendered, ambiguous)
    output: Any = None
    for text, delimiter in pieces:
        if output is None:
            output = text
            continue
        output = concat(output, seam(output, delimiter))
        output = concat(output, seam(output, text))
    for cite in bad:
        value = callback(cite) if callback is not None else None
        extra = value or f"{cite.key}?"
        output = extra if output is None else concat(concat(output, opts.layout_delimiter), extra)
    if output is None:
        return None
    return layout.format(layout.wrap(output))
