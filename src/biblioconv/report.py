"""Loss reporting: diagnostics from a closed, documented set of codes.

A :class:`ConversionReport` collects :class:`Diagnostic` entries while records are read and
written. Nothing is dropped, approximated or guessed without one.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr
from pydantic import ValidationError as PydanticValidationError

__all__ = [
    "CODES",
    "Code",
    "ConversionReport",
    "Diagnostic",
    "RecordReporter",
    "Severity",
    "TargetTally",
]

Severity = Literal["info", "warning", "error"]


class Code(str, Enum):
    """The closed set of diagnostic codes (documented in ``docs/diagnostics.md``)."""

    FIELD_DROPPED = "FIELD_DROPPED"
    """The target format has no home for a field the record carries; the value is not written."""
    FIELD_PRESERVED = "FIELD_PRESERVED"
    """The target format has no home for a field; it is kept in the format's extension area
    (CSL-JSON ``custom``) so that reading the output back restores it."""
    VALUE_COERCED = "VALUE_COERCED"
    """A value was changed to fit the target (joined, truncated to a year, mapped to a nearby term)."""
    TYPE_APPROXIMATED = "TYPE_APPROXIMATED"
    """The record's type has no exact equivalent in the target; the nearest type was used."""
    UNKNOWN_FIELD = "UNKNOWN_FIELD"
    """The source carries a field the reader does not know (kept in the record's extras) or a LaTeX
    macro it does not know (kept verbatim with its arguments)."""
    RECORD_SKIPPED = "RECORD_SKIPPED"
    """A record could not be read or written and was left out; the others were converted."""
    INVALID_VALUE = "INVALID_VALUE"
    """A value is malformed (bad checksum, impossible date); it is kept as given and flagged."""
    HEURISTIC_APPLIED = "HEURISTIC_APPLIED"
    """A free-text value was interpreted by a documented heuristic (name split, type guess...)."""
    DUPLICATE = "DUPLICATE"
    """A key or field occurs more than once; the first occurrence is used, the rest reported."""
    MISSING_REQUIRED = "MISSING_REQUIRED"
    """A property the target format requires is missing; a placeholder was written or the record refused."""
    SYNTAX = "SYNTAX"
    """The input deviates from the format's syntax in a way the reader tolerated (e.g. mis-spaced tag)."""
    ENCODING = "ENCODING"
    """The input was not UTF-8; the detected encoding was used."""
    DELETED_RECORD = "DELETED_RECORD"
    """A harvest marked the record as deleted; it was skipped."""
    RESUMPTION_TOKEN = "RESUMPTION_TOKEN"
    """A harvest response carries a resumption token: more records can be fetched."""
    VERSION_DOWNGRADE = "VERSION_DOWNGRADE"
    """A value is not allowed by the chosen schema version and was mapped to an allowed one."""


#: Every code with its one-line meaning, for docs and ``biblioconv formats``.
CODES: dict[str, str] = {
    "FIELD_DROPPED": "the target format has no home for a field; the value is not written",
    "FIELD_PRESERVED": "the target format has no home for a field; it is kept in the format's "
    "extension area (CSL-JSON custom) and restored on reading",
    "VALUE_COERCED": "a value was changed to fit the target (joined, shortened, mapped)",
    "TYPE_APPROXIMATED": "the record's type has no exact equivalent; the nearest type was used",
    "UNKNOWN_FIELD": "the source carries a field (kept in extras) or a LaTeX macro (kept "
    "verbatim) the reader does not know",
    "RECORD_SKIPPED": "a record could not be read or written and was left out",
    "INVALID_VALUE": "a value is malformed; kept as given and flagged",
    "HEURISTIC_APPLIED": "a free-text value was interpreted by a documented heuristic",
    "DUPLICATE": "a key or field occurs more than once; the first is used",
    "MISSING_REQUIRED": "a property the target requires is missing",
    "SYNTAX": "the input deviates from the format's syntax in a tolerated way",
    "ENCODING": "the input was not UTF-8; the detected encoding was used",
    "DELETED_RECORD": "a harvest marked the record as deleted; it was skipped",
    "RESUMPTION_TOKEN": "a harvest response carries a resumption token",
    "VERSION_DOWNGRADE": "a value is not allowed by the chosen schema version and was mapped",
}


