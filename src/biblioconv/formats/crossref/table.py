"""The Crossref rule table: each native field of a work (as :mod:`.elements` reads it and
:mod:`.writing` writes it) and its home in the record, run both ways; the crosswalk (documentation
table, loss-matrix cells, type table) is built from the same rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from biblioconv.crosswalk import Crosswalk, FieldMap, TypeMap, distinct_rows
from biblioconv.formats.crossref import values as V
from biblioconv.formats.crossref.types import TYPES, UNMAPPED
from biblioconv.model import plain_text
from biblioconv.report import Code
from biblioconv.rules import Rule, RuleContext, RuleTable

__all__ = ["CROSSWALK", "RULES", "RULE_TABLE", "WriteState"]


@dataclass
class WriteState:
    """What the writing conversions tell the writer besides the values: paths carried only
    approximately (with why) and paths carried exactly outside the rules' own bookkeeping."""

    record: Any
    approx: dict[str, str] = field(default_factory=dict)
    exact: list[str] = field(default_factory=list)

    def index(self, items: list[Any], item: Any) -> int:
        return next(i for i, x in enumerate(items) if x is item)


def _st(ctx: RuleContext) -> WriteState:
    st: WriteState = ctx.options
    return st


# -- reading ---------------------------------------------------------------------------------


def _text(value: Any, ctx: RuleContext) -> Any:
    return value


def _title(value: Any, ctx: RuleContext) -> Any:
    return {"text": value}


def _lang_title(value: dict[str, Any], ctx: RuleContext) -> Any:
    return dict(value)


