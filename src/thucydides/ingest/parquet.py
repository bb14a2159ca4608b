"""Read articles from Parquet files: a ``text`` column and optional ``id``, ``date``, ``source``, ``title``,
``url`` (as in JSONL and CSV). Rows are read in record batches, so memory stays flat on big files; a row
range (``start``, ``stop``) reads only part of a file, for distributed runs. Each row is named ``file:ROW``
(rows counted from 1); :func:`thucydides.ingest.readers.read_parquet` makes Documents of them, and a file
that cannot be read, or has no ``text`` column, gives one failed Document saying so.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

from thucydides.errors import E

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


Record = tuple[str, dict[str, Any] | None, str | None]  # where, the row's fields, or why it cannot be read


def parquet_records(path: str, start: int = 0, stop: int | None = None) -> Iterator[Record]:
    """Rows ``start`` to ``stop`` (all by default) of a Parquet file as (``file:ROW``, fields, None), or one
    (where, None, message) when the file cannot be read or has no text column; dates come as ISO text.
    :func:`thucydides.ingest.readers.read_file` turns them into Documents."""
    import pyarrow.parquet as pq

    try:
        handle = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        yield path, None, E.BAD_PARQUET.format(where=path, detail=str(exc).splitlines()[0])
        return
    names = set(handle.schema_arrow.names)
    if "text" not in names:
        yield path, None, E.PARQUET_NO_TEXT.format(where=path)
        return
    columns = [c for c in COLUMNS if c in names]
    row = 0
    try:
        for batch in handle.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            if stop is not None and row >= stop:
                return
            for record in batch.to_pylist():
                row += 1
                if row <= start or (stop is not None and row > stop):
                    continue
                yield f"{path}:{row}", {k: _plain(v) for k, v in record.items()}, None
    except (OSError, ValueError) as exc:
        at = f"{path}:{row + 1}"
        yield at, None, E.BAD_PARQUET.format(where=at, detail=str(exc).splitlines()[0])


def _plain(value: Any) -> Any:
    """Dates and timestamps as ISO text (their day is the publication date); other values as they are."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
