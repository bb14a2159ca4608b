#!/usr/bin/env python3
"""Score the engine on the project's own annotated corpus (``corpus/docs/*.json``).

The matching is the one used for real-article gold: an output event matches a gold event when its
sentence overlaps one of the gold event's quotes and its type is the gold type or one of ``also_ok``.
The first match of a gold event is a true positive, further matches are duplicates; a real output event
matching nothing is a false positive; one matching only a not-real gold event is a trap (and counts as a
false positive too). Only output events with ``aux_mode`` null are scored. Historical gold events are
optional: not counted as misses, and output matching them is neither right nor wrong.

    python corpus/score_corpus.py                  # overall and per register
    python corpus/score_corpus.py --docs 'corpus-0*' --show
    python corpus/score_corpus.py --json           # one JSON line
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DOCS_DIR = HERE / "docs"
ROOT = HERE.parent

PLOVER_TYPES = frozenset(
    [
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    ]
)
REGISTERS = frozenset(["wire", "analysis", "feature", "opinion", "liveblog", "obituary", "statistics"])
DOC_KEYS = ("id", "date", "source", "title", "register", "text", "gold")
EVENT_KEYS = (
    "id",
    "real",
    "aux_mode",
    "historical",
    "event",
    "also_ok",
    "mode",
    "actor",
    "recipient",
    "actor_text",
    "recipient_text",
    "date",
    "place",
    "claim",
    "claimant",
    "quotes",
)
AUX_MODES = (None, "future", "hypothetical", "negated")
CLAIMS = ("asserted", "claimed", "denied", "reported", "confirmed")


class CorpusError(Exception):
    """A corpus file is malformed; the message says which file and what to fix."""


# --------------------------------------------------------------------------- validation


def validate_doc(doc: dict[str, Any], name: str = "") -> list[str]:
    """Return the problems of one corpus document (empty when it is well-formed)."""
    where = name or str(doc.get("id", "?"))
    problems: list[str] = []
    for key in DOC_KEYS:
        if key not in doc:
            problems.append(f"{where}: missing key {key!r}")
    if problems:
        return problems
    text = doc["text"]
    if doc["register"] not in REGISTERS:
        problems.append(f"{where}: register {doc['register']!r} is not one of {sorted(REGISTERS)}")
    seen_ids: set[str] = set()
    for i, ev in enumerate(doc["gold"]):
        eid = ev.get("id", f"#{i}")
        for key in EVENT_KEYS:
            if key not in ev:
                problems.append(f"{where} {eid}: missing key {key!r}")
        if eid in seen_ids:
            problems.append(f"{where} {eid}: duplicate event id")
        seen_ids.add(eid)
        if not str(eid).startswith(f"{doc['id']}-e"):
            problems.append(f"{where} {eid}: event id must look like '{doc['id']}-eN'")
        if ev.get("event") not in PLOVER_TYPES:
            problems.append(f"{where} {eid}: event {ev.get('event')!r} is not a PLOVER type")
        for alt in ev.get("also_ok", []):
            if alt not in PLOVER_TYPES:
                problems.append(f"{where} {eid}: also_ok {alt!r} is not a PLOVER type")
        if ev.get("aux_mode") not in AUX_MODES:
            problems.append(f"{where} {eid}: aux_mode {ev.get('aux_mode')!r} not in {AUX_MODES}")
        if ev.get("real") is True and ev.get("aux_mode") is not None:
            problems.append(f"{where} {eid}: a real event has aux_mode null")
        if ev.get("real") is False and ev.get("aux_mode") is None:
            problems.append(f"{where} {eid}: a not-real event needs an aux_mode")
        if ev.get("claim") not in CLAIMS:
            problems.append(f"{where} {eid}: claim {ev.get('claim')!r} not in {CLAIMS}")
        for key in ("actor", "recipient", "claimant", "also_ok"):
            if key in ev and not isinstance(ev[key], list):
                problems.append(f"{where} {eid}: {key} must be a list")
        quotes = ev.get("quotes") or []
        if not quotes:
            problems.append(f"{where} {eid}: no quotes")
        for q in quotes:
            if q not in text:
                problems.append(f"{where} {eid}: quote is not a verbatim substring of the text: {q!r}")
            elif not 20 <= len(q) <= 160:
                problems.append(f"{where} {eid}: quote length {len(q)} outside 20-160: {q!r}")
    return problems


def load_docs(pattern: str | None = None, docs_dir: Path = DOCS_DIR) -> list[dict[str, Any]]:
    """Read and validate the corpus; raise CorpusError listing every problem found."""
    docs: list[dict[str, Any]] = []
    problems: list[str] = []
    for path in sorted(docs_dir.glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}: not valid JSON ({exc})")
            continue
        if pattern and not any(
            fnmatch.fnmatch(str(doc.get("id", path.stem)), p.strip()) for p in pattern.split(",")
        ):
            continue
        problems.extend(validate_doc(doc, path.name))
        docs.append(doc)
    if problems:
        raise CorpusError("corpus is malformed; fix these and run again:\n  " + "\n  ".join(problems))
    return docs


# --------------------------------------------------------------------------- matching


def quote_spans(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    """Character spans of every occurrence of every quote in the text."""
    spans: list[tuple[int, int]] = []
    for q in quotes:
        start = text.find(q)
        while start != -1:
            spans.append((start, start + len(q)))
            start = text.find(q, start + 1)
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _codes(entities: list[dict[str, Any]] | None) -> set[str]:
    return {e["code"] for e in entities or [] if e.get("code")}


def date_ok(out: dict[str, Any], gold_date: str) -> bool:
    """The output date falls inside the gold date (equal, or more precise within it, or a range covering it)."""
    d = out.get("date")
    if not d:
        return False
    if d == gold_date or d.startswith(gold_date):
        return True
    end = out.get("date_end")
    return bool(end) and str(d) <= gold_date <= str(end)


@dataclass
class DocResult:
    doc_id: str
    register: str = ""
    n_out: int = 0  # output events with aux_mode null
    tp: int = 0
    dup: int = 0
    fp: int = 0  # includes traps
    trap: int = 0
    historical_hits: int = 0
    gold_real: int = 0  # real, not historical gold events
    useful: int = 0
    actor_right: int = 0
    actor_total: int = 0
    recipient_right: int = 0
    recipient_total: int = 0
    date_right: int = 0
    date_total: int = 0
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    traps: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    duplicates: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)


def match_document(
    text: str, gold: list[dict[str, Any]], outputs: list[dict[str, Any]], doc_id: str = "", register: str = ""
) -> DocResult:
    """Match one document's output events against its gold events."""
    res = DocResult(doc_id=doc_id, register=register)
    spans = [quote_spans(text, ev["quotes"]) for ev in gold]
    matched = [False] * len(gold)
    res.gold_real = sum(1 for ev in gold if ev["real"] and not ev.get("historical"))
    for out in outputs:
        if out.get("aux_mode") is not None:
            continue
        res.n_out += 1
        sent = out.get("sentence") or {}
        s_span = (int(sent.get("start", -1)), int(sent.get("end", -1)))
        cands = [
            i
            for i, ev in enumerate(gold)
            if (out.get("event") == ev["event"] or out.get("event") in ev.get("also_ok", []))
            and any(_overlaps(s_span, sp) for sp in spans[i])
        ]
        real_c = [i for i in cands if gold[i]["real"]]

        new_cur = next((i for i in real_c if not matched[i] and not gold[i].get("historical")), None)
        new_hist = next((i for i in real_c if not matched[i] and gold[i].get("historical")), None)
        again = next((i for i in real_c if matched[i]), None)
        if new_cur is not None:
            i = new_cur
            matched[i] = True
            res.tp += 1
            ev = gold[i]
            a_codes = _codes(out.get("actor"))
            if a_codes & set(ev["actor"]):
                res.useful += 1
            if ev["actor"]:
                res.actor_total += 1
                res.actor_right += bool(a_codes & set(ev["actor"]))
            if ev["recipient"]:
                res.recipient_total += 1
                res.recipient_right += bool(_codes(out.get("recipient")) & set(ev["recipient"]))
            if ev.get("date"):
                res.date_total += 1
                res.date_right += date_ok(out, ev["date"])
        elif new_hist is not None:
            matched[new_hist] = True
            res.historical_hits += 1
        elif again is not None:
            if gold[again].get("historical"):
                res.historical_hits += 1
            else:
                res.dup += 1
                res.duplicates.append((out, gold[again]))
        else:
            res.fp += 1
            not_real = [i for i in cands if not gold[i]["real"]]
            if not_real:
                res.trap += 1
                res.traps.append((out, gold[not_real[0]]))
            else:
                res.false_positives.append(out)
    res.misses = [
        ev for i, ev in enumerate(gold) if ev["real"] and not ev.get("historical") and not matched[i]
    ]
    return res


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def summarise(results: list[DocResult]) -> dict[str, Any]:
    t: dict[str, int] = defaultdict(int)
    for r in results:
        for k in (
            "n_out",
            "tp",
            "dup",
            "fp",
            "trap",
            "historical_hits",
            "gold_real",
            "useful",
            "actor_right",
            "actor_total",
            "recipient_right",
            "recipient_total",
            "date_right",
            "date_total",
        ):
            t[k] += getattr(r, k)
    counted = t["tp"] + t["dup"] + t["fp"]
    return {
        "docs": len(results),
        "gold_real": t["gold_real"],
        "output_real": t["n_out"],
        "tp": t["tp"],
        "fp": t["fp"],
        "duplicates": t["dup"],
        "traps": t["trap"],
        "historical_matches": t["historical_hits"],
        "precision": _ratio(t["tp"], counted),
        "precision_no_dup": _ratio(t["tp"], t["tp"] + t["fp"]),
        "recall": _ratio(t["tp"], t["gold_real"]),
        "useful_precision": _ratio(t["useful"], counted),
        "actor_acc": _ratio(t["actor_right"], t["actor_total"]),
        "recipient_acc": _ratio(t["recipient_right"], t["recipient_total"]),
        "date_acc": _ratio(t["date_right"], t["date_total"]),
        "events_per_article": _ratio(t["n_out"], len(results)),
        "gold_per_article": _ratio(t["gold_real"], len(results)),
    }


