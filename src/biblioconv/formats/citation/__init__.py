"""Formatted citations and bibliographies in any CSL style (citeproc-py with a patch set).

Writer format ``citation`` (options: style, locale, output), Python API :func:`cite`, and the
engine functions working on CSL-JSON items.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from biblioconv.registry import FormatSpec

from .errors import CitationError, StyleError
from .options import CitationOptions

if TYPE_CHECKING:
    from .engine import list_styles, render_bibliography, render_citations, resolve_style

_LAZY = {"list_styles", "render_bibliography", "render_citations", "resolve_style"}


def __getattr__(name: str) -> Any:
    # the engine imports citeproc-py: only when something is rendered, not when formats are listed
    if name in _LAZY:
        from . import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    extensions=(".txt",),
    # DOI content negotiation's formatted citation (with style and locale parameters) first
    media_types=("text/x-bibliography", "text/plain"),
    writer="biblioconv.formats.citation.writer:write",
    options=CitationOptions,
    streams=False,
    description="A bibliography formatted in any CSL style (apa, vancouver, harvard, chicago, "
    "mla, ieee... or a .csl file) as plain text, HTML, Markdown, RTF or LaTeX.",
)
