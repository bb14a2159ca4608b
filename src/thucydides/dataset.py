"""The Parquet dataset a distributed run writes and ``thucydides load`` reads.

Its Arrow schemas are derived from the record classes in :mod:`thucydides.model`: a field added there is a
column here, with nested records as structs and lists as lists, so nothing is flattened or lost. Layout::

    DIR/_thucydides.json                       what the run was asked to do, and whether it finished
    DIR/events/month=YYYY-MM/part-ID.parquet   one row per event, by the document's publication month
    DIR/events/month=undated/part-ID.parquet   events of documents without a publication date
    DIR/documents/part-ID.parquet              one row per document: status, error, number of events
    DIR/quotes/part-ID.parquet                 one row per quotation

Each input part (see :mod:`thucydides.ingest.parts`) writes its files under temporary names and renames
them into place, events and quotes first and its documents file last: a part whose documents file exists
is complete. Writing a part again replaces its files, so a part is never in the dataset twice.
"""

from __future__ import annotations

import dataclasses
import json
import os
import types
import typing
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from thucydides.model import Document, Event, Quote

EVENTS, DOCUMENTS, QUOTES = "events", "documents", "quotes"
MANIFEST = "_thucydides.json"
UNDATED = "undated"
FORMAT_VERSION = 1


# -- schemas from the model -----------------------------------------------------------------------------

def arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of a model field's type hint (``float | int`` is a double, read back as the coder
    writes numbers: integral values as ints)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if set(args) == {float, int}:
            return pa.float64()
        if len(args) == 1:
            return arrow_type(args[0])
        return pa.string()  # any other union: JSON text
    if origin is list:
        return pa.list_(arrow_type(typing.get_args(hint)[0]))
    if origin is dict:
        key, value = typing.get_args(hint)
        return pa.map_(arrow_type(key), arrow_type(value))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return pa.struct(_fields(hint))
    simple = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
    return simple.get(hint, pa.string())


def _fields(cls: type, leave_out: Sequence[str] = ()) -> list[pa.Field]:
    hints = typing.get_type_hints(cls)
    return [pa.field(f.name, arrow_type(hints[f.name])) for f in dataclasses.fields(cls)
            if f.name not in leave_out]


@cache
def event_schema() -> pa.Schema:
    """One row per event: every field of :class:`~thucydides.model.Event`."""
    return pa.schema(_fields(Event))


@cache
def document_schema() -> pa.Schema:
    """One row per document: :class:`~thucydides.model.Document` without its text, and its events."""
    return pa.schema([*_fields(Document, leave_out=("text",)), pa.field("n_events", pa.int64())])


@cache
def quote_schema() -> pa.Schema:
    return pa.schema(_fields(Quote))


# -- Arrow rows back to records ---------------------------------------------------------------------------

Convert = Callable[[Any], Any]


@cache
def _converter(hint: Any) -> Convert | None:
    """A function turning an Arrow value of a field's type back into the model's value (None: as it is),
    built once per type so that reading a row does no type inspection."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if set(args) == {float, int}:
            return lambda v: v if v is None or not float(v).is_integer() else int(v)
        return _converter(args[0]) if len(args) == 1 else None
    if origin is list:
        item = _converter(typing.get_args(hint)[0])
        if item is None:
            return None
        return lambda v: None if v is None else [item(x) for x in v]
    if origin is dict:
        value = _converter(typing.get_args(hint)[1]) or (lambda x: x)
        return lambda v: None if v is None else {k: value(x) for k, x in v}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _record_converter(hint)
    return None


@cache
def _record_converter(cls: type) -> Convert:
    hints = typing.get_type_hints(cls)
    plan = [(f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls)]

    def convert(row: dict[str, Any] | None) -> Any:
        if row is None:
            return None
        kwargs = {}
        for name, conv in plan:
            if name in row:
                value = row[name]
                kwargs[name] = value if conv is None or value is None else conv(value)
        return cls(**kwargs)
    return convert


def event_from_row(row: dict[str, Any]) -> Event:
    event: Event = _record_converter(Event)(row)
    return event


def quote_from_row(row: dict[str, Any]) -> Quote:
    quote: Quote = _record_converter(Quote)(row)
    return quote


def document_from_row(row: dict[str, Any]) -> Document:
    document: Document = _record_converter(Document)(dict(row, text=""))
    return document


# -- writing a part -------------------------------------------------------------------------------------

def month_of(date: str | None) -> str:
    """The partition a document's events go to: its publication month, or "undated"."""
    return date[:7] if date and len(date) >= 7 else UNDATED


