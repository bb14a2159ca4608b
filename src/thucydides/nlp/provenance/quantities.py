"""How many: the numbers attached to an event's clause, as Quantity records.

``event_quantities(trigger)`` reads the numbers in the trigger's own clause (its subject, objects and
modifiers, not other clauses): value, qualifier ("at least", "dozens"), unit (the lemmatised head
noun), equipment model and its origin, and the casualty role (dead, injured, arrested).
``size_fields`` folds them into PLOVER's size fields. Word lists live in
``nlp/provenance/data/quantities.json`` and ``equipment.csv``; nationality words come from the knowledge base.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Span, Token

from thucydides.knowledge.kb import demonyms as kb_demonyms
from thucydides.model import Quantity
from thucydides.nlp.doccache import doc_text
from thucydides.nlp.provenance.quotes import continued_from

# clauses of their own: numbers inside them belong to other events
_OTHER_CLAUSE = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "xcomp", "pcomp"})
_NOT_QUANTITY_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "PERCENT", "MONEY"})
_FRAMING_PREPS = frozenset({"during", "in", "at", "for"})
_DIGITS = re.compile(r"^\d[\d,]*(\.\d+)?$")


@dataclass(frozen=True)
class Lexicon:
    number_words: dict[str, float]
    multipliers: dict[str, int]
    vague: dict[str, tuple[int, str]]
    qualifiers: dict[str, tuple[str, bool]]
    units: dict[str, str]
    roles: dict[str, str]
    size_roles: tuple[str, ...]
    models: tuple[tuple[str, str, str, str], ...]  # (lowercased alias, model, origin, unit), longest first
    demonyms: dict[str, str]
    max_qualifier_words: int
    model_pattern: re.Pattern[str]


def _read(name: str) -> str:
    return resources.files("thucydides.nlp.provenance").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The quantity word lists, loaded once."""
    raw: dict[str, Any] = json.loads(_read("quantities.json"))
    models: list[tuple[str, str, str, str]] = []
    for row in csv.DictReader(_read("equipment.csv").splitlines()):
        names = [row["model"], *[a for a in (row.get("aliases") or "").split("|") if a]]
        models.extend((n.lower(), row["model"], row["origin"], row["unit"]) for n in names)
    models.sort(key=lambda m: -len(m[0]))
    demonyms = {**kb_demonyms(), **{k.lower(): v for k, v in raw.get("maker_origins", {}).items()}}
    qualifiers = {k: (v[0], bool(v[1])) for k, v in raw["qualifiers"].items()}
    return Lexicon(
        number_words={k: float(v) for k, v in raw["number_words"].items()},
        multipliers=dict(raw["multipliers"]),
        vague={k: (int(v[0]), str(v[1])) for k, v in raw["vague"].items()},
        qualifiers=qualifiers,
        units=dict(raw["units"]),
        roles=dict(raw["roles"]),
        size_roles=tuple(raw["size_roles"]),
        models=tuple(models),
        demonyms=demonyms,
        max_qualifier_words=max(len(k.split()) for k in qualifiers),
        model_pattern=re.compile(r"(?<![\w-])(" + "|".join(re.escape(m[0]) for m in models) + r")(?![\w-])",
                                 re.IGNORECASE),
    )


def parse_number(text: str) -> float | None:
    """'10,000' -> 10000, '1.5 million' -> 1500000, 'twenty-five' -> 25, 'three hundred' -> 300."""
    lex = lexicon()
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    total = 0.0
    current: float | None = None
    for word in words:
        if _DIGITS.match(word):
            current = (current or 0.0) + float(word.replace(",", ""))
        elif word in lex.number_words:
            current = (current or 0.0) + lex.number_words[word]
        elif word in lex.multipliers and (current is not None or word in ("hundred", "thousand")):
            mult = lex.multipliers[word]
            current = (current if current is not None else 1.0) * mult
            if mult >= 1000:
                total += current
                current = None
        elif word in ("and", "a"):
            continue
        else:
            return None
    value = total + (current or 0.0)
    return value if (current is not None or total) else None


def _as_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _clause_tokens(trigger: Token) -> list[Token]:
    """The trigger's clause: its subtree minus embedded clauses and coordinated verbs."""
    out: list[Token] = []
    stack = [trigger]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in _OTHER_CLAUSE and child is not trigger:
                continue
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                continue
            stack.append(child)
    # "one of 20 member states to agree": the noun the trigger modifies counts as its subject
    if trigger.dep_ in ("acl", "relcl", "xcomp"):
        head = trigger.head
        if head.pos_ in ("NOUN", "PROPN"):
            out.append(head)
            out.extend(c for c in head.children if c.dep_ in ("nummod", "amod", "compound", "quantmod"))
        else:  # "Poland was one of 12 states to agree": the predicate noun phrase
            for child in head.children:
                if child.dep_ in ("attr", "acomp") and child is not trigger:
                    out.extend(child.subtree)
    # "during the exercise, 10,000 troops will be involved": the main clause's participants
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.lower_ in _FRAMING_PREPS and \
            trigger.head.head.pos_ in ("VERB", "AUX"):
        for child in trigger.head.head.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
                out.extend(child.subtree)
    return sorted(set(out), key=lambda t: t.i)


