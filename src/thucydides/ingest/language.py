"""Guess the language of a text from function-word profiles and writing systems.

The method is our own and deliberately small: take the first few thousand characters, split them
into words, and count how many of the words are function words ("the", "of", "und", "и", ...) of
each language whose profile is in ``ingest/data/stopwords/``. Running prose in a language uses
its function words for a third to a half of its words, so the language with the highest share wins
and that share is the score. A text written mostly in a script that names its language on its own
(Arabic, Greek, Han, ...; ``ingest/data/scripts.csv``) gets that language, scored by the share of
its letters in that script.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from functools import lru_cache
from importlib import resources

SAMPLE_CHARS = 4000
MIN_WORDS = 12  # fewer words than this cannot be judged by function words
MIN_SCORE = 0.12  # an English text scoring below this is not running English prose
SHORT_FOREIGN_SCORE = 0.34  # a short text must score this high in another language to be skipped
UNDETERMINED = "und"

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _data_dir() -> resources.abc.Traversable:
    return resources.files("thucydides.ingest") / "data"


@lru_cache(maxsize=1)
def stopword_profiles() -> dict[str, frozenset[str]]:
    """Language code -> its function words, from ``ingest/data/stopwords/*.txt``."""
    profiles: dict[str, frozenset[str]] = {}
    folder = _data_dir() / "stopwords"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt"):
            continue
        words = {line.strip().lower() for line in entry.read_text(encoding="utf-8").splitlines()}
        profiles[entry.name[:-4]] = frozenset(w for w in words if w and not w.startswith("#"))
    return profiles


@lru_cache(maxsize=1)
def _word_languages() -> dict[str, tuple[str, ...]]:
    """Function word -> the languages that use it (one lookup per word on the hot path)."""
    index: dict[str, list[str]] = {}
    for lang, words in stopword_profiles().items():
        for word in words:
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


@lru_cache(maxsize=1)
def _script_table() -> tuple[list[int], list[tuple[int, str, str]]]:
    """Sorted range starts, and (end, script, language) per range, from ``scripts.csv``."""
    rows: list[tuple[int, int, str, str]] = []
    text = (_data_dir() / "scripts.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    for row in csv.DictReader(lines):
        rows.append((int(row["first"], 16), int(row["last"], 16), row["script"], row["language"] or ""))
    rows.sort()
    return [r[0] for r in rows], [(r[1], r[2], r[3]) for r in rows]


def script_of(char: str) -> tuple[str, str] | None:
    """(script, language or "") of one letter, or None when no listed range holds it."""
    starts, rest = _script_table()
    code = ord(char)
    i = bisect_right(starts, code) - 1
    if i < 0 or code > rest[i][0]:
        return None
    return rest[i][1], rest[i][2]


def _dominant_script(sample: str) -> tuple[str, str, float]:
    counts: dict[tuple[str, str], int] = {}
    letters = 0
    for char in sample:
        if not char.isalpha():
            continue
        letters += 1
        found = script_of(char)
        if found is not None:
            counts[found] = counts.get(found, 0) + 1
    if not counts:
        return "", "", 0.0
    (script, lang), n = max(counts.items(), key=lambda item: item[1])
    return script, lang, n / letters


def detect_language(text: str) -> tuple[str, float]:
    """Guess a text's language: (ISO 639-1 code, score in [0, 1]), or ("und", 0.0) if it cannot tell.

    For Latin and Cyrillic text the score is the share of words that are function words of the
    chosen language (English prose: about 0.35-0.55); for other scripts it is the share of letters
    in the script. Only the first ``SAMPLE_CHARS`` characters are read.
    """
    sample = text[:SAMPLE_CHARS]
    script, script_lang, script_share = _dominant_script(sample)
    if script_lang and script_share >= 0.5:
        return script_lang, round(script_share, 3)
    words = _WORD.findall(sample.lower())
    if not words:
        return UNDETERMINED, 0.0
    index = _word_languages()
    hits: dict[str, int] = {}
    for word in words:
        for lang in index.get(word, ()):
            hits[lang] = hits.get(lang, 0) + 1
    if not hits:
        return UNDETERMINED, 0.0
    # ties go to English, then alphabetically, so that the answer never depends on file order
    best = max(sorted(hits), key=lambda lang: (hits[lang], lang == "en"))
    return best, round(hits[best] / len(words), 3)


def is_english(text: str) -> tuple[bool, str]:
    """Whether to code a text as English, and the language guessed.

    Short texts (fewer than ``MIN_WORDS`` words) are given the benefit of the doubt unless another
    language clearly wins (a third of their words are its function words); longer ones must score
    as English prose.
    """
    lang, score = detect_language(text)
    if lang == "en" and score >= MIN_SCORE:
        return True, lang
    if _word_count(text) >= MIN_WORDS:
        return False, lang
    return lang in ("en", UNDETERMINED) or score < SHORT_FOREIGN_SCORE, lang


def _word_count(text: str) -> int:
    return len(_WORD.findall(text[:SAMPLE_CHARS]))
