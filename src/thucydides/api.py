"""The library API: code text or documents into events. The CLI and everything else are shells over it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from thucydides.errors import ArgumentTypeError, E, InputError, kind_of
from thucydides.ingest.invisible import OffsetMap, strip_invisible
from thucydides.ingest.readers import parse_date
from thucydides.model import DEFAULT_MIN_CONFIDENCE, Document, Event, Quote, content_hash
from thucydides.nlp.actors.inference import (
    infer_attackers,
    infer_equipment_owners,
    private_journey,
    unattributed_in_place,
)
from thucydides.nlp.events.calibration import calibrate
from thucydides.nlp.events.eventness import without_actor
from thucydides.nlp.events.merge import merge_mentions
from thucydides.nlp.events.merge_rules import mention_cues
from thucydides.nlp.events.specificity import unspecific_mentions
from thucydides.nlp.pipeline import load_pipeline, meta
from thucydides.nlp.provenance.background import mark_background
from thucydides.nlp.workers import guarded

# Italic markup (*Outlet*, _Outlet_) is blanked to spaces before parsing, so character offsets stay true;
# the italic spans are kept for the attribution rules (an italic name is usually a publication).
ITALIC = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]{1,80}?)(?<=\S)\1(?![\w*])")


# A wire dateline opening a paragraph: "KYIV, April 8 (Reuters) - ", "MOSCOW (AP) — ", "GAZA CITY, Jan 3 -".
# It is not part of the first sentence's grammar, so it is blanked for parsing (offsets kept).
DATELINE = re.compile(
    r"(?m)^(?P<place>[A-Z][A-Z.'\-]+(?:[ /][A-Z][A-Z.'\-]+){0,3})"
    r"(?:,\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?))?"
    r"(?:\s+\((?P<agency>[^)\n]{2,40})\))?\s+[-\u2013\u2014]{1,2}\s+")


@dataclass
class CodedDocument:
    document: Document
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def strip_markup(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Blank italic markers and wire datelines (same length, so offsets stay true); return italic spans."""
    spans: list[tuple[int, int]] = []
    chars = list(text)
    for m in ITALIC.finditer(text):
        chars[m.start()] = " "
        chars[m.end() - 1] = " "
        spans.append((m.start(2), m.end(2)))
    for m in DATELINE.finditer(text):
        chars[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(chars), spans


def dateline(text: str) -> dict[str, str] | None:
    """The first dateline's place and agency, if the text has one."""
    m = DATELINE.search(text)
    if m is None:
        return None
    return {k: v for k, v in m.groupdict().items() if v}


def prepare(nlp: Any, document: Document, kb_paths: Sequence[str] = ()) -> Doc:
    visible, _ = strip_invisible(document.text)  # "Ger\u200bmany" is Germany; offsets mapped back later
    clean, italics = strip_markup(visible)
    doc = nlp.make_doc(clean)
    m = meta(doc)
    m["kb_paths"] = list(kb_paths)
    m["date"] = document.date
    m["italics"] = italics
    m["doc_id"] = document.id
    m["dateline"] = dateline(document.text)
    return doc


def events_from_doc(doc: Doc, document: Document) -> tuple[list[Event], list[Quote]]:
    """Typed records from what the components left on the Doc."""
    events: list[Event] = []
    seen: set[str] = set()
    offsets = OffsetMap(strip_invisible(document.text)[1])  # empty unless invisible characters were removed
    for rec in doc._.thuc_events or []:
        ev = Event.from_dict(rec)
        ev.doc_id, ev.source, ev.title = document.id, document.source, document.title
        if ev.sentence is not None:  # the sentence as the user wrote it, markup included
            start, end = ev.sentence.start, ev.sentence.end
            if offsets:
                start, end = offsets.start(start), offsets.end(end)
            ev.sentence.text = document.text[start:end]
        if ev.assign_id() in seen:
            continue
        seen.add(ev.id)
        events.append(ev)
    infer_equipment_owners(events)
    infer_attackers(events)
    mark_background(events, document.date)  # long before publication: history, not news
    cues = mention_cues(doc, events)
    series = {e.trigger_start for e in events if e.trigger_start is not None and cues.get(e.id) is not None
              and cues[e.id].nominal and cues[e.id].plural}
    events = merge_mentions(events, cues)
    unattributed_in_place(events, series, unspecific_mentions(doc, events, document.date))
    for ev in events:
        ev.dropped = ev.dropped or without_actor(ev) or private_journey(ev)  # PLOVER codes no event without an actor
    calibrate(events)  # confidence: the share of such records that are right (nlp/events/calibration.py)
    named = Counter(e.location.name for e in events
                    if e.location is not None and e.location.feature != "country" and e.dropped is None)
    hint = [name for name, _ in named.most_common(3)]
    for ev in events:
        if ev.location is None:
            ev.article_places = hint
    if offsets:  # offsets into the text as the user gave it, and ids from them
        to_original(events, offsets)
        for ev in events:
            ev.assign_id()
    quotes: list[Quote] = []
    for rec in doc._.thuc_quotes or []:
        q = Quote.from_dict(rec)
        q.doc_id = document.id
        if offsets:
            to_original([q], offsets)
        q.text = document.text[q.start:q.end] if q.end > q.start else q.text
        q.id = content_hash(document.id, q.start, q.end)
        quotes.append(q)
    return events, quotes


def to_original(records: Sequence[Any], offsets: OffsetMap) -> None:
    """Map every character offset in records (and the records they hold) from the coded text to the
    original text, in place; a record shared by several (a sentence) is mapped once."""
    done: set[int] = set()

    def walk(obj: Any) -> None:
        if isinstance(obj, list):
            for item in obj:
                walk(item)
            return
        if not dataclasses.is_dataclass(obj) or id(obj) in done:
            return
        done.add(id(obj))
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, int) and not isinstance(value, bool) and f.name in OFFSET_FIELDS:
                setattr(obj, f.name, offsets.start(value) if OFFSET_FIELDS[f.name] else offsets.end(value))
            else:
                walk(value)

    for record in records:
        walk(record)