# --------------------------------------------------------------------------- running the engine


def find_cli() -> str:
    local = ROOT / ".venv" / "bin" / "thucydides"
    if local.exists():
        return str(local)
    on_path = shutil.which("thucydides")
    if on_path:
        return on_path
    env = os.environ.get("THUCYDIDES_CLI")
    if env:
        return env
    raise SystemExit("thucydides CLI not found: install the project (.venv) or set THUCYDIDES_CLI")


def run_engine(docs: list[dict[str, Any]], cli: str) -> dict[str, list[dict[str, Any]]]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({k: d[k] for k in ("id", "text", "date", "source", "title")}) + "\n")
        path = fh.name
    try:
        proc = subprocess.run(
            [cli, "code", "--input-format", "jsonl", "--format", "jsonl", "--no-store", path],
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        os.unlink(path)
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in proc.stdout.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue
        by_doc[str(rec.get("doc_id"))].append(rec)
    if proc.returncode != 0 and not by_doc:
        raise SystemExit(f"thucydides code failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return by_doc


# --------------------------------------------------------------------------- reporting


def _fmt(v: Any) -> str:
    return "  -  " if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))


def print_table(overall: dict[str, Any], per_register: dict[str, dict[str, Any]]) -> None:
    cols = [
        "docs",
        "gold_real",
        "output_real",
        "precision",
        "precision_no_dup",
        "recall",
        "duplicates",
        "useful_precision",
        "traps",
        "actor_acc",
        "recipient_acc",
        "date_acc",
        "events_per_article",
    ]
    short = [
        "docs",
        "gold",
        "out",
        "P",
        "P-nodup",
        "R",
        "dup",
        "usefulP",
        "traps",
        "actor",
        "recip",
        "date",
        "ev/art",
    ]
    print(f"{'':12}" + "".join(f"{s:>9}" for s in short))
    for name, row in [("overall", overall), *sorted(per_register.items())]:
        print(f"{name:12}" + "".join(f"{_fmt(row[c]):>9}" for c in cols))


