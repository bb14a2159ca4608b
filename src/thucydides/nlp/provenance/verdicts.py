"""Document-level claim passes: denials by negation and follow-up sentences that deny or confirm a report."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from thucydides.nlp.actors import resolve as actor_kb
from thucydides.nlp.actors.mentions import resolve_np
from thucydides.nlp.events.spans import np_span


def negation_as_denial(rec: dict[str, Any], article: list[dict[str, Any]] | None = None) -> None:
    """ "The ministry said no ships were damaged": a party asserting that an event did not happen denies it.
    The event stays on record as reported, with the claim status ``denied`` and the party in denied_by.

    Given the article's other records, only an alleged event is denied: one the article also reports as
    real (same event type) elsewhere. Without an allegation ("'Nobody attacked me,' he says") the event
    simply did not happen and stays negated."""
    claim = rec.get("claim") or {}
    claimant = claim.get("claimant")
    if article is not None and not any(other is not rec and other.get("event") == rec.get("event")
                                       and other.get("aux_mode") is None and _same_party(other, rec)
                                       for other in article):
        return
    if rec.get("aux_mode") == "negated" and claim.get("status") in ("claimed", "reported") and claimant \
            and not rec.get("nominal"):
        claim["status"] = "denied"
        claim["denied_by"] = [*claim.get("denied_by", []), claimant]
        claim["claimant"] = None
        rec["aux_mode"] = None


def _same_party(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two records can be the same act: their actors share a code, or one names no coded actor
    ("X did not ask" is no denial of a request by Y)."""
    codes_a = {x.get("code") for x in a.get("actor") or [] if x.get("code")}
    codes_b = {x.get("code") for x in b.get("actor") or [] if x.get("code")}
    return not codes_a or not codes_b or bool(codes_a & codes_b)


VERDICT_VERBS = {"deny": "denied", "dismiss": "denied", "reject": "denied", "refute": "denied",
                 "confirm": "confirmed", "corroborate": "confirmed", "verify": "confirmed"}
VERDICT_OBJECTS = {"report", "reports", "claim", "claims", "allegation", "allegations", "account", "it", "this",
                   "that", "statement", "accusation", "accusations", "assertion"}


def follow_up_verdicts(doc: Doc, recs: list[dict[str, Any]], triggers: list[int], date: str | None) -> None:
    """ "Kyiv said its troops repelled an assault. Moscow denied the report.": a sentence whose whole point is
    denying or confirming "the report" applies to the events of the sentence before it."""
    kb = actor_kb.default_kb(tuple((doc._.thuc_meta or {}).get("kb_paths") or ()))
    sents = list(doc.sents)
    for k, sent in enumerate(sents[1:], start=1):
        root = sent.root
        verdict = VERDICT_VERBS.get(root.lemma_.lower())
        if verdict is None or any(c.dep_ == "ccomp" for c in root.children):
            continue
        objects = [c for c in root.children if c.dep_ in ("dobj", "obj")]
        if not objects or objects[0].lower_ not in VERDICT_OBJECTS and objects[0].lemma_.lower() not in VERDICT_OBJECTS:
            continue
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        party = resolve_np(subject, np_span(subject), date, kb)
        if not party:
            continue
        before = sents[k - 1]
        for rec, ti in zip(recs, triggers, strict=True):
            if not (before.start <= ti < before.end) or rec.get("aux_mode") in ("hypothetical", "negated"):
                continue
            claim = rec.setdefault("claim", {"status": "asserted"})
            claimant = (claim.get("claimant") or {}).get("code")
            parties = [p.to_dict() for p in party if not claimant or p.code != claimant]
            if not parties:
                continue
            key = "denied_by" if verdict == "denied" else "confirmed_by"
            claim[key] = [*claim.get(key, []), *parties]
            if verdict == "denied" or claim.get("status") != "denied":
                claim["status"] = verdict
