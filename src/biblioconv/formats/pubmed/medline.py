"""MEDLINE/nbib reader and writer (PubMed's "PubMed format" export, ``.nbib``).

Reading streams one record at a time through the tag tokenizer and the rule table; tags with no
home in the record are kept in its extras as given and written back by this writer. Writing
fills the tags from the rule table, reports what MEDLINE cannot hold by record path, and wraps
long values at 82 columns with six-space continuation lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from pydantic import ValidationError as PydanticValidationError

from biblioconv.crosswalk import foreign_extras
from biblioconv.errors import ParseError
from biblioconv.formats.pubmed.table import (
    CROSSWALK,
    EXTRAS_TAGS,
    RULE_TABLE,
    WriteState,
    hub_type,
    language_code,
    language_tag,
    native_fields,
    publication_type,
)
from biblioconv.formats.pubmed.tags import format_field, tokenize
from biblioconv.model import Record
from biblioconv.registry import ReadContext, WriteContext
from biblioconv.report import Code
from biblioconv.rules import RuleContext, uncarried

#: The list element a carried path is in: ``titles[3].text`` -> (titles, 3).
_ELEMENT = re.compile(r"([a-z_.]+)\[(\d+)\]")

__all__ = ["fields_to_record", "read", "write"]

#: The extras of both PubMed formats hold MEDLINE tags.
FAMILY = ("medline", "pubmed-xml")


def fields_to_record(native: dict[str, Any], rep: Any, fmt: str) -> Record:
    """Map a record's MEDLINE fields to a record by the rules."""
    data: dict[str, Any] = {}
    pts = native.get("PT", [])
    ctx = RuleContext(native_type=pts[0] if pts else None, fields=native, reporter=rep)
    RULE_TABLE.read(native, data, ctx)
    if "TI" not in native and "BTI" in native:  # a book: its title is the record's
        container = data.get("container", {})
        titles = container.pop("titles", [])
        if not container:
            data.pop("container", None)
        data["titles"] = [{**t, "type": "main"} for t in titles]
    ex: dict[str, Any] = {tag: native[tag] for tag in EXTRAS_TAGS if tag in native}
    if pts and pts != [publication_type(hub_type(pts))]:
        ex["PT"] = pts
    langs = native.get("LA", [])
    # The record has one language, a BCP 47 tag: every language, or a word written otherwise
    # than the code written back for its tag ("ENG", "English"), kept as given.
    if len(langs) > 1 or (langs and language_code(language_tag(langs[0])) != langs[0]):
        ex["LA"] = langs
    if ex:
        data["extras"] = {fmt: ex}
    if pts:
        data["native_types"] = {fmt: pts[0]}
    return Record.model_validate(data)


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """Read MEDLINE/nbib records one by one (streaming)."""

    def fallback(line: int) -> None:
        ctx.report.add(
            Code.ENCODING,
            "the input is not UTF-8; read as Windows-1252",
            source=ctx.source,
            line=line,
            source_format=ctx.format,
        )

    index = 0
    for raw in tokenize(stream, fallback):
        index += 1
        pmid = next((v for t, v, _ in raw.fields if t == "PMID"), None)
        rep = ctx.reporter(f"pmid:{pmid}" if pmid else f"#{index}", raw.line)
        if raw.problem is not None:
            rep.skip(raw.problem, what="record skipped", line=raw.problem_line)
            continue
        native = native_fields(raw.fields)
        for tag in native:
            if tag not in RULE_TABLE.sources and tag not in EXTRAS_TAGS:
                rep.add(
                    Code.UNKNOWN_FIELD, f"unknown tag {tag!r} kept in extras", tag, severity="info"
                )
        try:
            record = fields_to_record(native, rep, ctx.format)
        except (PydanticValidationError, ValueError) as exc:
            rep.skip_error(exc, what="unreadable record")
            continue
        unknown = {
            t: v
            for t, v in native.items()
            if t not in RULE_TABLE.sources and t not in EXTRAS_TAGS and t != "PT"
        }
        if unknown:
            record.extra(ctx.format).update(unknown)
        yield record
    if index == 0:
        raise ParseError("empty input: no MEDLINE record (PMID- ...)", source=ctx.source)


# -- writing ----------------------------------------------------------------------------------

#: The order tags are written in (PubMed's).
_ORDER = [
    "PMID",
    "OWN",
    "STAT",
    "DCOM",
    "LR",
    "DA",
    "IS",
    "VI",
    "IP",
    "DP",
    "TI",
    "TT",
    "BTI",
    "CTI",
    "VTI",
    "PG",
    "LID",
    "AB",
    "CI",
    "FAU",
    "FED",
    "FIR",
    "LA",
    "GR",
    "PT",
    "DEP",
    "PL",
    "TA",
    "JT",
    "JID",
    "RN",
    "NM",
    "SB",
    "MH",
    "OT",
    "OTO",
    "OAB",
    "OABL",
    "COIS",
    "CIN",
    "CON",
    "EIN",
    "EFR",
    "CRI",
    "CRF",
    "RIN",
    "ROF",
    "UIN",
    "UOF",
    "SPIN",
    "ORI",
    "RPI",
    "RPF",
    "ECI",
    "ECF",
    "PMC",
    "PMCR",
    "MID",
    "EDAT",
    "MHDA",
    "CRDT",
    "PHST",
    "AID",
    "PST",
    "PB",
    "EN",
    "ISBN",
    "SO",
]
_PEOPLE = {"FAU": ("FAU", "AU"), "FED": ("FED", "ED"), "FIR": ("FIR", "IR")}


