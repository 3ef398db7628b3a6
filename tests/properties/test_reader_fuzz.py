"""Bounded fuzzing in the normal test run: every reader, given arbitrary bytes or a mutated valid
document, returns records or raises a biblioconv error, within a deadline; what it returns
can be written back."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import biblioconv
from biblioconv import registry
from biblioconv.errors import BiblioconvError
from biblioconv.model import Record

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "social-innovators.record.json"
READERS = [s.name for s in biblioconv.formats() if s.can_read and s.name != "citation"]
SECONDS = 5.0
SETTINGS = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@contextmanager
def _deadline(what: str) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"{what}: still running after {SECONDS} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _valid(fmt: str) -> bytes:
    """A valid document of a format: the example record, written by the format's writer."""
    record = Record.model_validate_json(EXAMPLE.read_text("utf-8"))
    twin = record.model_copy(update={"id": "twin", "citation_key": "twin"})
    return biblioconv.dumps([record, twin], fmt).encode("utf-8")


def _check(data: bytes, fmt: str) -> None:
    with _deadline(fmt):
        try:
            records = list(biblioconv.read(data, fmt))
        except BiblioconvError as exc:
            assert "\n" not in str(exc)
            return
        if registry.get(fmt).can_write and records:
            with contextlib.suppress(BiblioconvError):
                biblioconv.dumps(records, fmt)


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few deletions, insertions, duplications, byte flips or a truncation."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        if not out:
            break
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "flip", "truncate"]))
        i = draw(st.integers(0, len(out) - 1))
        j = min(len(out), i + draw(st.integers(1, 64)))
        if op == "delete":
            del out[i:j]
        elif op == "insert":
            out[i:i] = draw(st.binary(min_size=1, max_size=16))
        elif op == "duplicate":
            out[i:i] = out[i:j]
        elif op == "flip":
            out[i] = draw(st.integers(0, 255))
        else:
            del out[i:]
    return bytes(out)


@pytest.mark.parametrize("fmt", READERS)
@SETTINGS
@given(data=st.binary(max_size=2048))
def test_arbitrary_bytes(fmt: str, data: bytes) -> None:
    _check(data, fmt)


@pytest.mark.parametrize("fmt", [f for f in READERS if registry.get(f).can_write])
@SETTINGS
@given(st.data())
def test_mutated_valid_documents(fmt: str, data: st.DataObject) -> None:
    _check(data.draw(mutated(_valid(fmt))), fmt)
