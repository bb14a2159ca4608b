"""Fixtures of the web tests: a SQLite ledger coded from our own articles, and real servers on copies of it."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_helpers import Server, fill_ledger, start_server, stop_server  # noqa: E402


@pytest.fixture(scope="session")
def coded_ledger(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A SQLite ledger with the test articles, and a token (copied per server so tests stay apart)."""
    db = str(tmp_path_factory.mktemp("web") / "ledger.db")
    return db, fill_ledger(db)


def _copy(coded_ledger: tuple[str, str], folder: Path) -> str:
    db = str(folder / "ledger.db")
    shutil.copy(coded_ledger[0], db)
    return db


@pytest.fixture(scope="module")
def server(coded_ledger: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A read-write server on its own copy of the coded ledger."""
    srv = start_server(_copy(coded_ledger, tmp_path_factory.mktemp("srv")), coded_ledger[1])
    yield srv
    stop_server(srv)


@pytest.fixture(scope="module")
def read_only_server(coded_ledger: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = start_server(_copy(coded_ledger, tmp_path_factory.mktemp("ro")), coded_ledger[1], "--read-only")
    yield srv
    stop_server(srv)
