"""Who belonged to which international organisation on a given date.

The facts live in ``knowledge/data/alliances/``: ``organisations.csv`` (acronym, name, aliases),
``members/<org>.csv`` (state, joined, left, status, note; one file per organisation),
``territories.csv`` (dependent territories and provinces with their sovereign) and ``aliases.csv``
(short names of states). Everything is read once and cached; :func:`add_data` adds a user folder laid
out the same way.

A state is a member on day D when a ``member`` (or ``frozen``) row has ``joined <= D`` and either no
``left`` or ``D < left``, and no ``suspended`` row covers D. ``associate`` rows are listed but do not
count as membership. Partial dates (``2023``, ``2023-06``) mean the first day of that year or month.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pycountry

from thucydides.errors import E, ThucydidesError
from thucydides.model import Member

DATA_DIR = Path(__file__).parent / "data" / "alliances"
_EXTRA_DIRS: list[Path] = []
COUNTING = ("member", "frozen")  # statuses that count as membership


class Organisation(NamedTuple):
    acronym: str
    name: str
    kind: str
    founded: str
    note: str


class Territory(NamedTuple):
    code: str  # ISO3 of a dependent territory, or ISO 3166-2 of a province
    sovereign: str
    name: str
    note: str


class _Data(NamedTuple):
    orgs: dict[str, Organisation]
    org_keys: dict[str, str]  # casefolded acronym, name or alias -> acronym
    rows: dict[str, tuple[Member, ...]]  # acronym -> rows
    territories: dict[str, Territory]
    place_keys: dict[str, str]  # casefolded alias -> state or territory code
    names: dict[str, str]  # code -> display name


def _key(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip().casefold())
    return text[4:] if text.startswith("the ") else text


def add_data(path: str | Path) -> None:
    """Read another folder laid out like ``knowledge/data/alliances`` (its rows are added to the built-in ones)."""
    folder = Path(path)
    if not folder.is_dir():
        raise ThucydidesError(E.NOT_FOUND.format(path=path))
    _EXTRA_DIRS.append(folder)
    clear_caches()


def reset_data() -> None:
    """Forget the folders given to :func:`add_data`."""
    _EXTRA_DIRS.clear()
    clear_caches()


def clear_caches() -> None:
    _load.cache_clear()
    _members_on.cache_clear()
    _memberships_on.cache_clear()
    resolve_state.cache_clear()
    resolve_place.cache_clear()
    resolve_org.cache_clear()
    parse_date.cache_clear()
    for clear in _DEPENDANT_CACHES:
        clear()


_DEPENDANT_CACHES: list[Callable[[], None]] = []


def on_data_change(clear: Callable[[], None]) -> None:
    """Register a cache that reads this module's data, to be cleared with it (alliances' treaty tables)."""
    if clear not in _DEPENDANT_CACHES:
        _DEPENDANT_CACHES.append(clear)


def data_dirs() -> list[Path]:
    return [DATA_DIR, *_EXTRA_DIRS]


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ThucydidesError(E.KB_FILE.format(path=path, detail=exc)) from exc


def _check_date(value: str, path: Path) -> str:
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ThucydidesError(E.KB_FILE.format(path=path, detail=f"{value!r} is not YYYY-MM-DD")) from exc
    return value


@functools.lru_cache(maxsize=1)
def _load() -> _Data:
    orgs: dict[str, Organisation] = {}
    org_keys: dict[str, str] = {}
    names: dict[str, str] = {c.alpha_3: getattr(c, "common_name", c.name) for c in pycountry.countries}
    place_keys: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("alpha_3", "alpha_2", "name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                place_keys.setdefault(_key(value), c.alpha_3)
    territories: dict[str, Territory] = {}
    raw_rows: dict[str, list[tuple[dict[str, str], Path]]] = {}
    for folder in data_dirs():
        if (folder / "aliases.csv").exists():
            for row in _read_csv(folder / "aliases.csv"):
                place_keys[_key(row["alias"])] = row["code"]
                if row.get("display") == "1" or row["code"] not in names:
                    names[row["code"]] = row["alias"]
        if (folder / "territories.csv").exists():
            for row in _read_csv(folder / "territories.csv"):
                t = Territory(row["code"], row["sovereign"], row["name"], row.get("note", ""))
                territories[t.code] = t
                names[t.code] = t.name
                for alias in [t.code, t.name, *filter(None, row.get("aliases", "").split(";"))]:
                    place_keys[_key(alias)] = t.code
        if (folder / "organisations.csv").exists():
            for row in _read_csv(folder / "organisations.csv"):
                org = Organisation(row["acronym"], row["name"], row.get("kind", ""),
                                   row.get("founded", ""), row.get("note", ""))
                orgs[org.acronym] = org
                for alias in [org.acronym, org.name, *filter(None, row.get("aliases", "").split(";"))]:
                    org_keys[_key(alias)] = org.acronym
        for path in sorted((folder / "members").glob("*.csv")):
            for row in _read_csv(path):
                raw_rows.setdefault(path.stem, []).append((row, path))
    rows: dict[str, tuple[Member, ...]] = {}
    by_stem = {_key(acr).replace(" ", "_"): acr for acr in orgs}
    for stem, items in raw_rows.items():
        acronym = by_stem.get(_key(stem))
        if acronym is None:
            path = items[0][1]
            raise ThucydidesError(E.KB_FILE.format(path=path, detail=f"no organisation {stem!r} in organisations.csv"))
        members: list[Member] = []
        for row, path in items:
            state = row["state"]
            if state not in names and state not in orgs:
                raise ThucydidesError(E.KB_FILE.format(path=path, detail=f"unknown state code {state!r}"))
            name = orgs[state].name if state in orgs else names[state]
            members.append(Member(state=state, name=name, joined=_check_date(row["joined"], path),
                                  left=_check_date(row["left"], path) if row.get("left") else None,
                                  status=row.get("status") or "member", note=row.get("note") or None,
                                  org=acronym))
        rows[acronym] = (*rows.get(acronym, ()), *members)
    return _Data(orgs, org_keys, rows, territories, place_keys, names)


@functools.lru_cache(maxsize=4096)
def parse_date(on: str | None) -> str:
    """``None`` -> today; ``YYYY`` / ``YYYY-MM`` -> the first day; a bad date -> ThucydidesError."""
    if on is None:
        return dt.date.today().isoformat()
    text = on.strip()
    padded = {4: text + "-01-01", 7: text + "-01"}.get(len(text), text)
    try:
        return dt.date.fromisoformat(padded).isoformat()
    except ValueError as exc:
        raise ThucydidesError(E.BAD_QUERY_DATE.format(value=on)) from exc


@functools.lru_cache(maxsize=1024)
def resolve_org(org: str) -> str:
    """The acronym of an organisation given by acronym, name or alias ("nato", "Arab League")."""
    data = _load()
    acronym = data.org_keys.get(_key(org))
    if acronym is None:
        raise ThucydidesError(E.UNKNOWN_ALLIANCE.format(value=org, choices=", ".join(sorted(data.orgs))))
    return acronym


@functools.lru_cache(maxsize=4096)
def resolve_place(place: str) -> str:
    """A state's ISO3 code, or a territory's code (GRL, FLK, US-HI), from a code or a name."""
    data = _load()
    text = place.strip()
    code = data.place_keys.get(_key(text))
    if code is None and text.upper() in data.names:
        code = text.upper()
    if code is None:
        raise ThucydidesError(E.UNKNOWN_STATE.format(value=place))
    return code


@functools.lru_cache(maxsize=4096)
def resolve_state(state: str) -> str:
    """A state's ISO3 code from a code or a name ("Ukraine", "UK", "GBR"); territories are refused."""
    code = resolve_place(state)
    if code in _load().territories:
        raise ThucydidesError(E.UNKNOWN_STATE.format(value=state))
    return code


