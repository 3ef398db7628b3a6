"""The ``biblioconv serve`` subcommand (the web framework is imported only when it runs)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import socket

__all__ = ["configure", "run"]

EXTRA_MISSING = "biblioconv serve needs the server extra: pip install 'biblioconv[server]'"

_EPILOG = """examples:
  biblioconv serve                          # http://127.0.0.1:8000/ (the page), /docs (the API)
  biblioconv serve --port 8080 --max-records 1000 --timeout 10
  biblioconv serve --cors-origin https://example.org

Listens on the loopback address unless --host says otherwise; no request makes the server
fetch anything. See docs/service.md for the API.
"""


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``biblioconv serve``."""
    from biblioconv.server.settings import ServerSettings

    d = ServerSettings()
    parser.description = (
        "Serve the HTTP API (convert, cite, validate, detect, formats, styles) and the web page."
    )
    parser.epilog = _EPILOG
    parser.add_argument("--host", default=d.host, help=f"address to listen on (default {d.host})")
    parser.add_argument(
        "--port", type=int, default=d.port, help=f"TCP port (default {d.port}; 0: any free port)"
    )
    parser.add_argument(
        "--max-body-bytes",
        type=int,
        default=d.max_body_bytes,
        metavar="N",
        help=f"largest request body (default {d.max_body_bytes})",
    )
    parser.add_argument(
        "--max-records",
        type=int,
        default=d.max_records,
        metavar="N",
        help=f"most records per request (default {d.max_records})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=d.timeout_seconds,
        metavar="S",
        help=f"longest a request may work, in seconds (default {d.timeout_seconds:g})",
    )
    parser.add_argument(
        "--max-concurrent",
        type=int,
        default=d.max_concurrent,
        metavar="N",
        help=f"requests worked on at once; beyond, 503 (default {d.max_concurrent})",
    )
    parser.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow this origin by CORS (repeatable; '*' for any; default: CORS off)",
    )
    parser.add_argument(
        "--log-level",
        choices=("critical", "error", "warning", "info", "debug"),
        default="info",
        help="server log level (default info)",
    )


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; returns the exit code (2 without the server extra or with a
    bad setting)."""
    from pydantic import ValidationError

    from biblioconv.server.settings import ServerSettings

    try:
        import uvicorn

        from biblioconv.server.app import create_app
    except ImportError:
        print(f"biblioconv: error: {EXTRA_MISSING}", file=sys.stderr)
        return 2
    try:
        settings = ServerSettings(
            host=args.host,
            port=args.port,
            max_body_bytes=args.max_body_bytes,
            max_records=args.max_records,
            timeout_seconds=args.timeout,
            max_concurrent=args.max_concurrent,
            cors_origins=tuple(args.cors_origin),
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        option = str(err["loc"][0]).replace("_", "-") if err["loc"] else "settings"
        print(f"biblioconv: error: serve --{option}: {err['msg']}", file=sys.stderr)
        return 2
    try:
        sock = _listen(settings.host, settings.port)
    except OSError as exc:
        where = f"{settings.host}:{settings.port}"
        print(
            f"biblioconv: error: serve: cannot listen on {where}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    print(
        f"biblioconv: serving on http://{shown}:{port}/ (Ctrl-C stops)", file=sys.stderr, flush=True
    )
    config = uvicorn.Config(
        create_app(settings),
        host=settings.host,
        port=port,
        log_level=args.log_level,
        server_header=False,
    )
    with sock:
        uvicorn.Server(config).run(sockets=[sock])
    return 0


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to the address (a port in use fails here, in one line). Its protocol is
    named (TCP) so that asyncio sets TCP_NODELAY on the connections it accepts: without it, a
    response written in two parts waits for the client's delayed ACK (about 40 ms for every
    request after the first on a keep-alive connection)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock
