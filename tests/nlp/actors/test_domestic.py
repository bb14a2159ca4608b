"""Whose an actor known only by its sector is: weapons under an armed group's name are that group's; a
country named only in words describing a thing ("a Russian law") is no home for a sector actor; UK
ministries are data."""

from __future__ import annotations

import pytest

import thucydides

pytestmark = pytest.mark.model


def actor_codes(text: str, trigger: str) -> list[str | None]:
    events = [e for e in thucydides.code(text, date="2024-05-10", min_confidence=0) if e.trigger == trigger]
    assert events, f"no event on {trigger!r}"
    return sorted({a.code for a in events[0].actor}, key=str)


CASES = [
    # equipment under an armed group's name is operated by that group
    ("Houthi missiles hit a tanker in the Red Sea on Tuesday.", "hit", ["YEM"]),
    ("A Hezbollah drone struck an army post near the border.", "struck", ["LBN"]),
    # a nationality describing a thing says nothing of whose the protesters are
    ("Protesters marched against the Chinese-built dam on Sunday.", "marched", [None]),
    ("Students rallied outside parliament against the Russian-style law.", "rallied", [None]),
    # ... but one on a place or a party does
    ("Protesters marched through the Kenyan town of Kisumu on Sunday.", "marched", ["KEN"]),
    # private people are no state's party by where they are, unless they act together as one
    ("On Tuesday, the family travelled to Nairobi in Kenya.", "travelled", [None]),
    ("At a cafe in Lima, fans expressed anger at the referee.", "expressed", [None]),
    ("Activists in Kenya called on the police to release the students.", "called", ["KEN"]),
    # UK ministries
    ("The Home Office refused to grant the visas.", "refused", ["GBR"]),
    ("The Foreign, Commonwealth and Development Office condemned the arrests.", "condemned", ["GBR"]),
]


@pytest.mark.parametrize(("text", "trigger", "want"), CASES)
def test_whose_a_sector_actor_is(text: str, trigger: str, want: list[str | None]) -> None:
    assert actor_codes(text, trigger) == want


def test_a_longer_name_inside_wins_over_a_shorter_one_before() -> None:
    # "the Alliance" alone is NATO; "the Alliance of Sahel States" is another organisation
    assert thucydides.resolve_actor("Ministers of the Alliance of Sahel States").org == "AES"
    assert thucydides.resolve_actor("the Alliance").org == "NATO"
