"""Claim status of an event: asserted, claimed, reported, confirmed or denied, and by whom."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from thucydides.nlp.provenance.claims import attribute


def _at(doc: Doc, word: str, nth: int = 0) -> Token:
    return [t for t in doc if t.text == word][nth]


def _texts(actors: list) -> list[str]:
    return [a.text for a in actors]


@pytest.mark.model
def test_outlet_confirms_a_claim_by_a_side(parser: Language) -> None:
    doc = parser("On Sunday, the *Guardian* confirmed the Ukrainian claim that at least five Russian T-72 tanks "
                 "were destroyed near Vuhledar.")
    claim = attribute(_at(doc, "destroyed"), "2023-02-12")
    assert claim.status == "confirmed"
    assert claim.claimant is not None and claim.claimant.text == "Ukrainian"
    assert _texts(claim.confirmed_by) == ["Guardian"]
    assert claim.outlet is not None and claim.outlet.text == "Guardian"
    assert claim.verb == "confirmed"


@pytest.mark.model
def test_relative_clause_confirmation_inside_a_pronoun_quote(parser: Language) -> None:
    doc = parser("The Centre for Defence Studies claimed, \u201cRussian forces attacked in two sectors.\u201d "
                 "It added, \u201cRussian troops made visually verified gains near Avdiivka, which Ukrainian "
                 "officials confirmed.\u201d")
    first = attribute(_at(doc, "attacked"))
    assert first.status == "claimed"
    assert first.claimant is not None and first.claimant.text == "Centre for Defence Studies"
    assert first.quote
    gains = attribute(_at(doc, "gains"))
    assert gains.status == "confirmed"
    assert gains.claimant is not None and gains.claimant.text == "Centre for Defence Studies"
    assert _texts(gains.confirmed_by) == ["Ukrainian officials"]
    assert gains.evidence == ["visually verified"]


@pytest.mark.model
def test_said_that_is_claimed(parser: Language) -> None:
    doc = parser("Minister Petrov said that Bulgarian jets intercepted two drones over the Black Sea.")
    claim = attribute(_at(doc, "intercepted"))
    assert (claim.status, claim.verb, claim.quote) == ("claimed", "said", False)
    assert claim.claimant is not None and "Petrov" in claim.claimant.text


@pytest.mark.model
def test_outlet_reporting_is_reported(parser: Language) -> None:
    doc = parser("Militants attacked a checkpoint near Kidal, as *Jeune Afrique* reported on Monday.")
    claim = attribute(_at(doc, "attacked"))
    assert claim.status == "reported"
    assert claim.outlet is not None and claim.outlet.text == "Jeune Afrique"


@pytest.mark.model
def test_denial(parser: Language) -> None:
    doc = parser("The defence ministry denied that its jets bombed the market.")
    claim = attribute(_at(doc, "bombed"))
    assert claim.status == "denied"
    assert _texts(claim.denied_by) == ["defence ministry"]


@pytest.mark.model
def test_according_to(parser: Language) -> None:
    doc = parser("According to local officials, police arrested more than 200 protesters in the capital.")
    claim = attribute(_at(doc, "arrested"))
    assert (claim.status, claim.verb) == ("claimed", "according to")
    assert claim.claimant is not None and claim.claimant.text == "local officials"


@pytest.mark.model
def test_confirmation_with_evidence_word(parser: Language) -> None:
    doc = parser("President Duda officially confirmed the operation had started.")
    claim = attribute(_at(doc, "started"))
    assert claim.status == "confirmed"
    assert claim.confirmed_by and "Duda" in claim.confirmed_by[0].text
    assert claim.evidence == ["officially"]


@pytest.mark.model
def test_block_quote_carries_the_outlet(parser: Language) -> None:
    doc = parser("As *Le Monde* wrote on Friday:\n\nAny breakthrough would strengthen the case for new "
                 "sanctions.\n\nThe talks resumed in Brussels on Monday.")
    claim = attribute(_at(doc, "strengthen"))
    assert claim.status == "reported"
    assert claim.claimant is not None and claim.claimant.text == "Le Monde"
    assert claim.quote
    after = attribute(_at(doc, "resumed"))
    assert after.status == "asserted" and after.claimant is None


@pytest.mark.model
def test_narrator_statement_is_asserted(parser: Language) -> None:
    doc = parser("Serbian police detained four men in Novi Sad on Tuesday.")
    claim = attribute(_at(doc, "detained"))
    assert claim.status == "asserted"
    assert claim.claimant is None and not claim.confirmed_by and not claim.quote


@pytest.mark.model
def test_sentence_cut_by_a_line_break(parser: Language) -> None:
    doc = parser("Over the weekend, the *Guardian* confirmed the Ukrainian claim that four Russian T-90 tanks were"
                 "\n\ndestroyed near Vuhledar.")
    claim = attribute(_at(doc, "destroyed"))
    assert claim.status == "confirmed"
    assert claim.claimant is not None and claim.claimant.text == "Ukrainian"


@pytest.mark.model
def test_unknown_speaker_is_resolved_by_the_earlier_apposition(parser: Language) -> None:
    doc = parser("Olena Marchenko, an adviser to the Ukrainian defence minister, spoke on Monday. "
                 "Marchenko claimed that Hungary blocked the aid package.")
    claim = attribute(_at(doc, "blocked"))
    assert claim.status == "claimed"
    assert claim.claimant is not None and claim.claimant.text == "Marchenko"
    assert claim.claimant.code == "UKR"


@pytest.mark.model
@pytest.mark.parametrize(("text", "word", "denier"), [
    ("Belgrade dismissed reports that Serbian troops had massed near the border.", "massed", "Belgrade"),
    ("Kyiv rejected the claim that its drones struck a refinery in Bryansk.", "struck", "Kyiv"),
])
def test_dismissing_or_rejecting_a_claim_is_a_denial(parser: Language, text: str, word: str,
                                                      denier: str) -> None:
    claim = attribute(_at(parser(text), word))
    assert claim.status == "denied"
    assert _texts(claim.denied_by) == [denier]


@pytest.mark.model
def test_possessive_claim_noun(parser: Language) -> None:
    doc = parser("Moscow's claim that Ukrainian saboteurs crossed into Belgorod could not be independently "
                 "verified.")
    claim = attribute(_at(doc, "crossed"))
    assert claim.status == "claimed"
    assert claim.claimant is not None and claim.claimant.text == "Moscow"
    assert claim.evidence == ["could not be independently verified"]


@pytest.mark.model
def test_a_ministry_reporting_is_a_claim_not_a_report(parser: Language) -> None:
    doc = parser("The interior ministry reported that police detained nine smugglers.")
    claim = attribute(_at(doc, "detained"))
    assert claim.status == "claimed"
    assert claim.outlet is None
