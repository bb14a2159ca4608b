"""Find event triggers in a parsed sentence and the heads of their actor and recipient.

Plain functions over spaCy tokens; the pipeline component in ``pipeline.py`` wraps them. A trigger is a
verb or an event noun matched by the lexicon (``lexicon.py``); its arguments come from the dependency parse:
subject -> actor, object or a prepositional object -> recipient, with passive voice ("were destroyed by"),
control and purpose clauses ("visited Kyiv to pledge"), relative clauses, coordinated actors and nominal
events ("the summit", "Russia's offensive against ...") handled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from thucydides.nlp.events.lexicon import Lexicon, TriggerRule
from thucydides.nlp.events.spans import np_span

__all__ = ["Candidate", "find_candidates", "inherit_nominal_actors", "np_span", "match_trigger"]

SUBJ_DEPS = {"nsubj", "csubj"}
PASS_SUBJ_DEPS = {"nsubjpass", "csubjpass"}
OBJ_DEPS = {"dobj", "dative", "obj"}
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj", "conj", "parataxis"}
NOT_ACTOR_ENTS = {"EVENT", "DATE", "TIME", "ORDINAL", "CARDINAL", "WORK_OF_ART", "LAW", "PRODUCT", "MONEY"}
EVENT_LIKE_NOUNS = {"rally", "demonstration", "protest", "march", "strike", "meeting", "campaign", "operation",
                    "effort", "drive", "bid", "attempt", "plan", "move", "decision", "mission", "trip", "visit",
                    # "issued a declaration demanding ...": the issuer demands
                    "declaration", "statement", "communique", "letter", "resolution", "appeal", "message",
                    "ultimatum", "note", "decree", "order"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "him", "her", "them", "us", "who", "which", "that", "whom"}
RELATIVE = {"who", "which", "that", "whom", "whose"}
# Nouns that are not entities: an object like "a path for Ukraine" is looked through to its entity.
LOOK_THROUGH_DEPS = {"prep"}
LOOK_THROUGH_PREPS = {"for", "to", "into", "toward", "towards", "with"}
# Nouns that stand for whom they benefit: "support for Ukraine", "a path for Ukraine into NATO".
LOOK_THROUGH_NOUNS = {"support", "backing", "aid", "assistance", "help", "path", "solidarity", "sympathy",
                      "recognition", "membership", "accession", "bid", "way", "road", "guarantee", "commitment"}
# Events whose direct object is what is given, not who receives it.
THEME_EVENTS = {"AID"}
THEME_EVENTS_ANY = frozenset({"aid", "assistance", "help", "training", "support", "supplies", "supply", "weapon",
                              "money", "fund", "funding", "equipment", "food", "medicine", "loan", "grant",
                              "shipment", "consignment", "batch", "package", "tranche", "worth", "million",
                              "billion", "usd", "$", "dollar", "euro", "ton", "tonne"})


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


def frame_words(tok: Token) -> set[str]:
    """The words a ``requires`` column is checked against."""
    words: set[str] = set()
    if tok.pos_ in ("VERB", "AUX"):
        for c in tok.children:
            if c.dep_ in OBJ_DEPS | PASS_SUBJ_DEPS | {"attr", "oprd", "acomp", "xcomp"}:
                words.update(_np_words(c))
                if c.dep_ in OBJ_DEPS:
                    words.add("_dobj")
            if c.dep_ in ("ccomp",) or (c.dep_ == "mark" and c.lower_ == "that"):
                words.add("_ccomp")
            if c.dep_ in ("xcomp", "advcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                words.add("_xcomp")
            if c.dep_ in ("ccomp", "xcomp") and c.tag_ == "VBG":
                # "accept any refugees fleeing the war": the object sits as the subject of a small clause
                for g in c.children:
                    if g.dep_ == "nsubj":
                        words.update(_np_words(g))
            elif c.dep_ == "prt":
                words.add(c.lower_)
            elif c.dep_ in ("prep", "agent"):
                words.add(c.lower_)
                for g in c.children:
                    if g.dep_ in ("pobj", "pcomp"):
                        words.update(_np_words(g))
        if tok.dep_ in ("acl", "relcl") or (tok.tag_ == "VBN" and tok.dep_ == "amod"):
            words.update(_np_words(tok.head))
    else:
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss"):
                words.add(c.lemma_.lower())
                words.add(c.lower_)
    return words


def _np_words(tok: Token) -> set[str]:
    words = {tok.lemma_.lower(), tok.lower_}
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "conj"):
            words.add(c.lemma_.lower())
        if c.dep_ == "prep" and c.lower_ == "of":
            words.update(g.lemma_.lower() for g in c.children if g.dep_ == "pobj")
        if c.lower_ == "$" or c.tag_ == "$":
            words.add("$")
    return words


def match_trigger(tok: Token, lex: Lexicon) -> TriggerRule | None:
    """The lexicon row a token triggers, preferring rows whose ``requires`` is met."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and tok.dep_ == "amod" and tok.tag_ == "VBG":
        return None  # "striking miners", "warring parties": a description, not an event
    if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and tok.dep_ == "ROOT" and lemma != "be"):
        rules = lex.verbs.get(lemma)
    elif (tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.is_lower)) and tok.ent_type_ not in (
            "PERSON", "GPE", "ORG", "NORP", "DATE", "TIME"):  # "March" is a month, not a march
        rules = lex.nouns.get(lemma) or lex.nouns.get(tok.lower_)
    else:
        return None
    if not rules:
        return None
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
            if rule.requires and not (rule.requires & words):
                continue
            if rule.modifier and rule.modifier not in words:
                continue
            score += 1.0  # a met requirement is more specific than a bare word
        if score > best_score:
            best, best_score = rule, score
    return best


