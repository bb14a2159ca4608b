"""The actor knowledge base: data files under ``knowledge/data/kb/`` (and the user's own) turned into lookup tables.

The file formats are described in :mod:`thucydides.nlp.actors.resolve`. Everything here runs once per knowledge base;
:func:`default_kb` caches the loaded base per set of extra files.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from thucydides.errors import E, ThucydidesError

KB_SUFFIXES = (".csv", ".json", ".yaml", ".yml")
MAX_NGRAM = 9
# kinds of named things whose one-word aliases that are common words only match as the whole phrase
WHOLE_KINDS = frozenset(["outlet", "group", "party", "thinktank", "ngo", "company", "school", "unit"])
ARABIC_ARTICLE = re.compile(r"^(?:al|el|as|ad|ash|ar|an|at|az)-", re.IGNORECASE)

# One token: a word with its inner hyphens, dots and apostrophes ("U.S.", "Kassym-Jomart", "People's").
TOKEN = re.compile(r"(?<!['’])[^\W_](?:[\w.'’\-]*[^\W_])?\.?|&|,")


def normalise(word: str) -> str:
    """The lookup form of one token: lower case, no dots, no possessive "'s", straight apostrophes."""
    w = word.lower().replace("’", "'").replace(".", "")
    if w.endswith("'s"):
        w = w[:-2]
    return w.rstrip("'")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) for each word of ``text``; a bare "'s" is not a word."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def key_of(text: str) -> tuple[str, ...]:
    return tuple(w for w in (normalise(t) for t, _, _ in tokens(text)) if w)


def is_acronym(alias: str) -> bool:
    """An alias written in capitals ("US", "WHO", "U.N.") only matches text that is not all lower case."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Entry:
    """One thing the knowledge base knows: a state, organisation, outlet, group, person or sector word."""

    id: str
    name: str
    kind: str  # state, igo, outlet, thinktank, party, group, unit, agency, seat, person, sector, equipment
    code: str | None = None
    org: str | None = None
    sector: str | None = None
    role: str | None = None  # officials: their office; sector words: head, modifier or title
    start: str | None = None  # officials: first day in office (YYYY-MM-DD)
    end: str | None = None  # officials: last day in office, empty while in office


@dataclass(frozen=True)
class Hit:
    """One alias form of an entry, as stored in the lookup table."""

    entry: Entry
    how: str  # name, alias, demonym, capital, term, official, surname, equipment
    acronym: bool = False
    whole: bool = False  # a common word ("Liberation"): only the whole, capitalised phrase matches
    proper: bool = False  # a person's name: only capitalised text matches
    plural: bool = False  # a plural made from the alias ("fighter" -> "fighters"), not written in the file


@dataclass(frozen=True)
class Referent:
    """What a generic referent ("the regime", "the militants") can name: an earlier mention with one of
    these sectors, or a named entry of one of these kinds (state, seat, person, group, ...)."""

    sectors: frozenset[str]
    kinds: frozenset[str]


