"""Disambiguation of cites as CSL 1.0.2 specifies it and citeproc-js performs it.

Cites whose first-reference citation forms render identically are ambiguous. They are told
apart, in this order, by showing more names (``disambiguate-add-names``), by expanding given
names (``disambiguate-add-givenname`` with the ``by-cite`` rule), by rendering the branches
under ``disambiguate="true"`` conditions and finally by year suffixes
(``disambiguate-add-year-suffix``). The global ``givenname-disambiguation-rule`` values
(``all-names``, ``all-names-with-initials``, ``primary-name``, ``primary-name-with-initials``)
expand every rendered name that shares its family name with another one, ambiguous cite or not.

Each item gets an :class:`AmbigConfig`: the number of names shown per name list of its cite
and a given-name level per name (0 family name only, 1 initials, 2 full given name). The
patched ``cs:name`` reads it through :meth:`AmbigConfig.nameset` while a cite renders.
:func:`citation_label` makes the ``citation-label`` of items without one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "GIVEN_RULES",
    "AmbigConfig",
    "Options",
    "citation_label",
    "disambiguate",
    "global_levels",
    "resolve_group",
]

GIVEN_RULES = (
    "all-names",
    "all-names-with-initials",
    "primary-name",
    "primary-name-with-initials",
    "by-cite",
)


@dataclass
class Options:
    """The disambiguation options of a style's ``cs:citation``."""

    add_names: bool = False
    add_givenname: bool = False
    given_rule: str = "by-cite"
    year_suffix: bool = False
    extra_text: bool = False

    @classmethod
    def from_citation(cls, citation: Any, uses_disambiguate: bool) -> Options:
        """Read the options from a ``cs:citation`` element (any object with ``get``)."""
        rule = citation.get("givenname-disambiguation-rule", "by-cite")
        return cls(
            add_names=citation.get("disambiguate-add-names", "false") == "true",
            add_givenname=citation.get("disambiguate-add-givenname", "false") == "true",
            given_rule=rule if rule in GIVEN_RULES else "by-cite",
            year_suffix=citation.get("disambiguate-add-year-suffix", "false") == "true",
            extra_text=uses_disambiguate,
        )

    @property
    def by_cite(self) -> bool:
        """Whether given names are expanded cite by cite (the ``by-cite`` rule)."""
        return self.add_givenname and self.given_rule == "by-cite"

    @property
    def active(self) -> bool:
        """Whether the style disambiguates at all."""
        return self.add_names or self.add_givenname or self.year_suffix or self.extra_text


@dataclass
class AmbigConfig:
    """How one item's cite is rendered: names shown and given-name levels per name list."""

    names: list[int] = field(default_factory=list)
    givens: list[list[int]] = field(default_factory=list)
    disambiguate: int = 0
    """How many ``disambiguate="true"`` conditions hold (the first ones met)."""
    conditions: int = 0
    """The most ``disambiguate`` conditions a rendering of the cite met."""
    global_givens: dict[tuple[str, str], int] = field(default_factory=dict)
    global_primary: bool = False
    recorded: list[tuple[list[Any], int, bool]] = field(default_factory=list)
    calls: list[tuple[Sequence[Any], int, int, tuple[int, list[int]]]] = field(default_factory=list)
    """The arguments (names, shown, base) and answer of each :meth:`nameset` of the cite."""
    _index: int = 0

    def start(self) -> None:
        """Begin rendering a cite: name lists are counted from the first again."""
        self._index = 0
        self.recorded = []
        self.calls = []

    def nameset(
        self, names: Sequence[Any], shown: int, base: int, initials: bool = False
    ) -> tuple[int, list[int]]:
        """The number of names to show and their given-name levels for the next name list.

        ``shown`` is the count the style's et-al options give, ``base`` the level of the
        name form (0 short, 1 initialised, 2 full); ``initials`` whether the style gives
        ``initialize-with``.
        """
        index = self._index
        self._index += 1
        self.recorded.append((list(names), shown, initials))
        answer = self.answer(index, names, shown, base)
        self.calls.append((names, shown, base, answer))
        return answer

    def answer(
        self, index: int, names: Sequence[Any], shown: int, base: int
    ) -> tuple[int, list[int]]:
        """What :meth:`nameset` answers for the ``index``-th name list (no side effect)."""
        if index < len(self.names):
            shown = min(len(names), max(shown, self.names[index]))
        wanted = self.givens[index] if index < len(self.givens) else []
        global_givens = self.global_givens
        if not wanted and not global_givens:  # every name at the level of its form
            return shown, [base] * len(names[:shown])
        levels = []
        for i, name in enumerate(names[:shown]):
            level = base
            if i < len(wanted):
                level = max(level, wanted[i])
            if global_givens and not (self.global_primary and i):
                level = max(level, global_givens.get(name_key(name), 0))
            levels.append(level)
        return shown, levels

    def clone(self) -> AmbigConfig:
        """An independent copy (nothing recorded)."""
        return AmbigConfig(
            names=list(self.names),
            givens=[list(g) for g in self.givens],
            disambiguate=self.disambiguate,
            global_givens=self.global_givens,
            global_primary=self.global_primary,
        )


