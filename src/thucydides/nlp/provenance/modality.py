"""Did it happen? The auxiliary mode of an event: future, hypothetical, historical, negated or real.

``aux_mode(trigger)`` decides from the trigger's own clause and the clauses governing it: a trigger
under "if", "would", a scenario ("the scenario involves the enemy capturing X", "in this simulation")
is hypothetical, and so is what someone is asked or pressed to do or argues for ("pleaded with Moscow to
halt the offensive", "argued for his extradition"); "will", "is to", "scheduled to", "next month" make it future; "in the Second World
War" or "spent three decades fighting" makes it historical; "did not", "never", "no troops" negate it,
and so does a denial of one's own act in a gerund ("Kigali denies backing M23"). A denial of a clause
("X denied that its jets struck ...") is not negation: that is the claim's status (see ``claims``). Cue words live in
``nlp/provenance/data/modality.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

# governing edges that carry the governing clause's mode down to the trigger
_CLAUSE_EDGES = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "pobj", "prep", "dobj",
                           "nsubj", "nsubjpass", "conj", "appos", "attr", "oprd", "npadvmod", "compound",
                           "amod", "nmod", "dep", "acomp"})
_MAX_HOPS = 8
_ONGOING = frozenset({"finish", "end", "conclude", "continue"})
_BEFORE = frozenset({"following", "after", "amid", "despite"})


def _past(verb: Token) -> bool:
    """A verb told in the past: "set" under "did", "attacked", "had agreed"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "would", "shall", "'ll", "could", "might", "may", "should", "must", "to"}:
        return False
    return verb.tag_ in ("VBD",) or bool(aux & {"did", "had", "was", "were"})
_INVERTED = frozenset({"should", "had", "were"})
_YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})s?$")


