"""Detection of JATS by content (imports nothing heavy)."""

from __future__ import annotations

import re

__all__ = ["sniff"]

_DOCTYPE = re.compile(rb"<!DOCTYPE\s+article\s+PUBLIC\s+\"-//NLM//DTD", re.IGNORECASE)
_ROOT = re.compile(rb"<(article|ref-list)[\s>]")
_JATS = re.compile(rb"<(front|article-meta|journal-meta|element-citation|mixed-citation)[\s>]")


def sniff(head: bytes) -> float:
    """Confidence that the input is a JATS article or ref-list."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"<"):
        return 0.0
    if _DOCTYPE.search(head):
        return 0.95
    if _ROOT.search(head) and _JATS.search(head):
        return 0.9
    if b"<ref-list" in head and b"<ref " in head:
        return 0.7
    return 0.0
