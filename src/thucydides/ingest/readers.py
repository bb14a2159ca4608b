"""Read articles from files, folders and standard input into :class:`~thucydides.model.Document` records.

Formats (``input_format``, or guessed from the file extension, or sniffed from the content):

``text`` (``.txt``, ``.md``)
    One article per file. The file may start with a *front-matter* block of metadata: a line
    ``---``, then ``key: value`` lines, then a line ``---``. Known keys are ``title``, ``date``
    (YYYY-MM-DD, the publication date), ``source`` (the outlet), ``url`` and ``id``; values may be
    quoted; other keys are ignored. The block is removed from the text::

        ---
        title: Drones strike port overnight
        date: 2025-03-14
        source: Meridian Wire
        ---
        KYIV, March 14 (Meridian Wire) - ...

``html`` (``.html``, ``.htm``)
    One web page per file: the main text with boilerplate dropped, title/date/outlet from the meta
    tags (see :mod:`thucydides.ingest.html`).
``jsonl`` (``.jsonl``, ``.ndjson``)
    One JSON object per line with ``text`` and optional ``id``, ``date``, ``source``, ``title``,
    ``url``. Read line by line; a given ``id`` is kept as ``Document.id`` (else the content hash).
``csv`` (``.csv``)
    A header row with a ``text`` column and the same optional columns; ``,``, ``;`` or tab.
``parquet`` (``.parquet``, ``.pq``)
    A ``text`` column and the same optional columns, read in record batches (see
    :mod:`thucydides.ingest.parquet`); ``path`` is ``"file:ROW"``.

Every input gives a Document, in order: ``path`` is ``"file"`` or ``"file:LINE"`` (JSONL and CSV
records; ``"<stdin>"`` for standard input). A document that cannot be read still comes out, with
``status`` ``"failed"`` (malformed line, no text field, undecodable bytes, binary file, over
``max_chars``) or ``"skipped"`` (empty, not English) and ``error`` set to the message from
:class:`thucydides.errors.E`. Bad content never stops the rest and never raises; only a path that
does not exist raises :class:`~thucydides.errors.ThucydidesError`. An invalid date is reported as a
warning (``on_warning``, by default the ``thucydides.ingest.readers`` logger) and left empty. Bytes are
decoded as UTF-8 (with or without BOM), UTF-16/32 with a BOM, else as ``charset_normalizer`` guesses.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from thucydides.errors import E, InputError, ThucydidesError
from thucydides.ingest.decoding import (
    Warn,
    _chain,
    _count_chars,
    _csv_delimiter,
    _decode_line,
    _PrefixedReader,
    _stream_encoding,
    binary_kind,
    decode_bytes,
    sniff_format,
)
from thucydides.ingest.invisible import strip_invisible
from thucydides.ingest.language import is_english
from thucydides.model import Document, content_hash

log = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("text", "html", "jsonl", "csv", "parquet")
EXTENSIONS: dict[str, str] = {".txt": "text", ".md": "text", ".text": "text", ".html": "html",
                              ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
                              ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
STDIN = "<stdin>"
META_FIELDS: tuple[str, ...] = ("id", "date", "source", "title", "url")
SNIFF_BYTES = 65536

_FRONT_MATTER = re.compile(r"\A[ \t]*---[ \t]*\r?\n(.*?)\r?\n[ \t]*---[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_LINE = re.compile(r"^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?$")


def read_documents(paths: Sequence[str], input_format: str | None = None, *, stdin: IO[bytes] | None = None,
                   max_chars: int = 2_000_000, on_warning: Warn | None = None) -> Iterator[Document]:
    """Documents from files, folders (recursive, sorted, hidden files skipped) or "-" (standard input).

    Raises ThucydidesError, before anything is read, for an unknown format or a path that does not
    exist; everything else is reported on the documents themselves.
    """
    if input_format is not None and input_format not in FORMATS:
        raise ThucydidesError(E.UNKNOWN_FORMAT.format(fmt=input_format, choices=", ".join(FORMATS)))
    for path in paths:
        if path != "-" and not os.path.exists(path):
            raise ThucydidesError(E.NOT_FOUND.format(path=path))
    warn = on_warning or log.warning
    return _read_all(list(paths), input_format, stdin, max_chars, warn)


def _read_all(paths: list[str], fmt: str | None, stdin: IO[bytes] | None, max_chars: int,
              warn: Warn) -> Iterator[Document]:
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_stream(stream, STDIN, fmt, max_chars=max_chars, on_warning=warn)
        elif os.path.isdir(path):
            for file in iter_files(path, warn):
                yield from read_file(file, fmt, max_chars=max_chars, on_warning=warn)
        else:
            yield from read_file(path, fmt, max_chars=max_chars, on_warning=warn)


def iter_files(folder: str, on_warning: Warn | None = None, _seen: set[tuple[int, int]] | None = None) -> Iterator[str]:
    """Files under a folder, depth first in sorted order, skipping hidden files and folders; a folder seen
    before (a symbolic-link loop) or that cannot be listed is skipped with a warning."""
    warn = on_warning or log.warning
    seen = set() if _seen is None else _seen
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            warn(E.FOLDER_LOOP.format(path=printable_path(folder)))
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as scan:
            entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        warn(E.FOLDER_UNREADABLE.format(path=printable_path(folder), detail=exc.strerror))
        return
    for entry in entries:
        if entry.is_dir():
            yield from iter_files(entry.path, warn, seen)
        elif entry.is_file():
            yield entry.path


def guess_format(path: str) -> str | None:
    """The format a file's extension names, or None to sniff the content."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())