def name_key(name: Any) -> tuple[str, str]:
    return (str(name.get("family") or ""), str(name.get("given") or ""))


_PERIODS_RE = re.compile(r"[.\s]+")


def _family_key(name: Any) -> str:
    family = " ".join(str(name.get(p) or "") for p in ("non-dropping-particle", "family"))
    return _PERIODS_RE.sub(" ", family).strip()


def _initials(given: str) -> str:
    return "".join(word[0] for word in re.split(r"[\s.\-]+", given) if word)


def _given_names(
    namesets: Sequence[Sequence[tuple[list[Any], int, bool]]], primary: bool
) -> Iterator[tuple[dict[str, Any], str, bool]]:
    """The personal names with a family and a given name that the cites render (the first of
    each list only when ``primary``): each with its given name as a key (periods as spaces)
    and whether its list was rendered with initials."""
    for lists in namesets:
        for names, _shown, initials in lists:
            for position, name in enumerate(names):
                if primary and position:
                    break
                if not name.get("family") or not name.get("given") or "literal" in name:
                    continue
                yield name, _PERIODS_RE.sub(" ", str(name["given"])).strip(), initials


def global_levels(
    namesets: Sequence[Sequence[tuple[list[Any], int, bool]]], rule: str
) -> dict[tuple[str, str], int]:
    """Given-name levels of the global rules, from the name lists each cite renders.

    A family name written with several initials needs initials (level 1); with several given
    names of the same initials, full given names (level 2). ``*-with-initials`` rules stop at
    initials; ``primary-name*`` rules only count and expand the first name of a list.
    """
    primary = rule.startswith("primary-name")
    registry: dict[str, dict[str, set[str]]] = {}
    for name, skey, _initials_shown in _given_names(namesets, primary):
        registry.setdefault(_family_key(name), {}).setdefault(_initials(skey), set()).add(skey)
    levels: dict[tuple[str, str], int] = {}
    for name, skey, initials in _given_names(namesets, primary):
        by_initials = registry.get(_family_key(name), {})
        level = 0
        if len(by_initials) > 1:
            level = 1
        if not rule.endswith("with-initials") and (
            len(by_initials.get(_initials(skey), ())) > 1 or (len(by_initials) > 1 and not initials)
        ):
            level = 2
        if level:
            key = name_key(name)
            levels[key] = max(levels.get(key, 0), level)
    return levels


Render = Callable[[str, AmbigConfig], str | None]


def _takes_levels(
    recorded: Sequence[tuple[list[Any], int, bool]],
    levels: dict[tuple[str, str], int],
    primary: bool,
) -> bool:
    """Whether a name the cite rendered has a global given-name level (the first name of each
    list only, under a ``primary-name`` rule)."""
    return any(
        name_key(name) in levels
        for names, _shown, _initials in recorded
        for name in (names[:1] if primary else names)
    )


def _steps(config: AmbigConfig, maxima: list[int], options: Options) -> Iterator[tuple[int, int]]:
    """Expand ``config`` one step at a time; yields the (name list, position) changed."""
    for s, most in enumerate(maxima):
        while len(config.givens) <= s:
            config.givens.append([])
        while len(config.names) <= s:
            config.names.append(0)
        for i in range(most):
            givens = config.givens[s]
            while len(givens) <= i:
                givens.append(0)
            if i >= config.names[s]:
                if not options.add_names:
                    break
                config.names[s] = i + 1
                yield s, i
            if options.by_cite:
                for level in (1, 2):
                    givens[i] = level
                    yield s, i


class _Rendering:
    """A cite's text with the configuration's ``disambiguate``, the :meth:`AmbigConfig.nameset`
    calls and name lists it recorded and the conditions it met."""

    __slots__ = ("calls", "conditions", "disambiguate", "recorded", "text")

    def __init__(
        self,
        text: str | None,
        disambiguate: int,
        calls: list[tuple[Sequence[Any], int, int, tuple[int, list[int]]]],
        recorded: list[tuple[list[Any], int, bool]],
        conditions: int,
    ) -> None:
        self.text = text
        self.disambiguate = disambiguate
        self.calls = calls
        self.recorded = recorded
        self.conditions = conditions


