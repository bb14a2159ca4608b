"""Reading the ledger: filtered selects that return model records."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, exists, func, or_, select

from thucydides.ledger import corroboration as cor
from thucydides.errors import E, ThucydidesError
from thucydides.model import EVENT_TYPES, Document, Event, Incident, Quote
from thucydides.ledger.incidents import load_pairs, to_incident
from thucydides.ledger.schema import TABLES, actors, claim_parties, documents, events, incident_reports, incidents, quotes, sentences

_QUERY_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
DOCUMENT_STATUSES = ("coded", "failed", "skipped")


def date_bounds(value: str) -> tuple[str, str]:
    """(first day, first day after) a query date as ISO prefixes: "2024-03" -> ("2024-03", "2024-04").

    Raises ThucydidesError(E.BAD_QUERY_DATE) for anything but YYYY, YYYY-MM or YYYY-MM-DD."""
    m = _QUERY_DATE.match(value.strip())
    if not m:
        raise ThucydidesError(E.BAD_QUERY_DATE.format(value=value))
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            d = date(int(year), int(month), int(day))
            return d.isoformat(), date.fromordinal(d.toordinal() + 1).isoformat()
        if month:
            if not 1 <= int(month) <= 12:
                raise ValueError(month)
            nxt = (int(year) + 1, 1) if month == "12" else (int(year), int(month) + 1)
            return f"{year}-{month}", f"{nxt[0]:04d}-{nxt[1]:02d}"
        return year, f"{int(year) + 1:04d}"
    except ValueError as exc:
        raise ThucydidesError(E.BAD_QUERY_DATE.format(value=value)) from exc


def check_event_type(value: str) -> str:
    """The PLOVER type, upper-cased; raises ThucydidesError(E.UNKNOWN_EVENT_TYPE) for anything else."""
    event_type = value.strip().upper()
    if event_type not in EVENT_TYPES:
        raise ThucydidesError(E.UNKNOWN_EVENT_TYPE.format(value=value, choices=", ".join(EVENT_TYPES)))
    return event_type


def _names(table: Any, value: str) -> ColumnElement[bool]:
    """Case-insensitive match on a code, organisation or name column."""
    q = value.strip().casefold()
    cols = [table.c.code, table.c.name] + ([table.c.org] if "org" in table.c else [])
    return or_(*(func.lower(c) == q for c in cols))


def _party(role: str, value: str) -> ColumnElement[bool]:
    return exists().where(actors.c.event_id == events.c.id, actors.c.role == role, _names(actors, value))


def select_events(conn: Connection, *, event: str | None = None, quad: int | None = None,
                  actor: str | None = None, recipient: str | None = None, since: str | None = None,
                  until: str | None = None, text: str | None = None, doc_id: str | None = None,
                  aux_mode: str | None = None, real_only: bool = False, limit: int | None = None) -> list[Event]:
    conds: list[ColumnElement[bool]] = []
    if event:
        conds.append(events.c.event == check_event_type(event))
    if quad is not None:
        conds.append(events.c.quad == quad)
    if actor:
        conds.append(_party("actor", actor))
    if recipient:
        conds.append(_party("recipient", recipient))
    if since:
        conds.append(events.c.date >= date_bounds(since)[0])
    if until:
        conds.append(events.c.date < date_bounds(until)[1])
    if text:
        conds.append(exists().where(sentences.c.doc_id == events.c.doc_id,
                                    sentences.c.index == events.c.sentence_index,
                                    func.lower(sentences.c.text).contains(text.casefold(), autoescape=True)))
    if doc_id:
        conds.append(events.c.doc_id == doc_id)
    if aux_mode:
        conds.append(events.c.aux_mode == aux_mode.strip().lower())
    if real_only:
        unreal = sorted(cor.load_rules().unreal_aux_modes)
        conds.append(or_(events.c.aux_mode.is_(None), events.c.aux_mode.not_in(unreal)))
    query = (select(events.c.record).where(*conds)
             .order_by(events.c.date.is_(None), events.c.date, events.c.doc_id, events.c.sentence_index,
                       events.c.id))
    if limit is not None:
        query = query.limit(limit)
    return [Event.from_dict(json.loads(r[0])) for r in conn.execute(query)]


def select_documents(conn: Connection, status: str | None = None) -> list[Document]:
    query = select(documents).order_by(documents.c.coded_at, documents.c.id)
    if status:
        query = query.where(documents.c.status == status.strip().lower())
    out = []
    for r in conn.execute(query).mappings():
        out.append(Document(text="", id=r["id"], content_hash=r["id"], date=r["date"], source=r["source"],
                            title=r["title"], url=r["url"], path=r["path"], language=r["language"],
                            status=r["status"], error=r["error"]))
    return out


def select_quotes(conn: Connection, speaker: str | None = None) -> list[Quote]:
    query = select(quotes.c.record).order_by(quotes.c.doc_id, quotes.c.start, quotes.c.id)
    if speaker:
        q = speaker.strip().casefold()
        query = query.where(or_(*(func.lower(c) == q for c in
                                  (quotes.c.speaker, quotes.c.speaker_code, quotes.c.speaker_name))))
    return [Quote.from_dict(json.loads(r[0])) for r in conn.execute(query)]


def select_claims(conn: Connection, by: str | None = None) -> list[dict[str, Any]]:
    """Events that carry a claim (a claimant, or a status other than asserted), with who confirms or denies."""
    conds: list[ColumnElement[bool]] = [or_(events.c.claimant_code.is_not(None),
                                            events.c.claim_status != "asserted",
                                            exists().where(claim_parties.c.event_id == events.c.id))]
    if by:
        conds.append(exists().where(claim_parties.c.event_id == events.c.id,
                                    claim_parties.c.role == "claimant",
                                    or_(_names(claim_parties, by),
                                        func.lower(claim_parties.c.text) == by.strip().casefold())))
    query = (select(events.c.record).where(*conds)
             .order_by(events.c.date.is_(None), events.c.date, events.c.doc_id, events.c.id))
    out = []
    for (record,) in conn.execute(query):
        e = Event.from_dict(json.loads(record))
        out.append({"event_id": e.id, "doc_id": e.doc_id, "date": e.date, "event": e.event,
                    "actor": [a.to_dict() for a in e.actor], "recipient": [a.to_dict() for a in e.recipient],
                    "status": e.claim.status,
                    "claimant": e.claim.claimant.to_dict() if e.claim.claimant else None,
                    "confirmed_by": [a.to_dict() for a in e.claim.confirmed_by],
                    "denied_by": [a.to_dict() for a in e.claim.denied_by],
                    "verb": e.claim.verb, "source": e.source,
                    "sentence": e.sentence.text if e.sentence else None})
    return out


def select_incidents(conn: Connection, *, corroborated: bool | None = None, disputed: bool | None = None,
                     actor: str | None = None, since: str | None = None, until: str | None = None,
                     place: str | None = None, event: str | None = None) -> list[Incident]:
    """Incidents; ``corroborated`` means corroborated or confirmed by an adversary, ``actor`` matches a code
    on either side, ``event`` any report's event type, dates the incident's range."""
    conds: list[ColumnElement[bool]] = []
    confirmed = incidents.c.status.in_(("corroborated", "confirmed-by-adversary"))
    if corroborated is not None:
        conds.append(confirmed if corroborated else ~confirmed)
    if disputed is not None:
        conds.append(incidents.c.status == "disputed" if disputed else incidents.c.status != "disputed")
    if actor:
        token = json.dumps(actor.strip().upper())
        conds.append(or_(incidents.c.actor.contains(token, autoescape=True),
                         incidents.c.recipient.contains(token, autoescape=True)))
    if since:
        conds.append(func.coalesce(incidents.c.date_end, incidents.c.date) >= date_bounds(since)[0])
    if until:
        conds.append(incidents.c.date < date_bounds(until)[1])
    if place:
        q = place.strip().casefold()
        conds.append(or_(func.lower(incidents.c.location) == q, func.lower(incidents.c.country) == q))
    if event:
        conds.append(exists().where(incident_reports.c.incident_id == incidents.c.id,
                                    events.c.id == incident_reports.c.event_id,
                                    events.c.event == check_event_type(event)))
    query = (select(incidents).where(*conds)
             .order_by(incidents.c.date.is_(None), incidents.c.date, incidents.c.id))
    rows = [dict(r) for r in conn.execute(query).mappings()]
    pairs = load_pairs(conn, [str(r["id"]) for r in rows])
    return [to_incident(r, pairs.get(str(r["id"]), [])) for r in rows]


def count_stats(conn: Connection) -> dict[str, Any]:
    """Rows per table, documents per status, incidents per status."""
    out: dict[str, Any] = {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
                           for t in TABLES}
    out["document_status"] = {s: int(n) for s, n in conn.execute(
        select(documents.c.status, func.count()).group_by(documents.c.status))}
    out["incident_status"] = {s: int(n) for s, n in conn.execute(
        select(incidents.c.status, func.count()).group_by(incidents.c.status))}
    return out
