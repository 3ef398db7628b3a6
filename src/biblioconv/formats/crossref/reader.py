"""Crossref XML reader: deposits (``doi_batch``, schema 4.x-5.x) and query output (``crossref``
records of unixref 1.1, alone, in ``doi_records`` or in a unixsd ``crossref_result``), one work
at a time.

The input is parsed incrementally: each top-level work element (``journal``, ``book``,
``conference``, ``dissertation``, ``posted_content``...) is mapped as soon as it ends, then
released with everything before it, so query output of any length reads in constant memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv import xmlsafe
from biblioconv.errors import ParseError
from biblioconv.formats.crossref.elements import local, text_of, work_fields
from biblioconv.formats.crossref.table import RULE_TABLE
from biblioconv.formats.crossref.types import hub_type
from biblioconv.model import Record
from biblioconv.registry import ReadContext
from biblioconv.report import Code
from biblioconv.rules import RuleContext

__all__ = ["HOLDERS", "fields_to_record", "read", "works"]

#: The children of ``body`` (deposit) or ``crossref`` (query output): one or more works each.
HOLDERS = (
    "journal",
    "book",
    "conference",
    "sa_component",
    "dissertation",
    "report-paper",
    "standard",
    "database",
    "peer_review",
    "pending_publication",
    "posted_content",
)
_TAGS = [f"{{*}}{name}" for name in (*HOLDERS, "error")]
_METADATA = (
    "journal_issue",
    "journal_metadata",
    "book_metadata",
    "book_series_metadata",
    "book_set_metadata",
    "proceedings_metadata",
    "proceedings_series_metadata",
    "report-paper_metadata",
    "report-paper_series_metadata",
    "standard_metadata",
    "database_metadata",
)
_CHILD_WORKS = frozenset({"journal_article", "content_item", "conference_paper", "dataset"})
_STANDALONE = frozenset({"dissertation", "posted_content", "peer_review", "pending_publication"})


def works(holder: Any) -> Iterator[tuple[Any, Any]]:
    """The works of a holder element, each with the element whose metadata describes its
    container (None for standalone works): the articles, chapters, papers or datasets, or the
    holder's own metadata when it has none (a journal issue, a book, proceedings)."""
    name = local(holder.tag)
    if name in _STANDALONE:
        yield holder, None
        return
    if name == "sa_component":
        for child in holder.iter("{*}component"):
            yield child, holder
        return
    children = [c for c in holder if local(c.tag) in _CHILD_WORKS]
    if children:
        for child in children:
            yield child, holder
        return
    metadata = {local(c.tag): c for c in holder if local(c.tag) in _METADATA}
    for key in _METADATA:  # the issue before the journal: the most specific work
        if key in metadata:
            yield metadata[key], holder
            return


def _prepare(fields: dict[str, Any]) -> None:
    """Native fields the rules read under another name: a work without a date of its own has
    its issue's (or book's, proceedings') date; a report number is the work's number; the
    electronic ISSN is a key of its own for writing."""
    own = (
        "publication_date",
        "posted_date",
        "approval_date",
        "review_date",
        "database_date/publication_date",
    )
    if not any(k in fields for k in own):
        for key in ("issue/publication_date", "container/publication_date"):
            if key in fields:
                fields["publication_date"] = fields.pop(key)
                break
    ids = fields.get("identifier")
    if ids:
        numbers = [i for i in ids if i["id_type"] == "report-number"]
        if numbers:
            fields["identifier/report-number"] = numbers[0]["value"]
            if len(numbers) > 1:
                fields.setdefault("xml:identifier/report-number", [n["value"] for n in numbers[1:]])
            rest = [i for i in ids if i["id_type"] != "report-number"]
            if rest:
                fields["identifier"] = rest
            else:
                del fields["identifier"]
    if str(fields.get("type", "")).startswith(("dataset", "component")) and fields.get(
        "container/titles/title"
    ) == fields.get("titles/title"):
        del fields["container/titles/title"]  # a database named as its only dataset
    for key in ("issue/volume", "issue/issue"):
        if key in fields and key.split("/")[1] in fields:
            del fields[key]


#: Native fields whose values are kept in the extras as they are (same-format trips).
_KEPT = (
    "crossmark",
    "archive_locations",
    "container/archive_locations",
    "group_title",
    "contract_number",
    "running_number",
    "competing_interest_statement",
    "container/proceedings_subject",
    "container/coden",
    "series/series_number",
)


