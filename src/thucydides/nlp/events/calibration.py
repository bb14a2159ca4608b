"""Confidence that means something: a small logistic model maps an event's features to the share of such
records that are right.

The weights are fitted on the project's own annotated corpus (``corpus/``) by ``corpus/calibrate.py`` and
ship in ``data/calibration.json`` with a meta block (data hash, seed, figures), the way a trained spaCy
pipeline ships its ``meta.json``. Inference is plain Python over the record; no training dependency.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from typing import Any

from thucydides.model import Event

_OFF: list[bool] = []


def features(record: dict[str, Any], in_sentence: int) -> dict[str, float]:
    """The model's inputs for one event record (``Event.to_dict()``); ``in_sentence`` counts the events of
    the default output in the same sentence."""
    actor = record["actor"][0] if record.get("actor") else {}
    why = actor.get("why") or ""
    claim = record.get("claim") or {}
    sentence = record.get("sentence") or {}
    return {
        "bias": 1.0,
        "confidence": float(record.get("confidence", 0.5)),
        f"type={record['event']}": 1.0,
        f"actor_kind={actor.get('kind')}": 1.0,
        f"actor_sector={actor.get('sector')}": 1.0,
        "actor_from_earlier_mention": 1.0 if "refers to" in why or "earlier" in why else 0.0,
        "actor_from_place": 1.0 if why.startswith("place") else 0.0,
        "recipient_coded": 1.0 if any(r.get("code") for r in record.get("recipient") or []) else 0.0,
        "several_mentions": 1.0 if len(record.get("mentions") or []) > 1 else 0.0,
        f"claim={claim.get('status')}": 1.0,
        "in_quotation": 1.0 if claim.get("quote") else 0.0,
        f"date_precision={record.get('date_precision')}": 1.0,
        "has_location": 1.0 if record.get("location") else 0.0,
        "sentence_position": min(int(sentence.get("index") or 0), 40) / 40,
        "events_in_sentence": min(in_sentence, 6) / 6,
        "recoded": 1.0 if record.get("recoded_from") else 0.0,
    }


def _view(ev: Event) -> dict[str, Any]:
    """The fields ``features`` reads, taken from the event as it is (``Event.to_dict`` copies every nested
    record, which cost more than the rest of the calibration)."""
    claim = ev.claim
    return {
        "actor": [vars(ev.actor[0])] if ev.actor else [],
        "claim": {"status": claim.status, "quote": claim.quote} if claim is not None else {},
        "sentence": {"index": ev.sentence.index} if ev.sentence is not None else {},
        "confidence": ev.confidence, "event": ev.event,
        "recipient": [{"code": r.code} for r in ev.recipient],
        "mentions": ev.mentions, "date_precision": ev.date_precision, "location": ev.location,
        "recoded_from": ev.recoded_from,
    }


@lru_cache(maxsize=1)
def model() -> dict[str, Any] | None:
    """The fitted weights and their meta, or None when the package ships none."""
    path = resources.files("thucydides.nlp.events") / "data" / "calibration.json"
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def in_sentence_counts(events: Sequence[Event]) -> Counter[int]:
    return Counter(e.sentence.index for e in events if e.sentence is not None and e.dropped is None)


def calibrate(events: Sequence[Event]) -> None:
    """Replace each event's rule confidence by the calibrated probability that it is right."""
    fitted = model()
    if fitted is None or _OFF:
        return
    weights: dict[str, float] = fitted["weights"]
    counts = in_sentence_counts(events)
    for ev in events:
        index = ev.sentence.index if ev.sentence is not None else -1
        x = features(_view(ev), counts.get(index, 0))
        z = sum(weights.get(k, 0.0) * v for k, v in x.items())
        ev.confidence = round(1.0 / (1.0 + math.exp(-z)), 2)


@contextmanager
def uncalibrated() -> Iterator[None]:
    """Rule confidences as they are, for refitting the model (``corpus/calibrate.py``)."""
    _OFF.append(True)
    try:
        yield
    finally:
        _OFF.pop()
