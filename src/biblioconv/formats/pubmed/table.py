"""The MEDLINE rule table: each MEDLINE tag (as the nbib reader and the PubMed XML reader make
them) and its home in the record, run both ways; the crosswalks of ``medline`` and
``pubmed-xml`` are built from the same rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from biblioconv.crosswalk import Crosswalk, FieldMap, TypeMap, distinct_rows
from biblioconv.languages import ALPHA3_TO_BCP47, NAME_TO_BCP47
from biblioconv.model import plain_text
from biblioconv.rules import Rule, RuleContext, RuleTable
from biblioconv.vocab import RESOURCE_TYPES

__all__ = [
    "CROSSWALK",
    "LANGUAGES",
    "RULES",
    "RULE_TABLE",
    "TYPES",
    "WriteState",
    "hub_type",
    "language_code",
    "language_tag",
    "native_fields",
    "publication_type",
]

# -- types --------------------------------------------------------------------------------------

#: PT values and the record's types (the first PT that maps gives the type).
_PT: dict[str, str] = {
    "Journal Article": "article-journal",
    "Review": "review",
    "Book": "book",
    "Books": "book",
    "Book Chapter": "chapter",
    "Case Reports": "article-journal",
    "Case Report": "article-journal",
    "Newspaper Article": "article-newspaper",
    "Video-Audio Media": "audiovisual",
    "Technical Report": "report",
    "Legal Case": "legal-case",
    "Legislation": "legislation",
    "Preprint": "preprint",
    "Letter": "letter",
    "Editorial": "article-journal",
    "Comment": "article-journal",
    "Dataset": "dataset",
    "Congress": "paper-conference",
    "Clinical Trial": "article-journal",
    "Randomized Controlled Trial": "article-journal",
    "Meta-Analysis": "article-journal",
    "Systematic Review": "review",
}
_WRITE_PT: dict[str, str] = {
    "article-journal": "Journal Article",
    "review": "Review",
    "book": "Book",
    "edited-book": "Book",
    "multivolume-book": "Book",
    "chapter": "Book Chapter",
    "article-newspaper": "Newspaper Article",
    "audiovisual": "Video-Audio Media",
    "report": "Technical Report",
    "legal-case": "Legal Case",
    "legislation": "Legislation",
    "preprint": "Preprint",
    "letter": "Letter",
    "dataset": "Dataset",
    "paper-conference": "Congress",
}


def _types() -> tuple[TypeMap, ...]:
    out = [TypeMap(pt, hub, write=_WRITE_PT.get(hub) == pt) for pt, hub in _PT.items()]
    covered = {t.hub for t in out if t.write}
    out += [
        TypeMap(_WRITE_PT.get(hub, "Journal Article"), hub, read=False, note="nearest type")
        for hub in RESOURCE_TYPES
        if hub not in covered
    ]
    return tuple(out)


TYPES = _types()


def hub_type(pts: list[str]) -> str:
    """The record type of a record's publication types (the first that maps)."""
    for pt in pts:
        hub = _PT.get(pt)
        if hub:
            return hub
    return "article-journal" if pts else "document"


def publication_type(hub: str) -> str:
    """The publication type written for a record type."""
    return _WRITE_PT.get(hub, "Journal Article")


# -- values -------------------------------------------------------------------------------------

#: MEDLINE's three-letter language codes (ISO 639-2/B) and BCP 47 tags.
LANGUAGES: dict[str, str] = {
    "eng": "en", "fre": "fr", "ger": "de", "spa": "es", "ita": "it", "jpn": "ja", "chi": "zh",
    "rus": "ru", "por": "pt", "dut": "nl", "pol": "pl", "swe": "sv", "dan": "da", "nor": "no",
    "fin": "fi", "cze": "cs", "hun": "hu", "tur": "tr", "kor": "ko", "heb": "he", "ara": "ar",
    "gre": "el", "rum": "ro", "ukr": "uk", "per": "fa", "hin": "hi", "slo": "sk", "scr": "hr",
    "srp": "sr", "bul": "bg", "ice": "is", "cat": "ca", "lit": "lt", "lav": "lv", "est": "et",
    "slv": "sl", "tha": "th", "vie": "vi", "ind": "id", "mal": "ms", "afr": "af", "wel": "cy",
    "gle": "ga", "mul": "mul", "und": "und",
}  # fmt: skip
_LANG_BACK = {v: k for k, v in LANGUAGES.items()}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_SEASONS = {"Spring": 1, "Summer": 2, "Fall": 3, "Autumn": 3, "Winter": 4}
_SEASON_BACK = {1: "Spring", 2: "Summer", 3: "Fall", 4: "Winter"}
_DP = re.compile(r"(\d{4})(?: ([A-Z][a-z]{2}|Spring|Summer|Fall|Autumn|Winter)(?: (\d{1,2}))?)?")


