"""Background and history by date: an event dated by its own words to long before publication is history (aux_mode 'historical'); the setting is ``background_days`` in ``data/modality.json``."""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from thucydides.model import Event


@lru_cache(maxsize=1)
def _background_days() -> int:
    text = resources.files("thucydides.nlp.provenance").joinpath("data", "modality.json").read_text("utf-8")
    return int(json.loads(text).get("background_days", 365))


def _period_end(value: str) -> dt.date | None:
    """The last day a date of any precision covers: '2014' -> 2014-12-31, '2015-09' -> 2015-09-30."""
    parts = value.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, month, int(parts[2][:2]))
    except (ValueError, IndexError):
        return None


def mark_background(events: Sequence[Event], published: str | None) -> int:
    """Real events dated by their own words to long before publication are history (aux_mode 'historical'):
    "in 2014 Isis fighters massacred ..." in a 2019 article. Returns how many were marked."""
    if not published:
        return 0
    start = _period_end(published)
    if start is None:
        return 0
    days = _background_days()
    marked = 0
    for ev in events:
        if ev.aux_mode is not None or not ev.date or ev.date_precision == "document":
            continue
        end = _period_end(ev.date_end or ev.date)
        if end is not None and (start - end).days > days:
            ev.aux_mode = "historical"
            marked += 1
    return marked
