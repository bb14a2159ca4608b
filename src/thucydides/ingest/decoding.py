"""Bytes to text: binary signatures, encodings guessed and checked, control characters, format sniffing (used by :mod:`readers`)."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib import resources
from typing import IO, Any

from thucydides.errors import E, InputError

CHUNK_BYTES = 1 << 20

Warn = Callable[[str], None]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)

# Text in a multi-byte encoding (Shift JIS, GBK, ...) is mostly bytes over 0x7F; a few among ASCII are a
# single-byte code page's accents ("Élysée" in Latin-1), however a short sample is guessed.
MULTIBYTE_SHARE = 0.3


_MULTIBYTE = frozenset({"utf_16", "utf_32", "shift_jis", "cp932", "euc_jp", "iso2022_jp", "gb2312", "gbk",
                        "gb18030", "big5", "big5hkscs", "cp949", "euc_kr", "iso2022_kr", "cp950", "utf_8"})


@lru_cache(maxsize=1)
def _signatures() -> tuple[tuple[str, int, bytes], ...]:
    path = resources.files("thucydides.ingest") / "data" / "binary_signatures.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return tuple((row["name"], int(row["offset"]), bytes.fromhex(row["magic_hex"]))
                 for row in csv.DictReader(lines))


def binary_kind(head: bytes) -> str | None:
    """The binary format the first bytes show ("pdf", "png", ...; "NUL bytes"), or None for text."""
    for name, offset, magic in _signatures():
        if head[offset:offset + len(magic)] == magic:
            return name
    if b"\x00" in head and not any(head.startswith(bom) for bom, _ in _BOMS if bom != codecs.BOM_UTF8):
        return "NUL bytes"
    return None


def decode_bytes(data: bytes, where: str) -> str:
    """Text from bytes: UTF-8 (BOM or not), UTF-16/32 with BOM, else the charset_normalizer guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(E.UNDECODABLE.format(where=where)) from exc
    if b"\x00" in data:
        raise InputError(E.BINARY.format(where=where) + " (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    guessed = _guess_encoding(data)
    if guessed is None:
        raise InputError(E.UNDECODABLE.format(where=where))
    text = data.decode(guessed, errors="replace")
    if _control_share(text) > 0.02:
        raise InputError(E.UNDECODABLE.format(where=where))
    return text


def _decode_line(raw: bytes, where: str, warn: Warn) -> str:
    """One JSONL line: UTF-8 (JSON's encoding); a line that is not is decoded as the bytes suggest, with a
    warning naming the first bad byte (raises InputError when no encoding fits)."""
    if raw.startswith(tuple(bom for bom, _ in _BOMS)):
        return decode_bytes(raw, where)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc
    text = decode_bytes(raw, where)
    warn(E.NOT_UTF8.format(where=where, byte=raw[bad.start], offset=bad.start,
                           encoding=_guess_encoding(raw) or "another encoding"))
    return text


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    encoding = str(best.encoding)
    high = sum(1 for b in data if b >= 0x80) / max(len(data), 1)
    if encoding.replace("-", "_") in _MULTIBYTE and (high >= MULTIBYTE_SHARE or encoding.startswith("utf")):
        return encoding
    # single-byte code pages are hard to tell apart on short texts; English news in a legacy
    # encoding is nearly always Windows-1252, so it wins whenever the bytes are valid in it
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return encoding


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ch < " " and ch not in "\n\r\t\f") or ch == "\ufffd")
    return bad / len(text)


def _stream_encoding(head: bytes) -> str | None:
    """The encoding to read a whole stream with, judged from its first bytes."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return _guess_encoding(head)


def _count_chars(data: bytes, stream: IO[bytes]) -> int:
    """Characters in data plus the rest of the stream, read in chunks (memory stays flat)."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    count = len(decoder.decode(data))
    while chunk := stream.read(CHUNK_BYTES):
        count += len(decoder.decode(chunk))
    return count + len(decoder.decode(b"", final=True))


def sniff_format(head: bytes) -> str:
    """Guess a format from a stream's first bytes: jsonl, html, csv or text."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048]
    lowered = start.lower()
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<") and any(tag in lowered for tag in (b"<html", b"<!doctype html", b"<body",
                                                                 b"<head", b"<article", b"<p")):
        return "html"
    first_line = start.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    if not first_line.startswith("---") and _csv_delimiter(first_line) is not None:
        return "csv"
    return "text"


def _csv_delimiter(header_line: str) -> str | None:
    """The delimiter that makes a header line have a "text" column, or None."""
    for delimiter in (",", ";", "\t", "|"):
        if delimiter not in header_line:
            continue
        try:
            cells = next(csv.reader([header_line.strip("\r\n")], delimiter=delimiter), [])
        except csv.Error:  # a stray carriage return or quote: not a header row
            continue
        if "text" in (c.strip().lower() for c in cells):
            return delimiter
    return None


class _PrefixedReader(io.RawIOBase):
    """A raw stream that serves bytes already read (the sniffed head) before the rest of a stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(view))
        view[:len(data)] = data
        return len(data)


def _chain(head: bytes, rest: IO[bytes]) -> Iterator[bytes]:
    """Lines of head + rest, reading the rest lazily."""
    return iter(io.BufferedReader(_PrefixedReader(head, rest), buffer_size=CHUNK_BYTES))
