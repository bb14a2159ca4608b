"""Bulk storing: one transaction per batch gives the ledger that storing one document at a time gives
(rows, incidents, their reports and keys), on SQLite and PostgreSQL; loading a dataset is idempotent."""

from __future__ import annotations

import copy
import os
import random
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from ledger.test_ledger import make_doc, make_event  # tests/ is on sys.path (pytest pythonpath)
from thucydides import dataset
from thucydides.ledger import Ledger
from thucydides.ledger.bulk import load_dataset, store_batch
from thucydides.ledger.schema import metadata
from thucydides.model import Actor, Document, Event, Quote

CODES = ("RUS", "UKR", "POL", "GEO", None)
PLACES = ("Kharkiv", "Tbilisi", "Odesa", None)
VOLATILE = {"coded_at", "updated_at", "applied_at"}  # times, which differ between two runs


def compared_columns() -> dict[str, list[str]]:
    """Every table of the ledger's schema with its columns (but times and autoincrement keys): a table
    added later is compared too, so bulk storing cannot fall behind storing one by one."""
    out = {}
    for table in metadata.sorted_tables:
        columns = [c.name for c in table.columns if c.name not in VOLATILE
                   and not (c.primary_key and c.autoincrement is True)]
        out[table.name] = columns
    return out

Item = tuple[Document, list[Event], list[Quote]]


def corpus(n: int = 80, seed: int = 7) -> list[Item]:
    """Made-up coded documents whose events report a few shared happenings over ten days, with claims,
    denials, hypothetical events, failed documents, a document seen twice and one whose id is taken."""
    rng = random.Random(seed)
    out: list[Item] = []
    for k in range(n):
        day = f"2024-03-{5 + rng.randrange(10):02d}"
        doc = make_doc(f"bulk-{k}", day, rng.choice(("Harbour Gazette", "Northern Courier", "Delta Post", None)))
        if k % 17 == 5:
            doc.status, doc.error = "failed", f"articles/bulk-{k}.txt: made-up failure"
            out.append((doc, [], []))
            continue
        events = []
        for i in range(rng.randrange(1, 5)):
            claimant = rng.choice((None, None, "UKR", "RUS"))
            events.append(make_event(doc, rng.choice(("ASSAULT", "ASSAULT", "PROTEST", "COERCE")),
                                     rng.choice(CODES), rng.choice(CODES), rng.choice(PLACES),
                                     rng.choice((day, day, None, day[:7])), index=i, claimant=claimant,
                                     denied_by=("RUS",) if claimant == "UKR" and rng.random() < 0.3 else (),
                                     aux_mode="hypothetical" if rng.random() < 0.1 else None))
        quotes = [Quote(text=f"Words {k}", start=1, end=9, speaker=Actor(text="a spokesman", code="UKR"))]
        out.append((doc, events, quotes))
    out.append(copy.deepcopy(out[3]))  # the same document again: nothing new
    clash = Document(text="Other words under a taken id.", id=out[4][0].id, date="2024-03-09", path="clash.txt")
    out.append((clash, [make_event(clash, "COERCE", "POL", "UKR", "Odesa", "2024-03-09")], []))
    return out


def one_by_one(led: Ledger, items: list[Item]) -> None:
    for doc, events, quotes in copy.deepcopy(items):
        if doc.status == "failed":
            led.record_failure(doc)
        else:
            led.store(doc, events, quotes)


def rows(led: Ledger) -> dict[str, list[tuple[object, ...]]]:
    with led.engine.connect() as conn:
        out = {}
        for table, columns in compared_columns().items():
            names = ", ".join(f'"{c}"' for c in columns)
            out[table] = sorted((tuple(r) for r in conn.execute(text(f"SELECT {names} FROM {table}"))), key=repr)
        return out


def check_same_as_one_by_one(batched: Ledger, single: Ledger) -> None:
    items = corpus()
    one_by_one(single, items)
    stored = store_batch(batched, copy.deepcopy(items[:30]))  # into an empty ledger
    stored2 = store_batch(batched, copy.deepcopy(items[30:]))  # into one that holds incidents already
    expected = rows(single)
    failed = sum(doc.status == "failed" for doc, _, _ in items)
    assert failed == 5 and stored.documents + stored2.documents == len(expected["documents"]) - failed
    assert stored.events + stored2.events == len(expected["events"])
    got = rows(batched)
    for table in expected:
        assert got[table] == expected[table], table
    statuses = {r[compared_columns()["incidents"].index("status")] for r in expected["incidents"]}
    assert len(expected["incidents"]) > 20 and {"corroborated", "disputed"} <= statuses
    assert store_batch(batched, copy.deepcopy(items)).events == 0  # again: nothing new
    assert rows(batched) == got


def test_a_batch_stores_what_one_document_at_a_time_stores(tmp_path: Path) -> None:
    with Ledger(str(tmp_path / "batch.db")) as batched, Ledger(str(tmp_path / "single.db")) as single:
        check_same_as_one_by_one(batched, single)


def test_load_a_dataset_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    items = corpus(40)[:40]
    dataset.write_part(tmp_path / "ds", "a", copy.deepcopy(items[:25]))
    dataset.write_part(tmp_path / "ds", "b", copy.deepcopy(items[25:]))
    dataset.write_manifest(tmp_path / "ds", {"parts": ["a", "b"]})
    with Ledger(str(tmp_path / "load.db")) as led, Ledger(str(tmp_path / "single.db")) as single:
        first = load_dataset(led, tmp_path / "ds", batch_documents=10)
        assert first.documents == 40 and first.failed == 3 and first.stored == 37
        again = load_dataset(led, tmp_path / "ds")
        assert again.stored == 0 and again.new_events == 0
        one_by_one(single, items)
        assert rows(led) == rows(single)


PG = os.environ.get("THUCYDIDES_TEST_PG_URL")


@pytest.mark.postgres
@pytest.mark.skipif(not PG, reason="THUCYDIDES_TEST_PG_URL is not set (see tests/ledger/test_postgres.py)")
def test_on_postgres_a_batch_stores_what_one_document_at_a_time_stores(tmp_path: Path) -> None:
    assert PG is not None
    engine = create_engine(PG)
    with engine.begin() as conn:
        metadata.drop_all(conn)
    engine.dispose()
    try:
        with Ledger(PG) as batched, Ledger(str(tmp_path / "single.db")) as single:
            assert batched.engine.dialect.name == "postgresql"
            check_same_as_one_by_one(batched, single)
    finally:
        engine = create_engine(PG)
        with engine.begin() as conn:
            metadata.drop_all(conn)
        engine.dispose()
