"""The event lexicon: trigger words, the frames they take, and mode cues, loaded from data files.

Files (under ``thucydides/nlp/events/data/``; users may add their own with the same columns):

``triggers.csv``  ``event,mode,pos,weight,terms,requires``
    ``terms`` are lemmas separated by ``|``; a hyphenated noun term ``hunger-strike`` matches the head
    ``strike`` with a ``hunger`` modifier. ``requires`` (optional) lists words of which one must appear in the
    trigger's frame: its object, passive subject, particle, prepositions or their objects (for verbs), or its
    modifiers (for nouns). A row whose ``requires`` is met beats a row without one; ``a+b`` asks for both
    words ("exercise+with": exercises held with someone).
    ``excludes`` (optional) lists words that rule the row out. Two pseudo-words stand for the frame's
    shape: ``_dobj`` (the verb has a direct object), ``_ccomp`` (it takes a clause: "agreed that ..."),
    ``_xcomp`` (a to-infinitive), ``_ing`` (a gerund), ``_neg`` (it is negated) and ``_pass`` (it is passive).
    ``pos`` ADJ rows are predicative adjectives ("has been resistant to", "is disappointed that"): the
    copula's subject is the actor.
``frames.json``   argument prepositions per event type, light verbs, reporting verbs, agent nouns.
``modes.csv``     ``event,mode,cues``: cue lemmas that refine the mode from the trigger's clause.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from thucydides.errors import E, ThucydidesError
from thucydides.model import QUAD


@dataclass(frozen=True)
class TriggerRule:
    event: str
    mode: str | None
    pos: str  # VERB, NOUN or ADJ
    weight: float
    term: str  # head lemma
    modifier: str | None = None  # for hyphenated noun terms: the required modifier lemma
    requires: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()

    @property
    def rule_id(self) -> str:
        req = "+" + "|".join(sorted(self.requires)) if self.requires else ""
        mod = f"{self.modifier}-" if self.modifier else ""
        return f"{self.event}/{self.mode or ''}/{self.pos}/{mod}{self.term}{req}"


@dataclass
class Lexicon:
    verbs: dict[str, list[TriggerRule]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[TriggerRule]] = field(default_factory=lambda: defaultdict(list))
    # predicative adjectives: "the UK has been resistant", "we are disappointed that ..."
    adjs: dict[str, list[TriggerRule]] = field(default_factory=lambda: defaultdict(list))
    frames: dict[str, Any] = field(default_factory=dict)
    # one-word names of people and bodies from the knowledge base's sector words ("mayor", "dockworkers")
    kb_agent_words: frozenset[str] = frozenset()
    mode_cues: dict[str, list[tuple[str, frozenset[str]]]] = field(default_factory=dict)

    def add_rule(self, rule: TriggerRule) -> None:
        table = self.verbs if rule.pos == "VERB" else self.adjs if rule.pos == "ADJ" else self.nouns
        table[rule.term].append(rule)

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word a trigger rule names: its terms and the words it requires or excludes (the parts of
        ``a+b`` apart)."""
        out: set[str] = set()
        for table in (self.verbs, self.nouns, self.adjs):
            for term, rules in table.items():
                out.add(term)
                for r in rules:
                    out.update(w for words in (r.requires, r.excludes) for word in words for w in word.split("+"))
        return frozenset(out)

    @cached_property
    def modified_nouns(self) -> frozenset[str]:
        """Hyphenated noun terms matched as a head and its modifier ("hunger-strike"), written joined."""
        return frozenset(f"{r.modifier}-{r.term}" for rules in self.nouns.values() for r in rules if r.modifier)

    def hyphen_word(self, first: str, second: str) -> str | None:
        """The lexicon's spelling of a hyphenated word split in two ("sit", "in" -> "sit-in"; "cease", "fire"
        -> "ceasefire"), or None when the lexicon does not name it or matches it as a head and modifier."""
        if len(first) < 2 or len(second) < 2:  # "vis-a-vis", "x-ray": not a word of the lexicon
            return None
        joined = f"{first}-{second}"
        if joined in self.modified_nouns:
            return None
        if joined in self.words:
            return joined
        closed = first + second
        return closed if closed in self.words else None

    # word sets are read from ``frames`` (set once, when the lexicon is loaded) on first use
    @cached_property
    def reporting_verbs(self) -> frozenset[str]:
        return frozenset(self.frames.get("reporting_verbs", ()))

    @cached_property
    def light_verbs(self) -> frozenset[str]:
        return frozenset(self.frames.get("light_verbs", ()))

    @cached_property
    def occurrence_verbs(self) -> frozenset[str]:
        return frozenset(self.frames.get("occurrence_verbs", ()))

    @cached_property
    def listed_agent_nouns(self) -> frozenset[str]:
        return frozenset(self.frames.get("agent_nouns", ()))

    @cached_property
    def agent_nouns(self) -> frozenset[str]:
        return self.listed_agent_nouns | self.kb_agent_words

    @cached_property
    def party_nouns(self) -> frozenset[str]:
        return frozenset(self.frames.get("party_nouns", ()))

    @cached_property
    def sent_nouns(self) -> frozenset[str]:
        return frozenset(self.frames.get("sent_nouns", ()))

    @cached_property
    def topic_verbs(self) -> frozenset[str]:
        return frozenset(self.frames.get("topic_verbs", ()))

    def recipient_preps(self, event: str) -> frozenset[str]:
        return frozenset(self.frames.get("recipient_preps", {}).get(event, ()))


