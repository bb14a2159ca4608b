"""Filing the events of many documents under incidents at once, as storing them one by one would.

:func:`thucydides.ledger.incidents.assign_incidents` files one document's events with a few indexed reads
and writes. For a batch of documents this module reads the candidate incidents of the whole batch once,
then files each document's events in memory, in order, keeping what the ledger would hold after each
document (summaries, the keys they are filed under, the reports' facts), and writes the new incidents,
reports, updated summaries and keys at the end. The incidents come out as they would from storing the
documents one at a time in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select

from thucydides.ledger import corroboration as cor
from thucydides.ledger.facts import (
    event_keys,
    incident_keys,
    key_rows,
    report_facts,
    summarise,
    summary_event,
    tokens,
)
from thucydides.ledger.incidents import _FACTS, _SUMMARY, Candidates, effective, insert_keys, read_candidates
from thucydides.ledger.schema import incident_reports, incidents
from thucydides.model import Event

CHUNK = 500  # ids per IN (...) list
INSERT_ROWS = 5000  # rows per multi-row insert statement (other databases than SQLite and PostgreSQL)

DocEvents = tuple[Sequence[Event], str | None, str | None]  # new events, document date, outlet


class _Known(Candidates):
    """Candidates whose keys can be replaced (an incident founded in the batch is filed under the keys of
    its final summary once its document is done)."""

    def __init__(self, base: Candidates) -> None:
        super().__init__()
        self.summaries, self.by_key, self.by_token = base.summaries, base.by_key, base.by_token
        self.own: dict[str, set[tuple[str, str]]] = {}

    def file(self, summary: Event, keys: Iterable[tuple[str, str]], replace: bool = False) -> None:
        keys = set(keys)
        if replace:  # only for incidents founded in the batch: all their keys are in self.own
            old = self.own.pop(summary.id, set())
            for token, bucket in old - keys:
                self.by_key[token, bucket].discard(summary.id)
            for token in {t for t, _ in old} - {t for t, _ in keys}:
                self.by_token[token].discard(summary.id)
        self.own.setdefault(summary.id, set()).update(keys)
        self.add(summary, keys)


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def assign_incidents_many(conn: Connection, docs: Sequence[DocEvents]) -> int:
    """File the new real events of each document, in order, as ``assign_incidents`` per document would;
    returns how many incidents were touched."""
    rules = cor.load_rules()
    prepared = []
    for new_events, doc_date, outlet in docs:
        real = [e for e in (effective(raw, doc_date) for raw in new_events) if cor.is_real(e, rules)]
        prepared.append((real, [event_keys(e, rules) for e in real], [cor.incident_id(e, rules) for e in real],
                         outlet))
    everything = [w for _, wanted, _, _ in prepared for w in wanted]
    if not everything:
        return 0
    known = _Known(read_candidates(conn, everything))
    current: dict[str, Event] = dict(known.summaries)  # every incident's summary as the ledger holds it
    own_ids = sorted({i for _, _, ids, _ in prepared for i in ids} - current.keys())
    for chunk in _chunks(own_ids):
        for row in conn.execute(select(*_SUMMARY).where(incidents.c.id.in_(chunk))).mappings():
            current[row["id"]] = summary_event(row)
    facts: dict[str, list[Any]] = {}  # every report's facts, of the incidents that may be touched
    _load_facts(conn, sorted(current), facts)
    founded: dict[str, dict[str, Any]] = {}  # rows of incidents founded in the batch
    updated: dict[str, dict[str, Any]] = {}  # stored incidents whose summaries changed: their last summary
    new_reports: list[dict[str, Any]] = []
    new_keys: list[dict[str, Any]] = []
    for real, wanted, incident_ids, outlet in prepared:
        if not real:
            continue
        founders: dict[str, Event] = {}
        alone: dict[str, dict[str, Any]] = {}  # a founded incident's row while its founder is its only report
        reports: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for event, (token_keys, bucket_list, _), own_id in zip(real, wanted, incident_ids, strict=True):
            matches = [s for s in known.matching(token_keys, bucket_list) if cor.joins_incident(event, s, rules)]
            chosen = cor.best_incident(event, matches, rules).id if matches else None
            if chosen is None:
                chosen = own_id
                if chosen not in current and chosen not in founders:
                    founders[chosen] = event
                    first = report_facts(event, chosen, outlet, rules)
                    alone[chosen] = _founding_row(chosen, event, [first], rules)
                    summary = summary_event(alone[chosen])
                    known.file(summary, incident_keys(summary, rules))
                    reports[chosen].append(first)
                    continue
            reports[chosen].append(report_facts(event, chosen, outlet, rules))
        for incident_id, rows in reports.items():
            new_reports.extend(rows)
            facts.setdefault(incident_id, []).extend(rows)
            if incident_id in founders:
                if len(rows) == 1:  # no other report joined: the row and keys filed with the founder hold
                    founding = alone[incident_id]
                    summary = summary_event(founding)
                else:
                    founding = _founding_row(incident_id, founders[incident_id], facts[incident_id], rules)
                    summary = summary_event(founding)
                    known.file(summary, incident_keys(summary, rules), replace=True)
                founded[incident_id] = founding
                new_keys.extend(key_rows(summary, rules))
            else:
                old = current[incident_id]
                change = summarise(facts[incident_id], rules)
                summary = summary_event(dict(change, id=old.id, event=old.event, anchor_date=old.date,
                                             anchor_end=old.date_end))
                if incident_id in founded:
                    founded[incident_id].update(change)
                else:
                    updated[incident_id] = change  # its summary after the batch's reports so far
                fresh = key_rows(summary, rules, tokens(old, rules))
                new_keys.extend(fresh)
                known.file(summary, [(r["token_key"], r["bucket"]) for r in fresh])
            current[incident_id] = summary
            known.summaries[incident_id] = summary
    insert_rows(conn, incidents, list(founded.values()))
    insert_rows(conn, incident_reports, new_reports)
    if updated:
        changes = [dict(updated[i], _id=i) for i in sorted(updated)]
        conn.execute(incidents.update().where(incidents.c.id == bindparam("_id")), changes)
    insert_keys(conn, new_keys)
    return len(founded) + len(updated)


def _founding_row(incident_id: str, founder: Event, facts: Sequence[Any], rules: cor.Rules) -> dict[str, Any]:
    return dict(summarise(facts, rules), id=incident_id, event=founder.event,
                family=cor.event_family(founder.event, rules), anchor_date=founder.date,
                anchor_end=founder.date_end)


def _load_facts(conn: Connection, ids: list[str], facts: dict[str, list[Any]]) -> None:
    """The stored reports' facts of the incidents the batch may touch."""
    for chunk in _chunks(ids):
        for i in chunk:
            facts[i] = []
        for row in conn.execute(select(*_FACTS).where(incident_reports.c.incident_id.in_(chunk))).mappings():
            facts[row["incident_id"]].append(row)


def insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows fast: COPY on PostgreSQL (psycopg), one prepared statement run over tuples on
    SQLite, SQLAlchemy's multi-row insert elsewhere. Rows carry a value (or None) for the same columns."""
    if not rows:
        return
    columns = [c.name for c in table.columns if c.name in rows[0]]
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    driver: Any = conn.connection.driver_connection
    fast = conn.dialect.name == "sqlite" or (conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg")
    if fast and driver is not None:
        values = _tuples(rows, columns)
        if conn.dialect.name == "postgresql":
            with driver.cursor() as cursor, cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
        else:
            marks = ", ".join("?" for _ in columns)
            conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", values)
        return
    for start in range(0, len(rows), INSERT_ROWS):
        conn.execute(table.insert(), rows[start:start + INSERT_ROWS])


def _tuples(rows: list[dict[str, Any]], columns: list[str]) -> list[tuple[Any, ...]]:
    get = itemgetter(*columns)
    try:
        values = [get(row) for row in rows]
    except KeyError:  # a row without some column: None there
        values = [tuple(row.get(c) for c in columns) for row in rows]
        return values
    return values if len(columns) > 1 else [(v,) for v in values]
