"""Merging's inputs: its rules (``data/merge.json``) and the cues it reads from the parsed Doc about each mention (noun or verb, definite, marked new, what its trigger hangs on)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from thucydides.model import Event

PART, COORDINATED, SEPARATE = 0, 1, 2


@dataclass(frozen=True)
class MergeRules:
    """The merge rules (``data/merge.json``)."""

    families: Mapping[str, str] = field(default_factory=dict)  # event type -> family name
    # compatible mentions in one sentence: "any" merge, "linked" merge when one hangs on the other other
    # than by coordination ("bombed ..., killing 12"; not "shelled ... and attacked"), "none" never
    same_sentence: str = "linked"
    anaphor_window: int = 3  # sentences a referring-back noun may reach (0: none)
    anaphor_related: bool = True  # the noun names the same act ("shelled" ... "the shelling") or a generic one
    anaphor_number: bool = True  # "the attacks" (a series) does not refer back to "an attack"
    identity_window: int = 40  # sentences a shared actor with the same day or place may reach (0: none)
    generic_event_nouns: frozenset[str] = frozenset()  # nouns that refer back to any act of their family
    sector_groups: Mapping[str, str] = field(default_factory=dict)  # sector -> the side it belongs to
    # a mention that names no actor code, place or date of its own, this many sentences after the last
    # mention of a compatible event, goes on telling it ("Fighting raged on several fronts.") (0: never)
    followup_window: int = 1
    # a later mention of the same type that names a shared coded actor by reference ("its aircraft", "the
    # group"), with no date of its own, this many sentences after the event's last mention (0: never)
    retelling_window: int = 0
    # the article's opening happening (a mention in its first sentence) is told again by a mention of the
    # same type, sharing a coded actor, with no date of its own, in its first this many sentences (0: never)
    lead_window: int = 0
    followup_types: frozenset[str] = frozenset()  # happenings told over sentences, not speech acts
    shift_words: frozenset[str] = frozenset()  # a sentence opening so turns to another story
    # words for the toll of a happening: coordinated with another act they are part of it ("captured and
    # killed", "were killed and 45 injured")
    casualty_lemmas: frozenset[str] = frozenset()
    definite_words: frozenset[str] = frozenset()
    new_words: frozenset[str] = frozenset()
    generic_actor_words: frozenset[str] = frozenset()
    absorb_dropped: frozenset[str] = frozenset()  # dropped candidates that may still be mentions
    # a definite event noun that is what a predicate about it speaks of ("the ceasefire did not apply to
    # them", "denied it was bound by the truce") names a known happening: it refers back this far (0: no)
    reference_predicates: frozenset[str] = frozenset()
    reference_window: int = 0
    # of these predicates, those that presuppose the happening they speak of ("the ceasefire excluded
    # them", "violated the truce", not "rejected Erdogan's call for a truce", which may report the call):
    # such a noun with no earlier mention to join is dropped with reference_reason ("": kept)
    known_predicates: frozenset[str] = frozenset()
    reference_reason: str = ""
    # speech acts of these types coordinated in one sentence ("should be cleared ... and should be
    # patrolled", "urged ... and called for ...") are one act of speech
    coordinated_types: frozenset[str] = frozenset()
    # speech acts the article opens with, told again in the first lead_window sentences by the same coded
    # actor, whatever recipient each mention names (the addressee, the one spoken of, the thing asked)
    lead_speech_types: frozenset[str] = frozenset()
    # meetings a place name before the noun tells where they are held ("the Munich conference"): the place
    # is not their actor, and names the one held there ("a summit in Tehran ... the Tehran summit")
    venue_types: frozenset[str] = frozenset()
    merged_reason: str = "duplicate mention"

    def family(self, event_type: str) -> str:
        return self.families.get(event_type, event_type)


def rules_from_dict(data: Mapping[str, Any]) -> MergeRules:
    families: dict[str, str] = {}
    for group in data.get("families", []):
        name = "/".join(group)
        for event_type in group:
            families[event_type] = name
    words = {key: frozenset(w.lower() for w in data.get(key, [])) for key in
             ("definite_words", "new_words", "generic_actor_words", "generic_event_nouns", "casualty_lemmas", "shift_words",
              "reference_predicates", "known_predicates")}
    sector_groups = {sector: name for name, group in data.get("sector_groups", {}).items() for sector in group}
    return MergeRules(families=families, sector_groups=sector_groups, same_sentence=str(data.get("same_sentence", "linked")),
                      anaphor_window=int(data.get("anaphor_window", 3)),
                      anaphor_related=bool(data.get("anaphor_related", True)),
                      anaphor_number=bool(data.get("anaphor_number", True)),
                      followup_window=int(data.get("followup_window", 1)),
                      retelling_window=int(data.get("retelling_window", 0)),
                      lead_window=int(data.get("lead_window", 0)),
                      followup_types=frozenset(data.get("followup_types", [])),
                      identity_window=int(data.get("identity_window", 40)),
                      absorb_dropped=frozenset(data.get("absorb_dropped", [])),
                      reference_window=int(data.get("reference_window", 0)),
                      reference_reason=str(data.get("reference_reason", "")),
                      coordinated_types=frozenset(data.get("coordinated_types", [])),
                      lead_speech_types=frozenset(data.get("lead_speech_types", [])),
                      venue_types=frozenset(data.get("venue_types", [])),
                      merged_reason=str(data.get("merged_reason", "duplicate mention")), **words)


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> MergeRules:
    """The merge rules from ``path``, or the package's ``data/merge.json``; read once."""
    if path is None:
        text = (resources.files("thucydides.nlp.events") / "data" / "merge.json").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    return rules_from_dict(json.loads(text))


