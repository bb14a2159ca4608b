"""Whose act an announcement is, and whose time a coordinated verb has: a threat is made by the one who will
act ("the rebels said they would storm the capital"), not by a party others predict will act ("analysts said
the militias would attack the city"); a verb with a tense of its own after "but" keeps it ("will not join the
talks but supports the plan": the support is now)."""

from __future__ import annotations

import pytest

import thucydides

pytestmark = pytest.mark.model


def event_on(text: str, trigger: str) -> thucydides.Event:  # type: ignore[name-defined]
    events = [e for e in thucydides.code(text, date="2024-05-10", min_confidence=0) if e.trigger == trigger]
    assert events, f"no event on {trigger!r}"
    return events[0]


@pytest.mark.parametrize(("text", "trigger"), [
    ("The Libyan government will not join the talks but supports the plan.", "supports"),
    ("Egypt will not send troops but backs the ceasefire.", "backs"),
])
def test_a_coordinated_verb_with_its_own_tense_keeps_it(text: str, trigger: str) -> None:
    assert event_on(text, trigger).aux_mode is None


def test_a_bare_coordinated_verb_shares_the_future() -> None:
    assert event_on("The army will enter the town and arrest the mayor.", "arrest").aux_mode == "future"
