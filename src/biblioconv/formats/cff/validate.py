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
    schema = json.loads(path.read_text("utf-8"))
    ctx.result.problems.extend(schema_problems(doc, schema, jsonschema, _nodes(data)))
    ctx.result.schema = f"{_OFFICIAL} checked"


def _nodes(data: bytes) -> Any:
    """The YAML node tree of the document (for the line of each problem), or None."""
    import yaml

    from biblioconv.formats.cff.values import _Loader

    try:
        return yaml.compose(data, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        return None


def _line(node: Any, path: list[Any]) -> int | None:
    """The 1-based line of the value at ``path`` in a YAML node tree (the deepest found)."""
    import yaml

    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if step < len(node.value) else None
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def schema_problems(
    doc: Any, schema: dict[str, Any], jsonschema: Any, nodes: Any = None
) -> list[Problem]:
    """The schema's complaints about a loaded CFF document, one problem each (with its line
    when the YAML node tree ``nodes`` is given)."""
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    out = []
    for err in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        path = list(err.absolute_path)
        at = ".".join(str(p) for p in path)
        message = f"{at}: {err.message}" if at else err.message
        line = _line(nodes, path) if nodes is not None else None
        out.append(Problem("error", f"{message} (CFF schema)", line, None))
    return out
