"""The ``biblioconv cite`` subcommand."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import CitationError

__all__ = ["configure", "run"]

FORMATS = ("text", "html", "markdown", "rtf", "latex", "json")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``biblioconv cite IN [-f FROM] --style apa ...`` and of
    ``biblioconv cite --document paper.md --bibliography refs.bib ...``."""
    parser.add_argument("input", metavar="IN", nargs="?", help="input file (- for standard input)")
    parser.add_argument(
        "-f", "--from", dest="from_format", help="input format (detected if omitted)"
    )
    parser.add_argument("-s", "--style", default="apa", help="CSL style id, alias, file or URL")
    parser.add_argument(
        "-l", "--locale", default="en-US", help="locale, e.g. de-DE (default en-US)"
    )
    parser.add_argument(
        "--format",
        dest="output_format",
        choices=FORMATS,
        default=None,
        help="text (default), html, markdown, rtf, latex, or json: [{id, text, html}] in "
        "bibliography order; with --document: markdown (default), html or text",
    )
    parser.add_argument(
        "--clusters",
        metavar="FILE",
        help="JSON list of citation clusters in document order (each a list of cites, or "
        '{"id", "note", "cites"}): prints each citation, then the bibliography of the cited items',
    )
    parser.add_argument(
        "--document",
        metavar="FILE",
        help="a Markdown document (- for standard input) whose pandoc citations ([@key, p. 3], "
        "@key) are rendered, with the bibliography of the cited items appended",
    )
    parser.add_argument(
        "--bibliography",
        metavar="FILE",
        action="append",
        default=[],
        help="the items cited by --document (repeatable; IN is one too)",
    )
    parser.add_argument(
        "--bibliography-title",
        metavar="TITLE",
        default="References",
        help="heading of the appended bibliography (default References; '' for none)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="with --document: fail (exit 1, no output) when a citation key is unknown",
    )
    parser.add_argument("-o", "--output", help="write to this file instead of standard output")
    from biblioconv.cli import _jobs_value

    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs_value,
        default="auto",
        metavar="N",
        help="processes reading IN and rendering its bibliography (a number or auto, the "
        "default: the cores, at most 4, reading an input of at least 2 MiB and rendering at "
        "least 200 entries; a smaller input is read beside loading the style); the output is "
        "the same with any number",
    )


#: Without --jobs, an input at least this large is read by several processes (splitting and
#: starting the workers cost about what they save on smaller inputs).
AUTO_SPLIT_BYTES = 2 * 2**20


def _csl_item(record: Any) -> dict[str, Any]:
    """What citing needs of a record, made where it is read (a worker's result)."""
    from biblioconv.formats.csl_json.mapping import record_to_csl

    return record_to_csl(record, None, preserve=False)


def _read_items(args: argparse.Namespace, report: Any, lazy: bool = False) -> Iterable[Any]:
    """The input's records, or (read by other processes) their CSL-JSON items: citing gives
    the same for both. A list, or with ``lazy`` maybe an iterator of items that come as another
    process reads them."""
    import os

    from biblioconv import registry
    from biblioconv.api import _required, detect, read
    from biblioconv.cli import _cores

    jobs = args.jobs
    if jobs == "auto":
        try:
            big = args.input != "-" and os.path.getsize(args.input) >= AUTO_SPLIT_BYTES
        except OSError:
            big = False
        if not big and _cores() > 1:
            from . import forked

            if forked.can_fork():
                return _read_beside_loading(args, forked, lazy)
        jobs = min(_cores(), 4) if big else 1
    if jobs > 1:
        import biblioconv.formats.csl_json.mapping  # noqa: F401 - loaded before the workers fork
        from biblioconv import parallel  # multiprocessing is loaded only to read in parallel

        fmt = registry.get(args.from_format).name if args.from_format else detect(args.input).format
        items = parallel.read_file(args.input, fmt, jobs=jobs, transform=_csl_item, report=report)
        return list(_required(iter(items), report, args.input, fmt))
    stream = read(args.input, args.from_format, report=report)
    return list(_required(stream, report, stream.name, stream))


#: items sent at a time by the reading process: small batches let the engine start on the first
#: items soon (it prepares them 16 at a time) and keep it from waiting between batches
_READ_BATCH = 16


def _read_beside_loading(args: argparse.Namespace, forked: Any, lazy: bool) -> Iterable[Any]:
    """The input's CSL-JSON items, read by a forked process while this one loads the citation
    engine and the style (errors of loading are left for the rendering to raise); with
    ``lazy``, the items as they come (the engine prepares the first while the next are read)."""
    from biblioconv.api import _required, read
    from biblioconv.report import ConversionReport

    def items() -> Iterator[dict[str, Any]]:
        report = ConversionReport()
        stream = read(args.input, args.from_format, report=report)
        for record in _required(stream, report, stream.name, stream):
            yield _csl_item(record)

    stream = forked.Stream(items, batch=_READ_BATCH)
    try:
        try:
            from .engine import _load_style

            _load_style(args.style, args.locale)
        except Exception:
            # raised again when the style is used, after the input's own error if it has one
            # (as reading first, in one process, reports them)
            return list(stream)
        return stream if lazy else list(stream)
    except BaseException:
        stream.close()
        raise


