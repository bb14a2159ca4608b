"""The example articles read cleanly and carry what the demo and the README rely on."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from thucydides.ingest.readers import read_documents
from thucydides.model import Document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SAME_EVENTS = "novorossiysk-*.txt"


def articles(pattern: str = "*.txt") -> list[Document]:
    return list(read_documents([str(p) for p in sorted(EXAMPLES.glob(pattern))]))


def test_every_example_reads_as_an_english_document() -> None:
    docs = list(read_documents([str(EXAMPLES)]))
    assert len(docs) >= 11  # 7 articles + 3 feed records + 1 page
    assert all(d.status == "new" and d.language == "en" for d in docs), [(d.path, d.error) for d in docs]


def test_articles_are_wire_length_with_front_matter() -> None:
    docs = articles()
    assert len(docs) >= 6
    for doc in docs:
        assert 400 <= len(doc.text.split()) <= 700, doc.path
        assert doc.title and doc.source and doc.date and doc.date.startswith(("2024-", "2025-")), doc.path


def test_four_outlets_report_the_same_events_with_conflicting_claims() -> None:
    docs = articles(SAME_EVENTS)
    assert len({d.source for d in docs}) == 4
    for doc in docs:
        for shared in ("Novorossiysk", "Kotlyne", "Pokrovsk", "42"):
            assert shared in doc.text, (doc.path, shared)
    combined = " ".join(d.text for d in docs)
    for phrase in ("visually verified", "denied", "confirmed", "at least", "dozens of", "He added", "If "):
        assert phrase in combined, phrase
    assert re.search(r"\bin (May|August) 20(23|24)\b", combined, re.I)  # a historical reference


def test_feed_has_three_records_one_dated() -> None:
    docs = list(read_documents([str(EXAMPLES / "feed.jsonl")]))
    assert [d.path.rsplit(":", 1)[1] for d in docs] == ["1", "2", "3"]
    assert [d.id for d in docs] == ["feed-001", "feed-002", "feed-003"]
    assert [d.date for d in docs] == ["2025-02-06", None, None]


def test_page_drops_boilerplate_and_reads_meta_tags() -> None:
    [doc] = list(read_documents([str(EXAMPLES / "page.html")]))
    assert doc.date == "2025-05-23" and doc.source == "Meridian Wire"
    assert doc.title == "Russia and Ukraine swap 390 prisoners each in first stage of exchange"
    assert doc.text.startswith("KYIV, May 23")
    for boilerplate in ("cookies", "Subscribe", "All rights reserved", "Related stories", "dataLayer"):
        assert boilerplate not in doc.text


def test_benchmark_corpus_is_deterministic_and_from_examples(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_corpus import build
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    first = [p.read_text(encoding="utf-8") for p in build(5, tmp_path / "a", seed=3)]
    again = [p.read_text(encoding="utf-8") for p in build(5, tmp_path / "b", seed=3)]
    assert first == again and len(set(first)) == 5
    source_paragraphs = {p.strip() for d in articles() for p in d.text.split("\n\n")}
    corpus = list(read_documents([str(tmp_path / "a")]))
    assert all(d.status == "new" and d.title for d in corpus)
    for doc in corpus:
        assert set(doc.text.split("\n\n")) <= source_paragraphs


@pytest.mark.model
def test_examples_name_places_the_model_recognises(parser: object) -> None:
    nlp = parser  # the plain spaCy model
    doc = nlp(articles("novorossiysk-meridian-wire-*.txt")[0].text)  # type: ignore[operator]
    places = {ent.text for ent in doc.ents if ent.label_ in ("GPE", "LOC")}
    assert {"Novorossiysk", "Pokrovsk"} <= places


def test_the_readme_counts_the_documents_the_demo_codes() -> None:
    numbers = {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13}
    said = re.search(r"`examples/` holds (\w+) news articles", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert said is not None and numbers.get(said.group(1)) == len(list(read_documents([str(EXAMPLES)])))
