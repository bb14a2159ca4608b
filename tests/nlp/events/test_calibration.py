"""The confidence model: its features are read off the event exactly as off its JSON record, and it maps
them into (0, 1)."""

from __future__ import annotations

import pytest

import thucydides
from thucydides.nlp.events.calibration import _view, features, model

pytestmark = pytest.mark.model

TEXT = ("Kenyan police arrested 40 protesters in Nairobi on Monday, the interior ministry said. Uganda's "
        "foreign minister, Jeje Odongo, met his Kenyan counterpart in Kampala on Tuesday and agreed to reopen "
        "the border. \u201cWe condemn the shelling of the camp,\u201d the UN envoy said, blaming the rebels.")


def test_features_of_the_event_are_those_of_its_record() -> None:
    events = thucydides.code(TEXT, date="2024-03-05", candidates=True)
    assert len(events) >= 3
    for ev in events:
        assert features(_view(ev), 2) == features(ev.to_dict(), 2)


def test_confidences_are_probabilities_from_the_shipped_model() -> None:
    assert model() is not None and model()["weights"]
    for ev in thucydides.code(TEXT, date="2024-03-05"):
        assert 0.0 < ev.confidence < 1.0
