"""Telling RIS inputs from their first bytes (light: no parser is imported)."""

from __future__ import annotations

import re

__all__ = ["sniff"]

_SNIFF_TY = re.compile(rb"^(?:\xef\xbb\xbf)?TY {1,2}- ?[A-Za-z]", re.MULTILINE)
_SNIFF_TAG = re.compile(rb"^[A-Z][A-Z0-9]  - ", re.MULTILINE)


def sniff(head: bytes) -> float:
    """Confidence that ``head`` is RIS: a ``TY  - `` line (after BOM/blank/numbering lines)."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    stripped = re.sub(rb"^\d{1,9}\.?\s*\n", b"", stripped)
    if stripped.startswith((b"TY  - ", b"TY - ")):
        return 0.95
    if _SNIFF_TY.search(head) and len(_SNIFF_TAG.findall(head)) >= 2:
        return 0.8
    return 0.0