def date_to_hub(text: str, date_type: str) -> dict[str, Any]:
    """A MEDLINE date (``2016 May 28``, ``1999 Spring``, ``2000 Jan-Feb``, ``20160529``)."""
    text = text.strip()
    m = _DP.fullmatch(text)
    if m:
        start: dict[str, Any] = {"year": int(m.group(1))}
        word = m.group(2)
        if word in _SEASONS:
            start["season"] = _SEASONS[word]
        elif word:
            start["month"] = _MONTHS.index(word) + 1 if word in _MONTHS else None
            if start["month"] is None:
                return {"type": date_type, "literal": text}
            if m.group(3):
                start["day"] = int(m.group(3))
        return {"type": date_type, "start": start}
    if re.fullmatch(r"\d{8}", text):
        return {
            "type": date_type,
            "start": {"year": int(text[:4]), "month": int(text[4:6]), "day": int(text[6:])},
        }
    year = re.match(r"(\d{4})\b", text)
    out: dict[str, Any] = {"type": date_type, "literal": text}
    if year:
        out["start"] = {"year": int(year.group(1))}
    return out


def date_from_hub(d: Any) -> tuple[str | None, bool]:
    """A model date as MEDLINE text, and whether it reads back unchanged."""
    p = d.start
    if p is None:
        return (d.literal, False) if d.literal else (None, False)
    if d.literal:
        back = date_to_hub(d.literal, d.type)
        same = back.get("literal") == d.literal and back.get("start") == (
            p.model_dump(exclude_defaults=True) if p else None
        )
        return d.literal, same and d.end is None and not (
            d.approximate or d.uncertain or d.information or d.open_start or d.open_end
        )
    text = f"{p.year:04d}"
    if p.month is not None:
        text += f" {_MONTHS[p.month - 1]}"
        if p.day is not None:
            text += f" {p.day}"
    elif p.season is not None:
        text += f" {_SEASON_BACK[p.season]}"
    exact = (
        d.end is None
        and not (d.open_start or d.open_end or d.approximate or d.uncertain)
        and p.time is None
        and d.information is None
        and 0 <= p.year <= 9999
    )
    return text, exact


def _pages(text: str) -> dict[str, Any]:
    """``6913-7`` is 6913-6917 (MEDLINE abbreviates the last page)."""
    m = re.fullmatch(r"([A-Za-z]*)(\d+)-([A-Za-z]*)(\d+)", text)
    if m and not m.group(3) and len(m.group(4)) < len(m.group(2)):
        first = m.group(2)
        last = first[: len(first) - len(m.group(4))] + m.group(4)
        return {"first": m.group(1) + first, "last": m.group(1) + last}
    if m:
        return {"first": m.group(1) + m.group(2), "last": m.group(3) + m.group(4)}
    if re.fullmatch(r"[A-Za-z]*\d+[A-Za-z]*", text):
        return {"first": text}
    return {"literal": text}


_ID = re.compile(r"^(.*\S)\s+\[([a-z-]+)\]$")
_AID_SCHEMES = {"doi": "doi", "pmc": "pmcid", "pii": "other", "bookaccession": "other",
                "mid": "other", "pmcid": "pmcid", "isbn": "isbn"}  # fmt: skip
_IS = re.compile(r"^(\S+)\s*\((Print|Electronic|Linking)\)$")
_IS_SCHEME = {"Print": "issn", "Electronic": "eissn", "Linking": "lissn"}
_IS_BACK = {v: k for k, v in _IS_SCHEME.items()}
_ORCID = re.compile(r"^ORCID:\s*(?:https?://orcid\.org/)?(\S+)$", re.I)


