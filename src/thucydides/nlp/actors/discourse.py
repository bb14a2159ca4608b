"""Generic referents resolved in the article: "the regime", "the militants", "the army" name the last fitting
mention earlier in the article (the knowledge base's ``referents`` rows say what fits each head noun).

Mentions are the coded parties the article names (its entities with their noun phrases, and every coded
event party) in text order. An uncoded definite description takes the code of the last earlier mention
with the same head noun ("the ministry" after "Algeria's foreign ministry"), else the last with a fitting
sector ("the army" after "Turkish troops"), else the last named entry of a fitting kind ("the regime" after
"Assad"). Places ("fighting in Syria") are not mentions of a party.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from thucydides.nlp.actors import resolve as actor_kb
from thucydides.nlp.actors.mentions import named_only_by
from thucydides.nlp.events.spans import np_span
from thucydides.nlp.where_when import places

PARTY_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
PLACE_PREPS = frozenset({"in", "into", "inside", "near", "across", "at", "from", "to", "throughout", "outside",
                         "around", "towards", "toward", "through", "within", "over"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


@dataclass
class Mention:
    start: int
    head: str  # lemma of the head noun
    code: str
    sector: str | None
    kind: str | None
    name: str | None
    text: str


def _is_place(tok: Token) -> bool:
    """A name used as a place: "fighting in Syria", "troops entered Afrin"."""
    return tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS


def _entity_head(ent: Span) -> Token:
    """The noun an entity names a party with: "Syrian" in "Syrian troops" is the troops."""
    root = ent.root
    if root.dep_ in ("amod", "compound") and root.head.pos_ in ("NOUN", "PROPN") and root.head.i > root.i:
        return root.head
    return root


def article_mentions(doc: Doc, records: list[dict[str, Any]], date: str | None, kb: Any) -> list[Mention]:
    """The coded parties the article names, in text order."""
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in PARTY_ENTS:
            continue
        head = _entity_head(ent)
        if _is_place(head):
            continue
        span = np_span(head)
        for a in actor_kb.resolve_span(span, date, kb):
            if a.code and a.kind != "place":
                out.append(Mention(span.start_char, head.lemma_.lower(), a.code, a.sector, a.kind, a.name,
                                   span.text))
    for rec in records:
        for role in ("actor", "recipient"):
            for a in rec.get(role) or []:
                if a.get("code") and a.get("start") is not None and a.get("kind") not in ("place", "equipment"):
                    party = doc.char_span(a["start"], a["end"], alignment_mode="expand")
                    lemma = party.root.lemma_.lower() if party is not None and len(party) else ""
                    out.append(Mention(a["start"], lemma, a["code"], a.get("sector"), a.get("kind"), a.get("name"),
                                       a.get("text") or ""))
    out.sort(key=lambda m: m.start)
    return out


def referent_head(span: Span, kb: Any) -> str | None:
    """The head noun of a definite generic description ("the regime", "the embattled junta"), or None."""
    if not len(span):
        return None
    root = span.root
    if span[0].lower_ not in DEFINITE and not any(d.dep_ == "det" and d.lower_ in DEFINITE for d in root.lefts):
        return None
    for key in (root.lower_, root.lemma_.lower()):
        if key in kb.referents:
            return key
    two = f"{root.doc[root.i - 1].lower_} {root.lower_}" if root.i > span.start else ""
    return two if two in kb.referents else None


POSSESSIVES = frozenset({"its", "their", "his", "her"})


def possessor_code(span: Span, date: str | None, kb: Any) -> tuple[str, str] | None:
    """The code of what a possessive pronoun on the phrase's head refers to ("its troops" after "Congo's
    army said"), with the reason; None when there is none or it is uncoded."""
    from thucydides.nlp.actors.mentions import reported_speaker
    from thucydides.nlp.provenance import claims

    poss = next((c for c in span.root.children if c.dep_ == "poss" and c.lower_ in POSSESSIVES), None)
    if poss is None:
        return None
    trigger = span.root.head
    antecedent_span = reported_speaker(trigger, poss) or claims.resolve_pronoun(poss)
    if antecedent_span is None:
        return None
    for a in actor_kb.resolve_span(antecedent_span, date, kb):
        if a.code and a.kind != "place":
            return a.code, f"{poss.text!r} -> {antecedent_span.text!r} ({a.code})"
    return None


