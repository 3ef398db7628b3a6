"""Relative links in the documentation resolve to files inside ``docs/``.

``mkdocs build --strict`` aborts on a link that leaves the documentation tree, so a page that
links to a repository file (say ``../../examples/...``) breaks the documentation build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from testsupport import ROOT

DOCS = ROOT / "docs"
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_PAGES = sorted(DOCS.rglob("*.md"))


@pytest.mark.parametrize("page", _PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_relative_links_stay_inside_docs(page: Path) -> None:
    text = re.sub(r"```.*?```", "", page.read_text("utf-8"), flags=re.S)
    for target in _LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
            continue  # absolute URL or anchor on the same page
        path = (page.parent / target.split("#", 1)[0]).resolve()
        assert path.is_relative_to(DOCS.resolve()), f"{page.name} links outside docs/: {target}"
        assert path.exists(), f"{page.name} links to a missing file: {target}"


def test_pages_were_found() -> None:
    assert len(_PAGES) > 10
