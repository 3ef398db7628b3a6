"""Recognising MODS from the first bytes of an input."""

from __future__ import annotations

import re

__all__ = ["sniff"]

_NS = re.compile(rb"""xmlns(?::\w+)?\s*=\s*["']http://www\.loc\.gov/mods/v3["']""")
_ROOT = re.compile(rb"<(?:\w+:)?(?:mods|modsCollection)[\s>]")


def sniff(head: bytes) -> float:
    """Confidence that ``head`` starts a MODS document."""
    if _NS.search(head) and _ROOT.search(head):
        return 0.95
    if _NS.search(head):
        return 0.6
    return 0.0
