"""Loading a dataset whose workers wrote each part's ledger rows beside it (ledger.row_files), with the
filing of incidents worked out in a child process (ledger.bulk's filer): the ledger must come out as
storing the same documents one at a time makes it, table by table; rows that are no longer the part's are
not used; another writer between two batches, and the filer dying, lose nothing."""

from __future__ import annotations

import copy
import math
import os
import signal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from sqlalchemy import text

from ledger.test_bulk import PG, one_by_one, rows
from ledger.test_ledger import make_doc, make_event
from ledger.test_load_columns import check_load, rich_corpus, write
from pg_helpers import drop_all, orphans
from thucydides import dataset
from thucydides.errors import ThucydidesError
from thucydides.ledger import Ledger, bulk
from thucydides.ledger.arrow_rows import read_part_filed, read_part_rows
from thucydides.ledger.bulk import LoadSummary, load_dataset
from thucydides.ledger.corroboration import load_rules
from thucydides.ledger.incidents import Encoded
from thucydides.ledger.row_files import (
    ROWS,
    read_part_filed_written,
    read_part_rows_written,
    remove_part_rows,
    rows_file,
    write_part_rows,
)


def write_with_rows(root: Path, items: list[Any], parts: int = 3) -> None:
    write(root, items, parts)
    for part in dataset.part_order(root):
        assert write_part_rows(root, part)


def test_the_rows_a_worker_writes_are_the_rows_built_from_the_columns(tmp_path: Path) -> None:
    root = tmp_path / "ds"
    write_with_rows(root, rich_corpus())
    rules = load_rules()
    for part in dataset.part_order(root):
        built, written = read_part_rows(root, part), read_part_rows_written(root, part)
        assert built is not None and written is not None
        for name in ("docs", "quotes", "rows_of", "events", "actors", "actors_owner", "claims", "claims_owner",
                     "mentions", "mentions_owner", "sentences_of", "dropped", "origin"):
            assert getattr(written, name) == getattr(built, name), name
        assert written.filed is None and written.table is None
        facts, again = read_part_filed(root, part, rules), read_part_filed_written(root, part, rules)
        assert facts and again is not None and facts.keys() == again.keys()
        for event_id, f in facts.items():
            assert [getattr(f, s) for s in f.__slots__ if s != "own"] == \
                   [getattr(again[event_id], s) for s in f.__slots__ if s != "own"]
            assert again[event_id].founds() == f.founds()


def test_loading_the_written_rows_stores_what_one_document_at_a_time_stores(tmp_path: Path) -> None:
    items = rich_corpus()
    write_with_rows(tmp_path / "ds", items)
    with Ledger(str(tmp_path / "load.db")) as led, Ledger(str(tmp_path / "single.db")) as single:
        check_load(led, single, tmp_path / "ds", items)
        with led.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # back on for other writers


def test_without_the_filer_the_ledger_is_the_same(tmp_path: Path) -> None:
    items = rich_corpus()
    write_with_rows(tmp_path / "ds", items)
    with Ledger(str(tmp_path / "a.db")) as a, Ledger(str(tmp_path / "b.db")) as b:
        load_dataset(a, tmp_path / "ds", batch_documents=20, filer=True)
        load_dataset(b, tmp_path / "ds", batch_documents=20, filer=False)
        assert rows(a) == rows(b)


def test_rows_no_longer_the_parts_are_not_used(tmp_path: Path) -> None:
    items = rich_corpus()
    root = tmp_path / "ds"
    write_with_rows(root, items)
    # the part written again with other documents (a run on changed input), its old rows left behind
    size = math.ceil(len(items) / 3)
    changed = copy.deepcopy(items[:size])
    extra = make_doc("late-addition", "2024-03-11", "Delta Post")
    changed.append((extra, [make_event(extra, "PROTEST", "UKR", None, "Odesa", "2024-03-11")], []))
    dataset.write_part(root, "p0", copy.deepcopy(changed))
    assert read_part_rows_written(root, "p0") is None and read_part_filed_written(root, "p0", load_rules()) is None
    # a file of the rows edited by hand
    table = pq.read_table(str(rows_file(root, "events", "p1")))
    pq.write_table(table.replace_schema_metadata({}), str(rows_file(root, "events", "p1")))
    assert read_part_rows_written(root, "p1") is None and read_part_rows_written(root, "p2") is not None
    with Ledger(str(tmp_path / "load.db")) as led, Ledger(str(tmp_path / "single.db")) as single:
        load_dataset(led, root, batch_documents=25)
        one_by_one(single, changed + items[size:])
        assert rows(led) == rows(single)


