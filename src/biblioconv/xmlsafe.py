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
from functools import lru_cache
from typing import IO, Any

from lxml import etree

from biblioconv.errors import LimitExceeded, ParseError, UnsafeInputError

__all__ = [
    "SAFE_OPTIONS",
    "check_head",
    "checked_head",
    "fromstring",
    "iterparse",
    "local_name",
    "parser",
    "peek_head",
    "rejoin",
    "release",
    "xml_writable",
]

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
    return head, rejoin(head, stream)


def checked_head(stream: IO[bytes], source: str) -> tuple[bytes, IO[bytes]]:
    """:func:`peek_head` of a document about to be parsed, with the first checks: an empty input
    (nothing but white space, NULs or a BOM) is a ParseError, and a prolog declaring entities is
    refused (:func:`check_head`)."""
    head, stream = peek_head(stream)
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise ParseError("empty input: not an XML document", source=source)
    check_head(head, source)
    return head, stream


def release(elem: Any) -> None:
    """Free an element :func:`iterparse` has finished with, and everything before it in each of
    its ancestors, so that a document of any length streams in constant memory."""
    elem.clear(keep_tail=False)
    node = elem
    parent = node.getparent()
    while parent is not None:
        while node.getprevious() is not None:
            del parent[0]
        node, parent = parent, parent.getparent()


def rejoin(head: bytes, rest: IO[bytes]) -> IO[bytes]:
    """A stream giving ``head`` (bytes already read from ``rest``) and then the rest."""
    return io.BufferedReader(_Prefixed(head, rest))


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


def _fits(elem: Any, max_text: int) -> bool:
    """Whether an element's text and attribute values are within the limit."""
    try:
        _check_text(elem, max_text, "")
    except LimitExceeded:
        return False
    return True


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


_LOCAL_NAMES: dict[Any, str] = {}


