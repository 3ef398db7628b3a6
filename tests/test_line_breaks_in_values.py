"""Writers keep a value's U+2028, U+2029 and U+0085 (NEL) as they are.

JSON leaves these characters unescaped; indenting an item line by line with ``str.splitlines``
broke the string there, and the output was not JSON any more. PyYAML's reader takes a NEL in a
plain or single-quoted string for a line break and folds it to a space, so YAML writers
double-quote such strings (NEL becomes the escape ``\\N``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from biblioconv import dumps, loads
from biblioconv.model import Record

TITLE = "One\u2028two\u2029three\x85four"
RECORD: dict[str, Any] = {
    "type": "software",
    "titles": [{"text": TITLE}],
    "contributors": [{"family": "Smith", "given": "Jane"}],
    "dates": [{"type": "issued", "start": {"year": 2020}}],
    "publisher": {"name": "Zenodo"},
    "identifiers": [{"scheme": "doi", "value": "10.5281/zenodo.1"}],
}

CASES = [
    ("csl-json", {"indent": 2}),
    ("csl-json", {"indent": 4}),
    ("record-json", {}),
    ("record-json", {"indent": 3}),
    ("datacite-json", {"indent": 2}),
    ("codemeta", {}),
    ("schemaorg", {"indent": 2}),
    ("schemaorg", {"indent": 2, "container": "array"}),
]


@pytest.mark.parametrize(("fmt", "options"), CASES, ids=[f"{f}-{o}" for f, o in CASES])
@pytest.mark.parametrize("count", [1, 2])
def test_indented_output_is_json_and_keeps_the_title(
    fmt: str, options: dict[str, Any], count: int
) -> None:
    records = [Record.model_validate(RECORD) for _ in range(count)]
    text = dumps(records, fmt, **options)
    json.loads(text)  # valid JSON
    assert TITLE in text.encode("utf-8").decode("utf-8")
    back = loads(text, fmt)
    assert [r.title for r in back] == [TITLE] * count


@pytest.mark.parametrize("fmt", ["csl-yaml", "cff"])
@pytest.mark.parametrize("count", [1, 2])
def test_yaml_writers_keep_a_next_line_character(fmt: str, count: int) -> None:
    records = [Record.model_validate(RECORD) for _ in range(count)]
    text = dumps(records, fmt)
    assert "\\N" in text
    back = loads(text, fmt)
    assert back[0].title == TITLE
