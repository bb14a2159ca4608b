"""Keeping the incidents table up to date as documents are stored (inside the store's transaction).

Per document: one indexed read of the incidents its events may report (by ``incident_keys``), the
matching in memory, bulk inserts of new incidents, reports and keys, and one indexed read of the fact
columns of the stored incidents it touched, whose summaries are then recomputed and updated in bulk.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, any_, bindparam, or_, select
from sqlalchemy.dialects import postgresql

from thucydides.ledger import corroboration as cor
from thucydides.ledger.facts import (
    SUMMARY_COLUMNS,
    Wanted,
    event_keys,
    incident_keys,
    key_rows,
    report_facts,
    summarise,
    summary_event,
    summary_from_values,
    tokens,
)
from thucydides.ledger.overlay import active_changes
from thucydides.ledger.overlay import effective as corrected_record
from thucydides.ledger.schema import REPORT_FACTS, documents, events, incident_reports, incidents
from thucydides.ledger.schema import incident_keys as keys_table
from thucydides.model import Event, Incident, Report

Pair = tuple[Event, Report]


def effective(event: Event, doc_date: str | None) -> Event:
    """The event with the document's date when it has none of its own (for grouping only)."""
    if event.date or not doc_date:
        return event
    return dataclasses.replace(event, date=doc_date)


def load_pairs(conn: Connection, incident_ids: Iterable[str]) -> dict[str, list[Pair]]:
    """Each incident's reports with their events, in a stable order (date, then event id); for reading."""
    ids = sorted(set(incident_ids))
    out: dict[str, list[Pair]] = defaultdict(list)
    if not ids:
        return out
    query = (select(incident_reports.c.incident_id, events.c.id, events.c.record, documents.c.date,
                    documents.c.source)
             .select_from(incident_reports.join(events, events.c.id == incident_reports.c.event_id)
                          .join(documents, documents.c.id == incident_reports.c.doc_id))
             .where(incident_reports.c.incident_id.in_(ids)))
    rows = conn.execute(query).all()
    changes = active_changes(conn, [r[1] for r in rows])  # reviewers' corrections, laid over the coding
    for incident_id, event_id, record, doc_date, source in rows:
        raw = json.loads(record)
        if event_id in changes:
            raw, _ = corrected_record(raw, changes[event_id])
        event = effective(Event.from_dict(raw), doc_date)
        out[incident_id].append((event, cor.build_report(event, source)))
    for pairs in out.values():
        pairs.sort(key=lambda p: (p[0].date or "", p[0].id))
    return out


class Candidates:
    """Incident summaries (as Events) by id, and their ids by (token key, bucket) and by token key."""

    def __init__(self) -> None:
        self.summaries: dict[str, Event] = {}
        self.by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.by_token: dict[str, set[str]] = defaultdict(set)

    def add(self, summary: Event, keys: Iterable[tuple[str, str]]) -> None:
        self.summaries[summary.id] = summary
        for token, bucket in keys:
            self.by_key[token, bucket].add(summary.id)
            self.by_token[token].add(summary.id)

    def matching(self, token_keys: set[str], bucket_list: list[str] | None) -> list[Event]:
        """Summaries filed under one of the keys (any bucket when None), in (founding date, id) order,
        undated ones first."""
        ids: set[str] = set()
        for token in token_keys:
            if bucket_list is None:
                ids.update(self.by_token.get(token, ()))
            else:
                for bucket in bucket_list:
                    ids.update(self.by_key.get((token, bucket), ()))
        found = [self.summaries[i] for i in ids]
        found.sort(key=lambda s: (s.date is not None, s.date or "", s.id))
        return found


_SUMMARY = tuple(incidents.c[name] for name in SUMMARY_COLUMNS)
_FACTS = (incident_reports.c.incident_id, incident_reports.c.event_id,
          *(incident_reports.c[c.name] for c in REPORT_FACTS))


def among(column: Any, values: Sequence[Any], arrays: bool = False) -> ColumnElement[bool]:
    """``column IN (values)``; with ``arrays`` (PostgreSQL), ``column = ANY(array)``: one parameter however many
    values, where an IN list of thousands cost the filer of a bulk load a quarter of a second a batch to
    compile and send."""
    if arrays:
        return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(column.type)))
    return column.in_(values)  # type: ignore[no-any-return]


CHUNK = 500  # values per IN (...) list