def _people(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    out = [V.contributor_to_hub(c) for c in values]
    return [c for c in out if c] or None


def _book_people(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    """The people of the book of a chapter: editors, and its authors as container authors."""
    out = []
    for c in values:
        hub = V.contributor_to_hub(c, default_role="editor")
        if hub is None:
            continue
        if hub["role"] == "author":
            hub["role"] = "container-author"
        out.append(hub)
    return out or None


def _date(value: dict[str, Any], date_type: str, name: str, ctx: RuleContext) -> Any:
    """A date element as a model date; its invalid parts reported (left out)."""
    problems: list[str] = []
    date = V.date_to_hub(value, date_type, problems)
    if problems and ctx.reporter is not None:
        kept = "" if date is None else f"; read as {_date_text(date)}"
        ctx.reporter.add(Code.INVALID_VALUE, f"{name}: {'; '.join(problems)}{kept}", name)
    return date


def _date_text(date: dict[str, Any]) -> str:
    start = date["start"]
    text = f"{start['year']:04d}"
    if "season" in start:
        return f"{text}-{20 + start['season']}"
    if "month" in start:
        text += f"-{start['month']:02d}"
    if "day" in start:
        text += f"-{start['day']:02d}"
    return text


def _dates(date_type: str, name: str) -> Any:
    def conv(values: Any, ctx: RuleContext) -> Any:
        items = values if isinstance(values, list) else [values]
        out = [d for d in (_date(v, date_type, name, ctx) for v in items) if d]
        return out or None

    return conv


def _container_date(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    """The container's date, unless it is the work's own (then it is only the work's)."""
    own = (ctx.fields or {}).get("publication_date")
    if own and values and values[0] == own[0]:
        return None
    name = "container/publication_date"
    dates = [d for d in (_date(v, "issued", name, ctx) for v in values) if d]
    if not dates:
        return None
    if own and V.date_to_hub(own[0], "issued") == dates[0]:
        return None
    first = dates[0]
    first.pop("type", None)
    return first


def _abstracts(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    return [{"type": "abstract", **v} for v in values]


def _description(value: dict[str, Any], ctx: RuleContext) -> Any:
    if not value.get("text"):
        return None
    out = {"type": "abstract", "text": value["text"]}
    if value.get("lang"):
        out["lang"] = value["lang"]
    return [out]


def _pages(value: dict[str, str], ctx: RuleContext) -> Any:
    out = {}
    if value.get("first_page"):
        out["first"] = value["first_page"]
    if value.get("last_page"):
        out["last"] = value["last_page"]
    if value.get("other_pages"):
        out["literal"] = value["other_pages"]
    return out or None


_MEDIA_ISSN = {"electronic": "eissn"}


def _issns(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    return [
        {"scheme": _MEDIA_ISSN.get(v.get("media_type") or "", "issn"), "value": v["value"]}
        for v in values
    ]


def _isbns(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    out = []
    for v in values:
        entry = {"scheme": "isbn", "value": v["value"]}
        if v.get("media_type"):
            entry["label"] = v["media_type"]
        out.append(entry)
    return out


def _doi(value: str, ctx: RuleContext) -> Any:
    return [{"scheme": "doi", "value": value}]


def _url(value: str, ctx: RuleContext) -> Any:
    return [{"scheme": "url", "value": value}]


_ID_TYPES = {"doi": "doi", "pmid": "pmid"}


def _publisher_ids(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    out = []
    for v in values:
        if v["id_type"] == "report-number":
            continue
        scheme = _ID_TYPES.get(v["id_type"], "other")
        entry: dict[str, Any] = {"scheme": scheme, "value": v["value"]}
        if scheme == "other":
            entry["label"] = v["id_type"]
        out.append(entry)
    return out or None


def _article_number(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    return next((v["value"] for v in values if v.get("type") in (None, "article_number")), None)


def _is_posted(ctx: RuleContext) -> bool:
    return (ctx.native_type or "").startswith("posted_content")


def _not_posted(ctx: RuleContext) -> bool:
    return not _is_posted(ctx)


def _publisher(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    return dict(values[0]) if values and values[0] else None


def _institution_publisher(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    fields = ctx.fields or {}
    if fields.get("publisher") or fields.get("container/publisher"):
        return None
    inst = values[0]
    out: dict[str, Any] = {}
    if inst.get("name"):
        out["name"] = inst["name"][0]
    if inst.get("place"):
        out["place"] = inst["place"][0]
    ids = []
    for ident in inst.get("ids", []):
        scheme = {"ror": "ror", "isni": "isni", "wikidata": "wikidata"}.get(
            ident["type"].lower(), "other"
        )
        ids.append({"scheme": scheme, "value": ident["value"]})
    if ids:
        out["identifiers"] = ids
    return out or None


def _citations(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    out = []
    for cit in values:
        rel: dict[str, Any] = {"type": "References"}
        for key, scheme in (("doi", "doi"), ("isbn", "isbn"), ("issn", "issn")):
            if cit.get(key):
                rel["identifier"] = {"scheme": scheme, "value": cit[key]}
                break
        text = cit.get("unstructured_citation") or _compose(cit)
        if text:
            rel["citation"] = text
        if "identifier" in rel or "citation" in rel:
            out.append(rel)
    return out or None


def _compose(cit: dict[str, Any]) -> str | None:
    """A structured citation as one line of text."""
    parts = []
    if cit.get("author"):
        parts.append(cit["author"] + (f" ({cit['cYear']})." if cit.get("cYear") else "."))
    elif cit.get("cYear"):
        parts.append(f"({cit['cYear']}).")
    for key in ("article_title", "volume_title", "journal_title", "series_title"):
        if cit.get(key):
            parts.append(cit[key] + ".")
    loc = cit.get("volume", "")
    if cit.get("issue"):
        loc += f"({cit['issue']})"
    if cit.get("first_page"):
        loc += (", " if loc else "") + cit["first_page"]
    if loc:
        parts.append(loc)
    return " ".join(parts) or None


def _funding(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    return [V.funding_to_hub(v) for v in values]


def _licences(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    return [{"uri": v["uri"]} for v in values]


def _free_to_read(value: Any, ctx: RuleContext) -> Any:
    return "info:eu-repo/semantics/openAccess"


def _relations(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
    return [V.relation_to_hub(v) for v in values]


def _parent(value: str, ctx: RuleContext) -> Any:
    return [{"type": "IsPartOf", "identifier": {"scheme": "doi", "value": value}}]


def _formats(value: dict[str, Any], ctx: RuleContext) -> Any:
    return [value["mime_type"]] if value.get("mime_type") else None


def _first(values: list[Any], ctx: RuleContext) -> Any:
    return values[0] if values else None


def _event(value: dict[str, Any], ctx: RuleContext) -> Any:
    out: dict[str, Any] = {}
    if value.get("conference_name"):
        out["title"] = value["conference_name"]
    if value.get("conference_location"):
        out["place"] = value["conference_location"]
    date = value.get("conference_date") or {}
    start = {k: date.get(f"start_{k}") for k in ("year", "month", "day")}
    end = {k: date.get(f"end_{k}") for k in ("year", "month", "day")}
    dv = {}
    for key, point in (("start", start), ("end", end)):
        if point.get("year"):
            try:
                p = {"year": int(str(point["year"]))}
                if point.get("month"):
                    p["month"] = int(str(point["month"]))
                    if point.get("day"):
                        p["day"] = int(str(point["day"]))
            except ValueError:
                continue
            dv[key] = p
    if dv:
        out["date"] = {"type": "event", **dv}
    elif date.get("text"):
        out["date"] = {"type": "event", "literal": date["text"]}
    return out or None


# -- writing ---------------------------------------------------------------------------------


def _w_title(values: list[Any], ctx: RuleContext) -> Any:
    return values[0]


def _title_exact(values: list[Any], ctx: RuleContext) -> bool:
    from biblioconv.formats.crossref.writing import rich_back

    return bool(rich_back(values[0]) == values[0])


def _w_lang_title(values: list[Any], ctx: RuleContext) -> Any:
    from biblioconv.formats.crossref.writing import rich_back

    t = values[0]
    if rich_back(t.text) != t.text:
        _st(ctx).approx[_path_of(ctx, "titles", t)] = "title markup or spacing as the faces keep it"
    return {"text": t.text, **({"lang": t.lang} if t.lang else {})}


def _w_people(values: list[Any], ctx: RuleContext) -> Any:
    st = _st(ctx)
    out = []
    for c in values:
        i = st.index(st.record.contributors, c)
        native, exact = V.contributor_from_hub(c)
        if native is None:
            continue
        native["@path"] = f"contributors[{i}]"
        out.append(native)
        if not exact:
            st.approx[f"contributors[{i}]"] = "contributor written approximately"
    return out or None


def _people_parts(c: Any) -> tuple[str, ...] | None:
    native, _ = V.contributor_from_hub(c)
    return None if native is None else ()


def _w_dates(values: list[Any], ctx: RuleContext) -> Any:
    st = _st(ctx)
    out = []
    for d in values:
        native = V.date_from_hub(d)
        i = st.index(st.record.dates, d)
        if native is None:
            continue
        native["@path"] = f"dates[{i}]"
        out.append(native)
        if not V.date_exact(d):
            st.approx[f"dates[{i}]"] = "date written as year, month and day"
    return out or None


def _date_parts(d: Any) -> tuple[str, ...] | None:
    return () if V.date_from_hub(d) is not None else None


def _w_container_date(values: list[Any], ctx: RuleContext) -> Any:
    st = _st(ctx)
    d = values[0]
    native = V.date_from_hub(d)
    if native is not None and not V.date_exact(d):
        st.approx["container.issued"] = "date written as year, month and day"
    return [native] if native else None


def _w_abstracts(values: list[Any], ctx: RuleContext) -> Any:
    from biblioconv.formats.crossref.writing import abstract_back

    st = _st(ctx)
    for d in values:
        if abstract_back(d.text) != d.text:
            st.approx[_path_of(ctx, "descriptions", d)] = (
                "abstract written as JATS paragraphs (blank lines part them; white space and "
                "markup as JATS keeps them)"
            )
    return [{"text": d.text, **({"lang": d.lang} if d.lang else {})} for d in values]


def _path_of(ctx: RuleContext, name: str, item: Any) -> str:
    st = _st(ctx)
    return f"{name}[{st.index(getattr(st.record, name), item)}]"


def _w_pages(values: list[Any], ctx: RuleContext) -> Any:
    p = values[0]
    out = {}
    if p.first:
        out["first_page"] = p.first
        if p.last:
            out["last_page"] = p.last
        if p.literal:
            out["other_pages"] = p.literal
    elif p.literal:
        out["first_page"] = p.literal
        _st(ctx).approx["container.pages"] = "page text written as the first page"
    elif p.last:
        out["first_page"] = p.last
        _st(ctx).approx["container.pages"] = "a last page alone written as the first page"
    return out or None


def _issn_exact(values: list[Any], ctx: RuleContext) -> bool:
    return _id_exact([i for i in values if i.scheme in ("issn", "eissn")], ctx)


def _id_path(ctx: RuleContext, ident: Any) -> str:
    """The record path of an identifier of the record or of its container."""
    record = _st(ctx).record
    for i, x in enumerate(record.identifiers):
        if x is ident:
            return f"identifiers[{i}]"
    ids = record.container.identifiers if record.container else []
    return next((f"container.identifiers[{i}]" for i, x in enumerate(ids) if x is ident), "")


def _w_issns(values: list[Any], ctx: RuleContext) -> Any:
    out = []
    for ident in values:
        if ident.scheme not in ("issn", "eissn"):
            continue
        out.append(
            {
                "value": ident.value,
                "media_type": "electronic" if ident.scheme == "eissn" else "print",
                "@path": _id_path(ctx, ident),
            }
        )
    return out or None


def _w_isbns(values: list[Any], ctx: RuleContext) -> Any:
    out = []
    for ident in values:
        media = ident.label if ident.label in ("print", "electronic") else None
        out.append({"value": ident.value, "media_type": media, "@path": _id_path(ctx, ident)})
    return out or None


def _id_exact(values: list[Any], ctx: RuleContext) -> bool:
    return all(i.valid is not False and i.label is None for i in values)


def _isbn_exact(values: list[Any], ctx: RuleContext) -> bool:
    return all(i.valid is not False and i.label in (None, "print", "electronic") for i in values)


def _w_value(values: list[Any], ctx: RuleContext) -> Any:
    return values[0].value


def _w_publisher_ids(values: list[Any], ctx: RuleContext) -> Any:
    out = []
    record = _st(ctx).record
    first_doi = next((i for i in record.identifiers if i.scheme == "doi"), None)
    for ident in values:
        if ident is first_doi:
            continue
        if ident.scheme in ("doi", "pmid"):
            out.append({"id_type": ident.scheme, "value": ident.value})
        elif ident.scheme == "other" and ident.label in _PUBLISHER_ID_TYPES:
            out.append({"id_type": ident.label, "value": ident.value})
        else:
            continue
        out[-1]["@path"] = _id_path(ctx, ident)
    return out or None


_PUBLISHER_ID_TYPES = ("pii", "sici", "dai", "Z39.23", "ISO-std-ref", "std-designation", "other")


def _publisher_id_parts(ident: Any) -> tuple[str, ...] | None:
    if ident.scheme in ("doi", "pmid") or (
        ident.scheme == "other" and ident.label in _PUBLISHER_ID_TYPES
    ):
        return ()
    return None


def _w_citations(values: list[Any], ctx: RuleContext) -> Any:
    st = _st(ctx)
    out: list[dict[str, Any]] = []
    for rel in values:
        i = st.index(st.record.relations, rel)
        cit: dict[str, Any] = {"key": f"ref{len(out) + 1}"}
        ident = rel.identifier
        exact = (
            not (rel.resource_type or rel.metadata_scheme or rel.type_information or rel.scheme_uri)
            and rel.native_identifier_type is None
        )
        if ident is not None:
            if ident.scheme in ("doi", "isbn", "issn"):
                cit[ident.scheme] = ident.value
                exact = exact and ident.valid is not False and ident.label is None
            else:
                exact = False
        if rel.citation:
            cit["unstructured_citation"] = plain_text(rel.citation)
            exact = exact and plain_text(rel.citation) == rel.citation
        if ident is not None and ident.scheme not in ("doi", "isbn", "issn") and not rel.citation:
            cit["unstructured_citation"] = ident.value  # an arXiv id, a URL... as the text
        if len(cit) == 1:
            continue
        cit["@path"] = f"relations[{i}]"
        out.append(cit)
        if not exact:
            st.approx[f"relations[{i}]"] = "reference written as a citation"
    return out or None


def _citation_parts(rel: Any) -> tuple[str, ...] | None:
    return () if (rel.identifier is not None or rel.citation) else None


def _w_funding(values: list[Any], ctx: RuleContext) -> Any:
    st = _st(ctx)
    out = []
    for f in values:
        i = st.index(st.record.funding, f)
        native, exact = V.funding_from_hub(f)
        out.append(native)
        if not exact:
            st.approx[f"funding[{i}]"] = "funding written as a fund group"
    return out


def _w_licences(values: list[Any], ctx: RuleContext) -> Any:
    return [{"uri": r.uri} for r in values if r.uri] or None


def _licence_parts(r: Any) -> tuple[str, ...] | None:
    if not r.uri:
        return None
    return ("uri",)


def _w_free(values: list[Any], ctx: RuleContext) -> Any:
    return True if values[0] == "info:eu-repo/semantics/openAccess" else None


def _w_relations(values: list[Any], ctx: RuleContext) -> Any:
    st = _st(ctx)
    out = []
    for rel in values:
        if rel.type == "References":
            continue
        native, exact = V.relation_from_hub(rel)
        if native is None:
            continue
        i = st.index(st.record.relations, rel)
        out.append(native)
        if not exact:
            st.approx[f"relations[{i}]"] = "relation written as the nearest relationship type"
    return out or None


def _relation_parts(rel: Any) -> tuple[str, ...] | None:
    return () if rel.identifier is not None and rel.type != "References" else None


def _w_publisher(values: list[Any], ctx: RuleContext) -> Any:
    p = values[0]
    out: dict[str, Any] = {}
    if p.name:
        out["name"] = p.name
    if p.place:
        out["place"] = p.place
    ids = [
        {"type": i.scheme, "value": V.id_url(i.scheme, i.value)}
        for i in p.identifiers
        if i.scheme in ("ror", "isni", "wikidata")
    ]
    if ids:
        out["ids"] = ids
    if len(ids) != len(p.identifiers) or p.lang:
        _st(ctx).approx["publisher"] = "publisher written without its language or other ids"
    return [out] if out.get("name") or ids else None


def _w_event(values: list[Any], ctx: RuleContext) -> Any:
    ev = values[0]
    out: dict[str, Any] = {}
    if ev.title:
        out["conference_name"] = ev.title
    if ev.place:
        out["conference_location"] = ev.place
    d = ev.date
    if d is not None:
        date: dict[str, str] = {}
        for key, point in (("start", d.start), ("end", d.end)):
            if point is None:
                continue
            date[f"{key}_year"] = str(point.year)
            if point.month:
                date[f"{key}_month"] = str(point.month)
                if point.day:
                    date[f"{key}_day"] = str(point.day)
        if date:
            out["conference_date"] = date
        if not date or d.literal or d.approximate or d.uncertain or d.information:
            _st(ctx).approx["event.date"] = "conference date written from its start and end"
        if d.type != "event":
            _st(ctx).approx["event.date"] = "conference date written as the event's"
    return out or None


def _w_formats(values: list[Any], ctx: RuleContext) -> Any:
    return {"mime_type": values[0]}


def _w_text(values: list[Any], ctx: RuleContext) -> Any:
    return values[0]


def _w_language(values: list[Any], ctx: RuleContext) -> Any:
    return values[0] if _LANG_OK(values[0]) else None


def _LANG_OK(tag: str) -> bool:
    return len(tag) == 2 and tag.isalpha() and tag.islower()


# -- the rules --------------------------------------------------------------------------------


RULES: tuple[Rule, ...] = (
    Rule(
        "titles/title",
        "titles(type=main).text",
        to_hub=_text,
        from_hub=_w_title,
        exact=_title_exact,
    ),
    Rule(
        "titles/subtitle",
        "titles(type=subtitle).text",
        to_hub=_text,
        from_hub=_w_title,
        exact=_title_exact,
    ),
    Rule(
        "titles/original_language_title",
        "titles(type=alternative)",
        to_hub=_lang_title,
        from_hub=_w_lang_title,
        parts=("text", "type", "lang"),
        note="the title in the original language",
    ),
    Rule(
        "contributors",
        "contributors",
        to_hub=_people,
        from_hub=_w_people,
        parts=_people_parts,
        note="person_name, organization; the book's people of a chapter are its editors "
        "(contributor_role as given); anonymous contributors are kept as given",
        take="all",
    ),
    Rule(
        "container/contributors",
        "contributors",
        to_hub=_book_people,
        from_hub=None,
        note="the people of the book (chapters) or proceedings: editors, its authors as "
        "container authors (written with the work's contributors)",
    ),
    Rule(
        "jats:abstract",
        "descriptions(type=abstract)",
        to_hub=_abstracts,
        from_hub=_w_abstracts,
        parts=("text", "type", "lang"),
        note="paragraphs joined by blank lines (dataset: description)",
        take="all",
    ),
    Rule("description", "descriptions(type=abstract)", to_hub=_description, from_hub=None),
    Rule(
        "publication_date",
        "dates(type=issued)",
        to_hub=_dates("issued", "publication_date"),
        from_hub=_w_dates,
        parts=_date_parts,
        note="media_type is the date's information (print, online, other); seasons as months 21-24",
        take="all",
    ),
    Rule(
        "posted_date", "dates(type=issued)", to_hub=_dates("issued", "posted_date"), from_hub=None
    ),
    Rule(
        "approval_date",
        "dates(type=issued)",
        to_hub=_dates("issued", "approval_date"),
        from_hub=None,
    ),
    Rule(
        "review_date", "dates(type=issued)", to_hub=_dates("issued", "review_date"), from_hub=None
    ),
    Rule(
        "database_date/publication_date",
        "dates(type=issued)",
        to_hub=_dates("issued", "database_date/publication_date"),
        from_hub=None,
    ),
    Rule(
        "acceptance_date",
        "dates(type=accepted)",
        to_hub=_dates("accepted", "acceptance_date"),
        from_hub=_w_dates,
        parts=_date_parts,
        take="all",
    ),
    Rule(
        "database_date/creation_date",
        "dates(type=created)",
        to_hub=_dates("created", "database_date/creation_date"),
        from_hub=_w_dates,
        parts=_date_parts,
        take="all",
    ),
    Rule(
        "database_date/update_date",
        "dates(type=updated)",
        to_hub=_dates("updated", "database_date/update_date"),
        from_hub=_w_dates,
        parts=_date_parts,
        take="all",
    ),
    Rule("doi", "identifiers(scheme=doi)", to_hub=_doi, from_hub=_w_value, exact=_id_exact),
    Rule("resource", "identifiers(scheme=url)", to_hub=_url, from_hub=_w_value, exact=_id_exact),
    Rule(
        "isbn",
        "identifiers(scheme=isbn)",
        to_hub=_isbns,
        from_hub=_w_isbns,
        exact=_isbn_exact,
        note="media_type is the identifier's label",
        take="all",
    ),
    Rule(
        "identifier",
        "identifiers",
        to_hub=_publisher_ids,
        from_hub=_w_publisher_ids,
        parts=lambda i: _publisher_id_parts(i),
        note="publisher_item identifiers: pmid and doi by scheme, the others (pii, sici...) "
        "with their id_type as label",
        take="all",
    ),
    Rule(
        "identifier/report-number",
        "number",
        to_hub=_text,
        from_hub=lambda v, c: v[0],
        note="publisher_item identifier of id_type report-number",
    ),
    Rule("edition_number", "edition", to_hub=_text, from_hub=_w_text),
    Rule(
        "container/edition_number",
        "edition",
        to_hub=_text,
        from_hub=None,
        note="the book's edition (chapters)",
    ),
    Rule("component_number", "chapter", to_hub=_text, from_hub=_w_text),
    Rule("language", "language", to_hub=_text, from_hub=_w_language),
    Rule(
        "pages",
        "container.pages",
        to_hub=_pages,
        from_hub=_w_pages,
        note="first_page, last_page; other_pages is the page text",
    ),
    Rule(
        "item_number",
        "container.number",
        to_hub=_article_number,
        from_hub=lambda v, c: [{"value": v[0], "type": "article_number"}],
        when=_not_posted,
        note="item_number_type article_number (publisher_item)",
    ),
    Rule(
        "item_number",
        "number",
        to_hub=lambda v, c: v[0]["value"],
        from_hub=lambda v, c: [{"value": v[0]}],
        when=_is_posted,
        note="posted content",
    ),
    Rule(
        "publisher",
        "publisher",
        to_hub=_publisher,
        from_hub=_w_publisher,
        parts=("name", "place", "identifiers", "lang"),
        note="publisher_name, publisher_place (institutions: their ids too)",
    ),
    Rule(
        "container/publisher",
        "publisher",
        to_hub=_publisher,
        from_hub=None,
        note="the publisher of the book or proceedings",
    ),
    Rule(
        "institution",
        "publisher",
        to_hub=_institution_publisher,
        from_hub=None,
        note="dissertations, posted content, reviews: the institution is the publisher "
        "(written as institution for them)",
    ),
    Rule("degree", "genre", to_hub=_first, from_hub=lambda v, c: [v[0]]),
    Rule(
        "container/titles/title",
        "container.titles(type=main).text",
        to_hub=_text,
        from_hub=_w_title,
        exact=_title_exact,
        note="full_title, book or proceedings title",
    ),
    Rule(
        "container/titles/subtitle",
        "container.titles(type=subtitle).text",
        to_hub=_text,
        from_hub=_w_title,
        exact=_title_exact,
    ),
    Rule(
        "container/abbrev_title",
        "container.titles(type=short).text",
        to_hub=_text,
        from_hub=_w_title,
        exact=_title_exact,
    ),
    Rule(
        "container/issn",
        "container.identifiers",
        to_hub=_issns,
        from_hub=None,
        note="ISSNs: media_type print (or none) issn, electronic eissn",
    ),
    Rule(
        "container/issn",
        "container.identifiers",
        to_hub=None,
        from_hub=_w_issns,
        exact=_issn_exact,
        parts=lambda i: () if i.scheme in ("issn", "eissn") else None,
        note="eissn: media_type electronic, issn: print",
        take="all",
    ),
    Rule(
        "container/isbn",
        "container.identifiers(scheme=isbn)",
        to_hub=_isbns,
        from_hub=_w_isbns,
        exact=_isbn_exact,
        take="all",
    ),
    Rule(
        "container/doi",
        "container.identifiers(scheme=doi)",
        to_hub=_doi,
        from_hub=_w_value,
        exact=_id_exact,
    ),
    Rule(
        "container/resource",
        "container.identifiers(scheme=url)",
        to_hub=_url,
        from_hub=_w_value,
        exact=_id_exact,
    ),
    Rule("volume", "container.volume", to_hub=_text, from_hub=_w_text),
    Rule("issue/volume", "container.volume", to_hub=_text, from_hub=None),
    Rule("issue", "container.issue", to_hub=_text, from_hub=_w_text),
    Rule("issue/issue", "container.issue", to_hub=_text, from_hub=None),
    Rule(
        "issue/publication_date",
        "container.issued",
        to_hub=_container_date,
        from_hub=_w_container_date,
        note="the issue's (or book's, proceedings') date when the work has its own",
    ),
    Rule("container/publication_date", "container.issued", to_hub=_container_date, from_hub=None),
    Rule("series/titles/title", "series.titles(type=main).text", to_hub=_text, from_hub=None),
    Rule("series/issn", "series.identifiers", to_hub=_issns, from_hub=None),
    Rule("series/series_number", "series.number", to_hub=_text, from_hub=None),
    Rule(
        "event_metadata",
        "event",
        to_hub=_event,
        from_hub=_w_event,
        parts=("title", "place", "date"),
        note="conference_name, conference_location, conference_date",
    ),
    Rule(
        "citation_list",
        "relations(type=References)",
        to_hub=_citations,
        from_hub=_w_citations,
        parts=_citation_parts,
        note="citations: doi (or isbn, issn) and the unstructured "
        "citation; a structured citation is read as one line of text",
        take="all",
    ),
    Rule(
        "fr:program",
        "funding",
        to_hub=_funding,
        from_hub=_w_funding,
        note="fund groups: funder_name, funder_identifier, award_number",
        take="all",
    ),
    Rule(
        "ai:license_ref",
        "rights",
        to_hub=_licences,
        from_hub=_w_licences,
        parts=_licence_parts,
        note="licence URIs",
        take="all",
    ),
    Rule(
        "ai:free_to_read",
        "access_rights",
        to_hub=_free_to_read,
        from_hub=_w_free,
        note="free_to_read is open access",
    ),
    Rule(
        "rel:program",
        "relations",
        to_hub=_relations,
        from_hub=_w_relations,
        parts=_relation_parts,
        note="related_item inter_work_relation and "
        "intra_work_relation; the relationship type is kept as type information where the "
        "relation type says less",
        take="all",
    ),
    Rule(
        "@parent_doi",
        "relations(type=IsPartOf)",
        to_hub=_parent,
        from_hub=None,
        note="a component's parent",
    ),
    Rule("format", "formats", to_hub=_formats, from_hub=_w_formats, note="mime_type"),
)

RULE_TABLE = RuleTable(RULES)


# -- the crosswalk -----------------------------------------------------------------------------


def _rows() -> tuple[FieldMap, ...]:
    from biblioconv.formats.crossref.inventory import ELEMENT_ROWS

    return distinct_rows((r.field_map() for r in RULES), ELEMENT_ROWS)


CROSSWALK = Crosswalk(
    format="crossref",
    fields=_rows(),
    types=tuple(TypeMap(*t) if isinstance(t, tuple) else t for t in TYPES),
    unmapped=UNMAPPED,
)
