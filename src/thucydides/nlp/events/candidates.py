"""Find event triggers in a parsed sentence and the heads of their actor and recipient.

Plain functions over spaCy tokens; the pipeline component in ``pipeline.py`` wraps them. A trigger is a
verb or an event noun matched by the lexicon (``lexicon.py``); its arguments come from the dependency parse:
subject -> actor, object or a prepositional object -> recipient, with passive voice ("were destroyed by"),
control and purpose clauses ("visited Kyiv to pledge"), relative clauses, coordinated actors and nominal
events ("the summit", "Russia's offensive against ...") handled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from thucydides.nlp.events.arguments import (
    carried_noun_recipient,
    named_party,
    noun_arguments,
    verb_arguments,
)
from thucydides.nlp.events.intent import imperative, observer
from thucydides.nlp.events.lexicon import Lexicon, TriggerRule
from thucydides.nlp.events.spans import np_span
from thucydides.nlp.events.syntax import (
    CLAUSE_DEPS,
    frame_words,
    is_entity,
    is_passive,
    look_through,
    object_of,
    subject_of,
    usable,
    with_conjuncts,
)

__all__ = ["Candidate", "find_candidates", "inherit_nominal_actors", "np_span", "match_trigger"]




@dataclass
class Candidate:
    """A trigger with the head tokens of its arguments, before anything is resolved."""

    trigger: Token
    rule: TriggerRule
    mode: str | None
    actor_heads: list[Token] = field(default_factory=list)
    recipient_heads: list[Token] = field(default_factory=list)
    confidence: float = 0.5
    nominal: bool = False



def hyphenated_parties(noun: Token) -> list[Token]:
    """The states a hyphenated modifier of a joint act names ("the Turkish-Iranian-Russian truce", "US-Turkish
    talks"): each part that is a state's name or adjective, when there are at least two."""
    from thucydides.nlp.actors.resolve import default_kb  # the knowledge base, loaded once

    mods = [c for c in noun.lefts if c.dep_ in ("amod", "compound", "npadvmod")]
    if not mods:
        return []
    span = noun.doc[min(m.left_edge.i for m in mods):noun.i]
    if not any(t.text == "-" for t in span):
        return []
    kb = default_kb()
    parts = [t for t in span if t.text != "-" and any(h.entry.kind == "state" for h in kb.lookup.get((t.lower_,), ()))]
    return parts if len(parts) >= 2 else []

def requirement_met(requires: frozenset[str], words: set[str]) -> bool:
    """One of the required words is in the frame; ``a+b`` asks for both ("exercise+with")."""
    if requires & words:
        return True
    return any("+" in r and all(p in words for p in r.split("+")) for r in requires)


NOMINAL_DEPS = frozenset({"dobj", "obj", "pobj", "nsubj", "nsubjpass", "conj"})
AIM_VERBS = frozenset({"defeat", "vanquish"})


def match_trigger(tok: Token, lex: Lexicon) -> TriggerRule | None:
    """The lexicon row a token triggers, preferring rows whose ``requires`` is met."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and tok.dep_ == "amod" and tok.tag_ == "VBG":
        return None  # "striking miners", "warring parties": a description, not an event
    if tok.pos_ == "VERB" and tok.tag_ == "VBN" and tok.dep_ in NOMINAL_DEPS and any(
            c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children):
        return None  # "evacuated the wounded", "the detained were freed": people, not an act
    if tok.pos_ == "VERB" and tok.tag_ == "VBN" and tok.lower_ in lex.adjs and (predicative(tok) or any(
            c.dep_ == "auxpass" and c.lemma_.lower() == "be" for c in tok.children)):
        rules = lex.adjs.get(tok.lower_)  # "Paris is opposed to it": a state, not an act upon Paris
    elif tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ == "ROOT" and lemma != "be"):
        rules = lex.verbs.get(lemma)
    elif tok.pos_ == "ADJ":
        if not predicative(tok):
            return None
        rules = lex.adjs.get(lemma) or lex.adjs.get(tok.lower_)
    elif (tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.is_lower)) and tok.ent_type_ not in (
            "PERSON", "GPE", "ORG", "NORP", "DATE", "TIME"):  # "March" is a month, not a march
        rules = lex.nouns.get(lemma) or lex.nouns.get(tok.lower_)
    else:
        return None
    if not rules:
        return None
    if lemma in AIM_VERBS and (tok.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
        return None  # "the campaign to defeat Isis", "beyond defeating Islamic State": an aim, not a victory
    words: set[str] | None = None
    best: TriggerRule | None = None
    best_score = -1.0
    for rule in rules:
        score = rule.weight
        if rule.requires or rule.modifier or rule.excludes:
            if words is None:
                words = frame_words(tok)
            if rule.excludes & words:
                continue
            if rule.requires and not requirement_met(rule.requires, words):
                continue
            if rule.modifier and rule.modifier not in words:
                continue
            # a met requirement is more specific than a bare word; a word's sense with some objects ruled out
            # is more than the bare word, less than a sense its objects ask for
            score += 1.0 if rule.requires or rule.modifier else 0.5
        if score > best_score:
            best, best_score = rule, score
    return best


COPULAS = frozenset({"be", "become", "remain", "seem", "appear", "grow", "prove", "look", "sound", "feel"})


def predicative(adj: Token) -> bool:
    """An adjective said of a subject ("Britain has been resistant", "we are disappointed"), not a modifier."""
    if adj.dep_ == "acomp":
        return adj.head.lemma_.lower() in COPULAS and not any(c.dep_ == "neg" for c in adj.head.children)
    return adj.dep_ == "ROOT" and any(c.dep_ in ("nsubj", "nsubjpass") for c in adj.children)


def adjective_arguments(adj: Token, rule: TriggerRule, lex: Lexicon) -> tuple[Token | None, Token | None]:
    """The copula's subject is the actor; the object of the adjective's preposition the recipient."""
    verb = adj.head if adj.dep_ == "acomp" else adj
    actor = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if actor is None and verb.pos_ in ("AUX", "VERB"):
        actor = subject_of(verb)
    recipient = None
    for c in adj.children:
        if c.dep_ == "prep" and c.lower_ in ("to", "with", "about", "at", "over", "of", "toward", "towards"):
            recipient = next((g for g in c.children if g.dep_ == "pobj"), None)
            if recipient is not None:
                recipient = look_through(recipient, lex) or recipient
                break
    return actor, recipient


def clause_depth(tok: Token, lex: Lexicon) -> int:
    """Clause hops from the sentence root; a clause reported by a reporting verb counts as main."""
    depth = 0
    cur = tok
    steps = 0
    while cur.dep_ != "ROOT" and cur.head is not cur and steps < 20:
        steps += 1
        if cur.dep_ in CLAUSE_DEPS:
            reported = cur.dep_ in ("ccomp", "xcomp", "parataxis") and cur.head.lemma_.lower() in lex.reporting_verbs
            if not reported and cur.dep_ != "conj":
                depth += 1
        elif cur.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "attr", "appos", "npadvmod", "compound", "amod"):
            depth += 1 if cur.pos_ in ("NOUN", "PROPN") else 0
        cur = cur.head
    return depth


def mode_for(trigger: Token, rule: TriggerRule, lex: Lexicon) -> str | None:
    if rule.mode:
        return rule.mode
    cues = lex.mode_cues.get(rule.event)
    if not cues:
        return None
    clause = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    words = {t.lemma_.lower() for t in clause.subtree} | {t.lower_ for t in clause.subtree}
    words |= {t.lemma_.lower() for t in trigger.subtree}
    for mode, cue_words in cues:
        if cue_words & words:
            return mode
    return None


def absorbed_by(noun: Token, verb_rules: dict[int, TriggerRule], lex: Lexicon,
                rule: TriggerRule | None = None) -> bool:
    """A noun carried by a trigger verb ("imposed sanctions", "launched an assault") is that verb's event."""
    if noun.dep_ not in ("dobj", "nsubjpass", "pobj", "attr", "conj", "obj"):
        return False
    verb = noun.head.head if noun.head.dep_ == "prep" and noun.dep_ == "pobj" else noun.head
    vrule = verb_rules.get(verb.i)
    if vrule is None:
        return False
    noun_words = {noun.lemma_.lower(), noun.lower_}
    if rule is not None and rule.requires and rule.event != vrule.event:
        return False  # "in a telephone call, they urged ...": the call's own sense is not the verb's event
    return bool(vrule.requires & noun_words) or verb.lemma_.lower() in lex.light_verbs or any(
        r.event == vrule.event for r in lex.nouns.get(noun.lemma_.lower(), ()))


def noun_family(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    for prefix in ("counter-", "counter"):
        if lemma.startswith(prefix) and len(lemma) > len(prefix) + 3:
            return lemma[len(prefix):]
    return lemma


def inherit_nominal_actors(cands: list[Candidate]) -> None:
    """ "the counteroffensive had begun": a definite event noun without an actor refers back to the last
    earlier mention of the same kind of event that names one ("Ukraine's offensive"). A noun with a noun
    modifier of its own refers back to a mention of the same word only: "the chemical attack" to "a chemical
    attack by ...", not to "a Russian counterattack" between them."""
    seen: dict[tuple[str, str], list[tuple[list[Token], str]]] = {}
    for c in cands:
        if not c.nominal:
            continue
        key = (c.rule.event, noun_family(c.trigger))
        lemma = c.trigger.lemma_.lower()
        if c.actor_heads:
            seen.setdefault(key, []).append((c.actor_heads, lemma))
        elif key in seen and any(d.dep_ in ("det", "poss") and d.lower_ in ("the", "this", "that", "its")
                                 for d in c.trigger.children):
            modified = any(d.dep_ == "compound" for d in c.trigger.children)
            heads = next((h for h, earlier in reversed(seen[key]) if earlier == lemma or not modified), None)
            if heads is not None:
                c.actor_heads = list(heads)
                c.confidence = round(max(0.05, c.confidence - 0.05), 3)


ACTORLESS_PENALTY = 0.1


DEONTIC = {"must", "should", "ought"}


SELF_PRONOUNS = {"we", "i", "they", "it", "he", "she", "you"}


def needs(tok: Token) -> bool:
    """ "insisted refugees need to return": a reported need of a named party is an obligation put on it."""
    if tok.lemma_.lower() != "need" or not any(c.dep_ == "xcomp" for c in tok.children):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lower_ not in SELF_PRONOUNS  # "said they need to act": no request


def obligation_rule(tok: Token, lex: Lexicon) -> TriggerRule | None:
    """ "Human Rights Watch said the authorities must ensure security": a reported obligation is a REQUEST
    whatever the verb (the intent step gives it the reporter as actor and the obliged as recipient)."""
    if tok.pos_ != "VERB" or tok.dep_ not in ("ccomp",) or tok.head.lemma_.lower() not in lex.reporting_verbs:
        return None
    if imperative(tok):
        return TriggerRule(event="REQUEST", mode=None, pos="VERB", weight=0.6, term=tok.lemma_.lower())
    if not any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in tok.children) and not needs(tok):
        return None
    if any(c.dep_ == "neg" for c in tok.children):
        return None
    return TriggerRule(event="REQUEST", mode=None, pos="VERB", weight=0.6, term=tok.lemma_.lower())


def announced_rule(tok: Token, lex: Lexicon) -> TriggerRule | None:
    """ "Some states are willing to take back their citizens", "the US announced that it would build a
    border force": a stated willingness or an announced undertaking is an AGREE whatever its verb (when
    the verb is no trigger of its own and nothing hostile is named in it); intent.py makes the willingness
    or announcement real."""
    spec = lex.frames.get("announced_intentions") or {}
    if tok.pos_ != "VERB" or any(c.dep_ == "neg" for c in tok.children):
        return None
    head = tok.head
    hlemma = head.lemma_.lower()
    future = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in tok.children)
    if tok.lemma_.lower() in spec.get("not_acts", ()):
        return None  # "keen to speak of victory", "happy to see a weak state", "will run for re-election"
    if tok.dep_ == "xcomp" and head.pos_ == "ADJ" and hlemma in spec.get("willing", ()):
        if any(t.lower_ in spec.get("hedges", ()) for c in head.children if c.dep_ == "advmod" for t in c.subtree):
            return None  # "less willing to allow", "all too eager to exploit", "how far it is ready to risk"
    elif tok.dep_ == "xcomp" and head.pos_ == "VERB" and hlemma in spec.get("preparing", ()) and \
            head.dep_ == "ccomp" and head.head.lemma_.lower() in lex.reporting_verbs:
        pass  # "have said they are preparing to take back"
    elif future and tok.dep_ == "ccomp" and head.pos_ == "VERB" and hlemma in spec.get("announcing", ()):
        pass  # "announced that it would build"
    else:
        return None
    hostile = set(spec.get("hostile_events", ()))
    for t in tok.subtree:
        if t is not tok and any(r.event in hostile for r in (lex.nouns.get(t.lemma_.lower(), []) +
                                                            lex.verbs.get(t.lemma_.lower(), []))):
            return None  # "willing to go to war": no promise of cooperation
    return TriggerRule(event="AGREE", mode=None, pos="VERB", weight=0.55, term=tok.lemma_.lower())


