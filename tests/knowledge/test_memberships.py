"""Membership of international organisations by date, from the data files under knowledge/data/alliances."""

from __future__ import annotations

import pytest

from thucydides.errors import ThucydidesError
from thucydides.knowledge.memberships import (
    alliance_members,
    is_member,
    members,
    memberships,
    parse_date,
    resolve_org,
    resolve_place,
    resolve_state,
    status,
)


def test_nato_before_sweden_joined() -> None:
    nato = members("NATO", on="2023-06-11")
    assert len(nato) == 31
    assert "FIN" in nato
    assert "SWE" not in nato


def test_nato_after_sweden_joined() -> None:
    nato = members("NATO", on="2024-06-01")
    assert len(nato) == 32
    assert "SWE" in nato


def test_nato_founders_and_enlargements() -> None:
    assert len(members("NATO", on="1950-01-01")) == 12
    assert "FIN" not in members("NATO", on="2023-04-03")
    assert "FIN" in members("NATO", on="2023-04-04")
    assert members("NATO", on="1949-01-01") == []


def test_eu_after_brexit_excludes_uk() -> None:
    eu = members("EU", on="2021-01-01")
    assert len(eu) == 27
    assert "GBR" not in eu
    assert "GBR" in members("EU", on="2019-12-31")
    assert "HRV" not in members("EU", on="2013-06-30")


def test_members_is_sorted_and_accepts_names() -> None:
    by_name = members("North Atlantic Treaty Organization", on="2020-06-01")
    assert by_name == sorted(by_name)
    assert by_name == members("nato", on="2020-06-01")


def test_csto_exits_and_armenias_freeze() -> None:
    assert {"AZE", "GEO", "UZB"} <= set(members("CSTO", on="1995-01-01"))
    assert not {"AZE", "GEO", "UZB"} & set(members("CSTO", on="2000-01-01"))
    assert "UZB" in members("CSTO", on="2008-01-01")
    assert "UZB" not in members("CSTO", on="2013-01-01")
    assert "ARM" in members("CSTO", on="2024-06-01")  # frozen, not gone
    row = status("Armenia", "CSTO", on="2024-06-01")
    assert row is not None and row.status == "frozen"


def test_arab_league_suspension_of_syria() -> None:
    assert "SYR" in members("Arab League", on="2010-01-01")
    assert "SYR" not in members("Arab League", on="2015-01-01")
    assert "SYR" in members("League of Arab States", on="2023-06-01")


def test_ecowas_sahel_exits() -> None:
    assert {"MLI", "BFA", "NER"} <= set(members("ECOWAS", on="2024-12-31"))
    assert not {"MLI", "BFA", "NER"} & set(members("ECOWAS", on="2025-02-01"))


def test_g20_counts_the_eu_and_the_african_union() -> None:
    assert "EU" in members("G20", on="2020-01-01")
    assert "AU" not in members("G20", on="2020-01-01")
    assert len(members("G20", on="2024-01-01")) == 21


def test_un_has_193_members_today() -> None:
    un = members("UN", on="2024-01-01")
    assert len(un) == 193
    assert "SSD" not in members("UN", on="2011-01-01")
    assert "TWN" not in un and "PSE" not in un


def test_memberships_of_a_state_by_name() -> None:
    uk = memberships("UK", on="2023-06-11")
    assert "NATO" in uk and "G7" in uk and "AUKUS" in uk
    assert "EU" not in uk
    assert "EU" in memberships("United Kingdom", on="2019-01-01")
    assert memberships("Finland", on="2023-06-11") == memberships("FIN", on="2023-06-11")


def test_is_member() -> None:
    assert is_member("Sweden", "NATO", on="2024-03-07")
    assert not is_member("Sweden", "NATO", on="2024-03-06")


def test_alliance_members_on_a_date_gives_join_dates() -> None:
    rows = {m.state: m for m in alliance_members("NATO", on="2023-06-11")}
    assert rows["FIN"].joined == "2023-04-04"
    assert rows["FIN"].name == "Finland"
    assert "SWE" not in rows


def test_alliance_members_history_keeps_leavers() -> None:
    rows = alliance_members("EU", on=None)
    uk = [m for m in rows if m.state == "GBR"]
    assert uk and uk[0].left == "2020-01-31"


def test_state_names_and_aliases() -> None:
    assert resolve_state("Russia") == "RUS"
    assert resolve_state("UK") == "GBR"
    assert resolve_state("gbr") == "GBR"
    assert resolve_state("South Korea") == "KOR"
    assert resolve_place("Greenland") == "GRL"
    assert resolve_place("Hawaii") == "US-HI"


def test_partial_dates_mean_the_first_day() -> None:
    assert parse_date("2023") == "2023-01-01"
    assert parse_date("2023-06") == "2023-06-01"


@pytest.mark.parametrize(("call", "message"), [
    (lambda: members("Warsaw Pact", on="2020-01-01"), "unknown alliance"),
    (lambda: memberships("Atlantis", on="2020-01-01"), "unknown state"),
    (lambda: resolve_state("Greenland"), "unknown state"),  # a territory is not a state
    (lambda: members("NATO", on="11/06/2023"), "is not a date"),
])
def test_bad_input_gives_a_user_message(call: object, message: str) -> None:
    with pytest.raises(ThucydidesError, match=message):
        call()  # type: ignore[operator]


def test_unknown_alliance_lists_the_known_ones() -> None:
    with pytest.raises(ThucydidesError, match="NATO"):
        resolve_org("SEATO")


def test_every_organisation_has_members_in_2024() -> None:
    from thucydides.knowledge.memberships import organisations

    known = organisations()
    assert {"NATO", "EU", "CSTO", "SCO", "G7", "G20", "OSCE", "AU", "ASEAN", "ARAB LEAGUE", "GCC", "ECOWAS",
            "EAEU", "CIS", "AUKUS", "QUAD", "FIVE EYES", "ANZUS", "RIO TREATY", "UN"} <= set(known)
    empty = [org for org in known if not members(org, on="2024-06-01")]
    assert empty == []
