"""Generic referents and possessive pronouns take the code of the last fitting mention earlier in the article."""

from __future__ import annotations

import pytest

import thucydides

pytestmark = pytest.mark.model


def actor_codes(text: str, trigger: str) -> list[str | None]:
    events = [e for e in thucydides.code(text, date="2023-05-10", candidates=True)
              if e.trigger == trigger and e.dropped in (None, "no actor", "duplicate mention")]
    assert events, f"no event on {trigger!r}"
    return [a.code for a in events[0].actor]


CASES = [
    # a definite description names the last mention with the same head noun ...
    ("Chad's defence ministry announced new patrols on Monday. Later the ministry shelled a rebel camp "
     "near the border.", "shelled", ["TCD"]),
    # ... else the last with a fitting sector ...
    ("Ethiopian troops crossed into the disputed valley on Friday. The army then shelled two villages.",
     "shelled", ["ETH"]),
    ("Fighters of al-Shabaab stormed a hotel in Mogadishu. The militants killed six guards.",
     "killed", ["SOM"]),
    # ... else a named party of a fitting kind
    ("Protests spread across Belarus after Lukashenko claimed victory. The regime arrested hundreds "
     "of students.", "arrested", ["BLR"]),
    # a possessive pronoun names whose the actor is
    ("Nigeria's army said its soldiers had repelled an attack near the lake.", "repelled", ["NGA"]),
    # nothing earlier fits: no code is invented
    ("The junta arrested three journalists.", "arrested", [None]),
    # an indefinite phrase introduces a new actor and refers to nothing
    ("Ethiopian troops crossed into the valley on Friday. A militia then shelled two villages.",
     "shelled", [None]),
]


@pytest.mark.parametrize(("text", "trigger", "want"), CASES)
def test_generic_referents_take_the_code_of_their_antecedent(text: str, trigger: str,
                                                             want: list[str | None]) -> None:
    assert actor_codes(text, trigger) == want
