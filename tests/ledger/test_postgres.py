"""The ledger on a PostgreSQL server: the same checks as on SQLite (CI sets THUCYDIDES_TEST_PG_URL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from ledger.test_ledger import (  # tests/ is on sys.path (pytest pythonpath)
    check_ledger,
    check_listing_order,
    check_mentions_index,
    check_migration,
    check_natural_keys,
    make_batch,
    make_doc,
    make_event,
)
from pg_helpers import MARKS, URL, drop_all, orphans
from thucydides.ledger import Ledger
from thucydides.ledger.migrations import LATEST, byte_ordered_columns
from thucydides.ledger.schema import metadata
from thucydides.model import Quote

pytestmark = [*MARKS]



@pytest.fixture()
def pg() -> Iterator[Ledger]:
    assert URL is not None
    drop_all(URL)
    led = Ledger(URL)
    yield led
    led.close()
    drop_all(URL)


def test_store_query_incidents_idempotency(pg: Ledger) -> None:
    assert pg.engine.dialect.name == "postgresql"
    check_ledger(pg)


def test_schema_version_and_rollback(pg: Ledger) -> None:
    with pg.engine.connect() as conn:
        assert conn.execute(text("SELECT max(version) FROM schema_version")).scalar() == LATEST
    doc = make_doc("pg-rollback")
    with pytest.raises(Exception, match="(?i)null"):
        pg.store(doc, [make_event(doc)], [Quote(text=None, start=0, end=1)])  # type: ignore[arg-type]
    assert pg.stats()["documents"] == 0
    assert pg.store(doc, [make_event(doc)]) == 1 and pg.store(doc, [make_event(doc)]) == 0
    with Ledger(URL or "") as other:  # a second ledger on the same server sees the committed rows
        assert other.stats()["events"] == 1 and other.is_coded(doc)


def test_version_1_ledger_is_migrated_in_place(pg: Ledger) -> None:
    check_migration(pg)


def test_sentences_actors_and_claim_parties_take_their_natural_keys(pg: Ledger, tmp_path: Path) -> None:
    pg.close()
    drop_all(pg.url)
    check_natural_keys(pg.url, tmp_path)


def _collations(led: Ledger) -> dict[tuple[str, str], str | None]:
    with led.engine.connect() as conn:
        return {(t, c): coll for t, c, coll in conn.exec_driver_sql(
            "SELECT table_name, column_name, collation_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')")
            if t in metadata.tables}


def test_identifiers_and_keys_compare_byte_by_byte(pg: Ledger) -> None:
    """Migration 10: ids and lookup keys in collation "C", nothing else; a ledger from before (its columns in
    the database's collation) gets them, keeps its rows, and stores and files as before."""
    wanted = {(t, c.name) for t, columns in byte_ordered_columns().items() for c in columns}
    assert {("events", "id"), ("documents", "id"), ("incident_keys", "token_key"), ("mentions", "doc_id")} <= wanted
    found = _collations(pg)
    assert {k for k, v in found.items() if v == "C"} == wanted
    assert store_many_twice(pg) == (12, 0)
    before = (pg.stats(), pg.incidents(), [e.to_dict() for e in pg.events()])
    with pg.engine.begin() as conn:  # as a ledger at version 9 had them
        for table, column in sorted(wanted):
            kind = "text" if (table, column) == ("incident_keys", "token_key") else "varchar"
            conn.exec_driver_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE {kind} COLLATE "default"')
        conn.exec_driver_sql("DELETE FROM schema_version WHERE version >= 10")
    assert not any(v == "C" for v in _collations(pg).values())
    with Ledger(URL or "") as again:
        assert again.version == LATEST == 11
        assert {k for k, v in _collations(again).items() if v == "C"} == wanted
        assert (again.stats(), again.incidents(), [e.to_dict() for e in again.events()]) == before
        doc = make_doc("after-collation", "2024-03-07", "Eastern Wire")
        assert again.store(doc, [make_event(doc, date="2024-03-07", claimant="UKR", denied_by=("RUS",))]) == 1
        raid = [i for i in again.incidents() if i.event == "ASSAULT"]
        assert len(raid) == 1 and len(raid[0].reports) == 7 and raid[0].status == "disputed"


def test_mentions_carry_no_index_but_their_key(pg: Ledger) -> None:
    check_mentions_index(pg)


def test_listings_order_and_page(pg: Ledger) -> None:
    check_listing_order(pg)


def store_many_twice(led: Ledger) -> tuple[int, int]:
    return led.store_many(make_batch()), led.store_many(make_batch())


def test_store_many(pg: Ledger) -> None:
    assert pg.store_many(make_batch()) == 12 and pg.store_many(make_batch()) == 0
    assert sorted((i.event, i.status, len(i.reports)) for i in pg.incidents()) == [
        ("ASSAULT", "confirmed-by-adversary", 6), ("PROTEST", "corroborated", 6)]


def test_references_unchecked_and_deletes_cascade(pg: Ledger) -> None:
    """Migration 6: the loader's references carry no row-by-row foreign keys on PostgreSQL, and deleting a
    document (or an incident) still removes everything that refers to it."""
    assert pg.store_many(make_batch()) == 12
    count = "SELECT count(*) FROM {}"
    with pg.engine.connect() as conn:
        keys = {tuple(r) for r in conn.execute(text(
            "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint WHERE contype = 'f'"))}
        assert keys == {("corrections", "events")}
        assert orphans(conn) == {}
        before = {t: conn.execute(text(count.format(t))).scalar() for t in (
            "events", "actors", "mentions", "sentences", "incident_reports", "incident_keys")}
        doc_id, n_events = conn.execute(text(
            "SELECT doc_id, count(*) FROM events GROUP BY doc_id ORDER BY doc_id LIMIT 1")).one()
        n_actors = conn.execute(text("SELECT count(*) FROM actors a JOIN events e ON e.id = a.event_id "
                                     "WHERE e.doc_id = :d"), {"d": doc_id}).scalar()
    assert n_events and n_actors and all(before.values())
    with pg.engine.begin() as conn:
        conn.execute(text("DELETE FROM documents WHERE id = :d"), {"d": doc_id})
    with pg.engine.connect() as conn:
        assert orphans(conn) == {}
        assert conn.execute(text(count.format("events"))).scalar() == before["events"] - n_events
        assert conn.execute(text(count.format("actors"))).scalar() == before["actors"] - n_actors
        assert conn.execute(text(count.format("incident_reports"))).scalar() < before["incident_reports"]
    with pg.engine.begin() as conn:
        conn.execute(text("DELETE FROM incidents"))
    with pg.engine.connect() as conn:
        assert orphans(conn) == {}
        assert conn.execute(text(count.format("incident_keys"))).scalar() == 0
        assert conn.execute(text(count.format("incident_reports"))).scalar() == 0
        assert conn.execute(text(count.format("events"))).scalar() == before["events"] - n_events


def test_statements_changing_incidents_are_counted_and_nothing_else(pg: Ledger) -> None:
    """Migration 7: what a bulk load reads to tell whether another connection filed anything between two of
    its batches moves when incidents are filed or removed, not for transactions that leave them alone."""
    from thucydides.ledger.bulk import _writes_mark

    def mark() -> int | None:
        with pg.engine.connect() as conn:
            return _writes_mark(conn)

    start = mark()
    assert start is not None
    with pg.engine.begin() as conn:  # a transaction with an id that writes no incident, and statistics
        conn.execute(text("SELECT txid_current()"))
        conn.execute(text("UPDATE documents SET title = title"))
    with pg.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
    assert mark() == start
    assert pg.store_many(make_batch()) == 12
    filed = mark()
    assert filed is not None and filed > start
    with pg.engine.begin() as conn:
        conn.execute(text("DELETE FROM documents WHERE id = (SELECT min(doc_id) FROM events)"))
    after = mark()
    assert after is not None and after > filed  # its reports went with it
