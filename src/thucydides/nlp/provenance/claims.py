"""According to whom: the claim status of an event and who claims, confirms or denies it.

``attribute(trigger)`` reads the clauses governing an event's trigger: a reporting verb ("X said that
...", "as Reuters reported"), an "according to X" phrase, a claim noun ("the Russian claim that ...")
confirmed or rejected by someone else, a relative clause ("..., which Russian sources confirmed"), or
a quotation or block quote carried over from earlier sentences ("It added, '...'", "X wrote:"). The
status is one of ``model.CLAIM_STATUSES``; cue words live in ``nlp/provenance/data/``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from thucydides.model import Actor, Claim
from thucydides.nlp.provenance.quotes import continued_from, quote_at, verb_kind
from thucydides.nlp.provenance.speakers import (
    claim_words,
    is_outlet,
    make_actor,
    noun_phrase,
    reporting_verbs,
    resolve_pronoun,
    subject_of,
)

_MAX_HOPS = 10
# edges by which a clause hangs under the verb or noun that reports it
_REPORTED_EDGES = frozenset({"ccomp", "xcomp", "parataxis", "acl", "dobj", "advcl", "conj", "relcl", "pcomp",
                             "pobj", "prep", "nsubj", "nsubjpass", "attr", "appos", "compound", "amod", "dep",
                             "npadvmod", "oprd"})
# edges by which a reporting verb hangs under the reported clause ("..., as Reuters reported")
_PARENTHETICAL_EDGES = frozenset({"advcl", "parataxis"})


@lru_cache(maxsize=1)
def _evidence_pattern() -> re.Pattern[str]:
    phrases = sorted(claim_words()["evidence"], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _claim_nouns() -> frozenset[str]:
    return frozenset(claim_words()["claim_nouns"])


def cues() -> dict[str, object]:
    """Load every cue list this module uses (for warm-up before forking workers)."""
    _evidence_pattern()
    _claim_nouns()
    reporting_verbs()
    return claim_words()


def _kind(tok: Token) -> str | None:
    """'report', 'confirm' or 'deny' for a reporting verb, else None."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    entry = reporting_verbs().get(tok.lemma_.lower())
    return entry[1] if entry else None


def _subject_actor(verb: Token, date: str | None) -> Actor | None:
    subj = subject_of(verb)
    if subj is None:
        return None
    span = resolve_pronoun(subj) if subj.pos_ == "PRON" else noun_phrase(subj)
    return make_actor(span, date) if span is not None else None


def _owner_of_claim(noun: Token, date: str | None) -> Actor | None:
    """Who makes the claim a noun names: 'the Russian claim', 'Moscow's claim', 'claims by Kyiv'."""
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in ("amod", "compound") and
                                    (child.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or child.pos_ == "PROPN")):
            return make_actor(noun_phrase(child) if child.dep_ != "amod" else child.doc[child.i:child.i + 1], date)
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return make_actor(noun_phrase(pobj), date)
    return None


def _according_to(tok: Token, date: str | None) -> Actor | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            for to in child.children:
                for pobj in to.children if to.lower_ == "to" else ():
                    if pobj.dep_ == "pobj":
                        return make_actor(noun_phrase(pobj), date)
                if to.dep_ == "pobj":
                    return make_actor(noun_phrase(to), date)
    return None


def _relative_confirmations(trigger: Token, claim: Claim, date: str | None) -> None:
    """'advances ..., which Russian sources confirmed' / '..., which Kyiv denied'."""
    for tok in trigger.subtree:
        if tok.dep_ != "relcl" or tok is trigger:
            continue
        kind = _kind(tok)
        if kind not in ("confirm", "deny"):
            continue
        actor = _subject_actor(tok, date)
        if actor is None:
            continue
        (claim.confirmed_by if kind == "confirm" else claim.denied_by).append(actor)


def _apply_verb(claim: Claim, verb: Token, kind: str, actor: Actor | None, found: bool) -> bool:
    """Record one reporting verb on the path; returns True once the innermost attribution is set."""
    if kind == "confirm":
        if actor is not None:
            claim.confirmed_by.append(actor)
        if is_outlet(actor):
            claim.outlet = claim.outlet or actor
    elif kind == "deny":
        if actor is not None:
            claim.denied_by.append(actor)
    elif not found:
        claim.claimant = actor
        if is_outlet(actor):
            claim.outlet = actor
    elif is_outlet(actor):
        claim.outlet = claim.outlet or actor  # "the Times reported that the ministry said ..."
    if not found:
        claim.verb = verb.lower_
    return True


