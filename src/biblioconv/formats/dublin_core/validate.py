"""``biblioconv validate`` for oai_dc: the document reads, and every ``oai_dc:dc`` record is
checked against the official oai_dc XSD when a schema directory is found."""

from __future__ import annotations

from biblioconv.validation import SCHEMA_DIR_ENV, ValidationContext, read_problems, xsd_problems

__all__ = ["validate"]

_OFFICIAL = "oai_dc XSD"


def validate(data: bytes, ctx: ValidationContext) -> None:
    """Check an oai_dc document (see the module's description)."""
    read_problems(data, ctx)
    if ctx.schema_dir is None:
        ctx.result.schema = (
            f"{_OFFICIAL} not checked: no --schema-dir, ${SCHEMA_DIR_ENV} or fetched cache"
        )
        return
    if ctx.result.valid:
        ctx.result.problems += xsd_problems(
            data,
            ctx.schema_dir,
            "oai_dc/oai_dc.xsd",
            "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc",
        )
    ctx.result.schema = f"{_OFFICIAL} checked"
