"""Where Dublin Core XML inputs can be cut into chunks of whole records, for parallel
conversion: OAI-PMH ``<record>`` elements, ``oai_dc:dc`` and ``qualifieddc`` records and RDF
descriptions, at the shallowest depth they occur."""

from __future__ import annotations

from biblioconv.splitting import xml_splitter

__all__ = ["split"]

split = xml_splitter(
    {
        "record": "http://www.openarchives.org/OAI/2.0/",
        "dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
        "qualifieddc": None,
        "Description": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    }
)
