"""Wordings of material cooperation and of violations, coded end to end on sentences written for these tests."""

from __future__ import annotations

import pytest

from thucydides import api

pytestmark = pytest.mark.model


def main_event(text: str) -> tuple[str | None, list[str | None]]:
    """The sentence's most confident real event and its actor codes (None: no event)."""
    events = [e.to_dict() for e in api.code(text, date="2021-03-02")]
    events = [e for e in events if not e.get("aux_mode")]
    if not events:
        return None, []
    top = max(events, key=lambda e: e.get("confidence") or 0)
    return top["event"], [a.get("code") for a in top.get("actor") or []]


@pytest.mark.parametrize("text, event, actor", [
    # breaking a ceasefire is fighting, not a ceasefire
    ("Armenian forces violated the truce more than forty times overnight.", "ASSAULT", "ARM"),
    ("Pakistan on Sunday violated the ceasefire along the Line of Control.", "ASSAULT", "PAK"),
    ("The Indian army was guilty of breaching the ceasefire agreement twelve times.", "ASSAULT", "IND"),
    # defying a ban, a law or a resolution is a refusal
    ("Iran has violated a ban on the testing of ballistic missiles.", "REJECT", "IRN"),
    ("North Korea defied a UN resolution by firing two rockets into the sea.", "REJECT", "PRK"),
    # a court's verdict
    ("A court in Ankara found the Kurdish politician guilty of spreading propaganda.", "SANCTION", "TUR"),
])
def test_violations_and_verdicts(text: str, event: str, actor: str) -> None:
    got, actors = main_event(text)
    assert got == event
    assert actor in actors
