"""What a new or hostile user feeds `thucydides`: nothing lost without a word, one clear line instead of a
traceback, the right exit status (issue 12)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from thucydides.cli import main
from thucydides.ledger import Ledger

ARTICLE_A = "Latvia expelled two Belarusian diplomats on Tuesday."
ARTICLE_B = "Georgian police detained thirty protesters in Tbilisi on Monday."
ARTICLE_C = "Poland condemned the border incident on Monday."


def cli(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


# -- rejected before any work -----------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (("--batch-size", "0"), "--batch-size"),
    (("--n-process", "0"), "--n-process"),
    (("--max-chars", "-1"), "--max-chars"),
])
def test_zero_sizes_are_rejected(tmp_path: Path, args: tuple[str, ...], expected: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    result = cli("code", str(tmp_path / "a.txt"), "--no-store", *args)
    assert result.exit_code == 2 and expected in result.stderr and "Traceback" not in result.stderr


def test_output_to_a_missing_folder_is_checked_before_coding(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    missing = tmp_path / "no-such-folder" / "out.csv"
    result = cli("code", str(tmp_path / "a.txt"), "--format", "csv", "--output", str(missing),
                 "--db", str(tmp_path / "l.db"))
    assert result.exit_code == 1 and "no folder" in result.stderr and "document(s)" not in result.stderr
    assert not (tmp_path / "l.db").exists()  # nothing was coded or stored
    result = cli("code", str(tmp_path / "a.txt"), "--format", "parquet", "--no-store")
    assert result.exit_code == 1 and "needs a file" in result.stderr and "document(s)" not in result.stderr


@pytest.mark.parametrize("db", ["not-a-scheme://x/y", "{tmp}/missing/folder/l.db", "{tmp}/text.txt", "{tmp}"])
def test_bad_db_values_are_one_line(tmp_path: Path, db: str) -> None:
    (tmp_path / "text.txt").write_text("just some notes, not a database\n" * 50, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    result = cli("code", str(tmp_path / "a.txt"), "--db", db.format(tmp=tmp_path))
    assert result.exit_code == 1 and "cannot open the ledger" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_query_commands_do_not_create_a_ledger(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    result = cli("events", "--db", str(typo))
    assert result.exit_code == 2 and "no ledger at" in result.stderr and not typo.exists()


def test_password_is_masked() -> None:
    from thucydides.errors import mask_url

    assert mask_url("postgresql+psycopg://ana:s3cret@db.example/events") == \
        "postgresql+psycopg://ana:***@db.example/events"
    assert mask_url("ledger.db") == "ledger.db"


def test_symlink_loop_is_skipped_with_a_warning(tmp_path: Path) -> None:
    from thucydides.ingest.readers import iter_files

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    os.symlink(tmp_path / "news", tmp_path / "news" / "loop")
    warnings: list[str] = []
    assert [Path(p).name for p in iter_files(str(tmp_path / "news"), warnings.append)] == ["a.txt"]
    assert len(warnings) == 1 and "already read" in warnings[0]


# -- coding (the model) -----------------------------------------------------------------------------------

@pytest.mark.model
def test_same_id_different_text_is_never_dropped(tmp_path: Path) -> None:
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    one.write_text(f'id,text\n1,"{ARTICLE_A}"\n', encoding="utf-8")
    two.write_text(f'id,text\n1,"{ARTICLE_B}"\n', encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "x", "text": ARTICLE_A}) + "\n" + json.dumps({"id": "x", "text": ARTICLE_C})
                    + "\n", encoding="utf-8")
    db = str(tmp_path / "l.db")
    first = cli("code", str(one), "--db", db, "--format", "jsonl")
    second = cli("code", str(two), str(feed), "--db", db, "--format", "jsonl")
    assert first.exit_code == 0 and second.exit_code == 0, second.stderr
    assert f"{two}:2: id '1' is already used by a different document" in second.stderr
    assert f"{feed}:2: id 'x' is already used by a different document" in second.stderr
    with Ledger(db) as led:
        docs = led.documents()
        assert sorted(d.path or "" for d in docs) == sorted([f"{one}:2", f"{two}:2", f"{feed}:1", f"{feed}:2"])
        assert {e.event for e in led.events()} >= {"SANCTION", "COERCE", "ACCUSE"}
        assert len({e.doc_id for e in led.events()}) == 4


@pytest.mark.model
def test_storage_failure_of_one_document_does_not_stop_the_batch(tmp_path: Path) -> None:
    import sqlite3

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    bad_name = os.fsdecode(b"c-\xff.txt")
    (folder / bad_name).write_text(ARTICLE_C, encoding="utf-8")
    db = str(tmp_path / "l.db")
    Ledger(db).close()
    with sqlite3.connect(db) as conn:  # the ledger refuses one document, as a full disk or a broken file would
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON documents WHEN NEW.path LIKE '%a.txt' "
                     "BEGIN SELECT RAISE(ABORT, 'made-up storage failure'); END")
    result = cli("code", str(folder), "--db", db, "--no-progress")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert f"{folder / 'a.txt'}: not stored in the ledger" in result.stderr and "made-up storage failure" in result.stderr
    assert "3 coded" in result.stderr and "1 document(s) NOT stored" in result.stderr
    with Ledger(db) as led:
        assert sorted(Path(d.path or "").name for d in led.documents()) == ["b.txt", "c-\\xff.txt"]


@pytest.mark.model
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc for the worker processes")
@pytest.mark.parametrize("how", ["ctrl-c", "kill -9"])
def test_interrupted_parallel_run_leaves_no_workers(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:03d}.txt").write_text(f"{ARTICLE_A} {ARTICLE_B} Item {i}.", encoding="utf-8")
    proc = subprocess.Popen([str(Path(sys.executable).parent / "thucydides"), "code", str(folder), "--n-process", "2",
                             "--batch-size", "4", "--db", str(tmp_path / "l.db"), "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _interrupt(proc, how)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    if how == "ctrl-c":
        with Ledger(str(tmp_path / "l.db")) as led:  # consistent: every stored document is complete
            assert all(d.status == "coded" for d in led.documents())


def _interrupt(proc: Any, how: str) -> None:
    workers: list[int] = []
    for _ in range(600):  # until both workers are up (the model loads first)
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        workers = [int(p) for p in children.read_text().split()] if children.exists() else []
        if len(workers) >= 2:
            break
        time.sleep(0.1)
    assert len(workers) >= 2
    time.sleep(1.0)
    if how == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130 and "Traceback" not in err, err
        assert "interrupted after" in err.splitlines()[-1]
    else:
        proc.kill()
        proc.communicate(timeout=60)
    for _ in range(100):
        alive = [w for w in workers if Path(f"/proc/{w}").exists() and "zombie" not in _state(w)]
        if not alive:
            break
        time.sleep(0.1)
    assert alive == []


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0].lower()
    except (OSError, IndexError):
        return "zombie"


# -- left over from the first round: bad values, bad files, what reaches the terminal ----------------------

def small_ledger(path: Path, sentence: str = "Poland condemned Russia on Monday.") -> str:
    """A ledger with one hand-built event (no model needed)."""
    from thucydides.model import Actor, Document, Event, Sentence

    doc = Document(text=sentence, date="2025-05-21", status="coded")
    ev = Event(event="ACCUSE", doc_id=doc.id, actor=[Actor(text="Poland", code="POL")],
               recipient=[Actor(text="Russia", code="RUS")], date="2025-05-19", confidence=0.9,
               sentence=Sentence(index=0, text=sentence, start=0, end=len(sentence)))
    ev.assign_id()
    with Ledger(str(path)) as led:
        led.store(doc, [ev])
    return str(path)


def test_resolve_actors_reads_a_latin1_file_and_rejects_a_binary_one(tmp_path: Path) -> None:
    latin1 = tmp_path / "phrases.txt"
    latin1.write_bytes("the Kremlin\nthe Élysée Palace\n".encode("latin-1"))
    result = cli("resolve-actors", str(latin1), "--format", "jsonl")
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    rows = [json.loads(r) for r in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == ["the Kremlin", "the Élysée Palace"] and rows[0]["code"] == "RUS"
    binary = tmp_path / "phrases.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = cli("resolve-actors", str(binary))
    assert result.exit_code == 1 and "this is a binary file" in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_huge_limit_means_all_and_negative_is_rejected(tmp_path: Path) -> None:
    db = small_ledger(tmp_path / "l.db")
    result = cli("events", "--db", db, "--limit", "99999999999999999999", "--format", "jsonl")
    assert result.exit_code == 0 and [json.loads(r)["event"] for r in result.stdout.splitlines()] == ["ACCUSE"]
    result = cli("events", "--db", db, "--limit", "-5")
    assert result.exit_code == 2 and "--limit" in result.stderr and "Traceback" not in result.output
    from thucydides.errors import ThucydidesError

    with Ledger(db) as led, pytest.raises(ThucydidesError, match="limit -1 is below 0"):
        led.events(limit=-1)


@pytest.mark.parametrize("args", [("events", "--event", ""), ("events", "--actor", "  "), ("incidents", "--actor", ""),
                                  ("claims", "--by", ""), ("quotes", "--speaker", ""), ("events", "--text", "")])
def test_empty_filters_are_rejected_not_ignored(tmp_path: Path, args: tuple[str, ...]) -> None:
    db = small_ledger(tmp_path / "l.db")
    result = cli(*args, "--db", db)
    assert result.exit_code == 2 and "an empty value filters nothing" in result.stderr


def test_table_output_escapes_terminal_control_characters(tmp_path: Path) -> None:
    hostile = "\x1b[31mPoland condemned Russia\x07 on \u202eMonday\u200b."
    db = small_ledger(tmp_path / "l.db", hostile)
    result = cli("events", "--db", db)
    assert result.exit_code == 0
    assert not any(ch in result.stdout for ch in "\x1b\x07\u202e\u200b")
    assert "\\x1b[31mPol" in result.stdout  # shown, escaped: the user sees what the article holds


def test_unreachable_postgresql_is_one_line() -> None:
    pytest.importorskip("psycopg")
    with socket.socket() as sock:  # a local port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql+psycopg://ana:s3cret@127.0.0.1:{port}/events"
    for args in (("events",), ("code", "-", "--no-progress")):
        result = cli(*args, "--db", url, stdin=ARTICLE_A)
        assert result.exit_code in (1, 2) and "cannot open the ledger" in result.stderr
        assert "s3cret" not in result.stderr and "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_ledger_in_a_read_only_folder_can_be_queried() -> None:
    folder = Path(tempfile.mkdtemp(prefix="thuc-ro-"))  # not under pytest's private tmp: another user reads it
    try:
        folder.chmod(0o755)
        db = small_ledger(folder / "l.db")
        Path(db).chmod(0o444)
        folder.chmod(0o555)
        # root may write anywhere: run as nobody to see what a user without write permission sees
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
        if prefix and shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv")
        exe = str(Path(sys.executable).parent / "thucydides")
        out = subprocess.run([*prefix, exe, "events", "--db", db, "--format", "jsonl"], capture_output=True,
                             text=True, timeout=120, env={**os.environ, "HOME": str(folder)})
        assert out.returncode == 0, out.stderr
        assert [json.loads(r)["event"] for r in out.stdout.splitlines()] == ["ACCUSE"]
        assert sorted(p.name for p in folder.iterdir()) == ["l.db"]  # nothing written beside it
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_table_fits_the_terminal_width(tmp_path: Path) -> None:
    db = small_ledger(tmp_path / "l.db", "Poland condemned Russia on Monday, " * 5)
    wide = CliRunner().invoke(main, ["events", "--db", db], env={"COLUMNS": "0"})
    narrow = CliRunner().invoke(main, ["events", "--db", db], env={"COLUMNS": "100"})
    assert max(len(line) for line in wide.stdout.splitlines()) > 100
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 100
