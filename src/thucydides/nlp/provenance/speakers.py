"""Who speaks: reporting verbs, their subjects, speaker noun phrases, pronouns resolved to a recent name, outlets.

Reporting verbs and their claim status live in ``data/reporting_verbs.csv``.
"""

from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Span, Token

from thucydides.model import Actor
from thucydides.nlp.doccache import doc_text, proper_nouns_before

_PRONOUN_LOOKBACK = 6  # sentences


_SUBJECTS = ("nsubj", "nsubjpass")


_MARKUP = "*_"


_MARKED = re.compile(r"([*_])[^*_\n]{2,80}\1")


def _read(name: str) -> str:
    return resources.files("thucydides.nlp.provenance").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def reporting_verbs() -> dict[str, tuple[str, str]]:
    """Reporting verb lemma -> (claim status, kind: report | confirm | deny), loaded once."""
    return {r["lemma"]: (r["status"], r["kind"]) for r in csv.DictReader(_read("reporting_verbs.csv").splitlines())}


@lru_cache(maxsize=1)
def claim_words() -> dict[str, Any]:
    """Claim nouns, evidence phrases, pronoun classes and block-quote openers, loaded once."""
    data: dict[str, Any] = json.loads(_read("claims.json"))
    return data


@lru_cache(maxsize=1)
def _publication_nouns() -> frozenset[str]:
    return frozenset(claim_words()["publication_nouns"])


