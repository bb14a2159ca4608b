"""Errors as JSON (API) or as a page (browser): a clear message and the right status, never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from thucydides.errors import E, ThucydidesError

log = logging.getLogger("thucydides.web")


class HTTPProblem(Exception):
    """An error with a status and a message for the user."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path in ("/openapi.json",) or \
        "text/html" not in request.headers.get("accept", "")


def problem(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status,
                            headers=headers)
    templates = request.app.state.templates
    try:
        return templates.TemplateResponse(request, "error.html",
                                          {"status": status, "message": message, "path": request.url.path},
                                          status_code=status, headers=headers)
    except Exception:  # never let an error page fail into a traceback
        log.exception("the error page failed")
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status,
                            headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path"))
        parts.append(f"{where or 'body'}: {err.get('msg', 'invalid')}")
    return E.BAD_BODY.format(detail="; ".join(parts) or "invalid request")


def install(app: Any) -> None:
    @app.exception_handler(HTTPProblem)
    async def _problem(request: Request, exc: HTTPProblem) -> Response:
        return problem(request, exc.status, exc.message, exc.headers)

    @app.exception_handler(ThucydidesError)
    async def _user_error(request: Request, exc: ThucydidesError) -> Response:
        message = str(exc)
        status = 404 if message.startswith("no ") and " with id " in message else 400
        return problem(request, status, message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return problem(request, 422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            message = E.NOT_FOUND_PAGE.format(path=request.url.path)
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
            if request.app.state.read_only and request.method != "GET":
                message += "; " + E.READ_ONLY
        else:
            message = str(exc.detail)
        return problem(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem(request, 500, "internal error: the server could not answer this request; "
                                     "the details are in the server's log")
