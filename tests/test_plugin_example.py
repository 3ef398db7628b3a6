"""The worked plugin example in examples/plugin installs and works like a third-party package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from testsupport import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
            "--no-build-isolation", "--no-index", "--target", str(target),
            str(ROOT / "examples" / "plugin"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return target


def _cli(site: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "biblioconv", *args], capture_output=True, env=env, input=stdin
    )


def test_installed_plugin_is_listed(installed: Path) -> None:
    res = _cli(installed, "formats", "--json")
    rows = {r["name"]: r for r in json.loads(res.stdout)}
    assert rows["tsv"]["read"] and rows["tsv"]["write"]
    assert rows["tsv"]["write_options"] == ["header"]


def test_plugin_converts_both_ways(installed: Path, tmp_path: Path) -> None:
    csl = tmp_path / "refs.json"
    csl.write_text(
        json.dumps(
            [
                {
                    "id": "a", "type": "article-journal", "title": "Plugins at work",
                    "author": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Rick"}],
                    "issued": {"date-parts": [[2021]]}, "container-title": "J. Ex.",
                    "volume": "3", "issue": "2", "page": "5-9", "DOI": "10.1000/abc",
                }
            ]
        )
    )  # fmt: skip
    tsv = tmp_path / "refs.tsv"
    res = _cli(installed, "convert", str(csl), "-t", "tsv", "-o", str(tsv))
    assert res.returncode == 0, res.stderr
    lines = tsv.read_text().splitlines()
    assert lines[0].split("\t")[:3] == ["type", "title", "authors"]
    assert lines[1].split("\t") == [
        "article-journal", "Plugins at work", "Doe, Jane; Roe, Rick", "2021", "J. Ex.",
        "3", "2", "5-9", "10.1000/abc", "",
    ]  # fmt: skip
    back = _cli(installed, "convert", str(tsv), "-t", "csl-json", "-q")
    item = json.loads(back.stdout)[0]
    assert item["author"] == [
        {"family": "Doe", "given": "Jane"},
        {"family": "Roe", "given": "Rick"},
    ]
    assert item["page"] == "5-9" and item["DOI"] == "10.1000/abc"


def test_plugin_reports_what_it_cannot_hold(installed: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    res = _cli(
        installed, "convert", str(EXAMPLES / "social-innovators.record.json"), "-t", "tsv",
        "--report", str(report), "-q",
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    fields = {d["field"] for d in json.loads(report.read_text())["diagnostics"]}
    # by the path of each value: the first author (known only by an ORCID), the abstract, ...
    assert {"contributors[0]", "descriptions[0]", "peer_reviewed"} <= fields


def _large_tsv(path: Path, rows: int) -> None:
    lines = ["type\ttitle\tauthors\tyear\tcontainer\tvolume\tissue\tpages\tdoi\turl"]
    for n in range(rows):
        kind = "no-such-type" if n == rows - 3 else "article-journal"  # a row the reader skips
        year = str(1900 + n % 120)
        lines.append(
            f"{kind}\tTitle {n}\tDoe, Jane; Roe, Rick\t{year}\tJ. Ex.\t{n}\t2\t5-9\t10.1000/{n}\t"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_plugin_splits_for_jobs(installed: Path, tmp_path: Path) -> None:
    """The plugin's splitter lets ``--jobs`` cut its inputs: same output and report lines as one
    process, and the input was really cut into several chunks."""
    src = tmp_path / "big.tsv"
    _large_tsv(src, 15_000)
    env = {**os.environ, "PYTHONPATH": str(installed)}
    count = subprocess.run(
        [
            sys.executable, "-c",
            "import sys; from biblioconv import parallel; "
            "print(len(list(parallel.split(sys.argv[1], 'tsv', chunk_bytes=65536))))",
            str(src),
        ],
        capture_output=True, env=env, text=True, check=True,
    )  # fmt: skip
    assert int(count.stdout) > 10
    outputs = {}
    for jobs in ("1", "2"):
        out, report = tmp_path / f"out{jobs}.bib", tmp_path / f"report{jobs}.json"
        res = _cli(
            installed, "convert", str(src), "-t", "bibtex", "-o", str(out), "--jobs", jobs,
            "--report", str(report), "-q",
        )  # fmt: skip
        assert res.returncode == 0, res.stderr
        skipped = [
            d
            for d in json.loads(report.read_text())["diagnostics"]
            if d["code"] == "RECORD_SKIPPED"
        ]
        outputs[jobs] = (out.read_bytes(), [d["line"] for d in skipped])
    assert outputs["1"] == outputs["2"]
    assert outputs["2"][1] == [15_000 - 3 + 2]  # the skipped row's line in the file


def test_plugin_validates(installed: Path, tmp_path: Path) -> None:
    """``biblioconv validate`` runs the plugin's validator: a row with a missing cell is an
    error naming its line."""
    src = tmp_path / "refs.tsv"
    _large_tsv(src, 5)
    lines = src.read_text().splitlines()
    lines[3] = "\t".join(lines[3].split("\t")[:-2])
    src.write_text("\n".join(lines) + "\n")
    res = _cli(installed, "validate", str(src), "-f", "tsv")
    assert res.returncode == 1
    assert f"{src}:4: record 3: error: 8 cells, the header has 10" in res.stdout.decode()
