"""The `alliance` and `exposure` commands."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from thucydides.cli import main


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_alliance_lists_members_with_join_dates() -> None:
    code, out, _ = _run("alliance", "NATO", "--on", "2023-06-11")
    assert code == 0
    finland = next(line for line in out.splitlines() if line.startswith("FIN"))
    assert "2023-04-04" in finland
    assert not any(line.startswith("SWE") for line in out.splitlines())
    assert "31 members" in out


def test_alliance_as_jsonl() -> None:
    code, out, _ = _run("alliance", "EU", "--on", "2021-01-01", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 27
    assert "GBR" not in {r["state"] for r in rows}


def test_alliance_history_shows_leavers(tmp_path: Path) -> None:
    target = tmp_path / "eu.csv"
    code, _, _ = _run("alliance", "EU", "--history", "--format", "csv", "--output", str(target))
    assert code == 0
    uk = [line for line in target.read_text(encoding="utf-8").splitlines() if line.startswith("GBR,")]
    assert uk and "2020-01-31" in uk[0]


def test_exposure_now_and_if_ukraine_joined_nato() -> None:
    code, out, _ = _run("exposure", "UKR", "--attacker", "RUS", "--on", "2023-06-11", "--if-joins", "NATO")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("if UKR joins NATO")]
    assert len(rows) == 31
    assert not any(line.startswith("now") for line in out.splitlines())
    assert "0 states bound now, 31 if it joins NATO" in out
    assert "no treaty ally is bound to defend Ukraine" in out


def test_exposure_jsonl_keeps_notes_off_stdout() -> None:
    code, out, err = _run("exposure", "Estonia", "--attacker", "Russia", "--on", "2023-06-11", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["article"] for r in rows} == {"5", "42(7)"}
    assert "attacked by Russia" in err


def test_unknown_names_fail_with_a_message() -> None:
    code, _, err = _run("alliance", "Warsaw Pact")
    assert code == 1 and "unknown alliance or organisation 'Warsaw Pact'" in err
    code, _, err = _run("exposure", "Atlantis", "--attacker", "RUS")
    assert code == 1 and "unknown state 'Atlantis'" in err
    code, _, err = _run("alliance", "NATO", "--on", "June 2023")
    assert code == 1 and "not a date" in err