def _person(p: dict[str, Any], role: str) -> dict[str, Any] | None:
    """An author (FAU, AU, AD, AUID) as a model contributor."""
    out: dict[str, Any] = {"role": role}
    if "CN" in p:
        return {"role": role, "kind": "organization", "literal": p["CN"]}
    full = p.get("FAU") or p.get("FED") or p.get("FIR")
    short = p.get("AU") or p.get("ED") or p.get("IR")
    if not full and short and "," in short:  # exports that put full names in AU
        full, short = short, None
    if full:
        family, _, given = full.partition(",")
        out["family"] = family.strip()
        if given.strip():
            out["given"] = given.strip()
    elif short:
        family, _, initials = short.rpartition(" ")
        if family and initials.isupper():
            out.update(family=family, given=initials)
        else:
            out["family"] = short
    else:
        return None
    ids = []
    for auid in p.get("AUID", []):
        m = _ORCID.match(auid)
        if m:
            ids.append({"scheme": "orcid", "value": m.group(1)})
        else:
            ids.append({"scheme": "other", "value": auid})
    if ids:
        out["identifiers"] = ids
    affs = [{"name": a} for a in p.get("AD", [])]
    if affs:
        out["affiliations"] = affs
    return out


def native_fields(fields: list[tuple[str, str, int]]) -> dict[str, Any]:
    """The native fields of a record: every tag's values in order; authors, editors and
    investigators (with their AU, AD, AUID lines) as lists of people under FAU, FED, FIR."""
    out: dict[str, Any] = {}
    last: dict[str, Any] | None = None
    groups = {"FAU": "FAU", "AU": "FAU", "CN": "FAU", "FED": "FED", "ED": "FED",
              "FIR": "FIR", "IR": "FIR"}  # fmt: skip
    for tag, value, _line in fields:
        group = groups.get(tag)
        if group is not None:
            people = out.setdefault(group, [])
            short = tag in ("AU", "ED", "IR")
            if (
                short
                and last is not None
                and last in people
                and tag not in last
                and (set(last) & {"FAU", "FED", "FIR"})
            ):
                last[tag] = value
            else:
                last = {tag: value}
                people.append(last)
        elif tag in ("AD", "AUID", "IRAD") and last is not None:
            last.setdefault("AD" if tag != "AUID" else "AUID", []).append(value)
        else:
            out.setdefault(tag, []).append(value)
    return out


# -- the write state ---------------------------------------------------------------------------


@dataclass
class WriteState:
    """What the writing conversions tell the writer besides the values."""

    record: Any
    approx: dict[str, str] = field(default_factory=dict)

    def index(self, items: list[Any], item: Any) -> int:
        return next(i for i, x in enumerate(items) if x is item)


def _st(ctx: RuleContext) -> WriteState:
    st: WriteState = ctx.options
    return st


def _flat(text: str) -> str:
    return " ".join(text.split())


def _same_text(value: str) -> bool:
    return _flat(plain_text(value)) == value


# -- reading conversions -------------------------------------------------------------------------


def _first(values: list[str], ctx: RuleContext) -> Any:
    return values[0]


def _people(role: str) -> Any:
    def conv(values: list[dict[str, Any]], ctx: RuleContext) -> Any:
        out = [p for p in (_person(v, role) for v in values) if p]
        return out or None

    return conv


def _dates(date_type: str) -> Any:
    def conv(values: list[str], ctx: RuleContext) -> Any:
        return [date_to_hub(v, date_type) for v in values]

    return conv


def _ids(values: list[str], ctx: RuleContext) -> Any:
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for v in values:
        m = _ID.match(v)
        value, kind = (m.group(1), m.group(2)) if m else (v, "")
        scheme = _AID_SCHEMES.get(kind, "other")
        if (kind, value) in seen:
            continue
        seen.add((kind, value))
        entry: dict[str, Any] = {"scheme": scheme, "value": value}
        if scheme == "other":
            entry["label"] = kind or "AID"
        out.append(entry)
    return out or None


def _lids(values: list[str], ctx: RuleContext) -> Any:
    """Location ids not repeated among the AIDs."""
    aids = set((ctx.fields or {}).get("AID", []))
    return _ids([v for v in values if v not in aids], ctx)


def _issns(values: list[str], ctx: RuleContext) -> Any:
    out = []
    for v in values:
        m = _IS.match(v)
        if m:
            out.append({"scheme": _IS_SCHEME[m.group(2)], "value": m.group(1)})
        else:
            out.append({"scheme": "issn", "value": v})
    return out