def _actors(out: dict[str, Any]) -> str:
    return ",".join(f"{a.get('text')}={a.get('code')}" for a in out.get("actor") or []) or "-"


def print_details(res: DocResult) -> None:
    print(
        f"\n=== {res.doc_id} ({res.register}): tp {res.tp} fp {res.fp} dup {res.dup} "
        f"traps {res.trap} misses {len(res.misses)}"
    )
    for out in res.false_positives:
        print(
            f"  FP   {out.get('event'):9} {out.get('trigger')!s:14} actor {_actors(out)} | "
            f"{(out.get('sentence') or {}).get('text', '')[:140]}"
        )
    for out, ev in res.traps:
        print(
            f"  TRAP {out.get('event'):9} {out.get('trigger')!s:14} gold {ev['id']} "
            f"({ev['aux_mode']}) | {ev['quotes'][0][:110]}"
        )
    for out, ev in res.duplicates:
        print(f"  DUP  {out.get('event'):9} {out.get('trigger')!s:14} of {ev['id']}")
    for ev in res.misses:
        print(
            f"  MISS {ev['event']:9} {ev['id']:16} {','.join(ev['actor']) or '-'} | {ev['quotes'][0][:110]}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--docs",
        help="only documents whose id matches one of these comma-separated globs, e.g. 'corpus-0*,corpus-1[0-5]'",
    )
    ap.add_argument("--json", action="store_true", help="print one JSON line with every figure")
    ap.add_argument("--show", action="store_true", help="print false positives, traps and misses per doc")
    ap.add_argument("--cli", help="path of the thucydides CLI (default: .venv, PATH, $THUCYDIDES_CLI)")
    ap.add_argument("--check", action="store_true", help="only validate the corpus files")
    args = ap.parse_args(argv)
    try:
        docs = load_docs(args.docs)
    except CorpusError as exc:
        print(exc, file=sys.stderr)
        return 2
    if not docs:
        print("no corpus documents matched", file=sys.stderr)
        return 2
    if args.check:
        n = sum(len(d["gold"]) for d in docs)
        print(f"{len(docs)} documents, {n} gold events: well-formed")
        return 0
    outputs = run_engine(docs, args.cli or find_cli())
    results = [
        match_document(d["text"], d["gold"], outputs.get(d["id"], []), d["id"], d["register"]) for d in docs
    ]
    overall = summarise(results)
    groups: dict[str, list[DocResult]] = defaultdict(list)
    for r in results:
        groups[r.register].append(r)
    per_register = {k: summarise(v) for k, v in groups.items()}
    if args.show:
        for r in results:
            print_details(r)
        print()
    if args.json:
        print(json.dumps({"overall": overall, "per_register": per_register}))
    else:
        print_table(overall, per_register)
    return 0


if __name__ == "__main__":
    sys.exit(main())
