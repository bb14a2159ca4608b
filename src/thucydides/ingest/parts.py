"""Split inputs into parts that can be read on their own, for distributed runs.

A part is a run of records in one file (a byte range of whole lines of a JSONL file, of whole records of a
CSV file, a row range of a Parquet file) or a group of whole files (text, HTML, or anything that cannot
be split). Reading a part gives exactly the Documents that :func:`thucydides.ingest.readers.read_documents`
gives for those records: the same paths (``file:LINE``), ids and errors. A part's id is a hash of the
files it reads (path, size, modification time) and its range, so the same input planned again gives the
same parts, and a part done once is known to be done.

Inputs are files, folders (recursively, as ``read_documents`` walks them) and glob patterns
(``corpus/**/*.jsonl``).
"""

from __future__ import annotations

import glob
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from thucydides.errors import E, ThucydidesError
from thucydides.ingest.decoding import Warn, binary_kind, sniff_format
from thucydides.ingest.parquet import parquet_rows
from thucydides.ingest.readers import (
    SNIFF_BYTES,
    guess_format,
    iter_files,
    read_file,
    read_parquet,
    read_stream,
)
from thucydides.model import Document, content_hash

GLOB_CHARS = frozenset("*?[")
_UTF16_32 = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class Part:
    """Records ``start``..``stop`` of one file (bytes for JSONL and CSV, rows for Parquet), or whole files."""

    id: str
    fmt: str | None  # None: guessed per file, as read_documents does
    paths: tuple[str, ...]  # as the user named them (they name the documents)
    start: int = 0
    stop: int | None = None
    first_line: int = 1  # the line number of the first byte (JSONL and CSV)
    header_end: int = 0  # CSV: the header row's bytes, read before the range
    documents: int = 0  # documents expected, for the progress display
    sizes: tuple[int, ...] = field(default=(), compare=False)


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """The files named by paths, folders and glob patterns, in order; raises for a path that does not
    exist or a pattern that matches nothing."""
    files: list[str] = []
    for item in inputs:
        if os.path.exists(item):
            matches = [item]
        elif GLOB_CHARS & set(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise ThucydidesError(E.NO_INPUTS.format(pattern=item))
        else:
            raise ThucydidesError(E.NOT_FOUND.format(path=item))
        for match in matches:
            files.extend(iter_files(match) if os.path.isdir(match) else [match])
    return files


def plan_parts(inputs: Sequence[str], input_format: str | None = None, per_part: int = 64) -> list[Part]:
    """Parts of about ``per_part`` documents each covering the inputs, in input order."""
    parts: list[Part] = []
    whole: list[str] = []

    def flush() -> None:
        if whole:
            parts.append(_whole_part(whole, input_format))
            whole.clear()

    for path in expand_inputs(inputs):
        fmt = input_format or guess_format(path) or _sniff(path)
        if fmt in ("jsonl", "csv") and _splittable(path):
            flush()
            parts.extend(_line_parts(path, fmt, per_part))
        elif fmt == "parquet":
            flush()
            parts.extend(_row_parts(path, per_part))
        else:
            whole.append(path)
            if len(whole) >= per_part:
                flush()
    flush()
    return parts


def read_part(part: Part, *, max_chars: int = 2_000_000, on_warning: Warn | None = None) -> Iterator[Document]:
    """The documents of a part, as ``read_documents`` gives them for the same records."""
    if part.fmt == "parquet":
        yield from read_parquet(part.paths[0], max_chars=max_chars, on_warning=on_warning, start=part.start,
                                stop=part.stop)
        return
    if part.fmt in ("jsonl", "csv") and part.stop is not None:
        path = part.paths[0]
        with open(path, "rb") as handle:
            header = handle.read(part.header_end) if part.header_end else b""
            handle.seek(part.start)
            data = handle.read(part.stop - part.start)
        offset = part.first_line - (2 if header else 1)
        yield from read_stream(io.BytesIO(header + data), path, part.fmt, max_chars=max_chars,
                               on_warning=on_warning, line_offset=offset)
        return
    for path in part.paths:
        yield from read_file(path, part.fmt, max_chars=max_chars, on_warning=on_warning)


# -- planning ---------------------------------------------------------------------------------------------

def _stamp(path: str) -> tuple[str, int, int]:
    st = os.stat(path)
    return os.path.abspath(path), st.st_size, st.st_mtime_ns


def _whole_part(paths: list[str], fmt: str | None) -> Part:
    stamps = [_stamp(p) for p in paths]
    return Part(id=content_hash("files", fmt, stamps), fmt=fmt, paths=tuple(paths), documents=len(paths),
                sizes=tuple(s[1] for s in stamps))


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(SNIFF_BYTES)
    except OSError:
        return b""


def _sniff(path: str) -> str | None:
    head = _head(path)
    if not head or binary_kind(head) is not None:
        return None
    return sniff_format(head)


def _splittable(path: str) -> bool:
    """A text file in an ASCII-compatible encoding (a byte range of it is whole lines)."""
    head = _head(path)
    return bool(head) and binary_kind(head) is None and not head.startswith(_UTF16_32)


def _line_parts(path: str, fmt: str, per_part: int) -> list[Part]:
    """Byte ranges of whole records: JSONL lines, or CSV records (a line ends a record when the quotes
    before it are balanced)."""
    stamp = _stamp(path)
    parts: list[Part] = []
    header_end = 0
    with open(path, "rb") as handle:
        if fmt == "csv":
            header_end = len(handle.readline())
        start, first_line, line, records, quotes = header_end, 1 + (fmt == "csv"), 1 + (fmt == "csv"), 0, 0
        pos = header_end
        for raw in handle:
            pos += len(raw)
            line += 1
            if fmt == "csv":
                quotes += raw.count(b'"')
                if quotes % 2:
                    continue
            if raw.strip():
                records += 1
            if records >= per_part:
                parts.append(_range_part(path, fmt, stamp, start, pos, first_line, header_end, records))
                start, first_line, records = pos, line, 0
        if pos > start or not parts:
            parts.append(_range_part(path, fmt, stamp, start, pos, first_line, header_end, records))
    return parts


def _range_part(path: str, fmt: str, stamp: tuple[str, int, int], start: int, stop: int, first_line: int,
                header_end: int, records: int) -> Part:
    return Part(id=content_hash("range", fmt, stamp, start, stop), fmt=fmt, paths=(path,), start=start,
                stop=stop, first_line=first_line, header_end=header_end, documents=records,
                sizes=(stop - start,))


def _row_parts(path: str, per_part: int) -> list[Part]:
    stamp = _stamp(path)
    rows = parquet_rows(path)
    if rows is None:  # not readable: one part, which reports it
        return [Part(id=content_hash("rows", stamp, 0, None), fmt="parquet", paths=(path,), documents=1)]
    return [Part(id=content_hash("rows", stamp, start, min(rows, start + per_part)), fmt="parquet",
                 paths=(path,), start=start, stop=min(rows, start + per_part),
                 documents=min(rows, start + per_part) - start)
            for start in range(0, max(rows, 1), per_part)]
