"""Storing many documents in one transaction: the batches of ``thucydides code`` and ``thucydides load``.

:func:`store_batch` writes what :meth:`Ledger.store <thucydides.ledger.Ledger.store>` and
:meth:`Ledger.record_failure <thucydides.ledger.Ledger.record_failure>` write for each document, in the
same order and with the same rows, but with one read of the documents already there, one multi-row insert
per table and the incidents filed for the whole batch at once (:mod:`.incident_batch`). A batch is one
transaction: killing the process loses at most the batch in flight, and storing it again adds nothing
(ids are content hashes, coded documents are skipped).

:func:`load_dataset` reads a Parquet dataset written by a distributed run, part by part, into batches: a
part's rows as its worker wrote them (:mod:`.row_files`), or built from its columns (:mod:`.arrow_rows`),
not from records. Two processes share the work (:func:`_store_all`): this one inserts each batch's rows
while a child (:class:`_Filer`) works out how its events are filed under incidents, one batch ahead.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, select

from thucydides import dataset
from thucydides.errors import E, ThucydidesError
from thucydides.ledger import Ledger, schema
from thucydides.ledger import corroboration as cor
from thucydides.ledger.arrow_rows import (
    ACTOR_COLUMNS,
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    PartRows,
    read_part_filed,
    read_part_rows,
)
from thucydides.ledger.engine import _WRITE, WAL_AUTOCHECKPOINT, engine_for
from thucydides.ledger.incident_batch import (
    Filed,
    Known,
    Plan,
    encode_plan,
    filed_events_of,
    insert_rows,
    insert_tuples,
    plan_filing,
    write_plan,
)
from thucydides.ledger.incidents import among, value_lists
from thucydides.ledger.migrations import INCIDENT_WRITES
from thucydides.ledger.row_files import read_part_filed_written, read_part_rows_written
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
# a document with its events and quotes, or with the part whose rows hold them (quotes then None)
Entry = tuple[Document, Sequence[Event] | PartRows, Sequence[Quote] | None]
SQLITE_CACHE_KB = 256 * 1024  # SQLite page cache while storing a batch


@dataclass
class Stored:
    """What a batch added: coded documents new to the ledger, and their events."""

    documents: int = 0
    events: int = 0


def store_batch(ledger: Ledger, items: Iterable[Entry]) -> Stored:
    """Store coded documents (and record failed or skipped ones, whose ``status`` says so) in one
    transaction; returns how many documents and events were new."""
    batch = list(items)
    if not batch:
        return Stored()
    with _no_gc(), ledger.engine.connect() as conn, _batch(conn):
        return _store(conn, batch)


@contextmanager
def _batch(conn: Connection, filer: _Filer | None = None) -> Iterator[bool]:
    """One batch's write transaction on ``conn``; gives whether the filer may keep what it knows (no other
    connection wrote since its last batch), and tells it when the batch is committed.

    The rows are consistent by construction (every event row's document, every actor's event is in the same
    transaction), so on SQLite the batch is stored without checking foreign keys row by row (a tenth of the
    insert time); ``PRAGMA foreign_key_check`` stays clean (the tests check it). With a filer, SQLite's WAL
    is checkpointed by the filer between batches rather than by this connection at commit."""
    conn.execution_options(**{_WRITE: True})
    sqlite = conn.dialect.name == "sqlite" and conn.connection.driver_connection is not None
    driver: Any = conn.connection.driver_connection
    if sqlite:  # outside the transaction: room for the indexes of a big batch, no row-by-row key checks
        driver.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KB}")
        driver.execute("PRAGMA foreign_keys=OFF")
        if filer is not None:
            driver.execute("PRAGMA wal_autocheckpoint=0")
    mark = None
    try:
        with conn.begin():
            if conn.dialect.name == "postgresql":  # a crash loses at most this batch; loading it again mends it
                conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
            fresh = filer.check(_writes_mark(conn)) if filer is not None else False
            yield fresh
            if filer is not None and not sqlite:
                mark = _writes_mark(conn)
    finally:
        if sqlite:
            with suppress(sqlite3.Error):  # (a connection closed by an interrupt is not used again)
                driver.execute("PRAGMA foreign_keys=ON")
                driver.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT}")
    if filer is not None:
        filer.committed(_writes_mark(conn) if sqlite else mark)


def _writes_mark(conn: Connection) -> int | None:
    """What tells whether another connection filed anything in between: SQLite's ``data_version`` (it
    changes when another connection commits, not for this one's commits), PostgreSQL's count of the
    statements that changed the incident tables (migration 7: this connection's are counted too, before the
    mark is read at the end of its batch); None elsewhere (then nothing is assumed)."""
    if conn.dialect.name == "sqlite":
        value = conn.connection.driver_connection.execute("PRAGMA data_version").fetchone()[0]  # type: ignore[union-attr]
        return int(value)
    if conn.dialect.name == "postgresql":
        value = conn.exec_driver_sql(f"SELECT n FROM {INCIDENT_WRITES} WHERE id = 1").scalar()
        return None if value is None else int(value)
    return None


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


@dataclass
class _Prepared:
    """A batch's rows, worked out before they are inserted: which documents are new (``stored``), their
    rows, failures to record, failed documents now coded (``replace``), and what to file under incidents."""

    stored: Stored
    docs: list[dict[str, Any]]
    rows: dict[Table, list[tuple[Any, ...]]]
    quote_rows: list[dict[str, Any]]
    replace: list[str]
    failures: dict[str, dict[str, Any]]
    filed: list[Filing]


def _store(conn: Connection, batch: list[Entry]) -> Stored:
    """Store a batch in the transaction open on ``conn``, filing its events here."""
    prepared = _prepare(conn, batch)
    _insert(conn, prepared)
    write_plan(conn, plan_filing(conn, resolve_filing(prepared.filed)))
    return prepared.stored


def _prepare(conn: Connection, batch: list[Entry]) -> _Prepared:
    """Which of the batch's documents are new to the ledger as ``conn`` sees it (in the open transaction:
    with the batch before, when it is not committed yet), and their rows."""
    found = _stored(conn, [doc.id for doc, _, _ in batch] + [doc.content_hash for doc, _, _ in batch])
    docs: list[dict[str, Any]] = []
    rows: dict[Table, list[tuple[Any, ...]]] = {t: [] for t in _TUPLES}
    quote_rows: list[dict[str, Any]] = []
    chosen: dict[int, tuple[PartRows, list[int]]] = {}  # per part: the event rows of its documents stored
    replace: list[str] = []  # failed or skipped before, coded now
    failures: dict[str, dict[str, Any]] = {}
    filed: list[Filing] = []
    rules = cor.load_rules()
    stored = Stored()
    for doc, events, quotes in batch:
        if doc.status in ("failed", "skipped"):
            if found.get(doc.id, (None, None))[0] != "coded":
                failures[doc.id] = _document_row(doc, doc.status, doc.error, 0)
                found.setdefault(doc.id, (doc.status, doc.content_hash))
            continue
        part = events if isinstance(events, PartRows) else None
        if part is not None:
            quotes = part.quotes.get(doc.id, [])
        status, content = found.get(doc.id, (None, None))
        if doc.id != doc.content_hash and status == "coded" and content is not None and content != doc.content_hash:
            if part is not None:  # its events are read as records, and follow it under its new id
                events, part = part.records(doc.id), None
            doc.id = doc.content_hash  # an id clash: stored under its content-derived id (as Ledger.store)
            for q in quotes or ():
                q.id = ""
            status, content = found.get(doc.id, (None, None))
        if status == "coded":
            continue
        if status is not None:
            replace.append(doc.id)
            failures.pop(doc.id, None)
        found[doc.id] = ("coded", doc.content_hash)
        quote_rows.extend(_quote_rows(doc.id, quotes or ()))
        if part is not None:
            mine = part.rows_of.get(doc.id, [])
            chosen.setdefault(id(part), (part, []))[1].extend(mine)
            docs.append(_document_row(doc, "coded", None, len(mine)))
            rows[sentences].extend(part.sentences_of.get(doc.id, ()))
            if part.filed is not None:
                filed.append([f for f in (part.filed[i] for i in mine) if f is not None])
            else:  # worked out from the part's columns (by the filer, or below)
                assert part.origin is not None
                filed.append((*part.origin, [part.events[i][0] for i in mine]))
            stored.documents += 1
            stored.events += len(mine)
            continue
        assert not isinstance(events, PartRows)
        new = _prepare_events(doc, events)
        docs.append(_document_row(doc, "coded", None, len(new)))
        rows[sentences].extend(_as_tuples(_sentence_rows(doc.id, new), SENTENCE_COLUMNS))
        rows[schema.events].extend(_as_tuples([_event_row(e) for e in new], EVENT_COLUMNS))
        rows[actors].extend(_as_tuples([r for e in new for r in _actor_rows(e)], ACTOR_COLUMNS))
        rows[claim_parties].extend(_as_tuples([r for e in new for r in _claim_rows(e)], CLAIM_COLUMNS))
        rows[schema.mentions].extend(_as_tuples([r for e in new for r in mention_rows(e)], MENTION_COLUMNS))
        filed.append(filed_events_of(filed_events(new), doc.date, doc.source, rules))
        stored.documents += 1
        stored.events += len(new)
    for part, mine in chosen.values():
        _part_rows(part, mine, rows)
    return _Prepared(stored, docs, rows, quote_rows, replace, failures, filed)


def _insert(conn: Connection, p: _Prepared) -> None:
    """Insert a prepared batch's rows (incidents apart)."""
    stale = [i for i, (status, _) in _stored(conn, list(p.failures)).items() if status is not None]
    for chunk in value_lists(sorted(set(p.replace) | set(stale))):
        conn.execute(documents.delete().where(documents.c.id.in_(chunk)))
    insert_rows(conn, documents, list(p.failures.values()) + p.docs)
    insert_tuples(conn, sentences, SENTENCE_COLUMNS, p.rows[sentences])
    insert_tuples(conn, schema.events, EVENT_COLUMNS, p.rows[schema.events])
    insert_tuples(conn, actors, ACTOR_COLUMNS, p.rows[actors])
    insert_tuples(conn, claim_parties, CLAIM_COLUMNS, p.rows[claim_parties])
    insert_rows(conn, schema.quotes, p.quote_rows)
    insert_tuples(conn, schema.mentions, MENTION_COLUMNS, p.rows[schema.mentions])


