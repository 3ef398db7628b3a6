"""The ``citation`` writer: a formatted bibliography of the records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

from biblioconv.model import Record
from biblioconv.registry import WriteContext

from .engine import render_bibliography
from .options import CitationOptions

__all__ = ["csl_items", "document", "iter_csl_items", "write"]


def csl_items(
    records: Iterable[Record | dict[str, Any]], report: Any = None
) -> list[dict[str, Any]]:
    """CSL-JSON items of ``records`` (CSL-JSON dicts pass through) with unique, non-empty ids.

    Without a ``report`` the items are only rendered: what CSL cannot hold (kept in
    ``custom.biblioconv`` by the CSL-JSON writer) is neither looked for nor kept.
    """
    return list(iter_csl_items(records, report))


def iter_csl_items(
    records: Iterable[Record | dict[str, Any]], report: Any = None
) -> Iterator[dict[str, Any]]:
    """:func:`csl_items`, one item at a time, as the records come."""
    seen: set[str] = set()
    preserve = report is not None
    for index, record in enumerate(records, 1):
        if isinstance(record, dict):
            item = dict(record)
        else:  # the CSL-JSON mapping is loaded for records only
            from biblioconv.formats.csl_json.mapping import record_to_csl

            item = record_to_csl(record, report, preserve=preserve)
        item_id = str(item.get("id") or f"item-{index}")
        base, n = item_id, 1
        while item_id.lower() in seen:
            n += 1
            item_id = f"{base}-{n}"
        seen.add(item_id.lower())
        item["id"] = item_id
        yield item


def document(entries: list[str], output: str) -> str:
    """Join rendered entries into one document of the given output markup."""
    if output == "html":
        body = "".join(f'  <div class="csl-entry">{entry}</div>\n' for entry in entries)
        return f'<div class="csl-bib-body">\n{body}</div>\n'
    if output == "rtf":
        body = "".join(f"{entry}\\par\n" for entry in entries)
        return "{\\rtf1\\ansi\\deff0\n" + body + "}\n"
    if output in ("markdown", "latex"):
        return "\n\n".join(entries) + ("\n" if entries else "")
    return "".join(entry + "\n" for entry in entries)


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Render the records as a bibliography in the style, locale and markup of the options."""
    options = ctx.options if isinstance(ctx.options, CitationOptions) else CitationOptions()
    items = csl_items(records, ctx.report)
    entries = render_bibliography(
        items, style=options.style, locale=options.locale, output=options.output
    )
    ctx.report.count("written", len(entries))
    stream.write(document([entry for _, entry in entries], options.output).encode("utf-8"))
