"""Read articles from Parquet files: a ``text`` column and optional ``id``, ``date``, ``source``, ``title``,
``url`` (as in JSONL and CSV). Rows are read in record batches, so memory stays flat on big files; a row
range (``start``, ``stop``) reads only part of a file, for distributed runs. Each row becomes a Document
whose ``path`` is ``file:ROW`` (rows counted from 1); a file that cannot be read, or has no ``text``
column, gives one failed Document saying so.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from typing import Any

from thucydides.errors import E
from thucydides.model import Document

log = logging.getLogger(__name__)

COLUMNS = ("text", "id", "date", "source", "title", "url")
BATCH_ROWS = 1024


def parquet_rows(path: str) -> int | None:
    """How many rows a Parquet file has (from its footer), or None when it is not readable Parquet."""
    import pyarrow.parquet as pq

    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        log.debug("not readable parquet %s: %s", path, exc)
        return None


def read_parquet(path: str, *, max_chars: int = 2_000_000, on_warning: Callable[[str], None] | None = None,
                 start: int = 0, stop: int | None = None) -> Iterator[Document]:
    """The documents in rows ``start`` to ``stop`` (all by default) of a Parquet file."""
    import pyarrow.parquet as pq

    from thucydides.ingest.readers import failed, make_document

    try:
        handle = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        yield failed(path, E.BAD_PARQUET.format(where=path, detail=str(exc).splitlines()[0]))
        return
    names = set(handle.schema_arrow.names)
    if "text" not in names:
        yield failed(path, E.PARQUET_NO_TEXT.format(where=path))
        return
    columns = [c for c in COLUMNS if c in names]
    row = 0
    try:
        for batch in handle.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            if stop is not None and row >= stop:
                return
            records = batch.to_pylist()
            for record in records:
                row += 1
                if row <= start or (stop is not None and row > stop):
                    continue
                at = f"{path}:{row}"
                text = record.get("text")
                if not isinstance(text, str):
                    yield failed(at, E.NO_TEXT_FIELD.format(where=at), record.get("id"))
                    continue
                meta = {k: _plain(v) for k, v in record.items() if k != "text"}
                yield make_document(text, meta, at, max_chars=max_chars, on_warning=on_warning)
    except (OSError, ValueError) as exc:
        at = f"{path}:{row + 1}"
        yield failed(at, E.BAD_PARQUET.format(where=at, detail=str(exc).splitlines()[0]))


def _plain(value: Any) -> Any:
    """Dates and timestamps as ISO text (their day is the publication date); other values as they are."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
