"""Crossref deposit writer: one ``doi_batch`` (schema 5.3.1) holding every record.

Each record is mapped by the rule table (what it carries exactly or approximately is known from
the rules) and built into the work element of its type (see :mod:`.writing`); what the record
holds that the deposit cannot is reported by record path, a record that lacks what the schema
requires (a DOI, a landing page, a title, a publication date, a journal title...) is refused with
one line naming it. A deposit holds one kind of content (journal, book, conference...): a record
of another kind than the first is refused too, with the hint to write it separately.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import IO, Any

from lxml import etree

from biblioconv.crosswalk import foreign_extras
from biblioconv.errors import WriteError
from biblioconv.formats.crossref import writing as W
from biblioconv.formats.crossref.table import CROSSWALK, RULE_TABLE, RULES, WriteState
from biblioconv.formats.crossref.types import STRUCTURES, hub_type, structure
from biblioconv.model import Record
from biblioconv.registry import WriteContext
from biblioconv.report import Code, Diagnostic, RecordReporter
from biblioconv.rules import RuleContext, select, uncarried
from biblioconv.xmlsafe import xml_writable

#: The list element a carried path is in: ``titles[3].text`` -> (titles, 3).
_ELEMENT = re.compile(r"([a-z_.]+)\[(-?\d+)\]")

__all__ = ["build", "write"]

_FMT = "crossref"
#: The body child each structure is written as.
_HOLDER = {
    "journal": "journal",
    "book": "book",
    "chapter": "book",
    "conference": "conference",
    "dissertation": "dissertation",
    "report": "report-paper",
    "dataset": "database",
    "posted": "posted_content",
    "peer_review": "peer_review",
}
_HOMES = {r.source: r.home for r in RULES if r.from_hub is not None}
_SKIP = ("extras", "native_types")


def _home(key: str) -> str:
    return _HOMES.get(key, key)


class _Out:
    """Reports of one record, by record path (kept for the read-back check)."""

    def __init__(self, rep: RecordReporter) -> None:
        self.rep = rep
        self.named: set[str] = set()
        self.said: list[Diagnostic] = []

    def add(self, code: Code, path: str, message: str) -> None:
        if path not in self.named:
            self.named.add(path)
            self.said.append(self.rep.add(code, message, path))

    def dropped(self, path: str, message: str) -> None:
        self.add(Code.FIELD_DROPPED, path, message)

    def coerced(self, path: str, message: str) -> None:
        self.add(Code.VALUE_COERCED, path, message)


def _native_type(record: Record) -> tuple[str, str]:
    own = record.native_types.get(_FMT)
    if own in STRUCTURES and hub_type(own) == record.type:
        return own, STRUCTURES[own]
    return structure(record.type)


def _restore(native: dict[str, Any], ex: dict[str, Any], used: set[str]) -> None:
    """Put back what a Crossref reading kept in the extras, where the native fields match."""
    details = ex.get("contributor_details")
    if isinstance(details, dict):
        used.add("contributor_details")
        for c in native.get("contributors", []):
            idx = c.get("@path", "")[len("contributors[") : -1]
            if idx in details:
                c["@details"] = details[idx]
    refs = ex.get("license_refs")
    if isinstance(refs, list) and native.get("ai:license_ref"):
        used.add("license_refs")
        pool = list(refs)
        for lic in native["ai:license_ref"]:
            match = next(
                (r for r in pool if isinstance(r, dict) and r.get("uri") == lic["uri"]), None
            )
            if match is not None:
                pool.remove(match)
                lic.update(match)
    if isinstance(ex.get("free_to_read"), dict) and native.get("ai:free_to_read"):
        used.add("free_to_read")
        native["ai:free_to_read"] = ex["free_to_read"]
    cits = native.get("citation_list")
    keys = ex.get("citation_keys")
    if cits and isinstance(keys, list) and len(keys) == len(cits):
        used.add("citation_keys")
        for cit, key in zip(cits, keys, strict=True):
            if isinstance(key, str) and key:
                cit["key"] = key
    structured = ex.get("citations_structured")
    if cits and isinstance(structured, list):
        used.add("citations_structured")
        by_key = {s.get("key"): s for s in structured if isinstance(s, dict)}
        for cit in cits:
            s = by_key.get(cit["key"])
            if s is not None and str(s.get("doi", "")).lower() == str(cit.get("doi", "")).lower():
                text = cit.pop("unstructured_citation", None)
                cit.update({k: v for k, v in s.items() if k != "key"})
                if text and "unstructured_citation" in s:
                    cit["unstructured_citation"] = text
    event = ex.get("event_metadata")
    if isinstance(event, dict) and native.get("event_metadata") is not None:
        used.add("event_metadata")
        native["event_metadata"] = {**event, **native["event_metadata"]}
    for key in ("item_number", "pages", "format"):
        if key in ex and key in native:
            used.add(key)
            native[key] = ex[key]


def build(
    record: Record, native_type: str, shape: str, ctx: WriteContext, out: _Out
) -> tuple[Any, list[str]]:
    """The work element of a record, and what the schema requires that it lacks."""
    st = WriteState(record)
    rctx = RuleContext(
        hub_type=record.type, native_type=native_type, record=record, reporter=out.rep, options=st
    )
    native, carried = RULE_TABLE.write(record, rctx)
    ex = dict(record.extras.get(_FMT, {}))
    used: set[str] = set()
    _restore(native, ex, used)
    opts = ctx.options
    resource = getattr(opts, "resource", None)
    templated = False
    if "doi" in native and "resource" not in native and resource:
        templated = True
        native["resource"] = resource.replace("{doi}", native["doi"])
        out.coerced("identifiers(scheme=url)", "landing page made from the resource template")
    # the own date of a work written with its container's, when the container has none
    b = W.Builder(
        native,
        lambda key, msg: out.dropped(_home(key), msg),
        lambda path, msg: out.coerced(path, msg),
    )
    b.kind = native_type
    if shape != "chapter":
        for c in native.get("contributors", []):
            if c["@role"] == "container-author":
                out.coerced(
                    c["@path"],
                    "the author of the book is written as an author of "
                    "the work (only chapters have a book)",
                )
    elem = _SHAPES[shape](b, record, native_type, ex, used)
    # attributes kept from a Crossref reading
    for key, value in ex.items():
        if key.startswith("@") and isinstance(value, str) and elem is not None:
            target = _item(elem)
            if target is not None and key[1:] in _ITEM_ATTRS:
                target.set(key[1:], value)
                used.add(key)
    _report(record, native, carried, st, b, ex, used, out, ctx)
    unwritten = {
        path for key in native if key not in b.used for path, _, _ in select(record, _home(key))
    } | b.dropped
    _order(record, carried, native_type, out, unwritten, templated=templated)
    return elem, b.missing


#: How Crossref orders what it holds of each list (the reader's order).
_ORDER_NOTE = {
    "identifiers": "the DOI, the landing page, ISBNs, then publisher identifiers",
    "container.identifiers": "ISSNs, ISBNs, the DOI, the URL",
    "contributors": "the work's people, then the book's or proceedings' editors",
    "dates": "publication, acceptance, creation, update dates",
    "relations": "references, then other relations",
    "titles": "title, subtitle, original-language title",
}


def _order(
    record: Record,
    carried: Any,
    native_type: str,
    out: _Out,
    unwritten: set[str],
    *,
    templated: bool = False,
) -> None:
    """Report list elements that read back at another position than they have: Crossref keeps
    each kind in its place in the schema's order, and what is not written (``unwritten``: the
    paths of fields the work type has no place for) moves the rest up."""
    ranks: dict[str, list[int]] = {}
    seen: set[str] = set()
    elements = [e for e in carried.elements if e not in unwritten]
    if templated:  # the landing page made from the DOI reads back after the DOI
        doi = next((e for e in elements if e.startswith("identifiers[")), None)
        at = elements.index(doi) + 1 if doi is not None else 0
        elements.insert(at, "identifiers[-1]")
    if native_type.startswith("content_item"):
        # the book's people (editors, its authors) are read after the work's own people
        people = [e for e in elements if e.startswith("contributors[")]
        editors = [
            e
            for e in people
            if record.contributors[_index(e)].role in ("editor", "container-author")
        ]
        rest = [e for e in elements if e not in people]
        elements = [e for e in people if e not in editors] + editors + rest
    for element in elements:
        m = _ELEMENT.match(element)
        if m is None or m.group(0) in seen:
            continue
        seen.add(m.group(0))
        ranks.setdefault(m.group(1), []).append(int(m.group(2)))
    for name, order in ranks.items():
        if order == list(range(len(order))):
            continue
        length = len(getattr(record, name, None) or [])
        for position, index in enumerate(order):
            if position >= length and index >= 0:  # a place the record's list does not have
                out.coerced(
                    f"{name}[{position}]",
                    f"{name}[{index}] reads back as {name}[{position}], after the landing "
                    "page made from the DOI",
                )
            if position != index and index >= 0:
                out.coerced(
                    f"{name}[{index}]",
                    f"{name}[{index}] reads back as {name}[{position}] (Crossref order: "
                    f"{_ORDER_NOTE.get(name, 'the schema order')}; elements before it not "
                    "written)",
                )


def _index(element: str) -> int:
    return int(element[element.index("[") + 1 : element.index("]")])


_ITEM_ATTRS = (
    "publication_type",
    "reference_distribution_opts",
    "stage",
    "recommendation",
    "revision-round",
    "level_sequence_number",
)
_ITEM_TAGS = (
    "journal_article",
    "content_item",
    "conference_paper",
    "dataset",
    "dissertation",
    "posted_content",
    "peer_review",
    "report-paper_metadata",
    "book_metadata",
    "proceedings_metadata",
    "journal_issue",
    "journal_metadata",
)


def _item(holder: Any) -> Any:
    for tag in _ITEM_TAGS:
        if etree.QName(holder).localname == tag:
            return holder
    for tag in _ITEM_TAGS[:4]:
        found = holder.find(W._q(tag))
        if found is not None:
            return found
    for tag in _ITEM_TAGS[4:]:
        found = holder.find(W._q(tag))
        if found is not None:
            return found
    return None


def _report(
    record: Record,
    native: dict[str, Any],
    carried: Any,
    st: WriteState,
    b: W.Builder,
    ex: dict[str, Any],
    used: set[str],
    out: _Out,
    ctx: WriteContext,
) -> None:
    for key in native:
        if key not in b.used:
            out.dropped(
                _home(key), f"Crossref {_what(key)} has no place in a {b.kind}; not written"
            )
    if hub_type(b.kind) == record.type:
        carried.mark(["type"])
    else:
        carried.mark(["type"], approx=b.kind)
        out.named.add("type")
        out.rep.add(
            Code.TYPE_APPROXIMATED, f"type {record.type!r} written as Crossref {b.kind}", "type"
        )
    for path, why in st.approx.items():
        out.coerced(path, why)
    for path, source in sorted(carried.approx.items()):
        out.coerced(path, f"written approximately as Crossref {source}")
    for path in uncarried(record, carried, skip=_SKIP):
        reason = CROSSWALK.reason(record, path)
        out.dropped(
            path, f"no Crossref deposit element for {path}" + (f" ({reason})" if reason else "")
        )
    for key in ex:
        if key not in used and key not in _WRITTEN_EXTRAS:
            out.dropped(
                f"extras.{_FMT}.{key}", f"{key!r} (kept from a Crossref reading) is not written"
            )
    for other, names in foreign_extras(record, (_FMT,)).items():
        out.dropped(f"extras.{other}", f"{other}-only fields not written: {', '.join(names)}")


def _what(key: str) -> str:
    return key.replace("/", " ")


#: Extras keys the shapes write themselves (they mark them used).
_WRITTEN_EXTRAS: frozenset[str] = frozenset()


# -- the shapes ------------------------------------------------------------------------------


def _sub(parent: Any, name: str, **attrs: str) -> Any:
    elem = etree.SubElement(parent, W._q(name))
    for k, v in attrs.items():
        elem.set(k.replace("_", "-") if k == "revision_round" else k, v)
    return elem


def _people(
    native: dict[str, Any], roles: tuple[str, ...] | None = None, invert: bool = False
) -> list[dict[str, Any]]:
    people = native.get("contributors") or []
    if roles is None:
        return people
    return [c for c in people if (c["contributor_role"] in roles) != invert]


def _use_kept(b: W.Builder, ex: dict[str, Any], used: set[str], key: str) -> Any:
    if key in ex:
        used.add(key)
        return ex[key]
    return None


def _kept_archive(b: W.Builder, parent: Any, ex: dict[str, Any], used: set[str]) -> None:
    """The archive locations a Crossref record read had (kept in the extras), written back."""
    names = _use_kept(b, ex, used, "archive_locations")
    if names:
        b.native["archive_locations"] = names
        b.archive(parent, "archive_locations")


def _close(b: W.Builder, parent: Any, ex: dict[str, Any], used: set[str]) -> None:
    """What ends a work's metadata: crossmark or the funding, licence and relations programs,
    archive locations, doi_data, the citation list."""
    b.programs(parent, _use_kept(b, ex, used, "crossmark"))
    _kept_archive(b, parent, ex, used)
    b.doi_data(parent)
    b.citations(parent)


def _lang(elem: Any, b: W.Builder) -> None:
    lang = b.get("language")
    if lang:
        elem.set("language", lang)


def _item_body(
    b: W.Builder,
    item: Any,
    ex: dict[str, Any],
    used: set[str],
    *,
    dates: str | None = "publication_date",
    dates_required: bool = True,
    pages: bool = True,
    crossmark: bool = True,
    citations: bool = True,
    archive: bool = True,
    abstracts: bool = True,
) -> None:
    """Abstract, dates, pages, publisher item, programs, archive, doi_data and citations of a
    journal article, chapter, conference paper (the common tail of the work elements)."""
    if abstracts:
        b.abstracts(item)
    if dates:
        b.dates(item, dates, "publication_date", required=dates_required)
    acc = b.get("acceptance_date")
    if acc:
        b.date(item, "acceptance_date", acc[0])
    if pages:
        b.pages(item)
    b.publisher_item(item)
    b.programs(item, _use_kept(b, ex, used, "crossmark") if crossmark else None)
    if archive:
        _kept_archive(b, item, ex, used)
    b.doi_data(item)
    if citations:
        b.citations(item)


def _journal(
    b: W.Builder, record: Record, native_type: str, ex: dict[str, Any], used: set[str]
) -> Any:
    holder = etree.Element(W._q("journal"), nsmap=W.NSMAP)
    meta = _sub(holder, "journal_metadata")
    if native_type == "journal_metadata":
        title = b.get("titles/title")
    else:
        title = b.get("container/titles/title")
    if not b.require(
        "a journal title (full_title)", bool(title) and W.fits("full_title", title or "")
    ):
        return holder
    W.set_rich(_sub(meta, "full_title"), title or "")
    abbrev = b.get("container/abbrev_title")
    if abbrev:
        b.text(meta, "abbrev_title", abbrev, "container/abbrev_title")
    b.issns(meta, "container/issn")
    coden = _use_kept(b, ex, used, "container/coden")
    if isinstance(coden, str) and 0 < len(coden) <= 6:
        _sub(meta, "coden").text = coden
    kept = _use_kept(b, ex, used, "container/archive_locations")
    if kept:
        b.native["container/archive_locations"] = kept
        b.archive(meta, "container/archive_locations")
    if native_type == "journal_metadata":
        b.doi_data(meta)
        return holder
    b.doi_data(meta, "container/", required=False)
    volume, issue = b.get("volume"), b.get("issue")
    issue_date = b.get("issue/publication_date")
    if native_type == "journal_issue" or volume or issue or issue_date:
        ji = _sub(holder, "journal_issue")
        if native_type == "journal_issue":
            b.contributors(ji, _people(b.native), _use_kept(b, ex, used, "anonymous"))
            b.titles(ji, required=False)
        if issue_date:
            b.dates(ji, "publication_date", "issue/publication_date", required=True)
        else:
            b.dates(ji, "publication_date", "publication_date", required=True)
        if volume and W.fits("volume", volume):
            jv = _sub(ji, "journal_volume")
            _sub(jv, "volume").text = volume
        elif volume:
            b.text(ji, "volume", volume, "volume")
        if issue:
            b.text(ji, "issue", issue, "issue")
        if native_type == "journal_issue":
            _kept_archive(b, ji, ex, used)
            b.doi_data(ji)
            return holder
        kept_doi = ex.get("issue/doi")
        kept_url = ex.get("issue/resource")
        if kept_doi and kept_url:
            used.update(("issue/doi", "issue/resource"))
            dd = _sub(ji, "doi_data")
            _sub(dd, "doi").text = kept_doi
            _sub(dd, "resource").text = kept_url
    art = _sub(holder, "journal_article")
    _lang(art, b)
    b.titles(art)
    b.contributors(art, _people(b.native), _use_kept(b, ex, used, "anonymous"))
    _item_body(b, art, ex, used)
    return holder


def _book_metadata(
    b: W.Builder,
    parent: Any,
    prefix: str,
    people: list[dict[str, Any]],
    ex: dict[str, Any],
    used: set[str],
    own: bool,
) -> Any:
    meta = _sub(parent, "book_metadata")
    if own:
        _lang(meta, b)
    b.contributors(meta, people, _use_kept(b, ex, used, "anonymous") if own else None)
    if own:
        b.titles(meta)
    else:
        title = b.get("container/titles/title")
        if b.require("a book title", bool(title)):
            t = _sub(_sub(meta, "titles"), "title")
            W.set_rich(t, title or "")
            sub = b.get("container/titles/subtitle")
            if sub:
                W.set_rich(_sub(t.getparent(), "subtitle"), sub)
    if own:
        b.abstracts(meta)
    b.text(meta, "edition_number", b.get("edition_number"), "edition_number")
    if own or not b.native.get("issue/publication_date"):
        b.dates(meta, "publication_date", "publication_date", required=True)
    else:
        b.dates(meta, "publication_date", "issue/publication_date", required=True)
    if own:
        acc = b.get("acceptance_date")
        if acc:
            b.date(meta, "acceptance_date", acc[0])
    noisbn = _use_kept(b, ex, used, "noisbn" if own else "container/noisbn")
    b.isbns(meta, "isbn" if own else "container/isbn", noisbn or "monograph")
    b.publishers(meta, "publisher", required=True)
    if own:
        b.publisher_item(meta)
        _close(b, meta, ex, used)
    else:
        b.doi_data(meta, "container/", required=False)
    return meta


def _book(
    b: W.Builder, record: Record, native_type: str, ex: dict[str, Any], used: set[str]
) -> Any:
    holder = etree.Element(W._q("book"), nsmap=W.NSMAP)
    holder.set("book_type", native_type.partition(":")[2] or "monograph")
    _book_metadata(b, holder, "", _people(b.native), ex, used, own=True)
    return holder


def _chapter(
    b: W.Builder, record: Record, native_type: str, ex: dict[str, Any], used: set[str]
) -> Any:
    holder = etree.Element(W._q("book"), nsmap=W.NSMAP)
    editors = [c for c in _people(b.native) if c["@role"] in ("editor", "container-author")]
    kept = _use_kept(b, ex, used, "container/book_type")
    holder.set(
        "book_type", kept if isinstance(kept, str) else ("edited_book" if editors else "other")
    )
    _book_metadata(b, holder, "container/", editors, ex, used, own=False)
    item = _sub(holder, "content_item")
    item.set("component_type", native_type.partition(":")[2] or "chapter")
    _lang(item, b)
    b.contributors(
        item,
        [c for c in _people(b.native) if c["@role"] not in ("editor", "container-author")],
        _use_kept(b, ex, used, "anonymous"),
    )
    b.titles(item)
    b.abstracts(item)
    b.text(item, "component_number", b.get("component_number"), "component_number")
    if b.native.get("issue/publication_date"):
        b.dates(item, "publication_date", "publication_date", required=False)
    _item_body(b, item, ex, used, dates=None, abstracts=False)
    return holder


def _conference(
    b: W.Builder, record: Record, native_type: str, ex: dict[str, Any], used: set[str]
) -> Any:
    holder = etree.Element(W._q("conference"), nsmap=W.NSMAP)
    own = native_type == "proceedings_metadata"
    event = b.get("event_metadata") or {}
    proc_title = b.get("titles/title" if own else "container/titles/title")
    name = event.get("conference_name") or proc_title
    ev = _sub(holder, "event_metadata")
    if name and not event.get("conference_name"):
        b.report_added(
            "event.title",
            "the proceedings title is written as the conference name (the schema requires one)",
        )
    if b.require(
        "a conference name (event title or proceedings title)",
        bool(name) and W.fits("conference_name", name or ""),
    ):
        _sub(ev, "conference_name").text = name
    for key in ("conference_theme", "conference_acronym"):
        if event.get(key):
            _sub(ev, key).text = event[key]
    for sponsor in event.get("conference_sponsor", []):
        _sub(ev, "conference_sponsor").text = sponsor
    if event.get("conference_number"):
        _sub(ev, "conference_number").text = event["conference_number"]
    if event.get("conference_location"):
        b.text(ev, "conference_location", event["conference_location"], "event_metadata")
    if event.get("conference_date"):
        cd = _sub(ev, "conference_date")
        for k, v in event["conference_date"].items():
            if k != "text":
                cd.set(k, v)
        if event["conference_date"].get("text"):
            cd.text = event["conference_date"]["text"]
    meta = _sub(holder, "proceedings_metadata")
    if own:
        _lang(meta, b)
    title = proc_title or event.get("conference_name")
    if b.require("a proceedings title", bool(title)):
        W.set_rich(_sub(meta, "proceedings_title"), title or "")
    subject = _use_kept(b, ex, used, "container/proceedings_subject")
    if subject:
        _sub(meta, "proceedings_subject").text = subject
    b.publishers(meta, "publisher", required=True)
    if own or not b.native.get("issue/publication_date"):
        b.dates(meta, "publication_date", "publication_date", required=True)
    else:
        b.dates(meta, "publication_date", "issue/publication_date", required=True)
    noisbn = _use_kept(b, ex, used, "noisbn" if own else "container/noisbn")
    b.isbns(meta, "isbn" if own else "container/isbn", noisbn or "monograph")
    if own:
        b.publisher_item(meta)
        b.doi_data(meta)
        return holder
    b.doi_data(meta, "container/", required=False)
    paper = _sub(holder, "conference_paper")
    _lang(paper, b)
    b.contributors(paper, _people(b.native), _use_kept(b, ex, used, "anonymous"))
    b.titles(paper)
    b.abstracts(paper)
    if b.native.get("issue/publication_date"):
        b.dates(paper, "publication_date", "publication_date", required=False)
    _item_body(b, paper, ex, used, dates=None, abstracts=False)
    return holder


def _institutions(
    b: W.Builder, parent: Any, ex: dict[str, Any], used: set[str], required: bool
) -> None:
    kept = _use_kept(b, ex, used, "institution")
    pubs = b.get("publisher") or []
    insts: list[dict[str, Any]] = []
    if isinstance(kept, list) and kept:
        insts = kept
    elif pubs:
        insts = [
            {
                **({"name": [p["name"]]} if p.get("name") else {}),
                **({"place": [p["place"]]} if p.get("place") else {}),
                **({"ids": p["ids"]} if p.get("ids") else {}),
            }
            for p in pubs
        ]
    for inst in insts[:5]:
        b.institution(parent, inst, "publisher")
    if required:
        b.require("the degree-granting institution (publisher)", bool(insts))


def _dissertation(
    b: W.Builder, record: Record, native_type: str, ex: dict[str, Any], used: set[str]
) -> Any:
    holder = etree.Element(W._q("dissertation"), nsmap=W.NSMAP)
    _lang(holder, b)
    people = _people(b.native)
    b.require("an author", bool(people))
    b.contributors(holder, people, _use_kept(b, ex, used, "anonymous"))
    b.titles(holder)
    b.abstracts(holder)
    b.dates(holder, "approval_date", "publication_date", required=True)
    _institutions(b, holder, ex, used, required=True)
    for degree in b.get("degree") or []:
        b.text(holder, "degree", degree, "degree")
    b.isbns(holder, "isbn", None)
    b.publisher_item(holder)
    _close(b, holder, ex, used)
    return holder


def _report_paper(
    b: W.Builder, record: Record, native_type: str, ex: dict[str, Any], used: set[str]
) -> Any:
    holder = etree.Element(W._q("report-paper"), nsmap=W.NSMAP)
    meta = _sub(holder, "report-paper_metadata")
    _lang(meta, b)
    b.contributors(meta, _people(b.native), _use_kept(b, ex, used, "anonymous"))
    b.titles(meta)
    b.text(meta, "edition_number", b.get("edition_number"), "edition_number")
    b.abstracts(meta)
    b.dates(meta, "publication_date", "publication_date", required=True)
    b.isbns(meta, "isbn", None)
    b.publishers(meta, "publisher", required=False)
    kept = _use_kept(b, ex, used, "institution")
    for inst in (kept if isinstance(kept, list) else [])[:5]:
        b.institution(meta, inst, "extras.crossref.institution")
    b.publisher_item(meta)
    contract = _use_kept(b, ex, used, "contract_number")
    if contract:
        _sub(meta, "contract_number").text = contract
    _close(b, meta, ex, used)
    return holder


def _dataset(
    b: W.Builder, record: Record, native_type: str, ex: dict[str, Any], used: set[str]
) -> Any:
    holder = etree.Element(W._q("database"), nsmap=W.NSMAP)
    meta = _sub(holder, "database_metadata")
    title = b.get("container/titles/title") or b.native.get("titles/title")
    if b.require("a title", bool(title)):
        W.set_rich(_sub(_sub(meta, "titles"), "title"), title or "")
    b.publishers(meta, "publisher", required=False)
    b.doi_data(meta, "container/", required=False)
    ds = _sub(holder, "dataset")
    ds.set("dataset_type", native_type.partition(":")[2] or "record")
    b.contributors(ds, _people(b.native), _use_kept(b, ex, used, "anonymous"))
    b.titles(ds)
    dates = {
        k: b.get(k)
        for k in ("database_date/creation_date", "publication_date", "database_date/update_date")
    }
    if any(dates.values()):
        dd = _sub(ds, "database_date")
        for key, name in (
            ("database_date/creation_date", "creation_date"),
            ("publication_date", "publication_date"),
            ("database_date/update_date", "update_date"),
        ):
            values = dates[key] or []
            if values:
                b.date(dd, name, values[0])
                if len(values) > 1:
                    b.report(key, f"one {name} only")
        if not len(dd):
            ds.remove(dd)
    b.publisher_item(ds)
    abstracts = b.get("jats:abstract") or []
    if abstracts:
        desc = _sub(ds, "description")
        desc.text = abstracts[0]["text"]
        if abstracts[0].get("lang"):
            desc.set("language", abstracts[0]["lang"])
        if len(abstracts) > 1:
            b.report("jats:abstract", "a dataset has one description")
    fmt = b.get("format")
    if fmt:
        f = _sub(ds, "format")
        f.set("mime_type", fmt["mime_type"])
        if fmt.get("text"):
            f.text = fmt["text"]
    _close(b, ds, ex, used)
    return holder


def _posted(
    b: W.Builder, record: Record, native_type: str, ex: dict[str, Any], used: set[str]
) -> Any:
    holder = etree.Element(W._q("posted_content"), nsmap=W.NSMAP)
    holder.set("type", native_type.partition(":")[2] or "other")
    _lang(holder, b)
    group = _use_kept(b, ex, used, "group_title")
    if group:
        _sub(holder, "group_title").text = group
    b.contributors(holder, _people(b.native), _use_kept(b, ex, used, "anonymous"))
    b.titles(holder)
    dates = b.get("publication_date") or []
    ok = bool(dates) and b.date(holder, "posted_date", dates[0]) is not None
    b.require("a posted date (the issued date, year 1400-2200)", ok)
    if len(dates) > 1:
        b.report("publication_date", "posted content has one date")
    acc = b.get("acceptance_date")
    if acc:
        b.date(holder, "acceptance_date", acc[0])
    _institutions(b, holder, ex, used, required=False)
    for item in (b.get("item_number") or [])[:3]:
        b.text(holder, "item_number", item["value"], "item_number")
    b.abstracts(holder)
    b.programs(holder, None)
    b.doi_data(holder)
    b.citations(holder)
    return holder


def _peer_review(
    b: W.Builder, record: Record, native_type: str, ex: dict[str, Any], used: set[str]
) -> Any:
    holder = etree.Element(W._q("peer_review"), nsmap=W.NSMAP)
    holder.set("type", native_type.partition(":")[2] or "referee-report")
    _lang(holder, b)
    b.contributors(holder, _people(b.native), _use_kept(b, ex, used, "anonymous"))
    b.titles(holder)
    dates = b.get("publication_date") or []
    full = [d for d in dates if d.get("day") and W.fits("year", d["year"])]
    if full:
        review = _sub(holder, "review_date")
        for part in ("month", "day", "year"):
            _sub(review, part).text = full[0][part]
        if full[0].get("media_type"):
            b.report("publication_date", "a review date has no media type")
    b.require("a review date (the issued date to the day, year 1400-2200)", bool(full))
    if len(dates) > 1:
        b.report("publication_date", "a review has one date")
    _institutions(b, holder, ex, used, required=False)
    for key in ("competing_interest_statement", "running_number"):
        value = _use_kept(b, ex, used, key)
        if value:
            _sub(holder, key).text = value
    b.programs(holder, None, fundref=False)
    b.require(
        "a relation to the reviewed work (relations)",
        holder.find(f"{{{W.REL}}}program") is not None,
    )
    b.doi_data(holder)
    return holder


_SHAPES: dict[str, Any] = {
    "journal": _journal,
    "book": _book,
    "chapter": _chapter,
    "conference": _conference,
    "dissertation": _dissertation,
    "report": _report_paper,
    "dataset": _dataset,
    "posted": _posted,
    "peer_review": _peer_review,
}


# -- the document --------------------------------------------------------------------------------


def _head(opts: Any) -> tuple[str, str]:
    now = _dt.datetime.now(_dt.timezone.utc)
    timestamp = (
        getattr(opts, "timestamp", None)
        or now.strftime("%Y%m%d%H%M%S") + f"{now.microsecond // 1000:03d}"
    )
    batch = getattr(opts, "doi_batch_id", None) or f"biblioconv-{timestamp}"
    return batch, timestamp


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write records as one Crossref deposit (schema 5.3.1); see the module docstring."""
    records = xml_writable(records, ctx)  # no control characters XML cannot hold
    opts = ctx.options
    pretty = bool(getattr(opts, "pretty", True))
    batch, timestamp = _head(opts)
    if not timestamp.isdigit():
        raise WriteError(
            f"timestamp {timestamp!r} is not digits (YYYYMMDDhhmmss...)", fmt=ctx.format
        )
    if not 4 <= len(batch) <= 100:
        raise WriteError(f"doi_batch_id {batch!r} must have 4 to 100 characters", fmt=ctx.format)
    kind: str | None = None
    with etree.xmlfile(stream, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(
            W._q("doi_batch"),
            nsmap=W.NSMAP,
            attrib={
                "version": "5.3.1",
                f"{{{W.XSI}}}schemaLocation": f"{W.CR} https://www.crossref.org/schemas/"
                "crossref5.3.1.xsd",
            },
        ):
            if pretty:
                xf.write("\n  ")
            head = etree.Element(W._q("head"), nsmap=W.NSMAP)
            etree.SubElement(head, W._q("doi_batch_id")).text = batch
            etree.SubElement(head, W._q("timestamp")).text = timestamp
            dep = etree.SubElement(head, W._q("depositor"))
            etree.SubElement(dep, W._q("depositor_name")).text = getattr(
                opts, "depositor_name", "biblioconv"
            )
            etree.SubElement(dep, W._q("email_address")).text = getattr(
                opts, "depositor_email", "depositor@example.org"
            )
            etree.SubElement(head, W._q("registrant")).text = getattr(
                opts, "registrant", "biblioconv"
            )
            _pretty(head, 1, pretty)
            xf.write(head)
            if pretty:
                xf.write("\n  ")
            with xf.element(W._q("body")):
                for record in records:
                    rep = ctx.reporter(record.label)
                    out = _Out(rep)
                    native_type, shape = _native_type(record)
                    holder = _HOLDER[shape]
                    if kind is not None and holder != kind:
                        _refuse(
                            rep,
                            ctx,
                            f"a Crossref deposit holds one kind of content: this "
                            f"{holder} cannot join the {kind} records before it (write it "
                            "to a deposit of its own)",
                        )
                        continue
                    elem, missing = build(record, native_type, shape, ctx, out)
                    if missing:
                        hint = (
                            " (the writer option resource makes landing pages from DOIs: "
                            "-O crossref.resource=https://host/{doi})"
                            if any("landing page" in m for m in missing)
                            else ""
                        )
                        for item in dict.fromkeys(missing):
                            rep.add(
                                Code.MISSING_REQUIRED,
                                f"missing for a Crossref deposit: {item}",
                                severity="error",
                            )
                        _refuse(
                            rep,
                            ctx,
                            "missing for a Crossref deposit: "
                            + "; ".join(dict.fromkeys(missing))
                            + hint,
                        )
                        continue
                    kind = holder
                    ctx.report.count("written")
                    _pretty(elem, 2, pretty)
                    if pretty:
                        xf.write("\n    ")
                    xf.write(elem)
                if pretty:
                    xf.write("\n  ")
            if pretty:
                xf.write("\n")
    if pretty:
        stream.write(b"\n")


def _refuse(rep: RecordReporter, ctx: WriteContext, reason: str) -> None:
    if ctx.strict:
        raise WriteError(reason, record=rep.record, fmt=ctx.format)
    rep.skip(reason)


#: Elements of mixed content (titles, abstract paragraphs): indenting must not add text to them.
_MIXED = (
    *(
        W._q(n)
        for n in (
            "title",
            "subtitle",
            "original_language_title",
            "full_title",
            "proceedings_title",
            "unstructured_citation",
        )
    ),
    f"{{{W.JATS}}}p",
)


def _pretty(elem: Any, level: int, pretty: bool) -> None:
    """Indent an element, leaving mixed content as it is (white space there is text)."""
    if not pretty:
        return
    kept: list[tuple[Any, str]] = []
    for mixed in elem.iter(*_MIXED):
        if mixed.text is None:
            kept.append((mixed, "text"))
        for inner in mixed.iterdescendants():
            if inner.text is None:
                kept.append((inner, "text"))
            if inner.tail is None:
                kept.append((inner, "tail"))
    etree.indent(elem, space="  ", level=level)
    for node, attr in kept:
        setattr(node, attr, None)
