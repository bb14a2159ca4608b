"""A dataset part's ledger rows, written beside it by the worker that coded it, so that loading is a copy.

Building a part's rows from its event columns (:mod:`.arrow_rows`: the ``record`` JSON, the flattened actors,
claim parties, mentions and sentences) costs about three times as much as inserting them. The worker that
codes a part has that time to spare (coding the part took a thousand times longer), so it also writes the
rows, as :func:`thucydides.ledger.arrow_rows.read_part_rows` builds them, to ``_ledger_rows/<table>/part-<id>.parquet``
(:func:`write_part_rows`), and ``thucydides load`` reads them back as tuples (:func:`read_part_rows_written`).

The rows are only used while they are the part's: each file carries a fingerprint of the part's files (its
documents, events and quotes, byte for byte) and of the code that builds rows. A part written again, a dataset
edited by hand or a newer thucydides makes the fingerprint differ, and the loader builds the rows from the
columns as it does for a part without them. The folder starts with an underscore, so Parquet readers of the
dataset (pyarrow, Dask, Spark, DuckDB) leave it out.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from thucydides import dataset
from thucydides.ledger import corroboration as cor
from thucydides.ledger.arrow_rows import (
    ACTOR_COLUMNS,
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    SENTENCE_COLUMNS,
    PartRows,
    read_part_rows,
)
from thucydides.ledger.incident_batch import Filed, founding_key
from thucydides.model import Quote

ROWS = "_ledger_rows"
_KEY = b"thucydides.rows"
# table: (columns, with an "owner" column: the event row each row belongs to)
_TABLES: dict[str, tuple[tuple[str, ...], bool]] = {
    "events": (EVENT_COLUMNS, False), "actors": (ACTOR_COLUMNS, True), "claim_parties": (CLAIM_COLUMNS, True),
    "mentions": (MENTION_COLUMNS, True), "sentences": (SENTENCE_COLUMNS, False),
}
_BUILDERS = ("arrow_rows.py", "arrow_json.py", "rows.py", "schema.py", "row_files.py", "corroboration.py",
             "incident_batch.py", "facts.py", "data/rules.json")
FILED = "filed"  # the filing facts of the part's events filed under incidents (incident_batch.Filed)
# Filed's own columns; its family, date span and founding key are worked out again when read
_FILED_COLUMNS = ("id", "event", "actors", "recipients", "loc", "country", "pkey", "lat", "lon", "date", "date_end",
                  "hints", "own")
_FACTS = range(1, 19)  # the report facts (REPORT_COLUMNS) between the incident id ("") and is_real (True)


@lru_cache(maxsize=1)
def _code_hash() -> str:
    """A hash of the code that decides what the rows are (the model and the row builders)."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in [here.parent / "model.py", here.parent / "dataset.py", *(here / name for name in _BUILDERS)]:
        h.update(path.read_bytes())
    return h.hexdigest()


def _part_files(root: str | Path, part_id: str) -> list[Path]:
    events = sorted((Path(root) / dataset.EVENTS).glob(f"month=*/part-{part_id}.parquet"))
    quotes = dataset.part_file(root, dataset.QUOTES, part_id)
    return [dataset.part_file(root, dataset.DOCUMENTS, part_id), *events, *([quotes] if quotes.is_file() else [])]


