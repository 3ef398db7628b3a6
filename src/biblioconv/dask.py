"""Convert partitioned inputs on a Dask cluster (the optional extra ``biblioconv[dask]``).

:func:`convert` turns its inputs into *partitions* and converts them as a Dask bag, one task per
partition, on any Dask cluster: a scheduler address such as ``"tcp://scheduler:8786"``, an
existing :class:`distributed.Client`, or (by default) a local cluster of two worker processes.

* every input file is one partition (a directory of harvested responses, dumps, vendor
  exports...);
* a JSON Lines file (one object per line, of a format whose splitter is
  :func:`biblioconv.splitting.split_json_lines`) larger than ``blocksize`` is cut into partitions of about ``blocksize`` bytes at line boundaries; the client finds the
  boundaries and the line each partition starts on in one pass over the file.

Each partition is written to ``out_dir/part-00000<ext>``, numbered in input order (files in the
order given, sorted within a glob or directory; byte ranges in file order), so that for targets
whose outputs concatenate (such as line-based formats and JSON Lines) ``cat out_dir/part-*`` is the single-process
output. The reports of the partitions come back merged in that order, with line numbers counted
in the original files. Workers read the inputs by path: on a real cluster the paths must name
the same files on every worker (a shared or network file system).
"""

from __future__ import annotations

import glob as globmod
import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel

from biblioconv import api, parallel, registry, splitting
from biblioconv.errors import BiblioconvError, FormatNotFound, ParseError
from biblioconv.registry import Limits
from biblioconv.report import ConversionReport

__all__ = ["DEFAULT_BLOCKSIZE", "Partition", "convert", "partitions"]

DEFAULT_BLOCKSIZE = 64 * 1024 * 1024
"""Target size of a JSON Lines partition in bytes."""

_BOUNDARY = re.compile(rb"\}[ \t\r]*\n(?=\{)")


@dataclass(frozen=True)
class Partition:
    """A part of one input: the whole file, or the bytes ``start:end`` of a JSON Lines file."""

    index: int
    path: str
    format: str
    start: int = 0
    end: int | None = None
    line: int = 1
    """The line of the file the partition starts on."""