@dataclass
class KnowledgeBase:
    """Lookup tables from lower-case token tuples to the entries they name."""

    lookup: dict[tuple[str, ...], list[Hit]] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    officials: dict[str, list[Entry]] = field(default_factory=dict)  # person id -> terms
    by_first: dict[str, list[str]] = field(default_factory=dict)  # first letter -> one-word aliases
    longest: int = 1
    words: dict[str, set[str]] = field(default_factory=dict)  # word lists: common, designator, not_surname
    surnames: list[tuple[str, Entry]] = field(default_factory=list)  # (surname, person), added by finish()
    referents: dict[str, Referent] = field(default_factory=dict)  # generic referent head -> what it fits
    collectives: dict[str, Referent] = field(default_factory=dict)  # "the two countries": head -> what fits
    peoples: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "Kurdish" -> the states Kurds live in

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> KnowledgeBase:
        """The package's knowledge base plus the user's files or folders of the same formats."""
        kb = cls()
        for name, text in _package_files():
            kb.add_text(text, name)
        for path in _expand(extra):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ThucydidesError(E.KB_FILE.format(path=path, detail=exc)) from exc
            kb.add_text(text, str(path))
        kb.finish()
        return kb

    def finish(self) -> None:
        """After all files: surnames of officials, whole-phrase common words, the typo index."""
        common = self.words.get("common", set())
        skip = common | self.words.get("not_surname", set())
        for surname, person in self.surnames:
            person = self.entries.get(person.id, person)
            key = key_of(surname)
            hits = self.lookup.get(key, [])
            if len(key) != 1 or key[0] in skip or any(h.entry.kind != "person" for h in hits):
                continue
            if not any(h.entry.id == person.id for h in hits):
                self.lookup.setdefault(key, []).append(Hit(person, "surname", proper=True))
        self.surnames = []
        for key, hits in self.lookup.items():
            if len(key) == 1 and key[0] in common:
                hits[:] = [Hit(h.entry, h.how, h.acronym, whole=True, proper=h.proper)
                           if h.entry.kind in WHOLE_KINDS and not h.acronym else h for h in hits]
        self.by_first = {}
        for key, hits in self.lookup.items():
            # typos are forgiven in names (capitalised words), not in common nouns or people's names
            if len(key) == 1 and len(key[0]) >= 5 and any(not (h.whole or h.proper) and h.entry.kind not in
                                                          ("sector", "equipment") for h in hits):
                self.by_first.setdefault(key[0][0], []).append(key[0])

    # -- building -------------------------------------------------------------------------------------

    def add_text(self, text: str, where: str) -> None:
        """Add one file's rows; its format is told by its columns (see :mod:`thucydides.nlp.actors.resolve`)."""
        try:
            rows = _parse(text, where)
        except (ValueError, csv.Error) as exc:
            raise ThucydidesError(E.KB_FILE.format(path=where, detail=exc)) from exc
        for i, row in enumerate(rows, 2):
            try:
                self.add_row(row)
            except (KeyError, ValueError) as exc:
                raise ThucydidesError(E.KB_FILE.format(path=where, detail=f"row {i}: {exc}")) from exc

    def add_row(self, row: dict[str, str]) -> None:
        r = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if not any(r.values()):
            return
        if "demonyms" in r:
            self._add_state(r)
        elif "role" in r and "start" in r:
            self._add_official(r)
        elif "people" in r and "states" in r:
            states = tuple(c.upper() for c in _split(r["states"]))
            for word in _split(r["people"]):
                self.peoples[normalise(word)] = states
        elif "collective" in r:
            fits = Referent(sectors=frozenset(_split(r.get("sectors", "").upper())),
                            kinds=frozenset(_split(r.get("kinds", "").lower())))
            for word in _split(r["collective"]):
                self.collectives[normalise(word)] = fits
        elif "referent" in r:
            fits = Referent(sectors=frozenset(_split(r.get("sectors", "").upper())),
                            kinds=frozenset(_split(r.get("kinds", "").lower())))
            for word in _split(r["referent"]):
                self.referents[normalise(word)] = fits
        elif "list" in r and "word" in r:
            self.words.setdefault(r["list"], set()).add(normalise(r["word"]))
        elif "equipment" in r:
            e = Entry(id="equipment:" + r["equipment"], name=r["equipment"], kind="equipment",
                      code=r.get("origin") or None)
            self._alias(r["equipment"], e, "equipment", plural=True)
        elif "term" in r:
            e = Entry(id="sector:" + r["term"], name=r["term"], kind="sector", sector=r["sector"] or None,
                      role=r.get("role") or "head", code=r.get("code") or None)
            self._alias(r["term"], e, "term", plural=(r.get("role") or "head") != "modifier")
        elif "aliases" in r and "id" in r:
            e = Entry(id=r["id"], name=r.get("name") or r["id"], kind=r.get("kind") or "group",
                      code=r.get("code") or None, org=r.get("org") or None, sector=r.get("sector") or None)
            self.entries[e.id] = e
            self._alias(e.name, e, "name")
            for a in _split(r["aliases"]):
                self._alias(a, e, "alias")
        else:
            raise ValueError(f"unknown columns {sorted(r)}")

    def _add_state(self, r: dict[str, str]) -> None:
        code = r["code"].upper()
        state = Entry(id="state:" + code, name=r["name"], kind="state", code=code)
        self.entries[state.id] = state
        self._alias(state.name, state, "name")
        for a in _split(r.get("aliases", "")):
            self._alias(a, state, "alias")
        for d in _split(r["demonyms"]):
            self._alias(d, state, "demonym", plural=True)
        seat = Entry(id="capital:" + code, name=r["name"], kind="seat", code=code, sector="GOV")
        for c in _split(r.get("capitals", "")):
            self._alias(c, seat, "capital")

    def _add_official(self, r: dict[str, str]) -> None:
        pid = r.get("id") or r["name"]
        term = Entry(id="person:" + pid, name=r["name"], kind="person", code=r.get("code") or None,
                     org=r.get("org") or None, sector=r.get("sector") or "GOV", role=r["role"] or None,
                     start=r["start"] or None, end=r.get("end") or None)
        terms = self.officials.setdefault(term.id, [])
        terms.append(term)
        terms.sort(key=lambda t: t.start or "")
        self.entries[term.id] = terms[0]
        names = [r["name"], *_split(r.get("aliases", ""))]
        for a in names:
            self._alias(a, terms[0], "official", replace_id=True)
        for a in names:  # the last word of each name that has several: "Obama", "Assad" from "al-Assad"
            words = [t for t, _, _ in tokens(a)]
            if len(words) > 1 and len(words[-1]) >= 4 and "of" not in words:  # not "King Abdullah of Saudi Arabia"
                last = words[-1]
                self.surnames.append((last, terms[0]))
                if (bare := ARABIC_ARTICLE.sub("", last)) != last and len(bare) >= 4:
                    self.surnames.append((bare, terms[0]))

    def _alias(self, alias: str, entry: Entry, how: str, plural: bool = False,
               replace_id: bool = False) -> None:
        key = key_of(alias)
        if not key:
            return
        keys = [key]
        if plural and not key[-1].endswith("s"):
            last = key[-1]
            more = last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s"
            keys.append((*key[:-1], more))
        for k in keys:
            hits = self.lookup.setdefault(k, [])
            if replace_id:
                hits[:] = [h for h in hits if h.entry.id != entry.id]
            elif any(h.entry.id == entry.id for h in hits):
                continue
            made = k != key
            hit = Hit(entry, how, is_acronym(alias), proper=entry.kind == "person", plural=made)
            # a form written in a file goes before plurals made from other aliases: "fighters" (REB) is
            # not the plural of "fighter" (MIL, the aircraft)
            at = len(hits) if made else next((i for i, h in enumerate(hits) if h.plural), len(hits))
            hits.insert(at, hit)
            self.longest = max(self.longest, len(k))


