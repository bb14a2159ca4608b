"""Actor resolution: who a phrase names, as a PLOVER country code and sector.

``resolve_actor("Iraqi troops")`` gives ``Actor(code="IRQ", sector="MIL", ...)``; ``resolve_span`` does the
same for a span of a spaCy Doc, splits coordinated actors ("the United States and France") and drops
equipment ("German Leopard 2 tanks" is where the tanks come from, not who acts).

Knowledge-base files
--------------------
The knowledge base is a folder of CSV files (``src/thucydides/knowledge/data/kb/``); add your own with
``--kb PATH`` or ``KnowledgeBase.load(extra=[...])`` (files or folders; CSV, or JSON/YAML lists of objects
with the same keys). A file's kind is told by its columns; several aliases go in one cell separated by
``|``; lines starting with ``#`` are comments. Later files add to earlier ones.

* states -- ``code,name,aliases,demonyms,capitals``: ISO3 code, name, other names ("UK|Britain"),
  adjectives and people ("British|Briton", plurals are added), capitals and seats of government
  ("London|Downing Street": these name the government, sector GOV).
* organisations and named actors -- ``id,name,code,org,sector,kind,aliases``: ``code`` is the PLOVER
  country code (ISO3, IGO, UNO for UN bodies, EUR for EU bodies, NGO), ``org`` the organisation's acronym,
  ``kind`` one of igo, outlet, thinktank, party, group, unit, agency, seat, company, school, ngo.
* officials -- ``id,name,aliases,code,org,sector,role,start,end``: one row per term of office (dates
  YYYY-MM-DD, ``end`` empty while in office; an optional ``note`` column for doubts). As of the date given,
  a person in office gets the row's sector, a former office-holder sector ELI with the same country; with
  no date, the office of their latest term. The last word of a name ("Obama") is a surname alias; a
  name several office-holders share ("Clinton") names the one in office on the date, else nobody.
* word lists -- ``word,list``: ``common`` (common English words: as one-word aliases of outlets and
  groups they only match the whole, capitalised phrase: "Liberation" is not "Liberation Tigers"),
  ``not_surname`` (last words of names that are not surname aliases), ``designator`` ("state",
  "province": "Kano State" is the place "Kano"), ``not_place`` (capitalised words never looked up as places),
  ``leader`` and ``backer`` (the last part of "US-led coalition" names who leads it, coded; that of
  "Iran-backed militia" only a backer, left out).
* sector words -- ``term,sector,role[,code]``: a word or phrase and its PLOVER sector; ``role`` is
  ``head`` (a noun naming the actor: "troops"), ``title`` (an office that takes the sector of the body it
  heads: "chairman of the board"), or ``modifier`` (a word that changes the sector: "former" -> ELI).
* equipment -- ``equipment,origin``: weapons and vehicles; a nationality on them is their origin.
* generic referents -- ``referent,sectors,kinds``: head nouns ("regime", "militants") that, in a definite
  description left uncoded ("the regime"), name the last fitting mention earlier in the article: one with
  the same head noun, else one of these sectors, else a named entry of one of these kinds.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

import spacy.tokens

from thucydides.errors import ArgumentTypeError, E, kind_of
from thucydides.knowledge.kb import Entry, Hit, KnowledgeBase, default_kb, normalise, tokens
from thucydides.model import Actor
from thucydides.nlp.actors.matching import (
    _KBS,
    _as_of,
    _Match,
    _near,
    _one_person,
    _place_in,
    _term,
    parse_date,
)

__all__ = ["KnowledgeBase", "default_kb", "resolve_actor", "resolve_span", "is_outlet", "is_equipment",
           "parse_date"]

PREPOSITIONS = frozenset(["of", "to", "in", "at", "for", "from", "with", "on", "by", "near", "against", "inside",
                          "outside", "across", "over"])
CONJUNCTIONS = frozenset(["and", "or", ",", "&", "plus"])
NAMED_GROUPS = frozenset(["group", "unit", "agency", "party", "outlet", "thinktank", "ngo", "school"])
ELI_SECTORS = frozenset(["GOV", "MIL", "LEG", "JUD", "COP", "SPY"])


def is_outlet(actor: Actor) -> bool:
    """Whether the actor is a media outlet (a newspaper, agency or broadcaster)."""
    return actor.kind == "outlet"


def _find(kb: KnowledgeBase, words: list[str], raw: list[str], day: str | None = None) -> list[_Match]:
    """Longest match left to right over token n-grams; capitalised aliases need non-lower-case text,
    common words ("Liberation") the whole phrase, and a name several office-holders share one that fits
    ``day``."""
    out: list[_Match] = []
    i, n = 0, len(words)
    while i < n:
        found = None
        for j in range(min(n, i + kb.longest), i, -1):
            hits = kb.lookup.get(tuple(words[i:j]))
            if not hits:
                continue
            lower = all(r.islower() for r in raw[i:j])
            whole = (i == 0 or (i == 1 and words[0] == "the")) and j == n and raw[i][:1].isupper()
            hits = [h for h in hits if not ((h.acronym or h.proper) and lower) and (whole or not h.whole)]
            if i > 0 and _first_name(kb, words[i - 1], raw[i - 1]):
                hits = [h for h in hits if h.how != "surname"]  # "Diane Abbott" is not Tony Abbott
            hits = _one_person(kb, hits, day)
            if hits:
                found = _Match(i, j, _best(hits))
                break
        # not inside a longer name: "Jane Lyndon" is no London
        in_name = (i > 0 and raw[i - 1][:1].isupper() and words[i - 1] != "the") or \
            (i + 1 < n and raw[i + 1][:1].isupper())
        if found is None and words[i][:1].isalpha() and raw[i][:1].isupper() and not in_name:
            near = _near(kb, words[i])
            if near is not None:
                typo = [h for h in kb.lookup[(near,)] if not (h.whole or h.proper)
                        and h.entry.kind not in ("sector", "equipment")]
                found = _Match(i, i + 1, _best(typo)) if typo else None
        if found is None:
            i += 1
            continue
        if _longer_inside(kb, words, found):  # "the Alliance of Sahel States": not "the Alliance" (NATO)
            i += 1
            continue
        out.append(found)
        i = found.j
    return out


def _first_name(kb: KnowledgeBase, word: str, raw: str) -> bool:
    """A capitalised word the knowledge base does not know, before a surname: someone's first name, so the
    surname is of another person than the office-holder who has it ("Diane Abbott"; not "Mr Abbott",
    "President Bush", "George W. Bush")."""
    return (len(word) > 2 and word.isalpha() and raw[:1].isupper() and (word,) not in kb.lookup
            and word not in kb.words.get("honorific", set()) and word != "the")


def _longer_inside(kb: KnowledgeBase, words: list[str], found: _Match) -> bool:
    """A longer alias starts inside a match and runs past its end."""
    for k in range(found.i + 1, found.j):
        for end in range(min(len(words), k + kb.longest), found.j, -1):
            if end - k > found.j - found.i and kb.lookup.get(tuple(words[k:end])):
                return True
    return False


def _best(hits: list[Hit]) -> Hit:
    """Among entries sharing an alias, named things before sector words, states before the rest."""
    rank = {"state": 0, "person": 1, "seat": 3, "sector": 5, "equipment": 6}
    return min(hits, key=lambda h: rank.get(h.entry.kind, 2))


def _compounds(kb: KnowledgeBase, words: list[str], raw: list[str]) -> tuple[list[str], list[str]]:
    """Hyphenated compounds on a head: "US-led coalition" is led, and coded, by the first part; in
    "Iran-backed militia" the first part is a backer, not the actor, and is left out (word lists ``leader``
    and ``backer``)."""
    leaders, backers = kb.words.get("leader", set()), kb.words.get("backer", set())
    if not (leaders or backers) or not any("-" in w for w in words):
        return words, raw
    words, raw = list(words), list(raw)
    for k, w in enumerate(words):
        first, _, last = w.rpartition("-")
        if first and last in leaders:
            words[k], raw[k] = first, raw[k][:len(first)]
        elif first and last in backers:
            words[k], raw[k] = last, raw[k][len(first) + 1:]
    return words, raw


def _resolve(kb: KnowledgeBase, text: str, words: list[str], raw: list[str], date: str | None) -> Actor:
    words, raw = _compounds(kb, words, raw)
    day = _as_of(date)
    matches = _find(kb, words, raw, day)
    if not matches:
        place = _place_in(kb, words, raw, matches)
        if place is None:
            return Actor(text=text, why="no match")
        return Actor(text=text, code=place.country, name=place.name, kind="place",
                     why=f"place {place.text!r} -> {place.country} ({place.name}, {place.feature})")
    cut = next((k for k, w in enumerate(words) if w in PREPOSITIONS and not any(m.i <= k < m.j for m in matches)),
               len(words))
    head_part = [m for m in matches if m.i < cut]
    rest = [m for m in matches if m.i >= cut]
    why: list[str] = []

    primary: Entry | None = None
    sector: str | None = None
    head: _Match | None = None
    person_term: Entry | None = None
    for m in reversed(head_part):
        e = m.hit.entry
        if e.kind == "sector" and e.role == "modifier":
            continue
        if e.kind == "person":
            if head is None:
                term, over = _term(kb, e, day)
                person_term = term
                primary = term
                sector = "ELI" if over else term.sector
                head = m
                title = next((t for t in reversed(head_part) if t.i < m.i and t.hit.entry.kind == "sector"
                              and t.hit.entry.role != "modifier" and t.hit.entry.sector), None)
                if title is not None and not over:  # the text's own title: "Senator Marco Rubio"
                    sector = title.hit.entry.sector
                span = f"{term.start or '?'}..{term.end or ''}"
                if day is None:
                    why.append(f"no date given: latest term ({term.name}, {term.role}, {span})")
                else:
                    why.append(f"{'former ' if over else ''}official {term.name} ({term.role}, {span})")
            continue
        if head is None and e.sector:
            head, sector = m, e.sector
        elif head is not None and head.hit.entry.kind == "sector" and e.sector and e.kind in NAMED_GROUPS:
            # a named group's own sector beats a generic noun: "Hamas fighters", "Wagner mercenaries"
            head, sector = m, e.sector
    for m in matches:
        if m.hit.entry.kind != "sector" and m.hit.entry.kind != "equipment" and primary is None:
            primary = m.hit.entry
    # a title ("chairman", "president") takes the sector of the body it heads: "chairman of the board"
    if head is not None and head.hit.entry.role == "title" or head is None:
        body = next((m for m in rest if m.hit.entry.sector and m.hit.entry.kind != "person"
                     and m.hit.entry.role != "modifier"), None)
        if body is not None and (head is None or (body.hit.entry.sector not in (None, sector)
                                                  and body.hit.entry.kind != "seat")):
                sector = body.hit.entry.sector
                why.append(f"sector of {' '.join(words[body.i:body.j])!r}")
    # modifiers before the head: "former" office-holders are ELI, "wanted" people CRM
    for m in head_part:
        e = m.hit.entry
        if e.role == "modifier" and (head is None or m.i < head.i):
            if e.sector == "ELI" and sector not in ELI_SECTORS and person_term is None:
                continue
            sector = e.sector
            why.append(f"modifier {' '.join(words[m.i:m.j])!r}")
    code = org = None
    for group in (head_part, rest):
        for m in group:
            # an office-holder's country and organisation are those of the term: Tusk is POL or EUR
            e = person_term if person_term is not None and m is head else m.hit.entry
            if e.code and code is None and e.kind != "equipment" or (e.code and code is None and len(matches) == 1):
                code = e.code
                why.insert(0, f"{m.hit.how} {' '.join(raw[m.i:m.j])!r} -> {code}")
            if e.org and org is None:
                org = e.org
        if code is not None:
            break
    if code is None:
        place = _place_in(kb, words, raw, matches)
        if place is not None:
            code = place.country
            why.insert(0, f"place {place.text!r} -> {code} ({place.name}, {place.feature})")
    if head is not None and head.hit.entry.kind == "sector":
        why.append(f"{head.hit.how} {' '.join(words[head.i:head.j])!r} -> {head.hit.entry.sector}")
    main = primary or (head.hit.entry if head else matches[-1].hit.entry)
    kind = main.kind
    if head is not None and head.hit.entry.kind == "equipment" or matches[-1].hit.entry.kind == "equipment":
        kind = "equipment"
    if code is None and sector is None:
        return Actor(text=text, kind=kind, entry=main.id, name=main.name, why="; ".join(why) or "no code")
    return Actor(text=text, code=code, org=org, sector=sector, name=main.name, kind=kind, entry=main.id,
                 why="; ".join(why))


@functools.lru_cache(maxsize=200_000)
def _resolve_cached(kb_id: int, text: str, date: str | None) -> Actor:
    kb = _KBS[kb_id]
    toks = [t for t, _, _ in tokens(text)]
    return _resolve(kb, text, [normalise(t) for t in toks], toks, date)


def resolve_actor(text: str, date: str | dt.date | None = None, kb: KnowledgeBase | None = None) -> Actor:
    """The actor a short phrase names ("Iraqi troops" -> IRQ/MIL), as of ``date``; without a date an
    office-holder gets the office of their latest term."""
    if not isinstance(text, str):
        raise ArgumentTypeError(E.ARG_TYPE.format(name="the phrase to resolve", expected="a str",
                                                  kind=kind_of(text), hint=""))
    if isinstance(date, dt.date):
        date = (date.date() if isinstance(date, dt.datetime) else date).isoformat()
    elif date is not None and not isinstance(date, str):
        raise ArgumentTypeError(E.ARG_TYPE.format(name="date", expected="a str, a datetime.date or None",
                                                  kind=kind_of(date), hint=""))
    kb = kb or default_kb()
    _KBS.setdefault(id(kb), kb)
    a = _resolve_cached(id(kb), text, date)
    return Actor(**{**a.__dict__})


def placed(actor: dict[str, Any]) -> bool:
    """Whether a resolved party's code comes from a place it is named at ("students in Mombasa", "Aleppo"):
    where the event happens, which its other party may share, unlike a nationality ("the Kenyan police")."""
    return actor.get("kind") == "place" or str(actor.get("why") or "").startswith("place ")


def is_equipment(text: str, kb: KnowledgeBase | None = None) -> bool:
    """Whether the phrase names weapons or vehicles ("German Leopard 2 tanks", "F-16s")."""
    return resolve_actor(text, kb=kb).kind == "equipment"


def _split_parts(kb: KnowledgeBase, words: list[str], raw: list[str]) -> list[tuple[int, int]]:
    """Token ranges of coordinated actors; a conjunction inside a known name ("Bosnia and Herzegovina")
    does not split."""
    matches = _find(kb, words, raw)
    covered = {k for m in matches for k in range(m.i, m.j)}
    parts: list[tuple[int, int]] = []
    start = 0
    for k, w in enumerate(words):
        if w in CONJUNCTIONS and k not in covered:
            if k > start:
                parts.append((start, k))
            start = k + 1
    if start < len(words):
        parts.append((start, len(words)))
    return parts


def resolve_span(span: spacy.tokens.Span, date: str | None = None,
                 kb: KnowledgeBase | None = None) -> list[Actor]:
    """The actors a span of a Doc names, with their character offsets; [] for equipment or nothing known."""
    kb = kb or default_kb()
    _KBS.setdefault(id(kb), kb)
    base = span.start_char
    out = []
    for a in _span_actors(id(kb), span.text, date):
        a = Actor(**{**a.__dict__})
        a.start, a.end = base + (a.start or 0), base + (a.end or 0)
        out.append(a)
    return out


@functools.lru_cache(maxsize=200_000)
def _span_actors(kb_id: int, text: str, date: str | None) -> tuple[Actor, ...]:
    kb = _KBS[kb_id]
    toks = tokens(text)
    raw = [t for t, _, _ in toks]
    words = [normalise(t) for t in raw]
    out: list[Actor] = []
    for i, j in _split_parts(kb, words, raw):
        s, e = toks[i][1], toks[j - 1][2]
        a = _resolve(kb, text[s:e], words[i:j], raw[i:j], date)
        if a.kind == "equipment" or (a.code is None and a.sector is None):
            continue
        a.start, a.end = s, e
        out.append(a)
    # "Russian and Ukrainian soldiers": a bare nationality shares the sector of the last conjunct
    if len(out) > 1 and out[-1].sector:
        for a in out[:-1]:
            if a.kind == "state" and a.sector is None and a.why and "demonym" in a.why:
                a.sector = out[-1].sector
    return tuple(out)


def resolve_many(texts: Sequence[str], date: str | None = None, kb: KnowledgeBase | None = None) -> list[Actor]:
    """``resolve_actor`` for each text."""
    return [resolve_actor(t, date, kb) for t in texts]
