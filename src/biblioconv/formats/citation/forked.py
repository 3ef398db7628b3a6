"""Parts of one citation job in forked processes.

A forked process inherits what this one loaded and prepared (the parsed style, the sorted
items and their disambiguation), so nothing is loaded, sent or computed twice: each process
does its share (reading the input, rendering a slice of the entries) and only the results come
back through a pipe. Used where the platform forks safely (Linux and the other POSIX systems
but macOS); elsewhere, and for one slice, everything runs in this process.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import os
import pickle
import select
import signal
import struct
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
    exception is raised where it stopped; closing the stream early stops the child.

    Besides iterating (which waits for the next item), :meth:`ready` takes the items that have
    come without waiting, and :meth:`finished` tells whether the child has made all of them."""

    def __init__(self, fn: Callable[[], Iterable[T]], batch: int = 64) -> None:
        read_end, write_end = os.pipe()
        _widen(write_end)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child (its items are what is tested)
            os.close(read_end)
            _stream_child(fn, batch, write_end)
        os.close(write_end)
        self._pid: int | None = pid
        self._fd: int | None = read_end
        self._buffer = bytearray()
        self._messages: collections.deque[tuple[str, Any, str | None]] = collections.deque()
        self._last = False  # the end or the error is among the messages
        self._taken: collections.deque[T] = collections.deque()  # come, not yet handed out
        self._items = self._receive()

    def __iter__(self) -> Iterator[T]:
        return self._items

    def ready(self) -> list[T]:
        """The items that have come and were not handed out yet, without waiting for more (the
        child's exception, if it stopped with one, is raised by the iteration after them)."""
        self._read(wait=False)
        while self._messages and self._messages[0][0] == "items":
            self._taken.extend(self._messages.popleft()[1])
        ready = list(self._taken)
        self._taken.clear()
        return ready

    def waiting(self) -> bool:
        """Whether no item is there to take yet (never waits)."""
        if self._taken or self._messages:
            return False
        self._read(wait=False)
        return not self._messages

    def finished(self) -> bool:
        """Whether every item has come (the child has ended its work); never waits."""
        self._read(wait=False)
        return self._last

    def _read(self, wait: bool) -> None:
        """Take what the pipe holds into messages; with ``wait``, wait until one is complete."""
        fd = self._fd
        if fd is None or self._last:
            return
        while True:
            if not wait and not select.select((fd,), (), (), 0)[0]:
                return
            data = os.read(fd, _READ_SIZE)
            if not data:  # the child ended without its last message
                self._messages.append(("eof", None, None))
                self._last = True
                return
            self._buffer += data
            if self._frames() and wait:
                return

    def _frames(self) -> bool:
        """Move the complete messages of the buffer to :attr:`_messages`; whether any moved."""
        buffer = self._buffer
        start = 0
        moved = False
        while len(buffer) - start >= _HEADER.size:
            (size,) = _HEADER.unpack_from(buffer, start)
            end = start + _HEADER.size + size
            if len(buffer) < end:
                break
            message = pickle.loads(buffer[start + _HEADER.size : end])
            self._messages.append(message)
            self._last = self._last or message[0] != "items"
            start = end
            moved = True
        if start:
            del buffer[:start]
        return moved

    def _receive(self) -> Generator[T, None, None]:
        try:
            while True:
                if self._taken:  # one at a time: :meth:`ready` may take the others
                    yield self._taken.popleft()
                    continue
                if not self._messages:
                    self._read(wait=True)
                kind, value, reason = self._messages.popleft()
                if kind == "items":
                    self._taken.extend(value)
                elif kind == "end":
                    return
                elif kind == "eof":
                    _, status = os.waitpid(self._take_pid(), 0)
                    code = os.waitstatus_to_exitcode(status)
                    raise CitationError(f"a forked process ended without a result (status {code})")
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
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._pid is None:
            return
        pid = self._take_pid()
        with contextlib.suppress(OSError):  # it may have ended already
            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)


def _widen(fd: int) -> None:
    """Let the pipe hold :data:`PIPE_BYTES` where the system allows (Linux; 64 KiB by default):
    a child that makes its items faster than this process takes them (the entries rendered
    ahead while this process sorts, some 400 bytes each) does not wait for it."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # another system, or a lower limit
        pass


#: the size asked for the pipes of :class:`Stream` (Linux's default limit for a user's pipe)
PIPE_BYTES = 1 << 20

#: the length of a message (its pickle) before it in the pipe
_HEADER = struct.Struct("<Q")
_READ_SIZE = 1 << 16


def _stream_child(fn: Callable[[], Iterable[Any]], batch: int, write_end: int) -> None:
    """Send ``fn()``'s items in batches, then the end or the exception, and leave as
    a child must: without the parent's exit handlers or buffered output."""
    status = 0
    try:
        with os.fdopen(write_end, "wb") as pipe:

            def send(message: tuple[str, Any, str | None]) -> None:
                data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
                pipe.write(_HEADER.pack(len(data)))
                pipe.write(data)
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
