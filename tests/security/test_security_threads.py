"""The public API is safe to call from several threads at once: same results as one by one."""

from __future__ import annotations

import random
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import biblioconv
from biblioconv import registry
from biblioconv.model import Record
from biblioconv.report import ConversionReport

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "social-innovators.record.json"
FORMATS = [
    s.name for s in biblioconv.formats() if s.can_read and s.can_write and s.name != "citation"
]

#: the time an output was written (an OAI-PMH response date, a Crossref deposit's batch id and
#: timestamp): not a difference between runs
_WRITTEN_AT = re.compile(
    r"<responseDate>[^<]*</responseDate>|<doi_batch_id>[^<]*</doi_batch_id>"
    r"|<timestamp>[^<]*</timestamp>"
)


def _records() -> list[Record]:
    base = Record.model_validate_json(EXAMPLE.read_text("utf-8"))
    out = [base]
    for i in range(5):
        out.append(
            base.model_copy(
                update={
                    "id": f"copy-{i}",
                    "citation_key": f"copy{i}",
                    "titles": [
                        t.model_copy(update={"text": f"{t.text} ({i})"}) for t in base.titles
                    ],
                }
            )
        )
    return out


def _task(fmt: str, data: bytes, target: str) -> tuple[str, str, int]:
    report = ConversionReport()
    records = list(biblioconv.read(data, fmt, report=report))
    text = _WRITTEN_AT.sub("", biblioconv.dumps(records, target))
    return text, report.model_dump_json(), len(records)


@pytest.fixture(scope="module")
def inputs() -> dict[str, bytes]:
    records = _records()
    return {fmt: biblioconv.dumps(records, fmt).encode("utf-8") for fmt in FORMATS}


def test_concurrent_api_calls_match_sequential_ones(inputs: dict[str, bytes]) -> None:
    tasks = [(fmt, data, target) for fmt, data in inputs.items() for target in ("record-json", fmt)]
    expected = {(fmt, target): _task(fmt, data, target) for fmt, data, target in tasks}
    work = tasks * 3
    random.Random(7).shuffle(work)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda t: ((t[0], t[2]), _task(*t)), work))
    assert len(results) == len(work)
    for key, result in results:
        assert result == expected[key], f"{key}: differs when run concurrently"


def test_concurrent_detection_and_conversion(inputs: dict[str, bytes], tmp_path: Path) -> None:
    files = {}
    for fmt, data in inputs.items():
        ext = registry.get(fmt).extensions[0]
        path = tmp_path / f"in-{fmt}{ext}"
        path.write_bytes(data)
        files[fmt] = path

    def convert(fmt: str) -> tuple[str, str]:
        out = tmp_path / f"out-{fmt}.json"
        biblioconv.convert(files[fmt], "csl-json", out, from_=fmt)
        return fmt, out.read_text("utf-8")

    sequential = dict(convert(f) for f in FORMATS)
    with ThreadPoolExecutor(max_workers=6) as pool:
        concurrent = list(pool.map(convert, FORMATS * 2))
    for fmt, text in concurrent:
        assert text == sequential[fmt]
