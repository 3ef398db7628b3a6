"""The CSL processor test suite run through the citation engine.

The fixtures of citation-style-language/test-suite (``processor-tests/humans/*.txt``) each hold a
style, CSL-JSON items, the cites and the output of the reference processor (citeproc-js). This
module reads a fixture, renders it with :func:`~.engine.render_citations` or
:func:`~.engine.render_bibliography` as citeproc-js's test runner drives its engine, and compares
the output as that runner does: runs of ASCII whitespace normalised; a bibliography is the
``<div class="csl-bib-body">`` HTML; citations are one cluster per line, compared as HTML where the
expected result has tags and as text otherwise (a character reference such as ``&#38;`` stands for
its character; escaped tags are text, not markup).

A ``CITATIONS`` section is run through a :class:`~.session.CitationSession` step by step (each
citation with its note number, placed among the ones listed before and after it), as the reference
runner calls ``processCitationCluster``. Fixture features the engine has no API for yet are run as
far as possible and fail if the output differs: ``BIBSECTION``, ``ABBREVIATIONS``, ``OPTIONS`` and
unknown cite fields are ignored. A
fixture that raises fails with the exception's one-line reason; each fixture runs under a time
limit. Run a directory of fixtures::

    python -m biblioconv.formats.citation.conformance DIR [--failures]
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import re
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

__all__ = [
    "CITE_FIELDS",
    "SECTIONS",
    "TIMEOUT",
    "Fixture",
    "FixtureError",
    "FixtureTimeout",
    "Outcome",
    "category",
    "compare",
    "fixture_files",
    "format_failure_list",
    "load_fixture",
    "main",
    "normalise",
    "parse_fixture",
    "read_failure_list",
    "render_fixture",
    "run_fixture",
    "run_suite",
    "summary",
]

#: Sections a fixture may hold; those in :data:`_JSON_SECTIONS` are JSON.
SECTIONS = (
    "MODE",
    "RESULT",
    "CSL",
    "INPUT",
    "CITATION-ITEMS",
    "CITATIONS",
    "BIBENTRIES",
    "BIBSECTION",
    "ABBREVIATIONS",
    "OPTIONS",
    "DESCRIPTION",
    "VERSION",
    "KEYS",
)
_JSON_SECTIONS = {
    "INPUT",
    "CITATION-ITEMS",
    "CITATIONS",
    "BIBENTRIES",
    "BIBSECTION",
    "ABBREVIATIONS",
    "OPTIONS",
}
#: Cite fields the engine reads; others are ignored.
CITE_FIELDS = frozenset(
    {
        "id",
        "locator",
        "label",
        "prefix",
        "suffix",
        "position",
        "near-note",
        "first-reference-note-number",
        "suppress-author",
        "author-only",
    }
)
#: Default time limit of one fixture, in seconds.
TIMEOUT = 10.0

_OPEN_RE = re.compile(r"^>>=+\s*([A-Z][A-Z0-9-]*)\s*=+(?:>>)?\s*$")
_CLOSE_RE = re.compile(r"^<<=+\s*([A-Z][A-Z0-9-]*)\s*=+(?:<<)?\s*$")
_WHITESPACE_RE = re.compile(r"[ \t\n\r\f\v]+")
_TAG_RE = re.compile(r"<[^<>]*>")
_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


class FixtureError(ValueError):
    """A fixture file that cannot be read (missing or malformed section)."""


class FixtureTimeout(BaseException):
    """Raised inside a fixture's rendering when its time limit is over (not an ``Exception``:
    the engine turns those into style errors)."""


@dataclass(frozen=True)
class Fixture:
    """One test-suite fixture: its sections, JSON sections decoded."""

    name: str
    mode: str
    result: str
    csl: str
    input: list[dict[str, Any]]
    citation_items: list[list[dict[str, Any]]] | None = None
    citations: list[Any] | None = None
    bibentries: list[list[Any]] | None = None
    bibsection: Any = None
    abbreviations: Any = None
    options: Any = None
    sections: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def category(self) -> str:
        """The file name's prefix before the first ``_`` (``collapse``, ``name``...)."""
        return category(self.name)

    @property
    def measured(self) -> bool:
        """In the usual measure: mode citation or bibliography and no ``CITATIONS`` section."""
        return self.mode in ("citation", "bibliography") and self.citations is None

    def unsupported(self) -> list[str]:
        """What the fixture uses that the engine has no API for (ignored when it is run)."""
        needs = []
        if self.bibsection is not None:
            needs.append("bibliography sections (BIBSECTION)")
        if self.abbreviations is not None:
            needs.append("abbreviation lists (ABBREVIATIONS)")
        if self.options:
            needs.append("processor options (OPTIONS)")
        extra = sorted(
            {
                str(key)
                for cluster in self.citation_items or []
                for cite in cluster
                if isinstance(cite, Mapping)
                for key in cite
                if key not in CITE_FIELDS
            }
        )
        if extra:
            needs.append("cite fields " + ", ".join(extra))
        submodes = self.mode.split("-")[1:]
        if submodes:
            needs.append("mode " + self.mode)
        return needs


