"""Errors of the citation renderer."""

from __future__ import annotations

from biblioconv.errors import BiblioconvError

__all__ = ["CitationError", "StyleError"]


class StyleError(BiblioconvError, LookupError):
    """A style cannot be found, read or processed (one-line message naming the style)."""


class CitationError(BiblioconvError, ValueError):
    """Items or cites cannot be rendered (one-line message naming the item and problem)."""