# A document's events to file: their filing facts, or (dataset, part, event ids) to read them from the part.
Filing = list[Filed] | tuple[str, str, list[str]]


def resolve_filing(items: Sequence[Filing], cache: dict[tuple[str, str], dict[str, Filed]] | None = None,
                   rules: cor.Rules | None = None) -> list[list[Filed]]:
    """The filing facts of each document's events (those of parts read from their columns, once a part)."""
    cache = {} if cache is None else cache
    rules = rules or cor.load_rules()
    out: list[list[Filed]] = []
    for item in items:
        if isinstance(item, list):
            out.append(item)
            continue
        root, part, ids = item
        facts = cache.get((root, part))
        if facts is None:
            found = read_part_filed_written(root, part, rules) or read_part_filed(root, part, rules)
            if found is None:
                raise ThucydidesError(f"thucydides: part {part} of {root} changed while it was loaded")
            facts = cache[root, part] = found
        out.append([facts[i] for i in ids if i in facts])
    return out


_TUPLES = (sentences, schema.events, actors, claim_parties, schema.mentions)


def _as_tuples(rows: list[dict[str, Any]], columns: Sequence[str]) -> list[tuple[Any, ...]]:
    get = itemgetter(*columns)
    return [get(r) for r in rows]


def _part_rows(part: PartRows, mine: list[int], rows: dict[Table, list[tuple[Any, ...]]]) -> None:
    """The rows of a part's events (and their actors, claim parties, mentions) that ``mine`` lists."""
    if len(mine) == len(part.events):  # every event row, each once: the whole part
        rows[schema.events].extend(part.events)
        rows[actors].extend(part.actors)
        rows[claim_parties].extend(part.claims)
        rows[schema.mentions].extend(part.mentions)
        return
    keep = set(mine)
    rows[schema.events].extend(part.events[i] for i in sorted(keep))
    for table, values, owners in ((actors, part.actors, part.actors_owner), (claim_parties, part.claims, part.claims_owner),
                                  (schema.mentions, part.mentions, part.mentions_owner)):
        rows[table].extend(v for v, o in zip(values, owners, strict=True) if o in keep)


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


