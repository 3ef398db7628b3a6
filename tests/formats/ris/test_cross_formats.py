"""RIS -> another format -> RIS through the public API: what both formats hold comes back, the
reports name the rest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rissupport import CASES, CORPUS  # type: ignore[import-not-found]

import biblioconv
from biblioconv.formats.bibtex.unicode_latex import FOLDS
from biblioconv.model import Record
from biblioconv.report import ConversionReport

INPUTS = sorted(CORPUS.glob("*.ris")) + sorted(
    p for p in CASES.glob("*.ris") if not p.name.endswith(".out.ris")
)


def _norm(text: str | None) -> str | None:
    """Whitespace runs and dashes as BibTeX normalises them."""
    return None if text is None else " ".join(text.replace("–", "-").split())


def _core(r: Record) -> dict[str, Any]:
    """What RIS, CSL-JSON and BibTeX all hold."""
    c = r.container
    return {
        "title": _norm(": ".join(t.text for t in r.titles if t.type in ("main", "subtitle"))),
        "names": [(x.role, x.family, x.given, x.literal) for x in r.contributors],
        "year": r.issued.year if r.issued else None,
        "container": c.title if c else None,
        "volume": c.volume if c else None,
        "pages": _norm(c.pages.text()) if c and c.pages else None,
        "doi": r.doi,
    }


def _folded(core: dict[str, Any]) -> Any:
    """The core as ASCII BibTeX gives it back: U+2010 as '-' and the other LaTeX folds."""
    return json.loads(json.dumps(core, ensure_ascii=False).translate(str.maketrans(FOLDS)))


def _kept(r: Record) -> Record:
    """The record but for the id a CSL item must have (made up when there was none) and the
    formats' type names (bookkeeping)."""
    return r.model_copy(update={"id": None, "native_types": {}})


def _lossy_labels(*reports: ConversionReport) -> set[str]:
    return {
        d.record or ""
        for rep in reports
        for d in rep.diagnostics
        if d.severity != "info"
        and d.code.value in ("FIELD_DROPPED", "VALUE_COERCED", "TYPE_APPROXIMATED")
    }


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_ris_csl_json_ris(path: Path) -> None:
    records = biblioconv.loads(path.read_bytes(), "ris", strict=False)
    to_csl, to_ris = ConversionReport(), ConversionReport()
    csl = biblioconv.dumps(records, "csl-json", report=to_csl)
    ris = biblioconv.dumps(biblioconv.loads(csl, "csl-json"), "ris", report=to_ris)
    back = biblioconv.loads(ris, "ris")
    assert len(back) == len(records)
    lossy = _lossy_labels(to_csl, to_ris)
    for before, after in zip(records, back, strict=True):
        assert _core(after) == _core(before)
        if _kept(before) != _kept(after):  # a difference is always named in a report
            assert before.label in lossy or after.label in lossy, before.label


def test_ris_csl_json_without_preservation_names_the_losses() -> None:
    records = biblioconv.loads((CORPUS / "scopus.ris").read_bytes(), "ris")
    report = ConversionReport()
    csl = biblioconv.dumps(records, "csl-json", report=report, preserve=False)
    back = biblioconv.loads(biblioconv.dumps(biblioconv.loads(csl, "csl-json"), "ris"), "ris")
    assert [_core(r) for r in back] == [_core(r) for r in records]
    assert report.by_code("FIELD_DROPPED")  # the notes, at least
    # the C7 article numbers are CSL's number: nothing of the container is lost
    assert "container" not in {d.field for d in report.by_code("FIELD_DROPPED")}
    assert [r.container.number for r in back if r.container] == [
        r.container.number for r in records if r.container
    ]


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_ris_bibtex_ris(path: Path, fmt: str) -> None:
    records = biblioconv.loads(path.read_bytes(), "ris", strict=False)
    to_bib, to_ris = ConversionReport(), ConversionReport()
    bib = biblioconv.dumps(records, fmt, report=to_bib)
    ris = biblioconv.dumps(biblioconv.loads(bib, fmt), "ris", report=to_ris)
    back = biblioconv.loads(ris, "ris")
    assert len(back) == len(records)
    lossy = _lossy_labels(to_bib, to_ris)
    for before, after in zip(records, back, strict=True):
        a, b = _core(before), _core(after)
        if fmt == "bibtex":
            a, b = _folded(a), _folded(b)
        if a != b:  # only what the report names may differ
            assert before.label in lossy, (before.label, a, b)
            assert a["title"] == b["title"] and a["doi"] == b["doi"]
