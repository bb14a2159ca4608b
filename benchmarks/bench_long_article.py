"""Seconds per 100,000 characters on one long article (a live blog), at several lengths.

The article is built from the paragraphs of the project's own example articles (``examples/``), drawn
with a seeded RNG until it reaches the length asked for. Each length is coded once with
``thucydides.code`` after a warm-up on a short text (model loading is not timed). If coding is linear
in the length, seconds per 100k characters stay about the same from the shortest to the longest.

    python benchmarks/bench_long_article.py --chars 100000,400000,1600000
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import load_articles  # noqa: E402

RESULTS = HERE / "results" / "long_article.json"


def live_blog(chars: int, seed: int = 7) -> str:
    """An article of about ``chars`` characters: example paragraphs in a seeded order."""
    rng = random.Random(seed)
    pool = [p for _, paragraphs in load_articles() for p in paragraphs]
    parts: list[str] = []
    size = 0
    while size < chars:
        paragraph = rng.choice(pool)
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts)[:chars].rsplit("\n\n", 1)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", default="100000,400000,1600000", help="article lengths, comma-separated")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    import thucydides

    thucydides.code("Russia condemned the visit on Monday.", date="2025-04-08")  # warm-up
    rows = []
    for chars in (int(c) for c in args.chars.split(",")):
        text = live_blog(chars)
        start = time.perf_counter()
        events = thucydides.code(text, date="2025-04-08")
        seconds = time.perf_counter() - start
        row = {"chars": len(text), "seconds": round(seconds, 2),
               "seconds_per_100k": round(seconds * 100_000 / len(text), 2), "events": len(events)}
        rows.append(row)
        print(f"{row['chars']:>10,} chars  {row['seconds']:>8.2f} s  {row['seconds_per_100k']:>6.2f} s/100k  "
              f"{row['events']:>6} events", flush=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
