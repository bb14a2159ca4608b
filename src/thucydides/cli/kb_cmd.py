"""The resolve-actors command: phrases in, PLOVER country and sector codes out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

import click

from thucydides.cli.app import main
from thucydides.cli.options import kb_option, output_options
from thucydides.errors import E, ThucydidesError
from thucydides.export import write_records
from thucydides.nlp.actors.resolve import default_kb, resolve_actor

COLUMNS = [("id", "id", 8), ("text", "text", 36), ("code", "code", 5), ("sector", "sector", 6),
           ("org", "org", 6), ("kind", "kind", 9), ("name", "name", 28)]
FIELDS = ("code", "sector", "org", "name", "kind", "entry", "why")


def _inputs(lines: Iterator[str], where: str) -> Iterator[tuple[dict[str, Any], str | None]]:
    """(row, error) for each non-empty line: a JSON object with "text", or a plain line of text."""
    for n, line in enumerate(lines, 1):
        text = line.strip()
        if not text:
            continue
        if text.startswith("{"):
            try:
                obj = json.loads(text)
                if not isinstance(obj, dict):
                    raise ValueError("not an object")
            except ValueError as exc:
                yield {"id": str(n), "text": None}, E.BAD_JSONL.format(where=f"{where}:{n}", detail=exc)
                continue
            if not isinstance(obj.get("text"), str):
                yield {"id": str(obj.get("id", n)), "text": None}, E.NO_TEXT_FIELD.format(where=f"{where}:{n}")
                continue
            yield {"id": str(obj.get("id", n)), "text": obj["text"], "date": obj.get("date")}, None
        else:
            yield {"id": str(n), "text": text}, None


def _lines(stream: Any, where: str) -> Iterator[str]:
    """The lines of a phrases file in any text encoding (as `code` reads them); a binary or undecodable file
    is one clear error."""
    from thucydides.ingest.decoding import binary_kind, decode_bytes

    data = stream.read()
    kind = binary_kind(data[:65536])
    if kind is not None:
        raise click.ClickException(E.BINARY.format(where=where) + f" ({kind})")
    try:
        return iter(decode_bytes(data, where).splitlines())
    except ThucydidesError as exc:
        raise click.ClickException(str(exc)) from None


@main.command("resolve-actors")
@click.argument("file", required=False, type=click.File("rb"))
@click.option("--text", "texts", multiple=True, help="A phrase to resolve (repeatable).")
@click.option("--date", "default_date", default=None, help="Resolve officials as of this date (default: each row's date; without one, the latest term).")
@output_options()
@kb_option
def resolve_actors(file: Any, texts: tuple[str, ...], default_date: str | None, fmt: str, output: str | None,
                   kb_paths: tuple[str, ...]) -> None:
    """Resolve actor phrases (FILE of JSONL or plain lines, '-' for stdin, or --text) to PLOVER codes."""
    try:
        kb = default_kb(tuple(kb_paths))
    except ThucydidesError as exc:
        raise click.ClickException(str(exc)) from exc
    rows: list[tuple[dict[str, Any], str | None]] = [({"id": str(i), "text": t}, None)
                                                     for i, t in enumerate(texts, 1)]
    if file is not None:
        where = getattr(file, "name", None) or "<stdin>"
        rows.extend(_inputs(_lines(file, where), where))
    elif not texts and not sys.stdin.isatty():
        rows.extend(_inputs(_lines(sys.stdin.buffer, "<stdin>"), "<stdin>"))
    records: list[dict[str, Any]] = []
    failed = 0
    for row, error in rows:
        if error is not None:
            failed += 1
            click.echo(error, err=True)
            records.append({**row, **dict.fromkeys(FIELDS), "error": error})
            continue
        actor = resolve_actor(row["text"], row.get("date") or default_date, kb)
        records.append({"id": row["id"], "text": row["text"], **{f: getattr(actor, f) for f in FIELDS}})
    try:
        write_records(records, fmt, output, COLUMNS)
    except ThucydidesError as exc:
        raise click.ClickException(str(exc)) from exc
    if failed:
        sys.exit(1)