def _number_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens heading a number phrase: the last number word before a noun."""
    lex = lexicon()
    heads: list[Token] = []
    for tok in tokens:
        low = tok.lower_
        is_num = tok.like_num or low in lex.number_words or low in lex.multipliers
        if not is_num or tok.ent_type_ in _NOT_QUANTITY_ENTS:
            continue
        if tok.dep_ not in ("nummod", "quantmod", "pobj", "dobj", "nsubj", "nsubjpass", "appos", "compound",
                            "attr", "conj", "npadvmod"):
            continue
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.text == "-" and tok.i + 2 < len(tok.doc) and \
                tok.doc[tok.i + 2].lower_ in lex.number_words:
            continue  # "twenty-five" is read at "five"
        if nxt is not None and (nxt.lower_ in lex.multipliers or nxt.like_num) and nxt.head.i != tok.i:
            continue  # "1.5 million": let the last number word carry the phrase
        if nxt is not None and nxt.lower_ in lex.multipliers:
            continue
        heads.append(tok)
    return heads


def _number_phrase(tok: Token) -> tuple[int, float | None]:
    """Start index and value of the number phrase ending at `tok` ("1.5 million", "twenty five")."""
    lex = lexicon()
    start = tok.i
    doc = tok.doc
    while start > tok.sent.start:
        prev = doc[start - 1]
        if prev.like_num or prev.lower_ in lex.number_words or prev.lower_ in lex.multipliers or \
                (prev.text == "-" and start - 2 >= tok.sent.start and doc[start - 2].lower_ in lex.number_words) or prev.lower_ in ("a", "an") and doc[start].lower_ in ("dozen", "hundred", "thousand", "million"):
            start -= 1
        else:
            break
    text = doc[start:tok.i + 1].text
    value = parse_number(text)
    if value is None and start < tok.i:
        start, value = tok.i, parse_number(tok.text)
    return start, value


def _qualifier(doc_tokens: Span, start: int) -> tuple[str | None, bool, int]:
    """The qualifier words just before the number: (qualifier, approximate, first index)."""
    lex = lexicon()
    sent_start = doc_tokens.start
    for width in range(lex.max_qualifier_words, 0, -1):
        first = start - width
        if first < sent_start:
            continue
        words = doc_tokens.doc[first:start].text.lower()
        if words in lex.qualifiers:
            qual, approx = lex.qualifiers[words]
            return qual, approx, first
    return None, False, start


def _noun_of(tok: Token) -> Token | None:
    """The noun a number counts: its head ('three tanks'), or the pobj of 'of' ('dozens of tanks')."""
    if tok.dep_ in ("nummod", "quantmod") or (tok.dep_ == "compound" and tok.head.i > tok.i):
        head = tok.head
        while head.dep_ == "nummod" and head.head.i > head.i:
            head = head.head
        while head.pos_ == "PROPN" and head.dep_ in ("compound", "nmod") and head.head.i > head.i:
            head = head.head  # "a dozen Leopard 2 tanks": the count is of the tanks
        return head if head.pos_ in ("NOUN", "PROPN") else None
    for child in tok.children:  # "one of 20 states", "dozens of tanks"
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _model_and_origin(phrase: Span, head: Token) -> tuple[str | None, str | None, str | None]:
    """Equipment model, maker origin and default unit named in the noun phrase."""
    lex = lexicon()
    model = origin = unit = None
    found = lex.model_pattern.search(phrase.text)
    if found is not None:
        _, model, origin, unit = _model_entry(found.group(1).lower())
    for tok in phrase:
        if tok.dep_ in ("amod", "compound") and tok.head.i >= tok.i and tok.lower_ in lex.demonyms:
            origin = lex.demonyms[tok.lower_] if model or head.lemma_.lower() in lex.units else origin
    return model, origin, unit


@lru_cache(maxsize=256)
def _model_entry(alias: str) -> tuple[str, str, str, str]:
    return next(m for m in lexicon().models if m[0] == alias)


def _inside_model_name(tok: Token) -> bool:
    """True when the number token sits inside an equipment name such as 'Leopard 2' or 'F-16'."""
    sent = tok.sent
    for found in lexicon().model_pattern.finditer(sent.text):
        start = sent.start_char + found.start()
        end = sent.start_char + found.end()
        if start <= tok.idx < end:
            return True
    return False


def _role(noun: Token, trigger: Token) -> str | None:
    """Casualty role: a killing/wounding/arrest verb governing the noun, or an adjective on it."""
    roles = lexicon().roles
    for child in noun.children:
        if child.dep_ in ("amod", "acl", "relcl") and child.lemma_.lower() in roles:
            return roles[child.lemma_.lower()]
        if child.dep_ in ("amod", "acl") and child.lower_ in roles:
            return roles[child.lower_]
    lemma = noun.lemma_.lower()
    if lemma in ("fatality", "death", "body"):
        return "dead"
    governor = noun.head if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj", "conj") else None
    hops = 0
    while governor is not None and governor.pos_ in ("NOUN", "PROPN", "ADP", "NUM") and hops < 3:
        governor = governor.head
        hops += 1
    for cand in (governor, trigger):
        if cand is not None and cand.pos_ in ("VERB", "ADJ", "AUX"):
            word = cand.lemma_.lower()
            if word in roles:
                return roles[word]
            if cand.lower_ in roles:
                return roles[cand.lower_]
            for acomp in cand.children:  # "were left dead"
                if acomp.dep_ in ("acomp", "oprd") and acomp.lower_ in roles:
                    return roles[acomp.lower_]
    return None


def _unit(noun: Token, default: str | None) -> str | None:
    units = lexicon().units
    lemma = noun.lemma_.lower()
    if lemma in units:
        return units[lemma]
    if noun.lower_ in units:
        return units[noun.lower_]
    if default is not None:
        return default
    return lemma if noun.pos_ == "NOUN" else None


def _vague_quantities(tokens: list[Token], trigger: Token) -> list[Quantity]:
    """'dozens of vehicles', 'several tanks', 'hundreds of soldiers', 'a few villages'."""
    lex = lexicon()
    out: list[Quantity] = []
    doc = trigger.doc
    for tok in tokens:
        low = tok.lower_
        key = None
        if tok.i >= 2 and doc[tok.i - 2:tok.i + 1].text.lower() in lex.vague:  # "tens of thousands"
            key = doc[tok.i - 2:tok.i + 1].text.lower()
            first = tok.i - 2
        elif low == "few" and tok.i > 0 and doc[tok.i - 1].lower_ == "a":
            key, first = "a few", tok.i - 1
        elif low in lex.vague:
            key, first = low, tok.i
        if key is None:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of" and key in ("hundreds", "thousands") and \
                tok.i + 2 < len(doc) and doc[tok.i + 2].lower_ in ("thousands", "millions"):
            continue  # "hundreds of thousands" is read at "thousands"
        noun = tok.head if tok.dep_ in ("amod", "nummod", "det", "quantmod") else _noun_of(tok)
        if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        value, qual = lex.vague[key]
        phrase = doc[first:noun.i + 1]
        model, origin, default_unit = _model_and_origin(phrase, noun)
        out.append(Quantity(value=value, text=phrase.text, qualifier=qual, unit=_unit(noun, default_unit),
                            model=model, origin=origin, role=_role(noun, trigger), approximate=True))
    return out


def event_quantities(trigger: Token) -> list[Quantity]:
    """The numbers attached to the trigger's clause, with qualifier, unit, model, origin and role."""
    tokens = _clause_tokens(trigger)
    if not any(t.dep_ in ("nsubj", "nsubjpass") for t in trigger.children):
        before = continued_from(trigger)  # "... eight tanks were\n\ndestroyed": the subject is before the break
        if before is not None:
            tokens = sorted({*tokens, *_clause_tokens(before.head if before.dep_.startswith("aux") else before)},
                            key=lambda t: t.i)
    doc = trigger.doc
    sent = trigger.sent
    out: list[Quantity] = []
    taken: set[int] = set()
    for tok in _number_tokens(tokens):
        noun = _noun_of(tok)
        if noun is None or noun.i < tok.i:
            continue  # "Article 5", "Leopard 2": a number after its noun is a name, not a count
        if tok.dep_ not in ("nummod", "quantmod", "compound") and \
                any(c.dep_ == "nummod" and c is not tok for c in noun.children):
            continue  # "one of 20 states": the count is the 20
        start, value = _number_phrase(tok)
        if value is None:
            continue
        phrase = doc[start:noun.i + 1]
        if _inside_model_name(tok):
            continue  # the number is part of a name ("Leopard 2", "F-16")
        model, origin, default_unit = _model_and_origin(phrase, noun)
        qual, approx, first = _qualifier(tok.sent, start)
        if qual is None and doc[start].lower_ in ("a", "an") and tok.lower_ == "dozen":
            qual, approx = "a dozen", True
        taken.add(tok.i)
        out.append(Quantity(value=_as_number(value), text=doc[first:noun.i + 1].text, qualifier=qual,
                            unit=_unit(noun, default_unit), model=model, origin=origin,
                            role=_role(noun, trigger), approximate=approx))
    out.extend(_vague_quantities(tokens, trigger))
    text = doc_text(doc)
    out.sort(key=lambda q: text.find(q.text, max(0, sent.start_char - 400)))
    return out


def size_fields(quantities: list[Quantity]) -> dict[str, int]:
    """PLOVER size fields: the summed counts of dead, injured and arrested."""
    roles = lexicon().size_roles
    size: dict[str, int] = {}
    for q in quantities:
        if q.role in roles:
            size[q.role] = size.get(q.role, 0) + int(q.value)
    return size