class Diagnostic(BaseModel):
    """One thing worth knowing about a conversion."""

    model_config = ConfigDict(frozen=True)

    code: Code
    severity: Severity = "warning"
    message: str
    record: str | None = Field(default=None, description="record id, key or index")
    field: str | None = Field(default=None, description="field of the source or target format")
    source_format: str | None = None
    target_format: str | None = None
    source: str | None = Field(default=None, description="file name or <stdin>")
    line: int | None = None

    def __str__(self) -> str:
        where = self.source or ""
        if self.line is not None:
            where += f":{self.line}"
        parts = [p for p in (where, f"record {self.record}" if self.record else "") if p]
        fmts = ""
        if self.source_format or self.target_format:
            fmts = f" [{self.source_format or '?'} -> {self.target_format or '?'}]"
        loc = ": ".join(parts)
        fld = f" {self.field}:" if self.field else ""
        head = f"{loc}: " if loc else ""
        return f"{head}{self.severity} {self.code.value}{fmts}{fld} {self.message}"


class TargetTally(BaseModel):
    """What one target format wrote, refused and could not hold in a conversion."""

    written: int = 0
    skipped: int = Field(default=0, description="records the writer refused (RECORD_SKIPPED)")
    counts: dict[str, int] = Field(
        default_factory=dict, description="the target's diagnostics counted by 'CODE|field'"
    )
    first_skipped: str | None = Field(
        default=None, description="the first record the writer refused, and why"
    )

    def merge(self, other: TargetTally) -> None:
        """Fold another tally of the same target into this one."""
        self.written += other.written
        self.skipped += other.skipped
        for key, n in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + n
        self.first_skipped = self.first_skipped or other.first_skipped


# BaseModel's slots, set directly: object.__setattr__ looks each one up by name
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__
_DIAGNOSTIC_FIELDS = frozenset(Diagnostic.model_fields)


def _unvalidated(values: dict[str, Any]) -> Diagnostic:
    """A Diagnostic of all its fields' ``values`` (in field order), as ``model_construct``
    makes it, without its cost: for diagnostics that are only counted."""
    diag = object.__new__(Diagnostic)
    _SET_DICT(diag, values)
    _SET_FIELDS_SET(diag, set(_DIAGNOSTIC_FIELDS))
    _SET_EXTRA(diag, None)
    _SET_PRIVATE(diag, None)
    return diag


_SKIPPED = Code.RECORD_SKIPPED


