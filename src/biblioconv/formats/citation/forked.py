"""Rendering the parts of one job in forked processes.

A forked process inherits the parsed style, the sorted items and their disambiguation, so
nothing is loaded, sent or computed twice: each process renders its slice of the entries and
only the rendered strings come back through a pipe. Used where the platform forks safely
(Linux and the other POSIX systems but macOS); elsewhere, and for one slice, everything runs in
this process.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .errors import CitationError

__all__ = ["can_fork", "joined_map", "map_slices", "slices"]

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


def map_slices(fn: Callable[[Sequence[T]], R], parts: Sequence[Sequence[T]]) -> list[R]:
    """``[fn(part) for part in parts]``: the first part in this process, each other one in a
    forked child at the same time.

    The results must pickle. An exception of a child is raised here (the same exception when it
    pickles, else a :class:`CitationError` naming it); the other children are stopped.
    """
    if len(parts) <= 1 or not can_fork():
        return [fn(part) for part in parts]
    children: list[tuple[int, int]] = []
    try:
        for part in parts[1:]:
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child (its result is what is tested)
                os.close(read_end)
                _child(fn, part, write_end)
            os.close(write_end)
            children.append((pid, read_end))
        results = [fn(parts[0])]
        while children:
            pid, read_end = children.pop(0)
            results.append(_result(pid, read_end))
        return results
    finally:
        for pid, read_end in children:  # only when this process failed: stop the others
            os.close(read_end)
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except OSError:
                pass


def _child(fn: Callable[[Sequence[T]], R], part: Sequence[T], write_end: int) -> None:
    """Run ``fn(part)``, send ``(ok, result or exception)`` and leave without the parent's exit
    handlers or buffered output."""
    status = 0
    try:
        try:
            payload = pickle.dumps((True, fn(part)), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # sent to the parent, which raises it
            status = 1
            try:
                payload = pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                name = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                payload = pickle.dumps((False, CitationError(name)))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(status)


def _result(pid: int, read_end: int) -> Any:
    """The result a child sent (its exception raised here); the child is reaped."""
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        raise CitationError(
            f"cite: a rendering process ended without a result (status {os.waitstatus_to_exitcode(status)})"
        )
    ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value


def joined_map(jobs: int) -> Callable[[Callable[[Sequence[T]], list[R]], Sequence[T]], list[R]]:
    """``fork_map(fn, items)``: ``fn`` applied to ``jobs`` slices of ``items`` at the same time
    (:func:`map_slices`), the lists it returns joined in order."""

    def fork_map(fn: Callable[[Sequence[T]], list[R]], items: Sequence[T]) -> list[R]:
        return [value for part in map_slices(fn, slices(items, jobs)) for value in part]

    return fork_map
