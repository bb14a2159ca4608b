"""Places: resolve names against the offline gazetteer, find an article's countries and an event's place.

>>> resolve_place("Kiev").name, resolve_place("Kiev").country
('Kyiv', 'UKR')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from thucydides.knowledge.kb import demonyms as kb_demonyms
from thucydides.model import Place
from thucydides.nlp.doccache import doc_ents, span_ents
from thucydides.nlp.where_when.gazetteer import (
    TIER_ALIAS,
    TIER_ALTERNATE,
    TIER_BARE,
    TIER_FULL,
    Entry,
    gazetteer,
    place_key,
    vocab,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# dependents that open another clause: their places belong to other events
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass", "conj", "cc"})
INNER_DEPS = frozenset({"acl", "xcomp", "advmod", "npadvmod", "agent", "prt"})
LOCAL_FEATURES = frozenset({"unlisted", "city", "admin1", "region"})
VENUE = "venue"  # Place.how of a place named before an event noun ("the Geneva talks")
CONFIDENT_POPULATION = 20_000
OUTWEIGHS = 10  # times the people of a bare-name village for a city known by another spelling to win
VILLAGE = 5_000  # people: a place this small gives way to a city known abroad by its name


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str],
                      frozenset[str]]:
    words = vocab()
    return (frozenset(words["direction_words"]), frozenset(words["clause_prepositions"]),
            frozenset(words["weak_prepositions"]), frozenset(words["geo_nouns"]),
            frozenset(words["country_object_verbs"]), frozenset(words["place_subject_verbs"]))


def _lookup_keys(name: str) -> Iterable[str]:
    """The keys to try for a name: as written, then without 'the', possessive and direction words."""
    text = name.strip()
    for ending in ("'s", "’s"):
        if text.endswith(ending):
            text = text[: -len(ending)]
    key = place_key(text)
    yield key
    directions = _words()[0]
    words = key.split()
    while words and (words[0] == "the" or words[0] in directions):
        words = words[1:]
        if words:
            yield " ".join(words)


def _iso3(codes: Sequence[str]) -> tuple[str, ...]:
    iso2to3 = gazetteer().iso2to3
    return tuple(iso2to3.get(code.upper(), code.upper()) if len(code) == 2 else code.upper() for code in codes)


@lru_cache(maxsize=100_000)
def _choose(name: str, countries: tuple[str, ...]) -> tuple[Entry, str] | None:
    gaz = gazetteer()
    for key in _lookup_keys(name):
        found = gaz.candidates(key)
        if not found:
            continue
        best_tier, best = found[0]  # already ordered: tier, then population
        if countries:
            # the article's countries decide between candidates named about as well as the best one
            # ("Georgia" in a US story is the state); a village that merely goes by another place's name
            # ("Moldova" for Fundu Moldovei) does not beat that place's own name
            local = [(tier, entry) for tier, entry in found if entry.country in countries and tier <= best_tier + 1]
            if local:
                tier, entry = local[0]
                if tier == TIER_ALIAS:
                    return entry, "alias"
                if len({e.geonameid or e.name for _, e in found}) == 1:
                    return entry, "only candidate"
                return entry, "article country"
        if best_tier == TIER_ALIAS:
            return best, "alias"
        if len(found) == 1:
            return best, "only candidate"
        # a city known abroad by another spelling ("Jenin" for Janīn, 35,000 people) before a village spelt so
        # (Jenin in Poland, 1,100); a town of some size keeps its own name ("Bethlehem" in South Africa is
        # not Belém)
        bigger = [e for tier, e in found if tier == TIER_ALTERNATE and e.feature == "city"
                  and e.population >= max(OUTWEIGHS * best.population, CONFIDENT_POPULATION)]
        if best_tier == TIER_BARE and best.feature == "city" and best.population < VILLAGE and bigger:
            return bigger[0], "population"
        return best, "population"
    return None


def _place(entry: Entry, text: str, how: str) -> Place:
    return Place(name=entry.name, country=entry.country, admin1=entry.admin1, lat=entry.lat, lon=entry.lon,
                 feature=entry.feature, geonameid=entry.geonameid, text=text, how=how)


def _best_in(name: str, country: str, admin1: str | None) -> Entry | None:
    """The best candidate inside one country (and first-level region, when given): "Paris, Texas"."""
    for key in _lookup_keys(name):
        found = [e for _, e in gazetteer().candidates(key) if e.country == country]
        if admin1:
            found = [e for e in found if e.admin1 == admin1 and e.feature != "admin1"] or found
        if found:
            return found[0]
    return None


def _confident(name: str, countries: tuple[str, ...]) -> Place | None:
    """A place for words the NER did not label as one: only an alias, a full region name
    ("Donetsk Oblast") or a sizeable town in one of the article's countries."""
    for key in _lookup_keys(name):
        found = gazetteer().candidates(key)
        if not found:
            continue
        tier, entry = found[0]
        if tier <= TIER_FULL:
            return _place(entry, name, "alias" if tier == TIER_ALIAS else "population")
        local = [e for t, e in found if e.country in countries and e.feature == "city" and t == TIER_BARE
                 and e.population >= CONFIDENT_POPULATION]
        if local:
            return _place(local[0], name, "article country")
        return None
    return None


