"""Matching helpers of actor resolution: near spellings, officials by their term on a date, places that name their country."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from thucydides.knowledge.kb import Entry, Hit, KnowledgeBase, key_of
from thucydides.model import Place

DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y-%m", "%Y")


@functools.lru_cache(maxsize=4096)
def parse_date(value: str | None) -> str:
    """An ISO date (YYYY-MM-DD) for ``value``: ISO, "10 May 2015", "October 1, 2021"; else today."""
    text = (value or "").strip()
    if text and text.lower() != "today":
        for fmt in DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).date().isoformat()
            except ValueError:
                continue
        import dateparser

        found = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first"})
        if found is not None:
            return found.date().isoformat()
    return dt.date.today().isoformat()


@dataclass
class _Match:
    i: int  # first token
    j: int  # one past the last token
    hit: Hit


_KBS: dict[int, KnowledgeBase] = {}


@functools.lru_cache(maxsize=65536)
def _near_cached(kb_id: int, word: str) -> str | None:
    kb = _KBS[kb_id]
    for cand in kb.by_first.get(word[0], ()):
        if abs(len(cand) - len(word)) <= 1 and _one_edit(word, cand):
            return cand
    return None


def _near(kb: KnowledgeBase, word: str) -> str | None:
    """A one-word alias one typo away (a swap, a missing, extra or wrong letter), for words of 6+ letters."""
    if len(word) < 6:
        return None
    _KBS.setdefault(id(kb), kb)
    return _near_cached(id(kb), word)


def _one_edit(a: str, b: str) -> bool:
    if a == b:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    k = 0
    while k < len(short) and short[k] == long_[k]:
        k += 1
    return short[k:] == long_[k + 1:]


def _one_person(kb: KnowledgeBase, hits: list[Hit], day: str | None) -> list[Hit]:
    """A name several office-holders share ("Clinton") stands for the one in office on ``day``; when none
    or several are, for nobody."""
    people = {h.entry.id for h in hits if h.entry.kind == "person"}
    if len(people) < 2:
        return hits
    fit = {p for p in people if day is not None and any(_covers(t, day) for t in kb.officials.get(p, ()))}
    if len(fit) != 1:
        # whoever it is, a name all of whose holders served one state names that state ("President Bush"):
        # the one of them with the latest term stands for it
        codes = {t.code for p in people for t in kb.officials.get(p, ())}
        if len(codes) == 1 and None not in codes and not fit:
            latest = max(people, key=lambda p: max((t.start or "") for t in kb.officials.get(p, ())))
            fit = {latest}
    return [h for h in hits if h.entry.kind != "person" or (len(fit) == 1 and h.entry.id in fit)]


def _covers(term: Entry, day: str) -> bool:
    return (term.start or "") <= day and (not term.end or day <= term.end)


def _term(kb: KnowledgeBase, person: Entry, day: str | None) -> tuple[Entry, bool]:
    """The person's term of office as of ``day`` (without a day: the latest), and whether it is over."""
    terms = kb.officials.get(person.id, [person])
    if day is None:
        return max(terms, key=lambda t: t.start or ""), False
    current = [t for t in terms if _covers(t, day)]
    if current:
        return max(current, key=lambda t: t.start or ""), False
    past = [t for t in terms if t.end and t.end < day]
    if past:
        return max(past, key=lambda t: t.end or ""), True
    return terms[0], False


def _as_of(date: str | None) -> str | None:
    """The ISO day to check terms of office against; None when no date is given."""
    return parse_date(date) if date and date.strip() else None


ACTOR_PLACE_POPULATION = 100_000  # a lone capitalised word is taken as a city only if the city is this big


def _big_city(run: str, place: Place) -> bool:
    """Whether a city name inside an actor phrase is a real population centre ("Baghdad"), not a village that
    happens to share a word with it ("Vice", "Henry")."""
    from thucydides.nlp.where_when.gazetteer import gazetteer, place_key

    return any(e.population >= ACTOR_PLACE_POPULATION for _, e in gazetteer().candidates(place_key(run))
               if e.country == place.country and e.feature == "city")


def _place_in(kb: KnowledgeBase, words: list[str], raw: list[str], matches: list[_Match]) -> Place | None:
    """A place the phrase names that the knowledge base does not know ("Sindh", "Kano State"): a run of
    capitalised words outside every match, not right after a title, as the gazetteer's alias, exact name
    or name plus a designator ("Borno" -> "Borno State")."""
    from thucydides.nlp.where_when.places import resolve_place

    covered = {k for m in matches for k in range(m.i, m.j)}
    designators = kb.words.get("designator", set())
    skip = kb.words.get("not_place", set())
    k, n = 0, len(words)
    after_title = {m.j for m in matches if m.hit.entry.kind == "sector"}
    while k < n:
        if k in covered or not raw[k][:1].isupper() or words[k] in skip:
            k += 1
            continue
        e = k
        while e < n and e not in covered and raw[e][:1].isupper() and words[e] not in skip:
            e += 1
        # a name right after a title is a person's ("General Smith"), and a word the knowledge base
        # knows but did not take (a surname several office-holders share) is no place either
        if k in after_title or any((w,) in kb.lookup for w in words[k:e]):
            k = e
            continue
        run = " ".join(raw[k:e])
        place = resolve_place(run)
        if place is not None and place.country:
            name = key_of(place.name)
            asked = key_of(run)
            named = place.how == "alias" or name == asked or (
                name[:len(asked)] == asked and len(name) == len(asked) + 1 and name[-1] in designators)
            if named and (place.how == "alias" or place.feature != "city" or _big_city(run, place)):
                return place
        k = e
    return None
