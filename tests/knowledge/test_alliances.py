"""Treaty obligations: who is bound to respond if a state were attacked on a date."""

from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.errors import ThucydidesError
from thucydides.knowledge import memberships
from thucydides.knowledge.alliances import Obligation, articles, exposure, no_obligation_reason


def _by_treaty(result_rows: list[Obligation], treaty: str) -> set[str]:
    return {o.state for o in result_rows if o.treaty == treaty}


def test_estonia_attacked_by_russia_binds_nato_and_eu() -> None:
    result = exposure("Estonia", "Russia", on="2023-06-11")
    nato = _by_treaty(result.bound, "North Atlantic Treaty")
    eu = _by_treaty(result.bound, "Treaty on European Union")
    assert nato == set(memberships.members("NATO", on="2023-06-11")) - {"EST"}
    assert len(nato) == 30 and "SWE" not in nato and "USA" in nato
    assert eu == set(memberships.members("EU", on="2023-06-11")) - {"EST"}
    assert {o.article for o in result.bound} == {"5", "42(7)"}
    assert "AUT" in eu  # neutral, but bound by 42(7), with a note
    austria = next(o for o in result.bound if o.state == "AUT")
    assert austria.note and "neutral" in austria.note


def test_ukraine_in_2023_has_no_treaty_ally() -> None:
    result = exposure("UKR", "RUS", on="2023-06-11")
    assert result.bound == []
    assert any("no treaty ally" in n for n in result.notes)


def test_ukraine_if_it_joined_nato() -> None:
    result = exposure("Ukraine", "Russia", on="2023-06-11", joining="NATO")
    assert result.bound == []
    assert result.states_bound_if_joins() == memberships.members("NATO", on="2023-06-11")
    assert len(result.if_joins) == 31
    assert {o.scenario for o in result.if_joins} == {"if UKR joins NATO"}
    assert {o.protects for o in result.if_joins} == {"UKR"}


def test_joining_an_organisation_without_a_defence_clause() -> None:
    result = exposure("UKR", "RUS", on="2023-06-11", joining="AUKUS")
    assert result.if_joins == []
    assert any("AUKUS carries no obligation" in n for n in result.notes)
    assert no_obligation_reason("AUKUS") is not None
    assert no_obligation_reason("NATO") is None


def test_attacker_inside_the_same_alliance_is_noted() -> None:
    result = exposure("Greece", "Turkey", on="2023-01-01")
    assert "TUR" not in result.states_bound()
    assert "USA" in result.states_bound()
    assert any("itself a party" in n and "Türkiye" in n for n in result.notes)


def test_territory_outside_the_north_atlantic_area() -> None:
    hawaii = exposure("Hawaii", "CHN", on="2023-01-01")
    assert "North Atlantic Treaty" not in {o.treaty for o in hawaii.bound}
    assert any("outside the North Atlantic area" in n for n in hawaii.notes)
    assert hawaii.protected_state == "USA"
    falklands = exposure("Falkland Islands", "Argentina", on="2023-01-01")
    assert falklands.bound == []


def test_territory_inside_the_area_is_covered_through_its_sovereign() -> None:
    result = exposure("Greenland", "RUS", on="2023-01-01")
    assert "USA" in _by_treaty(result.bound, "North Atlantic Treaty")
    assert _by_treaty(result.bound, "Treaty on European Union") == set()  # not EU territory


def test_treaties_have_dates_in_force() -> None:
    assert exposure("EST", "RUS", on="2008-01-01").bound  # NATO already, EU 42(7) not yet
    assert not _by_treaty(exposure("EST", "RUS", on="2008-01-01").bound, "Treaty on European Union")
    assert exposure("PRK", "USA", on="2024-07-01").states_bound() == ["CHN"]  # signed, not yet in force
    assert exposure("PRK", "USA", on="2025-01-01").states_bound() == ["CHN", "RUS"]
    strengths = {o.state: o.strength for o in exposure("PRK", "USA", on="2025-01-01").bound}
    assert strengths == {"CHN": "automatic", "RUS": "automatic"}


def test_bilateral_guarantees_are_directed() -> None:
    assert exposure("Japan", "CHN", on="2023-01-01").states_bound() == ["USA"]
    assert "JPN" not in exposure("USA", "CHN", on="2023-01-01").states_bound()
    assert "KOR" in exposure("Guam", "PRK", on="2023-01-01").states_bound()
    assert "KOR" not in exposure("USA", "PRK", on="2023-01-01").states_bound()


def test_suspended_guarantee_anzus_new_zealand() -> None:
    nz = exposure("New Zealand", "CHN", on="2023-01-01")
    assert nz.states_bound() == ["AUS"]
    assert any("suspended" in n for n in nz.notes)
    assert "USA" in exposure("NZL", "CHN", on="1980-01-01").states_bound()


def test_strongest_obligations_come_first() -> None:
    rows = exposure("PHL", "CHN", on="2023-01-01").bound
    assert [o.state for o in rows] == ["USA"]
    assert rows[0].strength == "conditional"


def test_frozen_membership_is_noted() -> None:
    result = exposure("Armenia", "Azerbaijan", on="2024-06-01")
    assert "RUS" in result.states_bound()
    assert any("frozen" in n for n in result.notes)


def test_every_article_names_a_known_organisation_or_parties() -> None:
    for article in articles():
        assert article.org or article.guarantees, article.id


def test_unknown_names_raise_user_errors() -> None:
    with pytest.raises(ThucydidesError, match="unknown state"):
        exposure("Atlantis", "RUS")
    with pytest.raises(ThucydidesError, match="unknown alliance"):
        exposure("UKR", "RUS", joining="Warsaw Pact")


def test_user_data_folder_adds_an_organisation(tmp_path: Path) -> None:
    (tmp_path / "members").mkdir()
    (tmp_path / "organisations.csv").write_text(
        "acronym,name,aliases,kind,founded,note\nNORDPACT,Nordic Test Pact,,alliance,2030-01-01,\n",
        encoding="utf-8")
    (tmp_path / "members" / "nordpact.csv").write_text(
        "state,joined,left,status,note\nISL,2030-01-01,,member,\nNOR,2030-01-01,,member,\n", encoding="utf-8")
    (tmp_path / "obligations.yaml").write_text(
        "obligations:\n  - id: nordpact-1\n    treaty: Nordic Test Pact\n    article: '1'\n"
        "    org: NORDPACT\n    in_force: '2030-01-01'\n    strength: strong\n", encoding="utf-8")
    memberships.add_data(tmp_path)
    try:
        assert memberships.members("Nordic Test Pact", on="2031-01-01") == ["ISL", "NOR"]
        assert "NOR" in exposure("ISL", "RUS", on="2031-01-01").states_bound()
    finally:
        memberships.reset_data()
    with pytest.raises(ThucydidesError):
        memberships.members("NORDPACT", on="2031-01-01")
