"""A joint act named by a noun in an adjunct of a clause ("after talks with Putin", "despite hours of
negotiations") has the clause's subject among its parties."""

from __future__ import annotations

import pytest

import thucydides

pytestmark = pytest.mark.model


def parties(text: str, trigger: str) -> tuple[list[str | None], list[str | None]]:
    events = [e for e in thucydides.code(text, date="2023-05-10", min_confidence=0) if e.trigger == trigger]
    assert events, f"no event on {trigger!r}"
    return sorted({a.code for a in events[0].actor}, key=str), sorted({a.code for a in events[0].recipient},
                                                                         key=str)


CASES = [
    ("Chile and Bolivia failed to settle their border dispute on Monday despite hours of tense "
     "negotiations, officials said.", "negotiations", ["BOL", "CHL"]),
    ("Macron spoke to reporters after talks with Putin in Moscow.", "talks", ["FRA"]),
    ("Kenya is in negotiations with Somalia over the maritime border.", "negotiations", ["KEN"]),
]


@pytest.mark.parametrize(("text", "trigger", "want"), CASES)
def test_joint_noun_takes_the_clause_subject(text: str, trigger: str, want: list[str | None]) -> None:
    assert parties(text, trigger)[0] == want



def test_a_denied_part_in_a_joint_act_names_no_participant() -> None:
    text = "Niger's junta did not take part in the talks in Abuja."
    events = [e for e in thucydides.code(text, date="2023-05-10", min_confidence=0) if e.trigger in ("talks", "take")]
    # the talks are either nobody's act or a taking part that is negated, never a real meeting by the junta
    assert events and all(not e.actor or e.aux_mode == "negated" for e in events)
