"""One record per happening: mentions of one happening in an article merge into one event that keeps
every mention; distinct happenings stay apart; nothing is lost (merged-away mentions stay as candidates)."""

from __future__ import annotations

import pytest

from thucydides.model import Actor, Event, Place, Sentence
from thucydides.nlp.events.merge import (
    merge_mentions,
    parties_compatible,
)
from thucydides.nlp.events.merge_rules import COORDINATED, PART, SEPARATE, MentionCues, load_rules, token_cues

RULES = load_rules()


def make(event: str, index: int, start: int, trigger: str, *, actor: tuple[str, ...] = (),
         actor_text: str = "", sector: str | None = None, date: str | None = "2024-03-06",
         precision: str = "document", place: str | None = None, dropped: str | None = None) -> Event:
    sentence = Sentence(index=index, text=f"sentence {index}", start=index * 100, end=index * 100 + 99)
    actors = [Actor(text=actor_text or code, code=code, sector=sector) for code in actor]
    if actor_text and not actor:
        actors = [Actor(text=actor_text)]
    ev = Event(event=event, doc_id="d", trigger=trigger, trigger_start=start, trigger_end=start + len(trigger),
               sentence=sentence, actor=actors, date=date, date_precision=precision,
               location=Place(name=place, feature="city") if place else None, dropped=dropped)
    ev.assign_id()
    return ev


def kept(events: list[Event]) -> list[Event]:
    return [e for e in events if e.dropped is None]


def test_a_participle_in_the_same_sentence_is_part_of_the_act() -> None:
    """'Turkish jets bombed a market, killing 12': one bombing with two mentions."""
    bombed = make("ASSAULT", 0, 13, "bombed", actor=("TUR",), place="Afrin", date="2024-03-05", precision="day")
    killing = make("ASSAULT", 0, 40, "killing")
    cues = {killing.id: MentionCues(governors=((13, PART),))}
    out = merge_mentions([bombed, killing], cues, RULES)
    [one] = kept(out)
    assert [m.trigger for m in one.mentions] == ["bombed", "killing"]
    assert one.sentence == bombed.sentence and one.trigger == "bombed"
    assert {e.dropped for e in out if e is not one} == {"duplicate mention"}  # nothing lost


def test_coordinated_acts_with_their_own_subjects_stay_apart() -> None:
    """'RSF fighters shelled the districts, and the army's aircraft bombed RSF positions'."""
    shelled = make("ASSAULT", 0, 15, "shelled", actor=("SDN",), sector="REB")
    bombed = make("ASSAULT", 0, 70, "bombed", actor=("SDN",), sector="MIL")
    cues = {bombed.id: MentionCues(governors=((15, SEPARATE),))}
    assert len(kept(merge_mentions([shelled, bombed], cues, RULES))) == 2
    # the rebels and the army of one country are two sides, even when the parse links the verbs
    assert not parties_compatible(shelled.actor, bombed.actor, RULES)


def test_a_referring_noun_later_in_the_article_joins_the_event_and_brings_what_it_knows() -> None:
    """'Forces shelled Saraqib on Monday ... The shelling killed four ... Monday's attack by Syrian forces':
    one ASSAULT; a referring noun that names an actor or a day of its own must share one with the event."""
    shelled = make("ASSAULT", 0, 20, "shelled", actor_text="government forces", place="Saraqib",
                   date="2024-03-04", precision="day")
    shelling = make("ASSAULT", 1, 104, "shelling")
    attack = make("ASSAULT", 3, 310, "attack", actor=("SYR",), date="2024-03-04", precision="day")
    cues = {shelling.id: MentionCues(nominal=True, definite=True, lemma="shelling"),
            shelled.id: MentionCues(lemma="shell"),
            attack.id: MentionCues(nominal=True, definite=True, lemma="attack")}
    [one] = kept(merge_mentions([shelled, shelling, attack], cues, RULES))
    assert [m.trigger for m in one.mentions] == ["shelled", "shelling", "attack"]
    assert [a.code for a in one.actor] == ["SYR"]  # the coded actor of a later mention
    assert (one.date, one.date_precision) == ("2024-03-04", "day")  # the most precise date
    assert one.location is not None and one.location.name == "Saraqib"
    assert one.sentence is not None and one.sentence.index == 0  # the earliest mention
    tuesday = make("ASSAULT", 4, 410, "attack", actor=("SYR",), date="2024-03-05", precision="day")
    cues[tuesday.id] = MentionCues(nominal=True, definite=True, lemma="attack")
    assert len(kept(merge_mentions([shelled, shelling, attack, tuesday], cues, RULES))) == 2


