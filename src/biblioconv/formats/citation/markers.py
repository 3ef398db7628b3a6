"""The private-use characters that carry rich text through rendering.

Formatting (italics, bold, small caps, sub/superscript, underline), protected case, quotes,
display blocks and the left-margin split are carried as these markers inside ordinary strings;
:mod:`.markup` converts them to output formats and :mod:`.flipflop` produces them from the
markup of CSL-JSON strings. This module depends on nothing else in the package.
"""

from __future__ import annotations

import re

__all__ = [
    "AUTHOR",
    "BASELINE",
    "BOLD",
    "DISPLAY",
    "DISPLAY_CLOSE",
    "INNER_QUOTE",
    "ITALIC",
    "LEFT_MARGIN",
    "MARKER_RE",
    "NOCASE",
    "NODECOR",
    "NORMAL",
    "QUOTE",
    "QUOTE_CLOSE",
    "QUOTE_CLOSE_KEPT",
    "SMALLCAPS",
    "SUB",
    "SUP",
    "UNDERLINE",
]

ITALIC = ("\ue000", "\ue001")
BOLD = ("\ue002", "\ue003")
SUP = ("\ue004", "\ue005")
SUB = ("\ue006", "\ue007")
SMALLCAPS = ("\ue008", "\ue009")
UNDERLINE = ("\ue00a", "\ue00b")
NOCASE = ("\ue00c", "\ue00d")
NORMAL = ("\ue00e", "\ue00f")
#: Separates the left-margin field (citation number) from the rest of a bibliography entry.
LEFT_MARGIN = "\ue010"
#: Delimit the first names of a bibliography entry (for subsequent-author-substitute).
AUTHOR = ("\ue011", "\ue012")
#: Open a quote at the outer level (``open-quote``), or the other level inside another quote.
QUOTE = "\ue013"
#: Open a quote at the inner level (``open-inner-quote``), or the other level inside another.
INNER_QUOTE = "\ue014"
#: Close the innermost quote.
QUOTE_CLOSE = "\ue015"
#: ``<span class="nodecor">``: italics, bold and small caps in force are turned off.
NODECOR = ("\ue016", "\ue017")
#: Closes a quote of a field's own text that punctuation of the same text follows (it stays
#: outside even with punctuation-in-quote).
QUOTE_CLOSE_KEPT = "\ue018"
#: ``vertical-align="baseline"`` set on an element (cancels a superscript or subscript).
BASELINE = ("\ue019", "\ue01a")
#: Open the part of an entry an element with ``display`` renders (closed by DISPLAY_CLOSE).
DISPLAY = {"block": "\ue01b", "left-margin": "\ue01c", "right-inline": "\ue01d", "indent": "\ue01e"}
DISPLAY_CLOSE = "\ue01f"

MARKER_RE = re.compile("[\ue000-\ue01f]")
