"""Numbered schema migrations: ``schema_version`` records which ones a ledger has had."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, func, inspect, select

from ..errors import E, ThucydidesError
from . import schema


def _create_tables(conn: Connection) -> None:
    """Migration 1: documents, sentences, events, actors, claim parties, quotes, incidents, reports."""
    schema.metadata.create_all(conn, tables=list(schema.TABLES))


# Index i holds migration i + 1. Append new ones; never edit or reorder applied ones.
MIGRATIONS: list[Callable[[Connection], None]] = [_create_tables]
LATEST = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    """The highest migration applied (0 for an empty database)."""
    if not inspect(conn).has_table(schema.schema_version.name):
        return 0
    return int(conn.execute(select(func.max(schema.schema_version.c.version))).scalar() or 0)


def migrate(engine: Engine, url: str) -> int:
    """Bring the ledger to the latest schema, each migration in its own transaction; the version reached."""
    with engine.begin() as conn:
        schema.metadata.create_all(conn, tables=[schema.schema_version])
    with engine.begin() as conn:
        found = current_version(conn)
    if found > LATEST:
        raise ThucydidesError(E.DB_NEWER.format(url=url, found=found, known=LATEST))
    for number in range(found + 1, LATEST + 1):
        with engine.begin() as conn:
            if current_version(conn) >= number:  # another process got there first
                continue
            MIGRATIONS[number - 1](conn)
            conn.execute(schema.schema_version.insert().values(
                version=number, applied_at=datetime.now(UTC).isoformat(timespec="seconds")))
    return LATEST
