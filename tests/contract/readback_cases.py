"""The records the read-back contract runs over, the targets, and the baseline of what is known
not to be reported yet (shared by ``test_readback_contract.py`` and
``scripts/readback_baseline.py``, which regenerates the baseline and prints the findings).

Sources: every golden record of the format tests (``tests/formats/*/cases/*.record.json``), every
``BIB_STEP``-th entry of the shared BibTeX corpus and every record of the shared RIS vendor
exports. Targets: every format that reads and writes, but the formatted citations and the
record model's own JSON.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from testsupport import ROOT, SHARED

import biblioconv
from biblioconv import readback, registry
from biblioconv.model import Record

BASELINE = Path(__file__).with_name("readback_baseline.json")
#: Every BIB_STEP-th entry of the BibTeX corpus (all 6,119 take about ten times as long).
BIB_STEP = 10

TARGETS = [
    s.name
    for s in registry.all_formats()
    if s.can_read and s.can_write and s.name not in ("citation", "record-json")
]


def write_options(target: str) -> dict[str, Any]:
    """The writer options of the contract: DataCite fills unknown mandatory properties (with
    placeholders it reports) instead of refusing the record; Crossref makes the landing page of
    a record with a DOI and no URL from a template (and reports it)."""
    if target == "crossref":
        return {"resource": "https://example.org/{doi}"}
    return {"fill_unknown": True} if target.startswith("datacite") else {}


def golden_records() -> dict[str, list[Record]]:
    """The golden records of the format tests, by ``golden/FOLDER``."""
    out: dict[str, list[Record]] = {}
    for path in sorted((ROOT / "tests" / "formats").glob("*/cases/*.record.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
        key = f"golden/{path.parent.parent.name}"
        out.setdefault(key, []).extend(Record.model_validate(item) for item in items)
    return out


def corpus_records(bib_step: int = BIB_STEP) -> dict[str, list[Record]]:
    """The shared corpus: a deterministic sample of the BibTeX file, every RIS export."""
    corpus = SHARED / "corpus"
    bib = biblioconv.loads((corpus / "bibtex-real.bib").read_bytes(), "bibtex", strict=False)
    out = {"corpus/bibtex-real.bib": bib[::bib_step]}
    for path in sorted((corpus / "ris").glob("*.ris")):
        out[f"corpus/ris/{path.name}"] = biblioconv.loads(path.read_bytes(), "ris", strict=False)
    return out


def sources(bib_step: int = BIB_STEP) -> dict[str, list[Record]]:
    """Every source of the contract, by name."""
    return {**golden_records(), **corpus_records(bib_step)}


def unnamed(records: list[Record], target: str) -> Iterator[readback.Unnamed]:
    """The differences no diagnostic of the write names, for one target."""
    return readback.check(records, target, options=write_options(target))


def tally(found: list[readback.Unnamed]) -> Counter[str]:
    """Unnamed differences counted by path pattern."""
    return Counter(readback.pattern(u.path) for u in found)


def load_baseline() -> dict[str, dict[str, int]]:
    """The checked-in baseline: target -> path pattern -> count."""
    data: dict[str, dict[str, int]] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return data


def dump_baseline(data: dict[str, dict[str, int]]) -> str:
    """The baseline file's text (sorted, one entry a line)."""
    ordered = {t: dict(sorted(data[t].items())) for t in sorted(data)}
    return json.dumps(ordered, indent=1, ensure_ascii=False) + "\n"
