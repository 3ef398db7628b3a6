"""``biblioconv validate`` for CFF: the document reads, and it is checked against the CFF 1.2.0
JSON Schema (``cff/1.2.0/schema.json`` in the schema directory, with ``jsonschema``), with its
dates kept as text as the schema wants."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from biblioconv.validation import Problem, ValidationContext, read_problems, schema_status

__all__ = ["schema_problems", "validate"]

_OFFICIAL = "CFF 1.2.0 schema"


def validate(data: bytes, ctx: ValidationContext) -> None:
    """Check a CITATION.cff document (see the module's description)."""
    read_problems(data, ctx)
    if not schema_status(ctx, _OFFICIAL):
        return
    assert ctx.schema_dir is not None
    path = Path(ctx.schema_dir) / "cff" / "1.2.0" / "schema.json"
    try:
        import jsonschema
    except ImportError:
        ctx.result.schema = f"{_OFFICIAL} not checked: jsonschema is not installed"
        return
    if not path.is_file():
        ctx.result.schema = (
            f"{_OFFICIAL} not checked: cff/1.2.0/schema.json is not in {ctx.schema_dir}"
        )
        return
    from biblioconv.formats.cff.values import load_yaml

    doc = load_yaml(data, ctx.source, len(data) + 1)
    ctx.result.problems.extend(
        schema_problems(doc, json.loads(path.read_text("utf-8")), jsonschema)
    )
    ctx.result.schema = f"{_OFFICIAL} checked"


def schema_problems(doc: Any, schema: dict[str, Any], jsonschema: Any) -> list[Problem]:
    """The schema's complaints about a loaded CFF document, one problem each."""
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    out = []
    for err in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        at = ".".join(str(p) for p in err.absolute_path)
        message = f"{at}: {err.message}" if at else err.message
        out.append(Problem("error", f"{message} (CFF schema)", None, None))
    return out
