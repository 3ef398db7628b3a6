"""Python API: formatted citations of records for tools that embed them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, Field

from biblioconv.model import Record

from .engine import render_bibliography_multi, render_citations
from .writer import csl_items

__all__ = ["Citation", "cite"]


class Citation(BaseModel):
    """One rendered bibliography entry or in-text citation."""

    id: str = Field(description="record id (ids of the cited records, joined by ';', in-text)")
    text: str = Field(description="the rendering in the requested output markup (text by default)")
    html: str = Field(description="the rendering as HTML")
    kind: Literal["entry", "in-text"] = "entry"


def cite(
    records: Iterable[Record | dict[str, Any]],
    style: str = "apa",
    locale: str = "en-US",
    output: str = "text",
    cites: list[list[dict[str, Any]]] | None = None,
    jobs: int = 1,
) -> list[Citation]:
    """Render ``records`` (or CSL-JSON items) in a CSL style.

    Returns the bibliography entries in bibliography order; when ``cites`` is given (clusters of
    cite items ``{"id", "locator", "label", "prefix", "suffix"}``), the in-text citations
    follow, one per cluster, with ``kind="in-text"``. ``jobs`` above 1 renders a long
    bibliography in that many processes (see :func:`~.engine.render_bibliography`).
    """
    items = csl_items(records)
    outputs = ("html",) if output == "html" else (output, "html")
    entries = render_bibliography_multi(
        items, style=style, locale=locale, outputs=outputs, jobs=jobs
    )
    result = [
        Citation(id=item_id, text=rendered[output], html=rendered["html"])
        for item_id, rendered in entries
    ]
    if cites:
        texts = render_citations(items, cites, style=style, locale=locale, output=output)
        htmls = (
            texts
            if output == "html"
            else render_citations(items, cites, style=style, locale=locale, output="html")
        )
        for cluster, text, html in zip(cites, texts, htmls, strict=False):
            ids = ";".join(str(c.get("id")) for c in cluster)
            result.append(Citation(id=ids, text=text, html=html, kind="in-text"))
    return result
