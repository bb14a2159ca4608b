"""The date of an event's own clause: DATE entities and date phrases attached to the trigger, then to its clause, then in its sentence (resolved by :mod:`dates`)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from thucydides.nlp.doccache import span_ents
from thucydides.nlp.where_when.dates import (
    CLAUSE_DEPS,
    FUTURE_AUX,
    FUTURE_LEMMAS,
    FUTURE_WORDS,
    NEEDS_DATE,
    DateResolution,
    _rx,
    resolve_date_text,
)


def is_future(trigger: Token) -> bool:
    """Whether the trigger's clause speaks of the future: will/shall, scheduled/planned/expected to."""
    token = trigger
    for _ in range(4):
        for child in token.children:
            if child.dep_ == "aux" and child.lower_ in FUTURE_AUX:
                return True
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in FUTURE_LEMMAS:
            return True
        if token.lemma_.lower() in FUTURE_LEMMAS and token.i != trigger.i:
            return True
        if token.dep_ in CLAUSE_DEPS or token.head.i == token.i or token.dep_ == "ROOT":
            break
        token = token.head
    return any(child.lower_ in FUTURE_WORDS for child in trigger.subtree if child.dep_ == "amod")


def _clause_distance(token: Token, trigger: Token) -> int | None:
    """Steps from ``token`` up to the trigger without crossing into another clause, or None."""
    steps = 0
    current = token
    while current.i != trigger.i:
        if current.dep_ in CLAUSE_DEPS or current.head.i == current.i:
            return None
        current = current.head
        steps += 1
    return steps


def _date_spans(trigger: Token) -> list[Span]:
    sent = trigger.sent
    return [ent for ent in span_ents(sent) if ent.label_ in ("DATE", "TIME") and NEEDS_DATE.search(ent.text)]


def _governors(trigger: Token) -> list[Token]:
    """The trigger and, for a noun trigger, the verb it belongs to (both inside the clause)."""
    heads = [trigger]
    token = trigger
    for _ in range(3):
        if token.dep_ in CLAUSE_DEPS or token.head.i == token.i or token.pos_ in ("VERB", "AUX"):
            break
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            heads.append(token)
            break
    return heads


def _dates_a_thing(span: Span) -> bool:
    """A year or date that modifies a noun ("the 2020 war", "a 2010 conscription law")."""
    root = span.root
    return root.dep_ in ("compound", "amod", "nummod", "poss", "nmod") and root.head.pos_ in ("NOUN", "PROPN") \
        and root.head.i not in range(span.start, span.end)


def _in_other_clause(token: Token, trigger: Token) -> bool:
    """Whether ``token`` sits in a subordinate clause (relative, participial, adverbial, reported) that does
    not contain the trigger."""
    current = token
    for _ in range(12):
        if current.dep_ in ("relcl", "acl", "advcl", "ccomp", "csubj", "parataxis") and \
                not (current.left_edge.i <= trigger.i <= current.right_edge.i):
            if current.dep_ in ("relcl", "acl"):  # a clause describing some other noun
                return current.head.i != trigger.i  # ("the exercise, scheduled for Monday" is the event's own)
            if current.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in current.children):
                return True  # "in a country that since the 1970s has had ties": a relative clause, misparsed
            governing = {trigger.i, *(a.i for a in trigger.ancestors)}
            return current.head.i not in governing  # a clause of the event's own verbs dates it
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _told_present(trigger: Token) -> bool:
    """Whether the trigger's clause is told in a present tense of its own ("they continue to execute", "the
    army shells the town"), not as what someone said: a date in another clause of its sentence is not its
    date."""
    verbs = [trigger] + ([trigger.head] if trigger.dep_ == "xcomp" else [])
    if verbs[-1].dep_ == "ccomp":
        return False  # "In May, Macron said he supports ...": the speaker's present, dated by the saying
    return trigger.pos_ in ("VERB", "AUX") and any(
        v.tag_ in ("VBZ", "VBP") or any(a.dep_ in ("aux", "auxpass") and a.tag_ in ("VBZ", "VBP")
                                        and a.lemma_.lower() != "have" for a in v.children) for v in verbs)


def event_date(trigger: Token, pub_date: str | None, future: bool | None = None) -> DateResolution:
    """The date of the event's own clause (DATE entities and date phrases attached to the trigger,
    then to its clause, then in its sentence); else the publication date with precision "document"."""
    if future is None:
        future = is_future(trigger)
    tense = "future" if future else "past"
    spans = _date_spans(trigger)
    ranked: list[tuple[int, int, Span]] = []
    for span in spans:
        if _dates_a_thing(span) and span.root.head.i != trigger.i:
            continue  # "the 2015 accord", "a 2010 law": the date of a thing, not of this event
        best: int | None = None
        for head in _governors(trigger):
            distance = _clause_distance(span.root, head)
            if distance is not None and (best is None or distance < best):
                best = distance
        if best is None and _in_other_clause(span.root, trigger):
            continue  # "Russia, which seized Crimea in 2014, says ...": another clause's date
        if best is None and _told_present(trigger):
            continue  # "Isis emerged in 2014 - they continue to execute each other's fighters": now, not then
        rank = 0 if best is not None else 1
        ranked.append((rank, best if best is not None else abs(span.start - trigger.i), span))
    for _, _, span in sorted(ranked, key=lambda r: (r[0], r[1])):
        found = resolve_date_text(span.text, pub_date, tense)
        if found is not None:
            return found
    phrase = _PHRASES.search(trigger.sent.text)  # phrases the NER missed: "over the weekend"
    if phrase is not None:
        found = resolve_date_text(phrase.group(0), pub_date, tense)
        if found is not None:
            return found
    return DateResolution(pub_date, None, "document", None)


_PHRASES = _rx(r"\b(?:over the weekend|last weekend|(?:in )?recent days|(?:the )?past (?:few )?(?:days|week)"
               r"|today|yesterday|tomorrow|tonight|last night|(?:last|next|this) (?:week|month|year))\b")
