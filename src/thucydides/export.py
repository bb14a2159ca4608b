"""Write records (dicts derived from the model) as a table, JSONL, CSV or Parquet."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

FORMATS = ("table", "jsonl", "csv", "parquet")

# Characters a terminal acts on or hides (escape sequences, bell, bidi overrides, zero-width): shown as escapes
# in tables, so article text can never move the cursor, recolour or reorder what a user reads.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e"
                         "\u2060-\u2064\u2066-\u2069\ufeff]")
MIN_COLUMN = 6  # narrowed columns keep this much, or their header; the last one, free text, 16
MIN_TEXT_COLUMN = 16
WHOLE_COLUMNS = frozenset({"date", "date_end", "event", "claim.status", "status"})  # never cut: short codes


def printable(text: str) -> str:
    """Text for one table cell: line breaks and tabs as spaces, control and invisible characters as escapes."""
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def fit_columns(columns: Sequence[tuple[str, str, int]], width: int) -> list[tuple[str, str, int]]:
    """Column widths narrowed so that a row fits in ``width`` characters where it can: first the last column
    (the free text: sentence, quote, error), then the widest."""
    out = list(columns)
    floor = [w if key in WHOLE_COLUMNS else min(w, max(MIN_COLUMN, len(h))) for h, key, w in out]
    floor[-1] = min(out[-1][2], MIN_TEXT_COLUMN)
    excess = sum(w for *_, w in out) + 2 * (len(out) - 1) - width
    if excess > 0:
        h, key, w = out[-1]
        out[-1] = (h, key, max(floor[-1], w - excess))
    while sum(w for *_, w in out) + 2 * (len(out) - 1) > width:
        i = max(range(len(out)), key=lambda k: (out[k][2] - floor[k], k))
        if out[i][2] <= floor[i]:
            break
        out[i] = (out[i][0], out[i][1], out[i][2] - 1)
    return out


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted columns; lists of actors become ';'-joined codes, other lists JSON."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        elif isinstance(value, list):
            if value and all(isinstance(v, dict) and "text" in v and "code" in v for v in value):
                out[name] = ";".join(str(v.get("code") or v.get("text")) for v in value)
                out[name + "_text"] = ";".join(str(v.get("text")) for v in value)
            else:
                out[name] = json.dumps(value, ensure_ascii=False) if value else ""
        else:
            out[name] = value
    return out


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    out.flush()
    return n


def write_csv(records: Sequence[dict[str, Any]], out: IO[str]) -> int:
    rows = [flatten(r) for r in records]
    columns: list[str] = []
    for r in rows:
        columns.extend(k for k in r if k not in columns)
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


def write_parquet(records: Sequence[dict[str, Any]], path: str | Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [flatten(r) for r in records]
    columns: list[str] = []
    for r in rows:
        columns.extend(k for k in r if k not in columns)
    table = pa.table({c: pa.array([_scalar(r.get(c)) for r in rows]) for c in columns})
    pq.write_table(table, str(path))
    return len(rows)


def _scalar(v: Any) -> Any:
    return v if v is None or isinstance(v, (str, int, float, bool)) else json.dumps(v, ensure_ascii=False)


def write_table(records: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str, int]], out: IO[str],
                width: int | None = None) -> int:
    """A readable fixed-width table, ``width`` characters wide at most where it can. ``columns`` are
    (header, dotted key, width)."""
    rows = [flatten(r) for r in records]
    if width:
        columns = fit_columns(columns, width)
    header = "  ".join(h.ljust(w)[:w] for h, _, w in columns)
    out.write(header.rstrip() + "\n" + "  ".join("-" * w for _, _, w in columns) + "\n")
    for r in rows:
        cells = []
        for _, key, w in columns:
            v = r.get(key)
            s = "" if v is None else printable(str(v))
            cells.append((s[: w - 1] + "…") if len(s) > w else s.ljust(w))
        out.write("  ".join(cells).rstrip() + "\n")
    out.flush()
    return len(rows)


def write_records(records: Sequence[dict[str, Any]], fmt: str, output: str | None,
                  table_columns: Sequence[tuple[str, str, int]]) -> int:
    """Write records in ``fmt`` to ``output`` (a path) or standard output."""
    from thucydides.errors import E, ThucydidesError

    check_output(fmt, output)
    try:
        if fmt == "parquet":
            assert output is not None
            return write_parquet(records, output)
        stream: IO[str] = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
    except OSError as exc:
        raise ThucydidesError(E.OUTPUT_OPEN.format(path=output, detail=exc.strerror or exc)) from exc
    try:
        if fmt == "jsonl":
            return write_jsonl(records, stream)
        if fmt == "csv":
            return write_csv(records, stream)
        return write_table(records, table_columns, stream, None if output else terminal_width())
    finally:
        if output:
            stream.close()


def terminal_width() -> int | None:
    """The terminal's width when standard output is one (or $COLUMNS is set), else None: no limit."""
    width = shutil.get_terminal_size(fallback=(0, 0)).columns
    return width or None


def check_output(fmt: str, output: str | None) -> None:
    """Raise ThucydidesError now, before any work, when ``fmt`` needs a file and has none, or when the
    folder of ``output`` does not exist."""
    from thucydides.errors import E, ThucydidesError

    if fmt == "parquet" and not output:
        raise ThucydidesError(E.OUTPUT_FORMAT.format(fmt=fmt))
    if output and Path(output).expanduser().is_dir():
        raise ThucydidesError(E.OUTPUT_IS_FOLDER.format(path=output))
    if output:
        folder = Path(output).expanduser().parent
        if not folder.is_dir():
            raise ThucydidesError(E.OUTPUT_FOLDER.format(path=output, folder=str(folder)))


def to_dataframe(records: Sequence[dict[str, Any]]) -> Any:
    """A pandas DataFrame with one flattened row per record."""
    import pandas as pd

    return pd.DataFrame([flatten(r) for r in records])


def dumps_csv(records: Sequence[dict[str, Any]]) -> str:
    buf = io.StringIO()
    write_csv(records, buf)
    return buf.getvalue()
