"""The ``alliance`` and ``exposure`` commands: memberships and treaty obligations on a date."""

from __future__ import annotations

import sys
from typing import Any

import click

from thucydides.cli.app import main
from thucydides.cli.options import output_options
from thucydides.errors import ThucydidesError
from thucydides.export import write_records

MEMBER_COLUMNS = (("state", "state", 6), ("name", "name", 28), ("joined", "joined", 10),
                  ("left", "left", 10), ("status", "status", 9), ("note", "note", 60))
OBLIGATION_COLUMNS = (("scenario", "scenario", 18), ("state", "state", 6), ("name", "name", 22),
                      ("treaty", "treaty", 36), ("article", "article", 7), ("strength", "strength", 11),
                      ("note", "note", 50))


@main.command("alliance")
@click.argument("alliance")
@click.option("--on", "on", default=None, metavar="DATE", help="Members on this date (YYYY-MM-DD); default today.")
@click.option("--history", is_flag=True, help="Every membership row ever, with join and leave dates.")
@output_options()
def alliance_command(alliance: str, on: str | None, history: bool, fmt: str, output: str | None) -> None:
    """List the members of ALLIANCE (NATO, EU, CSTO, "Arab League", ...) with their join dates."""
    from thucydides.knowledge.memberships import alliance_members, organisation, parse_date

    try:
        org = organisation(alliance)
        day = None if history else parse_date(on)
        rows = alliance_members(org.acronym, day)
    except ThucydidesError as exc:
        raise click.ClickException(str(exc)) from exc
    write_records([r.to_dict() for r in rows], fmt, output, MEMBER_COLUMNS)
    if fmt == "table" and not output:
        when = "ever" if day is None else f"on {day}"
        click.echo(f"\n{len({r.state for r in rows})} members of {org.name} ({org.acronym}) {when}.")


@main.command("exposure")
@click.argument("target")
@click.option("--attacker", required=True, metavar="STATE", help="The state that attacks (name or ISO3).")
@click.option("--on", "on", default=None, metavar="DATE", help="The date of the attack (YYYY-MM-DD); default today.")
@click.option("--if-joins", "joining", default=None, metavar="ORG",
              help="Also show who would be bound if TARGET's state joined this organisation.")
@output_options()
def exposure_command(target: str, attacker: str, on: str | None, joining: str | None, fmt: str,
                     output: str | None) -> None:
    """Who is bound by treaty to respond if TARGET (a state or territory) were attacked."""
    from thucydides.knowledge.alliances import exposure

    try:
        result = exposure(target, attacker, on=on, joining=joining)
    except ThucydidesError as exc:
        raise click.ClickException(str(exc)) from exc
    rows: list[dict[str, Any]] = [o.to_dict() for o in [*result.bound, *result.if_joins]]
    write_records(rows, fmt, output, OBLIGATION_COLUMNS)
    to_terminal = fmt == "table" and not output
    lines = [f"{result.target_name} ({result.target}) attacked by {result.attacker_name} ({result.attacker}) "
             f"on {result.on}: {len(result.states_bound())} states bound now"]
    if result.joining:
        lines[0] += f", {len(result.states_bound_if_joins())} if it joins {result.joining}"
    lines.extend(f"- {note}" for note in result.notes)
    click.echo(("\n" if to_terminal else "") + "\n".join(lines), err=not to_terminal)
    sys.stdout.flush()
