"""Formatted citations and bibliographies in any CSL style (citeproc-py with a patch set)."""

from __future__ import annotations

from .engine import list_styles, render_bibliography, render_citations, resolve_style
from .errors import CitationError, StyleError

__all__ = [
    "CitationError",
    "StyleError",
    "list_styles",
    "render_bibliography",
    "render_citations",
    "resolve_style",
]