def language_tag(value: str) -> str:
    """The BCP 47 tag of a MEDLINE language (``eng``, ``ENG``, ``English``), else the value."""
    key = value.strip().lower()
    return LANGUAGES.get(key) or ALPHA3_TO_BCP47.get(key) or NAME_TO_BCP47.get(key) or value


def language_code(tag: str) -> str:
    """The MEDLINE code written for a record's language (the tag itself when it has none)."""
    return _LANG_BACK.get(tag, tag)


def _lang(values: list[str], ctx: RuleContext) -> Any:
    return language_tag(values[0])


def _mesh(values: list[str], ctx: RuleContext) -> Any:
    return [{"term": v, "scheme": "MeSH"} for v in values]


def _keywords(values: list[str], ctx: RuleContext) -> Any:
    return [{"term": v} for v in values]


def _grants(values: list[str], ctx: RuleContext) -> Any:
    out = []
    for v in values:
        parts = [p.strip() for p in v.split("/")]
        entry: dict[str, Any] = {"funder_name": parts[2] if len(parts) > 2 else v}
        if parts[0] and len(parts) > 2:
            entry["award_number"] = parts[0]
        out.append(entry)
    return out


def _pmc(values: list[str], ctx: RuleContext) -> Any:
    return [{"scheme": "pmcid", "value": v} for v in values]


def _isbn(values: list[str], ctx: RuleContext) -> Any:
    return [{"scheme": "isbn", "value": v} for v in values]


def _pg(values: list[str], ctx: RuleContext) -> Any:
    return _pages(values[0])


def _abstract(values: list[str], ctx: RuleContext) -> Any:
    return [{"type": "abstract", "text": v} for v in values]


def _note(values: list[str], ctx: RuleContext) -> Any:
    return [{"type": "note", "text": v} for v in values]


def _rights(values: list[str], ctx: RuleContext) -> Any:
    return [{"statement": v} for v in values]


def _type(values: list[str], ctx: RuleContext) -> Any:
    return hub_type(values)


def _place(values: list[str], ctx: RuleContext) -> Any:
    return values[0]


def _publisher(values: list[str], ctx: RuleContext) -> Any:
    return values[0]


def _pmid(values: list[str], ctx: RuleContext) -> Any:
    return [{"scheme": "pmid", "value": values[0]}]


_RELATIONS = {
    "CIN": "comment in", "CON": "comment on", "EIN": "erratum in", "EFR": "erratum for",
    "CRI": "corrected and republished in", "CRF": "corrected and republished from",
    "RIN": "retraction in", "ROF": "retraction of", "UIN": "update in", "UOF": "update of",
    "SPIN": "summary for patients in", "ORI": "original report in", "RPI": "republished in",
    "RPF": "republished from", "ECI": "expression of concern in", "ECF": "expression of concern for",
}  # fmt: skip


def _relations(tag: str) -> Any:
    def conv(values: list[str], ctx: RuleContext) -> Any:
        return [{"type": "Other", "type_information": tag, "citation": v} for v in values]

    return conv


# -- writing conversions -------------------------------------------------------------------------


def _w_text(key: str) -> Any:
    def conv(values: list[Any], ctx: RuleContext) -> Any:
        value = values[0]
        if not _same_text(value):
            _st(ctx).approx[key] = "white space and markup as MEDLINE lines keep them"
        return [_flat(plain_text(value))]

    return conv


def _w_people(role: str) -> Any:
    def conv(values: list[Any], ctx: RuleContext) -> Any:
        st = _st(ctx)
        out = []
        for c in values:
            i = st.index(st.record.contributors, c)
            p, exact = person_from_hub(c)
            if p is None:
                continue
            out.append(p)
            if not exact:
                st.approx[f"contributors[{i}]"] = "name written as MEDLINE's Family, Given"
        return out or None

    return conv


