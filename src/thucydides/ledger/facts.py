"""The small facts of a report and an incident, as ledger rows: what the store path works from.

A report's facts (``incident_reports`` columns: codes, place, dates, source, claim) are enough to
recompute its incident's summary row (:func:`summarise`) and an incident's summary is enough to say
where it is filed (:func:`incident_keys`) and to test a new event against it (:func:`summary_event`).
No JSON record is read on the way.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from thucydides.ledger import corroboration as cor
from thucydides.model import Actor, Event, Place

BUCKET_DAYS = 7  # width of the date buckets incidents are filed under (changing it needs a migration)
UNDATED = "*"  # the bucket of incidents without a usable date

Row = Mapping[Any, Any]  # a dict or an SQLAlchemy RowMapping


def join_codes(codes: Iterable[str | None]) -> str | None:
    """Codes as one column: ";"-joined, "" for an actor without a code, NULL for none at all."""
    listed = [c or "" for c in codes]
    return ";".join(listed) if listed else None


def split_codes(value: str | None) -> list[str | None]:
    """The codes :func:`join_codes` stored (None for an actor without a code)."""
    if value is None:
        return []
    return [c or None for c in value.split(";")]


def report_facts(event: Event, incident_id: str, outlet: str | None, rules: cor.Rules) -> dict[str, Any]:
    """The ``incident_reports`` row of an event (its effective date already set) filed under an incident."""
    loc, claim = event.location, event.claim
    return {
        "incident_id": incident_id, "event_id": event.id, "doc_id": event.doc_id, "outlet": outlet,
        "event": event.event, "date": event.date, "date_end": event.date_end,
        "actor_codes": join_codes(sorted(cor.codes(event.actor))),
        "recipient_codes": join_codes(sorted(cor.codes(event.recipient))),
        "location": loc.name if loc else None, "named": cor.place_name(loc, rules) is not None,
        "country": loc.country if loc else None, "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "source_key": cor.report_source(event, outlet, event.doc_id), "claim_status": claim.status,
        "claimant_code": claim.claimant.code if claim.claimant else None,
        "confirmer_codes": join_codes(a.code for a in claim.confirmed_by),
        "denier_codes": join_codes(a.code for a in claim.denied_by), "is_real": cor.is_real(event, rules),
    }


def _report_order(row: Row) -> tuple[str, str]:
    return (row["date"] or "", row["event_id"])


def summarise(reports: Sequence[Row], rules: cor.Rules) -> dict[str, Any]:
    """The ``incidents`` columns an incident's reports determine: codes, place, date range, sources,
    status, number of reports. Reports are taken in (date, event id) order, as the ledger lists them."""
    actor_codes: set[str] = set()
    recipient_codes: set[str] = set()
    first: date | None = None
    last: date | None = None
    precise: list[tuple[date, date]] = []
    coarse: list[tuple[date, date]] = []
    located: Row | None = None
    named: Row | None = None
    country: str | None = None
    sources: set[str] = set()
    disputed = False
    confirmations = []
    for r in sorted(reports, key=_report_order):
        actors, recipients = r["actor_codes"], r["recipient_codes"]
        if actors:
            actor_codes.update(actors.split(";"))
        if recipients:
            recipient_codes.update(recipients.split(";"))
        span = cor.date_span(r["date"], r["date_end"])
        if span is not None:
            (coarse if cor.is_coarse(span, rules) else precise).append(span)
        if r["location"] is not None:
            located = located or r
            if named is None and r["named"]:
                named = r
            country = country or r["country"] or None
        sources.add(r["source_key"])
        disputed = disputed or r["claim_status"] == "denied" or r["denier_codes"] is not None
        if r["confirmer_codes"] is not None:
            confirmations.append((r["event"], r["claimant_code"], split_codes(r["confirmer_codes"])))
    spans = precise or coarse  # month- or year-dated reports do not widen an incident with precise dates
    if spans:
        first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    place = named or located
    status = cor.judge_status(len(sources), disputed, confirmations, actor_codes, recipient_codes, rules)
    return {
        "actor": json.dumps(sorted(actor_codes)), "recipient": json.dumps(sorted(recipient_codes)),
        "location": place["location"] if place is not None and place["named"] else None,
        "country": country, "lat": place["lat"] if place is not None else None,
        "lon": place["lon"] if place is not None else None,
        "date": first.isoformat() if first else None, "date_end": last.isoformat() if last else None,
        "sources": len(sources), "n_reports": len(reports), "status": status,
        "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


SUMMARY_COLUMNS = ("id", "event", "actor", "recipient", "location", "country", "lat", "lon", "anchor_date",
                   "anchor_end")


def summary_event(row: Row) -> Event:
    """An incident as one Event (its codes, place and founding date) to test new events against with
    :func:`corroboration.same_happening`. Cached by value: do not change the Event returned."""
    return summary_from_values(tuple(row[c] for c in SUMMARY_COLUMNS))


@lru_cache(maxsize=65536)
def summary_from_values(values: tuple[Any, ...]) -> Event:
    """:func:`summary_event` from the values of :data:`SUMMARY_COLUMNS`, in that order."""
    incident, event, actor, recipient, location, country, lat, lon, anchor_date, anchor_end = values
    place = None
    if location or country:
        place = Place(name=location or country, country=country, lat=lat, lon=lon,
                      feature=None if location else "country")
    return Event(event=event, id=incident, date=anchor_date, date_end=anchor_end,
                 actor=[Actor(text=x, code=x) for x in json.loads(actor)],
                 recipient=[Actor(text=x, code=x) for x in json.loads(recipient)], location=place)


def tokens(incident: Event, rules: cor.Rules) -> set[str]:
    """The token keys an incident is filed under: "family|a:CODE" per actor code, "family|r:CODE" per
    recipient code, "family|A>R" per pair of actor and recipient codes (a side without codes as ""), and
    "family|p:name" for a named place."""
    family = cor.event_family(incident.event, rules)
    actors, recipients = cor.codes(incident.actor), cor.codes(incident.recipient)
    out = {f"{family}|a:{c}" for c in actors}
    out.update(f"{family}|r:{c}" for c in recipients)
    if actors or recipients:
        out.update(f"{family}|{a}>{r}" for a in actors or ("",) for r in recipients or ("",))
    name = cor.place_name(incident.location, rules)
    if name is not None:
        out.add(f"{family}|p:{name}")
    return out


def lookup_tokens(event: Event, rules: cor.Rules) -> set[str]:
    """The token keys under which every incident that may be the same happening as the event is filed.
    A candidate must share a code or the named place, and on each side where the event has codes, share
    one or have none: so with codes on both sides, its (actor, recipient) pairs; else one side's codes."""
    family = cor.event_family(event.event, rules)
    actors, recipients = cor.codes(event.actor), cor.codes(event.recipient)
    if actors and recipients:
        out = {f"{family}|{a}>{r}" for a in (*actors, "") for r in (*recipients, "") if a or r}
    else:
        out = {f"{family}|a:{c}" for c in actors} | {f"{family}|r:{c}" for c in recipients}
    name = cor.place_name(event.location, rules)
    if name is not None:
        out.add(f"{family}|p:{name}")
    return out


