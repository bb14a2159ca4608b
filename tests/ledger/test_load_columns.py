"""Loading a dataset builds the ledger's rows from the Parquet columns (ledger.arrow_rows, arrow_json): the
ledger must come out as storing the same documents one at a time makes it, table by table, on SQLite and
PostgreSQL, for events with and without ids, merged mentions, quantities, odd characters, duplicates, id
clashes and documents already there; and a record's JSON must be the record path's, character for
character."""

from __future__ import annotations

import copy
import json
import math
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from ledger.test_bulk import PG, Item, corpus, one_by_one, rows
from ledger.test_ledger import make_event
from thucydides import dataset
from thucydides.errors import ThucydidesError
from thucydides.ledger import Ledger
from thucydides.ledger.arrow_json import json_column
from thucydides.ledger.arrow_rows import read_part_rows
from thucydides.ledger.bulk import load_dataset
from thucydides.ledger.rows import record_json
from thucydides.ledger.schema import metadata
from thucydides.model import Actor, Claim, Document, Event, Mention, Place, Quantity, Sentence


def rich_corpus(seed: int = 11) -> list[Item]:
    """The bulk tests' corpus, with what the record path does more than copy: events without ids, merged
    mentions, quantities and sizes, article places, relayed outlets, candidates left out, a duplicate event,
    strings that need escaping, a document without a date or source and one with a user-given id."""
    rng = random.Random(seed)
    items = corpus(60, seed=seed)
    for n, (_, events, _) in enumerate(items):
        for k, e in enumerate(events):
            if (n + k) % 2:
                e.assign_id()  # as the coder writes them; the others get theirs when loaded
            if k == 0 and n % 3 == 0:
                s2 = Sentence(index=7 + k, text=f"Later, \"again\" \\ {n}\n\tthe depot burned — été.", start=900,
                              end=950)
                e.mentions = [Mention(sentence=e.sentence, trigger=e.trigger, trigger_start=e.trigger_start,  # type: ignore[arg-type]
                                      trigger_end=e.trigger_end),
                              Mention(sentence=s2, trigger="burned", trigger_start=930, trigger_end=936)]
            if k == 1:
                e.quantities = [Quantity(value=3, text="three", unit="person", role="dead"),
                                Quantity(value=2.5, text="2.5 tonnes", approximate=True)]
                e.size = {"dead": 3}
                e.article_places = ["Kharkiv", "Odesa"]
                e.location = None
            if k == 2 and n % 4 == 0:
                e.dropped = "no actor" if n % 8 == 0 else "low confidence"
                e.claim.outlet = Actor(text="the Harbour Gazette", kind="outlet")
            e.confidence = rng.choice((0.8, 1.0, 0.123456789, 1e-7))
    events = items[5][1] if items[5][1] else items[6][1]
    events.append(copy.deepcopy(events[0]))  # the same event twice in a document: stored once
    undated = Document(text="An undated wire story without an outlet.", path="wire.txt")
    items.append((undated, [make_event(undated, "PROTEST", "UKR", None, "Odesa", None)], []))
    odd = Document(text="A document whose id a user gave.", id="user id/été 1", date="2024-03-08", source="Delta Post")
    items.append((odd, [make_event(odd, "ASSAULT", "RUS", "UKR", "Kharkiv", "2024-03-08", index=2)], []))
    return items


def write(root: Path, items: list[Item], parts: int = 3) -> None:
    size = math.ceil(len(items) / parts)
    ids = []
    for k in range(parts):
        part = f"p{k}"
        dataset.write_part(root, part, copy.deepcopy(items[k * size:(k + 1) * size]))
        ids.append(part)
    dataset.write_manifest(root, {"parts": ids})


def check_load(led: Ledger, single: Ledger, root: Path, items: list[Item], before: list[Item] | None = None) -> None:
    """Load into ``led`` (which holds ``before``); store ``before`` then the items one by one into ``single``."""
    first = load_dataset(led, root, batch_documents=25)
    assert first.stored > 40 and first.failed > 0
    one_by_one(single, (before or []) + items)
    got, expected = rows(led), rows(single)
    for table in expected:
        assert got[table] == expected[table], table
    assert len(expected["incidents"]) > 20 and len(expected["mentions"]) > len(expected["events"])
    again = load_dataset(led, root)
    assert again.stored == 0 and again.new_events == 0 and rows(led) == got


def test_loading_the_columns_stores_what_one_document_at_a_time_stores(tmp_path: Path) -> None:
    items = rich_corpus()
    write(tmp_path / "ds", items)
    assert read_part_rows(tmp_path / "ds", "p0") is not None  # the column path is the one taken
    with Ledger(str(tmp_path / "load.db")) as led, Ledger(str(tmp_path / "single.db")) as single:
        check_load(led, single, tmp_path / "ds", items)
        with led.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []


def test_documents_already_there_and_an_id_clash_are_handled_as_the_record_path_does(tmp_path: Path) -> None:
    items = rich_corpus()
    clash = Document(text="Other words under a taken id.", id=items[4][0].id, date="2024-03-09", path="clash.txt")
    items.append((clash, [make_event(clash, "COERCE", "POL", "UKR", "Odesa", "2024-03-09")], []))
    write(tmp_path / "ds", items)
    with Ledger(str(tmp_path / "load.db")) as led, Ledger(str(tmp_path / "single.db")) as single:
        one_by_one(led, items[10:20])  # some documents of the first part are in the ledger already
        check_load(led, single, tmp_path / "ds", items, before=items[10:20])