def person_from_hub(c: Any) -> tuple[dict[str, Any] | None, bool]:
    """A model contributor as a MEDLINE person (FAU, AU, AD, AUID), and whether exact."""
    if c.kind == "organization" or (c.literal and not c.family):
        name = _flat(plain_text(c.literal or c.display_name))
        return {"CN": name}, c.kind == "organization" and name == c.literal and not (
            c.identifiers or c.affiliations or c.lang
        )
    family = " ".join(p for p in (c.non_dropping_particle, c.family) if p) or c.given
    if not family:
        return None, False
    given = " ".join(p for p in (c.given if c.family else None, c.dropping_particle) if p)
    exact = not (
        c.non_dropping_particle
        or c.dropping_particle
        or c.suffix
        or c.literal
        or c.lang
        or c.comma_suffix
        or c.static_ordering
        or not c.family
        or c.role_label
    )
    full = f"{family}, {given}" if given else family
    exact = exact and _same_text(c.family) and (c.given is None or _same_text(c.given))
    exact = exact and "," not in (c.family or "")
    initials = "".join(w[0] for w in given.replace("-", " ").split() if w[:1].isalpha())
    out: dict[str, Any] = {
        "FAU": _flat(plain_text(full)),
        "AU": _flat(plain_text(f"{family} {initials}".strip())),
    }
    ids = []
    for ident in c.identifiers:
        if ident.scheme == "orcid":
            ids.append(f"ORCID: {ident.value}")
        elif ident.scheme == "other" and not ident.label:
            ids.append(ident.value)
        else:
            exact = False
        if ident.label or ident.valid is False or ident.scheme_uri:
            exact = False
    if ids:
        out["AUID"] = ids
    ads = []
    for aff in c.affiliations:
        if aff.name:
            ads.append(_flat(plain_text(aff.name)))
        if aff.identifiers or aff.lang or not aff.name or not _same_text(aff.name):
            exact = False
    if ads:
        out["AD"] = ads
    return out, exact


def _people_parts(c: Any) -> tuple[str, ...] | None:
    return () if person_from_hub(c)[0] is not None else None


def _w_dates(values: list[Any], ctx: RuleContext) -> Any:
    st = _st(ctx)
    out = []
    for d in values:
        text, exact = date_from_hub(d)
        if text is None:
            continue
        out.append(text)
        if not exact:
            st.approx[f"dates[{st.index(st.record.dates, d)}]"] = "date written as MEDLINE text"
    return out or None


def _w_ids(values: list[Any], ctx: RuleContext) -> Any:
    st = _st(ctx)
    out = []
    for ident in values:
        kind = {"doi": "doi", "pmcid": "pmc"}.get(ident.scheme)
        if (
            kind is None
            and ident.scheme == "other"
            and ident.label in ("pii", "mid", "bookaccession")
        ):
            kind = ident.label
        if kind is None:
            continue
        out.append(f"{ident.value} [{kind}]")
        if ident.valid is False or (ident.label and ident.scheme != "other") or ident.scheme_uri:
            st.approx[f"identifiers[{st.index(st.record.identifiers, ident)}]"] = "identifier"
    return out or None


def _id_parts(ident: Any) -> tuple[str, ...] | None:
    if ident.scheme in ("doi", "pmcid") or (
        ident.scheme == "other" and ident.label in ("pii", "mid", "bookaccession")
    ):
        return ()
    return None


def _w_issns(values: list[Any], ctx: RuleContext) -> Any:
    st = _st(ctx)
    out = []
    for ident in values:
        if ident.scheme in _IS_BACK:
            out.append(f"{ident.value} ({_IS_BACK[ident.scheme]})")
            if ident.label or ident.valid is False or ident.scheme_uri:
                ids = st.record.container.identifiers
                st.approx[f"container.identifiers[{st.index(ids, ident)}]"] = "ISSN as IS"
    return out or None


def _issn_parts(ident: Any) -> tuple[str, ...] | None:
    return () if ident.scheme in _IS_BACK else None


def _w_lang(values: list[Any], ctx: RuleContext) -> Any:
    tag = values[0]
    code = _LANG_BACK.get(tag)
    if code is None:
        _st(ctx).approx["language"] = "language written as given (MEDLINE has 3-letter codes)"
        return [tag]
    return [code]


def _w_subjects(mesh: bool) -> Any:
    def conv(values: list[Any], ctx: RuleContext) -> Any:
        st = _st(ctx)
        out = []
        for s in values:
            if (s.scheme == "MeSH") != mesh:
                continue
            out.append(_flat(s.term))
            if (
                s.scheme_uri
                or s.value_uri
                or s.code
                or s.lang
                or not _same_text(s.term)
                or (not mesh and s.scheme)
            ):
                st.approx[f"subjects[{st.index(st.record.subjects, s)}]"] = "subject term only"
        return out or None

    return conv


def _mesh_parts(s: Any) -> tuple[str, ...] | None:
    return () if s.scheme == "MeSH" else None


