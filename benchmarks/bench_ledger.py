"""Storage throughput of the ledger: documents and events per second for ``Ledger.store_many``.

Builds N synthetic coded documents (default 2,000, 10 events each) whose events report a shared pool of
happenings, so that incidents collect reports from many outlets over a few days (plus one-off events,
claims, denials, relays, hypothetical events and month-precision or missing dates), and stores them into a
fresh SQLite file (and into PostgreSQL when THUCYDIDES_TEST_PG_URL is set; its tables are dropped first).
With ``--preload M`` the ledger first receives M other documents over the same dates (timed apart), so
the timed run writes into a ledger that already holds them.

    python benchmarks/bench_ledger.py --documents 2000 --preload 10000

Everything is made up and seeded: the same options give the same documents and the same ledger.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from thucydides.ledger import Ledger
from thucydides.model import Actor, Claim, Document, Event, Place, Quote, Sentence

STATES = ("AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH", "JJJ", "KKK", "LLL", "MMM", "NNN", "PPP",
          "QQQ", "RRR", "SSS", "TTT", "VVV", "WWW")
EVENT_TYPES = ("ASSAULT", "ASSAULT", "COERCE", "PROTEST", "CONSULT", "ACCUSE", "THREATEN", "SANCTION", "AID",
               "MOBILIZE")
START = date(2024, 1, 1)
DAYS = 365
HAPPENINGS_PER_DAY = 25
OUTLETS = tuple(f"Outlet {i}" for i in range(40))


def place(rng: random.Random) -> Place | None:
    country = rng.choice(STATES)
    if rng.random() < 0.2:
        return None
    if rng.random() < 0.2:
        return Place(name=f"Land {country}", country=country, feature="country")
    k = rng.randrange(12)
    base = STATES.index(country) * 3.0
    return Place(name=f"Town {country}-{k}", country=country, lat=10 + base + k * 0.05, lon=20 + k * 0.07,
                 feature="city")


def happening(day: int, k: int, seed: int) -> tuple[str, str | None, str | None, Place | None, int]:
    """The k-th happening of a day: event type, actor, recipient, place, day."""
    rng = random.Random(f"{seed}:{day}:{k}")
    actor, recipient = rng.sample(STATES, 2)
    return (rng.choice(EVENT_TYPES), actor if rng.random() > 0.05 else None,
            recipient if rng.random() > 0.1 else None, place(rng), day)


def make_event(doc: Document, index: int, spec: tuple[str, str | None, str | None, Place | None, int],
               rng: random.Random) -> Event:
    event_type, actor, recipient, where, day = spec
    when: str | None = (START + timedelta(days=day)).isoformat()
    roll = rng.random()
    if roll < 0.05:
        when = when[:7] if when else None  # month precision
    elif roll < 0.10:
        when = None  # the document's date
    claim = Claim()
    roll = rng.random()
    if roll < 0.2 and recipient:
        claim = Claim(status="claimed", claimant=Actor(text=f"{recipient} officials", code=recipient))
        if rng.random() < 0.15 and actor:
            claim.confirmed_by = [Actor(text=f"{actor} ministry", code=actor)]
        elif rng.random() < 0.1 and actor:
            claim.denied_by = [Actor(text=f"{actor} ministry", code=actor)]
    elif roll < 0.3:
        claim = Claim(status="reported", outlet=Actor(text=rng.choice(OUTLETS), kind="outlet"))
    text = f"Made-up sentence {index} about a {event_type.lower()} in {where.name if where else 'somewhere'}."
    start = 120 * index
    return Event(event=event_type, doc_id=doc.id,
                 actor=[Actor(text=f"{actor} forces", code=actor, sector="MIL", kind="state")] if actor else [],
                 recipient=[Actor(text=f"{recipient} people", code=recipient, kind="state")] if recipient else [],
                 trigger="struck", trigger_start=start + 10, trigger_end=start + 16, date=when,
                 date_precision="day" if when and len(when) == 10 else "document", location=where,
                 sentence=Sentence(index=index, text=text, start=start, end=start + len(text)), claim=claim,
                 aux_mode=rng.choice((None,) * 12 + ("hypothetical", "future", "negated")), confidence=0.7)


def documents(n: int, events: int, seed: int, offset: int = 0) -> Iterator[tuple[Document, list[Event],
                                                                                  list[Quote]]]:
    """N made-up coded documents with their events and one quote each, deterministic for a seed."""
    for i in range(offset, offset + n):
        rng = random.Random(f"{seed}:doc:{i}")
        day = rng.randrange(DAYS)
        doc = Document(text=f"Made-up benchmark article number {i}.", date=(START + timedelta(days=day)).isoformat(),
                       source=rng.choice(OUTLETS), title=f"Article {i}", path=f"bench/{i}.txt")
        evs = []
        for k in range(events):
            if rng.random() < 0.75:  # a report of a happening of the last three days
                d = max(0, day - rng.randrange(3))
                spec = happening(d, rng.randrange(HAPPENINGS_PER_DAY), seed)
            else:  # a one-off
                spec = happening(day, 1000 + i * events + k, seed)
            evs.append(make_event(doc, k, spec, rng))
        quote = Quote(text=f"Quoted words {i}", start=5, end=20,
                      speaker=Actor(text="a spokesperson", code=rng.choice(STATES)))
        yield doc, evs, [quote]


def store(led: Ledger, items: Iterator[tuple[Document, list[Event], list[Quote]]]) -> tuple[int, int, float, float]:
    """(documents, new events, seconds, CPU seconds of this process) for storing the items."""
    batch = list(items)
    started, cpu = time.perf_counter(), time.process_time()
    if hasattr(led, "store_many"):
        new = led.store_many(batch)
    else:  # an older ledger without store_many
        new = sum(led.store(doc, evs, qs) for doc, evs, qs in batch)
    return len(batch), new, time.perf_counter() - started, time.process_time() - cpu


def run(url: str, label: str, args: argparse.Namespace) -> None:
    with Ledger(url) as led:
        if args.preload:
            n, new, secs, _ = store(led, documents(args.preload, args.events, args.seed, offset=10**7))
            print(f"{label}: preload {n} documents, {new} events in {secs:.1f} s "
                  f"({n / secs:.0f} documents/s, {new / secs:.0f} events/s)")
        n, new, secs, cpu = store(led, documents(args.documents, args.events, args.seed))
        stats = led.stats()
    print(f"{label}: {n} documents, {new} events in {secs:.1f} s: {n / secs:.0f} documents/s, "
          f"{new / secs:.0f} events/s; {cpu:.1f} s CPU in this process ({stats['incidents']} incidents, {stats['incident_reports']} reports, "
          f"statuses {stats['incident_status']})")


def fresh_postgres(url: str) -> None:
    """Drop the ledger's tables from the PostgreSQL database at ``url`` (the benchmarks start from none)."""
    from sqlalchemy import create_engine

    from thucydides.ledger.migrations import INCIDENT_WRITES
    from thucydides.ledger.schema import metadata

    engine = create_engine(url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {INCIDENT_WRITES}")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000, help="documents to time")
    parser.add_argument("--events", type=int, default=10, help="events per document")
    parser.add_argument("--preload", type=int, default=0, help="documents stored first (timed apart)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--db", default=None, help="SQLite file to create (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db or Path(tmp) / "bench.db")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        run(str(path), "sqlite", args)
    pg = os.environ.get("THUCYDIDES_TEST_PG_URL")
    if pg:
        fresh_postgres(pg)
        run(pg, "postgresql", args)


if __name__ == "__main__":
    main()
