"""Announced intentions and reported demands, as PLOVER codes them (cues in ``nlp/events/data/intent.json``).

* "Finland will give Tanzania a grant", "Syria is willing to withdraw its troops": a future or intended
  cooperative act is AGREE (a retreat is CONCEDE); "the farmers said they would blockade Paris" is THREATEN.
* "Britain will not lift the ban", "they refuse to release them": a refused cooperative act is REJECT.
* "Russia said Sudan must return the helicopter": a reported obligation is a REQUEST by the reporter
  (Russia) to the one obliged (Sudan).

Scheduled happenings named by nouns ("the summit will open on Monday") are not intentions and stay as they
are, with the aux mode ``future``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Token


@dataclass(frozen=True)
class Recoding:
    event: str
    reason: str  # "future", "intent:<lemma>", "obligation"
    governor: int | None = None  # token index of an intent verb whose own event this one replaces
    actor: int | None = None  # for obligations: the reporter's subject
    recipient: int | None = None  # for obligations: the one obliged
    holder: int | None = None  # an intent noun ("decision", "pledge") whose holder announces the act


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    return json.loads((resources.files("thucydides.nlp.events") / "data" / "intent.json").read_text("utf-8"))


def _aux_lemmas(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _in_condition(verb: Token) -> bool:
    """The protasis of a conditional ("if he gave them a veto") is no intention."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in verb.children)


IMPERATIVE_LEAD = frozenset({"do", "n't", "n’t", "not", "please", "“", "\"", "'", "‘", "never"})


def imperative(verb: Token) -> bool:
    """A quoted command reported by a speaker: "'Don't overburden us with your issues,' he said", "'Leave
    now,' the officer told them": a bare verb with no subject opening the reported clause."""
    if verb.pos_ != "VERB" or verb.tag_ != "VB" or verb.dep_ != "ccomp" or verb.i > verb.head.i:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") or (c.dep_ == "aux" and c.lower_ == "to")
           for c in verb.children):
        return False
    lead = [t for t in verb.doc[verb.left_edge.i:verb.i]]
    return all(t.lower_ in IMPERATIVE_LEAD or t.is_punct for t in lead) and (
        verb.head.lemma_.lower() in cues()["request_reporters"])


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def first_conjunct(verb: Token) -> Token:
    """The verb a bare coordinated verb shares its subject and auxiliaries with: "would respect the truce and
    allow aid in" (allow -> respect); the verb itself when it has a subject, an auxiliary or a tense of its own
    ("will not join the strikes but supports the effort")."""
    cur = verb
    for _ in range(4):
        if cur.dep_ != "conj" or cur.tag_ != "VB" or cur.head.pos_ not in ("VERB", "AUX") or any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in cur.children):
            break
        cur = cur.head
    return cur


