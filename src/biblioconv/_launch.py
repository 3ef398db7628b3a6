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
    collecting = gc.isenabled()
    try:
        # what loading makes lives as long as the process: the collector does not look for
        # garbage in it while it loads (about 7% of loading), nor walks it again later (about
        # 2% of a conversion's instructions)
        gc.disable()
        try:
            _spare_plugin_search()
            from biblioconv.cli import main as cli_main
        finally:
            gc.freeze()
            if collecting:
                gc.enable()
        return cli_main(argv)  # answers Ctrl-C itself once a command runs
    except KeyboardInterrupt:  # while loading, or before a command began
        print("\nbiblioconv: interrupted; nothing was written", file=sys.stderr)
        return 130


#: the module pydantic imports for its plugins when it builds the first model
_PYDANTIC_LOADER = "pydantic.plugin._loader"
#: pydantic's plugin group and the formats' (:data:`biblioconv.registry.ENTRY_POINT_GROUP`)
_GROUPS = ("pydantic", "biblioconv.formats")


def _spare_plugin_search() -> None:
    """Where no installed distribution declares a pydantic plugin, give pydantic its empty
    plugin list without its search.

    pydantic looks for plugins (entry points of the group ``pydantic``) when it builds its first
    model, by importing importlib.metadata and reading every distribution: about 6% of the
    instructions of converting one entry. The command reads the entry points itself, for the
    formats' group and pydantic's at once (:func:`.entry_point_scan.prescan`). When pydantic's
    group is empty, its loader module is stood in for by one whose ``get_plugins`` returns what
    the real one would, nothing. When the scan hands over, a plugin is declared, or pydantic's
    loader is already imported, nothing changes. Only the command does this, never ``import
    biblioconv``.
    """
    import types

    from biblioconv import entry_point_scan

    if _PYDANTIC_LOADER in sys.modules:
        return
    found = entry_point_scan.prescan(_GROUPS)
    if found is None or found["pydantic"]:
        return
    loader = types.ModuleType(_PYDANTIC_LOADER, "pydantic's plugin loader: no plugin declared")
    loader.PYDANTIC_ENTRY_POINT_GROUP = "pydantic"  # type: ignore[attr-defined]
    loader._plugins = {}  # type: ignore[attr-defined]
    loader._loading_plugins = False  # type: ignore[attr-defined]
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules[_PYDANTIC_LOADER] = loader


def _no_plugins() -> tuple[()]:
    """pydantic's plugins where none is installed."""
    return ()


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
