"""The command line's entry point: loads the command line, so that Ctrl-C while it loads is
answered like Ctrl-C later (a one-line message and exit status 130, no traceback)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence


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
