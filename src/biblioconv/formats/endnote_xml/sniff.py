"""Recognising EndNote XML from the first bytes of an input."""

from __future__ import annotations

import re

__all__ = ["sniff"]

_ROOT = re.compile(rb"<xml>\s*<records>\s*<record>")
_TYPE = re.compile(rb"<ref-type\b")
_SOURCE = re.compile(rb"<(?:database|source-app)\b")


def sniff(head: bytes) -> float:
    """Confidence that ``head`` starts an EndNote XML library."""
    if _ROOT.search(head) and (_TYPE.search(head) or _SOURCE.search(head)):
        return 0.95
    if _ROOT.search(head):
        return 0.7
    if b"<records>" in head and _TYPE.search(head):
        return 0.6
    return 0.0
