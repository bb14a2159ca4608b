"""The upload limit: a body over ``--max-upload`` is answered with a JSON 413, and the client gets to read it.

A server that answers before the body is in and then closes the connection makes a client that is still
sending (curl, urllib, requests: all send the whole body first) see "connection reset" instead of the
answer. So a refused body is read and dropped, never kept, up to ``DRAIN_LIMIT`` bytes; only a client
sending more than that is cut off.
"""

from __future__ import annotations

from fastapi import Request
from starlette.requests import ClientDisconnect

from thucydides.errors import E

from .errors import HTTPProblem

DRAIN_LIMIT = 256 * 1024 * 1024  # bytes of a refused body read and dropped so that its sender sees the 413


async def discard_body(request: Request) -> int:
    """Read the body and drop it; the bytes seen (the count stops past ``DRAIN_LIMIT``)."""
    return (await _read(request, 0))[1]


async def read_body(request: Request, limit: int) -> bytes:
    """The request body; a 413 once it passes ``limit`` bytes (with or without a Content-Length), and no
    more than ``limit`` bytes are ever held in memory."""
    body, size = await _read(request, limit)
    if size > limit:
        raise too_large(size, limit)
    return body


def too_large(size: int, limit: int) -> HTTPProblem:
    return HTTPProblem(413, E.UPLOAD_TOO_LARGE.format(size=size, limit=limit))


def declared_too_large(request: Request, limit: int) -> int | None:
    """The Content-Length when it is over ``limit``, else None."""
    length = request.headers.get("content-length", "")
    return int(length) if length.isdigit() and int(length) > limit else None


async def _read(request: Request, keep: int) -> tuple[bytes, int]:
    """The body while it fits in ``keep`` bytes (else b""), and its size; past ``DRAIN_LIMIT`` it stops."""
    parts: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > DRAIN_LIMIT:
                break
            if size <= keep:
                parts.append(chunk)
            else:
                parts.clear()
    except ClientDisconnect:
        pass
    return (b"".join(parts) if size <= keep else b""), size
