"""Plural collectives ("the two countries", "both sides", "Both") name the parties named before them;
a count is never a pronoun's antecedent; who calls something an attack is not the attacker."""

from __future__ import annotations

import pytest

import thucydides

pytestmark = pytest.mark.model


def actor_codes(text: str, trigger: str) -> list[str | None]:
    events = [e for e in thucydides.code(text, date="2023-05-10", min_confidence=0)
              if e.trigger == trigger and e.dropped in (None, "no actor")]
    assert events, f"no event on {trigger!r}"
    return sorted({a.code for a in events[0].actor}, key=str)


CASES = [
    # as many parties as the number says, the last ones named before it
    ("Peru recalled its ambassador from Mexico City on Tuesday. The two countries later restored "
     "relations after talks in Lima.", "restored", ["MEX", "PER"]),
    ("Mali, Niger and Burkina Faso left the regional bloc last year. The three governments accused "
     "the bloc of serving foreign interests.", "accused", ["BFA", "MLI", "NER"]),
    # "Both" alone and "both sides"
    ("Ghana and Togo held border talks in Accra on Monday. Both agreed to meet again in June.",
     "agreed", ["GHA", "TGO"]),
    # the parties of a collective of governments are states, not soldiers of a third country
    ("Serbia and Kosovo met in Brussels while Russian soldiers watched from Belgrade. The two governments "
     "agreed on a plan.", "agreed", ["SRB", "XKX"]),
    # persons named before: "the two men"
    ("Chilean President Gabriel Boric received Argentine President Javier Milei in Santiago. The two men "
     "signed a border accord.", "signed", ["ARG", "CHL"]),
    # fewer parties named before it than the number says: no code is invented
    ("Chile sent a note of protest. The two countries agreed to meet again.", "agreed", [None]),
]


@pytest.mark.parametrize(("text", "trigger", "want"), CASES)
def test_plural_collectives_take_the_parties_named_before(text: str, trigger: str,
                                                           want: list[str | None]) -> None:
    assert actor_codes(text, trigger) == want


def test_a_count_is_not_a_pronoun_antecedent() -> None:
    text = ("Ukraine's foreign ministry said two of the detained sailors were Ukrainian citizens. "
            "It demanded that Russia release the crew.")
    assert actor_codes(text, "demanded") == ["UKR"]


def test_who_calls_it_an_attack_is_not_the_attacker() -> None:
    text = "The Estonian government condemned what it called a reckless attack on a cargo ship."
    events = [e for e in thucydides.code(text, date="2023-05-10", min_confidence=0) if e.trigger == "attack"]
    assert events and all(a.code != "EST" for e in events for a in e.actor)


POSSESSED = [
    # the owner of a thing is a generic referent: the thing is of that side
    ("Sudan's army has fought the RSF since April 2023. RSF fighters shelled the city on Monday. The army's "
     "aircraft bombed RSF positions in return.", "bombed", ["SDN"]),
    # "the paramilitaries" refers back to a paramilitary group
    ("The Rapid Support Forces shelled the town of Tawila on Sunday. The paramilitaries torched four villages.",
     "torched", ["SDN"]),
]


@pytest.mark.parametrize(("text", "trigger", "want"), POSSESSED)
def test_possessed_and_referring_parties(text: str, trigger: str, want: list[str | None]) -> None:
    assert actor_codes(text, trigger) == want


def test_backers_are_not_of_their_owners_side() -> None:
    text = ("Syria's rebels lost Aleppo in 2016. The rebels' former backers now want to talk to Damascus.")
    events = [e for e in thucydides.code(text, date="2023-05-10", min_confidence=0) if e.trigger == "want"]
    assert all(a.code != "SYR" for e in events for a in e.actor)
