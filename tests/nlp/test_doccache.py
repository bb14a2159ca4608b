"""Per-Doc caches: the same answers as spaCy's own attributes, found without walking the whole document."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from thucydides.nlp.doccache import doc_ents, doc_text, proper_nouns_before, span_ents


def _doc(blank_nlp: Language) -> Doc:
    words = ["Kenya", "and", "Peru", "met", ".", "Lima", "Accord", "signed", "in", "New", "York", ".",
             "Peru", "left", "on", "Monday", "."]
    doc = Doc(blank_nlp.vocab, words=words, sent_starts=[i in (0, 5, 12) for i in range(len(words))])
    doc.ents = [Span(doc, 0, 1, "GPE"), Span(doc, 2, 3, "GPE"), Span(doc, 5, 7, "LAW"),
                Span(doc, 9, 11, "GPE"), Span(doc, 12, 13, "GPE"), Span(doc, 15, 16, "DATE")]
    for i in (0, 2, 5, 9, 10, 12):
        doc[i].pos_ = "PROPN"
    return doc


def test_span_ents_are_the_sentence_entities(blank_nlp: Language) -> None:
    doc = _doc(blank_nlp)
    for sent in doc.sents:
        assert [(e.start, e.end, e.label_) for e in span_ents(sent)] == \
            [(e.start, e.end, e.label_) for e in sent.ents]
    # a span that cuts an entity stops before it, as Span.ents does
    cut = doc[5:10]
    assert [(e.start, e.end) for e in span_ents(cut)] == [(e.start, e.end) for e in cut.ents] == [(5, 7)]
    assert [e.text for e in doc_ents(doc)] == ["Kenya", "Peru", "Lima Accord", "New York", "Peru", "Monday"]


def test_proper_nouns_before_and_text(blank_nlp: Language) -> None:
    doc = _doc(blank_nlp)
    assert [t.i for t in proper_nouns_before(doc, "Peru", 12)] == [2]
    assert [t.i for t in proper_nouns_before(doc, "Peru", 13)] == [2, 12]
    assert proper_nouns_before(doc, "Kenya", 0) == []
    assert doc_text(doc) == doc.text


def test_the_caches_do_not_keep_every_document_alive(blank_nlp: Language) -> None:
    """Cached entities refer to their Doc: the caches keep a bounded number of documents, so memory stays
    flat however many documents a worker codes."""
    import gc

    from thucydides.nlp import doccache

    for i in range(3 * doccache._LIMIT):
        doc = blank_nlp(f"Document number {i} about Kyiv.")
        doc.ents = [doc.char_span(0, 8, label="X")]
        assert doccache.doc_ents(doc)[0].text == "Document"
    del doc
    gc.collect()
    assert sum(isinstance(o, Doc) for o in gc.get_objects()) <= doccache._LIMIT
