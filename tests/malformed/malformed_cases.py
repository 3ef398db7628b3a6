"""The malformed-input corpus: case files and their sidecar expectations.

Each ``cases/<name>.<ext>`` has a ``cases/<name>.<ext>.expect`` JSON sidecar (a case may instead
be generated from its sidecar's ``generate`` entry when it is too large to keep in the tree):

``format``
    the registered format the case is read as.
``outcome``
    ``"records"``: reading succeeds with ``records`` records, ``skipped`` skipped; ``codes`` is
    the exact set of diagnostic codes, or ``codes_include`` / ``codes_exclude`` constrain it;
    optional ``titles`` (the records' titles), ``absent`` (substrings that must not occur in the
    records' JSON) and ``message_in_diagnostics`` (a fragment one diagnostic message contains).
    ``"error"``: reading raises the biblioconv error class ``error`` (or a subclass) whose
    message contains ``message``.
    ``"refused"``: either a biblioconv error, or no record and at least one warning.
``note``
    why the expectation is what it is.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CASES = Path(__file__).resolve().parent / "cases"
SUFFIX = ".expect"


@dataclass(frozen=True)
class Case:
    """One malformed input and what reading it must give."""

    name: str
    path: Path
    expect: dict[str, Any]

    @property
    def format(self) -> str:
        return str(self.expect["format"])

    def data(self) -> bytes:
        gen = self.expect.get("generate")
        if gen:
            text = gen["prefix"] + gen["repeat"] * int(gen["times"]) + gen["suffix"]
            return text.encode("utf-8")
        return self.path.read_bytes()


def load_cases() -> list[Case]:
    """Every case of the corpus, sorted by name."""
    out = []
    for sidecar in sorted(CASES.glob(f"*{SUFFIX}")):
        path = sidecar.with_name(sidecar.name[: -len(SUFFIX)])
        expect = json.loads(sidecar.read_text("utf-8"))
        if not expect.get("generate") and not path.is_file():
            raise FileNotFoundError(f"{sidecar.name}: no case file {path.name}")
        out.append(Case(path.name, path, expect))
    return out


class Hang(Exception):
    """Reading took longer than the deadline."""


@contextmanager
def deadline(seconds: float, what: str) -> Iterator[None]:
    """Fail with :class:`Hang` if the block runs longer than ``seconds`` (main thread only)."""

    def expire(signum: int, frame: Any) -> None:
        raise Hang(f"{what}: still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
