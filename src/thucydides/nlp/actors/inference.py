"""Document-level inferences over coded events, each recorded in the actor's ``why``.

Equipment owners: "at least three German Leopard 2 tanks were destroyed" names the tanks, not their owner
(German is the maker). In an article about a war between two states, destroyed or captured equipment claimed
by one side belongs to the other: the owner is the claimant's (or attacker's) adversary in the article's main
conflict dyad, the pair of states most often on opposite sides of its ASSAULT and COERCE events.

Attackers of unattributed acts: "Ukrainian tanks were destroyed", in an article about a war between two
states, is an act of the other side, when that war is the article's only conflict: the dyad accounts for at
least ``DOMINANT`` of its opposed pairs and no third state takes part in its conflict events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping

from thucydides.model import Actor, Event
from thucydides.nlp.events.specificity import REFERENCE

CONFLICT = {"ASSAULT", "COERCE"}
DOMINANT = 0.75  # share of the opposed pairs that the main dyad must hold


def _states(actors: list[Actor]) -> set[str]:
    return {a.code for a in actors if a.code and len(a.code) == 3 and a.code not in ("IGO", "NGO", "UNO", "EUR")}


def _opposed_pairs(events: list[Event]) -> tuple[Counter[tuple[str, str]], set[str]]:
    """How often each pair of states is on opposite sides of the document's conflict events, and every state
    taking part in them."""
    pairs: Counter[tuple[str, str]] = Counter()
    fighting: set[str] = set()
    for e in events:
        if e.event not in CONFLICT or e.aux_mode in ("hypothetical", "negated"):
            continue
        fighting |= _states(e.actor) | _states(e.recipient)
        for a in _states(e.actor):
            for r in _states(e.recipient):
                if a != r:
                    pairs[(a, r) if a < r else (r, a)] += 1
    return pairs, fighting


def main_dyad(events: list[Event]) -> tuple[str, str] | None:
    """The two states most often opposed in the document's conflict events."""
    pairs, _ = _opposed_pairs(events)
    if not pairs:
        return None
    (a, b), _ = pairs.most_common(1)[0]
    return a, b


FIRED = frozenset({"fire", "fired", "fires", "firing", "launch", "launched", "launches", "launching", "shot"})


def infer_equipment_owners(events: list[Event]) -> int:
    """Give uncoded equipment recipients of conflict events the claimant's adversary as owner."""
    dyad = main_dyad(events)
    if dyad is None:
        return 0
    changed = 0
    for e in events:
        if e.event not in CONFLICT or e.trigger.lower() in FIRED:
            continue  # "missiles were fired at Latakia": what is fired is the attacker's, not its target's
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


def sole_dyad(events: list[Event]) -> tuple[str, str] | None:
    """The main dyad when it is the article's only conflict between states (no third state fights in it)."""
    pairs, fighting = _opposed_pairs(events)
    if not pairs:
        return None
    (a, b), n = pairs.most_common(1)[0]
    if n < 2 or n / sum(pairs.values()) < DOMINANT or fighting - {a, b}:
        return None
    return a, b


def infer_attackers(events: list[Event]) -> int:
    """Give conflict events with no coded actor, done to one side of the article's sole dyad, the other side."""
    dyad = sole_dyad(events)
    changed = 0
    for e in events:
        if e.event not in CONFLICT or any(a.code for a in e.actor) or e.aux_mode is not None:
            continue
        claimants = _states([e.claim.claimant]) if e.claim.claimant is not None else set()
        # a party named, not one coded by where the event happened ("Downing Street said the Syrian
        # government was responsible for the attack on Douma": Douma's people are no target Britain claims)
        named = _states([r for r in e.recipient if "domestic actor:" not in (r.why or "")])
        targets = _states(e.recipient)
        if len(claimants) == 1 and named and not claimants & targets:
            (claimant,) = claimants
            # "the ministry said three enemy tanks were destroyed": a side claims the act against the other
            e.actor = [Actor(text="", code=claimant, kind="state", why=(
                f"inferred: claimed by {claimant} as done to {'/'.join(sorted(named))}"))]
            changed += 1
            continue
        if dyad is None:
            continue
        target = targets & set(dyad)
        if len(target) != 1:
            continue
        (victim,) = target
        side = dyad[1] if victim == dyad[0] else dyad[0]
        e.actor = [Actor(text="", code=side, kind="state", why=(
            f"inferred: the adversary of {victim} in this article's only conflict ({dyad[0]}-{dyad[1]})"))]
        changed += 1
    return changed


