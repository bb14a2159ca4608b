"""Keeping the incidents table up to date as documents are stored (inside the store's transaction)."""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, and_, or_, select

from .. import corroboration as cor
from ..model import Actor, Event, Incident, Place, Report
from .schema import documents, events, incident_reports, incidents

Pair = tuple[Event, Report]
_LONGEST = timedelta(days=366)  # a founding date range (YYYY precision) can start this much earlier


def effective(event: Event, doc_date: str | None) -> Event:
    """The event with the document's date when it has none of its own (for grouping only)."""
    if event.date or not doc_date:
        return event
    return dataclasses.replace(event, date=doc_date)


def load_pairs(conn: Connection, incident_ids: Iterable[str]) -> dict[str, list[Pair]]:
    """Each incident's reports with their events, in a stable order (date, then event id)."""
    ids = sorted(set(incident_ids))
    out: dict[str, list[Pair]] = defaultdict(list)
    if not ids:
        return out
    query = (select(incident_reports.c.incident_id, events.c.record, documents.c.date, documents.c.source)
             .select_from(incident_reports.join(events, events.c.id == incident_reports.c.event_id)
                          .join(documents, documents.c.id == incident_reports.c.doc_id))
             .where(incident_reports.c.incident_id.in_(ids)))
    for incident_id, record, doc_date, source in conn.execute(query):
        event = effective(Event.from_dict(json.loads(record)), doc_date)
        out[incident_id].append((event, cor.build_report(event, source)))
    for pairs in out.values():
        pairs.sort(key=lambda p: (p[0].date or "", p[0].id))
    return out


def _candidates(conn: Connection, event: Event, rules: cor.Rules) -> list[Event]:
    """Incidents that might hold the event (same family, compatible country, founded near its date), each as
    a summary Event (union of codes, place, founding date) to test with :func:`cor.same_happening`."""
    c = incidents.c
    conds = [c.family == cor.event_family(event.event, rules)]
    country = event.location.country if event.location else None
    if country:
        conds.append(or_(c.country == country, c.country.is_(None)))
    span = cor.date_span(event.date, event.date_end)
    if span is not None:
        gap = timedelta(days=rules.window_days)
        conds.append(or_(c.anchor_date.is_(None), and_(c.anchor_date <= (span[1] + gap).isoformat(),
                                                       c.anchor_date >= (span[0] - gap - _LONGEST).isoformat())))
    query = select(c.id, c.event, c.actor, c.recipient, c.location, c.country, c.lat, c.lon, c.anchor_date,
                   c.anchor_end).where(*conds).order_by(c.anchor_date, c.id)
    out = []
    for r in conn.execute(query).mappings():
        place = None
        if r["location"] or r["country"]:
            place = Place(name=r["location"] or r["country"], country=r["country"], lat=r["lat"], lon=r["lon"],
                          feature=None if r["location"] else "country")
        out.append(Event(event=r["event"], id=r["id"], date=r["anchor_date"], date_end=r["anchor_end"],
                         actor=[Actor(text=x, code=x) for x in json.loads(r["actor"])],
                         recipient=[Actor(text=x, code=x) for x in json.loads(r["recipient"])], location=place))
    return out


def assign_incidents(conn: Connection, new_events: Sequence[Event], doc_date: str | None,
                     outlet: str | None) -> int:
    """File each new real event under the incident it reports, founding one if none fits; returns how
    many incidents were touched. Deterministic: candidates are tried in (founding date, id) order."""
    rules = cor.load_rules()
    touched: set[str] = set()
    for raw in new_events:
        event = effective(raw, doc_date)
        if not cor.is_real(event, rules):
            continue
        chosen = next((s.id for s in _candidates(conn, event, rules) if cor.same_happening(event, s, rules)),
                      None)
        if chosen is None:
            chosen = cor.incident_id(event, rules)
            exists = conn.execute(select(incidents.c.id).where(incidents.c.id == chosen)).first()
            if exists is None:
                conn.execute(incidents.insert().values(_row(chosen, event, [(event, cor.build_report(
                    event, outlet))], rules, new=True)))
        conn.execute(incident_reports.insert().values(incident_id=chosen, event_id=event.id,
                                                      doc_id=event.doc_id, outlet=outlet))
        touched.add(chosen)
    if touched:
        for incident_id, pairs in load_pairs(conn, touched).items():
            conn.execute(incidents.update().where(incidents.c.id == incident_id)
                         .values(_row(incident_id, pairs[0][0], pairs, rules, new=False)))
    return len(touched)


def _row(incident_id: str, founder: Event, pairs: Sequence[Pair], rules: cor.Rules,
         new: bool) -> dict[str, object]:
    """The incidents row summarising its reports: codes, place, date range, sources, status."""
    actor_codes = set().union(*(cor.codes(e.actor) for e, _ in pairs))
    recipient_codes = set().union(*(cor.codes(e.recipient) for e, _ in pairs))
    spans = [s for s in (cor.date_span(e.date, e.date_end) for e, _ in pairs) if s is not None]
    located = [e.location for e, _ in pairs if e.location is not None]
    named = [p for p in located if cor.place_name(p, rules)]
    place = (named or located)[0] if located else None
    sources, status = cor.incident_status(pairs, actor_codes, recipient_codes, rules)
    start = min(s[0] for s in spans).isoformat() if spans else None
    end = max(s[1] for s in spans).isoformat() if spans else None
    row: dict[str, object] = {
        "actor": json.dumps(sorted(actor_codes)), "recipient": json.dumps(sorted(recipient_codes)),
        "location": place.name if place and cor.place_name(place, rules) else None,
        "country": next((p.country for p in located if p.country), None),
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "date": start, "date_end": end, "sources": sources, "n_reports": len(pairs), "status": status,
        "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if new:
        row.update(id=incident_id, event=founder.event, family=cor.event_family(founder.event, rules),
                   anchor_date=founder.date, anchor_end=founder.date_end)
    return row


def to_incident(row: dict[str, object], pairs: Sequence[Pair]) -> Incident:
    """An Incident record from its row and its reports."""
    date, date_end = row["date"], row["date_end"]
    return Incident(id=str(row["id"]), event=str(row["event"]), actor=json.loads(str(row["actor"])),
                    recipient=json.loads(str(row["recipient"])),
                    location=row["location"] if isinstance(row["location"], str) else None,
                    date=date if isinstance(date, str) else None,
                    date_end=date_end if isinstance(date_end, str) and date_end != date else None,
                    reports=[r for _, r in pairs], sources=int(row["sources"]),  # type: ignore[call-overload]
                    status=str(row["status"]))
