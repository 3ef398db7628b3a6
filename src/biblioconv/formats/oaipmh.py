"""The OAI-PMH ``ListRecords`` response that the DataCite and Dublin Core writers put several
records in: its opening and each record's header (the one the record was harvested with, kept
in its extras by the readers as ``oai:datestamp`` and ``oai:setSpec``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml import etree

from biblioconv.report import Code

__all__ = [
    "HEADER_KEYS",
    "OAI_NS",
    "add_header",
    "header_values",
    "report_header_not_written",
    "response_head",
]

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
#: the extras keys of a harvested record's header, as the readers keep it
HEADER_KEYS = ("oai:identifier", "oai:datestamp", "oai:setSpec")
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


def header_values(header: Any) -> tuple[str | None, str | None, list[str]]:
    """The identifier, datestamp and sets of a harvested record's ``<header>`` element, as the
    readers keep them: None for an element it lacks (its stripped text otherwise, the last one
    given), and the sets that are not blank."""
    identifier: str | None = None
    datestamp: str | None = None
    sets: list[str] = []
    for child in header:
        if not isinstance(child.tag, str):
            continue
        local = child.tag.rpartition("}")[2]
        text = (child.text or "").strip()
        if local == "identifier":
            identifier = text
        elif local == "datestamp":
            datestamp = text
        elif local == "setSpec" and text:
            sets.append(text)
    return identifier, datestamp, sets


def response_head(now: str, base_url: str, prefix: str) -> bytes:
    """The response up to its records: the root, ``responseDate`` and the ``request`` (a
    ``ListRecords`` of the metadata ``prefix`` at ``base_url``)."""
    base = base_url.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        f'<OAI-PMH xmlns="{OAI_NS}" xmlns:xsi="{_XSI_NS}" xsi:schemaLocation="{OAI_NS} '
        'http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n'
        f"  <responseDate>{now}</responseDate>\n"
        f'  <request verb="ListRecords" metadataPrefix="{prefix}">{base}</request>\n'
    ).encode()


def add_header(record: Any, identifier: str, kept: Mapping[str, Any], now: str) -> None:
    """Add the ``<header>`` of a ``<record>`` element: ``identifier``, then the datestamp and
    sets kept from the harvest (``oai:datestamp``, ``oai:setSpec``), else the response's date
    ``now``."""
    header = etree.SubElement(record, f"{{{OAI_NS}}}header")
    etree.SubElement(header, f"{{{OAI_NS}}}identifier").text = identifier
    stamp = kept.get("oai:datestamp")
    etree.SubElement(header, f"{{{OAI_NS}}}datestamp").text = (
        stamp if isinstance(stamp, str) else now[:10]
    )
    sets = kept.get("oai:setSpec")
    for spec in sets if isinstance(sets, list) else []:
        if isinstance(spec, str):
            etree.SubElement(header, f"{{{OAI_NS}}}setSpec").text = spec


def report_header_not_written(
    reporter: Any, kept: Mapping[str, Any], where: str, keys: tuple[str, ...] = HEADER_KEYS
) -> None:
    """Report (info) each of ``keys`` that the extras ``kept`` (at ``extras.WHERE``) hold: a
    record written without the envelope has no header to write them in."""
    for key in keys:
        if key in kept:
            reporter.add(
                Code.FIELD_DROPPED,
                f"the OAI-PMH header's {key.removeprefix('oai:')} is written only in an envelope "
                "(envelope='oai-pmh')",
                f"extras.{where}.{key}",
                severity="info",
            )
