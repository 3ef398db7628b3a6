"""Shared pieces of the benchmark scripts: corpora, fresh-process measurements, reporting.

Import it from a ``benchmarks/bench_<name>.py`` script with::

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import _common as C

* Corpora. :func:`bibtex_corpus` and :func:`ris_corpus` build scaled copies of the real corpora in
  ``../shared/corpus`` with renamed keys/ids (crossref targets renamed alike, so each copy is
  self-contained) into ``benchmarks/.data/`` (git-ignored), cached by size. :func:`derived_corpus`
  converts a scaled BibTeX corpus with biblioconv into any writable format (CSL-JSON, DataCite,
  Dublin Core...), so every format is measured on the same real records.
* Measurements. :func:`measure` runs Python code in a fresh interpreter and returns its wall time
  and peak resident memory (``os.wait4`` rusage of that one child, so nothing else is counted);
  :func:`median_measure` repeats it and keeps the median time. Put the import of the library
  being measured inside the code, so start-up and import cost are part of the figure (whole
  process, as the peers are measured) or print a time taken inside the code and read it with
  ``inner=True``.
* XML readers. :func:`scaled_file` builds a file of repeated, renumbered records;
  :func:`compare_reading` times biblioconv reading it against a bare ``lxml.etree.iterparse`` pass
  (and the floor: that pass touching every element and validating one record each), in fresh
  interpreters, with the peak RSS at a tenth of the size and at the full size;
  :func:`print_reading` prints the figures.
* Reporting. :func:`emit` prints one ``BENCH {json}`` line per figure; ``benchmarks/run.py`` reads
  these lines from every script and prints one table with the ratios to the baseline of the same
  task (rows with ``baseline=True``). Human-readable lines may be printed as well.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
"""The repository root."""
SHARED = (ROOT / ".." / "shared").resolve()
"""The shared reference material (corpora, schemas)."""
CORPUS = SHARED / "corpus"
DATA = ROOT / "benchmarks" / ".data"
"""Where derived corpora are cached (git-ignored)."""
PYTHON = sys.executable

__all__ = [
    "CORPUS",
    "DATA",
    "PEAK_CODE",
    "ROOT",
    "Measurement",
    "Reading",
    "bare_script",
    "bibtex_corpus",
    "compare_reading",
    "compile_bytecode",
    "csl_lines_corpus",
    "derived_corpus",
    "emit",
    "floor_script",
    "machine",
    "measure",
    "median_measure",
    "median_time",
    "print_reading",
    "read_script",
    "ris_corpus",
    "run_script",
    "scaled_file",
]


# -- corpora -------------------------------------------------------------------------------------

_BIB_BLOCK = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.MULTILINE)
_BIB_KEY = re.compile(r"^([ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(][ \t]*)([^,\s]+)")
_BIB_XREF = re.compile(
    r"(?im)^([ \t]*(?:crossref|xref|xdata)[ \t]*=[ \t]*[{\"]?[ \t]*)([^}\",\s]+)"
)


def _bib_blocks() -> tuple[str, list[str]]:
    """(header: @string/@preamble/comments, entries) of the real BibTeX corpus, in file order."""
    text = (CORPUS / "bibtex-real.bib").read_text(encoding="utf-8")
    starts = [m.start() for m in _BIB_BLOCK.finditer(text)] + [len(text)]
    header: list[str] = [text[: starts[0]]]
    entries: list[str] = []
    for a, b in itertools.pairwise(starts):
        block = text[a:b]
        kind = _BIB_BLOCK.match(block)
        assert kind is not None
        if kind.group(1).lower() in ("string", "preamble", "comment"):
            header.append(block)
        else:
            entries.append(block)
    return "".join(header), entries


def bibtex_corpus(n: int) -> Path:
    """A BibTeX file of ``n`` real entries: the corpus repeated with keys renamed per copy.

    Copy 0 keeps the original keys; copy ``c`` appends ``-c<c>`` to every key and crossref target.
    The ``@string`` definitions come once, first. Cached in ``benchmarks/.data/``.
    """
    path = DATA / f"bibtex-{n}.bib"
    if path.exists():
        return path
    header, entries = _bib_blocks()
    DATA.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(header)
        for i in range(n):
            copy, block = divmod(i, len(entries))
            text = entries[block]
            if copy:
                key_repl = rf"\g<1>\g<2>-c{copy}"
                text = _BIB_KEY.sub(key_repl, text, count=1)
                text = _BIB_XREF.sub(rf"\g<1>\g<2>-c{copy}", text)
            fh.write(text if text.endswith("\n") else text + "\n")
    tmp.replace(path)
    return path


_RIS_ER = re.compile(r"^ER  -.*$", re.MULTILINE)


def _ris_records() -> list[list[str]]:
    out: list[list[str]] = []
    for path in sorted((CORPUS / "ris").glob("*.ris")):
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        for chunk in _RIS_ER.split(text):
            lines = chunk.strip("\n").split("\n")
            while lines and not lines[0].startswith("TY  - "):
                lines.pop(0)
            if lines:
                out.append([ln for ln in lines if not ln.startswith("ID  - ")])
    return out


def ris_corpus(n: int) -> Path:
    """A RIS file of ``n`` records from the real vendor exports, each with a fresh ``ID``.

    LF line endings, UTF-8 without BOM. Cached in ``benchmarks/.data/``.
    """
    path = DATA / f"ris-{n}.ris"
    if path.exists():
        return path
    base = _ris_records()
    DATA.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for i in range(n):
            lines = base[i % len(base)]
            fh.write(lines[0] + "\n" + f"ID  - r{i}\n")
            fh.write("".join(ln + "\n" for ln in lines[1:]))
            fh.write("ER  - \n\n")
    tmp.replace(path)
    return path


def derived_corpus(fmt: str, n: int, *, ext: str | None = None, **options: Any) -> Path:
    """``n`` records of the scaled BibTeX corpus converted by biblioconv to ``fmt`` (cached).

    Crossrefs are resolved as in a normal conversion. Writer ``options`` go to the conversion
    (e.g. ``lines=True`` for CSL-JSON Lines) and into the cache file name.
    """
    import biblioconv
    from biblioconv import registry

    tag = "".join(f"-{k}{v}" for k, v in sorted(options.items()))
    spec = registry.get(fmt)
    suffix = ext or (spec.extensions[0] if spec.extensions else f".{spec.name}")
    path = DATA / f"{spec.name}{tag}-{n}{suffix}"
    if not path.exists():
        biblioconv.convert(bibtex_corpus(n), spec.name, path, from_="bibtex", **options)
    return path


def csl_lines_corpus(n: int) -> Path:
    """``n`` CSL-JSON Lines items: the real BibTeX corpus converted once by biblioconv, then
    repeated with ``id`` and ``citation-key`` renamed per copy (fast to build at any size)."""
    import json

    path = DATA / f"csl-lines-{n}.jsonl"
    if path.exists():
        return path
    base = derived_corpus("csl-json", len(_bib_blocks()[1]), ext=".jsonl", lines=True)
    items = base.read_text(encoding="utf-8").splitlines()
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as fh:
        for i in range(n):
            copy, k = divmod(i, len(items))
            if not copy:
                fh.write(items[k] + "\n")
                continue
            item = json.loads(items[k])
            for key in ("id", "citation-key"):
                if isinstance(item.get(key), str):
                    item[key] = f"{item[key]}-c{copy}"
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


# -- measurements --------------------------------------------------------------------------------


def compile_bytecode() -> None:
    """Compile biblioconv's modules to bytecode, as installing a wheel does: peers (installed
    packages, node) start from compiled code, so biblioconv must too, even from an editable
    checkout run with PYTHONDONTWRITEBYTECODE set (which would recompile every module in
    every process)."""
    import biblioconv

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    package = str(Path(biblioconv.__file__).resolve().parent)
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], env=env, check=True)


@dataclass
class Measurement:
    """One run of code in a fresh interpreter."""

    seconds: float
    """Wall time of the whole process (or the time the code printed, with ``inner=True``)."""
    peak_rss_mb: float
    """Peak resident memory of that process (or of its largest child process), MB."""
    stdout: str
    cpu_seconds: float = 0.0
    """User + system CPU time of the process and the child processes it waited for."""


def measure(code: str, *, inner: bool = False, timeout: float = 3600) -> Measurement:
    """Run ``code`` with ``python -c`` in a fresh process; its wall time and peak RSS.

    With ``inner=True`` the code must print a line ``SECONDS <float>`` (a time it took itself,
    e.g. without the interpreter's start-up); that figure is returned instead of the wall time.
    Raises RuntimeError with the child's error output when it fails.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [PYTHON, "-c", code],
            stdout=out,
            stderr=err,
            cwd=ROOT,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            # wait4 gives this child's own peak RSS (RUSAGE_CHILDREN would be the max of all)
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode(errors="replace")
        errors = err.read().decode(errors="replace")
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    rss = usage.ru_maxrss * scale / 1e6
    if proc.returncode:
        tail = errors.strip().splitlines()[-3:]
        raise RuntimeError(f"measured code failed ({proc.returncode}): {' | '.join(tail)}")
    if inner:
        found = re.findall(r"^SECONDS (\S+)$", text, re.MULTILINE)
        if not found:
            raise RuntimeError("measured code printed no SECONDS line")
        wall = float(found[-1])
    return Measurement(wall, rss, text, usage.ru_utime + usage.ru_stime)


def median_time(fn: Callable[[], Any], repeat: int) -> float:
    """The median wall time of ``repeat`` calls of ``fn`` in this process, seconds."""
    times = []
    for _ in range(max(repeat, 1)):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run_process(argv: list[str]) -> Measurement:
    """Run a command (any program) once: wall time, its peak RSS and its CPU time (user +
    system, child processes it waited for included). Raises RuntimeError when it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise RuntimeError(f"{Path(argv[0]).name} failed: {err.strip()[-300:]}")
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    rss = usage.ru_maxrss * scale / 1e6
    return Measurement(wall, rss, "", usage.ru_utime + usage.ru_stime)


def median_measure(
    code: str, *, repeat: int = 3, inner: bool = False, timeout: float = 3600
) -> Measurement:
    """:func:`measure` ``repeat`` times: the median time and the largest peak RSS."""
    runs = [measure(code, inner=inner, timeout=timeout) for _ in range(max(repeat, 1))]
    return Measurement(
        statistics.median(r.seconds for r in runs),
        max(r.peak_rss_mb for r in runs),
        runs[-1].stdout,
        statistics.median(r.cpu_seconds for r in runs),
    )


# -- reporting -----------------------------------------------------------------------------------


def emit(
    bench: str,
    task: str,
    tool: str,
    *,
    records: int,
    seconds: float,
    peak_rss_mb: float | None = None,
    cpu_seconds: float | None = None,
    baseline: bool = False,
    note: str = "",
) -> dict[str, Any]:
    """Print one figure as a ``BENCH {json}`` line (read by ``benchmarks/run.py``) and return it.

    ``task`` groups rows compared with each other (e.g. ``"BibTeX -> CSL-JSON, 61,190 records"``);
    the row with ``baseline=True`` is what the others' ratios are computed against.
    ``cpu_seconds`` (user + system, all processes) tells the work done apart from the wall time,
    which on a busy machine depends on what else runs.
    """
    row = {
        "bench": bench,
        "task": task,
        "tool": tool,
        "records": records,
        "seconds": round(seconds, 4),
        "records_per_s": round(records / seconds, 1) if seconds > 0 else None,
        "peak_rss_mb": round(peak_rss_mb, 1) if peak_rss_mb is not None else None,
        "cpu_seconds": round(cpu_seconds, 3) if cpu_seconds is not None else None,
        "baseline": baseline,
        "note": note,
    }
    print("BENCH " + json.dumps(row, ensure_ascii=False), flush=True)
    return row


def parse_rows(text: str) -> Iterator[dict[str, Any]]:
    """The ``BENCH`` rows printed by :func:`emit` in a script's output."""
    for line in text.splitlines():
        if line.startswith("BENCH {"):
            try:
                yield json.loads(line[6:])
            except ValueError:
                continue


def machine() -> dict[str, Any]:
    """The machine the figures come from: cores, CPU model, memory, Python."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb: float | None = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": mem_gb,
        "python": sys.version.split()[0],
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def as_dict(m: Measurement) -> dict[str, Any]:
    """A measurement without its captured output."""
    d = asdict(m)
    d.pop("stdout")
    return d


# -- XML readers against a bare lxml iterparse pass ----------------------------------------------

#: Code defining ``peak()``: the process's own peak RSS in KiB (VmHWM, else ru_maxrss).
PEAK_CODE = """
import resource
def peak():
    # VmHWM is this process's own high-water mark (ru_maxrss survives exec on Linux)
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""


def bare_script(tag: str) -> str:
    """Code printing ``records seconds peak_kb`` of a bare ``lxml.etree.iterparse`` pass over the
    file ``sys.argv[1]``, counting and clearing each ``tag`` element (and the ones before it)."""
    return (
        PEAK_CODE
        + f"""
import sys, time
from lxml import etree
t = time.perf_counter(); n = 0
for _, el in etree.iterparse(sys.argv[1], events=("end",), tag={tag!r}):
    n += 1
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
print(n, time.perf_counter() - t, peak())
"""
    )


def read_script(fmt: str) -> str:
    """Code printing ``records seconds peak_kb`` of biblioconv reading every record of the file
    ``sys.argv[1]`` as ``fmt`` (the API loaded before the clock starts)."""
    return (
        PEAK_CODE
        + f"""
import sys, time
import biblioconv
read = biblioconv.read
t = time.perf_counter(); n = 0
for _ in read(sys.argv[1], {fmt!r}):
    n += 1
print(n, time.perf_counter() - t, peak())
"""
    )


def floor_script(fmt: str, tag: str, sample: int = 500) -> str:
    """Code printing ``records seconds 0`` of the floor of any Python reader of the record model:
    the bare pass, plus touching every element of each ``tag`` record from Python (tag, text,
    attributes), plus one validation of the record dict biblioconv makes of it (prepared before
    the clock starts from the file's first ``sample`` records, read as ``fmt``)."""
    return f"""
import itertools, sys, time
from lxml import etree
import biblioconv
from biblioconv.model import Record
dicts = [r.model_dump(exclude_defaults=True)
         for r in itertools.islice(biblioconv.read(sys.argv[1], {fmt!r}), {sample})]
validate = Record.model_validate
t = time.perf_counter(); n = 0
for _, el in etree.iterparse(sys.argv[1], events=("end",), tag={tag!r}):
    for e in el.iter():
        e.tag, e.text, e.items()
    validate(dicts[n % len(dicts)])
    n += 1
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
print(n, time.perf_counter() - t, 0)
"""


def run_script(script: str, path: Path, *args: str) -> tuple[int, float, float]:
    """Run one measurement in a fresh interpreter (``script`` prints ``records seconds peak_kb``
    for the file ``path``; ``args`` follow it on the command line): (records, seconds, peak RSS
    in MB)."""
    res = subprocess.run(
        [sys.executable, "-c", script, str(path), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    n, secs, rss_kb = res.stdout.split()
    return int(n), float(secs), int(rss_kb) / 1024


def scaled_file(
    name: str,
    size: int,
    bodies: Callable[[], list[str]],
    renumber: Callable[[int, str], str],
    *,
    head: str,
    tail: str,
) -> Path:
    """``benchmarks/.data/<name>-<size>.xml`` (cached): ``head``, then ``size`` records, record
    ``i`` being ``renumber(i, body)`` of the ``i % len``-th of ``bodies()`` on a line of its own,
    then ``tail``."""
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"{name}-{size}.xml"
    if path.exists():
        return path
    texts = bodies()
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as out:
        out.write(head)
        for i in range(size):
            out.write(renumber(i, texts[i % len(texts)]) + "\n")
        out.write(tail)
    tmp.replace(path)
    return path


@dataclass
class Reading:
    """biblioconv reading a file against a bare iterparse pass over it (medians of the rounds)."""

    records: int
    file_mb: float
    bare_rate: float
    """Records/s of the bare pass."""
    ours_rate: float
    """Records/s of biblioconv."""
    ratio: float
    """biblioconv's time over the bare pass's."""
    floor: float | None
    """The floor's time over the bare pass's (None when not measured)."""
    peak_small: float
    """biblioconv's peak RSS (MB) on a tenth of the records."""
    peak: float
    """biblioconv's peak RSS (MB) on all of them."""
    small_records: int


def compare_reading(
    fmt: str, tag: str, small: Path, full: Path, *, size: int, repeat: int, floor: bool = False
) -> Reading:
    """Measure, in turn ``repeat`` times, the bare pass over ``full`` (``tag`` records), biblioconv
    reading it as ``fmt`` and, with ``floor``, the floor; then biblioconv's peak RSS on ``small``.
    Each measurement runs in a fresh interpreter; every run must count ``size`` records."""
    bare, ours, floor_code = bare_script(tag), read_script(fmt), floor_script(fmt, tag)
    ratios, floors, ours_rates, bare_rates, peak = [], [], [], [], 0.0
    for _ in range(repeat):
        n_bare, t_bare, _ = run_script(bare, full)
        n_ours, t_ours, peak = run_script(ours, full)
        if floor:
            floors.append(run_script(floor_code, full)[1] / t_bare)
        assert n_bare == n_ours == size, (n_bare, n_ours)
        ratios.append(t_ours / t_bare)
        ours_rates.append(n_ours / t_ours)
        bare_rates.append(n_bare / t_bare)
    n_small, _, peak_small = run_script(ours, small)
    return Reading(
        records=size,
        file_mb=full.stat().st_size / 1e6,
        bare_rate=statistics.median(bare_rates),
        ours_rate=statistics.median(ours_rates),
        ratio=statistics.median(ratios),
        floor=statistics.median(floors) if floors else None,
        peak_small=peak_small,
        peak=peak,
        small_records=n_small,
    )


def print_reading(title: str, r: Reading, unit: str = "records") -> None:
    """Print a :class:`Reading`: ``title``, records/s of both, the ratio (target 3x), the floor
    and the peak RSS at a tenth of the size and at the full size."""
    print(f"{title}: {r.records:,} {unit}, {r.file_mb:,.0f} MB")
    print(f"  bare lxml iterparse  {r.bare_rate:>10,.0f} records/s")
    print(
        f"  biblioconv read      {r.ours_rate:>10,.0f} records/s  "
        f"({r.ratio:.1f}x the bare pass's time; target 3x)"
    )
    if r.floor is not None:
        print(
            f"  floor (bare pass + touching every element + one record validation): "
            f"{r.floor:.1f}x the bare pass's time"
        )
    print(
        f"  peak RSS: {r.peak_small:.0f} MB at {r.records // 10:,} records, "
        f"{r.peak:.0f} MB at {r.records:,}"
    )
