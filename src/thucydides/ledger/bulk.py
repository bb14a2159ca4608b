"""Storing many documents in one transaction: the batches of ``thucydides code`` and ``thucydides load``.

:func:`store_batch` writes what :meth:`Ledger.store <thucydides.ledger.Ledger.store>` and
:meth:`Ledger.record_failure <thucydides.ledger.Ledger.record_failure>` write for each document, in the
same order and with the same rows, but with one read of the documents already there, one multi-row insert
per table and the incidents filed for the whole batch at once (:mod:`.incident_batch`). A batch is one
transaction: killing the process loses at most the batch in flight, and storing it again adds nothing
(ids are content hashes, coded documents are skipped).

:func:`load_dataset` reads a Parquet dataset written by a distributed run, part by part, into batches.
"""

from __future__ import annotations

import gc
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from thucydides import dataset
from thucydides.errors import E, ThucydidesError
from thucydides.ledger import Ledger, schema
from thucydides.ledger.incident_batch import assign_incidents_many, insert_rows
from thucydides.ledger.rows import (
    _actor_rows,
    _claim_rows,
    _document_row,
    _event_row,
    _prepare_events,
    _quote_rows,
    _sentence_rows,
    filed_events,
    mention_rows,
)
from thucydides.ledger.schema import actors, claim_parties, documents, sentences
from thucydides.model import Document, Event, Quote

Item = tuple[Document, Sequence[Event], Sequence[Quote]]
CHUNK = 500  # ids per IN (...) list
SQLITE_CACHE_KB = 256 * 1024  # SQLite page cache while storing a batch


@dataclass
class Stored:
    """What a batch added: coded documents new to the ledger, and their events."""

    documents: int = 0
    events: int = 0


def store_batch(ledger: Ledger, items: Iterable[Item]) -> Stored:
    """Store coded documents (and record failed or skipped ones, whose ``status`` says so) in one
    transaction; returns how many documents and events were new."""
    batch = list(items)
    if not batch:
        return Stored()
    with _no_gc(), ledger._write() as conn:
        if conn.dialect.name == "sqlite":  # room for the indexes of a big batch (this connection only)
            conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KB}")
        return _store(conn, batch)


@contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while a batch is built: a batch makes hundreds of thousands of
    short-lived objects (rows, summaries) and no cycles worth collecting, and each full collection would walk
    them all. Reference counting still frees everything; the collector runs again afterwards."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _store(conn: Connection, batch: list[Item]) -> Stored:
    found = _stored(conn, [doc.id for doc, _, _ in batch] + [doc.content_hash for doc, _, _ in batch])
    rows: dict[Any, list[dict[str, Any]]] = {t: [] for t in (documents, sentences, schema.events, actors,
                                                            claim_parties, schema.quotes, schema.mentions)}
    replace: list[str] = []  # failed or skipped before, coded now
    failures: dict[str, dict[str, Any]] = {}
    filed: list[tuple[Sequence[Event], str | None, str | None]] = []
    stored = Stored()
    for doc, events, quotes in batch:
        if doc.status in ("failed", "skipped"):
            if found.get(doc.id, (None, None))[0] != "coded":
                failures[doc.id] = _document_row(doc, doc.status, doc.error, 0)
                found.setdefault(doc.id, (doc.status, doc.content_hash))
            continue
        status, content = found.get(doc.id, (None, None))
        if doc.id != doc.content_hash and status == "coded" and content is not None and content != doc.content_hash:
            doc.id = doc.content_hash  # an id clash: stored under its content-derived id (as Ledger.store)
            for q in quotes:
                q.id = ""
            status, content = found.get(doc.id, (None, None))
        if status == "coded":
            continue
        if status is not None:
            replace.append(doc.id)
            failures.pop(doc.id, None)
        found[doc.id] = ("coded", doc.content_hash)
        new = _prepare_events(doc, events)
        rows[documents].append(_document_row(doc, "coded", None, len(new)))
        rows[sentences].extend(_sentence_rows(doc.id, new))
        rows[schema.events].extend(_event_row(e) for e in new)
        rows[actors].extend(r for e in new for r in _actor_rows(e))
        rows[claim_parties].extend(r for e in new for r in _claim_rows(e))
        rows[schema.quotes].extend(_quote_rows(doc.id, quotes))
        rows[schema.mentions].extend(r for e in new for r in mention_rows(e))
        filed.append((filed_events(new), doc.date, doc.source))
        stored.documents += 1
        stored.events += len(new)
    stale = [i for i, (status, _) in _stored(conn, list(failures)).items() if status is not None]
    for chunk in _chunks(sorted(set(replace) | set(stale))):
        conn.execute(documents.delete().where(documents.c.id.in_(chunk)))
    rows[documents][:0] = list(failures.values())
    for table, table_rows in rows.items():
        insert_rows(conn, table, table_rows)
    assign_incidents_many(conn, filed)
    return stored


