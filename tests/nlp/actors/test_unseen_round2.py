"""An attack pinned on nobody is coded to the country where it happened only when the article reports one
specific, recent happening: not a reference to an attack known by name, a state, a habit, a description of
people, history the date resolver left undated, a count over a year, or a death by a device left behind."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import thucydides
from thucydides.nlp.where_when.places import event_place

pytestmark = pytest.mark.model

PUBLISHED = "2022-09-14"


def _unidentified(text: str) -> list[thucydides.Event]:
    return [e for e in thucydides.code(text, date=PUBLISHED)
            if any(a.kind == "unidentified" for a in e.actor)]


@pytest.mark.parametrize("text", [
    # a known attack referred to by its name, with no date of its own
    "The minister said she had no regrets about the Mombasa attack.",
    "Officials published a report on the Baidoa bombing.",
    # the date belongs to the clause the reference hangs on, not to the attack
    "Last week the ambassador complained about the use of poison in the Garissa attack.",
    # history the sentence dates itself
    "He took the name of an uncle who was killed in Kenya in the 1990s.",
    "Her husband was killed near Baidoa in mid-2015.",
    # a count over a year, not one attack
    "More than 200 soldiers were killed in Somalia last year, according to official figures.",
    # a habit or a state, told in the present
    "In Somalia, reporters are killed simply for doing their jobs.",
    "We talked about his plans to come home now Kismayo is liberated.",
    # a description of people, not an act
    "We expect that those who have fought with us in Somalia are not put in jeopardy.",
    # a death by a device left behind: nobody attacked anyone that day
    "A volunteer was killed in Somalia while trying to clear a booby-trapped house, an inquest heard.",
])
def test_no_unidentified_attacker_for_what_is_no_specific_recent_attack(text: str) -> None:
    assert _unidentified(text) == []


@pytest.mark.parametrize(("text", "country"), [
    ("A roadside bomb killed nine soldiers near the town of Baidoa on Tuesday.", "SOM"),
    # an undated report of the day, in the past: "hit" is past here, not present
    ("Rebels said cluster bombs hit several towns in southern Idlib.", "SYR"),
    # a reference with a date of its own
    ("Saturday's bomb attack in Mombasa killed twelve people.", "KEN"),
    # the first mention reports the happening; a later reference to it does not undo that
    ("A roadside bomb killed a soldier near Baidoa on Wednesday. No group claimed the bombing.", "SOM"),
])
def test_a_dated_or_reported_attack_is_still_pinned_on_the_place(text: str, country: str) -> None:
    assert [a.code for e in _unidentified(text) for a in e.actor][:1] == [country]


def test_no_unidentified_attacker_for_a_circumstance_told_by_a_gerund() -> None:
    text = "After being pushed further from their stronghold of Kismayo, the fighters regrouped in the south."
    assert _unidentified(text) == []


def test_where_a_victim_comes_from_is_not_where_the_attack_happened(blank_nlp: Language) -> None:
    # "Tom Smith, from Leeds, was killed in Kandahar", parsed with "from Leeds" on the verb
    words = ["Tom", "Smith", ",", "from", "Leeds", ",", "was", "killed", "in", "Kandahar", "."]
    heads = [1, 7, 7, 7, 3, 7, 7, 7, 7, 8, 7]
    deps = ["compound", "nsubjpass", "punct", "prep", "pobj", "punct", "auxpass", "ROOT", "prep", "pobj", "punct"]
    doc = Doc(blank_nlp.vocab, words=words, heads=heads, deps=deps,
              pos=["PROPN", "PROPN", "PUNCT", "ADP", "PROPN", "PUNCT", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
              ents=["B-PERSON", "I-PERSON", "O", "O", "B-GPE", "O", "O", "O", "O", "B-GPE", "O"])
    place = event_place(doc[7])
    assert place is not None and place.country == "AFG"


def test_a_stronghold_of_a_town_is_that_town() -> None:
    events = [e for e in thucydides.code("Kenyan troops stormed the rebel stronghold of Kismayo on Monday.",
                                         date=PUBLISHED) if e.trigger == "stormed"]
    assert events and events[0].location is not None and events[0].location.country == "SOM"
