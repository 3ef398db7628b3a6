"""JATS reader: an article's front matter and each reference of its ref-lists, or a ref-list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv import xmlsafe
from biblioconv.errors import ParseError
from biblioconv.formats.jats.mapping import citation_fields, front_fields, mixed_text, to_record
from biblioconv.model import Record
from biblioconv.registry import ReadContext
from biblioconv.xmlsafe import local_name as _local

__all__ = ["read"]

_CITATIONS = ("element-citation", "mixed-citation", "citation", "nlm-citation")


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read a JATS document: each article's front matter first, then, unless the option
    ``references`` is off, each ``ref`` of its reference lists as a record of its own; a
    document whose root is a ``ref-list`` (as the writer makes) gives its references. The
    document is parsed incrementally: each front matter and each ref is released once read, so
    a ref-list of any length is read in constant memory."""
    head = b""
    while not head.strip(b" \t\r\n\xef\xbb\xbf"):  # skip to the first byte of content
        chunk = stream.read(65536)
        if not chunk:
            raise ParseError("empty input: not a JATS document", source=ctx.source)
        head += chunk
    whole = xmlsafe.rejoin(head, stream)
    refs_too = bool(getattr(ctx.options, "references", True))
    root_tag: str | None = None
    articles = 0
    for event, elem in xmlsafe.iterparse(
        whole,
        source=ctx.source,
        tags=["article", "ref-list", "front", "ref"],
        events=("start", "end"),
        limits=ctx.limits,
    ):
        tag = _local(elem.tag)
        root_tag = root_tag or tag
        if event == "start":
            if tag == "article":
                articles += 1
            continue
        parent = elem.getparent()
        if tag == "front" and parent is not None and _local(parent.tag) == "article":
            yield from _front(parent, articles, ctx)
            elem.clear()
        elif tag == "ref" and refs_too:
            yield from _ref(elem, ctx)
            _release(elem)
        elif tag == "ref":
            _release(elem)
    if root_tag is None:
        raise ParseError(
            "not a JATS document: no <article> or <ref-list> element", source=ctx.source
        )


def _release(elem: Any) -> None:
    """Free a read element and what came before it in its parent.

    Not :func:`xmlsafe.release`, which also frees what came before each ancestor: a ref may be
    read before its article's front ends (Publishing 1.3 allows ``front/notes/ref-list``, and
    ``notes`` comes after ``article-meta``), and freeing the ancestors' earlier children there
    would take the journal and article metadata the front's record is then made from. The clear
    is the same (tail dropped), and so is the freeing within the parent; it frees less than
    xmlsafe.release (an article's body and the earlier articles of a set are kept), while a
    ref-list of any length is still read in constant memory.
    """
    elem.clear()
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def _front(article: Any, n: int, ctx: ReadContext) -> Iterator[Record]:
    label = article.get("id") or f"article {n}"
    rep = ctx.reporter(label, article.sourceline)
    try:
        fields, extras = front_fields(article, rep.add)
        if fields or extras:
            yield to_record(
                fields,
                article.get("article-type"),
                extras=extras,
                record_id=article.get("id"),
                reporter=rep,
                fmt=ctx.format,
            )
    except (PydanticValidationError, ValueError, TypeError) as exc:
        rep.skip_error(exc, what="unreadable front matter")


def _ref(ref: Any, ctx: ReadContext) -> Iterator[Record]:
    label = ref.get("id") or f"ref at line {ref.sourceline}"
    rep = ctx.reporter(label, ref.sourceline)
    cits = [c for c in ref.iter() if _local(c.tag) in _CITATIONS]
    cit = next((c for c in cits if _local(c.tag) != "mixed-citation"), cits[0] if cits else None)
    if cit is None:
        rep.skip("a ref without element-citation, mixed-citation or citation")
        return
    native = cit.get("publication-type") or cit.get("citation-type")
    try:
        fields = citation_fields(cit)
        text = next((mixed_text(c) for c in cits if _local(c.tag) == "mixed-citation"), None)
        if text and "mixed-citation" not in fields:
            fields["mixed-citation"] = text
        if not fields:
            rep.skip("an empty citation")
            return
        yield to_record(fields, native, record_id=ref.get("id"), reporter=rep, fmt=ctx.format)
    except (PydanticValidationError, ValueError, TypeError) as exc:
        rep.skip_error(exc, what="unreadable citation")
