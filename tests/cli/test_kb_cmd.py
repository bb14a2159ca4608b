"""The resolve-actors command."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from thucydides.cli import main


def test_jsonl_in_jsonl_out(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "Iraqi troops"}) + "\n"
                   + json.dumps({"id": "b", "text": "Angela Merkel", "date": "2023-05-01"}) + "\n",
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["resolve-actors", "--format", "jsonl", str(src)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["id"], r["code"], r["sector"]) for r in rows] == [("a", "IRQ", "MIL"), ("b", "DEU", "ELI")]
    assert set(rows[0]) >= {"id", "text", "code", "sector", "org", "name", "kind", "entry", "why"}


def test_plain_lines_from_stdin() -> None:
    result = CliRunner().invoke(main, ["resolve-actors", "--format", "csv", "-"], input="the Kremlin\nNATO\n")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("id,text,code,sector")
    assert lines[1].startswith("1,the Kremlin,RUS,GOV") and ",IGO," in lines[2]


def test_bad_line_is_reported_and_rest_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "x", "text": "Kyiv"}\n{broken\n{"id": "z", "text": "Moscow"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["resolve-actors", "--format", "jsonl", str(src)])
    assert result.exit_code == 1
    assert "in.jsonl:2" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["code"] for r in rows] == ["UKR", None, "RUS"]
    assert rows[1]["error"]


def test_text_option_and_kb_option(tmp_path: Path) -> None:
    kb = tmp_path / "extra.csv"
    kb.write_text("term,sector,role\nlighthouse keepers,CVL,head\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["resolve-actors", "--kb", str(kb), "--format", "jsonl",
                                       "--text", "lighthouse keepers"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["sector"] == "CVL"


def test_no_date_gives_the_latest_term() -> None:
    result = CliRunner().invoke(main, ["resolve-actors", "--format", "jsonl", "--text", "Angela Merkel"])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)
    assert (row["code"], row["sector"]) == ("DEU", "GOV")
    assert "no date given" in row["why"]
