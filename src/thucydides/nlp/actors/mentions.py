"""Who an event's noun phrases name, in the context of their sentence and article.

Plain functions over spaCy tokens and the JSON-ready event records the pipeline passes along: a phrase is
resolved by the knowledge base (head before possessor, apposition, fuller phrase); pronouns go to the
reporter or the previous speaker; later mentions ("Valtonen", "the ministry") take the code of their first
full mention; actors known only by sector take the country of the event's place or sentence.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from thucydides.model import QUAD, Actor
from thucydides.nlp.actors import resolve as actor_kb
from thucydides.nlp.doccache import span_ents
from thucydides.nlp.events.lexicon import default_lexicon
from thucydides.nlp.events.spans import np_span
from thucydides.nlp.provenance import claims
from thucydides.nlp.provenance.speakers import person_noun
from thucydides.nlp.where_when import places


def operator_of(span: Any, date: str | None, kb: Any) -> Actor | None:
    """ "Israeli tanks fired": generic equipment acting under a nationality is that state's military, and
    under an armed group's name ("an RSF drone", "Houthi missiles") that group's; a named model ("German
    Leopard 2 tanks") only says where it was made."""
    for t in span:
        if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i < span.root.i:
            group = actor_kb.resolve_actor(t.text, date, kb)
            if group.code and group.kind == "group":
                return Actor(text=span.text, code=group.code, sector=group.sector, kind="group", name=group.name,
                             org=group.org, entry=group.entry, start=span.start_char, end=span.end_char,
                             why=f"equipment operated by {group.name or t.text} ({group.code})")
    named_model = any(t.pos_ in ("PROPN", "NUM") and t.ent_type_ not in ("NORP", "GPE") for t in span)
    if named_model:
        return None
    for t in span:
        if t.ent_type_ in ("NORP", "GPE") or t.dep_ in ("amod", "compound"):
            nation = actor_kb.resolve_actor(t.text, date, kb)
            if nation.code and nation.kind in ("state", "demonym", None) and len(nation.code) == 3:
                return Actor(text=span.text, code=nation.code, sector="MIL", kind="military",
                             name=nation.name, start=span.start_char, end=span.end_char,
                             why=f"equipment operated by {nation.code} ({t.text!r})")
    return None


def launched_from(head: Token, date: str | None, kb: Any) -> Actor | None:
    """ "a missile from Syria struck the town", "rockets fired from Gaza": a weapon that acts, named by
    where it came from, is that state's (its forces', or the armed groups' there)."""
    for c in [*head.children, *(g for a in head.children if a.dep_ == "acl" for g in a.children)]:
        if c.dep_ != "prep" or c.lower_ != "from":
            continue
        for g in c.children:
            if g.dep_ == "pobj" and g.ent_type_ == "GPE":
                nation = actor_kb.resolve_actor(g.text, date, kb)
                if nation.code and len(nation.code) == 3 and nation.kind in ("state", "place", None):
                    full = np_span(head, full=True)
                    return Actor(text=full.text, code=nation.code, kind="military", name=nation.name,
                                 start=full.start_char, end=full.end_char,
                                 why=f"weapon launched from {g.text!r} ({nation.code})")
    return None


def resolve_np(head: Token, span: Any, date: str | None, kb: Any) -> list[Actor]:
    """Resolve a noun phrase. The head's own words come before a possessor ("Osama bin Laden's al-Qaeda" is
    al-Qaeda); an apposition says who an unknown name is ("Salaheddine Sidhoum, Algeria's leading rights
    activist"); the fuller phrase counts when the core names no country ("Security forces in Guinea").
    Returns [] when nothing is known (the caller keeps the words, uncoded)."""
    poss = [c for c in head.children if c.dep_ == "poss"]
    if poss and poss[0].right_edge.i + 1 <= head.i:
        start = poss[0].right_edge.i + 1
        if start < len(head.doc) and head.doc[start].dep_ == "case":
            start += 1
        own = head.doc[start:span.end]
        if len(own) and own.start <= head.i:
            found = actor_kb.resolve_span(own, date, kb)
            if found and all(a.kind == "seat" for a in found):
                # "Peru's congress": a body another state's seat is also called is the possessor state's
                owner = actor_kb.resolve_span(head.doc[poss[0].left_edge.i:poss[0].right_edge.i + 1], date, kb)
                if len(owner) == 1 and owner[0].kind == "state" and owner[0].code not in {a.code for a in found}:
                    found = []
            if found and all(a.code and a.kind != "place" for a in found):
                return found
    found = actor_kb.resolve_span(span, date, kb)
    if any(a.code for a in found):
        return found
    for appos in (c for c in head.children if c.dep_ == "appos"):
        described = actor_kb.resolve_span(np_span(appos), date, kb)
        if described and described[0].code and len(found) <= 1:
            d = described[0]
            one = found[0] if found else Actor(text=span.text, start=span.start_char, end=span.end_char)
            one.code, one.sector = d.code, one.sector or d.sector
            one.why = f"{one.why or 'unknown name'}; apposition {np_span(appos).text!r}: {d.why}"
            return [one]
    if head.dep_ == "appos" and head.head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        named = actor_kb.resolve_span(np_span(head.head), date, kb)  # "Joe Biden, a candidate, urged"
        if len(named) == 1 and named[0].code and named[0].kind not in ("place", "equipment"):
            one = named[0]
            one.why = f"{one.why}; named by the apposition's head {np_span(head.head).text!r}"
            return [one]
    full = np_span(head, full=True)
    if found and full.end > span.end:
        wider = actor_kb.resolve_span(full, date, kb)
        if wider and all(a.code for a in wider):
            for a in wider:
                a.why = f"{a.why} (from the fuller phrase {full.text!r})"
            return wider
    return found


def resolve_heads(doc: Doc, heads: list[int], date: str | None, kb: Any, trigger: Token,
                  role: str = "recipient") -> list[Actor]:
    out: list[Actor] = []
    for i in heads:
        head = doc[i]
        span = np_span(head)
        if head.dep_ in ("amod", "compound", "npadvmod") and head.i < trigger.i and \
                "-" in (doc[head.i - 1].text if head.i else "", doc[head.i + 1].text):
            span = doc[head.i:head.i + 1]  # one part of "the Turkish-Iranian-Russian truce"
        why_prefix = ""
        if head.lower_ in ("both", "neither"):  # "Both agreed": the parties named before (discourse.py)
            pass
        elif head.lower_ in ("he", "she", "it", "they", "we", "his", "her", "its", "their") or head.pos_ == "PRON":
            antecedent = reported_speaker(trigger, head) or claims.resolve_pronoun(head)
            if antecedent is None:
                continue
            span, why_prefix = antecedent, f"pronoun {head.text!r} -> "
        found = resolve_np(head if not why_prefix else span.root, span, date, kb)
        nouns = default_lexicon().nouns
        # "the Moscow talks ended", "the Idlib offensive": a happening named by its place is no party
        happening = not why_prefix and head.pos_ == "NOUN" and (head.lemma_.lower() in nouns or head.lower_ in nouns)
        if happening:
            found = [a for a in found if a.kind not in ("place", "seat")]
        if not found:
            # unknown to the knowledge base: keep the words, uncoded (equipment is marked as such)
            one = actor_kb.resolve_actor(span.text, date, kb)
            if happening and one.kind in ("place", "seat"):
                one = Actor(text=span.text, why="a happening named by its place, no party")
            if actor_kb.is_equipment(span.text, kb):
                operated = (operator_of(span, date, kb) or launched_from(head, date, kb)) if role == "actor" else None
                one = operated or Actor(text=span.text, kind="equipment", why="equipment, not an actor")
            one.start, one.end = span.start_char, span.end_char
            found = [one]
        part = len(span) == 1 and head.dep_ in ("amod", "compound", "npadvmod")
        if not why_prefix and len(found) == 1 and not part:
            shown = np_span(head, full=True)  # the words that name it in context
            found[0].text, found[0].start, found[0].end = shown.text, shown.start_char, shown.end_char
        for a in found:
            if why_prefix:
                a.why = why_prefix + (a.why or "")
            out.append(a)
    return out


def reported_speaker(trigger: Token, pronoun: Token) -> Any:
    """ "Macron said he supports ...", "Syria says it is willing to ...": a pronoun subject inside a
    reported clause is the reporter."""
    if pronoun.lower_ not in ("he", "she", "it", "they", "we", "his", "her", "its", "their"):
        return None
    lex = default_lexicon()
    cur = trigger
    for _ in range(8):
        if cur.dep_ == "ROOT" or cur.head is cur:
            break
        cur = cur.head
        if cur.lemma_.lower() in lex.reporting_verbs:
            for c in cur.children:
                if c.dep_ == "nsubj" and c.pos_ != "PRON" and c.i != pronoun.i:
                    return np_span(c)
    return None


def surname(text: str) -> str | None:
    """The word a later mention repeats: a surname ("Valtonen"), or the head of a definite description
    ("the ministry" for "Russia's Defence Ministry")."""
    words = text.replace("'s", "").split()
    if len(words) == 2 and words[0].lower() == "the":
        return words[1].strip(".,;:").lower()
    if len(words) == 1:
        return words[0].strip(".,;:").lower()
    lead = words[1:] if words[0].lower() in ("a", "an", "the") else words
    if len(lead) <= 3 and words[-1].isalpha() and words[-1].islower() and lead[0][:1].isupper() \
            and person_noun(words[-1]):
        return words[-1]  # "a Turkish official", "Turkish official" ... "the official" (one person)
    words = [w for w in words if w[:1].isupper() and w.lower() not in ("the", "a", "an")]  # "The army's jets"
    return words[-1].strip(".,;:").lower() if words else None


def mentions(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every actor dict of an event record: actors, recipients and claim parties."""
    claim = rec.get("claim") or {}
    parties = [claim.get("claimant"), *(claim.get("confirmed_by") or []), *(claim.get("denied_by") or [])]
    return [*(rec.get("actor") or []), *(rec.get("recipient") or []), *(p for p in parties if p)]


def named_people(doc: Doc, date: str | None, kb: Any) -> dict[str, dict[str, Any]]:
    """The people an article introduces with who they are ("Johannes Hahn, the EU commissioner", "Turkey's
    foreign minister, Mevlüt Çavuşoğlu"), by surname, with the code that introduction gives them; first
    introduction first."""
    out: dict[str, dict[str, Any]] = {}
    for ent in span_ents(doc[:]):
        if ent.label_ not in ("PERSON", "ORG") or len(ent) < 2:
            continue
        if ent.label_ == "ORG" and not any(c.dep_ == "appos" and person_noun(c.lemma_.lower())
                                           for c in ent.root.children):
            continue  # the tagger may call a person an organisation: "Kaja Lindqvist, the defence minister"
        key = surname(ent.text)
        if key is None or key in out:
            continue
        head = ent.root
        found = resolve_np(head, np_span(head), date, kb)
        if len(found) != 1 or not found[0].code or found[0].kind in ("place", "equipment"):
            appos_of = head.head if head.dep_ == "appos" else None  # "the EU commissioner, Johannes Hahn"
            if appos_of is None:
                continue
            found = actor_kb.resolve_span(np_span(appos_of), date, kb)
            if len(found) != 1 or not found[0].code or found[0].kind in ("place", "equipment"):
                continue
        a = found[0].to_dict()
        a["text"], a["start"] = ent.text, ent.start_char
        out[key] = a
    return out


def office_word(actor: dict[str, Any]) -> str | None:
    """The word that names an office-holder's office ("president" for Donald Trump), for a later "the
    president"; None for others."""
    if actor.get("kind") != "person" or not actor.get("entry"):
        return None
    terms = actor_kb.default_kb().officials.get(actor["entry"], ())
    words = (terms[-1].role or "").split() if terms else []
    return words[0].lower() if words and person_noun(words[0].lower()) else None


def propagate_names(records: list[dict[str, Any]], people: dict[str, dict[str, Any]] | None = None) -> None:
    """A later mention by surname ("Valtonen") or definite description ("the ministry") is the one first
    named in full ("Finnish Foreign Minister Elina Valtonen", "Russia's Defence Ministry"): it takes that
    mention's code and sector. ``people`` (``named_people``) adds those the article introduces outside
    any event."""
    known: dict[str, dict[str, Any]] = {}
    for rec in records:
        for a in mentions(rec):
            key = surname(a.get("text") or "")
            if key is None:
                continue
            introduced = (people or {}).get(key)
            if introduced is not None and key not in known and not a.get("code") \
                    and (a.get("start") is None or introduced["start"] <= a["start"]):
                known[key] = introduced
            if a.get("code"):
                if len((a.get("text") or "").split()) > 1 and a.get("kind") != "equipment":
                    known.setdefault(key, a)
                office = office_word(a)
                if office is not None:
                    known[office] = a  # "Donald Trump ... The president's call": the last one named
            elif key in known and len((a.get("text") or "").split()) <= 3:
                first = known[key]
                for k in ("code", "sector", "org", "name", "kind", "entry"):
                    a[k] = first.get(k)
                a["why"] = f"same as {first.get('text')!r} earlier in the article"


TARGET_PREPS = {"against", "on", "to", "toward", "towards", "with", "from", "over", "into"}


def untargeted_countries(sent: Any) -> list[str]:
    """The countries a sentence names, leaving out those it names as a target ("sanctions against Nigeria")."""
    named = places.article_countries(sent)
    for ent in span_ents(sent):  # "the Kenya Anti-Corruption Commission": an organisation named after its country
        if ent.label_ in ("ORG", "FAC") and len(ent) > 1:
            lead = places.resolve_place(ent[0].text)
            if lead is not None and lead.feature == "country" and lead.country and lead.country not in named:
                named.append(lead.country)
    targeted = set()
    for ent in span_ents(sent):
        if ent.label_ in ("GPE", "NORP") and ent.root.dep_ == "pobj" and ent.root.head.lower_ in TARGET_PREPS:
            place = places.resolve_place(ent.text)
            if place is not None and place.country:
                targeted.add(place.country)
    if only_describing(sent):  # "a Russian law", "the Munich conference": whose actor it is, it does not say
        return []
    return [c for c in named if c not in targeted]


def _span(doc: Doc, party: dict[str, Any]) -> Any:
    if party.get("start") is None:
        return None
    return doc.char_span(party["start"], party["end"], alignment_mode="expand")


def named(sent: Any, party: dict[str, Any]) -> bool:
    """Whether a party's phrase has a name in it ("Judge Alejandro Rivera", "the SA government"), not sector
    words alone ("rights groups", "a Kurdish leader")."""
    span = _span(sent.doc, party)
    return span is not None and any(t.ent_type_ in ("PERSON", "ORG", "GPE", "FAC") for t in span)


def named_only_by(sent: Any, parties: list[dict[str, Any]]) -> set[str]:
    """The countries a sentence names only in the phrases of the given parties, or that are only theirs ("rights
    groups accused the government of Chad": Chad). A place ("shelled Aleppo") is where the event happens and a
    thing ("defended Brazil's policies") no party: their countries are not kept to them."""
    inside: set[int] = set()
    theirs: set[str] = set()
    for a in parties:
        span = _span(sent.doc, a)
        if span is None or actor_kb.placed(a):
            continue
        if a.get("sector") or a.get("code") and (span.root.pos_ == "PROPN" or span.root.ent_type_ in (
                "GPE", "NORP", "ORG")):
            inside.update(t.i for t in span.root.subtree)
            inside.update(range(span.start, span.end))
            theirs.update([a["code"]] if a.get("code") else [])
    if not inside:
        return set()
    outside = frozenset(t.i for t in sent if t.i not in inside)
    theirs.update(places.article_countries(sent, leave_out=outside))
    return theirs - set(places.article_countries(sent, leave_out=frozenset(inside)))


LOCATING_PARTICIPLES = frozenset({"based", "headquartered", "registered", "made", "built", "manufactured", "owned"})


def only_describing(sent: Any) -> set[str]:
    """Countries a sentence names only in words describing a thing ("a Russian law", "the Chinese-built
    dam", "Iranian oil"), never as or for a party or a place ("Venezuelan agents", "a Syrian town")."""
    kb = actor_kb.default_kb()
    describing: set[str] = set()
    party: set[str] = set()
    for ent in span_ents(sent):
        if ent.label_ not in ("NORP", "GPE"):
            continue
        place = places.resolve_place(ent.text) if ent.label_ == "GPE" else None
        code = place.country if place is not None else actor_kb.resolve_actor(ent.text, None, kb).code
        if not code:
            continue
        tok = ent.root
        head = tok.head
        while head.dep_ in ("amod", "compound") and head.head.i != head.i and head.pos_ != "NOUN":
            head = head.head  # "Chinese-built dam": the dam
        thing = tok.dep_ in ("amod", "compound", "npadvmod") and head.pos_ == "NOUN" and head.i != tok.i \
            and head.lemma_.lower() not in kb.words.get("place_noun", set()) \
            and not any(a.sector for a in actor_kb.resolve_span(sent.doc[head.left_edge.i:head.i + 1], None, kb))
        # "the Britain-based Syrian Observatory", "a US-made drone": where something is based or made
        located = tok.dep_ in ("npadvmod", "compound", "amod") and tok.head.lower_ in LOCATING_PARTICIPLES
        (describing if thing or located else party).add(code)
    return describing - party


# Sectors of private people: as actors they are no state's party by where they are (they still are as
# recipients: "shelling killed 20 civilians"), except in protests.
PRIVATE_SECTORS = frozenset({"CVL", "REF", "UNK"})
# civilians acting together as a political party (ANNOTATION: "a collective of civilians such as protesters")
COLLECTIVES = frozenset({"activist", "activists", "protester", "protesters", "protestor", "protestors",
                         "demonstrators", "campaigners", "tribe", "tribes", "tribesmen", "elders", "rioters",
                         "strikers", "crowd", "crowds", "mob", "villagers", "residents", "organizations",
                         "organisations", "groups"})


# events an actor may do to a party of its own country: fighting, repression and protest at home
DOMESTIC_TARGET_EVENTS = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
# sectors of a state's own office-holders: speaking to or of another state's party, they are not of it
STATE_SECTORS = frozenset({"GOV", "MIL", "SPY"})


HOME_SECTORS = frozenset({"CVL", "OPP", "REB", "PRM", "JUD"})  # parties acting on their own state


# The police act where they are: known by that word alone in a sentence that names no country, they are of the
# one country the places named in the sentences just before it are in ("Police have closed the avenue" after a
# paragraph on Tbilisi). A minister, a diplomat or an army may as well be a foreign one's; "the supreme court",
# "parliament", "the municipality" or "the opposition" is more often the article's main country's than that of
# the place just named; and "dissident factions" may be a statistic's.
NEARBY_SECTORS = frozenset({"COP"})


def domestic_fallback(rec: dict[str, Any], place_country: str | None, sentence_countries: list[str],
                      untargeted: list[str] | None = None, sent: Any = None, nearby: str | None = None) -> None:
    """An actor known only by its sector ("demonstrators", "rebels", "Judge Rivera") belongs to the country
    where the event happens, or else to the one country its sentence names. An actor of sector words alone
    does not take a country named only by the party it speaks or acts on (``sent``, the sentence, tells which):
    "rights groups accused the government of Chad" says nothing of where the groups are from. Force is the
    exception: "gunmen attacked Iran's parliament" are Iran's rebels until something else is said. In a sentence
    that names no country and no place, the police are of the ``nearby`` country, the one the places named in
    the sentences before it are in (see ``NEARBY_SECTORS``)."""
    theirs = named_only_by(sent, rec.get("recipient") or []) if sent is not None else set()
    for role, other in (("actor", "recipient"), ("recipient", "actor")):
        counterpart = {a.get("code") for a in rec.get(other) or [] if a.get("code")}
        pool = untargeted if role == "actor" and untargeted is not None else sentence_countries
        # a recipient is rarely of its actor's country; an actor may well be of its target's when it fights
        # or protests at home, or is no office-holder of a state ("militants attacked the Iraqi prime
        # minister", "protesters demanded the Iraqi prime minister resign", "a judge opened investigations
        # against Chilean officials"), not when a state's office-holder speaks of it ("the shadow foreign
        # secretary criticised the Syrian regime": whose cabinet, the sentence does not say)
        own_side = role == "actor" and (rec.get("event") in DOMESTIC_TARGET_EVENTS or not all(
            a.get("sector") in STATE_SECTORS for a in rec.get("actor") or [] if not a.get("code")))
        candidates = [c for c in pool if own_side or c not in counterpart]
        country = place_country or (candidates[0] if len(candidates) == 1 and len(sentence_countries) <= 2
                                    else None)
        if not country or (role == "recipient" and country in counterpart and not place_country):
            continue
        for a in rec.get(role) or []:
            if not a.get("code") and a.get("sector") and a.get("kind") != "equipment":
                if role == "actor" and a.get("sector") in PRIVATE_SECTORS and rec.get("event") != "PROTEST" and \
                        not COLLECTIVES & set((a.get("text") or "").lower().split()):
                    continue  # "the family travelled to London", "fans expressed disappointment": no party's act
                if role == "actor" and not place_country and country in theirs and \
                        QUAD.get(rec.get("event") or "") != 4 and not named(sent, a) and \
                        a.get("sector") not in HOME_SECTORS:
                    # "rights groups accused the government of Chad": the target's country alone; protesters,
                    # the opposition, rebels and judges mostly act on their own state ("protesters demanded the
                    # resignation of the Iraqi prime minister")
                    continue
                a["code"] = country
                where = "the event's place" if place_country else "the only country its sentence names"
                a["why"] = f"{a.get('why') or ''}; domestic actor: country of {where} ({country})".lstrip("; ")
    if place_country or sentence_countries or not nearby:
        return
    for a in rec.get("actor") or []:
        if not a.get("code") and a.get("kind") != "equipment" and a.get("sector") in NEARBY_SECTORS:
            a["code"] = nearby
            a["why"] = (f"{a.get('why') or ''}; domestic actor: the only country the sentences before it name "
                        f"({nearby})").lstrip("; ")



PLACE_TARGET_EVENTS = frozenset({"ASSAULT", "COERCE"})
LOCATIVES = frozenset({"in", "near", "outside", "around", "across", "inside", "of"})


def place_targets(doc: Doc, records: list[dict[str, Any]]) -> None:
    """ "invaded an enclave in northern Syria", "struck an oil refinery in southern Russia": force used on a
    place or a thing in a place is used on the state it lies in, when the recipient names no party of its own;
    the place must be named in the recipient's own words ("targets in Idlib"), not elsewhere in the sentence."""
    for rec in records:
        if rec.get("event") not in PLACE_TARGET_EVENTS:
            continue
        for r in rec.get("recipient") or []:
            if r.get("code") or r.get("kind") == "equipment" or r.get("start") is None:
                continue
            span = doc.char_span(r["start"], r["end"], alignment_mode="expand")
            if span is None or span.root.pos_ != "NOUN" or (r.get("sector") and r.get("sector") != "UNK"):
                continue  # "rebel positions" are the rebels' (their sector says whose)
            located = _located_in(span)
            if located is not None:
                r["code"], place = located
                r["why"] = f"{r.get('why') or ''}; a target in {place} ({r['code']})".lstrip("; ")


def _located_in(span: Any) -> tuple[str, str] | None:
    """The country of the place a noun phrase locates its head in ("an enclave in northern Syria")."""
    for prep in span:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATIVES or prep.head.i not in range(span.start, span.end):
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.ent_type_ not in ("GPE", "LOC", "FAC"):
                continue
            ent = next((e for e in span_ents(span) if e.start <= obj.i < e.end), None)
            name = ent.text if ent is not None else obj.text
            state = actor_kb.resolve_actor(name)
            if state.code and state.kind == "state":
                return state.code, name
            place = places.resolve_place(name)
            if place is not None and place.country and place.feature != "country":
                return place.country, name
    return None