class _Renderings:
    """``render`` that does not render a cite again when the text cannot differ.

    A cite's rendering reads its configuration only through ``disambiguate`` and the answers
    of :meth:`AmbigConfig.nameset` (one per name list, in order), and the arguments of each
    call follow from the answers before it. So when a configuration gives the same answers
    to the calls an earlier rendering of the same cite made (with the same ``disambiguate``),
    it renders the same text: that text is returned, with the calls, name lists and
    conditions the rendering would have recorded in the configuration.
    """

    _KEPT = 8

    def __init__(self, render: Render) -> None:
        self.render = render
        self.seen: dict[str, list[_Rendering]] = {}

    @classmethod
    def of(cls, render: Render) -> _Renderings:
        return render if isinstance(render, _Renderings) else cls(render)

    def remember(self, key: str, text: str | None, config: AmbigConfig) -> None:
        """Keep a first rendering made elsewhere (``config`` fresh before it) as if made here."""
        rendering = _Rendering(
            text, config.disambiguate, list(config.calls), list(config.recorded), config.conditions
        )
        self.seen.setdefault(key, []).append(rendering)

    def __call__(self, key: str, config: AmbigConfig) -> str | None:
        config.start()
        past = self.seen.setdefault(key, [])
        for earlier in reversed(past):
            if earlier.disambiguate == config.disambiguate and all(
                config.answer(index, names, shown, base) == answer
                for index, (names, shown, base, answer) in enumerate(earlier.calls)
            ):
                config.calls = list(earlier.calls)
                config.recorded = list(earlier.recorded)
                config._index = len(earlier.calls)
                config.conditions = max(config.conditions, earlier.conditions)
                return earlier.text
        conditions, config.conditions = config.conditions, 0
        text = self.render(key, config)
        met, config.conditions = config.conditions, max(conditions, config.conditions)
        past.append(
            _Rendering(text, config.disambiguate, list(config.calls), list(config.recorded), met)
        )
        if len(past) > self._KEPT:
            del past[0]
        return text


def _classes(keys: Sequence[str], rendered: dict[str, str | None]) -> dict[str | None, list[str]]:
    classes: dict[str | None, list[str]] = {}
    for key in keys:
        classes.setdefault(rendered[key], []).append(key)
    return classes


def _expand_names(
    pending: list[str],
    base: AmbigConfig,
    maxima: list[int],
    render: Render,
    options: Options,
    final: dict[str, AmbigConfig],
) -> tuple[list[str], AmbigConfig]:
    """Add names and given names step by step; a step is kept when it tells cites apart.

    Cites that become unique take the kept steps so far; the rest keep them too and go on.
    Returns the cites still ambiguous and the configuration they have reached.
    """
    current = base.clone()
    better = base.clone()
    classes = _classes(pending, {k: render(k, current) for k in pending})
    unique = [group[0] for group in classes.values() if len(group) == 1]
    for key in unique:
        final[key] = better.clone()
    pending = [key for key in pending if key not in unique]
    count = len(classes) - len(unique)
    for s, i in _steps(current, maxima, options):
        if len(pending) < 2:
            break
        rendered = {key: render(key, current) for key in pending}
        classes = _classes(pending, rendered)
        if len(classes) <= count:
            continue
        while len(better.names) <= s:
            better.names.append(0)
        while len(better.givens) <= s:
            better.givens.append([])
        better.names[s] = current.names[s]
        while len(better.givens[s]) <= i:
            better.givens[s].append(0)
        better.givens[s][i] = current.givens[s][i]
        unique = [group[0] for group in classes.values() if len(group) == 1]
        for key in unique:
            final[key] = better.clone()
        pending = [key for key in pending if key not in unique]
        count = len(classes) - len(unique)
    return pending, better


def first_renderings(render: Render, keys: Sequence[str]) -> list[tuple[str | None, AmbigConfig]]:
    """Each cite of ``keys`` rendered with a fresh configuration: ``(text, configuration)``
    (the first step of :func:`disambiguate`; the items are independent of one another)."""
    found = []
    for key in keys:
        config = AmbigConfig()
        found.append((render(key, config), config))
    return found