#: Parts of a container or of the work that the rules do not carry, kept as given.
_KEPT_PREFIXES = ("issue/", "series/", "event/")


#: Fields that _kept_as_given may keep (besides those of _KEPT_PREFIXES).
_MAYBE_KEPT = frozenset(
    {"institution", "publisher", "container/publisher", "degree", "item_number", "pages", "format"}
)


def _kept_as_given(key: str, value: Any) -> bool:
    """Whether a native field is kept in the extras as given besides what the rules read."""
    if not value:
        return False
    if key.startswith(_KEPT_PREFIXES) and key not in (
        "issue/publication_date",
        "issue/volume",
        "issue/issue",
        "series/titles/title",
        "series/issn",
        "series/series_number",
    ):
        return True
    if key == "institution":
        return len(value) > 1 or any(
            set(inst) - {"name", "place", "ids"}
            or len(inst.get("name", [])) > 1
            or len(inst.get("place", [])) > 1
            for inst in value
        )
    if key in ("publisher", "container/publisher", "degree"):
        return len(value) > 1
    if key == "item_number":
        return len(value) > 1 or any(v.get("type") not in (None, "article_number") for v in value)
    if key == "pages":
        return "other_pages" in value and "first_page" in value
    if key == "format":
        return bool(value.get("text"))
    return False


