"""Tab-separated reference lists: a worked example of a biblioconv format plugin."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO

from pydantic import BaseModel, ConfigDict, Field

from biblioconv.crosswalk import LOSS_ROWS, Crosswalk, FieldMap, TypeMap, covers
from biblioconv.dates import parse_date
from biblioconv.errors import ParseError
from biblioconv.model import Contributor, DateValue, PageRange, Record
from biblioconv.registry import FormatSpec, NoOptions, ReadContext, WriteContext
from biblioconv.report import Code
from biblioconv.rules import Rule, RuleContext, RuleTable, uncarried
from biblioconv.splitting import Chunk, SplitContext, TextChunker, Unsplittable
from biblioconv.validation import Problem, ValidationContext, read_problems


def _authors_in(cell: str, ctx: RuleContext) -> list[dict[str, object]] | None:
    people = []
    for name in filter(None, (n.strip() for n in cell.split(";"))):
        family, _, given = name.partition(",")
        people.append({"family": family.strip(), "given": given.strip() or None})
    return people or None


def _authors_out(people: list[Contributor], ctx: RuleContext) -> str | None:
    names = [
        f"{a.family}, {a.given}" if a.given else (a.family or a.literal or "")
        for a in people
        if a.family or a.literal
    ]
    return "; ".join(names) or None


def _author_parts(person: Contributor) -> tuple[str, ...] | None:
    """What a row holds of an author: the names; nothing of one without a name."""
    return ("role", "family", "given") if person.family or person.literal else None


def _year_in(cell: str, ctx: RuleContext) -> object:
    return parse_date(cell)


def _year_out(dates: list[DateValue], ctx: RuleContext) -> str | None:
    return str(dates[0].year) if dates[0].year else None


def _year_exact(dates: list[DateValue], ctx: RuleContext) -> bool:
    d = dates[0]
    return d.start is not None and d.start.month is None and d.end is None


def _pages_in(cell: str, ctx: RuleContext) -> object:
    first, _, last = cell.partition("-")
    return {"first": first, "last": last or None}


def _pages_out(pages: list[PageRange], ctx: RuleContext) -> str | None:
    return pages[0].text() or None


#: The columns: each a rule that reading and writing run; the docs' crosswalk and the loss
#: report come from the same rows.
RULES = RuleTable(
    (
        Rule("title", "titles(type=main).text"),
        Rule(
            "authors",
            "contributors(role=author)",
            to_hub=_authors_in,
            from_hub=_authors_out,
            take="all",
            parts=_author_parts,
            exact=lambda people, ctx: all(p.family or not p.literal for p in people),
            note="'Family, Given; Family, Given'",
        ),
        Rule(
            "year",
            "dates(type=issued)",
            to_hub=_year_in,
            from_hub=_year_out,
            parts=("type", "start.year"),
            exact=_year_exact,
            note="year only",
        ),
        Rule("container", "container.titles(type=main).text"),
        Rule("volume", "container.volume"),
        Rule("issue", "container.issue"),
        Rule("pages", "container.pages", to_hub=_pages_in, from_hub=_pages_out),
        Rule("doi", "identifiers(scheme=doi)", from_hub=lambda ids, ctx: ids[0].value),
        Rule("url", "identifiers(scheme=url)", from_hub=lambda ids, ctx: ids[0].value),
    )
)
COLUMNS = ("type", *(r.source for r in RULES.rules))

CROSSWALK = Crosswalk(
    format="tsv",
    fields=(FieldMap("type", "type"), *RULES.field_maps()),
    types=tuple(
        TypeMap(t, t) for t in ("article-journal", "book", "chapter", "report", "document")
    ),
    unmapped={
        row: "no column"
        for row in LOSS_ROWS
        if not any(covers(f.home, row) for f in RULES.field_maps()) and row != "type"
    },
)


class TsvOptions(BaseModel):
    """Options of the TSV writer."""

    model_config = ConfigDict(extra="forbid")

    header: bool = Field(default=True, description="write the header row")


def sniff(head: bytes) -> float:
    """A TSV reference list starts with our header row."""
    first = head.split(b"\n", 1)[0].strip().decode("utf-8", "replace")
    return 0.9 if first.split("\t")[:2] == ["type", "title"] else 0.0


def read(stream: IO[bytes], ctx: ReadContext) -> Iterator[Record]:
    """One record per row after the header."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    rows = csv.reader(text, delimiter="\t")
    header = next(rows, None)
    if header is None:
        return
    if header[:2] != ["type", "title"]:
        raise ParseError("the first row must be the header", source=ctx.source, line=1)
    for line, row in enumerate(rows, start=2):
        cells = dict(zip(header, row, strict=False))
        try:
            yield _record(cells)
        except ValueError as exc:
            reason = str(exc).splitlines()[0]
            ctx.report.add(Code.RECORD_SKIPPED, reason, source=ctx.source, line=line)
            ctx.report.count("skipped")


