"""Incidents: which events from different documents describe the same happening, and how well attested it is.

Plain functions over model records; the ledger calls them when it stores a document. The rules'
numbers and lists (date window, distance, compatible event types, ...) are data, in
``ledger/data/rules.json``.

Two events are the same happening (:func:`same_happening`) when all of these hold:

- both are real (their aux mode is not hypothetical, negated or future);
- same PLOVER event type, or types declared compatible (ASSAULT and COERCE);
- their actor codes overlap, or one side has none; the same for recipient codes;
- they share something concrete: an actor or recipient code, or a named place;
- compatible places: same country where both have one and, where both name a specific place, the same
  name or coordinates within ``max_km``;
- their date ranges are at most ``window_days`` apart (month- or year-precision dates are ranges).

A report joins an incident (:func:`joins_incident`) when it and the incident's founding report are the same
happening and its dates fit the incident's core span, the founding report's dates: a precise report (a
range of at most ``coarse_days``) within ``window_days`` of a precise core; a coarse one (a month, a year)
only when a precise core lies inside its range. No dated report joins an incident founded by a coarse or
undated one, so a report dated only to a month or a year cannot bridge separate happenings, and since
every report is compared with the founding one, never with the other members, grouping does not chain
beyond the window.

An incident's status (:func:`incident_status`), first rule that applies:

1. ``disputed``: a report's claim status is *denied*, or a report names a party that denies it;
2. ``confirmed-by-adversary``: a report's claimant and a party confirming it are different states on
   opposite sides of an adversarial event (one among the incident's actors, the other among its
   recipients; e.g. claimant UKR, confirmed by RUS, for an ASSAULT by RUS on UKR);
3. ``corroborated``: two or more independent sources;
4. ``single-source``.

Independent sources (:func:`independent_sources`) are distinct outlets: a report counts under the outlet
it relays (``claim.outlet``, "according to Reuters") when it names one, else under the document's source;
two reports from one outlet count once. A document without a known source counts as its own outlet.
"""

from __future__ import annotations

import calendar
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from thucydides.errors import E, ThucydidesError
from thucydides.model import Actor, Event, Place, Report, content_hash

