"""What the pages show, computed from model records: highlighted sentences, counts per period,
the most active actors and dyads, and map points. Pure functions; no database access."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from thucydides.model import EVENT_TYPES, Actor, Event

from .worldmap import project

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def highlight(event: Event) -> list[tuple[str, str | None]]:
    """The event's sentence cut into (text, mark) pieces: mark is "trigger", "actor", "recipient" or None."""
    sentence = event.sentence
    if sentence is None:
        return []
    base, text = sentence.start, sentence.text
    marks: list[tuple[int, int, str]] = []
    if event.trigger_start is not None and event.trigger_end is not None:
        marks.append((event.trigger_start - base, event.trigger_end - base, "trigger"))
    for role, group in (("actor", event.actor), ("recipient", event.recipient)):
        for a in group:
            if a.start is not None and a.end is not None:
                marks.append((a.start - base, a.end - base, role))
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for start, end, kind in sorted(marks):
        start, end = max(start, at), min(end, len(text))
        if start >= end:
            continue
        if start > at:
            pieces.append((text[at:start], None))
        pieces.append((text[start:end], kind))
        at = end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces


def _period(value: str, by: str) -> str | None:
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    if by == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    return day.isoformat()


@dataclass
class Timeline:
    periods: list[str]
    series: list[str]
    counts: dict[str, dict[str, int]]  # period -> series -> count
    undated: int

    @property
    def peak(self) -> int:
        return max((sum(c.values()) for c in self.counts.values()), default=0)


def timeline(events: Sequence[Event], by: str = "day", group: str = "event") -> Timeline:
    """Events per day or week (events dated only to a month or year are left out, and counted),
    split by event type or quad class."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    undated = 0
    for e in events:
        period = _period(e.date, by) if e.date and len(e.date) >= 10 else None
        if period is None:
            undated += 1
            continue
        key = e.event if group == "event" else f"Q{e.quad}"
        counts[period][key] += 1
    used = {k for c in counts.values() for k in c}
    order = list(EVENT_TYPES) if group == "event" else [f"Q{q}" for q in QUAD_NAMES]
    return Timeline(sorted(counts), [s for s in order if s in used], {p: dict(c) for p, c in counts.items()},
                    undated)


def _codes(group: Sequence[Actor]) -> list[str]:
    return sorted({a.code or a.org or a.name or a.text for a in group if a.code or a.org or a.name or a.text})


def top_actors(events: Sequence[Event], n: int = 25) -> list[dict[str, Any]]:
    """The actors (codes, else organisation or name) in most events, as actor and as recipient."""
    as_actor: Counter[str] = Counter()
    as_recipient: Counter[str] = Counter()
    for e in events:
        as_actor.update(_codes(e.actor))
        as_recipient.update(_codes(e.recipient))
    total = as_actor + as_recipient
    return [{"actor": k, "events": v, "as_actor": as_actor[k], "as_recipient": as_recipient[k]}
            for k, v in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def top_dyads(events: Sequence[Event], n: int = 25) -> list[dict[str, Any]]:
    """(actor, recipient) pairs in most events, with their conflict and cooperation counts."""
    pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for e in events:
        for a in _codes(e.actor):
            for r in _codes(e.recipient):
                if a != r:
                    pairs[a, r]["events"] += 1
                    pairs[a, r]["conflict" if (e.quad or 0) >= 3 else "cooperation"] += 1
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1]["events"], kv[0]))[:n]
    return [{"actor": a, "recipient": r, "events": c["events"], "conflict": c["conflict"],
             "cooperation": c["cooperation"]} for (a, r), c in ranked]


def map_points(events: Sequence[Event]) -> list[dict[str, Any]]:
    """One point per place with coordinates: its name, country, projected x/y and how many events."""
    places: dict[tuple[str, float, float], dict[str, Any]] = {}
    for e in events:
        loc = e.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        key = (loc.name, round(loc.lat, 2), round(loc.lon, 2))
        point = places.get(key)
        if point is None:
            x, y = project(loc.lon, loc.lat)
            point = places[key] = {"name": loc.name, "country": loc.country, "lat": loc.lat, "lon": loc.lon,
                                   "x": x, "y": y, "events": 0, "types": Counter()}
        point["events"] += 1
        point["types"][e.event] += 1
    out = sorted(places.values(), key=lambda p: -p["events"])
    for p in out:
        p["r"] = round(3 + 2.5 * p["events"] ** 0.5, 1)
        p["types"] = ", ".join(f"{k} {v}" for k, v in p["types"].most_common())
    return out
