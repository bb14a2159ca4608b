"""The ledger keeps candidates left out of the default output and every mention of an event; its queries,
incidents and claims leave the candidates out unless asked (``include_dropped``, ``?candidates``)."""

from __future__ import annotations

from ledger.test_ledger import make_doc, make_event  # tests/ is on sys.path (pytest pythonpath)
from thucydides.ledger import Ledger
from thucydides.model import Mention, Sentence
from thucydides.web.filters import event_filters


def test_ledger_queries_leave_dropped_candidates_out_unless_asked(ledger: Ledger) -> None:
    doc = make_doc("dropped")
    kept = make_event(doc)
    kept.mentions = [Mention(sentence=kept.sentence or Sentence(0, "", 0, 0), trigger="struck"),
                     Mention(sentence=Sentence(index=3, text="The strike destroyed the depot.", start=200, end=231),
                             trigger="strike", trigger_start=204, trigger_end=210)]
    generic = make_event(doc, index=1, sentence="Years of war have emptied the region.")
    generic.dropped = "generic mention"
    assert ledger.store(doc, [kept, generic]) == 2
    assert [e.dropped for e in ledger.events()] == [None]
    assert sorted(str(e.dropped) for e in ledger.events(include_dropped=True)) == ["None", "generic mention"]
    assert ledger.count_events() == 1 and ledger.count_events(include_dropped=True) == 2
    assert [e.id for e in ledger.events(text="destroyed the depot")] == [kept.id]  # the second mention
    assert len(ledger.incidents()) == 1 and [r.event_id for r in ledger.incidents()[0].reports] == [kept.id]
    assert len(ledger.claims()) == 0 or all(c["event_id"] == kept.id for c in ledger.claims())
    assert ledger.store(doc, [kept, generic]) == 0  # again: nothing new


def test_api_filters_ask_for_candidates() -> None:
    assert event_filters({"candidates": "true"})["include_dropped"] is True
    assert event_filters({"min_confidence": "0"})["include_dropped"] is True
    assert "include_dropped" not in event_filters({"min_confidence": "0.5", "candidates": ""})
