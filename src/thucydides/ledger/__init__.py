"""The ledger: coded documents, events, claims, quotes and incidents in SQLite (default) or PostgreSQL.

SQLAlchemy Core. Every document is stored in one transaction, ids are content hashes, so killing a run
leaves a consistent ledger and re-running the same input adds nothing.

    with Ledger("thucydides.db") as led:
        if not led.is_coded(doc):
            led.store(doc, events, quotes)
        led.store_many(coded_batch)  # many (doc, events, quotes), one transaction per document
        led.events(event="ASSAULT", actor="RUS", since="2024-03")
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from thucydides.errors import E, ThucydidesError, mask_url
from thucydides.ledger import corrections, queries, schema, tokens
from thucydides.ledger.engine import _WRITE, _missing_sqlite_file, _unwritable_sqlite_file
from thucydides.ledger.engine import engine_for as engine_for  # public
from thucydides.ledger.incidents import assign_incidents
from thucydides.ledger.migrations import migrate
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
from thucydides.ledger.rows import (
    record_json as record_json,  # public: the JSON of the record column
)
from thucydides.ledger.schema import actors, claim_parties, documents, sentences
from thucydides.model import (
    DEFAULT_MIN_CONFIDENCE,
    Document,
    Event,
    Incident,
    Quote,
)

__all__ = ["Ledger"]

DEFAULT_CUT = object()  # min_confidence not given: the default output's cut (none when candidates are asked for)


def _cut(min_confidence: float | None | object, include_dropped: bool) -> float | None:
    if min_confidence is DEFAULT_CUT:
        return None if include_dropped else DEFAULT_MIN_CONFIDENCE
    return None if min_confidence is None else float(min_confidence)  # type: ignore[arg-type]

# Pauses (seconds) between attempts to store into a ledger another writer keeps locked past the busy timeout.
BUSY_RETRIES = (1.0, 2.0, 4.0, 8.0)


class Ledger:
    """Coded documents and their events, claims, quotes and incidents, in one database."""

    def __init__(self, url: str = "thucydides.db", *, create: bool = True, busy_timeout: float = 60.0,
                 retries: Sequence[float] = BUSY_RETRIES) -> None:
        """Open (and, unless ``create`` is false, create) the ledger at ``url``; ``create=False`` is for
        readers: a SQLite file that does not exist raises instead of becoming an empty ledger."""
        if not isinstance(url, str) or not url.strip():
            raise ThucydidesError(E.DB_URL.format(url=url, detail="give a file path or a URL as a string"))
        if not create and _missing_sqlite_file(url):
            raise ThucydidesError(E.DB_NOT_FOUND.format(url=url))
        self.url = url
        self.retries = tuple(retries)
        self.read_only = not create and _unwritable_sqlite_file(url)  # queries still work
        self.engine = engine_for(url, busy_timeout, read_only=self.read_only)
        try:
            self.version = self._migrate()
        except (SQLAlchemyError, OSError, UnicodeError) as exc:
            self.engine.dispose()
            raise ThucydidesError(E.DB_URL.format(url=mask_url(url), detail=str(exc).splitlines()[0])) from exc

    def _migrate(self) -> int:
        """Migrate, waiting for another process that creates or migrates the same ledger (SQLite can report
        "database is locked" at once, without waiting, while a new file switches to WAL)."""
        for pause in (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, *self.retries, None):
            try:
                return migrate(self.engine, self.url)
            except OperationalError as exc:
                if pause is None or not _busy(exc):
                    raise
                time.sleep(pause)
        raise AssertionError("unreachable")  # pragma: no cover

    # -- lifecycle -------------------------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Ledger({self.url!r})"

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction: committed on success, rolled back on any error."""
        with self.engine.connect() as conn:
            conn.execution_options(**{_WRITE: True})
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    # -- writing ---------------------------------------------------------------------------------------

    def is_coded(self, doc: Document) -> bool:
        """True when this document, same id and same content, has been coded (skip it on a re-run)."""
        with self._read() as conn:
            row = conn.execute(select(documents.c.status, documents.c.content_hash)
                               .where(documents.c.id == doc.id)).first()
        return row is not None and row[0] == "coded" and row[1] in (None, doc.content_hash)

    def id_taken(self, doc: Document) -> bool:
        """True when the document's id belongs to a coded document with other content (an id clash: the
        document is stored under its content-derived id, see :meth:`store`)."""
        with self._read() as conn:
            return _id_taken(conn, doc)

    def store(self, doc: Document, events: Sequence[Event], quotes: Sequence[Quote] = ()) -> int:
        """Store a coded document with its sentences, events, actors, claim parties and quotes, and file its
        events under incidents, all in one transaction. Idempotent; returns how many events were new."""
        return self.store_many([(doc, events, quotes)])

    def store_many(self, items: Iterable[tuple[Document, Sequence[Event], Sequence[Quote]]]) -> int:
        """Store coded documents as :meth:`store` does, on one connection, still one transaction per
        document (a crash keeps every document finished before it); returns how many events were new."""
        new = 0
        with self.engine.connect() as conn:
            conn.execution_options(**{_WRITE: True})
            for doc, events, quotes in items:
                with conn.begin():
                    new += _store_document(conn, doc, events, quotes)
        return new

    def try_store(self, doc: Document, events: Sequence[Event] = (), quotes: Sequence[Quote] = ()) -> tuple[int, str | None]:
        """:meth:`store` a coded document (or :meth:`record_failure` a failed or skipped one) without raising:
        a busy ledger is retried with backoff (``retries``, seconds); a failure that remains (read-only file,
        disk full, a path that cannot be stored) comes back as its message naming the document, so that a
        batch goes on. Returns (new events, error message or None)."""
        where = doc.path or doc.id
        for pause in (*self.retries, None):
            try:
                if doc.status in ("failed", "skipped"):
                    self.record_failure(doc)
                    return 0, None
                return self.store(doc, events, quotes), None
            except OperationalError as exc:
                if pause is None or not _busy(exc):
                    return 0, E.STORE_FAILED.format(where=where, url=self.url, detail=_first_line(exc))
                time.sleep(pause)
            except (SQLAlchemyError, OSError, UnicodeError, ValueError) as exc:
                return 0, E.STORE_FAILED.format(where=where, url=self.url, detail=_first_line(exc))
        raise AssertionError("unreachable")  # pragma: no cover

    def record_failure(self, doc: Document) -> None:
        """Record a document that failed or was skipped (``doc.status``, ``doc.error``); never duplicates,
        never overwrites a coded document."""
        status = doc.status if doc.status in ("failed", "skipped") else "failed"
        with self._write() as conn:
            found = conn.execute(select(documents.c.status).where(documents.c.id == doc.id)).scalar()
            if found == "coded":
                return
            row = _document_row(doc, status, doc.error, 0)
            if found is None:
                conn.execute(documents.insert().values(row))
            else:
                conn.execute(documents.update().where(documents.c.id == doc.id).values(row))

    # -- reading ---------------------------------------------------------------------------------------

    def events(self, *, event: str | None = None, quad: int | None = None, actor: str | None = None,
               recipient: str | None = None, since: str | None = None, until: str | None = None,
               text: str | None = None, doc_id: str | None = None, aux_mode: str | None = None,
               real_only: bool = False, limit: int | None = None, place: str | None = None,
               claim_status: str | None = None, min_confidence: float | None | object = DEFAULT_CUT,
               include_wrong: bool = False, sort: str = "date", offset: int = 0,
               include_dropped: bool = False) -> list[Event]:
        """Stored events as reviewers corrected them, by date (or ``sort``: date, -date, confidence,
        -confidence, event, quad). ``actor``/``recipient`` match a code, organisation or name
        (case-insensitive); ``since``/``until`` take YYYY, YYYY-MM or YYYY-MM-DD; ``text`` searches the
        sentence; ``real_only`` drops hypothetical, negated and future events; ``place`` matches the
        place's name or country code; events marked wrong are left out unless ``include_wrong``, and
        candidates left out of the default output (``Event.dropped``) unless ``include_dropped``, and so are
        events under ``min_confidence`` (by default the default output's cut, none with ``include_dropped``;
        None or 0: no cut)."""
        min_confidence = _cut(min_confidence, include_dropped)
        with self._read() as conn:
            return queries.select_events(conn, event=event, quad=quad, actor=actor, recipient=recipient,
                                         since=since, until=until, text=text, doc_id=doc_id,
                                         aux_mode=aux_mode, real_only=real_only, limit=limit, place=place,
                                         claim_status=claim_status, min_confidence=min_confidence,
                                         include_wrong=include_wrong, sort=sort, offset=offset,
                                         include_dropped=include_dropped)

    def count_events(self, **filters: Any) -> int:
        """How many events :meth:`events` finds with the same filters, without limit and offset."""
        filters.pop("limit", None), filters.pop("offset", None), filters.pop("sort", None)
        filters["min_confidence"] = _cut(filters.get("min_confidence", DEFAULT_CUT),
                                         bool(filters.get("include_dropped")))
        with self._read() as conn:
            return queries.count_events(conn, **filters)

    def event(self, event_id: str) -> Event | None:
        """One event as corrected (also when marked wrong); None when there is no such event."""
        with self._read() as conn:
            found = queries.event_by_id(conn, event_id)
        return found[0] if found else None

    def review(self, event_id: str) -> dict[str, Any]:
        """An event's review: ``wrong``, its corrections (undone ones too), the ``original`` coding and
        the ``incident_id`` it reports. Raises ThucydidesError when there is no such event."""
        with self._read() as conn:
            found = queries.event_by_id(conn, event_id)
            if found is None:
                raise ThucydidesError(E.NO_EVENT.format(id=event_id))
            return {"wrong": found[1], "corrections": corrections.select_corrections(conn, event_id),
                    "original": queries.original_event(conn, event_id),
                    "incident_id": queries.incident_of_event(conn, event_id)}

    def incident(self, incident_id: str) -> Incident | None:
        with self._read() as conn:
            found = queries.select_incidents(conn, incident_id=incident_id)
        return found[0] if found else None

    def document(self, doc_id: str) -> Document | None:
        """A document's record (without its text) and the sentences of it that carry events."""
        with self._read() as conn:
            return queries.document_by_id(conn, doc_id)

    def sentences(self, doc_id: str) -> list[dict[str, Any]]:
        with self._read() as conn:
            return queries.sentences_of(conn, doc_id)

    # -- review --------------------------------------------------------------------------------------

    def correct(self, event_id: str, changes: dict[str, Any], who: str, note: str | None = None) -> dict[str, Any]:
        """Correct an event's ``event``, ``mode``, ``actor``, ``recipient``, ``date`` or ``location``, or
        mark it ``wrong``; logged with who, when, before, after and the note. The coding is kept."""
        with self._write() as conn:
            return corrections.add_correction(conn, event_id, changes, who, note)

    def undo_correction(self, correction_id: int, who: str) -> dict[str, Any]:
        """Undo a correction (it stays in the log, marked undone)."""
        with self._write() as conn:
            return corrections.undo_correction(conn, correction_id, who)

    def corrections(self, event_id: str | None = None, include_undone: bool = True) -> list[dict[str, Any]]:
        """The audit log, oldest first."""
        with self._read() as conn:
            return corrections.select_corrections(conn, event_id, include_undone)

    def correction_examples(self, include_undone: bool = False) -> list[dict[str, Any]]:
        """Each correction with its sentence, trigger, original and corrected coding (for retraining)."""
        with self._read() as conn:
            return corrections.training_rows(conn, include_undone)

    def corrected_ids(self, event_ids: Iterable[str]) -> set[str]:
        """Those of the events that have active corrections."""
        with self._read() as conn:
            return set(corrections.active_changes(conn, list(event_ids)))

    def create_token(self, name: str) -> str:
        """A new write token named ``name``; only its hash is stored, so keep what this returns."""
        with self._write() as conn:
            return tokens.create_token(conn, name)

    def revoke_token(self, name: str) -> None:
        with self._write() as conn:
            tokens.revoke_token(conn, name)

    def token_owner(self, token: str) -> str | None:
        """The name of an active token; None for an unknown or revoked one."""
        with self._read() as conn:
            return tokens.token_owner(conn, token)

    def documents(self, status: str | None = None) -> list[Document]:
        """Documents seen (without their text), optionally only those with a status (coded, failed, skipped)."""
        with self._read() as conn:
            return queries.select_documents(conn, status)

    def quotes(self, speaker: str | None = None) -> list[Quote]:
        """Quotes, optionally only a speaker's (matched on the words, code or canonical name)."""
        with self._read() as conn:
            return queries.select_quotes(conn, speaker)

    def incidents(self, *, corroborated: bool | None = None, disputed: bool | None = None,
                  actor: str | None = None, since: str | None = None, until: str | None = None,
                  place: str | None = None, event: str | None = None) -> list[Incident]:
        """Incidents with their reports; see :func:`thucydides.ledger.queries.select_incidents`."""
        with self._read() as conn:
            return queries.select_incidents(conn, corroborated=corroborated, disputed=disputed, actor=actor,
                                            since=since, until=until, place=place, event=event)

    def claims(self, by: str | None = None) -> list[dict[str, Any]]:
        """Events with their claim (claimant, status, who confirms, who denies), optionally by one claimant."""
        with self._read() as conn:
            return queries.select_claims(conn, by)

    def stats(self) -> dict[str, Any]:
        """Rows per table, and documents and incidents per status."""
        with self._read() as conn:
            return queries.count_stats(conn)


