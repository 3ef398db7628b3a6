"""``biblioconv validate`` for CSL-JSON: the document reads, and every item is checked against
the CSL data schema (``csl/csl-data.json`` in the schema directory, with ``jsonschema``)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from biblioconv.validation import (
    Problem,
    ValidationContext,
    ValidationResult,
    read_problems,
    schema_status,
)

__all__ = ["validate"]

_OFFICIAL = "CSL-JSON schema"


def validate(data: bytes, ctx: ValidationContext) -> None:
    """Check a CSL-JSON document (see the module's description)."""
    read_problems(data, ctx)
    if not schema_status(ctx, _OFFICIAL):
        return
    assert ctx.schema_dir is not None
    missing = _schema_problems(data, ctx.schema_dir, ctx.result)
    ctx.result.schema = f"{_OFFICIAL} not checked: {missing}" if missing else f"{_OFFICIAL} checked"


def _schema_problems(data: bytes, where: Path, result: ValidationResult) -> str:
    """Validate every CSL-JSON item against csl-data.json, adding the problems to ``result``;
    why it could not be done, or ``""``."""
    try:
        import jsonschema
    except ImportError:
        return "jsonschema is not installed"
    path = where / "csl" / "csl-data.json"
    if not path.is_file():
        return f"csl/csl-data.json is not in {where}"
    from biblioconv.jsonstream import iter_json

    schema = json.loads(path.read_text("utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    index = 0
    for line, value, _in_array in iter_json(io.BytesIO(data), source="<input>"):
        for item in value if isinstance(value, list) else [value]:
            index += 1
            label = item.get("id") if isinstance(item, dict) else None
            record = str(label) if isinstance(label, (str, int)) else str(index)
            for err in validator.iter_errors([item]):
                at = ".".join(str(p) for p in list(err.absolute_path)[1:])
                message = f"{at}: {err.message}" if at else err.message
                result.problems.append(Problem("error", f"{message} (csl-data.json)", line, record))
    return ""
