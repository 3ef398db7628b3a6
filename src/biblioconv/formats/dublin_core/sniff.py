"""Telling Dublin Core inputs from their first bytes (light: no parser is imported)."""

from __future__ import annotations

__all__ = ["DC10_NS", "DCTERMS_NS", "DC_NS", "OAI_DC_NS", "OAI_NS", "sniff_dc", "sniff_dcterms"]

DC_NS = "http://purl.org/dc/elements/1.1/"
DC10_NS = "http://purl.org/dc/elements/1.0/"
DCTERMS_NS = "http://purl.org/dc/terms/"
OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"


def _sniff(head: bytes) -> tuple[bool, bool, bool]:
    text = head[:65536]
    return (
        OAI_DC_NS.encode() in text,
        DC_NS.encode() in text or DC10_NS.encode() in text,
        DCTERMS_NS.encode() in text,
    )


def sniff_dc(head: bytes) -> float:
    """Confidence that the input is simple Dublin Core (oai_dc, or DC elements in XML)."""
    oai_dc, dc, dcterms = _sniff(head)
    if oai_dc:
        return 0.95
    if dc and not dcterms:
        return 0.8
    if dc or dcterms:
        return 0.6
    return 0.3 if OAI_NS.encode() in head[:65536] else 0.0


def sniff_dcterms(head: bytes) -> float:
    """Confidence that the input is qualified Dublin Core (dcterms elements)."""
    oai_dc, _, dcterms = _sniff(head)
    if dcterms and not oai_dc:
        return 0.85
    return 0.5 if dcterms else 0.0
