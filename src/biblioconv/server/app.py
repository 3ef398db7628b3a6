"""The ASGI application of ``biblioconv serve`` (FastAPI): the API and the web page.

Every converting endpoint reads its body within ``max_body_bytes``, takes one of
``max_concurrent`` slots (503 with ``Retry-After`` when none is free) and works in a worker
thread for at most ``timeout_seconds``. Errors are RFC 9457 problem details whose ``detail`` is
the command line's one-line message; an unexpected exception is logged and answered with a
generic problem, never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import ValidationError as PydanticValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

import biblioconv
from biblioconv import registry
from biblioconv.errors import BiblioconvError
from biblioconv.report import ConversionReport
from biblioconv.server import service, styles
from biblioconv.server.models import (
    CiteRequest,
    CiteResponse,
    ClusterOut,
    ConvertEnvelope,
    DetectResult,
    Entry,
    FormatInfo,
    Health,
    Limits,
    StyleInfo,
    ValidateResult,
    ValidationProblem,
)
from biblioconv.server.negotiation import (
    BIBLIOGRAPHY,
    CSL_JSON,
    by_media_type,
    media_types_of,
    names_file,
    parse_media_type,
    readable_types,
    source_format,
    target_format,
    writable_types,
)
from biblioconv.server.problems import (
    PROBLEM_MEDIA_TYPE,
    Problem,
    ServiceProblem,
    problem_for,
)
from biblioconv.server.settings import ServerSettings

__all__ = ["create_app"]

log = logging.getLogger("biblioconv.server")

T = TypeVar("T")

#: The loss report's headers on every converting response.
REPORT_HEADERS = (
    "X-Biblioconv-Records",
    "X-Biblioconv-Records-Read",
    "X-Biblioconv-Skipped",
    "X-Biblioconv-Losses",
    "X-Biblioconv-Warnings",
    "X-Biblioconv-Source-Format",
    "X-Biblioconv-Target-Format",
)

#: The web page's policy: its own scripts only, nothing fetched from elsewhere.
PAGE_POLICY = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


def _problem_response(problem: ServiceProblem) -> JSONResponse:
    return JSONResponse(
        problem.problem().model_dump(),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=problem.headers or None,
    )


def _report_headers(report: ConversionReport, source: str, target: str) -> dict[str, str]:
    warnings = sum(n for key, n in dict(report.counts).items() if key.split("|")[1] != "info")
    return dict(
        zip(
            REPORT_HEADERS,
            (
                str(report.records_written),
                str(report.records_read),
                str(report.records_skipped),
                str(service.losses(report)),
                str(warnings),
                source,
                target,
            ),
            strict=True,
        )
    )


class _Slots:
    """At most ``n`` requests worked on at once (without waiting: a full service says so)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.busy = 0
        self._lock = threading.Lock()

    def acquire(self) -> bool:
        with self._lock:
            if self.busy >= self.n:
                return False
            self.busy += 1
            return True

    def release(self) -> None:
        with self._lock:
            self.busy -= 1


_PROBLEM_CONTENT = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"description": description, "content": _PROBLEM_CONTENT}
    for status, description in (
        (400, "the input cannot be read, or an option, format or style is wrong"),
        (406, "no acceptable target format"),
        (413, "the body or the number of records is over the service's limit"),
        (415, "the Content-Type names no readable format"),
        (422, "the records cannot be written, or the request is malformed"),
        (503, "the service is working on as many requests as it takes (Retry-After)"),
        (504, "the request took longer than the service allows"),
    )
}