def _expand(paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    items = (
        [paths_or_glob] if isinstance(paths_or_glob, (str, os.PathLike)) else list(paths_or_glob)
    )
    out: list[str] = []
    for item in items:
        text = os.fspath(item)
        if os.path.isdir(text):
            out += sorted(
                str(p) for p in Path(text).rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        elif any(ch in text for ch in "*?["):
            matches = sorted(p for p in globmod.glob(text, recursive=True) if os.path.isfile(p))
            if not matches:
                raise BiblioconvError(f"{text}: no file matches")
            out += matches
        else:
            out.append(text)
    if not out:
        raise BiblioconvError("no input files")
    return out


def _json_lines(fmt: str) -> bool:
    """True if the format's inputs may be JSON Lines (its splitter says so)."""
    return registry.get(fmt).get_splitter() is splitting.split_json_lines


def _is_json_lines(path: str) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(64 * 1024)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    first, _, rest = text.partition(b"\n")
    return (
        text.startswith(b"{")
        and first.rstrip().endswith(b"}")
        and (not rest.strip() or rest.lstrip().startswith(b"{"))
    )


def _byte_ranges(path: str, blocksize: int) -> Iterator[tuple[int, int, int]]:
    """(start, end, first line) of JSON Lines partitions of about ``blocksize`` bytes."""
    size = os.path.getsize(path)
    start, line, target = 0, 1, blocksize
    pos = 0  # bytes read before ``buf``
    lines_before = 1  # line number at ``pos``
    buf = b""
    with open(path, "rb") as fh:
        while True:
            block = fh.read(4 * 1024 * 1024)
            buf += block
            while target < size:
                m = _BOUNDARY.search(buf, max(target - pos - 1, 0))
                if m is None:
                    break
                cut = pos + m.end()
                cut_line = lines_before + buf.count(b"\n", 0, m.end())
                yield start, cut, line
                start, line = cut, cut_line
                target = cut + blocksize
            if not block:
                break
            keep = max(len(buf) - 64, 0)  # a boundary may straddle two blocks
            lines_before += buf.count(b"\n", 0, keep)
            pos += keep
            buf = buf[keep:]
    yield start, size, line


def partitions(
    paths_or_glob: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    from_: str | None = None,
    blocksize: int = DEFAULT_BLOCKSIZE,
) -> list[Partition]:
    """The partitions :func:`convert` makes of its inputs, in output order."""
    out: list[Partition] = []
    for path in _expand(paths_or_glob):
        if not os.path.isfile(path):
            raise ParseError("no such file", source=path)
        fmt = registry.get(from_).name if from_ else api.detect(path).format
        if _json_lines(fmt) and os.path.getsize(path) > blocksize and _is_json_lines(path):
            for start, end, line in _byte_ranges(path, blocksize):
                out.append(Partition(len(out), path, fmt, start, end, line))
        else:
            out.append(Partition(len(out), path, fmt))
    return out


class _Range(io.RawIOBase):
    """The bytes ``start:end`` of a file, as a readable binary stream."""

    def __init__(self, fh: IO[bytes], start: int, end: int | None, name: str) -> None:
        super().__init__()
        fh.seek(start)
        self._fh = fh
        self._left = None if end is None else end - start
        self.name = name

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        want = len(b) if self._left is None else min(len(b), self._left)
        data = self._fh.read(want)
        b[: len(data)] = data
        if self._left is not None:
            self._left -= len(data)
        return len(data)


@dataclass
class _Done:
    report: ConversionReport
    output: str
    error: tuple[type[ParseError], str, int | None, str | None] | None = None
    failure: str | None = None


def _convert_partition(
    part: Partition,
    *,
    to: str,
    out_dir: str,
    ext: str,
    read_options: Any,
    strict: bool,
    limits: Limits | None,
    options: dict[str, Any],
) -> _Done:
    """Convert one partition on a worker; errors come back as data."""
    report = ConversionReport()
    dest = os.path.join(out_dir, f"part-{part.index:05d}{ext}")
    try:
        with open(part.path, "rb") as fh:
            stream = io.BufferedReader(_Range(fh, part.start, part.end, part.path))
            api.convert(
                stream,
                to,
                dest,
                from_=part.format,
                report=report,
                read_options=read_options,
                strict=strict,
                limits=limits,
                **options,
            )
    except api.LossError as exc:
        return _Done(exc.report, dest, failure=str(exc))
    except ParseError as exc:
        return _Done(report, dest, error=(type(exc), exc.reason, exc.line, exc.record))
    except BiblioconvError as exc:
        return _Done(report, dest, failure=str(exc))
    except OSError as exc:
        return _Done(report, dest, failure=f"{exc.filename or part.path}: {exc.strerror or exc}")
    return _Done(report, dest)


def _client(scheduler: Any) -> tuple[Any, Any]:
    """(client, cluster to close or None) for a scheduler address, Client, or None (local)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - depends on the installation
        raise FormatNotFound("biblioconv.dask needs Dask: pip install 'biblioconv[dask]'") from None
    if scheduler is None:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        )
        return Client(cluster), cluster  # type: ignore[no-untyped-call]
    if isinstance(scheduler, str):
        return Client(scheduler), None  # type: ignore[no-untyped-call]
    return scheduler, None


def convert(
    paths_or_glob: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    to: str,
    out_dir: str | os.PathLike[str],
    *,
    scheduler: Any = None,
    from_: str | None = None,
    blocksize: int = DEFAULT_BLOCKSIZE,
    read_options: dict[str, Any] | BaseModel | None = None,
    strict: bool = False,
    limits: Limits | None = None,
    **options: Any,
) -> ConversionReport:
    """Convert files, a glob or a directory to ``to`` on a Dask cluster; one part per partition.

    ``scheduler``: ``"tcp://host:8786"``, a :class:`distributed.Client`, or None for a local
    cluster of two worker processes (started and closed here). ``options`` are the writer's.
    Returns the merged report; a partition that fails raises its error (the parts that were
    converted stay in ``out_dir``).
    """
    import dask.bag as db

    spec = registry.get(to)
    if not spec.can_write:
        raise FormatNotFound(f"format {spec.name!r} cannot be written")
    write_options = spec.make_options(options, read=False).model_dump()
    ext = spec.extensions[0] if spec.extensions else f".{spec.name}"
    parts = partitions(paths_or_glob, from_=from_, blocksize=blocksize)
    out = os.fspath(out_dir)
    os.makedirs(out, exist_ok=True)
    client, cluster = _client(scheduler)
    try:
        bag = db.from_sequence(parts, npartitions=len(parts)).map(  # type: ignore[no-untyped-call]
            _convert_partition,
            to=spec.name,
            out_dir=os.path.abspath(out),
            ext=ext,
            read_options=read_options,
            strict=strict,
            limits=limits,
            options=write_options,
        )
        done: list[_Done] = client.compute(bag, sync=True)
    finally:
        if cluster is not None:
            client.close()
            cluster.close()
    total = ConversionReport()
    for part, result in zip(parts, done, strict=True):
        chunk = parallel.Chunk(part.index, b"", [(1, part.line)])
        total.merge(parallel._fix_report(result.report, chunk, part.path, None))
        if result.error is not None:
            cls, reason, line, record = result.error
            err = cls.__new__(cls)
            mapped = chunk.original_line(line) if line is not None else None
            ParseError.__init__(err, reason, source=part.path, line=mapped, record=record)
            raise err
        if result.failure is not None:
            if strict and result.failure.startswith("strict mode"):
                raise api.LossError(total)
            raise BiblioconvError(f"{part.path}: {result.failure}")
    if strict and total.lossy:
        raise api.LossError(total)
    return total