def disambiguate(
    keys: Sequence[str],
    render: Render,
    options: Options,
    first: Sequence[tuple[str | None, AmbigConfig]] | None = None,
) -> tuple[dict[str, AmbigConfig], list[list[str]]]:
    """Disambiguate the cites of ``keys`` (in bibliography order).

    ``render(key, config)`` renders the first-reference cite of an item with a configuration
    and returns its text (``None`` when it renders nothing); each call records the item's
    name lists in the configuration. Returns the configuration of every item and the groups
    of items still ambiguous in the end, which take year suffixes (in the order of ``keys``).
    ``first`` is :func:`first_renderings` of ``keys`` when it was made elsewhere (by several
    processes).
    """
    render = _Renderings.of(render)
    configs: dict[str, AmbigConfig] = {}
    recorded: dict[str, list[tuple[list[Any], int, bool]]] = {}
    signatures: dict[str, str | None] = {}
    for key, (signature, config) in zip(
        keys, first_renderings(render, keys) if first is None else first, strict=True
    ):
        if first is not None:
            render.remember(key, signature, config)
        signatures[key] = signature
        recorded[key] = config.recorded
        configs[key] = config
    if options.add_givenname and options.given_rule != "by-cite":
        levels = global_levels(list(recorded.values()), options.given_rule)
        if levels:
            primary = options.given_rule.startswith("primary")
            for key in keys:
                config = AmbigConfig(global_givens=levels, global_primary=primary)
                if _takes_levels(recorded[key], levels, primary):
                    signatures[key] = render(key, config)
                else:  # no name of it gets a level: it renders as before
                    config.conditions = configs[key].conditions
                    config.recorded = configs[key].recorded
                configs[key] = config
    groups = [
        group
        for text, group in _classes(list(keys), signatures).items()
        if text is not None and len(group) > 1
    ]
    remaining: list[list[str]] = []
    for group in groups:
        final, still = resolve_group(group, configs, recorded, render, options)
        configs.update(final)
        remaining.extend(still)
    return configs, remaining


def resolve_group(
    group: Sequence[str],
    configs: dict[str, AmbigConfig],
    recorded: dict[str, list[tuple[list[Any], int, bool]]],
    render: Render,
    options: Options,
) -> tuple[dict[str, AmbigConfig], list[list[str]]]:
    """Tell apart one group of items whose cites render alike (in bibliography order), from
    their configurations and recorded name lists so far: their final configurations and the
    groups still ambiguous, which take year suffixes."""
    render = _Renderings.of(render)
    remaining: list[list[str]] = []
    base = configs[group[0]].clone()
    maxima = [0] * max(len(recorded[key]) for key in group)
    defaults: dict[int, int] = {}
    for key in group:
        for s, (names, shown, _initials) in enumerate(recorded[key]):
            maxima[s] = max(maxima[s], len(names))
            defaults.setdefault(s, shown)
    base.names = [defaults[s] for s in range(len(maxima))]
    final: dict[str, AmbigConfig] = {}
    pending = list(group)
    if options.add_names or options.by_cite:
        pending, base = _expand_names(pending, base, maxima, render, options, final)
    # the disambiguate="true" conditions, one more at a time (names expanded again)
    limit = max(configs[key].conditions for key in group) if options.extra_text else 0
    while len(pending) > 1 and base.disambiguate < limit:
        base = base.clone()
        base.disambiguate += 1
        pending, base = _expand_names(pending, base, maxima, render, options, final)
    for key in pending:
        final[key] = base.clone()
    if len(pending) > 1:
        rendered = {key: render(key, final[key]) for key in pending}
        for same in _classes(pending, rendered).values():
            if len(same) > 1:
                remaining.append(same)
    return final, remaining


_LABEL_CREATORS = (
    "author",
    "editor",
    "contributor",
    "translator",
    "recipient",
    "interviewer",
    "composer",
    "original_author",
    "container_author",
    "collection_editor",
)
_LABEL_LETTERS = ((4,), (2, 2), (2, 2, 2), (1, 1, 1, 1))
"""Letters of each name in a citation label by number of names (citeproc-js's default
trigraph ``Aaaa00:AaAa00:AaAaAa00:AAAA00``)."""
_PARTICLE_RE = re.compile(r"^[ '\u2019a-z]+\s+")
_ARTICLE_RE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_NOT_LETTER_RE = re.compile(r"[^A-Za-z\u00c0-\u024f]")


def citation_label(ref: Any) -> str:
    """The ``citation-label`` generated for a reference without one: the first letters of up
    to four creators' family names and the last two digits of the year (``Asth00``,
    ``BrCh98``), as citeproc-js makes it."""
    label = ""
    for variable in _LABEL_CREATORS:
        names = ref.get(variable)
        if not names:
            continue
        letters = _LABEL_LETTERS[min(len(names), len(_LABEL_LETTERS)) - 1]
        for name, count in zip(names, letters, strict=False):
            text = str(name.get("family") or name.get("literal") or "")
            text = _ARTICLE_RE.sub("", _PARTICLE_RE.sub("", text))
            text = _NOT_LETTER_RE.sub("", text)[:count]
            if not text:
                break
            label += text[0].upper() + text[1:].lower()
        break
    issued = ref.get("issued")
    year = getattr(issued, "year", None)
    if year is None:
        year = getattr(getattr(issued, "begin", None), "year", None)
    return label + ("0000" if year is None else str(year))[-2:]
