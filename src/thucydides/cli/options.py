"""Options shared by several commands, as reusable decorators."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from thucydides.export import FORMATS

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "thucydides.db"


def output_options(default: str = "table") -> Callable[[F], F]:
    def deco(f: F) -> F:
        f = click.option("--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
                         help="Output format (parquet needs --output).")(f)
        f = click.option("--output", "-o", type=click.Path(), default=None,
                         help="Write to this file instead of standard output (a folder: --engine dask).")(f)
        return f
    return deco


def db_option(f: F) -> F:
    return click.option("--db", "db_url", default=DEFAULT_DB, show_default=True, envvar="THUCYDIDES_DB",
                        help="Ledger: a SQLite file path or any SQLAlchemy URL (postgresql+psycopg://...).")(f)


def kb_option(f: F) -> F:
    return click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True),
                        help="Extra knowledge-base file or folder (repeatable).")(f)
