"""Numbered schema migrations: ``schema_version`` records which ones a ledger has had."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    func,
    inspect,
    select,
)
from sqlalchemy.schema import CreateColumn

from thucydides.errors import E, ThucydidesError
from thucydides.ledger import corroboration as cor
from thucydides.ledger import schema
from thucydides.model import Event

_BATCH = 2000


# Indexes version 1 had and migration 2 drops: no query uses them (names and codes are matched with
# lower(), candidate incidents are found by incident_keys), and each costs pages on every write.
V1_INDEXES = {
    "events": (("ix_events_claimant", "claimant_code"), ("ix_events_country", "location_country")),
    "actors": (("ix_actors_code", "code", "role"), ("ix_actors_org", "org")),
    "claim_parties": (("ix_claim_parties_code", "code", "role"),),
    "quotes": (("ix_quotes_speaker_code", "speaker_code"),),
    "incidents": (("ix_incidents_family_anchor", "family", "anchor_date"),),
}


def _create_tables(conn: Connection) -> None:
    """Migration 1: documents, sentences, events, actors, claim parties, quotes, incidents, reports,
    as version 1 had them (incident_reports without its fact columns, no incident_keys)."""
    v1 = MetaData()
    Table("documents", v1, *(c._copy() for c in schema.documents.columns if c.name not in LATER_COLUMNS),
          Index("ix_documents_status", "status"), Index("ix_documents_source", "source"))
    for table in (schema.events, schema.quotes, schema.incidents):
        copy = table.to_metadata(v1)
        for name, *columns in V1_INDEXES.get(table.name, ()):
            Index(name, *(copy.c[c] for c in columns))
    for table in (schema.sentences, schema.actors, schema.claim_parties):  # with their ids (see migration 9)
        _v1_form(table, v1)
    Table("incident_reports", v1,
          Column("incident_id", schema.ID, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
          Column("event_id", schema.ID, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
          Column("doc_id", schema.ID, nullable=False),
          Column("outlet", Text),
          UniqueConstraint("event_id", name="uq_incident_reports_event"))
    v1.create_all(conn)


def _report_facts_and_keys(conn: Connection) -> None:
    """Migration 2: fact columns on incident_reports (filled from the events' records) and the
    incident_keys index (filled from the incidents' summaries), so that storing never reads JSON; drops
    the indexes no query uses (:data:`V1_INDEXES`)."""
    from thucydides.ledger.facts import key_rows, report_facts, summary_event
    from thucydides.ledger.incidents import effective, insert_keys

    for indexes in V1_INDEXES.values():
        for name, *_ in indexes:
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    for column in schema.REPORT_FACTS:
        ddl = CreateColumn(schema.incident_reports.c[column.name]).compile(dialect=conn.dialect)
        conn.exec_driver_sql(f"ALTER TABLE incident_reports ADD COLUMN {ddl}")
    schema.incident_keys.create(conn)
    rules = cor.load_rules()
    r, ev, doc = schema.incident_reports, schema.events, schema.documents
    query = (select(r.c.incident_id, r.c.outlet, ev.c.record, doc.c.date)
             .select_from(r.join(ev, ev.c.id == r.c.event_id).join(doc, doc.c.id == r.c.doc_id))
             .order_by(r.c.incident_id, r.c.event_id))
    names = [c.name for c in schema.REPORT_FACTS]
    update = (r.update().where(r.c.incident_id == bindparam("_incident"), r.c.event_id == bindparam("_event"))
              .values({n: bindparam(n) for n in names}))
    batch: list[dict[str, Any]] = []
    for incident_id, outlet, record, doc_date in conn.execute(query).all():
        event = effective(Event.from_dict(json.loads(record)), doc_date)
        facts = report_facts(event, incident_id, outlet, rules)
        batch.append(dict({n: facts[n] for n in names}, _incident=incident_id, _event=event.id))
        if len(batch) >= _BATCH:
            conn.execute(update, batch)
            batch = []
    if batch:
        conn.execute(update, batch)
    keys: list[dict[str, Any]] = []
    for row in conn.execute(select(schema.incidents)).mappings().all():
        keys.extend(key_rows(summary_event(row), rules))
        if len(keys) >= _BATCH:
            insert_keys(conn, keys)
            keys = []
    insert_keys(conn, keys)


def _corrections_and_tokens(conn: Connection) -> None:
    """Migration 3: the corrections audit log and the write tokens of the web app."""
    schema.corrections.create(conn, checkfirst=True)
    schema.tokens.create(conn, checkfirst=True)


def _document_content_hash(conn: Connection) -> None:
    """Migration 4: documents.content_hash, so that a document whose id is taken by other content is told
    apart from one already coded (rows from before stay NULL: their content is not known)."""
    ddl = CreateColumn(schema.documents.c.content_hash).compile(dialect=conn.dialect)
    conn.exec_driver_sql(f"ALTER TABLE documents ADD COLUMN {ddl}")


# Columns of schema.documents that later migrations add (migration 1 creates the table without them).
LATER_COLUMNS = frozenset({"content_hash"})

def _dropped_and_mentions(conn: Connection) -> None:
    """Migration 5: ``events.dropped`` (why a candidate is not in the default output) and the ``mentions``
    table (every mention of one happening), filled from the stored records. A ledger created since has
    the column and its index from migration 1 (which copies the events table as it now is)."""
    from thucydides.ledger.rows import mention_rows

    if "dropped" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        ddl = CreateColumn(schema.events.c.dropped).compile(dialect=conn.dialect)
        conn.exec_driver_sql(f"ALTER TABLE events ADD COLUMN {ddl}")
    if "ix_events_dropped" not in {i["name"] for i in inspect(conn).get_indexes("events")}:
        conn.exec_driver_sql("CREATE INDEX ix_events_dropped ON events (dropped)")
    if inspect(conn).has_table(schema.mentions.name):
        return
    schema.mentions.create(conn)
    ev = schema.events
    update = ev.update().where(ev.c.id == bindparam("_id")).values(dropped=bindparam("_dropped"))
    changes: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for (record,) in conn.execute(select(ev.c.record).order_by(ev.c.id)).all():
        event = Event.from_dict(json.loads(record))
        if event.dropped is not None:
            changes.append({"_id": event.id, "_dropped": event.dropped})
        rows.extend(mention_rows(event))
        if len(rows) >= _BATCH or len(changes) >= _BATCH:
            _flush(conn, update, changes, rows)
    _flush(conn, update, changes, rows)


def _flush(conn: Connection, update: Any, changes: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    if changes:
        conn.execute(update, changes)
    if rows:
        conn.execute(schema.mentions.insert(), rows)
    changes.clear()
    rows.clear()


def _v1_form(table: Table, into: MetaData) -> None:
    """``table`` as version 1 made it, in ``into``: keyed by an ``id`` (a hash of document and
    index for a sentence, a serial number for an actor or a claim party), its natural key a unique constraint
    (:data:`NATURAL_KEYS`), with its version 1 indexes."""
    key = NATURAL_KEYS[table.name]
    id_column = (Column("id", schema.ID, primary_key=True) if table.name == "sentences"
                 else Column("id", Integer, primary_key=True, autoincrement=True))
    columns = []
    for column in table.columns:
        copy = column._copy()
        copy.primary_key = False
        copy.nullable = column.nullable and column.name not in key
        columns.append(copy)
    copy_table = Table(table.name, into, id_column, *columns, UniqueConstraint(*key, name=V1_UNIQUE[table.name]))
    for index, *indexed in V1_INDEXES.get(table.name, ()):
        Index(index, *(copy_table.c[c] for c in indexed))


# Migration 6, PostgreSQL only: the references the loader writes by the hundred thousand, checked row by row
# by foreign-key triggers (a third of a bulk load's server time), and the rows deleting a row removes instead.
# SQLite keeps its foreign keys (a bulk load stores without checking them row by row, see bulk._batch).
UNCHECKED_REFERENCES = {  # table: (column, referenced table)
    "sentences": (("doc_id", "documents"),),
    "events": (("doc_id", "documents"),),
    "quotes": (("doc_id", "documents"),),
    "actors": (("event_id", "events"),),
    "claim_parties": (("event_id", "events"),),
    "mentions": (("event_id", "events"),),
    "incident_reports": (("event_id", "events"), ("incident_id", "incidents")),
    "incident_keys": (("incident_id", "incidents"),),
}


def _unchecked_references(conn: Connection) -> None:
    """Migration 6: on PostgreSQL, drop the foreign keys of :data:`UNCHECKED_REFERENCES`. Every writer of
    these rows is the ledger's, which writes a document, its events and their rows (and the incidents they
    report) in one transaction, so the references hold by construction (the tests check that no row is an
    orphan). Deleting a document, an event or an incident still removes the rows that refer to it (as ``ON
    DELETE CASCADE`` did), by one statement-level trigger per referenced table: nothing is paid per row
    inserted. Elsewhere nothing changes."""
    if conn.dialect.name != "postgresql":
        return
    children: dict[str, list[tuple[str, str]]] = {}  # referenced table: the (table, column) referring to it
    for table, references in UNCHECKED_REFERENCES.items():
        for column, parent in references:
            children.setdefault(parent, []).append((table, column))
            for (name,) in conn.exec_driver_sql(
                    "SELECT c.conname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid "
                    "AND a.attnum = ANY(c.conkey) WHERE c.contype = 'f' AND c.conrelid = %(t)s::regclass "
                    "AND c.confrelid = %(p)s::regclass AND a.attname = %(c)s",
                    {"t": table, "p": parent, "c": column}).all():
                conn.exec_driver_sql(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for parent, refs in children.items():
        deletes = " ".join(f'DELETE FROM "{t}" WHERE "{c}" IN (SELECT id FROM gone);' for t, c in refs)
        conn.exec_driver_sql(
            f"CREATE OR REPLACE FUNCTION thucydides_{parent}_deleted() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {deletes} RETURN NULL; END $$")
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS thucydides_{parent}_deleted ON "{parent}"')
        conn.exec_driver_sql(
            f'CREATE TRIGGER thucydides_{parent}_deleted AFTER DELETE ON "{parent}" REFERENCING OLD TABLE AS gone '
            f"FOR EACH STATEMENT EXECUTE FUNCTION thucydides_{parent}_deleted()")


# Migration 7, PostgreSQL only: a count of the statements that changed incidents, their reports or their keys.
INCIDENT_TABLES = ("incidents", "incident_reports", "incident_keys")
INCIDENT_WRITES = "incident_writes"  # one row (id 1): n, the statements counted


def _incident_writes(conn: Connection) -> None:
    """Migration 7: on PostgreSQL, every statement that changes :data:`INCIDENT_TABLES` adds one to
    ``incident_writes.n``, by a statement-level trigger (nothing per row). A bulk load reads it at the end of
    each batch and at the start of the next to tell whether another connection filed anything in between
    (:func:`thucydides.ledger.bulk._writes_mark`); the server's transaction ids, used before, also move for
    what does not touch the ledger (an automatic ANALYZE, another database of the server), and the load then
    worked out its filing again for nothing. SQLite tells it by ``PRAGMA data_version``: nothing changes."""
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {INCIDENT_WRITES} "
                         "(id smallint PRIMARY KEY CHECK (id = 1), n bigint NOT NULL)")
    conn.exec_driver_sql(f"INSERT INTO {INCIDENT_WRITES} (id, n) VALUES (1, 0) ON CONFLICT (id) DO NOTHING")
    conn.exec_driver_sql(
        "CREATE OR REPLACE FUNCTION thucydides_incidents_written() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN UPDATE {INCIDENT_WRITES} SET n = n + 1 WHERE id = 1; RETURN NULL; END $$")
    for table in INCIDENT_TABLES:
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS thucydides_{table}_written ON "{table}"')
        conn.exec_driver_sql(
            f'CREATE TRIGGER thucydides_{table}_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION thucydides_incidents_written()")


# Migration 8: the indexes of events that cost every load and served no query, or served it badly.
EVENT_INDEXES_DROPPED = ("ix_events_quad", "ix_events_dropped")


def _event_indexes(conn: Connection) -> None:
    """Migration 8: drop the indexes on ``events.quad`` (four values: a query for one reads a quarter of the
    events, as fast by scanning them) and ``events.dropped`` (NULL for nearly every event, and queries ask
    for the NULL ones); ``ix_events_aux_mode`` holds only the events with a mode, which is what a query for
    one mode reads. Every event stored paid for each of them: a tenth of SQLite's time inserting events and
    half a second of the server's per 100,000 events (measured for the README). Queries read as fast (the
    default listing of 100,000 events by a scan instead of through ix_events_dropped: 68 ms, was 73)."""
    for name in (*EVENT_INDEXES_DROPPED, "ix_events_aux_mode"):
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    conn.exec_driver_sql(f"CREATE INDEX ix_events_aux_mode ON events (aux_mode) WHERE {schema.AUX_MODE_SET}")


# Migration 9: sentences, actors and claim parties keyed by what identifies them, not by an id of their own.
NATURAL_KEYS = {"sentences": ("doc_id", "index"), "actors": ("event_id", "role", "position"),
                "claim_parties": ("event_id", "role", "position")}
V1_UNIQUE = {"sentences": "uq_sentences_doc_index", "actors": "uq_actors_event_role_position",
             "claim_parties": "uq_claim_parties_event_role_position"}  # the natural keys' constraints before


def _natural_keys(conn: Connection) -> None:
    """Migration 9: :data:`NATURAL_KEYS` become the primary keys of sentences, actors and claim parties, and
    their ``id`` columns go. Nothing referred to those ids (a sentence's was a hash of its document and index,
    an actor's a serial number), and each cost a unique index that every row stored wrote into: dropping
    them cut a bulk load's server time into PostgreSQL by 0.4 s per 100,000 events, and a sentence's random
    hash was SQLite's costliest index of the table. PostgreSQL swaps the keys in one ``ALTER TABLE`` per table
    (building the new key's index); SQLite, which cannot change a primary key, copies each table into its new
    form."""
    for name in NATURAL_KEYS:
        if "id" not in {c["name"] for c in inspect(conn).get_columns(name)}:
            continue
        if conn.dialect.name == "sqlite":
            _rebuild_sqlite(conn, schema.metadata.tables[name])
            continue
        columns = ", ".join(f'"{c}"' for c in NATURAL_KEYS[name])
        conn.exec_driver_sql(f'ALTER TABLE "{name}" DROP CONSTRAINT "{name}_pkey", DROP COLUMN id, '
                             f'DROP CONSTRAINT "{V1_UNIQUE[name]}", ADD CONSTRAINT "{name}_pkey" PRIMARY KEY ({columns})')


def _rebuild_sqlite(conn: Connection, table: Table) -> None:
    """Copy a SQLite table into its form in ``schema`` (its columns that the new form has), under its name."""
    into = MetaData()
    for parent in (schema.documents, schema.events):  # (what its foreign keys refer to)
        parent.to_metadata(into)
    new = table.to_metadata(into, name=f"{table.name}_new")
    conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{new.name}"')
    new.create(conn)
    names = ", ".join(f'"{c.name}"' for c in table.columns)
    conn.exec_driver_sql(f'INSERT INTO "{new.name}" ({names}) SELECT {names} FROM "{table.name}"')
    conn.exec_driver_sql(f'DROP TABLE "{table.name}"')
    conn.exec_driver_sql(f'ALTER TABLE "{new.name}" RENAME TO "{table.name}"')
    for index in table.indexes:
        index.create(conn)


def byte_ordered_columns() -> dict[str, list[Column[Any]]]:
    """The columns of the schema that compare byte by byte on PostgreSQL (``schema.BYTES``), by table."""
    out: dict[str, list[Column[Any]]] = {}
    for table in schema.metadata.sorted_tables:
        for column in table.columns:
            variant = getattr(column.type, "_variant_mapping", {}).get("postgresql")
            if variant is not None and getattr(variant, "collation", None) == schema.BYTES:
                out.setdefault(table.name, []).append(column)
    return out


def _byte_ordered_keys(conn: Connection) -> None:
    """Migration 10: on PostgreSQL, identifiers and lookup keys (:func:`byte_ordered_columns`) compare byte by
    byte. They are content hashes and codes: language-aware comparison (the database's collation) only costs,
    on every index entry a load writes (5% of the server's work per row on a ``C.UTF-8`` database, more under
    ``en_US.UTF-8``), and orders nothing better. A ledger created since has them from migration 1; the indexes
    on a changed column are rebuilt. SQLite compares bytes already."""
    if conn.dialect.name != "postgresql":
        return
    found = {(t, c): collation for t, c, collation in conn.exec_driver_sql(
        "SELECT table_name, column_name, collation_name FROM information_schema.columns "
        "WHERE table_schema = current_schema()")}
    for table, columns in byte_ordered_columns().items():
        changes = [f'ALTER COLUMN "{c.name}" TYPE {c.type.compile(dialect=conn.dialect)}' for c in columns
                   if (table, c.name) in found and found[table, c.name] != schema.BYTES]
        if changes:
            conn.exec_driver_sql(f'ALTER TABLE "{table}" {", ".join(changes)}')


def _mentions_index(conn: Connection) -> None:
    """Migration 11: drop ``ix_mentions_doc``. Mentions are read through their events (the primary key, event
    and position), and removed with them; no query reads a document's mentions by the index, and every
    mention stored wrote into it (0.15 s of the server's time per 100,000 events)."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_mentions_doc")


# Index i holds migration i + 1. Append new ones; never edit or reorder applied ones.
MIGRATIONS: list[Callable[[Connection], None]] = [_create_tables, _report_facts_and_keys,
                                                  _corrections_and_tokens, _document_content_hash,
                                                  _dropped_and_mentions, _unchecked_references,
                                                  _incident_writes, _event_indexes, _natural_keys,
                                                  _byte_ordered_keys, _mentions_index]
LATEST = len(MIGRATIONS)


@contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction (see ``thucydides.ledger.engine._sqlite_setup``: SQLite takes the write lock at BEGIN)."""
    with engine.connect() as conn:
        conn.execution_options(thucydides_write=True)
        with conn.begin():
            yield conn


def current_version(conn: Connection) -> int:
    """The highest migration applied (0 for an empty database)."""
    if not inspect(conn).has_table(schema.schema_version.name):
        return 0
    return int(conn.execute(select(func.max(schema.schema_version.c.version))).scalar() or 0)


def migrate(engine: Engine, url: str, upto: int = LATEST) -> int:
    """Bring the ledger to schema ``upto`` (the latest by default), each migration in its own
    transaction; the version reached. Each step is a write transaction (``BEGIN IMMEDIATE`` on SQLite), so
    two processes migrating a new ledger at once take turns instead of failing with "database is locked";
    a ledger already at ``upto`` is only read."""
    with engine.connect() as conn:
        found = current_version(conn)
    if found > LATEST:
        raise ThucydidesError(E.DB_NEWER.format(url=url, found=found, known=LATEST))
    if found >= upto:
        return found
    with _writing(engine) as conn:
        schema.metadata.create_all(conn, tables=[schema.schema_version])
    for number in range(found + 1, upto + 1):
        with _writing(engine) as conn:
            if current_version(conn) >= number:  # another process got there first
                continue
            MIGRATIONS[number - 1](conn)
            conn.execute(schema.schema_version.insert().values(
                version=number, applied_at=datetime.now(UTC).isoformat(timespec="seconds")))
    return max(found, upto)
