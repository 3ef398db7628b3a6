"""Benchmark: reading and writing CITATION.cff, against a bare ``yaml.safe_load`` of the same
file measured in the same run.

A CITATION.cff describes one work; its size grows with its ``references``. The input is built
from the real examples in ../shared/examples/cff: every reference and preferred citation they
hold, repeated with fresh titles until the file has ``--size`` references (cached in
benchmarks/.data/cff/). Each reference is a record, so records/s counts references.

Prints, for reading: biblioconv records/s, then a bare load of the same file with biblioconv's
YAML loader alone (libyaml's parser where PyYAML has it, no timestamp resolution), a bare
``yaml.safe_load`` (what a script would call) and PyYAML's CSafeLoader, each as records/s and as
the ratio of biblioconv's time to it; for writing: biblioconv records/s and a bare
``yaml.safe_dump`` of the same document.

    python benchmarks/bench_cff.py [--size 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as C
import yaml

import biblioconv
from biblioconv.report import ConversionReport

EXAMPLES = C.SHARED / "examples" / "cff"
DATA = C.DATA / "cff"


def _loader() -> type[yaml.SafeLoader]:
    from biblioconv.formats.cff.values import _Loader

    return _Loader


def build(n: int) -> Path:
    """A CITATION.cff with ``n`` references built from the real examples (cached)."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"CITATION-{n}.cff"
    if path.exists():
        return path
    refs: list[dict[str, Any]] = []
    top: dict[str, Any] | None = None
    for example in sorted(EXAMPLES.glob("*.cff")):
        if example.name.startswith("INVALID"):
            continue
        doc = yaml.load(example.read_bytes(), Loader=_loader())
        if top is None and "preferred-citation" not in doc:
            top = {k: v for k, v in doc.items() if k != "references"}
        refs += [r for r in doc.get("references", []) if isinstance(r, dict)]
        if isinstance(doc.get("preferred-citation"), dict):
            refs.append(doc["preferred-citation"])
    assert top is not None and refs
    out = dict(top)
    out["references"] = []
    for i in range(n):
        ref = copy.deepcopy(refs[i % len(refs)])
        ref["title"] = f"{ref.get('title', 'Untitled')} ({i})"
        out["references"].append(ref)
    path.write_text(yaml.safe_dump(out, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000, help="references in the file")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = build(args.size)
    data = path.read_bytes()
    records = biblioconv.loads(data, "cff")
    n = len(records)
    print(f"input: {path.name}, {len(data) / 1e6:.2f} MB, {n} records")

    read = C.median_time(
        lambda: biblioconv.loads(data, "cff", report=ConversionReport()), args.repeat
    )
    bare = C.median_time(lambda: yaml.load(data, Loader=_loader()), args.repeat)
    safe = C.median_time(lambda: yaml.safe_load(data), args.repeat)
    print(f"read   biblioconv            {n / read:10.0f} records/s")
    print(
        f"read   loader alone          {n / bare:10.0f} records/s   biblioconv/bare time "
        f"{read / bare:.2f}x"
    )
    print(f"read   yaml.safe_load        {n / safe:10.0f} records/s   ratio {read / safe:.2f}x")
    if hasattr(yaml, "CSafeLoader"):
        fast = C.median_time(lambda: yaml.load(data, Loader=yaml.CSafeLoader), args.repeat)
        print(f"read   yaml CSafeLoader      {n / fast:10.0f} records/s   ratio {read / fast:.2f}x")

    doc = yaml.load(data, Loader=_loader())
    write = C.median_time(
        lambda: biblioconv.dumps(records, "cff", report=ConversionReport()), args.repeat
    )
    dump = C.median_time(
        lambda: yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), args.repeat
    )
    print(f"write  biblioconv            {n / write:10.0f} records/s")
    print(
        f"write  yaml.safe_dump        {n / dump:10.0f} records/s   biblioconv/bare time "
        f"{write / dump:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