def with_recipient(ev: Event, text: str, code: str | None = None) -> Event:
    ev.recipient = [Actor(text=text, code=code)]
    ev.assign_id()
    return ev


def test_a_toll_told_as_part_of_the_act_joins_it_though_its_victims_are_not_the_target() -> None:
    """'Serb gunmen stormed the village of Banjska, killing a Kosovo police sergeant': one raid; the
    sergeant is not the village, but the toll hangs on the act."""
    stormed = with_recipient(make("ASSAULT", 0, 20, "stormed", actor=("SRB",), sector="UAF"),
                             "the village of Banjska")
    killing = with_recipient(make("ASSAULT", 0, 60, "killing", actor=("SRB",), sector="UAF"),
                             "a Kosovo police sergeant", "XKX")
    cues = {stormed.id: MentionCues(lemma="storm"), killing.id: MentionCues(lemma="kill", governors=((20, PART),))}
    [one] = kept(merge_mentions([stormed, killing], cues, RULES))
    assert [m.trigger for m in one.mentions] == ["stormed", "killing"]
    # the same toll with a subject of its own ("..., and police killed a gunman") is another act
    cues[killing.id] = MentionCues(lemma="kill", governors=((20, SEPARATE),))
    assert len(kept(merge_mentions([stormed, killing], cues, RULES))) == 2


def test_a_toll_hanging_on_the_verb_that_carries_the_act_joins_it() -> None:
    """'The army's air force carried out strikes on a market in Nyala, killing 15 people': the toll and
    the strikes both hang on 'carried'."""
    strikes = with_recipient(make("ASSAULT", 0, 40, "strikes", actor=("SDN",), sector="MIL"),
                             "a market in Nyala")
    killing = with_recipient(make("ASSAULT", 0, 90, "killing", actor=("SDN",), sector="MIL"), "15 people")
    cues = {strikes.id: MentionCues(nominal=True, plural=True, lemma="strike", governors=((24, PART),)),
            killing.id: MentionCues(lemma="kill", governors=((24, PART),))}
    [one] = kept(merge_mentions([strikes, killing], cues, RULES))
    assert [m.trigger for m in one.mentions] == ["strikes", "killing"]
    # a toll by another side on the same verb is not this act's toll
    rebels = with_recipient(make("ASSAULT", 0, 90, "killing", actor=("SDN",), sector="REB"), "15 people")
    cues[rebels.id] = MentionCues(lemma="kill", governors=((24, PART),))
    assert len(kept(merge_mentions([strikes, rebels], cues, RULES))) == 2


