"""Wordings of material cooperation and of violations, coded end to end on sentences written for these tests."""

from __future__ import annotations

import pytest

from thucydides import api

pytestmark = pytest.mark.model


def main_event(text: str) -> tuple[str | None, list[str | None]]:
    """The sentence's most confident real event and its actor codes (None: no event)."""
    events = [e.to_dict() for e in api.code(text, date="2021-03-02")]
    events = [e for e in events if not e.get("aux_mode")]
    if not events:
        return None, []
    top = max(events, key=lambda e: e.get("confidence") or 0)
    return top["event"], [a.get("code") for a in top.get("actor") or []]


@pytest.mark.parametrize("text, event, actor", [
    # breaking a ceasefire is fighting, not a ceasefire
    ("Armenian forces violated the truce more than forty times overnight.", "ASSAULT", "ARM"),
    ("Pakistan on Sunday violated the ceasefire along the Line of Control.", "ASSAULT", "PAK"),
    ("The Indian army was guilty of breaching the ceasefire agreement twelve times.", "ASSAULT", "IND"),
    # defying a ban, a law or a resolution is a refusal
    ("Iran has violated a ban on the testing of ballistic missiles.", "REJECT", "IRN"),
    ("North Korea defied a UN resolution by firing two rockets into the sea.", "REJECT", "PRK"),
    # a court's verdict
    ("A court in Ankara found the Kurdish politician guilty of spreading propaganda.", "SANCTION", "TUR"),
])
def test_violations_and_verdicts(text: str, event: str, actor: str) -> None:
    got, actors = main_event(text)
    assert got == event
    assert actor in actors


@pytest.mark.parametrize("text, event, actor", [
    # aid told by what is given
    ("The Red Cross trucked 40 tonnes of food into Aleppo on Monday.", "AID", "NGO"),
    ("The European Union is mobilising additional funds for Sudanese refugees.", "AID", "EUR"),
    ("The Japanese government's aid package consisted of $10 million in relief supplies.", "AID", "JPN"),
    # troops and observers sent to a peacekeeping mission are assistance, not a mobilisation
    ("Japan is sending troops to the UN peacekeeping mission in South Sudan.", "AID", "JPN"),
    ("The EU has deployed election observers in Kenya.", "AID", "EUR"),
    # refugees taken in
    ("Sweden accepts more than 2,000 people from refugee camps in Lebanon.", "AID", "SWE"),
    # intent over an act of aid is an agreement
    ("The United Nations is willing to send more resources to Somalia.", "AGREE", "UNO"),
    ("Kenya is willing to provide its military expertise to the African Union.", "AGREE", "KEN"),
    # access given, things returned, captives let free
    ("The Sudanese government allows UN aid workers expanded access to Darfur.", "RETREAT", "SDN"),
    ("The Pakistani government had given the US military permission to use its airspace.", "RETREAT", "PAK"),
    ("A stolen painting was returned by French police to Italian authorities.", "RETREAT", "FRA"),
    ("Egypt let free dozens of activists on Monday.", "RETREAT", "EGY"),
])
def test_material_cooperation(text: str, event: str, actor: str) -> None:
    got, actors = main_event(text)
    assert got == event
    assert actor in actors


@pytest.mark.parametrize("text", [
    "The prime minister has offered access to the port under customs control.",
    "The platform gives him access to thousands of hateful posts, the researcher says.",
    "Turkey allowed the jihadists to cross its porous border into Syria.",
])
def test_access_offered_or_given_loosely_is_no_retreat(text: str) -> None:
    got, _ = main_event(text)
    assert got != "RETREAT"


def test_the_threat_of_a_strike_is_no_strike_called() -> None:
    got, _ = main_event("Lavrov's deputy called the threat of a strike extremely dangerous.")
    assert got != "PROTEST"


@pytest.mark.parametrize("text, event, actor", [
    # a round of joint exercises is cooperation between the parties, not a mobilisation
    ("Jordan and the United States began a new round of joint military exercises today.", "COOPERATE", "JOR"),
    # coercion by force
    ("Turkish jets forced a Russian passenger plane to land in Ankara.", "COERCE", "TUR"),
    ("Israeli troops forced dozens of families to leave their homes in Hebron.", "COERCE", "ISR"),
])
def test_joint_acts_and_coercion(text: str, event: str, actor: str) -> None:
    got, actors = main_event(text)
    assert got == event
    assert actor in actors


def test_being_forced_to_flee_names_no_coercer() -> None:
    got, _ = main_event("Thousands of villagers were forced to flee on Sunday.")
    assert got != "COERCE"


@pytest.mark.parametrize("text, event, actor", [
    # units that arrive are deployed, not visiting; peacekeepers come as assistance
    ("Some 200 Chinese peacekeepers arrived in South Sudan on Thursday.", "AID", "CHN"),
    ("Russian troops arrived in the Syrian town of Manbij on Tuesday.", "MOBILIZE", "RUS"),
    ("The Iranian foreign minister arrived in Beirut on Monday.", "CONSULT", "IRN"),
    # judicial cooperation and access given to observers
    ("A Dutch court on Friday approved the extradition of a Moroccan suspect to Belgium.", "COOPERATE", "NLD"),
    ("The Kyrgyz prime minister received a mission of observers from the OSCE.", "RETREAT", "KGZ"),
])
def test_arrivals_extraditions_and_observers(text: str, event: str, actor: str) -> None:
    got, actors = main_event(text)
    assert got == event
    assert actor in actors


