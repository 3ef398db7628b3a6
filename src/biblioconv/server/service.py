"""What the endpoints do, on biblioconv's public API, without the web framework.

Each function works on a request body already read (bytes) and runs in a worker thread; a
:class:`Deadline` is checked between records so that a request over its time stops working
soon after its client was answered.
"""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import biblioconv
from biblioconv import registry
from biblioconv.api import _required, detect_stream
from biblioconv.model import Record
from biblioconv.report import Code, ConversionReport
from biblioconv.server.negotiation import refuse_paths
from biblioconv.server.problems import ServiceProblem

__all__ = [
    "LOSS_CODES",
    "Converted",
    "Deadline",
    "convert",
    "detect",
    "losses",
    "options_for",
    "read_records",
]

#: The diagnostic codes that mean something was lost (what ``ConversionReport.lossy`` counts).
LOSS_CODES = frozenset(
    {
        Code.FIELD_DROPPED.value,
        Code.VALUE_COERCED.value,
        Code.TYPE_APPROXIMATED.value,
        Code.RECORD_SKIPPED.value,
        Code.VERSION_DOWNGRADE.value,
    }
)

#: The name of a request body in messages when no ``?filename=`` names it.
BODY = "<input>"


class Deadline:
    """The time a request may work; :meth:`check` raises the 504 problem once it is over."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        """Stop the work of a request over its time."""
        if time.monotonic() > self.end:
            raise timeout_problem(self.seconds)


def timeout_problem(seconds: float) -> ServiceProblem:
    """The problem of a request that took longer than the service allows."""
    return ServiceProblem(
        504,
        "timeout",
        "Request took too long",
        f"the request took longer than the service's limit of {seconds:g} s; send fewer records",
    )


def losses(report: ConversionReport) -> int:
    """How many diagnostics say something was lost (dropped, coerced, approximated, skipped)."""
    total = 0
    for key, n in dict(report.counts).items():
        code, severity, _ = key.split("|", 2)
        if code in LOSS_CODES and severity != "info":
            total += n
    return total


def _body(data: bytes, name: str) -> io.BytesIO:
    stream = io.BytesIO(data)
    stream.name = name  # what the readers call the input in messages
    return stream


def detect(data: bytes, filename: str | None) -> biblioconv.Detection:
    """The format of a body (its file name helps)."""
    detection, _ = detect_stream(io.BytesIO(data), filename or None)
    return detection


def options_for(fmt: str, pairs: Sequence[str], *, read: bool) -> dict[str, Any]:
    """The reader's or writer's options of a format from ``NAME=VALUE`` or
    ``FORMAT.NAME=VALUE`` texts, read as the command line's ``-O`` reads them."""
    from biblioconv.option_text import format_options, valid_options

    refuse_paths(pairs)
    spec = registry.get(fmt)
    with _option_problems():
        model = valid_options(spec, format_options(pairs, spec.name), read=read)
    values: dict[str, Any] = model.model_dump()
    return values


@contextlib.contextmanager
def _option_problems() -> Iterator[None]:
    """The command line's usage errors about options, as the 400 problem they are here."""
    from biblioconv.errors import UsageError

    try:
        yield
    except UsageError as exc:
        raise ServiceProblem(400, "option-error", "Bad format option", str(exc)) from None


def _bounded(records: Iterator[Record], limit: int, deadline: Deadline) -> Iterator[Record]:
    for n, record in enumerate(records, 1):
        if n > limit:
            raise ServiceProblem(
                413,
                "too-many-records",
                "Too many records",
                f"more than {limit} records in one request (the service's limit); split the input",
            )
        deadline.check()
        yield record


def read_records(
    data: bytes,
    fmt: str | None,
    *,
    name: str,
    report: ConversionReport,
    options: Sequence[str] = (),
    strict: bool = False,
    max_records: int,
    deadline: Deadline,
) -> tuple[str, Iterator[Record]]:
    """The source format and the records of a body (detected when ``fmt`` is None), lazily:
    at most ``max_records``, none after the deadline, and the command line's error when the
    body gave no record while its reader complained."""
    if fmt is None:
        fmt = detect(data, None if name.startswith("<") else name).format
    read_opts = options_for(fmt, options, read=True)
    stream = biblioconv.read(
        _body(data, name), fmt, report=report, options=read_opts, strict=strict
    )
    records = _required(stream, report, name, fmt)
    return fmt, _bounded(records, max_records, deadline)


@dataclass
class Converted:
    """The result of :func:`convert`."""

    output: bytes
    source_format: str
    target_format: str
    report: ConversionReport


def convert(
    data: bytes,
    *,
    source: str | None,
    target: str,
    name: str = BODY,
    options: Sequence[str] = (),
    strict: bool = False,
    max_records: int,
    deadline: Deadline,
) -> Converted:
    """Convert a body, as ``biblioconv convert`` does: in one streaming pass, the loss report
    filled, nothing written when no record could be."""
    report = ConversionReport()
    write_opts = options_for(target, options, read=False)
    fmt, records = read_records(
        data,
        source,
        name=name,
        report=report,
        options=options,
        strict=strict,
        max_records=max_records,
        deadline=deadline,
    )
    from biblioconv.option_text import check_option_names

    with _option_problems():
        check_option_names(options, list(dict.fromkeys([fmt, registry.get(target).name])))
    out = io.BytesIO()
    biblioconv.write(
        records,
        target,
        out,
        report=report,
        source_format=fmt,
        strict=strict,
        require_records=True,
        **write_opts,
    )
    return Converted(out.getvalue(), fmt, registry.get(target).name, report)
