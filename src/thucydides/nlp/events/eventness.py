"""Is a candidate an event at all? Structural tests on the trigger and its arguments.

A trigger word is not always a happening: "after seven years of war" names a state of conflict,
"US-backed forces" describes forces, "a camping trip" is not a visit, "a verbal assault" is a figure of
speech, "the storm hit the coast" has no political actor. Each test returns the reason a candidate is not
an event (one of :data:`thucydides.model.DROP_REASONS`); the candidate is kept with that reason in
``Event.dropped``, out of the default output. The cue words are data (``data/eventness.json``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

from thucydides.model import NO_ACTOR, Actor, Event

GENERIC = "generic mention"
DESCRIPTIVE = "descriptive participle"
NON_POLITICAL = "non-political sense"
METAPHOR = "metaphor"
OTHER_SENSE = "other sense"
VERBAL_SENSES = frozenset({"ACCUSE"})
ANCHOR_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "NORP", "ORG", "PERSON"})
PARTICIPLE_TAGS = frozenset({"VBN", "VBG", "JJ"})
# a participle with its own subject or auxiliary is a clause, not a description
CLAUSE_MARKERS = frozenset({"aux", "auxpass", "nsubj", "nsubjpass", "mark"})


@dataclass(frozen=True)
class Cues:
    generic_nouns: frozenset[str]
    anchored_nouns: frozenset[str]
    onset_verbs: frozenset[str]
    stative_participles: frozenset[str]
    characterising_verbs: frozenset[str]
    metaphor_modifiers: dict[str, frozenset[str]]
    metaphor_objects: dict[str, frozenset[str]]
    non_actor_subjects: frozenset[str]
    non_actor_objects: dict[str, frozenset[str]]
    everyday_nouns: frozenset[str]
    other_senses: dict[str, frozenset[str]]
    hostile_purposes: dict[str, frozenset[str]]
    waging_verbs: frozenset[str]
    toll_verbs: frozenset[str]
    retort_verbs: frozenset[str]
    force_nouns: frozenset[str]
    lasting_words: frozenset[str]
    affiliation_verbs: frozenset[str] = frozenset()
    journey_verbs: frozenset[str] = frozenset()


def _lower(words: Any) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words)


@lru_cache(maxsize=1)
def cues() -> Cues:
    raw: dict[str, Any] = json.loads(
        (resources.files("thucydides.nlp.events") / "data" / "eventness.json").read_text("utf-8"))
    return Cues(
        generic_nouns=_lower(raw["generic_nouns"]), anchored_nouns=_lower(raw["anchored_nouns"]),
        onset_verbs=_lower(raw["onset_verbs"]), stative_participles=_lower(raw["stative_participles"]),
        characterising_verbs=_lower(raw["characterising_verbs"]),
        metaphor_modifiers={k: _lower(v.get("modifiers", ())) for k, v in raw["metaphors"].items()},
        metaphor_objects={k: _lower(v.get("objects", ())) for k, v in raw["metaphors"].items()},
        non_actor_subjects=_lower(raw["non_actor_subjects"]),
        non_actor_objects={k: _lower(v) for k, v in raw["non_actor_objects"].items()},
        everyday_nouns=_lower(raw["everyday_nouns"]),
        other_senses={k: _lower(v) for k, v in raw.get("other_senses", {}).items() if not k.startswith("_")},
        hostile_purposes={k: _lower(v) for k, v in raw.get("hostile_purposes", {}).items()},
        waging_verbs=_lower(raw.get("waging_verbs", ())), lasting_words=_lower(raw.get("lasting_words", ())),
        toll_verbs=_lower(raw.get("toll_verbs", ())),
        retort_verbs=_lower(raw.get("retort_verbs", ())), force_nouns=_lower(raw.get("force_nouns", ())),
        affiliation_verbs=_lower(raw.get("affiliation_verbs", ())), journey_verbs=_lower(raw.get("journey_verbs", ())),
    )


def drop_reason(trigger: Token, event: str, nominal: bool, actor_heads: list[Token],
                recipient_heads: list[Token]) -> str | None:
    """Why this trigger is not an event, or None when it may be one."""
    c = cues()
    if nominal:
        return _noun_reason(trigger, actor_heads, recipient_heads, c)
    return _verb_reason(trigger, event, actor_heads, c)


def _noun_reason(noun: Token, actor_heads: list[Token], recipient_heads: list[Token], c: Cues) -> str | None:
    lemma = noun.lemma_.lower()
    if _is_metaphor(noun, lemma, c) or (noun.dep_ == "dobj" and _carried_figure(noun.head, noun, c)):
        return NON_POLITICAL if lemma in c.everyday_nouns else METAPHOR  # "a camping trip"; "a verbal assault"
    if noun.dep_ in ("attr", "oprd") and noun.head.lemma_.lower() in c.characterising_verbs and any(
            child.dep_ == "dobj" and child.tag_ not in ("WP", "WDT") for child in noun.head.children):
        return METAPHOR  # "called it an attack": what someone calls something (not "what X called the exercise")
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.lemma_.lower() in c.characterising_verbs:
        return METAPHOR  # "described the raid as an invasion"
    if lemma in c.generic_nouns or noun.lower_ in c.generic_nouns:
        if noun.head.lemma_.lower() in c.onset_verbs and noun.dep_ in ("nsubj", "dobj", "nsubjpass"):
            return None  # "war broke out", "declared war": the verb makes it a happening
        if (lemma in c.anchored_nouns or noun.lower_ in c.anchored_nouns) and _anchored(noun, actor_heads,
                                                                                        recipient_heads):
            return None
        return GENERIC
    return None


def _is_metaphor(noun: Token, lemma: str, c: Cues) -> bool:
    mods = c.metaphor_modifiers.get(lemma, frozenset())
    objects = c.metaphor_objects.get(lemma, frozenset())
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and (child.lower_ in mods or child.lemma_.lower() in mods):
            return True
        if child.dep_ == "prep" and child.lower_ in ("on", "against", "of") and any(
                g.lemma_.lower() in objects or g.lower_ in objects for g in child.children if g.dep_ == "pobj"):
            return True
    return False


def _carried_figure(verb: Token, noun: Token, c: Cues) -> bool:
    """A light verb's object that is a figure of speech, its 'on ...' phrase on the noun or on the verb."""
    lemma = noun.lemma_.lower()
    if _is_metaphor(noun, lemma, c):
        return True
    objects = c.metaphor_objects.get(lemma, frozenset())
    return any(child.dep_ == "prep" and child.lower_ in ("on", "against") and any(
        g.lemma_.lower() in objects for g in child.children if g.dep_ == "pobj") for child in verb.children)