def antecedent(head: str, lemma: str, before: int, mentions: list[Mention], kb: Any) -> Mention | None:
    """The last earlier mention that fits a generic referent: same head noun, else sector, else kind."""
    fits = kb.referents[head]
    earlier = [m for m in mentions if m.start < before]
    for test in (lambda m: m.head == lemma,
                 lambda m: m.sector in fits.sectors,
                 lambda m: m.kind in fits.kinds and len(m.code) == 3):
        for m in reversed(earlier):
            if test(m):
                return m
    return None


# How many parties a collective names: "the two countries", "both sides", "neither side", "the three governments".
COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2, "neither": 2, "2": 2, "3": 3, "4": 4, "5": 5}


def collective(span: Span, kb: Any) -> tuple[int, Any] | None:
    """How many parties a plural collective names and what fits them ("the two countries": 2, states), or None.
    "Both" alone names two parties of any kind."""
    if not len(span):
        return None
    root = span.root
    if root.lower_ in ("both", "neither") and len(span) == 1:
        return 2, None
    fits = kb.collectives.get(root.lower_) or kb.collectives.get(root.lemma_.lower())
    if fits is None:
        return None
    for child in root.children:
        if child.dep_ in ("nummod", "det", "predet", "preconj", "quantmod") and child.lower_ in COUNTS:
            return COUNTS[child.lower_], fits
    return None


def _party(m: Mention) -> tuple[str, str]:
    """Which party a mention names: a state and its capital are one; the army and the RSF are two."""
    return (m.code, "") if m.kind in ("state", "seat") or m.sector == "GOV" else (m.code, m.name or m.head)


def parties_before(before: int, count: int, fits: Any, mentions: list[Mention]) -> list[Mention]:
    """The last ``count`` distinct coded parties mentioned before a collective, of a fitting kind and sector
    ("Both" alone: any party, equipment aside); empty unless there are that many."""
    found: list[Mention] = []
    for m in sorted((m for m in mentions if m.start < before), key=lambda m: -m.start):
        if len(m.code) != 3 or m.kind in ("equipment", "military"):
            continue
        if fits is not None and (m.kind not in fits.kinds or (m.sector and fits.sectors and
                                                              m.sector not in fits.sectors)):
            continue  # "the two governments": states, their armies aside
        if any(_party(f) == _party(m) for f in found):
            continue  # "both sides" of a civil war may be of one country: distinct parties, not codes
        found.append(m)
        if len(found) == count:
            return list(reversed(found))
    return []


def resolve_collectives(doc: Doc, records: list[dict[str, Any]], date: str | None, kb: Any,
                        mentions: list[Mention] | None = None) -> int:
    """Give an uncoded plural collective among event parties ("the two countries", "both sides") one
    party per country named before it: the parties the article named last."""
    changed = 0
    for rec in records:
        for role in ("actor", "recipient"):
            parties = rec.get(role) or []
            out: list[dict[str, Any]] = []
            for a in parties:
                span = None if a.get("code") or a.get("start") is None else \
                    doc.char_span(a["start"], a["end"], alignment_mode="expand")
                what = collective(span, kb) if span is not None else None
                if span is None or what is None:
                    out.append(a)
                    continue
                if mentions is None:
                    mentions = article_mentions(doc, records, date, kb)
                found = parties_before(span.start_char, what[0], what[1], mentions)
                if not found:
                    out.append(a)
                    continue
                for m in {m.code: m for m in found}.values():
                    b = dict(a)
                    b["code"], b["name"] = m.code, m.name
                    b["sector"] = a.get("sector") or m.sector
                    b["why"] = f"{a.get('why') or ''}; one of the parties named before: {m.text!r} ({m.code})"
                    b["why"] = b["why"].lstrip("; ")
                    out.append(b)
                changed += 1
            if changed:
                rec[role] = out
    return changed


def _belongs(thing: Token, kb: Any) -> bool:
    """A possessed noun that is of its owner's side: its equipment or a body or rank of it ("the army's
    aircraft", "the regime's officials"), not its backers, critics or capacities."""
    found = actor_kb.resolve_actor(thing.text, None, kb)
    return found.kind == "equipment" or bool(found.sector) or actor_kb.is_equipment(thing.text, kb)


