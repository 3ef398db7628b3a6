"""Where DataCite XML inputs can be cut into chunks of whole records, for parallel conversion:
the ``<resource>`` elements (any kernel version) or OAI-PMH ``<record>`` elements of a harvest,
and documents concatenated one after the other (as the writer makes several resources)."""

from __future__ import annotations

from biblioconv.splitting import xml_splitter

__all__ = ["split"]

_OAI = "http://www.openarchives.org/OAI/2.0/"

split = xml_splitter({"record": _OAI, "resource": None}, root_record="resource")
