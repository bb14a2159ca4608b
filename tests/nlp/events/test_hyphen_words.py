"""Hyphenated words the event lexicon names ("sit-in", "build-up", "counter-offensive", "re-impose") are one
token again after spaCy splits them in three, so their rules match; other hyphenated words are left alone."""

from __future__ import annotations

import pytest
from spacy.language import Language

import thucydides
from thucydides.model import Event

pytestmark = pytest.mark.model


def events(text: str) -> list[Event]:
    return [e for e in thucydides.code(text, date="2024-03-10", min_confidence=None) if e.aux_mode is None]


@pytest.mark.parametrize(("text", "event", "trigger"), [
    ("Kenyan teachers began a sit-in at the education ministry on Monday.", "PROTEST", "sit-in"),
    ("Russia's military build-up near the Finnish border alarmed Helsinki.", "MOBILIZE", "build-up"),
])
def test_a_hyphenated_event_noun_is_a_trigger(text: str, event: str, trigger: str) -> None:
    assert [(e.event, e.trigger) for e in events(text)] == [(event, trigger)]


def test_the_head_of_a_hyphenated_object_is_the_whole_word_not_its_first_part() -> None:
    found = events("Ukraine launched a counter-offensive near Kherson on Monday.")
    assert [(e.event, [a.code for a in e.actor], [r.text for r in e.recipient]) for e in found] == [
        ("ASSAULT", ["UKR"], [])]  # not a recipient "a counter"


def test_a_plural_hyphenated_noun_meets_a_rule_that_requires_it() -> None:
    found = events("Armenian forces mounted counter-attacks on Azerbaijani positions near Lachin.")
    assert [(e.event, [a.code for a in e.actor]) for e in found] == [("ASSAULT", ["ARM"])]


def test_a_hyphenated_verb_is_one_verb() -> None:
    found = thucydides.code("The EU will re-impose sanctions on Belarus.", date="2024-03-10", min_confidence=None)
    assert [(e.event, e.trigger, e.aux_mode, [r.code for r in e.recipient]) for e in found] == [
        ("SANCTION", "re-impose", "future", ["BLR"])]


def test_a_head_and_modifier_term_and_words_the_lexicon_does_not_name_stay_apart(nlp: Language) -> None:
    doc = nlp("Inmates began a hunger-strike in a well-known jail, vis-a-vis the x-ray unit.")
    assert [t.text for t in doc if "-" in t.text and t.text != "-"] == []  # hunger-strike: head and modifier
    found = events("Inmates in Kenya began a hunger-strike on Monday.")
    assert [(e.event, e.trigger) for e in found] == [("PROTEST", "strike")]


def test_a_modified_event_noun_refers_back_to_a_mention_of_the_same_word_only() -> None:
    text = ("A chemical attack by Sudanese army aircraft killed 12 villagers near Kutum on Monday. "
            "Chad warned of a possible Chadian counterattack on the border posts. "
            "The UN called for an inquiry into the chemical attack.")
    found = [e for e in thucydides.code(text, date="2024-03-10", candidates=True)
             if e.trigger == "attack" and e.sentence is not None and e.sentence.index == 2]
    assert found and [a.code for a in found[0].actor] == ["SDN"]
