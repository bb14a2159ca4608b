"""Errors found reading the coder's output on unseen news text, on sentences written for these tests: meetings
put on the calendar, places named as parties, attacks whose attacker is named, office-holders given the code of
the state they speak of, and repeated mentions of one happening."""

from __future__ import annotations

from typing import Any

import pytest

from thucydides import api

pytestmark = pytest.mark.model


def kept(text: str, date: str = "2019-02-10") -> list[dict[str, Any]]:
    return [e.to_dict() for e in api.code(text, date=date)]


def codes(parties: list[dict[str, Any]]) -> set[str]:
    return {p["code"] for p in parties if p.get("code")}


# --- a meeting on the calendar is no promise ---------------------------------------------------------------

@pytest.mark.parametrize("text", ["Iran and Turkey will hold talks in Ankara next week.",
                                  "The Egyptian and Sudanese foreign ministers will meet in Khartoum on Friday."])
def test_a_meeting_the_narrator_schedules_stays_a_future_meeting(text: str) -> None:
    (ev,) = kept(text)
    assert (ev["event"], ev["aux_mode"]) == ("CONSULT", "future")


def test_a_meeting_its_party_announces_is_a_promise() -> None:
    (ev,) = [e for e in kept("Erdogan said he would meet Putin in Sochi next week.") if e["event"] != "CONSULT"]
    assert (ev["event"], ev["aux_mode"]) == ("AGREE", None)
    assert codes(ev["actor"]) == {"TUR"}


# --- the place a meeting or an offensive is named by is no party ---------------------------------------------

@pytest.mark.parametrize("text", ["The Geneva talks between the government and the rebels collapsed on Monday.",
                                  "The Moscow talks ended without a deal on Monday.",
                                  "The Idlib offensive killed 40 civilians on Monday."])
def test_a_town_named_before_an_event_noun_is_not_its_actor(text: str) -> None:
    for ev in kept(text):
        assert not any(a.get("kind") in ("place", "seat") for a in ev["actor"]), ev


def test_the_venue_is_where_the_meeting_is_held_and_gives_its_parties_no_country() -> None:
    events = [e.to_dict() for e in api.code("The Geneva talks between the government and the rebels collapsed.",
                                            date="2019-02-10", candidates=True)]
    (talks,) = [e for e in events if e["event"] == "CONSULT"]
    assert talks["location"]["name"] == "Geneva"
    assert "CHE" not in codes(talks["actor"])


def test_a_state_before_an_event_noun_still_acts() -> None:
    (ev,) = kept("The US drawdown in Syria began on Monday.")
    assert codes(ev["actor"]) == {"USA"}


# --- an attacker the sentence names ------------------------------------------------------------------------

def test_an_attack_carried_out_is_by_the_group_its_noun_names() -> None:
    events = kept("Saturday's attack by Liwa al-Fath fighters was carried out in the village of Kafr Sijna, "
                  "in Idlib province, according to activists.")
    (ev,) = [e for e in events if e["event"] == "ASSAULT"]
    assert [a["text"] for a in ev["actor"]] == ["Liwa al-Fath fighters"]
    assert ev["actor"][0].get("kind") != "unidentified"


def test_the_agent_of_an_offensive_named_by_its_target_is_the_actor() -> None:
    (ev,) = [e for e in kept("The Afrin offensive by Turkish troops killed 40 civilians on Monday.")
             if e["event"] == "ASSAULT"]
    assert codes(ev["actor"]) == {"TUR"}


# --- whose office-holder ----------------------------------------------------------------------------------

def test_an_office_holder_is_not_given_the_country_it_criticises() -> None:
    (ev,) = [e for e in api.code("The Shadow Foreign Secretary criticised the Syrian regime on Tuesday.",
                                 date="2019-02-10", candidates=True) if e.event == "ACCUSE"]
    assert not codes(ev.to_dict()["actor"])


@pytest.mark.parametrize("text", ["Rebels attacked the Iraqi prime minister's convoy on Monday.",
                                  "Protesters demanded the resignation of the Iraqi prime minister.",
                                  "The opposition leader accused the Iraqi government of corruption."])
def test_fighters_protesters_and_the_opposition_may_be_of_the_state_they_act_on(text: str) -> None:
    (ev,) = [e for e in kept(text) if e["event"] in ("ASSAULT", "REQUEST", "ACCUSE")]
    assert codes(ev["actor"]) == {"IRQ"}


def test_a_surname_after_another_first_name_is_someone_else() -> None:
    (ev,) = [e for e in api.code("The shadow home secretary, Dina Abbott, criticised the decision on Monday.",
                                 date="2019-02-10", candidates=True) if e.event == "ACCUSE"]
    assert "AUS" not in codes(ev.to_dict()["actor"])


def test_the_official_is_the_one_introduced_before() -> None:
    events = kept("However, a Jordanian official said the Israeli account of the call was wrong. "
                  "The official also denied that Netanyahu had criticised the king.")
    (ev,) = [e for e in events if e["event"] == "REJECT"]
    assert codes(ev["actor"]) == {"JOR"}


# --- warnings of a danger nobody threatens -----------------------------------------------------------------

@pytest.mark.parametrize("text", ["The senator is warning there may be arrests if the marchers block the bridge.",
                                  "The UN envoy warns: \"If more is not done soon, more families could starve.\""])
def test_a_danger_on_a_condition_is_no_threat(text: str) -> None:
    assert not [e for e in api.code(text, date="2019-02-10") if e.event == "THREATEN"]


def test_a_conditional_warning_of_the_warners_own_act_is_a_threat() -> None:
    events = kept("Ankara warned that it would strike if the Kurdish fighters did not withdraw.")
    assert any(e["event"] == "THREATEN" and codes(e["actor"]) == {"TUR"} for e in events)


# --- no unidentified attacker for a series or a state of war ------------------------------------------------

@pytest.mark.parametrize("text", ["He said he was angered by terrorist attacks in France and Belgium.",
                                  "Thousands of families fled fighting in Idlib last week."])
def test_a_series_or_a_war_is_pinned_on_no_unidentified_attacker(text: str) -> None:
    for ev in kept(text):
        assert not any(a.get("kind") == "unidentified" for a in ev["actor"]), ev


# --- one happening told twice -----------------------------------------------------------------------------

def test_the_office_word_names_the_office_holder_last_named_and_his_request_is_one() -> None:
    events = kept("Emmanuel Macron has told Belgium it must take back its citizens held in camps. "
                  "The president's call came as the last town of the caliphate fell.")
    (ev,) = [e for e in events if e["event"] == "REQUEST"]
    assert codes(ev["actor"]) == {"FRA"}
    assert len(ev["mentions"]) >= 2