def resolve_referents(doc: Doc, records: list[dict[str, Any]], date: str | None, kb: Any) -> int:
    """Give uncoded definite descriptions among event parties the code of their antecedent."""
    changed = resolve_collectives(doc, records, date, kb)
    if not kb.referents:
        return changed
    mentions: list[Mention] | None = None
    for rec in records:
        for role in ("actor", "recipient"):
            for a in rec.get(role) or []:
                if a.get("code") or a.get("kind") == "equipment" or a.get("start") is None:
                    continue
                span = doc.char_span(a["start"], a["end"], alignment_mode="expand")
                if span is None:
                    continue
                owner = possessor_code(span, date, kb)
                if owner is not None:  # "its troops", "his government": whose they are
                    a["code"], a["why"] = owner[0], f"{a.get('why') or ''}; {owner[1]}".lstrip("; ")
                    changed += 1
                    continue
                head = referent_head(span, kb)
                possessor = next((c for c in span.root.children if c.dep_ == "poss"), None)
                if head is None and possessor is not None and _belongs(span.root, kb):
                    span = np_span(possessor)  # "the army's aircraft": the owner is a referent
                    head = referent_head(span, kb)
                if head is None:
                    continue
                if mentions is None:
                    mentions = article_mentions(doc, records, date, kb)
                found = antecedent(head, span.root.lemma_.lower(), span.start_char, mentions, kb)
                if found is None:
                    continue
                a["code"] = found.code
                a["sector"] = a.get("sector") or found.sector
                a["why"] = f"{a.get('why') or ''}; refers to {found.text!r} earlier in the article ({found.code})"
                a["why"] = a["why"].lstrip("; ")
                changed += 1
    return changed


def resolve_peoples(doc: Doc, records: list[dict[str, Any]], kb: Any) -> int:
    """A party named by a people without a state ("a Kurdish delegation", "Baloch rebels") belongs to the
    state among those it lives in that its phrase names ("Iraqi Kurds"), else the one its sentence places it
    in (``sentence_countries``), else the one the article names most, unless it names that one only as the
    actor's recipient; left uncoded when none is named."""
    if not kb.peoples:
        return 0
    countries: list[str] | None = None
    cache: dict[int, list[str]] = {}
    changed = 0
    for rec in records:
        for role in ("actor", "recipient"):
            for a in rec.get(role) or []:
                if a.get("code") or a.get("kind") in ("equipment", "place"):
                    continue
                words = [w.strip(".,;:'’\"").lower() for w in (a.get("text") or "").replace("-", " ").split()]
                at = next((i for i, w in enumerate(words) if w in kb.peoples), None)
                if at is None:
                    continue
                # the state an actor acts on is no sign of its own ("Kurdish commanders condemned the Turkish
                # government"): an article that names it only there says nothing of the actor's
                counterpart = named_only_by(doc[:], rec.get("recipient") or []) if role == "actor" else set()
                counterpart -= {o.get("code") for o in rec.get(role) or []}  # "Barzani and Kurdish officials"
                states = kb.peoples[words[at]]
                table = places.kb_demonyms()
                before = words[at - 1] if at > 0 else ""
                named: list[str] = [table[before]] if table.get(before) in states else []
                state: str | None
                if named:  # "Iraqi Kurds", "of Iraqi-Kurdish origin": the phrase names the state itself
                    state, where = named[0], "the one its phrase names"
                else:
                    state = next((c for c in sentence_countries(doc, rec, cache, kb) if c in states), None)
                    where = "the one its sentence names"
                    if state is None:
                        if countries is None:
                            countries = places.article_countries(doc)
                        state = next((c for c in countries if c in states and c not in counterpart), None)
                        where = "the one the article names most"
                if state is None:
                    continue
                a["code"] = state
                a["why"] = f"{a.get('why') or ''}; a people of several states: {state}, {where}".lstrip("; ")
                changed += 1
    return changed


def sentence_countries(doc: Doc, rec: dict[str, Any], cache: dict[int, list[str]], kb: Any) -> list[str]:
    """The countries of the towns and regions an event's sentence names, in order ("Kurdish forces pushed
    deep into Raqqa": Syria, whatever the article names most). Not the countries it names ("the Turkish
    offensive against the Kurds" is no Turkish Kurds), nor capitals, which stand for their states ("the
    Kurdish militia Ankara is fighting")."""
    sent = rec.get("sentence") or {}
    index = sent.get("index")
    if index is None:
        return []
    if index not in cache:
        span = doc.char_span(sent.get("start", 0), sent.get("end", 0), alignment_mode="expand")
        local: list[str] = []
        for ent in span.ents if span is not None else ():
            if ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            if any(h.entry.kind == "seat" for h in kb.lookup.get(tuple(t.lower_ for t in ent), ())):
                continue
            place = places.resolve_place(ent.text)
            if place is not None and place.country and place.feature != "country":
                local.append(place.country)
        cache[index] = local
    return cache[index]
