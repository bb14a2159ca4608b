"""Distributed runs on a real dask.distributed LocalCluster: the same events as a single-process run,
bad input reported, a worker killed mid-run, the client killed and the run started again."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from thucydides import dataset
from thucydides.distributed import PartResult, RunSummary, Settings, run
from thucydides.ingest.readers import read_documents
from thucydides.ledger.arrow_rows import read_part_rows
from thucydides.ledger.row_files import read_part_rows_written

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def make_inputs(folder: Path) -> Path:
    """Text articles, a JSONL feed, a Parquet file, and two bad files (binary data named .jsonl, a broken
    Parquet file)."""
    folder.mkdir()
    for src in sorted(EXAMPLES.glob("diplomacy-*.txt")):
        shutil.copy(src, folder / src.name)
    shutil.copy(EXAMPLES / "feed.jsonl", folder / "feed.jsonl")
    feed = [json.loads(line) for line in (EXAMPLES / "feed.jsonl").read_text(encoding="utf-8").splitlines()]
    pq.write_table(pa.table({"id": ["pq-1", "pq-2"], "text": [feed[0]["text"], feed[2]["text"]],
                             "date": ["2025-02-06", None], "source": ["Harbour Gazette", None]}),
                   folder / "more.parquet")
    (folder / "broken.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "broken.parquet").write_bytes(b"PAR1 but not really")
    return folder


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=50)
    with distributed.Client(cluster) as dask_client:
        yield dask_client
    cluster.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_inputs(tmp_path_factory.mktemp("dist") / "in")


@pytest.fixture(scope="module")
def local_events(inputs: Path) -> list[dict[str, Any]]:
    """The events of a single-process run of the same inputs."""
    from thucydides.api import code_documents

    return [e.to_dict() for c in code_documents(read_documents([str(inputs)])) for e in c.events]


def documents_table(out: Path) -> dict[str, dict[str, Any]]:
    rows = pq.read_table(str(out / "documents")).to_pylist()
    return {r["path"]: r for r in rows}


def test_same_events_as_a_single_process_run_and_bad_files_reported(client: Any, inputs: Path, tmp_path: Path,
                                                                    local_events: list[dict[str, Any]]) -> None:
    out = tmp_path / "out"
    summary = run([str(inputs)], str(out), client, Settings(), per_part=2)
    assert [e.to_dict() for e in dataset.read_events(out)] == local_events
    assert summary.coded == 8 and summary.failed == 2 and not summary.ok
    assert summary.events == len(local_events) > 20
    docs = documents_table(out)
    assert docs[f"{inputs}/broken.jsonl"]["status"] == "failed"
    assert "binary file" in docs[f"{inputs}/broken.jsonl"]["error"]
    assert "cannot read Parquet" in docs[f"{inputs}/broken.parquet"]["error"]
    assert docs[f"{inputs}/more.parquet:1"]["status"] == "coded"
    # partitioned by publication month, nested fields kept
    months = sorted(p.name for p in (out / "events").iterdir())
    assert "month=2025-04" in months and "month=undated" in months
    table = pq.read_table(str(out / "events"))
    assert pa.types.is_list(table.schema.field("actor").type)
    assert pa.types.is_struct(table.schema.field("claim").type)
    # each part's ledger rows written beside it by its worker, the same as the loader would build
    for part in dataset.part_order(out):
        written, built = read_part_rows_written(out, part), read_part_rows(out, part)
        assert written is not None and built is not None and written.events == built.events
    # a second run codes nothing and adds nothing
    again = run([str(inputs)], str(out), client, Settings(), per_part=2)
    assert again.coded == 0 and again.earlier == 8 and again.parts_before == again.parts
    assert [e.to_dict() for e in dataset.read_events(out)] == local_events


def test_a_worker_killed_mid_run_leaves_no_gap_and_no_duplicate(client: Any, inputs: Path, tmp_path: Path,
                                                                 local_events: list[dict[str, Any]]) -> None:
    out = tmp_path / "out"
    killed: list[int] = []

    def kill_one(result: PartResult | None, summary: RunSummary) -> None:
        if result is not None and not killed:
            pids = client.run(os.getpid)
            victim = next(pid for pid in pids.values() if pid != result.worker_pid)
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    summary = run([str(inputs)], str(out), client, Settings(), per_part=1, on_progress=kill_one)
    assert killed
    assert summary.part_errors == []
    events = [e.to_dict() for e in dataset.read_events(out)]
    assert events == local_events
    assert len({e["id"] for e in events}) == len(events)
    client.wait_for_workers(2, timeout=120)  # the nanny starts the killed worker again


def test_the_client_killed_and_started_again_finishes_the_job(client: Any, inputs: Path, tmp_path: Path,
                                                               local_events: list[dict[str, Any]]) -> None:
    out = tmp_path / "out"
    address = client.scheduler.address
    proc = subprocess.Popen([sys.executable, "-c", "from thucydides.cli import main; main()", "code",
                             "--engine", "dask", "--scheduler", address, str(inputs), "--format", "parquet",
                             "--output", str(out), "--part-size", "1", "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 180
        while len(dataset.part_ids(out)) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    done_before = len(dataset.part_ids(out))
    summary = run([str(inputs)], str(out), client, Settings(), per_part=1)
    assert summary.parts_before >= done_before >= 2 and summary.part_errors == []
    events = [e.to_dict() for e in dataset.read_events(out)]
    assert events == local_events
    assert len({e["id"] for e in events}) == len(events)
    assert dataset.read_manifest(out)["complete"] is True  # type: ignore[index]


def test_a_run_with_other_settings_is_refused(client: Any, inputs: Path, tmp_path: Path) -> None:
    from thucydides.errors import ThucydidesError

    out = tmp_path / "out"
    dataset.write_manifest(out, {"settings": Settings(max_chars=10).manifest(), "parts": []})
    with pytest.raises(ThucydidesError, match="other settings"):
        run([str(inputs)], str(out), client, Settings())
