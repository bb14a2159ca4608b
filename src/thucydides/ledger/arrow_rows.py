"""A dataset part's ledger rows built straight from its Arrow columns, for ``thucydides load``.

Reading a part back into :class:`~thucydides.model.Event` records and building rows from them costs tens of
microseconds an event in Python. :func:`read_part_rows` builds the same rows (those of :mod:`.rows`: events
with their ``record`` JSON, actors, claim parties, mentions, sentences) and the facts incidents are filed
from (:class:`~thucydides.ledger.incident_batch.Filed`) a column at a time: nested fields are flattened by
Arrow, the JSON is assembled by Arrow's string kernels (:mod:`.arrow_json`). What storing does with the
records (ids given to events without one, the document's source for events without one, duplicates in a
document dropped, the quad of the event type) is done here on the columns.

Documents and quotes (one or a few per document) are still read as records. A part whose events file does
not have the columns of this version's model gives None: it is loaded through records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from thucydides import dataset
from thucydides.ledger import corroboration as cor
from thucydides.ledger.arrow_json import json_column
from thucydides.ledger.incident_batch import Filed, founding_key
from thucydides.ledger.schema import events as events_table
from thucydides.model import ATTESTING_DROPS, QUAD, Document, Event, Place, Quote, content_hash

EVENT_COLUMNS = tuple(c.name for c in events_table.columns)
ACTOR_COLUMNS = ("event_id", "role", "position", "text", "code", "org", "sector", "name", "kind")
CLAIM_COLUMNS = ("event_id", "role", "position", "code", "name", "text")
MENTION_COLUMNS = ("event_id", "position", "doc_id", "sentence_index", "trigger", "trigger_start", "trigger_end")
SENTENCE_COLUMNS = ("doc_id", "index", "text", "start", "end")



@dataclass
class PartRows:
    """A part's documents and quotes (records) and its events' rows. Child rows (actors, claim parties,
    mentions) carry the event row they belong to in ``*_owner``; ``rows_of`` lists the event rows of each
    document id (as :func:`thucydides.dataset.read_part` attaches events to documents), duplicates left
    out."""

    docs: list[Document]
    quotes: dict[str, list[Quote]]
    table: pa.Table | None  # the events, for a document that must go through records (an id clash)
    rows_of: dict[str, list[int]]
    events: list[tuple[Any, ...]]
    actors: list[tuple[Any, ...]]
    actors_owner: list[int]
    claims: list[tuple[Any, ...]]
    claims_owner: list[int]
    mentions: list[tuple[Any, ...]]
    mentions_owner: list[int]
    sentences_of: dict[str, list[tuple[Any, ...]]]
    filed: list[Filed | None] | None  # per event row: its filing facts (None: not filed); None: not worked out
    dropped: int = 0  # event rows left out as duplicates or of no document
    outlets: dict[str, str | None] = field(default_factory=dict)
    origin: tuple[str, str] | None = None  # (dataset, part) it was read from: the table is read again from there

    def records(self, doc_id: str) -> list[Event]:
        """A document's events as records (read back as :func:`thucydides.dataset.read_part` does)."""
        rows = self.rows_of.get(doc_id, [])
        table = self.table
        if table is None:  # sent by a reader process without it: read again (only for an id clash)
            assert self.origin is not None
            again = read_part_rows(*self.origin)
            assert again is not None
            table = self.table = again.table
        assert table is not None
        return [dataset.event_from_row(r) for r in table.take(pa.array(rows, pa.int64())).to_pylist()]

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (by a reader process) without the Arrow table when it can be read again: the table is a
        quarter of the bytes and only an id clash needs it."""
        state = dict(self.__dict__)
        if self.origin is not None:
            state["table"] = None
        return state


def _column(table: pa.Table, name: str) -> pa.Array:
    return table.column(name).combine_chunks()


def _field(array: pa.Array, name: str) -> pa.Array:
    return pc.struct_field(array, name)


def _flat(array: pa.Array) -> tuple[pa.Array, list[int], list[int], np.ndarray]:
    """A list column's items, each item's row and position, and the row offsets into the items."""
    lengths = pc.fill_null(pc.list_value_length(array), 0).to_numpy(zero_copy_only=False)
    offsets = np.zeros(len(array) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    owner = np.repeat(np.arange(len(array), dtype=np.int64), lengths)
    position = np.arange(len(owner), dtype=np.int64) - offsets[owner]
    return array.flatten(), owner.tolist(), position.tolist(), offsets


def read_part_rows(root: str | Path, part_id: str, rules: cor.Rules | None = None) -> PartRows | None:
    """A complete part's rows (None when its events do not have this model's columns)."""
    rules = rules or cor.load_rules()
    docs = [dataset.document_from_row(r) for r in _read(dataset.part_file(root, dataset.DOCUMENTS, part_id)).to_pylist()]
    schema = dataset.event_schema()
    tables = [_read(p) for p in sorted((Path(root) / dataset.EVENTS).glob(f"month=*/part-{part_id}.parquet"))]
    if any(not t.schema.equals(schema) for t in tables):
        return None
    table = pa.concat_tables(tables) if tables else schema.empty_table()
    quotes: dict[str, list[Quote]] = {}
    qpath = dataset.part_file(root, dataset.QUOTES, part_id)
    if qpath.is_file():
        for row in _read(qpath).to_pylist():
            q = dataset.quote_from_row(row)
            quotes.setdefault(q.doc_id or "", []).append(q)
    built = _build(docs, quotes, table, rules)
    built.origin = (str(root), part_id)
    return built


def _read(path: Path) -> pa.Table:
    """One Parquet file, in this thread (parts are read one per thread already)."""
    with pq.ParquetFile(str(path)) as f:
        return f.read(use_threads=False)


def _ids(table: pa.Table, doc_ids: list[str], event_types: list[str], of_doc: dict[str, Document],
         actor_flat: pa.Array, actor_off: np.ndarray, recipient_flat: pa.Array, recipient_off: np.ndarray,
         mentions: pa.Array | None = None) -> tuple[list[str], dict[str, list[int]], int]:
    """The events' ids (Event.assign_id for those without one), the rows of each document (duplicates in a
    document and events of no document left out) and how many rows were left out."""
    ids = _column(table, "id").to_pylist()
    if not all(ids):
        mention_flat, _, _, mention_off = _flat(mentions if mentions is not None else _column(table, "mentions"))
        _assign_ids(table, ids, doc_ids, event_types, actor_flat, actor_off, recipient_flat, recipient_off,
                    mention_flat, mention_off)
    rows_of: dict[str, list[int]] = {}
    seen: dict[str, set[str]] = {}
    dropped = 0
    for i, (doc_id, event_id) in enumerate(zip(doc_ids, ids, strict=True)):
        if doc_id not in of_doc:
            dropped += 1
            continue
        known = seen.setdefault(doc_id, set())
        if event_id in known:
            dropped += 1
            continue
        known.add(event_id)
        rows_of.setdefault(doc_id, []).append(i)
    return ids, rows_of, dropped


def _of_doc(docs: list[Document]) -> dict[str, Document]:
    of_doc: dict[str, Document] = {}
    for doc in docs:
        of_doc.setdefault(doc.id, doc)
    return of_doc


def _build(docs: list[Document], quotes: dict[str, list[Quote]], table: pa.Table, rules: cor.Rules) -> PartRows:
    n = table.num_rows
    doc_ids = _column(table, "doc_id").to_pylist()
    of_doc = _of_doc(docs)
    actor, recipient = _column(table, "actor"), _column(table, "recipient")
    claim, location, sentence = _column(table, "claim"), _column(table, "location"), _column(table, "sentence")
    mentions = _column(table, "mentions")
    actor_flat, actor_owner, actor_pos, actor_off = _flat(actor)
    recipient_flat, recipient_owner, recipient_pos, recipient_off = _flat(recipient)
    mention_flat, mention_owner, mention_pos, mention_off = _flat(mentions)
    event_types = _column(table, "event").to_pylist()

    # ids (Event.assign_id for events without one), duplicates in a document left out
    ids, rows_of, dropped = _ids(table, doc_ids, event_types, of_doc, actor_flat, actor_off, recipient_flat,
                                 recipient_off, mentions)

    # what storing sets on the records: the id, the document's source where the event has none, the quad
    names = table.schema.names
    table = table.set_column(names.index("id"), "id", pa.array(ids, pa.string()))
    source = _column(table, "source")
    if source.null_count:
        doc_source = pa.array([of_doc[d].source if d in of_doc else None for d in doc_ids], pa.string())
        table = table.set_column(names.index("source"), "source", pc.coalesce(source, doc_source))
    quad = _column(table, "quad")
    if quad.null_count:
        filled = [q if q is not None or e not in QUAD else QUAD[e] for q, e in zip(quad.to_pylist(), event_types, strict=True)]
        table = table.set_column(names.index("quad"), "quad", pa.array(filled, pa.int64()))
    record = json_column(pa.StructArray.from_arrays([c.combine_chunks() for c in table.columns], names), Event)

    claimant = _field(claim, "claimant")
    columns = {
        "id": ids, "doc_id": doc_ids, "event": event_types, "claim_status": _field(claim, "status"),
        "claimant_code": _field(claimant, "code"), "location_name": _field(location, "name"),
        "location_country": _field(location, "country"), "lat": _field(location, "lat"),
        "lon": _field(location, "lon"), "sentence_index": _field(sentence, "index"), "record": record,
    }
    values = [columns[c] if c in columns else _column(table, c) for c in EVENT_COLUMNS]
    event_rows = list(zip(*[v if isinstance(v, list) else v.to_pylist() for v in values], strict=True))

    # actors and claim parties
    actor_rows: list[tuple[Any, ...]] = []
    actor_owners: list[int] = []
    for role, flat, owner, pos in (("actor", actor_flat, actor_owner, actor_pos),
                                   ("recipient", recipient_flat, recipient_owner, recipient_pos)):
        if not owner:
            continue
        event_ids = [ids[o] for o in owner]
        fields = [_field(flat, c).to_pylist() for c in ("text", "code", "org", "sector", "name", "kind")]
        actor_rows.extend(zip(event_ids, repeat(role), pos, *fields))
        actor_owners.extend(owner)
    claim_rows: list[tuple[Any, ...]] = []
    claim_owners: list[int] = []
    valid = pc.is_valid(claimant).to_pylist()
    with_claimant = [i for i, v in enumerate(valid) if v]
    if with_claimant:
        taken = claimant.take(pa.array(with_claimant, pa.int64()))
        fields = [_field(taken, c).to_pylist() for c in ("code", "name", "text")]
        claim_rows.extend(zip([ids[i] for i in with_claimant], repeat("claimant"), repeat(0), *fields))
        claim_owners.extend(with_claimant)
    confirmers = denied = None
    for role in ("confirmed_by", "denied_by"):
        flat, owner, pos, off = _flat(_field(claim, role))
        codes = _field(flat, "code").to_pylist()
        if role == "confirmed_by":
            confirmers = (codes, off)
        else:
            denied = (codes, off)
        if owner:
            fields = [codes, _field(flat, "name").to_pylist(), _field(flat, "text").to_pylist()]
            claim_rows.extend(zip([ids[o] for o in owner], repeat(role), pos, *fields))
            claim_owners.extend(owner)

    # mentions (an event without any: its own sentence and trigger) and the sentences they sit in
    sentence_valid = pc.is_valid(sentence).to_pylist()
    s_index, s_text = _field(sentence, "index").to_pylist(), _field(sentence, "text").to_pylist()
    s_start, s_end = _field(sentence, "start").to_pylist(), _field(sentence, "end").to_pylist()
    triggers = _column(table, "trigger").to_pylist()
    t_start, t_end = _column(table, "trigger_start").to_pylist(), _column(table, "trigger_end").to_pylist()
    m_sentence = _field(mention_flat, "sentence")
    m_valid = pc.is_valid(m_sentence).to_pylist()
    m_index, m_text = _field(m_sentence, "index").to_pylist(), _field(m_sentence, "text").to_pylist()
    m_start, m_end = _field(m_sentence, "start").to_pylist(), _field(m_sentence, "end").to_pylist()
    m_trigger = _field(mention_flat, "trigger").to_pylist()
    m_ts, m_te = _field(mention_flat, "trigger_start").to_pylist(), _field(mention_flat, "trigger_end").to_pylist()
    mention_rows: list[tuple[Any, ...]] = []
    mention_owners: list[int] = []
    for i in range(n):
        lo, hi = int(mention_off[i]), int(mention_off[i + 1])
        if lo == hi:
            if sentence_valid[i]:
                mention_rows.append((ids[i], 0, doc_ids[i], s_index[i], triggers[i], t_start[i], t_end[i]))
                mention_owners.append(i)
            continue
        for k in range(lo, hi):
            mention_rows.append((ids[i], mention_pos[k], doc_ids[i], m_index[k] if m_valid[k] else None,
                                 m_trigger[k], m_ts[k], m_te[k]))
            mention_owners.append(i)
    sentences_of: dict[str, list[tuple[Any, ...]]] = {}
    for doc_id, rows in rows_of.items():
        found: dict[int, tuple[Any, ...]] = {}
        for i in rows:
            if sentence_valid[i] and s_index[i] not in found:
                found[s_index[i]] = (s_text[i], s_start[i], s_end[i])
            for k in range(int(mention_off[i]), int(mention_off[i + 1])):
                if m_valid[k] and m_index[k] not in found:
                    found[m_index[k]] = (m_text[k], m_start[k], m_end[k])
        sentences_of[doc_id] = [(doc_id, index, *found[index]) for index in sorted(found)]

    filed = _filed(table, rules, ids, doc_ids, of_doc, event_types, actor_flat, actor_off, recipient_flat,
                   recipient_off, location, claim, claimant, confirmers, denied)
    return PartRows(docs=[*docs], quotes=quotes, table=table, rows_of=rows_of, events=event_rows, actors=actor_rows,
                    actors_owner=actor_owners, claims=claim_rows, claims_owner=claim_owners, mentions=mention_rows,
                    mentions_owner=mention_owners, sentences_of=sentences_of, filed=filed, dropped=dropped)


def _codes(flat: pa.Array, offsets: np.ndarray, n: int) -> list[list[str | None]]:
    codes = _field(flat, "code").to_pylist()
    off = offsets.tolist()
    return [codes[off[i]:off[i + 1]] for i in range(n)]


def _assign_ids(table: pa.Table, ids: list[str], doc_ids: list[str], event_types: list[str], actor_flat: pa.Array,
                actor_off: np.ndarray, recipient_flat: pa.Array, recipient_off: np.ndarray, mention_flat: pa.Array,
                mention_off: np.ndarray) -> None:
    """Event.assign_id for the events without an id, from the columns."""
    modes = _column(table, "mode").to_pylist()
    t_start, t_end = _column(table, "trigger_start").to_pylist(), _column(table, "trigger_end").to_pylist()
    a_code, a_text = _field(actor_flat, "code").to_pylist(), _field(actor_flat, "text").to_pylist()
    r_code, r_text = _field(recipient_flat, "code").to_pylist(), _field(recipient_flat, "text").to_pylist()
    m_ts, m_te = _field(mention_flat, "trigger_start").to_pylist(), _field(mention_flat, "trigger_end").to_pylist()
    for i, event_id in enumerate(ids):
        if event_id:
            continue
        actors = [a_code[k] or a_text[k] for k in range(int(actor_off[i]), int(actor_off[i + 1]))]
        recipients = [r_code[k] or r_text[k] for k in range(int(recipient_off[i]), int(recipient_off[i + 1]))]
        new = content_hash(doc_ids[i], event_types[i], modes[i], t_start[i], t_end[i], actors, recipients)
        lo, hi = int(mention_off[i]), int(mention_off[i + 1])
        if hi - lo > 1:
            new = content_hash(new, [(m_ts[k], m_te[k]) for k in range(lo, hi)])
        ids[i] = new


@lru_cache(maxsize=65536)
def _hint(name: str | None) -> str | None:
    return cor.place_name(Place(name=name or ""), cor.load_rules()) if name else None


@lru_cache(maxsize=4096)
def _outlet_key(text: str | None) -> str | None:
    return cor.outlet_key(text)


def _join(codes: Sequence[str | None]) -> str | None:
    return ";".join(c or "" for c in codes) if codes else None


def _filed(table: pa.Table, rules: cor.Rules, ids: list[str], doc_ids: list[str], of_doc: dict[str, Document],
           event_types: list[str], actor_flat: pa.Array, actor_off: np.ndarray, recipient_flat: pa.Array,
           recipient_off: np.ndarray, location: pa.Array, claim: pa.Array, claimant: pa.Array,
           confirmers: Any, denied: Any) -> list[Filed | None]:
    """Each event row's filing facts (``incident_batch.filed_from_event`` of the effective event), None for
    those not filed: left out of the default output (but attesting ones), hypothetical, negated, future."""
    n = len(ids)
    aux = _column(table, "aux_mode").to_pylist()
    dropped = _column(table, "dropped").to_pylist()
    keep = [(d is None or d in ATTESTING_DROPS) and a not in rules.unreal_aux_modes for d, a in zip(dropped, aux, strict=True)]
    out: list[Filed | None] = [None] * n
    if not any(keep):
        return out
    dates, date_ends = _column(table, "date").to_pylist(), _column(table, "date_end").to_pylist()
    actors, recipients = _codes(actor_flat, actor_off, n), _codes(recipient_flat, recipient_off, n)
    loc_valid = pc.is_valid(location).to_pylist()
    l_name, l_country = _field(location, "name").to_pylist(), _field(location, "country").to_pylist()
    l_lat, l_lon = _field(location, "lat").to_pylist(), _field(location, "lon").to_pylist()
    l_feature = _field(location, "feature").to_pylist()
    status = _field(claim, "status").to_pylist()
    claimant_code = _field(claimant, "code").to_pylist()
    outlet = _field(claim, "outlet")
    relayed_valid = pc.is_valid(outlet).to_pylist()
    relayed_name, relayed_text = _field(outlet, "name").to_pylist(), _field(outlet, "text").to_pylist()
    c_codes, c_off = confirmers
    d_codes, d_off = denied
    c_off, d_off = c_off.tolist(), d_off.tolist()
    places = _column(table, "article_places")
    hints_flat = places.flatten().to_pylist()
    h_off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(pc.fill_null(pc.list_value_length(places), 0).to_numpy(zero_copy_only=False), out=h_off[1:])
    hoff = h_off.tolist()
    unnamed = rules.unnamed_features
    for i in range(n):
        if not keep[i]:
            continue
        doc = of_doc.get(doc_ids[i])
        date, date_end = dates[i], date_ends[i]
        if not date and doc is not None and doc.date:
            date = doc.date
        family = cor.event_family(event_types[i], rules)
        a = frozenset(c for c in actors[i] if c)
        r = frozenset(c for c in recipients[i] if c)
        loc = loc_valid[i]
        name = l_name[i] if loc else None
        pkey = name.casefold() if loc and name and l_feature[i] not in unnamed else None
        country = l_country[i] if loc else None
        span = cor.date_span(date, date_end)
        source_key = None
        if relayed_valid[i]:
            source_key = _outlet_key(relayed_name[i] or relayed_text[i])
        outlet_name = doc.source if doc is not None else None
        if not source_key:
            source_key = _outlet_key(outlet_name) or f"document:{doc_ids[i]}"
        lat, lon = (l_lat[i], l_lon[i]) if loc else (None, None)
        facts = ("", ids[i], doc_ids[i], outlet_name, event_types[i], date, date_end, _join(sorted(a)),
                 _join(sorted(r)), name, pkey is not None, country, lat, lon, source_key, status[i],
                 claimant_code[i], _join(c_codes[c_off[i]:c_off[i + 1]]), _join(d_codes[d_off[i]:d_off[i + 1]]), True)
        hints = [_hint(p) for p in hints_flat[hoff[i]:hoff[i + 1]]]
        out[i] = Filed(ids[i], event_types[i], family, a, r, loc, country, pkey, lat, lon, date,
                       date_end, span, hints, facts,
                       founding_key(family, a, r, country, pkey, date, date_end, span, ids[i], rules))
    return out


_FILING_COLUMNS = ("id", "doc_id", "event", "mode", "trigger_start", "trigger_end", "actor", "recipient", "mentions",
                   "claim", "location", "date", "date_end", "aux_mode", "dropped", "article_places")


def read_part_filed(root: str | Path, part_id: str, rules: cor.Rules | None = None) -> dict[str, Filed] | None:
    """The filing facts of a complete part's events that are filed under incidents, by event id (a document's
    duplicates left out, as :func:`read_part_rows` leaves them), read from only the columns they need; None
    when its events do not have this model's columns."""
    rules = rules or cor.load_rules()
    docs = [dataset.document_from_row(r) for r in _read(dataset.part_file(root, dataset.DOCUMENTS, part_id)).to_pylist()]
    schema = dataset.event_schema()
    paths = sorted((Path(root) / dataset.EVENTS).glob(f"month=*/part-{part_id}.parquet"))
    if any(not pq.read_schema(str(p)).remove_metadata().equals(schema) for p in paths):
        return None
    chosen = pa.schema([schema.field(c) for c in _FILING_COLUMNS])
    tables = []
    for path in paths:
        with pq.ParquetFile(str(path)) as f:
            tables.append(f.read(columns=list(_FILING_COLUMNS), use_threads=False))
    table = pa.concat_tables(tables) if tables else chosen.empty_table()
    doc_ids = _column(table, "doc_id").to_pylist()
    of_doc = _of_doc(docs)
    actor_flat, _, _, actor_off = _flat(_column(table, "actor"))
    recipient_flat, _, _, recipient_off = _flat(_column(table, "recipient"))
    event_types = _column(table, "event").to_pylist()
    ids, rows_of, _ = _ids(table, doc_ids, event_types, of_doc, actor_flat, actor_off, recipient_flat, recipient_off)
    claim = _column(table, "claim")
    claimant = _field(claim, "claimant")
    confirmers, denied = [(_field(flat, "code").to_pylist(), off) for flat, _, _, off in
                          (_flat(_field(claim, role)) for role in ("confirmed_by", "denied_by"))]
    filed = _filed(table, rules, ids, doc_ids, of_doc, event_types, actor_flat, actor_off, recipient_flat,
                   recipient_off, _column(table, "location"), claim, claimant, confirmers, denied)
    out: dict[str, Filed] = {}
    for rows in rows_of.values():
        for i in rows:
            f = filed[i]
            if f is not None:
                out[ids[i]] = f
    return out