def _anchored(noun: Token, actor_heads: list[Token], recipient_heads: list[Token]) -> bool:
    """A named side, a 'between' phrase, a date or a place makes a fighting noun one happening."""
    if actor_heads or recipient_heads:
        return True
    for child in noun.subtree:
        if child.i == noun.i:
            continue
        if child.lower_ == "between" and child.head.i == noun.i:
            return True
        if child.ent_type_ in ANCHOR_ENTS and child.head.i != noun.i or child.ent_type_ in ("DATE", "TIME"):
            return True
    return False


def _purpose_of_description(verb: Token) -> bool:
    """The purpose of a participle describing a party ("tribesmen armed to fight Isis now refuse ..."), also
    when the parser took the participle for the main verb and left the real one unattached after it."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.tag_ != "VBN" or not any(a.dep_ == "aux" and a.lower_ == "to"
                                                              for a in verb.children):
        return False
    if head.dep_ == "acl":
        return True
    return head.dep_ == "ROOT" and any(ch.dep_ == "dep" and ch.tag_ in ("VBD", "VBZ", "VBP") and ch.i > verb.i
                                       for ch in head.children)


def _verb_reason(verb: Token, event: str, actor_heads: list[Token], c: Cues) -> str | None:
    lemma = verb.lemma_.lower()
    if verb.tag_ in PARTICIPLE_TAGS and verb.dep_ in ("amod", "compound"):
        return DESCRIPTIVE  # "US-backed forces", "a banned militia", "the besieged town"
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and lemma in c.stative_participles and not any(
            child.dep_ in CLAUSE_MARKERS for child in verb.children):
        return DESCRIPTIVE  # "forces backed by Turkey", "a town besieged since May" (not "... that tanks were destroyed")
    if _purpose_of_description(verb):
        return DESCRIPTIVE  # "tribesmen armed to fight Isis", "fighters trained to attack convoys"
    for obj in verb.children:
        if obj.dep_ == "dobj" and _carried_figure(verb, obj, c):
            return METAPHOR  # "launched a verbal assault", "declared war on inflation"
    verbal = event in VERBAL_SENSES  # "hit back at comments" coded as the retort it is: no other sense
    if lemma in c.retort_verbs and not verbal and _retort(verb, c):
        return OTHER_SENSE  # "Beijing hit back on Sunday, with a spokesperson accusing Washington of ..."
    if lemma in c.toll_verbs and _running_toll(verb):
        return GENERIC  # "more than 400 former guerrillas have been killed since the accord": a count, no act
    if lemma in c.waging_verbs and any(_waged_state(verb, obj, c) for obj in verb.children if obj.dep_ == "dobj"):
        return GENERIC  # "with whom Ankara has fought a four-decade insurgency", "the PKK, fighting a war in Turkey"
    if lemma in c.affiliation_verbs and _describes_someone(verb, c):
        return DESCRIPTIVE  # "a British woman fighting alongside Kurdish forces", "extremists who have fought with Isis"
    if not verbal and _other_sense(verb, c.other_senses.get(lemma, frozenset())):
        return OTHER_SENSE  # "released a statement", "contributed to this report", "atrocities committed by"
    purposes = c.hostile_purposes.get(event, frozenset())
    if purposes and any(ch.dep_ in ("advcl", "xcomp") and ch.lemma_.lower() in purposes and
                        any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children) for ch in verb.children):
        return OTHER_SENSE  # "sent in aircraft to attack the province": no aid, the means of an attack
    for head in actor_heads:
        if head.lemma_.lower() in c.non_actor_subjects or head.lower_ in c.non_actor_subjects:
            return NON_POLITICAL  # "the storm hit the coast"
    objects = c.non_actor_objects.get(event)
    if objects:
        for child in verb.children:
            if child.dep_ == "xcomp" and any(g.dep_ == "auxpass" for g in child.children):
                words = {child.lemma_.lower()}  # "asked not to be named"
            elif child.dep_ in ("prep", "dobj"):
                words = {g.lemma_.lower() for g in child.subtree}  # "asked about the remark", "for comment"
            else:
                continue
            if words & objects:
                return NON_POLITICAL
    return None


def _describes_someone(verb: Token, c: Cues) -> bool:
    """Fighting, serving or volunteering told to say who someone is, not what happened: a participle or a
    perfect relative clause on the people it describes ("a woman fighting alongside Kurdish forces",
    "militants who had fought with US forces"), a journey's purpose ("went to Syria to fight Isis") or a
    'while' clause ("killed while volunteering with the militia"); a clause with a time of its own ("who
    fought the army on Monday") tells a happening."""
    if any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree):
        return False
    head = verb.head
    if verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBN") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return True
    if verb.dep_ == "relcl" and any(a.dep_ == "aux" and a.lemma_.lower() == "have" for a in verb.children):
        return True
    if verb.dep_ in ("advcl", "xcomp") and head.lemma_.lower() in c.journey_verbs and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in verb.children):
        return True
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and any(
        m.dep_ == "mark" and m.lower_ in ("while", "when") for m in verb.children)


