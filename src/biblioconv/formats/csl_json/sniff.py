"""Telling CSL-JSON and CSL-YAML inputs from their first bytes (light: no reader is imported)."""

from __future__ import annotations

import re

__all__ = ["sniff", "sniff_yaml"]

_CSL_KEYS = re.compile(rb'"(type|title|author|issued|container-title|DOI|URL)"\s*:')
_DATA_ENVELOPE = re.compile(rb'\{\s*"data"\s*:\s*[\[{]')


def sniff(head: bytes) -> float:
    """Confidence that the input is CSL-JSON."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] not in (b"[", b"{"):
        return 0.0
    if _DATA_ENVELOPE.match(text):  # {"data": ...}: a REST API envelope (DataCite), not CSL
        return 0.0
    if b'"data"' in head[:200]:
        return 0.1
    hits = len(set(_CSL_KEYS.findall(head)))
    return min(0.3 + 0.15 * hits, 0.9) if hits else 0.1


def sniff_yaml(head: bytes) -> float:
    """Confidence that the input is CSL-YAML."""
    text = head.lstrip(b"\xef\xbb\xbf")
    if re.search(rb"(?m)^(references:|- id:|---\s*$)", text) and re.search(
        rb"(?m)^\s*-?\s*type:\s", text
    ):
        return 0.7
    return 0.0
