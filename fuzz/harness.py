"""Coverage-guided fuzzing of one biblioconv reader with atheris.

Usage: ``python fuzz/harness.py FORMAT [libFuzzer options] [CORPUS_DIR ...]``, or one of the
``fuzz_<format>.py`` scripts beside this file. See ``fuzz/README.md``.

Every input is read through the public API; whatever is read is written back in the same format
and read again. Any exception other than a :class:`biblioconv.BiblioconvError` is a crash.
"""

from __future__ import annotations

import contextlib
import sys
import warnings
from pathlib import Path

import atheris

import biblioconv
from biblioconv.errors import BiblioconvError
from biblioconv.report import ConversionReport

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".corpus"


def seed_corpus(fmt: str) -> Path:
    """A working corpus for a format (``fuzz/.corpus/FORMAT``), seeded on first use with the
    test cases whose file names carry the format's extensions and the example record written
    in the format."""
    from biblioconv import registry
    from biblioconv.model import Record

    spec = registry.get(fmt)
    out = WORK / spec.name
    if out.is_dir() and any(out.iterdir()):
        return out
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for folder in (ROOT / "tests" / "formats", ROOT / "tests" / "malformed"):
        for path in sorted(folder.rglob("*")):
            name = path.name.lower()
            wanted = any(name.endswith(e.lower()) for e in spec.extensions)
            if wanted and path.is_file() and path.stat().st_size <= 256 * 1024:
                n += 1
                (out / f"seed-{n:04d}").write_bytes(path.read_bytes())
    example = ROOT / "examples" / "social-innovators.record.json"
    if spec.can_write and example.is_file():
        record = Record.model_validate_json(example.read_text("utf-8"))
        with contextlib.suppress(BiblioconvError):
            (out / "seed-example").write_text(biblioconv.dumps(record, spec.name), "utf-8")
    return out


def make_target(fmt: str):  # type: ignore[no-untyped-def]
    """The test-one-input function of a format."""
    from biblioconv import registry

    spec = registry.get(fmt)
    # import the reader and writer now, not lazily inside the loop, and instrument them
    spec.get_reader()
    if spec.can_write:
        spec.get_writer()
    atheris.instrument_all()

    def test_one_input(data: bytes) -> None:
        report = ConversionReport()
        try:
            records = list(biblioconv.read(data, spec.name, report=report))
        except BiblioconvError:
            return
        if spec.can_write and records:
            try:
                text = biblioconv.dumps(records, spec.name)
                list(biblioconv.read(text.encode("utf-8"), spec.name))
            except BiblioconvError:
                return

    return test_one_input


def main(argv: list[str] | None = None) -> None:
    """Fuzz the format named by the first argument; the rest go to libFuzzer."""
    args = list(sys.argv if argv is None else argv)
    if len(args) < 2:
        raise SystemExit("usage: harness.py FORMAT [libFuzzer options] [CORPUS_DIR ...]")
    fmt = args.pop(1)
    warnings.simplefilter("ignore")
    if not any(not a.startswith("-") for a in args[1:]):
        args.append(str(seed_corpus(fmt)))
    atheris.Setup(args, make_target(fmt))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
