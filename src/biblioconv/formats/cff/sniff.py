"""Telling a CITATION.cff from its first bytes (imports nothing of the format's mapping)."""

from __future__ import annotations

import re

__all__ = ["sniff"]

_CFF_VERSION = re.compile(rb"(?m)^cff-version\s*:")
_CFF_KEYS = re.compile(rb"(?m)^(message|authors|title|preferred-citation|references)\s*:")


def sniff(head: bytes) -> float:
    """Confidence that the input is a CITATION.cff file: a top-level ``cff-version:`` key."""
    text = head.lstrip(b"\xef\xbb\xbf")
    if _CFF_VERSION.search(text):
        return 0.95
    if len(set(_CFF_KEYS.findall(text))) >= 3:
        return 0.4
    return 0.0