def test_a_mention_naming_the_actor_by_reference_retells_the_event() -> None:
    """'Russian jets had hit the town ... Moscow's defence ministry said its aircraft had struck targets in
    Idlib province': one strike; not when the later mention has a day of its own, names its actor, or comes
    long after, and one act does not retell a series of strikes."""
    hit = make("ASSAULT", 6, 610, "hit", actor_text="Russian jets", actor=("RUS",), sector="MIL")
    struck = make("ASSAULT", 8, 830, "struck", actor_text="its aircraft", actor=("RUS",), sector="MIL")
    cues = {hit.id: MentionCues(lemma="hit"), struck.id: MentionCues(lemma="strike")}
    [one] = kept(merge_mentions([hit, struck], cues, RULES))
    assert [m.trigger for m in one.mentions] == ["hit", "struck"]
    for other in (make("ASSAULT", 8, 830, "struck", actor_text="its aircraft", actor=("RUS",), sector="MIL",
                       date="2024-03-02", precision="day"),
                  make("ASSAULT", 8, 830, "struck", actor_text="Russian aircraft", actor=("RUS",), sector="MIL"),
                  make("ASSAULT", 12, 1230, "struck", actor_text="its aircraft", actor=("RUS",), sector="MIL")):
        cues[other.id] = MentionCues(lemma="strike")
        assert len(kept(merge_mentions([hit, other], cues, RULES))) == 2
    series = make("ASSAULT", 6, 610, "strikes", actor_text="Russian jets", actor=("RUS",), sector="MIL")
    cues[series.id] = MentionCues(nominal=True, plural=True, lemma="strike")
    assert len(kept(merge_mentions([series, struck], cues, RULES))) == 2


def test_the_happening_the_article_opens_with_is_told_again_in_its_first_paragraphs() -> None:
    """'Chinese coast guard ships fired water cannon at a Philippine boat on Saturday ... China's coast
    guard said it had taken control measures': one act; not past the first paragraphs, not with a day of
    its own, and not when the opening names a series ('one of its largest air attacks')."""
    fired = make("ASSAULT", 0, 40, "fired", actor_text="Chinese coast guard ships", actor=("CHN",), sector="COP",
                 date="2024-03-23", precision="day")
    taken = make("ASSAULT", 4, 430, "taken", actor_text="China's coast guard", actor=("CHN",), sector="COP")
    cues = {fired.id: MentionCues(lemma="fire"), taken.id: MentionCues(lemma="take")}
    [one] = kept(merge_mentions([fired, taken], cues, RULES))
    assert [m.trigger for m in one.mentions] == ["fired", "taken"]
    for other in (make("ASSAULT", 9, 930, "taken", actor_text="China's coast guard", actor=("CHN",), sector="COP"),
                  make("ASSAULT", 4, 430, "fired", actor_text="China's coast guard", actor=("CHN",), sector="COP",
                       date="2024-03-05", precision="day")):
        cues[other.id] = MentionCues(lemma="take")
        assert len(kept(merge_mentions([fired, other], cues, RULES))) == 2
    war = make("ASSAULT", 0, 40, "fought", actor_text="Sudan's army", actor=("SDN",), sector="MIL",
               date="2023-04", precision="month")  # "Sudan's army has fought the RSF since April 2023"
    bombed = make("ASSAULT", 2, 230, "bombed", actor_text="The army's aircraft", actor=("SDN",), sector="MIL")
    cues.update({war.id: MentionCues(lemma="fight"), bombed.id: MentionCues(lemma="bomb")})
    assert len(kept(merge_mentions([war, bombed], cues, RULES))) == 2
    its = make("ASSAULT", 2, 230, "bombed", actor_text="its aircraft", actor=("SDN",), sector="MIL")
    cues[its.id] = MentionCues(lemma="bomb")
    assert len(kept(merge_mentions([war, its], cues, RULES))) == 2
    series = make("ASSAULT", 0, 40, "attacks", actor_text="Chinese", actor=("CHN",))
    cues[series.id] = MentionCues(nominal=True, plural=True, lemma="attack")
    assert len(kept(merge_mentions([series, taken], cues, RULES))) == 2


