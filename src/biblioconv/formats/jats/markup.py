"""JATS inline markup <-> the record model's rich text.

``italic``, ``bold``, ``sup``, ``sub`` and ``sc`` become the model's ``<i>``, ``<b>``, ``<sup>``,
``<sub>`` and small caps; every other inline element (``ext-link``, ``xref``, MathML, ``named-
content``...) gives its text. Writing does the reverse; text is escaped by lxml.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from biblioconv.xmlsafe import local_name

__all__ = ["append_rich", "plain", "rich"]

_TO_MODEL = {
    "italic": ("<i>", "</i>"),
    "bold": ("<b>", "</b>"),
    "sup": ("<sup>", "</sup>"),
    "sub": ("<sub>", "</sub>"),
    "sc": ('<span style="font-variant:small-caps;">', "</span>"),
}
_FROM_MODEL = {
    "i": "italic",
    "b": "bold",
    "sup": "sup",
    "sub": "sub",
}
_TAG = re.compile(r"<(/?)(i|b|sup|sub|span)((?:\s[^<>]*)?)>")
_SPACE = re.compile(r"\s+")


_local = local_name


def rich(elem: Any) -> str:
    """The text of an element as rich text (white space collapsed)."""
    if not len(elem):
        return plain(elem)
    parts: list[str] = []
    _walk(elem, parts, top=True)
    return " ".join("".join(parts).split())


def _walk(elem: Any, parts: list[str], top: bool = False) -> None:
    name = _local(elem.tag)
    wrap = None if top else _TO_MODEL.get(name)
    if wrap:
        parts.append(wrap[0])
    if elem.text and isinstance(elem.tag, str):
        parts.append(elem.text)
    for child in elem:
        if isinstance(child.tag, str):
            _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if wrap:
        parts.append(wrap[1])


def plain(elem: Any) -> str:
    """The text of an element without markup (white space collapsed)."""
    if not len(elem):  # no children: its own text
        text: str | None = elem.text
        if not text:
            return ""
        if "  " not in text and text.isprintable():  # no white space but single spaces
            return text.strip()
        return _SPACE.sub(" ", text).strip()
    return _SPACE.sub(" ", "".join(elem.itertext())).strip()


def append_rich(parent: Any, tag: str, text: str) -> Any:
    """Append ``<tag>`` holding rich ``text`` (model markup as JATS inline elements)."""
    elem = etree.SubElement(parent, tag)
    stack = [elem]
    last: Any = None  # where text goes: the text of stack[-1] or the tail of ``last``
    pos = 0

    def put(s: str) -> None:
        nonlocal last
        if not s:
            return
        if last is None:
            stack[-1].text = (stack[-1].text or "") + s
        else:
            last.tail = (last.tail or "") + s

    opened: list[bool] = []  # per open model tag: whether it made an element
    for m in _TAG.finditer(text):
        put(text[pos : m.start()])
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if not closing:
            jats = _FROM_MODEL.get(name)
            if name == "span" and "small-caps" in attrs:
                jats = "sc"
            if jats is None:  # nocase and other spans: the text only
                opened.append(False)
                continue
            child = etree.SubElement(stack[-1], jats)
            stack.append(child)
            last = None
            opened.append(True)
        else:
            made = opened.pop() if opened else False
            if made and len(stack) > 1:
                last = stack.pop()
    put(text[pos:])
    return elem