def _lines(native: dict[str, Any]) -> str:
    out: list[str] = []
    tags = [t for t in _ORDER if t in native] + [t for t in native if t not in _ORDER]
    for tag in tags:
        values = native[tag]
        if tag in _PEOPLE:
            full, short = _PEOPLE[tag]
            for p in values:
                if "CN" in p:
                    out.append(format_field("CN", p["CN"]))
                    continue
                out.append(format_field(full, p["FAU"]))
                out.append(format_field(short, p["AU"]))
                for ad in p.get("AD", []):
                    out.append(format_field("AD", ad))
                for auid in p.get("AUID", []):
                    out.append(format_field("AUID", auid))
            continue
        for value in values if isinstance(values, list) else [values]:
            out.append(format_field(tag, str(value)))
    return "".join(out)


def _order(record: Record, carried: Any, rep: Any, named: set[str]) -> None:
    """List elements that read back at another position (MEDLINE's tag order, or after an
    element not written) are reported."""
    ranks: dict[str, list[int]] = {}
    seen: set[str] = set()
    for element in carried.elements:
        m = _ELEMENT.match(element)
        if m is None or m.group(0) in seen:
            continue
        seen.add(m.group(0))
        ranks.setdefault(m.group(1), []).append(int(m.group(2)))
    for name, order in ranks.items():
        for position, index in enumerate(order):
            path = f"{name}[{index}]"
            if position != index and path not in named:
                named.add(path)
                rep.add(
                    Code.VALUE_COERCED,
                    f"{path} reads back as {name}[{position}] "
                    "(MEDLINE's tag order; elements before it not written)",
                    path,
                )


class _Out:
    """The diagnostics of one record, each path named once."""

    def __init__(self, rep: Any) -> None:
        self.rep = rep
        self.named: set[str] = set()

    def say(self, code: Code, path: str, message: str) -> None:
        if path not in self.named:
            self.named.add(path)
            self.rep.add(code, message, path)


def record_fields(record: Record, rep: Any) -> dict[str, Any]:
    """The MEDLINE fields of a record, with what they do not carry reported on ``rep``."""
    st = WriteState(record)
    rctx = RuleContext(hub_type=record.type, record=record, reporter=rep, options=st)
    native, carried = RULE_TABLE.write(record, rctx)
    out = _Out(rep)
    ex: dict[str, Any] = {}
    for fmt in FAMILY:
        for key, value in record.extras.get(fmt, {}).items():
            ex.setdefault(key, value)
    pts = ex.get("PT")
    if isinstance(pts, list) and pts and hub_type([str(p) for p in pts]) == record.type:
        native["PT"] = [str(p) for p in pts]
        if "PT" not in record.extras.get("medline", {}):
            why = "PubMed XML's publication types read back as MEDLINE's"
            out.say(Code.VALUE_COERCED, "extras.pubmed-xml.PT", why)
            out.say(Code.VALUE_COERCED, "extras.medline.PT", why)
    if hub_type(native.get("PT", [])) != record.type:
        out.say(
            Code.TYPE_APPROXIMATED,
            "type",
            f"type {record.type!r} written as publication type {native['PT'][0]!r}",
        )
    langs = ex.get("LA")
    if (
        isinstance(langs, list)
        and langs
        and all(isinstance(v, str) for v in langs)
        and language_tag(langs[0]) == record.language
    ):  # the languages as read (the record's first)
        native["LA"] = list(langs)
        if "LA" not in record.extras.get("medline", {}):
            why = "a PubMed XML field written as its MEDLINE tag reads back as MEDLINE's"
            out.say(Code.VALUE_COERCED, "extras.pubmed-xml.LA", why)
            out.say(Code.VALUE_COERCED, "extras.medline.LA", why)
    for key, value in ex.items():
        if key == "PT" or (key == "LA" and native.get("LA") == langs):
            continue
        tag_like = key in EXTRAS_TAGS or (key.isupper() and len(key) <= 4 and key not in native)
        if tag_like and isinstance(value, list) and all(isinstance(v, str) for v in value):
            native.setdefault(key, value)
            if key not in record.extras.get("medline", {}):  # read back as MEDLINE's own
                why = "a PubMed XML field written as its MEDLINE tag reads back as MEDLINE's"
                out.say(Code.VALUE_COERCED, f"extras.pubmed-xml.{key}", why)
                out.say(Code.VALUE_COERCED, f"extras.medline.{key}", why)
            continue
        src = "medline" if key in record.extras.get("medline", {}) else "pubmed-xml"
        out.say(Code.FIELD_DROPPED, f"extras.{src}.{key}", f"{key!r} is not written")
    for path, why in st.approx.items():
        out.say(Code.VALUE_COERCED, path, why)
    for path, source in sorted(carried.approx.items()):
        out.say(Code.VALUE_COERCED, path, f"written approximately as MEDLINE {source}")
    for path in uncarried(record, carried, skip=("extras", "native_types")):
        reason = CROSSWALK.reason(record, path)
        out.say(
            Code.FIELD_DROPPED,
            path,
            f"no MEDLINE tag for {path}" + (f" ({reason})" if reason else ""),
        )
    for other, names in foreign_extras(record, FAMILY).items():
        out.say(
            Code.FIELD_DROPPED,
            f"extras.{other}",
            f"{other}-only fields not written: " + ", ".join(names),
        )
    _order(record, carried, rep, out.named)
    return native


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write records as MEDLINE/nbib, a blank line between records."""
    first = True
    for record in records:
        native = record_fields(record, ctx.reporter(record.label))
        if not first:
            stream.write(b"\n")
        stream.write(_lines(native).encode("utf-8"))
        first = False
        ctx.report.count("written")