def _extras(fields: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """What the rules leave out, kept for a same-format trip: attributes, verbatim XML, the
    details of contributors (acronyms, ORCID authentication), licences, citations' keys."""
    ex: dict[str, Any] = {}
    given = []  # kept as given besides what the rules read: after the details below
    for key, value in fields.items():
        if key in _KEPT or (key.startswith(("xml:", "@")) and key != "@parent_doi"):
            ex[key] = value
        elif key in _MAYBE_KEPT or key.startswith(_KEPT_PREFIXES):
            given.append(key)
    people = fields.get("contributors") or []
    anonymous = [c for c in people if c["element"] == "anonymous"]
    if anonymous:
        ex["anonymous"] = anonymous
    details = {}
    for i, c in enumerate(p for p in people if p["element"] != "anonymous"):
        d = {k: c[k] for k in ("name-style", "authenticated", "xml") if k in c}
        if c.get("sequence") and c["sequence"] != ("first" if i == 0 else "additional"):
            d["sequence"] = c["sequence"]
        insts = [
            {k: v for k, v in inst.items() if k in ("acronym", "place", "department")}
            for inst in c.get("affiliations", [])
        ]
        if any(insts):
            d["institutions"] = insts
        if d:
            details[str(i)] = d
    if details:
        ex["contributor_details"] = details
    licences = [v for v in fields.get("ai:license_ref", []) if len(v) > 1]
    if licences:
        ex["license_refs"] = licences
    free = fields.get("ai:free_to_read")
    if isinstance(free, dict):
        ex["free_to_read"] = free
    keys = [c.get("key") for c in fields.get("citation_list", [])]
    if any(keys) and keys != [f"ref{n}" for n in range(1, len(keys) + 1)]:
        ex["citation_keys"] = keys
    structured = [
        c
        for c in fields.get("citation_list", [])
        if set(c) - {"key", "doi", "unstructured_citation"}
    ]
    if structured:
        ex["citations_structured"] = structured
    event = fields.get("event_metadata")
    if event:
        rest = {
            k: v
            for k, v in event.items()
            if k not in ("conference_name", "conference_location", "conference_date")
        }
        if rest:
            ex["event_metadata"] = rest
    for key in given:
        if _kept_as_given(key, fields[key]):
            ex[key] = fields[key]
    book_type = fields.get("container/book_type")
    editors = any(
        c.get("contributor_role") == "editor" for c in fields.get("container/contributors", [])
    )
    if book_type and book_type != ("edited_book" if editors else "other"):
        ex["container/book_type"] = book_type
    for key in ("noisbn", "container/noisbn"):
        if fields.get(key) not in (None, "monograph"):
            ex[key] = fields[key]
    if "institution" in fields and ("publisher" in fields or "container/publisher" in fields):
        ex["institution"] = fields["institution"]
    return ex


def fields_to_record(fields: dict[str, Any], rep: Any, fmt: str) -> Record:
    """Map the native fields of one work to a record by the rules."""
    _prepare(fields)
    native = fields.get("type", "")
    data: dict[str, Any] = {"type": hub_type(native), "native_types": {fmt: native}}
    ctx = RuleContext(native_type=native, fields=fields, reporter=rep)
    RULE_TABLE.read(fields, data, ctx)
    if "contributors" in data or "container/contributors" in fields:
        data["contributors"] = data.get("contributors", [])
    ex = _extras(fields, data)
    if ex:
        data["extras"] = {fmt: ex}
    return Record.model_validate(data)


def _flag_invalid(record: Record, rep: Any) -> None:
    """Flag the identifiers kept as given that fail their checks."""
    container = record.container
    if not (
        any(x.valid is False for x in record.identifiers)
        or (container is not None and any(x.valid is False for x in container.identifiers))
        or any(x.valid is False for c in record.contributors for x in c.identifiers)
    ):
        return
    found = [(f"identifiers[{i}]", x) for i, x in enumerate(record.identifiers)]
    if container is not None:
        found += [(f"container.identifiers[{i}]", x) for i, x in enumerate(container.identifiers)]
    for i, c in enumerate(record.contributors):
        found += [(f"contributors[{i}].identifiers[{k}]", x) for k, x in enumerate(c.identifiers)]
    for path, ident in found:
        if ident.valid is False:
            rep.add(
                Code.INVALID_VALUE,
                f"{ident.scheme} {ident.value!r} fails its check; kept as given",
                path,
            )


def _query_extras(holder: Any) -> dict[str, Any]:
    """The crm-items and DOI type of a unixsd query around a record."""
    node = holder.getparent()
    while node is not None and local(node.tag) != "query":
        node = node.getparent()
    if node is None:
        return {}
    out: dict[str, Any] = {}
    for child in node:
        name = local(child.tag)
        if name == "crm-item" and child.get("name"):
            out[f"crm-item:{child.get('name')}"] = text_of(child)
        elif name == "doi" and child.get("type"):
            out["query/doi@type"] = child.get("type")
    return out


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read Crossref XML records (see the module docstring); an empty input is a ParseError."""
    head, stream = xmlsafe.checked_head(stream, ctx.source)
    _check_root(head, ctx)
    index = 0
    for _event, elem in xmlsafe.iterparse(
        stream, source=ctx.source, tags=_TAGS, limits=ctx.limits, restart_after=_TAGS[:-1]
    ):
        name = local(elem.tag)
        if name == "error":
            raise ParseError(
                f"Crossref query error: {text_of(elem) or 'no message'}",
                source=ctx.source,
                line=elem.sourceline,
            )
        parent = elem.getparent()
        if parent is None or local(parent.tag) not in ("body", "crossref"):
            continue  # a holder's name used inside a work (a citation's journal...)
        query = _query_extras(elem)
        for work, container in works(elem):
            index += 1
            line = work.sourceline
            fields = work_fields(work, container)
            doi = fields.get("doi")
            rep = ctx.reporter(f"doi:{doi.lower()}" if doi else f"#{index}", line)
            for key in fields:
                if key.startswith("xml:"):
                    rep.add(
                        Code.UNKNOWN_FIELD,
                        f"element {key[4:]!r} kept as given in extras",
                        key[4:],
                        severity="info",
                    )
            try:
                record = fields_to_record(fields, rep, ctx.format)
            except (PydanticValidationError, ValueError, TypeError) as exc:
                rep.skip_error(exc, what="unreadable record")
                continue
            if query:
                record.extra(ctx.format).update(query)
            _flag_invalid(record, rep)
            yield record
        xmlsafe.release(elem)


_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_PROLOG = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)", re.S)
_ROOTS = ("doi_batch", "crossref", "doi_records", "crossref_result")


def _check_root(head: bytes, ctx: ReadContext) -> None:
    """Refuse a document whose root is no Crossref root (when the first bytes show it)."""
    text = head.lstrip(b"\xef\xbb\xbf")
    pos = 0
    while True:
        m = _PROLOG.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    m = _ROOT.match(text, len(text[pos:]) and pos + (len(text[pos:]) - len(text[pos:].lstrip())))
    if m is None:
        return  # not well-formed here: the parser says where
    name = m.group(1).decode("ascii", "replace").rpartition(":")[2]
    if name not in _ROOTS:
        line = text[: m.start()].count(b"\n") + 1
        raise ParseError(
            f"not Crossref XML: root element {name!r} ({', '.join(_ROOTS)} expected)",
            source=ctx.source,
            line=line,
        )
