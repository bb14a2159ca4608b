"""The query commands: events, incidents, claims, quotes and documents from a ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ledger.test_ledger import fill  # tests/ is on sys.path (pytest pythonpath)
from thucydides.cli import main
from thucydides.ledger import Ledger


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "query.db")
    with Ledger(path) as led:
        fill(led)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_events_table_and_filters(db: str) -> None:
    code, out, _ = run("events", "--db", db)
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:4] == ["date", "event", "actor", "recipient"]
    assert len(lines) == 2 + 5 and all(len(line) <= 120 for line in lines)
    code, out, _ = run("events", "--db", db, "--event", "protest", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["event"], r["actor"][0]["code"], r["location"]["name"]) for r in rows] == [
        ("PROTEST", "GEO", "Tbilisi")]
    code, out, _ = run("events", "--db", db, "--actor", "rus", "--since", "2024-03-06", "--format", "csv")
    assert code == 0 and len(out.splitlines()) == 1 + 2 and "2024-03-06" in out
    _, out, _ = run("events", "--db", db, "--real", "--quad", "4", "--text", "depot", "--limit", "1",
                    "--format", "jsonl")
    assert [json.loads(line)["event"] for line in out.splitlines()] == ["ASSAULT"]
    _, out, _ = run("events", "--db", db, "--aux-mode", "hypothetical", "--format", "jsonl")
    assert [json.loads(line)["event"] for line in out.splitlines()] == ["THREATEN"]


@pytest.mark.parametrize("args, message", [
    (("events", "--since", "05/03/2024"), "'05/03/2024' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"),
    (("incidents", "--until", "2024-13"), "'2024-13' is not a date"),
    (("events", "--event", "BOMBING"), "unknown PLOVER event type 'BOMBING'"),
])
def test_bad_input_exits_2_with_the_message(db: str, args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*args, "--db", db)
    assert code == 2 and message in err and out == ""


def test_incidents(db: str) -> None:
    code, out, _ = run("incidents", "--db", db, "--corroborated")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3 and all(len(line) <= 120 for line in lines)
    assert "confirmed-by-adversary" in lines[2] and "RUS" in lines[2] and "Kharkiv" in lines[2]
    _, out, _ = run("incidents", "--db", db, "--place", "Tbilisi", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["event"], r["actor"], r["sources"], r["status"]) for r in rows] == [
        ("PROTEST", ["GEO"], 1, "single-source")]
    _, out, _ = run("incidents", "--db", db, "--disputed")
    assert len(out.splitlines()) == 2  # header only
    _, out, _ = run("incidents", "--db", db, "--actor", "UKR", "--since", "2024-03", "--until", "2024-03",
                    "--format", "jsonl")
    assert [len(json.loads(line)["reports"]) for line in out.splitlines()] == [3]


def test_claims_quotes_documents(db: str) -> None:
    _, out, _ = run("claims", "--db", db, "--by", "UKR", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["claimant"]["code"], [c["code"] for c in r["confirmed_by"]]) for r in rows] == [
        ("UKR", []), ("UKR", ["RUS"])]
    code, out, _ = run("quotes", "--db", db, "--speaker", "ukr")
    assert code == 0 and "We will rebuild the depot" in out and "the mayor" in out
    _, out, _ = run("documents", "--db", db, "--status", "failed", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["status"], r["error"]) for r in rows] == [("failed", "coding failed (made-up error)")]
    code, out, _ = run("documents", "--db", db)
    assert code == 0 and len(out.splitlines()) == 2 + 5 and all(len(line) <= 120 for line in out.splitlines())


def test_output_file(db: str, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    code, out, _ = run("events", "--db", db, "--format", "csv", "--output", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").splitlines()[0].startswith("event,")