def test_rows_of_parts_gone_are_removed(tmp_path: Path) -> None:
    root = tmp_path / "ds"
    write_with_rows(root, rich_corpus())
    assert remove_part_rows(root, keep={"p0", "p2"}) == 6  # five tables and the filing facts of p1
    assert {p.name for p in (root / ROWS).rglob("*.parquet")} == {"part-p0.parquet", "part-p2.parquet"}


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_another_writer_between_two_batches_makes_the_filer_read_the_ledger_again(tmp_path: Path, engine: str) -> None:
    """A document stored by someone else between two batches of the load files under the incidents the
    load's batches made, and the load's next batch files under the other writer's incidents: the filer,
    told that another connection wrote, forgets what it knew. Same ledger as storing them in that order."""
    if engine == "postgresql" and not PG:
        pytest.skip("THUCYDIDES_TEST_PG_URL is not set (see tests/ledger/test_postgres.py)")
    items = rich_corpus()
    write_with_rows(tmp_path / "ds", items, parts=6)
    size = math.ceil(len(items) / 6)
    intruders: list[Any] = []
    for k in range(3):
        doc = make_doc(f"intruder-{k}", "2024-03-09", "Northern Courier")
        intruders.append((doc, [make_event(doc, "ASSAULT", "RUS", "UKR", "Kharkiv", "2024-03-09"),
                                make_event(doc, "PROTEST", "UKR", None, "Odesa", "2024-03-09", index=1)], []))
    url = PG if engine == "postgresql" else str(tmp_path / "load.db")
    assert url is not None
    _drop(url)
    try:
        with Ledger(url) as led, Ledger(str(tmp_path / "single.db")) as single, Ledger(url) as other:
            done = []

            def between(summary: LoadSummary) -> None:  # after each batch: another writer stores a document
                done.append(summary.documents)
                if len(done) <= len(intruders):
                    one_by_one(other, [intruders[len(done) - 1]])

            forgets = _count_forgets()
            load_dataset(led, tmp_path / "ds", batch_documents=size, on_progress=between)
            assert len(done) >= 4 and forgets() >= 1 + len(intruders)
            order: list[Any] = []
            for k in range(6):
                order.extend(items[k * size:(k + 1) * size])
                if k < len(intruders):
                    order.append(intruders[k])
            one_by_one(single, order)
            assert rows(led) == rows(single)
            if engine == "postgresql":  # its references are not checked row by row (migration 6)
                with led.engine.connect() as conn:
                    assert orphans(conn) == {}
    finally:
        _drop(url)


def _drop(url: str) -> None:
    if "://" in url:
        drop_all(url)


@pytest.mark.postgres
@pytest.mark.skipif(not PG, reason="THUCYDIDES_TEST_PG_URL is not set (see tests/ledger/test_postgres.py)")
def test_transactions_that_file_nothing_between_two_batches_leave_the_filer_what_it_knows(tmp_path: Path) -> None:
    """On PostgreSQL, transactions between two batches that take transaction ids but file nothing (another
    table written, statistics gathered, as the server's automatic ANALYZE does in the middle of a load) do not
    make the filer forget: it forgets once, at the first batch."""
    items = rich_corpus()
    write_with_rows(tmp_path / "ds", items, parts=4)
    assert PG is not None
    _drop(PG)
    try:
        with Ledger(PG) as led, Ledger(str(tmp_path / "single.db")) as single:
            batches = []

            def between(summary: LoadSummary) -> None:
                batches.append(summary.documents)
                with led.engine.begin() as conn:
                    conn.execute(text("SELECT txid_current()"))
                    conn.execute(text("UPDATE documents SET title = title"))
                with led.engine.connect() as conn:
                    conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))

            forgets = _count_forgets()
            load_dataset(led, tmp_path / "ds", batch_documents=math.ceil(len(items) / 4), on_progress=between)
            assert len(batches) == 4 and forgets() == 1
            one_by_one(single, items)
            assert rows(led) == rows(single)
    finally:
        _drop(PG)