def read_file(path: str, input_format: str | None = None, *, max_chars: int = 2_000_000,
              on_warning: Warn | None = None) -> Iterator[Document]:
    """The documents in one file (one for text and HTML, one per record for JSONL and CSV)."""
    warn = on_warning or log.warning
    if (input_format or guess_format(path)) == "parquet":
        yield from read_parquet(path, max_chars=max_chars, on_warning=warn)
        return
    where = printable_path(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below; the generator owns it
    except OSError as exc:
        yield failed(where, E.UNDECODABLE.format(where=where) + f" ({exc.strerror})")
        return
    with handle:
        yield from read_stream(handle, where, input_format or guess_format(path), max_chars=max_chars,
                               on_warning=warn)


def printable_path(path: str) -> str:
    """A file name that can be printed and stored: bytes that are not UTF-8 become \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def read_parquet(path: str, *, max_chars: int = 2_000_000, on_warning: Warn | None = None, start: int = 0,
                 stop: int | None = None) -> Iterator[Document]:
    """The documents in rows ``start`` to ``stop`` (all by default) of a Parquet file."""
    from thucydides.ingest.parquet import parquet_records

    for where, record, error in parquet_records(path, start, stop):
        if record is None:
            yield failed(where, error or E.BAD_PARQUET.format(where=where, detail="unreadable"))
            continue
        text = record.get("text")
        if not isinstance(text, str):
            yield failed(where, E.NO_TEXT_FIELD.format(where=where), record.get("id"))
            continue
        yield make_document(text, record, where, max_chars=max_chars, on_warning=on_warning)


def read_stream(stream: IO[bytes], where: str, input_format: str | None = None, *,
                max_chars: int = 2_000_000, on_warning: Warn | None = None,
                line_offset: int = 0) -> Iterator[Document]:
    """The documents in a byte stream named ``where``; the format is sniffed when not given. JSONL and CSV
    records are numbered from ``line_offset`` + 1 (a stream that is a later part of a file)."""
    warn = on_warning or log.warning
    head = stream.read(SNIFF_BYTES)
    binary = binary_kind(head)
    if binary is not None:
        yield failed(where, E.BINARY.format(where=where) + f" ({binary})")
        return
    fmt = input_format or sniff_format(head)
    if fmt == "jsonl":
        yield from _read_jsonl(_chain(head, stream), where, max_chars, warn, line_offset)
    elif fmt == "csv":
        yield from _read_csv(head, stream, where, max_chars, warn, line_offset)
    else:
        yield _read_whole(head, stream, where, fmt, max_chars, warn)


# --- formats -------------------------------------------------------------------------------------

def _read_whole(head: bytes, stream: IO[bytes], where: str, fmt: str, max_chars: int,
                warn: Warn) -> Document:
    limit = 4 * max_chars + 4  # no UTF-8 text of more bytes than this fits in max_chars
    data = head + stream.read(max(0, limit - len(head)))
    if len(data) >= limit:
        chars = _count_chars(data, stream)
        return failed(where, E.TOO_LARGE.format(where=where, chars=chars, limit=max_chars))
    try:
        text = decode_bytes(data, where)
    except InputError as exc:
        return failed(where, str(exc))
    if fmt == "html":
        from thucydides.ingest.html import extract_page

        page = extract_page(text)
        if not page.text.strip():
            return failed(where, E.HTML_NO_TEXT.format(where=where))
        meta: dict[str, Any] = {"title": page.title, "date": page.date, "source": page.source,
                                "url": page.url}
        return make_document(page.text, meta, where, max_chars=max_chars, on_warning=warn)
    body, meta = split_front_matter(text)
    return make_document(body, meta, where, max_chars=max_chars, on_warning=warn)


def _read_jsonl(lines: Iterable[bytes], where: str, max_chars: int, warn: Warn,
                line_offset: int = 0) -> Iterator[Document]:
    for number, raw in enumerate(lines, start=1 + line_offset):
        if not raw.strip():
            continue
        at = f"{where}:{number}"
        try:
            line = _decode_line(raw, at, warn)
        except InputError as exc:
            yield failed(at, str(exc))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield failed(at, E.BAD_JSONL.format(where=at, detail=f"{exc.msg.removesuffix(' at')} at column {exc.colno}"))
            continue
        if not isinstance(record, dict):
            yield failed(at, E.BAD_JSONL.format(where=at, detail=f"a JSON {type(record).__name__}"))
            continue
        text = record.get("text")
        if not isinstance(text, str):
            error = E.NO_TEXT_FIELD if text is None else E.TEXT_NOT_STRING
            yield failed(at, error.format(where=at, kind=json_kind(text)), _scalar(record.get("id")))
            continue
        yield make_document(text, record, at, max_chars=max_chars, on_warning=warn)


def _read_csv(head: bytes, stream: IO[bytes], where: str, max_chars: int, warn: Warn,
              line_offset: int = 0) -> Iterator[Document]:
    encoding = _stream_encoding(head)
    if encoding is None:
        yield failed(where, E.UNDECODABLE.format(where=where))
        return
    text_stream = io.TextIOWrapper(io.BufferedReader(_PrefixedReader(head, stream)), encoding=encoding,
                                   newline="")
    csv.field_size_limit(max(csv.field_size_limit(), max_chars + 1))
    try:
        header_line = text_stream.readline()
        delimiter = _csv_delimiter(header_line)
        if delimiter is None:
            yield failed(where, E.BAD_CSV.format(where=where, detail='no "text" column in the header'))
            return
        columns = [c.strip().lower() for c in next(csv.reader([header_line], delimiter=delimiter))]
        reader = csv.reader(text_stream, delimiter=delimiter)
        line = 2  # the first record starts on the line after the header
        while True:
            at = f"{where}:{line + line_offset}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield failed(at, E.BAD_CSV.format(where=at, detail=str(exc)))
                line = reader.line_num + 2
                continue
            line = reader.line_num + 2
            if not any(cell.strip() for cell in row):
                continue
            record = dict(zip(columns, row, strict=False))
            yield make_document(record.get("text") or "", record, at, max_chars=max_chars,
                                on_warning=warn)
    except UnicodeDecodeError:
        yield failed(where, E.UNDECODABLE.format(where=where) + " (the rest of the file was not read)")


# --- documents -----------------------------------------------------------------------------------

def make_document(text: str, meta: dict[str, Any], where: str, *, max_chars: int = 2_000_000,
                  on_warning: Warn | None = None) -> Document:
    """A Document from text and metadata, or a failed/skipped one saying why it cannot be coded."""
    warn = on_warning or log.warning
    meta = _scalar_fields(meta, where, warn)
    given_id = meta.get("id")
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    visible, _ = strip_invisible(text)  # zero-width and control characters do not make a text foreign
    if not visible.strip():
        return failed(where, E.EMPTY_DOCUMENT.format(where=where), given_id, status="skipped")
    if len(text) > max_chars:
        return failed(where, E.TOO_LARGE.format(where=where, chars=len(text), limit=max_chars), given_id)
    english, lang = is_english(visible)
    if not english:
        return failed(where, E.NOT_ENGLISH.format(where=where, lang=lang), given_id, status="skipped",
                      language=lang)
    return Document(text=text, id=_text_or_none(given_id) or "", date=parse_date(meta.get("date"), where, warn),
                    source=_text_or_none(meta.get("source")), title=_text_or_none(meta.get("title")),
                    url=_text_or_none(meta.get("url")), path=where, language="en")


def json_kind(value: Any) -> str:
    """What a JSON value is, for a message: "a JSON object", "a number", "true"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    kinds = {dict: "a JSON object", list: "a JSON array", str: "a string", int: "a number", float: "a number"}
    return "null" if value is None else kinds.get(type(value), f"a {type(value).__name__}")


def _scalar(value: Any) -> Any:
    """A metadata value that can stand as text (a string or a number), else None."""
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _scalar_fields(meta: dict[str, Any], where: str, warn: Warn) -> dict[str, Any]:
    """The metadata with each known field that is not a string or a number emptied, with a warning."""
    bad = [k for k in META_FIELDS if meta.get(k) is not None and _scalar(meta[k]) is None]
    if not bad:
        return meta
    for key in bad:
        kind = json_kind(meta[key])
        warn(E.BAD_ID.format(where=where, kind=kind) if key == "id"
             else E.BAD_FIELD.format(where=where, field=key, kind=kind))
    return {**meta, **dict.fromkeys(bad)}


def failed(where: str, error: str, given_id: Any = None, *, status: str = "failed",
           language: str | None = None) -> Document:
    """A document that could not be read: no text, the error, an id unique to its place."""
    doc_id = _text_or_none(given_id) or content_hash("unread", where)
    return Document(text="", id=doc_id, path=where, status=status, error=error, language=language)


def parse_date(value: Any, where: str, warn: Warn) -> str | None:
    """YYYY-MM-DD from a metadata date (an ISO timestamp keeps its day); else warn and give None."""
    if value is None or value == "":
        return None
    match = _DAY.match(str(value).strip())
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            pass
    warn(E.BAD_DATE.format(where=where, value=value))
    return None


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """(body, metadata) of a text that may start with a ``---`` front-matter block."""
    text = text.lstrip("\ufeff")
    match = _FRONT_MATTER.match(text)
    if match is None:
        return text, {}
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        pair = _FRONT_LINE.match(line)
        if pair is None:
            continue
        key, value = pair.group(1).lower(), pair.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if key in META_FIELDS and value:
            meta[key] = value
    return text[match.end():], meta


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# --- bytes ---------------------------------------------------------------------------------------


