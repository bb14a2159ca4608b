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


def not_empty(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A filter option given as "" (or only spaces) is an error, not a filter silently ignored."""
    from thucydides.errors import E

    if value is not None and not value.strip():
        raise click.BadParameter(E.EMPTY_FILTER)
    return value


def db_option(f: F) -> F:
    return click.option("--db", "db_url", default=DEFAULT_DB, show_default=True, envvar="THUCYDIDES_DB",
                        help="Ledger: a SQLite file path or any SQLAlchemy URL (postgresql+psycopg://...).")(f)


def kb_option(f: F) -> F:
    return click.option("--kb", "kb_paths", multiple=True, type=click.Path(exists=True),
                        help="Extra knowledge-base file or folder (repeatable).")(f)


def candidate_options(f: F) -> F:
    """--candidates and --min-confidence: what of the coded candidates is shown."""
    f = click.option("--min-confidence", type=click.FloatRange(0, 1), default=None,
                     help="Only events at least this confident; 0 shows every candidate too.")(f)
    f = click.option("--candidates", is_flag=True,
                     help="Also show the candidates left out of the default output, with the reason (dropped).")(f)
    return f


def candidate_choice(candidates: bool, min_confidence: float | None) -> dict[str, Any]:
    """Keyword arguments of :func:`thucydides.api.shown` from the two options: the default output's
    confidence cut when neither is given; --candidates alone shows every candidate, low confidence too."""
    from thucydides.model import DEFAULT_MIN_CONFIDENCE

    everything = candidates or (min_confidence is not None and min_confidence <= 0)
    if min_confidence is None:
        min_confidence = 0.0 if everything else DEFAULT_MIN_CONFIDENCE
    return {"candidates": everything, "min_confidence": min_confidence}
