"""The project's annotated corpus (corpus/docs) is well-formed and its scorer matches as documented."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_corpus", CORPUS / "score_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_corpus"] = module
    spec.loader.exec_module(module)
    return module


scorer = _load_scorer()
DOC_PATHS = sorted((CORPUS / "docs").glob("*.json"))


def test_corpus_has_documents() -> None:
    assert len(DOC_PATHS) >= 15


@pytest.mark.parametrize("path", DOC_PATHS, ids=lambda p: p.stem)
def test_document_is_well_formed(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["id"] == path.stem
    assert scorer.validate_doc(doc, path.name) == []
    for ev in doc["gold"]:
        assert ev["event"] in scorer.PLOVER_TYPES
        for q in ev["quotes"]:
            assert q in doc["text"]


def test_validation_reports_a_quote_that_is_not_in_the_text() -> None:
    doc = {
        "id": "x",
        "date": "2024-01-01",
        "source": "s",
        "title": "t",
        "register": "wire",
        "text": "Rebels shelled the town of Aldera on Monday.",
        "gold": [_gold("x-e1", "ASSAULT", ["Rebels bombed the town of Aldera"])],
    }
    problems = scorer.validate_doc(doc)
    assert any("not a verbatim substring" in p for p in problems)


def _gold(
    gid: str,
    event: str,
    quotes: list[str],
    real: bool = True,
    aux: str | None = None,
    historical: bool = False,
    also_ok: list[str] | None = None,
    actor: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "id": gid,
        "real": real,
        "aux_mode": aux,
        "historical": historical,
        "event": event,
        "also_ok": also_ok or [],
        "mode": None,
        "actor": actor or [],
        "recipient": [],
        "actor_text": "",
        "recipient_text": "",
        "date": "2024-03-04",
        "place": None,
        "claim": "asserted",
        "claimant": [],
        "quotes": quotes,
    }


def _out(
    text: str,
    sentence: str,
    event: str,
    code: str | None = None,
    aux: str | None = None,
    date: str | None = None,
) -> dict[str, Any]:
    start = text.index(sentence)
    return {
        "event": event,
        "aux_mode": aux,
        "date": date,
        "actor": [{"text": "x", "code": code}] if code else [],
        "sentence": {"start": start, "end": start + len(sentence), "text": sentence},
    }


TEXT = (
    "Army jets bombed Aldera on Monday. The bombing killed nine. "
    "The rebels threatened to retaliate. Talks are scheduled for next week. "
    "In 2011 the army crushed a protest."
)
S1, S2, S3, S4, S5 = (
    "Army jets bombed Aldera on Monday.",
    "The bombing killed nine.",
    "The rebels threatened to retaliate.",
    "Talks are scheduled for next week.",
    "In 2011 the army crushed a protest.",
)
GOLD = [
    _gold("t-e1", "ASSAULT", ["Army jets bombed Aldera", "The bombing killed nine"], actor=["ALD"]),
    _gold("t-e2", "THREATEN", ["The rebels threatened to retaliate"], also_ok=["ACCUSE"]),
    _gold("t-e3", "CONSULT", ["Talks are scheduled for next week"], real=False, aux="future"),
    _gold("t-e4", "ASSAULT", ["In 2011 the army crushed a protest"], historical=True),
]


def test_matching_counts_tp_duplicates_fp_traps_and_misses() -> None:
    outputs = [
        _out(TEXT, S1, "ASSAULT", code="ALD", date="2024-03-04"),  # tp, useful, date right
        _out(TEXT, S2, "ASSAULT"),  # second mention: duplicate
        _out(TEXT, S3, "ASSAULT"),  # wrong type: false positive
        _out(TEXT, S4, "CONSULT"),  # not-real gold: trap
        _out(TEXT, S5, "ASSAULT"),  # historical: neither
        _out(TEXT, S4, "CONSULT", aux="future"),  # aux_mode set: not scored
    ]
    res = scorer.match_document(TEXT, GOLD, outputs)
    assert (res.n_out, res.tp, res.dup, res.fp, res.trap, res.historical_hits) == (5, 1, 1, 2, 1, 1)
    assert [ev["id"] for ev in res.misses] == ["t-e2"]
    assert (res.useful, res.actor_right, res.actor_total, res.date_right) == (1, 1, 1, 1)
    figures = scorer.summarise([res])
    assert figures["precision"] == round(1 / 4, 3)
    assert figures["precision_no_dup"] == round(1 / 3, 3)
    assert figures["recall"] == 0.5


def test_also_ok_type_matches_and_wrong_actor_is_not_useful() -> None:
    outputs = [_out(TEXT, S3, "ACCUSE", code="ZZZ"), _out(TEXT, S1, "ASSAULT", code="ZZZ")]
    res = scorer.match_document(TEXT, GOLD, outputs)
    assert (res.tp, res.fp, res.useful, res.actor_right, res.actor_total) == (2, 0, 0, 0, 1)
    assert res.misses == []
