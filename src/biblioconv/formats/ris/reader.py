"""RIS reader: raw records from the tokenizer, mapped through the tag table to hub records.

Streaming (one record in memory at a time). A broken record (no ``TY`` before its first tag, a
field over the size limits, too many names, a value the model refuses) is skipped and reported
with its line; the rest are converted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import IO, Any, get_origin

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from biblioconv.dates import SEASONS, parse_date
from biblioconv.formats.ris.crosswalk import (
    BOOKS,
    CROSSWALK,
    JOURNALS,
    LANGUAGES,
    PARTS,
    REPORTS,
    SLOT_HOMES,
    slot_table,
)
from biblioconv.formats.ris.names import parse_name
from biblioconv.formats.ris.sniff import sniff
from biblioconv.formats.ris.tokenizer import RawField, RawRecord, tokenize
from biblioconv.identifiers import classify, normalize, split_isbn_issn
from biblioconv.model import PageRange, Record
from biblioconv.registry import ReadContext
from biblioconv.report import Code

__all__ = ["read", "sniff"]


# -- small tables ----------------------------------------------------------------------------------

_LISTS = frozenset(
    name for name, f in Record.model_fields.items() if get_origin(f.annotation) is list
)


def _filtered(prefix: str) -> dict[str, str]:
    """Slot -> the filter value of its home, for homes ``prefix...)`` (``contributors(role=``)."""
    return {
        name: slot.home[len(prefix) : -1]
        for name, slot in SLOT_HOMES.items()
        if slot.home.startswith(prefix) and slot.home.endswith(")")
    }


def _single(home: str) -> tuple[str, ...] | None:
    """Where a one-value slot goes in the record data (``@kind``: a title of that kind), from
    its home; None for homes in lists."""
    *head, last = home.split(".")
    if head and last == "text" and head[-1].startswith("titles(type="):
        head, last = head[:-1], "@" + head[-1][len("titles(type=") : -1]
    if any("(" in h for h in head) or "(" in last or (head or [last])[0] in _LISTS:
        return None
    return (*head, last)


_ROLE_OF_SLOT = _filtered("contributors(role=")
_ATTACHMENT_KINDS = _filtered("attachments(kind=")
_SINGLE = {
    name: path
    for name, slot in SLOT_HOMES.items()
    if slot.home != "extras" and (path := _single(slot.home)) is not None
}
"""Slots of one value and where they go (from :data:`SLOT_HOMES`)."""

_ISSUE_LIKE = re.compile(r"(?=.*\d)[\w.\-/ ]{1,12}")
_ID_TOKEN = re.compile(r"[\dXx-]{8,17}")
_SN_LABEL = re.compile(r"^(.*?)\s*\(([^)]*)\)\s*$")
_SN_LABELS = {
    "issn": "ISSN",
    "print": "ISSN",
    "pissn": "ISSN",
    "eissn": "eISSN",
    "e-issn": "eISSN",
    "electronic": "eISSN",
    "online": "eISSN",
    "linking": "ISSN-L",
    "issn-l": "ISSN-L",
    "isbn": "ISBN",
}
_MULTILINE = frozenset(
    {
        "abstract",
        "note",
        "research_note",
        "url",
        "attach_pdf",
        "attach_fulltext",
        "attach_related",
        "attach_image",
    }
)
"""Slots whose continuation lines stay separate lines (other values are joined with a space)."""
_SN_SPLIT = re.compile(r"[;,\n]")
_PMCID = re.compile(r"(?i)pmc\s*\d+")
_PMID = re.compile(r"\d{1,9}")
_YEAR = re.compile(r"\d{4}")
_split_isbn_issn = lru_cache(maxsize=1024)(split_isbn_issn)
"""ISSN or ISBN of an SN value (journals repeat theirs from record to record)."""
_URL_SPLIT = re.compile(r"\s*;\s*(?=(?:https?|ftp)://)")
_SEASON_WORDS = {k.capitalize(): v for k, v in SEASONS.items()}

# -- vendor profiles -------------------------------------------------------------------------------

VENDOR_DOCUMENT_TYPES = frozenset(
    {
        "abstract",
        "academic journal",
        "article",
        "article in press",
        "book",
        "book chapter",
        "book review",
        "conference abstract",
        "conference paper",
        "conference review",
        "correction",
        "data paper",
        "editorial",
        "editorial material",
        "erratum",
        "journal article",
        "journal: article",
        "journal: review",
        "letter",
        "meeting abstract",
        "note",
        "proceedings paper",
        "retracted",
        "review",
        "short survey",
        "survey",
    }
)
"""Document types of Scopus, Embase, Web of Science, EBSCO and Ovid (M3, compared case-blind):
the database's classification of a record, never a type of work a citation prints."""
_CLASSIFICATION = re.compile(r".+\[\d{4}\]")
"""An Ovid PsycINFO classification code in M3, e.g. ``Health Psychology & Medicine [3360]``."""

_REFERENCE = re.compile(r"^.{12,}\((?:1[5-9]|20)\d\d[a-z]?\)\.? .{12,}")
"""A cited reference ("Achenbach, T. (1991). Child Behavior Checklist..."), never an issue."""

_BOOKKEEPING = re.compile(
    r"(?:Export Date|CODEN|Cited By|Correspondence Address|Funding details|Funding text"
    r"|References|Chemicals/CAS|Tradenames|Manufacturers|Molecular Sequence Numbers"
    r"|Sequence Numbers)[\s\d]*:|(?:Date revised|Last updated|Date created) - "
)
"""Notes (N1) that are a database's bookkeeping: Scopus's export date, CODEN, correspondence
address, funding details and reference list; ProQuest's revision dates."""

NON_VALUES = frozenset({"nan"})
"""Values that mean "no value" in any tag (spreadsheet and pandas exports write ``nan``)."""
_LOCATOR_TAGS = frozenset(
    {"SP", "EP", "VL", "IS", "CP", "C7", "DO", "SN", "PY", "Y1", "DA", "M1", "NV"}
)
_LOCATOR_NON_VALUES = NON_VALUES | frozenset(
    {"null", "none", "n/a", "na", "-", "--", "\u2013", "\u2014", "?"}
)
"""In locators, identifiers and dates also the placeholders of vendors and spreadsheets."""
_NON_VALUE_CHARS = max(map(len, _LOCATOR_NON_VALUES))
_PAGE_TAGS = frozenset({"SP", "EP"})
_OVID_NO_PAGES = re.compile(r"(?i)(?:pagination\s+)?specified")
_NO_PAGES = re.compile(
    r"(?i)no\s+pagination(?:\s+specified)?|pagination\s+not\s+specified|no\s+page\s+numbers?"
    r"|not\s+paginated|unpaginated|n\.\s?pag\.?"
)
"""Page text that says there are no pages (Ovid: ``No Pagination Specified``)."""


_VENDOR_TAGS = frozenset({"DB", "UR", "AN"})


def _vendor(raw: RawRecord) -> str | None:
    """The database a record was exported from, as far as its fields tell (``scopus``, ``wos``)."""
    for f in raw.fields:
        tag = f.tag
        if tag not in _VENDOR_TAGS:
            continue
        if tag == "DB":
            if f.value.lower().strip() == "scopus":
                return "scopus"
        elif tag == "UR":
            if "scopus.com/" in f.value.lower():
                return "scopus"
        elif tag == "AN" and f.value.lower().startswith("wos:"):
            return "wos"
    return None


class _Builder:
    """Collects one record's values slot by slot, then resolves them into a Record."""

    def __init__(self, raw: RawRecord, ctx: ReadContext, label: str, split_keywords: bool) -> None:
        self.raw = raw
        self.ctx = ctx
        self.label = label
        self.rep = ctx.reporter(label, raw.line)
        self.split_keywords = split_keywords
        self.data: dict[str, Any] = {}
        self.extras: dict[str, Any] = {}
        self.slots: dict[str, list[RawField]] = {}
        self.contributors: list[dict[str, Any]] = []
        self.identifiers: list[dict[str, Any]] = []
        self.container_ids: list[dict[str, Any]] = []
        self.names = 0
        self.max_names = ctx.limits.max_names

    def heuristic(self, message: str, f: RawField) -> None:
        self.rep.add(Code.HEURISTIC_APPLIED, message, f.tag, severity="info", line=f.line)

    def extra(self, f: RawField) -> None:
        old = self.extras.get(f.tag)
        if old is None:
            self.extras[f.tag] = f.value
        elif isinstance(old, list):
            old.append(f.value)
        else:
            self.extras[f.tag] = [old, f.value]

    # -- the pass over the fields -----------------------------------------------------------------

    def build(self) -> Record:
        ty_field = self.raw.fields[0]
        ty = ty_field.value.strip().upper()
        if not ty:
            self.rep.add(
                Code.INVALID_VALUE, "empty TY: read as GEN", ty_field.tag, line=ty_field.line
            )
            ty = "GEN"
        hub = CROSSWALK.type_to_hub(ty)
        if hub is None:
            self.rep.add(
                Code.INVALID_VALUE,
                f"unknown TY {ty!r}: read as a generic document",
                ty_field.tag,
                line=ty_field.line,
            )
            hub = "document"
        self.ty = ty
        self.data["type"] = hub
        self.data["native_types"] = {self.ctx.format: ty}
        self._collect(slot_table(ty), ())
        self._ebsco_subtitle()
        keep, skip = _Builder._keep, _Builder._skip
        for slot, fields in self.slots.items():
            fill = _FILL.get(slot, keep)
            if fill is skip:
                continue
            for f in fields:
                fill(self, f, slot)
        self._journal()
        self._dates()
        self._pages()
        return self._finish()

    def _collect(self, slots: dict[str, str], dropped: tuple[RawField, ...]) -> None:
        """Group the fields after ``TY`` by slot, in one pass: empty ones and vendors'
        non-values are left out (reported), those without a home are kept verbatim in the
        extras (an unknown tag reported). Reports and changes wait until the pass is done, so a
        pass can be redone without the two fields of Ovid's split "No Pagination Specified"
        (``dropped``)."""
        collected = self.slots
        sp = ep = None  # the first SP and EP with a value
        nons: list[RawField] = []  # values that mean "no value"
        verbatim: list[RawField] = []  # fields without a home, in their order
        joined: list[RawField] = []  # values whose continuation lines are joined with a space
        vendor: str | None = ""  # the exporting database, looked up at the first C7
        for f in self.raw.fields[1:]:
            v = f.value
            if not v or (dropped and (f is dropped[0] or f is dropped[1])):
                continue
            tag = f.tag
            if tag == "SP":
                if sp is None:
                    sp = f
            elif tag == "EP" and ep is None:
                ep = f
            # only short values (casefold never shortens a text) and pages can be non-values,
            # and none starts with a digit (the tokenizer strips every value)
            if (
                (len(v) <= _NON_VALUE_CHARS or tag in _PAGE_TAGS)
                and not "0" <= v[0] <= "9"
                and _is_non_value(tag, v)
            ):
                nons.append(f)
                continue
            slot = slots.get(tag)
            if slot is None:
                verbatim.append(f)
                continue
            if slot == "extras" or slot == "address":
                if slot == "address" or tag != "C7":
                    verbatim.append(f)
                    continue
                if vendor == "":
                    vendor = _vendor(self.raw)
                if vendor != "scopus" and vendor != "wos":
                    verbatim.append(f)
                    continue
                slot = "article_number"  # these databases write the article number in C7 always
            if "\n" in v and slot not in _MULTILINE:
                joined.append(f)
            group = collected.get(slot)
            if group is None:
                collected[slot] = [f]
            else:
                group.append(f)
        if (
            not dropped
            and sp is not None
            and ep is not None
            and sp.value.strip().lower() == "no"
            and _OVID_NO_PAGES.fullmatch(ep.value.strip())
        ):
            # Ovid splits "No Pagination Specified" into SP and EP
            self.rep.add(
                Code.HEURISTIC_APPLIED,
                f"SP {sp.value!r} / EP {ep.value!r} (No Pagination Specified) is a "
                "non-value: dropped",
                sp.tag,
                severity="info",
                line=sp.line,
            )
            collected.clear()
            self._collect(slots, (sp, ep))
            return
        for f in nons:
            self.rep.add(
                Code.HEURISTIC_APPLIED,
                f"{f.tag} {f.value!r} is a non-value: dropped",
                f.tag,
                severity="info",
                line=f.line,
            )
        for f in verbatim:
            self.extra(f)
            if f.tag not in slots:
                self.rep.add(
                    Code.UNKNOWN_FIELD,
                    f"unknown tag {f.tag}: kept verbatim",
                    f.tag,
                    severity="info",
                    line=f.line,
                )
        for f in joined:
            f.value = " ".join(f.value.split("\n"))

    def _ebsco_subtitle(self) -> None:
        t2 = [f for f in self.slots.get("container_title", []) if f.tag == "T2"]
        t2 += [f for f in self.slots.get("series_title", []) if f.tag == "T2"]
        if not t2:
            return
        source = " ".join(
            f.value for s in ("database", "provider", "url") for f in self.slots.get(s, [])
        ).lower()
        if "ebsco" not in source:
            return
        journal_tags = {
            f.tag
            for s in ("container_title", "container_short", "journal")
            for f in self.slots.get(s, [])
        }
        if self.ty in JOURNALS and not journal_tags & {"JO", "JF", "JA"}:
            return  # the journal is in T2 itself
        for f in t2:
            for s in ("container_title", "series_title"):
                if f in self.slots.get(s, []):
                    self.slots[s].remove(f)
            self.slots.setdefault("subtitle", []).append(f)
            self.heuristic("T2 read as the subtitle (EBSCO export)", f)

    def _put(self, path: tuple[str, ...], f: RawField, value: str) -> None:
        target = self.data
        for key in path[:-1]:
            target = target.setdefault(key, {})
        key = path[-1]
        if key.startswith("@"):
            kind = key[1:]
            titles = target.setdefault("titles", [])
            if any(t["type"] == kind for t in titles):
                self._overflow(f, value, next(t["text"] for t in titles if t["type"] == kind))
                return
            titles.append({"text": value, "type": kind})
            return
        if key in target:
            self._overflow(f, value, target[key])
            return
        target[key] = value

    def _overflow(self, f: RawField, value: str, kept: Any) -> None:
        if isinstance(kept, str) and kept.casefold() == value.casefold():
            self.rep.add(
                Code.DUPLICATE,
                f"repeats the value of an earlier tag: {value!r}",
                f.tag,
                severity="info",
                line=f.line,
            )
            return
        self.extra(f)
        self.rep.add(
            Code.DUPLICATE,
            f"a second value for the same field: kept verbatim ({value!r})",
            f.tag,
            severity="info",
            line=f.line,
        )

    def _titles(self, kind: str, f: RawField) -> None:
        titles = self.data.setdefault("titles", [])
        if kind in ("main", "short", "translated") and any(t["type"] == kind for t in titles):
            kept = next(t["text"] for t in titles if t["type"] == kind)
            self._overflow(f, f.value, kept)
            return
        titles.append({"text": f.value, "type": kind})

    # -- one filler per slot (see _FILL) ----------------------------------------------------------

    def _skip(self, f: RawField, slot: str) -> None:
        """Dates, pages and journal names are resolved together after the pass."""

    def _keep(self, f: RawField, slot: str) -> None:
        self.extra(f)

    def _title(self, f: RawField, slot: str) -> None:
        self._titles(_TITLE_KINDS[slot], f)

    def _role(self, f: RawField, slot: str) -> None:
        self.names += 1
        if self.names > self.max_names:
            raise _Broken(f"more than {self.max_names} names", f.line)
        fields, heuristic = parse_name(f.value, _ROLE_OF_SLOT[slot])
        if heuristic:
            self.heuristic(f"name {f.value!r}: {heuristic}", f)
        self.contributors.append(fields)

    def _single_value(self, f: RawField, slot: str) -> None:
        self._put(_SINGLE[slot], f, f.value)

    def _language(self, f: RawField, slot: str) -> None:
        v = f.value
        self._put(("language",), f, LANGUAGES.get(v.lower(), v))

    def _m1_issue(self, f: RawField, slot: str) -> None:
        v = f.value
        issue = self.data.get("container", {}).get("issue")
        if issue is None and "issue" not in self.slots and _ISSUE_LIKE.fullmatch(v):
            self._put(("container", "issue"), f, v)
            self.heuristic("M1 read as the issue (short value, no IS)", f)
        else:
            self.extra(f)

    def _issue(self, f: RawField, slot: str) -> None:
        if _REFERENCE.search(f.value):
            self.extra(f)
            self.heuristic(
                f"{f.tag} holds a reference, not an issue (an Ovid M1 taken for the issue): "
                "kept verbatim",
                f,
            )
        else:
            self._put(_SINGLE[slot], f, f.value)

    def _genre(self, f: RawField, slot: str) -> None:
        v = f.value
        hit = classify(v)
        if hit and hit[0] == "doi" and hit[2]:
            self._identifier("doi", v, f, own=True)
            self.heuristic("M3 holds a DOI: read as the DOI", f)
        elif slot == "doc_type" or _is_document_type(v):
            self.extra(f)
            self.heuristic(
                f"M3 {v!r} is the database's document type, not a type of work: kept "
                "verbatim, not as the genre",
                f,
            )
        else:
            self._put(("genre",), f, v)

    def _note(self, f: RawField, slot: str) -> None:
        v = f.value
        if _BOOKKEEPING.match(v):
            self.extra(f)
            self.heuristic(
                f"N1 {v.split(':')[0].split(' - ')[0]!r} is the database's bookkeeping, not a "
                "note: kept verbatim",
                f,
            )
        else:
            self._description(f, slot)

    def _description(self, f: RawField, slot: str) -> None:
        v = f.value
        kind = _DESCRIPTION_KINDS[slot]
        descs = self.data.setdefault("descriptions", [])
        for d in descs:
            if d["type"] == kind and d["text"] == v:
                self.rep.add(
                    Code.DUPLICATE,
                    "repeats an earlier description",
                    f.tag,
                    severity="info",
                    line=f.line,
                )
                return
        descs.append({"text": v, "type": kind})

    def _keyword(self, f: RawField, slot: str) -> None:
        v = f.value
        subjects = self.data.setdefault("subjects", [])
        if self.split_keywords and ";" in v:
            terms = [t.strip() for t in v.split(";") if t.strip()]
            self.heuristic(f"keyword line split at ';' into {len(terms)} keywords", f)
            subjects.extend({"term": t} for t in terms)
        else:
            subjects.append({"term": v})

    def _doi(self, f: RawField, slot: str) -> None:
        self._identifier("doi", f.value, f, own=True)

    def _attachment(self, f: RawField, slot: str) -> None:
        kind = _ATTACHMENT_KINDS[slot]
        for url in f.value.split("\n"):
            url = url.strip()
            if url:
                self.data.setdefault("attachments", []).append({"url": url, "kind": kind})

    # -- identifiers ------------------------------------------------------------------------------

    def _identifier(
        self,
        scheme: str,
        value: str,
        f: RawField,
        *,
        own: bool,
        checked: tuple[str, bool | None] | None = None,
    ) -> None:
        if checked is None:  # URLs are checked by the model itself; no need to do it twice
            checked = (value, None) if scheme == "url" else normalize(scheme, value)
        norm, valid = checked
        target = self.identifiers if own else self.container_ids
        if any(i["scheme"] == scheme and i["value"] == norm for i in target):
            self.rep.add(
                Code.DUPLICATE, f"{scheme} {norm} given twice", f.tag, severity="info", line=f.line
            )
            return
        if valid is False:
            self.rep.add(
                Code.INVALID_VALUE,
                f"{scheme} {value!r} fails its check; kept as given",
                f.tag,
                line=f.line,
            )
        target.append({"scheme": scheme, "value": norm})

    def _sn(self, f: RawField, slot: str) -> None:
        pieces: list[str] = []
        v = f.value
        split = _SN_SPLIT.split(v) if ";" in v or "," in v or "\n" in v else [v]
        for p in split:
            words = p.split()
            if len(words) > 1 and all(_ID_TOKEN.fullmatch(w) for w in words):
                pieces.extend(words)
            elif p.strip():
                pieces.append(p.strip())
        for piece in pieces:
            text = piece
            m = _SN_LABEL.match(piece) if "(" in piece else None
            if m and m.group(2).strip().lower() in _SN_LABELS:
                text = f"{_SN_LABELS[m.group(2).strip().lower()]} {m.group(1)}"
            hit = _split_isbn_issn(text)
            if hit is None:
                if self.ty in REPORTS or self.ty == "PAT":
                    self._put(("number",), f, piece)
                else:
                    self.extra(RawField(f.tag, piece, f.line))
                    self.rep.add(
                        Code.INVALID_VALUE,
                        f"SN {piece!r} is neither ISSN nor ISBN: kept verbatim",
                        f.tag,
                        line=f.line,
                    )
                continue
            scheme, norm, valid = hit
            if scheme == "isbn":
                own = not (self.ty in PARTS or self.ty in ("CPAPER", "CONF"))
            else:
                own = self.ty in ("JFULL", "SER")
            self._identifier(scheme, text, f, own=own, checked=(norm, valid))

    def _urls(self, f: RawField, slot: str) -> None:
        urls = [
            u
            for line in f.value.split("\n")
            for u in (_URL_SPLIT.split(line.strip()) if ";" in line else (line.strip(),))
            if u
        ]
        if len(urls) > 1:
            self.heuristic(f"UR holds {len(urls)} URLs: split", f)
        for u in urls:
            hit = classify(u) if "doi" in u.lower() else None
            if (
                hit
                and hit[0] == "doi"
                and hit[2]
                and "DO" not in {x.tag for x in self.raw.fields}
                and not any(i["scheme"] == "doi" for i in self.identifiers)
            ):
                self.identifiers.append({"scheme": "doi", "value": hit[1]})
                self.heuristic("DOI taken from a doi.org URL in UR", f)
            self._identifier("url", u, f, own=True)

    def _pmcid(self, f: RawField, slot: str) -> None:
        v = f.value.strip()
        if _PMCID.fullmatch(v):
            self._identifier("pmcid", v, f, own=True)
        elif _PMID.fullmatch(v):
            self._identifier("pmid", v, f, own=True)
            self.heuristic("C2 holds a bare number: read as a PubMed id (Scopus)", f)
        else:
            self.extra(f)

    # -- journal names, dates, pages --------------------------------------------------------------

    def _journal(self) -> None:
        for f in self.slots.get("journal", []):
            container = self.data.setdefault("container", {})
            titles = container.setdefault("titles", [])
            main = next((t["text"] for t in titles if t["type"] == "main"), None)
            short = next((t["text"] for t in titles if t["type"] == "short"), None)
            if main is None:
                titles.append({"text": f.value, "type": "main"})
            elif main.casefold() == f.value.casefold() or (
                short is not None and short.casefold() == f.value.casefold()
            ):
                self.rep.add(
                    Code.DUPLICATE,
                    "JO repeats the journal title",
                    f.tag,
                    severity="info",
                    line=f.line,
                )
            elif short is None:
                titles.append({"text": f.value, "type": "short"})
            else:
                self._overflow(f, f.value, main)

    def _ris_date(self, text: str, type_: str, f: RawField, year: int | None) -> dict[str, Any]:
        """``YYYY``, ``YYYY/MM/DD/other``, ``YYYY///Spring``, ISO and free-text dates."""
        if len(text) == 4 and "1000" <= text <= "2999" and text.isascii() and text.isdigit():
            return {"type": type_, "start": {"year": int(text)}}  # a year, as parse_date reads it
        parts = text.split("/", 3)
        if len(parts) >= 2 and _YEAR.fullmatch(parts[0].strip()):
            try:
                y = int(parts[0])
                mo = int(parts[1]) if parts[1].strip() else None
                d = int(parts[2]) if len(parts) > 2 and parts[2].strip() else None
            except ValueError:
                pass
            else:
                if (mo is not None and not 1 <= mo <= 12) or (d is not None and not 1 <= d <= 31):
                    self.rep.add(
                        Code.INVALID_VALUE,
                        f"impossible date {text!r}: kept as text",
                        f.tag,
                        severity="warning",
                        line=f.line,
                    )
                    return {"type": type_, "literal": text}
                other = parts[3].strip() if len(parts) > 3 else ""
                start: dict[str, Any] = {"year": y}
                if mo is not None:
                    start["month"] = mo
                    if d is not None:
                        start["day"] = d
                out: dict[str, Any] = {"type": type_, "start": start}
                if other:
                    season = _SEASON_WORDS.get(other.capitalize())
                    if season and mo is None:
                        start["season"] = season
                    else:
                        out["information"] = other
                return out
        value = parse_date(text, type_)
        parsed = text  # the text the date was read from
        if value.literal and year is not None:
            parsed = f"{text} {year}"
            retry = parse_date(parsed, type_)
            if retry.start is not None:
                self.heuristic(f"date {text!r} has no year: year {year} taken from PY", f)
                value = retry
            else:
                parsed = text
        if value.literal:
            self.rep.add(
                Code.INVALID_VALUE,
                f"date {text!r} not understood: kept as text",
                f.tag,
                severity="info",
                line=f.line,
            )
        data = _date_data(parsed, type_)
        return {k: dict(v) if type(v) is dict else v for k, v in data.items()} | {"type": type_}

    def _dates(self) -> None:
        fields = self.slots.get("date", [])
        if len(fields) == 1:  # the one date is the date
            f = fields[0]
            self.data.setdefault("dates", []).append(self._ris_date(f.value, "issued", f, None))
        elif fields:
            parsed: list[tuple[RawField, dict[str, Any]]] = []
            year: int | None = None
            for f in sorted(fields, key=_is_da):  # PY/Y1 first: they give the year
                d = self._ris_date(f.value, "issued", f, year)
                parsed.append((f, d))
                if year is None:
                    y = d.get("start", {}).get("year")
                    if isinstance(y, int):
                        year = y

            # PY/Y1 give the year; a DA of another year is not the publication date
            fitting = [p for p in parsed if p[1].get("start", {}).get("year") in (None, year)]
            best_f, best = max(fitting or parsed, key=_rank)
            self.data.setdefault("dates", []).append(best)
            bstart = best.get("start") or {}
            for f, d in parsed:
                if f is best_f:
                    continue
                start = d.get("start") or {}
                subsumed = (
                    not d.get("literal")
                    and start.get("year") == bstart.get("year")
                    and start.get("month") in (None, bstart.get("month"))
                    and start.get("day") in (None, bstart.get("day"))
                    and start.get("season") in (None, bstart.get("season"))
                    and d.get("information") in (None, best.get("information"))
                )
                if not subsumed:
                    self._overflow(f, f.value, best_f.value)
        for f in self.slots.get("accessed", [])[:1]:
            self.data.setdefault("dates", []).append(self._ris_date(f.value, "accessed", f, None))
        for f in self.slots.get("accessed", [])[1:]:
            self._overflow(f, f.value, "")

    def _pages(self) -> None:
        sp = self.slots.get("start_page", [])
        ep = self.slots.get("end_page", [])
        if not sp and not ep:
            return
        pages: dict[str, Any] = {}
        if sp:
            f = sp[0]
            pages = PageRange.parse_data(f.value)
            if "last" in pages:
                self.heuristic(f"SP {f.value!r} holds a page range: split", f)
            for extra in sp[1:]:
                self._overflow(extra, extra.value, f.value)
        if ep:
            f = ep[0]
            if "literal" in pages:
                self._overflow(f, f.value, pages["literal"])
            elif "last" in pages and pages["last"] != f.value:
                self._overflow(f, f.value, pages["last"])
            else:
                pages["last"] = f.value
            for extra in ep[1:]:
                self._overflow(extra, extra.value, f.value)
        if pages.get("first") is not None and pages.get("first") == pages.get("last"):
            f = (ep or sp)[0]
            self.heuristic(
                f"pages {pages['first']}-{pages['last']} are the one page {pages['first']}", f
            )
            del pages["last"]
        if pages:
            self.data.setdefault("container", {})["pages"] = pages

    # -- the record -------------------------------------------------------------------------------

    def _finish(self) -> Record:
        if self.contributors:
            self.data["contributors"] = self.contributors
        if self.identifiers:
            self.data["identifiers"] = self.identifiers
        if self.container_ids:
            self.data.setdefault("container", {})["identifiers"] = self.container_ids
        container = self.data.get("container")
        if container is not None and container.get("number") and "number_type" not in container:
            container["number_type"] = "Article"  # the one number RIS has: C7, article number
        if container is not None and "type" not in container:
            if self.ty in JOURNALS:
                container["type"] = "periodical"
            elif self.ty in PARTS:
                container["type"] = "book"
            elif self.ty in ("CPAPER", "CONF"):
                container["type"] = "proceedings"
        if self.ty in BOOKS and "series" in self.data:
            self.data["series"].setdefault("type", "book")
        if self.extras:
            self.data["extras"] = {self.ctx.format: self.extras}
        return Record.model_validate(self.data)


_TITLE_KINDS = {
    "title": "main",
    "subtitle": "subtitle",
    "short_title": "short",
    "translated_title": "translated",
}
_DESCRIPTION_KINDS = {"abstract": "abstract", "note": "note", "research_note": "annotation"}
_FILL: dict[str, Callable[[_Builder, RawField, str], None]] = {
    **dict.fromkeys(_SINGLE, _Builder._single_value),
    **dict.fromkeys(("date", "accessed", "start_page", "end_page", "journal"), _Builder._skip),
    **dict.fromkeys(_TITLE_KINDS, _Builder._title),
    **dict.fromkeys(_ROLE_OF_SLOT, _Builder._role),
    "language": _Builder._language,
    "m1_issue": _Builder._m1_issue,
    "issue": _Builder._issue,
    "genre": _Builder._genre,
    "doc_type": _Builder._genre,
    "note": _Builder._note,
    "abstract": _Builder._description,
    "research_note": _Builder._description,
    "keyword": _Builder._keyword,
    "sn": _Builder._sn,
    "doi": _Builder._doi,
    "url": _Builder._urls,
    "pmcid": _Builder._pmcid,
    **dict.fromkeys(_ATTACHMENT_KINDS, _Builder._attachment),
}
"""Slot -> how its values are read (a slot not named here is kept verbatim in the extras)."""


@lru_cache(maxsize=1024)
def _date_data(text: str, type_: str) -> dict[str, Any]:
    """What :func:`parse_date` makes of a date, as record data (cached: years repeat from record to
    record; callers copy it)."""
    return parse_date(text, type_).model_dump(exclude_defaults=True)


def _is_da(f: RawField) -> bool:
    return f.tag == "DA"


def _rank(item: tuple[RawField, dict[str, Any]]) -> int:
    """How much a parsed date tells (the most precise one is the record's date)."""
    d = item[1]
    start = d.get("start") or {}
    return (
        ("day" in start) * 8
        + ("month" in start) * 4
        + ("season" in start) * 2
        + ("information" in d) * 2
        + (not d.get("literal"))
    )


def _is_non_value(tag: str, value: str) -> bool:
    """Whether a field's value means "no value"."""
    text = value.strip().casefold()
    return (
        text in NON_VALUES
        or (tag in _LOCATOR_TAGS and text in _LOCATOR_NON_VALUES)
        or (tag in _PAGE_TAGS and _NO_PAGES.fullmatch(text) is not None)
    )


def _is_document_type(value: str) -> bool:
    """Whether an M3 value is a database's document type or classification, not a type of work."""
    text = value.strip()
    if text.casefold() in VENDOR_DOCUMENT_TYPES or _CLASSIFICATION.fullmatch(text):
        return True
    parts = [
        p.strip().casefold() for p in text.split(";")
    ]  # Ovid MEDLINE: "Review; Journal Article"
    return len(parts) > 1 and all(p in VENDOR_DOCUMENT_TYPES for p in parts)


class _Broken(Exception):
    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def _label(raw: RawRecord, index: int) -> str:
    rid = next((f.value for f in raw.fields if f.tag == "ID" and f.value), None)
    return rid or f"#{index}"


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read RIS records one by one (streaming)."""
    options: BaseModel = ctx.options
    encoding = getattr(options, "encoding", None)
    split_keywords = bool(getattr(options, "split_keywords", True))
    index = 0
    for raw in tokenize(stream, ctx, encoding=encoding):
        index += 1
        label = _label(raw, index)
        if raw.problem is not None:
            ctx.reporter(label, raw.problem_line or raw.line).skip(
                raw.problem, what="record skipped"
            )
            continue
        try:
            record = _Builder(raw, ctx, label, split_keywords).build()
        except _Broken as exc:
            ctx.reporter(label, exc.line).skip(exc.reason, what="record skipped")
            continue
        except PydanticValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            ctx.reporter(label, raw.line).skip(
                f"invalid value at {where}: {first.get('msg')}", what="record skipped"
            )
            continue
        yield record