def _rows(path: Path | Any) -> Iterable[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    yield from csv.DictReader(lines)


def _load_triggers(lex: Lexicon, path: Path | Any) -> None:
    for n, row in enumerate(_rows(path), start=2):
        event = (row.get("event") or "").strip().upper()
        if event not in QUAD:
            raise ThucydidesError(E.KB_FILE.format(path=path, detail=f"row {n}: unknown event type {event!r}"))
        pos = (row.get("pos") or "VERB").strip().upper()
        requires = frozenset(w.strip().lower() for w in (row.get("requires") or "").split("|") if w.strip())
        excludes = frozenset(w.strip().lower() for w in (row.get("excludes") or "").split("|") if w.strip())
        for term in (row.get("terms") or "").split("|"):
            term = term.strip().lower()
            if not term:
                continue
            modifier = None
            if pos == "NOUN" and "-" in term and not term.startswith(("counter-", "build-", "sit-")):
                modifier, term = term.rsplit("-", 1)
            lex.add_rule(TriggerRule(event=event, mode=(row.get("mode") or "").strip() or None, pos=pos,
                                     weight=float(row.get("weight") or 0.6), term=term, modifier=modifier,
                                     requires=requires, excludes=excludes))


def _kb_agent_words() -> frozenset[str]:
    """The knowledge base's one-word sector heads and titles, in singular and plural."""
    words: set[str] = set()
    for row in _rows(resources.files("thucydides.knowledge") / "data" / "kb" / "sectors.csv"):
        term = (row.get("term") or "").strip().lower()
        if row.get("role") in ("head", "title") and term.isalpha():
            words.add(term)
            words.add(term[:-1] if term.endswith("s") and not term.endswith("ss") else term + "s")
    return frozenset(words)


def load_lexicon(extra: Iterable[str | Path] = ()) -> Lexicon:
    lex = Lexicon()
    base = resources.files("thucydides.nlp.events") / "data"
    _load_triggers(lex, base / "triggers.csv")
    lex.frames = json.loads((base / "frames.json").read_text(encoding="utf-8"))
    cues: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for row in _rows(base / "modes.csv"):
        cues[row["event"]].append((row["mode"], frozenset(row["cues"].split("|"))))
    lex.mode_cues = dict(cues)
    lex.kb_agent_words = _kb_agent_words()
    for path in extra:
        p = Path(path)
        files = sorted(p.rglob("triggers*.csv")) if p.is_dir() else [p] if p.name.startswith("triggers") else []
        for f in files:
            _load_triggers(lex, f)
    return lex


@lru_cache(maxsize=8)
def default_lexicon(extra: tuple[str, ...] = ()) -> Lexicon:
    return load_lexicon(extra)
