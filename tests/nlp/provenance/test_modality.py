"""Auxiliary mode of an event: future, hypothetical, historical, negated, or a real event (None)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.nlp.provenance.modality import aux_mode

CASES = [
    # (sentence, trigger word, expected aux_mode)
    ("The foreign ministers will meet in Oslo next month.", "meet", "future"),
    ("The defence minister is to visit Warsaw on Friday.", "visit", "future"),
    ("The navy is preparing to launch joint patrols in the Baltic.", "launch", "future"),
    ("Leaders gathered for the upcoming summit in Madrid.", "summit", "future"),
    ("The drill, scheduled to begin on Monday, involves 3,000 troops.", "involves", "future"),
    ("If Belgrade recognises the vote, Pristina would open talks.", "recognises", "hypothetical"),
    ("Should the ceasefire collapse, the alliance would deploy more ships.", "collapse", "hypothetical"),
    ("Sending jets would provoke a direct clash with Moscow.", "provoke", "hypothetical"),
    ("The drill scenario involves hostile forces seizing the Polish port of Gdansk.", "seizing",
     "hypothetical"),
    ("In this simulation, the navy blockades the strait for two weeks.", "blockades", "hypothetical"),
    ("The plan aims to encircle the city by winter.", "encircle", "hypothetical"),
    ("Napoleon's army occupied Moscow in the nineteenth century.", "occupied", "historical"),
    ("The city was bombed heavily during the Second World War.", "bombed", "historical"),
    ("Soviet troops entered Prague in 1968.", "entered", "historical"),
    ("Turkish forces did not attack the convoy.", "attack", "negated"),
    ("No troops were sent to the border.", "sent", "negated"),
    ("The minister never visited Minsk.", "visited", "negated"),
    ("Talks failed to produce an agreement.", "produce", "negated"),
    ("Russian forces shelled Kherson on Tuesday.", "shelled", None),
    ("The army denied that it shelled the hospital.", "shelled", None),
    ("Police arrested 40 protesters, the ministry said.", "arrested", None),
    # a participle with its agent tells a done act, whatever the clause it hangs on announces
    ("The envoys will meet in Vienna, a venue rejected by the rebels.", "rejected", None),
    # what someone is asked, pressed or pleaded with to do, or argues for, is asked for, not done
    ("The mayor pleaded with Cairo and Amman to halt any planned offensive.", "halt", "hypothetical"),
    ("Canada had been pressing Ghana to extradite the suspect since 2019.", "extradite", "hypothetical"),
    ("Norway had been pressing Sweden to extradite Olsen since he was first held there.", "extradite",
     "hypothetical"),
    ("The prosecutor, who argued for the suspect's deportation, may appeal.", "deportation", "hypothetical"),
    # an obligation is not an act; a present 'when' clause is not a report of one
    ("Ankara said it was not bound to observe the truce.", "observe", "hypothetical"),
    ("The brigade was required to withdraw from the hills.", "withdraw", "hypothetical"),
    ("That is what is at stake when we talk about an invasion.", "talk", "future"),
    ("When the police stormed the camp, the protesters threw stones.", "stormed", None),
    ("He ignored incidents when mercenaries have fought the special forces.", "fought", None),
    ("Moscow insists the Sochi conference is supposed to complement the Geneva talks.", "conference", None),
    # the denier's own act, denied in a gerund, did not happen (a that-clause is a disputed claim, above)
    ("Kampala denies arming the rebels in the east.", "arming", "negated"),
    ("The ministry denied having shelled the market.", "shelled", "negated"),
    # a career's worth of acts is background
    ("The colonel spent two decades fighting the insurgents.", "fighting", "historical"),
    ("Negotiators spent three days discussing the truce.", "discussing", None),
    # ... but not what happens in the sentence around the request, nor a purpose after a movement
    ("Canada had been pressing Ghana to extradite him since he was first detained there.", "detained", None),
    ("The rebels pushed into the city to attack the army barracks.", "attack", None),
    ("The rebels called the French president to discuss the truce.", "discuss", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "word", "expected"), CASES)
def test_aux_mode(parser: Language, text: str, word: str, expected: str | None) -> None:
    doc = parser(text)
    trigger = next(t for t in doc if t.text == word)
    assert aux_mode(trigger, "2024-03-01") == expected


@pytest.mark.model
def test_conditional_governs_only_its_clause(parser: Language) -> None:
    doc = parser("Should the talks in Geneva collapse, the ministers will meet again next month.")
    meet = next(t for t in doc if t.text == "meet")
    collapse = next(t for t in doc if t.text == "collapse")
    assert aux_mode(meet) == "future"
    assert aux_mode(collapse) == "hypothetical"


@pytest.mark.model
def test_old_year_is_history_only_relative_to_the_document(parser: Language) -> None:
    doc = parser("Rebels seized the airport in 2015.")
    seized = next(t for t in doc if t.text == "seized")
    assert aux_mode(seized, "2016-01-10") is None
    assert aux_mode(seized, "2060-01-10") == "historical"


@pytest.mark.model
def test_planned_meeting_and_its_conception(parser: Language) -> None:
    doc = parser("The Geneva conference was conceived of as a meeting of winners.")
    conference = next(t for t in doc if t.text == "conference")
    meeting = next(t for t in doc if t.text == "meeting")
    assert aux_mode(conference) == "future"
    assert aux_mode(meeting) == "hypothetical"


NOT_REAL = [
    # (sentence, trigger word, expected aux_mode): acts the clause says did not, or may not, happen
    ("Diplomats discussed a possible withdrawal of the garrison.", "withdrawal", "hypothetical"),
    ("Analysts warned of a potential incursion into the valley.", "incursion", "hypothetical"),
    ("The government rejected any negotiation with the separatists.", "negotiation", "hypothetical"),
    ("A blockade of the port is likely, officials said.", "blockade", "hypothetical"),
    ("Prosecutors described a plot to bomb the parliament.", "bomb", "hypothetical"),
    ("Ministers cited the likelihood of strikes on the capital.", "strikes", "hypothetical"),
    ("The envoy asked for more time for a truce to be agreed.", "agreed", "hypothetical"),
    ("Mediators are in talks with the council over deploying observers.", "deploying", "hypothetical"),
    ("If the two sides are able to reach a deal, sanctions would be lifted.", "reach", "hypothetical"),
    ("The harbour town was spared a bombardment.", "bombardment", "negated"),
    ("The mayor persuaded the militia to hold off from an assault on the market.", "assault", "negated"),
    ("The parliament is still holding up 2 billion dollars of aid for the refugees.", "aid", "negated"),
    ("The governor warned students against staging protests.", "protests", "negated"),
    ("Nobody fired on the convoy.", "fired", "negated"),
    ("The junta has shown no interest in a dialogue with the rebels.", "dialogue", "negated"),
    ("The rebels cannot afford attacks while the monsoon lasts.", "attacks", "negated"),
    ("The militia denied planning to raid the depot.", "raid", "future"),
    ("Shelling went on before the truce can be enforced.", "truce", "future"),
]

STILL_REAL = [
    # the same constructions where the act did happen
    ("Troops were sent to the border and fired on the convoy.", "fired"),
    ("The assault on the market was repelled by the militia.", "assault"),
    ("Shelling went on until the truce took effect.", "truce"),
    ("The general thanked the pilots, who have flown sorties over the valley all week.", "flown"),
    ("A setback for the ministry's efforts to prosecute the commanders.", "prosecute"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "word", "expected"), NOT_REAL)
def test_acts_that_did_not_happen(nlp: Language, text: str, word: str, expected: str) -> None:
    trigger = next(t for t in nlp(text) if t.text == word)
    assert aux_mode(trigger, "2024-03-01") == expected


@pytest.mark.model
@pytest.mark.parametrize(("text", "word"), STILL_REAL)
def test_acts_that_did_happen(nlp: Language, text: str, word: str) -> None:
    trigger = next(t for t in nlp(text) if t.text == word)
    assert aux_mode(trigger, "2024-03-01") is None


@pytest.mark.model
def test_a_relative_clause_with_its_own_tense_keeps_its_mode(nlp: Language) -> None:
    doc = nlp("Ankara should avoid steps that risk a clash with the militias, which have fought jihadists.")
    fought = next(t for t in doc if t.text == "fought")
    assert aux_mode(fought, "2024-03-01") is None
