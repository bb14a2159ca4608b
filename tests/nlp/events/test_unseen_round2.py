"""A threat needs the one announcing to be the one who would act. Onlookers (analysts, experts, observers)
who say what someone else will do make a prediction: the act itself, not real yet (aux mode future or
hypothetical), and neither a THREATEN nor an accusation by anyone."""

from __future__ import annotations

import pytest

import thucydides

pytestmark = pytest.mark.model


def _events(text: str) -> list[thucydides.Event]:
    return thucydides.code(text, date="2022-09-14", min_confidence=0)


PREDICTIONS = [
    ("Analysts said Hamas would attack Egypt.", "attack"),
    ("Analysts said the militias would attack the port.", "attack"),
    ("Observers said Iran would retaliate against Bahrain.", "retaliate"),
    ("Analysts believe Hamas will attack Egypt.", "attack"),
    ("Experts warned that the rebels would attack the capital.", "attack"),
    # officials of another party: their prediction of someone else's act
    ("Egyptian officials said Hamas would attack Israel.", "attack"),
]


@pytest.mark.parametrize(("text", "trigger"), PREDICTIONS)
def test_an_onlookers_prediction_is_no_threat(text: str, trigger: str) -> None:
    events = _events(text)
    assert not [e for e in events if e.event == "THREATEN" and e.dropped is None], events
    act = [e for e in events if e.trigger == trigger]
    assert act and act[0].event == "ASSAULT" and act[0].aux_mode in ("future", "hypothetical")


def test_an_onlookers_belief_about_a_future_act_accuses_no_one() -> None:
    assert not [e for e in _events("Analysts believe Hamas will attack Egypt.") if e.event == "ACCUSE"]


@pytest.mark.parametrize(("text", "trigger"), [
    # the one announcing is the one who would act
    ("Hamas said it would attack Egypt.", "attack"),
    ("Putin said Russia would strike back at Ukraine.", "strike"),
    ("The Egyptian army warned that it would crush the militias.", "warned"),
])
def test_a_partys_own_announcement_is_still_a_threat(text: str, trigger: str) -> None:
    assert [e.event for e in _events(text) if e.trigger == trigger and e.dropped is None] == ["THREATEN"]


def test_an_accusation_of_a_past_act_stays() -> None:
    events = _events("The minister insisted that the militias had shelled the border posts.")
    assert "ACCUSE" in {e.event for e in events}


@pytest.mark.parametrize(("text", "trigger", "event"), [
    # passive expectation: someone else foresees it; its subject announces nothing
    ("The Egyptian president is expected soon to launch an offensive against the rebels.", "launch", "ASSAULT"),
    ("The Kenyan foreign minister is expected to hold talks with Somali officials on Tuesday.", "hold", "CONSULT"),
])
def test_what_a_party_is_expected_to_do_is_a_prediction(text: str, trigger: str, event: str) -> None:
    act = [e for e in _events(text) if e.trigger == trigger]
    assert act and (act[0].event, act[0].aux_mode) == (event, "future")


def test_what_a_party_itself_expects_to_do_is_its_intention() -> None:
    act = [e for e in _events("Russia expects to sign the agreement next week.") if e.trigger == "sign"]
    assert act and act[0].event == "AGREE"


def test_a_partys_belief_that_its_adversary_will_commit_abuses_is_still_an_accusation() -> None:
    events = _events("Kenyan commanders said they believed the militants would use civilians as human shields in Kismayo.")
    assert "ACCUSE" in {e.event for e in events if e.trigger == "believed"}


# --- history by its own words: decades and parts of years; not what a clause says of a place ----------------

@pytest.mark.parametrize(("text", "trigger"), [
    ("Kurdish rebels attacked a Turkish army post in the 1990s.", "attacked"),
    ("Islamic State fighters killed the two engineers near Mosul in mid-2015.", "killed"),
])
def test_an_act_dated_to_a_decade_or_part_of_a_year_long_ago_is_history(text: str, trigger: str) -> None:
    act = [e for e in _events(text) if e.trigger == trigger]
    assert act and act[0].aux_mode == "historical"


def test_a_decade_in_a_clause_about_a_place_does_not_make_a_visit_history() -> None:
    text = ("The Russian president travelled on to Cairo, where he met the Egyptian president, in a country that "
            "since the 1970s has had close ties with the US.")
    assert {e.trigger: e.aux_mode for e in _events(text)}.get("travelled", "missing") is None


@pytest.mark.parametrize(("text", "trigger", "event"), [
    # a decision taken is the act itself, not an announcement of one
    ("The Canadian decision to reimpose sanctions on Venezuela angered Caracas.", "reimpose", "SANCTION"),
    ("The Turkish decision to expel the ambassadors drew criticism.", "expel", "SANCTION"),
])
def test_a_decision_to_act_against_someone_is_the_act_not_a_threat(text: str, trigger: str, event: str) -> None:
    assert [e.event for e in _events(text) if e.trigger == trigger] == [event]


@pytest.mark.parametrize("text", [
    "We have not yet made any decision to launch military strikes on Venezuela, the Canadian government said.",
    "The Canadian government has made no decision to launch strikes on Venezuela.",
])
def test_a_decision_not_taken_is_no_act_and_no_threat(text: str) -> None:
    events = [e for e in _events(text) if e.dropped is None]
    assert not [e for e in events if e.event == "THREATEN"]
    assert not [e for e in events if e.event == "ASSAULT" and e.aux_mode is None]