def recode(trigger: Token, event: str, anchor: Token | None = None) -> Recoding | None:
    """How an event trigger is coded when it is announced, intended or demanded; None if as it is. A bare
    coordinated verb is read in the clause of its ``anchor`` (``first_conjunct``) when the caller found that
    verb announced: "vowed to attack the capital and seize the airport" (seize is vowed too)."""
    if trigger.pos_ != "VERB" or _in_condition(trigger):
        return None
    c = cues()
    anchor = anchor if anchor is not None else trigger
    aux = _aux_lemmas(trigger) | _aux_lemmas(anchor)
    if event in c["refusable"] and _refusal_governor(anchor, c):
        return Recoding("REJECT", "refusal", anchor.head.i)  # "refused to release the hostages"
    if event == "AGREE" and anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in c["failure_predicates"]:
        return Recoding("REJECT", "refusal", anchor.head.i)  # "failed to reach agreement": no agreement
    top, head = _climb(anchor, c)
    if top is not anchor:
        aux |= _aux_lemmas(top)  # "will continue to engage with": the future is on the aspectual verb
    lemma = trigger.lemma_.lower()
    if lemma in c["negative_triggers"] and event in ("REJECT", "THREATEN") and (_negated(trigger) or any(
            d.dep_ == "det" and d.lower_ == "no" for o in trigger.children if o.dep_ == "dobj" for d in o.children)):
        return Recoding(event, "refusal")  # "will not allow the return of the rebels": the refusal is the act
    if lemma in c["performative"] and event in ("REJECT", "THREATEN") and aux & set(c["future_aux"]):
        return Recoding(event, "future")  # "would reserve the right to respond": saying so is the threat
    if top.dep_ in ("xcomp", "ccomp") and head.pos_ == "VERB" and head.lemma_.lower() in c["request_predicates"]:
        # "called on Rwanda to withdraw", "asked them to guarantee": the act asked for is the request's content
        return Recoding("REQUEST", "request", head.i)
    if imperative(trigger):
        speaker = _speaker_of(trigger.head)
        if speaker is not None:
            return Recoding("REQUEST", "command", None, speaker.i, None)
    if _negated(trigger):
        # "will not lift the ban", "won't release the soldiers": a refused cooperative act is a REJECT
        if event in c["refusable"] and (aux & set(c["future_aux"]) or _refusal_governor(trigger, c)):
            return Recoding("REJECT", "refusal")
        return None
    target = c["recode"].get(event)
    # a reported obligation: "X said Y must do Z"
    deontic = bool(aux & set(c["deontic_aux"])) or (lemma == "need" and any(
        ch.dep_ == "xcomp" for ch in trigger.children))  # "insisted refugees need to return"
    if deontic and anchor.dep_ in ("ccomp", "conj"):
        reporter = anchor.head if anchor.dep_ == "ccomp" else anchor.head.head
        if reporter.lemma_.lower() in c["request_reporters"]:
            speaker = _speaker_of(reporter)
            obliged = next((t for t in anchor.children if t.dep_ in ("nsubj", "nsubjpass")), None)
            if speaker is not None:
                return Recoding("REQUEST", "obligation", None, speaker.i, obliged.i if obliged is not None else None)
    if target is None or target == event:
        if target is not None and aux & set(c["future_aux"]) and _voiced(top, c):
            return Recoding(event, "future")  # "said it would respect the ruling": a promise made now
        return None if target is None else _same(anchor, event, aux, c)
    if aux & set(c["future_aux"]):
        if event in c.get("scheduled", ()) and top is anchor and not _first_person(anchor) and (
                not _voiced(anchor, c) or _third_party(anchor)):
            # the narrator's "Iran and Turkey will hold talks next week" is a meeting on the calendar (aux
            # mode future), not a promise; "Erdogan said he would meet Putin", "we will continue to engage
            # with them" are
            return None
        if target == "THREATEN" and (not _voiced(anchor, c) or _third_party(anchor)):
            # a narrator's prediction ("the rebels would resume attacks") is no threat, nor is a speaker's
            # about someone else ("officials said they believed the militias would use human shields")
            return None
        gov = _intent_governor(anchor, c)
        subj = next((t for t in anchor.children if t.dep_ in ("nsubj", "nsubjpass")), None)
        if gov is not None and gov.pos_ == "NOUN" and subj is not None and subj.pos_ == "PRON":
            # "a US announcement that it would train an army": "it" is the one announcing
            return Recoding(target, "future", holder=gov.i)
        return Recoding(target, "future")
    gov = _intent_governor(anchor, c)
    if gov is not None:
        noun = gov.pos_ == "NOUN"
        if noun and target == "THREATEN" and gov.lemma_.lower() in c["taken_decisions"]:
            # "the US decision to reimpose sanctions": a decision taken is the act itself, not a threat
            return Recoding(event, f"intent:{gov.lemma_.lower()}", gov.i, holder=gov.i)
        return Recoding(target, f"intent:{gov.lemma_.lower()}", gov.i if gov.pos_ == "VERB" or noun else None,
                        holder=gov.i if noun else None)
    return None


def _same(trigger: Token, event: str, aux: set[str], c: dict[str, Any]) -> Recoding | None:
    """An AGREE or CONCEDE under an intent verb stays itself, but replaces the intent verb's own event."""
    gov = _intent_governor(trigger, c)
    if gov is not None and gov.pos_ == "VERB":
        return Recoding(event, f"intent:{gov.lemma_.lower()}", gov.i)
    if gov is not None and gov.pos_ == "NOUN":
        return Recoding(event, f"intent:{gov.lemma_.lower()}", gov.i, holder=gov.i)
    return None


def _reporting_verb(trigger: Token, c: dict[str, Any]) -> Token | None:
    """The verb that reports or announces the clause a trigger sits in ("Putin said an offensive would be
    launched": said), or None."""
    cur = trigger
    for _ in range(5):
        if cur.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or cur.head is cur:
            return None
        cur = cur.head
        if cur.lemma_.lower() in c["request_reporters"] or cur.lemma_.lower() in c["intent_predicates"]:
            return cur
    return None


def _voiced(trigger: Token, c: dict[str, Any]) -> bool:
    """Whether the act is announced by someone: it sits in a clause reported by a speaker."""
    return _reporting_verb(trigger, c) is not None


def _speaker_of(reporter: Token) -> Token | None:
    """The subject of a reporting verb; past a participle the parser made the subject ("The Red Cross
    operating in Iraq said": the Red Cross)."""
    subject = next((t for t in reporter.children if t.dep_ == "nsubj"), None)
    if subject is not None and subject.tag_ == "VBG":
        inner = next((g for g in subject.children if g.dep_ == "nsubj" and g.pos_ in ("NOUN", "PROPN")), None)
        return inner or subject
    return subject


