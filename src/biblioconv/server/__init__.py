"""The HTTP service: ``biblioconv serve`` (the ``server`` extra: FastAPI and uvicorn).

:func:`create_app` builds the ASGI application from :class:`ServerSettings`; the API is
described in ``docs/service.md`` and by the application's own OpenAPI schema. Importing this
package imports no web framework: :mod:`biblioconv.server.app` does, on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from biblioconv.server.settings import ServerSettings

if TYPE_CHECKING:
    from biblioconv.server.app import create_app

__all__ = ["ServerSettings", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from biblioconv.server.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
