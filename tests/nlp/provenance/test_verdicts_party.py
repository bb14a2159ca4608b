"""A negated act is denied only when the article alleges the same act by the same party."""

from __future__ import annotations

from thucydides.nlp.provenance.verdicts import negation_as_denial


def rec(event: str, code: str, aux: str | None) -> dict:  # type: ignore[type-arg]
    return {"event": event, "actor": [{"text": code, "code": code}], "aux_mode": aux, "nominal": False,
            "claim": {"status": "claimed", "claimant": {"text": "X", "code": "IRQ"}, "denied_by": []}}


def test_a_request_by_another_party_does_not_make_a_negated_request_a_denial() -> None:
    negated, other = rec("REQUEST", "USA", "negated"), rec("REQUEST", "IRQ", None)
    negation_as_denial(negated, [negated, other])
    assert negated["aux_mode"] == "negated"


def test_the_same_party_alleged_elsewhere_makes_it_a_denial() -> None:
    negated, other = rec("ASSAULT", "USA", "negated"), rec("ASSAULT", "USA", None)
    negation_as_denial(negated, [negated, other])
    assert negated["aux_mode"] is None and negated["claim"]["status"] == "denied"