def resolve_place(name: str, countries: Sequence[str] = ()) -> Place | None:
    """The gazetteer's best place for a name; ambiguous names go to the article's countries, then
    to the most populous. ``Place.how`` says why: alias, only candidate, article country, population."""
    if not name or not name.strip():
        return None
    chosen = _choose(name, _iso3(countries))
    if chosen is None:
        return None
    return _place(chosen[0], name, chosen[1])


def article_countries(doc: Doc | Span, leave_out: frozenset[int] = frozenset(), nationalities: bool = True) -> list[str]:
    """ISO3 codes of the countries an article mentions (places and nationality words), most frequent first;
    words at the token indices ``leave_out`` do not count; ``nationalities=False`` counts places alone ("on
    the Rwandan border" names no place in Rwanda)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    table = kb_demonyms()

    def count(code: str | None, position: int) -> None:
        if code:
            counts[code] += 1
            first.setdefault(code, position)

    for ent in span_ents(doc) if isinstance(doc, Span) else doc_ents(doc):
        if ent.start in leave_out:
            continue
        if ent.label_ in ("GPE", "LOC"):
            place = resolve_place(ent.text)
            count(place.country if place else None, ent.start)
        elif ent.label_ == "NORP" and nationalities:
            count(table.get(ent.text.lower()) or table.get(ent[-1].lower_), ent.start)
    for token in doc if nationalities else ():
        if not token.ent_type_ and token.is_title and token.lower_ in table and token.i not in leave_out:
            count(table[token.lower_], token.i)
    return sorted(counts, key=lambda code: (-counts[code], first[code]))


NEARBY_SENTENCES = 3  # how far back the sentences before an event are read for its country


def nearby_country(sent: Span) -> str | None:
    """The one country the places named in the few sentences before a sentence are in ("Tbilisi" before
    "Police have closed the avenue"), or None when they name none or several. Nationality words do not count:
    "on the Rwandan border" names no place in Rwanda."""
    doc = sent.doc
    start = sent.start
    for _ in range(NEARBY_SENTENCES):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    if start == sent.start:
        return None
    named = article_countries(doc[start:sent.start], nationalities=False)
    return named[0] if len(named) == 1 else None


# --- the event's own place -------------------------------------------------------------------------

def _entity(token: Token) -> Span | None:
    if token.ent_type_ not in PLACE_LABELS:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _resolve_span(span: Span, countries: tuple[str, ...], suffix: str = "",
                  labelled: bool = True) -> Place | None:
    """Resolve an entity; 'in X, Y' looks for X inside Y; a facility falls back to its leading name.
    Words the NER did not label as a place (``labelled=False``) need a confident match."""
    doc = span.doc
    outer: Place | None = None
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        after = _entity(doc[span.end + 1])
        # "Paris, Texas": the second name hangs off the first; in "If Russia attacks Moldova, Romania would
        # send troops" it is the subject of the next clause
        if after is not None and (after.root.dep_ in ("nsubj", "nsubjpass", "csubj")
                                  or not span.start <= after.root.head.i < span.end + 2):
            after = None
        if after is not None:
            outer = resolve_place(after.text, countries)
            if outer is None or outer.feature not in ("country", "admin1") or not outer.country:
                outer = None
    texts = [f"{span.text} {suffix}"] if suffix else []
    texts.append(span.text)
    proper = [t for t in span if t.pos_ == "PROPN"]
    if span.label_ in ("FAC", "LOC") and proper and proper[0].i == span.start:
        for length in range(len(proper) - 1, 0, -1):
            texts.append(doc[span.start: span.start + length].text)
    for text in texts:
        place: Place | None = None
        if outer is not None and outer.country:
            entry = _best_in(text, outer.country, outer.admin1 if outer.feature == "admin1" else None)
            place = _place(entry, text, "clause") if entry is not None else None
        if place is None:
            place = resolve_place(text, countries) if labelled else _confident(text, countries)
        if place is not None:
            place.text = text if suffix and text != span.text else span.text
            place.how = "clause"
            return place
    return None


def _proper_span(token: Token) -> Span | None:
    """A proper-noun phrase the NER missed or mislabelled: 'western Donetsk Oblast', 'Kharkiv'."""
    if token.pos_ != "PROPN" or token.ent_type_ in ("NORP", "DATE", "TIME", "CARDINAL", "MONEY"):
        return None
    start = token.i
    for child in reversed(list(token.lefts)):
        if child.i == start - 1 and child.dep_ in ("compound", "amod") and (
                child.pos_ == "PROPN" or child.lower_ in _words()[0]):
            start = child.i
    return token.doc[start: token.i + 1]


def _place_in(token: Token, countries: tuple[str, ...], depth: int = 0) -> Place | None:
    """The place a noun names: its entity, 'Donetsk region', 'Ukraine's east', 'the city of Bakhmut'."""
    geo_nouns = _words()[3]
    span = _entity(token)
    if span is not None:
        return _resolve_span(span, countries) or _unlisted(span, countries)
    if (span := _proper_span(token)) is not None:
        return _resolve_span(span, countries, labelled=False)
    if token.lower_ not in geo_nouns or depth > 1:
        return None
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            inner = _entity(child)
            labelled = inner is not None
            inner = inner or _proper_span(child)
            if inner is not None and (place := _resolve_span(inner, countries, token.text, labelled)):
                return place
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (place := _place_in(pobj, countries, depth + 1)) is not None:
                    return place
                if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN":
                    # "the port of Novorossiysk": after a place noun, a name is a place whatever the NER says
                    named = resolve_place(pobj.text, countries)
                    if named is not None:
                        named.how = "clause"
                        return named
    for child in token.children:
        if child.dep_ == "poss" and (inner := _entity(child)) is not None:
            return _resolve_span(inner, countries)
    return None


