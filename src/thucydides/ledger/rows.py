"""The ledger's rows built from the model: a document, its sentences, events, actors, claim parties,
quotes and mentions, as storing one document (``Ledger.store``) and a batch (:mod:`.bulk`) write them; the
mention rows are shared with migration 5."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

from thucydides.model import ATTESTING_DROPS, Document, Event, Mention, Quote, Sentence, content_hash


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


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _fields(obj: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = _field_names(type(obj))
        own = getattr(obj, "__dict__", None)
        if own is not None and len(own) == len(names):  # just its fields, set in field order by __init__
            return own  # type: ignore[no-any-return]
        return {name: getattr(obj, name) for name in names}
    raise TypeError(f"{type(obj).__name__} is not JSON serialisable")


def record_json(record: Any) -> str:
    """The JSON of ``record.to_dict()``, without copying the record first (the stored ``record`` column)."""
    return _RECORD_JSON.encode(record)


_RECORD_JSON = json.JSONEncoder(default=_fields, ensure_ascii=False)  # made once: storing is hot


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def filed_events(evs: Sequence[Event]) -> list[Event]:
    """The events incidents are built from: the default output, and reports without a coded actor (they still
    attest a happening: "explosions shook the port", said by a second outlet, corroborates the strike)."""
    return [e for e in evs if e.dropped is None or e.dropped in ATTESTING_DROPS]


def _prepare_events(doc: Document, evs: Sequence[Event]) -> list[Event]:
    """The document's events with doc id, source and content-hash id set, duplicates dropped."""
    seen: dict[str, Event] = {}
    for e in evs:
        if e.doc_id != doc.id:
            e.doc_id = doc.id
            e.id = ""
        if not e.id:
            e.assign_id()
        if e.source is None:
            e.source = doc.source
        seen.setdefault(e.id, e)
    return list(seen.values())


def _document_row(doc: Document, status: str, error: str | None, n_events: int) -> dict[str, Any]:
    return {"id": doc.id, "path": doc.path, "source": doc.source, "title": doc.title, "date": doc.date,
            "url": doc.url, "language": doc.language, "status": status, "error": error,
            "coded_at": _now(), "n_events": n_events, "content_hash": doc.content_hash}


def _sentence_rows(doc_id: str, evs: Sequence[Event]) -> list[dict[str, Any]]:
    rows: dict[int, dict[str, Any]] = {}
    for e in evs:
        for s in mention_sentences(e):
            if s.index in rows:
                continue
            rows[s.index] = {"doc_id": doc_id, "index": s.index,
                             "text": s.text, "start": s.start, "end": s.end}
    return [rows[i] for i in sorted(rows)]


def _event_row(e: Event) -> dict[str, Any]:
    loc, claim = e.location, e.claim
    return {"id": e.id, "doc_id": e.doc_id, "event": e.event, "mode": e.mode, "quad": e.quad,
            "date": e.date, "date_end": e.date_end, "date_precision": e.date_precision,
            "aux_mode": e.aux_mode, "claim_status": claim.status,
            "claimant_code": claim.claimant.code if claim.claimant else None,
            "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
            "lat": loc.lat if loc else None, "lon": loc.lon if loc else None, "confidence": e.confidence,
            "trigger": e.trigger, "sentence_index": e.sentence.index if e.sentence else None,
            "record": record_json(e), "dropped": e.dropped}


def _actor_rows(e: Event) -> list[dict[str, Any]]:
    return [{"event_id": e.id, "role": role, "position": i, "text": a.text, "code": a.code, "org": a.org,
             "sector": a.sector, "name": a.name, "kind": a.kind}
            for role, group in (("actor", e.actor), ("recipient", e.recipient)) for i, a in enumerate(group)]


def _claim_rows(e: Event) -> list[dict[str, Any]]:
    claim = e.claim
    parties = [("claimant", [claim.claimant] if claim.claimant else []), ("confirmed_by", claim.confirmed_by),
               ("denied_by", claim.denied_by)]
    return [{"event_id": e.id, "role": role, "position": i, "code": a.code, "name": a.name, "text": a.text}
            for role, group in parties for i, a in enumerate(group)]


def _quote_rows(doc_id: str, qs: Sequence[Quote]) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for q in qs:
        q.doc_id = doc_id
        if not q.id:
            q.id = content_hash(doc_id, q.start, q.end, q.text)
        sp = q.speaker
        rows.setdefault(q.id, {"id": q.id, "doc_id": doc_id, "speaker": sp.text if sp else None,
                               "speaker_code": sp.code if sp else None, "speaker_name": sp.name if sp else None,
                               "text": q.text, "start": q.start, "end": q.end,
                               "record": record_json(q)})
    return list(rows.values())
