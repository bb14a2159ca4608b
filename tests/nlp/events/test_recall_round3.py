"""Wordings of real events found in news text (realtext recall round 3), on sentences written for these tests."""

from __future__ import annotations

import pytest

import thucydides
from thucydides.model import Event

pytestmark = pytest.mark.model


def real_events(text: str) -> list[Event]:
    return [e for e in thucydides.code(text, date="2024-03-10", min_confidence=None) if e.aux_mode is None]


def test_a_coordinated_verb_under_a_vow_is_vowed_not_done() -> None:
    events = real_events("The rebels in Kayes vowed to storm the barracks and seize the airport.")
    assert [e.event for e in events] == ["THREATEN"]


def test_a_coordinated_verb_under_an_agreement_is_part_of_the_agreement() -> None:
    events = real_events("Moldova agreed to withdraw its border guards and release the detained fishermen.")
    assert [e.event for e in events] == ["AGREE"]


def test_a_promise_of_two_coordinated_acts_is_one_promise() -> None:
    events = real_events("The Malian government said it would respect the ceasefire and allow aid deliveries.")
    assert [(e.event, [a.code for a in e.actor]) for e in events] == [("CONCEDE", ["MLI"])]


def test_a_tensed_coordinated_verb_keeps_its_own_time() -> None:
    events = real_events("Estonia said it would not send troops, but it supports the mission in Mali.")
    assert "AGREE" not in [e.event for e in events]


@pytest.mark.parametrize("text", [
    "Rights groups in Chad warned that the army had burned villages near Abeche.",
    "The UN warned that Eritrean police were detaining refugees at the border.",
    "The UN refugee agency warned the Kenyan government was trying to force Somali refugees home.",
])
def test_a_warning_that_another_party_did_or_is_doing_violence_is_an_accusation(text: str) -> None:
    events = real_events(text)
    assert "ACCUSE" in [e.event for e in events]
    assert "THREATEN" not in [e.event for e in events]


@pytest.mark.parametrize("text", [
    "Chad warned that its army would burn the rebel camps.",
    "Aid agencies warned that police could detain refugees if the camps closed.",
])
def test_a_warning_of_what_may_come_is_no_accusation(text: str) -> None:
    assert "ACCUSE" not in [e.event for e in real_events(text)]
