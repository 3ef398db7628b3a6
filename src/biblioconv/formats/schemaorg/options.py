"""Options of the schema.org reader and writer.

Imported when a command asks for them, not when the formats are listed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["SchemaOrgReadOptions", "SchemaOrgWriteOptions"]


class SchemaOrgWriteOptions(BaseModel):
    """Options of the schema.org writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    container: Literal["graph", "array", "lines"] = Field(
        default="graph",
        description="several records as one document with a @graph of works (graph), an array "
        "of documents (array) or one document per line (lines); one record is one document",
    )
    indent: int = Field(
        default=2, ge=0, le=8, description="indentation for pretty output; 0 writes compact JSON"
    )


class SchemaOrgReadOptions(BaseModel):
    """Options of the schema.org reader."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    html: bool = Field(
        default=True,
        description='read the <script type="application/ld+json"> blocks of an HTML page '
        "(parsed offline, nothing fetched); off: HTML input is an error",
    )
