"""Where MODS inputs can be cut into chunks of whole records, for parallel conversion: the
``mods`` elements of a ``modsCollection`` (or of any envelope, such as an OAI-PMH response)."""

from __future__ import annotations

from biblioconv.formats.mods.vocab import MODS_NS
from biblioconv.splitting import xml_splitter

__all__ = ["split"]

split = xml_splitter({"mods": MODS_NS}, root_record="mods")