def _write_atomic(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(table, str(tmp), compression="zstd")
    os.replace(tmp, path)


def part_file(root: str | Path, table: str, part_id: str, month: str | None = None) -> Path:
    folder = Path(root) / table
    if month is not None:
        folder = folder / f"month={month}"
    return folder / f"part-{part_id}.parquet"


def write_part(root: str | Path, part_id: str,
               coded: Iterable[tuple[Document, Sequence[Event], Sequence[Quote]]]) -> list[Document]:
    """Write one part's events (by publication month), quotes and, last, its documents; the documents."""
    by_month: dict[str, list[dict[str, Any]]] = defaultdict(list)
    quote_rows: list[dict[str, Any]] = []
    doc_rows: list[dict[str, Any]] = []
    docs: list[Document] = []
    for doc, events, quotes in coded:
        docs.append(doc)
        by_month[month_of(doc.date)].extend(e.to_dict() for e in events)
        quote_rows.extend(dict(q.to_dict(), doc_id=doc.id) for q in quotes)
        row = doc.to_dict()
        row.pop("text")
        row["n_events"] = len(events)
        doc_rows.append(row)
    for month, rows in sorted(by_month.items()):
        if rows:
            _write_atomic(pa.Table.from_pylist(rows, schema=event_schema()), part_file(root, EVENTS, part_id, month))
    if quote_rows:
        _write_atomic(pa.Table.from_pylist(quote_rows, schema=quote_schema()), part_file(root, QUOTES, part_id))
    _write_atomic(pa.Table.from_pylist(doc_rows, schema=document_schema()), part_file(root, DOCUMENTS, part_id))
    return docs


def part_done(root: str | Path, part_id: str) -> bool:
    return part_file(root, DOCUMENTS, part_id).is_file()


def part_ids(root: str | Path, table: str = DOCUMENTS) -> set[str]:
    """The parts that have files in a table (for documents: the complete parts)."""
    folder = Path(root) / table
    if not folder.is_dir():
        return set()
    return {p.name[len("part-"):-len(".parquet")] for p in folder.rglob("part-*.parquet")}


def remove_parts(root: str | Path, keep: set[str]) -> int:
    """Delete event and quote files of parts not in ``keep`` (left by a run killed mid-part, or by an input
    that changed since); returns how many files were removed."""
    removed = 0
    for table in (EVENTS, QUOTES):
        folder = Path(root) / table
        if not folder.is_dir():
            continue
        for path in folder.rglob("part-*.parquet"):
            if path.name[len("part-"):-len(".parquet")] not in keep:
                path.unlink()
                removed += 1
    return removed


# -- reading ---------------------------------------------------------------------------------------------

def read_manifest(root: str | Path) -> dict[str, Any] | None:
    path = Path(root) / MANIFEST
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write_manifest(root: str | Path, manifest: dict[str, Any]) -> None:
    path = Path(root) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def part_order(root: str | Path) -> list[str]:
    """The complete parts, in input order when the manifest lists it (then by id)."""
    done = part_ids(root)
    listed = (read_manifest(root) or {}).get("parts", [])
    ordered = [p for p in listed if p in done]
    return ordered + sorted(done - set(ordered))


def _rows(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(str(path)).to_pylist()
    return rows


def read_documents_of(root: str | Path, part_id: str) -> list[tuple[Document, int]]:
    """A complete part's documents with their numbers of events (without reading the events)."""
    return [(document_from_row(r), int(r.get("n_events") or 0))
            for r in _rows(part_file(root, DOCUMENTS, part_id))]


def read_part(root: str | Path, part_id: str) -> Iterator[tuple[Document, list[Event], list[Quote]]]:
    """A complete part's documents with their events and quotes, in input order."""
    docs = [document_from_row(r) for r in _rows(part_file(root, DOCUMENTS, part_id))]
    events: dict[str, list[Event]] = defaultdict(list)
    for path in sorted((Path(root) / EVENTS).glob(f"month=*/part-{part_id}.parquet")):
        for row in _rows(path):
            ev = event_from_row(row)
            events[ev.doc_id].append(ev)
    quotes: dict[str, list[Quote]] = defaultdict(list)
    qpath = part_file(root, QUOTES, part_id)
    if qpath.is_file():
        for row in _rows(qpath):
            q = quote_from_row(row)
            quotes[q.doc_id or ""].append(q)
    for doc in docs:
        yield doc, events.pop(doc.id, []), quotes.pop(doc.id, [])


def read_events(root: str | Path) -> list[Event]:
    """Every event of a dataset's complete parts, in input order (for checks and small datasets)."""
    return [e for part in part_order(root) for _, evs, _ in read_part(root, part) for e in evs]