def _stored(conn: Connection, ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """(status, content hash) of the documents the ledger holds under these ids."""
    out: dict[str, tuple[str | None, str | None]] = {}
    arrays = conn.dialect.name == "postgresql"  # all at once, as an array (see incidents.among)
    for chunk in value_lists(sorted(set(ids)), arrays):
        query = (select(documents.c.id, documents.c.status, documents.c.content_hash)
                 .where(among(documents.c.id, chunk, arrays)))
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
                 on_progress: Callable[[LoadSummary], None] | None = None, reader: str = "thread",
                 filer: bool = True) -> LoadSummary:
    """Load a dataset's complete parts, in input order, in transactions of about ``batch_documents``
    documents; idempotent (loading it again adds nothing). Parts are read ahead in a thread (the rows their
    workers wrote, or built from their columns), or with ``reader="process"`` in a child interpreter (only
    worth it for parts without written rows, with a core to spare). With ``filer`` (and a ledger in a file or
    on a server), how each batch's events are filed under incidents is worked out by a child process while
    this one inserts the batch's rows (:class:`_Filer`)."""
    if not (Path(root) / dataset.DOCUMENTS).is_dir():
        raise ThucydidesError(E.NOT_A_DATASET.format(path=root))
    if reader not in ("process", "thread"):
        raise ValueError(f"reader: process or thread, not {reader!r}")
    started = time.perf_counter()
    summary = LoadSummary()
    child: _Filer | None = None

    batches_stored = 0

    def stored(batch: list[Entry], added: Stored) -> None:
        nonlocal batches_stored
        summary.documents += len(batch)
        summary.failed += sum(1 for doc, _, _ in batch if doc.status in ("failed", "skipped"))
        summary.stored += added.documents
        summary.new_events += added.events
        batches_stored += 1
        if batches_stored % YOUNG_COLLECTION == 0:  # what the batches left in cycles (the collector is paused)
            gc.collect(0)
        summary.seconds = time.perf_counter() - started
        if on_progress is not None:
            on_progress(summary)

    def coming(part: str) -> None:  # a part read ahead: the filer reads its filing facts early
        nonlocal child
        if child is None and filer and _shareable(ledger):  # started while the first parts are read
            child = _Filer(ledger.url)
        if child is not None:
            child.read(str(root), part)

    def batches() -> Iterator[list[Entry]]:
        batch: list[Entry] = []
        for items in _read_ahead(ledger, root, summary, batch_documents, reader, coming):
            batch.extend(items)
            if len(batch) >= batch_documents:
                yield batch
                batch = []
        if batch:
            yield batch

    try:  # one connection for every batch (SQLite's data_version tells other writers' commits from its own)
        with _no_gc(), ledger.engine.connect() as conn:
            _store_all(conn, batches(), lambda: child, stored)
    finally:
        if child is not None:
            child.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _store_all(conn: Connection, batches: Iterator[list[Entry]], filer: Callable[[], _Filer | None],
               stored: Callable[[list[Entry], Stored], None]) -> None:
    """Store the batches one transaction each. With a filer, the next batch is read (its parts are read in
    the background meanwhile) and prepared in the transaction of the one before, once that one's rows are in
    (its documents already there count as stored), and its filing planned by the filer while the current
    plan is written, so that neither process waits for the other; when another connection wrote in between,
    the next batch is prepared and planned again. A batch that cannot be read stops the load after the
    batches before it are stored."""
    ahead: _Prepared | None = None  # the next batch, prepared in the last transaction, its plan asked for
    batch = next(batches, None)
    failed: Exception | None = None  # reading the next batch failed: raised once this one is stored
    while batch is not None:
        child = filer()
        if child is None:
            with _batch(conn):
                added = _store(conn, batch)
            stored(batch, added)
            batch = next(batches, None)
            continue
        following: list[Entry] | None = None
        with _batch(conn, child) as fresh:
            if ahead is not None and not fresh:  # planned before another writer wrote: again
                child.result()
                ahead = None
            current = ahead if ahead is not None else _prepare(conn, batch)
            if ahead is None:
                child.plan(current.filed)
            _insert(conn, current)
            ahead = None
            try:
                following = next(batches, None)
            except Exception as exc:
                failed = exc
            if following is not None:
                ahead = _prepare(conn, following)
                child.plan(ahead.filed)
            write_plan(conn, child.result())  # the current batch's plan: asked for first
        stored(batch, current.stored)
        batch = following
    if failed is not None:
        raise failed


