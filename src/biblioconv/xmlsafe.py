"""The one place XML parsers are made: hostile input is refused, nothing is fetched.

Every XML read in biblioconv goes through :func:`iterparse` (streaming) or :func:`fromstring`
(whole documents), both built on :func:`parser`'s settings: no entity resolution, no DTD loading,
no network, no XInclude processing, ``huge_tree`` off, bounded depth and text length.

A document whose DTD declares entities (the billion-laughs and external-entity attacks) or has an
internal subset is refused with :class:`~biblioconv.errors.UnsafeInputError`. The check is made
twice: on the first bytes (so most hostile documents are refused before libxml2 sees them) and on
the parsed document type when the root element starts (so padding the prolog past the first bytes
does not help). An external DTD named by ``<!DOCTYPE ... SYSTEM "...">`` is never loaded.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from lxml import etree

from biblioconv.errors import LimitExceeded, ParseError, UnsafeInputError

__all__ = ["SAFE_OPTIONS", "check_head", "fromstring", "iterparse", "parser", "peek_head"]

_HEAD = 64 * 1024
_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)
_ELEMENT_START = re.compile(r"<[A-Za-z_:\u00c0-\uffff]")

#: The parser settings that make XML reading safe; :func:`parser` refuses to loosen them.
SAFE_OPTIONS: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "attribute_defaults": False,
    "huge_tree": False,
    "xinclude": False,
}

#: Defaults shared with :class:`biblioconv.registry.Limits`.
DEFAULT_MAX_DEPTH = 256
DEFAULT_MAX_TEXT = 1_000_000
_DEFAULT_MAX_RECORD = 10 * 1024 * 1024


def parser(**overrides: Any) -> etree.XMLParser:
    """A safe lxml parser (for whole documents and schemas).

    Options other than the safety settings may be overridden; asking to resolve entities, load
    DTDs, use the network or lift the size limits raises :class:`ValueError`.
    """
    opts: dict[str, Any] = {k: v for k, v in SAFE_OPTIONS.items() if k != "xinclude"}
    opts.update(remove_comments=False, remove_pis=False)
    for key, value in overrides.items():
        if key in SAFE_OPTIONS and bool(value) != SAFE_OPTIONS[key]:
            raise ValueError(f"xmlsafe.parser: {key}={value!r} would make XML parsing unsafe")
        if key != "xinclude":
            opts[key] = value
    return etree.XMLParser(**opts)


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_NO_BOM: tuple[tuple[bytes, str], ...] = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


def _decode_head(head: bytes) -> str:
    """The first bytes as text, whatever the byte-level encoding (UTF-8/16/32, with or without
    a byte order mark; anything else ASCII-compatible is read as Latin-1, which keeps markup)."""
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(enc, errors="ignore")
    for start, enc in _NO_BOM:
        if head.startswith(start):
            return head.decode(enc, errors="ignore")
    return head.decode("latin-1")


def check_head(head: bytes, source: str) -> None:
    """Refuse a document whose prolog declares entities or an internal DTD subset.

    Only the prolog (what comes before the root element) is looked at, so a document that
    merely mentions ``<!ENTITY`` in a comment or CDATA section of its body is not refused.
    """
    text = _decode_head(head)
    # Comments in the prolog may contain anything: blank them before looking for the root.
    blanked = re.sub(r"<!--.*?(-->|$)", lambda m: " " * len(m.group(0)), text, flags=re.S)
    root = _ELEMENT_START.search(blanked)
    prolog = blanked[: root.start()] if root else blanked
    if _ENTITY.search(prolog):
        raise UnsafeInputError(
            "XML declares entities (<!ENTITY>); refused as unsafe", source=source
        )
    m = _DOCTYPE.search(prolog)
    if m:
        decl = prolog[m.end() :].split(">", 1)[0]
        if "[" in decl:
            raise UnsafeInputError(
                "XML has an internal DTD subset; refused as unsafe", source=source
            )


def _check_doctype(elem: Any, source: str) -> None:
    """Refuse, once parsed, a document type with entities or an internal subset."""
    try:
        dtd = elem.getroottree().docinfo.internalDTD
    except (AttributeError, ValueError):  # pragma: no cover - lxml always has docinfo
        return
    if dtd is None:
        return
    if any(True for _ in dtd.iterentities()):
        raise UnsafeInputError(
            "XML declares entities (<!ENTITY>); refused as unsafe", source=source
        )
    if any(True for _ in dtd.iterelements()):
        raise UnsafeInputError("XML has an internal DTD subset; refused as unsafe", source=source)


def peek_head(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    """The first bytes of a stream, and a stream that still yields them."""
    if stream.seekable():
        pos = stream.tell()
        head = stream.read(_HEAD)
        stream.seek(pos)
        return head, stream
    head = stream.read(_HEAD)
    return head, io.BufferedReader(_Prefixed(head, stream))


class _Prefixed(io.RawIOBase):
    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(b))
        b[: len(data)] = data
        return len(data)


def _limits(limits: Any, max_depth: int | None, max_text: int | None) -> tuple[int, int]:
    depth = max_depth if max_depth is not None else getattr(limits, "max_xml_depth", None)
    text = max_text if max_text is not None else getattr(limits, "max_field_chars", None)
    return (
        int(depth) if depth is not None else DEFAULT_MAX_DEPTH,
        int(text) if text is not None else DEFAULT_MAX_TEXT,
    )


def _check_text(elem: Any, max_text: int, source: str) -> int:
    """Check an element's text and attribute values; return their total length."""
    text = elem.text
    size = len(text) if text is not None else 0
    if size > max_text:
        raise LimitExceeded(
            f"XML element <{_local(elem.tag)}> has {len(text):,} characters of text "
            f"(limit {max_text:,})",
            source=source,
            line=elem.sourceline,
        )
    for value in elem.values():
        size += len(value)
        if len(value) > max_text:
            name = next(k for k, v in elem.items() if v is value or v == value)
            raise LimitExceeded(
                f"XML attribute {_local(name)} of <{_local(elem.tag)}> has {len(value):,} "
                f"characters (limit {max_text:,})",
                source=source,
                line=elem.sourceline,
            )
    return size


