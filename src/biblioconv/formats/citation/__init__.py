"""Formatted citations and bibliographies in any CSL style (citeproc-py with a patch set).

Writer format ``citation`` (options: style, locale, output), Python API :func:`cite`, and the
engine functions working on CSL-JSON items.
"""

from __future__ import annotations

from biblioconv.registry import FormatSpec

from .engine import list_styles, render_bibliography, render_citations, resolve_style
from .errors import CitationError, StyleError
from .options import CitationOptions

__all__ = [
    "FORMAT",
    "CitationError",
    "CitationOptions",
    "StyleError",
    "list_styles",
    "render_bibliography",
    "render_citations",
    "resolve_style",
]

FORMAT = FormatSpec(
    name="citation",
    title="Formatted citations (CSL)",
    aliases=("cite", "bibliography", "csl-style"),
    extensions=(),
    media_types=("text/plain",),
    writer="biblioconv.formats.citation.writer:write",
    options=CitationOptions,
    streams=False,
    description="A bibliography formatted in any CSL style (apa, vancouver, harvard, chicago, "
    "mla, ieee... or a .csl file) as plain text, HTML, Markdown, RTF or LaTeX.",
)
