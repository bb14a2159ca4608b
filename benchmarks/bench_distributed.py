"""Distributed coding on Dask: words per second with 1 and 2 workers, scaling efficiency, peak memory per
worker (at half the corpus and at the end: flat when it does not grow), and the load into the ledger.

The corpus (default 2,000 articles) is built by ``make_corpus.py`` from the example articles and written as
one JSONL file, which the run splits into parts of ``--part-size`` records. Each run starts its own
LocalCluster (one thread per worker); the pipeline is loaded once per worker by the run's WorkerPlugin, and
that start-up is timed apart. Then the dataset of the 2-worker run is loaded into a new SQLite ledger (and
into PostgreSQL when THUCYDIDES_TEST_PG_URL is set).

    python benchmarks/bench_distributed.py --articles 2000 --workers 1,2
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ledger import fresh_postgres  # noqa: E402
from make_corpus import load_articles, make_article  # noqa: E402

from thucydides.distributed import PartResult, RunSummary, Settings, dask_client, run  # noqa: E402
from thucydides.distributed.worker import peak_memory  # noqa: E402
from thucydides.ingest.readers import split_front_matter  # noqa: E402


def write_corpus(n: int, path: Path, seed: int) -> int:
    """n recombined example articles as JSONL records; returns their words."""
    rng, articles, words = random.Random(seed), load_articles(), 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            body, meta = split_front_matter(make_article(rng, articles))
            words += len(body.split())
            out.write(json.dumps(dict(meta, id=f"bench-{i:06d}", text=body), ensure_ascii=False) + "\n")
    return words


def code(corpus: Path, out: Path, workers: int, part_size: int) -> dict[str, float]:
    with dask_client(workers=workers) as client:
        started = time.perf_counter()
        client.run(lambda: __import__("thucydides.nlp.pipeline", fromlist=["x"]).load_pipeline(()))
        startup = time.perf_counter() - started
        half: list[float] = []

        def watch(result: PartResult | None, summary: RunSummary) -> None:
            if result is not None and not half and summary.new * 2 >= summary.expected:
                half.append(max(client.run(peak_memory).values()) / 2**20)

        summary = run([str(corpus)], str(out), client, Settings(), per_part=part_size, on_progress=watch)
    peak = max(summary.peak_memory.values()) / 2**20
    return {"workers": workers, "documents": summary.new, "events": summary.events, "words": summary.words,
            "seconds": summary.seconds, "startup_seconds": startup, "words_per_s": summary.words / summary.seconds,
            "docs_per_s": summary.new / summary.seconds, "peak_mb_half": half[0] if half else peak,
            "peak_mb_end": peak}


def load(dataset_dir: Path, url: str) -> dict[str, float]:
    from thucydides.ledger import Ledger
    from thucydides.ledger.bulk import load_dataset

    with Ledger(url) as led:
        s = load_dataset(led, dataset_dir)
    return {"documents": s.documents, "events": s.new_events, "seconds": s.seconds,
            "docs_per_s": s.documents / s.seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--part-size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = write_corpus(args.articles, corpus, args.seed)
        print(f"corpus: {args.articles} articles, {words:,} words")
        results = []
        for n in (int(w) for w in args.workers.split(",")):
            r = code(corpus, Path(tmp) / f"out-{n}", n, args.part_size)
            results.append(r)
            print(f"{n} worker(s): {r['documents']:.0f} documents, {r['events']:.0f} events in {r['seconds']:.1f} s "
                  f"(+{r['startup_seconds']:.1f} s start-up): {r['words_per_s']:,.0f} words/s, "
                  f"{r['docs_per_s']:.1f} documents/s; peak memory per worker {r['peak_mb_half']:.0f} MB at half, "
                  f"{r['peak_mb_end']:.0f} MB at the end")
        base = results[0]
        for r in results[1:]:
            eff = r["words_per_s"] / (base["words_per_s"] * r["workers"] / base["workers"])
            print(f"scaling efficiency {base['workers']:.0f} -> {r['workers']:.0f} workers: {eff:.2f}")
        last = Path(tmp) / f"out-{results[-1]['workers']:.0f}"
        db = load(last, str(Path(tmp) / "load.db"))
        print(f"load into SQLite: {db['documents']:.0f} documents, {db['events']:.0f} events in {db['seconds']:.1f} s: "
              f"{db['docs_per_s']:.0f} documents/s")
        pg = os.environ.get("THUCYDIDES_TEST_PG_URL")
        if pg:
            fresh_postgres(pg)
            r = load(last, pg)
            print(f"load into PostgreSQL: {r['documents']:.0f} documents, {r['events']:.0f} events in "
                  f"{r['seconds']:.1f} s: {r['docs_per_s']:.0f} documents/s")


if __name__ == "__main__":
    main()