# -- storing one document ------------------------------------------------------------------------------

def _busy(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return (str(orig if orig is not None else exc).splitlines() or [type(exc).__name__])[0]


def _id_taken(conn: Connection, doc: Document) -> bool:
    row = conn.execute(select(documents.c.status, documents.c.content_hash)
                       .where(documents.c.id == doc.id)).first()
    return row is not None and row[0] == "coded" and row[1] is not None and row[1] != doc.content_hash


def _store_document(conn: Connection, doc: Document, events: Sequence[Event], quotes: Sequence[Quote]) -> int:
    """Write one coded document and everything it brings, in the open transaction; new events.

    A document whose id a coded document with other content holds is never dropped: it is stored under its
    content-derived id (``doc.id`` is changed to it, and its events and quotes follow)."""
    if doc.id != doc.content_hash and _id_taken(conn, doc):
        doc.id = doc.content_hash
        for q in quotes:
            q.id = ""
    status = conn.execute(select(documents.c.status).where(documents.c.id == doc.id)).scalar()
    if status == "coded":
        return 0
    if status is not None:  # failed or skipped before: replace
        conn.execute(documents.delete().where(documents.c.id == doc.id))
    new = _prepare_events(doc, events)
    conn.execute(documents.insert(), [_document_row(doc, "coded", None, len(new))])
    _insert(conn, sentences, _sentence_rows(doc.id, new))
    _insert(conn, schema.events, [_event_row(e) for e in new])
    _insert(conn, actors, [r for e in new for r in _actor_rows(e)])
    _insert(conn, claim_parties, [r for e in new for r in _claim_rows(e)])
    _insert(conn, schema.quotes, _quote_rows(doc.id, quotes))
    _insert(conn, schema.mentions, [r for e in new for r in mention_rows(e)])
    assign_incidents(conn, filed_events(new), doc.date, doc.source)
    return len(new)


def _insert(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(table.insert(), rows)