@dataclass(frozen=True)
class MentionCues:
    """What the parse says about one mention's trigger."""

    nominal: bool = False  # a noun ("the shelling"), not a verb
    definite: bool = False  # refers back: "the", "this", a possessive ("Monday's attack")
    new: bool = False  # marked as another happening: "another strike", "struck again"
    plural: bool = False  # "the attacks": a series, not one of them
    lemma: str = ""
    shift: bool = False  # its sentence turns to another story: "Meanwhile, ...", "Elsewhere, ..."
    # the words it hangs on, nearest first, as (character offset, link): PART ("bombed ..., killing 12",
    # "the strike, which killed 12"), COORDINATED ("shelled ... and attacked": two acts of one subject) or
    # SEPARATE (a clause with a subject of its own: "while bombs hit", "and the army bombed")
    governors: tuple[tuple[int, int], ...] = ()
    about: bool = False  # a definite noun a predicate speaks about: "the ceasefire did not apply to them"
    known: bool = False  # ... one that presupposes the happening: "their ceasefire did not apply to them"
    venue: str = ""  # the place a meeting noun is named by: "the Munich conference", "the Tehran summit"


CLAUSE_DEPS = ("advcl", "ccomp", "conj", "relcl", "parataxis", "xcomp")


RELATIVE_WORDS = ("which", "that", "who", "whom", "what")


def _restrictive(child: Token) -> bool:
    """A modifier that makes a noun a description of its own, not a reference back: "the weekend strikes",
    "the Afrin offensive", "the Syrian offensive", "the offensive launched on October 27"."""
    if child.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
        return False  # "the request to extradite him": what was asked, not which request
    if child.dep_ in ("compound", "acl", "nmod"):
        return True
    return child.dep_ == "amod" and (child.ent_type_ in ("NORP", "GPE", "ORG") or child.text[:1].isupper())


def _own_subject(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ in CLAUSE_DEPS and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE_WORDS for c in tok.children)


def token_cues(tok: Token, rules: MergeRules) -> MentionCues:
    children = list(tok.children)
    definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in rules.definite_words)
                   for c in children) and not any(_restrictive(c) for c in children)
    new = any(c.lower_ in rules.new_words and c.dep_ in ("amod", "det", "advmod", "nummod", "npadvmod")
              for c in children)
    governors: list[tuple[int, int]] = []
    link = PART
    node = tok
    while node.head.i != node.i and node.head.i >= tok.sent.start:
        if node.dep_ == "parataxis" or _own_subject(node) or (node.dep_ == "conj" and node.pos_ not in ("VERB", "AUX")):
            link = SEPARATE  # "and the army bombed", "and brigades lynched" (a participant of its own)
        elif node.dep_ == "conj":
            link = max(link, COORDINATED)
        node = node.head
        governors.append((node.idx, link))
    opening = [t.lower_ for t in tok.sent[:3] if not t.is_punct and not t.is_space][:2]
    shift = bool(opening) and (opening[0] in rules.shift_words or " ".join(opening) in rules.shift_words)
    nominal = tok.pos_ in ("NOUN", "PROPN")
    return MentionCues(nominal=nominal, definite=definite, new=new,
                       plural=tok.tag_ in ("NNS", "NNPS"), lemma=tok.lemma_.lower(), shift=shift,
                       governors=tuple(governors), about=nominal and definite and _spoken_about(tok, rules),
                       known=nominal and definite and _spoken_about(tok, rules, rules.known_predicates),
                       venue=_venue(tok) if nominal else "")


def _venue(tok: Token) -> str:
    """A place name before the noun ("the Munich conference", "the Tehran summit"): where it is held."""
    for child in tok.children:
        if child.dep_ == "compound" and child.ent_type_ in ("GPE", "LOC", "FAC") and child.i < tok.i:
            return " ".join(t.text for t in tok.doc[child.left_edge.i:child.i + 1] if t.ent_type_ == child.ent_type_)
    return ""


def _spoken_about(tok: Token, rules: MergeRules, predicates: frozenset[str] | None = None) -> bool:
    """The noun is the subject or object of a predicate about it ("the truce excluded them", "observe the
    ceasefire", "was bound by the truce"), not of one that makes it happen."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.pos_ in ("VERB", "ADJ"):
        head = head.head
    elif tok.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return False
    return head.lemma_.lower() in (rules.reference_predicates if predicates is None else predicates)


def mention_cues(doc: Doc, events: Iterable[Event], rules: MergeRules | None = None) -> dict[str, MentionCues]:
    """Cues for each event (by id) whose trigger starts a token of ``doc``."""
    rules = rules or load_rules()
    at = {t.idx: t for t in doc}
    out: dict[str, MentionCues] = {}
    for ev in events:
        tok = at.get(ev.trigger_start) if ev.trigger_start is not None else None
        if tok is not None:
            out[ev.id] = token_cues(tok, rules)
    return out