@dataclass(frozen=True)
class Cues:
    future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    conditional_marks: frozenset[str]
    future_governors: frozenset[str]
    future_modifiers: frozenset[str]
    future_time_words: frozenset[str]
    hypothetical_governors: frozenset[str]
    scenario_verbs: frozenset[str]
    scenario_nouns: frozenset[str]
    scenario_frames: tuple[str, ...]
    hypothetical_nouns: frozenset[str]
    negative_governors: frozenset[str]
    negators: frozenset[str]
    planning_verbs: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    nonspecific_determiners: frozenset[str]
    averting_verbs: frozenset[str]
    averting_prep_verbs: frozenset[str]
    averting_preps: frozenset[str]
    light_verbs: frozenset[str]
    negative_subjects: frozenset[str]
    discussion_words: frozenset[str]
    discussion_preps: frozenset[str]
    future_marks: frozenset[str]
    request_governors: frozenset[str]
    plea_governors: frozenset[str]
    denial_verbs: frozenset[str]
    lifelong_words: frozenset[str]
    historical: re.Pattern[str]
    years_back: int
    default_year: int


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The modal, conditional, scenario and historical cue words, loaded once."""
    text = resources.files("thucydides.nlp.provenance").joinpath("data", "modality.json").read_text("utf-8")
    raw: dict[str, Any] = json.loads(text)
    phrases = [*raw["historical_phrases"], *raw["historical_people"]]
    pattern = re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b",
                         re.IGNORECASE)
    return Cues(
        future_aux=frozenset(raw["future_aux"]),
        hypothetical_aux=frozenset(raw["hypothetical_aux"]),
        conditional_marks=frozenset(raw["conditional_marks"]),
        future_governors=frozenset(raw["future_governors"]),
        future_modifiers=frozenset(raw["future_modifiers"]),
        future_time_words=frozenset(raw["future_time_words"]),
        hypothetical_governors=frozenset(raw["hypothetical_governors"]),
        scenario_verbs=frozenset(raw["hypothetical_verbs_with_scenario"]),
        scenario_nouns=frozenset(raw["scenario_nouns"]),
        scenario_frames=tuple(raw["scenario_frames"]),
        hypothetical_nouns=frozenset(raw["hypothetical_nouns"]),
        negative_governors=frozenset(raw["negative_governors"]),
        negators=frozenset(raw["negators"]),
        planning_verbs=frozenset(raw["planning_verbs"]),
        hypothetical_modifiers=frozenset(raw["hypothetical_modifiers"]),
        nonspecific_determiners=frozenset(raw["nonspecific_determiners"]),
        averting_verbs=frozenset(raw["averting_verbs"]),
        averting_prep_verbs=frozenset(raw["averting_prep_verbs"]),
        averting_preps=frozenset(raw["averting_preps"]),
        light_verbs=frozenset(raw["light_verbs"]),
        negative_subjects=frozenset(raw["negative_subjects"]),
        discussion_words=frozenset(raw["discussion_words"]),
        discussion_preps=frozenset(raw["discussion_preps"]),
        future_marks=frozenset(raw["future_marks"]),
        request_governors=frozenset(raw.get("request_governors", ())),
        plea_governors=frozenset(raw.get("plea_governors", ())),
        denial_verbs=frozenset(raw.get("denial_verbs", ())),
        lifelong_words=frozenset(raw.get("lifelong_words", ())),
        historical=pattern,
        years_back=int(raw["historical_years_back"]),
        default_year=int(raw["historical_default_year"]),
    )


def _finite(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        ch.dep_ in ("aux", "auxpass") and ch.tag_ in ("VBD", "VBZ", "VBP", "MD") for ch in verb.children)


def _told_past(clause: Token) -> bool:
    """A clause with a past tense of its own that a verb tells ("used the conference to set out how the regime
    was taking revenge on returnees"): what it tells happened, whatever the telling verb looks ahead to."""
    return clause.dep_ == "ccomp" and (clause.tag_ == "VBD" or any(
        ch.dep_ in ("aux", "auxpass") and ch.tag_ == "VBD" for ch in clause.children))


def clause_chain(trigger: Token) -> list[Token]:
    """The trigger and the heads governing it, up to the sentence root (or a reporting verb)."""
    from thucydides.nlp.provenance.speakers import reporting_verbs

    reporting = reporting_verbs()
    chain = [trigger]
    tok = trigger
    for _ in range(_MAX_HOPS):
        if tok.dep_ == "ROOT" or tok.head is tok or tok.dep_ not in _CLAUSE_EDGES:
            break
        if tok.dep_ == "relcl" and _finite(tok):
            break  # "forces which have provided arms": a relative clause with its own tense is its own fact
        if tok is trigger and tok.dep_ == "conj" and tok.tag_ in ("VBD", "VBZ") and tok.head.tag_ == "VB":
            break  # "will not join the talks but supports the plan": a tense of its own, not the modal's
        if tok.dep_ == "acl" and tok.tag_ == "VBN" and any(ch.dep_ == "agent" for ch in tok.children):
            break  # "will meet in Sochi, a venue rejected by the opposition": a done act, whatever comes next
        if tok.dep_ == "pobj" and tok.head.lower_ in _BEFORE and _past(tok.head.head):
            break  # "did not set a timeframe, following Russian objections": what came before is a fact
        if tok is trigger and tok.pos_ == "NOUN" and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _ONGOING:
            break  # "the assault would finish within days", "the offensive will continue": it is under way
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in reporting:
            break  # "X said that ..." : the reporter's own mode does not carry over
        chain.append(tok)
    return chain


def _is_conditional(tok: Token, c: Cues) -> bool:
    for child in tok.children:
        if child.dep_ == "mark" and child.lower_ in c.conditional_marks:
            return True
        # "Should the talks fail, ...": an inverted modal opening the clause, before its subject
        if child.dep_ == "aux" and child.lower_ in _INVERTED and child.i == tok.left_edge.i and \
                not any(a.dep_ == "aux" and a.lower_ in c.future_aux | c.hypothetical_aux and a is not child
                        for a in tok.children):
            subj = [s for s in tok.children if s.dep_ in ("nsubj", "nsubjpass")]
            if not subj or subj[0].i > child.i:
                return True
    # the parser may hang the inverted clause's words off "Should" itself
    return tok.dep_ == "aux" and tok.lower_ in _INVERTED and tok.i == tok.sent.start


def _phrase(verb: Token) -> str:
    """A verb's lemma with its particle: "hold off", "carry out"."""
    prt = next((ch.lower_ for ch in verb.children if ch.dep_ == "prt"), None)
    return f"{verb.lemma_.lower()} {prt}" if prt else verb.lemma_.lower()


def _in_list(verb: Token, words: frozenset[str]) -> bool:
    return _phrase(verb) in words or verb.lemma_.lower() in words


def _infinitive_marker(trigger: Token) -> Token | None:
    return next((ch for ch in trigger.children if ch.dep_ == "aux" and ch.lower_ == "to"), None)


def _unspecific(trigger: Token, c: Cues) -> bool:
    """'a possible withdrawal', 'any attack', 'a withdrawal is likely': no particular happening."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    for child in trigger.children:
        if child.dep_ == "amod" and child.lower_ in c.hypothetical_modifiers:
            return True
        if child.dep_ == "det" and child.lower_ in c.nonspecific_determiners:
            return True
    return trigger.dep_ in ("nsubj", "nsubjpass") and any(
        ch.dep_ == "acomp" and ch.lower_ in c.hypothetical_modifiers for ch in trigger.head.children)


def _for_to(trigger: Token) -> bool:
    """'time for an agreement to be reached', 'difficult for an attack to be launched': a for-to clause
    names what may happen, not what did."""
    def infinitive_with_for(verb: Token) -> bool:
        if verb.pos_ not in ("VERB", "AUX") or _infinitive_marker(verb) is None:
            return False
        if any(ch.dep_ == "mark" and ch.lower_ == "for" for ch in verb.children):
            return True
        return verb.dep_ == "acl" and verb.head.dep_ == "pobj" and verb.head.head.lower_ == "for" and \
            not any(ch.dep_ == "poss" for ch in verb.head.children)  # not "for Canberra's efforts to ..."

    if infinitive_with_for(trigger):
        return True
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass") and infinitive_with_for(trigger.head):
        return True
    return trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.lower_ == "for" and any(
        ch.dep_ == "acl" and infinitive_with_for(ch) for ch in trigger.children)


def _under_discussion(trigger: Token, c: Cues) -> bool:
    """'negotiations over redeploying troops', 'when we talk about an attack': the topic of talks."""
    prep = trigger.head
    if trigger.dep_ not in ("pobj", "pcomp") or prep.dep_ != "prep" or prep.lower_ not in c.discussion_preps:
        return False
    if prep.head.lemma_.lower() not in c.discussion_words:
        return False
    if trigger.pos_ == "VERB":
        return True
    return trigger.pos_ == "NOUN" and not any(
        ch.dep_ == "poss" or (ch.dep_ == "det" and ch.lower_ not in ("a", "an", "any")) for ch in trigger.children)


def _governed_before_infinitive(trigger: Token, verbs: frozenset[str], nouns: frozenset[str] = frozenset()) -> bool:
    """'denied planning to storm the city' parsed with "planning" as a noun: the word before "to"."""
    to = _infinitive_marker(trigger)
    if to is None or to.i == 0 or to.i - 1 < trigger.sent.start:
        return False
    prev = trigger.doc[to.i - 1]
    if prev.pos_ == "NOUN" and prev.lemma_.lower() in nouns:
        return True
    return prev.pos_ in ("NOUN", "VERB") and (prev.lemma_.lower() in verbs or prev.lower_ in verbs) and \
        (prev.pos_ == "VERB" or prev.lower_.endswith("ing"))


def conditioned(chain: list[Token], c: Cues | None = None) -> bool:
    """Whether an event's clause, or a clause governing it, is a condition or an open question: "if they
    are able to reach agreement", "whether it is prepared to lay down its arms". (The main clause of a
    condition, "if they attack, we will fight", is a conditional threat or promise: real as such.)"""
    c = c or cues()
    return any(_is_conditional(tok, c) for tok in chain)


def _hypothetical(chain: list[Token], c: Cues) -> bool:
    trigger = chain[0]
    if _unspecific(trigger, c) or _for_to(trigger) or _under_discussion(trigger, c) or \
            _governed_before_infinitive(trigger, c.hypothetical_governors, c.hypothetical_nouns):
        return True
    if conditioned(chain, c) or _asked_for(chain, c):
        return True
    for n, tok in enumerate(chain):
        lemma = tok.lemma_.lower()
        adjunct = n > 0 and chain[n - 1].dep_ == "prep"  # "in a phone call, they urged ...": no complement
        if any(ch.dep_ == "aux" and ch.lower_ in c.hypothetical_aux and ch.lower_ != "should"
               for ch in tok.children):
            return True
        if any(ch.dep_ == "aux" and ch.lower_ == "should" and ch.i > tok.left_edge.i for ch in tok.children):
            return True  # "forces should withdraw": a demand, not an event
        if tok is not trigger and tok.pos_ == "VERB" and lemma in c.hypothetical_governors and not adjunct:
            return True  # "aims to seize", "proposed to hold"
        if tok is not trigger and tok.pos_ == "VERB" and lemma in c.scenario_verbs and any(
                s.dep_ in ("nsubj", "nsubjpass") and _scenario_word(s, c) for s in tok.children):
            return True  # "the scenario involves the enemy capturing X"
        if tok is not trigger and tok.pos_ == "NOUN" and lemma in c.hypothetical_nouns and \
                trigger.dep_ in ("acl", "relcl", "pcomp", "xcomp", "prep", "pobj", "compound"):
            return True  # "a proposal to hold talks", "scenarios involving attacks"
        if tok is not trigger and tok.pos_ == "NOUN" and lemma == "scenario":
            return True
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "as" and \
            trigger.head.head.lemma_.lower() in c.planning_verbs:
        return True  # "the meeting was conceived of as a summit of victors"
    return _scenario_frame(trigger, c)


def _asked_for(chain: list[Token], c: Cues) -> bool:
    """What someone is asked, pressed or pleaded with to do ("pleaded with Moscow to halt the offensive",
    "had been pressing Ankara to extradite him") or argues for ("argued for his extradition"): the act
    asked for, not one that happened."""
    trigger = chain[0]
    verb = next((i for i, t in enumerate(chain) if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None and verb + 1 < len(chain):  # the clause the trigger is in, and the verb above it
        below, tok = chain[verb], chain[verb + 1]
        if tok.pos_ == "VERB" and _infinitive_marker(below) is not None and (
                (below.dep_ in ("xcomp", "ccomp") and _in_list(tok, c.request_governors))
                or (below.dep_ == "advcl" and _in_list(tok, c.plea_governors))
                or (below.dep_ == "advcl" and _in_list(tok, c.request_governors)  # "pressing Sweden to extradite"
                    and any(o.dep_ == "dobj" for o in tok.children))):
            return True
    for below, tok in zip(chain, chain[1:verb], strict=False):  # "argued for his extradition"
        if below.dep_ == "prep" and below.lower_ == "for" and tok.pos_ == "VERB" and \
                _in_list(tok, c.request_governors | c.plea_governors):
            return True
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "for" and trigger.head.dep_ == "prep":
        arguer = trigger.head.head  # "argued for": a reporting verb ends the chain before it
        return arguer.pos_ == "VERB" and _in_list(arguer, c.request_governors)
    return False


def _scenario_word(tok: Token, c: Cues) -> bool:
    words = {tok.lemma_.lower(), *(ch.lemma_.lower() for ch in tok.children if ch.dep_ == "compound")}
    return "scenario" in words or "simulation" in words or bool(words & {"wargame"}) or \
        ("game" in words and "war" in words)


def _scenario_frame(trigger: Token, c: Cues) -> bool:
    """'In this simulation, ...', 'In the scenario, ...': a frame over the whole sentence."""
    sent = trigger.sent
    for tok in sent:
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "under", "during") and _scenario_word(tok, c) and (
                tok.head.head.dep_ == "ROOT" or tok.head.head is trigger or tok.head.head in trigger.ancestors):
            return True
    return False


def _year_of(date: str | None, c: Cues) -> int:
    if date and date[:4].isdigit():
        return int(date[:4])
    return c.default_year


def _spent_years(chain: list[Token], c: Cues) -> bool:
    """'the general who spent three decades fighting the Farc', 'men he had spent his career trying to
    kill': a career's worth of acts, background to the news."""
    for tok in chain[1:]:
        if tok.lemma_.lower() == "spend" and any(
                o.dep_ in ("dobj", "npadvmod") and o.lemma_.lower() in c.lifelong_words for o in tok.children):
            return True
    return False


OTHER_CLAUSES = frozenset({"relcl", "ccomp", "acl"})


def _historical(chain: list[Token], c: Cues, date: str | None) -> bool:
    trigger = chain[0]
    if _spent_years(chain, c):
        return True
    own = list(trigger.subtree) if trigger.pos_ in ("VERB", "AUX") else [*trigger.subtree, *chain[1:2]]
    # not what a clause with a subject of its own says of a place or party: "travelled to Cairo ..., a
    # country that since the 1970s has had ties with the US" is a visit now
    described = {t.i for r in own if r is not trigger and (r.dep_ in OTHER_CLAUSES or (r.dep_ == "advcl" and any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in r.children))) for t in r.subtree}
    own = [t for t in own if t.i not in described]
    text = " ".join(t.text for t in own if t.dep_ not in ("ccomp", "conj") or t is trigger)
    if c.historical.search(text):
        return True
    cutoff = _year_of(date, c) - c.years_back
    for tok in own:  # "in 1945", "in the 1930s"
        if _YEAR.match(tok.text) and tok.ent_type_ == "DATE" and tok.head.lower_ in ("in", "during", "since") \
                and int(tok.text[:4]) < cutoff and tok.head.head in chain:
            return True
    return False


def _is_negated(verb: Token) -> bool:
    return any(ch.dep_ == "neg" or (ch.dep_ == "advmod" and ch.lower_ in ("never", "nowhere"))
               for ch in verb.children)


def _averted(trigger: Token, c: Cues) -> bool:
    """'the city was spared an assault', 'is holding up military aid', 'persuaded them to hold off from an
    attack', 'warned activists against staging protests': an act kept from happening."""
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.pos_ in ("NOUN", "NUM"):
        trigger = trigger.head.head  # "holding up 6.6 billion euros of aid": the amount stands for the act
    act = [trigger]
    if trigger.dep_ == "dobj" and _in_list(trigger.head, c.light_verbs):
        act.append(trigger.head)  # "warned them against staging protests": the light verb stands for the act
    for tok in act:
        head = tok.head
        if tok.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and _in_list(head, c.averting_verbs):
            return True
        if tok.dep_ in ("pobj", "pcomp") and head.dep_ == "prep" and head.lower_ in c.averting_preps and \
                head.head.pos_ == "VERB" and _in_list(head.head, c.averting_verbs | c.averting_prep_verbs):
            return True
    return False


