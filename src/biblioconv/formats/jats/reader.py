"""JATS reader: an article's front matter and each reference of its ref-lists, or a ref-list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv import xmlsafe
from biblioconv.errors import LimitExceeded, ParseError
from biblioconv.formats.jats.mapping import citation_fields, front_fields, to_record
from biblioconv.formats.jats.markup import plain
from biblioconv.model import Record
from biblioconv.registry import ReadContext

__all__ = ["read"]

_CITATIONS = ("element-citation", "mixed-citation", "citation", "nlm-citation")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read a JATS document: the article (its front matter) first, then, unless the option
    ``references`` is off, each ``ref`` of its reference lists as a record of its own; a
    document whose root is a ``ref-list`` (as the writer makes) gives its references."""
    limit = ctx.limits.max_record_bytes * 10
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise LimitExceeded(f"JATS document larger than {limit:,} bytes", source=ctx.source)
    if not data.strip():
        raise ParseError("empty input: not a JATS document", source=ctx.source)
    root = xmlsafe.fromstring(data, source=ctx.source, limits=ctx.limits)
    tag = _local(root.tag)
    articles = [root] if tag == "article" else [a for a in root.iter("article")]
    if tag not in ("article", "ref-list") and not articles:
        raise ParseError(
            f"not a JATS document: the root element is <{tag}>, not <article> or <ref-list>",
            source=ctx.source,
            line=root.sourceline,
        )
    refs_too = bool(getattr(ctx.options, "references", True))
    for n, article in enumerate(articles, 1):
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
            reason = (
                exc.errors()[0]["msg"] if isinstance(exc, PydanticValidationError) else str(exc)
            )
            rep.skip(reason, what="unreadable front matter")
    if not refs_too and articles:
        return
    for ref in root.iter("ref"):  # refs are in ref-lists (back matter, sub-articles)
        yield from _ref(ref, ctx)


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
        text = next((plain(c) for c in cits if _local(c.tag) == "mixed-citation"), None)
        if text and "mixed-citation" not in fields:
            fields["mixed-citation"] = text
        if not fields:
            rep.skip("an empty citation")
            return
        yield to_record(fields, native, record_id=ref.get("id"), reporter=rep, fmt=ctx.format)
    except (PydanticValidationError, ValueError, TypeError) as exc:
        reason = exc.errors()[0]["msg"] if isinstance(exc, PydanticValidationError) else str(exc)
        rep.skip(reason, what="unreadable citation")
