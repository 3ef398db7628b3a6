"""Run every benchmark script and print one summary table.

    python benchmarks/run.py [--size 10000] [--only NAME ...] [--args NAME="--opt v" ...]
                             [--markdown] [--timeout 3600]

Each ``benchmarks/bench_*.py`` runs in a fresh interpreter, one after the other (so they do not
compete for the cores); ``--size`` is passed to the scripts that take a ``--size`` option. A
script's own output is shown as it finishes; the figures it reports as ``BENCH {json}`` lines
(see ``_common.emit``) are gathered into one table with records/s, peak memory and the ratio to
the baseline of the same task; for scripts that print only prose, the lines carrying figures
(records/s, ratios, MB, targets, and peers not installed or failed) are quoted in the summary.
Exit status 1 if any script failed.
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common as C  # noqa: E402

FIGURE = re.compile(
    r"records/s|entries/s|items/s|ratio|\d\s*x\b|\bMB\b|target|speed-?up|met|MISSED"
    r"|not installed|: failed \(",
    re.I,
)


def _scripts(only: list[str] | None) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if not only:
        return found
    wanted = {n.removeprefix("bench_").removesuffix(".py") for n in only}
    picked = [p for p in found if p.stem.removeprefix("bench_") in wanted]
    missing = wanted - {p.stem.removeprefix("bench_") for p in picked}
    if missing:
        raise SystemExit(f"run.py: no benchmark named {', '.join(sorted(missing))}")
    return picked


def _command(script: Path, size: int | None, extra: dict[str, list[str]]) -> list[str]:
    cmd = [sys.executable, str(script)]
    own = extra.get(script.stem.removeprefix("bench_"), [])
    if (
        size is not None
        and "--size" not in own
        and re.search(r"""["']--size["']""", script.read_text("utf-8"))
    ):
        cmd += ["--size", str(size)]
    return cmd + own


def _extra(pairs: list[str] | None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"run.py: --args expects NAME=OPTIONS, not {pair!r}")
        out[name.removeprefix("bench_").removesuffix(".py")] = shlex.split(value)
    return out


def _run(script: Path, cmd: list[str], timeout: float) -> dict[str, Any]:
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, cwd=C.ROOT, capture_output=True, text=True, timeout=timeout, check=False
        )
        out, err, code = proc.stdout, proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout if isinstance(exc.stdout, str) else (exc.stdout or b"").decode()
        err, code = f"timed out after {timeout:.0f} s", -1
    return {
        "name": script.stem.removeprefix("bench_"),
        "command": " ".join(["python", str(script.relative_to(C.ROOT)), *cmd[2:]]),
        "seconds": time.perf_counter() - start,
        "returncode": code,
        "stdout": out,
        "stderr": err,
        "rows": list(C.parse_rows(out)),
    }


def _ratios(rows: list[dict[str, Any]]) -> None:
    base: dict[tuple[str, str], float] = {}
    for r in rows:
        if r.get("baseline") and r.get("records_per_s"):
            base[(r["bench"], r["task"])] = r["records_per_s"]
    for r in rows:
        b = base.get((r["bench"], r["task"]))
        rate = r.get("records_per_s")
        r["ratio"] = round(rate / b, 2) if b and rate and not r.get("baseline") else None


def _fmt(v: Any, spec: str = "") -> str:
    if v is None:
        return "-"
    return format(v, spec) if spec else str(v)


def _table(rows: list[dict[str, Any]], markdown: bool) -> list[str]:
    head = ["bench", "task", "tool", "records", "records/s", "peak MB", "CPU s", "vs baseline"]
    body = [
        [
            r["bench"],
            r["task"],
            r["tool"] + (" (baseline)" if r.get("baseline") else ""),
            _fmt(r.get("records"), ","),
            _fmt(r.get("records_per_s"), ",.0f"),
            _fmt(r.get("peak_rss_mb"), ".0f"),
            _fmt(r.get("cpu_seconds"), ".1f"),
            f"{r['ratio']:.2f}x" if r.get("ratio") is not None else "",
        ]
        for r in rows
    ]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return lines
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=False)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return [fmt.format(*head), fmt.format(*("-" * w for w in widths))] + [
        fmt.format(*row) for row in body
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the summary; 1 if a script failed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=None, help="records, for scripts with --size")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="e.g. bibtex ris (bench_NAME.py)")
    ap.add_argument(
        "--args",
        action="append",
        metavar='NAME="OPTIONS"',
        help='extra options for one script, e.g. bibtex="--scale 2" (repeatable)',
    )
    ap.add_argument("--markdown", action="store_true", help="print the summary as Markdown")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per script")
    args = ap.parse_args(argv)

    m = C.machine()
    print(
        f"machine: {m['cores']} cores, {m['cpu']}, {m['memory_gb']} GB, Python {m['python']}, "
        f"load average {m['load_average']:.2f} at start"
    )
    extra = _extra(args.args)
    results = []
    for script in _scripts(args.only):
        cmd = _command(script, args.size, extra)
        print(f"\n=== {script.name}: {' '.join(cmd[2:])}", flush=True)
        res = _run(script, cmd, args.timeout)
        results.append(res)
        print(res["stdout"].rstrip())
        if res["returncode"]:
            tail = "\n".join(res["stderr"].strip().splitlines()[-5:])
            print(f"--- {script.name} FAILED (exit {res['returncode']}):\n{tail}")
        print(f"--- {script.name}: {res['seconds']:.0f} s", flush=True)

    rows = [r for res in results for r in res["rows"]]
    _ratios(rows)
    print("\n=== summary")
    if rows:
        print("\n".join(_table(rows, args.markdown)))
    for res in results:
        if res["rows"]:
            continue
        figures = [ln.strip() for ln in res["stdout"].splitlines() if FIGURE.search(ln)]
        status = "ok" if res["returncode"] == 0 else f"FAILED (exit {res['returncode']})"
        print(f"\n{res['name']} ({status}, {res['seconds']:.0f} s):")
        for line in figures:
            print(f"  {line}")
    failed = [res["name"] for res in results if res["returncode"]]
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