STATUSES = ("single-source", "corroborated", "confirmed-by-adversary", "disputed")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True)
class Rules:
    """The grouping rules, as loaded from ``rules.json``."""

    window_days: int
    coarse_days: int
    max_km: float
    family: dict[str, str]  # event type -> the name of its compatibility family
    unreal_aux_modes: frozenset[str]
    adversarial_events: frozenset[str]
    non_state_codes: frozenset[str]
    unnamed_features: frozenset[str]


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The packaged rules, read once."""
    path = resources.files("thucydides.ledger") / "data" / "rules.json"
    try:
        raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ThucydidesError(E.KB_FILE.format(path=str(path), detail=exc)) from exc
    family: dict[str, str] = {}
    for group in raw.get("compatible_events", []):
        name = "|".join(sorted(group))
        for event_type in group:
            family[event_type] = name
    return Rules(
        window_days=int(raw.get("window_days", 3)),
        coarse_days=int(raw.get("coarse_days", 3)),
        max_km=float(raw.get("max_km", 50)),
        family=family,
        unreal_aux_modes=frozenset(raw.get("unreal_aux_modes", [])),
        adversarial_events=frozenset(raw.get("adversarial_events", [])),
        non_state_codes=frozenset(raw.get("non_state_codes", [])),
        unnamed_features=frozenset(raw.get("place_features_without_name", [])),
    )


def event_family(event_type: str, rules: Rules | None = None) -> str:
    """The compatibility family of an event type: "ASSAULT|COERCE" for both of those, else the type itself."""
    rules = rules or load_rules()
    return rules.family.get(event_type, event_type)


def is_real(event: Event, rules: Rules | None = None) -> bool:
    """False for hypothetical, negated and future events: they are never grouped as happenings."""
    rules = rules or load_rules()
    return event.aux_mode not in rules.unreal_aux_modes


@lru_cache(maxsize=65536)
def date_span(value: str | None, value_end: str | None = None) -> tuple[date, date] | None:
    """The days a date covers: "2024-03-05" one day, "2024-03" the month, "2024" the year; None if unparsable."""
    start = _span(value)
    if start is None:
        return None
    end = _span(value_end) if value_end else None
    return (start[0], max(start[1], end[1]) if end else start[1])


def _span(value: str | None) -> tuple[date, date] | None:
    m = _DATE.match(value or "")
    if not m:
        return None
    try:
        year = int(m.group(1))
        if m.group(3):
            d = date(year, int(m.group(2)), int(m.group(3)))
            return (d, d)
        if m.group(2):
            month = int(m.group(2))
            return (date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))
        return (date(year, 1, 1), date(year, 12, 31))
    except ValueError:
        return None


def dates_compatible(a: tuple[date, date] | None, b: tuple[date, date] | None, window_days: int) -> bool:
    """Ranges overlap once widened by the window; an unknown date is compatible with anything."""
    if a is None or b is None:
        return True
    gap = timedelta(days=window_days)
    return a[0] <= b[1] + gap and b[0] <= a[1] + gap


def is_coarse(span: tuple[date, date] | None, rules: Rules | None = None) -> bool:
    """A date range longer than ``coarse_days``: a month, a year."""
    rules = rules or load_rules()
    return span is not None and (span[1] - span[0]).days + 1 > rules.coarse_days


def fits_core(span: tuple[date, date] | None, core: tuple[date, date] | None, rules: Rules | None = None) -> bool:
    """Whether a report's dates fit an incident's core span (its founding report's dates): precise dates
    within the window of a precise core; coarse dates only around a precise core, never widening it. An
    undated report fits anywhere; a dated one never fits an undated or coarse core: two reports dated only
    to a month or a year may be two happenings."""
    rules = rules or load_rules()
    if span is None:
        return True
    if core is None:
        return False
    if is_coarse(core, rules):
        return False
    if is_coarse(span, rules):
        return span[0] <= core[0] and core[1] <= span[1]
    return dates_compatible(span, core, rules.window_days)


def codes(actors: Iterable[Actor]) -> set[str]:
    """The codes of a list of actors (actors without a code are ignored)."""
    return {a.code for a in actors if a.code}


def codes_compatible(a: set[str], b: set[str]) -> bool:
    """Overlapping code sets, or one of them empty."""
    return not a or not b or bool(a & b)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_name(place: Place | None, rules: Rules | None = None) -> str | None:
    """The specific place a location names (casefolded), or None when it is only a country or region."""
    rules = rules or load_rules()
    if place is None or not place.name or place.feature in rules.unnamed_features:
        return None
    return place.name.casefold()


def places_compatible(a: Place | None, b: Place | None, rules: Rules | None = None) -> bool:
    """Same country where both have one; where both name a place, the same name or within ``max_km``."""
    rules = rules or load_rules()
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    name_a, name_b = place_name(a, rules), place_name(b, rules)
    if name_a is None or name_b is None or name_a == name_b:
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= rules.max_km  # type: ignore[arg-type]
    return False


def same_happening(a: Event, b: Event, rules: Rules | None = None) -> bool:
    """Whether two events (from different or the same documents) describe the same happening."""
    rules = rules or load_rules()
    if not _same_but_dates(a, b, rules):
        return False
    return dates_compatible(date_span(a.date, a.date_end), date_span(b.date, b.date_end), rules.window_days)


def joins_incident(event: Event, incident: Event, rules: Rules | None = None) -> bool:
    """Whether an event reports an incident (given as its founding event, see ``facts.summary_event``): the
    same happening, with dates that fit the incident's core span (:func:`fits_core`)."""
    rules = rules or load_rules()
    if not _same_but_dates(event, incident, rules):
        return False
    return fits_core(date_span(event.date, event.date_end), date_span(incident.date, incident.date_end), rules)


def _same_but_dates(a: Event, b: Event, rules: Rules) -> bool:
    if not (is_real(a, rules) and is_real(b, rules)):
        return False
    if event_family(a.event, rules) != event_family(b.event, rules):
        return False
    actors_a, actors_b = codes(a.actor), codes(b.actor)
    recipients_a, recipients_b = codes(a.recipient), codes(b.recipient)
    if not (codes_compatible(actors_a, actors_b) and codes_compatible(recipients_a, recipients_b)):
        return False
    shared_place = place_name(a.location, rules)
    shares = bool((actors_a & actors_b) or (recipients_a & recipients_b)) or (
        shared_place is not None and shared_place == place_name(b.location, rules))
    return shares and places_compatible(a.location, b.location, rules)


def best_incident(event: Event, candidates: list[Event], rules: Rules | None = None) -> Event:
    """Of the incidents an event may belong to, the one it most likely reports: most shared codes, then a
    place its article names (when the event names none itself); ties go to the earliest candidate."""
    rules = rules or load_rules()
    hints = [place_name(Place(name=p), rules) for p in event.article_places]

    def score(s: Event) -> tuple[int, int]:
        shared = len(codes(event.actor) & codes(s.actor)) + len(codes(event.recipient) & codes(s.recipient))
        name = place_name(s.location, rules)
        near = len(hints) - hints.index(name) if event.location is None and name in hints else 0
        return shared, near

    return max(candidates, key=score)


def incident_key(event: Event, rules: Rules | None = None) -> tuple[Any, ...]:
    """The group key of the incident an event founds: family, codes, place and date."""
    rules = rules or load_rules()
    loc = event.location
    key: tuple[Any, ...] = ("incident", event_family(event.event, rules), sorted(codes(event.actor)),
           sorted(codes(event.recipient)), loc.country if loc else None, place_name(loc, rules),
           event.date, event.date_end)
    if (not key[2] and not key[3] and key[5] is None) or is_coarse(date_span(event.date, event.date_end), rules):
        # nothing to group on, or dated only to a month or a year: the event is its own incident (two such
        # events are never the same happening)
        key = (*key, event.id)
    return key


def incident_id(event: Event, rules: Rules | None = None) -> str:
    """Content hash of the group key: the same founding event always gives the same incident id."""
    return content_hash(*incident_key(event, rules))


def outlet_key(text: str | None) -> str | None:
    """A normalised outlet name: casefolded, without a leading "the" and punctuation."""
    if not text:
        return None
    key = re.sub(r"[^\w ]+", " ", text.casefold()).strip()
    key = re.sub(r"^the ", "", key)
    return re.sub(r"\s+", " ", key) or None


def report_source(event: Event, outlet: str | None, doc_id: str) -> str:
    """The independent source behind a report: the outlet it relays, else its own outlet, else the document."""
    relayed = event.claim.outlet
    if relayed is not None:
        key = outlet_key(relayed.name or relayed.text)
        if key:
            return key
    return outlet_key(outlet) or f"document:{doc_id}"


def independent_sources(pairs: Iterable[tuple[Event, Report]]) -> int:
    """How many distinct outlets stand behind the reports (relays counted under the outlet relayed)."""
    return len({report_source(event, report.outlet, report.doc_id) for event, report in pairs})


def build_report(event: Event, outlet: str | None) -> Report:
    """One document's report of an incident, from its event."""
    claim = event.claim
    return Report(event_id=event.id, doc_id=event.doc_id, outlet=outlet, claimant=claim.claimant,
                  status=claim.status, confirmed_by=list(claim.confirmed_by), denied_by=list(claim.denied_by),
                  sentence=event.sentence.text if event.sentence else None, date=event.date)


def _is_state(code: str | None, rules: Rules) -> bool:
    if not code:
        return False
    return len(code) == 3 and code.isalpha() and code.isupper() and code not in rules.non_state_codes


def adversaries(claimant: str | None, confirmer: str | None, event_type: str, actor_codes: set[str],
                recipient_codes: set[str], rules: Rules | None = None) -> bool:
    """Different states on opposite sides (actor vs recipient) of an adversarial event."""
    rules = rules or load_rules()
    if event_type not in rules.adversarial_events or claimant == confirmer:
        return False
    if not (_is_state(claimant, rules) and _is_state(confirmer, rules)):
        return False
    return (claimant in actor_codes and confirmer in recipient_codes) or (
        claimant in recipient_codes and confirmer in actor_codes)


def incident_status(pairs: Sequence[tuple[Event, Report]], actor_codes: set[str],
                    recipient_codes: set[str], rules: Rules | None = None) -> tuple[int, str]:
    """(independent sources, status) of an incident from its reports and their events."""
    sources = independent_sources(pairs)
    disputed = any(r.status == "denied" or r.denied_by for _, r in pairs)
    confirmations = ((event.event, report.claimant.code if report.claimant else None,
                      [a.code for a in report.confirmed_by]) for event, report in pairs)
    return sources, judge_status(sources, disputed, confirmations, actor_codes, recipient_codes, rules)


Confirmation = tuple[str, str | None, Sequence[str | None]]  # (event type, claimant code, confirmer codes)


def judge_status(sources: int, disputed: bool, confirmations: Iterable[Confirmation], actor_codes: set[str],
                 recipient_codes: set[str], rules: Rules | None = None) -> str:
    """An incident's status from the facts of its reports: how many independent sources, whether any
    report denies it, and each report's (event type, claimant code, confirmer codes)."""
    rules = rules or load_rules()
    if disputed:
        return "disputed"
    for event_type, claimant, confirmers in confirmations:
        for confirmer in confirmers:
            if adversaries(claimant, confirmer, event_type, actor_codes, recipient_codes, rules):
                return "confirmed-by-adversary"
    return "corroborated" if sources >= 2 else "single-source"