FROM_AFAR = frozenset({"aerial", "drone", "heavy-weapons"})


# nouns of a state of war, not of one act: "fleeing fighting in Idlib", "the battle for Baghuz"
CONDITIONS = frozenset({"fighting", "war", "warfare", "battle", "battles", "hostilities", "violence", "conflict",
                        "unrest", "insurgency"})


def unattributed_in_place(events: list[Event], series: Collection[int] = (),
                          unspecific: Mapping[int, str] | None = None) -> int:
    """An attack the article pins on nobody ("a roadside bombing near Samarra killed a soldier") is coded, as
    event datasets code unidentified attackers, to the country where it happened, with the actor marked
    ``unidentified``; not when another attack told in the same sentence names its attacker (this one is
    then part of it), nor for attacks that did not happen or are history, nor for strikes from afar, nor
    for a series or a state of war ("terrorist attacks in the UK", "fighting in Idlib": ``series`` holds
    the trigger offsets of plural event nouns), which is no one attack to pin on anyone; nor for mentions
    that are no specific, recent happening (``unspecific``: trigger offset -> why, from
    ``nlp/events/specificity.py``: "the Salisbury attack", "killed in Turkey in the 1990s", "Raqqa is
    liberated")."""
    unspecific = unspecific or {}
    attributed = {e.sentence.index for e in events if e.sentence is not None and e.event in CONFLICT
                  and e.dropped is None and any(a.code for a in e.actor)}
    changed = 0
    for e in events:
        if e.event != "ASSAULT" or e.dropped is not None or e.aux_mode is not None or e.mode in FROM_AFAR:
            continue  # an air or missile strike is as often as not by a foreign power: its place says nothing
        if any(a.code or a.sector for a in e.actor) or e.sentence is None or e.sentence.index in attributed:
            continue
        told = [m.trigger_start for m in e.mentions] or [e.trigger_start]
        if all(t in series for t in told) or e.trigger.lower() in CONDITIONS:
            continue  # every mention a plural noun ("attacks in the UK"; not "cluster bombs hit the town")
        starts = [t for t in told if t is not None]
        if all(t in unspecific for t in starts) or (starts and unspecific.get(min(starts)) == REFERENCE):
            continue  # none a happening told here, or one first named as known ("the Manchester attack")
        country = e.location.country if e.location is not None else None
        if not country or len(country) != 3:
            continue
        where = e.location.name if e.location is not None else country
        e.actor = [Actor(text="unidentified", code=country, kind="unidentified",
                         why=f"attack pinned on nobody: coded to the country where it happened ({where}, "
                             f"{country})")]
        changed += 1
    return changed


JOURNEYS = ("travel", "arriv")
# who travels as a party: office-holders, parties and organisations (an officer by name, not "fighters")
OFFICIAL_SECTORS = frozenset({"GOV", "ELI", "LEG", "JUD", "PTY", "OPP", "SPY"})
ORGANISATIONS = frozenset({"igo", "ngo", "party", "agency"})


def private_journey(event: Event) -> str | None:
    """ "Begum travelled to Syria", "the children who arrived in Italy", "foreign volunteers travelled to
    Syria": a journey is a visit (CONSULT) only when made by an office-holder or an organisation; a private
    person's, a recruit's or a fighter's is no political interaction. Returns the drop reason, or None."""
    if event.event != "CONSULT" or event.mode != "visit" or not event.trigger.lower().startswith(JOURNEYS):
        return None
    for a in event.actor:
        if a.sector in OFFICIAL_SECTORS or a.kind in ORGANISATIONS or (a.kind == "person" and a.sector == "MIL"):
            return None
    return "non-political sense"
