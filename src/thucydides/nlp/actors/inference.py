"""Document-level inferences over coded events, each recorded in the actor's ``why``.

Equipment owners: "at least three German Leopard 2 tanks were destroyed" names the tanks, not their owner
(German is the maker). In an article about a war between two states, destroyed or captured equipment claimed
by one side belongs to the other: the owner is the claimant's (or attacker's) adversary in the article's main
conflict dyad, the pair of states most often on opposite sides of its ASSAULT and COERCE events.
"""

from __future__ import annotations

from collections import Counter

from thucydides.model import Actor, Event

CONFLICT = {"ASSAULT", "COERCE"}


def _states(actors: list[Actor]) -> set[str]:
    return {a.code for a in actors if a.code and len(a.code) == 3 and a.code not in ("IGO", "NGO", "UNO", "EUR")}


def main_dyad(events: list[Event]) -> tuple[str, str] | None:
    """The two states most often opposed in the document's conflict events."""
    pairs: Counter[tuple[str, str]] = Counter()
    for e in events:
        if e.event not in CONFLICT or e.aux_mode in ("hypothetical", "negated"):
            continue
        for a in _states(e.actor):
            for r in _states(e.recipient):
                if a != r:
                    pairs[(a, r) if a < r else (r, a)] += 1
    if not pairs:
        return None
    (a, b), _ = pairs.most_common(1)[0]
    return a, b


def infer_equipment_owners(events: list[Event]) -> int:
    """Give uncoded equipment recipients of conflict events the claimant's adversary as owner."""
    dyad = main_dyad(events)
    if dyad is None:
        return 0
    changed = 0
    for e in events:
        if e.event not in CONFLICT:
            continue
        side = _states(e.actor) or ({e.claim.claimant.code} if e.claim.claimant and e.claim.claimant.code else set())
        side &= set(dyad)
        if len(side) != 1:
            continue
        (attacker,) = side
        owner = dyad[1] if attacker == dyad[0] else dyad[0]
        for r in e.recipient:
            if r.kind == "equipment" and not r.code:
                r.code = owner
                r.why = (f"equipment; owner inferred: the adversary of {attacker} in this article's main "
                         f"conflict ({dyad[0]}-{dyad[1]})")
                changed += 1
    return changed