def _text_body(description: str, types: list[str]) -> dict[str, Any]:
    return {
        "requestBody": {
            "description": description,
            "required": True,
            "content": {t: {"schema": {"type": "string"}} for t in types},
        }
    }


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """The application: the API of ``docs/service.md`` and the web page, with the limits of
    ``settings``."""
    settings = settings or ServerSettings()
    slots = _Slots(settings.max_concurrent)
    # one thread more than slots: a job that released its slot may still hold its thread
    executor = ThreadPoolExecutor(
        max_workers=settings.max_concurrent + 1, thread_name_prefix="biblioconv-request"
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        styles.warm()
        yield
        executor.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(
        title="biblioconv",
        version=biblioconv.__version__,
        summary="Convert bibliographic metadata and render citations over HTTP.",
        description="Content negotiation as DOI content negotiation does it; the loss report of "
        "every conversion in X-Biblioconv-* headers (and in full with ?report=json); errors as "
        "RFC 9457 problem details. See docs/service.md.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.slots = slots

    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Accept"],
            expose_headers=list(REPORT_HEADERS),
        )

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        path = request.url.path
        if path == "/" or path.startswith("/static/"):
            response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        return response

    # -- errors ----------------------------------------------------------------------------------

    @app.exception_handler(ServiceProblem)
    async def on_problem(request: Request, exc: ServiceProblem) -> JSONResponse:
        return _problem_response(exc)

    @app.exception_handler(BiblioconvError)
    async def on_error(request: Request, exc: BiblioconvError) -> JSONResponse:
        return _problem_response(problem_for(exc))

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _problem_response(_request_problem(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = HTTPStatus(exc.status_code).phrase
        detail = exc.detail if isinstance(exc.detail, str) else title
        problem = ServiceProblem(exc.status_code, "http", title, f"{request.url.path}: {detail}")
        response = _problem_response(problem)
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return _problem_response(
            ServiceProblem(
                500,
                "internal",
                "Internal error",
                "internal error: the service failed on this request (logged on the server)",
            )
        )

    # -- work --------------------------------------------------------------------------------------

    async def work(request: Request, job: Callable[[bytes, service.Deadline], T]) -> T:
        """Read the body within the size limit and run ``job`` on it in a worker thread, in a
        free slot and within the time limit."""
        if not slots.acquire():
            raise ServiceProblem(
                503,
                "busy",
                "Service busy",
                f"the service is working on {slots.n} requests, as many as it takes at once; "
                "retry shortly",
                {"Retry-After": "1"},
            )
        submitted = False
        try:
            data = await _read_body(request, settings.max_body_bytes)
            deadline = service.Deadline(settings.timeout_seconds)

            def run() -> T:
                try:
                    return job(data, deadline)
                finally:
                    slots.release()

            future = asyncio.get_running_loop().run_in_executor(executor, run)
            submitted = True
            try:
                return await asyncio.wait_for(asyncio.shield(future), settings.timeout_seconds)
            except asyncio.TimeoutError:
                raise service.timeout_problem(settings.timeout_seconds) from None
        finally:
            if not submitted:
                slots.release()

    # -- endpoints ---------------------------------------------------------------------------------

    @app.get("/health", response_model=Health, tags=["service"])
    def health() -> Health:
        """The service is up: its version and limits."""
        limits = settings.model_dump(
            include={"max_body_bytes", "max_records", "timeout_seconds", "max_concurrent"}
        )
        return Health(version=biblioconv.__version__, limits=Limits(**limits))

    @app.get("/formats", response_model=list[FormatInfo], tags=["service"])
    def formats() -> list[FormatInfo]:
        """The formats the service reads and writes (formatted citations are ``/cite``)."""
        return [
            _format_info(s) for s in registry.all_formats() if BIBLIOGRAPHY not in s.media_types
        ]

    @app.get("/styles", response_model=list[StyleInfo], tags=["citations"])
    def styles_(
        response: Response,
        q: Annotated[str | None, Query(max_length=200, description="words of id or title")] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 20,
    ) -> list[StyleInfo]:
        """Search the CSL styles by id and title, best match first (``X-Total-Count``: how
        many match)."""
        total, found = styles.search(q, limit)
        response.headers["X-Total-Count"] = str(total)
        return [StyleInfo(id=sid, title=title) for sid, title in found]

    @app.post(
        "/detect",
        response_model=DetectResult,
        responses=_ERRORS,
        tags=["conversion"],
        openapi_extra=_text_body("the input", ["text/plain"]),
    )
    async def detect(
        request: Request,
        filename: Annotated[str | None, Query(max_length=255)] = None,
    ) -> DetectResult:
        """Tell the format of the body (``?filename=`` helps, by its extension)."""

        def job(data: bytes, deadline: service.Deadline) -> DetectResult:
            found = service.detect(data, filename)
            return DetectResult(
                format=found.format, confidence=found.confidence, reason=found.reason
            )

        return await work(request, job)

    @app.post(
        "/convert",
        response_model=ConvertEnvelope,
        responses={
            200: {
                "description": "the converted text in the target's media type (X-Biblioconv-* "
                "headers: the loss report's counts), or with ?report=json the JSON envelope",
                "content": {t: {"schema": {"type": "string"}} for t in writable_types()},
            },
            **_ERRORS,
        },
        tags=["conversion"],
        openapi_extra=_text_body(
            "the input, in any readable format", ["text/plain", *readable_types()]
        ),
    )
    async def convert(
        request: Request,
        from_: Annotated[
            str | None, Query(alias="from", max_length=64, description="source format")
        ] = None,
        to: Annotated[str | None, Query(max_length=64, description="target format")] = None,
        option: Annotated[
            list[str], Query(description="a format option NAME=VALUE (or FORMAT.NAME=VALUE)")
        ] = [],  # noqa: B006 - FastAPI copies query defaults
        report: Annotated[
            str | None, Query(pattern="^json$", description="json: the JSON envelope")
        ] = None,
        strict: Annotated[bool, Query(description="refuse a lossy conversion (422)")] = False,
        filename: Annotated[str | None, Query(max_length=255)] = None,
    ) -> Response:
        """Convert the body: source from ``?from=``, ``Content-Type`` or detection; target from
        ``?to=`` or ``Accept`` (DOI content negotiation's media types)."""
        source = source_format(request.headers.get("content-type"), from_)
        target = target_format(request.headers.get("accept"), to, report)
        name = filename or service.BODY

        def job(data: bytes, deadline: service.Deadline) -> service.Converted:
            return service.convert(
                data,
                source=source,
                target=target.format,
                name=name,
                options=[*target.options, *option],
                strict=strict,
                max_records=settings.max_records,
                deadline=deadline,
            )

        done = await work(request, job)
        headers = _report_headers(done.report, done.source_format, done.target_format)
        spec = registry.get(done.target_format)
        if target.envelope:
            envelope = ConvertEnvelope(
                source_format=done.source_format,
                target_format=done.target_format,
                media_type=target.media_type,
                records=done.report.records_written,
                records_read=done.report.records_read,
                records_skipped=done.report.records_skipped,
                losses=service.losses(done.report),
                output=done.output.decode("utf-8-sig", errors="replace"),
                report=list(done.report.diagnostics),
                omitted=done.report.omitted,
                summary=done.report.summary(),
            )
            return JSONResponse(envelope.model_dump(mode="json"), headers=headers)
        media_type = target.media_type
        if not spec.binary_output:
            media_type += "; charset=utf-8"
        return Response(done.output, media_type=media_type, headers=headers)

    @app.post(
        "/validate",
        response_model=ValidateResult,
        responses=_ERRORS,
        tags=["conversion"],
        openapi_extra=_text_body("the document to check", ["text/plain", *readable_types()]),
    )
    async def validate(
        request: Request,
        format: Annotated[str | None, Query(max_length=64)] = None,
        version: Annotated[str | None, Query(max_length=16, pattern=r"^[0-9.]+$")] = None,
        filename: Annotated[str | None, Query(max_length=255)] = None,
    ) -> ValidateResult:
        """Check the body against its format's rules (and official schemas when the server
        has them), as ``biblioconv validate`` does."""
        given = source_format(request.headers.get("content-type"), format)
        name = filename or service.BODY

        def job(data: bytes, deadline: service.Deadline) -> ValidateResult:
            from biblioconv import validation

            fmt = given or service.detect(data, filename).format
            result = validation.check(data, fmt, source=name, version=version)

            def one(p: Any) -> ValidationProblem:
                return ValidationProblem(
                    severity=p.severity,
                    message=p.message,
                    line=p.line,
                    record=p.record,
                    text=p.located(name),
                )

            return ValidateResult(
                format=result.format,
                valid=result.valid,
                records=result.records,
                errors=[one(p) for p in result.errors],
                warnings=[one(p) for p in result.warnings],
                schema_checked=result.schema,
            )

        return await work(request, job)

    @app.post(
        "/cite",
        response_model=CiteResponse,
        responses=_ERRORS,
        tags=["citations"],
        openapi_extra={
            "requestBody": {
                "description": "a cite request (JSON), or records in any readable format with "
                "?style=, ?locale= and ?format=",
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/CiteRequest"}},
                    "text/plain": {"schema": {"type": "string"}},
                },
            }
        },
    )
    async def cite(
        request: Request,
        style: Annotated[str | None, Query(max_length=200)] = None,
        locale: Annotated[str | None, Query(max_length=35)] = None,
        format: Annotated[str | None, Query(max_length=16)] = None,
        from_: Annotated[str | None, Query(alias="from", max_length=64)] = None,
        filename: Annotated[str | None, Query(max_length=255)] = None,
    ) -> Response:
        """Render a bibliography, and the clusters of a document in order, in a CSL style
        (``X-Biblioconv-*`` headers: what reading the items reported)."""
        content_type = request.headers.get("content-type")
        mtype, _ = parse_media_type(content_type or "")
        query = {"style": style, "locale": locale, "format": format}
        given = {k: v for k, v in query.items() if v is not None}
        source = None if mtype == "application/json" else source_format(content_type, from_)

        def job(data: bytes, deadline: service.Deadline) -> tuple[CiteResponse, dict[str, str]]:
            request_, raw = _cite_request(data, mtype, given, source, filename)
            name = filename or service.BODY
            return _cite(request_, settings.max_records, deadline, name, raw)

        answer, headers = await work(request, job)
        return JSONResponse(answer.model_dump(mode="json"), headers=headers)

    # -- the web page --------------------------------------------------------------------------

    static = Path(str(resources.files("biblioconv.server") / "static"))

    @app.get("/", include_in_schema=False, response_model=None)
    def page() -> Response:
        index = static / "index.html"
        if index.is_file():
            return FileResponse(index, media_type="text/html; charset=utf-8")
        return HTMLResponse(
            "<!doctype html><title>biblioconv</title><h1>biblioconv</h1>"
            '<p>The API is described at <a href="/docs">/docs</a>.</p>'
        )

    if static.is_dir():
        from fastapi.staticfiles import StaticFiles

        app.mount("/static", StaticFiles(directory=static), name="static")

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for model in (Problem, CiteRequest):
                found = model.model_json_schema(ref_template="#/components/schemas/{model}")
                components.update(found.pop("$defs", {}))
                components[model.__name__] = found
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused (413) from its Content-Length or as soon as more than ``limit``
    bytes arrived."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            chunks.append(chunk)
    except ClientDisconnect:
        raise ServiceProblem(
            400, "incomplete-body", "Incomplete request body", "the client left mid-body"
        ) from None
    return b"".join(chunks)


def _too_large(limit: int) -> ServiceProblem:
    return ServiceProblem(
        413,
        "body-too-large",
        "Request body too large",
        f"request body over the service's limit of {limit} bytes",
        {"Connection": "close"},
    )


def _request_problem(errors: Any) -> ServiceProblem:
    """A malformed request (a query parameter, the cite request's JSON): its first error."""
    first = errors[0] if errors else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body",)) or "request"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return ServiceProblem(
        422, "invalid-request", "Malformed request", f"{where}: {first.get('msg', 'invalid')}{more}"
    )


def _format_info(spec: registry.FormatSpec) -> FormatInfo:
    def options(read: bool) -> list[str]:
        if not (spec.can_read if read else spec.can_write):
            return []
        model = (spec.read_options or spec.options) if read else spec.options
        return sorted(model.model_fields)

    return FormatInfo(
        name=spec.name,
        title=spec.title,
        aliases=list(spec.aliases),
        read=spec.can_read,
        write=spec.can_write,
        media_types=media_types_of(spec),
        extensions=list(spec.extensions),
        description=spec.description,
        read_options=options(True),
        write_options=options(False),
    )


def _cite_request(
    data: bytes, mtype: str, query: dict[str, str], source: str | None, filename: str | None
) -> tuple[CiteRequest, bytes | None]:
    """The cite request of a body: a JSON request object, a JSON array of CSL-JSON items, or
    records in any readable format (returned as they came, for the format's reader to decode:
    not every input is UTF-8); the query's style, locale and format apply to the last two."""
    if mtype == "application/json":
        try:
            value = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ServiceProblem(
                400, "parse-error", "Input cannot be read", f"cite request: not JSON ({exc})"
            ) from None
        fields = {f.alias or name for name, f in CiteRequest.model_fields.items()}
        if isinstance(value, dict) and not (fields & set(value)):
            value = [value]  # one CSL-JSON item
        body: dict[str, Any] = value if isinstance(value, dict) else {**query, "items": value}
        raw = None
    else:
        body = {**query, "input": "", "from": source}
        raw = data
    try:
        return CiteRequest.model_validate(body), raw
    except PydanticValidationError as exc:
        problem = _request_problem(exc.errors())
        problem.detail = f"cite request: {problem.detail}"
        raise problem from None


def _csl_json() -> str:
    readable = [s for s in by_media_type(CSL_JSON) if s.can_read]
    return readable[0].name


def _cite(
    req: CiteRequest,
    max_records: int,
    deadline: service.Deadline,
    name: str,
    raw: bytes | None = None,
) -> tuple[CiteResponse, dict[str, str]]:
    """Render the bibliography, or the clusters and the bibliography of the cited items; the
    report's headers."""
    for what, value in (("style", req.style), ("locale", req.locale)):
        if names_file(value):
            raise ServiceProblem(
                400,
                "style-error",
                "Unknown or unusable citation style",
                f"{what} {value!r}: the service takes style ids and aliases (GET /styles), "
                "not file paths or URLs",
            )
    fmt: str | None
    if raw is not None:  # the body itself
        data, fmt = raw, req.from_
    elif req.items is not None:
        data, fmt = json.dumps(req.items).encode("utf-8"), _csl_json()
    elif req.input is not None:
        data, fmt = req.input.encode("utf-8"), req.from_
    else:
        raise ServiceProblem(
            422, "invalid-request", "Malformed request", "cite request: give items or input"
        )
    # the style and locale first: an unknown one fails before any record is read
    session = biblioconv.CitationSession(req.style, req.locale, req.format)
    report = ConversionReport()
    source, stream = service.read_records(
        data,
        registry.get(fmt).name if fmt else None,
        name=name,
        report=report,
        max_records=max_records,
        deadline=deadline,
    )
    records = list(stream)
    clusters: list[ClusterOut] = []
    if req.clusters:
        session.add(records)
        done = session.cite_all(
            [
                ([c.model_dump(exclude_none=True) for c in cluster.cites], cluster.note_number)
                for cluster in req.clusters
            ]
        )
        clusters = [ClusterOut(index=c.index, id=c.id, note=c.note, text=c.text) for c in done]
        entries = session.bibliography()
    else:
        entries = biblioconv.cite(records, req.style, req.locale, req.format)
    deadline.check()
    rendered = [s for s in by_media_type(BIBLIOGRAPHY) if s.can_write]
    report.count_written(rendered[0].name, len(entries))
    report.records_written = len(entries)
    headers = _report_headers(report, source, rendered[0].name)
    answer = CiteResponse(
        style=req.style,
        locale=req.locale,
        format=req.format,
        note_style=session.note_style,
        clusters=clusters,
        bibliography=[e.text for e in entries],
        entries=[Entry(id=e.id, text=e.text, html=e.html) for e in entries],
        report=list(report.diagnostics),
    )
    return answer, headers
