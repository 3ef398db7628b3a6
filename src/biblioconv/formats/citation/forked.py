"""Parts of one citation job in forked processes.

A forked process inherits what this one loaded and prepared (the parsed style, the sorted
items and their disambiguation), so nothing is loaded, sent or computed twice: each process
does its share (reading the input, rendering a slice of the entries) and only the results come
back through a pipe. Used where the platform forks safely (Linux and the other POSIX systems
but macOS); elsewhere, and for one slice, everything runs in this process.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import signal
import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar

from .errors import CitationError

__all__ = ["Pending", "Stream", "can_fork", "joined_map", "map_slices", "slices"]

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    """Whether the parts of a job may run in forked processes here (not on Windows, which
    cannot fork, nor on macOS, where forking a process that loaded system frameworks is
    unsafe)."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def slices(items: Sequence[T], parts: int) -> list[Sequence[T]]:
    """``items`` cut into ``parts`` consecutive slices of (nearly) equal length."""
    parts = max(1, min(parts, len(items)))
    bounds = [len(items) * k // parts for k in range(parts + 1)]
    return [items[bounds[k] : bounds[k + 1]] for k in range(parts)]


class Pending(Generic[R]):
    """A call running in a forked child: :meth:`result` waits for it (a :class:`Stream` of one
    item)."""

    def __init__(self, fn: Callable[[], R]) -> None:
        self._stream = Stream(lambda: (fn(),), batch=1)

    def result(self) -> R:
        """The call's result (its exception raised here); the child is reaped."""
        try:
            for value in self._stream:
                return value
            raise CitationError("the result of a forked process was taken already")
        finally:
            self._stream.close()

    def stop(self) -> None:
        """Stop the child if its result was not taken (after an error here)."""
        self._stream.close()


class Stream(Generic[T]):
    """The items an iterator yields in a forked child, as they come (in batches through a pipe):
    this process can work on the first ones while the child makes the next. The child's
    exception is raised where it stopped; closing the stream early stops the child."""

    def __init__(self, fn: Callable[[], Iterable[T]], batch: int = 64) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child (its items are what is tested)
            os.close(read_end)
            _stream_child(fn, batch, write_end)
        os.close(write_end)
        self._pid: int | None = pid
        self._pipe = os.fdopen(read_end, "rb")
        self._items = self._receive()

    def __iter__(self) -> Iterator[T]:
        return self._items

    def _receive(self) -> Generator[T, None, None]:
        try:
            while True:
                try:
                    kind, value, reason = pickle.load(self._pipe)
                except EOFError:
                    _, status = os.waitpid(self._take_pid(), 0)
                    code = os.waitstatus_to_exitcode(status)
                    raise CitationError(
                        f"a forked process ended without a result (status {code})"
                    ) from None
                if kind == "items":
                    yield from value
                elif kind == "end":
                    return
                else:
                    try:
                        error = pickle.loads(value)
                    except Exception:  # it pickled, but does not unpickle here
                        error = CitationError(reason)
                    raise error
        finally:
            self._end()

    def _take_pid(self) -> int:
        pid, self._pid = self._pid, None
        assert pid is not None
        return pid

    def close(self) -> None:
        """Stop the child (if it still runs) and reap it; no items come after."""
        self._items.close()
        self._end()

    def _end(self) -> None:
        self._pipe.close()
        if self._pid is None:
            return
        pid = self._take_pid()
        with contextlib.suppress(OSError):  # it may have ended already
            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)


def _stream_child(fn: Callable[[], Iterable[Any]], batch: int, write_end: int) -> None:
    """Send ``fn()``'s items in batches, then the end or the exception, and leave as
    a child must: without the parent's exit handlers or buffered output."""
    status = 0
    try:
        with os.fdopen(write_end, "wb") as pipe:

            def send(message: tuple[str, Any, str | None]) -> None:
                pickle.dump(message, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                pipe.flush()

            try:
                items: list[Any] = []
                for item in fn():
                    items.append(item)
                    if len(items) == batch:
                        send(("items", items, None))
                        items = []
                send(("items", items, None))
                send(("end", None, None))
            except BaseException as exc:  # sent to the parent, which raises it after the items
                status = 1
                send(("items", items, None))
                send(("error", *_pickled_error(exc)))
    finally:
        os._exit(status)


def _pickled_error(exc: BaseException) -> tuple[bytes, str]:
    """``exc`` pickled (a :class:`CitationError` naming it if it does not pickle) and its one-line
    description."""
    reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    try:
        return pickle.dumps(exc, protocol=pickle.HIGHEST_PROTOCOL), reason
    except Exception:
        return pickle.dumps(CitationError(reason)), reason


def map_slices(fn: Callable[[Sequence[T]], R], parts: Sequence[Sequence[T]]) -> list[R]:
    """``[fn(part) for part in parts]``: the first part in this process, each other one in a
    forked child at the same time.

    The results must pickle. An exception of a child is raised here (the same exception when it
    pickles, else a :class:`CitationError` naming it); the other children are stopped.
    """
    if len(parts) <= 1 or not can_fork():
        return [fn(part) for part in parts]
    children: list[Pending[R]] = []
    try:
        for part in parts[1:]:
            children.append(Pending(functools.partial(fn, part)))
        results = [fn(parts[0])]
        results.extend(child.result() for child in children)
        return results
    finally:
        for child in children:  # after a failure, stops the others (else nothing to do)
            child.stop()


def joined_map(jobs: int) -> Callable[[Callable[[Sequence[T]], list[R]], Sequence[T]], list[R]]:
    """``fork_map(fn, items)``: ``fn`` applied to ``jobs`` slices of ``items`` at the same time
    (:func:`map_slices`), the lists it returns joined in order."""

    def fork_map(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T]) -> list[R]:
        return [value for part in map_slices(fn, slices(items, jobs)) for value in part]

    return fork_map
