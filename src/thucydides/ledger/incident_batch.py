"""Filing the events of many documents under incidents at once, as storing them one by one would.

:func:`thucydides.ledger.incidents.assign_incidents` files one document's events with a few indexed reads
and writes. For a batch of documents this module reads the candidate incidents of the whole batch once,
then files each document's events in memory, in order, keeping what the ledger would hold after each
document (summaries, the keys they are filed under, the reports' facts), and writes the new incidents,
reports, updated summaries and keys at the end. The incidents come out as they would from storing the
documents one at a time in the same order.

The filing works on the few facts of each event that grouping reads (:class:`Filed`: family, codes, place,
dates, report facts), built from an :class:`~thucydides.model.Event` (:func:`filed_from_event`) or straight
from a dataset's columns (:mod:`.bulk`), and keeps each incident's summary up to date incrementally
(:class:`_Tally`: what :func:`thucydides.ledger.facts.summarise` computes from all its reports, added one
report at a time), so a report costs the same however many reports its incident has.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy import Boolean, Connection, Float, Integer, Table, bindparam, select

from thucydides.ledger import corroboration as cor
from thucydides.ledger.facts import BUCKET_DAYS, UNDATED, Wanted, report_facts, split_codes
from thucydides.ledger.incidents import (
    _KEY_COLUMNS,
    _SUMMARY,
    KEY_TYPES,
    Encoded,
    among,
    candidates_query,
    copy_in,
    effective,
    encode_rows,
    insert_key_tuples,
    value_lists,
)
from thucydides.ledger.schema import incident_keys, incident_reports, incidents
from thucydides.model import Event, Place, content_hash

INSERT_ROWS = 5000  # rows per multi-row insert statement (other databases than SQLite and PostgreSQL)

DocEvents = tuple[Sequence[Event], str | None, str | None]  # new events, document date, outlet
# A report's facts as a tuple of the ``incident_reports`` columns, in the table's order (REPORT_COLUMNS).
REPORT_COLUMNS = tuple(c.name for c in incident_reports.columns)
(_INCIDENT, _EVENT_ID, _DOC, _OUTLET, _TYPE, _DATE, _DATE_END, _ACTORS, _RECIPIENTS, _LOCATION, _NAMED, _COUNTRY,
 _LAT, _LON, _SOURCE, _CLAIM, _CLAIMANT, _CONFIRMERS, _DENIERS, _REAL) = range(20)
assert REPORT_COLUMNS[_REAL] == "is_real" and REPORT_COLUMNS[_LOCATION] == "location" and len(REPORT_COLUMNS) == 20
Span = tuple[Any, Any] | None  # (first day, last day) as dates


class Filed:
    """One real event to file, as grouping sees it: its effective dates (the document's when it has none),
    family, codes, place, the article's places (hints), its report facts and its founding key."""

    __slots__ = ("id", "event", "family", "actors", "recipients", "loc", "country", "pkey", "lat", "lon",
                 "date", "date_end", "span", "hints", "facts", "key", "own")

    def __init__(self, id: str, event: str, family: str, actors: frozenset[str], recipients: frozenset[str],
                 loc: bool, country: str | None, pkey: str | None, lat: float | None, lon: float | None,
                 date: str | None, date_end: str | None, span: Span, hints: list[str | None],
                 facts: tuple[Any, ...], key: tuple[Any, ...], own: str | None = None) -> None:
        self.id, self.event, self.family = id, event, family
        self.actors, self.recipients = actors, recipients
        self.loc, self.country, self.pkey, self.lat, self.lon = loc, country, pkey, lat, lon
        self.date, self.date_end, self.span = date, date_end, span
        self.hints, self.facts, self.key = hints, facts, key
        self.own = own  # the id of the incident it founds (the key's hash), when worked out already

    def founds(self) -> str:
        """The id of the incident this event founds when it joins none."""
        if self.own is None:
            self.own = _incident_id(self.key)
        return self.own

    def __reduce__(self) -> tuple[type[Filed], tuple[Any, ...]]:  # pickled compactly (a reader process)
        return Filed, tuple(getattr(self, name) for name in Filed.__slots__)


def founding_key(family: str, actors: frozenset[str], recipients: frozenset[str], country: str | None,
                 pkey: str | None, date: str | None, date_end: str | None, span: Span, event_id: str,
                 rules: cor.Rules) -> tuple[Any, ...]:
    """:func:`thucydides.ledger.corroboration.incident_key` from an event's facts."""
    key: tuple[Any, ...] = ("incident", family, tuple(sorted(actors)), tuple(sorted(recipients)), country, pkey,
                            date, date_end)
    if (not actors and not recipients and pkey is None) or cor.is_coarse(span, rules):
        key = (*key, event_id)
    return key


def filed_from_event(e: Event, outlet: str | None, rules: cor.Rules) -> Filed:
    """The filing facts of a real event whose effective date is set (``incidents.effective``)."""
    loc = e.location
    family = cor.event_family(e.event, rules)
    actors, recipients = frozenset(cor.codes(e.actor)), frozenset(cor.codes(e.recipient))
    pkey = cor.place_name(loc, rules)
    country = loc.country if loc else None
    span = cor.date_span(e.date, e.date_end)
    hints = [cor.place_name(Place(name=p), rules) for p in e.article_places]
    return Filed(e.id, e.event, family, actors, recipients, loc is not None, country, pkey,
                 loc.lat if loc else None, loc.lon if loc else None, e.date, e.date_end, span, hints,
                 report_tuple(report_facts(e, "", outlet, rules)),
                 founding_key(family, actors, recipients, country, pkey, e.date, e.date_end, span, e.id, rules))


def report_tuple(facts: dict[str, Any]) -> tuple[Any, ...]:
    """A report's facts (``facts.report_facts``) as a tuple of REPORT_COLUMNS."""
    return tuple(facts[c] for c in REPORT_COLUMNS)


def lookup_tokens(f: Filed) -> set[str]:
    """:func:`thucydides.ledger.facts.lookup_tokens` from an event's facts."""
    family, actors, recipients = f.family, f.actors, f.recipients
    if actors and recipients:
        out = {f"{family}|{a}>{r}" for a in (*actors, "") for r in (*recipients, "") if a or r}
    else:
        out = {f"{family}|a:{c}" for c in actors} | {f"{family}|r:{c}" for c in recipients}
    if f.pkey is not None:
        out.add(f"{family}|p:{f.pkey}")
    return out


def wanted(f: Filed, rules: cor.Rules) -> Wanted:
    """:func:`thucydides.ledger.facts.event_keys` from an event's facts."""
    span = f.span
    if span is None:
        return lookup_tokens(f), None, None
    days = (span[0].toordinal() - rules.window_days, span[1].toordinal() + rules.window_days)
    found = [str(b) for b in range(days[0] // BUCKET_DAYS, days[1] // BUCKET_DAYS + 1)]
    return lookup_tokens(f), [*found, UNDATED], days


def _incident_tokens(family: str, actors: Iterable[str], recipients: Iterable[str], pkey: str | None) -> set[str]:
    """:func:`thucydides.ledger.facts.tokens` of an incident's summary."""
    actors, recipients = tuple(actors), tuple(recipients)
    out = {f"{family}|a:{c}" for c in actors}
    out.update(f"{family}|r:{c}" for c in recipients)
    if actors or recipients:
        out.update(f"{family}|{a}>{r}" for a in actors or ("",) for r in recipients or ("",))
    if pkey is not None:
        out.add(f"{family}|p:{pkey}")
    return out


class _Inc:
    """An incident as the matching sees its summary (``facts.summary_event``): founding event type and
    dates, codes and place; with the tokens it is filed under and, once touched, its tally."""

    __slots__ = ("id", "event", "family", "anchor_date", "anchor_end", "core", "order", "actors", "recipients",
                 "loc", "country", "pkey", "lat", "lon", "tokens", "match", "tally", "buckets", "days")

    def __init__(self, incident_id: str, event: str, anchor_date: str | None, anchor_end: str | None,
                 rules: cor.Rules) -> None:
        self.id, self.event, self.family = incident_id, event, cor.event_family(event, rules)
        self.anchor_date, self.anchor_end = anchor_date, anchor_end
        self.core = cor.date_span(anchor_date, anchor_end)
        self.order = (anchor_date is not None, anchor_date or "", incident_id)
        self.tally: _Tally | None = None
        span = self.core
        self.days: tuple[int, int] | tuple[None, None]
        if span is None:
            self.buckets, self.days = [UNDATED], (None, None)
        else:
            self.buckets = [str(b) for b in range(span[0].toordinal() // BUCKET_DAYS,
                                                  span[1].toordinal() // BUCKET_DAYS + 1)]
            self.days = (span[0].toordinal(), span[1].toordinal())
        self.match: tuple[Any, ...] = ()
        self.tokens: set[str] = set()

    def set_summary(self, actors: frozenset[str], recipients: frozenset[str], location: str | None,
                    country: str | None, lat: float | None, lon: float | None, rules: cor.Rules) -> bool:
        """Set the summary's codes and place (as ``summary_from_values`` reads them); False when unchanged."""
        match = (actors, recipients, location, country, lat, lon)
        if match == self.match:
            return False
        self.match = match
        self.actors, self.recipients = actors, recipients
        self.loc = bool(location or country)
        self.country, self.lat, self.lon = country, lat, lon
        self.pkey = None
        if self.loc:
            place = Place(name=location or country or "", country=country, lat=lat, lon=lon,
                          feature=None if location else "country")
            self.pkey = cor.place_name(place, rules)
        self.tokens = _incident_tokens(self.family, actors, recipients, self.pkey)
        return True

    def key_rows(self, tokens: Iterable[str]) -> list[tuple[Any, ...]]:
        first, last = self.days
        return [(t, b, self.id, first, last) for t in sorted(tokens) for b in self.buckets]


def _from_summary(values: Sequence[Any], rules: cor.Rules) -> _Inc:
    """An incident from its stored summary columns (``facts.SUMMARY_COLUMNS``)."""
    incident_id, event, actor, recipient, location, country, lat, lon, anchor_date, anchor_end = values
    inc = _Inc(incident_id, event, anchor_date, anchor_end, rules)
    inc.set_summary(frozenset(x for x in json.loads(actor) if x), frozenset(x for x in json.loads(recipient) if x),
                    location, country, lat, lon, rules)
    return inc


class _Tally:
    """What ``facts.summarise`` computes from an incident's reports, kept up to date one report at a time:
    reports are taken in (date, event id) order there, so the first located, named and country-giving
    reports are kept by that order here."""

    __slots__ = ("actors", "recipients", "precise", "coarse", "located", "named", "country", "sources",
                 "disputed", "confirmations", "n")

    def __init__(self) -> None:
        self.actors: set[str] = set()
        self.recipients: set[str] = set()
        self.precise: list[Any] | None = None  # [first, last]
        self.coarse: list[Any] | None = None
        self.located: tuple[tuple[str, str], Any] | None = None
        self.named: tuple[tuple[str, str], Any] | None = None
        self.country: tuple[tuple[str, str], str] | None = None
        self.sources: set[str] = set()
        self.disputed = False
        self.confirmations: list[cor.Confirmation] = []
        self.n = 0

    def add(self, r: tuple[Any, ...], rules: cor.Rules) -> None:
        """Add a report's facts (a tuple of REPORT_COLUMNS)."""
        self.n += 1
        actors, recipients = r[_ACTORS], r[_RECIPIENTS]
        if actors:
            self.actors.update(actors.split(";"))
        if recipients:
            self.recipients.update(recipients.split(";"))
        span = cor.date_span(r[_DATE], r[_DATE_END])
        if span is not None:
            if cor.is_coarse(span, rules):
                if self.coarse is None:
                    self.coarse = [span[0], span[1]]
                else:
                    self.coarse[0], self.coarse[1] = min(self.coarse[0], span[0]), max(self.coarse[1], span[1])
            elif self.precise is None:
                self.precise = [span[0], span[1]]
            else:
                self.precise[0], self.precise[1] = min(self.precise[0], span[0]), max(self.precise[1], span[1])
        if r[_LOCATION] is not None:
            order = (r[_DATE] or "", r[_EVENT_ID])
            if self.located is None or order < self.located[0]:
                self.located = (order, r)
            if r[_NAMED] and (self.named is None or order < self.named[0]):
                self.named = (order, r)
            if r[_COUNTRY] and (self.country is None or order < self.country[0]):
                self.country = (order, r[_COUNTRY])
        self.sources.add(r[_SOURCE])
        if r[_CLAIM] == "denied" or r[_DENIERS] is not None:
            self.disputed = True
        if r[_CONFIRMERS] is not None:
            self.confirmations.append((r[_TYPE], r[_CLAIMANT], split_codes(r[_CONFIRMERS])))

    def place(self) -> Any:
        chosen = self.named or self.located
        return chosen[1] if chosen is not None else None

    def summary(self) -> tuple[frozenset[str], frozenset[str], str | None, str | None, Any, Any]:
        """The summary's codes and place: (actors, recipients, location, country, lat, lon)."""
        place = self.place()
        return (frozenset(self.actors), frozenset(self.recipients),
                place[_LOCATION] if place is not None and place[_NAMED] else None,
                self.country[1] if self.country is not None else None,
                place[_LAT] if place is not None else None, place[_LON] if place is not None else None)

    def columns(self, rules: cor.Rules, now: str) -> tuple[Any, ...]:
        """The ``incidents`` columns ``facts.summarise`` gives for the reports added (:data:`TALLY_COLUMNS`)."""
        _, _, location, country, lat, lon = self.summary()
        span = self.precise or self.coarse
        status = cor.judge_status(len(self.sources), self.disputed, self.confirmations, self.actors,
                                  self.recipients, rules)
        return (_json_list(self.actors), _json_list(self.recipients), location, country, lat, lon,
                span[0].isoformat() if span else None, span[1].isoformat() if span else None,
                len(self.sources), self.n, status, now)


# The incidents columns a tally gives (_Tally.columns), and those of an incident a plan founds (Plan.founded).
TALLY_COLUMNS = ("actor", "recipient", "location", "country", "lat", "lon", "date", "date_end", "sources",
                 "n_reports", "status", "updated_at")
FOUNDED_COLUMNS = ("id", "event", "family", "anchor_date", "anchor_end", *TALLY_COLUMNS)


_PLAIN = re.compile(r"[0-9A-Za-z_.:-]*")  # strings whose JSON is themselves in quotes


def _json_list(codes: Iterable[str]) -> str:
    """``json.dumps(sorted(codes))``, without the encoder for plain codes."""
    items = sorted(codes)
    if all(_PLAIN.fullmatch(c) for c in items):
        return "[" + ", ".join(f'"{c}"' for c in items) + "]"
    return json.dumps(items)


@lru_cache(maxsize=65536)
def _incident_id(key: tuple[Any, ...]) -> str:
    return content_hash(*key)


def _joins(f: Filed, s: _Inc, rules: cor.Rules) -> bool:
    """``corroboration.joins_incident`` of a real event and an incident's summary, from their facts."""
    if f.family != s.family:
        return False
    fa, sa, fr, sr = f.actors, s.actors, f.recipients, s.recipients
    if (fa and sa and not fa & sa) or (fr and sr and not fr & sr):
        return False
    if not ((fa & sa) or (fr & sr) or (f.pkey is not None and f.pkey == s.pkey)):
        return False
    if f.loc and s.loc:  # corroboration.places_compatible
        if f.country and s.country and f.country != s.country:
            return False
        if f.pkey is not None and s.pkey is not None and f.pkey != s.pkey:
            if f.lat is None or f.lon is None or s.lat is None or s.lon is None:
                return False
            if cor.haversine_km(f.lat, f.lon, s.lat, s.lon) > rules.max_km:
                return False
    return cor.fits_core(f.span, s.core, rules)


def _best(f: Filed, matches: list[_Inc]) -> _Inc:
    """``corroboration.best_incident``: most shared codes, then a place the article names (when the event
    names none); ties go to the earliest."""
    if len(matches) == 1:
        return matches[0]
    hints = f.hints

    def score(s: _Inc) -> tuple[int, int]:
        shared = len(f.actors & s.actors) + len(f.recipients & s.recipients)
        near = len(hints) - hints.index(s.pkey) if not f.loc and s.pkey in hints else 0
        return shared, near

    return max(matches, key=score)


def filed_events_of(new_events: Sequence[Event], doc_date: str | None, outlet: str | None,
                    rules: cor.Rules) -> list[Filed]:
    """The filing facts of a document's real events, with its date where they have none."""
    real = [e for e in (effective(raw, doc_date) for raw in new_events) if cor.is_real(e, rules)]
    return [filed_from_event(e, outlet, rules) for e in real]


def assign_incidents_many(conn: Connection, docs: Sequence[DocEvents]) -> int:
    """File the new real events of each document, in order, as ``assign_incidents`` per document would;
    returns how many incidents were touched."""
    rules = cor.load_rules()
    return file_many(conn, [filed_events_of(evs, doc_date, outlet, rules) for evs, doc_date, outlet in docs])


@dataclass
class Plan:
    """What filing a batch writes: the incidents founded (``incidents`` rows), the new reports (tuples of
    REPORT_COLUMNS), the summaries of stored incidents it changed (each naming its incident as ``_id``) and the
    new lookup keys; worked out from the ledger's committed incidents (:func:`plan_filing`), written by
    :func:`write_plan` in the transaction that stores the batch's events."""

    # (each list of rows may come encoded for PostgreSQL: see encode_plan)
    founded: list[tuple[Any, ...]] | Encoded = field(default_factory=list)  # FOUNDED_COLUMNS
    reports: list[tuple[Any, ...]] | Encoded = field(default_factory=list)
    updated: list[tuple[Any, ...]] = field(default_factory=list)  # TALLY_COLUMNS and the incident's id
    keys: list[tuple[Any, ...]] | Encoded = field(default_factory=list)  # of stored incidents: some may be there
    founded_keys: list[tuple[Any, ...]] | Encoded = field(default_factory=list)  # of the incidents founded: new

    @property
    def touched(self) -> int:
        return len(self.founded) + len(self.updated)


def file_many(conn: Connection, docs: Sequence[Sequence[Filed]]) -> int:
    """File each document's real events (in order, documents in order) under incidents, as storing the
    documents one at a time would; returns how many incidents were touched."""
    plan = plan_filing(conn, docs)
    write_plan(conn, plan)
    return plan.touched


def write_plan(conn: Connection, plan: Plan) -> None:
    """Write what :func:`plan_filing` worked out (in the transaction storing the events it files)."""
    insert_tuples(conn, incidents, FOUNDED_COLUMNS, plan.founded)
    insert_tuples(conn, incident_reports, REPORT_COLUMNS, plan.reports)
    if plan.updated:
        update_incidents(conn, plan.updated)
    insert_tuples(conn, incident_keys, _KEY_COLUMNS, plan.founded_keys)  # (copied: no conflict to look for)
    insert_key_tuples(conn, plan.keys)


class Known:
    """Incidents as earlier plans left them (their summaries, and the tallies of those they touched), kept by
    a planner that plans batch after batch so that it reads each incident's summary and reports once, not once
    a batch: valid while every change to the ledger's incidents goes through these plans (a bulk load clears
    it when another writer commits in between). Plans may run ahead of the commits: the keys of plans not
    committed yet are kept (``uncommitted``) and looked up with the ledger's. Holds at most ``limit``
    incidents besides those of the last two plans, the least recently planned with dropped first (they are
    read again when needed)."""

    def __init__(self, limit: int = 50_000) -> None:
        self.limit = limit
        self.incidents: dict[str, _Inc] = {}
        self.uncommitted: deque[list[tuple[Any, ...]]] = deque()  # new keys of each plan not committed yet
        self._sizes: deque[int] = deque(maxlen=2)  # incidents of the last two plans

    def get(self, incident_id: str) -> _Inc | None:
        return self.incidents.get(incident_id)

    def keep(self, incs: dict[str, _Inc], keys: list[tuple[Any, ...]]) -> None:
        """What a plan read and touched, and the keys it adds (not committed yet)."""
        known = self.incidents
        for incident_id, inc in incs.items():
            known.pop(incident_id, None)
            known[incident_id] = inc  # most recent last
        self.uncommitted.append(keys)
        self._sizes.append(len(incs))
        excess = len(known) - max(self.limit, sum(self._sizes))
        if excess > 0:
            for incident_id in list(itertools.islice(known, excess)):
                del known[incident_id]

    def committed(self) -> None:
        """The oldest plan not committed yet is committed: its keys are in the ledger."""
        if self.uncommitted:
            self.uncommitted.popleft()

    def clear(self) -> None:
        self.incidents.clear()
        self.uncommitted.clear()
        self._sizes.clear()


def plan_filing(conn: Connection, docs: Sequence[Sequence[Filed]], known: Known | None = None) -> Plan:
    """Work out, without writing, how each document's real events (in order, documents in order) are filed
    under the incidents ``conn`` sees, as storing the documents one at a time would. It only reads
    incidents, their reports and keys: ``conn`` may be another connection than the one storing the events,
    as long as no other writer files anything in between (:mod:`.bulk` plans on another process while the
    batch's transaction holds the ledger's write lock). With ``known``, incidents earlier plans read or
    touched are taken from there (see :class:`Known`) and kept there for the next plan."""
    rules = cor.load_rules()
    wants = [[wanted(f, rules) for f in doc] for doc in docs]
    arrays = conn.dialect.name == "postgresql"  # lists of values as arrays (see incidents.among)
    everything = [w for doc in wants for w in doc]
    if not everything:
        if known is not None:
            known.keep({}, [])  # a plan all the same: its commit is told like any other's
        return Plan()

    def remembered(incident_id: str) -> _Inc | None:
        return known.get(incident_id) if known is not None else None

    incs: dict[str, _Inc] = {}  # every incident the batch may see, by id
    by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_token: dict[str, set[str]] = defaultdict(set)
    if known is None:
        for token, bucket, values in _read_candidates(conn, everything):
            incident = values[0]
            if incident not in incs:
                incs[incident] = _from_summary(values, rules)
            by_key[token, bucket].add(incident)
            by_token[token].add(incident)
    else:  # the keys, then the summaries of the incidents not known already
        query = candidates_query(everything, summaries=False, arrays=arrays)
        keys = conn.execute(query).all() if query is not None else []
        for incident in {row[2] for row in keys}:
            inc = remembered(incident)
            if inc is not None:
                incs[incident] = inc
        for chunk in value_lists(sorted({row[2] for row in keys} - incs.keys()), arrays):
            for row in conn.execute(select(*_SUMMARY).where(among(incidents.c.id, chunk, arrays))).all():
                incs[row[0]] = _from_summary(tuple(row), rules)
        for token, bucket, incident in keys:
            if incident in incs:  # (not: an incident gone since its keys were read)
                by_key[token, bucket].add(incident)
                by_token[token].add(incident)
        tokens = {t for toks, _, _ in everything for t in toks}
        for pending in known.uncommitted:  # keys of plans not committed yet (maybe not in the ledger)
            for token, bucket, incident, _, _ in pending:
                if token in tokens:
                    inc = known.get(incident)
                    assert inc is not None  # the last two plans' incidents are kept
                    incs.setdefault(incident, inc)
                    by_key[token, bucket].add(incident)
                    by_token[token].add(incident)
    own_ids = {f.key: f.founds() for doc in docs for f in doc}
    unread = []
    for incident in sorted(set(own_ids.values()) - incs.keys()):  # stored incidents an event would found
        inc = remembered(incident)
        if inc is not None:
            incs[incident] = inc
        else:
            unread.append(incident)
    for chunk in value_lists(unread, arrays):
        for row in conn.execute(select(*_SUMMARY).where(among(incidents.c.id, chunk, arrays))).all():
            incs[row[0]] = _from_summary(tuple(row), rules)
    stored_facts = _load_facts(conn, sorted(i for i, inc in incs.items() if inc.tally is None))

    def file(inc: _Inc, tokens: Iterable[str]) -> None:
        for token in tokens:
            by_token[token].add(inc.id)
            for bucket in inc.buckets:
                by_key[token, bucket].add(inc.id)

    founded: set[str] = set()  # incidents founded in the batch
    updated: set[str] = set()  # stored incidents the batch's reports joined
    new_reports: list[tuple[Any, ...]] = []
    new_keys: list[tuple[Any, ...]] = []  # of stored incidents (a token an incident had before may come back)
    founded_keys: list[tuple[Any, ...]] = []  # of incidents founded here, none of them in the ledger
    for doc, doc_wants in zip(docs, wants, strict=True):
        if not doc:
            continue
        founders: set[str] = set()
        reports: dict[str, list[tuple[Any, ...]]] = {}
        for f, (token_keys, bucket_list, _) in zip(doc, doc_wants, strict=True):
            ids: set[str] = set()
            if bucket_list is None:
                for token in token_keys:
                    ids.update(by_token.get(token, ()))
            else:
                for token in token_keys:
                    for bucket in bucket_list:
                        ids.update(by_key.get((token, bucket), ()))
            chosen = None
            if ids:
                matches = [s for s in (incs[i] for i in ids) if _joins(f, s, rules)]
                if matches:
                    matches.sort(key=_ORDER)
                    chosen = _best(f, matches).id
            if chosen is None:
                chosen = own_ids[f.key]
                if chosen not in incs:  # found it: matchable by the document's next events at once
                    first = (chosen, *f.facts[1:])
                    inc = _Inc(chosen, f.event, f.date, f.date_end, rules)
                    inc.tally = _Tally()
                    inc.tally.add(first, rules)
                    inc.set_summary(*inc.tally.summary(), rules)
                    incs[chosen] = inc
                    file(inc, inc.tokens)
                    founders.add(chosen)
                    reports[chosen] = [first]
                    continue
            reports.setdefault(chosen, []).append((chosen, *f.facts[1:]))
        for incident_id, rows in reports.items():
            new_reports.extend(rows)
            inc = incs[incident_id]
            if incident_id in founders:
                assert inc.tally is not None
                for r in rows[1:]:
                    inc.tally.add(r, rules)
                old = inc.tokens
                if len(rows) > 1 and inc.set_summary(*inc.tally.summary(), rules):
                    for token in old - inc.tokens:  # filed under its final summary's keys only
                        by_token[token].discard(incident_id)
                        for bucket in inc.buckets:
                            by_key[token, bucket].discard(incident_id)
                    file(inc, inc.tokens - old)
                founded.add(incident_id)
                founded_keys.extend(inc.key_rows(inc.tokens))
                continue
            if inc.tally is None:
                inc.tally = _Tally()
                for r in stored_facts.get(incident_id, ()):
                    inc.tally.add(r, rules)
            for r in rows:
                inc.tally.add(r, rules)
            old = inc.tokens
            if inc.set_summary(*inc.tally.summary(), rules):
                fresh = inc.tokens - old
                new_keys.extend(inc.key_rows(fresh))
                file(inc, fresh)
            if incident_id not in founded:
                updated.add(incident_id)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    rows_founded = []
    for incident_id in founded:
        inc = incs[incident_id]
        assert inc.tally is not None
        rows_founded.append((incident_id, inc.event, inc.family, inc.anchor_date, inc.anchor_end,
                             *inc.tally.columns(rules, now)))
    changes = []
    for incident_id in sorted(updated):
        tally = incs[incident_id].tally
        assert tally is not None
        changes.append((*tally.columns(rules, now), incident_id))
    if known is not None:
        known.keep(incs, founded_keys + new_keys)
    return Plan(rows_founded, new_reports, changes, new_keys, founded_keys)


_ORDER = attrgetter("order")


def _read_candidates(conn: Connection, wanted: Sequence[Wanted]) -> Iterable[tuple[str, str, tuple[Any, ...]]]:
    """(token key, bucket, summary columns) of the stored incidents the batch may join
    (``incidents.candidates_query``)."""
    query = candidates_query(wanted)
    if query is None:
        return []
    return [(row[0], row[1], tuple(row[2:])) for row in conn.execute(query).all()]


def _load_facts(conn: Connection, ids: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    """The stored reports' facts of the incidents the batch may touch (tuples of REPORT_COLUMNS)."""
    facts: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    arrays = conn.dialect.name == "postgresql"
    for chunk in value_lists(ids, arrays):
        for row in conn.execute(select(incident_reports).where(among(incident_reports.c.incident_id, chunk, arrays))).all():
            facts[row[0]].append(tuple(row))
    return facts


def update_incidents(conn: Connection, changes: list[tuple[Any, ...]]) -> None:
    """Update stored incidents' summary columns (each change: the values of TALLY_COLUMNS, then the id)."""
    if conn.dialect.name == "sqlite" and conn.connection.driver_connection is not None:
        sets = ", ".join(f'"{c}" = ?' for c in TALLY_COLUMNS)
        conn.exec_driver_sql(f"UPDATE incidents SET {sets} WHERE id = ?", changes)
        return
    if _fast(conn):  # PostgreSQL: one statement over arrays of the values, not one a row (0.5 s for 8,000)
        types = [*_pg_types(incidents, TALLY_COLUMNS), "text"]
        names = [*(f'"{c}"' for c in TALLY_COLUMNS), "id"]
        sets = ", ".join(f"{n} = c.{n}" for n in names[:-1])
        arrays = ", ".join(f"%s::{t}[]" for t in types)
        columns = [list(values) for values in zip(*changes, strict=True)]
        with conn.connection.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
            cursor.execute(f"UPDATE incidents AS i SET {sets} FROM unnest({arrays}) AS c({', '.join(names)}) "
                           "WHERE i.id = c.id", columns)
        return
    conn.execute(incidents.update().where(incidents.c.id == bindparam("_id")),
                 [dict(zip(TALLY_COLUMNS, c[:-1], strict=True), _id=c[-1]) for c in changes])


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows fast: COPY on PostgreSQL (psycopg), one prepared statement run over tuples on
    SQLite, SQLAlchemy's multi-row insert elsewhere. Rows carry a value (or None) for the same columns."""
    if not rows:
        return
    columns = [c.name for c in table.columns if c.name in rows[0]]
    if _fast(conn):
        insert_tuples(conn, table, columns, _tuples(rows, columns))
        return
    for start in range(0, len(rows), INSERT_ROWS):
        conn.execute(table.insert(), rows[start:start + INSERT_ROWS])


def _fast(conn: Connection) -> bool:
    fast = conn.dialect.name == "sqlite" or (conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg")
    return fast and conn.connection.driver_connection is not None


def insert_tuples(conn: Connection, table: Table, columns: Sequence[str],
                  values: list[tuple[Any, ...]] | Encoded) -> None:
    """Insert rows given as tuples of the values of ``columns``: COPY on PostgreSQL (psycopg; the rows may come
    encoded, see :func:`encode_plan`), one prepared statement on SQLite, SQLAlchemy's multi-row insert
    elsewhere."""
    if not values:
        return
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    if _fast(conn):
        if conn.dialect.name == "postgresql":  # binary: the server parses no text
            copy_in(conn, f"COPY {quote(table.name)} ({names}) FROM STDIN (FORMAT BINARY)",
                    _pg_types(table, tuple(columns)), values)
        else:
            assert not isinstance(values, Encoded)
            marks = ", ".join("?" for _ in columns)
            conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", values)
        return
    assert not isinstance(values, Encoded)  # (made for PostgreSQL through psycopg only)
    rows = [dict(zip(columns, v, strict=True)) for v in values]
    for start in range(0, len(rows), INSERT_ROWS):
        conn.execute(table.insert(), rows[start:start + INSERT_ROWS])


def encode_plan(conn: Connection, plan: Plan) -> Plan:
    """``plan`` with its new rows encoded for PostgreSQL's binary COPY on ``conn`` (:class:`~.incidents.Encoded`):
    what the filer of a bulk load into PostgreSQL sends (the changed incidents stay tuples: they are updated
    from arrays). Elsewhere, the plan as it is."""
    if not (conn.dialect.name == "postgresql" and _fast(conn)):
        return plan
    rows = [r for r in (plan.founded, plan.reports, plan.keys, plan.founded_keys) if not isinstance(r, Encoded)]
    if len(rows) < 4:  # (encoded already)
        return plan
    types = (_pg_types(incidents, FOUNDED_COLUMNS), _pg_types(incident_reports, REPORT_COLUMNS), KEY_TYPES, KEY_TYPES)
    founded, reports, keys, founded_keys = (encode_rows(conn, t, r) for t, r in zip(types, rows, strict=True))
    return Plan(founded=founded, reports=reports, updated=plan.updated, keys=keys, founded_keys=founded_keys)


@lru_cache(maxsize=64)
def _pg_types(table: Table, columns: tuple[str, ...]) -> list[str]:
    """The PostgreSQL types of ``columns`` for a binary COPY (as the schema's column types create them)."""
    names = {Integer: "int4", Float: "float8", Boolean: "bool"}
    return [next((n for t, n in names.items() if isinstance(table.c[c].type, t)), "text") for c in columns]


def _tuples(rows: list[dict[str, Any]], columns: list[str]) -> list[tuple[Any, ...]]:
    get = itemgetter(*columns)
    try:
        values = [get(row) for row in rows]
    except KeyError:  # a row without some column: None there
        values = [tuple(row.get(c) for c in columns) for row in rows]
        return values
    return values if len(columns) > 1 else [(v,) for v in values]
