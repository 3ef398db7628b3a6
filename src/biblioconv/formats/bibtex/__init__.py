"""BibTeX and BibLaTeX: one package, two dialects sharing reader and writer."""

from __future__ import annotations

from biblioconv.formats.bibtex.options import BibtexReadOptions, BibtexWriteOptions
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
    options=BibtexWriteOptions,
    read_options=BibtexReadOptions,
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
    options=BibtexWriteOptions,
    read_options=BibtexReadOptions,
    crosswalk="biblioconv.formats.bibtex.crosswalk:BIBLATEX_CROSSWALK",
    description="BibLaTeX/biber data model (.bib): EDTF dates, UTF-8 output by default",
    splitter="biblioconv.formats.bibtex.chunks:split",
)
