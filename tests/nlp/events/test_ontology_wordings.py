"""Wordings of the PLOVER categories the lexicon lacked, found by coding a sentence written for each CAMEO code
(tests/nlp/events/data/probe_sentences.tsv): promises made as vows, conversations on a given day, weapons of
mass destruction used, protection given, joint projects, suspects handed over."""

from __future__ import annotations

import pytest

import thucydides

pytestmark = pytest.mark.model


def top(text: str) -> tuple[str, list[str | None]] | None:
    kept = [e for e in thucydides.code(text, date="2024-03-01") if e.aux_mode in (None, "future")]
    if not kept:
        return None
    best = max(kept, key=lambda e: e.confidence or 0)
    return best.event, [a.code for a in best.actor]


@pytest.mark.parametrize(("text", "event", "codes"), [
    # a vow of cooperation is a promise, a vow of force a threat
    ("The Malawian president vowed to cooperate with Zambia on border security.", "AGREE", ["MWI"]),
    ("The Zambian president vowed to hold a referendum next year.", "AGREE", ["ZMB"]),
    ("The Malian junta vowed to crush the rebels in the north.", "THREATEN", ["MLI"]),
    # speaking with a counterpart on a given day is a consultation
    ("The Angolan president spoke by telephone with his Namibian counterpart on Friday.", "CONSULT", ["AGO"]),
    ("The leaders of Peru and Chile spoke on the phone on Sunday.", "CONSULT", ["PER", "CHL"]),
    # chemical, biological and nuclear weapons used
    ("Libyan government forces used chemical weapons against the rebels near Sirte.", "ASSAULT", ["LBY"]),
    ("Sudanese aircraft dropped chlorine bombs on villages in Darfur.", "ASSAULT", ["SDN"]),
    # protection of civilians given by troops sent for it
    ("Rwanda sent troops to protect civilians in northern Mozambique.", "AID", ["RWA"]),
    # joint projects and suspects handed over are material cooperation
    ("Egypt and Jordan launched a joint venture to build a gas pipeline.", "COOPERATE", ["EGY", "JOR"]),
    ("Morocco handed over a terror suspect to Spanish police.", "COOPERATE", ["MAR"]),
])
def test_wordings_of_the_categories(text: str, event: str, codes: list[str]) -> None:
    assert top(text) == (event, codes)


def test_a_question_of_how_people_would_be_protected_is_no_protection_given() -> None:
    found = thucydides.code("The plan did not say how aid workers in Kenya would be protected.", date="2024-03-01")
    assert not [e for e in found if e.event in ("AID", "AGREE")]


def test_an_act_told_with_also_is_another_happening() -> None:
    found = [e for e in thucydides.code("The Malian army retook the airport at Kidal on Friday. The army also shelled "
                                        "positions of the separatists.", date="2024-03-01") if e.aux_mode is None]
    assert [(e.event, e.trigger) for e in found] == [("ASSAULT", "retook"), ("ASSAULT", "shelled")]


def test_a_toll_told_with_also_stays_part_of_the_attack() -> None:
    found = [e for e in thucydides.code("Russian missiles struck Odesa on Monday. The attack also killed five "
                                        "civilians.", date="2024-03-01") if e.aux_mode is None]
    assert [(e.event, e.trigger) for e in found] == [("ASSAULT", "struck")]


@pytest.mark.parametrize("text", [
    "The Iranian ambassador said at a press conference in Geneva that Tehran had evidence.",
    "Kenya has failed to meet its commitment to withdraw from the border.",
])
def test_a_press_conference_and_a_commitment_met_are_no_consultation(text: str) -> None:
    assert "CONSULT" not in [e.event for e in thucydides.code(text, date="2024-03-01")]


@pytest.mark.parametrize("text", [
    "Ethiopian rebels were pushed out of Bahir Dar by the federal army.",
    "Malian troops drove the jihadist fighters out of Menaka.",
])
def test_forces_pushed_out_by_force_are_fought_not_expelled(text: str) -> None:
    assert [e.event for e in thucydides.code(text, date="2024-03-01") if e.aux_mode is None] == ["ASSAULT"]


def test_a_country_where_a_monitor_is_based_is_not_the_country_of_the_troops_it_reports() -> None:
    found = thucydides.code("The head of the Paris-based Observatory for Sahel Security said government troops "
                            "had taken control of the town.", date="2024-03-01", candidates=True)
    assert all("FRA" not in [a.code for a in e.actor] for e in found)


@pytest.mark.parametrize(("text", "event"), [
    # other senses shown by the object
    ("Syrian rebels have received covert assistance from Qatar.", "CONSULT"),
    ("Smugglers in Libya are charging $2,000 for the crossing to Italy.", "ACCUSE"),
    ("The OPCW released a summary of its findings on Monday.", "RETREAT"),
    ("A Kurdish commander in Syria recognised the voice on the radio.", "SUPPORT"),
])
def test_other_senses_shown_by_the_object(text: str, event: str) -> None:
    assert event not in [e.event for e in thucydides.code(text, date="2024-03-01")]


@pytest.mark.parametrize(("text", "event"), [
    ("The Egyptian president received his Sudanese counterpart in Cairo.", "CONSULT"),
    ("Kenyan prosecutors charged the former minister with corruption.", "ACCUSE"),
    ("Mexico recognised the new government of Bolivia.", "SUPPORT"),
    ("Myanmar's junta released 300 political prisoners on Monday.", "RETREAT"),
])
def test_the_political_sense_stays(text: str, event: str) -> None:
    assert event in [e.event for e in thucydides.code(text, date="2024-03-01")]


@pytest.mark.parametrize("text", [
    "A Canadian woman fighting alongside Kurdish forces in Syria has been killed.",
    "Dozens of militants who had fought with Malian troops have now joined the rebels.",
    "A Dutch nurse who went to Syria to fight Islamic State has returned home.",
    "He was the third Irish citizen killed while volunteering with the militia.",
])
def test_fighting_told_to_say_who_someone_is_is_no_happening(text: str) -> None:
    found = thucydides.code(text, date="2024-03-01", candidates=True)
    assert all(e.dropped == "descriptive participle" for e in found if e.trigger in (
        "fighting", "fought", "fight", "volunteering"))
    assert any(e.trigger in ("fighting", "fought", "fight", "volunteering") for e in found)


def test_fighting_with_a_time_of_its_own_is_a_happening() -> None:
    found = thucydides.code("Kurdish militants who fought Turkish troops near Afrin on Monday withdrew.",
                            date="2024-03-01")
    assert "ASSAULT" in [e.event for e in found if e.aux_mode is None]


def test_killing_a_plan_or_a_challenge_is_no_assault() -> None:
    found = thucydides.code("Kenya's decision effectively killed off any challenge to the ruling party.",
                            date="2024-03-01", candidates=True)
    assert [e.dropped for e in found if e.trigger == "killed"] == ["other sense"]


def test_a_visit_and_its_hosting_are_one_meeting() -> None:
    found = [e for e in thucydides.code("Kenya's president visited Uganda on Monday. Uganda's president hosted him "
                                        "at State House in Entebbe.", date="2024-03-01") if e.aux_mode is None]
    assert [(e.event, [a.code for a in e.actor], [r.code for r in e.recipient], len(e.mentions)) for e in found] == [
        ("CONSULT", ["KEN"], ["UGA"], 2)]  # the guest is the actor, as the first mention tells it
