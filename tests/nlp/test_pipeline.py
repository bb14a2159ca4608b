"""The spaCy pipeline: thucydides' components, built from config, robust to one broken document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from thucydides.api import code_documents
from thucydides.ingest.readers import read_documents
from thucydides.model import Document
from thucydides.nlp import pipeline

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OURS = ("thucydides_paragraphs", "thucydides_lemma_fixes", "thucydides_hyphen_words", *pipeline.COMPONENTS)


def test_factories_are_registered() -> None:
    for name in OURS:
        assert Language.has_factory(name) or name in Language.component_names(), name


def test_factories_declare_what_they_assign() -> None:
    for name in pipeline.COMPONENTS:
        meta = Language.get_factory_meta(name)
        assert "doc._.thuc_events" in meta.assigns, name
        assert isinstance(meta.default_config, dict)


@pytest.mark.model
def test_components_run_in_order_after_the_model(nlp: Language) -> None:
    names = nlp.pipe_names
    assert [n for n in names if n.startswith("thucydides_")] == list(OURS)
    assert names.index("thucydides_paragraphs") < names.index("parser")
    assert names.index("ner") < names.index("thucydides_events")
    assert names[-len(pipeline.COMPONENTS):] == list(pipeline.COMPONENTS)


@pytest.mark.model
def test_pipeline_is_described_by_its_config(nlp: Language) -> None:
    config = nlp.config
    for name in OURS:
        assert name in config["nlp"]["pipeline"]
        assert config["components"][name]["factory"] == name
    assert config["components"]["thucydides_events"]["lexicon_paths"] == []
    assert config["components"]["thucydides_actors"]["kb_paths"] == []
    rebuilt = type(nlp).from_config(config)  # the config alone rebuilds the same pipeline
    assert rebuilt.pipe_names == nlp.pipe_names


@pytest.mark.model
def test_blank_line_ends_a_sentence(nlp: Language) -> None:
    doc = nlp("Protesters gathered in Tbilisi on Sunday\n\nPolice detained twelve people near parliament.")
    assert [s.text.strip() for s in doc.sents][-1] == "Police detained twelve people near parliament."


def _doc(text: str, name: str) -> Document:
    return Document(text=text, date="2024-03-02", id=name, path=f"{name}.txt")


@pytest.mark.model
def test_a_component_that_raises_fails_only_its_document(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.places.event_place

    def broken(trigger: Any, countries: Any) -> Any:
        if "Osh" in trigger.doc.text:
            raise RuntimeError("gazetteer exploded")
        return real(trigger, countries)

    monkeypatch.setattr(pipeline.places, "event_place", broken)
    docs = [
        _doc("Kazakh police arrested forty protesters in Almaty on Friday.", "first"),
        _doc("Kyrgyz troops shelled a border post near Osh on Friday.", "broken"),
        _doc("Armenian and Azerbaijani ministers met in Geneva on Friday.", "third"),
    ]
    out = list(code_documents(docs, batch_size=16))
    assert [c.document.id for c in out] == ["first", "broken", "third"]
    assert [c.document.status for c in out] == ["coded", "failed", "coded"]
    failed = out[1].document
    assert failed.error is not None and "broken.txt" in failed.error
    assert "thucydides_where_when" in failed.error and "gazetteer exploded" in failed.error
    assert out[1].events == []
    assert {e.event for e in out[0].events} == {"COERCE"}
    [meeting] = out[2].events
    assert meeting.event == "CONSULT" and meeting.location is not None and meeting.location.name == "Geneva"


@pytest.mark.model
def test_empty_and_already_failed_documents_pass_through_in_order() -> None:
    bad = Document(text="", id="unreadable", status="failed", error="x.txt: the bytes are not text")
    docs = [_doc("   ", "blank"), bad, _doc("Serbia expelled two Croatian diplomats on Friday.", "good")]
    out = list(code_documents(docs))
    assert [(c.document.id, c.document.status) for c in out] == [
        ("blank", "skipped"), ("unreadable", "failed"), ("good", "coded")]
    assert out[0].document.error is not None and "empty" in out[0].document.error
    assert [e.event for e in out[2].events] == ["SANCTION"]


def _summary(n_process: int) -> list[tuple[str, str, list[dict[str, Any]]]]:
    docs = list(read_documents([str(EXAMPLES)]))
    return [(c.document.id, c.document.status, [e.to_dict() for e in c.events])
            for c in code_documents(docs, n_process=n_process, batch_size=2)]


@pytest.mark.model
def test_two_processes_give_the_same_events_as_one() -> None:
    one = _summary(1)
    two = _summary(2)
    assert len(one) >= 11 and sum(len(evs) for _, _, evs in one) > 100
    assert all(status == "coded" for _, status, _ in one)
    assert one == two


@pytest.mark.model
@pytest.mark.parametrize(("text", "want", "absent"), [
    ("The council called on Uganda to withdraw its troops from the border.", "REQUEST", "RETREAT"),
    ("The Red Cross asked both armies to guarantee the safety of its convoys.", "REQUEST", "AGREE"),
    ("The Kenyan president called his Ugandan counterpart to discuss the border.", "CONSULT", "REQUEST"),
])
def test_a_request_carries_the_act_it_asks_for(nlp: Language, text: str, want: str, absent: str) -> None:
    found = [r["event"] for r in nlp(text)._.thuc_events]
    assert want in found and absent not in found
