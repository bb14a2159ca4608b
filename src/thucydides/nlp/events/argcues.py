"""Word lists for finding actors and recipients (``data/arguments.json``): allegiance adjectives ("forces
loyal to X"), charge verbs ("accused X of shelling") and attribution verbs ("an attack attributed to X")."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def argument_cues() -> dict[str, Any]:
    path = resources.files("thucydides.nlp.events") / "data" / "arguments.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def allegiance_adjectives() -> frozenset[str]:
    return frozenset(argument_cues().get("allegiance_adjectives", ()))


def charge_preps(verb_lemma: str) -> frozenset[str]:
    """The prepositions that carry the act a verb charges someone with ("accuse" -> "of")."""
    return frozenset(argument_cues().get("charge_verbs", {}).get(verb_lemma, ()))


def attribution_preps(verb_lemma: str) -> frozenset[str]:
    """The prepositions that name whom a verb pins an act on ("attribute" -> "to")."""
    return frozenset(argument_cues().get("attribution_verbs", {}).get(verb_lemma, ()))