def no_threat(tok: Token, lex: Lexicon) -> bool:
    """ "The UN warned that more deaths are likely", "warned of a humanitarian catastrophe": a warning of a
    danger nobody threatens to bring is no THREATEN (PLOVER: coercive or forceful warnings). A warning is a
    threat when it is told to someone ("warned Russia that ..."), against something, on a condition ("warned
    of an exodus if ..."), or its clause names the warner's own act ("warned it will not stand by", "would
    respond")."""
    spec = lex.frames.get("warnings") or {}
    if tok.lemma_.lower() not in spec.get("verbs", ()):
        return False
    if any(c.dep_ == "nsubj" and observer(c) for c in tok.children):
        return True  # "experts warned the rebels would attack": onlookers foresee, they threaten nothing
    content: list[Token] = []
    for c in tok.children:
        if c.dep_ in ("dobj", "dative", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in ("against", "to")):
            return False  # "warned Damascus", "Kurds were warned", "warned against", "a warning to Iran"
        if c.dep_ in ("ccomp", "acl", "xcomp", "advcl", "parataxis") or (c.dep_ == "prep" and c.lower_ == "of"):
            content.append(c)
    if not content:
        return False  # "Turkey warned." or a quotation after a colon: nothing to judge by
    cues = set(spec.get("threat_cues", ()))
    dangers = set(spec.get("danger_verbs", ()))
    for clause in content:
        # "if more is not done, more children could die", "there may be arrests if ...": a danger on a
        # condition, which nobody threatens to bring about
        danger = clause.lemma_.lower() in dangers or any(c.dep_ == "expl" for c in clause.children)
        for t in clause.subtree:
            if t.dep_ == "mark" and t.lower_ in ("if", "unless") and not danger:
                return False
            if (t.lemma_.lower() in cues or t.lower_ in cues) and not any(
                    c.dep_ == "prep" and c.lower_ == "by" for c in t.children):  # "an attack by rebels": theirs
                return False
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ in ("we", "it", "i"):
            return False  # "warned it will not stand by": the warner's own act
    return True


