"""Dependency-parse helpers shared by the event rules: subjects, passive agents, objects, conjuncts, entities."""

from __future__ import annotations

import re

from spacy.tokens import Token

from thucydides.nlp.events.argcues import attribution_preps, charge_preps
from thucydides.nlp.events.lexicon import Lexicon, default_lexicon

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


def frame_words(tok: Token) -> set[str]:
    """The words a ``requires`` column is checked against."""
    words: set[str] = set()
    if tok.pos_ in ("VERB", "AUX"):
        for c in tok.children:
            if c.dep_ in OBJ_DEPS | PASS_SUBJ_DEPS | {"attr", "oprd", "acomp", "xcomp"}:
                words.update(_np_words(c))
                if c.dep_ in OBJ_DEPS:
                    words.add("_dobj")
                    # "accepted 500 people from refugee camps", "held families as human shields": where the
                    # object comes from or what it is held as tells what it is
                    words.update(w for g in c.children if g.dep_ == "prep" and g.lower_ in ("from", "as")
                                 for p in g.children if p.dep_ == "pobj" for w in _np_words(p))
            if c.dep_ == "ccomp" and tok.lemma_.lower() in PERMISSIVES and not any(
                    g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                # "allows aid workers expanded access" (a participle parsed as a clause): what is let and to whom
                words.update(w for g in c.children if g.dep_ in OBJ_DEPS | SUBJ_DEPS for w in _np_words(g))
            if c.dep_ in ("ccomp",) or (c.dep_ == "mark" and c.lower_ == "that"):
                words.add("_ccomp")
                if c.pos_ == "ADJ":  # "held both capitals accountable", parsed as a small clause
                    words.add(c.lemma_.lower())
            if c.dep_ == "ccomp" and c.pos_ in ("NOUN", "PROPN", "ADJ"):
                # a small clause ("found the officer guilty") or an object the parser took for a clause
                words.update(_np_words(c))
            if c.dep_ in ("xcomp", "advcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                words.add("_xcomp")
                # "called for the ceasefire to begin": the for-to clause keeps its preposition
                words.update(g.lower_ for g in c.children if g.dep_ == "mark" and g.lower_ == "for")
            if c.dep_ in ("ccomp", "xcomp") and c.tag_ == "VBG" and not any(g.dep_ == "aux" for g in c.children):
                words.add("_ing")  # a gerund complement: "denied hitting civilians"
            if c.dep_ == "neg":
                words.add("_neg")  # "will not allow", "did not take part"
            if c.dep_ in PASS_SUBJ_DEPS or c.dep_ == "auxpass":
                words.add("_pass")  # "were forced to flee"
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
                    elif g.dep_ == "prep":  # "walked out of the chamber"
                        words.update(w for gg in g.children if gg.dep_ == "pobj" for w in _np_words(gg))
            elif c.dep_ == "advmod":
                words.add(c.lower_)  # "would respond decisively"
        if tok.dep_ in ("acl", "relcl") or (tok.tag_ == "VBN" and tok.dep_ == "amod"):
            words.update(_np_words(tok.head))
    else:
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod", "poss"):
                words.add(c.lemma_.lower())
                words.add(c.lower_)
            elif c.dep_ == "prep" and c.lower_ in ("from", "of", "with"):
                # "their exit from the bloc": what a noun event leaves or joins
                for g in c.children:
                    if g.dep_ == "pobj":
                        words.update(_np_words(g))
    return words


# "a new round of joint exercises", "a series of air strikes": the noun after "of" is what is done
PARTITIVES = frozenset({"round", "series", "wave", "set", "batch", "spate", "string", "volley", "salvo"})


def _np_words(tok: Token, depth: int = 0) -> set[str]:
    words = {tok.lemma_.lower(), tok.lower_}
    for c in tok.children:
        if c.dep_ == "det" and c.lower_ == "no":
            words.add("_no")  # "has no plans to send troops"
        if c.dep_ in ("compound", "amod", "conj"):
            words.add(c.lemma_.lower())
        if c.dep_ == "prep" and c.lower_ == "of":
            words.update(g.lemma_.lower() for g in c.children if g.dep_ == "pobj")
            if tok.lemma_.lower() in PARTITIVES and depth == 0:
                words.update(w for g in c.children if g.dep_ == "pobj" for w in _np_words(g, depth + 1))
        if c.lower_ == "$" or c.tag_ == "$":
            words.add("$")
    return words


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASS_SUBJ_DEPS or c.dep_ == "auxpass" for c in verb.children)


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a verb, inherited through control, purpose, conjunction and relative clauses."""
    for c in verb.children:
        if c.dep_ in SUBJ_DEPS:
            if c.lower_ in RELATIVE and verb.dep_ in ("relcl", "acl"):
                return _antecedent(c, verb.head) or verb.head
            if c.lower_ in ("which", "who") and verb.dep_ in ("ccomp", "conj"):
                # "the militias, which they insisted had harassed ...": the relative clause is higher up
                for anc in list(verb.ancestors)[:3]:
                    if anc.dep_ == "relcl" and anc.head.pos_ in ("NOUN", "PROPN"):
                        return _ruler_of(anc.head) or anc.head
            if c.tag_ == "VBG" and c.dep_ == "nsubj":
                inner = next((g for g in c.children if g.dep_ == "nsubj" and g.pos_ in ("NOUN", "PROPN")), None)
                if inner is not None:
                    return inner  # "The Red Cross operating in Iraq said": the parser made the participle subject
            return _apposed_name(verb) if c.i < verb.i - 1 and _apposed_name(verb) is not None else c
    for aux in verb.children:  # "the UK however have opposed": the parser gave the subject to the auxiliary
        if aux.dep_ in ("aux", "auxpass") and aux.i < verb.i:
            for c in aux.children:
                if c.dep_ in SUBJ_DEPS and c.i < aux.i:
                    return c
    stray = _stray_subject(verb)
    if stray is not None:
        return stray
    if depth > 4:
        return None
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.head is not verb.head:
        return subject_of(verb.head.head, depth + 1)  # "X is willing to withdraw"
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in CAUSATIVES and verb.tag_ == "VB":
        return subject_of(verb.head, depth + 1)  # "Ethiopia let free 74 leaders": Ethiopia frees them
    if verb.dep_ == "dep" and verb.tag_ in FINITE_TAGS and verb.head.tag_ == "VBN" and verb.head.dep_ == "ROOT" \
            and verb.head.i < verb.i and not is_passive(verb.head):
        # "tribesmen armed to fight Isis now refuse to ...": the parser took the participle for the main verb
        # and left the finite verb after it unattached; the participle's subject is the finite verb's
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX") and verb.head is not verb:
        nearer = _nearer_clause(verb)
        if nearer is not None:
            return subject_of(nearer, depth + 1)
        if verb.dep_ == "conj" or not is_passive(verb.head):
            return subject_of(verb.head, depth + 1)
        # "X was asked to pledge": the controller of a passive is its passive subject
        return passive_subject_of(verb.head)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        noun = verb.head
        holder = _holder(noun) if noun.lemma_.lower() in EVENT_LIKE_NOUNS else None
        if holder is not None:
            return holder  # "Russian attempts to delay the vote", "the army's bid to retake the town"
        if noun.lemma_.lower() in EVENT_LIKE_NOUNS and depth < 4:
            # "converging for a rally to protest": the protesters are the subject of the verb above the rally
            governor = noun.head.head if noun.dep_ == "pobj" else noun.head
            if governor.pos_ in ("VERB", "AUX") and governor is not noun:
                return subject_of(governor, depth + 1)
        return noun
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.lemma_.lower() in CULPABLE \
            and verb.head.head.dep_ == "acomp" and verb.head.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head.head.head, depth + 1)  # "the army was guilty of violating the truce"
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        charged = charged_party(verb.head)
        if charged is not None:
            return charged  # "accused Armenia of shelling": Armenia shelled
        return subject_of(verb.head.head, depth + 1) if verb.head.head.pos_ in ("VERB", "AUX") else None
    return None


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
SUBORDINATE_MARKS = frozenset({"since", "as", "after", "when", "while", "because", "once", "before", "until"})


def _nearer_clause(participle: Token) -> Token | None:
    """The clause a trailing participle belongs to when the parser hung it past that clause on a verb whose
    subject is no named or listed party: in "relations have soured since Mali tore up the accord, accusing Algeria" Mali
    accuses, not the relations. The nearer clause is a subordinate one ("since", "as", "after" ...) between
    the verb and the participle, with a subject that names a party; None keeps the parser's choice."""
    if participle.dep_ != "advcl" or participle.tag_ != "VBG" or participle.i == 0 \
            or participle.doc[participle.i - 1].text != ",":
        return None
    governor = participle.head
    own = next((c for c in governor.children if c.dep_ in SUBJ_DEPS | PASS_SUBJ_DEPS), None)
    lex = default_lexicon()
    if own is None or own.pos_ in ("PROPN", "PRON") or own.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") \
            or own.lemma_.lower() in lex.listed_agent_nouns:
        return None  # "Mali has refused since the talks began, saying ...": Mali says it
    for clause in sorted(governor.children, key=lambda c: -c.i):
        if not governor.i < clause.i < participle.i or clause.dep_ != "advcl" or clause.tag_ not in FINITE_TAGS:
            continue
        if not any(c.dep_ == "mark" and c.lower_ in SUBORDINATE_MARKS for c in clause.children):
            return None
        subject = next((c for c in clause.children if c.dep_ in SUBJ_DEPS), None)
        return clause if subject is not None and is_entity(subject, lex) else None
    return None
CAUSATIVES = frozenset({"let", "help", "make"})
PERMISSIVES = frozenset({"allow", "permit", "let"})
CULPABLE = frozenset({"responsible", "guilty", "culpable", "accountable"})


PLACE_PREPS = frozenset({"in", "near", "at", "from", "to", "into", "inside", "outside", "across", "around"})


def _antecedent(relative: Token, parsed: Token) -> Token | None:
    """What "which" stands for when the parser hung its clause on a common noun that names no party and no
    act ("a buffer between the militias and neighbouring Turkey – which has threatened"): the named party
    just before it; when it hung it on a place closing a phrase ("the attack on the convoy near Gao, which
    killed five"), the act that phrase is about. None keeps the parser's choice."""
    if relative.lower_ in ("which", "that") and parsed.dep_ == "pobj" and parsed.head.lower_ in PLACE_PREPS \
            and parsed.pos_ == "PROPN":
        up = parsed.head.head  # the convoy near Gao
        if up.dep_ == "pobj" and up.head.dep_ == "prep" and default_lexicon().nouns.get(up.head.head.lemma_.lower()):
            return up.head.head  # the attack on the convoy
        return None
    if relative.lower_ not in ("which", "that") or parsed.pos_ != "NOUN" or parsed.ent_type_ \
            or parsed.lemma_.lower() in EVENT_LIKE_NOUNS or default_lexicon().nouns.get(parsed.lemma_.lower()):
        return None
    k = relative.i - 1
    while k >= relative.sent.start and (relative.doc[k].is_punct or relative.doc[k].is_space):
        k -= 1
    if k < relative.sent.start:
        return None
    t = relative.doc[k]
    while t.dep_ in ("compound", "amod", "nmod") and t.head.i > t.i and t.head.i < relative.i:
        t = t.head
    if t.pos_ != "PROPN" or t.ent_type_ not in ("GPE", "ORG", "NORP") or t.i == parsed.i:
        return None
    if t.dep_ == "pobj" and (t.head.lower_ in PLACE_PREPS or t.head.lower_ == "of"):
        return None  # "the convoy near Gao, which": a place is where, not who
    return t


PLACE_WORDS = frozenset({"enclave", "region", "area", "town", "city", "province", "territory", "village",
                         "country", "district", "zone", "pocket", "border"})


def _ruler_of(noun: Token) -> Token | None:
    """ "the militias ruling the enclave, which they insisted had shelled ...": a place held by a party named
    just before it does not act; the party does."""
    if noun.lemma_.lower() not in PLACE_WORDS or noun.ent_type_ or noun.dep_ not in ("dobj", "obj"):
        return None
    verb = noun.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def _apposed_name(verb: Token) -> Token | None:
    """ "... - a situation Turkey said constituted a threat": a name right before a verb, taken by the parser
    for an apposition of the noun before it, is the verb's subject."""
    if verb.i == 0:
        return None
    t = verb.doc[verb.i - 1]
    if t.dep_ == "appos" and t.pos_ == "PROPN" and t.ent_type_ in ("GPE", "ORG", "PERSON", "NORP") \
            and t.right_edge.i == verb.i - 1 and t.head.i < t.i and t.head.pos_ == "NOUN":
        return t
    return None


def _stray_subject(verb: Token) -> Token | None:
    """A finite verb the parser left without a subject, right after a noun phrase it hung in a
    prepositional phrase: "In September Turkey persuaded Russia" (Turkey as the object of "In"), "after a
    missile from Syria struck the town" (the missile as the object of "after"). That phrase is the subject."""
    if verb.tag_ not in FINITE_TAGS or verb.i == 0 or any(c.dep_ == "auxpass" for c in verb.children):
        return None
    t = verb.doc[verb.i - 1]
    if t.sent.start != verb.sent.start:
        return None
    while t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ in ("NOUN", "PROPN") \
            and t.head.head.i < t.i and t.head.head.dep_ == "pobj":
        t = t.head.head  # "a missile from Syria": the missile
    if t.dep_ != "pobj" or t.pos_ not in ("NOUN", "PROPN") or t.right_edge.i != verb.i - 1:
        return None
    prep = t.head
    if prep.dep_ != "prep" or prep.i > t.i or verb in t.ancestors and prep.head is not verb \
            and prep.head.i > verb.i:
        return None
    if t.pos_ == "NOUN" and t.ent_type_ in ("DATE", "TIME"):
        return None
    return t


def _holder(noun: Token) -> Token | None:
    """Whose attempt, bid or plan a noun names: its possessor, a party-naming modifier, or its by-agent."""
    for c in noun.children:
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
            return c
        if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") and c.i < noun.i:
            return c
        if c.dep_ == "prep" and c.lower_ == "by":
            found = next((g for g in c.children if g.dep_ == "pobj"), None)
            if found is not None:
                return found
    return None


def charged_party(prep: Token) -> Token | None:
    """The one a verb charges with the act in its prepositional phrase: "accused the army of shelling",
    "the army was blamed for the attack" -> the army; "attributed to" and "blamed on" name the party in
    the phrase itself ("an attack attributed to the rebels")."""
    verb = prep.head
    if verb.pos_ == "ADJ" and verb.lemma_.lower() in CULPABLE and prep.lower_ in ("for", "of") \
            and verb.dep_ in ("acomp", "amod", "oprd"):
        # "Hussein was responsible for mass killings", "the army is guilty of violating the truce"
        holder = verb.head
        if verb.dep_ == "amod":
            return holder if holder.pos_ in ("NOUN", "PROPN") else None
        subject = next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ in RELATIVE and holder.dep_ == "relcl":
            return holder.head
        return subject
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    lemma = verb.lemma_.lower()
    if prep.lower_ in charge_preps(lemma):
        for c in verb.children:
            if c.dep_ in ("dobj", "obj", "nsubjpass"):
                relative = c.lower_ in RELATIVE and verb.dep_ == "relcl"
                return verb.head if relative else c  # "the militia, which was accused of ..."
    return None


def attributed_to(event: Token) -> Token | None:
    """The party an act is pinned on: "an attack attributed to the rebels" (a participle on the noun),
    "blamed the bombing on the rebels", "the bombing was blamed on the rebels" (the act is the verb's
    object or passive subject)."""
    verbs = [(c, list(c.children)) for c in event.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if event.dep_ in ("dobj", "obj", "nsubjpass") and event.head.pos_ == "VERB":
        # the phrase may hang on the verb or, in the parse, on the act itself
        verbs.append((event.head, [*event.head.children, *event.children]))
    for verb, children in verbs:
        preps = attribution_preps(verb.lemma_.lower())
        for c in children:
            if c.dep_ in ("prep", "agent") and c.lower_ in preps:
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
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


MONEY_WORD = re.compile(r"^(?:US\$|USD|EUR|GBP|CHF|JPY|[$€£¥])\d", re.I)


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