@pytest.mark.postgres
@pytest.mark.skipif(not PG, reason="THUCYDIDES_TEST_PG_URL is not set (see tests/ledger/test_postgres.py)")
def test_a_filer_on_postgresql_sends_its_plans_encoded_and_they_are_written_as_they_came(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL the filer sends each plan's new rows as binary COPY data (no tuples to pickle and encode
    again in the loader); written as they are, they give the ledger that storing one by one gives."""
    items = rich_corpus()
    write_with_rows(tmp_path / "ds", items, parts=3)
    assert PG is not None
    _drop(PG)
    written: list[Any] = []
    original = bulk.write_plan

    def spy(conn: Any, plan: Any) -> None:
        written.append(plan)
        original(conn, plan)

    monkeypatch.setattr(bulk, "write_plan", spy)
    try:
        with Ledger(PG) as led, Ledger(str(tmp_path / "single.db")) as single:
            load_dataset(led, tmp_path / "ds", batch_documents=math.ceil(len(items) / 3))
            assert len(written) == 3
            for plan in written:
                assert all(isinstance(r, Encoded) for r in (plan.founded, plan.reports, plan.keys, plan.founded_keys))
            one_by_one(single, items)
            expected = rows(single)
            assert sum(len(p.reports) for p in written) == len(expected["incident_reports"]) > 0
            assert sum(len(p.founded) for p in written) == len(expected["incidents"])
            assert rows(led) == expected
    finally:
        _drop(PG)


def _count_forgets() -> Any:
    """How many times loads of this test told their filer to forget what it knew."""
    sent: list[str] = []
    original = bulk._Filer._send

    def send(self: bulk._Filer, message: tuple[Any, ...]) -> None:
        sent.append(message[0])
        original(self, message)

    bulk._Filer._send = send  # type: ignore[method-assign]
    return lambda: sent.count("forget")


@pytest.fixture(autouse=True)
def _restore_send() -> Any:
    original = bulk._Filer._send
    yield
    bulk._Filer._send = original  # type: ignore[method-assign]


def test_a_filer_that_dies_stops_the_load_after_the_batches_before_and_a_rerun_finishes(tmp_path: Path) -> None:
    items = rich_corpus()
    write_with_rows(tmp_path / "ds", items, parts=4)
    started: list[bulk._Filer] = []
    original = bulk._Filer.__init__

    def init(self: bulk._Filer, url: str) -> None:
        original(self, url)
        started.append(self)

    bulk._Filer.__init__ = init  # type: ignore[method-assign]
    try:
        with Ledger(str(tmp_path / "load.db")) as led, Ledger(str(tmp_path / "single.db")) as single:
            def kill(summary: LoadSummary) -> None:  # after the first batch
                os.kill(started[-1].proc.pid, signal.SIGKILL)
                started[-1].proc.wait()

            size = math.ceil(len(items) / 4)
            with pytest.raises(ThucydidesError, match="filing the loaded events .* stopped"):
                load_dataset(led, tmp_path / "ds", batch_documents=size, on_progress=kill)
            one_by_one(single, items[:size])
            assert rows(led) == rows(single)  # the first batch, whole; nothing of the second
            load_dataset(led, tmp_path / "ds", batch_documents=size)
            one_by_one(single, items[size:])
            assert rows(led) == rows(single)
    finally:
        bulk._Filer.__init__ = original  # type: ignore[method-assign]


def test_ctrl_c_reaches_the_loader_not_its_filer(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C in a terminal goes to the foreground process group: the filer runs in its own session, ignores
    an interrupt sent to it anyway, and ends quietly when the loader closes its input."""
    with Ledger(str(tmp_path / "l.db")):
        filer = bulk._Filer(str(tmp_path / "l.db"))
        assert os.getpgid(filer.proc.pid) != os.getpgid(os.getpid())
        filer._answer()  # it is ready
        filer.opening = False
        os.kill(filer.proc.pid, signal.SIGINT)
        filer.read(str(tmp_path), "nothing")  # a part it cannot read: only a plan would report it
        filer.close()
        assert filer.proc.wait(timeout=30) == 0
    assert "Traceback" not in capfd.readouterr().err


def test_a_worker_that_cannot_write_the_rows_leaves_the_part_to_be_built_when_loaded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from thucydides.distributed import worker

    items = rich_corpus()[:20]
    write(tmp_path / "ds", items, parts=1)

    def full_disk(*args: object) -> bool:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(worker, "write_part_rows", full_disk)
    worker._write_rows(str(tmp_path / "ds"), "p0")  # the part is not failed for it
    assert read_part_rows_written(tmp_path / "ds", "p0") is None
    with Ledger(str(tmp_path / "load.db")) as led, Ledger(str(tmp_path / "single.db")) as single:
        load_dataset(led, tmp_path / "ds")
        one_by_one(single, items)
        assert rows(led) == rows(single)
