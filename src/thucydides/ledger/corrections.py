"""Review and correction of coded events: an append-only audit log laid over the stored coding.

A correction names an event and new values for some of its fields (``event``, ``mode``, ``actor``,
``recipient``, ``date``, ``location``) or marks it wrong. The event's stored record is never changed;
every query reads it and lays the active corrections (those not undone) over it, oldest first. Undoing a
correction marks it undone (who, when); it stays in the log. Events marked wrong drop out of event
lists, claims and incidents.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from thucydides.errors import E, ThucydidesError
from thucydides.ledger import corroboration as cor
from thucydides.ledger.facts import report_facts, summarise
from thucydides.ledger.incidents import effective as dated
from thucydides.ledger.overlay import WRONG, active_changes, effective
from thucydides.ledger.schema import corrections, documents, events, incident_reports, incidents
from thucydides.model import QUAD, Event

FIELDS = ("event", "mode", "actor", "recipient", "date", "location")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CODE = re.compile(r"^[A-Za-z]{3}$")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- values --------------------------------------------------------------------------------------------

def _actors(field: str, value: Any) -> list[dict[str, Any]]:
    """A corrected actor list: codes ("RUS"), or objects with at least "code" or "text"."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [v for v in re.split(r"[;,]", value) if v.strip()]
    if not isinstance(value, list):
        raise ThucydidesError(E.CORRECTION_VALUE.format(field=field, detail="give a list of codes or actors"))
    out = []
    for item in value:
        if isinstance(item, str):
            code = item.strip()
            if not code:
                continue
            out.append({"text": code, "code": code.upper() if _CODE.match(code) else None,
                        "name": None if _CODE.match(code) else code, "why": "corrected"})
        elif isinstance(item, dict) and (item.get("code") or item.get("text")):
            text = str(item.get("text") or item.get("code"))
            given = item.get("code")
            out.append({"text": text, "code": str(given).upper() if given else None,
                        "org": item.get("org"), "sector": item.get("sector"), "name": item.get("name"),
                        "why": "corrected"})
        else:
            raise ThucydidesError(E.CORRECTION_VALUE.format(
                field=field, detail=f"{item!r} is neither a code nor an object with \"code\" or \"text\""))
    return out


def _location(value: Any) -> dict[str, Any] | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return {"name": value.strip(), "how": "corrected"}
    if not isinstance(value, dict) or not str(value.get("name") or "").strip():
        raise ThucydidesError(E.CORRECTION_VALUE.format(field="location",
                                                        detail="give a place name or an object with \"name\""))
    out: dict[str, Any] = {"name": str(value["name"]).strip(), "how": "corrected"}
    country = value.get("country")
    if country:
        out["country"] = str(country).upper()
    for key in ("lat", "lon"):
        if value.get(key) not in (None, ""):
            try:
                out[key] = float(value[key])
            except (TypeError, ValueError) as exc:
                raise ThucydidesError(E.CORRECTION_VALUE.format(field="location",
                                                                detail=f"{key} is not a number")) from exc
    if "lat" in out and not -90 <= out["lat"] <= 90 or "lon" in out and not -180 <= out["lon"] <= 180:
        raise ThucydidesError(E.CORRECTION_VALUE.format(field="location", detail="lat/lon out of range"))
    if value.get("admin1"):
        out["admin1"] = str(value["admin1"])
    return out