def buckets(value: str | None, value_end: str | None, widen_days: int = 0) -> list[str] | None:
    """The date buckets a date range touches once widened by some days; None when it has no usable date."""
    span = cor.date_span(value, value_end)
    if span is None:
        return None
    low = (span[0].toordinal() - widen_days) // BUCKET_DAYS
    high = (span[1].toordinal() + widen_days) // BUCKET_DAYS
    return [str(b) for b in range(low, high + 1)]


def incident_keys(incident: Event, rules: cor.Rules) -> list[tuple[str, str]]:
    """The (token key, bucket) pairs an incident (as :func:`summary_event` gives it) is filed under."""
    found = buckets(incident.date, incident.date_end) or [UNDATED]
    return [(token, bucket) for token in sorted(tokens(incident, rules)) for bucket in found]


def key_rows(incident: Event, rules: cor.Rules, skip: Collection[str] = ()) -> list[dict[str, Any]]:
    """The ``incident_keys`` rows of an incident, leaving out the token keys in ``skip``."""
    span = cor.date_span(incident.date, incident.date_end)
    first, last = (span[0].toordinal(), span[1].toordinal()) if span else (None, None)
    return [{"token_key": t, "bucket": b, "incident_id": incident.id, "first_day": first, "last_day": last}
            for t, b in incident_keys(incident, rules) if t not in skip]


Wanted = tuple[set[str], list[str] | None, tuple[int, int] | None]


def event_keys(event: Event, rules: cor.Rules) -> Wanted:
    """Where to look for an event's incidents: its token keys, the buckets a same happening may be filed
    under (its dates widened by the window, and undated; None for any bucket), and those widened dates as
    day ordinals (None when undated)."""
    span = cor.date_span(event.date, event.date_end)
    if span is None:
        return lookup_tokens(event, rules), None, None
    days = (span[0].toordinal() - rules.window_days, span[1].toordinal() + rules.window_days)
    found = [str(b) for b in range(days[0] // BUCKET_DAYS, days[1] // BUCKET_DAYS + 1)]
    return lookup_tokens(event, rules), found + [UNDATED], days