def value_lists(values: Sequence[Any], arrays: bool = False) -> Iterator[Sequence[Any]]:
    """``values`` in lists of :data:`CHUNK` for ``IN (...)``, or with ``arrays`` all at once (see :func:`among`)."""
    if arrays:
        if values:
            yield values
        return
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def candidates_query(wanted: Sequence[Wanted], summaries: bool = True, arrays: bool = False) -> Select[Any] | None:
    """(token key, bucket, summary columns) of the stored incidents filed under any of the (token keys,
    buckets or None for any) whose founding dates may fall in the window, by the index; None when nothing
    is wanted. Without ``summaries``: (token key, bucket, incident id), from the keys alone. With ``arrays``,
    the lists of values are PostgreSQL arrays (:func:`among`)."""
    k = keys_table.c
    dated = [w for w in wanted if w[2] is not None]
    dated_tokens = sorted({t for toks, _, _ in dated for t in toks})
    dated_buckets = sorted({b for _, found, _ in dated for b in found or ()})
    any_bucket = sorted({t for toks, found, _ in wanted if found is None for t in toks})
    conds = []
    if dated_tokens:
        low = min(days[0] for _, _, days in dated if days)
        high = max(days[1] for _, _, days in dated if days)
        conds.append(and_(among(k.token_key, dated_tokens, arrays), among(k.bucket, dated_buckets, arrays),
                          or_(k.first_day.is_(None), and_(k.first_day <= high, k.last_day >= low))))
    if any_bucket:
        conds.append(among(k.token_key, any_bucket, arrays))
    if not conds:
        return None
    where = or_(*conds) if len(conds) > 1 else conds[0]
    if not summaries:
        return select(k.token_key, k.bucket, k.incident_id).where(where)
    return (select(k.token_key, k.bucket, *_SUMMARY)
            .select_from(keys_table.join(incidents, incidents.c.id == k.incident_id))
            .where(where))


def read_candidates(conn: Connection, wanted: Sequence[Wanted]) -> Candidates:
    """The stored incidents filed under any of the (token keys, buckets or None for any) whose founding
    dates may fall in the window, by the index."""
    out = Candidates()
    query = candidates_query(wanted)
    if query is None:
        return out
    filed: dict[str, list[tuple[str, str]]] = defaultdict(list)
    summaries = out.summaries
    for row in conn.execute(query):
        incident = row[2]
        filed[incident].append((row[0], row[1]))
        if incident not in summaries:
            summaries[incident] = summary_from_values(tuple(row[2:]))
    for incident, pairs in filed.items():
        out.add(out.summaries[incident], pairs)
    return out


def assign_incidents(conn: Connection, new_events: Sequence[Event], doc_date: str | None,
                     outlet: str | None) -> int:
    """File each new real event under the incident it reports, founding one if none fits; returns how
    many incidents were touched. Deterministic: candidates are tried in (founding date, id) order, as the
    ledger held them when the document began, plus the incidents the document's own events founded."""
    rules = cor.load_rules()
    real = [e for e in (effective(raw, doc_date) for raw in new_events) if cor.is_real(e, rules)]
    if not real:
        return 0
    wanted = [event_keys(e, rules) for e in real]
    known = read_candidates(conn, wanted)
    before = dict(known.summaries)  # as stored: their keys are filed
    own_ids = [cor.incident_id(e, rules) for e in real]  # the incident each event would found
    founding = sorted(set(own_ids) - before.keys())
    if founding:  # stored incidents that an event would found again (never candidates here)
        for row in conn.execute(select(*_SUMMARY).where(incidents.c.id.in_(founding))).mappings():
            before[row["id"]] = summary_event(row)
    founders: dict[str, Event] = {}
    reports: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event, (token_keys, bucket_list, _), own_id in zip(real, wanted, own_ids, strict=True):
        matches = [s for s in known.matching(token_keys, bucket_list) if cor.joins_incident(event, s, rules)]
        chosen = cor.best_incident(event, matches, rules).id if matches else None
        if chosen is None:
            chosen = own_id
            if chosen not in before and chosen not in founders:
                founders[chosen] = event
                facts = report_facts(event, chosen, outlet, rules)
                summary = summary_event(_founding_row(chosen, event, [facts], rules))
                known.add(summary, incident_keys(summary, rules))
                reports[chosen].append(facts)
                continue
        reports[chosen].append(report_facts(event, chosen, outlet, rules))
    new_rows = [_founding_row(i, e, reports[i], rules) for i, e in founders.items()]
    if new_rows:
        conn.execute(incidents.insert(), new_rows)
    conn.execute(incident_reports.insert(), [r for rows in reports.values() for r in rows])
    updated = _update_stored(conn, [i for i in reports if i not in founders], before, rules)
    _file_keys(conn, [summary_event(r) for r in new_rows] + updated, before, rules)
    return len(reports)


def _founding_row(incident_id: str, founder: Event, facts: Sequence[dict[str, Any]],
                  rules: cor.Rules) -> dict[str, Any]:
    """A new incident's row: its founding event's type, family and dates, and its reports' summary."""
    return dict(summarise(facts, rules), id=incident_id, event=founder.event,
                family=cor.event_family(founder.event, rules), anchor_date=founder.date,
                anchor_end=founder.date_end)


def _update_stored(conn: Connection, ids: Sequence[str], before: dict[str, Event],
                   rules: cor.Rules) -> list[Event]:
    """Recompute stored incidents' summaries from their reports' fact columns and update them; the
    summaries after."""
    if not ids:
        return []
    facts: dict[str, list[Any]] = defaultdict(list)
    for row in conn.execute(select(*_FACTS).where(incident_reports.c.incident_id.in_(ids))).mappings():
        facts[row["incident_id"]].append(row)
    changes = [dict(summarise(facts[i], rules), _id=i) for i in ids]
    conn.execute(incidents.update().where(incidents.c.id == bindparam("_id")), changes)
    out = []
    for change in changes:
        old = before[change["_id"]]
        out.append(summary_event(dict(change, id=old.id, event=old.event, anchor_date=old.date,
                                      anchor_end=old.date_end)))
    return out


