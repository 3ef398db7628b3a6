"""``biblioconv validate`` for MODS: the document reads, and every ``mods`` record is checked
against the official MODS 3.8 XSD when a schema directory is found."""

from __future__ import annotations

from biblioconv.validation import SCHEMA_DIR_ENV, ValidationContext, read_problems, xsd_problems

__all__ = ["XSD", "validate"]

_OFFICIAL = "MODS 3.8 XSD"
#: The schema's path in the manifest (and a schema directory).
XSD = "mods/3.8/mods-3-8.xsd"


def validate(data: bytes, ctx: ValidationContext) -> None:
    """Check a MODS document (see the module's description)."""
    read_problems(data, ctx)
    if ctx.schema_dir is None:
        ctx.result.schema = (
            f"{_OFFICIAL} not checked: no --schema-dir, ${SCHEMA_DIR_ENV} or fetched cache"
        )
        return
    if ctx.result.valid:
        ctx.result.problems += xsd_problems(
            data, ctx.schema_dir, XSD, "{http://www.loc.gov/mods/v3}mods"
        )
    ctx.result.schema = f"{_OFFICIAL} checked"