@dataclass(frozen=True)
class Outcome:
    """The result of running one fixture."""

    name: str
    passed: bool
    reason: str = ""
    """One line: why the fixture failed (empty when it passed)."""
    expected: str = ""
    """The expected output, normalised."""
    actual: str | None = None
    """The engine's output, normalised (``None`` when it raised or timed out)."""
    seconds: float = 0.0
    measured: bool = True
    """Whether the fixture is in the usual measure (see :attr:`Fixture.measured`)."""

    @property
    def category(self) -> str:
        """The fixture's category (file name prefix)."""
        return category(self.name)


def category(name: str) -> str:
    """The category of a fixture: its name's prefix before the first ``_``."""
    return Path(name).stem.split("_", 1)[0]


# ---------------------------------------------------------------------------------------------
# Reading fixtures


def parse_fixture(text: str, name: str) -> Fixture:
    """Read the text of a fixture; raises :class:`FixtureError` naming the line and problem."""
    sections: dict[str, str] = {}
    current: str | None = None
    start = 0
    body: list[str] = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
        if current is None:
            opened = _OPEN_RE.match(line)
            if opened:
                current, start, body = opened.group(1), number, []
            continue
        closed = _CLOSE_RE.match(line)
        if closed and closed.group(1) == current:
            sections[current] = "\n".join(body)
            current = None
        else:
            body.append(line)
    if current is not None:
        raise FixtureError(f"{name}: line {start}: section {current} is not closed")
    for required in ("MODE", "RESULT", "CSL", "INPUT"):
        if required not in sections:
            raise FixtureError(f"{name}: no {required} section")
    decoded: dict[str, Any] = {}
    for section, raw in sections.items():
        if section in _JSON_SECTIONS:
            try:
                decoded[section] = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise FixtureError(f"{name}: section {section}: not JSON ({exc})") from None
    items = decoded["INPUT"]
    if not isinstance(items, list):
        raise FixtureError(f"{name}: section INPUT: not a list of CSL-JSON items")
    return Fixture(
        name=name,
        mode=sections["MODE"].strip(),
        result=sections["RESULT"],
        csl=sections["CSL"].strip(),
        input=items,
        citation_items=decoded.get("CITATION-ITEMS"),
        citations=decoded.get("CITATIONS"),
        bibentries=decoded.get("BIBENTRIES"),
        bibsection=decoded.get("BIBSECTION"),
        abbreviations=decoded.get("ABBREVIATIONS"),
        options=decoded.get("OPTIONS"),
        sections=sections,
    )


