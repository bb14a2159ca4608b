"""Opening a ledger's database: an engine for a file path, ``:memory:`` or a SQLAlchemy URL, SQLite's
set-up (WAL, foreign keys, ``BEGIN IMMEDIATE`` for writers), and what a SQLite path says before opening it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from thucydides.errors import E, ThucydidesError, mask_url

_WRITE = "thucydides_write"
WAL_AUTOCHECKPOINT = 10000  # pages (~40 MB of WAL): fewer, larger checkpoints


def engine_for(url: str, busy_timeout: float = 60.0, *, read_only: bool = False) -> Engine:
    """An engine for a file path, ``:memory:`` or any SQLAlchemy URL; SQLite gets WAL and foreign keys and
    waits up to ``busy_timeout`` seconds for another writer's lock. ``read_only`` opens a SQLite file for
    reading only (a ledger in a folder this user cannot write to)."""
    try:
        if "://" in url:
            sa_url = make_url(url)
            engine = create_engine(sa_url, pool_pre_ping=not sa_url.drivername.startswith("sqlite"))
        elif url == ":memory:":
            engine = create_engine("sqlite://", poolclass=StaticPool,
                                   connect_args={"check_same_thread": False})
        else:
            path = Path(url).expanduser()
            if not path.parent.is_dir():
                raise ThucydidesError(E.DB_URL.format(url=mask_url(url), detail=f"no folder {str(path.parent)!r}"))
            if path.is_dir():
                raise ThucydidesError(E.DB_URL.format(url=mask_url(url), detail="that is a folder, not a file"))
            if read_only:  # in a folder nobody can write to, no writer can change the file: immutable
                how = "mode=ro" if os.access(path.parent, os.W_OK) else "immutable=1"
                engine = create_engine(f"sqlite:///file:{quote(str(path.resolve()))}?{how}&uri=true",
                                       connect_args={"timeout": busy_timeout})
            else:
                engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": busy_timeout})
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as exc:
        raise ThucydidesError(E.DB_URL.format(url=mask_url(url), detail=exc)) from exc
    if engine.dialect.name == "sqlite":
        _sqlite_setup(engine, wal=not read_only and url != ":memory:" and ":memory:" not in url)
    elif engine.dialect.name == "postgresql":
        _postgres_setup(engine)
    return engine


WRITE_LOCK = 7_405_323_113  # the advisory lock every PostgreSQL write transaction takes (any constant)


def _postgres_setup(engine: Engine) -> None:
    """Writers one at a time, as SQLite's ``BEGIN IMMEDIATE`` makes them: a write transaction takes a
    transaction-level advisory lock first, so what it reads of incidents stays true until it commits
    (a bulk load works out how a batch is filed on another connection while the batch holds the lock)."""

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(_WRITE):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


# The page size of a new SQLite ledger (SQLite's default is 4,096 bytes; a ledger made before keeps its own).
# A bulk load's inserts, commits and checkpoints of 10,000 documents: 2.99 CPU s with 4 KB pages, 2.55 with
# 8 KB, 2.42 with 16 KB (fewer pages to split, to write to the WAL and to copy back; an event row with its
# JSON record is over a kilobyte).
PAGE_SIZE = 16384


def _sqlite_setup(engine: Engine, wal: bool) -> None:
    """WAL, foreign keys, and real transactions: BEGIN IMMEDIATE for writers, so one writes at a time."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA page_size={PAGE_SIZE}")  # a new file only: before WAL mode writes its header
        if wal:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def _missing_sqlite_file(url: str) -> bool:
    if url == ":memory:" or (url.startswith("sqlite") and ":memory:" in url):
        return False
    if "://" not in url:
        return not Path(url).expanduser().exists()
    try:
        parsed = make_url(url)
    except ArgumentError:
        return False
    return parsed.drivername.startswith("sqlite") and bool(parsed.database) and not Path(str(parsed.database)).exists()


def _unwritable_sqlite_file(url: str) -> bool:
    """A SQLite file path (not a URL) that exists where this user cannot write it or its folder."""
    if "://" in url or url == ":memory:":
        return False
    path = Path(url).expanduser()
    return path.is_file() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
