"""Detection of schema.org JSON-LD by content (imports nothing heavy: detection stays cheap)."""

from __future__ import annotations

import re

__all__ = ["sniff"]

_CONTEXT = re.compile(
    rb'"@context"\s*:\s*(?:\[[^\]]{0,400}?)?(?:\{[^}]{0,400}?)?"https?://schema\.org'
)
_LD_SCRIPT = re.compile(rb"<script[^>]{0,200}application/ld\+json", re.IGNORECASE)


def sniff(head: bytes) -> float:
    """Confidence that the input is schema.org JSON-LD (or HTML with such a block)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] in (b"{", b"["):
        if _CONTEXT.search(head):
            return 0.95
        if b'"@context"' in head and b"schema.org" in head:
            return 0.9
        if b'"@type"' in head and b'"@context"' not in head:
            return 0.2
        return 0.0
    if text[:1] == b"<" and _LD_SCRIPT.search(head) and b"schema.org" in head:
        return 0.6
    return 0.0