def no_request(tok: Token, lex: Lexicon) -> bool:
    """ "Trump doesn't want us there", "what Washington wants", "they want to shape the world": a wish is a
    REQUEST only when it asks a named party for something ("wants the committee to meet in Damascus",
    "wants Russia's backing"), not negated, not of 'you', 'us' or 'it'."""
    if tok.lemma_.lower() == "ask":
        return asked_a_question(tok)
    if tok.lemma_.lower() != "want":
        return False
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    for c in tok.children:
        if c.dep_ == "ccomp":
            subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return False
        if c.dep_ == "dobj" and c.tag_ not in ("WP", "WDT") and c.pos_ != "PRON":
            return False  # "wants Russia's backing" (not "what Washington wants")
    return True


def asked_a_question(tok: Token) -> bool:
    """ "Asked about the hotline, Peskov said ...", "I asked him if he thought ...", "a Briton who asked to be
    known by his nom de guerre": a question put to someone, or a wish for anonymity, is no REQUEST."""
    if tok.tag_ == "VBN" and tok.dep_ in ("advcl", "ROOT", "ccomp") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children):
        return True  # a participle clause: the one asked is the main clause's subject
    for c in tok.children:
        if c.dep_ in ("ccomp", "advcl") and any(g.dep_ == "mark" and g.lower_ in ("if", "whether")
                                                for g in c.children):
            return True
        if c.dep_ == "xcomp" and c.lemma_.lower() in ("know", "call", "refer") and any(
                g.dep_ == "auxpass" for g in c.children):
            return True
    return False


