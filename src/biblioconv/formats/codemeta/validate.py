"""``biblioconv validate`` for CodeMeta: the document reads, and every key and ``@type`` is a
term of its CodeMeta context (2.0 or 3.0), a JSON-LD keyword or a compact IRI (``schema:x``)."""

from __future__ import annotations

from typing import Any

from biblioconv.formats.codemeta.mapping import context_version
from biblioconv.formats.codemeta.terms import TERMS
from biblioconv.validation import Problem, ValidationContext, read_problems

__all__ = ["undefined_terms", "validate"]


def validate(data: bytes, ctx: ValidationContext) -> None:
    """Check a codemeta.json (see the module's description)."""
    read_problems(data, ctx)
    if not ctx.result.valid:
        ctx.result.schema = "CodeMeta context not checked: the document has errors"
        return
    import json

    doc = json.loads(data)
    for obj in doc if isinstance(doc, list) else [doc]:
        if not isinstance(obj, dict):
            continue
        version = ctx.version or context_version(obj.get("@context")) or "3.0"
        for where, term in undefined_terms(obj, version):
            ctx.result.problems.append(
                Problem(
                    "warning",
                    f"{where}: {term!r} is not a term of the CodeMeta {version} "
                    "context (JSON-LD processors drop it)",
                    None,
                    None,
                )
            )
    ctx.result.schema = "CodeMeta context checked"


def undefined_terms(value: Any, version: str, where: str = "") -> list[tuple[str, str]]:
    """The keys and ``@type`` values of a JSON-LD value that are not terms of the CodeMeta
    context of ``version``, keywords or compact IRIs, with where they are."""
    terms = TERMS[version]
    out: list[tuple[str, str]] = []

    def ok(term: str) -> bool:
        return (
            term.startswith("@")
            or term in terms
            or (":" in term and term.split(":", 1)[0] in terms)
            or "://" in term
        )

    if isinstance(value, dict):
        for k, v in value.items():
            at = f"{where}.{k}" if where else k
            if not ok(k):
                out.append((at, k))
            if k in ("@type", "type") and isinstance(v, str) and not ok(v):
                out.append((at, v))
            elif k != "@context":
                out += undefined_terms(v, version, at)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += undefined_terms(v, version, f"{where}[{i}]")
    return out
