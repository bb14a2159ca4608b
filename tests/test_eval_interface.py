"""The command-line interface an external scorer relies on: JSONL in, one JSON object per event out.

    thucydides code --input-format jsonl --format jsonl --no-store FILE
    thucydides resolve-actors --format jsonl FILE
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from thucydides.cli import main
from thucydides.model import AUX_MODES, CLAIM_STATUSES, EVENT_TYPES, QUAD

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ACTOR_FIELDS = {"text", "code", "sector"}
EVENT_FIELDS = {"doc_id", "event", "mode", "quad", "actor", "recipient", "date", "date_end", "location",
                "sentence", "claim", "quantities", "aux_mode", "confidence"}

ROWS = [
    {"id": "e1", "text": "Russian forces shelled Kherson on Monday, killing at least 12 civilians, regional "
                         "officials said.", "date": "2024-05-15"},
    {"id": "e2", "text": "Hungary vetoed the EU statement on Georgia on Tuesday."},
    {"id": "e3", "text": "The Turkish foreign minister will visit Cairo next week.", "date": "2024-05-15",
     "source": "Nile Post", "title": "Minister to visit Cairo"},
    {"id": "e4", "text": "The weather was mild and the harvest was good."},
    {"id": "e5", "text": "Kyiv said on Friday that it had repelled a Russian assault near Toretsk. Moscow "
                         "denied the report.", "date": "2024-05-17"},
]
TEXTS = {r["id"]: r["text"] for r in ROWS}


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def lines(result: Result) -> list[dict[str, Any]]:
    out = []
    for line in result.stdout.splitlines():
        obj = json.loads(line)  # every line of standard output is one JSON object
        assert isinstance(obj, dict)
        out.append(obj)
    return out


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = write_jsonl(tmp_path_factory.mktemp("eval") / "rows.jsonl", ROWS)
    result = CliRunner().invoke(main, ["code", "--input-format", "jsonl", "--format", "jsonl", "--no-store",
                                       str(path)])
    assert result.exit_code == 0, result.stderr
    return lines(result)


def check_actor(actor: dict[str, Any]) -> None:
    assert set(actor) >= ACTOR_FIELDS
    assert isinstance(actor["text"], str) and actor["text"]
    assert actor["code"] is None or re.fullmatch(r"[A-Z]{3,4}", actor["code"])


@pytest.mark.model
def test_every_event_has_the_fields_the_scorer_reads(events: list[dict[str, Any]]) -> None:
    assert events
    for ev in events:
        assert set(ev) >= EVENT_FIELDS, EVENT_FIELDS - set(ev)
        assert ev["doc_id"] in TEXTS
        assert ev["event"] in EVENT_TYPES and ev["quad"] == QUAD[ev["event"]]
        assert ev["mode"] is None or isinstance(ev["mode"], str)
        for actor in ev["actor"] + ev["recipient"]:
            check_actor(actor)
        for key in ("date", "date_end"):
            assert ev[key] is None or ISO_DATE.match(ev[key]), ev[key]
        loc = ev["location"]
        assert loc is None or {"name", "country", "admin1", "lat", "lon"} <= set(loc)
        sent = ev["sentence"]
        assert {"index", "text", "start", "end"} <= set(sent)
        assert TEXTS[ev["doc_id"]][sent["start"]:sent["end"]] == sent["text"]
        claim = ev["claim"]
        assert {"status", "claimant", "confirmed_by", "denied_by"} <= set(claim)
        assert claim["status"] in CLAIM_STATUSES
        for actor in ([claim["claimant"]] if claim["claimant"] else []) + claim["confirmed_by"] + claim["denied_by"]:
            check_actor(actor)
        for q in ev["quantities"]:
            assert {"value", "qualifier", "unit", "text"} <= set(q)
            assert isinstance(q["value"], int | float)
        assert ev["aux_mode"] is None or ev["aux_mode"] in AUX_MODES
        assert 0.0 <= ev["confidence"] <= 1.0


@pytest.mark.model
def test_the_values_a_scorer_checks(events: list[dict[str, Any]]) -> None:
    shelling = next(e for e in events if e["doc_id"] == "e1" and e["location"])
    assert (shelling["event"], shelling["quad"]) == ("ASSAULT", 4)
    assert [(a["code"], a["sector"]) for a in shelling["actor"]] == [("RUS", "MIL")]
    assert shelling["date"] == "2024-05-13"  # the Monday before the publication date
    assert (shelling["location"]["name"], shelling["location"]["country"]) == ("Kherson", "UKR")
    assert shelling["claim"]["status"] == "claimed"
    counts = [q for e in events if e["doc_id"] == "e1" for q in e["quantities"]]
    assert any(q["value"] == 12 and q["qualifier"] == "at least" for q in counts)
    veto = next(e for e in events if e["doc_id"] == "e2")
    assert veto["event"] == "REJECT" and [a["code"] for a in veto["actor"]] == ["HUN"]
    visit = next(e for e in events if e["doc_id"] == "e3")
    assert [a["code"] for a in visit["actor"]] == ["TUR"] and visit["location"]["country"] == "EGY"
    assert (visit["date"], visit["date_end"]) == ("2024-05-20", "2024-05-26")  # "next week"
    assert not [e for e in events if e["doc_id"] == "e4"]


@pytest.mark.model
def test_a_denial_in_the_next_sentence_is_in_the_claim(events: list[dict[str, Any]]) -> None:
    assault = next(e for e in events if e["doc_id"] == "e5" and e["event"] == "ASSAULT")
    assert "RUS" in {a["code"] for a in assault["claim"]["denied_by"]}


@pytest.mark.model
def test_a_broken_line_is_reported_and_the_rest_is_coded(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps(ROWS[1]) + "\n" + '{"id": "bad", "text": \n' + json.dumps(ROWS[2]) + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["code", "--input-format", "jsonl", "--format", "jsonl", "--no-store",
                                       str(path)])
    assert result.exit_code == 1
    assert f"{path}:2:" in result.stderr
    assert {e["doc_id"] for e in lines(result)} == {"e2", "e3"}


@pytest.mark.model
def test_the_installed_command_writes_only_events_on_standard_output(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "thucydides"
    assert script.exists(), "the thucydides console script is not installed next to this Python"
    path = write_jsonl(tmp_path / "rows.jsonl", ROWS[:2])
    proc = subprocess.run([str(script), "code", "--input-format", "jsonl", "--format", "jsonl", "--no-store",
                           str(path)], capture_output=True, text=True, timeout=120, check=False,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {e["doc_id"] for e in out} == {"e1", "e2"}
    assert "2 document(s): 2 coded" in proc.stderr
    assert list(tmp_path.iterdir()) == [path]  # --no-store: no ledger file appears


ACTOR_ROWS = [
    {"id": "a1", "text": "the Russian Defence Ministry"},
    {"id": "a2", "text": "Ukrainian border guards"},
    {"id": "a3", "text": "French President Emmanuel Macron", "date": "2024-01-10"},
    {"id": "a4", "text": "protesters in Tbilisi"},
    {"id": "a5", "text": "a man walking his dog"},
]


def test_resolve_actors_writes_id_code_sector_per_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "actors.jsonl", ACTOR_ROWS)
    result = CliRunner().invoke(main, ["resolve-actors", "--format", "jsonl", str(path)])
    assert result.exit_code == 0, result.stderr
    out = lines(result)
    assert [r["id"] for r in out] == ["a1", "a2", "a3", "a4", "a5"]
    assert all({"id", "code", "sector"} <= set(r) for r in out)
    got = {r["id"]: (r["code"], r["sector"]) for r in out}
    assert got["a1"] == ("RUS", "MIL")
    assert got["a2"] == ("UKR", "MIL")
    assert got["a3"] == ("FRA", "GOV")
    assert got["a4"] == ("GEO", "CVL")
    assert got["a5"][0] is None


def test_resolve_actors_reports_a_broken_line_and_keeps_going(tmp_path: Path) -> None:
    path = tmp_path / "actors.jsonl"
    path.write_text(json.dumps(ACTOR_ROWS[0]) + "\n{not json\n" + json.dumps(ACTOR_ROWS[1]) + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["resolve-actors", "--format", "jsonl", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2" in result.stderr
    out = lines(result)
    assert [(r["id"], r["code"]) for r in out] == [("a1", "RUS"), ("2", None), ("a2", "UKR")]
