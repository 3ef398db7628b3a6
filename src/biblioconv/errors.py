"""Exceptions raised by biblioconv.

Losses are data (see :mod:`biblioconv.report`); failures are exceptions. Every exception here
renders as one line naming the file, the place in it and the problem.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BiblioconvError",
    "FormatNotFound",
    "LimitExceeded",
    "OptionError",
    "ParseError",
    "UnsafeInputError",
    "UsageError",
    "ValidationError",
    "WriteError",
]


class BiblioconvError(Exception):
    """Base class of every error biblioconv raises on purpose.

    An error pickles as it is, message and attributes (its ``__init__`` is not called again), so
    it reaches another process (a worker's error, a cluster's task) unchanged.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restored, (type(self), self.args, self.__dict__))


def _restored(cls: type[BiblioconvError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    """An unpickled error: ``args`` (the message) and attributes as they were."""
    err = cls.__new__(cls)
    err.args = args
    err.__dict__.update(state)
    return err


class FormatNotFound(BiblioconvError, LookupError):
    """No registered format has this name, alias or extension, or detection failed."""


class UsageError(BiblioconvError):
    """A mistake in how biblioconv was asked to work (a command-line argument, options given as
    text): exit code 2 on the command line, a 400 from the service."""


class OptionError(BiblioconvError, ValueError):
    """An option given to a reader or writer is unknown to the format or has a value it cannot
    take. ``format`` and ``option`` name it, ``valid`` lists the format's option names and
    ``reason`` says what is wrong."""

    def __init__(
        self,
        reason: str,
        *,
        format: str,
        option: str | None = None,
        valid: tuple[str, ...] = (),
    ) -> None:
        self.reason = reason
        self.format = format
        self.option = option
        self.valid = valid
        super().__init__(reason)


class ParseError(BiblioconvError, ValueError):
    """Input could not be read.

    Carries where the problem is: ``source`` (file name or ``<stdin>``), ``line`` (1-based),
    ``record`` (key, id or index of the record) and ``reason``.
    """

    def __init__(
        self,
        reason: str,
        *,
        source: str | None = None,
        line: int | None = None,
        record: str | None = None,
    ) -> None:
        self.reason = reason
        self.source = source
        self.line = line
        self.record = record
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        if self.record is not None:
            where += f": record {self.record}"
        return f"{where}: {self.reason}"

    def located(self, source: str) -> ParseError:
        """Return a copy with ``source`` filled in when it was not known where it was raised."""
        if self.source is not None:
            return self
        err = type(self).__new__(type(self))
        ParseError.__init__(err, self.reason, source=source, line=self.line, record=self.record)
        return err


class UnsafeInputError(ParseError):
    """Input was refused because it is hostile (entity expansion, external entities, DTDs)."""


class LimitExceeded(ParseError):
    """Input exceeds a configured limit (size, depth, field length, number of names...)."""


class WriteError(BiblioconvError):
    """A record cannot be written in the target format (e.g. a mandatory property is missing)."""

    def __init__(self, reason: str, *, record: str | None = None, fmt: str | None = None) -> None:
        self.reason = reason
        self.record = record
        self.fmt = fmt
        prefix = f"{fmt}: " if fmt else ""
        where = f"record {record}: " if record is not None else ""
        super().__init__(f"{prefix}{where}{reason}")


class ValidationError(BiblioconvError):
    """Output or input does not satisfy a schema or the structural rules of a format."""

    def __init__(self, reason: str, *, problems: list[str] | None = None) -> None:
        self.reason = reason
        self.problems = list(problems or [])
        super().__init__(reason)
