"""Reviewers' corrections laid over the stored coding: read the active ones, apply them to a record.

The lowest layer of corrections: queries and incidents read through it; ``corrections`` writes them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from thucydides.ledger.schema import corrections
from thucydides.model import QUAD

WRONG = "wrong"


def apply(record: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """The event record with one correction's fields set (a new dict; ``wrong`` is not a record field)."""
    out = dict(record)
    for field, value in changes.items():
        if field == WRONG:
            continue
        out[field] = value
        if field == "event":
            out["quad"] = QUAD.get(value)
            out["recoded_from"] = None
        elif field == "date":
            out["date_end"] = None
            out["date_precision"] = ({10: "day", 7: "month", 4: "year"}.get(len(value)) if value else "document")
            out["date_text"] = None
    return out


def effective(record: dict[str, Any], active: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], bool]:
    """The record with the active corrections laid over it, oldest first, and whether it is marked wrong."""
    wrong = False
    for changes in active:
        record = apply(record, changes)
        if WRONG in changes:
            wrong = bool(changes[WRONG])
    return record, wrong


def active_changes(conn: Connection, event_ids: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """The changes of the active corrections, oldest first, by event id (all events when ``event_ids`` is None)."""
    query = (select(corrections.c.event_id, corrections.c.after).where(corrections.c.undone_at.is_(None))
             .order_by(corrections.c.id))
    if event_ids is not None:
        ids = sorted(set(event_ids))
        if not ids:
            return {}
        query = query.where(corrections.c.event_id.in_(ids))
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event_id, after in conn.execute(query):
        out[event_id].append(json.loads(after))
    return dict(out)