def _kw_parts(s: Any) -> tuple[str, ...] | None:
    return () if s.scheme != "MeSH" else None


def _w_grants(values: list[Any], ctx: RuleContext) -> Any:
    st = _st(ctx)
    out = []
    for f in values:
        award = f.award_number or ""
        out.append(f"{award} / / {_flat(f.funder_name)}")
        if (
            f.funder_identifier
            or f.funder_identifier_type
            or f.award_uri
            or f.award_title
            or "/" in award
            or "/" in f.funder_name
            or not _same_text(f.funder_name)
            or not f.funder_name
        ):
            st.approx[f"funding[{st.index(st.record.funding, f)}]"] = "grant written as GR"
    return out


def _w_pages(values: list[Any], ctx: RuleContext) -> Any:
    p = values[0]
    text = p.text("-")
    if _pages(text) != {
        k: v for k, v in (("first", p.first), ("last", p.last), ("literal", p.literal)) if v
    }:
        _st(ctx).approx["container.pages"] = "pages written as MEDLINE's PG"
    return [text]


def _w_descs(kind: str) -> Any:
    def conv(values: list[Any], ctx: RuleContext) -> Any:
        st = _st(ctx)
        out = []
        for d in values:
            out.append(_flat(plain_text(d.text)))
            if d.lang or not _same_text(d.text):
                st.approx[f"descriptions[{st.index(st.record.descriptions, d)}]"] = (
                    f"{kind} written as one MEDLINE field (lines joined, markup removed)"
                )
        return out or None

    return conv


def _w_rights(values: list[Any], ctx: RuleContext) -> Any:
    st = _st(ctx)
    out = []
    for r in values:
        if not r.statement:
            continue
        out.append(_flat(r.statement))
        if r.uri or r.identifier or r.lang or not _same_text(r.statement):
            st.approx[f"rights[{st.index(st.record.rights, r)}]"] = "rights written as CI"
    return out or None


def _rights_parts(r: Any) -> tuple[str, ...] | None:
    return () if r.statement else None


def _w_relations(tag: str) -> Any:
    def conv(values: list[Any], ctx: RuleContext) -> Any:
        out = [r.citation for r in values if r.type_information == tag and r.citation]
        return out or None

    return conv


def _relation_parts(tag: str) -> Any:
    def parts(r: Any) -> tuple[str, ...] | None:
        if r.type_information == tag and r.citation and r.identifier is None:
            return ()
        return None

    return parts


def _w_type(values: list[Any], ctx: RuleContext) -> Any:
    return [publication_type(values[0])]


def _w_value(values: list[Any], ctx: RuleContext) -> Any:
    return [values[0].value]


def _w_place(values: list[Any], ctx: RuleContext) -> Any:
    return [_flat(values[0])]


def _w_each_value(values: list[Any], ctx: RuleContext) -> Any:
    return [v.value for v in values]


# -- the rules ---------------------------------------------------------------------------------------


