"""schema.org JSON-LD reader: documents, arrays (streamed), ``@graph`` and HTML landing pages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv import xmlsafe
from biblioconv.errors import LimitExceeded, ParseError
from biblioconv.formats.schemaorg.crosswalk import CROSSWALK, HELPER_TYPES
from biblioconv.formats.schemaorg.jsonld import Context, Document, context_of, node_types
from biblioconv.formats.schemaorg.mapping import node_to_record
from biblioconv.formats.schemaorg.sniff import sniff
from biblioconv.formats.schemaorg.values import ORGANIZATION_TYPES
from biblioconv.jsonstream import check_value, duplicate_reporter, iter_json
from biblioconv.model import Record
from biblioconv.registry import ReadContext

__all__ = ["html_blocks", "read", "sniff", "work_nodes"]

_PAGES = frozenset({"WebPage", "WebSite", "ItemPage", "AboutPage", "CollectionPage"})
_NOT_WORKS = frozenset({"PublicationIssue", "PublicationVolume"})
_NEVER = HELPER_TYPES | set(ORGANIZATION_TYPES - {"Project"})
_EMPTY = "empty input: not a schema.org JSON-LD document"


def html_blocks(data: bytes, source: str) -> list[str]:
    """The text of every ``<script type="application/ld+json">`` of an HTML page (parsed with
    lxml's HTML parser, no network, no entities)."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"unreadable HTML: {exc}", source=source) from None
    out = []
    for script in root.iter("script"):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind == "application/ld+json":
            out.append(script.text or "")
    return out


def _is_work(node: dict[str, Any]) -> bool:
    return any(CROSSWALK.type_to_hub(t) and t not in _NEVER for t in node_types(node))


def work_nodes(doc: Document) -> list[dict[str, Any]]:
    """The nodes of a document that are records: CreativeWorks (a type the crosswalk maps) that
    no other such node holds as its ``isPartOf``; a page (WebPage...) only when it describes no
    work (else its ``mainEntity``)."""
    nodes: list[dict[str, Any]] = []
    for n in doc.nodes:
        if not isinstance(n, dict):
            continue
        types = set(node_types(n))
        main = n.get("mainEntity")
        if types & _PAGES and isinstance(doc.resolve(main), dict):
            nodes.append(doc.resolve(main))
        nodes.append(n)
    works = [n for n in nodes if _is_work(n) and not set(node_types(n)) <= _NOT_WORKS]
    works = [n for i, n in enumerate(works) if all(n is not m for m in works[:i])]
    parts: set[int] = set()
    for n in works:
        for v in (
            n.get("isPartOf", []) if isinstance(n.get("isPartOf"), list) else [n.get("isPartOf")]
        ):
            for target in doc.chain(v):
                parts.add(id(target))
    works = [n for n in works if id(n) not in parts]
    if any(not set(node_types(n)) & _PAGES for n in works):
        works = [n for n in works if not set(node_types(n)) & _PAGES]
    if not works:  # issues and volumes alone: read as what they are
        works = [n for n in nodes if _is_work(n)]
    return works


def _label(node: dict[str, Any], index: int) -> str:
    for key in ("@id", "name", "headline"):
        v = node.get(key)
        if isinstance(v, str) and v.strip() and not v.startswith("_:"):
            return v.strip()[:80]
    return f"#{index}"


def _records(
    value: Any,
    ctx: ReadContext,
    line: int,
    counter: list[int],
    inherited: Context | None,
    in_html: bool = False,
) -> Iterator[Record]:
    if in_html:  # iter_json checks the values it reads; a script's JSON is checked here
        check_value(
            value,
            max_nesting=ctx.limits.max_nesting,
            max_chars=ctx.limits.max_field_chars,
            source=ctx.source,
            line=line,
        )
    if not isinstance(value, (dict, list)):
        counter[0] += 1
        kind = type(value).__name__.replace("NoneType", "null")
        ctx.reporter(f"#{counter[0]}", line).skip(f"a JSON {kind}, not a JSON-LD node")
        return
    context = context_of(value) or inherited
    if context is None:
        raise ParseError(
            "not schema.org JSON-LD: no @context naming https://schema.org",
            source=ctx.source,
            line=line,
        )
    try:
        doc = Document(value, context)
    except ValueError as exc:
        raise LimitExceeded(str(exc), source=ctx.source, line=line) from None
    works = work_nodes(doc)
    if not works and not in_html:
        counter[0] += 1
        seen = sorted({t for n in doc.nodes if isinstance(n, dict) for t in node_types(n)})
        what = f"types: {', '.join(seen[:5])}" if seen else "no @type"
        ctx.reporter(f"#{counter[0]}", line).skip(f"no CreativeWork in the JSON-LD ({what})")
    for node in works:
        counter[0] += 1
        label = _label(node, counter[0])
        try:
            yield node_to_record(
                node,
                doc,
                report=ctx.report,
                source=ctx.source,
                line=line,
                fmt=ctx.format,
                label=label,
            )
        except (PydanticValidationError, ValueError, TypeError) as exc:
            ctx.reporter(label, line).skip_error(exc, what="unreadable work")


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read schema.org JSON-LD: one document (with ``@graph`` or not), an array of documents
    (streamed, one at a time), JSON Lines, or an HTML page's JSON-LD blocks."""
    head = stream.read(4096)
    rest = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    html = bool(getattr(ctx.options, "html", True))
    counter = [0]
    if rest[:1] == b"<":
        if not html:
            raise ParseError("HTML input, and HTML extraction is off", source=ctx.source)
        limit = ctx.limits.max_record_bytes * 10
        data = head + stream.read(limit + 1 - len(head))
        if len(data) > limit:
            raise LimitExceeded(f"HTML page larger than {limit:,} bytes", source=ctx.source)
        blocks = html_blocks(data, ctx.source)
        found = False
        for n, block in enumerate(blocks, 1):
            try:
                value = json.loads(block)
            except json.JSONDecodeError as exc:
                ctx.reporter(f"script {n}").skip(f"invalid JSON in script {n}: {exc.msg}")
                continue
            except RecursionError:
                raise LimitExceeded("JSON nested too deeply", source=ctx.source) from None
            if context_of(value) is None:
                continue
            found = True
            yield from _records(value, ctx, 0, counter, None, in_html=True)
        if not found:
            raise ParseError(
                "HTML page without a schema.org JSON-LD block "
                '(<script type="application/ld+json">)',
                source=ctx.source,
            )
        return
    joined = xmlsafe.rejoin(head, stream)
    inherited: Context | None = None
    for line, value, _in_array in iter_json(
        joined,
        source=ctx.source,
        limits=ctx.limits,
        on_duplicate=duplicate_reporter(ctx),
        empty=_EMPTY,
    ):
        inherited = context_of(value) or inherited
        yield from _records(value, ctx, line, counter, inherited)
