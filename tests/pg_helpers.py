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
    from thucydides.ledger.schema import metadata

    engine = create_engine(url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
    engine.dispose()