def test_the_purpose_of_aid_is_no_statement_of_support() -> None:
    got, actors = main_event("The European Union is mobilising additional funds to support peace building in Colombia.")
    assert got == "AID" and "EUR" in actors


def test_units_arriving_to_deliver_aid_bring_assistance() -> None:
    got, _ = main_event("Troops and aircraft from Japan have arrived in Nepal to help deliver aid to remote areas.")
    assert got == "AID"


@pytest.mark.parametrize("text, event, actor", [
    # a deployment of peacekeepers is assistance
    ("Ghana on Saturday announced the deployment of 300 troops to Liberia on a peacekeeping mission.", "AID", "GHA"),
    ("The US military sent 200 troops to Syria to serve as a peacekeeping force.", "AID", "USA"),
    ("Russian forces deployed near the town of Tal Rifaat.", "MOBILIZE", "RUS"),
    # training soldiers, providing support, cutting tariffs
    ("The US army is training Iraqi pilots to fly F-16 jets.", "AID", "USA"),
    ("The United States reduced tariffs on Chinese steel from 25 percent to 10 percent.", "RETREAT", "USA"),
])
def test_peacekeepers_training_and_tariffs(text: str, event: str, actor: str) -> None:
    got, actors = main_event(text)
    assert got == event
    assert actor in actors


@pytest.mark.parametrize("text, event, actor", [
    # protests stopped or broken up are coercion
    ("Egyptian police prevented a demonstration staged by students in Cairo on Monday.", "COERCE", "EGY"),
    ("Kenyan riot police broke up a protest outside parliament in Nairobi.", "COERCE", "KEN"),
    # strikes called and work shunned are protests; a strike called off is not
    ("Palestinians in Hebron shunned work on Monday to protest against the new settlement.", "PROTEST", "PSE"),
    ("The Nigerian teachers' union called off its strike on Thursday.", "RETREAT", "NGA"),
])
def test_protests_stopped_and_strikes(text: str, event: str, actor: str) -> None:
    got, actors = main_event(text)
    assert got == event
    assert actor in actors


@pytest.mark.parametrize("text, event, actor", [
    ("Lebanon and Jordan forced the refugees home last year.", "COERCE", "LBN"),
    ("Ankara is angry at the harbouring of the cleric by the United States.", "AID", "USA"),
])
def test_refugees_forced_home_and_fugitives_harboured(text: str, event: str, actor: str) -> None:
    got, actors = main_event(text)
    assert got == event
    assert actor in actors


@pytest.mark.parametrize("text, event, actor", [
    ("Islamic State fighters hold several hundred families as human shields in the city of Raqqa.", "COERCE", "IMG"),
    ("The Peshmerga has intensified its forces in several areas of Kirkuk.", "MOBILIZE", "IRQ"),
])
def test_human_shields_and_massed_forces(text: str, event: str, actor: str) -> None:
    got, actors = main_event(text)
    assert got == event
    assert actor in actors


def test_accepting_a_formula_for_a_settlement_is_an_agreement() -> None:
    got, actors = main_event("Hamas has accepted a formula likely to lead to an end of the crisis.")
    assert got == "AGREE" and "PSE" in actors


@pytest.mark.parametrize("text, actor", [
    ("Zimbabwean police in Harare have fired teargas to break up protests against rising prices.", "ZWE"),
    ("French police officers used batons and tear gas on the crowd.", "FRA"),
])
def test_crowd_control_is_force(text: str, actor: str) -> None:
    events = [e.to_dict() for e in api.code(text, date="2021-03-02")]
    assert any(e["event"] == "ASSAULT" and e["mode"] == "crowd-control"
               and actor in [a.get("code") for a in e["actor"]] for e in events)


def test_people_evacuated_are_rescued_and_the_wounded_are_no_attack() -> None:
    events = [e.to_dict() for e in api.code("UN helicopters evacuated the wounded from the besieged town on Friday.",
                                            date="2021-03-02")]
    assert [e["event"] for e in events if not e.get("aux_mode")] == ["AID"]


def test_troops_evacuated_are_withdrawn() -> None:
    got, _ = main_event("The Russian army evacuated its troops from the border post on Monday.")
    assert got == "RETREAT"


def test_units_sent_to_train_are_assistance() -> None:
    got, actors = main_event("Twelve US Army soldiers deployed to Nigeria to train 200 Nigerian soldiers.")
    assert got == "AID" and "USA" in actors


def test_units_sent_to_attack_are_no_assistance() -> None:
    got, _ = main_event("Russia sent warplanes to bomb rebel positions near Idlib.")
    assert got != "AID"


def test_harbouring_ambitions_is_no_asylum() -> None:
    got, _ = main_event("Turkey harbours ambitions in northern Syria.")
    assert got is None
