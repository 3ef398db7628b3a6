"""EndNote XML ``<record>`` elements as native fields and back.

A record's native fields are its element paths below ``<record>`` (``titles/title``,
``contributors/authors/author``, ``urls/related-urls/url``) each with the list of its values in
document order, and its attributes as ``path@name`` (``ref-type@name``), one value per element.
``<style face=...>`` runs are folded into the text as the record model's rich text (italic
``<i>``, bold ``<b>``, superscript ``<sup>``, subscript ``<sub>``) and written back as runs.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

__all__ = ["ORDER", "build_record", "parse_record", "rich_text", "style_runs"]

#: Element names in the order EndNote writes them (the order of its DTD), by parent.
_ORDER_TEXT = """
database source-app rec-number foreign-keys key ref-type contributors authors
secondary-authors tertiary-authors subsidiary-authors translated-authors author
auth-address auth-affiliaton titles title secondary-title tertiary-title alt-title
short-title translated-title periodical alt-periodical full-title abbr-1 abbr-2 abbr-3
pages volume number issue secondary-volume secondary-issue num-vols edition section
reprint-edition reprint-status keywords keyword dates year pub-dates date pub-location
publisher orig-pub isbn accession-num call-num report-id coden electronic-resource-num
abstract label image caption notes research-notes work-type reviewed-item availability
remote-source meeting-place work-location work-extent pack-method size repro-ratio
remote-database-name remote-database-provider language urls pdf-urls text-urls
related-urls image-urls web-urls url access-date modified-date custom1 custom2 custom3
custom4 custom5 custom6 custom7 misc1 misc2 misc3
"""
ORDER: tuple[str, ...] = tuple(_ORDER_TEXT.split())
_RANK = {name: i for i, name in enumerate(ORDER)}

_FACES = (("bold", "b"), ("italic", "i"), ("superscript", "sup"), ("subscript", "sub"))


def rich_text(elem: Any) -> str:
    """The text of an element with its ``<style>`` runs as rich text."""
    parts = [elem.text or ""]
    for child in elem:
        if child.tag == "style":
            text = "".join(child.itertext())
            faces = (child.get("face") or "normal").split()
            for face, tag in _FACES:
                if face in faces and text:
                    text = f"<{tag}>{text}</{tag}>"
            parts.append(text)
        parts.append(child.tail or "")
    return "".join(parts)


_TAG = re.compile(r"<(/?)(i|b|sup|sub|span)(?:\s[^<>]*)?>")


def style_runs(text: str) -> list[tuple[str, str]]:
    """Rich text as ``(face, text)`` runs (spans are dropped: EndNote has no protected case or
    small capitals)."""
    runs: list[tuple[str, str]] = []
    stack: list[str] = []
    pos = 0
    for m in _TAG.finditer(text):
        if m.start() > pos:
            runs.append((_face(stack), text[pos : m.start()]))
        closing, tag = m.group(1), m.group(2)
        if tag != "span":
            if closing:
                if tag in stack:
                    stack.reverse()
                    stack.remove(tag)
                    stack.reverse()
            else:
                stack.append(tag)
        pos = m.end()
    if pos < len(text):
        runs.append((_face(stack), text[pos:]))
    return runs


def _face(stack: list[str]) -> str:
    names = [face for face, tag in _FACES if tag in stack]
    return " ".join(names) or "normal"


def parse_record(record: Any) -> dict[str, list[str]]:
    """The native fields of one ``<record>`` (see the module docstring)."""
    out: dict[str, list[str]] = {}
    stack: list[tuple[Any, str]] = [(record, "")]
    while stack:
        elem, prefix = stack.pop()
        pending: list[tuple[Any, str]] = []
        for child in elem:
            name = child.tag
            if not isinstance(name, str) or name == "style" or name.startswith("{"):
                continue  # EndNote has no namespaced elements
            path = prefix + name
            if len(child):
                text = _runs(child)
                if text is None:  # an element of EndNote's inside: a container
                    for key, value in child.items():
                        if (at := f"{path}@{key}") in out:
                            out[at].append(value)
                        else:
                            out[at] = [value]
                    pending.append((child, path + "/"))
                    continue
            else:
                text = child.text or ""
            items = child.items()
            if text or items:
                if path in out:
                    out[path].append(text)
                else:
                    out[path] = [text]
                for key, value in items:
                    if (at := f"{path}@{key}") in out:
                        out[at].append(value)
                    else:
                        out[at] = [value]
        stack.extend(reversed(pending))
    return out


def _runs(elem: Any) -> str | None:
    """The rich text of an element with children (as :func:`rich_text`), or None when one of
    them is an EndNote element (not a style run)."""
    parts = [elem.text or ""]
    for child in elem:
        tag = child.tag
        if tag == "style":
            text = "".join(child.itertext()) if len(child) else (child.text or "")
            face = child.get("face")
            if face != "normal" and text:
                faces = (face or "normal").split()
                for word, markup in _FACES:
                    if word in faces:
                        text = f"<{markup}>{text}</{markup}>"
            parts.append(text)
        elif isinstance(tag, str) and not tag.startswith("{"):
            return None
        tail = child.tail
        if tail:
            parts.append(tail)
    return "".join(parts)


def _rank(path: str) -> tuple[int, ...]:
    return tuple(_RANK.get(seg, len(_RANK)) for seg in path.partition("@")[0].split("/"))


def _text(parent: Any, text: str, styles: bool) -> None:
    if not styles:
        parent.text = re.sub(_TAG, "", text)
        return
    for face, run in style_runs(text):
        style = etree.SubElement(parent, "style", face=face, font="default", size="100%")
        style.text = run


def build_record(fields: dict[str, list[str]], *, styles: bool = True) -> Any:
    """One ``<record>`` element of native fields (in EndNote's element order)."""
    record = etree.Element("record")
    containers: dict[str, Any] = {"": record}
    leaves: dict[str, list[Any]] = {}

    def container(path: str) -> Any:
        if path in containers:
            return containers[path]
        parent_path, _, name = path.rpartition("/")
        elem = etree.SubElement(container(parent_path), name)
        containers[path] = elem
        return elem

    keys = sorted(fields, key=_rank)
    for key in keys:
        if "@" in key:
            continue
        parent_path, _, name = key.rpartition("/")
        parent = container(parent_path)
        made = leaves.setdefault(key, [])
        for value in fields[key]:
            leaf = etree.SubElement(parent, name)
            if value:
                plain = not styles or (key in _PLAIN and not _TAG.search(value))
                _text(leaf, value, not plain)
            made.append(leaf)
    for key in keys:
        path, at, attr = key.partition("@")
        if not at:
            continue
        targets = leaves.get(path)
        if targets is None:
            targets = [container(path)]
        for elem, value in zip(targets, fields[key], strict=False):
            elem.set(attr, value)
    return record


#: Elements whose text EndNote writes without style runs.
_PLAIN = frozenset({"database", "source-app", "rec-number", "ref-type", "foreign-keys/key"})