def normalise(changes: dict[str, Any]) -> dict[str, Any]:
    """The fields a correction sets, checked and in stored form; raises ThucydidesError for bad input."""
    if not isinstance(changes, dict):
        raise ThucydidesError(E.CORRECTION_EMPTY.format(fields=", ".join(FIELDS)))
    out: dict[str, Any] = {}
    for field, value in changes.items():
        if field not in (*FIELDS, WRONG):
            raise ThucydidesError(E.CORRECTION_FIELD.format(field=field, fields=", ".join((*FIELDS, WRONG))))
        if field == "event":
            kind = str(value or "").strip().upper()
            if kind not in QUAD:
                raise ThucydidesError(E.CORRECTION_VALUE.format(
                    field=field, detail=f"{value!r} is not a PLOVER type; use one of {', '.join(QUAD)}"))
            out[field] = kind
        elif field == "mode":
            out[field] = str(value).strip() or None if value is not None else None
        elif field in ("actor", "recipient"):
            out[field] = _actors(field, value)
        elif field == "date":
            text = str(value or "").strip()
            if text and not _DATE.match(text):
                raise ThucydidesError(E.CORRECTION_VALUE.format(field=field, detail=f"{value!r} is not "
                                                                "YYYY, YYYY-MM or YYYY-MM-DD"))
            out[field] = text or None
        elif field == "location":
            out[field] = _location(value)
        else:
            if not isinstance(value, bool):
                raise ThucydidesError(E.CORRECTION_VALUE.format(field=field, detail="give true or false"))
            out[field] = value
    if not out:
        raise ThucydidesError(E.CORRECTION_EMPTY.format(fields=", ".join(FIELDS)))
    return out


