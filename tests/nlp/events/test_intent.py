"""Announced intentions and reported obligations are coded as PLOVER prescribes."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.nlp.events.intent import recode

pytestmark = pytest.mark.model


def token(parser: Language, text: str, word: str):  # type: ignore[no-untyped-def]
    doc = parser(text)
    return next(t for t in doc if t.text == word)


def test_future_aid_is_an_agreement(parser: Language) -> None:
    rc = recode(token(parser, "Norway will give Malawi a grant of ten million dollars.", "give"), "AID")
    assert rc is not None and rc.event == "AGREE" and rc.reason == "future"


def test_intended_withdrawal_is_a_concession(parser: Language) -> None:
    rc = recode(token(parser, "Armenia says it is willing to withdraw its troops from the border.", "withdraw"),
                "RETREAT")
    assert rc is not None and rc.event == "CONCEDE"


def test_vowed_attack_is_a_threat_that_replaces_the_vow(parser: Language) -> None:
    tok = token(parser, "The militia vowed to attack the airport.", "attack")
    rc = recode(tok, "ASSAULT")
    assert rc is not None and rc.event == "THREATEN" and rc.governor == tok.head.i


def test_reported_obligation_is_a_request_by_the_reporter(parser: Language) -> None:
    doc = parser("Chile said Peru must return the fishing boats.")
    rc = recode(next(t for t in doc if t.text == "return"), "RETREAT")
    assert rc is not None and rc.event == "REQUEST"
    assert doc[rc.actor].text == "Chile" and doc[rc.recipient].text == "Peru"  # type: ignore[index]


def test_past_events_and_conditions_are_left_alone(parser: Language) -> None:
    assert recode(token(parser, "Norway gave Malawi a grant last year.", "gave"), "AID") is None
    assert recode(token(parser, "If Malawi gives the money back, talks resume.", "gives"), "AID") is None
    assert recode(token(parser, "Norway did not give Malawi a grant.", "give"), "AID") is None


def test_refused_cooperation_is_a_rejection(parser: Language) -> None:
    rc = recode(token(parser, "Norway will not give Malawi a grant.", "give"), "AID")
    assert rc is not None and (rc.event, rc.reason) == ("REJECT", "refusal")
    rc = recode(token(parser, "The rebels refused to release the hostages.", "release"), "RETREAT")
    assert rc is not None and rc.event == "REJECT"
    assert recode(token(parser, "The army will not attack the town.", "attack"), "ASSAULT") is None


@pytest.mark.parametrize(("text", "word", "event"), [
    ("The council called on Uganda to withdraw its troops.", "withdraw", "RETREAT"),
    ("She urged both parties to resume talks.", "resume", "CONSULT"),
    ("They asked the neighbours to guarantee safe passage.", "guarantee", "AGREE"),
])
def test_the_act_asked_for_is_the_requests_content(parser: Language, text: str, word: str, event: str) -> None:
    tok = token(parser, text, word)
    rc = recode(tok, event)
    assert rc is not None and (rc.event, rc.reason) == ("REQUEST", "request")
    assert rc.governor is not None and rc.governor != tok.i


def test_an_aspectual_verb_is_looked_through_to_the_vow(parser: Language) -> None:
    rc = recode(token(parser, "The rebels vowed to keep shelling the port.", "shelling"), "ASSAULT")
    assert rc is not None and rc.event == "THREATEN" and rc.reason == "intent:vow"
    assert recode(token(parser, "The rebels kept shelling the port.", "shelling"), "ASSAULT") is None


@pytest.mark.parametrize(("text", "word", "event", "reason"), [
    # a promise reported in a future clause is made now (issue 8)
    ("Ghana said it would respect the court's ruling.", "respect", "AGREE", "future"),
    # the future of an aspectual verb carries to its complement
    ("Ottawa will continue to engage with the island's leaders.", "engage", "AGREE", "future"),
    # negated permission and reserved rights are the threat or refusal itself
    ("The junta will not tolerate the return of the exiles.", "tolerate", "THREATEN", "refusal"),
    ("Kiev said it would reserve the right to retaliate.", "reserve", "THREATEN", "future"),
])
def test_announcements_made_now(parser: Language, text: str, word: str, event: str, reason: str) -> None:
    from thucydides.nlp.events.candidates import match_trigger
    from thucydides.nlp.events.lexicon import default_lexicon
    tok = token(parser, text, word)
    rule = match_trigger(tok, default_lexicon())
    assert rule is not None
    rc = recode(tok, rule.event)
    assert rc is not None and (rc.event, rc.reason) == (event, reason)


def test_a_narrated_future_agreement_stays_scheduled(parser: Language) -> None:
    assert recode(token(parser, "The council will accept the proposal next week.", "accept"), "AGREE") is None


def test_a_reported_need_of_a_named_party_is_a_request_by_the_reporter(parser: Language) -> None:
    doc = parser("The agency insisted that the camps need to close.")
    rc = recode(next(t for t in doc if t.text == "need"), "REQUEST")
    assert rc is not None and rc.event == "REQUEST" and rc.reason == "obligation"
    assert doc[rc.actor].text == "agency" and doc[rc.recipient].text == "camps"  # type: ignore[index]


def test_a_speakers_prediction_about_another_party_is_no_threat(parser: Language) -> None:
    text = "Greek officials said they believed the Albanian gangs would attack the depots."
    assert recode(token(parser, text, "attack"), "ASSAULT") is None
    rc = recode(token(parser, "Athens said its navy would attack the smugglers.", "attack"), "ASSAULT")
    assert rc is not None and rc.event == "THREATEN"


def test_a_failed_agreement_is_a_rejection_and_a_sworn_fight_a_threat(parser: Language) -> None:
    rc = recode(token(parser, "Lima and Quito failed to reach an agreement on the border.", "reach"), "AGREE")
    assert rc is not None and (rc.event, rc.reason) == ("REJECT", "refusal")
    rc = recode(token(parser, "The clans have sworn to fight until they regain the wells, officials said.",
                      "fight"), "ASSAULT")
    assert rc is not None and rc.event == "THREATEN"


def test_an_intent_noun_announces_its_content(parser: Language) -> None:
    doc = parser("Markets fell after Mali's decision to withdraw from the regional force.")
    rc = recode(next(t for t in doc if t.text == "withdraw"), "RETREAT")
    assert rc is not None and rc.event == "CONCEDE" and doc[rc.holder].text == "decision"  # type: ignore[index]


def test_an_intent_noun_with_a_that_clause_needs_an_announced_act(parser: Language) -> None:
    # the clause reports what happened, it announces nothing
    doc = parser("The announcement that troops had left the town surprised the council.")
    assert recode(next(t for t in doc if t.text == "left"), "RETREAT") is None


@pytest.mark.parametrize(("text", "trigger", "event", "codes"), [
    ("Paris regretted Mali's decision to withdraw from the regional force.", "withdraw", "CONCEDE", ["MLI"]),
    ("Chad's pledge to release the detained soldiers was welcomed in Niamey.", "pledge", "AGREE", ["TCD"]),
])
def test_the_holder_of_an_intent_noun_is_the_actor(text: str, trigger: str, event: str, codes: list[str]) -> None:
    import thucydides

    found = [e for e in thucydides.code(text, date="2021-06-01") if e.trigger == trigger]
    assert [(e.event, [a.code for a in e.actor]) for e in found] == [(event, codes)]


def test_a_pronoun_in_an_announcement_is_the_announcer(parser: Language) -> None:
    doc = parser("The strikes came after a French announcement that it would train an army.")
    rc = recode(next(t for t in doc if t.text == "train"), "AID")
    assert rc is not None and rc.event == "AGREE" and rc.holder is not None
    assert doc[rc.holder].text == "announcement"