def _tag_matcher(tags: Iterable[str] | None) -> Any:
    """A predicate for lxml-style tag filters: ``{ns}name``, ``{ns}*``, ``{*}name``, ``name``
    (no namespace) and ``*``."""
    if not tags:
        return None
    exact: set[str] = set()
    spaces: set[str] = set()
    names: set[str] = set()
    for t in tags:
        if t == "*":
            return None
        if t.startswith("{*}"):
            names.add(t[3:])
        elif t.endswith("}*"):
            spaces.add(t[1:-2])
        else:
            exact.add(t[2:] if t.startswith("{}") else t)

    def match(tag: Any) -> bool:
        if not isinstance(tag, str):
            return False
        if tag in exact:
            return True
        ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        return local in names or (bool(spaces) and ns in spaces)

    return match


def _local(tag: Any) -> str:
    name = str(tag)
    return name.rsplit("}", 1)[-1]


def _syntax_error(exc: Exception, source: str) -> ParseError:
    msg = str(getattr(exc, "msg", None) or exc).splitlines()[0] if str(exc) else type(exc).__name__
    line = getattr(exc, "lineno", None) or None
    if "amplification" in msg or ("entity" in msg.lower() and "loop" in msg.lower()):
        return UnsafeInputError(f"XML entity expansion refused: {msg}", source=source, line=line)
    if "Excessive depth" in msg:
        return LimitExceeded(f"XML nested too deeply: {msg}", source=source, line=line)
    return ParseError(f"XML syntax error: {msg}", source=source, line=line)


