"""Telling a codemeta.json from its first bytes (imports nothing of the format's mapping)."""

from __future__ import annotations

import re

__all__ = ["sniff"]

_CONTEXT = re.compile(rb'"@context"\s*:\s*\[?\s*"[^"]*codemeta[^"]*"', re.IGNORECASE)
_TERMS = re.compile(rb'"(codeRepository|softwareVersion|programmingLanguage|issueTracker)"\s*:')


def sniff(head: bytes) -> float:
    """Confidence that the input is CodeMeta: a CodeMeta ``@context`` (or its terms)."""
    if _CONTEXT.search(head):
        return 0.95
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{" and len(set(_TERMS.findall(head))) >= 2:
        return 0.5
    return 0.0
