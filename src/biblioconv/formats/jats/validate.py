"""``biblioconv validate`` for JATS: the document reads, and it is checked against the JATS 1.3
Publishing XSD (``jats/1.3/`` in the schema directory)."""

from __future__ import annotations

from biblioconv.validation import ValidationContext, read_problems, schema_status, xsd

__all__ = ["validate"]

_OFFICIAL = "JATS 1.3 Publishing XSD"
_XSD = "jats/1.3/JATS-journalpublishing1-3-mathml3.xsd"


def validate(data: bytes, ctx: ValidationContext) -> None:
    """Check a JATS document (see the module's description)."""
    read_problems(data, ctx)
    if not schema_status(ctx, _OFFICIAL):
        return
    assert ctx.schema_dir is not None
    if not (ctx.schema_dir / _XSD).is_file():
        ctx.result.schema = f"{_OFFICIAL} not checked: {_XSD} is not in {ctx.schema_dir}"
        return
    from biblioconv import xmlsafe
    from biblioconv.validation import Problem

    schema = xsd(str(ctx.schema_dir), _XSD)
    root = xmlsafe.fromstring(data, source=ctx.source)
    if not schema.validate(root):
        for err in schema.error_log:
            ctx.result.problems.append(
                Problem("error", f"{err.message} (JATS XSD)", err.line, None)
            )
    ctx.result.schema = f"{_OFFICIAL} checked"
