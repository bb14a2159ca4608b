"""`thucydides code`: every input kind and output format, the ledger, bad input, and a killed run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from thucydides.cli import main
from thucydides.ingest.readers import split_front_matter
from thucydides.ledger import Ledger

pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
KYIV_VISIT = EXAMPLES / "diplomacy-kyiv-visit-2025-04-08.txt"


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, ["code", *args], input=stdin)


def jsonl(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_text_file_with_front_matter(tmp_path: Path) -> None:
    result = run(str(KYIV_VISIT), "--format", "jsonl", "--db", str(tmp_path / "l.db"))
    assert result.exit_code == 0, result.stderr
    rows = jsonl(result)
    assert len(rows) >= 5
    _, meta = split_front_matter(KYIV_VISIT.read_text(encoding="utf-8"))
    assert {r["source"] for r in rows} == {meta["source"]}
    assert {r["title"] for r in rows} == {meta["title"]}
    assert len({r["doc_id"] for r in rows}) == 1
    assert "CONSULT" in {r["event"] for r in rows}
    assert "1 document(s): 1 coded" in result.stderr


def test_jsonl_feed_keeps_ids_and_dates(tmp_path: Path) -> None:
    result = run(str(EXAMPLES / "feed.jsonl"), "--format", "jsonl", "--no-store")
    assert result.exit_code == 0, result.stderr
    rows = jsonl(result)
    assert {r["doc_id"] for r in rows} == {"feed-001", "feed-002", "feed-003"}
    sikorski = [r for r in rows if r["doc_id"] == "feed-001"]
    assert any(r["event"] == "CONSULT" and {a["code"] for a in r["actor"]} == {"POL"} for r in sikorski)
    assert {r["date"] for r in sikorski} == {"2025-02-06"}  # "on Thursday" before the 6 Feb 2025 dateline


def test_html_page_reads_meta_tags(tmp_path: Path) -> None:
    result = run(str(EXAMPLES / "page.html"), "--format", "jsonl", "--no-store")
    assert result.exit_code == 0, result.stderr
    rows = jsonl(result)
    assert rows and {r["source"] for r in rows} == {"Meridian Wire"}
    assert all(r["sentence"]["text"] and "cookie" not in r["sentence"]["text"].lower() for r in rows)
    assert any(r["date"] == "2025-05-23" for r in rows)


def test_csv_file_written_by_the_user(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_text('id,date,source,text\n'
                    'lv-1,2024-05-14,Baltic Courier,"Latvia expelled two Belarusian diplomats on Tuesday."\n'
                    'ge-1,2024-05-13,Caucasus Daily,"Georgian police detained thirty protesters in Tbilisi '
                    'on Monday."\n', encoding="utf-8")
    result = run(str(path), "--format", "jsonl", "--no-store")
    assert result.exit_code == 0, result.stderr
    by_doc = {r["doc_id"]: r for r in jsonl(result)}
    assert by_doc["lv-1"]["event"] == "SANCTION" and by_doc["lv-1"]["mode"] == "expel"
    assert [a["code"] for a in by_doc["lv-1"]["actor"]] == ["LVA"]
    assert [a["code"] for a in by_doc["lv-1"]["recipient"]] == ["BLR"]
    assert by_doc["lv-1"]["date"] == "2024-05-14" and by_doc["lv-1"]["source"] == "Baltic Courier"
    assert by_doc["ge-1"]["location"]["name"] == "Tbilisi"


def test_folder_codes_every_article(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    result = run(str(EXAMPLES), "--format", "jsonl", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    rows = jsonl(result)
    assert "11 document(s): 11 coded" in result.stderr
    assert len({r["doc_id"] for r in rows}) == 11
    with Ledger(str(db)) as led:
        stats = led.stats()
        shown, stored = led.events(), led.events(include_dropped=True)
    assert stats["document_status"] == {"coded": 11}
    assert len(shown) == len(rows) and {e.dropped for e in shown} == {None}  # the default output
    assert stats["events"] == len(stored) > len(rows)  # the ledger keeps the candidates too


def test_standard_input_dash() -> None:
    text = "Georgian police detained thirty protesters outside parliament in Tbilisi on Monday.\n"
    result = run("-", "--format", "jsonl", "--no-store", stdin=text.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    [row] = jsonl(result)
    assert row["event"] == "COERCE" and [a["code"] for a in row["actor"]] == ["GEO"]
    assert row["sentence"]["text"] == text.strip()


def test_standard_input_in_a_real_process() -> None:
    feed = json.dumps({"id": "pipe-1", "text": "Moldova expelled a Russian diplomat on Tuesday.",
                       "date": "2024-05-14"}) + "\n"
    proc = subprocess.run([sys.executable, "-c", "from thucydides.cli import main; main()", "code", "-",
                           "--input-format", "jsonl", "--format", "jsonl", "--no-store"],
                          input=feed.encode("utf-8"), capture_output=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    [row] = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert (row["doc_id"], row["event"], row["date"]) == ("pipe-1", "SANCTION", "2024-05-14")


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_table_and_csv_output(fmt: str) -> None:
    result = run(str(EXAMPLES / "feed.jsonl"), "--format", fmt, "--no-store")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    if fmt == "table":
        assert lines[0].split()[:4] == ["event", "mode", "actor", "recipient"]
        assert any(line.startswith("CONSULT") and "POL" in line for line in lines[2:])
    else:
        import csv

        rows = list(csv.DictReader(lines))
        assert {"doc_id", "event", "actor", "recipient", "sentence.text"} <= set(rows[0])
        assert {r["doc_id"] for r in rows} == {"feed-001", "feed-002", "feed-003"}
        assert any(r["event"] == "CONSULT" and r["actor"] == "POL" for r in rows)


def test_parquet_output_is_readable(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    result = run(str(EXAMPLES / "feed.jsonl"), "--format", "parquet", "--output", str(out), "--no-store")
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(out)
    assert table.num_rows >= 3
    assert {"doc_id", "event", "actor", "date"} <= set(table.column_names)
    assert set(table.column("doc_id").to_pylist()) == {"feed-001", "feed-002", "feed-003"}


def test_parquet_to_the_terminal_is_refused() -> None:
    result = run(str(EXAMPLES / "feed.jsonl"), "--format", "parquet", "--no-store")
    assert result.exit_code != 0
    assert "--output" in result.stderr


def test_no_store_writes_no_database(tmp_path: Path) -> None:
    db = tmp_path / "never.db"
    result = run(str(EXAMPLES / "feed.jsonl"), "--format", "jsonl", "--no-store", "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert jsonl(result)
    assert not db.exists() and list(tmp_path.iterdir()) == []


def test_storing_twice_adds_no_rows(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    first = run(str(EXAMPLES), "--format", "jsonl", "--db", db)
    assert first.exit_code == 0, first.stderr
    with Ledger(db) as led:
        before = led.stats()
    again = run(str(EXAMPLES), "--format", "jsonl", "--db", db)
    assert again.exit_code == 0, again.stderr
    with Ledger(db) as led:
        assert led.stats() == before
    assert "11 already in the ledger" in again.stderr and ", 0 new in" in again.stderr
    assert sorted(r["id"] for r in jsonl(again)) == sorted(r["id"] for r in jsonl(first))


def write_bad_batch(folder: Path) -> None:
    folder.mkdir()
    lines = [
        json.dumps({"id": "ok-1", "text": "Georgian police detained thirty protesters outside parliament in "
                                          "Tbilisi on Monday.", "date": "2024-05-13"}),
        '{"id": "broken", "text": "the line stops here',
        json.dumps({"id": "blank", "text": "   "}),
        json.dumps({"id": "ok-2", "text": "Moldova expelled a Russian diplomat on Tuesday.", "date": "2024-05-14"}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "garbled.txt").write_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 50 + bytes(range(1, 31)) * 10)
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (folder / "huge.txt").write_text("Officials met in Riga on Monday. " * 160_000, encoding="utf-8")
    (folder / "francais.txt").write_text(
        "Le ministre des Affaires étrangères a rencontré son homologue polonais à Varsovie lundi. Les deux "
        "hommes ont parlé de la sécurité aux frontières et de l'aide à l'Ukraine, selon un communiqué publié "
        "dans la soirée. Ils doivent se revoir le mois prochain à Bruxelles pour une réunion européenne.",
        encoding="utf-8")
    (folder / "ok.txt").write_text("---\ntitle: Expulsion\ndate: 2024-05-14\nsource: Baltic Courier\n---\n"
                                   "Latvia expelled two Belarusian diplomats on Tuesday.\n", encoding="utf-8")


def test_bad_documents_are_named_recorded_and_the_rest_is_coded(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    write_bad_batch(folder)
    db = str(tmp_path / "l.db")
    result = run(str(folder), "--format", "jsonl", "--db", db)
    assert result.exit_code == 1
    err = result.stderr
    for where, words in ((f"{folder}/feed.jsonl:2", "not a JSON object"),
                         (f"{folder}/feed.jsonl:3", "empty"),
                         (f"{folder}/garbled.txt", "not text in any known encoding"),
                         (f"{folder}/picture.png", "binary file"),
                         (f"{folder}/huge.txt", "over the limit"),
                         (f"{folder}/francais.txt", "does not look like English")):
        assert any(where + ":" in line and words in line for line in err.splitlines()), (where, err)
    assert err.rstrip().splitlines()[-1].startswith("thucydides: 9 document(s): 3 coded, 0 already in the "
                                                    "ledger, 4 failed, 2 skipped; 3 event(s)")
    rows = jsonl(result)
    assert sorted(r["event"] for r in rows) == ["COERCE", "SANCTION", "SANCTION"]
    assert {"ok-1", "ok-2"} <= {r["doc_id"] for r in rows}
    with Ledger(db) as led:
        docs = led.documents()
        assert led.stats()["document_status"] == {"coded": 3, "failed": 4, "skipped": 2}
    by_path = {d.path: d for d in docs}
    assert by_path[f"{folder}/feed.jsonl:2"].status == "failed"
    assert by_path[f"{folder}/francais.txt"].status == "skipped"
    assert by_path[f"{folder}/huge.txt"].error is not None and "--max-chars" in by_path[f"{folder}/huge.txt"].error


def test_skipped_only_batch_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n\n", encoding="utf-8")
    result = run(str(path), "--no-store")
    assert result.exit_code == 0
    assert "empty" in result.stderr and "1 skipped" in result.stderr


def test_missing_path_is_an_error_naming_it(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nowhere.txt"), "--no-store")
    assert result.exit_code != 0
    assert "nowhere.txt: no such file or folder" in result.stderr


# --- a killed run --------------------------------------------------------------------------------------

def write_copies(folder: Path, n: int = 40) -> None:
    """n distinct articles: the example articles in turn, each with its own front-matter id and title."""
    folder.mkdir()
    sources = sorted(EXAMPLES.glob("*.txt"))
    for i in range(n):
        body, meta = split_front_matter(sources[i % len(sources)].read_text(encoding="utf-8"))
        front = (f"---\nid: copy-{i:03d}\ntitle: {meta['title']} (copy {i})\ndate: {meta['date']}\n"
                 f"source: {meta['source']}\n---\n")
        (folder / f"article-{i:03d}.txt").write_text(front + body, encoding="utf-8")


def coded_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents WHERE status = 'coded'").fetchone()[0])
    except sqlite3.Error:
        return 0


def check_consistent(db: Path) -> None:
    with sqlite3.connect(str(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        mismatched = conn.execute(
            "SELECT d.id FROM documents d WHERE d.n_events != "
            "(SELECT count(*) FROM events e WHERE e.doc_id = d.id)").fetchall()
        assert mismatched == []
        orphans = conn.execute(
            "SELECT count(*) FROM incident_reports r LEFT JOIN events e ON e.id = r.event_id "
            "WHERE e.id IS NULL").fetchone()[0]
        assert orphans == 0


def test_killed_run_leaves_a_consistent_ledger_and_a_rerun_completes_it(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    write_copies(folder)
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-c", "from thucydides.cli import main; main()", "code",
                             str(folder), "--db", str(db), "--format", "jsonl", "--batch-size", "4",
                             "--no-progress"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while coded_documents(db) < 4 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the run finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    with Ledger(str(db)) as led:  # opens after the kill
        partial = led.stats()
    assert 4 <= partial["document_status"]["coded"] < 40
    check_consistent(db)

    rerun = run(str(folder), "--format", "jsonl", "--db", str(db))
    assert rerun.exit_code == 0, rerun.stderr
    assert f"{partial['document_status']['coded']} already in the ledger" in rerun.stderr
    clean_db = tmp_path / "clean.db"
    clean = run(str(folder), "--format", "jsonl", "--db", str(clean_db))
    assert clean.exit_code == 0, clean.stderr
    check_consistent(db)
    with Ledger(str(db)) as led, Ledger(str(clean_db)) as clean_led:
        resumed, single = led.stats(), clean_led.stats()
    assert resumed["document_status"] == {"coded": 40}
    assert resumed == single
    assert sorted(r["id"] for r in jsonl(rerun)) == sorted(r["id"] for r in jsonl(clean))
