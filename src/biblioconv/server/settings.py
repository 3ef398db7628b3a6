"""The settings of the HTTP service (no web framework imported here)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ServerSettings"]


class ServerSettings(BaseModel):
    """Where the service listens and the limits it puts on every request."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = Field(default="127.0.0.1", description="address to listen on (loopback only)")
    port: int = Field(default=8000, ge=0, le=65535, description="TCP port (0: any free port)")
    max_body_bytes: int = Field(
        default=10 * 1024 * 1024, ge=1, description="largest request body accepted (413 beyond)"
    )
    max_records: int = Field(
        default=10_000, ge=1, description="most records one request may read (413 beyond)"
    )
    timeout_seconds: float = Field(
        default=30.0, gt=0, description="longest a request may work (504 beyond)"
    )
    max_concurrent: int = Field(
        default=8, ge=1, description="requests worked on at once (503 with Retry-After beyond)"
    )
    cors_origins: tuple[str, ...] = Field(
        default=(), description="origins allowed by CORS (none: CORS off); '*' for any"
    )
