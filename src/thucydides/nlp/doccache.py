"""Per-Doc caches shared by the components: built once per document, dropped with the Doc."""

from __future__ import annotations

import weakref
from typing import Any

from spacy.tokens import Doc

_TEXT_KEY = "thucydides_text"


_DOC_CACHE: weakref.WeakKeyDictionary[Doc, dict[str, Any]] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """The document's text, built once (``Doc.text`` joins every token on each call)."""
    cache = doc_cache(doc)
    text = cache.get(_TEXT_KEY)
    if text is None:
        text = cache[_TEXT_KEY] = doc.text
    return str(text)


def doc_cache(doc: Doc) -> dict[str, Any]:
    """Per-document cache, dropped with the Doc (kept out of ``doc.user_data`` so Docs still serialise)."""
    cache = _DOC_CACHE.get(doc)
    if cache is None:
        cache = _DOC_CACHE[doc] = {}
    return cache
