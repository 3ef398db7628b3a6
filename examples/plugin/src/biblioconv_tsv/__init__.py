"""Tab-separated reference lists: a worked example of a biblioconv format plugin."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO

from pydantic import BaseModel, ConfigDict, Field

from biblioconv.crosswalk import LOSS_ROWS, Crosswalk, FieldMap, TypeMap, report_dropped
from biblioconv.dates import parse_date
from biblioconv.errors import ParseError
from biblioconv.model import Record
from biblioconv.registry import FormatSpec, NoOptions, ReadContext, WriteContext
from biblioconv.report import Code
from biblioconv.splitting import Chunk, SplitContext, TextChunker, Unsplittable
from biblioconv.validation import Problem, ValidationContext, read_problems

COLUMNS = (
    "type",
    "title",
    "authors",
    "year",
    "container",
    "volume",
    "issue",
    "pages",
    "doi",
    "url",
)

CROSSWALK = Crosswalk(
    format="tsv",
    fields=(
        FieldMap("type", "type"),
        FieldMap("title", "titles(type=main).text"),
        FieldMap("authors", "contributors(role=author)", note="'Family, Given; Family, Given'"),
        FieldMap("year", "dates(type=issued)", "approx", "year only"),
        FieldMap("container", "container.titles(type=main).text"),
        FieldMap("volume", "container.volume"),
        FieldMap("issue", "container.issue"),
        FieldMap("pages", "container.pages"),
        FieldMap("doi", "identifiers(scheme=doi)"),
        FieldMap("url", "identifiers(scheme=url)"),
    ),
    types=tuple(
        TypeMap(t, t) for t in ("article-journal", "book", "chapter", "report", "document")
    ),
    unmapped={
        row: "no column"
        for row in LOSS_ROWS
        if not row.startswith(("type", "titles(type=main)", "contributors(role=author)"))
        and row not in ("dates(type=issued)", "container.titles(type=main)", "container.volume")
        and row not in ("container.issue", "container.pages")
        and row not in ("identifiers(scheme=doi)", "identifiers(scheme=url)")
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
    if cells.get("title"):
        data["titles"] = [{"text": cells["title"]}]
    authors = []
    for name in filter(None, (n.strip() for n in cells.get("authors", "").split(";"))):
        family, _, given = name.partition(",")
        authors.append({"family": family.strip(), "given": given.strip() or None})
    data["contributors"] = authors
    if cells.get("year"):
        data["dates"] = [parse_date(cells["year"])]
    container: dict[str, object] = {k: cells[k] for k in ("volume", "issue") if cells.get(k)}
    if cells.get("container"):
        container["titles"] = [{"text": cells["container"]}]
    if cells.get("pages"):
        first, _, last = cells["pages"].partition("-")
        container["pages"] = {"first": first, "last": last or None}
    if container:
        data["container"] = container
    data["identifiers"] = [{"scheme": k, "value": cells[k]} for k in ("doi", "url") if cells.get(k)]
    return Record.model_validate(data)


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """A header row (unless disabled), then one row per record."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    out = csv.writer(text, delimiter="\t", lineterminator="\n")
    if getattr(ctx.options, "header", True):
        out.writerow(COLUMNS)
    for record in records:
        report_dropped(record, CROSSWALK, ctx.report, source_format=ctx.source_format)
        c = record.container
        issued = record.issued
        out.writerow(
            [
                record.type,
                record.title or "",
                "; ".join(
                    f"{a.family}, {a.given}" if a.given else (a.family or a.literal or "")
                    for a in record.authors
                    if a.family or a.literal
                ),
                str(issued.year) if issued and issued.year else "",
                (c.title or "") if c else "",
                (c.volume or "") if c else "",
                (c.issue or "") if c else "",
                c.pages.text() if c and c.pages else "",
                record.doi or "",
                record.identifier("url") or "",
            ]
        )
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
