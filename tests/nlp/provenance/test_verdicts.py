"""Negation as denial: only an alleged event is denied; without an allegation it simply did not happen."""

from __future__ import annotations

from typing import Any

from thucydides.nlp.provenance.verdicts import negation_as_denial


def negated(event: str = "ASSAULT") -> dict[str, Any]:
    return {"event": event, "aux_mode": "negated",
            "claim": {"status": "claimed", "claimant": {"text": "the ministry", "code": "RUS"}}}


def test_a_negation_answering_an_allegation_is_a_denial() -> None:
    alleged = {"event": "ASSAULT", "aux_mode": None, "claim": {"status": "claimed"}}
    rec = negated()
    negation_as_denial(rec, [alleged, rec])
    assert rec["aux_mode"] is None and rec["claim"]["status"] == "denied"
    assert [a["code"] for a in rec["claim"]["denied_by"]] == ["RUS"]


def test_a_negation_without_an_allegation_stays_negated() -> None:
    other = {"event": "CONSULT", "aux_mode": None, "claim": {"status": "asserted"}}
    rec = negated()
    negation_as_denial(rec, [other, rec])
    assert rec["aux_mode"] == "negated" and rec["claim"]["status"] == "claimed"


def test_without_the_article_every_reported_negation_is_a_denial() -> None:
    rec = negated()
    negation_as_denial(rec)
    assert rec["aux_mode"] is None and rec["claim"]["status"] == "denied"
