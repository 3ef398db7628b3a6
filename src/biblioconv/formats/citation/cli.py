"""The ``biblioconv cite`` subcommand."""

from __future__ import annotations

import argparse
import json
import sys

from .api import cite

__all__ = ["configure", "run"]

FORMATS = ("text", "html", "markdown", "rtf", "latex", "json")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``biblioconv cite IN [-f FROM] --style apa ...``."""
    parser.add_argument("input", metavar="IN", help="input file (- for standard input)")
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
        default="text",
        help="text, html, markdown, rtf, latex, or json: [{id, text, html}] in bibliography order",
    )
    parser.add_argument("-o", "--output", help="write to this file instead of standard output")


def run(args: argparse.Namespace) -> int:
    """Render the bibliography of the input's records; returns the exit code."""
    from biblioconv.api import _required, output_file, read
    from biblioconv.report import ConversionReport

    from .writer import document

    report = ConversionReport()
    stream = read(args.input, args.from_format, report=report)
    records = list(_required(stream, report, stream.name, stream))
    output = args.output_format
    citations = cite(
        records, style=args.style, locale=args.locale, output="text" if output == "json" else output
    )
    if output == "json":
        body = (
            json.dumps(
                [{"id": c.id, "text": c.text, "html": c.html} for c in citations],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    else:
        body = document([c.text for c in citations], output)
    if args.output:
        with output_file(args.output) as fh:
            fh.write(body.encode("utf-8"))
    else:
        sys.stdout.write(body)
    return 0