def load_fixture(path: Path) -> Fixture:
    """Read a fixture file (UTF-8); its name is the file name without ``.txt``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FixtureError(f"{path.name}: cannot be read ({exc})") from None
    return parse_fixture(text, path.stem)


# ---------------------------------------------------------------------------------------------
# Comparing as the reference runner does


def _has_tags(text: str) -> bool:
    return _TAG_RE.search(text) is not None


def _canonical_text(text: str) -> str:
    # one spelling per character: &#38; and &amp; alike; only &, < and > escaped
    return html.escape(html.unescape(text), quote=False)


def normalise(text: str, markup: bool) -> str:
    """Runs of ASCII whitespace to one space, ends stripped. With ``markup`` the text between
    tags is HTML whose character references are spelled one way (``&#38;`` = ``&amp;``);
    without, character references are read as the characters they stand for."""
    if markup:
        pieces: list[str] = []
        pos = 0
        for match in _TAG_RE.finditer(text):
            pieces.append(_canonical_text(text[pos : match.start()]))
            pieces.append(match.group(0))
            pos = match.end()
        pieces.append(_canonical_text(text[pos:]))
        text = "".join(pieces)
    else:
        text = html.unescape(text)
    return _WHITESPACE_RE.sub(" ", text).strip()


def _difference(expected: str, actual: str) -> str:
    index = next(
        (i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
        min(len(expected), len(actual)),
    )
    start = max(0, index - 15)

    def cut(text: str) -> str:
        piece = text[start : index + 25]
        return ("…" if start else "") + piece + ("…" if index + 25 < len(text) else "")

    return (
        f"output differs at character {index + 1}: expected {cut(expected)!r}, got {cut(actual)!r}"
    )


def compare(fixture: Fixture, output: str) -> tuple[bool, str]:
    """Compare the processor output of a fixture with its RESULT: ``(passed, reason)``."""
    markup = _has_tags(fixture.result) or fixture.mode.startswith("bibliography")
    expected = normalise(fixture.result, markup)
    actual = normalise(output, markup)
    if expected == actual:
        return True, ""
    return False, _with_needs(fixture, _difference(expected, actual))


def _with_needs(fixture: Fixture, reason: str) -> str:
    needs = fixture.unsupported()
    return f"needs {'; '.join(needs)}; {reason}" if needs else reason


# ---------------------------------------------------------------------------------------------
# Rendering as citeproc-js's test runner drives its engine


def _style_info(csl: str) -> tuple[str, bool]:
    """The style's default locale (en-US if none) and whether the bibliography order comes
    from a bibliography sort (and not a citation sort) — then a default cluster follows it."""
    try:
        root = etree.fromstring(
            csl.encode("utf-8"),
            etree.XMLParser(no_network=True, resolve_entities=False, remove_comments=True),
        )
    except etree.XMLSyntaxError:
        return "en-US", False  # the engine reports the unreadable style
    # private-use extensions (en-US-x-sort-ja) set sorting in citeproc-js, not the locale
    locale = (root.get("default-locale") or "en-US").split("-x-")[0]
    bib_sort = root.find(f"{_CSL_NS}bibliography/{_CSL_NS}sort") is not None
    cite_sort = root.find(f"{_CSL_NS}citation/{_CSL_NS}sort") is not None
    return locale, bib_sort and not cite_sort


def _input(fixture: Fixture) -> list[dict[str, Any]]:
    """The INPUT items as the reference runner's item store holds them: an item without an id
    gets the id ``ITEM-<position>`` (the engine needs ids); of items sharing an id, the last
    one is kept, at the place of the first."""
    items: dict[str, dict[str, Any]] = {}
    others: list[dict[str, Any]] = []
    for n, item in enumerate(fixture.input, 1):
        if not isinstance(item, Mapping):
            others.append(item)  # the engine names it as no CSL-JSON object
            continue
        if "id" not in item:
            item = {**item, "id": f"ITEM-{n}"}
        items[str(item["id"])] = item
    return [*items.values(), *others]


def _by_id(fixture: Fixture) -> dict[str, dict[str, Any]]:
    return {str(item.get("id")): item for item in _input(fixture) if isinstance(item, Mapping)}


def _registered(fixture: Fixture, ids: Iterable[Any]) -> list[dict[str, Any]]:
    """The INPUT items of ``ids``, each once; ids with no item are left for the engine to
    report when they are cited."""
    by_id = _by_id(fixture)
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for raw in ids:
        key = str(raw)
        if key in by_id and key not in seen:
            seen.add(key)
            out.append(by_id[key])
    return out


def _cluster_ids(clusters: Iterable[Sequence[Any]]) -> list[Any]:
    return [cite.get("id") for cluster in clusters for cite in cluster if isinstance(cite, Mapping)]


def _document(fixture: Fixture) -> list[list[tuple[str, list[dict[str, Any]]]]]:
    """The citations of a ``CITATIONS`` section after each processing step, in document order:
    the citation of a step placed between the ones listed before and after it, earlier ones
    not listed dropped (as citeproc-js's ``processCitationCluster``)."""
    clusters: dict[str, list[dict[str, Any]]] = {}
    steps: list[list[tuple[str, list[dict[str, Any]]]]] = []
    for number, step in enumerate(fixture.citations or [], 1):
        if not isinstance(step, list) or not step or not isinstance(step[0], Mapping):
            raise ValueError(f"CITATIONS step {number}: not [citation, pre, post]")
        citation = step[0]
        citation_id = str(citation.get("citationID") or f"CITATION-{number}")
        clusters[citation_id] = list(citation.get("citationItems") or [])
        pre = step[1] if len(step) > 1 else []
        post = step[2] if len(step) > 2 else []
        order = [str(p[0]) for p in pre] + [citation_id] + [str(p[0]) for p in post]
        for other in order:
            if other not in clusters:
                raise ValueError(f"CITATIONS step {number}: citation {other} was never given")
        steps.append([(other, clusters[other]) for other in order])
    return steps


def _citations_output(
    fixture: Fixture,
    style: str,
    locale: str,
    output: str,
    steps: list[list[tuple[str, list[dict[str, Any]]]]],
) -> str:
    """The ``CITATIONS`` steps run through a citation session; then each citation of the
    document on a line, ``>>[i]`` when the last step changed (or added) it, ``..[i]``
    otherwise, as the reference runner prints them."""
    from .session import CitationSession

    session = CitationSession(style, locale, output, items=_input(fixture))
    changed: set[str] = set()
    for number, step in enumerate(fixture.citations or [], 1):
        citation = step[0]
        citation_id = str(citation.get("citationID") or f"CITATION-{number}")
        properties = citation.get("properties") or {}
        note = _note_number(properties.get("noteIndex"))
        pre = step[1] if len(step) > 1 else []
        post = step[2] if len(step) > 2 else []
        updated = session.process(
            [_known_fields(cite) for cite in citation.get("citationItems") or []],
            note,
            id=citation_id,
            before=[(str(p[0]), _note_number(p[1] if len(p) > 1 else 0)) for p in pre],
            after=[(str(p[0]), _note_number(p[1] if len(p) > 1 else 0)) for p in post],
        )
        changed = {cluster.id for cluster in updated}
    return "\n".join(
        f"{'>>' if cluster.id in changed else '..'}[{cluster.index}] {cluster.text}"
        for cluster in session.clusters
    )


def _note_number(value: Any) -> int:
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def _known_fields(cite: Any) -> Any:
    """A cite item with the fields a citation session reads (others are ignored)."""
    if not isinstance(cite, Mapping):
        return cite
    return {key: value for key, value in cite.items() if key in CITE_FIELDS}


def _bibliography_output(items: list[dict[str, Any]], style: str, locale: str) -> str:
    """The bibliography as citeproc-js's HTML: entries in ``csl-entry`` divs in a ``csl-bib-body``."""
    from .engine import render_bibliography

    lines = ['<div class="csl-bib-body">']
    for _item_id, entry in render_bibliography(items, style=style, locale=locale, output="html"):
        # citeproc-js puts an entry's display divs on lines of their own
        before = "\n    " if entry.startswith('<div class="csl-') else ""
        after = "\n  " if entry.endswith("</div>") else ""
        lines.append(f'  <div class="csl-entry">{before}{entry}{after}</div>')
    lines.append("</div>")
    return "\n".join(lines)


def render_fixture(fixture: Fixture, style_path: Path) -> str:
    """The engine's output for ``fixture`` in the reference runner's layout.

    ``style_path`` is the fixture's CSL written to a file (the engine reads styles from files).
    """
    from .engine import render_bibliography, render_citations

    mode = fixture.mode.split("-")[0]  # sub-modes (nosort, rtf...) are not supported: ignored
    if mode not in ("citation", "bibliography"):
        raise ValueError(f"mode {fixture.mode!r}: expected citation or bibliography")
    style = str(style_path)
    locale, cluster_in_bibliography_order = _style_info(fixture.csl)
    output = "html" if _has_tags(fixture.result) or mode == "bibliography" else "text"
    steps = _document(fixture) if fixture.citations is not None else None
    # the registered items: the last BIBENTRIES set, else the cited ones with CITATIONS, else all
    if fixture.bibentries:
        registered = _registered(fixture, fixture.bibentries[-1])
    elif steps is not None:
        registered = _registered(fixture, _cluster_ids(c for _, c in (steps[-1] if steps else [])))
    else:
        registered = _input(fixture)
    if mode == "bibliography":
        return _bibliography_output(registered, style, locale)
    if steps is not None:
        return _citations_output(fixture, style, locale, output, steps)
    clusters = fixture.citation_items
    if clusters is None:
        # one cluster citing every registered item, in the registry's (bibliography) order
        ids = [item.get("id") for item in registered if isinstance(item, Mapping)]
        if cluster_in_bibliography_order:
            ids = [i for i, _ in render_bibliography(registered, style=style, locale=locale)]
        clusters = [[{"id": i} for i in ids]]
    cited = _registered(fixture, _cluster_ids(clusters))
    items = registered + [item for item in cited if item not in registered]
    return "\n".join(render_citations(items, clusters, style=style, locale=locale, output=output))


# ---------------------------------------------------------------------------------------------
# Running with a time limit


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise FixtureTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _bounded(fixture: Fixture, style_path: Path, timeout: float) -> str:
    """Render under a time limit: an alarm signal on the main thread, else a helper thread
    that is abandoned when it overruns."""
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        with _alarm(timeout):
            return render_fixture(fixture, style_path)
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["output"] = render_fixture(fixture, style_path)
        except BaseException as exc:  # handed to the caller
            box["error"] = exc

    worker = threading.Thread(target=work, name=f"csl-fixture-{fixture.name}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise FixtureTimeout
    if "error" in box:
        raise box["error"]
    return str(box["output"])


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def run_fixture(fixture: Fixture | Path, timeout: float = TIMEOUT) -> Outcome:
    """Run one fixture (or fixture file) and compare its output; never raises for a fixture's
    failure: an exception or an overrun is a failed :class:`Outcome` with a one-line reason."""
    if isinstance(fixture, Path):
        try:
            return _run(load_fixture(fixture), timeout)
        except FixtureError as exc:
            return Outcome(fixture.stem, False, f"unreadable fixture: {exc}")
    return _run(fixture, timeout)


def _run(fixture: Fixture, timeout: float) -> Outcome:
    started = time.perf_counter()
    expected_markup = _has_tags(fixture.result) or fixture.mode.startswith("bibliography")
    expected = normalise(fixture.result, expected_markup)

    def failed(reason: str, actual: str | None = None) -> Outcome:
        return Outcome(
            fixture.name,
            False,
            reason,
            expected,
            actual,
            time.perf_counter() - started,
            fixture.measured,
        )

    with tempfile.TemporaryDirectory(prefix="csl-fixture-") as tmp:
        style_path = Path(tmp) / f"{fixture.name}.csl"
        style_path.write_text(fixture.csl, encoding="utf-8")
        try:
            output = _bounded(fixture, style_path, timeout)
        except FixtureTimeout:
            return failed(_with_needs(fixture, f"timed out after {timeout:g} s"))
        except Exception as exc:
            return failed(_with_needs(fixture, f"raises {_one_line(exc)}"))
    passed, reason = compare(fixture, output)
    actual = normalise(output, expected_markup)
    if not passed:
        return failed(reason, actual)
    return Outcome(
        fixture.name, True, "", expected, actual, time.perf_counter() - started, fixture.measured
    )


def fixture_files(directory: Path) -> list[Path]:
    """The fixture files directly in ``directory`` (not its subfolders), sorted by name."""
    return sorted(directory.glob("*.txt"))


def run_suite(directory: Path, timeout: float = TIMEOUT) -> list[Outcome]:
    """Run every fixture directly in ``directory``, in name order."""
    return [run_fixture(path, timeout) for path in fixture_files(directory)]


# ---------------------------------------------------------------------------------------------
# The list of expected failures


def read_failure_list(path: Path) -> dict[str, str]:
    """Read a list of fixtures expected to fail: ``name  reason`` lines, ``#`` comments."""
    failures: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        if name in failures:
            raise FixtureError(f"{path.name}: line {number}: {name} is listed twice")
        failures[name] = reason.strip()
    return failures


def format_failure_list(outcomes: Iterable[Outcome], header: str = "") -> str:
    """The failing fixtures of ``outcomes`` as a list :func:`read_failure_list` reads."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines += [
        f"{o.name}  {o.reason}" for o in sorted(outcomes, key=lambda o: o.name) if not o.passed
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Reporting


def _rate(passed: int, total: int) -> str:
    percent = 100.0 * passed / total if total else 0.0
    return f"{passed}/{total} ({percent:.1f}%)"


def summary(outcomes: Sequence[Outcome]) -> str:
    """The pass rate overall, for the usual measure and per category, as a Markdown table."""
    measured = [o for o in outcomes if o.measured]
    lines = [
        f"all fixtures: {_rate(sum(o.passed for o in outcomes), len(outcomes))}",
        "citation/bibliography without CITATIONS: "
        + _rate(sum(o.passed for o in measured), len(measured)),
        "",
        "| Category | Passed | Fixtures | % |",
        "|---|---:|---:|---:|",
    ]
    by_category: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_category.setdefault(outcome.category, []).append(outcome)
    for name in sorted(by_category, key=lambda c: (-len(by_category[c]), c)):
        group = by_category[name]
        passed = sum(o.passed for o in group)
        lines.append(f"| {name} | {passed} | {len(group)} | {100.0 * passed / len(group):.1f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run a directory of fixtures, print the pass rates (and the failures)."""
    parser = argparse.ArgumentParser(
        prog="python -m biblioconv.formats.citation.conformance",
        description="Run CSL test-suite fixtures through biblioconv's citation engine.",
    )
    parser.add_argument("directory", type=Path, help="folder of fixtures (processor-tests/humans)")
    parser.add_argument("--failures", action="store_true", help="list failing fixtures and why")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per fixture")
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        print(f"{args.directory}: not a directory", file=sys.stderr)
        return 2
    outcomes = run_suite(args.directory, args.timeout)
    if not outcomes:
        print(f"{args.directory}: no fixtures (*.txt)", file=sys.stderr)
        return 2
    if args.failures:
        for outcome in outcomes:
            if not outcome.passed:
                print(f"{outcome.name}  {outcome.reason}")
        print()
    print(summary(outcomes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