def iterparse(
    stream: IO[bytes],
    *,
    source: str,
    tags: Iterable[str] | None = None,
    events: tuple[str, ...] = ("end",),
    max_depth: int | None = None,
    max_text: int | None = None,
    limits: Any = None,
    record_tags: Iterable[str] | None = None,
) -> Iterator[tuple[str, Any]]:
    """Incrementally parse a stream safely, yielding ``(event, element)``.

    ``limits`` (a :class:`biblioconv.registry.Limits`) gives the maximum depth
    (``max_xml_depth``) and text or attribute length (``max_field_chars``); ``max_depth`` and
    ``max_text`` override them. With ``record_tags`` (tag filters of the elements that hold one
    record each), the text and attribute values inside one record may total at most
    ``max_record_bytes`` characters. Exceeding a limit raises
    :class:`~biblioconv.errors.LimitExceeded`. Callers clear what they have consumed
    (``elem.clear()`` and deleting previous siblings).
    """
    depth_limit, text_limit = _limits(limits, max_depth, max_text)
    record_limit = int(getattr(limits, "max_record_bytes", None) or _DEFAULT_MAX_RECORD)
    is_record = _tag_matcher(record_tags)
    record_depth = 0  # depth of the record element being read, 0 outside records
    record_size = 0
    head, stream = peek_head(stream)
    check_head(head, source)
    wanted = tuple(events) + (("start",) if "start" not in events else ())
    match = _tag_matcher(tags)
    ctx = etree.iterparse(
        stream,
        events=wanted,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    depth = 0
    try:
        for event, elem in ctx:
            if event == "start":
                if depth == 0 and elem.getparent() is None:
                    _check_doctype(elem, source)
                depth += 1
                if depth > depth_limit:
                    raise LimitExceeded(
                        f"XML nested deeper than {depth_limit} elements",
                        source=source,
                        line=elem.sourceline,
                    )
                if is_record is not None and not record_depth and is_record(elem.tag):
                    record_depth, record_size = depth, 0
                if "start" not in events:
                    continue
            elif event == "end":
                if isinstance(elem.tag, str):
                    size = _check_text(elem, text_limit, source)
                    if record_depth:
                        record_size += size
                        if record_size > record_limit:
                            raise LimitExceeded(
                                f"an XML record holds more than {record_limit:,} characters "
                                f"of text (at <{_local(elem.tag)}>)",
                                source=source,
                                line=elem.sourceline,
                            )
                        if depth == record_depth:
                            record_depth = 0
                depth -= 1
            if match is not None and not match(elem.tag):
                continue
            yield event, elem
    except (etree.LxmlError, LookupError) as exc:
        raise _syntax_error(exc, source) from None


def fromstring(
    data: bytes,
    *,
    source: str,
    max_depth: int | None = None,
    max_text: int | None = None,
    limits: Any = None,
) -> Any:
    """Parse a whole (small) document safely and return its root element.

    The same checks as :func:`iterparse`: hostile prologs are refused, depth and text length
    are bounded, syntax errors raise :class:`~biblioconv.errors.ParseError` with the line.
    """
    depth_limit, text_limit = _limits(limits, max_depth, max_text)
    check_head(data[:_HEAD], source)
    try:
        root = etree.fromstring(data, parser(remove_comments=True))
    except (etree.LxmlError, LookupError) as exc:
        raise _syntax_error(exc, source) from None
    if root is None:
        raise ParseError("XML document has no root element", source=source)
    _check_doctype(root, source)
    stack: list[tuple[Any, int]] = [(root, 1)]
    while stack:
        elem, depth = stack.pop()
        if depth > depth_limit:
            raise LimitExceeded(
                f"XML nested deeper than {depth_limit} elements",
                source=source,
                line=elem.sourceline,
            )
        if isinstance(elem.tag, str):
            _check_text(elem, text_limit, source)
        stack.extend((child, depth + 1) for child in elem)
    return root
