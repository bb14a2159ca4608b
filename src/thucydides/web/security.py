"""Who may write: bearer tokens (hashes in the ledger) for the API, the same tokens plus a CSRF check
for the pages' forms."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from fastapi import Request

from thucydides.errors import E

from .errors import HTTPProblem

CSRF_COOKIE = "thucydides_csrf"
CSRF_FIELD = "csrf"


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def writer(request: Request, token: str | None) -> str:
    """The name of the token's owner; 401 when the token is missing, unknown or revoked."""
    if not token:
        raise HTTPProblem(401, E.UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})
    name: str | None = request.app.state.ledger.token_owner(token)
    if name is None:
        raise HTTPProblem(401, E.BAD_TOKEN, headers={"WWW-Authenticate": "Bearer"})
    return name


def api_writer(request: Request) -> str:
    """Dependency of every API write route."""
    return writer(request, bearer(request))


def csrf_token(request: Request) -> str:
    """The CSRF token of this browser (a cookie; set on the response by the page renderer when new)."""
    token = request.cookies.get(CSRF_COOKIE)
    if not token or len(token) < 20:
        token = getattr(request.state, "new_csrf", None) or secrets.token_urlsafe(24)
        request.state.new_csrf = token
    return token


def check_form(request: Request, submitted: str | None) -> None:
    """A form post must come from our own pages: same origin (when the browser says) and the CSRF field
    equal to the cookie (double submit)."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin and origin != "null":
        host = urlsplit(origin).netloc
        if host != request.headers.get("host"):
            raise HTTPProblem(403, E.CSRF)
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or not submitted or not secrets.compare_digest(cookie, submitted):
        raise HTTPProblem(403, E.CSRF)
