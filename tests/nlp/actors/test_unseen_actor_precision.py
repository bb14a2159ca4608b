"""An actor known only by its sector ("rights groups", "officials", "a Kurdish leader") takes a country from
its own phrase, its event's place or an antecedent, never from the party it acts on: "rights groups accused
the Chadian government" says nothing of where the rights groups are from."""

from __future__ import annotations

import pytest

import thucydides

pytestmark = pytest.mark.model


def codes(text: str, trigger: str, role: str = "actor") -> list[str | None]:
    events = [e for e in thucydides.code(text, date="2024-05-10", min_confidence=0) if e.trigger == trigger]
    assert events, f"no event on {trigger!r}"
    return sorted({a.code for a in getattr(events[0], role)}, key=str)


NOT_THE_RECIPIENTS = [
    ("Rights groups accused the government of Chad of torturing prisoners.", "accused"),
    ("Officials criticised the Kenyan police for the killings.", "criticised"),
    ("Aid workers accused Ethiopian troops of blocking food convoys.", "accused"),
    ("A Kurdish leader met the Iraqi foreign minister on Monday.", "met"),
    ("Kurdish commanders condemned the Turkish government on Friday.", "condemned"),
]


@pytest.mark.parametrize(("text", "trigger"), NOT_THE_RECIPIENTS)
def test_a_sector_actor_is_not_of_its_recipients_country(text: str, trigger: str) -> None:
    assert codes(text, trigger) == [None]


OWN_PHRASE_OR_PLACE = [
    # the actor's own words name its country
    ("Malian officials criticised the French army for the raid.", "criticised", ["MLI"]),
    ("Officials in Niger accused French troops of firing on a convoy.", "accused", ["NER"]),
    # the event happens in a town of one country: a domestic actor there is of it
    ("Police arrested dozens of students in Mombasa on Tuesday.", "arrested", ["KEN"]),
]


@pytest.mark.parametrize(("text", "trigger", "expected"), OWN_PHRASE_OR_PLACE)
def test_a_sector_actor_keeps_a_country_its_phrase_or_place_gives(text: str, trigger: str,
                                                                   expected: list[str]) -> None:
    assert codes(text, trigger) == expected