PREDICTED = frozenset({"will", "would", "shall", "'ll", "'d", "wo", "could", "might", "may"})


def foreseen(clause: Token) -> bool:
    """A clause telling of what will or may happen: "Hezbollah will attack", "the militias could strike"."""
    return any(c.dep_ == "aux" and c.lower_ in PREDICTED for c in clause.children)


def characterised(tok: Token, lex: Lexicon) -> tuple[str, Token] | None:
    """The event type of what a speaker says someone is, and the clause that says it: "Egypt said the remarks
    were a violation of its sovereignty" (ACCUSE), "they say the Kurds deserve a place" (SUPPORT)."""
    spec = lex.frames.get("characterisation") or {}
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in spec.get("reporters", ()):
        return None
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ == "to") for c in tok.children):
        return None  # "did not say", "it is tempting to say": nobody says it
    for clause in tok.children:
        if clause.dep_ != "ccomp" or any(c.dep_ == "neg" for c in clause.children):
            continue
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in clause.children):
            continue
        lemma = clause.lemma_.lower()
        found = spec.get("predicates", {}).get(lemma)
        if found:
            return found, clause
        if tok.lemma_.lower() in spec.get("accusers", ()) and hostile_clause(clause, lex) and not (
                foreseen(clause) and any(c.dep_ == "nsubj" and observer(c) for c in tok.children)):
            return "ACCUSE", clause  # not "analysts believe Hezbollah will attack": onlookers foresee it
        if lemma not in spec.get("copulas", ()):
            continue
        words: set[str] = set()
        for c in clause.children:
            if c.dep_ in ("attr", "acomp", "dobj", "oprd"):
                words |= {c.lemma_.lower(), c.lower_}
                words |= {g.lemma_.lower() for g in c.children if g.dep_ in ("amod", "compound", "conj")}
        for event in ("ACCUSE", "SUPPORT"):
            if words & set(spec.get(event, ())):
                return event, clause
    return None


