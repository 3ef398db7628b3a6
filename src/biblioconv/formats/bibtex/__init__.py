"""BibTeX and BibLaTeX: one package, two dialects sharing reader and writer."""

from __future__ import annotations

from typing import Any

from biblioconv.registry import FormatSpec

__all__ = ["BIBLATEX", "BIBTEX", "BibtexReadOptions", "BibtexWriteOptions"]

BIBTEX = FormatSpec(
    name="bibtex",
    title="BibTeX",
    aliases=("bib",),
    extensions=(".bib", ".bibtex"),
    media_types=("application/x-bibtex", "text/x-bibtex"),
    reader="biblioconv.formats.bibtex.reader:read",
    writer="biblioconv.formats.bibtex.writer:write",
    sniff="biblioconv.formats.bibtex.sniff:sniff",
    options="biblioconv.formats.bibtex.options:BibtexWriteOptions",
    read_options="biblioconv.formats.bibtex.options:BibtexReadOptions",
    crosswalk="biblioconv.formats.bibtex.crosswalk:BIBTEX_CROSSWALK",
    description="classic BibTeX (.bib): LaTeX-escaped ASCII output by default",
    splitter="biblioconv.formats.bibtex.chunks:split",
)

BIBLATEX = FormatSpec(
    name="biblatex",
    title="BibLaTeX",
    aliases=("biber",),
    extensions=(".bib",),
    media_types=("application/x-biblatex",),
    reader="biblioconv.formats.bibtex.reader:read",
    writer="biblioconv.formats.bibtex.writer:write",
    sniff="biblioconv.formats.bibtex.sniff:sniff_biblatex",
    options="biblioconv.formats.bibtex.options:BibtexWriteOptions",
    read_options="biblioconv.formats.bibtex.options:BibtexReadOptions",
    crosswalk="biblioconv.formats.bibtex.crosswalk:BIBLATEX_CROSSWALK",
    description="BibLaTeX/biber data model (.bib): EDTF dates, UTF-8 output by default",
    splitter="biblioconv.formats.bibtex.chunks:split",
)


def __getattr__(name: str) -> Any:
    """The options models, imported when first asked for (see :mod:`.options`)."""
    if name in {"BibtexReadOptions", "BibtexWriteOptions"}:
        from biblioconv.formats.bibtex import options

        return getattr(options, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