def _split(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


def _parse(text: str, where: str) -> list[dict[str, str]]:
    if where.endswith(".csv"):
        lines = (ln for ln in io.StringIO(text) if ln.strip() and not ln.lstrip().startswith("#"))
        return list(csv.DictReader(lines))
    if where.endswith(".json"):
        data: Any = json.loads(text)
    else:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ValueError(str(exc).splitlines()[0]) from exc
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise ValueError("expected a list of objects with the same columns as the CSV files")
    return [{str(k): "|".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
             for k, v in d.items()} for d in data]


def _package_files() -> Iterable[tuple[str, str]]:
    root = resources.files("thucydides.knowledge") / "data" / "kb"
    for item in sorted(root.iterdir(), key=lambda p: p.name):
        if item.name.endswith(KB_SUFFIXES):
            yield item.name, item.read_text(encoding="utf-8")


def _expand(paths: Sequence[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.suffix in KB_SUFFIXES))
        elif p.exists():
            out.append(p)
        else:
            raise ThucydidesError(E.NOT_FOUND.format(path=p))
    return out


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Nationality words and their plurals, lowercased -> ISO3, from the one table of states (``states.csv``)."""
    table: dict[str, str] = {}
    text = (resources.files("thucydides.knowledge") / "data" / "kb" / "states.csv").read_text(encoding="utf-8")
    for row in _parse(text, "states.csv"):
        for word in _split(row.get("demonyms", "")):
            table.setdefault(word.lower(), row["code"])
            table.setdefault(word.lower() + "s", row["code"])
    return table


@functools.lru_cache(maxsize=8)
def default_kb(extra: tuple[str, ...] = ()) -> KnowledgeBase:
    """The knowledge base with the package data and ``extra`` files, loaded once per ``extra``."""
    return KnowledgeBase.load(extra)