HOSTILE_ACTS = frozenset({"ASSAULT", "COERCE"})


ATTEMPTS = frozenset({"try", "seek", "attempt", "continue", "keep"})


def hostile_clause(clause: Token, lex: Lexicon, ongoing: bool = False, subject: Token | None = None) -> bool:
    """ "insisted the militias had harassed and shelled the border posts": a clause telling of a violent or
    coercive act by a third party (not the speaker's own, "insisted it had struck only militants"); with
    ``ongoing``, also one in progress or attempted ("the police were detaining reporters", "were trying to
    force them out"). ``subject`` stands in for a subject the parser gave to the governing verb."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), subject)
    progressive = ongoing and any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in clause.children)
    if subject is None or (clause.tag_ == "VBG" and not progressive) or (
            subject.pos_ == "PRON" and subject.lower_ not in ("which", "who")):
        return False
    if subject.dep_ == "nsubjpass" or any(t.lower_ in ("its", "our", "my", "their") for t in subject.subtree):
        return False  # "its troops had only returned fire"
    verbs = [clause, *(c for c in clause.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if ongoing and clause.lemma_.lower() in ATTEMPTS:
        verbs += [c for c in clause.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    for verb in verbs:
        rule = match_trigger(verb, lex)
        if rule is not None and rule.event in HOSTILE_ACTS and not any(c.dep_ == "neg" for c in verb.children):
            return True
    return False


def warned_of_act(tok: Token, lex: Lexicon) -> TriggerRule | None:
    """ "Rights groups warned that the army had burned villages", "the UN warned the police were detaining
    reporters": a warning that a third party is doing, or has done, a violent or coercive act is an
    accusation of it (ACCUSE), not a threat; a warning of what may come ("warned militias would attack") is
    left to the warning rules."""
    spec = lex.frames.get("warnings") or {}
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in spec.get("verbs", ()) or any(
            c.dep_ == "neg" for c in tok.children):
        return None
    for clause in tok.children:
        if clause.dep_ != "ccomp" or any(
                (c.dep_ == "aux" and c.lower_ in spec.get("not_yet", ())) or
                (c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether")) for c in clause.children):
            continue
        told = next((c for c in tok.children if c.dep_ in ("dobj", "obj") and c.i < clause.i), None)
        # "warned the Kenyan government was trying to push them out": the parser took the clause's subject for
        # the one warned
        if hostile_clause(clause, lex, ongoing=True, subject=told):
            return TriggerRule(event="ACCUSE", mode="disapprove", pos="VERB", weight=0.6, term=tok.lemma_.lower())
    return None


def characterisation_rule(tok: Token, lex: Lexicon) -> TriggerRule | None:
    """A reporting verb whose clause characterises someone is an ACCUSE (disapprove) or a SUPPORT by the
    speaker; the one characterised is the recipient (the clause's subject, see ``object_of``)."""
    found = characterised(tok, lex)
    if found is None:
        return None
    event, _ = found
    return TriggerRule(event=event, mode="disapprove" if event == "ACCUSE" else None, pos="VERB", weight=0.6,
                       term=tok.lemma_.lower())


DEPARTURE_VERBS = frozenset({"leave", "depart", "quit", "exit"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PLACE_NOUNS = frozenset({"country", "town", "city", "village", "region", "area", "base", "province", "territory"})


def departure_rule(tok: Token, lex: Lexicon) -> TriggerRule | None:
    """ "US troops will leave Syria", "the US would leave Iraq": armed forces, or a state, leaving a country
    or a town is a withdrawal (RETREAT; announced, intent.py makes it a CONCEDE); a state leaving a bloc is
    a SANCTION row of its own, and people leaving their homes are no party's retreat."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in DEPARTURE_VERBS or any(c.dep_ == "neg" for c in tok.children):
        return None
    subject = subject_of(tok)
    if subject is not None and (subject.like_num or subject.ent_type_ == "CARDINAL"):
        subject = next((g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"), subject)  # "hundreds of troops"
    if subject is None:
        return None
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    place = all(o.ent_type_ in PLACE_ENTS or o.lemma_.lower() in PLACE_NOUNS or any(g.dep_ == "prep" and g.lower_ == "of" and any(
        p.ent_type_ in PLACE_ENTS for p in g.children) for g in o.children) for o in objs)
    if not place:
        return None  # "left the EU", "left 20 dead", "left the room"
    unit = subject.lemma_.lower() in lex.frames.get("arriving_units", ())
    state = subject.ent_type_ == "GPE" and not objs and tok.dep_ == "ccomp" \
        and tok.head.lemma_.lower() in lex.reporting_verbs
    if not (unit or state or (objs and subject.ent_type_ == "GPE")):
        return None
    return TriggerRule(event="RETREAT", mode="withdraw", pos="VERB", weight=0.6, term=tok.lemma_.lower())


ARRIVAL_VERBS = frozenset({"arrive", "travel", "land"})
PEACEKEEPING = frozenset({"peacekeeper", "peacekeeping", "peacekeepers"})
RELIEF = frozenset({"aid", "relief", "humanitarian"})
MATERIAL_HELP = frozenset({"AID", "COOPERATE"})


def arrival_rule(tok: Token, rule: TriggerRule, lex: Lexicon) -> TriggerRule:
    """ "Chinese peacekeepers arrived in South Sudan": units that arrive are deployed, not visiting (MOBILIZE;
    peacekeepers come as assistance, AID). A deployment of peacekeepers is assistance too ("began deploying",
    "announced the deployment of 230 troops on a peacekeeping mission")."""
    if rule.event == "MOBILIZE" and rule.mode == "troops":
        subject = subject_of(tok) if tok.pos_ == "VERB" else None
        words = {t.lemma_.lower() for t in tok.subtree}
        words |= {t.lemma_.lower() for t in subject.subtree} if subject is not None else set()
        if words & PEACEKEEPING:
            return TriggerRule(event="AID", mode=None, pos=rule.pos, weight=rule.weight, term=rule.term,
                               modifier=rule.modifier, requires=rule.requires, excludes=rule.excludes)
        return rule
    if rule.event != "CONSULT" or rule.mode != "visit" or tok.lemma_.lower() not in ARRIVAL_VERBS:
        return rule
    subject = subject_of(tok)
    if subject is not None and (subject.like_num or subject.ent_type_ == "CARDINAL"):
        # "hundreds of British troops": the unit is what the number counts
        subject = next((g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"), subject)
    if subject is None or subject.lemma_.lower() not in lex.frames.get("arriving_units", ()):
        return rule
    words = {t.lemma_.lower() for t in subject.subtree} | {t.lemma_.lower() for t in tok.subtree}
    if words & PEACEKEEPING or words & RELIEF:  # "arrived in Nepal to help deliver aid"
        return TriggerRule(event="AID", mode=None, pos="VERB", weight=rule.weight, term=rule.term,
                           requires=rule.requires)
    return TriggerRule(event="MOBILIZE", mode="troops", pos="VERB", weight=rule.weight, term=rule.term,
                       requires=rule.requires)


def deployed_to_help(tok: Token, rule: TriggerRule, verb_rules: dict[int, TriggerRule]) -> TriggerRule | None:
    """ "deployed twelve soldiers to train Nigerian troops", "sent aircraft to deliver aid": units sent to give
    assistance are that assistance (AID), not a mobilisation."""
    if rule.event != "MOBILIZE" or rule.pos != "VERB":
        return None
    for c in tok.children:
        if c.dep_ in ("advcl", "xcomp") and c.i in verb_rules and verb_rules[c.i].event == "AID" \
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return TriggerRule(event="AID", mode=None, pos="VERB", weight=rule.weight, term=rule.term,
                               requires=rule.requires, excludes=rule.excludes)
    return None


def find_candidates(sent: Span, lex: Lexicon) -> list[Candidate]:
    """Every event trigger of a sentence with its argument heads and a confidence."""
    found: list[Candidate] = []
    verb_rules: dict[int, TriggerRule] = {}
    matches: list[tuple[Token, TriggerRule]] = []
    for tok in sent:
        rule = (warned_of_act(tok, lex) or match_trigger(tok, lex) or obligation_rule(tok, lex) or characterisation_rule(tok, lex)
                or departure_rule(tok, lex) or announced_rule(tok, lex))
        if rule is not None and rule.pos != "NOUN" and (
                rule.event == "THREATEN" and no_threat(tok, lex) or rule.event == "REQUEST" and no_request(tok, lex)):
            rule = None
        if rule is not None:
            rule = arrival_rule(tok, rule, lex)
            matches.append((tok, rule))
            if rule.pos == "VERB":
                verb_rules[tok.i] = rule
    for k, (tok, rule) in enumerate(matches):
        purpose = deployed_to_help(tok, rule, verb_rules)
        if purpose is not None:
            matches[k] = (tok, purpose)
            verb_rules[tok.i] = purpose
    for tok, rule in matches:
        nominal = rule.pos == "NOUN"
        if rule.pos == "ADJ":
            actor, recipient = adjective_arguments(tok, rule, lex)
        elif nominal:
            # a noun carried by a trigger verb ("imposed sanctions", "pledged support") is that verb's event
            if absorbed_by(tok, verb_rules, lex, rule):
                continue
            if tok.dep_ == "compound":
                continue
            actor, recipient = noun_arguments(tok, lex, rule.event)
        else:
            if rule.event == "SUPPORT" and tok.dep_ in ("advcl", "xcomp") and tok.head.i in verb_rules \
                    and verb_rules[tok.head.i].event in MATERIAL_HELP:
                continue  # "provided funds to support schools": the purpose of the aid, not a statement
            actor, recipient = verb_arguments(tok, rule, lex)
            topic_verb = tok.lemma_.lower() in lex.topic_verbs
            if recipient is None and not topic_verb:
                recipient = carried_noun_recipient(tok, rule, lex)
            if recipient is None and tok.dep_ in ("xcomp", "advcl") and tok.head.pos_ == "VERB":
                # "called Lavrov to discuss ...": the purpose clause's party is the governing verb's object
                obj = object_of(tok.head, frozenset())
                if obj is not None and obj.lemma_.lower() not in lex.nouns and (actor is None or obj.i != actor.i):
                    recipient = obj
            if recipient is None and not topic_verb:
                recipient = named_party(tok, actor, rule, mode_for(tok, rule, lex), lex)
        if actor is not None and (actor.i == tok.i or not usable(actor)):
            actor = None
        if recipient is not None and (recipient.i == tok.i or not usable(recipient)):
            recipient = None
        depth = clause_depth(tok, lex)
        conf = rule.weight + (0.12 if depth == 0 else 0.0) - 0.07 * min(depth, 4) - (0.12 if nominal else 0.0)
        conf += 0.05 if actor is not None else (-0.1 if not nominal and is_passive(tok) else -0.05)
        conf += 0.03 if recipient is not None else 0.0
        if rule.requires:
            conf += 0.05
        actors, recipients = with_conjuncts(actor), with_conjuncts(recipient)
        if nominal and not actors and rule.event in lex.frames.get("between_events", ()):
            actors = hyphenated_parties(tok)  # "the Turkish-Iranian-Russian truce", "the US-Turkish talks"
        mode = mode_for(tok, rule, lex)
        if rule.event in lex.frames.get("reciprocal_events", ()) and len(actors) > 1 and mode not in ("visit", "host"):
            # "X and Y met": a reciprocal meeting has no recipient, every party is an actor (PLOVER)
            actors, recipients = actors + [r for r in recipients if r not in actors and is_entity(r, lex)], []
        found.append(Candidate(trigger=tok, rule=rule, mode=mode,
                               actor_heads=actors, recipient_heads=recipients,
                               confidence=round(max(0.05, min(0.99, conf)), 3), nominal=nominal))
    if any(c.actor_heads for c in found):
        # "23 civilians were killed as government forces launched air strikes": an event with no named actor
        # is not what the sentence reports when another event names one (PLOVER codes events with actors)
        for c in found:
            if not c.actor_heads:
                c.confidence = round(max(0.05, c.confidence - ACTORLESS_PENALTY), 3)
    return found