def fingerprint(root: str | Path, part_id: str) -> str:
    """The part's files, byte for byte (with their names), and the code that builds rows from them."""
    h = hashlib.sha256(_code_hash().encode())
    for path in _part_files(root, part_id):
        h.update(f"\0{path.parent.name}/{path.name}\0".encode())
        with path.open("rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()


def rows_file(root: str | Path, table: str, part_id: str) -> Path:
    return Path(root) / ROWS / table / f"part-{part_id}.parquet"


def write_part_rows(root: str | Path, part_id: str, built: PartRows | None = None) -> bool:
    """Write the ledger rows of a complete part beside it; False when its events do not have this version's
    columns (the loader then reads it through records)."""
    if not dataset.part_done(root, part_id):
        return False
    built = built or read_part_rows(root, part_id)
    if built is None:
        return False
    kept = [False] * len(built.events)
    for rows in built.rows_of.values():
        for i in rows:
            kept[i] = True
    sentences = [row for rows in built.sentences_of.values() for row in rows]
    content: dict[str, tuple[list[tuple[Any, ...]], list[Any] | None]] = {
        "events": (built.events, kept), "actors": (built.actors, built.actors_owner),
        "claim_parties": (built.claims, built.claims_owner), "mentions": (built.mentions, built.mentions_owner),
        "sentences": (sentences, None),
    }
    meta = {_KEY: json.dumps({"fingerprint": fingerprint(root, part_id), "dropped": built.dropped}).encode()}
    filed = [f for f in built.filed or () if f is not None]
    for f in filed:
        f.founds()
    facts = {c: pa.array([sorted(getattr(f, c)) if c in ("actors", "recipients") else getattr(f, c) for f in filed])
             for c in _FILED_COLUMNS}
    facts.update({f"f{k}": pa.array([f.facts[k] for f in filed]) for k in _FACTS})
    _write(pa.table(facts).replace_schema_metadata(meta), rows_file(root, FILED, part_id))
    for table, (columns, _) in _TABLES.items():
        values, extra = content[table]
        arrays = {c: pa.array([v[k] for v in values]) for k, c in enumerate(columns)}
        if extra is not None:
            arrays["kept" if table == "events" else "owner"] = pa.array(extra, pa.bool_() if table == "events" else pa.int64())
        _write(pa.table(arrays).replace_schema_metadata(meta), rows_file(root, table, part_id))
    return True


def _write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(table, str(tmp), compression="zstd")
    os.replace(tmp, path)


def read_part_rows_written(root: str | Path, part_id: str) -> PartRows | None:
    """A part's rows as its worker wrote them (without filing facts: ``filed`` is None), or None when there
    are none or they are not the part's any more (see the module's docstring)."""
    paths = {t: rows_file(root, t, part_id) for t in _TABLES}
    if not all(p.is_file() for p in (*paths.values(), rows_file(root, FILED, part_id))):
        return None
    tables: dict[str, pa.Table] = {}
    wanted = fingerprint(root, part_id)
    dropped = 0
    for name, path in paths.items():
        with pq.ParquetFile(str(path)) as f:
            table = f.read(use_threads=False)
        meta = json.loads((table.schema.metadata or {}).get(_KEY, b"{}"))
        columns, _ = _TABLES[name]
        if meta.get("fingerprint") != wanted or tuple(table.column_names[:len(columns)]) != columns:
            return None
        dropped = meta.get("dropped", 0)
        tables[name] = table
    docs = [dataset.document_from_row(r) for r in pq.read_table(str(dataset.part_file(root, dataset.DOCUMENTS, part_id)),
                                                                   use_threads=False).to_pylist()]
    quotes: dict[str, list[Quote]] = {}
    qpath = dataset.part_file(root, dataset.QUOTES, part_id)
    if qpath.is_file():
        for row in pq.read_table(str(qpath), use_threads=False).to_pylist():
            q = dataset.quote_from_row(row)
            quotes.setdefault(q.doc_id or "", []).append(q)
    events, kept = _tuples(tables["events"], EVENT_COLUMNS), tables["events"].column("kept").to_pylist()
    rows_of: dict[str, list[int]] = {}
    doc_at = EVENT_COLUMNS.index("doc_id")
    for i, (row, keep) in enumerate(zip(events, kept, strict=True)):
        if keep:
            rows_of.setdefault(row[doc_at], []).append(i)
    sentences_of: dict[str, list[tuple[Any, ...]]] = {}
    sentence_doc = SENTENCE_COLUMNS.index("doc_id")
    for row in _tuples(tables["sentences"], SENTENCE_COLUMNS):
        sentences_of.setdefault(row[sentence_doc], []).append(row)
    built = PartRows(docs=docs, quotes=quotes, table=None, rows_of=rows_of, events=events,
                     actors=_tuples(tables["actors"], ACTOR_COLUMNS), actors_owner=_owners(tables["actors"]),
                     claims=_tuples(tables["claim_parties"], CLAIM_COLUMNS), claims_owner=_owners(tables["claim_parties"]),
                     mentions=_tuples(tables["mentions"], MENTION_COLUMNS), mentions_owner=_owners(tables["mentions"]),
                     sentences_of=sentences_of, filed=None, dropped=dropped)
    built.origin = (str(root), part_id)
    return built


def read_part_filed_written(root: str | Path, part_id: str, rules: cor.Rules) -> dict[str, Filed] | None:
    """:func:`~thucydides.ledger.arrow_rows.read_part_filed` from the facts the part's worker wrote, or None
    when there are none or they are not the part's any more."""
    path = rows_file(root, FILED, part_id)
    if not path.is_file():
        return None
    with pq.ParquetFile(str(path)) as f:
        table = f.read(use_threads=False)
    meta = json.loads((table.schema.metadata or {}).get(_KEY, b"{}"))
    if meta.get("fingerprint") != fingerprint(root, part_id):
        return None
    if table.num_rows == 0:
        return {}
    columns = [table.column(c).to_pylist() for c in _FILED_COLUMNS]
    facts = list(zip(*(table.column(f"f{k}").to_pylist() for k in _FACTS), strict=True))
    out: dict[str, Filed] = {}
    for (event_id, event, actors, recipients, loc, country, pkey, lat, lon, date, date_end, hints, own), fact in zip(
            zip(*columns, strict=True), facts, strict=True):
        family = cor.event_family(event, rules)
        a, r = frozenset(actors), frozenset(recipients)
        span = cor.date_span(date, date_end)
        out[event_id] = Filed(event_id, event, family, a, r, loc, country, pkey, lat, lon, date, date_end, span, hints,
                              ("", *fact, True),
                              founding_key(family, a, r, country, pkey, date, date_end, span, event_id, rules), own)
    return out


def _tuples(table: pa.Table, columns: Sequence[str]) -> list[tuple[Any, ...]]:
    return list(zip(*(table.column(c).to_pylist() for c in columns), strict=True))


def _owners(table: pa.Table) -> list[int]:
    owners: list[int] = table.column("owner").to_pylist()
    return owners


def remove_part_rows(root: str | Path, keep: set[str]) -> int:
    """Delete the rows of parts not in ``keep`` (as :func:`thucydides.dataset.remove_parts` does for a part's
    other files); returns how many files were removed."""
    removed = 0
    folder = Path(root) / ROWS
    if folder.is_dir():
        for path in folder.rglob("part-*.parquet"):
            if path.name[len("part-"):-len(".parquet")] not in keep:
                path.unlink()
                removed += 1
    return removed