def test_distinct_happenings_stay_apart() -> None:
    cues_for = {}
    monday = make("ASSAULT", 0, 10, "struck", actor=("RUS",), place="Idlib", date="2024-03-04", precision="day")
    wednesday = make("ASSAULT", 1, 110, "strike", actor=("RUS",), place="Idlib", date="2024-03-06",
                     precision="day")
    elsewhere = make("ASSAULT", 2, 210, "strike", actor=("RUS",), place="Hama")
    another = make("ASSAULT", 3, 310, "strike")
    for e in (wednesday, elsewhere):
        cues_for[e.id] = MentionCues(nominal=True, definite=True, lemma="strike")
    cues_for[another.id] = MentionCues(nominal=True, new=True, lemma="strike")  # "another strike"
    cues_for[monday.id] = MentionCues(lemma="strike")
    assert len(kept(merge_mentions([monday, wednesday, elsewhere, another], cues_for, RULES))) == 4


def test_an_accusation_and_the_attack_it_accuses_are_two_events() -> None:
    accused = make("ACCUSE", 0, 20, "accused", actor=("SYR",))
    bombing = make("ASSAULT", 0, 50, "bombing", actor=("ISR",))
    cues = {bombing.id: MentionCues(nominal=True, governors=((20, PART),))}
    assert len(kept(merge_mentions([accused, bombing], cues, RULES))) == 2


def test_a_candidate_dropped_for_another_reason_is_not_a_mention() -> None:
    attack = make("ASSAULT", 0, 20, "attacked", actor=("UKR",))
    metaphor = make("ASSAULT", 0, 60, "assault", dropped="metaphor")
    cues = {metaphor.id: MentionCues(nominal=True, governors=((20, PART),))}
    out = merge_mentions([attack, metaphor], cues, RULES)
    assert [e.dropped for e in out] == [None, "metaphor"] and len(out[0].mentions) == 1


def test_merged_ids_are_stable_and_new() -> None:
    def run() -> list[Event]:
        bombed = make("ASSAULT", 0, 13, "bombed", actor=("TUR",))
        killing = make("ASSAULT", 0, 40, "killing")
        return merge_mentions([bombed, killing], {killing.id: MentionCues(governors=((13, PART),))}, RULES)

    first, again = run(), run()
    assert [e.id for e in first] == [e.id for e in again]
    assert len({e.id for e in first}) == len(first) == 3


# -- the whole pipeline, on sentences written for these tests ------------------------------------------


@pytest.mark.model
def test_pipeline_merges_repeated_mentions_of_one_shelling() -> None:
    from thucydides import code

    text = ("Syrian government forces shelled the town of Saraqib on Monday, residents said. The shelling "
            "killed four civilians, among them two children, according to a local clinic. Opposition activists "
            "said Monday's attack was the heaviest on the town this year.")
    events = [e for e in code(text, date="2024-03-06") if e.event == "ASSAULT"]
    assert len(events) == 1
    [one] = events
    assert [a.code for a in one.actor] == ["SYR"] and one.date == "2024-03-04"
    assert [m.trigger for m in one.mentions] == ["shelled", "shelling", "killed", "attack"]
    assert [m.sentence.index for m in one.mentions] == [0, 1, 1, 2]
    candidates = code(text, date="2024-03-06", candidates=True)
    assert {e.dropped for e in candidates} >= {None, "duplicate mention"}
    assert [e.id for e in code(text, date="2024-03-06", candidates=True)] == [e.id for e in candidates]


@pytest.mark.model
def test_pipeline_keeps_strikes_on_different_days_and_places_apart() -> None:
    from thucydides import code

    text = ("Russian jets struck the town of Maarat al-Numan on Monday. On Wednesday, Russian jets struck the "
            "city of Hama. Hours later another strike hit a school in Idlib.")
    events = [e for e in code(text, date="2024-03-06", candidates=True)
              if e.event == "ASSAULT" and e.dropped in (None, "no actor")]
    assert len(events) == 3


@pytest.mark.model
def test_pipeline_keeps_the_accusation_and_the_bombing() -> None:
    from thucydides import code

    text = "The Syrian government accused Israel on Sunday of bombing an airport near Damascus."
    assert sorted(e.event for e in code(text, date="2024-03-06")) == ["ACCUSE", "ASSAULT"]


