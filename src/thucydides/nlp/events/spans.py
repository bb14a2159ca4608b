"""The words that name an actor: the noun phrase of a head token, core or in context."""

from __future__ import annotations

from spacy.tokens import Span, Token

from thucydides.nlp.events.argcues import allegiance_adjectives

NP_LEFT_DEPS = {"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "predet", "npadvmod", "case",
                "nn", "advmod"}


CHARGE_VERBS = {"accuse", "charge", "suspect", "convict", "acquit", "clear", "indict", "find", "cleanse", "rid"}


def charge_of(head: Token, prep: Token) -> bool:
    """ "accused the military of mass killings": the "of" phrase is the charge, not part of the accused."""
    if head.head.lemma_.lower() in CHARGE_VERBS and head.dep_ in ("dobj", "obj", "nsubjpass"):
        return True
    return any(g.tag_ == "VBG" for g in prep.children if g.dep_ in ("pobj", "pcomp"))


PRECONJ = {"both", "either", "neither"}
TIME_ENTS = {"DATE", "TIME"}


def is_time(prep: Token) -> bool:
    """ "on March 31", "in late February": a time phrase is not part of what names an actor."""
    return any(g.dep_ == "pobj" and g.ent_type_ in TIME_ENTS for g in prep.children)


def names(head: Token, appos: Token) -> bool:
    """An apposition that supplies the name ("his counterpart, Michel Aoun"), not a description of a named
    head ("Kuwait, its first peacekeeping mission")."""
    if appos.i > 0 and appos.doc[appos.left_edge.i - 1].text == "(":
        return True  # a bracketed acronym: "the Lesotho Defence Force (LDF)"
    return head.pos_ != "PROPN" and (appos.pos_ == "PROPN" or appos.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"))


def serves(mod: Token) -> bool:
    """ "forces loyal to the president": an allegiance phrase says whose forces they are."""
    return mod.dep_ == "amod" and mod.lemma_.lower() in allegiance_adjectives() and any(
        g.dep_ == "prep" for g in mod.children)


FULL_NP_PREPS = {"of", "in", "near", "from", "at", "outside", "inside", "to", "within", "across"}


def np_span(head: Token, full: bool = False) -> Span:
    """The noun phrase of a head: its modifiers and an "of" phrase, without clauses or appositions.

    ``full`` adds what names it in context: place phrases ("the mosque in Mosul"), an apposition that
    gives the name ("the ambassador, Khalid Ali"), a participle with its agent ("the plan proposed by
    Egypt"), an allegiance ("forces loyal to X"), a bracketed acronym; never a time phrase ("on March 31")
    or a charge ("of war crimes").
    """
    doc = head.doc
    left = head.i
    for c in head.lefts:
        if c.dep_ in NP_LEFT_DEPS:
            left = min(left, c.left_edge.i)
    right = head.i
    for c in head.rights:
        core = (c.dep_ == "prep" and c.lower_ == "of" and not charge_of(head, c)) or c.dep_ in (
            "compound", "nummod") or (c.dep_ == "case" and head.dep_ != "poss")  # "Kenya's offer": Kenya
        context = full and ((c.dep_ == "prep" and c.lower_ in FULL_NP_PREPS and not charge_of(head, c)
                             and not is_time(c))
                            or (c.dep_ == "appos" and names(head, c))
                            or (c.dep_ == "acl" and c.tag_ == "VBN" and any(g.dep_ == "agent" for g in c.children))
                            or serves(c)
                            or (c.dep_ == "punct" and c.text == "("))
        if core or context:
            right = max(right, c.right_edge.i)
    if full and right + 1 < len(doc) and doc[right + 1].text == ")":
        right += 1
    while left < right and (doc[left].is_punct or doc[left].is_space or doc[left].dep_ in ("cc", "preconj")
                            or doc[left].lower_ in PRECONJ
                            or (doc[left].ent_type_ in TIME_ENTS and doc[left].ent_type_ != head.ent_type_)
                            or (left > head.i - 8 and doc[left].dep_ == "case"
                                and doc[left - 1].ent_type_ in TIME_ENTS and head.ent_type_ not in TIME_ENTS)):
        left += 1
    while right > left and ((doc[right].is_punct and doc[right].text != ")") or doc[right].is_space
                            or doc[right].dep_ in ("cc",)):
        right -= 1
    return doc[left:right + 1]
