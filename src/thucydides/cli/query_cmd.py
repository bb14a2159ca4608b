"""Query commands over the ledger: events, incidents, claims, quotes, documents."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from thucydides.cli.app import main
from thucydides.cli.options import candidate_choice, candidate_options, db_option, not_empty, output_options
from thucydides.errors import ThucydidesError
from thucydides.export import write_records

Columns = Sequence[tuple[str, str, int]]

# Table layouts: (header, dotted key of the flattened record, width); each fits in 120 characters.
EVENT_COLUMNS: Columns = (
    ("date", "date", 10), ("event", "event", 9), ("actor", "actor", 12), ("recipient", "recipient", 12),
    ("claim", "claim.status", 9), ("claimant", "claim.claimant.code", 8), ("place", "location.name", 14),
    ("aux", "aux_mode", 6), ("sentence", "sentence.text", 22),
)
CANDIDATE_COLUMNS: Columns = (*EVENT_COLUMNS[:-1], ("dropped", "dropped", 10), ("sentence", "sentence.text", 12))
INCIDENT_COLUMNS: Columns = (
    ("date", "date", 10), ("until", "date_end", 10), ("event", "event", 9), ("actor", "actor", 12),
    ("recipient", "recipient", 12), ("place", "location", 16), ("src", "sources", 3),
    ("reports", "n_reports", 7), ("status", "status", 22),
)
CLAIM_COLUMNS: Columns = (
    ("date", "date", 10), ("event", "event", 9), ("actor", "actor", 10), ("recipient", "recipient", 10),
    ("status", "status", 9), ("claimant", "claimant.code", 9), ("confirmed", "confirmed_by", 9),
    ("denied", "denied_by", 9), ("sentence", "sentence", 29),
)
QUOTE_COLUMNS: Columns = (
    ("speaker", "speaker.text", 22), ("code", "speaker.code", 6), ("doc", "doc_id", 16), ("quote", "text", 66),
)
DOCUMENT_COLUMNS: Columns = (
    ("id", "id", 16), ("date", "date", 10), ("status", "status", 7), ("source", "source", 16),
    ("title", "title", 30), ("error", "error", 29),
)


@contextmanager
def _ledger(db_url: str) -> Iterator[Any]:
    from thucydides.ledger import Ledger

    led = Ledger(db_url, create=False)
    try:
        yield led
    finally:
        led.close()


def _run(query: Callable[[Any], list[dict[str, Any]]], db_url: str, fmt: str, output: str | None,
         columns: Columns) -> None:
    """Run a query on the ledger and write its records; user errors print their message and exit 2."""
    try:
        with _ledger(db_url) as led:
            records = query(led)
        write_records(records, fmt, output, columns)
    except ThucydidesError as exc:
        click.echo(f"Error: {exc}", err=True)
        raise click.exceptions.Exit(2) from exc


@main.command("events")
@click.option("--event", "event_type", default=None, callback=not_empty, help="PLOVER event type (ASSAULT, PROTEST, ...).")
@click.option("--quad", type=click.IntRange(1, 4), default=None, help="PLOVER quad class 1-4.")
@click.option("--actor", default=None, callback=not_empty, help="Actor code, organisation or name (e.g. RUS, NATO).")
@click.option("--recipient", default=None, callback=not_empty, help="Recipient code, organisation or name.")
@click.option("--since", default=None, help="Events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", default=None, help="Events on or before this date.")
@click.option("--text", default=None, callback=not_empty, help="Only events whose sentence contains this text.")
@click.option("--aux-mode", default=None, callback=not_empty, help="Only events in this aux mode (future, hypothetical, ...).")
@click.option("--real", is_flag=True, help="Leave out hypothetical, negated and future events.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many events.")
@candidate_options
@db_option
@output_options()
def events_cmd(event_type: str | None, quad: int | None, actor: str | None, recipient: str | None,
               since: str | None, until: str | None, text: str | None, aux_mode: str | None, real: bool,
               limit: int | None, candidates: bool, min_confidence: float | None, db_url: str, fmt: str,
               output: str | None) -> None:
    """Coded events in the ledger, by date (--candidates: also those left out, with the reason)."""
    choice = candidate_choice(candidates, min_confidence)
    _run(lambda led: [e.to_dict() for e in led.events(
        event=event_type, quad=quad, actor=actor, recipient=recipient, since=since, until=until, text=text,
        aux_mode=aux_mode, real_only=real, limit=limit, include_dropped=choice["candidates"],
        min_confidence=choice["min_confidence"] or None)], db_url, fmt, output,
        CANDIDATE_COLUMNS if choice["candidates"] else EVENT_COLUMNS)


@main.command("incidents")
@click.option("--corroborated", is_flag=True, help="Only incidents corroborated or confirmed by an adversary.")
@click.option("--disputed", is_flag=True, help="Only incidents that someone denies.")
@click.option("--actor", default=None, callback=not_empty, help="Only incidents involving this code (either side).")
@click.option("--since", default=None, help="Incidents on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", default=None, help="Incidents on or before this date.")
@click.option("--place", default=None, callback=not_empty, help="Place name or ISO3 country code.")
@click.option("--event", "event_type", default=None, callback=not_empty, help="Only incidents with a report of this type.")
@db_option
@output_options()
def incidents_cmd(corroborated: bool, disputed: bool, actor: str | None, since: str | None,
                  until: str | None, place: str | None, event_type: str | None, db_url: str, fmt: str,
                  output: str | None) -> None:
    """Incidents: events grouped across documents, with their sources and status."""
    def query(led: Any) -> list[dict[str, Any]]:
        found = led.incidents(corroborated=True if corroborated else None, disputed=True if disputed else None,
                              actor=actor, since=since, until=until, place=place, event=event_type)
        rows = [dict(i.to_dict(), n_reports=len(i.reports)) for i in found]
        if fmt == "table":  # codes as "RUS;BLR" rather than JSON lists
            for row in rows:
                row["actor"], row["recipient"] = ";".join(row["actor"]), ";".join(row["recipient"])
        return rows

    _run(query, db_url, fmt, output, INCIDENT_COLUMNS)


@main.command("claims")
@click.option("--by", default=None, callback=not_empty, help="Only claims made by this actor (code or name).")
@db_option
@output_options()
def claims_cmd(by: str | None, db_url: str, fmt: str, output: str | None) -> None:
    """Claimed events: who claims them, who confirms, who denies."""
    _run(lambda led: led.claims(by=by), db_url, fmt, output, CLAIM_COLUMNS)


@main.command("quotes")
@click.option("--speaker", default=None, callback=not_empty, help="Only quotes of this speaker (code or name).")
@db_option
@output_options()
def quotes_cmd(speaker: str | None, db_url: str, fmt: str, output: str | None) -> None:
    """Quotations and who said them."""
    _run(lambda led: [q.to_dict() for q in led.quotes(speaker=speaker)], db_url, fmt, output, QUOTE_COLUMNS)


@main.command("documents")
@click.option("--status", type=click.Choice(("coded", "failed", "skipped")), default=None,
              help="Only documents with this status.")
@db_option
@output_options()
def documents_cmd(status: str | None, db_url: str, fmt: str, output: str | None) -> None:
    """Documents in the ledger and how their coding went."""
    def query(led: Any) -> list[dict[str, Any]]:
        rows = []
        for d in led.documents(status=status):
            row = d.to_dict()
            row.pop("text", None)
            row.pop("content_hash", None)
            rows.append(row)
        return rows

    _run(query, db_url, fmt, output, DOCUMENT_COLUMNS)
