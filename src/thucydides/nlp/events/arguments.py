"""Arguments of a trigger: its actor and recipient head tokens, looking past things to the parties they name.

"returned the paintings to the government of Peru" -> Peru; "lifted sanctions on China" -> China.
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.nlp.events.lexicon import Lexicon, TriggerRule
from thucydides.nlp.events.syntax import (
    NOT_ACTOR_ENTS,
    PRONOUNS,
    RELATIVE,
    agent_of,
    attributed_to,
    charged_party,
    is_entity,
    is_passive,
    look_through,
    object_of,
    passive_subject_of,
    subject_of,
    usable,
)

# Participles that, after "be", state their subject's own stance: "is committed to", "is determined to".
STATE_PASSIVES = frozenset({"commit", "determine", "prepare", "dedicate", "resolve", "oppose", "devote"})

# Events whose direct object is what is given, not who receives it.
THEME_EVENTS = {"AID"}


THEME_EVENTS_ANY = frozenset({"aid", "assistance", "help", "training", "support", "supplies", "supply", "weapon",
                              "money", "fund", "funding", "equipment", "food", "medicine", "loan", "grant",
                              "shipment", "consignment", "batch", "package", "tranche", "worth", "million",
                              "billion", "usd", "$", "dollar", "euro", "ton", "tonne"})


def noun_arguments(noun: Token, lex: Lexicon, event: str = "") -> tuple[Token | None, Token | None]:
    """Actor and recipient heads of a nominal event ("Russia's bombardment of Kharkiv")."""
    actor = recipient = None
    for c in noun.children:
        if c.dep_ == "compound" and venue(c, event):
            continue  # "the Geneva talks", "the Afrin offensive": where it happens, not who does it
        if (c.dep_ == "poss" and c.ent_type_ not in NOT_ACTOR_ENTS) or (
                c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")):
            actor = actor or c
        elif c.dep_ == "prep" and c.lower_ == "between" and event in lex.frames.get("between_events", ()):
            # "a phone call between Trump and Erdogan", "talks between Kyiv and Moscow": both are parties
            for g in c.children:
                if g.dep_ == "pobj" and actor is None:
                    actor = g
        elif c.dep_ == "prep" and c.lower_ in lex.frames.get("noun_actor_preps", ()):
            for g in c.children:
                if g.dep_ == "pobj" and c.lower_ == "by":
                    # "the Afrin offensive by Turkish troops": the agent, not a modifier, is who acts
                    actor = g if actor is None or actor.dep_ in ("amod", "compound") else actor
        elif c.dep_ == "prep" and (c.lower_ in lex.frames.get("noun_recipient_preps", ()) or (
                c.lower_ == "of" and event in lex.frames.get("of_target_events", ()))):
            for g in c.children:
                if g.dep_ == "pobj":
                    recipient = recipient or look_through(g, lex) or g
    head = noun.head
    carrier = noun
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" \
            and head.head.lemma_.lower() in lex.frames.get("state_nouns", ()):
        carrier, head = head.head, head.head.head  # "declared a state of siege": the state carries the siege
    if actor is None:
        actor = pinned_on(noun, lex)
    if actor is None and carrier.dep_ in ("dobj", "obj") and head.pos_ in ("VERB", "AUX") \
            and head.lemma_.lower() in lex.light_verbs:
        # "NATO launched an exercise", "Ukraine began its counteroffensive" (but "France condemned the
        # strike" does not make France the striker)
        actor = subject_of(head) if not is_passive(head) else agent_of(head)
    elif actor is None and noun.dep_ == "nsubjpass" and head.lemma_.lower() in lex.light_verbs:
        actor = agent_of(head)  # "massacres have been committed by the army", "strikes were carried out by X"
    elif actor is None and noun.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in lex.occurrence_verbs:
        for c in head.children:
            if c.dep_ == "agent":
                actor = agent_of(head)
    if actor is None and noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ == "VERB" \
            and noun.head.head.lemma_.lower() in lex.light_verbs and not is_passive(noun.head.head):
        # "the US has provided Egypt with $1bn in assistance": who provides it, to the one provided
        verb = noun.head.head
        actor = subject_of(verb)
        if recipient is None:
            recipient = next((c for c in verb.children if c.dep_ in ("dobj", "obj", "dative")), None)
    if actor is None and noun.dep_ in ("dobj", "obj", "oprd", "attr", "appos"):
        # "NATO is preparing to launch what the air force called the largest exercise": the nearest light verb
        for anc in list(noun.ancestors)[:4]:
            if noun.dep_ == "oprd" and anc.i == head.i:
                continue  # "what it called an attack": who calls it so is not who did it
            if anc.pos_ == "VERB" and anc.lemma_.lower() in lex.light_verbs:
                actor = agent_of(anc) if is_passive(anc) else subject_of(anc)
                break
    if actor is None and event in lex.frames.get("joint_noun_events", ()):
        actor = joint_participant(noun, lex)
    if actor is None:
        actor = instance_holder(noun)
    if actor is not None and recipient is not None and actor.i == recipient.i:
        recipient = None  # "blamed the bombing on the rebels": the rebels bombed
    return actor, recipient


# Events a capital names the venue of ("the Moscow talks", "the Astana meeting"), not the government's act.
VENUE_EVENTS = frozenset({"CONSULT"})


def venue(mod: Token, event: str = "") -> bool:
    """A place name modifying an event noun that names a town or a region, not a state ("the Geneva talks",
    "the Sochi conference", "the Idlib offensive"; not "the US drawdown"), or, for a meeting, a capital ("the
    Moscow talks"): where the act happens or what it is aimed at, never its actor."""
    if mod.pos_ != "PROPN" or mod.i > mod.head.i:
        return False
    from thucydides.nlp.actors.resolve import resolve_actor  # the knowledge base, loaded once

    name = " ".join(t.text for t in mod.doc[mod.left_edge.i:mod.i + 1] if t.pos_ == "PROPN")
    kind = resolve_actor(name).kind
    if kind is None and mod.ent_type_ in ("GPE", "LOC", "FAC"):  # a town the actor dictionary does not know
        from thucydides.nlp.where_when.gazetteer import gazetteer, place_key

        return any(e.feature not in ("country", "region") for _, e in gazetteer().candidates(place_key(name))[:1])
    return kind == "place" or (kind == "seat" and event in VENUE_EVENTS)


def instance_holder(noun: Token) -> Token | None:
    """ "US policies - such as support for the YPG and the harbouring of Gulen": an act given as an instance
    of a party's policies or actions is that party's."""
    first = noun
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    prep = first.head
    if first.dep_ != "pobj" or prep.lower_ != "as" or not any(c.lower_ == "such" for c in prep.children):
        return None
    kind = prep.head
    if kind.pos_ != "NOUN":
        return None
    for c in kind.children:
        if (c.dep_ == "poss" and c.pos_ == "PROPN") or (
                c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")):
            return c
    return None


def joint_participant(noun: Token, lex: Lexicon) -> Token | None:
    """Who took part in a joint act named in an adjunct of a clause: its subject ("Macron spoke after talks
    with Putin", "they failed to settle it despite hours of negotiations")."""
    up = noun
    if up.dep_ == "pobj" and up.head.lower_ == "of" and up.head.head.pos_ == "NOUN":
        up = up.head.head  # "hours of negotiations", "a round of talks"
    prep = up.head
    if up.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in lex.frames.get("joint_noun_preps", ()):
        return None
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ == "neg" or (c.dep_ in ("dobj", "attr") and any(d.lower_ == "no" for d in c.children))
           for c in verb.children):
        return None  # "has shown no interest in talks", "did not take part in the talks": no participant
    return agent_of(verb) if is_passive(verb) else subject_of(verb)


def pinned_on(noun: Token, lex: Lexicon) -> Token | None:
    """Who an event noun's act is pinned on: the one charged with it ("accused the army of the attack"),
    the party it is attributed to ("an attack attributed to the rebels"), or the agent of a participle
    that performs it ("strikes carried out by the coalition")."""
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        charged = charged_party(noun.head)
        if charged is not None:
            return charged
    found = attributed_to(noun)
    if found is not None:
        return found
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in lex.light_verbs:
            agent = agent_of(c)
            if agent is not None:
                return agent
    return None


def event_agent(subject: Token | None, lex: Lexicon) -> Token | None:
    """An event noun as the subject of a verb ("airstrikes by the coalition killed ...") acts through its
    own actor; None when it names none."""
    if subject is None or subject.pos_ != "NOUN" or subject.lemma_.lower() not in lex.nouns:
        return None
    actor, _ = noun_arguments(subject, lex)
    return actor


THEME_PREPS = ("on", "against", "with", "for", "to", "by")


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
    if is_passive(verb) and agent_of(verb) is None and verb.lemma_.lower() in STATE_PASSIVES \
            and any(c.dep_ in ("prep", "xcomp") and (c.lower_ == "to" or c.dep_ == "xcomp") for c in verb.children):
        # "Vietnam is committed to opening its economy": a state of commitment, held by its subject
        actor, recipient = passive_subject_of(verb), None
    elif is_passive(verb) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        actor = agent_of(verb)
        recipient = passive_subject_of(verb)
        if recipient is not None and verb.lemma_.lower() in lex.light_verbs and recipient.lemma_.lower() in lex.nouns:
            # "Sunday's attack by X was carried out in Y": the act carried out names its own parties
            own_actor, recipient = noun_arguments(recipient, lex, rule.event)
            actor = actor or own_actor
    else:
        actor = subject_of(verb)
        agent = event_agent(actor, lex)
        if agent is None and actor is not None and actor.lemma_.lower() in lex.nouns and any(
                c.dep_ == "compound" and venue(c) for c in actor.children):
            actor = None  # "the Idlib offensive killed 40": the offensive names where, not who
        actor = agent or actor
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