class ConversionReport(BaseModel):
    """Counts and diagnostics of one conversion; safe to share between threads."""

    records_read: int = 0
    records_written: int = 0
    records_skipped: int = 0
    diagnostics: list[Diagnostic] = Field(default_factory=list)
    resumption_token: str | None = None
    max_diagnostics: int | None = Field(
        default=1_000,
        description="how many diagnostics are kept in full (None: all); beyond that they are "
        "only counted, so memory stays flat on huge inputs",
    )
    counts: dict[str, int] = Field(
        default_factory=dict,
        description="every diagnostic counted by 'CODE|severity|field', kept in full or not",
    )
    omitted: int = Field(default=0, description="diagnostics counted but not kept in full")
    targets: dict[str, TargetTally] = Field(
        default_factory=dict,
        description="per target format: records written and refused, diagnostics by code and "
        "field (what the format could not hold)",
    )

    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _writing: str | None = PrivateAttr(default=None)

    @property
    def _guard(self) -> threading.Lock:
        # the private attribute without pydantic's __getattr__ (a few microseconds a call)
        lock: threading.Lock = self.__pydantic_private__["_lock"]  # type: ignore[index]
        return lock

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state["__pydantic_private__"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        self._lock = threading.Lock()

    def add(
        self,
        code: Code | str,
        message: str | Callable[[], str],
        *,
        severity: Severity = "warning",
        record: str | None = None,
        field: str | None = None,
        source_format: str | None = None,
        target_format: str | None = None,
        source: str | None = None,
        line: int | None = None,
    ) -> Diagnostic:
        """Record one diagnostic and return it.

        ``message`` may be a function giving the text: it is called only when the diagnostic is
        kept in full (beyond ``max_diagnostics`` diagnostics are only counted).
        """
        the_code = code if code.__class__ is Code else Code(code)
        diagnostics = self.diagnostics
        limit = self.max_diagnostics
        keep = limit is None or len(diagnostics) < limit
        if not isinstance(message, str):  # a str subclass is a message too, not a function
            message = message() if keep or the_code is _SKIPPED else ""
        values: dict[str, Any] = {
            "code": the_code,
            "severity": severity,
            "message": message,
            "record": record,
            "field": field,
            "source_format": source_format,
            "target_format": target_format,
            "source": source,
            "line": line,
        }
        # a diagnostic beyond max_diagnostics is only counted: no need to validate it
        diag = Diagnostic(**values) if keep else _unvalidated(values)
        # ``_value_`` is the member's value without the ``value`` property's cost
        key = f"{the_code._value_}|{severity}|{field or '-'}"
        counts = self.counts
        with self._guard:
            counts[key] = counts.get(key, 0) + 1
            if target_format is not None:
                # a writer may name the format whose mapping it shares (csl-yaml: csl-json)
                writing: str | None = self.__pydantic_private__.get("_writing")  # type: ignore[union-attr]
                self._tally(writing or target_format, the_code, field, diag)
            if limit is None or len(diagnostics) < limit:
                diagnostics.append(diag)
            else:
                self.__dict__["omitted"] += 1
        return diag

    def _tally(self, target: str, code: Code, field: str | None, diag: Diagnostic) -> None:
        tally = self.targets.get(target)
        if tally is None:
            tally = self.targets[target] = TargetTally()
        key = f"{code._value_}|{field or '-'}"
        tally.counts[key] = tally.counts.get(key, 0) + 1
        if code is _SKIPPED:
            tally.skipped += 1
            if tally.first_skipped is None:
                where = f"record {diag.record}: " if diag.record else ""
                tally.first_skipped = where + diag.message

    @contextlib.contextmanager
    def writing(self, target: str) -> Iterator[None]:
        """Credit the writer diagnostics added meanwhile to ``target`` (the API does, per
        write)."""
        private: dict[str, Any] = self.__pydantic_private__  # type: ignore[assignment]
        before = private.get("_writing")
        private["_writing"] = target
        try:
            yield
        finally:
            private["_writing"] = before

    def count_written(self, target: str, n: int) -> None:
        """Credit ``n`` written records to a target format (the API does, per write)."""
        with self._guard:
            self.targets.setdefault(target, TargetTally()).written += n

    def count(self, what: Literal["read", "written", "skipped"], n: int = 1) -> None:
        """Increment one of the record counters."""
        name = "records_read" if what == "read" else f"records_{what}"
        with self._guard:  # plain ints: no validation needed on this hot path
            self.__dict__[name] += n
            self.__pydantic_fields_set__.add(name)

    def merge(self, other: ConversionReport) -> None:
        """Fold another report (e.g. from a worker) into this one."""
        with self._guard:
            self.records_read += other.records_read
            self.records_written += other.records_written
            self.records_skipped += other.records_skipped
            for key, n in other.counts.items():
                self.counts[key] = self.counts.get(key, 0) + n
            room = (
                len(other.diagnostics)
                if self.max_diagnostics is None
                else max(0, self.max_diagnostics - len(self.diagnostics))
            )
            self.diagnostics.extend(other.diagnostics[:room])
            self.omitted += other.omitted + max(0, len(other.diagnostics) - room)
            self.resumption_token = other.resumption_token or self.resumption_token
            for target, tally in other.targets.items():
                mine = self.targets.setdefault(target, TargetTally())
                mine.merge(tally)

    def __iter__(self) -> Iterator[Diagnostic]:  # type: ignore[override]
        return iter(list(self.diagnostics))

    def __len__(self) -> int:
        return len(self.diagnostics) + self.omitted

    def by_code(self, code: Code | str) -> list[Diagnostic]:
        """Diagnostics of one code."""
        c = Code(code)
        return [d for d in self.diagnostics if d.code is c]

    @property
    def lossy(self) -> bool:
        """True when anything was dropped, coerced, approximated or skipped (info entries aside)."""
        lossy_codes = {
            Code.FIELD_DROPPED,
            Code.VALUE_COERCED,
            Code.TYPE_APPROXIMATED,
            Code.RECORD_SKIPPED,
            Code.VERSION_DOWNGRADE,
        }
        return self.records_skipped > 0 or any(
            Code(code) in lossy_codes and severity != "info" for code, severity, _ in self._keys()
        )

    def _keys(self) -> list[tuple[str, str, str]]:
        with self._guard:
            keys = list(self.counts)
        return [tuple(k.split("|", 2)) for k in keys]  # type: ignore[misc]

    @property
    def has_errors(self) -> bool:
        """True when any diagnostic has severity ``error``."""
        return any(severity == "error" for _, severity, _ in self._keys())

    def summary(self) -> str:
        """A few lines for humans: counts, then diagnostics counted by code and field; with
        several target formats, a section per format (what it wrote, refused, could not hold).
        A format that refused records names the first and why."""
        lines = [
            f"records: {self.records_read} read, {self.records_written} written, "
            f"{self.records_skipped} skipped"
        ]
        counts: Counter[tuple[str, str]] = Counter()
        with self._guard:
            for key, n in self.counts.items():
                code, _, fld = key.split("|", 2)
                counts[(code, fld)] += n
            targets = {name: t.model_copy(deep=True) for name, t in sorted(self.targets.items())}
        sections = len(targets) > 1
        if sections:  # what no target is named in (reading) stays on top
            for tally in targets.values():
                counts.subtract(_by_code_and_field(tally.counts))
        lines += _table(counts)
        for name, tally in targets.items():
            if sections:
                refused = f", {tally.skipped} skipped" if tally.skipped else ""
                lines.append(f"{name}: {tally.written} written{refused}")
                lines += _table(_by_code_and_field(tally.counts))
            if tally.skipped and tally.first_skipped:
                more = f" (and {tally.skipped - 1} more)" if tally.skipped > 1 else ""
                lines.append(f"  {name} did not write {tally.first_skipped}{more}")
        if self.omitted:
            lines.append(f"  ({self.omitted} diagnostics counted but not kept in full)")
        return "\n".join(lines)


def _by_code_and_field(counts: dict[str, int]) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    for key, n in counts.items():
        code, _, fld = key.partition("|")
        out[(code, fld)] += n
    return out


_INDEX = re.compile(r"\[\d+\]")


def _table(counts: Counter[tuple[str, str]]) -> list[str]:
    """One line per code and field, the elements of a list counted together (``subjects[*].term``:
    the diagnostics keep each element's own path)."""
    folded: Counter[tuple[str, str]] = Counter()
    for (code, fld), n in counts.items():
        folded[(code, _INDEX.sub("[*]", fld) if "[" in fld else fld)] += n
    return [f"  {code:<18} {fld:<36} {n:>6}" for (code, fld), n in sorted(folded.items()) if n > 0]


class RecordReporter:
    """Reports about one record, bound to where it is (input, line, label) and the formats of
    the conversion: the one way readers and writers report per record. Made by
    :meth:`biblioconv.registry.ReadContext.reporter` and
    :meth:`biblioconv.registry.WriteContext.reporter`."""

    __slots__ = ("line", "record", "report", "source", "source_format", "strict", "target_format")

    def __init__(
        self,
        report: ConversionReport,
        *,
        record: str | None = None,
        source: str | None = None,
        line: int | None = None,
        source_format: str | None = None,
        target_format: str | None = None,
        strict: bool = False,
    ) -> None:
        self.report = report
        self.record = record
        self.source = source
        self.line = line
        self.source_format = source_format
        self.target_format = target_format
        self.strict = strict

    def add(
        self,
        code: Code | str,
        message: str | Callable[[], str],
        field: str | None = None,
        *,
        severity: Severity = "warning",
        line: int | None = None,
    ) -> Diagnostic:
        """Report one diagnostic about the record (``line``: where in the input, when it is not
        the record's own line)."""
        return self.report.add(
            code,
            message,
            severity=severity,
            record=self.record,
            field=field,
            source_format=self.source_format,
            target_format=self.target_format,
            source=self.source,
            line=self.line if line is None else line,
        )

    def skip(self, reason: str, *, what: str | None = None, line: int | None = None) -> None:
        """The record cannot be read or written. Strict: raise
        :class:`~biblioconv.errors.ParseError` (reading) or :class:`~biblioconv.errors.WriteError`
        (writing) with ``reason``; otherwise report ``RECORD_SKIPPED`` (``"WHAT: REASON"``,
        severity error) and count the record as skipped."""
        from biblioconv.errors import ParseError, WriteError

        at = self.line if line is None else line
        if self.strict:
            if self.target_format is not None:
                raise WriteError(reason, record=self.record, fmt=self.target_format) from None
            raise ParseError(reason, source=self.source, line=at, record=self.record) from None
        self.report.count("skipped")
        message = f"{what}: {reason}" if what else reason
        self.add(Code.RECORD_SKIPPED, message, severity="error", line=at)

    def skip_error(self, exc: Exception, *, what: str | None = None) -> None:
        """:meth:`skip` for a record whose making failed with ``exc``: the reason is the first
        message of a pydantic validation error, else the exception's text."""
        reason = exc.errors()[0]["msg"] if isinstance(exc, PydanticValidationError) else str(exc)
        self.skip(reason, what=what)
