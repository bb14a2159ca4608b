"""Actor resolution on 150 phrases written for this check, one or two per country: a guard on how the
lexicons generalise beyond the phrases the rules were written from. A few misses are known (a people whose
state the phrase does not name, equipment that is not an actor); the shares must stay above the lines."""

from __future__ import annotations

import csv
from pathlib import Path

from thucydides.nlp.actors.resolve import resolve_actor

PHRASES = Path(__file__).parent / "data" / "actor_phrases.tsv"


def rows() -> list[tuple[str, str, set[str]]]:
    with PHRASES.open(encoding="utf-8") as f:
        lines = (ln for ln in f if not ln.startswith("#"))
        return [(r["phrase"], r["country"], set(r["sectors"].split("|"))) for r in csv.DictReader(lines, delimiter="\t")]


def test_country_and_sector_shares_on_phrases_written_for_the_check() -> None:
    cases = rows()
    assert len(cases) == 150
    got = [(resolve_actor(text), country, sectors) for text, country, sectors in cases]
    country = sum(a.code == c for a, c, _ in got) / len(got)
    sector = sum(a.sector in s for a, _, s in got) / len(got)
    misses = [(a.text, a.code, a.sector) for a, c, s in got if a.code != c or a.sector not in s]
    assert country >= 0.97, misses
    assert sector >= 0.93, misses
