"""The citation writer format, the cite() API and the cite subcommand."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

import pytest

from biblioconv.formats.citation import FORMAT, CitationOptions
from biblioconv.formats.citation.api import Citation, cite
from biblioconv.formats.citation.cli import configure, run
from biblioconv.formats.citation.writer import write
from biblioconv.registry import WriteContext
from biblioconv.report import ConversionReport


def test_cite_with_csl_items(items: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    result = cite(items, style="apa", cites=[[{"id": "okafor-2019", "locator": "12-15"}]])
    entries = [c for c in result if c.kind == "entry"]
    assert [c.id for c in entries] == [i for i, _ in expected["styles"]["apa"]["bibliography"]]
    assert all(isinstance(c, Citation) and c.html for c in entries)
    in_text = [c for c in result if c.kind == "in-text"]
    assert [(c.id, c.text) for c in in_text] == [("okafor-2019", "(Okafor, 2019, pp. 12–15)")]


def test_cite_records(items: list[dict[str, Any]]) -> None:
    from biblioconv.formats.csl_json.mapping import csl_to_record

    showcase = next(i for i in items if i["id"] == "showcase-bmj-2022")
    record = csl_to_record(showcase)
    (entry,) = cite([record], style="vancouver")
    assert entry.text.endswith(
        "Using medical education as a tool to train doctors as social innovators. "
        "BMJ Innovations. 2022 Jun 3;8(3):190–8."
    )


def test_writer_format(items: list[dict[str, Any]]) -> None:
    from biblioconv.formats.csl_json.mapping import csl_to_record

    assert FORMAT.name == "citation" and FORMAT.can_write and not FORMAT.can_read
    records = [csl_to_record(i) for i in items[:3]]
    report = ConversionReport()
    out = io.BytesIO()
    ctx = WriteContext(
        format="citation",
        options=CitationOptions(style="ieee", output="html"),
        report=report,
    )
    write(records, out, ctx)
    html = out.getvalue().decode("utf-8")
    assert html.startswith('<div class="csl-bib-body">') and html.count('class="csl-entry"') == 3
    with pytest.raises(ValueError):
        CitationOptions(output="pdf")  # type: ignore[arg-type]


def _run(tmp_path: Path, *argv: str) -> str:
    parser = argparse.ArgumentParser()
    configure(parser)
    out = tmp_path / "out.txt"
    args = parser.parse_args([*argv, "-o", str(out)])
    assert run(args) == 0
    return out.read_text(encoding="utf-8")


def test_cli_json_and_text(tmp_path: Path, items: list[dict[str, Any]]) -> None:
    source = tmp_path / "items.json"
    source.write_text(json.dumps(items[:4]), encoding="utf-8")
    data = json.loads(
        _run(tmp_path, str(source), "-f", "csl-json", "--style", "apa", "--format", "json")
    )
    assert [set(d) for d in data] == [{"id", "text", "html"}] * 4
    assert any(
        d["id"] == "okafor-2019" and d["text"].startswith("Okafor, C. (2019).") for d in data
    )
    text = _run(tmp_path, str(source), "--style", "harvard", "--locale", "de-DE")
    assert len(text.strip().splitlines()) == 4


def test_real_example_record_maps_to_the_showcase_fixture(items: list[dict[str, Any]]) -> None:
    """The citeproc-js expectations of the showcase fixture hold for the real example record."""
    from testsupport import EXAMPLES

    import biblioconv
    from biblioconv.formats.csl_json.mapping import record_to_csl

    record = next(biblioconv.read(EXAMPLES / "social-innovators.record.json"))
    item = record_to_csl(record, preserve=False)
    fixture = next(i for i in items if i["id"] == "showcase-bmj-2022")
    # the abstract is not printed by bibliography styles; everything else must be the same
    assert {k: v for k, v in item.items() if k not in ("id", "abstract")} == {
        k: v for k, v in fixture.items() if k != "id"
    }


def test_cite_reads_a_large_input_with_several_processes_to_the_same_output(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from biblioconv import cli, parallel
    from biblioconv.formats.citation import cli as cite_cli

    text = (shared / "corpus" / "bibtex-real.bib").read_text(encoding="utf-8")
    monkeypatch.setattr(cite_cli, "AUTO_SPLIT_BYTES", 256 * 1024)  # a smaller input suffices
    cut = text.index("\n@", 256 * 1024 + 20_000) + 1  # crossrefs included
    big = tmp_path / "refs.bib"
    big.write_text(text[:cut], encoding="utf-8")
    clusters = tmp_path / "clusters.json"
    import biblioconv

    keys = [r.label for r in biblioconv.read(big)][:40]
    clusters.write_text(json.dumps([[{"id": k}] for k in keys[:40]]), encoding="utf-8")
    monkeypatch.setattr(cli, "_cores", lambda: 2)
    calls: list[int] = []
    real = parallel.read_file

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs["jobs"])
        return real(*args, **kwargs)

    monkeypatch.setattr(parallel, "read_file", spy)
    for extra in ([], ["--format", "json"], ["--style", "ieee", "--clusters", str(clusters)]):
        auto, one = tmp_path / "auto.out", tmp_path / "one.out"
        assert cli.main(["cite", str(big), *extra, "-o", str(auto)]) == 0
        assert cli.main(["cite", str(big), *extra, "-o", str(one), "--jobs", "1"]) == 0
        assert auto.read_bytes() == one.read_bytes()
    assert calls == [2, 2, 2]
    assert len(one.read_text(encoding="utf-8").splitlines()) >= 40
