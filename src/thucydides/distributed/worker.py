"""What runs on a Dask worker: the pipeline loaded once per worker process, and one task per input part.

A task reads its part with :func:`thucydides.ingest.parts.read_part`, codes it with the same
:func:`thucydides.api.code_documents` a local run uses, and writes the part's files into the dataset
(:func:`thucydides.dataset.write_part`). It returns only counts and the failed documents' messages, so the
client stays small however big the input.
"""

from __future__ import annotations

import os
import resource
import time
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from thucydides import dataset
from thucydides.ingest.parts import Part, read_part
from thucydides.ledger.row_files import read_part_rows_written, write_part_rows


@dataclass(frozen=True)
class Settings:
    """What a run is asked to do; the same for every part (kept in the dataset's manifest)."""

    kb_paths: tuple[str, ...] = ()
    max_chars: int = 2_000_000
    batch_size: int = 16
    input_format: str | None = None

    def manifest(self) -> dict[str, Any]:
        return {"kb": list(self.kb_paths), "max_chars": self.max_chars, "input_format": self.input_format}


@dataclass
class PartResult:
    """What coding one part gave: counts, the failed and skipped documents' messages, and costs."""

    part_id: str
    coded: int = 0
    failed: int = 0
    skipped: int = 0
    events: int = 0
    words: int = 0
    seconds: float = 0.0
    earlier: bool = False  # the part was already in the dataset (another run finished it)
    problems: list[str] = field(default_factory=list)
    worker_pid: int = 0

    @property
    def documents(self) -> int:
        return self.coded + self.failed + self.skipped


def load_pipeline_once(kb_paths: tuple[str, ...]) -> None:
    """Load the pipeline, knowledge base and gazetteer into this process (cached for its lifetime)."""
    from thucydides.nlp.pipeline import load_pipeline

    load_pipeline(tuple(kb_paths))


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - dask is an optional extra
    WorkerPlugin = object  # type: ignore[misc, assignment]


class PipelinePlugin(WorkerPlugin):  # type: ignore[misc]
    """Loads the pipeline when a worker starts (also a worker started again after a crash), so no task
    pays for it."""

    name = "thucydides-pipeline"

    def __init__(self, kb_paths: tuple[str, ...] = ()) -> None:
        self.kb_paths = tuple(kb_paths)

    def setup(self, worker: Any) -> None:
        load_pipeline_once(self.kb_paths)


def code_part(part: Part, output: str, settings: Settings) -> PartResult:
    """Code one part into the dataset at ``output``; a part already there is not coded again."""
    from thucydides.api import code_documents

    started = time.perf_counter()
    result = PartResult(part.id, worker_pid=os.getpid())
    if dataset.part_done(output, part.id):
        return done_part_result(output, part.id)
    load_pipeline_once(settings.kb_paths)
    docs = read_part(part, max_chars=settings.max_chars)
    coded = []
    for item in code_documents(docs, kb_paths=settings.kb_paths, batch_size=settings.batch_size):
        if item.document.status == "coded":
            result.words += len(item.document.text.split())
        coded.append((item.document, item.events, item.quotes))
    written = dataset.write_part(output, part.id, coded)
    _write_rows(output, part.id)
    _count(result, [(d, len(evs)) for d, (_, evs, _) in zip(written, coded, strict=True)])
    result.seconds = time.perf_counter() - started
    return result


def _write_rows(output: str, part_id: str) -> None:
    """The part's ledger rows beside it, so that loading it is a copy; without them (a full disk, say) the
    loader builds them from the part's columns, so the part is not failed for that."""
    with suppress(OSError, pa.ArrowException):
        write_part_rows(output, part_id)


def done_part_result(output: str, part_id: str) -> PartResult:
    """The counts of a part that is already complete in the dataset (read from its documents file)."""
    result = PartResult(part_id, earlier=True, worker_pid=os.getpid())
    _count(result, dataset.read_documents_of(output, part_id))
    if read_part_rows_written(output, part_id) is None:  # a run stopped between the part and its rows
        _write_rows(output, part_id)
    return result


def _count(result: PartResult, docs: list[tuple[Any, int]]) -> None:
    for doc, n_events in docs:
        if doc.status in ("failed", "skipped"):
            setattr(result, doc.status, getattr(result, doc.status) + 1)
            result.problems.append(doc.error or f"{doc.path}: {doc.status}")
        else:
            result.coded += 1
            result.events += n_events


def peak_memory() -> int:
    """The peak resident memory of this process, in bytes (run on each worker at the end of a run)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
