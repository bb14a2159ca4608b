"""Equipment owners are inferred from the article's main conflict dyad, and only then."""

from __future__ import annotations

from thucydides.model import Actor, Claim, Event
from thucydides.nlp.actors.inference import infer_equipment_owners, main_dyad


def assault(actor: list[str], recipient: list[Actor] | list[str], claimant: str | None = None) -> Event:
    rec = [r if isinstance(r, Actor) else Actor(text=r, code=r) for r in recipient]
    return Event(event="ASSAULT", actor=[Actor(text=a, code=a) for a in actor], recipient=rec,
                 claim=Claim(status="claimed", claimant=Actor(text=claimant, code=claimant) if claimant else None))


def tanks() -> Actor:
    return Actor(text="four British Challenger tanks", kind="equipment")


def test_destroyed_equipment_claimed_by_one_side_belongs_to_the_other() -> None:
    events = [assault(["ARM"], ["AZE"]), assault(["AZE"], ["ARM"]), assault([], [tanks()], claimant="AZE")]
    assert main_dyad(events) == ("ARM", "AZE")
    assert infer_equipment_owners(events) == 1
    owner = events[2].recipient[0]
    assert owner.code == "ARM" and "AZE" in (owner.why or "")


def test_no_dyad_or_no_side_means_no_guess() -> None:
    lonely = [assault([], [tanks()], claimant="AZE")]
    assert infer_equipment_owners(lonely) == 0 and lonely[0].recipient[0].code is None
    outsider = [assault(["ARM"], ["AZE"]), assault([], [tanks()], claimant="FRA")]
    assert infer_equipment_owners(outsider) == 0


def test_hypothetical_fighting_does_not_make_a_dyad() -> None:
    ev = assault(["ARM"], ["AZE"])
    ev.aux_mode = "hypothetical"
    assert main_dyad([ev]) is None


def test_an_act_one_side_claims_against_the_other_is_its_own() -> None:
    from thucydides.nlp.actors.inference import infer_attackers

    events = [assault([], ["ARM"], claimant="AZE"), assault([], ["AZE"], claimant="AZE")]
    assert infer_attackers(events) == 1
    assert [a.code for a in events[0].actor] == ["AZE"] and "claimed by AZE" in (events[0].actor[0].why or "")
    assert events[1].actor == []  # a side reporting an act against itself names no attacker


def test_unattributed_acts_in_a_two_state_war_are_the_other_sides_and_only_there() -> None:
    from thucydides.nlp.actors.inference import infer_attackers, sole_dyad

    war = [assault(["ARM"], ["AZE"]), assault(["AZE"], ["ARM"]), assault(["AZE"], ["ARM"]), assault([], ["ARM"])]
    assert sole_dyad(war) == ("ARM", "AZE")
    assert infer_attackers(war) == 1 and [a.code for a in war[3].actor] == ["AZE"]
    crowded = [assault(["ARM"], ["AZE"]), assault(["AZE"], ["ARM"]), assault(["TUR"], ["ARM"]), assault([], ["ARM"])]
    assert sole_dyad(crowded) is None
    assert infer_attackers(crowded) == 0 and crowded[3].actor == []


def test_what_is_fired_is_not_the_target_s_nor_a_place_s_people_a_claimed_target() -> None:
    from thucydides.nlp.actors.inference import infer_attackers

    fired = assault([], [tanks()], claimant="AZE")
    fired.trigger = "fired"  # "missiles were fired at the town, state media said": the missiles are the attacker's
    events = [assault(["ARM"], ["AZE"]), assault(["AZE"], ["ARM"]), fired]
    assert infer_equipment_owners(events) == 0 and fired.recipient[0].code is None
    # "the ministry said the enemy was behind the attack on the town": the town's people, coded by place, are
    # no target the claimant names, so the claimant is not the attacker
    by_place = assault([], [Actor(text="residents", code="ARM", why="term 'residents' -> CVL; domestic actor: "
                                                                    "country of the event's place (ARM)")],
                       claimant="AZE")
    assert infer_attackers([by_place]) == 0 and by_place.actor == []


def test_a_journey_is_a_visit_only_when_an_office_holder_or_an_organisation_makes_it() -> None:
    from thucydides.nlp.actors.inference import private_journey

    def journey(trigger: str, **actor: str) -> Event:
        return Event(event="CONSULT", mode="visit", trigger=trigger, actor=[Actor(text="x", code="PER", **actor)])

    assert private_journey(journey("travelled", kind="state")) == "non-political sense"  # "Peruvians travelled"
    assert private_journey(journey("arrived", kind="sector", sector="CVL")) == "non-political sense"
    assert private_journey(journey("travelled", kind="state", sector="MIL")) == "non-political sense"  # fighters
    assert private_journey(journey("travelled", kind="person", sector="GOV")) is None
    assert private_journey(journey("arrived", kind="igo", sector="SOC")) is None
    assert private_journey(journey("visited", kind="state")) is None  # a visit says it itself
