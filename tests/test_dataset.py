"""The Parquet dataset: schemas derived from the model, every field read back as it was written."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from thucydides import dataset
from thucydides.model import Actor, Claim, Document, Event, Mention, Place, Quantity, Quote, Sentence


def full_event(doc: Document) -> Event:
    sentence = Sentence(index=2, text="Three tanks and 1.5 battalions crossed.", start=40, end=80)
    ev = Event(event="MOBILIZE", doc_id=doc.id, mode="deploy", actor=[Actor(text="Russia", code="RUS", why="name")],
               recipient=[], trigger="crossed", trigger_start=70, trigger_end=77, date="2025-03-04",
               date_precision="day", location=Place(name="Kharkiv", country="UKR", lat=49.99, lon=36.23),
               sentence=sentence, claim=Claim(status="denied", denied_by=[Actor(text="Kyiv", code="UKR")],
                                              evidence=["in writing"]),
               quantities=[Quantity(value=3, text="Three tanks", unit="tank"),
                           Quantity(value=1.5, text="1.5 battalions", approximate=True)],
               size={"dead": 2}, mentions=[Mention(sentence=sentence, trigger="crossed")],
               article_places=["Kharkiv"], confidence=0.8, source="Meridian Wire")
    ev.assign_id()
    return ev


def test_every_model_field_is_a_column() -> None:
    assert dataset.event_schema().names == [f.name for f in dataclasses.fields(Event)]
    assert "text" not in dataset.document_schema().names
    assert pa.types.is_map(dataset.event_schema().field("size").type)


def test_a_part_reads_back_field_for_field(tmp_path: Path) -> None:
    doc = Document(text="A made-up article.", date="2025-03-04", source="Meridian Wire", path="a.txt",
                   status="coded")
    undated = Document(text="Another one.", path="b.txt", status="coded")
    failed = Document(text="", id="f1", path="c.txt", status="failed", error="c.txt: broken")
    ev, other = full_event(doc), Event(event="ACCUSE", doc_id=undated.id)
    quote = Quote(text="We deny it", start=1, end=11, speaker=Actor(text="Kyiv", code="UKR"), doc_id=doc.id)
    dataset.write_part(tmp_path, "p", [(doc, [ev], [quote]), (undated, [other], []), (failed, [], [])])
    back = list(dataset.read_part(tmp_path, "p"))
    assert back[0][1][0].to_dict() == ev.to_dict()
    assert back[0][1][0].quantities[0].value == 3 and isinstance(back[0][1][0].quantities[0].value, int)
    assert back[0][2][0].to_dict() == quote.to_dict()
    assert back[1][1][0].to_dict() == other.to_dict()
    assert (back[2][0].status, back[2][0].error, back[2][1]) == ("failed", "c.txt: broken", [])
    assert sorted(p.name for p in (tmp_path / "events").iterdir()) == ["month=2025-03", "month=undated"]
    assert pq.read_table(str(tmp_path / "documents")).column("n_events").to_pylist() == [1, 1, 0]