def local_name(tag: Any) -> str:
    """The local name of an element tag (``''`` for comments and processing instructions); the
    names seen are remembered (at most 4,096), so readers split each tag once."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rpartition("}")[2] if isinstance(tag, str) else ""
        if len(_LOCAL_NAMES) < 4096:
            _LOCAL_NAMES[tag] = name
    return name


def _local(tag: Any) -> str:
    name = str(tag)
    if name.startswith(_UNBOUND_TAG):  # an undeclared prefix, as libxml2 names it
        uri, _, local = name[1:].partition("}")
        return f"{uri[len(UNBOUND_NS) :]}:{local}"
    return name.rsplit("}", 1)[-1]


_EXCESSIVE_DEPTH = re.compile(r"Excessive depth in document: (\d+)")


_LINE_COLUMN = re.compile(r"line (\d+), column (\d+)$")


def _syntax_error(exc: Exception, source: str, shift: tuple[int, int] = (0, 0)) -> ParseError:
    """The error to raise for a parser's error; ``shift`` is (line, columns) by which a
    restarted parser's columns on that line run ahead of the file's."""
    msg = str(getattr(exc, "msg", None) or exc).splitlines()[0] if str(exc) else type(exc).__name__
    line = getattr(exc, "lineno", None) or None
    if shift[0]:
        m = _LINE_COLUMN.search(msg)
        if m and int(m.group(1)) == shift[0]:
            column = int(m.group(2)) - shift[1]
            msg = f"{msg[: m.start()]}line {m.group(1)}, column {column}"
    if "amplification" in msg or ("entity" in msg.lower() and "loop" in msg.lower()):
        return UnsafeInputError(f"XML entity expansion refused: {msg}", source=source, line=line)
    depth = _EXCESSIVE_DEPTH.search(msg)
    if depth:
        return LimitExceeded(
            f"XML nested deeper than {depth.group(1)} elements", source=source, line=line
        )
    if _BAD_ENCODING.search(msg):
        # libxml2 releases word this differently ("Input is not proper UTF-8" before 2.13)
        return ParseError(
            "XML syntax error: Invalid bytes in character encoding (the document is not in the "
            "encoding it declares, or UTF-8 when it declares none)",
            source=source,
            line=line,
        )
    return ParseError(f"XML syntax error: {msg}", source=source, line=line)


_BAD_ENCODING = re.compile(r"not proper UTF-8|Invalid bytes in character encoding", re.IGNORECASE)


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
    restart_after: Iterable[str] | None = None,
) -> Iterator[tuple[str, Any]]:
    """Incrementally parse a stream safely, yielding ``(event, element)``.

    ``limits`` (a :class:`biblioconv.registry.Limits`) gives the maximum depth
    (``max_xml_depth``) and text or attribute length (``max_field_chars``); ``max_depth`` and
    ``max_text`` override them. With ``record_tags`` (tag filters of the elements that hold one
    record each), the text and attribute values inside one record may total at most
    ``max_record_bytes`` characters. Exceeding a limit raises
    :class:`~biblioconv.errors.LimitExceeded`. Callers clear what they have consumed
    (``elem.clear()`` and deleting previous siblings).

    Without ``record_tags`` and with a depth limit of at least libxml2's own, libxml2 filters
    the events by ``tags`` and bounds the depth, and text lengths are checked per stretch of
    input rather than per element: the same errors are raised, at the latest before the next
    element is handed out.

    ``restart_after`` names elements (tag filters, among ``tags`` when ``tags`` is given) that
    a reader handles as a whole and releases: after the end of one of them, once enough input
    has been read, the rest of the document goes to a fresh parser, so libxml2's per-parser
    tables (its namespace table grows with each declaration read) stay bounded on inputs of any
    length. Events, line numbers and errors are the same as with one parser.
    """
    depth_limit, text_limit = _limits(limits, max_depth, max_text)
    tag_list = list(tags) if tags else []
    if record_tags is None and depth_limit >= _LIBXML_DEPTH and set(events) <= {"start", "end"}:
        wanted = None if not tag_list or "*" in tag_list else tag_list
        return _filtered(stream, source, wanted, tuple(events), text_limit, restart_after)
    record_limit = int(getattr(limits, "max_record_bytes", None) or _DEFAULT_MAX_RECORD)
    return _every_event(
        stream, source, tag_list, tuple(events), depth_limit, text_limit, record_tags, record_limit
    )


def _every_event(
    stream: IO[bytes],
    source: str,
    tags: list[str],
    events: tuple[str, ...],
    depth_limit: int,
    text_limit: int,
    record_tags: Iterable[str] | None,
    record_limit: int,
) -> Iterator[tuple[str, Any]]:
    """:func:`iterparse` checking every element as it starts and ends."""
    is_record = _tag_matcher(record_tags)
    record_depth = 0  # depth of the record element being read, 0 outside records
    record_size = 0
    head, stream = peek_head(stream)
    check_head(head, source)
    wanted = tuple(events) + (("start",) if "start" not in events else ())
    match = _tag_matcher(tags)
    depth = 0
    try:
        for event, elem in _pulled(stream, wanted):
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


def _pulled(stream: IO[bytes], events: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """The events of a pull parser fed ``stream`` chunk by chunk.

    The events libxml2 completed before a syntax error are handed out before the error is
    raised, whatever libxml2 version (``etree.iterparse`` drops those of the chunk holding the
    error with libxml2 2.14 and newer).
    """
    parser = _pull_parser(events, None)
    while True:
        chunk = stream.read(_CHUNK)
        error: Exception | None = None
        try:
            if chunk:
                parser.feed(chunk)
            else:
                parser.close()
        except (etree.LxmlError, LookupError) as exc:
            error = exc
        yield from parser.read_events()
        if error is not None:
            raise error
        if not chunk:
            return


#: libxml2 refuses elements nested deeper than this while ``huge_tree`` is off.
_LIBXML_DEPTH = 256
_CHUNK = 32 * 1024
#: Declared encodings in which every ``<`` byte is a ``<`` character.
_ASCII_BASED = re.compile(
    r"(utf-?8|us-ascii|ascii|iso[-_]?8859[-_]\d+|latin-?\d|(windows|cp)-?125\d)", re.IGNORECASE
)
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*>)*", re.S)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _byte_bound_holds(head: bytes) -> bool:
    """Whether, in this document's encoding, each ``<`` byte is a ``<`` character (UTF-8 and
    the single-byte ASCII-based encodings), so stretches of bytes between them bound text."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    elif head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head[:4]:
        return False
    m = _DECLARED.match(head)
    return m is None or _ASCII_BASED.fullmatch(m.group(1).decode("ascii")) is not None


