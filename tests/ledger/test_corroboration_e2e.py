"""Four outlets report the same night at Novorossiysk: the ledger groups their reports into incidents,
says which are corroborated and which disputed, and the query commands show them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from thucydides.cli import main
from thucydides.ledger import Ledger
from thucydides.model import Incident

pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARTICLES = sorted(str(p) for p in EXAMPLES.glob("novorossiysk-*.txt"))
RUSSIAN_OUTLET = "Severny Vestnik"


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def rows(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("novorossiysk") / "ledger.db")
    result = cli("code", *ARTICLES, "--db", path, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert "4 document(s): 4 coded" in result.stderr
    return path


@pytest.fixture(scope="module")
def incidents(db: str) -> list[Incident]:
    with Ledger(db) as led:
        return led.incidents()


def outlets(incident: Incident) -> set[str | None]:
    return {r.outlet for r in incident.reports}


def strike_on_novorossiysk(incidents: list[Incident]) -> Incident:
    found = [i for i in incidents if i.event == "ASSAULT" and "UKR" in i.actor and "RUS" in i.recipient
             and i.location == "Novorossiysk"]
    assert found, [(i.event, i.actor, i.recipient, i.location) for i in incidents]
    return max(found, key=lambda i: (i.sources, len(i.reports)))


def test_four_articles_from_four_outlets(db: str) -> None:
    with Ledger(db) as led:
        docs = led.documents()
    assert len(docs) == 4 and len({d.source for d in docs}) == 4
    assert all(d.status == "coded" for d in docs)


def test_an_incident_is_corroborated_by_several_outlets(incidents: list[Incident]) -> None:
    confirmed = [i for i in incidents if i.status in ("corroborated", "confirmed-by-adversary")
                 and len(outlets(i)) >= 2]
    assert confirmed
    assert all(i.sources >= 2 for i in confirmed)


def test_the_strike_on_novorossiysk_is_reported_by_all_four_outlets(incidents: list[Incident]) -> None:
    strike = strike_on_novorossiysk(incidents)
    assert len(outlets(strike)) == 4 and strike.sources == 4
    assert strike.date is not None and strike.date.startswith("2025-03-1")


def test_an_incident_is_disputed(incidents: list[Incident]) -> None:
    disputed = [i for i in incidents if i.status == "disputed"]
    assert disputed
    assert any(r.status == "denied" or r.denied_by for i in disputed for r in i.reports)


def test_the_strike_is_disputed_because_russia_denies_the_ship_was_hit(incidents: list[Incident]) -> None:
    strike = strike_on_novorossiysk(incidents)
    assert strike.status == "disputed"
    assert any("RUS" in {a.code for a in r.denied_by} for r in strike.reports)


def test_the_strike_incident_holds_no_report_of_the_ground_fighting(incidents: list[Incident]) -> None:
    strike = strike_on_novorossiysk(incidents)
    sentences = [r.sentence or "" for r in strike.reports]
    assert not [s for s in sentences if "Kotlyne" in s and "Novorossiysk" not in s]


def test_the_russian_outlet_reports_a_russian_denial(incidents: list[Incident]) -> None:
    denials = [r for i in incidents for r in i.reports if r.outlet == RUSSIAN_OUTLET and r.status == "denied"]
    assert any("RUS" in {a.code for a in r.denied_by} for r in denials)


def test_every_denier_named_as_a_state_body_has_a_code(incidents: list[Incident]) -> None:
    deniers = [a for i in incidents for r in i.reports for a in r.denied_by]
    assert deniers and all(a.code for a in deniers), [(a.text, a.code) for a in deniers]


def test_incidents_disputed_command_shows_disputed_rows(db: str) -> None:
    result = cli("incidents", "--disputed", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    found = rows(result)
    assert found and all(r["status"] == "disputed" for r in found)
    table = cli("incidents", "--disputed", "--db", db)
    assert table.exit_code == 0 and "disputed" in table.stdout.splitlines()[2]


def test_incidents_corroborated_command(db: str) -> None:
    result = cli("incidents", "--corroborated", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    found = rows(result)
    assert found and all(r["status"] in ("corroborated", "confirmed-by-adversary") for r in found)
    assert any(r["sources"] >= 2 for r in found)


def test_claims_by_russia_command(db: str) -> None:
    result = cli("claims", "--by", "RUS", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    found = rows(result)
    assert len(found) >= 3
    assert all(r["claimant"]["code"] == "RUS" for r in found)
    assert any("Defence Ministry" in r["sentence"] for r in found)


def test_coding_the_articles_again_adds_nothing(db: str, incidents: list[Incident]) -> None:
    with Ledger(db) as led:
        before = led.stats()
    result = cli("code", *ARTICLES, "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert "4 already in the ledger" in result.stderr
    forced = cli("code", *ARTICLES, "--db", db, "--format", "jsonl", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert ", 0 new in" in forced.stderr
    with Ledger(db) as led:
        assert led.stats() == before
        assert [(i.id, i.status, len(i.reports)) for i in led.incidents()] == [
            (i.id, i.status, len(i.reports)) for i in incidents]