def _retort(verb: Token, c: Cues) -> bool:
    """'hit back' or 'struck back' with nothing struck and no weapon ('with airstrikes'): a retort in
    words ('Iraq's president hit back at comments made by Trump')."""
    if not any(ch.lower_ == "back" and ch.dep_ in ("advmod", "prt") for ch in verb.children):
        return False
    if any(ch.dep_ == "dobj" for ch in verb.children):
        return False
    for prep in (ch for ch in verb.children if ch.dep_ == "prep"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            if obj.lemma_.lower() in c.force_nouns:
                return False
            if prep.lower_ == "at" and obj.ent_type_ in ("GPE", "LOC", "FAC"):
                return False  # "hit back at rebel-held Idlib"
    return True


def _running_toll(verb: Token) -> bool:
    """A count of victims over a span up to now: a perfect passive ('have been killed', 'has been
    displaced') with a 'since' phrase or clause, and a counted subject ('300,000 people', 'more than 100
    civilians'). Not one act, unless an actor is named ('killed by the army since Monday' stays)."""
    if not any(a.dep_ == "aux" and a.lemma_.lower() == "have" for a in verb.children):
        return False
    if not any(a.dep_ == "auxpass" for a in verb.children) or any(a.dep_ == "agent" for a in verb.children):
        return False
    since = any((ch.dep_ == "prep" and ch.lower_ == "since") or (
        ch.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in ch.children))
        for ch in verb.children)
    counted = any(s.dep_ == "nsubjpass" and any(t.like_num for t in s.subtree) for s in verb.children)
    return since and counted


