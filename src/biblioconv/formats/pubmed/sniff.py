"""Telling MEDLINE/nbib and PubMed XML from their first bytes."""

from __future__ import annotations

import re

__all__ = ["sniff_medline", "sniff_xml"]

_PMID = re.compile(rb"^(?:\xef\xbb\xbf)?\s*PMID- ?\d+", re.M)
_FIRST = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:PMID|OWN |STAT)- ")
_TAGS = re.compile(rb"^(?:TI|FAU|AU|DP|SO|JT|AB) {0,2}- ", re.M)


def sniff_medline(head: bytes) -> float:
    """Confidence that the input is MEDLINE/nbib."""
    if _PMID.search(head[:2048]) or _FIRST.match(head):
        return 0.95
    return 0.5 if len(set(_TAGS.findall(head))) >= 3 and b"PMID-" in head else 0.0


def sniff_xml(head: bytes) -> float:
    """Confidence that the input is PubMed XML."""
    if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return 0.0
    if b"<PubmedArticleSet" in head or b"<PubmedArticle>" in head or b"PubMedArticle" in head:
        return 0.95
    if b"<PubmedBookArticle" in head or b"<MedlineCitation" in head:
        return 0.9
    return 0.0
