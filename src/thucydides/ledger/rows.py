"""Rows of the ledger's mention table, derived from the model (shared by storing and migration 5)."""

from __future__ import annotations

from typing import Any

from thucydides.model import Event, Mention, Sentence


def event_mentions(e: Event) -> list[Mention]:
    """The event's mentions; an event stored before mentions existed has its own sentence and trigger."""
    if e.mentions:
        return e.mentions
    if e.sentence is None:
        return []
    return [Mention(sentence=e.sentence, trigger=e.trigger, trigger_start=e.trigger_start, trigger_end=e.trigger_end)]


def mention_rows(e: Event) -> list[dict[str, Any]]:
    return [{"event_id": e.id, "position": i, "doc_id": e.doc_id, "sentence_index": m.sentence.index,
             "trigger": m.trigger, "trigger_start": m.trigger_start, "trigger_end": m.trigger_end}
            for i, m in enumerate(event_mentions(e))]


def mention_sentences(e: Event) -> list[Sentence]:
    """Every sentence the event is mentioned in (its own first)."""
    out = [e.sentence] if e.sentence is not None else []
    return out + [m.sentence for m in e.mentions if m.sentence is not None]
