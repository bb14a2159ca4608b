"""Nothing is lost: the default output is one record per happening; --candidates and --min-confidence 0
show what was left out with the reason; the ledger keeps it all and its queries leave it out by default."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

from thucydides.cli import main
from thucydides.ledger import Ledger

ARTICLE = {"id": "shelling-1", "date": "2024-03-06", "source": "Valley Herald",
           "text": ("Syrian government forces shelled the town of Saraqib on Monday, residents said. The shelling "
                    "killed four civilians, according to a local clinic. Opposition activists said Monday's "
                    "attack was the heaviest on the town this year.")}


def code(tmp_path: Path, *args: str) -> Result:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    return CliRunner().invoke(main, ["code", "--input-format", "jsonl", "--format", "jsonl", *args, str(path)])


def rows(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.mark.model
def test_code_prints_one_record_per_happening_and_candidates_on_request(tmp_path: Path) -> None:
    default = rows(code(tmp_path, "--no-store"))
    assaults = [r for r in default if r["event"] == "ASSAULT"]
    assert len(assaults) == 1 and {r["dropped"] for r in default} == {None}
    assert [m["trigger"] for m in assaults[0]["mentions"]] == ["shelled", "shelling", "killed", "attack"]
    everything = rows(code(tmp_path, "--no-store", "--candidates"))
    assert {r["dropped"] for r in everything} >= {None, "duplicate mention"} and len(everything) > len(default)
    assert rows(code(tmp_path, "--no-store", "--min-confidence", "0")) == everything
    floor = min(r["confidence"] for r in default)
    assert rows(code(tmp_path, "--no-store", "--min-confidence", str(floor))) == default
    assert rows(code(tmp_path, "--no-store", "--min-confidence", str(min(1.0, floor + 0.005)))) == [
        r for r in default if r["confidence"] >= floor + 0.005]
    table = CliRunner().invoke(main, ["code", "--no-store", "--candidates", "--input-format", "jsonl",
                                      str(tmp_path / "in.jsonl")])
    assert "dropped" in table.stdout.splitlines()[0] and "duplicate mention" in table.stdout


@pytest.mark.model
def test_the_ledger_keeps_candidates_and_mentions_and_a_rerun_adds_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    default = rows(code(tmp_path, "--db", db))
    everything = rows(code(tmp_path, "--db", db, "--candidates"))  # from the ledger this time
    assert "1 already in the ledger" in CliRunner().invoke(
        main, ["code", "--input-format", "jsonl", "--db", db, str(tmp_path / "in.jsonl")]).stderr
    with Ledger(db) as led:
        assert sorted(e.id for e in led.events()) == sorted(r["id"] for r in default)
        assert sorted(e.id for e in led.events(include_dropped=True)) == sorted(r["id"] for r in everything)
        assert len(led.events(text="heaviest")) == 1  # found by a later mention's sentence
        with led.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM mentions")).scalar() == sum(
                len(r["mentions"]) for r in everything)
        filed = {r.event_id for i in led.incidents() for r in i.reports}
        assert filed and filed <= {r["id"] for r in default}  # incidents from kept events only
    events = CliRunner().invoke(main, ["events", "--db", db, "--format", "jsonl"])
    listed = [json.loads(line) for line in events.stdout.splitlines()]
    assert sorted(r["id"] for r in listed) == sorted(r["id"] for r in default)
    candidates = CliRunner().invoke(main, ["events", "--db", db, "--format", "jsonl", "--candidates"])
    assert len(candidates.stdout.splitlines()) == len(everything)