def run(args: argparse.Namespace) -> int:
    """Render the bibliography of the input's records (after the citations of ``--clusters``);
    returns the exit code."""
    from biblioconv.api import output_file
    from biblioconv.report import ConversionReport

    if args.document:
        return _run_document(args)
    if args.input is None:
        raise CitationError("cite: an input file (IN) or --document is required")
    if args.bibliography:
        raise CitationError("cite: --bibliography goes with --document (else give IN)")
    args.output_format = args.output_format or "text"
    # pauses the collector while records are read and rendered too; the engine is loaded later,
    # while another process reads the input (see _read_beside_loading)
    from .collector import no_gc

    report = ConversionReport()
    with no_gc(promote=True):
        if args.clusters:
            body = _clusters_body(list(_read_items(args, report)), args)
        else:  # a text bibliography renders the items as they are read
            records = _read_items(args, report, lazy=args.output_format != "json")
            try:
                body = _bibliography_body(records, args)
            finally:
                close = getattr(records, "close", None)
                if close is not None:  # a process still reading is stopped
                    close()
    if args.output:
        with output_file(args.output) as fh:
            fh.write(body.encode("utf-8"))
    else:
        sys.stdout.write(body)
    return 0


def _run_document(args: argparse.Namespace) -> int:
    """``--document``: the document with its citations rendered; unknown keys are warned
    about (exit 1 under ``--strict``)."""
    from biblioconv.api import _required, output_file, read
    from biblioconv.report import ConversionReport

    from .document import DOCUMENT_OUTPUTS, cite_document

    output = args.output_format or "markdown"
    if output not in DOCUMENT_OUTPUTS:
        raise CitationError(f"cite --document: --format {output}: expected markdown, html or text")
    if args.clusters:
        raise CitationError("cite: --clusters and --document cannot be combined")
    sources = ([args.input] if args.input else []) + list(args.bibliography)
    if not sources:
        raise CitationError("cite --document: give the cited items with --bibliography FILE")
    records: list[Any] = []
    for source in sources:
        report = ConversionReport()
        stream = read(source, args.from_format, report=report)
        records.extend(_required(stream, report, stream.name, stream))
    if args.document == "-":
        name, text = "<stdin>", sys.stdin.read()
    else:
        name = args.document
        try:
            text = Path(args.document).read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise CitationError(f"{args.document}: not UTF-8 text ({exc.reason})") from None
    result = cite_document(
        text,
        records,
        style=args.style,
        locale=args.locale,
        output=output,
        bibliography_title=args.bibliography_title,
    )
    for line in result.warnings(name):
        print(line, file=sys.stderr)
    if args.strict and result.unknown:
        print(
            f"biblioconv: error: {name}: {len(result.unknown)} unknown citation key(s) (--strict)",
            file=sys.stderr,
        )
        return 1
    if args.output:
        with output_file(args.output) as fh:
            fh.write(result.text.encode("utf-8"))
    else:
        sys.stdout.write(result.text)
    return 0


def _render_jobs(jobs: int | str) -> int:
    """The processes rendering the bibliography: with auto, the cores (at most 4); the engine
    renders in one below :data:`.engine.PARALLEL_ENTRIES` entries."""
    if jobs == "auto":
        from biblioconv.cli import _cores

        return min(_cores(), 4)
    return int(jobs)


def _bibliography_body(records: Iterable[Any], args: argparse.Namespace) -> str:
    from . import forked
    from .engine import _render_bibliography
    from .writer import document, iter_csl_items

    output = args.output_format
    jobs = _render_jobs(args.jobs)
    if output != "json":  # the entries in one markup (no HTML beside them)
        # read by another process meanwhile (asked, without waiting, whether items are there)
        arriving = records if isinstance(records, forked.Stream) else False
        items = iter_csl_items(records)
        entries = _render_bibliography(items, args.style, args.locale, output, jobs, arriving)
        return document([entry for _, entry in entries], output)
    from .api import cite  # the citation stack is loaded when citing, not for other commands

    citations = cite(records, style=args.style, locale=args.locale, output="text", jobs=jobs)
    data = [{"id": c.id, "text": c.text, "html": c.html} for c in citations]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _read_clusters(path: str) -> list[dict[str, Any]]:
    """The clusters of a ``--clusters`` file as ``{"id", "note", "cites"}``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CitationError(f"clusters {path}: not a readable JSON file ({exc})") from None
    if not isinstance(data, list):
        raise CitationError(f"clusters {path}: expected a JSON list of clusters")
    clusters = []
    for number, cluster in enumerate(data, 1):
        if isinstance(cluster, dict):
            cites = cluster.get("cites")
            if not isinstance(cites, list):
                raise CitationError(f"clusters {path}: cluster {number} has no list of cites")
            clusters.append({"id": cluster.get("id"), "note": cluster.get("note"), "cites": cites})
        elif isinstance(cluster, list):
            clusters.append({"id": None, "note": None, "cites": cluster})
        else:
            raise CitationError(f"clusters {path}: cluster {number} is not a list or object")
    return clusters


def _clusters_body(records: list[Any], args: argparse.Namespace) -> str:
    """The citations of the clusters (one per line), then the bibliography of the cited items."""
    from .session import CitationSession
    from .writer import document

    output = args.output_format
    session = CitationSession(
        args.style, args.locale, "text" if output == "json" else output, items=records
    )
    for cluster in _read_clusters(args.clusters):
        note = cluster["note"]
        session.cite(
            cluster["cites"],
            note=int(note) if isinstance(note, (int, str)) and str(note).isdigit() else None,
            id=None if cluster["id"] is None else str(cluster["id"]),
        )
    entries = session.bibliography()
    if output == "json":
        data = {
            "citations": [{"id": c.id, "note": c.note, "text": c.text} for c in session.clusters],
            "bibliography": [{"id": e.id, "text": e.text, "html": e.html} for e in entries],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    citations = "".join(c.text + "\n" for c in session.clusters)
    if not entries:
        return citations
    return citations + "\n" + document([e.text for e in entries], output)