def _waged_state(verb: Token, obj: Token, c: Cues) -> bool:
    """A war or insurgency fought over years ("a four-decade insurgency", "a decades-long war"), or fought
    in a participle that describes a side ("the PKK, fighting a separatist war"): the state of conflict,
    not an act ("Russia is waging war on Ukraine" stays an event)."""
    if obj.lemma_.lower() not in c.generic_nouns:
        return False
    if any(m.dep_ in ("amod", "compound", "nmod") and (
            m.lemma_.lower() in c.lasting_words or m.lower_ in c.lasting_words
            or any(w in c.lasting_words for w in m.lower_.split("-"))) for m in obj.children):
        return True
    return verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl") and not any(
        ch.dep_ in ("aux", "auxpass", "nsubj", "mark") for ch in verb.children)


def _other_sense(verb: Token, objects: frozenset[str]) -> bool:
    """The verb's object (or passive subject, or 'to' phrase) shows another sense of the verb: one releases a
    statement or contributes to power cuts or commits a crime, but frees no one, aids no one, pledges nothing."""
    if not objects:
        return False
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in objects:
            return True
        if child.dep_ == "prep" and child.lower_ in ("to", "at") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in objects for g in child.children):
            return True
    return False


def names_a_party(actor: Actor) -> bool:
    """A political actor the text names by a proper name the knowledge base does not know, with a role that
    says what it is ("the Workers' Party leader, Jose Guimaraes", "Premier Gladys Berejiklian", "the Foreign
    Office"): identified, though its country is not. A bare name ("Kimberley Taylor", "Manchester Arena")
    may be anyone or anywhere, and is not enough."""
    words = (actor.text or "").split()
    return actor.kind not in ("equipment", "place") and bool(actor.sector) and \
        any(w[:1].isupper() for w in words[1:])


def without_actor(event: Event) -> str | None:
    """PLOVER codes no event without an actor: one with no actor coded to a country or an organisation, and
    none named by a proper name, is only a candidate. (Keeping actors known only by a sector, "police", "the
    rebels", was measured: more recall on sentences, but worse precision on real articles and on the
    project's corpus; the fix is to code their country. Named actors with a role, unknown to the knowledge
    base, cost almost nothing there and are kept, with no code.)"""
    if any(a.code for a in event.actor) or any(names_a_party(a) for a in event.actor):
        return None
    return NO_ACTOR