def _record(cells: dict[str, str]) -> Record:
    data: dict[str, object] = {"type": cells.get("type") or "document"}
    RULES.read({k: v for k, v in cells.items() if v}, data, RuleContext())
    return Record.model_validate(data)


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """A header row (unless disabled), then one row per record; what a row cannot hold is
    reported by its path in the record (``contributors[2]``, ``dates[0].start.month``)."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    out = csv.writer(text, delimiter="\t", lineterminator="\n")
    if getattr(ctx.options, "header", True):
        out.writerow(COLUMNS)
    for record in records:
        cells, carried = RULES.write(record, RuleContext(record=record, hub_type=record.type))
        report = ctx.reporter(record.label)
        for path in uncarried(record, carried, skip=("type", "native_types", "extras")):
            report.add(Code.FIELD_DROPPED, f"no column for {path}", path)
        for path, column in carried.approx.items():
            report.add(Code.VALUE_COERCED, f"{path} written approximately in {column}", path)
        out.writerow([record.type, *(cells.get(r.source, "") for r in RULES.rules)])
        ctx.report.count("written")
    text.detach()


def split(stream: IO[bytes], chunk_bytes: int, ctx: SplitContext) -> Iterator[Chunk]:
    """Chunks of rows for ``--jobs``: every chunk starts with the header row."""
    chunker = TextChunker(chunk_bytes)
    for line, raw in enumerate(stream, start=1):
        if b'"' in raw:  # a quoted cell may hold a line break: not cut by lines
            raise Unsplittable("quoted cells")
        if line == 1:
            chunker.prefix = [raw]  # the header: before every chunk
            chunker.line, chunker.start_line = 1, 2  # rows are counted from line 2
            continue
        if chunker.full:
            chunk = chunker.cut()
            if chunk is not None:
                yield chunk
        chunker.add(raw)
    chunk = chunker.cut()
    if chunk is not None:
        yield chunk


def validate(data: bytes, ctx: ValidationContext) -> None:
    """For ``biblioconv validate``: the rows read, and each has as many cells as the header."""
    read_problems(data, ctx)
    lines = data.decode("utf-8-sig", "replace").splitlines()
    width = len(lines[0].split("\t")) if lines else 0
    for number, row in enumerate(lines[1:], start=2):
        cells = len(row.split("\t"))
        if row and cells != width:
            message = f"{cells} cells, the header has {width}"
            ctx.result.problems.append(Problem("error", message, number, str(number - 1)))
    ctx.result.schema = "no official schema for tsv"


FORMAT = FormatSpec(
    name="tsv",
    title="Tab-separated reference list",
    extensions=(".tsv",),
    media_types=("text/tab-separated-values",),
    reader="biblioconv_tsv:read",
    writer="biblioconv_tsv:write",
    sniff="biblioconv_tsv:sniff",
    options=TsvOptions,
    read_options=NoOptions,
    crosswalk=CROSSWALK,
    splitter="biblioconv_tsv:split",
    validator="biblioconv_tsv:validate",
    description="One header row, then one record per row (a worked plugin example).",
)
