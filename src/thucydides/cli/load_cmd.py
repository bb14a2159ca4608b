"""`thucydides load`: bulk-load a Parquet dataset of a distributed run into the ledger."""

from __future__ import annotations

import sys
from typing import Any

import click

from thucydides.cli.app import main
from thucydides.cli.options import db_option
from thucydides.errors import ThucydidesError, mask_url


@main.command("load")
@click.argument("dataset_dir", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--batch", "batch_documents", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Documents per transaction.")
@click.option("--progress/--no-progress", default=None, help="Progress on standard error (default: when a terminal).")
def load_command(dataset_dir: str, db_url: str, batch_documents: int, progress: bool | None) -> None:
    """Load a Parquet dataset (the --output DIR of `thucydides code --engine dask`) into the ledger.

    Documents, events, actors, claims and quotes go in in large transactions, then the new events are
    filed under incidents. Loading the same dataset again adds nothing.
    """
    from thucydides.ledger import Ledger
    from thucydides.ledger.bulk import LoadSummary, load_dataset

    show = sys.stderr.isatty() if progress is None else progress
    bar: Any = None
    if show:
        from tqdm import tqdm
        bar = tqdm(unit="doc", file=sys.stderr, desc="loading")

    def on_progress(summary: LoadSummary) -> None:
        if bar is not None:
            bar.update(summary.documents - bar.n)

    try:
        with Ledger(db_url) as ledger:
            summary = load_dataset(ledger, dataset_dir, batch_documents=batch_documents, on_progress=on_progress)
    except ThucydidesError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:  # Ctrl-C: every batch stored so far is complete (one transaction each)
        if bar is not None:
            bar.close()
            bar = None
        click.echo("thucydides: load interrupted; the batches stored before are complete and loading the "
                   "dataset again goes on from there", err=True)
        sys.exit(130)
    finally:
        if bar is not None:
            bar.close()
    click.echo(summary.line(mask_url(db_url)), err=True)