def _from_sentence(trigger: Token, claim: Claim, date: str | None) -> bool:
    """Attribution inside the trigger's sentence; returns True when one was found."""
    found = False
    tok = trigger
    chain = [trigger]
    for _ in range(_MAX_HOPS):
        head = tok.head
        if head is tok or tok.dep_ not in _REPORTED_EDGES:
            break
        kind = _kind(head)
        content = tok.dep_ in ("ccomp", "parataxis", "xcomp") or (
            tok.dep_ in ("dobj", "obj") and tok.lemma_.lower() in _claim_nouns())
        if kind in ("confirm", "deny") and not content:
            pass  # "after Moscow rejected a proposal": only what is confirmed or denied is its content
        elif kind is not None and tok.dep_ not in ("nsubj", "nsubjpass"):
            found = _apply_verb(claim, head, kind, _subject_actor(head, date), found)
        elif head.pos_ == "NOUN" and head.lemma_.lower() in _claim_nouns() and tok.dep_ in ("acl", "ccomp", "relcl"):
            owner = _owner_of_claim(head, date)  # "the Russian claim that ..."
            if owner is not None and claim.claimant is None:
                claim.claimant = owner
                claim.verb = claim.verb or head.lower_
        chain.append(head)
        tok = head
    for tok in chain:
        actor = _according_to(tok, date)
        if actor is not None and claim.claimant is None:
            claim.claimant, claim.verb = actor, "according to"
            if is_outlet(actor):
                claim.outlet = actor
            found = True
        for child in tok.children:  # "..., as Reuters reported", "..., officials said."
            if child.dep_ in _PARENTHETICAL_EDGES and _kind(child) is not None and \
                    not any(c.dep_ in ("ccomp", "xcomp") for c in child.children):
                found = _apply_verb(claim, child, _kind(child) or "report", _subject_actor(child, date), found)
    _relative_confirmations(trigger, claim, date)
    return found or claim.claimant is not None or bool(claim.confirmed_by or claim.denied_by)


def _from_quote(trigger: Token, claim: Claim, date: str | None) -> None:
    """A quotation or block quote carried over from the sentence that introduced it."""
    quote = quote_at(trigger.doc, trigger.idx, date)
    if quote is None or quote.speaker is None:
        return
    kind = verb_kind(trigger.doc, quote)
    if kind == "report":
        claim.claimant = quote.speaker
        if is_outlet(quote.speaker):
            claim.outlet = quote.speaker
    elif kind == "confirm":
        claim.confirmed_by.append(quote.speaker)
    else:
        claim.denied_by.append(quote.speaker)
    claim.verb = quote.verb


def _status(claim: Claim) -> str:
    if claim.denied_by:
        return "denied"
    if claim.confirmed_by:
        return "confirmed"
    if claim.claimant is not None:
        if claim.outlet is not None and claim.outlet is claim.claimant:
            return "reported"
        return "claimed"
    if claim.outlet is not None:
        return "reported"
    return "asserted"


def evidence_words(sent: Span) -> list[str]:
    """Evidence phrases in the sentence: 'visually verified', 'satellite images', 'officially'."""
    seen: list[str] = []
    for found in _evidence_pattern().finditer(sent.text):
        word = found.group(1).lower()
        if word not in seen:
            seen.append(word)
    return seen


def attribute(trigger: Token, date: str | None = None) -> Claim:
    """Who the event is according to: the claim status, claimant, confirmers, deniers and evidence."""
    claim = Claim()
    found = _from_sentence(trigger, claim, date)
    before = continued_from(trigger) if not found else None
    if before is not None:  # the sentence was cut by a line break: read the part before it
        found = _from_sentence(before, claim, date)
    if not found:
        _from_quote(trigger, claim, date)
    direct = quote_at(trigger.doc, trigger.idx, date, direct_only=True)
    claim.quote = direct is not None
    claim.status = _status(claim)
    claim.evidence = evidence_words(trigger.sent)
    return claim
