"""CFF writer: the records as one CITATION.cff document (YAML, dates as quoted text)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

import yaml

from biblioconv.formats.cff.mapping import records_document
from biblioconv.model import Record
from biblioconv.registry import WriteContext
from biblioconv.yamltext import SafeDumper

__all__ = ["dump", "write"]


class _Dumper(SafeDumper):
    """Block style, lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        """No anchors: the top level repeats the preferred citation's title and authors."""
        return True


def dump(doc: dict[str, Any]) -> str:
    """YAML text of a CFF document. Strings that YAML would read as something else (dates,
    numbers, booleans) are quoted, so ``date-released: '2021-08-05'`` stays text."""
    return yaml.dump(
        doc,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )


def write(records: Iterable[Record], stream: IO[bytes], ctx: WriteContext) -> None:
    """Write a CITATION.cff: the first record is the work (or its preferred citation), the
    others its references. No record, no output."""
    items = list(records)
    if not items:
        return

    def reporter_for(label: str) -> Any:
        return ctx.reporter(label)

    doc, skipped = records_document(items, reporter_for)
    ctx.report.count("written", len(items) - skipped)
    stream.write(dump(doc).encode("utf-8"))