RULES: tuple[Rule, ...] = (
    Rule("PMID", "identifiers(scheme=pmid)", to_hub=_pmid, from_hub=_w_value, note="PubMed id"),
    Rule(
        "PT",
        "type",
        to_hub=_type,
        from_hub=_w_type,
        note="publication types: the first that maps gives the type; all are kept",
    ),
    Rule("TI", "titles(type=main).text", to_hub=_first, from_hub=_w_text("titles[0]")),
    Rule(
        "TT",
        "titles(type=translated).text",
        to_hub=_first,
        from_hub=_w_text("titles(type=translated)"),
        note="transliterated title",
    ),
    Rule(
        "BTI",
        "container.titles(type=main).text",
        to_hub=_first,
        from_hub=None,
        note="book title (chapters); a book's own title when it has no TI",
    ),
    Rule(
        "FAU",
        "contributors(role=author)",
        to_hub=_people("author"),
        from_hub=_w_people("author"),
        parts=_people_parts,
        take="all",
        note="full names 'Family, Given' with their AU, AD (affiliations) and AUID (ORCID) "
        "lines; CN (collective names) in their place",
    ),
    Rule(
        "FED",
        "contributors(role=editor)",
        to_hub=_people("editor"),
        from_hub=_w_people("editor"),
        parts=_people_parts,
        take="all",
        note="editors with ED",
    ),
    Rule(
        "FIR",
        "contributors(role=contributor)",
        to_hub=_people("contributor"),
        from_hub=None,
        note="investigators with IR, IRAD",
    ),
    Rule(
        "AB",
        "descriptions(type=abstract)",
        to_hub=_abstract,
        from_hub=_w_descs("abstract"),
        parts=("text", "type"),
        take="all",
    ),
    Rule(
        "COIS",
        "descriptions(type=note)",
        to_hub=_note,
        from_hub=_w_descs("note"),
        parts=("text", "type"),
        take="all",
        note="conflict of interest statement",
    ),
    Rule(
        "CI",
        "rights",
        to_hub=_rights,
        from_hub=_w_rights,
        parts=_rights_parts,
        take="all",
        note="copyright information",
    ),
    Rule(
        "DP",
        "dates(type=issued)",
        to_hub=_dates("issued"),
        from_hub=_w_dates,
        take="all",
        note="'2016 May 28', '1999 Spring'; others kept as text",
    ),
    Rule(
        "DEP",
        "dates(type=available)",
        to_hub=_dates("available"),
        from_hub=_w_dates,
        take="all",
        note="date of electronic publication (YYYYMMDD)",
    ),
    Rule(
        "LA", "language", to_hub=_lang, from_hub=_w_lang, note="three-letter codes as BCP 47 tags"
    ),
    Rule(
        "JT",
        "container.titles(type=main).text",
        to_hub=_first,
        from_hub=_w_text("container.titles[0]"),
    ),
    Rule(
        "TA",
        "container.titles(type=short).text",
        to_hub=_first,
        from_hub=_w_text("container.titles(type=short)"),
    ),
    Rule(
        "IS",
        "container.identifiers",
        to_hub=_issns,
        from_hub=_w_issns,
        parts=_issn_parts,
        take="all",
        note="'(Print)' issn, '(Electronic)' eissn, '(Linking)' lissn",
    ),
    Rule("VI", "container.volume", to_hub=_first, from_hub=_w_place),
    Rule("IP", "container.issue", to_hub=_first, from_hub=_w_place),
    Rule(
        "PG", "container.pages", to_hub=_pg, from_hub=_w_pages, note="'6913-7' is pages 6913-6917"
    ),
    Rule(
        "AID",
        "identifiers",
        to_hub=_ids,
        from_hub=_w_ids,
        parts=_id_parts,
        take="all",
        note="'10.1002/x [doi]', '[pii]', '[pmc]': doi, pmcid, other with the kind as label",
    ),
    Rule(
        "LID", "identifiers", to_hub=_lids, from_hub=None, note="location id (read; written as AID)"
    ),
    Rule(
        "PMC",
        "identifiers(scheme=pmcid)",
        to_hub=_pmc,
        from_hub=None,
        note="PubMed Central id (written as AID [pmc])",
    ),
    Rule(
        "ISBN",
        "identifiers(scheme=isbn)",
        to_hub=_isbn,
        from_hub=_w_each_value,
        parts=("scheme", "value", "valid"),
        take="all",
    ),
    Rule(
        "PL",
        "publisher.place",
        to_hub=_place,
        from_hub=_w_place,
        note="place (country) of publication",
    ),
    Rule("PB", "publisher.name", to_hub=_publisher, from_hub=_w_place),
    Rule("EN", "edition", to_hub=_first, from_hub=_w_place),
    Rule(
        "MH",
        "subjects(scheme=MeSH)",
        to_hub=_mesh,
        from_hub=_w_subjects(True),
        parts=_mesh_parts,
        take="all",
        note="MeSH headings with their qualifiers",
    ),
    Rule(
        "OT",
        "subjects",
        to_hub=_keywords,
        from_hub=_w_subjects(False),
        parts=_kw_parts,
        take="all",
        note="other terms (keywords)",
    ),
    Rule(
        "GR",
        "funding",
        to_hub=_grants,
        from_hub=_w_grants,
        take="all",
        note="'award / acronym / agency / country'",
    ),
    Rule("SO", "citation", to_hub=_first, from_hub=_w_text("citation"), note="the source citation"),
    *(
        Rule(
            tag,
            "relations(type=Other)",
            to_hub=_relations(tag),
            from_hub=_w_relations(tag),
            parts=_relation_parts(tag),
            take="all",
            note=f"{words}: the citation as given",
        )
        for tag, words in _RELATIONS.items()
    ),
)