def _shareable(ledger: Ledger) -> bool:
    """Whether another process can open the ledger: a file or a server, not an in-memory database."""
    return ledger.engine.dialect.name != "sqlite" or ledger.engine.url.database not in (None, "", ":memory:")


def _read_ahead(ledger: Ledger, root: str | Path, summary: LoadSummary, documents: int,
                reader: str = "thread", coming: Callable[[str], None] | None = None) -> Iterator[list[Entry]]:
    """The parts not in the ledger yet (as :func:`_loaded` says), in order, each read (and its rows built)
    in a background process or thread while the parts before it are stored, up to about ``documents``
    documents ahead: Arrow's decoding (a thread) or all the building of rows (a process) overlaps the storing.
    Memory: at most about two batches."""
    parts = dataset.part_order(root)
    child = _Reader() if reader == "process" else None  # started when the first part is to be read
    read: Callable[[str | Path, str], list[Entry]] = child.read if child is not None else _read_part
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thucydides-load")
    with pool:
        pending: deque[Future[list[Entry]]] = deque()
        part_size = 0  # documents in the last part handed out (0 before the first)
        try:
            for part in parts:
                if _loaded(ledger, root, part, summary):
                    continue
                pending.append(pool.submit(read, root, part))
                if coming is not None:
                    coming(part)
                while len(pending) > (documents // part_size if part_size else 0):
                    items = pending.popleft().result()
                    part_size = max(len(items), 1)
                    yield items
            while pending:
                yield pending.popleft().result()
        finally:  # storing failed: read no more
            for future in pending:
                future.cancel()
            if child is not None:
                pool.shutdown(wait=True)
                child.close()


def _start_child(entry: str) -> subprocess.Popen[bytes]:
    """A plain interpreter (``python -c``, not ``multiprocessing``: nothing of the caller's main module runs
    again in it) running ``thucydides.ledger.bulk.<entry>()``, spoken to in pickles over its standard input
    and output. In its own session: Ctrl-C in a terminal stops the loader, which then closes its input."""
    return subprocess.Popen([sys.executable, "-c", f"from thucydides.ledger.bulk import {entry}; {entry}()"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True)


def _end_child(proc: subprocess.Popen[bytes], timeout: float, kill: bool = False) -> None:
    """Let a child finish (its input closed); stop it at once with ``kill``, or if it does not finish."""
    if proc.stdin is not None:
        with suppress(OSError):
            proc.stdin.close()
    if kill:
        proc.kill()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


def _child_streams() -> tuple[Any, Any]:
    """In a child: (requests, answers). Its standard output is kept for the answers (prints go to standard
    error), and Ctrl-C sent to it anyway is ignored: it ends when the loader closes its input."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    return sys.stdin.buffer, out


class _Reader:
    """A child interpreter that reads parts and builds their rows (:func:`_read_part`) on another core: it
    gets (dataset, part) and answers with the entries (:func:`_start_child`)."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def proc(self) -> subprocess.Popen[bytes]:
        if self._proc is None:
            self._proc = _start_child("_serve")
        return self._proc

    def read(self, root: str | Path, part: str) -> list[Entry]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            pickle.dump((str(root), part), self.proc.stdin)
            self.proc.stdin.flush()
            status, value = pickle.load(self.proc.stdout)
        except (EOFError, BrokenPipeError, pickle.UnpicklingError) as exc:
            raise ThucydidesError(f"thucydides: the process reading {root} stopped (exit status "
                                  f"{self.proc.poll()}) at part {part}") from exc
        if status != "ok":
            raise ThucydidesError(f"thucydides: reading part {part} of {root} failed: {value}")
        entries: list[Entry] = value
        return entries

    def close(self) -> None:
        """Let the child finish (its input closed); stop it if it does not."""
        if self._proc is not None:
            _end_child(self._proc, timeout=30)


def _serve() -> None:
    """The reader child's loop (see :class:`_Reader`)."""
    requests, out = _child_streams()
    with suppress(EOFError, OSError):  # the loader is gone (a broken pipe): nothing to answer
        _reader_loop(requests, out)


def _reader_loop(requests: Any, out: Any) -> None:
    gc.disable()  # the child only builds rows: no cycles worth collecting (see _no_gc)
    while True:
        try:
            root, part = pickle.load(requests)
        except EOFError:
            return
        try:
            answer: tuple[str, Any] = ("ok", _read_part(root, part))
        except Exception as exc:  # handed to the parent, which raises it
            answer = ("error", f"{type(exc).__name__}: {exc}")
        pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        gc.collect()


def _read_part(root: str | Path, part: str) -> list[Entry]:
    """A part's documents with the rows its worker wrote (:mod:`.row_files`), or with their rows built from
    the columns (:mod:`.arrow_rows`), or with their events and quotes as records when the part's columns are
    not this version's."""
    built = read_part_rows_written(root, part) or read_part_rows(root, part)
    if built is None:
        return list(dataset.read_part(root, part))
    return [(doc, built, None) for doc in built.docs]


# -- filing in a child process ------------------------------------------------------------------------------

class _Filer:
    """A child interpreter that works out how each batch's events are filed under incidents
    (:func:`~thucydides.ledger.incident_batch.plan_filing`) while this process inserts the batch's rows, and
    checkpoints a SQLite ledger's WAL after each batch, on the other core.

    It reads the parts' filing facts itself (:func:`~thucydides.ledger.arrow_rows.read_part_filed`), ahead of
    time when told which parts come (:meth:`read`), and the ledger's incidents on its own connection. That is
    what the batch's own transaction would read: the batch holds the ledger's write lock (SQLite's, or the
    advisory lock every PostgreSQL write takes) from before the plan is asked for until its commit, and the
    batch writes no incident before the plan comes back. Messages are pickles over its standard input and
    output; a plain interpreter (``python -c``), so nothing of the caller's main module runs again in it."""

    def __init__(self, url: str) -> None:
        self.proc = _start_child("_serve_filer")
        self.pending = 0  # plans asked for and not answered yet
        self.opening = True  # the answer to "open" is read with the first plan's
        self.sqlite = url.startswith("sqlite") or "://" not in url
        self.mark: int | None = None  # what _writes_mark should say at the next batch when nobody else wrote
        # answers are read as they come, in a thread: a plan (some 10 MB of pickle) is taken in while this
        # process inserts rows, not when it asks for it, and the filer is not held up writing it meanwhile
        self._answers: queue.SimpleQueue[tuple[str, Any] | BaseException] = queue.SimpleQueue()
        threading.Thread(target=self._receive, name="thucydides-filer-answers", daemon=True).start()
        self._send(("open", url))

    def _receive(self) -> None:
        assert self.proc.stdout is not None
        while True:
            try:
                self._answers.put(pickle.load(self.proc.stdout))
            except (EOFError, pickle.UnpicklingError, OSError, ValueError) as exc:  # the filer ended or stopped
                self._answers.put(exc)
                return

    def _send(self, message: tuple[Any, ...]) -> None:
        assert self.proc.stdin is not None
        try:
            pickle.dump(message, self.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise self._stopped() from exc

    def _answer(self) -> Any:
        answer = self._answers.get()
        if isinstance(answer, BaseException):
            self._answers.put(answer)  # (any later answer is missing too)
            raise self._stopped() from answer
        status, value = answer
        if status != "ok":
            raise ThucydidesError(f"thucydides: filing the loaded events under incidents failed: {value}")
        return value

    def _stopped(self) -> ThucydidesError:
        return ThucydidesError(f"thucydides: the process filing the loaded events under incidents stopped (exit "
                               f"status {self.proc.poll()}); the batch in flight was not stored")

    def read(self, root: str | Path, part: str) -> None:
        """Read a part's filing facts when there is nothing to plan (a part that comes soon)."""
        self._send(("read", str(root), part))

    def plan(self, items: Sequence[Filing]) -> None:
        """Ask for a batch's plan (answers come in the order asked, see :meth:`result`). The filer plans it
        on what it knows of the batches planned before (committed or not) and what the ledger holds."""
        self._send(("plan", list(items)))
        self.pending += 1

    def result(self) -> Plan:
        """The plan asked for first of those not answered yet."""
        if self.opening:
            self.opening = False
            self._answer()
        self.pending -= 1
        plan: Plan = self._answer()
        return plan

    def check(self, mark: int | None) -> bool:
        """At the start of a batch (the write lock held): whether no other connection wrote since the last
        batch; when one may have, the filer forgets what it knows (:class:`~.incident_batch.Known`) and plans
        asked for before are not to be used."""
        expected, self.mark = self.mark, None
        if expected is None or mark is None or mark != expected:
            self._send(("forget",))
            return False
        return True

    def committed(self, mark: int | None) -> None:
        """The batch is committed: checkpoint the WAL (SQLite) while the next one is stored. ``mark`` is
        what :func:`_writes_mark` says right after the commit (SQLite) or said at the end of the transaction
        (PostgreSQL)."""
        self.mark = mark
        self._send(("committed",))

    def close(self) -> None:
        """Let the child finish (its input closed; a last checkpoint); stop it if it does not or if an answer
        was never read. Its work is done when it closes its output, before it exits: the exit (the system
        freeing half a gigabyte) is waited for in the background."""
        if self.pending or self.opening:
            _end_child(self.proc, timeout=60, kill=True)
            return
        assert self.proc.stdin is not None
        with suppress(OSError):
            self.proc.stdin.close()
        try:
            end = self._answers.get(timeout=60)  # EOF once it closed its output
        except queue.Empty:
            end = None
        if not isinstance(end, BaseException):  # no end in time, or an answer nobody asked for: stop it
            _end_child(self.proc, timeout=5, kill=True)
            return
        threading.Thread(target=_end_child, args=(self.proc, 60), name="thucydides-filer-exit", daemon=True).start()


PARTS_KEPT = 64  # parts read ahead whose filing facts the filer keeps (a part planned is dropped)
YOUNG_COLLECTION = 8  # batches between collections of the young generation in the loader (each walks the
# rows of the batches read ahead; a batch leaves a few hundred objects in cycles)
FULL_COLLECTION = 16  # plans between full collections in the filer (one walks all it knows: 0.3-0.6 s); after
# each plan, what the filer holds is frozen, left out of collections (else a collection of the young generation
# after the first plan walks a million objects while the next plan waits). A plan leaves some 400 objects in
# cycles (SQLAlchemy's): the full collections free them.


def _serve_filer() -> None:
    """The filer child's loop (see :class:`_Filer`): plans and checkpoints in the order asked, reads of parts
    to come only when nothing else waits."""
    requests, out = _child_streams()
    urgent: deque[tuple[Any, ...]] = deque()
    later: deque[tuple[Any, ...]] = deque()
    ready = threading.Condition()
    gc.disable()  # plans make many small objects and no cycles worth collecting (see _no_gc)

    def receive() -> None:
        while True:
            try:
                message = pickle.load(requests)
            except (EOFError, OSError, pickle.UnpicklingError):
                message = ("end",)
            with ready:
                (later if message[0] == "read" else urgent).append(message)
                ready.notify()
            if message[0] == "end":
                return

    def answer(status: str, value: Any) -> None:
        pickle.dump((status, value), out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    with suppress(EOFError, OSError):  # the loader is gone (a broken pipe): nothing to answer
        _filer_loop(requests, answer, receive, urgent, later, ready)
    with suppress(OSError):
        out.close()
    sys.stderr.flush()
    os._exit(0)  # the work is done and written: no need to free, one by one, all it knew


def _filer_loop(requests: Any, answer: Callable[[str, Any], None], receive: Callable[[], None],
                urgent: deque[tuple[Any, ...]], later: deque[tuple[Any, ...]], ready: threading.Condition) -> None:
    first = pickle.load(requests)
    try:
        engine = engine_for(first[1])
        with engine.connect():
            pass
    except Exception as exc:  # handed to the parent, which raises it
        answer("error", f"{type(exc).__name__}: {exc}")
        return
    answer("ok", None)
    threading.Thread(target=receive, daemon=True).start()
    rules = cor.load_rules()
    cache: OrderedDict[tuple[str, str], dict[str, Filed]] = OrderedDict()
    known = Known()
    left: dict[str, Any] = {}  # the last plan and what it filed
    sqlite = engine.dialect.name == "sqlite"
    plans = 0
    checkpoints = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thucydides-checkpoint")
    while True:
        with ready:
            while not urgent and not later:
                ready.wait()
            message = urgent.popleft() if urgent else later.popleft()
        kind = message[0]
        if kind == "end":
            break
        try:
            if kind == "read":
                key = (message[1], message[2])
                found = (read_part_filed_written(*key, rules) or read_part_filed(*key, rules)) if key not in cache else None
                if found is not None:
                    cache[key] = found
            elif kind == "forget":
                known.clear()
            elif kind == "plan":
                docs = left["docs"] = resolve_filing(message[1], cache, rules)
                for item in message[1]:  # a batch holds whole parts: planned, they are not needed again
                    if isinstance(item, tuple):
                        cache.pop((item[0], item[1]), None)
                with engine.connect() as conn:
                    plan = left["plan"] = encode_plan(conn, plan_filing(conn, docs, known))
                    conn.rollback()
                answer("ok", plan)
                plans += 1
                if plans % FULL_COLLECTION == 0:
                    gc.unfreeze()
                    gc.collect()
                gc.freeze()
            elif kind == "committed":
                known.committed()
                if sqlite:
                    checkpoints.submit(_checkpoint, engine)
            while len(cache) > PARTS_KEPT:
                cache.popitem(last=False)
        except Exception as exc:  # a plan's failure is handed to the parent; a read's shows when planned
            if kind == "plan":
                answer("error", f"{type(exc).__name__}: {exc}")
    checkpoints.shutdown(wait=True)
    if sqlite:
        _checkpoint(engine)
    engine.dispose()
    # freed by the exit, not object by object here (0.2 s for 50,000 incidents, 0.1 s for a plan)
    _LEFT.append((known, cache, left))


_LEFT: list[Any] = []


def _checkpoint(engine: Any) -> None:
    """Copy what the WAL holds of committed transactions into the database file, without waiting for
    anyone (SQLite's passive checkpoint, outside any transaction). The filer checkpoints in a thread of its
    own, while it plans (SQLite lets go of the interpreter lock meanwhile)."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    finally:
        raw.close()
