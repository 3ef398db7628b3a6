"""Content negotiation: media types to formats and back, as DOI content negotiation does.

Each format declares its media types (:attr:`~biblioconv.registry.FormatSpec.media_types`);
``application/vnd.biblioconv.NAME`` names any format too. A media type's parameters that are
options of the format (``text/x-bibliography; style=apa; locale=fr-FR``) become its options.
No format is named here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from biblioconv import registry
from biblioconv.errors import FormatNotFound
from biblioconv.registry import FormatSpec
from biblioconv.server.problems import ServiceProblem

__all__ = [
    "BIBLIOGRAPHY",
    "CSL_JSON",
    "GENERIC_TYPES",
    "MediaRange",
    "Target",
    "by_media_type",
    "media_type_of",
    "media_types_of",
    "names_file",
    "parse_accept",
    "parse_media_type",
    "readable_types",
    "refuse_paths",
    "source_format",
    "target_format",
    "writable_types",
]

#: DOI content negotiation's formatted citation (``style`` and ``locale`` parameters).
BIBLIOGRAPHY = "text/x-bibliography"
#: CSL-JSON, the items of ``POST /cite``.
CSL_JSON = "application/vnd.citationstyles.csl+json"
#: Content types that say nothing about the format (curl's default for -d among them): the
#: format is then detected.
GENERIC_TYPES = frozenset(
    {
        "",
        "*/*",
        "text/plain",
        "application/octet-stream",
        "application/x-www-form-urlencoded",
        "application/json",
        "application/xml",
        "text/xml",
    }
)
_OURS = "application/vnd.biblioconv."


@dataclass(frozen=True)
class MediaRange:
    """One media range of an ``Accept`` header: type, parameters and quality."""

    type: str
    params: dict[str, str] = field(default_factory=dict)
    q: float = 1.0


def parse_media_type(value: str) -> tuple[str, dict[str, str]]:
    """``type/subtype; a=b`` -> (``type/subtype`` lower-cased, ``{"a": "b"}``)."""
    head, *rest = value.split(";")
    params: dict[str, str] = {}
    for part in rest:
        key, sep, val = part.partition("=")
        if sep and key.strip():
            params[key.strip().lower()] = val.strip().strip('"')
    return head.strip().lower(), params


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header, best first (q=0 left out; ties keep their
    order)."""
    ranges: list[MediaRange] = []
    for item in (header or "").split(","):
        if not item.strip():
            continue
        mtype, params = parse_media_type(item)
        try:
            q = float(params.pop("q", "1"))
        except ValueError:
            q = 1.0
        if q > 0:
            ranges.append(MediaRange(mtype, params, q))
    ranges.sort(key=lambda r: -r.q)
    return ranges


def media_types_of(spec: FormatSpec) -> list[str]:
    """The media types that name a format: its own, or ``application/vnd.biblioconv.NAME``
    when it declares none."""
    return list(spec.media_types) or [f"{_OURS}{spec.name}"]


def media_type_of(spec: FormatSpec) -> str:
    """The media type of a format's output (its first)."""
    return media_types_of(spec)[0]


def by_media_type(mtype: str) -> list[FormatSpec]:
    """The formats a media type names (its own declared types, or ours for any format)."""
    mtype = mtype.lower()
    if mtype.startswith(_OURS):
        name = mtype[len(_OURS) :].removesuffix("+json").removesuffix("+xml")
        try:
            return [registry.get(name)]
        except FormatNotFound:
            return []
    return [s for s in registry.all_formats() if mtype in (m.lower() for m in s.media_types)]


def source_format(content_type: str | None, given: str | None) -> str | None:
    """The format of a request body: ``?from=``, else its ``Content-Type``, else None (to be
    detected). A media type of no readable format is a 415."""
    if given:
        return registry.get(given).name
    mtype, _ = parse_media_type(content_type or "")
    specs = by_media_type(mtype)
    readable = [s for s in specs if s.can_read]
    if readable:
        return readable[0].name
    if mtype in GENERIC_TYPES or mtype.startswith("multipart/"):
        return None
    why = f"format {specs[0].name} cannot be read" if specs else "names no format"
    raise ServiceProblem(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        f"Content-Type {mtype}: {why}; send one of {', '.join(readable_types())} "
        "or name the format with ?from=",
    )


def readable_types() -> list[str]:
    """Every media type naming a readable format."""
    return [m for s in registry.all_formats() if s.can_read for m in media_types_of(s)]


@dataclass(frozen=True)
class Target:
    """The target of a conversion: format, the media type answered, options taken from its
    parameters (``NAME=VALUE``), and whether the JSON envelope was asked for."""

    format: str
    media_type: str
    options: tuple[str, ...] = ()
    envelope: bool = False


def target_format(accept: str | None, given: str | None, report: str | None = None) -> Target:
    """The target of ``POST /convert``: ``?to=``, else the first ``Accept`` media range that
    names a format. ``?report=json`` or ``application/json`` in ``Accept`` ask for the JSON
    envelope. Nothing acceptable is a 406."""
    ranges = parse_accept(accept)
    envelope = report == "json" or any(r.type == "application/json" for r in ranges)
    if given:
        spec = registry.get(given)
        if not spec.can_write:
            raise FormatNotFound(f"format {spec.name!r} cannot be written")
        return Target(spec.name, media_type_of(spec), (), envelope)
    for r in ranges:
        writable = [s for s in by_media_type(r.type) if s.can_write]
        if writable:
            spec = writable[0]
            model = spec.options.model_fields
            options = tuple(
                f"{key}={value}"
                for key, value in r.params.items()
                if key.replace("-", "_") in model
            )
            return Target(spec.name, r.type, options, envelope)
    asked = ", ".join(r.type for r in ranges) or "none"
    raise ServiceProblem(
        406,
        "not-acceptable",
        "No acceptable target format",
        f"Accept: {asked}: no writable format; name the target with ?to=NAME or one of "
        f"{', '.join(writable_types())}",
    )


def writable_types() -> list[str]:
    """Every media type naming a writable format."""
    return [m for s in registry.all_formats() if s.can_write for m in media_types_of(s)]


def names_file(value: str) -> bool:
    """Whether a value given over HTTP could name a file of the server or a URL (a path
    separator, a leading ``~`` or ``.``, or an existing file's name): the service takes names
    only, so that no request reads a file it names or makes the server fetch anything."""
    value = value.strip()
    return (
        "/" in value
        or "\\" in value
        or value.startswith(("~", "."))
        or ("." in value and os.path.lexists(value))
    )


def refuse_paths(pairs: Sequence[str]) -> None:
    """Refuse ``NAME=VALUE`` options whose value :func:`names_file`."""
    for pair in pairs:
        if names_file(pair.partition("=")[2]):
            raise ServiceProblem(
                400,
                "option-error",
                "Bad format option",
                f"option {pair!r}: the service takes names, not file paths or URLs",
            )
