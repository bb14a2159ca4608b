"""`thucydides corrections`: the reviewers' audit log, for reading or for retraining the event model."""

from __future__ import annotations

import click

from thucydides.cli.app import main
from thucydides.cli.options import db_option, output_options
from thucydides.errors import ThucydidesError
from thucydides.export import write_records

COLUMNS = (("id", "id", 4), ("event_id", "event_id", 16), ("who", "who", 10), ("at", "at", 19),
           ("wrong", "wrong", 5), ("after", "after", 30), ("note", "note", 24), ("undone", "undone_at", 19))


@main.command("corrections")
@click.option("--undone/--no-undone", default=False, show_default=True, help="Include undone corrections.")
@db_option
@output_options()
def corrections_command(undone: bool, db_url: str, fmt: str, output: str | None) -> None:
    """Corrections made in review: who, when, before, after and note, with the event's sentence, trigger,
    original and corrected coding (JSONL rows a retraining of the event model can read)."""
    from thucydides.ledger import Ledger

    try:
        with Ledger(db_url) as ledger:
            rows = ledger.correction_examples(include_undone=undone)
        write_records(rows, fmt, output, COLUMNS)
    except ThucydidesError as exc:
        click.echo(f"Error: {exc}", err=True)
        raise click.exceptions.Exit(2) from exc