def _long_stretch(data: bytes, run: int, limit: int, before: bytes) -> tuple[bool, int]:
    """Scan one chunk of input: whether it may hold a text or attribute value of more than
    ``limit`` characters, and the bytes since its last ``<`` (``run`` is that of the chunks
    before, ``before`` their last bytes).

    A text or attribute value is a stretch of bytes without ``<`` (attribute values cannot hold
    one; text ends at the next markup), and has no more characters than bytes, unless comments
    (whose removal joins the text around them) or CDATA sections (which may hold ``<``) are
    present: those make the chunk suspect as well.
    """
    window = before + data
    if b"<!--" in window or b"<![" in window:
        return True, 0
    first = data.find(b"<")
    if first < 0:
        run += len(data)
        return run > limit, run
    if run + first > limit:
        return True, 0
    if len(data) > limit and max(map(len, data.split(b"<"))) > limit:
        return True, 0
    return False, len(data) - data.rfind(b"<") - 1


def _check_after(anchor: Any, stop: Any, root: Any, limit: int, source: str) -> None:
    """Check the text and attributes of every element ending after ``anchor`` (``None``: from
    the start), up to and including ``stop`` (``None``: to the end), in the order they end."""
    if anchor is not None and anchor.getparent() is None and anchor is not root:
        anchor = None  # taken out of the tree by the caller: start again from the root
    if anchor is None:
        for _event, elem in etree.iterwalk(root, events=("end",)):
            if isinstance(elem.tag, str):
                _check_text(elem, limit, source)
            if elem is stop:
                return
        return
    node = anchor
    while node is not stop:
        following = node.getnext()
        if following is not None and not isinstance(following.tag, str):
            node = following  # a processing instruction: no text or attributes to check
        elif following is not None:
            for _event, elem in etree.iterwalk(following, events=("end",)):
                if isinstance(elem.tag, str):
                    _check_text(elem, limit, source)
                if elem is stop:
                    return
            node = following
        else:
            node = node.getparent()
            if node is None:
                return
            if isinstance(node.tag, str):
                _check_text(node, limit, source)


#: Bytes one libxml2 parser reads before :func:`iterparse` hands the rest of the document to a
#: fresh one (at the end of a ``restart_after`` element), so that the tables libxml2 keeps per
#: parser (its namespace table grows with the declarations read) stay bounded however long the
#: input.
RESTART_BYTES = 16 * 1024 * 1024
#: The first restart comes sooner, so that prefixes are bound early (see :data:`UNBOUND_NS`).
FIRST_RESTART_BYTES = 256 * 1024
#: A fresh parser binds the namespace prefixes that records declared to ``UNBOUND_NS + prefix``
#: on its outermost element: libxml2 2.12 and later leak a few dozen bytes each time an element
#: declares a prefix that is not bound in scope, and never for one that is. Records declare their
#: own prefixes, so they see their own namespaces; an element or attribute that uses such a
#: prefix undeclared is reported as libxml2 reports it (at the end of the document). Namespace
#: names starting with it are reserved: a document declaring one is refused the same way.
UNBOUND_NS = "urn:biblioconv:xmlsafe:unbound:"
_UNBOUND_TAG = "{" + UNBOUND_NS
_NEWLINES = b"\n" * _CHUNK
_DOCTYPE_BYTES = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_UTF8_NAMES = (b"utf-8", b"utf8", b"us-ascii", b"ascii")