def voicer(trigger: Token) -> Token | None:
    """Who announces an act in a reported clause: the subject of the reporting verb ("Putin said an offensive
    would be launched": Putin), or None."""
    reporter = _reporting_verb(trigger, cues())
    return _speaker_of(reporter) if reporter is not None else None


OWN = frozenset({"i", "we", "you", "he", "she", "it", "they", "my", "our", "your", "his", "her", "its", "their"})


def observer(speaker: Token) -> bool:
    """An onlooker who takes no part in what it speaks of: "analysts", "experts", "observers"."""
    return speaker.lemma_.lower() in cues()["observers"] or speaker.lower_ in cues()["observers"]


def _phrase(tok: Token) -> str:
    return tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text


def _other_country(speaker: Token, subject: Token) -> bool:
    """Both parties resolve to a country or organisation, and not the same one ("Putin said Russia would
    respond" is Russia's own word)."""
    from thucydides.nlp.actors.resolve import resolve_actor  # the knowledge base, loaded once

    meta = speaker.doc._.thuc_meta if speaker.doc.has_extension("thuc_meta") else None
    date = (meta or {}).get("date")
    said_by = resolve_actor(_phrase(speaker), date).code
    acting = resolve_actor(_phrase(subject), date).code
    return bool(said_by and acting and said_by != acting)


def _third_party(trigger: Token) -> bool:
    """Whether the act's subject is a party named apart from the speaker: "the militias would use ..." (not
    "it would respond", "its army would retake ...", "Iran would respond" said by Iran). Observers who take
    no part ("analysts said Hezbollah would attack Israel", "experts expect the militias to attack") speak
    of someone else's act whoever its subject is: a prediction, not a threat."""
    subj = next((t for t in trigger.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or (subj.pos_ == "PRON" and subj.lower_ in OWN):
        return False
    reporter = trigger.head
    while reporter.dep_ in ("ccomp", "xcomp", "conj") and reporter.head is not reporter:
        reporter = reporter.head
    speaker = next((t for t in reporter.children if t.dep_ == "nsubj"), None)
    if speaker is None:
        return False
    if observer(speaker):
        return True
    if subj.pos_ == "PROPN":  # "Israeli officials said Hezbollah would attack": another party's act
        return _other_country(speaker, subj)
    if subj.pos_ == "PRON" or any(t.lower_ in OWN for t in subj.subtree):
        return False
    names = {t.lower_ for t in subj.subtree if t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG")}
    return bool(names) and not names & {t.lower_ for t in speaker.subtree}  # "troops" alone may be its own


def _first_person(trigger: Token) -> bool:
    """The act's subject is the speaker's own side: "we will meet them", "I will visit"."""
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("i", "we") for t in trigger.children)


def _refusal_governor(trigger: Token, c: dict[str, Any]) -> bool:
    return trigger.dep_ == "xcomp" and trigger.head.lemma_.lower() in c["refusal_predicates"]


def _climb(trigger: Token, c: dict[str, Any]) -> tuple[Token, Token]:
    """The clause a trigger heads, looked through aspectual verbs ("vowed to keep attacking"), and its head."""
    top = trigger
    for _ in range(3):
        head = top.head
        if top.dep_ != "xcomp" or head is top or head.lemma_.lower() not in c["aspectual"]:
            break
        top = head
    return top, top.head


def _intent_governor(trigger: Token, c: dict[str, Any]) -> Token | None:
    """The intent predicate a trigger is the complement of: "vowed to fight", "is willing to withdraw"."""
    top, head = _climb(trigger, c)
    if top.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and head.lemma_.lower() in c.get("intent_nouns", ()):
        # "Trump's decision to withdraw", "a US announcement that it would train an army": the noun's holder
        # announces the act; a that-clause must announce it ("would", "will")
        to = any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in top.children)
        if to or _aux_lemmas(top) & set(c["future_aux"]):
            return head
        return None
    infinitive = top.dep_ == "advcl" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in top.children)
    if top.dep_ not in ("xcomp", "ccomp") and not infinitive:  # "have sworn to fight", parsed as a purpose
        return None
    trigger = top
    if head.lemma_.lower() in c["predictions"] and any(ch.dep_ == "auxpass" for ch in head.children):
        return None  # "Erdogan is expected to launch an operation": others foresee it, he announces nothing
    if head.lemma_.lower() in c["intent_predicates"] and head.lemma_.lower() != "say":
        if trigger.dep_ == "ccomp" and not (_aux_lemmas(trigger) & set(c["future_aux"])):
            return None
        return head
    return None
