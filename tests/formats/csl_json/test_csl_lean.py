"""Lean CSL-JSON: ``custom.biblioconv`` only where an item lost something, and little of it."""

from __future__ import annotations

import json

from testsupport import EXAMPLES, SHARED

import biblioconv
from biblioconv.report import ConversionReport

HERE = EXAMPLES.parent / "tests" / "formats" / "csl_json"


def test_the_corpus_with_preservation_is_within_five_percent_of_plain_csl() -> None:
    records = list(biblioconv.read(SHARED / "corpus" / "bibtex-real.bib"))
    report = ConversionReport(max_diagnostics=None)
    kept = biblioconv.dumps(records, "csl-json", report=report)
    plain = biblioconv.dumps(records, "csl-json", preserve=False)
    assert len(kept.encode()) <= 1.05 * len(plain.encode())
    items = json.loads(kept)
    # an item carries custom.biblioconv exactly when the report says it kept something
    keeping = {
        d.record
        for d in report.diagnostics
        if d.code.value in ("FIELD_PRESERVED", "VALUE_COERCED", "TYPE_APPROXIMATED")
    }
    with_custom = {i["id"] for i in items if "biblioconv" in i.get("custom", {})}
    assert with_custom <= keeping | {i["id"] for i in items if "@order" in _custom(i)}
    assert len(with_custom) < len(items) / 3
    assert not any("id" in _custom(i) or "native_types" in _custom(i) for i in items)
    # and each comes back as it was (but for the bookkeeping of which fields were inherited)
    back = biblioconv.loads(kept, "csl-json")
    for before, after in zip(records, back, strict=True):
        extras = {
            f: {k: v for k, v in fields.items() if k != "@inherited"}
            for f, fields in before.extras.items()
        }
        assert after == before.model_copy(
            update={"native_types": {}, "extras": {f: v for f, v in extras.items() if v}}
        )


def _custom(item: dict[str, object]) -> dict[str, object]:
    custom = item.get("custom")
    return custom.get("biblioconv", {}) if isinstance(custom, dict) else {}  # type: ignore[return-value]


def test_items_written_by_earlier_versions_read_as_before() -> None:
    """Earlier versions kept whole fields in custom.biblioconv; they restore the same record."""
    [old] = biblioconv.read(HERE / "legacy" / "social-innovators.csl.json")
    assert old == next(biblioconv.read(EXAMPLES / "social-innovators.record.json"))