def _file_keys(conn: Connection, summaries: Sequence[Event], before: dict[str, Event], rules: cor.Rules) -> None:
    """File incidents under the keys of their current summaries that their stored summaries lacked."""
    rows = []
    for summary in summaries:
        old = before.get(summary.id)
        rows.extend(key_rows(summary, rules, tokens(old, rules) if old is not None else set()))
    insert_keys(conn, rows)


_KEY_COLUMNS = ("token_key", "bucket", "incident_id", "first_day", "last_day")


def insert_keys(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert incident_keys rows, leaving alone those already there."""
    if rows:
        insert_key_tuples(conn, [tuple(r[c] for c in _KEY_COLUMNS) for r in rows])


@dataclasses.dataclass(frozen=True)
class Encoded:
    """Rows as the data of a PostgreSQL binary ``COPY ... FROM STDIN`` (:func:`encode_rows`): what a bulk load's
    filer sends for the rows it worked out, so that the loader writes them as they are. Pickling them as
    tuples, unpickling and encoding them again cost the two processes 0.8 CPU s per 10,000 documents."""

    data: bytes
    rows: int

    def __len__(self) -> int:
        return self.rows


KEY_TYPES = ("text", "text", "text", "int4", "int4")  # of _KEY_COLUMNS


def encode_rows(conn: Connection, types: Sequence[str], values: Sequence[tuple[Any, ...]]) -> Encoded:
    """``values`` (tuples of the PostgreSQL ``types``) as binary COPY data, made by psycopg on ``conn`` (a
    PostgreSQL connection through psycopg) without sending anything."""
    import io

    import psycopg
    from psycopg.copy import FileWriter

    buffer = io.BytesIO()
    driver: Any = conn.connection.driver_connection
    with driver.cursor() as cursor, psycopg.Copy(cursor, binary=True, writer=FileWriter(buffer)) as copy:
        copy.set_types(list(types))
        for value in values:
            copy.write_row(value)
    return Encoded(buffer.getvalue(), len(values))


def copy_in(conn: Connection, statement: str, types: Sequence[str],
            values: Sequence[tuple[Any, ...]] | Encoded) -> None:
    """Run ``statement`` (a ``COPY ... FROM STDIN (FORMAT BINARY)``) on a PostgreSQL connection through psycopg
    with ``values``: tuples of ``types``, or already encoded."""
    driver: Any = conn.connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        if isinstance(values, Encoded):
            copy.write(values.data)
            return
        copy.set_types(list(types))
        for value in values:
            copy.write_row(value)


def insert_key_tuples(conn: Connection, values: list[tuple[Any, ...]] | Encoded) -> None:
    """Insert incident_keys rows given as (token_key, bucket, incident_id, first_day, last_day), leaving
    alone those already there (on PostgreSQL, the rows may come encoded)."""
    if not values:
        return
    name = conn.dialect.name
    columns = ", ".join(_KEY_COLUMNS)
    if name == "sqlite":  # one prepared statement run over plain tuples: no per-row compilation
        assert not isinstance(values, Encoded)
        conn.exec_driver_sql(f"INSERT INTO incident_keys ({columns}) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                             values)
        return
    driver: Any = conn.connection.driver_connection
    if name == "postgresql" and conn.dialect.driver == "psycopg" and driver is not None:
        # COPY into a temporary table (emptied at commit), then one INSERT ... SELECT skipping those there
        conn.exec_driver_sql("CREATE TEMPORARY TABLE IF NOT EXISTS incident_keys_in "
                             "(LIKE incident_keys INCLUDING DEFAULTS) ON COMMIT DELETE ROWS")
        copy_in(conn, f"COPY incident_keys_in ({columns}) FROM STDIN (FORMAT BINARY)", KEY_TYPES, values)
        conn.exec_driver_sql(f"INSERT INTO incident_keys ({columns}) SELECT {columns} FROM incident_keys_in "
                             "ON CONFLICT DO NOTHING")
        conn.exec_driver_sql("TRUNCATE incident_keys_in")  # the transaction may go on
        return
    assert not isinstance(values, Encoded)  # (made for PostgreSQL through psycopg only)
    rows = [dict(zip(_KEY_COLUMNS, v, strict=True)) for v in values]
    if name == "postgresql":
        conn.execute(postgresql.insert(keys_table).on_conflict_do_nothing(), rows)
        return
    k = keys_table.c
    ids = sorted({r["incident_id"] for r in rows})
    there = {tuple(r) for r in conn.execute(select(k.token_key, k.bucket, k.incident_id).where(k.incident_id.in_(ids)))}
    fresh = {(r["token_key"], r["bucket"], r["incident_id"]): r for r in rows}
    missing = [r for key, r in fresh.items() if key not in there]
    if missing:
        conn.execute(keys_table.insert(), missing)


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
