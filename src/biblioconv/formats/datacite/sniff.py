"""Telling DataCite XML and JSON inputs from their first bytes (light: no parser is imported)."""

from __future__ import annotations

import re

__all__ = ["sniff_json", "sniff_xml"]

_KEYS = re.compile(rb'"(creators|titles|publicationYear|resourceTypeGeneral|rightsList)"\s*:')
_DATA_ENVELOPE = re.compile(rb'\{\s*"data"\s*:\s*[\[{]')


def sniff_xml(head: bytes) -> float:
    """Confidence that the input is DataCite XML."""
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return 0.0
    if b"datacite.org/schema/kernel-" in head:
        return 0.95
    if b"<resource" in head and (b"<creators" in head or b"<identifier" in head):
        return 0.5
    return 0.0


def sniff_json(head: bytes) -> float:
    """Confidence that the input is DataCite JSON."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] not in (b"[", b"{"):
        return 0.0
    hits = len(set(_KEYS.findall(head)))
    if b'"attributes"' in head and hits:
        return 0.95
    if hits < 2:  # {"data": [...]}: the REST API's envelope, even of an empty list
        return 0.6 if _DATA_ENVELOPE.match(text) else 0.0
    return min(0.3 + 0.2 * hits, 0.9)
