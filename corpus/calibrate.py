"""Refit the confidence model on the project's corpus: ``python corpus/calibrate.py``.

Codes every article of ``corpus/docs/`` with the rule confidences (calibration off), labels each record of
the default output right (a true positive) or wrong (false positive, duplicate, trap) with the scorer's
matching, fits an L2-regularised logistic regression by gradient descent (deterministic: no sampling), and
writes ``src/thucydides/nlp/events/data/calibration.json`` with the weights and a meta block (data hash,
settings, reliability table on the corpus). Run it after changing rules, then re-check the reliability
table on data the model was not fitted on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import score_corpus as sc  # noqa: E402

from thucydides import __version__  # noqa: E402
from thucydides.api import code_documents  # noqa: E402
from thucydides.model import Document  # noqa: E402
from thucydides.nlp.events.calibration import features, uncalibrated  # noqa: E402

OUT = HERE.parent / "src" / "thucydides" / "nlp" / "events" / "data" / "calibration.json"


def labelled(docs: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int, int]]:
    """(record, events in its sentence, 1 if right else 0) for each record of the default output."""
    documents = [Document(text=d["text"], id=d["id"], date=d.get("date"), source=d.get("source"),
                          title=d.get("title")) for d in docs]
    with uncalibrated():
        coded = {c.document.id: [e.to_dict() for e in c.events if e.dropped is None]
                 for c in code_documents(documents)}
    rows: list[tuple[dict[str, Any], int, int]] = []
    for d in docs:
        outs = coded.get(d["id"], [])
        res = sc.match_document(d["text"], d["gold"], outs, d["id"], d.get("register", ""))
        wrong = {id(e) for e in res.false_positives} | {id(t[0]) for t in res.traps} | \
            {id(t[0]) for t in res.duplicates}
        per_sentence = Counter(e["sentence"]["index"] for e in outs)
        for e in outs:
            if e.get("aux_mode") is None:
                rows.append((e, per_sentence[e["sentence"]["index"]], 0 if id(e) in wrong else 1))
    return rows


def fit(rows: list[tuple[dict[str, Any], int, int]], l2: float, steps: int, rate: float
        ) -> tuple[dict[str, float], np.ndarray]:
    xs = [features(r, n) for r, n, _ in rows]
    keys = sorted({k for x in xs for k in x})
    a = np.array([[x.get(k, 0.0) for k in keys] for x in xs])
    y = np.array([label for _, _, label in rows], dtype=float)
    w = np.zeros(len(keys))
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-a @ w))
        w -= rate * (a.T @ (p - y) + l2 * w) / len(y)
    return {k: round(float(v), 4) for k, v in zip(keys, w, strict=True) if abs(v) > 1e-4}, 1.0 / (1.0 + np.exp(-a @ w))


def reliability(probs: np.ndarray, labels: list[int]) -> list[dict[str, Any]]:
    bands: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    for p, y in zip(probs, labels, strict=True):
        band = min(9, int(p * 10)) / 10
        bands[band][0] += y
        bands[band][1] += 1
    return [{"band": f"{b:.1f}-{b + 0.1:.1f}", "records": n, "right": r, "share_right": round(r / n, 3)}
            for b, (r, n) in sorted(bands.items())]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--rate", type=float, default=0.5)
    ap.add_argument("--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    docs = sc.load_docs()
    digest = hashlib.sha256()
    for d in sorted(docs, key=lambda d: d["id"]):
        digest.update(json.dumps(d, sort_keys=True).encode())
    rows = labelled(docs)
    weights, probs = fit(rows, args.l2, args.steps, args.rate)
    labels = [label for _, _, label in rows]
    table = reliability(probs, labels)
    meta = {"name": "thucydides event confidence", "thucydides": __version__, "model": "logistic regression",
            "trained_on": f"corpus/docs ({len(docs)} articles, {len(rows)} records)",
            "data_sha256": digest.hexdigest(), "l2": args.l2, "steps": args.steps, "rate": args.rate,
            "seed": None, "reliability_on_training_corpus": table}
    args.output.write_text(json.dumps({"meta": meta, "weights": weights}, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} records, {sum(labels)} right; wrote {args.output}")
    for row in table:
        print(f"  {row['band']}: {row['right']}/{row['records']} right ({row['share_right']:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
