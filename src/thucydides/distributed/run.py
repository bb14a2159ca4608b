"""The client side of a distributed run: plan the parts, hand them to Dask, follow them, sum them up.

A run is resumable and idempotent. Parts already complete in the output dataset are not submitted again;
a part whose worker dies is run again by Dask on another worker (up to ``retries`` times) and rewrites its
own files, so the dataset never holds a part twice. Killing the client leaves finished parts in place;
running the same command again codes only what is missing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thucydides import __version__, dataset
from thucydides.distributed.worker import (
    PartResult,
    PipelinePlugin,
    Settings,
    code_part,
    done_part_result,
    peak_memory,
)
from thucydides.errors import E, ThucydidesError
from thucydides.ingest.parts import Part, plan_parts
from thucydides.ledger import row_files

WINDOW_PER_WORKER = 4  # parts in flight per worker: enough to keep workers busy, few for the client


@dataclass
class RunSummary:
    """How a distributed run went."""

    output: str
    parts: int = 0
    expected: int = 0  # documents the parts were planned with (records, rows, files)
    parts_before: int = 0  # complete before this run started
    coded: int = 0
    failed: int = 0
    skipped: int = 0
    earlier: int = 0  # coded documents of parts an earlier run finished
    new: int = 0  # documents this run read (coded, failed or skipped)
    events: int = 0
    words: int = 0
    seconds: float = 0.0
    workers: int = 0
    part_errors: list[str] = field(default_factory=list)
    peak_memory: dict[str, int] = field(default_factory=dict)  # worker address -> bytes

    @property
    def documents(self) -> int:
        return self.coded + self.failed + self.skipped + self.earlier

    @property
    def ok(self) -> bool:
        return not self.failed and not self.part_errors

    def line(self) -> str:
        rate = self.new / self.seconds if self.seconds else 0.0
        memory = max(self.peak_memory.values(), default=0) / 2**20
        text = (f"thucydides: {self.documents} document(s): {self.coded} coded, {self.earlier} already in the "
                f"dataset, {self.failed} failed, {self.skipped} skipped; {self.events} event(s) in {self.output} "
                f"({self.parts} parts on {self.workers} worker(s), {self.seconds:.1f} s, {rate:.1f} documents/s, "
                f"peak memory per worker {memory:.0f} MB)")
        if self.part_errors:
            text += f"; {len(self.part_errors)} part(s) not coded, run again to retry"
        return text


Progress = Callable[[PartResult | None, RunSummary], None]


def _import_dask() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ThucydidesError(E.DASK_MISSING) from exc
    return distributed


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, or of a local cluster of ``workers`` processes (one
    thread each) started here and stopped at the end."""
    distributed = _import_dask()
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise ThucydidesError(E.DASK_SCHEDULER.format(address=scheduler, detail=exc)) from exc
        try:
            yield client
        finally:
            client.close()
        return
    cluster = distributed.LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def check_manifest(output: str, settings: Settings) -> dict[str, Any]:
    """The dataset's manifest, new or continued; raises when the folder holds a run with other settings."""
    found = dataset.read_manifest(output)
    wanted = settings.manifest()
    if found is None:
        return {"format": dataset.FORMAT_VERSION, "thucydides": __version__, "settings": wanted, "parts": [],
                "complete": False}
    if found.get("settings") != wanted:
        detail = f"it was coded with {found.get('settings')}, this run asks for {wanted}"
        raise ThucydidesError(E.DASK_OPTIONS.format(path=output, detail=detail))
    return found


def run(inputs: Sequence[str], output: str, client: Any, settings: Settings | None = None, *,
        per_part: int = 64, retries: int = 2, on_progress: Progress | None = None) -> RunSummary:
    """Code the inputs into the Parquet dataset at ``output`` on the Dask cluster of ``client``."""
    distributed = _import_dask()
    settings = settings or Settings()
    output = str(Path(output).resolve())
    started = time.perf_counter()
    parts = plan_parts(inputs, settings.input_format, per_part=per_part)
    manifest = check_manifest(output, settings)
    listed = list(manifest.get("parts", []))
    manifest["parts"] = listed + [p.id for p in parts if p.id not in set(listed)]
    manifest["complete"] = False
    dataset.write_manifest(output, manifest)

    done = dataset.part_ids(output)
    summary = RunSummary(output=output, parts=len(parts), expected=sum(p.documents for p in parts),
                         workers=len(client.scheduler_info()["workers"]))
    summary.parts_before = sum(p.id in done for p in parts)
    client.register_plugin(PipelinePlugin(settings.kb_paths))
    for part in parts:
        if part.id in done:
            _add(summary, done_part_result(output, part.id))
    if on_progress is not None:
        on_progress(None, summary)

    pending = iter([p for p in parts if p.id not in done])
    window = max(2, WINDOW_PER_WORKER * max(1, summary.workers))
    futures: dict[Any, Part] = {}

    def submit(part: Part) -> Any:
        future = client.submit(code_part, part, output, settings, key=f"thucydides-part-{part.id}",
                               retries=retries, pure=False)
        futures[future] = part
        return future

    queue = distributed.as_completed([submit(p) for _, p in zip(range(window), pending, strict=False)])
    for future in queue:
        part = futures.pop(future)
        try:
            result: PartResult = future.result()
        except Exception as exc:  # a worker died too often, or the part could not be read
            where = part.paths[0] if len(part.paths) == 1 else f"{part.paths[0]} and {len(part.paths) - 1} more"
            summary.part_errors.append(E.PART_FAILED.format(where=where, detail=f"{type(exc).__name__}: {exc}"))
            result = None  # type: ignore[assignment]
        else:
            _add(summary, result)
        summary.seconds = time.perf_counter() - started
        if on_progress is not None:
            on_progress(result, summary)
        nxt = next(pending, None)
        if nxt is not None:
            queue.add(submit(nxt))

    dataset.remove_parts(output, keep=dataset.part_ids(output))
    row_files.remove_part_rows(output, keep=dataset.part_ids(output))
    manifest["complete"] = not summary.part_errors
    dataset.write_manifest(output, manifest)
    try:
        summary.peak_memory = {str(k): int(v) for k, v in client.run(peak_memory).items()}
    except Exception:  # the cluster went away at the end: only the memory figures are lacking
        summary.peak_memory = {}
    summary.seconds = time.perf_counter() - started
    return summary


def _add(summary: RunSummary, result: PartResult) -> None:
    if result.earlier:
        summary.earlier += result.coded
        summary.failed += result.failed
        summary.skipped += result.skipped
    else:
        summary.coded += result.coded
        summary.failed += result.failed
        summary.skipped += result.skipped
        summary.words += result.words
        summary.new += result.documents
    summary.events += result.events
