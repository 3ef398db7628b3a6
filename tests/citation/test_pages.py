"""Page ranges under ``page-range-format`` (:mod:`biblioconv.formats.citation.pages`)."""

from __future__ import annotations

import pytest

from biblioconv.formats.citation.pages import format_page_ranges
from biblioconv.formats.citation.patches import format_page_range


def _pages(text: str, range_format: str | None) -> str:
    return format_page_ranges(text, range_format, "\u2013", format_page_range)


@pytest.mark.parametrize(
    ("text", "range_format", "expected"),
    [
        ("110-5", None, "110\u20135"),
        ("110-5", "expanded", "110\u2013115"),
        ("N110 - N5", "expanded", "N110\u2013N115"),
        ("N110 - 5", "expanded", "N110-5"),
        ("N110 - P5", "minimal", "N110-P5"),
        ("123N110 - N5, 456K200 - 99", "expanded", "123N110-N5, 456K200-99"),
        ("000c23 - 22", "expanded", "000c23-22"),
        ("n11564 - n1568", "minimal", "n11564\u20138"),
        ("8n11564-8n1568", "chicago", "8n11564\u201368"),
        ("1536-538", "minimal", "1536\u20138"),
        ("xxv-xxviii", "chicago-16", "xxv\u2013xxviii"),
        ("12, 15-18", "minimal-two", "12, 15\u201318"),
    ],
)
def test_page_ranges(text: str, range_format: str | None, expected: str) -> None:
    assert _pages(text, range_format) == expected
