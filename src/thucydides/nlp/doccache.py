"""Per-Doc caches shared by the components: built once per document, dropped with the Doc."""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from typing import Any

from spacy.tokens import Doc

_TEXT_KEY = "thucydides_text"


# The caches of the documents most recently seen, oldest first, by id(doc), each with its Doc. Not a
# WeakKeyDictionary: the cached Spans and Tokens refer to their Doc, so no Doc there would ever be freed
# (memory grew by every document coded). The bound keeps memory flat and stays well above the documents in
# flight in one pipeline (a batch per component: 16 by default), whose caches also carry state from one
# component to the next (quote verbs): batches of more than about 50 documents may see a cache built again.
_LIMIT = 256
_DOC_CACHE: OrderedDict[int, tuple[Doc, dict[str, Any]]] = OrderedDict()


def doc_text(doc: Doc) -> str:
    """The document's text, built once (``Doc.text`` joins every token on each call)."""
    cache = doc_cache(doc)
    text = cache.get(_TEXT_KEY)
    if text is None:
        text = cache[_TEXT_KEY] = doc.text
    return str(text)


def doc_cache(doc: Doc) -> dict[str, Any]:
    """Per-document cache, dropped with the Doc (kept out of ``doc.user_data`` so Docs still serialise)."""
    entry = _DOC_CACHE.get(id(doc))
    if entry is not None and entry[0] is doc:
        return entry[1]
    cache: dict[str, Any] = {}
    _DOC_CACHE[id(doc)] = (doc, cache)
    while len(_DOC_CACHE) > _LIMIT:
        _DOC_CACHE.popitem(last=False)
    return cache


_ENTS_KEY = "thucydides_ents"


def doc_ents(doc: Doc) -> tuple[Any, ...]:
    """The document's entities, built once (``Doc.ents`` makes a new Span for every entity on each call)."""
    cache = doc_cache(doc)
    found = cache.get(_ENTS_KEY)
    if found is None:
        ents = tuple(doc.ents)
        found = cache[_ENTS_KEY] = (ents, [e.start for e in ents])
    return found[0]  # type: ignore[no-any-return]


def span_ents(span: Any) -> list[Any]:
    """The entities that fall completely within a span (a sentence), as ``Span.ents`` gives them, found by
    bisection in the document's cached entities: the cost follows the span, not the whole document."""
    doc = span.doc
    doc_ents(doc)
    ents, starts = doc_cache(doc)[_ENTS_KEY]
    found = []
    for i in range(bisect_left(starts, span.start), len(ents)):
        ent = ents[i]
        if ent.end > span.end:
            break
        found.append(ent)
    return found


_PROPN_KEY = "thucydides_propn"


def proper_nouns_before(doc: Doc, text: str, end: int) -> list[Any]:
    """Proper-noun tokens with this text before token ``end``, in order (one index per document)."""
    cache = doc_cache(doc)
    index = cache.get(_PROPN_KEY)
    if index is None:
        index = cache[_PROPN_KEY] = {}
        for tok in doc:
            if tok.pos_ == "PROPN":
                index.setdefault(tok.text, []).append(tok)
    toks = index.get(text, [])
    return toks[:bisect_left([t.i for t in toks], end)]