REFERENCE_WORDS = frozenset({"near", "outside", "north", "south", "east", "west", "northeast", "northwest",
                             "southeast", "southwest", "of", "from", "close"})


def _unlisted(span: Span, countries: tuple[str, ...]) -> Place | None:
    """A place the NER names but the gazetteer lacks (a village: "Kotlyne, west of Pokrovsk"): keep its
    name, and take country, region and a rough position from the place it is said to be near, if any."""
    if span.root.ent_type_ not in ("GPE", "LOC") or not span.text[:1].isupper():
        return None
    place = Place(name=span.text, text=span.text, feature="unlisted", how="clause; not in the gazetteer")
    for tok in span.root.subtree:
        if tok.lower_ not in REFERENCE_WORDS or tok.i < span.end:
            continue
        for pobj in (g for c in [tok, *tok.children] for g in c.children if g.dep_ == "pobj"):
            ref_span = _entity(pobj)
            ref = resolve_place(ref_span.text, countries) if ref_span is not None else None
            if ref is not None and ref.country:
                place.country, place.admin1, place.lat, place.lon = ref.country, ref.admin1, ref.lat, ref.lon
                place.how = f"clause; not in the gazetteer, placed by {ref.name}"
                return place
    return place


def _allowed(place: Place, lemma: str, weak: bool) -> bool:
    """Countries after 'to'/'from' or as objects are usually recipients, unless the verb is a movement."""
    return not weak or place.feature in LOCAL_FEATURES or lemma in _words()[4]


