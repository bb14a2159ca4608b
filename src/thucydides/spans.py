"""The words that name an actor: the noun phrase of a head token, core or in context."""

from __future__ import annotations

from spacy.tokens import Span, Token

NP_LEFT_DEPS = {"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "predet", "npadvmod", "case",
                "nn", "advmod"}


CHARGE_VERBS = {"accuse", "charge", "suspect", "convict", "acquit", "clear", "indict", "find", "cleanse", "rid"}


def charge_of(head: Token, prep: Token) -> bool:
    """ "accused the military of mass killings": the "of" phrase is the charge, not part of the accused."""
    if head.head.lemma_.lower() in CHARGE_VERBS and head.dep_ in ("dobj", "obj", "nsubjpass"):
        return True
    return any(g.tag_ == "VBG" for g in prep.children if g.dep_ in ("pobj", "pcomp"))


FULL_NP_PREPS = {"of", "in", "near", "from", "at", "outside", "inside", "to", "within", "across"}


def np_span(head: Token, full: bool = False) -> Span:
    """The noun phrase of a head: its modifiers and an "of" phrase, without clauses or appositions.

    ``full`` adds what names it in context: place phrases ("the mosque in Mosul"), an apposition
    ("the ambassador, Khalid Ali"), a participle ("the plan proposed by Egypt"), a bracketed acronym.
    """
    doc = head.doc
    left = head.i
    for c in head.lefts:
        if c.dep_ in NP_LEFT_DEPS:
            left = min(left, c.left_edge.i)
    right = head.i
    for c in head.rights:
        core = (c.dep_ == "prep" and c.lower_ == "of" and not charge_of(head, c)) or c.dep_ in (
            "case", "compound", "nummod")
        context = full and ((c.dep_ == "prep" and c.lower_ in FULL_NP_PREPS) or c.dep_ == "appos"
                            or (c.dep_ == "acl" and c.tag_ == "VBN") or (c.dep_ == "punct" and c.text == "("))
        if core or context:
            right = max(right, c.right_edge.i)
    if full and right + 1 < len(doc) and doc[right + 1].text == ")":
        right += 1
    while left < right and (doc[left].is_punct or doc[left].is_space or doc[left].dep_ in ("cc", "preconj")):
        left += 1
    while right > left and ((doc[right].is_punct and doc[right].text != ")") or doc[right].is_space
                            or doc[right].dep_ in ("cc",)):
        right -= 1
    return doc[left:right + 1]
