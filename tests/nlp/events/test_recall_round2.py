"""Wordings of real events found in news text (realtext recall round 2), on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.nlp.events.candidates import Candidate, find_candidates, np_span
from thucydides.nlp.events.intent import recode
from thucydides.nlp.events.lexicon import default_lexicon

pytestmark = pytest.mark.model


def events_of(parser: Language, text: str) -> list[Candidate]:
    doc = parser(text)
    lex = default_lexicon()
    return [c for sent in doc.sents for c in find_candidates(sent, lex)]


def of_type(cands: list[Candidate], event: str) -> list[Candidate]:
    return [c for c in cands if c.rule.event == event]


def test_forces_leaving_a_country_withdraw_and_announced_it_is_a_concession(parser: Language) -> None:
    (c,) = of_type(events_of(parser, "The minister announced that 1,500 French troops will leave Chad by May."),
                   "RETREAT")
    assert [np_span(h).text for h in c.actor_heads] == ["1,500 French troops"]
    rc = recode(c.trigger, "RETREAT")
    assert rc is not None and rc.event == "CONCEDE"


def test_a_state_said_to_leave_withdraws(parser: Language) -> None:
    (c,) = of_type(events_of(parser, "He said Canada would leave at a measured pace."), "RETREAT")
    assert [np_span(h).text for h in c.actor_heads] == ["Canada"]


@pytest.mark.parametrize("text", ["Spain will leave the EU next year.", "Thousands of families left Homs.",
                                  "The floods left 30 dead."])
def test_leaving_a_bloc_or_people_leaving_is_no_withdrawal(parser: Language, text: str) -> None:
    assert not of_type(events_of(parser, text), "RETREAT")


def test_a_quoted_command_is_a_request_by_the_speaker(parser: Language) -> None:
    doc = parser("“Don’t drag Jordan into your own quarrels,” the minister said.")
    rc = recode(next(t for t in doc if t.text == "drag"), "REQUEST")
    assert rc is not None and rc.event == "REQUEST" and doc[rc.actor].text == "minister"  # type: ignore[index]


def test_a_reported_statement_with_a_subject_is_no_command(parser: Language) -> None:
    doc = parser("“We will win this war,” the minister said.")
    rc = recode(next(t for t in doc if t.text == "win"), "ASSAULT")
    assert rc is None or rc.reason != "command"


@pytest.mark.parametrize(("text", "event"), [
    ("Kurdish fighters say they have cornered the last rebels in a farm.", "ASSAULT"),
    ("Rebels were preventing hundreds of families from leaving the town.", "COERCE"),
    ("About 500 militants are held in prison by the police.", "COERCE"),
    ("The militia was taking revenge on villagers who returned.", "COERCE"),
    ("Taliban fighters are regrouping in the south.", "MOBILIZE"),
])
def test_wordings_of_material_conflict(parser: Language, text: str, event: str) -> None:
    assert of_type(events_of(parser, text), event)


def test_acting_in_coordination_with_a_partner_is_cooperation_by_the_clause_subject(parser: Language) -> None:
    (c,) = of_type(events_of(parser, "Kenya arrested the suspects in cooperation with Somalia."), "COOPERATE")
    assert [np_span(h).text for h in c.actor_heads] == ["Kenya"]


def test_insisting_that_another_party_attacked_is_an_accusation(parser: Language) -> None:
    (c,) = of_type(events_of(parser, "Officials insisted the rebels had repeatedly shelled border posts."), "ACCUSE")
    assert [np_span(h).text for h in c.recipient_heads] == ["the rebels"]


@pytest.mark.parametrize("text", ["Moscow insisted it had struck only militants.",
                                  "The army said the rebels shelled the border posts."])
def test_own_acts_and_plain_reports_are_no_accusation(parser: Language, text: str) -> None:
    assert not of_type(events_of(parser, text), "ACCUSE")


@pytest.mark.parametrize(("text", "event"), [
    ("She toured Paris and Berlin to press the case for sanctions.", "REQUEST"),
    ("Ankara said Washington was stalling on a promise to leave the city.", "REJECT"),
    ("Obama’s disengagement from the region worried Riyadh.", "RETREAT"),
])
def test_wordings_of_requests_refusals_and_retreats(parser: Language, text: str, event: str) -> None:
    assert of_type(events_of(parser, text), event)


def test_raising_the_possibility_of_an_act_is_a_request(parser: Language) -> None:
    (c,) = of_type(events_of(parser, "The EU has raised the possibility of new sanctions on Minsk."), "REQUEST")
    assert [np_span(h).text for h in c.actor_heads] == ["The EU"]


def test_defeating_a_party_is_an_assault_and_defeating_a_motion_is_not(parser: Language) -> None:
    assert of_type(events_of(parser, "Government troops defeated the rebels near the border."), "ASSAULT")
    assert not of_type(events_of(parser, "Labour defeated the motion."), "ASSAULT")


def test_a_name_before_a_reporting_verb_is_its_speaker(parser: Language) -> None:
    cands = events_of(parser, "Tensions rose after the US built a border force – a situation Turkey said "
                              "constituted a threat.")
    (c,) = of_type(cands, "ACCUSE")
    assert [np_span(h).text for h in c.actor_heads] == ["Turkey"]


def test_a_place_held_by_a_party_gives_way_to_the_party_as_antecedent(parser: Language) -> None:
    cands = events_of(parser, "Police said the operation targeted the gangs controlling the district, which they "
                              "insisted had attacked police posts.")
    (c,) = [c for c in of_type(cands, "ASSAULT") if c.trigger.text == "attacked"]
    assert [np_span(h).text for h in c.actor_heads] == ["the gangs"]


def test_an_act_given_as_an_instance_of_a_partys_policies_is_that_partys(parser: Language) -> None:
    cands = events_of(parser, "He replied that Russian policies – such as support for the separatists and the "
                              "sheltering of fugitives – had caused anger.")
    (c,) = of_type(cands, "SUPPORT")
    assert [np_span(h).text for h in c.actor_heads] == ["Russian"]


def test_reversing_plans_is_a_rejection(parser: Language) -> None:
    assert of_type(events_of(parser, "The government appeared to reverse plans to close the base."), "REJECT")


@pytest.mark.parametrize("text", ["The coalition is in the country to defeat the insurgents.",
                                  "Its role was confined to defeating the insurgents."])
def test_defeating_as_an_aim_is_no_event(parser: Language, text: str) -> None:
    assert not [c for c in of_type(events_of(parser, text), "ASSAULT") if c.trigger.lemma_ == "defeat"]
