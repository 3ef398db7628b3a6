"""Options of the BibTeX / BibLaTeX reader and writer (light: no parser imported)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["BibtexReadOptions", "BibtexWriteOptions"]


class BibtexReadOptions(BaseModel):
    """Options of the BibTeX / BibLaTeX reader."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    resolve_crossref: bool = Field(
        default=True,
        description="let entries inherit missing fields from their crossref/xdata parents",
    )
    encoding: str | None = Field(
        default=None,
        description="force an input encoding (default: UTF-8, Latin-1 detected with a diagnostic)",
    )
    parent_entries: str | None = Field(
        default=None,
        description="BibTeX text of further entries that crossref/xdata/xref fields may name "
        "(looked up after the input's own; read for inheritance only, not as records)",
    )


class BibtexWriteOptions(BaseModel):
    """Options of the BibTeX / BibLaTeX writer."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    ascii: bool | None = Field(
        default=None,
        description="write ASCII only: non-ASCII characters as LaTeX that pdflatex reads "
        "(accents, {$\\alpha$}, textcomp), others as ^^ bytes, reported (default: yes for "
        "bibtex, no (UTF-8) for biblatex)",
    )
    protect_case: bool | None = Field(
        default=None,
        description="brace acronyms and words with inner capitals in titles ({PRISMA}, "
        "{mRNA}) so that styles keep their case (default: for titles without case "
        "protection from sources that have none, i.e. not .bib)",
    )
    keys: Literal["keep", "generate"] = Field(
        default="keep",
        description="keep citation keys (generated when missing) or generate all "
        "(family + year + first title word, made unique)",
    )
    extras: bool = Field(
        default=True, description="write back fields kept in the record's .bib extras"
    )