def test_a_known_truce_a_predicate_speaks_about_refers_back_from_far() -> None:
    """'The council ordered a truce ... [ten sentences] ... the general insisted the truce did not apply to
    the suburbs': the truce is spoken about, not reported again; a bare re-mention that far back is not."""
    truce = make("RETREAT", 0, 40, "truce", actor=("UNO",))
    later = make("RETREAT", 12, 1230, "truce", actor=("UNO",))
    cues = {truce.id: MentionCues(nominal=True, lemma="truce"),
            later.id: MentionCues(nominal=True, definite=True, lemma="truce", about=True)}
    [one] = kept(merge_mentions([truce, later], cues, RULES))
    assert [m.sentence.index for m in one.mentions] == [0, 12]
    cues[later.id] = MentionCues(nominal=True, definite=True, lemma="truce")
    assert len(kept(merge_mentions([truce, later], cues, RULES))) == 2


def test_acts_requested_in_one_clause_are_one_request_but_two_refusals_stay_two() -> None:
    """'the minister said the strip should be cleared of the militia and should be patrolled by the army':
    one demand; 'vowed ... and warned ...' or 'will not join ... and will not allow ...' are two acts."""
    cleared = make("REQUEST", 0, 37, "cleared", actor=("TUR",))
    patrolled = make("REQUEST", 0, 76, "patrolled", actor=("TUR",))
    cues = {cleared.id: MentionCues(lemma="clear", governors=((13, SEPARATE),)),
            patrolled.id: MentionCues(lemma="patrol", governors=((37, COORDINATED), (13, SEPARATE)))}
    [one] = kept(merge_mentions([cleared, patrolled], cues, RULES))
    assert [m.trigger for m in one.mentions] == ["cleared", "patrolled"]
    vowed = make("THREATEN", 0, 20, "vowed", actor=("TUR",))
    warned = make("THREATEN", 0, 80, "warned", actor=("TUR",))
    cues = {vowed.id: MentionCues(lemma="vow"), warned.id: MentionCues(lemma="warn", governors=((20, COORDINATED),))}
    assert len(kept(merge_mentions([vowed, warned], cues, RULES))) == 2
    join = make("REJECT", 0, 30, "take", actor=("HUN",))
    allow = make("REJECT", 0, 70, "allow", actor=("HUN",))
    cues = {join.id: MentionCues(lemma="take", governors=((10, SEPARATE),)),
            allow.id: MentionCues(lemma="allow", governors=((30, COORDINATED), (10, SEPARATE)))}
    assert len(kept(merge_mentions([join, allow], cues, RULES))) == 2


def test_an_act_named_then_told_by_a_participle_on_one_verb_is_one_act() -> None:
    """'Russian jets renewed their bombardment of southern Hama, pounding the town of Kafr': the noun and
    the participle hang on 'renewed'; the town lies in the region, so the targets need not match."""
    bombardment = with_recipient(make("ASSAULT", 0, 30, "bombardment", actor=("RUS",), sector="MIL"),
                                 "southern Hama", "SYR")
    pounding = with_recipient(make("ASSAULT", 0, 70, "pounding", actor=("RUS",), sector="MIL"), "the town of Kafr")
    cues = {bombardment.id: MentionCues(nominal=True, lemma="bombardment", governors=((13, PART),)),
            pounding.id: MentionCues(lemma="pound", governors=((13, PART),))}
    [one] = kept(merge_mentions([bombardment, pounding], cues, RULES))
    assert [m.trigger for m in one.mentions] == ["bombardment", "pounding"]
    # two verbs on one word are two acts ("struck the town, shelling the village" is told by the nouns)
    struck = make("ASSAULT", 0, 30, "struck", actor=("RUS",), sector="MIL")
    cues[struck.id] = MentionCues(lemma="strike", governors=((13, PART),))
    assert len(kept(merge_mentions([struck, with_recipient(pounding, "the town of Kafr")], cues, RULES))) == 2