def _loaded(ledger: Ledger, root: str | Path, part: str, summary: LoadSummary) -> bool:
    """Whether the ledger has every document of a part already (then it is counted, not read)."""
    docs = dataset.read_documents_of(root, part)
    with ledger._read() as conn:
        found = _stored(conn, [doc.id for doc, _ in docs])
    for doc, _ in docs:
        status, content = found.get(doc.id, (None, None))
        if status is None:
            return False
        if doc.status == "coded" and (status != "coded" or content not in (None, doc.content_hash)):
            return False
    summary.documents += len(docs)
    summary.failed += sum(1 for doc, _ in docs if doc.status in ("failed", "skipped"))
    return True


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def _stored(conn: Connection, ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """(status, content hash) of the documents the ledger holds under these ids."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for chunk in _chunks(sorted(set(ids))):
        query = select(documents.c.id, documents.c.status, documents.c.content_hash).where(documents.c.id.in_(chunk))
        for doc_id, status, content in conn.execute(query):
            out[doc_id] = (status, content)
    return out


# -- loading a Parquet dataset ------------------------------------------------------------------------------

@dataclass
class LoadSummary:
    documents: int = 0
    stored: int = 0  # coded documents new to the ledger
    failed: int = 0  # failed or skipped documents recorded
    new_events: int = 0
    seconds: float = 0.0

    def line(self, db: str) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        return (f"thucydides: loaded {self.documents} document(s) into {db}: {self.stored} new, "
                f"{self.documents - self.stored - self.failed} already there, {self.failed} failed or skipped; "
                f"{self.new_events} new event(s); {self.seconds:.1f} s, {rate:.0f} documents/s")


def load_dataset(ledger: Ledger, root: str | Path, *, batch_documents: int = 5000,
                 on_progress: Callable[[LoadSummary], None] | None = None) -> LoadSummary:
    """Load a dataset's complete parts, in input order, in transactions of about ``batch_documents``
    documents; idempotent (loading it again adds nothing)."""
    if not (Path(root) / dataset.DOCUMENTS).is_dir():
        raise ThucydidesError(E.NOT_A_DATASET.format(path=root))
    started = time.perf_counter()
    summary = LoadSummary()
    batch: list[Item] = []

    def flush() -> None:
        added = store_batch(ledger, batch)
        summary.documents += len(batch)
        summary.failed += sum(1 for doc, _, _ in batch if doc.status in ("failed", "skipped"))
        summary.stored += added.documents
        summary.new_events += added.events
        batch.clear()
        gc.collect(0)  # what the batch left in cycles (the collector is paused while loading)
        summary.seconds = time.perf_counter() - started
        if on_progress is not None:
            on_progress(summary)

    with _no_gc():
        for items in _read_ahead(ledger, root, summary, batch_documents):
            batch.extend(items)
            if len(batch) >= batch_documents:
                flush()
        if batch:
            flush()
    summary.seconds = time.perf_counter() - started
    return summary


def _read_ahead(ledger: Ledger, root: str | Path, summary: LoadSummary, documents: int) -> Iterator[list[Item]]:
    """The parts not in the ledger yet (as :func:`_loaded` says), in order, each read in a background
    thread while the parts before it are stored, up to about ``documents`` documents ahead: Arrow's
    decoding and the waits on the database overlap. Memory: at most about two batches."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="thucydides-load") as pool:
        pending: deque[Future[list[Item]]] = deque()
        part_size = 0  # documents in the last part handed out (0 before the first)
        try:
            for part in dataset.part_order(root):
                if _loaded(ledger, root, part, summary):
                    continue
                pending.append(pool.submit(_read_part, root, part))
                while len(pending) > (documents // part_size if part_size else 0):
                    items = pending.popleft().result()
                    part_size = max(len(items), 1)
                    yield items
            while pending:
                yield pending.popleft().result()
        finally:  # storing failed: read no more
            for future in pending:
                future.cancel()


def _read_part(root: str | Path, part: str) -> list[Item]:
    return list(dataset.read_part(root, part))
