"""The web app: pages and a JSON API over the ledger, as thin as the command line."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from thucydides import __version__
from thucydides.errors import E
from thucydides.ledger import Ledger

from . import api, errors, limits, pages

HERE = Path(__file__).resolve().parent
VENDOR = HERE / "node_modules"
MAX_UPLOAD = 2_000_000  # bytes in one request that posts articles
FORM_OVERHEAD = 100_000  # bytes a form or a JSON wrapper adds around an article of MAX_UPLOAD


def create_app(db_url: str, *, read_only: bool = False, max_upload: int = MAX_UPLOAD,
               kb_paths: Sequence[str] = ()) -> FastAPI:
    """The app for the ledger at ``db_url``; with ``read_only`` no write route exists at all."""
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.ledger.close()

    app = FastAPI(title="thucydides", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="PLOVER events with who claims, confirms and denies them: browse, check and "
                              "correct the ledger. Reading is open; writing needs `Authorization: Bearer TOKEN` "
                              "(`thucydides token create NAME`).")
    app.state.ledger = Ledger(db_url)
    app.state.read_only = read_only
    app.state.max_upload = max_upload
    app.state.kb_paths = tuple(kb_paths)
    app.state.write_lock = threading.Lock()  # one writer at a time; readers never wait
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True)
    templates = Jinja2Templates(env=env)
    templates.env.globals.update(read_only=read_only, version=__version__)
    app.state.templates = templates
    errors.install(app)

    @app.middleware("http")
    async def _limits_and_headers(request: Request, call_next: Any) -> Response:
        declared = limits.declared_too_large(request, max_upload + FORM_OVERHEAD)
        if declared is not None:  # refused unread; the body is drained so that its sender sees the answer
            await limits.discard_body(request)
            return errors.problem(request, 413, E.UPLOAD_TOO_LARGE.format(size=declared, limit=max_upload))
        response: Response = await call_next(request)
        new = getattr(request.state, "new_csrf", None)
        if new:
            response.set_cookie("thucydides_csrf", new, httponly=True, samesite="strict")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if not request.url.path.startswith("/docs"):
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        return response

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    if (VENDOR / "swagger-ui-dist").is_dir():
        app.mount("/vendor/swagger-ui", StaticFiles(directory=str(VENDOR / "swagger-ui-dist")), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if not (VENDOR / "swagger-ui-dist").is_dir():
            return HTMLResponse("<p>The interactive API docs need swagger-ui-dist: run <code>make</code> "
                                "(npm ci in src/thucydides/web). The schema is at <a href=/openapi.json>"
                                "/openapi.json</a>.</p>")
        return get_swagger_ui_html(openapi_url="/openapi.json", title="thucydides API",
                                   swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    @app.get("/api", include_in_schema=False)
    def api_root(request: Request) -> JSONResponse:
        ledger = request.app.state.ledger
        return JSONResponse({"name": "thucydides", "version": __version__, "read_only": read_only,
                             "schema": "/openapi.json", "docs": "/docs", "stats": ledger.stats()})

    app.include_router(api.read)
    app.include_router(pages.read)
    if not read_only:
        app.include_router(api.write)
        app.include_router(pages.write)

    return app
