"""An event said to finish or continue is under way, whatever the tense of its ending."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.nlp.provenance.modality import aux_mode

pytestmark = pytest.mark.model


def test_an_offensive_that_would_finish_soon_is_real(parser: Language) -> None:
    doc = parser("The ministry said the offensive would finish within days.")
    assert aux_mode(next(t for t in doc if t.text == "offensive")) is None


def test_an_offensive_that_will_begin_is_future(parser: Language) -> None:
    doc = parser("The offensive will begin next week.")
    assert aux_mode(next(t for t in doc if t.text == "offensive")) == "future"


def test_what_a_past_act_followed_is_a_fact(parser: Language) -> None:
    doc = parser("The council called for the truce to begin at once but did not set a date, following Chinese "
                 "objections.")
    assert aux_mode(next(t for t in doc if t.text == "objections")) is None


def test_what_a_future_act_will_follow_is_not_made_a_fact(parser: Language) -> None:
    doc = parser("The army will withdraw after talks with the rebels next week.")
    assert aux_mode(next(t for t in doc if t.text == "talks")) == "future"