def _denied_existence(trigger: Token) -> bool:
    """'no sign of a withdrawal', 'has shown no interest in a dialogue': the act is said not to exist."""
    tok = trigger
    for _ in range(2):
        if tok.dep_ not in ("pobj", "pcomp") or tok.head.dep_ != "prep":
            return False
        tok = tok.head.head
        if tok.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ == "no" for d in tok.children):
            return True
        if tok.pos_ == "VERB" and any(o.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in o.children)
                                      for o in tok.children):
            return True
    return False


def _denied_own(trigger: Token, c: Cues) -> bool:
    """'Kigali denies backing M23', 'denied having attacked the convoy': the denier's own act, denied by
    the one who would have done it (not 'denied that its jets struck', whose status is the claim's)."""
    if trigger.dep_ not in ("xcomp", "ccomp") or trigger.head.lemma_.lower() not in c.denial_verbs:
        return False
    if any(ch.dep_ in ("nsubj", "nsubjpass", "mark") for ch in trigger.children):
        return False
    return trigger.tag_ == "VBG" or any(a.dep_ == "aux" and a.lower_ == "having" for a in trigger.children)


def _negated(chain: list[Token], c: Cues) -> bool:
    trigger = chain[0]
    for child in trigger.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in ("never", "nowhere")):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in c.negative_subjects:
            return True  # "nobody attacked me"
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
                d.dep_ == "det" and d.lower_ in ("no", "neither") for d in child.children):
            return True  # "no troops were sent"
    if _averted(trigger, c) or _denied_existence(trigger) or _denied_own(trigger, c):
        return True
    if trigger.dep_ in ("dobj", "nsubjpass") and _in_list(trigger.head, c.light_verbs) and _is_negated(trigger.head):
        return True  # "did not launch an offensive", "cannot afford attacks"
    if trigger.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ == "no" for d in trigger.children):
        return True  # "there was no attack"
    act = trigger.head if trigger.dep_ == "dobj" and _in_list(trigger.head, c.light_verbs) else trigger
    if act.dep_ == "acl" and act.head.pos_ == "NOUN" and any(a.dep_ == "aux" and a.lower_ == "to" for a in act.children):
        plan = act.head  # "has made no decision to launch strikes", "did not make any decision to attack"
        if any(d.dep_ == "det" and d.lower_ == "no" for d in plan.children) or (
                plan.dep_ in ("dobj", "nsubjpass") and _is_negated(plan.head)):
            return True
    if len(chain) > 1:
        head = chain[1]
        if trigger.dep_ == "xcomp" and head.lemma_.lower() in c.negative_governors:
            return True  # "failed to reach", "refused to sign"
        if trigger.dep_ == "xcomp" and any(ch.dep_ == "neg" for ch in head.children):
            return True  # "did not try to attack"
    return False


