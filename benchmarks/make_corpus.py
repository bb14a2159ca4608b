"""Build a benchmark corpus from the project's own example articles.

Each article of the corpus is a deterministic recombination (seeded RNG) of the paragraphs of the
``.txt`` articles in ``examples/``: a few paragraphs drawn from all of them, in a new order, with the
front matter of one of them. Nothing is read from outside the repository.

    python benchmarks/make_corpus.py --articles 200 --seed 13
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
CORPUS = HERE / "corpus"


def load_articles(folder: Path = EXAMPLES) -> list[tuple[dict[str, str], list[str]]]:
    """(front matter, paragraphs) of every example .txt article, in name order."""
    from thucydides.ingest.readers import split_front_matter

    articles = []
    for path in sorted(folder.glob("*.txt")):
        body, meta = split_front_matter(path.read_text(encoding="utf-8"))
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        articles.append((meta, paragraphs))
    if not articles:
        raise SystemExit(f"no example articles in {folder}")
    return articles


def make_article(rng: random.Random, articles: list[tuple[dict[str, str], list[str]]]) -> str:
    """One recombined article: front matter of one example, 6-12 paragraphs drawn from all."""
    meta, _ = rng.choice(articles)
    pool = [p for _, paragraphs in articles for p in paragraphs]
    body = rng.sample(pool, k=min(len(pool), rng.randint(6, 12)))
    head = "\n".join(f"{key}: {value}" for key, value in meta.items() if key in ("title", "date", "source"))
    return f"---\n{head}\n---\n" + "\n\n".join(body) + "\n"


def build(n: int, out: Path = CORPUS, seed: int = 13) -> list[Path]:
    """Write n articles to out/ (emptied first) and return their paths."""
    rng = random.Random(seed)
    articles = load_articles()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("article-*.txt"):
        old.unlink()
    paths = []
    for i in range(n):
        path = out / f"article-{i:05d}.txt"
        path.write_text(make_article(rng, articles), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="how many articles (default 200)")
    parser.add_argument("--seed", type=int, default=13, help="random seed (default 13)")
    parser.add_argument("--out", type=Path, default=CORPUS, help="output folder (default benchmarks/corpus)")
    args = parser.parse_args(argv)
    paths = build(args.articles, args.out, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"wrote {len(paths)} articles ({words:,} words) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