def field_values(record: dict[str, Any], wrong: bool, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of some fields of an event record (``wrong`` for the review mark)."""
    out: dict[str, Any] = {}
    for field in fields:
        if field == WRONG:
            out[field] = wrong
        elif field == "date":
            out[field] = record.get("date")
        else:
            out[field] = record.get(field)
    return out


# -- reading -------------------------------------------------------------------------------------------

def corrected(conn: Connection, records: list[tuple[str, str]]) -> list[tuple[Event, bool]]:
    """(event id, stored record JSON) pairs as effective Events with their wrong mark."""
    changes = active_changes(conn, [i for i, _ in records])
    out = []
    for event_id, raw in records:
        record, wrong = effective(json.loads(raw), changes.get(event_id, ()))
        out.append((Event.from_dict(record), wrong))
    return out


def correction_row(row: Any) -> dict[str, Any]:
    """A correction log row as a JSON-ready dict."""
    return {"id": row["id"], "event_id": row["event_id"], "who": row["who"], "at": row["at"],
            "before": json.loads(row["before"]), "after": json.loads(row["after"]), "note": row["note"],
            "undone_at": row["undone_at"], "undone_by": row["undone_by"]}


def select_corrections(conn: Connection, event_id: str | None = None,
                       include_undone: bool = True) -> list[dict[str, Any]]:
    query = select(corrections).order_by(corrections.c.id)
    if event_id is not None:
        query = query.where(corrections.c.event_id == event_id)
    if not include_undone:
        query = query.where(corrections.c.undone_at.is_(None))
    return [correction_row(r) for r in conn.execute(query).mappings()]


def training_rows(conn: Connection, include_undone: bool = False) -> list[dict[str, Any]]:
    """One row per correction with the sentence, the trigger, the original coding and the coding after
    all active corrections: what a retraining of the event model reads."""
    rows = select_corrections(conn, include_undone=include_undone)
    ids = sorted({r["event_id"] for r in rows})
    stored = dict(conn.execute(select(events.c.id, events.c.record).where(events.c.id.in_(ids))).all()) if ids else {}
    changes = active_changes(conn, ids)
    keep = ("event", "mode", "quad", "actor", "recipient", "date", "location")
    out = []
    for r in rows:
        raw = stored.get(r["event_id"])
        if raw is None:
            continue
        original = json.loads(raw)
        now, wrong = effective(original, changes.get(r["event_id"], ()))
        out.append(dict(r, doc_id=original.get("doc_id"), source=original.get("source"),
                        sentence=original.get("sentence"), trigger=original.get("trigger"),
                        trigger_start=original.get("trigger_start"), trigger_end=original.get("trigger_end"),
                        original={k: original.get(k) for k in keep},
                        corrected={k: now.get(k) for k in keep}, wrong=wrong))
    return out


# -- writing -------------------------------------------------------------------------------------------

def _stored(conn: Connection, event_id: str) -> tuple[dict[str, Any], str | None, str | None]:
    row = conn.execute(select(events.c.record, documents.c.date, documents.c.source)
                       .select_from(events.join(documents, documents.c.id == events.c.doc_id))
                       .where(events.c.id == event_id)).first()
    if row is None:
        raise ThucydidesError(E.NO_EVENT.format(id=event_id))
    return json.loads(row[0]), row[1], row[2]


def _incident_of(conn: Connection, event_id: str) -> str | None:
    """The incident the event reports now, or the one it reported when it was last corrected."""
    found = conn.execute(select(incident_reports.c.incident_id)
                         .where(incident_reports.c.event_id == event_id)).scalar()
    if found is not None:
        return str(found)
    last = conn.execute(select(corrections.c.incident_id)
                        .where(corrections.c.event_id == event_id, corrections.c.incident_id.is_not(None))
                        .order_by(corrections.c.id.desc()).limit(1)).scalar()
    return str(last) if last is not None else None


def add_correction(conn: Connection, event_id: str, changes: dict[str, Any], who: str,
                   note: str | None = None) -> dict[str, Any]:
    """Log a correction of an event (in the open transaction) and refile its incident report."""
    if not who or not who.strip():
        raise ThucydidesError(E.NO_WHO)
    after = normalise(changes)
    original, doc_date, outlet = _stored(conn, event_id)
    now, wrong = effective(original, active_changes(conn, [event_id]).get(event_id, ()))
    before = field_values(now, wrong, after)
    incident_id = _incident_of(conn, event_id)
    result = conn.execute(corrections.insert().values(
        event_id=event_id, who=who.strip(), at=_now(), before=json.dumps(before, ensure_ascii=False),
        after=json.dumps(after, ensure_ascii=False), note=(note or "").strip() or None, incident_id=incident_id))
    correction_id = result.inserted_primary_key[0] if result.inserted_primary_key else None
    _refile(conn, event_id, incident_id, doc_date, outlet)
    row = conn.execute(select(corrections).where(corrections.c.id == correction_id)).mappings().one()
    return correction_row(row)


def undo_correction(conn: Connection, correction_id: int, who: str) -> dict[str, Any]:
    """Mark a correction undone (in the open transaction); the event's other corrections stay."""
    if not who or not who.strip():
        raise ThucydidesError(E.NO_WHO)
    row = conn.execute(select(corrections).where(corrections.c.id == correction_id)).mappings().first()
    if row is None:
        raise ThucydidesError(E.NO_CORRECTION.format(id=correction_id))
    if row["undone_at"] is not None:
        raise ThucydidesError(E.ALREADY_UNDONE.format(id=correction_id, when=row["undone_at"]))
    conn.execute(corrections.update().where(corrections.c.id == correction_id)
                 .values(undone_at=_now(), undone_by=who.strip()))
    _, doc_date, outlet = _stored(conn, row["event_id"])
    _refile(conn, row["event_id"], _incident_of(conn, row["event_id"]) or row["incident_id"], doc_date, outlet)
    again = conn.execute(select(corrections).where(corrections.c.id == correction_id)).mappings().one()
    return correction_row(again)


def _refile(conn: Connection, event_id: str, incident_id: str | None, doc_date: str | None,
            outlet: str | None) -> None:
    """Bring the event's report under its incident in line with its effective coding (dropped while it
    is marked wrong) and recompute the incident's summary. The event stays with the incident it was
    first filed under; grouping is not redone."""
    if incident_id is None:
        return
    rules = cor.load_rules()
    original, _, _ = _stored(conn, event_id)
    record, wrong = effective(original, active_changes(conn, [event_id]).get(event_id, ()))
    conn.execute(incident_reports.delete().where(incident_reports.c.event_id == event_id))
    if not wrong:
        event = dated(Event.from_dict(record), doc_date)
        conn.execute(incident_reports.insert().values(report_facts(event, incident_id, outlet, rules)))
    facts = [dict(r) for r in conn.execute(select(incident_reports)
                                           .where(incident_reports.c.incident_id == incident_id)).mappings()]
    if facts:
        conn.execute(incidents.update().where(incidents.c.id == incident_id).values(summarise(facts, rules)))
    else:
        conn.execute(incidents.update().where(incidents.c.id == incident_id)
                     .values(n_reports=0, sources=0, updated_at=_now()))
