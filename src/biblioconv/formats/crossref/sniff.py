"""Telling Crossref XML from its first bytes (light: no parser is imported)."""

from __future__ import annotations

__all__ = ["sniff"]


def sniff(head: bytes) -> float:
    """Confidence that the input is Crossref XML (a deposit or query output)."""
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return 0.0
    if b"<doi_batch" in head and b"crossref.org/schema/" in head:
        return 0.95
    if b"crossref.org/qrschema/" in head or b"crossref.org/xschema/" in head:
        return 0.95
    if b"<doi_batch" in head or (b"<doi_records" in head and b"<crossref" in head):
        return 0.6
    return 0.0
