"""Direct, block and indirect quotations with their speakers; pronouns resolved to speakers."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.nlp.provenance.quotes import extract_quotes
from thucydides.nlp.provenance.speakers import resolve_pronoun

ARTICLE = (
    "The Baltic Research Centre claimed, \u201cRussian units shelled Kupiansk twice on Sunday.\u201d "
    "It added, \u201cThe strikes hit a school.\u201d\n\n"
    "Finnish President Sauli Niinist\u00f6 said the border would stay closed. "
    "He added, \"We will not be intimidated.\"\n\n"
    "*Helsingin Sanomat* described the new measures as follows:\n\n"
    "Guards will inspect every lorry and close two crossings at night.\n\n"
    "The opposition criticised the decision."
)


@pytest.fixture(scope="module")
def quotes(parser: Language) -> list:
    return extract_quotes(parser(ARTICLE), "2023-11-20")


@pytest.mark.model
def test_direct_quotes_with_curly_and_straight_marks(quotes: list) -> None:
    direct = [(q.text, q.speaker.text if q.speaker else None, q.verb) for q in quotes if q.direct]
    assert ("Russian units shelled Kupiansk twice on Sunday.", "Baltic Research Centre", "claimed") in direct
    assert ("We will not be intimidated.", "Sauli Niinist\u00f6", "added") in direct


@pytest.mark.model
def test_pronoun_speaker_is_the_previous_speaker(quotes: list) -> None:
    strikes = next(q for q in quotes if q.text.startswith("The strikes"))
    assert strikes.speaker is not None and strikes.speaker.text == "Baltic Research Centre"
    assert strikes.verb == "added"


@pytest.mark.model
def test_block_quote_after_as_follows(quotes: list) -> None:
    block = next(q for q in quotes if q.text.startswith("Guards will inspect"))
    assert block.direct
    assert block.text.endswith("at night.")
    assert block.speaker is not None and block.speaker.text == "Helsingin Sanomat"
    assert block.speaker.kind == "outlet"


@pytest.mark.model
def test_indirect_quote(quotes: list) -> None:
    indirect = [q for q in quotes if not q.direct]
    assert [(q.text, q.speaker.text if q.speaker else None) for q in indirect] == [
        ("the border would stay closed", "Sauli Niinist\u00f6")]


@pytest.mark.model
def test_offsets_point_into_the_text(quotes: list) -> None:
    for q in quotes:
        assert ARTICLE[q.start:q.end] == q.text
        assert q.id


@pytest.mark.model
def test_quote_spanning_paragraphs(parser: Language) -> None:
    text = ("The envoy wrote, \u201cWe asked for talks.\n\nWe received no answer.\u201d "
            "Officials declined to comment.")
    quotes = extract_quotes(parser(text))
    assert [q.text for q in quotes if q.direct] == ["We asked for talks.\n\nWe received no answer."]


@pytest.mark.model
def test_resolve_pronoun_for_a_non_speaker(parser: Language) -> None:
    doc = parser("The Hungarian government blocked the package on Monday. It vetoed a second plan on Friday.")
    it = next(t for t in doc if t.text == "It")
    span = resolve_pronoun(it)
    assert span is not None and span.text.endswith("Hungarian government")


@pytest.mark.model
def test_resolve_pronoun_none_for_a_noun(parser: Language) -> None:
    doc = parser("Troops crossed the river.")
    assert resolve_pronoun(doc[0]) is None