def _origin(prep: Token, head: Token) -> bool:
    """ "Luke Rutter, from Birkenhead, was killed in Raqqa": a 'from' phrase set off by commas before the
    verb tells where a person comes from, not where the event happened."""
    doc = prep.doc
    end = prep.right_edge.i
    return prep.lower_ == "from" and prep.i < head.i and prep.i > 0 and doc[prep.i - 1].text == "," and \
        end + 1 < len(doc) and doc[end + 1].text == ","


def _from_preps(head: Token, lemma: str, countries: tuple[str, ...]) -> Place | None:
    _, preps, weak_preps, _, _, _ = _words()
    for child in head.children:
        if child.dep_ not in ("prep", "agent") or child.lower_ not in preps or _origin(child, head):
            continue
        for pobj in child.children:
            if pobj.dep_ not in ("pobj", "pcomp"):
                continue
            place = _place_in(pobj, countries)
            if place is not None and _allowed(place, lemma, child.lower_ in weak_preps):
                return place
    return None


def _from_arguments(head: Token, lemma: str, countries: tuple[str, ...]) -> Place | None:
    subject_verbs = _words()[5]
    for child in head.children:
        if child.dep_ in ("dobj", "obj", "attr", "nsubjpass"):
            place = _place_in(child, countries)
            if place is not None and _allowed(place, lemma, weak=True):
                return place
        elif child.dep_ == "nsubj" and lemma in subject_verbs:
            place = _place_in(child, countries)
            if place is not None:
                return place
    return None


def _from_object_preps(head: Token, lemma: str, countries: tuple[str, ...]) -> Place | None:
    """'hit a depot near Bakhmut': location phrases on the trigger's object (or passive subject)."""
    weak_preps = _words()[2]
    for child in head.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass"):
            for obj in (child, *child.conjuncts):  # "struck a ship and an oil terminal in the port of X"
                for prep in obj.children:
                    if prep.dep_ == "prep" and prep.lower_ not in weak_preps:
                        place = _from_preps(obj, lemma, countries)
                        if place is not None:
                            return place
    return None


def _heads(trigger: Token) -> list[Token]:
    """The trigger, its clause-internal modifiers (acl, xcomp), then for a noun its governing verb."""
    heads = [trigger]
    heads += [c for c in trigger.children if c.dep_ in INNER_DEPS and c.pos_ in ("VERB", "AUX", "ADV")]
    token = trigger
    while token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "prep",
                                                             "attr", "compound") and token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            heads.append(token)
            break
    return heads


def event_place(trigger: Token, countries: Sequence[str] = ()) -> Place | None:
    """The place the event's own clause names, or None (the caller decides fallbacks).

    Looks at place entities reached from the trigger through location prepositions ("in X", "in X, Y",
    "near the town of X", "in western X Oblast"), then at its object or hosting subject, then at the
    clause's participles and, for a noun trigger, at its governing verb; never crosses into another
    clause (ccomp, advcl, relcl, conj) or sentence. ``Place.how`` is "clause".
    """
    context = _iso3(countries)
    lemma = trigger.lemma_.lower()
    heads = _heads(trigger)
    for head in heads:
        place = _from_preps(head, lemma if head.i == trigger.i else head.lemma_.lower(), context)
        if place is not None:
            return place
        place = _from_arguments(head, lemma if head.i == trigger.i else head.lemma_.lower(), context)
        if place is not None:
            return place
    for head in heads:
        place = _from_object_preps(head, head.lemma_.lower(), context)
        if place is not None:
            return place
    if trigger.pos_ == "NOUN":  # "the Geneva talks", "the Afrin offensive": named by where it is held
        for child in trigger.children:
            if child.dep_ == "compound" and child.pos_ == "PROPN" and child.i < trigger.i:
                place = _place_in(child, context)
                if place is not None and place.feature in LOCAL_FEATURES:
                    place.how = VENUE  # the parties come there from anywhere: it says nothing of whose they are
                    return place
    return None
