"""The FastAPI application: settings in, migrated database, routes, limits, errors as JSON."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from starlette.exceptions import HTTPException

from kiosk.clock import Clock, SystemClock
from kiosk.errors import KlippError
from server import admin, db, routes
from server.deps import RateLimited, ServerState
from server.errors import Unauthorised, status_of
from server.middleware import AccessLog, BodyLimit
from server.ratelimit import Buckets, retry_after
from server.settings import ServerSettings
from sync.protocol import error_body

log = logging.getLogger("klipp.server")

DESCRIPTION = """The central server of Klipp. Tills push their ledger events and pull the
other tills' events of their organisation (see sync/protocol.py). A till authenticates with
the token it got at enrolment; the admin API takes KLIPP_ADMIN_TOKEN. Every error answer is
`{"detail": "..."}`."""


def create_app(settings: ServerSettings | None = None, *, clock: Clock | None = None
               ) -> FastAPI:
    """The server on a migrated database (migrations run here, before the first request)."""
    settings = settings or ServerSettings()
    engine = db.make_engine(settings.resolved_database_url(), pool_size=settings.db_pool_size)
    db.migrate(engine)
    st = ServerState(
        settings=settings, engine=engine, clock=clock or SystemClock(),
        till_buckets=Buckets(rate=settings.rate_per_second, burst=settings.rate_burst),
        enrol_buckets=Buckets(rate=settings.enrol_rate_per_second, burst=settings.enrol_burst),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    # docs_url=None: FastAPI's own /docs loads Swagger UI from a CDN, which a shop's network
    # without internet cannot reach; _offline_docs serves it from the installed package.
    app = FastAPI(title="Klipp server", version="1", description=DESCRIPTION,
                  lifespan=lifespan, docs_url=None, redoc_url=None)
    _offline_docs(app)
    app.state.klipp = st
    app.include_router(routes.router)
    app.include_router(admin.router)
    _add_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(AccessLog)
    return app


DOCS_ASSETS = "/docs-assets"


def _offline_docs(app: FastAPI) -> None:
    """/docs with Swagger UI's scripts, styles and icon from the swagger-ui-bundle package."""
    from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
    from fastapi.responses import HTMLResponse
    from starlette.staticfiles import StaticFiles
    from swagger_ui_bundle import swagger_ui_path

    app.mount(DOCS_ASSETS, StaticFiles(directory=swagger_ui_path), name="docs-assets")
    oauth2 = "/docs/oauth2-redirect"

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} API",
            oauth2_redirect_url=oauth2,
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
            # No badge calling the public validator from a network without internet.
            swagger_ui_parameters={"validatorUrl": None})

    @app.get(oauth2, include_in_schema=False)
    def docs_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()


def _json(status: int, message: str, headers: dict[str, str] | None = None, **extra: Any
          ) -> JSONResponse:
    return JSONResponse(error_body(message, **extra), status_code=status, headers=headers)


def describe(errors: list[Any]) -> str:
    """One line for a validation failure: where, what, and how many more."""
    first = errors[0] if errors else {}
    if first.get("type") == "json_invalid":
        reason = (first.get("ctx") or {}).get("error", "")
        return f"The body is not valid JSON ({str(reason)[:120]})."
    where = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or "body"
    line = f"{where}: {first.get('msg', 'invalid input')}"
    return line if len(errors) < 2 else f"{line} (and {len(errors) - 1} more problems)"


def _add_error_handlers(app: FastAPI) -> None:
    async def klipp_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, KlippError)
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthorised) else None
        return _json(status_of(exc), str(exc), headers)

    async def rate_limited(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RateLimited)
        return _json(429, "Too many requests; slow down.",
                     {"Retry-After": retry_after(exc.seconds)})

    async def invalid(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = list(exc.errors())
        brief = [{"loc": [str(p) for p in e.get("loc", ())][:8], "msg": str(e.get("msg"))[:200]}
                 for e in errors[:10]]
        return _json(422, describe(errors), errors=brief)

    async def too_deep(_request: Request, _exc: Exception) -> JSONResponse:
        return _json(422, "The input is nested too deeply.")

    async def http_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        return _json(exc.status_code, str(exc.detail), dict(exc.headers or {}) or None)

    async def database_down(_request: Request, exc: Exception) -> JSONResponse:
        log.error("database unavailable: %s", str(exc).splitlines()[0] if str(exc) else exc)
        return _json(503, "The database is unavailable; try again later.", {"Retry-After": "5"})

    async def clashed(_request: Request, exc: Exception) -> JSONResponse:
        # Only a race can get here (two enrolments of one device id at the same moment).
        log.warning("integrity conflict: %s", str(exc).splitlines()[0] if str(exc) else exc)
        return _json(409, "That conflicts with a change made at the same moment; try again.")

    async def unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error", exc_info=exc)
        return _json(500, "Internal server error.")

    app.add_exception_handler(KlippError, klipp_error)
    app.add_exception_handler(RateLimited, rate_limited)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(RecursionError, too_deep)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(IntegrityError, clashed)
    app.add_exception_handler(OperationalError, database_down)
    app.add_exception_handler(InterfaceError, database_down)
    app.add_exception_handler(Exception, unexpected)