RULE_TABLE = RuleTable(RULES)

#: Tags with no home in the record: kept in the extras as given.
EXTRAS_TAGS = [
    "OWN",
    "STAT",
    "DCOM",
    "LR",
    "DA",
    "EDAT",
    "MHDA",
    "CRDT",
    "PHST",
    "PST",
    "JID",
    "RN",
    "NM",
    "SB",
    "OTO",
    "OAB",
    "OABL",
    "PMCR",
    "MID",
    "GN",
    "SI",
    "PS",
    "FPS",
    "PUBM",
    "CP",
    "RF",
    "OCI",
    "OID",
    "SFM",
    "ISR",
    "CDAT",
    "CTDT",
    "DRDT",
    "ISSN",
    "CTI",
    "VTI",
    "AU",
    "ED",
    "IR",
    "AD",
    "AUID",
    "IRAD",
    "CN",
]

#: What MEDLINE cannot hold, with the reason.
UNMAPPED: dict[str, str] = {
    "dates(type=accessed)": "no access date", "dates(type=submitted)": "no submission date "
    "(PHST is a history kept as given)", "dates(type=accepted)": "no acceptance date",
    "dates(type=created)": "no creation date", "dates(type=updated)": "no update date",
    "dates(type=original)": "no date of the original", "series": "no series",
    "container.number": "no article number", "number": "no report number",
    "version": "no version", "number_of_pages": "no page count", "geo_locations": "no places",
    "relations": "only MEDLINE's comment, erratum, retraction and update links (as citations)",
    "related_items": "no related items", "attachments": "no attachments",
    "archive": "no archive", "event": "no events", "sizes": "no sizes", "formats": "no formats",
    "access_rights": "no access rights", "publication_status": "PST is kept as given",
    "peer_reviewed": "no peer-review flag", "et_al": "author lists are complete",
    "genre": "publication types only", "titles(type=subtitle)": "subtitles are part of TI",
    "titles(type=alternative)": "no alternative titles",
    "titles(type=short)": "no short titles of works (TA is the journal's)", "titles(type=other)": "no other titles",
    "publisher.identifiers": "no publisher ids", "identifiers(scheme=url)": "no URLs",
    "identifiers(scheme=arxiv)": "no arXiv ids", "identifiers(scheme=local)": "no local ids",
    "descriptions(type=other)": "abstracts and COI statements only", "citation_key": "no keys",
    "id": "no record ids but the PMID", "container.issued": "no date of the issue apart",
    "contributors.lang": "no name languages", "container.edition": "no container edition",
    "container.type": "the journal's kind is implied", "chapter": "no chapter numbers",
    "section": "no sections", "part": "no parts", "number_of_volumes": "no volume counts",
    "original": "no original publication", "container.identifiers(scheme=isbn)": "the ISBN "
    "of a book only", "container.publisher": "no container publisher",
}  # fmt: skip


def _rows(element_rows: tuple[FieldMap, ...]) -> tuple[FieldMap, ...]:
    return distinct_rows((r.field_map() for r in RULES), element_rows)


_TAG_ROWS = (
    *(
        FieldMap(t, "extras", "extras", "kept as given")
        for t in EXTRAS_TAGS
        if t not in ("AU", "ED", "IR", "AD", "AUID", "IRAD", "CN")
    ),
    FieldMap("AU", "contributors(role=author).family", "derived", "the short form of FAU"),
    FieldMap("ED", "contributors(role=editor).family", "derived", "the short form of FED"),
    FieldMap("IR", "contributors(role=contributor).family", "derived", "the short form of FIR"),
    FieldMap("AD", "contributors.affiliations", "exact", "one affiliation per line"),
    FieldMap("IRAD", "contributors.affiliations", "exact", "investigator affiliations"),
    FieldMap("AUID", "contributors.identifiers", "exact", "'ORCID: ...' as ORCID"),
    FieldMap("CN", "contributors(kind=organization)", "exact", "collective name"),
    FieldMap("CTI", "extras", "extras", "collection title, kept as given"),
    FieldMap("MH", "subjects.scheme", "exact", "MeSH for MH, none for OT"),
    FieldMap("VTI", "extras", "extras", "volume title, kept as given"),
)

CROSSWALK = Crosswalk(format="medline", fields=_rows(_TAG_ROWS), types=TYPES, unmapped=UNMAPPED)
