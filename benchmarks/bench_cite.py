"""Benchmark: ``biblioconv cite`` against citeproc-py and citeproc-js, and citing cluster by cluster.

Two parts, each measured side by side in the same run:

* Whole process. ``biblioconv cite IN.bib --style apa`` on 510 and 2,000 entries of the real
  BibTeX corpus (parsing included), against a plain citeproc-py 0.11 run and citeproc-js on node
  (``scripts/citeproc_js_oracle/oracle.js --bibliography-only``) on the same items as CSL-JSON
  (converted once by biblioconv, not timed). Every figure is a fresh process, the median of
  ``--repeat`` alternating rounds (each tool in turn, so that a machine whose speed drifts moves
  them alike); the ratios are to citeproc-py.
* Session scaling. A document of N clusters (N items derived from the fidelity fixtures, as in
  ``bench_citation.py``; a cluster cites one or two items, new ones or earlier ones, some with
  a locator) cited one cluster after another with ``biblioconv.CitationSession``, in APA, a note
  style and a numeric style: milliseconds per cluster at each N (flat when the cost is linear),
  against one rendering of the finished document (``render_citations``, the floor) and, at the
  ``--rerender-sizes``, re-rendering the whole document at each cite (what the session did
  before it became incremental; quadratic, so only at small N).

CPU time is shown beside wall-clock time: on a machine shared with other work the wall clock
moves with the load, CPU time much less.

    python benchmarks/bench_cite.py [--sizes 510 2000] [--clusters 100 500 1000 2000]
        [--styles apa chicago-notes-bibliography ieee] [--rerender-sizes 100 250] [--repeat 3]
        [--skip-js] [--skip-process] [--skip-session]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _common as C
from bench_citation import make_items

ORACLE = C.ROOT / "scripts" / "citeproc_js_oracle"
BENCH = "cite"

CITEPROC_PY = """
import json, sys, time, warnings
warnings.simplefilter("ignore")
from citeproc import (Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle,
                      formatter)
from citeproc.source.json import CiteProcJSON
items = json.load(open({items!r}, encoding="utf-8"))
style = CitationStylesStyle({style!r}, validate=False)
bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
for item in items:
    bib.register(Citation([CitationItem(str(item["id"]))]))
bib.sort()
with open("/dev/null", "w") as out:
    for entry in bib.bibliography():
        out.write(str(entry) + "\\n")
