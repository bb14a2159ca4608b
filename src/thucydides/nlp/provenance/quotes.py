"""Who said it: direct and indirect quotations, block quotes, and the speakers behind pronouns.

``extract_quotes(doc)`` finds direct quotes (straight and curly quotation marks, quotes running over
sentences and paragraphs), block quotes introduced by "X wrote:" or "as follows:", and indirect quotes
(a reporting verb with a that-clause), each with its speaker resolved ("He added, ..." is the last
speaker) and character offsets. ``resolve_pronoun`` finds the speaker a pronoun refers to. The
reporting verbs and their claim status live in ``nlp/provenance/data/reporting_verbs.csv``.
"""

from __future__ import annotations

import bisect
import csv
import json
import re
import weakref
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from thucydides.model import Actor, Quote, content_hash

_OPEN_CLOSE = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb"}
_QUOTE_CHARS = re.compile("[\u201c\u201d\"\u00ab\u00bb]")
_MAX_QUOTE_CHARS = 3000
_COLON_BREAK = re.compile(r":[ \t]*\n\s*")
_PRONOUN_LOOKBACK = 6  # sentences
_SUBJECTS = ("nsubj", "nsubjpass")
_CACHE_KEY = "thucydides_quotes"
_LEMMA_KEY = "thucydides_quote_verbs"
_TEXT_KEY = "thucydides_text"
_SENT_KEY = "thucydides_sentence_starts"
_DOC_CACHE: weakref.WeakKeyDictionary[Doc, dict[str, Any]] = weakref.WeakKeyDictionary()
_MARKUP = "*_"
_MARKED = re.compile(r"([*_])[^*_\n]{2,80}\1")


def doc_text(doc: Doc) -> str:
    """The document's text, built once (``Doc.text`` joins every token on each call)."""
    cache = _doc_cache(doc)
    text = cache.get(_TEXT_KEY)
    if text is None:
        text = cache[_TEXT_KEY] = doc.text
    return str(text)


def _doc_cache(doc: Doc) -> dict[str, Any]:
    """Per-document cache, dropped with the Doc (kept out of ``doc.user_data`` so Docs still serialise)."""
    cache = _DOC_CACHE.get(doc)
    if cache is None:
        cache = _DOC_CACHE[doc] = {}
    return cache


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
    for tok in [span[-1], *(t for t in doc[:span.start] if t.text == surname and t.pos_ == "PROPN")]:
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


def _fits(cand: Token, wanted: str) -> bool:
    if cand.pos_ == "PRON":
        return False
    kind = cand.ent_type_
    if wanted == "person":
        return kind == "PERSON" or (not kind and cand.pos_ == "PROPN") or (
            not kind and cand.pos_ == "NOUN" and cand.tag_ == "NN")
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


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character (start, end) of each quotation's inner text, pairing opening and closing marks."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        found = _QUOTE_CHARS.search(text, pos)
        if found is None:
            return spans
        opener = found.group()
        closer = _OPEN_CLOSE.get(opener)
        if closer is None:  # a stray closing mark
            pos = found.end()
            continue
        start = found.end()
        end = text.find(closer, start)
        if end < 0 or end - start > _MAX_QUOTE_CHARS:
            pos = start
            continue
        if end > start:
            spans.append((start, end))
        pos = end + 1


def _reporting_verb_near(doc: Doc, start: int, end: int) -> Token | None:
    """The reporting verb that introduces or follows the quotation, outside it."""
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is None or len(inside) == 0:
        return None
    for tok in inside:  # the quotation hangs off the verb ("declared, '...'")
        head = tok.head
        if not (inside.start <= head.i < inside.end) and is_reporting(head):
            return head
    best: Token | None = None
    best_dist = 10 ** 6
    sents = {inside[0].sent.start: inside[0].sent, inside[-1].sent.start: inside[-1].sent}
    for sent in sents.values():
        for tok in sent:
            if inside.start <= tok.i < inside.end or not is_reporting(tok):
                continue
            dist = inside.start - tok.i if tok.i < inside.start else tok.i - inside.end
            if dist < best_dist:
                best, best_dist = tok, dist
    return best


def _marked_name(span: Span) -> Span | None:
    """The first italicised name in the span (*Outlet*), if any."""
    for tok in span:
        if tok.text in _MARKUP:
            marked = _markup_span(tok)
            if marked is not None:
                return marked
    return None


