"""Who said it: direct and indirect quotations, block quotes, and the speakers behind pronouns.

``extract_quotes(doc)`` finds direct quotes (straight and curly quotation marks, quotes running over
sentences and paragraphs), block quotes introduced by "X wrote:" or "as follows:", and indirect quotes
(a reporting verb with a that-clause), each with its speaker resolved ("He added, ..." is the last
speaker) and character offsets. ``resolve_pronoun`` finds the speaker a pronoun refers to. The
reporting verbs and their claim status live in ``nlp/provenance/data/reporting_verbs.csv``.
"""

from __future__ import annotations

import bisect
import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

from thucydides.model import Quote, content_hash
from thucydides.nlp.doccache import doc_cache, doc_text
from thucydides.nlp.provenance.speakers import (
    _MARKUP,
    _markup_span,
    _speaker,
    is_reporting,
    make_actor,
    reporting_verbs,
    subject_of,
)

_OPEN_CLOSE = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb"}


_QUOTE_CHARS = re.compile("[\u201c\u201d\"\u00ab\u00bb]")


_MAX_QUOTE_CHARS = 3000


_COLON_BREAK = re.compile(r":[ \t]*\n\s*")


_CACHE_KEY = "thucydides_quotes"
_INDEX_KEY = "thucydides_quote_index"


_LEMMA_KEY = "thucydides_quote_verbs"




_SENT_KEY = "thucydides_sentence_starts"




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
    cached = doc_cache(doc).get(_CACHE_KEY)
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
    doc_cache(doc)[_CACHE_KEY] = (date, tuple(quotes))
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
        doc_cache(doc).setdefault(_LEMMA_KEY, {})[quote.id] = verb.lemma_.lower()
    return quote


def _sentence_index(doc: Doc, tok: Token) -> int:
    cache = doc_cache(doc)
    starts = cache.get(_SENT_KEY)
    if starts is None:
        starts = cache[_SENT_KEY] = [s.start for s in doc.sents]
    return max(0, bisect.bisect_right(starts, tok.i) - 1)


def quote_at(doc: Doc, char: int, date: str | None = None, direct_only: bool = False) -> Quote | None:
    """The innermost quotation containing the character offset."""
    quotes = extract_quotes(doc, date)
    source = doc_cache(doc).get(_CACHE_KEY)  # the cached (date, quotes) the index is built from
    index = doc_cache(doc).get(_INDEX_KEY)
    if index is None or index[0] is not source:  # quotes by start, and the longest's length, built once
        ordered = sorted(quotes, key=lambda q: q.start)
        index = (source, [q.start for q in ordered], ordered, max((q.end - q.start for q in quotes), default=0))
        doc_cache(doc)[_INDEX_KEY] = index
    _, starts, ordered, longest = index
    best: Quote | None = None
    # only quotations starting at most the longest one's length before the offset can contain it
    for quote in ordered[bisect_left(starts, char - longest):bisect_right(starts, char)]:
        if direct_only and not quote.direct:
            continue
        if quote.start <= char < quote.end and (best is None or quote.end - quote.start < best.end - best.start):
            best = quote
    return best


def verb_kind(doc: Doc, quote: Quote) -> str:
    """'report', 'confirm' or 'deny': what the quotation's verb does ('report' when there is none)."""
    lemma = doc_cache(doc).get(_LEMMA_KEY, {}).get(quote.id)
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
