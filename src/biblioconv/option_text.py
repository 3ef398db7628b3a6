"""Format options given as text, as the command line and the service take them: pairs
``FORMAT.NAME=VALUE`` (or ``NAME=VALUE`` for every format in use), each value read for its
option's type (``4.5``, ``true``, ``2``, ``none``, ``a,b``, or JSON)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from biblioconv import registry
from biblioconv.errors import BiblioconvError, FormatNotFound, UsageError

__all__ = ["check_option_names", "format_name", "format_options", "valid_options"]


def format_name(name: str) -> str:
    try:
        return registry.get(name).name
    except FormatNotFound as exc:
        raise UsageError(str(exc)) from None


def _scope_rank(scope: str, fmt: str) -> int:
    """How an option's scope applies to a format: 2 its own, 1 a scope it shares (see
    :attr:`~biblioconv.registry.FormatSpec.option_scopes`), 0 not at all."""
    name = format_name(scope)
    if name == fmt:
        return 2
    shared = {format_name(s) for s in registry.get(fmt).option_scopes}
    return 1 if name in shared else 0


def format_options(pairs: Sequence[str], fmt: str) -> dict[str, tuple[str, bool]]:
    """The ``-O fmt.key=value`` (or ``key=value``) options that apply to one format: by option
    name (``fill-unknown`` becomes ``fill_unknown``), the text and whether a scope named it."""
    out: dict[str, tuple[str, bool]] = {}
    rank: dict[str, int] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise UsageError(f"option {pair!r} is not of the form format.name=value")
        scope, dot, name = key.rpartition(".")
        level = _scope_rank(scope, fmt) if dot else 1
        name = name.strip().replace("-", "_")
        if level and level >= rank.get(name, 0):
            out[name] = (value, bool(dot))
            rank[name] = level
    return out


def _fields(spec: registry.FormatSpec) -> set[str]:
    """Every option name of a format, reader's and writer's."""
    names: set[str] = set()
    if spec.can_read:
        names |= set((spec.read_options or spec.options).model_fields)
    if spec.can_write:
        names |= set(spec.options.model_fields)
    return names


def check_option_names(pairs: Sequence[str], used: Sequence[str]) -> None:
    """Every ``-O`` name is an option of its format (or, unscoped, of a format in use)."""
    for pair in pairs:
        key = pair.partition("=")[0]
        scope, dot, name = key.rpartition(".")
        name = name.strip().replace("-", "_")
        if dot:
            spec = registry.get(format_name(scope))
            sharing = [s for s in registry.all_formats() if spec.name in s.option_scopes]
            if not any(name in _fields(s) for s in [spec, *sharing]):
                raise UsageError(
                    f"unknown {spec.name} option {key!r} (valid: {_option_names(spec)})"
                )
        elif not any(name in _fields(registry.get(f)) for f in used):
            known = sorted({n.replace("_", "-") for f in used for n in _fields(registry.get(f))})
            raise UsageError(
                f"unknown option {key!r} (valid here: {', '.join(known) or 'none'}; "
                "name the format as in -O FORMAT.NAME=VALUE)"
            )


def _candidates(text: str) -> list[Any]:
    """What an option's text may stand for, most literal first: ``"4.5"`` in JSON quotes is
    that string; otherwise the text itself, none, its JSON value and a comma-separated list."""
    stripped = text.strip()
    if len(stripped) >= 2 and stripped[0] == stripped[-1] == '"':
        with contextlib.suppress(ValueError):
            return [json.loads(stripped)]
    out: list[Any] = [text]
    if stripped.lower() in ("", "none", "null"):
        out.insert(0, None)
    with contextlib.suppress(ValueError):
        out.append(json.loads(stripped))
    out.append([part.strip() for part in stripped.split(",")] if stripped else [])
    return out


def _coerce(model: type[BaseModel], name: str, text: str) -> Any:
    """An option's value read as a user types it (``4.5``, ``true``, ``2``, ``a,b``), for the
    type the options model declares; a value that fits no reading raises the first error."""
    first: PydanticValidationError | None = None
    for value in _candidates(text):
        try:
            model.model_validate({name: value})
        except PydanticValidationError as exc:
            if any(e["loc"][:1] == (name,) for e in exc.errors()):
                first = first or exc
                continue
        return value
    assert first is not None
    raise first


def _option_names(spec: registry.FormatSpec) -> str:
    return ", ".join(sorted(n.replace("_", "-") for n in _fields(spec))) or "none"


def valid_options(
    spec: registry.FormatSpec, values: dict[str, tuple[str, bool]], read: bool
) -> Any:
    """The format's reader or writer options from the ``-O`` texts that apply to it (see
    :func:`format_options`): each value read for its option's type. An unscoped option the
    format lacks is another format's; a scoped one neither side knows, or a value that does
    not fit, is a usage error naming the option."""
    model = (spec.read_options or spec.options) if read else spec.options
    mine: dict[str, Any] = {}
    for name, (text, scoped) in values.items():
        dashed = name.replace("_", "-")
        if name not in model.model_fields:
            if not scoped or name in _fields(spec):
                continue  # another format's, or the other side's (a reader's encoding)
            raise UsageError(
                f"unknown {spec.name} option {dashed!r} (valid: {_option_names(spec)})"
            )
        try:
            mine[name] = _coerce(model, name, text)
        except PydanticValidationError as exc:
            err = next(e for e in exc.errors() if e["loc"][:1] == (name,))
            raise UsageError(f"{spec.name} option {dashed}={text}: {err['msg']}") from None
    try:
        return spec.make_options(mine, read=read)
    except (PydanticValidationError, BiblioconvError, ValueError) as exc:
        msg = exc.errors()[0]["msg"] if isinstance(exc, PydanticValidationError) else str(exc)
        raise UsageError(f"{spec.name} options: {msg}") from None
