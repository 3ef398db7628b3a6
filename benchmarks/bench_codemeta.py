"""Benchmark: reading and writing CodeMeta, against a bare ``json.loads`` / ``json.dumps`` of the
same document measured in the same run.

The input is a JSON array of ``--size`` CodeMeta objects built from the real examples in
../shared/examples/codemeta (repeated with fresh names; cached in benchmarks/.data/codemeta/).
Prints records/s of biblioconv's reader and writer and of the bare JSON calls, and the ratio of
biblioconv's time to the bare one.

    python benchmarks/bench_codemeta.py [--size 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C

import biblioconv
from biblioconv.report import ConversionReport

EXAMPLES = C.SHARED / "examples" / "codemeta"
DATA = C.DATA / "codemeta"


def build(n: int) -> Path:
    """A JSON array of ``n`` CodeMeta objects built from the real examples (cached)."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"codemeta-{n}.json"
    if path.exists():
        return path
    base = [
        json.loads(p.read_text("utf-8"))
        for p in sorted(EXAMPLES.glob("*.json"))
        if not p.name.startswith("INVALID")
    ]
    out = []
    for i in range(n):
        obj = copy.deepcopy(base[i % len(base)])
        obj["name"] = f"{obj.get('name', 'software')} ({i})"
        out.append(obj)
    path.write_text(json.dumps(out, ensure_ascii=False), "utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000, help="objects in the file")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = build(args.size)
    data = path.read_bytes()
    records = biblioconv.loads(data, "codemeta")
    n = len(records)
    print(f"input: {path.name}, {len(data) / 1e6:.2f} MB, {n} records")
    read = C.median_time(
        lambda: biblioconv.loads(data, "codemeta", report=ConversionReport()), args.repeat
    )
    bare = C.median_time(lambda: json.loads(data), args.repeat)
    print(f"read   biblioconv   {n / read:10.0f} records/s")
    print(
        f"read   json.loads   {n / bare:10.0f} records/s   biblioconv/bare time {read / bare:.1f}x"
    )
    doc = json.loads(data)
    write = C.median_time(
        lambda: biblioconv.dumps(records, "codemeta", report=ConversionReport()), args.repeat
    )
    dump = C.median_time(lambda: json.dumps(doc, ensure_ascii=False, indent=2), args.repeat)
    print(f"write  biblioconv   {n / write:10.0f} records/s")
    print(
        f"write  json.dumps   {n / dump:10.0f} records/s   biblioconv/bare time {write / dump:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