@pytest.mark.model
def test_pipeline_tells_a_truce_spoken_about_from_one_reported_again() -> None:
    from thucydides.nlp.pipeline import load_pipeline

    doc = load_pipeline()("The general insisted the truce did not apply to the suburbs. The rebels signed the "
                          "truce. Turkey said it was not bound by the truce. The truce collapsed on Monday.")
    about = [token_cues(t, RULES).about for t in doc if t.lower_ == "truce"]
    assert about == [True, False, True, False]


def test_a_meeting_named_by_its_place_is_held_there_not_by_it() -> None:
    """'The minister met his counterpart on the sidelines of the Davos forum': the forum's 'actor' Davos is
    its venue; 'talks in Doha on Friday ... [twenty sentences] ... the Doha talks' names the same meeting;
    'U.S. strikes' is no meeting, its country is its actor."""
    met = make("CONSULT", 0, 20, "met", actor=("IRQ",))
    forum = make("CONSULT", 0, 80, "forum", actor=("CHE",), actor_text="Davos")
    cues = {met.id: MentionCues(lemma="meet"),
            forum.id: MentionCues(nominal=True, lemma="forum", venue="Davos", governors=((20, PART),))}
    [one] = kept(merge_mentions([met, forum], cues, RULES))
    assert [a.code for a in one.actor] == ["IRQ"]
    talks = make("CONSULT", 1, 120, "talks", actor=("QAT",), place="Doha")
    again = make("CONSULT", 22, 2230, "talks", actor=("QAT",), actor_text="Doha")
    cues = {talks.id: MentionCues(nominal=True, plural=True, lemma="talk"),
            again.id: MentionCues(nominal=True, plural=True, lemma="talk", venue="Doha")}
    assert len(kept(merge_mentions([talks, again], cues, RULES))) == 1
    cues[again.id] = MentionCues(nominal=True, plural=True, lemma="talk", venue="Vienna")
    assert len(kept(merge_mentions([talks, again], cues, RULES))) == 2
    raids = make("ASSAULT", 0, 20, "raids", actor=("IRN",))
    strikes = make("ASSAULT", 0, 80, "strikes", actor=("USA",), actor_text="U.S.")
    cues = {raids.id: MentionCues(nominal=True, plural=True, lemma="raid"),
            strikes.id: MentionCues(nominal=True, plural=True, lemma="strike", venue="U.S.", governors=((20, PART),))}
    assert len(kept(merge_mentions([raids, strikes], cues, RULES))) == 2


@pytest.mark.model
def test_pipeline_reads_the_place_a_meeting_is_named_by() -> None:
    from thucydides.nlp.pipeline import load_pipeline

    doc = load_pipeline()("The minister met his counterpart on the sidelines of the Munich conference. A "
                          "resident said the Tehran summit had calmed nerves. The envoy left the meeting.")
    venues = {t.text: token_cues(t, RULES).venue for t in doc if t.lower_ in ("conference", "summit", "meeting")}
    assert venues == {"conference": "Munich", "summit": "Tehran", "meeting": ""}