def test_a_part_written_with_other_columns_is_loaded_through_records(tmp_path: Path) -> None:
    items = rich_corpus()[:30]
    write(tmp_path / "ds", items, parts=2)
    for path in (tmp_path / "ds" / "events").glob("month=*/part-p1.parquet"):  # an older dataset: no column
        table = pq.read_table(str(path))
        pq.write_table(table.drop_columns(["recoded_from"]), str(path))
    assert read_part_rows(tmp_path / "ds", "p1") is None and read_part_rows(tmp_path / "ds", "p0") is not None
    with Ledger(str(tmp_path / "load.db")) as led, Ledger(str(tmp_path / "single.db")) as single:
        load_dataset(led, tmp_path / "ds")
        one_by_one(single, items)
        assert rows(led) == rows(single)


def test_parts_read_by_a_child_process_give_the_same_ledger(tmp_path: Path) -> None:
    items = rich_corpus()
    write(tmp_path / "ds", items, parts=5)
    with Ledger(str(tmp_path / "load.db")) as led, Ledger(str(tmp_path / "single.db")) as single:
        first = load_dataset(led, tmp_path / "ds", batch_documents=20, reader="process")
        assert first.stored > 40
        one_by_one(single, items)
        assert rows(led) == rows(single)


def test_an_id_clash_in_a_part_read_by_a_child_process_reads_the_part_again_for_its_records(tmp_path: Path) -> None:
    items = rich_corpus()
    clash = Document(text="Other words under a taken id.", id=items[4][0].id, date="2024-03-09", path="clash.txt")
    items.append((clash, [make_event(clash, "COERCE", "POL", "UKR", "Odesa", "2024-03-09")], []))
    write(tmp_path / "ds", items, parts=2)
    with Ledger(str(tmp_path / "load.db")) as led, Ledger(str(tmp_path / "single.db")) as single:
        load_dataset(led, tmp_path / "ds", batch_documents=20, reader="process")
        one_by_one(single, items)
        got = rows(led)
        assert got == rows(single)
        assert any("COERCE" in r for r in got["events"])  # the clashing document's event, under its new id


def test_a_part_the_child_process_cannot_read_stops_the_load_after_the_parts_before(tmp_path: Path) -> None:
    items = rich_corpus()
    write(tmp_path / "ds", items, parts=3)
    for path in (tmp_path / "ds" / "events").glob("month=*/part-p1.parquet"):
        path.write_bytes(b"not a parquet file")
    with Ledger(str(tmp_path / "load.db")) as led, Ledger(str(tmp_path / "single.db")) as single:
        with pytest.raises(ThucydidesError, match="part p1"):
            load_dataset(led, tmp_path / "ds", batch_documents=5, reader="process")
        size = math.ceil(len(items) / 3)
        one_by_one(single, items[:size])
        assert rows(led) == rows(single)  # the first part, whole; nothing of the others


@pytest.mark.postgres
@pytest.mark.skipif(not PG, reason="THUCYDIDES_TEST_PG_URL is not set (see tests/ledger/test_postgres.py)")
def test_on_postgres_loading_the_columns_stores_what_one_document_at_a_time_stores(tmp_path: Path) -> None:
    assert PG is not None

    def drop() -> None:
        engine = create_engine(PG)
        with engine.begin() as conn:
            metadata.drop_all(conn)
        engine.dispose()

    drop()
    try:
        items = rich_corpus()
        write(tmp_path / "ds", items)
        with Ledger(PG) as led, Ledger(str(tmp_path / "single.db")) as single:
            check_load(led, single, tmp_path / "ds", items)
            with led.engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM events")).scalar() == len(rows(single)["events"])
    finally:
        drop()


# -- a record's JSON from the columns ---------------------------------------------------------------------

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
maybe = st.none() | texts
floats = st.floats(allow_nan=False, allow_infinity=False, width=64)
actors = st.builds(Actor, text=texts, code=maybe, name=maybe, start=st.none() | st.integers(-5, 10**12))
places = st.builds(Place, name=texts, country=maybe, lat=st.none() | floats, lon=st.none() | floats,
                   geonameid=st.none() | st.integers(0, 10**9))
sentences = st.builds(Sentence, index=st.integers(0, 500), text=texts, start=st.integers(0, 10**6),
                      end=st.integers(0, 10**6))
events = st.builds(
    Event, event=st.sampled_from(("ASSAULT", "PROTEST", "AID", "NOT-PLOVER")), doc_id=texts, id=texts,
    actor=st.lists(actors, max_size=3), recipient=st.lists(actors, max_size=2), trigger=texts,
    date=maybe, location=st.none() | places, sentence=st.none() | sentences,
    claim=st.builds(Claim, claimant=st.none() | actors, confirmed_by=st.lists(actors, max_size=2),
                    evidence=st.lists(texts, max_size=2), quote=st.booleans()),
    quantities=st.lists(st.builds(Quantity, value=floats | st.integers(-10**6, 10**6), text=texts,
                                  approximate=st.booleans()), max_size=2),
    size=st.dictionaries(texts, st.integers(0, 10**6), max_size=2), article_places=st.lists(texts, max_size=2),
    confidence=floats, mentions=st.lists(st.builds(Mention, sentence=sentences, trigger=texts), max_size=2),
    dropped=maybe)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events, min_size=1, max_size=6))
def test_the_json_of_records_from_the_columns_is_the_record_paths(evs: list[Event]) -> None:
    table = pa.Table.from_pylist([e.to_dict() for e in evs], schema=dataset.event_schema())
    arrays = pa.StructArray.from_arrays([c.combine_chunks() for c in table.columns], table.schema.names)
    got = json_column(arrays, Event).to_pylist()
    expected = [record_json(dataset.event_from_row(r)) for r in table.to_pylist()]
    assert got == expected
    assert [json.loads(g) for g in got] == [json.loads(x) for x in expected]
