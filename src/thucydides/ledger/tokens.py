"""Write tokens for the web app and the API: only a SHA-256 hash of each token is stored."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from thucydides.errors import E, ThucydidesError
from thucydides.ledger.schema import tokens

_NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(conn: Connection, name: str) -> str:
    """A new random token for ``name`` (in the open transaction); the token itself is not stored."""
    if not _NAME.match(name or ""):
        raise ThucydidesError(E.TOKEN_NAME.format(name=name))
    row = conn.execute(select(tokens.c.revoked_at).where(tokens.c.name == name)).first()
    if row is not None and row[0] is None:
        raise ThucydidesError(E.TOKEN_EXISTS.format(name=name))
    token = "thu_" + secrets.token_urlsafe(32)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    if row is not None:
        conn.execute(tokens.update().where(tokens.c.name == name)
                     .values(hash=token_hash(token), created_at=now, revoked_at=None))
    else:
        conn.execute(tokens.insert().values(name=name, hash=token_hash(token), created_at=now))
    return token


def revoke_token(conn: Connection, name: str) -> None:
    row = conn.execute(select(tokens.c.revoked_at).where(tokens.c.name == name)).first()
    if row is None or row[0] is not None:
        raise ThucydidesError(E.NO_TOKEN.format(name=name))
    conn.execute(tokens.update().where(tokens.c.name == name)
                 .values(revoked_at=datetime.now(UTC).isoformat(timespec="seconds")))


def token_owner(conn: Connection, token: str) -> str | None:
    """The name of the active token, or None when the token is unknown or revoked."""
    if not token:
        return None
    wanted = token_hash(token)
    for name, stored, revoked in conn.execute(select(tokens.c.name, tokens.c.hash, tokens.c.revoked_at)
                                              .where(tokens.c.hash == wanted)):
        if revoked is None and secrets.compare_digest(stored, wanted):
            return str(name)
    return None
