"""Wordings of real events found in news text (recall round 4), on sentences written for these tests."""

from __future__ import annotations

import pytest

import thucydides
from thucydides.model import Event

pytestmark = pytest.mark.model


def real_events(text: str) -> list[Event]:
    return [e for e in thucydides.code(text, date="2024-03-10", min_confidence=None) if e.aux_mode is None]


def coded(events: list[Event], event: str) -> list[list[str | None]]:
    return [[a.code for a in e.actor] for e in events if e.event == event]


def test_a_trailing_participle_belongs_to_the_clause_just_before_it() -> None:
    # the parser hangs "accusing" on "soured": the relations do not accuse, Kinshasa does
    events = real_events("Relations between the two capitals have soured since Kinshasa expelled the ambassador "
                         "in March, accusing Kigali of arming the rebels.")
    assert coded(events, "ACCUSE") == [["COD"]]


def test_a_trailing_participle_after_a_generic_actor_is_that_actor_s() -> None:
    # "the junta" is uncoded in a sentence alone, but it is the accuser, not the fuel prices
    events = thucydides.code("Fuel prices have tripled since the junta closed the border in July, accusing Benin "
                             "of harbouring saboteurs.", date="2024-03-10", min_confidence=None, candidates=True)
    accusing = [e for e in events if e.event == "ACCUSE"]
    assert [a.text for e in accusing for a in e.actor] == ["the junta"]