def test_the_lead_request_told_again_below_joins_it_whatever_recipient_each_names() -> None:
    """'Norway's request for the extradition of Olsen was rejected ... (sentence 5) Norway had been pressing
    Sweden to extradite him': one request, its recipient named once as the man, once as the state asked;
    not a request by another actor, nor one dated a day of its own, nor one far below the lead."""
    request = with_recipient(make("REQUEST", 0, 30, "request", actor=("NOR",)), "the extradition of Olsen", "IMG")
    pressing = with_recipient(make("REQUEST", 5, 520, "pressing", actor=("NOR",)), "Sweden", "SWE")
    cues = {request.id: MentionCues(nominal=True, lemma="request"), pressing.id: MentionCues(lemma="press")}
    [one] = kept(merge_mentions([request, pressing], cues, RULES))
    assert [m.trigger for m in one.mentions] == ["request", "pressing"]
    other = with_recipient(make("REQUEST", 5, 520, "pressing", actor=("DNK",)), "Sweden", "SWE")
    dated = with_recipient(make("REQUEST", 5, 520, "pressing", actor=("NOR",), date="2024-03-01",
                                precision="day"), "Sweden", "SWE")
    far = with_recipient(make("REQUEST", 14, 1420, "pressing", actor=("NOR",)), "Sweden", "SWE")
    for ev in (other, dated, far):
        cues[ev.id] = MentionCues(lemma="press")
        assert len(kept(merge_mentions([request, ev], cues, RULES))) == 2


@pytest.mark.model
def test_pipeline_reads_a_request_rejected_as_one_known() -> None:
    """'the court rejected the request to extradite him' and 'turned down our request' speak of a request
    made earlier: definite (an infinitive says what was asked, not which request) and spoken about."""
    from thucydides.nlp.pipeline import load_pipeline

    doc = load_pipeline()("The court rejected the request to extradite him. The judge granted our request. The "
                          "minister made a request to the court.")
    cues = [token_cues(t, RULES) for t in doc if t.lower_ == "request"]
    assert [(c.definite, c.about) for c in cues] == [(True, True), (True, True), (False, False)]


def test_a_happening_only_spoken_of_is_no_news_of_it() -> None:
    """'The deal included foreign fighters' or 'the rebels violated their truce', with no report of the deal
    or the truce in the article, speak of a known happening: a candidate, not an event; told first
    ('the two sides signed a truce') it stays, and the later mention joins it."""
    spoken = make("AGREE", 4, 420, "deal", actor=("SYR",))
    cues = {spoken.id: MentionCues(nominal=True, definite=True, lemma="deal", about=True, known=True)}
    [one] = merge_mentions([spoken], cues, RULES)
    assert one.dropped == RULES.reference_reason and one.dropped is not None
    told = make("AGREE", 1, 120, "deal", actor=("SYR",))
    cues[told.id] = MentionCues(nominal=True, lemma="deal")
    [kept_one] = kept(merge_mentions([told, spoken], cues, RULES))
    assert [m.trigger_start for m in kept_one.mentions] == [120, 420]


def test_an_undated_act_by_the_same_side_at_the_same_named_place_is_one_act() -> None:
    """'Syrian jets struck Saraqib ... (fourteen sentences on) the ministry confirmed its aircraft had hit
    Saraqib': neither dated, one actor, one town; not when one has a day of its own, the towns differ, or the
    act is a speech act (two accusations from Moscow are two)."""
    struck = make("ASSAULT", 0, 20, "struck", actor=("SYR",), place="Saraqib")
    hit = make("ASSAULT", 14, 1420, "hit", actor=("SYR",), sector="MIL", place="Saraqib")
    cues = {struck.id: MentionCues(lemma="strike"), hit.id: MentionCues(lemma="hit")}
    [one] = kept(merge_mentions([struck, hit], cues, RULES))
    assert [m.sentence.index for m in one.mentions] == [0, 14]
    dated = make("ASSAULT", 14, 1420, "hit", actor=("SYR",), place="Saraqib", date="2024-03-01", precision="day")
    elsewhere = make("ASSAULT", 14, 1420, "hit", actor=("SYR",), place="Binnish")
    accused = make("ACCUSE", 0, 20, "accused", actor=("GBR",), place="Moscow")
    blamed = make("ACCUSE", 14, 1420, "blamed", actor=("GBR",), place="Moscow")
    for first, later in ((struck, dated), (struck, elsewhere), (accused, blamed)):
        cues[first.id], cues[later.id] = MentionCues(lemma="x"), MentionCues(lemma="y")
        assert len(kept(merge_mentions([first, later], cues, RULES))) == 2