def _block_quotes(doc: Doc) -> list[tuple[int, int, Token | None, Span | None]]:
    """Paragraphs introduced by a colon at the end of a line: 'As X wrote:' / 'as follows:'."""
    text = doc_text(doc)
    out: list[tuple[int, int, Token | None, Span | None]] = []
    for found in _COLON_BREAK.finditer(text):
        colon = found.start()
        intro = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if intro is None or not len(intro):
            continue
        sent = intro[0].sent
        lead = doc[sent.start:intro[0].i]
        verbs = [t for t in lead if is_reporting(t) and reporting_verbs()[t.lemma_.lower()][1] == "report"]
        named = _marked_name(lead)
        if not verbs and named is None and "as follows" not in lead.text.lower():
            continue
        verb = verbs[-1] if verbs else None
        begin = found.end()
        stop = text.find("\n\n", begin)
        stop = len(text) if stop < 0 else stop
        if stop > begin:
            speaker = named if verb is None or subject_of(verb) is None else None
            out.append((begin, stop, verb, speaker))
    return out


def extract_quotes(doc: Doc, date: str | None = None) -> list[Quote]:
    """Every quotation in the document, direct and indirect, with speaker, verb and offsets."""
    cached = _doc_cache(doc).get(_CACHE_KEY)
    if cached is not None and cached[0] == date:
        return list(cached[1])
    quotes: list[Quote] = []
    covered: list[tuple[int, int]] = []
    for begin, stop, verb, named in _block_quotes(doc):
        quotes.append(_quote(doc, begin, stop, verb, True, date, named))
        covered.append((begin, stop))
    for start, end in _quote_spans(doc_text(doc)):
        if any(b <= start and end <= e for b, e in covered):
            continue
        verb = _reporting_verb_near(doc, start, end)
        quotes.append(_quote(doc, start, end, verb, True, date))
        covered.append((start, end))
    for tok in doc:
        if not is_reporting(tok) or reporting_verbs()[tok.lemma_.lower()][1] != "report":
            continue
        for child in tok.children:
            if child.dep_ != "ccomp":
                continue
            span = doc[child.left_edge.i:child.right_edge.i + 1]
            if any(b <= span.start_char < e for b, e in covered):
                continue
            while len(span) > 1 and (span[0].dep_ == "mark" or span[0].is_punct):
                span = span[1:]
            quotes.append(_quote(doc, span.start_char, span.end_char, tok, False, date))
    quotes.sort(key=lambda q: q.start)
    _doc_cache(doc)[_CACHE_KEY] = (date, tuple(quotes))
    return quotes


def _quote(doc: Doc, start: int, end: int, verb: Token | None, direct: bool, date: str | None,
           named: Span | None = None) -> Quote:
    first = doc.char_span(start, end, alignment_mode="expand")
    index = None
    if first is not None and len(first):
        index = _sentence_index(doc, first[0])
    quote = Quote(text=doc_text(doc)[start:end], start=start, end=end,
                  speaker=make_actor(named, date) if named is not None else _speaker(verb, date), direct=direct,
                  verb=verb.lower_ if verb is not None else None, sentence_index=index)
    quote.id = content_hash(quote.text, start, end)
    if verb is not None:
        _doc_cache(doc).setdefault(_LEMMA_KEY, {})[quote.id] = verb.lemma_.lower()
    return quote


def _sentence_index(doc: Doc, tok: Token) -> int:
    cache = _doc_cache(doc)
    starts = cache.get(_SENT_KEY)
    if starts is None:
        starts = cache[_SENT_KEY] = [s.start for s in doc.sents]
    return max(0, bisect.bisect_right(starts, tok.i) - 1)


def quote_at(doc: Doc, char: int, date: str | None = None, direct_only: bool = False) -> Quote | None:
    """The innermost quotation containing the character offset."""
    best: Quote | None = None
    for quote in extract_quotes(doc, date):
        if direct_only and not quote.direct:
            continue
        if quote.start <= char < quote.end and (best is None or quote.end - quote.start < best.end - best.start):
            best = quote
    return best


def verb_kind(doc: Doc, quote: Quote) -> str:
    """'report', 'confirm' or 'deny': what the quotation's verb does ('report' when there is none)."""
    lemma = _doc_cache(doc).get(_LEMMA_KEY, {}).get(quote.id)
    entry = reporting_verbs().get(lemma or "")
    return entry[1] if entry else "report"


def continued_from(trigger: Token) -> Token | None:
    """When a line break cut the trigger's sentence in two ("... tanks were\\n\\ndestroyed in ..."), the
    last word before the break; else None."""
    sent = trigger.sent
    doc = trigger.doc
    first = next((t for t in sent if not t.is_space), None)
    if first is None or sent.start == 0 or not first.is_lower:
        return None
    last = doc[sent.start - 1]
    while last.is_space and last.i > 0:
        last = doc[last.i - 1]
    if last.is_punct or "\n" not in doc_text(doc)[last.idx + len(last.text):first.idx]:
        return None
    return last
