"""CSL locale files: locale codes normalised and citeproc-py's locale files parsed.

This module sits below :mod:`.patches` and :mod:`.engine`: the element classes a locale is
parsed with are passed in (``patches.element_lookup()``), so both can load locales without
importing each other.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import citeproc
from lxml import etree

from .errors import StyleError

__all__ = ["load_locale", "normalise_locale", "parser"]

_LOCALE_RE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def parser(lookup: etree.ElementClassLookup) -> etree.XMLParser:
    """A safe XML parser (no network, no entities) building elements with *lookup*."""
    xml_parser = etree.XMLParser(
        remove_comments=True, no_network=True, resolve_entities=False, huge_tree=False
    )
    xml_parser.set_element_class_lookup(lookup)
    return xml_parser


def load_locale(locale: str, lookup: etree.ElementClassLookup) -> Any:
    """Parse citeproc-py's file of *locale* with the element classes of *lookup*."""
    path = Path(citeproc.LOCALES_PATH) / f"locales-{locale}.xml"
    try:
        tree = etree.parse(str(path), parser(lookup))
    except OSError:
        raise StyleError(f"locale {locale}: not available") from None
    root = tree.getroot()
    root.__dict__["_keepalive"] = list(root.iter())
    return root


def normalise_locale(locale: str) -> str:
    """``en_us`` -> ``en-US``; :class:`StyleError` for what is not a locale code."""
    if not _LOCALE_RE.match(locale or ""):
        raise StyleError(f"locale {locale!r}: not a locale code such as en-US or de-DE")
    parts = locale.replace("_", "-").split("-")
    code = parts[0].lower() + "".join(
        "-" + p.upper() if len(p) == 2 else "-" + p for p in parts[1:]
    )
    return code
