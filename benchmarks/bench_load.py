"""Bulk loading: documents per second for ``thucydides load`` (``ledger.bulk.load_dataset``).

Writes N made-up coded documents (``bench_ledger.documents``: 10 events each, reporting a shared pool of
happenings, so incidents collect many reports) as a Parquet dataset in parts of 500 documents, with each
part's ledger rows beside it as the workers of a distributed run write them (``--without-rows``: without),
then times loading it into a new SQLite ledger, loading it again (nothing new), and, when
THUCYDIDES_TEST_PG_URL is set, into PostgreSQL (its tables are dropped first). Wall time, CPU time (this
process, the processes the loader starts: the filer, and the reader with ``--reader process``; on
PostgreSQL also the server's processes on this machine) and the machine's load average are reported.
Each load runs in a fresh interpreter, as ``thucydides load`` does (``--in-process``: in this one, which
has just made the ten thousand documents: about 5% slower).

    python benchmarks/bench_load.py --documents 10000
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ledger import documents, fresh_postgres  # noqa: E402

from thucydides import dataset  # noqa: E402
from thucydides.ledger import Ledger  # noqa: E402
from thucydides.ledger.bulk import load_dataset  # noqa: E402
from thucydides.ledger.row_files import write_part_rows  # noqa: E402

PART = 500


def write_dataset(root: Path, n: int, events: int, seed: int, with_ids: bool = True, with_rows: bool = True) -> None:
    """The documents as a distributed run writes them: events carry their ids, as ``api.code_documents``
    gives them (``with_ids=False``: without, for the loader to compute), and each part's ledger rows are
    written beside it, as the workers write them (``with_rows=False``: without, for the loader to build)."""
    items = documents(n, events, seed)
    ids = []
    for k in range(0, n, PART):
        part = f"{k // PART:05d}"
        coded = [next(items) for _ in range(min(PART, n - k))]
        if with_ids:
            for _, evs, _ in coded:
                for e in evs:
                    e.assign_id()
        dataset.write_part(root, part, coded)
        if with_rows:
            write_part_rows(root, part)
        ids.append(part)
    dataset.write_manifest(root, {"parts": ids, "complete": True})


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds of this process and of its finished children (the loader's filer and reader processes)."""
    mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime, children.ru_utime + children.ru_stime


def server_seconds() -> float:
    """CPU seconds of the PostgreSQL processes on this machine (Linux /proc; 0 elsewhere)."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for pid in (p for p in os.listdir("/proc") if p.isdigit()) if os.path.isdir("/proc") else ():
        try:
            with open(f"/proc/{pid}/comm") as f:
                if "postgres" not in f.read():
                    continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        total += sum(int(v) for v in fields[11:15]) / tick  # utime, stime and those of waited-for children
    return total


def timed_load(root: Path, url: str, label: str, batch: int, reader: str = "thread", filer: bool = True) -> None:
    with Ledger(url) as led:
        for attempt in ("first", "again"):
            started, (cpu, child), server = time.perf_counter(), cpu_seconds(), server_seconds()
            load = os.getloadavg()[0]
            s = load_dataset(led, root, batch_documents=batch, reader=reader, filer=filer)
            secs = time.perf_counter() - started
            for thread in threading.enumerate():  # the filer's exit is waited for in the background: its CPU
                if thread.name == "thucydides-filer-exit":  # time counts once it is
                    thread.join()
            cpu_end, child_end = cpu_seconds()
            cpu, child, server = cpu_end - cpu, child_end - child, server_seconds() - server
            on_server = f" + {server:.1f} s in the server" if label == "postgresql" else ""
            print(f"{label} ({attempt}): {s.documents} documents, {s.new_events} new events in {secs:.1f} s: "
                  f"{s.documents / secs:,.0f} documents/s; CPU {cpu:.1f} s in this process + {child:.1f} s in its "
                  f"child processes{on_server} ({s.documents / (cpu + child + (server if on_server else 0)):,.0f} "
                  f"documents per CPU second); load average {load:.2f} before, {os.getloadavg()[0]:.2f} after")
        stats = led.stats()
    print(f"  {stats['incidents']} incidents, {stats['incident_reports']} reports, {stats['incident_status']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--events", type=int, default=10)
    parser.add_argument("--batch", type=int, default=5000, help="documents per transaction")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--without-ids", action="store_true", help="events without ids (the loader computes them)")
    parser.add_argument("--without-rows", action="store_true",
                        help="parts without the ledger rows workers write (the loader builds them from the columns)")
    parser.add_argument("--no-filer", action="store_true", help="file incidents in this process (load_dataset's filer)")
    parser.add_argument("--reader", choices=("thread", "process"), default="thread",
                        help="where parts are read and their rows built (load_dataset's reader)")
    parser.add_argument("--in-process", action="store_true", help="load in this process, not a fresh one")
    parser.add_argument("--load", nargs=3, metavar=("DATASET", "URL", "LABEL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:  # the fresh interpreter of one load
        timed_load(Path(args.load[0]), args.load[1], args.load[2], args.batch, args.reader, not args.no_filer)
        return

    def load(root: Path, url: str, label: str) -> None:
        if args.in_process:
            timed_load(root, url, label, args.batch, args.reader, not args.no_filer)
            return
        command = [sys.executable, __file__, "--load", str(root), url, label, "--batch", str(args.batch),
                   "--reader", args.reader] + (["--no-filer"] if args.no_filer else [])
        subprocess.run(command, check=True)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "ds"
        write_dataset(root, args.documents, args.events, args.seed, with_ids=not args.without_ids,
                      with_rows=not args.without_rows)
        load(root, str(Path(tmp) / "load.db"), "sqlite")
        pg = os.environ.get("THUCYDIDES_TEST_PG_URL")
        if pg:
            fresh_postgres(pg)
            load(root, pg, "postgresql")


if __name__ == "__main__":
    main()
