"""`thucydides code`: read articles, code them into events, store them in the ledger, print them."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from typing import Any

import click

from thucydides.cli.app import main
from thucydides.cli.options import candidate_choice, candidate_options, db_option, kb_option, output_options
from thucydides.errors import E, ThucydidesError, mask_url
from thucydides.model import Document, Event

STORE_BATCH = 64  # documents stored per transaction, at most
STORE_SECONDS = 2.0  # and at least this often: a killed run loses a few seconds of work at most

EVENT_COLUMNS = [
    ("event", "event", 9), ("mode", "mode", 12), ("actor", "actor", 16), ("recipient", "recipient", 14),
    ("date", "date", 10), ("where", "location.name", 14), ("claim", "claim.status", 9),
    ("by", "claim.claimant.text", 18), ("aux", "aux_mode", 12), ("conf", "confidence", 4),
    ("sentence", "sentence.text", 60),
]
CANDIDATE_COLUMNS = [*EVENT_COLUMNS[:-1], ("dropped", "dropped", 22), EVENT_COLUMNS[-1]]


def event_row(ev: Event, doc: Document) -> dict[str, Any]:
    row = ev.to_dict()
    row["doc_id"] = doc.id
    return row


@main.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("--input-format", type=click.Choice(["text", "html", "jsonl", "csv", "parquet"]), default=None,
              help="Input format (default: guessed from each file's extension).")
@output_options(default="table")
@db_option
@click.option("--no-store", is_flag=True, help="Do not write to the ledger; only print.")
@click.option("--force", is_flag=True, help="Code documents again even if the ledger has them.")
@kb_option
@click.option("--n-process", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes (use 2+ for big batches).")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True)
@click.option("--max-chars", type=click.IntRange(min=1), default=2_000_000, show_default=True, help="Longest document coded.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on standard error (default: when a terminal).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: code on a Dask cluster into a Parquet dataset (--format parquet --output DIR).")
@click.option("--scheduler", default=None, help="--engine dask: the address of a running Dask scheduler.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="--engine dask without --scheduler: worker processes of the local cluster (default 2).")
@click.option("--part-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="--engine dask: documents per task.")
@candidate_options
def code_command(paths: tuple[str, ...], input_format: str | None, fmt: str, output: str | None, db_url: str,
                 no_store: bool, force: bool, kb_paths: tuple[str, ...], n_process: int, batch_size: int,
                 max_chars: int, progress: bool | None, engine: str, scheduler: str | None, workers: int | None,
                 part_size: int, candidates: bool, min_confidence: float | None) -> None:
    """Code articles (files, folders, or - for standard input) into PLOVER events.

    Plain text, HTML, JSONL and CSV are read; events are stored in the ledger (--db) unless --no-store,
    and printed as a table, JSONL, CSV or Parquet. One event per happening is printed; --candidates (or
    --min-confidence 0) adds the candidates left out, with the reason in their `dropped` field; the
    ledger keeps them all. With --engine dask, files, folders and globs (also Parquet) are coded on a
    Dask cluster into a Parquet dataset (--output DIR), resumably.
    """
    if engine == "dask":
        from thucydides.cli.code_dask import run_dask

        run_dask(paths, input_format=input_format, fmt=fmt, output=output, kb_paths=kb_paths, max_chars=max_chars,
                 batch_size=batch_size, scheduler=scheduler, workers=workers, per_part=part_size,
                 progress=progress)
        return
    from thucydides.api import code_documents, shown
    from thucydides.export import check_output
    from thucydides.ingest.readers import read_documents

    ledger = None
    try:
        check_output(fmt, output)  # before any coding: a bad --output must not waste the run
        if not no_store:
            from thucydides.ledger import Ledger
            ledger = Ledger(db_url)
    except ThucydidesError as exc:
        raise click.ClickException(str(exc)) from None
    counts = {"coded": 0, "failed": 0, "skipped": 0, "known": 0, "events": 0, "new_events": 0, "unstored": 0}
    failures: list[str] = []
    show_progress = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show_progress:
        from tqdm import tqdm
        bar = tqdm(unit="doc", file=sys.stderr, desc="coding")

    known: list[Document] = []

    seen: dict[str, str] = {}  # id -> content hash of the documents of this run

    def inputs() -> Iterator[Document]:
        stdin = sys.stdin.buffer if "-" in paths else None
        for d in read_documents(list(paths), input_format, stdin=stdin, max_chars=max_chars):
            if d.status == "new" and d.id != d.content_hash and (
                    seen.get(d.id, d.content_hash) != d.content_hash or (ledger is not None and ledger.id_taken(d))):
                click.echo(f"thucydides: {E.ID_CLASH.format(where=d.path, id=d.id, new_id=d.content_hash)}", err=True)
                d.id = d.content_hash  # a different document: never dropped, never mixed with the other
            if d.status == "new":
                seen.setdefault(d.id, d.content_hash)
            if ledger is not None and not force and d.status == "new" and ledger.is_coded(d):
                known.append(d)
                continue
            yield d

    def store(doc: Document, coded: Any = None) -> int:
        """Store one document; a failure is one line naming it, and the batch goes on."""
        assert ledger is not None
        new, error = ledger.try_store(doc, coded.events if coded else (), coded.quotes if coded else ())
        if error is not None:
            counts["unstored"] += 1
            click.echo(f"thucydides: {error}", err=True)
        return new

    unsaved: list[tuple[Document, Any]] = []  # coded, failed or skipped documents not stored yet
    flushed = [time.monotonic()]

    def flush() -> int:
        """Store the documents waiting, in one transaction; when that fails, one by one (each failure
        reported, the rest stored). Returns how many events were new."""
        from sqlalchemy.exc import SQLAlchemyError

        from thucydides.ledger.bulk import store_batch
        assert ledger is not None
        items = list(unsaved)
        unsaved.clear()
        flushed[0] = time.monotonic()
        try:
            return store_batch(ledger, [(d, c.events if c else (), c.quotes if c else ()) for d, c in items]).events
        except (SQLAlchemyError, OSError, UnicodeError, ValueError):
            return sum(store(d, c) for d, c in items)

    choice = candidate_choice(candidates, min_confidence)
    rows: list[dict[str, Any]] = []
    stream_jsonl = fmt == "jsonl" and output is None
    interrupted = False
    try:
        for coded in code_documents(inputs(), n_process=n_process, batch_size=batch_size, kb_paths=kb_paths):
            doc = coded.document
            if bar is not None:
                bar.update(1)
            if doc.status in ("failed", "skipped"):
                counts[doc.status] += 1
                failures.append(f"{doc.status}: {doc.error}")
                click.echo(f"thucydides: {doc.error}", err=True)
                if ledger is not None:
                    unsaved.append((doc, None))
                continue
            counts["coded"] += 1
            if ledger is not None:
                unsaved.append((doc, coded))
                if len(unsaved) >= STORE_BATCH or time.monotonic() - flushed[0] >= STORE_SECONDS:
                    counts["new_events"] += flush()
            batch = [event_row(ev, doc) for ev in shown(coded.events, **choice)]
            counts["events"] += len(batch)
            if stream_jsonl:
                from thucydides.export import write_jsonl
                write_jsonl(batch, sys.stdout)
            else:
                rows.extend(batch)
        if ledger is not None and unsaved:
            counts["new_events"] += flush()
        for doc in known:
            counts["known"] += 1
            assert ledger is not None
            batch = [event_row(ev, doc) for ev in shown(ledger.events(doc_id=doc.id, include_dropped=True,
                                                                  min_confidence=None), **choice)]
            counts["events"] += len(batch)
            if stream_jsonl:
                from thucydides.export import write_jsonl
                write_jsonl(batch, sys.stdout)
            else:
                rows.extend(batch)
    except ThucydidesError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:  # Ctrl-C: every document stored so far is complete (one transaction each)
        interrupted = True
    finally:
        if bar is not None:
            bar.close()
        if ledger is not None:
            if unsaved:  # interrupted: what was coded is stored
                counts["new_events"] += flush()
            ledger.close()
    if not stream_jsonl and not interrupted:
        from thucydides.export import write_records
        try:
            write_records(rows, fmt, output, CANDIDATE_COLUMNS if choice["candidates"] else EVENT_COLUMNS)
        except ThucydidesError as exc:
            raise click.ClickException(str(exc)) from exc
    total = counts["coded"] + counts["failed"] + counts["skipped"] + counts["known"]
    summary = (f"thucydides: {total} document(s): {counts['coded']} coded, {counts['known']} already in the ledger, "
               f"{counts['failed']} failed, {counts['skipped']} skipped; {counts['events']} event(s)")
    if ledger is not None:
        summary += f", {counts['new_events']} new in {mask_url(db_url)}"
        if counts["unstored"]:
            summary += f"; {counts['unstored']} document(s) NOT stored (see above)"
    if interrupted:
        summary = summary.replace("thucydides: ", "thucydides: interrupted after ", 1)
    click.echo(summary, err=True)
    if interrupted:
        sys.exit(130)
    if counts["failed"] or counts["unstored"]:
        sys.exit(1)