def _future(chain: list[Token], c: Cues) -> bool:
    trigger = chain[0]
    if _governed_before_infinitive(trigger, c.future_governors):
        return True  # "denied planning to storm the city"
    for tok in chain:  # "before the ceasefire can be enforced", "until the troops leave", "when we talk
        # about an attack": not yet, or whenever it is
        marked = tok.pos_ in ("VERB", "AUX") and any(m.dep_ in ("mark", "advmod") and m.lower_ in c.future_marks
                                                     and m.i < tok.i for m in tok.children)
        perfect = any(a.dep_ == "aux" and a.lemma_.lower() == "have" for a in tok.children)
        if marked and not perfect and (tok.tag_ in ("VBZ", "VBP") or any(
                a.dep_ in ("aux", "auxpass") and a.tag_ in ("VBZ", "VBP", "MD") for a in tok.children)):
            return True  # present or modal: the clause looks ahead ("incidents when mercenaries have fought": done)
    for k, tok in enumerate(chain):
        for child in tok.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in c.future_aux:
                return True
            if child.dep_ == "npadvmod" and any(g.lower_ in c.future_time_words for g in child.children):
                return True  # "will meet next month", "talks next week"
            if child.dep_ in ("advmod", "npadvmod") and child.lower_ in ("tomorrow", "soon"):
                return True
            if child.dep_ == "amod" and tok.pos_ == "NOUN" and child.lower_ in c.future_modifiers:
                return True  # "the upcoming summit"
            if child.dep_ in ("acl", "amod") and tok.pos_ == "NOUN" and child.lemma_.lower() in ("schedule", "plan") \
                    and child.tag_ == "VBN":
                return True  # "the exercise, scheduled to begin Monday"
        if tok.pos_ in ("VERB", "ADJ", "AUX") and tok is not trigger and tok.lemma_.lower() in c.future_governors \
                and (tok.lemma_.lower() != "go" or tok.tag_ == "VBG") and not _told_past(chain[k - 1]):
            return True  # "plans to visit", "is preparing to launch", "is set to meet"
        if tok is trigger and tok.dep_ == "xcomp" and tok.head.lower_ in ("is", "are", "am", "'s", "'re") and \
                not any(a.dep_ in ("attr", "acomp") for a in tok.head.children) and \
                any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children):
            return True  # "the minister is to visit"
    if trigger.dep_ == "nsubjpass" and trigger.head.lemma_.lower() in c.planning_verbs:
        return True  # "the conference was conceived as ...", "the summit is meant to ..."
    framing = [trigger]
    for child in trigger.children:  # "the drill, scheduled for Monday, involves ..."; "during the exercise, ..."
        if child.dep_ in ("nsubj", "nsubjpass"):
            framing.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("during", "in", "at"):
            framing.extend(p for p in child.children if p.dep_ == "pobj")
    for noun in framing:
        if noun.pos_ != "NOUN":
            continue
        for child in noun.children:
            if child.dep_ == "amod" and child.lower_ in c.future_modifiers and noun is not trigger:
                return True
            if child.dep_ in ("acl", "amod") and child.lemma_.lower() in ("schedule", "plan", "set") and \
                    child.tag_ == "VBN":
                return True
    if trigger.pos_ == "NOUN":
        for child in trigger.children:  # "the summit, which will take place in July"
            if child.dep_ in ("relcl", "acl") and any(
                    a.dep_ == "aux" and a.lower_ in c.future_aux for a in child.children):
                return True
    return False


def aux_mode(trigger: Token, date: str | None = None) -> str | None:
    """'future', 'hypothetical', 'historical', 'negated', or None for a real, reported event.

    ``date`` (the document's date, YYYY-MM-DD) lets years long before it ("in 1945") read as history.
    """
    c = cues()
    chain = clause_chain(trigger)
    if _hypothetical(chain, c):
        return "hypothetical"
    if _historical(chain, c, date):
        return "historical"
    if _negated(chain, c):
        return "negated"
    if _future(chain, c):
        return "future"
    return None


