"""Is a candidate an event at all? Sentences written for these tests, one per phenomenon."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.nlp.events.candidates import Candidate, find_candidates
from thucydides.nlp.events.eventness import drop_reason
from thucydides.nlp.events.lexicon import default_lexicon

pytestmark = pytest.mark.model


def reasons(parser: Language, text: str) -> dict[str, str | None]:
    """trigger word -> why it is not an event (None: it may be one)."""
    lex = default_lexicon()
    out: dict[str, str | None] = {}
    for sent in parser(text).sents:
        for c in find_candidates(sent, lex):
            out[c.trigger.text] = drop_reason(c.trigger, c.rule.event, c.nominal, c.actor_heads, c.recipient_heads)
    return out


def events(parser: Language, text: str) -> list[tuple[str, str]]:
    lex = default_lexicon()
    found: list[Candidate] = [c for sent in parser(text).sents for c in find_candidates(sent, lex)]
    return [(c.rule.event, c.trigger.text) for c in found]


@pytest.mark.parametrize("text, trigger, reason", [
    # generic mentions of a war or a state of conflict
    ("After nine years of war, the town's market reopened on Sunday.", "war", "generic mention"),
    ("Little has changed in the valley since the war.", "war", "generic mention"),
    ("Analysts say the region remains a proxy war between larger powers.", "war", "generic mention"),
    # ... but anchored fighting, or a war that a verb makes happen, is an event
    ("Fighting between the army and the rebels broke out on Tuesday near the airport.", "Fighting", None),
    ("Heavy fighting erupted overnight in the northern suburbs of Goma.", "fighting", None),
    ("Russia declared war on Georgia in August 2008.", "war", None),
    # descriptive participles and adjectives
    ("Turkish-backed fighters entered the village at dawn.", "backed", "descriptive participle"),
    ("The brigade, supported by Emirati drones, held the ridge.", "supported", "descriptive participle"),
    ("Residents of the besieged city queued for bread.", "besieged", "descriptive participle"),
    # metaphors, characterisations and everyday senses
    ("The opposition leader launched a verbal assault on the finance minister.", "launched", "metaphor"),
    ("The central bank has declared war on inflation.", "war", "metaphor"),
    ("The report was a damning indictment of the prison service.", "indictment", "metaphor"),
    ("The minister called the raid an attack on the free press.", "attack", "metaphor"),
    ("The governor was on a fishing trip when the dam failed.", "trip", "non-political sense"),
    ("The spokesman, who asked not to be named, confirmed the figure.", "asked", "non-political sense"),
    ("The hurricane hit the coast of Honduras on Friday.", "hit", "non-political sense"),
    # another sense of the trigger verb, shown by its object
    ("Farmers say the new dams are contributing to water shortages downstream.", "contributing", "other sense"),
    # a war or insurgency fought over decades, or by a side a participle describes, is the state of conflict
    ("The PKK, with whom Ankara has fought a three-decade insurgency, denied the claim.", "fought",
     "generic mention"),
    ("Officials compared the group to the rebels fighting a separatist war in the south.", "fighting",
     "generic mention"),
    ("Moscow hit back on Friday, with a spokeswoman accusing London of hysteria.", "hit", "other sense"),
    # a count of victims up to now is a statistic, not an act
    ("More than 60 journalists have been killed since the start of the war.", "killed", "generic mention"),
    ("Some 200,000 people have been displaced since the floods began.", "displaced", "generic mention"),
    # sending war planes to bomb a region is the means of an attack, not aid
    ("Moscow has sent in aircraft to strike the rebel-held valley.", "sent", "other sense"),
])
def test_candidates_that_are_not_events_say_why(parser: Language, text: str, trigger: str,
                                                reason: str | None) -> None:
    assert reasons(parser, text)[trigger] == reason


@pytest.mark.parametrize("text, trigger", [
    ("Kenyan police fired tear gas at the marchers in Nairobi.", "fired"),
    ("Rebels backed the ceasefire proposal on Monday.", "backed"),
    ("Government troops besieged the town for three weeks.", "besieged"),
    ("The minister visited the flooded district on Friday.", "visited"),
    ("A convoy was attacked by gunmen near the border.", "attacked"),
    ("The militia released 40 hostages on Friday.", "released"),
    ("Russia is fighting a war in Ukraine.", "fighting"),
    ("Six soldiers have been killed by the rebels since Monday.", "killed"),
    ("Israel hit back with airstrikes on Gaza.", "hit"),
    ("The militia struck back at army positions overnight.", "struck"),
    ("Sixty protesters were killed in the capital on Friday.", "killed"),
    ("Israeli jets hit targets in Gaza on Sunday.", "hit"),
    ("Norway contributed $5m to the relief fund.", "contributed"),
    ("Canada sent two transport aircraft to help the flood victims.", "sent"),
])
def test_real_events_are_not_dropped(parser: Language, text: str, trigger: str) -> None:
    assert reasons(parser, text)[trigger] is None


@pytest.mark.parametrize("text, expected", [
    ("Turkey summoned the Swedish ambassador over the protest.", ("ACCUSE", "summoned")),
    ("Three Sahel states withdrew from the regional bloc in January.", ("SANCTION", "withdrew")),
    ("The general's men tore up the peace accord last week.", ("SANCTION", "tore")),
    ("Polish fighter jets were scrambled after the incursion.", ("MOBILIZE", "scrambled")),
    ("The navy boarded a cargo vessel off the coast.", ("COERCE", "boarded")),
    ("Dockworkers went on strike in the port of Antwerp.", ("PROTEST", "went")),
    ("The ministry denied that its soldiers had fired on civilians.", ("REJECT", "denied")),
    ("Riot police answered with water cannon and rubber rounds.", ("ASSAULT", "answered")),
    ("The two factions struck a bargain over the oil revenue.", ("AGREE", "struck")),
    ("The army moved armoured vehicles to the border.", ("MOBILIZE", "moved")),
])
def test_word_senses_from_their_arguments(parser: Language, text: str, expected: tuple[str, str]) -> None:
    assert expected in events(parser, text)


def test_an_attempt_is_not_a_trial(parser: Language) -> None:
    assert ("ACCUSE", "tried") not in events(parser, "The rebels tried to reach the capital before dawn.")
    assert ("ACCUSE", "tried") in events(parser, "A military court tried the former general for treason.")


def test_an_event_without_a_coded_actor_is_only_a_candidate() -> None:
    import thucydides

    text = "The market town was shelled overnight. Malian soldiers arrested two traders on Tuesday."
    shown = [(e.event, e.trigger) for e in thucydides.code(text, date="2024-02-01")]
    assert shown == [("COERCE", "arrested")]
    kept = {e.trigger: e.dropped for e in thucydides.code(text, date="2024-02-01", candidates=True)}
    assert kept["shelled"] == "no actor" and kept["arrested"] is None


@pytest.mark.parametrize(("text", "trigger"), [
    # other senses the trigger lexicon itself rules out (its excludes): no candidate, or a dropped one
    ("Two accounts of the ambush were released by the ministry.", "released"),
    ("AP and Reuters contributed to this story.", "contributed"),
    ("Grave abuses were committed by the police in the camps.", "committed"),
])
def test_other_senses_never_reach_the_default_output(text: str, trigger: str) -> None:
    import thucydides

    kept = [e for e in thucydides.code(text, date="2023-05-10") if e.trigger == trigger]
    assert kept == []


def test_a_named_actor_unknown_to_the_knowledge_base_is_still_an_actor() -> None:
    import thucydides

    kept = [e for e in thucydides.code("Premier Ilse Verdant agreed to end the blockade of the port.",
                                       date="2023-05-10") if e.trigger == "agreed"]
    assert len(kept) == 1 and kept[0].dropped is None
    assert kept[0].actor[0].code is None and kept[0].actor[0].text.endswith("Ilse Verdant")


def test_an_actor_known_only_by_its_sector_needs_a_country() -> None:
    import thucydides

    events = thucydides.code("Police arrested dozens of people on Monday.", date="2023-05-10", candidates=True)
    arrests = [e for e in events if e.trigger == "arrested"]
    assert arrests and all(e.dropped == "no actor" for e in arrests)


def test_a_bare_name_unknown_to_the_knowledge_base_is_not_enough() -> None:
    import thucydides

    events = thucydides.code("Marta Oyelaran agreed to end the blockade of the port.", date="2023-05-10",
                             candidates=True)
    agreed = [e for e in events if e.trigger == "agreed"]
    assert agreed and all(e.dropped == "no actor" for e in agreed)


@pytest.mark.parametrize("text", ["Kenya's president has hit back at comments made by the Somali leader.",
                                  "The premier hit back at remarks made by the opposition leader."])
def test_hitting_back_at_comments_is_a_retort_in_words_not_a_strike(parser: Language, text: str) -> None:
    assert ("ACCUSE", "hit") in events(parser, text) and ("ASSAULT", "hit") not in events(parser, text)
    assert reasons(parser, text)["hit"] is None