def sovereign(code: str) -> str:
    """The state a territory belongs to (the code itself for a state)."""
    territory = _load().territories.get(code)
    return territory.sovereign if territory else code


def territory(code: str) -> Territory | None:
    return _load().territories.get(code)


def state_name(code: str) -> str:
    return _load().names.get(code, code)


def organisation(org: str) -> Organisation:
    return _load().orgs[resolve_org(org)]


def organisations() -> list[str]:
    """Acronyms of every organisation known."""
    return sorted(_load().orgs)


def _covers(row: Member, on: str) -> bool:
    return row.joined <= on and (row.left is None or on < row.left)


@functools.lru_cache(maxsize=8192)
def _members_on(acronym: str, on: str) -> tuple[str, ...]:
    rows = _load().rows.get(acronym, ())
    suspended = {r.state for r in rows if r.status == "suspended" and _covers(r, on)}
    return tuple(sorted({r.state for r in rows if r.status in COUNTING and _covers(r, on)} - suspended))


@functools.lru_cache(maxsize=8192)
def _memberships_on(state: str, on: str) -> tuple[str, ...]:
    return tuple(acr for acr in sorted(_load().orgs) if state in _members_on(acr, on))


def members(org: str, on: str | None = None) -> list[str]:
    """ISO3 codes of the members of ``org`` on ``on`` (default today), sorted.

    An organisation that is itself a member appears by its acronym (``EU`` and ``AU`` in the G20).
    """
    return list(_members_on(resolve_org(org), parse_date(on)))


def is_member(state: str, org: str, on: str | None = None) -> bool:
    return resolve_state(state) in _members_on(resolve_org(org), parse_date(on))


def memberships(state: str, on: str | None = None) -> list[str]:
    """Acronyms of the organisations ``state`` belonged to on ``on`` (default today), sorted."""
    return list(_memberships_on(resolve_state(state), parse_date(on)))


def status(state: str, org: str, on: str | None = None) -> Member | None:
    """The row that says how ``state`` stood in ``org`` on the date: suspended, frozen or member."""
    code, acronym, day = resolve_state(state), resolve_org(org), parse_date(on)
    covering = [r for r in _load().rows.get(acronym, ()) if r.state == code and _covers(r, day)]
    for wanted in ("suspended", "frozen", "member", "associate"):
        for row in covering:
            if row.status == wanted:
                return row
    return None


def alliance_members(alliance: str, on: str | None) -> list[Member]:
    """The rows of ``alliance``: members on ``on``, or, with ``on=None``, every row ever (the history).

    On a date, a frozen membership is returned as its ``frozen`` row and suspended members are left out.
    """
    acronym = resolve_org(alliance)
    rows = _load().rows.get(acronym, ())
    if on is None:
        return sorted(rows, key=lambda r: (r.joined, r.state, r.status))
    day = parse_date(on)
    current = set(_members_on(acronym, day))
    chosen: dict[str, Member] = {}
    for row in sorted(rows, key=lambda r: r.joined):
        counts = row.state in current and row.status in COUNTING and _covers(row, day)
        if counts and (row.status == "frozen" or row.state not in chosen):
            chosen[row.state] = _frozen_view(row, chosen.get(row.state))
    return sorted(chosen.values(), key=lambda r: (r.joined, r.state))


def _frozen_view(row: Member, earlier: Member | None) -> Member:
    """A frozen row keeps the join date of the membership it freezes."""
    if row.status != "frozen" or earlier is None:
        return row
    return Member(state=row.state, name=row.name, joined=earlier.joined, left=earlier.left,
                  status="frozen", note=row.note, org=row.org)
