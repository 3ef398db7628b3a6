"""The command line's entry point: loads the command line, so that Ctrl-C while it loads is
answered like Ctrl-C later (a one-line message and exit status 130, no traceback)."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from typing import NoReturn


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``biblioconv`` (see :func:`biblioconv.cli.main`)."""
    try:
        from biblioconv.cli import main as cli_main

        # what loading made lives as long as the process: the collector need not walk it again
        # (about 2% of a conversion's instructions)
        gc.freeze()
        return cli_main(argv)  # answers Ctrl-C itself once a command runs
    except KeyboardInterrupt:  # while loading, or before a command began
        print("\nbiblioconv: interrupted; nothing was written", file=sys.stderr)
        return 130


def run(argv: Sequence[str] | None = None) -> NoReturn:
    """Run ``biblioconv`` and end the process (the ``biblioconv`` command).

    Standard output and error are flushed and the exit handlers run as at a normal exit, but
    the interpreter does not then free every object one by one: after a large input that took
    about a tenth of the command's time. A write error on flushing is one line and exit
    status 1; a reader of standard output that went away is not an error (as in the command).
    """
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's --help, --version and usage errors
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    code = _flushed(sys.stdout, code)
    code = _flushed(sys.stderr, code)
    import threading

    if threading.active_count() > 1:  # threads still running: the interpreter joins them
        sys.exit(code)
    import atexit

    atexit._run_exitfuncs()
    os._exit(code)


def _flushed(stream: object, code: int) -> int:
    """Flush ``stream``; the exit code afterwards."""
    flush = getattr(stream, "flush", None)
    if flush is None:
        return code
    try:
        flush()
    except BrokenPipeError:
        return code
    except (OSError, ValueError) as exc:
        if stream is not sys.stderr:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            print(f"biblioconv: error: cannot write standard output: {reason}", file=sys.stderr)
        return code or 1
    return code
