"""Shared by the PostgreSQL tests: the server's URL from the environment, the marks that skip them without
one, and a clean slate before each test."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine

URL = os.environ.get("THUCYDIDES_TEST_PG_URL")

MARKS = [
    pytest.mark.postgres,
    pytest.mark.skipif(not URL, reason="THUCYDIDES_TEST_PG_URL is not set (run .ci/start-postgres.sh and set "
                                      "it to postgresql+psycopg://thucydides:thucydides@127.0.0.1:5432/"
                                      "thucydides_test)"),
]


def drop_all(url: str) -> None:
    """Every table of the ledger's schema dropped, so each test starts on an empty database."""
    from thucydides.ledger.migrations import INCIDENT_WRITES
    from thucydides.ledger.schema import metadata

    engine = create_engine(url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {INCIDENT_WRITES}")  # (PostgreSQL only, migration 7)
    engine.dispose()


def orphans(conn) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Rows whose document, event or incident is not in the ledger, by table and column (none expected):
    on PostgreSQL these references are not checked row by row (migration 6)."""
    from sqlalchemy import text

    from thucydides.ledger.migrations import UNCHECKED_REFERENCES

    found = {}
    for table, references in UNCHECKED_REFERENCES.items():
        for column, parent in references:
            n = conn.execute(text(f'SELECT count(*) FROM "{table}" t WHERE NOT EXISTS '
                                  f'(SELECT 1 FROM "{parent}" p WHERE p.id = t."{column}")')).scalar()
            if n:
                found[f"{table}.{column}"] = n
    return found