# --- arguments -------------------------------------------------------------------------------------------

def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASS_SUBJ_DEPS or c.dep_ == "auxpass" for c in verb.children)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb, inherited through control, purpose, conjunction and relative clauses."""
    for c in verb.children:
        if c.dep_ in SUBJ_DEPS:
            if c.lower_ in RELATIVE and verb.dep_ in ("relcl", "acl"):
                return verb.head
            return c
    if depth > 4:
        return None
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.head is not verb.head:
        return subject_of(verb.head.head, depth + 1)  # "X is willing to withdraw"
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX") and verb.head is not verb:
        if verb.dep_ == "conj" or not is_passive(verb.head):
            return subject_of(verb.head, depth + 1)
        # "X was asked to pledge": the controller of a passive is its passive subject
        return passive_subject_of(verb.head)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        noun = verb.head
        if noun.lemma_.lower() in EVENT_LIKE_NOUNS and depth < 4:
            # "converging for a rally to protest": the protesters are the subject of the verb above the rally
            governor = noun.head.head if noun.dep_ == "pobj" else noun.head
            if governor.pos_ in ("VERB", "AUX") and governor is not noun:
                return subject_of(governor, depth + 1)
        return noun
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        return subject_of(verb.head.head, depth + 1) if verb.head.head.pos_ in ("VERB", "AUX") else None
    return None


def passive_subject_of(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in PASS_SUBJ_DEPS:
            return c
    if verb.dep_ in ("acl",) and verb.tag_ == "VBN":  # "the tanks destroyed in recent days"
        return verb.head
    if verb.dep_ == "conj" and is_passive(verb.head):
        return passive_subject_of(verb.head)
    return None


def agent_of(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def usable(tok: Token) -> bool:
    """A token that can head an actor: not a date, a number, a particle or punctuation."""
    return tok.ent_type_ not in ("DATE", "TIME", "ORDINAL", "PERCENT", "MONEY", "QUANTITY") and tok.pos_ not in (
        "PART", "PUNCT", "NUM", "ADP", "SYM", "X", "SPACE")


def object_of(verb: Token, preps: frozenset[str], event_nouns: dict[str, object] | None = None,
              themes: frozenset[str] = frozenset()) -> Token | None:
    """The recipient of a verb: its object, or, when the object is the thing given or done (a theme),
    the person it goes to ("provided training to AMISOM" -> AMISOM)."""
    for c in verb.children:
        if c.dep_ == "dative" and usable(c):
            return c
        if c.dep_ == "dative" and c.pos_ == "ADP":  # "gave to Armenia some of the equipment"
            for g in c.children:
                if g.dep_ == "pobj" and usable(g):
                    return g
    for c in verb.children:
        if c.dep_ in ("dobj", "obj") and usable(c) and not (event_nouns and c.lemma_.lower() in event_nouns) \
                and c.lemma_.lower() not in themes and c.lower_ not in themes:
            return c
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj" and usable(g):
                    return g
    # "urged X to ...": the object is the subject of the infinitive in some parses
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp"):
            for g in c.children:
                if g.dep_ == "nsubj" and g.pos_ in ("PROPN", "NOUN"):
                    return g
    return None


def look_through(tok: Token | None, lex: Lexicon) -> Token | None:
    """An abstract object ("a path for Ukraine", "support for Kyiv") stands for the entity it names."""
    if tok is None:
        return None
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("GPE", "ORG", "NORP", "PERSON"):
        return tok
    if tok.lemma_.lower() in lex.agent_nouns:
        return tok
    if any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG") for c in tok.children):
        return tok
    if tok.lemma_.lower() not in LOOK_THROUGH_NOUNS:
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in LOOK_THROUGH_PREPS:
            for g in c.children:
                if g.dep_ == "pobj":
                    found = look_through(g, lex)
                    if found is not None:
                        return found
        if c.dep_ in ("acl",) and c.pos_ == "VERB":  # "support for Ukraine joining NATO"
            for g in c.children:
                if g.dep_ in ("nsubj",):
                    return look_through(g, lex)
    return None


def with_conjuncts(tok: Token | None) -> list[Token]:
    """A head and the heads coordinated with it ("the United States and France")."""
    if tok is None:
        return []
    heads = [tok]
    for c in tok.conjuncts:
        if c.pos_ in ("PROPN", "NOUN", "PRON") and c.i > tok.i:
            heads.append(c)
    return heads


def noun_arguments(noun: Token, lex: Lexicon, event: str = "") -> tuple[Token | None, Token | None]:
    """Actor and recipient heads of a nominal event ("Russia's bombardment of Kharkiv")."""
    actor = recipient = None
    for c in noun.children:
        if (c.dep_ == "poss" and c.ent_type_ not in NOT_ACTOR_ENTS) or (
                c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")):
            actor = actor or c
        elif c.dep_ == "prep" and c.lower_ in lex.frames.get("noun_actor_preps", ()):
            for g in c.children:
                if g.dep_ == "pobj" and c.lower_ == "by":
                    actor = actor or g
        elif c.dep_ == "prep" and (c.lower_ in lex.frames.get("noun_recipient_preps", ()) or (
                c.lower_ == "of" and event in lex.frames.get("of_target_events", ()))):
            for g in c.children:
                if g.dep_ == "pobj":
                    recipient = recipient or look_through(g, lex) or g
    head = noun.head
    if actor is None and noun.dep_ in ("dobj", "obj") and head.pos_ in ("VERB", "AUX") \
            and head.lemma_.lower() in lex.light_verbs:
        # "NATO launched an exercise", "Ukraine began its counteroffensive" (but "France condemned the
        # strike" does not make France the striker)
        actor = subject_of(head) if not is_passive(head) else agent_of(head)
    elif actor is None and noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in lex.occurrence_verbs:
        for c in head.children:
            if c.dep_ == "agent":
                actor = agent_of(head)
    if actor is None and noun.dep_ in ("dobj", "obj", "oprd", "attr", "appos"):
        # "NATO is preparing to launch what the air force called the largest exercise": the nearest light verb
        for anc in list(noun.ancestors)[:4]:
            if anc.pos_ == "VERB" and anc.lemma_.lower() in lex.light_verbs:
                actor = agent_of(anc) if is_passive(anc) else subject_of(anc)
                break
    return actor, recipient


MONEY_WORD = re.compile(r"^(?:US\$|USD|EUR|GBP|CHF|JPY|[$€£¥])\d", re.I)
THEME_PREPS = ("on", "against", "with", "for", "to", "by")


def is_entity(tok: Token, lex: Lexicon, strict: bool = False) -> bool:
    """A token that names a party; ``strict`` leaves out forces and units, which can be what is sent."""
    if MONEY_WORD.match(tok.text) or tok.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT"):
        return False  # "donated USD1 million"
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("GPE", "ORG", "NORP", "PERSON", "LOC", "FAC"):
        return not strict or tok.ent_type_ in ("GPE", "ORG", "PERSON", "LOC", "FAC", "NORP") or tok.lower_ in PRONOUNS
    if tok.pos_ == "NOUN" and tok.is_title and not tok.is_sent_start and not strict:
        return True  # a capitalised word mid-sentence is a name the tagger took for a noun ("Seychelles")
    lemma = tok.lemma_.lower()
    if strict:  # a unit, a ship, a team can be what is sent: only the hand-listed parties count
        return lemma in lex.listed_agent_nouns and lemma not in lex.sent_nouns
    return lemma in lex.agent_nouns


def through_theme(tok: Token | None, rule: TriggerRule, lex: Lexicon) -> Token | None:
    """A recipient that is the thing acted on ("lifted a ban on X", "held talks with X", "rejected a request
    for X") gives way to the entity its preposition names."""
    if tok is None:
        return None
    lemma = tok.lemma_.lower()
    if lemma not in rule.requires and lemma not in lex.nouns:
        return tok
    preps = lex.frames.get("theme_preps", {}).get(rule.event, THEME_PREPS)
    for prep in preps:
        for c in tok.children:
            if c.dep_ in ("prep", "agent") and c.lower_ == prep:
                for g in c.children:
                    if g.dep_ == "pobj" and usable(g) and g.lemma_.lower() not in lex.nouns:
                        return g
    return tok


THING_PREPS = frozenset({"on", "against", "to", "for", "with", "toward", "towards", "into", "upon"})
# "the demands of the drivers", "a request by Erdogan", "charges from the opposition": only on what a party says
SOURCE_PREPS = frozenset({"of", "by", "from"})


def entity_within(tok: Token, lex: Lexicon, extra: frozenset[str] = frozenset(), depth: int = 0) -> Token | None:
    """The party a thing names: "sanctions imposed on China", "a ban on Berlusconi", "the demands of the
    truck drivers", "an invitation to meet with Kim", "artifacts to the government of Peru"."""
    if depth > 2:
        return None
    preps = THING_PREPS | extra
    if tok.lemma_.lower() in lex.party_nouns:
        preps = preps | SOURCE_PREPS
        for c in tok.children:
            if c.dep_ == "poss" and is_entity(c, lex) and c.lower_ not in PRONOUNS and c.lower_ not in ("its", "their"):
                return c  # "welcomed Putin's offer to mediate": Putin
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj" and usable(g) and g.lemma_.lower() not in lex.nouns:
                    if is_entity(g, lex):
                        return g
                    found = entity_within(g, lex, extra, depth + 1)
                    if found is not None:
                        return found
        elif (c.dep_ == "prep" and c.lower_ == "of") or (c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")):
            # "a team of paratroopers to Lebanon", "vehicles and a team ... to Lebanon": search on, but what
            # they name is part of the thing, not its party
            for g in ([c] if c.dep_ == "conj" else [g for g in c.children if g.dep_ == "pobj"]):
                found = entity_within(g, lex, extra, depth + 1)
                if found is not None:
                    return found
        elif c.dep_ in ("acl", "relcl") and c.tag_ in ("VBN", "VB"):
            # "sanctions imposed on China", "an appeal lodged by X", "an invitation to meet with Kim"
            for g in c.children:
                if c.tag_ == "VB" and g.dep_ in ("dobj", "obj") and is_entity(g, lex) and g.lower_ not in RELATIVE:
                    return g
            found = entity_within(c, lex, extra, depth + 1)
            if found is not None:
                return found
    return None


def verb_preps(verb: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the verb's prepositions ("returned the paintings to Peru", "deployed troops to Mali")."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            out.extend(g for g in c.children if g.dep_ == "pobj" and usable(g))
    return out


def party_of(verb: Token, thing: Token | None, rule: TriggerRule, lex: Lexicon,
             any_place: bool = False) -> Token | None:
    """The party behind a thing acted on ("returned the paintings to Peru", "lifted sanctions on China"),
    named on the thing itself or on the verb; None when there is none."""
    extra = frozenset(lex.frames.get("party_preps", {}).get(rule.event, ()))
    things = [thing] if thing is not None else []
    things += [c for c in verb.children if c.dep_ in ("dobj", "obj") and c not in things]  # skipped themes
    for t in things if rule.event != "ASSAULT" else ():  # a base "in Helmand" is what was attacked
        found = entity_within(t, lex, extra)
        if found is not None:
            return found
    for t in verb_preps(verb, lex.recipient_preps(rule.event) | extra):
        if (thing is not None and t.i == thing.i) or t.lemma_.lower() in lex.nouns:
            continue
        if is_entity(t, lex):
            return t
        found = entity_within(t, lex, extra)
        if found is not None:
            return found
        if (thing is None and rule.event not in THEME_EVENTS) or any_place:
            return t
    return None


def verb_arguments(verb: Token, rule: TriggerRule, lex: Lexicon) -> tuple[Token | None, Token | None]:
    preps = lex.recipient_preps(rule.event)
    if is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        actor = agent_of(verb)
        recipient = passive_subject_of(verb)
    else:
        actor = subject_of(verb)
        themes = (rule.requires | THEME_EVENTS_ANY) if rule.event in THEME_EVENTS else frozenset()
        light = verb.lemma_.lower() in lex.light_verbs
        recipient = object_of(verb, preps, lex.nouns if light else None, themes)  # type: ignore[arg-type]
    if recipient is not None:
        recipient = look_through(recipient, lex) or through_theme(recipient, rule, lex)
    if verb.lemma_.lower() in lex.topic_verbs and not is_passive(verb):
        # "the ministers discussed sanctions on Russia": what is discussed is the topic; the party is "with"
        withs = verb_preps(verb, frozenset({"with"}))
        for topic in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
            withs += verb_preps(topic, frozenset({"with"}))  # "discussed fishing quotas with Peru"
        return actor, withs[0] if withs else None
    if recipient is not None and rule.event in lex.frames.get("theme_object_events", ()) \
            and not is_entity(recipient, lex, strict=True):
        recipient, thing = None, recipient  # "deployed 300 troops to Mali": the troops are what is sent
        recipient = party_of(verb, thing, rule, lex)
    elif recipient is not None and rule.event not in ("ASSAULT", "COERCE") \
            and recipient.lemma_.lower() in lex.sent_nouns and verb_preps(verb, frozenset({"from", "to", "into"})):
        # "withdrew its troops from Abyei", "sent peacekeepers to Haiti": the place or party, not the unit
        recipient = party_of(verb, recipient, rule, lex, any_place=True) or recipient
    elif recipient is None or not is_entity(recipient, lex):
        # a thing acted on ("returned the paintings", "lifted sanctions") gives way to the party it names
        recipient = party_of(verb, recipient, rule, lex) or recipient
    if recipient is not None and rule.event in THEME_EVENTS and not is_entity(recipient, lex):
        recipient = None  # what is given is no recipient ("donated a shipment of ventilators")
    return actor, recipient


# --- scoring -----------------------------------------------------------------------------------------------

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


def absorbed_by(noun: Token, verb_rules: dict[int, TriggerRule], lex: Lexicon) -> bool:
    """A noun carried by a trigger verb ("imposed sanctions", "launched an assault") is that verb's event."""
    if noun.dep_ not in ("dobj", "nsubjpass", "pobj", "attr", "conj", "obj"):
        return False
    verb = noun.head.head if noun.head.dep_ == "prep" and noun.dep_ == "pobj" else noun.head
    vrule = verb_rules.get(verb.i)
    if vrule is None:
        return False
    noun_words = {noun.lemma_.lower(), noun.lower_}
    return bool(vrule.requires & noun_words) or verb.lemma_.lower() in lex.light_verbs or any(
        r.event == vrule.event for r in lex.nouns.get(noun.lemma_.lower(), ()))


def carried_noun_recipient(verb: Token, rule: TriggerRule, lex: Lexicon) -> Token | None:
    """The recipient named on the noun a verb carries: "launched an assault on X", "launched an operation
    against X", "provided training to X"."""
    for c in verb.children:
        if c.dep_ not in ("dobj", "obj"):
            continue
        lemma = c.lemma_.lower()
        if lemma in lex.nouns:
            _, recipient = noun_arguments(c, lex, lex.nouns[lemma][0].event)
            if recipient is not None:
                return recipient
        if lemma in rule.requires or lemma in THEME_EVENTS_ANY:
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ in ("on", "against", "to", "for", "into", "upon"):
                    for p in g.children:
                        if p.dep_ == "pobj" and usable(p):
                            return p
    return None


PLACE_PARTY_EVENTS = frozenset({"MOBILIZE", "AID", "RETREAT", "CONCEDE", "SANCTION"})
PARTY_ANY_PREPS = frozenset({"to", "with", "against", "for", "from", "on", "toward", "towards", "into", "over",
                             "in", "at"})


def place_is_party(rule: TriggerRule, mode: str | None) -> bool:
    """Where the place of an event is its other party: a visit or arrival, a deployment, aid, a surrender
    or ceasefire in a country; not a meeting, protest or attack "in" a city, which is only where it was."""
    return rule.event in PLACE_PARTY_EVENTS or mode in ("visit", "host")


def named_party(verb: Token, actor: Token | None, rule: TriggerRule, mode: str | None,
                lex: Lexicon) -> Token | None:
    """Last resort: a named party in one of the verb's prepositional phrases ("clashed with police",
    "resigned as president of Peru" is not one: only names and parties, never times)."""
    for c in verb.children:
        if c.dep_ not in ("prep", "dative") or c.lower_ not in PARTY_ANY_PREPS:
            continue
        for g in c.children:
            if g.dep_ == "pobj" and usable(g) and (actor is None or g.i != actor.i) and is_entity(g, lex) \
                    and g.pos_ != "PRON" and (c.lower_ not in ("in", "at") or (
                        g.ent_type_ in ("GPE", "LOC", "FAC") and place_is_party(rule, mode))):
                return g
    return None


def noun_family(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    for prefix in ("counter-", "counter"):
        if lemma.startswith(prefix) and len(lemma) > len(prefix) + 3:
            return lemma[len(prefix):]
    return lemma


def inherit_nominal_actors(cands: list[Candidate]) -> None:
    """ "the counteroffensive had begun": a definite event noun without an actor refers back to an earlier
    mention of the same kind of event that names one ("Ukraine's offensive")."""
    seen: dict[tuple[str, str], list[Token]] = {}
    for c in cands:
        if not c.nominal:
            continue
        key = (c.rule.event, noun_family(c.trigger))
        if c.actor_heads:
            seen[key] = c.actor_heads
        elif key in seen and any(d.dep_ in ("det", "poss") and d.lower_ in ("the", "this", "that", "its")
                                 for d in c.trigger.children):
            c.actor_heads = list(seen[key])
            c.confidence = round(max(0.05, c.confidence - 0.05), 3)


ACTORLESS_PENALTY = 0.1
DEONTIC = {"must", "should", "ought"}


def obligation_rule(tok: Token, lex: Lexicon) -> TriggerRule | None:
    """ "Human Rights Watch said the authorities must ensure security": a reported obligation is a REQUEST
    whatever the verb (the intent step gives it the reporter as actor and the obliged as recipient)."""
    if tok.pos_ != "VERB" or tok.dep_ not in ("ccomp",) or tok.head.lemma_.lower() not in lex.reporting_verbs:
        return None
    if not any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in tok.children):
        return None
    if any(c.dep_ == "neg" for c in tok.children):
        return None
    return TriggerRule(event="REQUEST", mode=None, pos="VERB", weight=0.6, term=tok.lemma_.lower())


def find_candidates(sent: Span, lex: Lexicon) -> list[Candidate]:
    """Every event trigger of a sentence with its argument heads and a confidence."""
    found: list[Candidate] = []
    verb_rules: dict[int, TriggerRule] = {}
    matches: list[tuple[Token, TriggerRule]] = []
    for tok in sent:
        rule = match_trigger(tok, lex) or obligation_rule(tok, lex)
        if rule is not None:
            matches.append((tok, rule))
            if rule.pos == "VERB":
                verb_rules[tok.i] = rule
    for tok, rule in matches:
        nominal = rule.pos == "NOUN"
        if nominal:
            # a noun carried by a trigger verb ("imposed sanctions", "pledged support") is that verb's event
            if absorbed_by(tok, verb_rules, lex):
                continue
            if tok.dep_ == "compound":
                continue
            actor, recipient = noun_arguments(tok, lex, rule.event)
        else:
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
        mode = mode_for(tok, rule, lex)
        if rule.event in lex.frames.get("reciprocal_events", ()) and len(actors) > 1 and mode not in ("visit", "host"):
            # "X and Y met": a reciprocal meeting has no recipient, every party is an actor (PLOVER)
            actors, recipients = actors + [r for r in recipients if r not in actors], []
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
