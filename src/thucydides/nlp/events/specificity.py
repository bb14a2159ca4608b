"""Is a mention one specific, recent happening, or a reference, a state, a habit or history?

Pinning an act on nobody in particular (``unattributed_in_place``) is safe only for a happening the article
reports: "a roadside bomb killed two soldiers near Samarra on Tuesday". It is not for a reference to an
attack known by name ("the Salisbury attack", "regrets about the Manchester attack"), which borrows no date
of its own; a state or a habit ("now Raqqa is liberated", "journalists are killed for reporting", "bombing
under way in Idlib"); an act told as a purpose or a description ("pushing Damascus to the table", "those who
have fought with us"); history the date resolver left undated ("killed in Turkey in the 1990s", "in
mid-2015"); a count over a year ("100 soldiers were killed last year"); or a death by a device left behind
("killed clearing a booby-trapped house"), where nobody attacked anyone that day. The cue words are data
(``data/specificity.json``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from thucydides.model import Event

PRESENT_TAGS = frozenset({"VBZ", "VBP"})
FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})
PERFECT = frozenset({"has", "have", "'ve", "'s"})
YEAR = re.compile(r"(?:mid-?|early-?|late-?)?((?:1[6-9]|20)\d\d)s?$")
OWN_DATES = frozenset({"day", "month"})
REFERENCE = "reference without a date of its own"
# clauses inside a noun phrase that tell of something else, with a date of their own: "the attack made
# public by the UK on Friday"
OTHER_CLAUSES = frozenset({"relcl", "acl"})


@dataclass(frozen=True)
class SpecificityCues:
    left_devices: tuple[str, ...]
    light_verbs: frozenset[str]
    same_in_past: frozenset[str]


@lru_cache(maxsize=1)
def load_cues() -> SpecificityCues:
    raw = json.loads((resources.files("thucydides.nlp.events") / "data" / "specificity.json").read_text("utf-8"))
    return SpecificityCues(left_devices=tuple(raw["left_devices"]), light_verbs=frozenset(raw["light_verbs"]),
                           same_in_past=frozenset(raw["same_in_past"]))


def _earlier_year(sent_tokens: Iterable[Token], published: str | None) -> bool:
    """The sentence names a year or decade before the year of publication ("in the 1990s", "in mid-2015")."""
    if not published or not published[:4].isdigit():
        return False
    now = int(published[:4])
    return any((m := YEAR.match(t.lower_)) is not None and int(m.group(1)) < now for t in sent_tokens)


def _present_or_nonfinite(tok: Token) -> str | None:
    """A verb trigger in the simple present ("journalists are killed", "Raqqa is liberated"), or one with no
    tense of its own ("pushing Damascus to the table", "the time it took to kill"); the perfect is news."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in PERFECT for a in auxes):
        return None
    if any(a.tag_ in PRESENT_TAGS for a in auxes) or tok.tag_ == "VBZ" or (
            tok.tag_ == "VBP" and tok.lower_ not in load_cues().same_in_past):  # "bombs hit the town": past
        return "present"
    if any(a.lower_ == "to" for a in auxes):
        return "infinitive"
    if tok.tag_ == "VBG" and not auxes and tok.dep_ in ("pcomp", "pobj", "conj", "xcomp", "csubj", "dobj"):
        return "gerund"
    if any(a.tag_ == "VBG" for a in auxes) and not any(a.tag_ in FINITE_TAGS for a in auxes):
        return "gerund"  # "after being pushed from their stronghold": a circumstance, not a report
    return None


def _own_phrase(tok: Token) -> str:
    """The noun phrase of ``tok`` without the clauses in it that have a subject or agent of their own."""
    skip: set[int] = set()
    for child in tok.children:
        if child.dep_ in OTHER_CLAUSES and any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in child.children):
            skip.update(t.i for t in child.subtree)
    return " ".join(t.text for t in tok.subtree if t.i not in skip).lower()


def unspecific(tok: Token, event: Event, published: str | None) -> str | None:
    """Why the mention at ``tok`` is no specific, recent happening to pin on anyone; None when it is one."""
    cues = load_cues()
    sent = tok.sent
    text = sent.text.lower()
    if any(w in text for w in cues.left_devices):
        return "device left behind"
    own_date = event.date_precision in OWN_DATES
    if event.date_precision not in OWN_DATES and event.date_precision != "document":
        return "dated by a year or more"  # "killed last year": a count or history, not one act
    if tok.lemma_.lower() in cues.light_verbs:  # "the attack was staged": the happening is the noun's
        noun = next((c for c in tok.children if c.dep_ in ("nsubjpass", "dobj") and c.pos_ == "NOUN"), None)
        if noun is not None and not own_date:
            return REFERENCE
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB":
        tok = tok.head  # "cluster bombs hit the towns": the clause tells the happening
    if tok.pos_ in ("NOUN", "PROPN"):
        if not own_date or (event.date_text and event.date_text.lower() not in _own_phrase(tok)):
            return REFERENCE  # "the Salisbury attack", "complained last week about the Salisbury attack"
        return None
    tense = _present_or_nonfinite(tok)
    if tense is not None:
        return tense
    if tok.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "whom")
                                   for c in tok.children):
        return "description of people"  # "those who have fought with us"
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and not own_date:
        return "description of people"  # "a photograph of the officers killed at Mitú"
    if not own_date and _earlier_year(sent, published):
        return "history"
    return None


def unspecific_mentions(doc: Doc, events: Iterable[Event], published: str | None) -> dict[int, str]:
    """For each mention trigger offset (of ``events`` and their merged mentions) that is no specific,
    recent happening, the reason."""
    at = {t.idx: t for t in doc}
    out: dict[int, str] = {}
    for ev in events:
        starts = [m.trigger_start for m in ev.mentions] or [ev.trigger_start]
        for start in starts:
            tok = at.get(start) if start is not None else None
            if start is None or tok is None:
                continue
            reason = unspecific(tok, ev, published)
            if reason is not None:
                out[start] = reason
    return out
