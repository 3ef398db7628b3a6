"""Where EndNote XML libraries can be cut into chunks of whole records, for parallel
conversion: the ``<record>`` elements of ``<xml><records>``."""

from __future__ import annotations

from biblioconv.splitting import xml_splitter

__all__ = ["split"]

split = xml_splitter({"record": None})