# Offset fields of the records: True for a start (the character at it), False for an exclusive end.
OFFSET_FIELDS = {"start": True, "trigger_start": True, "end": False, "trigger_end": False}


def code_documents(docs: Iterable[Document], *, n_process: int = 1, batch_size: int = 16,
                   kb_paths: Sequence[str] = ()) -> Iterator[CodedDocument]:
    """Code a stream of documents, in order; a document that fails comes back with status "failed".

    Documents already marked failed or skipped (by ``ingest``) pass through untouched. Memory stays flat:
    documents are streamed through ``nlp.pipe`` in batches, with ``n_process`` worker processes.
    """
    nlp = load_pipeline(tuple(kb_paths))

    def feed() -> Iterator[tuple[Doc, Document]]:
        for d in docs:
            if d.status in ("failed", "skipped"):
                pending.append(d)
                continue
            if not d.text.strip():
                d.status, d.error = "skipped", E.EMPTY_DOCUMENT.format(where=d.path or d.id)
                pending.append(d)
                continue
            yield prepare(nlp, d, kb_paths), d

    pending: list[Document] = []
    # workers ignore Ctrl-C and end with this process
    for doc, document in guarded(nlp.pipe(feed(), as_tuples=True, n_process=n_process, batch_size=batch_size),
                                 n_process):
        while pending:
            yield CodedDocument(pending.pop(0))
        error = meta(doc).get("error")
        if error:
            document.status = "failed"
            document.error = E.CODING_FAILED.format(where=document.path or document.id, detail=error)
            yield CodedDocument(document)
            continue
        events, quotes = events_from_doc(doc, document)
        document.status = "coded"
        yield CodedDocument(document, events, quotes)
    while pending:
        yield CodedDocument(pending.pop(0))




def shown(events: Iterable[Event], *, candidates: bool = False,
          min_confidence: float | None = DEFAULT_MIN_CONFIDENCE) -> list[Event]:
    """The events of the default output: not dropped (unless ``candidates``), at least ``min_confidence``
    confident; ``min_confidence=0`` shows every candidate too."""
    if min_confidence is not None and min_confidence <= 0:
        candidates, min_confidence = True, None
    return [e for e in events if (candidates or e.dropped is None)
            and (min_confidence is None or e.confidence >= min_confidence)]


def check_arguments(text: Any, date: Any, **optional: Any) -> str | None:
    """Raise ArgumentTypeError or InputError, with a message saying what to give, for arguments of
    :func:`code` that it cannot use; return the date as YYYY-MM-DD (or None)."""
    if not isinstance(text, str):
        hint = "; decode it first, e.g. data.decode('utf-8')" if isinstance(text, (bytes, bytearray)) else ""
        raise ArgumentTypeError(E.ARG_TYPE.format(name="the text to code", expected="a str", kind=kind_of(text),
                                                  hint=hint))
    for name, value in optional.items():
        if value is not None and not isinstance(value, str):
            raise ArgumentTypeError(E.ARG_TYPE.format(name=name, expected="a str or None", kind=kind_of(value),
                                                      hint=""))
    if date is None or date == "":
        return None
    if isinstance(date, dt.date):
        return (date.date() if isinstance(date, dt.datetime) else date).isoformat()
    if not isinstance(date, str):
        raise ArgumentTypeError(E.ARG_TYPE.format(name="date", expected="a 'YYYY-MM-DD' str or a datetime.date",
                                                  kind=kind_of(date), hint=""))
    bad: list[str] = []
    day = parse_date(date, "date", bad.append)
    if day is None:
        raise InputError(E.ARG_DATE.format(value=date))
    return day


def code(text: str, date: str | dt.date | None = None, source: str | None = None, title: str | None = None, *,
         doc_id: str | None = None, kb_paths: Sequence[str] = (), candidates: bool = False,
         min_confidence: float | None = DEFAULT_MIN_CONFIDENCE) -> list[Event]:
    """Code one article into PLOVER events: one per happening, each with all its mentions.

    ``date`` (YYYY-MM-DD) is the publication date that relative dates ("on Saturday") resolve against.
    ``candidates`` also returns what is not in the default output, with the reason in ``dropped``.
    """
    date = check_arguments(text, date, source=source, title=title, doc_id=doc_id)
    if not text.strip():
        raise InputError(E.EMPTY_DOCUMENT.format(where="the text"))
    document = Document(text=text, date=date, source=source, title=title, id=doc_id or "")
    coded = next(code_documents([document], kb_paths=kb_paths))
    if coded.document.status == "failed":
        raise InputError(coded.document.error or "coding failed")
    return shown(coded.events, candidates=candidates, min_confidence=min_confidence)


def code_article(document: Document, kb_paths: Sequence[str] = ()) -> CodedDocument:
    """Code one Document, with its quotes."""
    return next(code_documents([document], kb_paths=kb_paths))
