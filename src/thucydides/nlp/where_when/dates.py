"""Event dates: date expressions resolved against the publication date.

Common forms are read by our own patterns (fast); ``dateparser`` is a cached fallback for the rest.
Dates are "YYYY-MM-DD" (precision day, ``date_end`` set for ranges such as weeks and weekends),
"YYYY-MM" (month) or "YYYY" (year); the publication date stands in with precision "document".
Past expressions resolve to the most recent matching day not after the publication date (a weekday
named on its own day is that day), future ones to the next occurrence.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass", "conj"})
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
FUTURE_LEMMAS = frozenset({"schedule", "plan", "expect", "set", "due", "intend", "prepare", "aim", "slate"})
FUTURE_WORDS = frozenset({"next", "coming", "upcoming", "later"})

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}

_MONTH = r"(?P<{0}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_TO = r"\s*(?:-|–|—|to|through|and|until|till)\s*"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _m(name: str) -> str:
    return _MONTH.format(name)


def _d(name: str) -> str:
    return _DAY.format(name)


@dataclass
class DateResolution:
    date: str | None
    date_end: str | None
    precision: str  # "day" | "month" | "year" | "document"
    text: str | None


# --- helpers ----------------------------------------------------------------------------------------

def _parse_pub(pub_date: str | None) -> date | None:
    if not pub_date:
        return None
    try:
        return date.fromisoformat(pub_date[:10])
    except ValueError:
        return None


def _day(value: date, text: str, end: date | None = None) -> DateResolution:
    return DateResolution(value.isoformat(), end.isoformat() if end and end != value else None, "day", text)


def _month(year: int, month: int, text: str) -> DateResolution:
    return DateResolution(f"{year:04d}-{month:02d}", None, "month", text)


def _year(year: int, text: str) -> DateResolution:
    return DateResolution(f"{year:04d}", None, "year", text)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, pub: date | None, future: bool) -> int | None:
    """The year of a month-day without one: the next occurrence when future, else the most recent."""
    if pub is None:
        return None
    candidate = _safe(pub.year, month, day) or _safe(pub.year, month, 28)
    if candidate is None:
        return pub.year
    if future and candidate < pub:
        return pub.year + 1
    if not future and candidate > pub:
        return pub.year - 1
    return pub.year


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


# --- patterns: each returns a resolution or None ------------------------------------------------------

Rule = Callable[[re.Match[str], date | None, bool, str], DateResolution | None]


def _iso(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    value = _safe(int(m["y"]), int(m["mo"]), int(m["d"]))
    return _day(value, text) if value else None


def _range_two_months(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    m1, m2 = MONTHS[m["m1"].lower()], MONTHS[m["m2"].lower()]
    year = int(m["year"]) if m["year"] else _infer_year(m1, int(m["d1"]), pub, future)
    if year is None:
        return None
    start = _safe(year, m1, int(m["d1"]))
    end = _safe(year + (1 if m2 < m1 else 0), m2, int(m["d2"]))
    return _day(start, text, end) if start and end and end >= start else None


def _range_one_month(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    month = MONTHS[m["m1"].lower()]
    year = int(m["year"]) if m["year"] else _infer_year(month, int(m["d1"]), pub, future)
    if year is None:
        return None
    start, end = _safe(year, month, int(m["d1"])), _safe(year, month, int(m["d2"]))
    return _day(start, text, end) if start and end and end >= start else None


def _month_day(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    month, day = MONTHS[m["m1"].lower()], int(m["d1"])
    year = int(m["year"]) if m["year"] else _infer_year(month, day, pub, future)
    if year is None:
        return None
    value = _safe(year, month, day)
    return _day(value, text) if value else None


def _month_only(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    month = MONTHS[m["m1"].lower()]
    if m["year"]:
        return _month(int(m["year"]), month, text)
    if pub is None:
        return None
    year = pub.year
    if future and month < pub.month:
        year += 1
    elif not future and month > pub.month:
        year -= 1
    return _month(year, month, text)


def _relative_day(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    if pub is None:
        return None
    offset = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1}
    return _day(pub + timedelta(days=offset[m["w"].lower()]), text)


def _weekday(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    if pub is None:
        return None
    target = WEEKDAYS[m["wd"].lower()]
    qualifier = (m["q"] or "").lower()
    if qualifier == "next" or (future and qualifier not in ("last", "this")):
        ahead = (target - pub.weekday()) % 7 or 7
        return _day(pub + timedelta(days=ahead), text)
    back = (pub.weekday() - target) % 7
    if qualifier == "last" and back == 0:
        back = 7
    return _day(pub - timedelta(days=back), text)


def _week(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    if pub is None:
        return None
    which = m["w"].lower()
    monday = pub - timedelta(days=pub.weekday())
    if which == "past":
        return _day(pub - timedelta(days=7), text, pub)
    if which in ("last", "previous"):
        monday -= timedelta(days=7)
    elif which in ("next", "coming"):
        monday += timedelta(days=7)
    elif which == "earlier this":
        return _day(monday, text, max(monday, pub - timedelta(days=1)))
    elif which == "later this":
        return _day(min(pub + timedelta(days=1), monday + timedelta(days=6)), text, monday + timedelta(days=6))
    return _day(monday, text, monday + timedelta(days=6))


def _weekend(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    if pub is None:
        return None
    which = (m["w"] or "").lower()
    if which in ("next", "coming") or (future and which not in ("last", "past")):
        saturday = pub + timedelta(days=(5 - pub.weekday()) % 7)
    else:
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # on a Saturday: that day so far
        return _day(saturday, text, min(saturday + timedelta(days=1), pub))
    return _day(saturday, text, saturday + timedelta(days=1))


def _recent(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    if pub is None:
        return None
    days = int(m["n"]) if m["n"] and m["n"].isdigit() else 7
    if (m["u"] or "").lower().startswith("week"):
        days *= 7
    if (m["dir"] or "").lower() in ("coming", "next"):
        return _day(pub, text, pub + timedelta(days=days))
    return _day(pub - timedelta(days=days), text, pub)


def _month_relative(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    if pub is None:
        return None
    delta = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m["w"].lower().split()[-1], 0)
    year, month = _shift_month(pub.year, pub.month, delta)
    return _month(year, month, text)


def _year_relative(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    if pub is None:
        return None
    delta = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(m["w"].lower().split()[-1], 0)
    return _year(pub.year + delta, text)


_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3, "a few": 3}


def _ago(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    if pub is None:
        return None
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 1)
    unit = m["u"].lower()
    if unit.startswith("day"):
        return _day(pub - timedelta(days=n), text)
    if unit.startswith("week"):
        return _day(pub - timedelta(days=7 * n), text)
    if unit.startswith("month"):
        return _month(*_shift_month(pub.year, pub.month, -n), text)
    return _year(pub.year - n, text)


def _bare_year(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    return _year(int(m["y"]), text)


def _decade(m: re.Match[str], pub: date | None, future: bool, text: str) -> DateResolution | None:
    """ "in the 1990s": the decade, from its first year to its last."""
    start = int(m["y"])
    return DateResolution(f"{start:04d}", f"{start + 9:04d}", "year", text)


_WD = "|".join(WEEKDAYS)
_PART = r"(?:\s+(?:night|morning|afternoon|evening))?"
RULES: list[tuple[re.Pattern[str], Rule]] = [
    (_rx(r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b"), _iso),
    (_rx(rf"\b(?:from\s+|between\s+)?{_m('m1')}\s+{_d('d1')}{_TO}{_m('m2')}\s+{_d('d2')}\b{_YEAR}"),
     _range_two_months),
    (_rx(rf"\b(?:from\s+|between\s+)?{_d('d1')}\s+{_m('m1')}{_TO}{_d('d2')}\s+{_m('m2')}{_YEAR}"),
     _range_two_months),
    (_rx(rf"\b(?:from\s+|between\s+)?{_m('m1')}\s+{_d('d1')}{_TO}{_d('d2')}\b{_YEAR}"), _range_one_month),
    (_rx(rf"\b(?:from\s+|between\s+)?{_d('d1')}{_TO}{_d('d2')}\s+{_m('m1')}{_YEAR}"), _range_one_month),
    (_rx(rf"\b{_m('m1')}\s+{_d('d1')}\b{_YEAR}"), _month_day),
    (_rx(rf"\b{_d('d1')}\s+(?:of\s+)?{_m('m1')}{_YEAR}"), _month_day),
    (_rx(r"\b(?P<w>today|tonight|yesterday|tomorrow)\b"), _relative_day),
    (_rx(r"\b(?P<w>last|this)\s+(?:night|morning|afternoon|evening)\b"), _relative_day),
    (_rx(rf"\b(?:(?P<q>last|next|this|on|coming)\s+)?(?P<wd>{_WD}){_PART}\b"), _weekday),
    (_rx(r"\b(?P<w>earlier this|later this|last|past|previous|this|next|coming)\s+week\b"), _week),
    (_rx(r"\b(?:(?P<w>last|past|this|next|coming|the)\s+)weekend\b"), _weekend),
    (_rx(r"\b(?:(?P<dir>recent|past|last|coming|next)\s+(?:(?P<n>\d+|few|several|two|three)\s+)?"
         r"(?P<u>days|weeks))\b"), _recent),
    (_rx(r"\b(?P<w>earlier this|later this|last|past|previous|this|next|coming)\s+month\b"), _month_relative),
    (_rx(r"\b(?P<w>earlier this|later this|last|past|previous|this|next|coming)\s+year\b"), _year_relative),
    (_rx(r"\b(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|(?:a\s+)?few)\s+"
         r"(?P<u>days?|weeks?|months?|years?)\s+ago\b"), _ago),
    (_rx(rf"\b{_m('m1')}{_YEAR}\b"), _month_only),
    (_rx(r"\b(?:early|mid|late)-(?P<y>(?:19|20)\d\d)\b(?![\d/-])"), _bare_year),  # "in mid-2015"
    (_rx(r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)(?![\d/-]|s\b)"), _bare_year),
    (_rx(r"(?<![\d/.-])(?P<y>(?:19|20)\d0)s\b"), _decade),  # "in the 1990s"
]
# "May" alone is a month only when capitalised in running text ("may" is a verb); see _month_ok.
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "jan", "mar", "jun", "jul", "aug", "sep", "oct", "nov", "dec"})
NEEDS_DATE = re.compile(r"\d|\b(?:" + "|".join(m.capitalize() for m in MONTHS) + r")\b|(?i:\b(?:" + _WD
                        + r"|today|tonight|yesterday|tomorrow|week|month|year|days?)\b)")


FALLBACK_OK = re.compile(r"\d{1,4}[/.]\d{1,2}|\b(?:" + "|".join(m.capitalize() for m in MONTHS) + r")\b")
DECADE = re.compile(r"\b(?:19|20)\d0s\b|\b\d0s\b")


def _month_ok(m: re.Match[str]) -> bool:
    word = m.groupdict().get("m1")
    if not word or m.groupdict().get("d1") or m.groupdict().get("year"):
        return True
    return not (word.lower() in _AMBIGUOUS_MONTHS and not word[0].isupper())


def _matches(text: str, pub: date | None, future: bool) -> Iterator[DateResolution]:
    for pattern, rule in RULES:
        for m in pattern.finditer(text):
            if not _month_ok(m):
                continue
            found = rule(m, pub, future, text)
            if found is not None:
                yield found
                return


@lru_cache(maxsize=50_000)
def _resolve_cached(text: str, pub_date: str | None, future: bool) -> DateResolution | None:
    pub = _parse_pub(pub_date)
    for found in _matches(text, pub, future):
        return found
    if FALLBACK_OK.search(text) and not DECADE.search(text):
        return _dateparser_fallback(text, pub_date, future)
    return None


@lru_cache(maxsize=10_000)
def _dateparser_fallback(text: str, pub_date: str | None, future: bool) -> DateResolution | None:
    """The slow path: dateparser, for forms our patterns do not know. Cached."""
    import datetime as dt

    from dateparser.date import DateDataParser

    pub = _parse_pub(pub_date)
    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if future else "past",
                                   "RETURN_AS_TIMEZONE_AWARE": False}
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day)
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except (ValueError, TypeError, OverflowError):
        return None
    if data is None or data.date_obj is None:
        return None
    value, period = data.date_obj.date(), data.period or "day"
    if pub is None and not re.search(r"(?:19|20)\d\d", text):
        return None  # without a publication date only absolute dates resolve
    if period == "year":
        return _year(value.year, text)
    if period == "month":
        return _month(value.year, value.month, text)
    return _day(value, text)


def resolve_date_text(text: str, pub_date: str | None, tense: str | None = None) -> DateResolution | None:
    """Resolve one date expression against the publication date (YYYY-MM-DD, or None: then only
    absolute dates resolve). ``tense="future"`` picks the next occurrence, otherwise the most recent."""
    if not text or not text.strip():
        return None
    found = _resolve_cached(" ".join(text.split()), pub_date, tense == "future")
    if found is None:
        return None
    return DateResolution(found.date, found.date_end, found.precision, text)


# --- the event's own date ---------------------------------------------------------------------------