"""

BIBLIOCONV = """
import sys
from biblioconv._launch import run  # what the biblioconv command runs
run(["cite", {path!r}, "--style", "apa", "-o", "/dev/null", *{extra!r}])
"""


def _median(runs: list[C.Measurement]) -> C.Measurement:
    """The median wall and CPU time of ``runs`` and their largest peak RSS."""
    import statistics

    return C.Measurement(
        statistics.median(r.seconds for r in runs),
        max(r.peak_rss_mb for r in runs),
        runs[-1].stdout,
        statistics.median(r.cpu_seconds for r in runs),
    )


def _citeproc_js_ready() -> bool:
    if shutil.which("node") is None:
        return False
    if not (ORACLE / "node_modules" / "citeproc").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ORACLE, check=False)
    return (ORACLE / "node_modules" / "citeproc").exists()


def whole_process(sizes: list[int], repeat: int, with_js: bool) -> None:
    """``biblioconv cite`` against citeproc-py and citeproc-js, fresh processes."""
    from biblioconv.formats.citation.fidelity import oracle_command
    from biblioconv.formats.citation.styles import resolve_style

    apa = str(resolve_style("apa"))
    js = with_js and _citeproc_js_ready()
    C.compile_bytecode()
    for n in sizes:
        bib = C.bibtex_corpus(n)
        items_path = C.derived_corpus("csl-json", n)
        count = len(json.loads(items_path.read_text(encoding="utf-8")))
        task = f"APA bibliography, {n:,} BibTeX entries ({count:,} items), whole process"
        codes = {
            "citeproc-py": CITEPROC_PY.format(items=str(items_path), style=apa),
            "biblioconv": BIBLIOCONV.format(path=str(bib), extra=[]),
            "--jobs 1": BIBLIOCONV.format(path=str(bib), extra=["--jobs", "1"]),
        }
        node_args = None
        if js:
            out = C.DATA / "citeproc-js-out.json"
            node_args = oracle_command(items_path, out, ("apa",), bibliography_only=True)
        runs: dict[str, list[C.Measurement]] = {name: [] for name in codes}
        runs["citeproc-js"] = []
        for _ in range(max(repeat, 1)):  # alternating rounds: a drifting machine moves all alike
            for name, code in codes.items():
                runs[name].append(C.measure(code))
            if node_args is not None:
                runs["citeproc-js"].append(C.run_process(node_args))
        base, ours, one = (_median(runs[name]) for name in codes)
        C.emit(
            BENCH,
            task,
            "citeproc-py 0.11",
            records=count,
            seconds=base.seconds,
            peak_rss_mb=base.peak_rss_mb,
            cpu_seconds=base.cpu_seconds,
            baseline=True,
            note="CSL-JSON in, plain text out",
        )
        C.emit(
            BENCH,
            task,
            "biblioconv cite",
            records=count,
            seconds=ours.seconds,
            peak_rss_mb=ours.peak_rss_mb,
            cpu_seconds=ours.cpu_seconds,
            note="BibTeX in (parsing included), text out; as typed (large inputs read by "
            "several processes)",
        )
        C.emit(
            BENCH,
            task,
            "biblioconv cite --jobs 1",
            records=count,
            seconds=one.seconds,
            peak_rss_mb=one.peak_rss_mb,
            cpu_seconds=one.cpu_seconds,
            note="BibTeX in (parsing included), text out; one process",
        )
        line = (
            f"{n:>5} entries: citeproc-py {base.seconds:6.2f} s (CPU {base.cpu_seconds:6.2f})"
            f" | biblioconv {ours.seconds:6.2f} s (CPU {ours.cpu_seconds:6.2f}),"
            f" {base.seconds / ours.seconds:4.1f}x (CPU {base.cpu_seconds / ours.cpu_seconds:4.1f}x)"
            f" | --jobs 1 {one.seconds:6.2f} s (CPU {one.cpu_seconds:6.2f}),"
            f" {base.seconds / one.seconds:4.1f}x (CPU {base.cpu_seconds / one.cpu_seconds:4.1f}x)"
        )
        if runs["citeproc-js"]:
            node = _median(runs["citeproc-js"])
            C.emit(
                BENCH,
                task,
                "citeproc-js (node)",
                records=count,
                seconds=node.seconds,
                peak_rss_mb=node.peak_rss_mb,
                cpu_seconds=node.cpu_seconds,
                note="CSL-JSON in, text out",
            )
            line += (
                f" | citeproc-js {node.seconds:6.2f} s (CPU {node.cpu_seconds:6.2f}),"
                f" biblioconv / citeproc-js {ours.seconds / node.seconds:4.2f}"
                f" (CPU {ours.cpu_seconds / node.cpu_seconds:4.2f})"
            )
        print(line, flush=True)


def document(n: int, seed: int = 11) -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
    """``n`` items and ``n`` clusters citing them: one or two cites each, a new item (60%) or
    an earlier one, 30% with a locator."""
    rng = random.Random(seed)
    items = make_items(n)
    fresh = 0
    clusters: list[list[dict[str, Any]]] = []
    for _ in range(n):
        cites: list[dict[str, Any]] = []
        for _ in range(rng.choice((1, 1, 2))):
            if fresh < n and (fresh == 0 or rng.random() < 0.6):
                key = items[fresh]["id"]
                fresh += 1
            else:
                key = items[rng.randrange(fresh)]["id"]
            cite: dict[str, Any] = {"id": key}
            if rng.random() < 0.3:
                cite["locator"] = str(rng.randint(1, 300))
            if all(c["id"] != key for c in cites):
                cites.append(cite)
        clusters.append(cites)
    return items, clusters


def _timed(fn: Any) -> tuple[float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


def session_scaling(styles: list[str], sizes: list[int], rerender: list[int]) -> None:
    """Per style and size: ms per cluster cited one after another, against one full rendering
    of the finished document and (small sizes) a full re-rendering at every cite."""
    from biblioconv import CitationSession
    from biblioconv.formats.citation.engine import render_citations

    for style in styles:
        CitationSession(style).add(make_items(2))  # load the style once
        for n in sizes:
            items, clusters = document(n)
            session = CitationSession(style, items=items)

            def cite_all(session: Any = session, clusters: Any = clusters) -> None:
                for cites in clusters:
                    session.cite(cites)

            wall, cpu = _timed(cite_all)
            notes = [c.note for c in session.clusters]
            cited = session._cited()
            full_wall, full_cpu = _timed(
                lambda c=cited, k=clusters, s=style, o=notes: render_citations(
                    c, k, style=s, notes=o
                )
            )
            task = f"{style}: {n:,} clusters cited one after another"
            C.emit(
                BENCH,
                task,
                "one full rendering of the document",
                records=n,
                seconds=full_wall,
                cpu_seconds=full_cpu,
                baseline=True,
            )
            C.emit(
                BENCH,
                task,
                "CitationSession.cite per cluster",
                records=n,
                seconds=wall,
                cpu_seconds=cpu,
            )
            line = (
                f"{style:<28} {n:>5} clusters: session {1000 * cpu / n:6.2f} ms/cluster CPU"
                f" ({1000 * wall / n:6.2f} wall) | one full rendering"
                f" {1000 * full_cpu / n:6.2f} ms/cluster CPU | session / full"
                f" {cpu / full_cpu:4.2f}"
            )
            if n in rerender:
                legacy = CitationSession(style, items=items)

                def rerender_all(legacy: Any = legacy, clusters: Any = clusters) -> None:
                    from biblioconv.formats.citation.session import _Entry

                    for cites in clusters:
                        entry = _Entry(legacy._new_id(), legacy._cites(cites), None)
                        legacy._apply([*legacy._clusters, entry])

                r_wall, r_cpu = _timed(rerender_all)
                assert [c.text for c in legacy.clusters] == [c.text for c in session.clusters]
                C.emit(
                    BENCH,
                    task,
                    "full re-rendering at each cite (before)",
                    records=n,
                    seconds=r_wall,
                    cpu_seconds=r_cpu,
                )
                line += f" | re-render per cite {1000 * r_cpu / n:7.2f} ms/cluster CPU"
            print(line, flush=True)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[510, 2000])
    parser.add_argument("--clusters", type=int, nargs="+", default=[100, 500, 1000, 2000])
    parser.add_argument(
        "--styles", nargs="+", default=["apa", "chicago-notes-bibliography", "ieee"]
    )
    parser.add_argument("--rerender-sizes", type=int, nargs="*", default=[100, 250])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-js", action="store_true", help="leave citeproc-js out")
    parser.add_argument("--skip-process", action="store_true")
    parser.add_argument("--skip-session", action="store_true")
    args = parser.parse_args()
    print(f"machine: {json.dumps(C.machine())}", flush=True)
    if not args.skip_process:
        whole_process(args.sizes, args.repeat, not args.skip_js)
    if not args.skip_session:
        session_scaling(args.styles, args.clusters, args.rerender_sizes)


if __name__ == "__main__":
    main()