def _restartable(head: bytes) -> bool:
    """Whether a fresh parser can take over mid-document: UTF-8 (or ASCII) without a
    document type, so the rest of the input needs only its open elements before it."""
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    if body[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in body[:4]:
        return False
    if body.lstrip().startswith(b"<?xml") and b"?>" not in body:
        return False  # a declaration longer than the head: its encoding is unknown
    m = _DECLARED.match(body)
    if m is not None and m.group(1).lower() not in _UTF8_NAMES:
        return False
    return _DOCTYPE_BYTES.search(head) is None


def _end_tag_pattern(tags: Iterable[str]) -> re.Pattern[bytes]:
    """End tags (any prefix) whose local name is one of ``tags``' local names."""
    names = sorted({re.escape(t.rpartition("}")[2]) for t in tags})
    alternatives = "|".join(names).encode()
    return re.compile(rb"</(?:[^\s<>/:]+:)?(?:" + alternatives + rb")\s*>")


def _priming(ancestors: list[Any], lines: int, unbound: Iterable[str] = ()) -> Iterator[bytes]:
    """What a fresh parser reads before the rest of a document: the start tags of
    ``ancestors`` (outermost first; namespaces and attributes, not their text) each on its
    original line, and ``lines`` line breaks in all, so line numbers stay those of the file.
    Line breaks before the root are blank prolog; inside an element they are comments, which
    the parser drops. Readers skip the processing instruction at the end, as they skip any.
    The outermost element also binds each of the ``unbound`` prefixes (see
    :data:`UNBOUND_NS`)."""
    marks = [f"BIBLIOCONV-RESTART-{i}" for i in range(len(ancestors))]
    root: Any = None
    cur: Any = None
    for anc, mark in zip(ancestors, marks, strict=True):
        attrib = dict(anc.attrib)
        if cur is None:
            nsmap = dict(anc.nsmap)
            for prefix in unbound:
                nsmap.setdefault(prefix, UNBOUND_NS + prefix)
            root = cur = etree.Element(anc.tag, attrib=attrib, nsmap=nsmap)
        else:
            cur = etree.SubElement(cur, anc.tag, attrib=attrib, nsmap=anc.nsmap)
        cur.text = mark
    text: bytes = etree.tostring(root, encoding="utf-8")
    line = 1
    for i, (anc, mark) in enumerate(zip(ancestors, marks, strict=True)):
        tag, _, text = text.partition(mark.encode())
        target = min(max(anc.sourceline or line, line), lines + 1)
        yield from _line_breaks(target - line, inside=i > 0)
        line = target
        yield tag.replace(b"\n", b"&#10;").replace(b"\r", b"&#13;")
    yield from _line_breaks(lines + 1 - line, inside=True)
    # what follows the element the last parser ended on is that element's tail, not text of
    # its parent: it becomes the tail of an instruction that stands for the element
    yield b"<?biblioconv-restart?>"


def _line_breaks(count: int, *, inside: bool) -> Iterator[bytes]:
    """``count`` line breaks: blank (in the prolog) or in comments (inside an element)."""
    while count > 0:
        n = min(count, _CHUNK)
        yield b"<!--" + _NEWLINES[:n] + b"-->" if inside else _NEWLINES[:n]
        count -= n


def _undeclared(elem: Any) -> str | None:
    """libxml2's message for a prefix an element uses without declaring it, if it does
    (only prefixes bound to :data:`UNBOUND_NS` are looked for)."""
    tag = elem.tag
    local = tag.rpartition("}")[2]
    for key in elem.attrib:  # libxml2 resolves the attributes' prefixes first
        if key.startswith(_UNBOUND_TAG):
            uri, _, name = key[1:].partition("}")
            prefix = uri[len(UNBOUND_NS) :]
            return f"Namespace prefix {prefix} for {name} on {local} is not defined"
    if tag.startswith(_UNBOUND_TAG):
        return f"Namespace prefix {elem.prefix} on {local} is not defined"
    return None


@lru_cache(maxsize=64)
def _first_unbound(prefixes: tuple[str, ...]) -> etree.XPath:
    """An XPath for the first element (in document order) in a prefix of ``prefixes`` bound to
    :data:`UNBOUND_NS`, or the first such attribute (name tests: far faster than comparing
    every node's namespace)."""
    names = {f"u{i}": UNBOUND_NS + prefix for i, prefix in enumerate(prefixes)}
    tests = [f"//{n}:*" for n in names] + [f"//@{n}:*" for n in names]
    return etree.XPath(f"({' | '.join(tests)})[1]", namespaces=names)


def _first_undeclared(root: Any, prefixes: Iterable[str]) -> Any:
    """The first element in ``root``'s tree that uses one of ``prefixes`` undeclared, if any."""
    found: Any = _first_unbound(tuple(sorted(prefixes)))(root)
    if not found:
        return None
    hit = found[0]
    return hit if isinstance(getattr(hit, "tag", None), str) else hit.getparent()


def _declared_inside(elem: Any) -> set[str]:
    """The namespace prefixes declared on ``elem`` or inside it."""
    parent = elem.getparent()
    outer = set(parent.nsmap) if parent is not None else set()
    return {
        prefix
        for el in elem.iter()
        if isinstance(el.tag, str)
        for prefix in el.nsmap
        if prefix and prefix not in outer
    }


_CONTINUATION = bytes(range(0x80, 0xC0))


def _column(data: bytes, end: int, column: int) -> int:
    """Characters on the current line after ``data[:end]`` (UTF-8), ``column`` before it."""
    nl = data.rfind(b"\n", 0, end)
    if nl >= 0:
        column = 0
    piece = data[nl + 1 : end]
    return column + len(piece.translate(None, _CONTINUATION))


def _pull_parser(events: tuple[str, ...], tags: list[str] | None) -> Any:
    return etree.XMLPullParser(
        events=events,  # type: ignore[arg-type]
        tag=tags,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )


def _filtered(
    stream: IO[bytes],
    source: str,
    tags: list[str] | None,
    events: tuple[str, ...],
    text_limit: int,
    restart_after: Iterable[str] | None = None,
) -> Iterator[tuple[str, Any]]:
    """:func:`iterparse` where libxml2 filters the events (``tags``) and bounds the depth.

    Text and attribute lengths are proved within the limit from the input bytes (see
    :func:`_long_stretch`); from the first chunk where that fails, every element is checked,
    in document order, before the next element is handed out and at the end.

    With ``restart_after``, every :data:`RESTART_BYTES` or so, at the end of an element with
    one of those tags (which must be among ``tags``), the rest of a UTF-8 document goes to a
    fresh parser that is first given as many line breaks as were read (so line numbers stay
    those of the file) and the start tags of the element's ancestors. The events handed out
    are the same as those of one parser.
    """
    head = stream.read(_HEAD)
    while len(head) < _HEAD:
        more = stream.read(_HEAD - len(head))
        if not more:
            break
        head += more
    check_head(head, source)
    parser: Any = _pull_parser(events, tags)
    exact = not _byte_bound_holds(head)
    is_restart = _tag_matcher(restart_after) if restart_after else None
    ends = (
        _end_tag_pattern(restart_after or ())
        if is_restart is not None and _restartable(head)
        else None
    )
    fed = 0  # bytes given to the current parser
    restarted = False
    # prefixes records declared, bound on the current parser's outermost element
    unbound: set[str] = set()
    pending: ParseError | None = None  # an undeclared prefix, reported when the document ends
    # with start events for every element, each is looked at as it starts
    every_start = tags is None and "start" in events
    lines = 0  # line breaks read, when restarts are possible
    # the prolog's comments join no text: the scan starts at the root element
    start = _PROLOG.match(head)
    run, before = 0, b""
    anchor: Any = None  # the last element that ended and was handed out
    root: Any = None
    done: Any = None

    def feed(piece: bytes | None) -> list[tuple[str, Any]]:
        """Give ``piece`` to the parser (``None``: the end); the events it completes."""
        nonlocal done
        error: Exception | None = None
        try:
            if piece is not None:
                parser.feed(piece)
            else:
                done = parser.close()
        except (etree.LxmlError, LookupError) as exc:
            error = exc  # raised once the events parsed before it are handed out
        got = list(parser.read_events())
        if error is not None:
            got.append(("error", error))
        return got

    def note(elem: Any) -> None:
        """Keep the first element (in document order) that uses a prefix undeclared."""
        nonlocal pending
        message = _undeclared(elem) if pending is None and elem is not None else None
        if message is not None:
            line = elem.sourceline
            pending = ParseError(
                f"XML syntax error: {message}, line {line}", source=source, line=line
            )

    def hand_out(got: list[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
        nonlocal root, anchor
        if got and unbound and not every_start and pending is None:
            # Once per parse that completes events, before any is handed out: the tree then
            # holds all that was read since readers last released elements (they release only
            # what was handed out), so nothing is missed, and no element is looked at more
            # often than events are handed out while it is in the tree.
            top = root
            if top is None:
                top = next((e.getroottree().getroot() for ev, e in got if ev != "error"), None)
            if top is not None:
                note(_first_undeclared(top, unbound))
        for event, elem in got:
            if event == "error":
                if pending is not None:  # libxml2 names the first error it met
                    raise pending
                raise _syntax_error(elem, source, shift) from None
            if root is None:
                root = elem.getroottree().getroot()
                _check_doctype(root, source)
            if event == "end":
                if exact:
                    _check_after(anchor, elem, root, text_limit, source)
                anchor = elem
            elif unbound and every_start and pending is None:
                note(elem)
            yield event, elem

    shift = (0, 0)  # (line, columns) the current parser runs ahead of the file on that line
    column = 0  # characters on the line being read, before the current chunk
    data = head
    while True:
        if data and not exact:
            exact, run = _long_stretch(data[start.end() if start else 0 :], run, text_limit, before)
            before, start = data[-3:], None
        if ends is not None and data:
            lines += data.count(b"\n")
        threshold = RESTART_BYTES if restarted else min(RESTART_BYTES, FIRST_RESTART_BYTES)
        if ends is None or is_restart is None or not data or fed + len(data) < threshold:
            fed += len(data)
            column = _column(data, len(data), column) if ends is not None else 0
            yield from hand_out(feed(data if data else None))
            if not data:
                break
            data = stream.read(_CHUNK)
            continue
        # Past the threshold: look for the end of a restart element in this chunk.
        pos = 0
        ancestors: list[Any] = []
        declared: set[str] = set()
        for m in ends.finditer(data):
            yield from hand_out(feed(data[pos : m.start()]))
            got = feed(data[m.start() : m.end()])
            pos = m.end()
            if (
                len(got) == 1
                and got[0][0] == "end"
                and is_restart(got[0][1].tag)
                # an error the parser reports only at the end (an undeclared namespace prefix)
                # must not be left behind with it
                and not parser.feed_error_log.filter_from_errors()
            ):
                ancestors = list(got[0][1].iterancestors())
                # not inside another restart element, which would be split, nor inside one
                # whose text (complete by now) the last parser is yet to refuse at its end
                if any(is_restart(a.tag) or not _fits(a, text_limit) for a in ancestors):
                    ancestors = []
                else:
                    declared = _declared_inside(got[0][1])
            yield from hand_out(got)
            if ancestors:
                break
        if not ancestors:
            fed += len(data)
            column = _column(data, len(data), column)
            yield from hand_out(feed(data[pos:]))
            data = stream.read(_CHUNK)
            continue
        # ``elem`` ended exactly where the bytes fed so far end: a fresh parser takes the rest.
        rest = data[pos:]
        parser, fed, root, anchor = _pull_parser(events, tags), 0, None, None
        restarted = True
        unbound |= declared
        before_rest = lines - rest.count(b"\n")
        primed = 0
        for piece in _priming(ancestors[::-1], before_rest, sorted(unbound)):
            primed = _column(piece, len(piece), primed)
            parser.feed(piece)
        shift = (before_rest + 1, primed - _column(data, pos, column))
        column = _column(data, len(data), column)
        list(parser.read_events())  # the start events of the ancestors were handed out
        # ``rest`` was scanned and its lines counted with its chunk
        fed += len(rest)
        yield from hand_out(feed(rest))
        data = stream.read(_CHUNK)
    if root is None and done is not None:
        root = done
        _check_doctype(root, source)
    if root is not None and unbound and not every_start and pending is None:
        note(_first_undeclared(root, unbound))
    if pending is not None:  # where libxml2 raises what it found undeclared: at the end
        raise pending
    if exact and root is not None:
        _check_after(anchor, None, root, text_limit, source)


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


# -- writing: text XML cannot hold ------------------------------------------------------------

#: Characters XML 1.0 cannot hold, even escaped: C0 controls but tab, newline and carriage
#: return, and the non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: The same in a record's JSON (controls escaped; \\b and \\f may also be an escaped backslash
#: before a letter, which only costs the exact check).
_NOT_XML_JSON = re.compile(rb"\\u00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F])|\\[bf]|\xef\xbf[\xbe\xbf]")


def _strip_text(value: Any, path: str, changed: list[str]) -> Any:
    if isinstance(value, str):
        if _NOT_XML.search(value):
            changed.append(path)
            return _NOT_XML.sub("", value)
        return value
    if isinstance(value, dict):
        return {
            k: _strip_text(v, f"{path}.{k}" if path else str(k), changed) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_strip_text(v, f"{path}[{i}]", changed) for i, v in enumerate(value)]
    return value


def xml_writable(records: Iterable[Any], ctx: Any) -> Iterator[Any]:
    """The records of an XML writer with the characters XML cannot hold (NUL and other control
    characters a text format let through) removed, each removal reported (``VALUE_COERCED``,
    naming the record path). A record that has none passes unchanged, after one check of its
    JSON form."""
    from biblioconv.report import Code

    for record in records:
        data = record.__pydantic_serializer__.to_json(record, exclude_none=True)
        if _NOT_XML_JSON.search(data) is None:
            yield record
            continue
        changed: list[str] = []
        cleaned = _strip_text(record.model_dump(exclude_none=True), "", changed)
        if not changed:
            yield record
            continue
        rep = ctx.reporter(record.label)
        for path in changed:
            rep.add(
                Code.VALUE_COERCED,
                f"control characters XML cannot hold removed from {path}",
                path,
            )
        yield type(record).model_validate(cleaned)
