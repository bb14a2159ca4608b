"""What a careless or hostile input file holds: every record comes out as a Document, good or failed with
its reason; nothing raises, nothing is silently changed (issue 12)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thucydides.ingest.readers import read_stream
from thucydides.model import Document

ENGLISH = ("The foreign minister said on Tuesday that the talks with the visiting delegation would resume "
           "in Geneva next week, and that both sides had agreed to a short agenda.")


def read_jsonl(data: bytes) -> tuple[list[Document], list[str]]:
    warnings: list[str] = []
    return list(read_stream(io.BytesIO(data), "feed.jsonl", "jsonl", on_warning=warnings.append)), warnings


def line(record: Any) -> bytes:
    return (json.dumps(record) + "\n").encode("utf-8")


def test_invalid_utf8_inside_a_jsonl_line_is_reported_not_silent() -> None:
    latin1 = json.dumps({"id": "u", "text": f"{ENGLISH} Talks in Málaga."}, ensure_ascii=False) + "\n"
    docs, warnings = read_jsonl(line({"id": "ok", "text": ENGLISH}) + latin1.encode("latin-1"))
    assert [d.status for d in docs] == ["new", "new"]  # the good row and the readable one are both kept
    assert docs[1].text.endswith("Talks in Málaga.")
    assert warnings == ["feed.jsonl:2: not valid UTF-8 (byte 0xE1 at offset 196 of the line); read as cp1252, "
                        "check its characters or save the file as UTF-8"]


def test_text_of_the_wrong_type_is_not_called_missing() -> None:
    docs, _ = read_jsonl(line({"id": "n", "text": 12345}) + line({"id": "l", "text": ["a", "b"]})
                         + line({"id": "m", "title": "no text"}) + line({"id": "z", "text": None}))
    assert [d.status for d in docs] == ["failed"] * 4
    assert docs[0].error == ('feed.jsonl:1: "text" is a number, not a string; put the article\'s text in the '
                             "field as a JSON string")
    assert docs[1].error is not None and '"text" is a JSON array, not a string' in docs[1].error
    assert docs[2].error is not None and 'no "text" field' in docs[2].error
    assert docs[3].error is not None and 'no "text" field' in docs[3].error
    assert [d.id for d in docs] == ["n", "l", "m", "z"]


def test_a_nested_id_is_reported_and_the_content_id_used() -> None:
    docs, warnings = read_jsonl(line({"id": {"a": 1}, "text": ENGLISH, "source": ["Wire", "Post"]})
                                + line({"id": True, "text": "nothing to code " * 0}))
    assert docs[0].status == "new" and docs[0].id == docs[0].content_hash and docs[0].source is None
    assert "{'a': 1}" not in docs[0].id and docs[1].id != "True"
    assert warnings == [
        'feed.jsonl:1: "id" is a JSON object, not a string or a number; the document is stored under its '
        "content-derived id",
        'feed.jsonl:1: "source" is a JSON array, not a string or a number; it was left empty',
        'feed.jsonl:2: "id" is true, not a string or a number; the document is stored under its content-derived id',
    ]


def test_numeric_ids_are_kept_as_text() -> None:
    docs, warnings = read_jsonl(line({"id": 7, "text": ENGLISH}))
    assert docs[0].id == "7" and warnings == []


# -- fuzz: random bytes, random JSONL and CSV structures ---------------------------------------------------

FUZZ = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8)
records = st.dictionaries(st.sampled_from(["id", "text", "date", "source", "title", "url", "other"]),
                          json_values | st.sampled_from([ENGLISH, "2025-03-01"]), max_size=6)


def check_every_record(docs: list[Document]) -> None:
    """Each record is a Document that is either ready to code or failed/skipped with its reason."""
    for d in docs:
        assert isinstance(d, Document)
        if d.status == "new":
            assert d.text.strip() and d.error is None and isinstance(d.id, str) and d.id
            assert d.date is None or len(d.date) == 10
            assert all(v is None or isinstance(v, str) for v in (d.source, d.title, d.url))
        else:
            assert d.status in ("failed", "skipped") and d.error and d.path


@FUZZ
@given(data=st.binary(max_size=600), fmt=st.sampled_from([None, "text", "jsonl", "csv", "html"]))
def test_random_bytes_never_raise(data: bytes, fmt: str | None) -> None:
    docs = list(read_stream(io.BytesIO(data), "fuzz", fmt, on_warning=lambda _: None))
    check_every_record(docs)


@FUZZ
@given(text=st.text(max_size=400), fmt=st.sampled_from([None, "text", "jsonl", "csv"]))
def test_random_unicode_never_raises(text: str, fmt: str | None) -> None:
    docs = list(read_stream(io.BytesIO(text.encode("utf-8", "surrogatepass")), "fuzz", fmt,
                            on_warning=lambda _: None))
    check_every_record(docs)


@FUZZ
@given(rows=st.lists(records | json_values, max_size=6), junk=st.lists(st.binary(max_size=30), max_size=2))
def test_random_jsonl_keeps_every_good_record(rows: list[Any], junk: list[bytes]) -> None:
    data = b"".join(line(r) for r in rows) + b"\n".join(junk)
    docs, _ = read_jsonl(data)
    check_every_record(docs)
    if b"\x00" in data:  # NUL bytes: the file is binary, said once for the whole file
        assert len(docs) == 1 and docs[0].error is not None and "binary file" in docs[0].error
        return
    good = [r for r in rows if isinstance(r, dict) and r.get("text") == ENGLISH]
    assert sum(1 for d in docs if d.status == "new") >= len(good)


@FUZZ
@given(rows=st.lists(st.lists(st.text(max_size=30) | st.just(ENGLISH), min_size=1, max_size=4), max_size=6),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_random_csv_keeps_every_good_row(rows: list[list[str]], delimiter: str) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(["text", "id", "date"])
    writer.writerows(rows)
    docs = list(read_stream(io.BytesIO(buf.getvalue().encode("utf-8")), "fuzz.csv", "csv",
                            on_warning=lambda _: None))
    check_every_record(docs)
    if "\x00" in buf.getvalue():  # NUL bytes: the file is binary, said once for the whole file
        assert len(docs) == 1 and docs[0].error is not None and "binary file" in docs[0].error
        return
    good = [r for r in rows if r[0] == ENGLISH]
    assert sum(1 for d in docs if d.status == "new") >= len(good)