def is_reporting(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in reporting_verbs()


def _reports(tok: Token) -> bool:
    from thucydides.nlp.events.lexicon import default_lexicon

    return tok.lemma_.lower() in default_lexicon().reporting_verbs


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, climbing through 'saying', 'adding', 'to confirm' to the clause that has one."""
    tok = verb
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and _reports(verb) and not _reports(verb.head) \
            and _reports(verb.head.head) and not any(c.dep_ in _SUBJECTS for c in verb.children):
        # "X claimed that A destroyed B, and denied that C": the parser hangs "denied" on "destroyed";
        # a reporting verb coordinated inside a reported clause belongs to the reporter
        tok = verb.head.head
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in _SUBJECTS:
                return child
        for child in tok.children:  # "the warning made by X", "as X wrote" (parsed as a preposition)
            if child.dep_ == "agent" or (child.lower_ == "as" and child.i < tok.i):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        if tok.dep_ in ("advcl", "xcomp", "conj", "acl", "relcl", "ccomp", "pcomp") and tok.head is not tok:
            if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN") and tok.dep_ == "acl":
                return tok.head
            tok = tok.head
        else:
            break
    return None


def noun_phrase(tok: Token) -> Span:
    """The name a subject token stands for: its entity, or the noun with its modifiers.

    A publication noun points at its outlet: "an article in *Politico*" is Politico.
    """
    doc = tok.doc
    if tok.lemma_.lower() in _publication_nouns():
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "by", "from", "of"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return noun_phrase(pobj)
    if tok.text in _MARKUP:
        marked = _markup_span(tok)
        if marked is not None:
            return marked
    if tok.ent_type_ and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
        start = tok.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = tok.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if doc[start].lower_ in ("the", "a", "an") and end - start > 1:
            start += 1
        for child in tok.lefts:  # "Russia's Defence Ministry", "Ukraine's navy": the owner belongs to it
            if child.dep_ == "poss" and child.i < start:
                start = child.left_edge.i
        return doc[start:end]
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod", "punct"):
            left = min(left, child.left_edge.i)
    right = tok.i
    if tok.pos_ == "PROPN":  # "the Institute for the Study of War"
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "on"):
                right = max(right, child.right_edge.i)
            elif child.dep_ == "punct" and child.text in _MARKUP and child.i == right + 1:
                right = child.i
    while left < right and (doc[left].is_punct and doc[left].text not in _MARKUP or doc[left].dep_ == "det"):
        left += 1  # "the Guardian" is named "Guardian"
    return doc[left:right + 1]


def is_marked_up(span: Span) -> bool:
    """True when the span is set in italics in the raw text: *New York Times* or _Politico_."""
    meta = span.doc._.thuc_meta if span.doc.has_extension("thuc_meta") else None
    if meta and meta.get("italics"):  # the pipeline blanks the markers and keeps the italic spans
        return any(s <= span.start_char and span.end_char <= e for s, e in meta["italics"])
    text = doc_text(span.doc)
    window = text[max(0, span.start_char - 1):span.end_char + 1]
    if _MARKED.search(window) is not None:
        return True
    before = text[max(0, span.start_char - 5):span.start_char]  # "*The Moscow Times*": the article inside
    return before in ("*The ", "_The ", "*the ", "_the ") and text[span.end_char:span.end_char + 1] == before[0]


def _markup_span(tok: Token) -> Span | None:
    """For a stray markup token parsed as a subject ('As *Le Monde* wrote'), the words it encloses."""
    doc = tok.doc
    sent = tok.sent
    for other in range(tok.i - 1, max(sent.start, tok.i - 10) - 1, -1):
        if doc[other].text == tok.text:
            return doc[other:tok.i + 1] if tok.i - other > 1 else None
    for other in range(tok.i + 1, min(sent.end, tok.i + 10)):
        if doc[other].text == tok.text:
            return doc[tok.i:other + 1] if other - tok.i > 1 else None
    return None


def make_actor(span: Span, date: str | None = None) -> Actor:
    """The span as an Actor: resolved by the knowledge base when it is available."""
    clean = span.text.strip(_MARKUP + " ").replace("*", "").replace("_", " ").strip()
    for prefix in ("the ", "The "):
        if clean.startswith(prefix) and len(clean) > len(prefix):
            clean = clean[len(prefix):]
    actor: Actor | None = None
    try:
        from thucydides.nlp.actors.resolve import resolve_span
    except ImportError:  # the knowledge base is not built yet
        resolve_span = None  # type: ignore[assignment]
    if resolve_span is not None:
        from thucydides.nlp.actors.resolve import default_kb

        meta = span.doc._.thuc_meta if span.doc.has_extension("thuc_meta") else None
        kb = default_kb(tuple(meta.get("kb_paths") or ())) if meta else None  # the user's --kb files too
        found = resolve_span(span, date, kb)
        if found:
            actor = found[0]
    if actor is None or actor.code is None:
        described = _described_as(span, date)  # "Ihor Petrenko, the deputy head of the Ukrainian ..."
        if described is not None:
            actor = Actor(**{**described.__dict__, "text": clean, "start": None, "end": None,
                             "why": f"described as {described.text!r}"})
    if actor is None:
        actor = Actor(text=clean)
    elif any(m in actor.text for m in _MARKUP):
        actor.text = actor.text.replace("*", "").replace("_", " ").strip()
    if actor.start is None:
        actor.start, actor.end = span.start_char, span.end_char
    if actor.kind != "outlet" and is_marked_up(span):
        # an italic name is a publication, even when its words name a place ("*The Moscow Times*")
        actor = Actor(text=clean, name=clean, kind="outlet", sector="JRN", start=actor.start, end=actor.end,
                      why="italic title: a publication")
    return actor


def _described_as(span: Span, date: str | None) -> Actor | None:
    """An unknown name's apposition, here or at an earlier mention of the same surname."""
    if not len(span) or span[-1].pos_ != "PROPN":
        return None
    try:
        from thucydides.nlp.actors.resolve import resolve_span
    except ImportError:
        return None
    doc = span.doc
    surname = span[-1].text
    for tok in [span[-1], *proper_nouns_before(doc, surname, span.start)]:
        for child in tok.children:
            if child.dep_ == "appos":
                found = resolve_span(doc[child.i:child.right_edge.i + 1], date)
                if found and found[0].code:
                    return found[0]
    return None


def is_outlet(actor: Actor | None) -> bool:
    if actor is None:
        return False
    if actor.kind == "outlet" or actor.sector == "JRN":
        return True
    try:
        from thucydides.nlp.actors.resolve import is_outlet as kb_is_outlet
    except ImportError:
        return False
    return bool(kb_is_outlet(actor))


def _pronoun_class(tok: Token) -> str | None:
    classes: dict[str, str] = claim_words()["pronouns"]
    return classes.get(tok.lower_) if tok.pos_ == "PRON" else None


# A count is never what a pronoun refers to ("two of the dead were ... It asked"): "two", "one" are parts of
# something named elsewhere, not a party.
_NOT_ANTECEDENTS = frozenset({"CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL", "DATE", "TIME"})


# Sector words that name a body, not one person: "he" is never "the army" or "the war".
_BODIES = frozenset({"army", "military", "government", "police", "ministry", "council", "parliament", "court",
                     "navy", "force", "administration", "cabinet", "regime", "junta", "party", "coalition",
                     "militia", "group", "committee", "agency", "office", "department", "commission", "service",
                     "senate", "assembly", "authority", "opposition", "media", "press", "company", "firm",
                     "bank", "embassy", "consulate", "mission", "delegation", "team", "unit", "battalion",
                     "brigade", "regiment", "division", "squad", "guard", "legislature", "congress",
                     "leadership", "state", "people", "alliance", "union", "organisation", "organization",
                     "movement", "network", "faction", "wing", "board", "bureau", "directorate", "tribunal",
                     "prosecution", "presidency", "monarchy", "family", "community", "public", "population"})


@lru_cache(maxsize=4096)
def person_noun(lemma: str) -> bool:
    """Whether a common noun names one person ("the minister", "the spokesman"): a sector word of the
    knowledge base that is not a body."""
    from thucydides.knowledge.kb import default_kb  # the knowledge base loads once, on first use

    if lemma in _BODIES:
        return False
    return any(h.entry.kind == "sector" for h in default_kb().lookup.get((lemma,), ()))


def _fits(cand: Token, wanted: str) -> bool:
    if cand.pos_ in ("PRON", "NUM") or cand.ent_type_ in _NOT_ANTECEDENTS:
        return False
    kind = cand.ent_type_
    if wanted == "person":
        if kind == "ORG" and cand.pos_ == "PROPN" and (
                any(c.dep_ == "appos" and person_noun(c.lemma_.lower()) for c in cand.children)
                or (len(cand.ent_type_) and not cand.text.isupper() and is_reporting(cand.head)
                    and not any(c.dep_ == "compound" for c in cand.children) and cand.i + 1 < len(cand.doc)
                    and cand.doc[cand.i - 1].ent_iob_ != "I")):
            return True  # the tagger may call a person an organisation: "Lindqvist, the minister", "Okafor said"
        return kind == "PERSON" or (not kind and cand.pos_ == "PROPN") or (
            not kind and cand.pos_ == "NOUN" and cand.tag_ == "NN" and person_noun(cand.lemma_.lower()))
    if wanted == "thing":
        return kind != "PERSON" and cand.tag_ not in ("NNS", "NNPS")
    return True


def resolve_pronoun(token: Token) -> Span | None:
    """What a pronoun refers to: for a speaker ("He added"), the last speaker that fits it; for any
    other pronoun, the most recent subject that fits it (person, thing, or any for "they")."""
    wanted = _pronoun_class(token)
    if wanted is None:
        return None
    doc = token.doc
    speaking = token.dep_ in _SUBJECTS and is_reporting(token.head)
    first = max(0, token.sent.start - 1)
    seen = 0
    while first > 0 and seen < _PRONOUN_LOOKBACK:
        first = doc[first].sent.start - 1
        seen += 1
    first = max(0, first)
    fallback: Token | None = None
    any_speaker: Token | None = None
    for i in range(token.i - 1, first - 1, -1):
        cand = doc[i]
        if cand.dep_ not in _SUBJECTS:
            continue
        if cand.pos_ == "PRON":
            if _pronoun_class(cand) == wanted and (is_reporting(cand.head) or not speaking):
                return resolve_pronoun(cand)  # "He said ... He added ..."
            continue
        if not _fits(cand, wanted):
            if speaking and any_speaker is None and is_reporting(cand.head):
                any_speaker = cand  # the tagger may call a person an ORG: keep the last speaker anyway
            continue
        if not speaking and cand.head.i != token.head.i:
            return noun_phrase(cand)
        if is_reporting(cand.head):
            return noun_phrase(cand)
        if fallback is None and cand.sent.start != token.sent.start:
            fallback = cand
    best = any_speaker or fallback
    return noun_phrase(best) if best is not None else None


def _speaker(verb: Token | None, date: str | None) -> Actor | None:
    if verb is None:
        return None
    subj = subject_of(verb)
    if subj is None:
        return None
    span = resolve_pronoun(subj) if subj.pos_ == "PRON" else noun_phrase(subj)
    return make_actor(span, date) if span is not None else None
