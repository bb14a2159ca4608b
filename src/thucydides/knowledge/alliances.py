"""Treaty obligations: if a state were attacked on a date, who is bound to respond, and how strongly.

The obligations are data (``knowledge/data/alliances/obligations.yaml``): for each treaty article, who is bound
to defend whom (all members of an organisation, or directed guarantees between named states), its
dates in force, its strength (automatic > strong > conditional) and the area it covers. Membership on
the date comes from :mod:`thucydides.knowledge.memberships`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from thucydides.errors import E, ThucydidesError
from thucydides.knowledge import memberships as ms
from thucydides.model import Exposure, Obligation

__all__ = ["Exposure", "Obligation", "exposure", "articles"]




class Guarantee(NamedTuple):
    bound: tuple[str, ...]
    protects: tuple[str, ...]
    only: tuple[str, ...]  # when set, only these places of the protected state are covered


class Suspension(NamedTuple):
    bound: str
    protects: str
    since: str
    note: str


class Article(NamedTuple):
    id: str
    treaty: str
    article: str
    strength: str
    in_force: str
    ended: str | None
    org: str | None
    guarantees: tuple[Guarantee, ...]
    area: str | None
    exceptions: tuple[Suspension, ...]
    state_notes: dict[str, str]
    summary: str
    note: str


class Area(NamedTuple):
    name: str
    excludes: frozenset[str]


class _Treaties(NamedTuple):
    articles: tuple[Article, ...]
    areas: dict[str, Area]
    strengths: dict[str, int]
    no_obligation: dict[str, str]


def clear_caches() -> None:
    _treaties.cache_clear()


ms.on_data_change(clear_caches)  # a user's extra data folder changes the treaties too


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ThucydidesError(E.KB_FILE.format(path=path, detail=exc)) from exc
    if not isinstance(data, dict):
        raise ThucydidesError(E.KB_FILE.format(path=path, detail="expected a mapping at the top"))
    return data


def _codes(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (str(value),) if isinstance(value, str) else tuple(str(v) for v in value)


def _article(raw: dict[str, Any], path: Path) -> Article:
    try:
        org = ms.resolve_org(raw["org"]) if raw.get("org") else None
        guarantees = tuple(Guarantee(_codes(g["bound"]), _codes(g["protects"]), _codes(g.get("only")))
                           for g in raw.get("guarantees") or ())
        exceptions = tuple(Suspension(str(x["bound"]), str(x["protects"]), str(x["since"]), str(x.get("note", "")))
                           for x in raw.get("exceptions") or ())
        return Article(id=str(raw["id"]), treaty=str(raw["treaty"]), article=str(raw["article"]),
                       strength=str(raw["strength"]), in_force=ms.parse_date(str(raw["in_force"])),
                       ended=ms.parse_date(str(raw["ended"])) if raw.get("ended") else None,
                       org=org, guarantees=guarantees, area=raw.get("area"), exceptions=exceptions,
                       state_notes={str(k): str(v) for k, v in (raw.get("state_notes") or {}).items()},
                       summary=str(raw.get("summary", "")), note=str(raw.get("note", "")))
    except (KeyError, TypeError, ThucydidesError) as exc:
        raise ThucydidesError(E.KB_FILE.format(path=path, detail=f"obligation {raw.get('id')!r}: {exc}")) from exc


@functools.lru_cache(maxsize=1)
def _treaties() -> _Treaties:
    articles: list[Article] = []
    areas: dict[str, Area] = {}
    strengths: dict[str, int] = {}
    no_obligation: dict[str, str] = {}
    for folder in ms.data_dirs():
        path = folder / "obligations.yaml"
        if not path.exists():
            continue
        data = _read_yaml(path)
        strengths.update({str(k): int(v) for k, v in (data.get("strengths") or {}).items()})
        for key, area in (data.get("areas") or {}).items():
            areas[str(key)] = Area(str(area.get("name", key)), frozenset(_codes(area.get("excludes"))))
        no_obligation.update({ms.resolve_org(str(k)): str(v) for k, v in (data.get("no_obligation") or {}).items()})
        articles.extend(_article(raw, path) for raw in data.get("obligations") or ())
    for a in articles:
        if a.area and a.area not in areas:
            raise ThucydidesError(E.KB_FILE.format(path=a.id, detail=f"unknown area {a.area!r}"))
        if a.strength not in strengths:
            raise ThucydidesError(E.KB_FILE.format(path=a.id, detail=f"unknown strength {a.strength!r}"))
    return _Treaties(tuple(articles), areas, strengths, no_obligation)


def articles() -> list[Article]:
    """Every treaty article known, in file order."""
    return list(_treaties().articles)


def _guarantors(article: Article, protected: str, on: str, joiner: str | None) -> list[tuple[str, tuple[str, ...]]]:
    """(bound state, covered places) for ``protected`` under the article; ``joiner`` counts as a member."""
    if article.org is not None:
        parties = set(ms.members(article.org, on))
        if joiner:
            parties.add(joiner)
        return [(b, ()) for b in sorted(parties - {protected})] if protected in parties else []
    return sorted((b, g.only) for g in article.guarantees if protected in g.protects for b in g.bound if b != protected)


def _obligations(target: str, attacker: str, on: str, articles: list[Article], joiner: str | None,
                 scenario: str, notes: list[str]) -> list[Obligation]:
    protected = ms.sovereign(target)
    treaties = _treaties()
    out: list[Obligation] = []
    for article in articles:
        if article.in_force > on or (article.ended is not None and on >= article.ended):
            continue
        pairs = _guarantors(article, protected, on, joiner)
        if not pairs:
            continue
        label = f"{article.treaty} Art. {article.article}"
        area = treaties.areas.get(article.area or "")
        if area is not None and target in area.excludes:
            notes.append(f"{scenario}: {ms.state_name(target)} lies outside {area.name}, so {label} does not apply")
            continue
        suspended = {x.bound: x.note for x in article.exceptions if x.protects == protected and x.since <= on}
        for bound, only in pairs:
            if only and target not in only:
                continue
            if bound in suspended:
                notes.append(f"{scenario}: {suspended[bound]}")
                continue
            if bound == attacker:
                notes.append(f"{scenario}: the attacker {ms.state_name(attacker)} is itself a party to {label}; "
                             "the treaty does not say how the others respond when one party attacks another")
                continue
            note = "; ".join(filter(None, [article.state_notes.get(bound), _frozen_note(bound, article, on),
                                           article.note]))
            out.append(Obligation(state=bound, name=ms.state_name(bound), treaty=article.treaty,
                                  article=article.article, strength=article.strength, protects=protected,
                                  org=article.org, in_force=article.in_force, scenario=scenario,
                                  summary=article.summary or None, note=note or None))
    out.sort(key=lambda o: (-treaties.strengths.get(o.strength, 0), o.treaty, o.state))
    return out


def _frozen_note(state: str, article: Article, on: str) -> str:
    if article.org is None:
        return ""
    row = ms.status(state, article.org, on)
    return f"{ms.state_name(state)} has frozen its participation: {row.note}" if row and row.status == "frozen" else ""


def exposure(target: str, attacker: str, on: str | None = None, joining: str | None = None) -> Exposure:
    """If ``target`` were attacked by ``attacker`` on ``on`` (default today), who is bound to respond.

    ``target`` may be a state or a territory ("Greenland", "Hawaii"); a territory is protected through
    its sovereign unless the article's area leaves it out. With ``joining`` (an organisation), the
    result also lists who would be bound if the target's state joined it on that date.
    """
    place = ms.resolve_place(target)
    attacker_code = ms.resolve_state(attacker)
    day = ms.parse_date(on)
    protected = ms.sovereign(place)
    treaties = _treaties()
    result = Exposure(target=place, attacker=attacker_code, on=day, target_name=ms.state_name(place),
                      attacker_name=ms.state_name(attacker_code), protected_state=protected,
                      memberships=ms.memberships(protected, day))
    result.bound = _obligations(place, attacker_code, day, list(treaties.articles), None, "now", result.notes)
    for org in result.memberships:
        row = ms.status(protected, org, day)
        if row is not None and row.status == "frozen":
            result.notes.append(f"now: {ms.state_name(protected)}'s {org} membership is frozen ({row.note})")
    if not result.bound:
        result.notes.append(f"now: no treaty ally is bound to defend {result.target_name} on {day}")
    if joining:
        org = ms.resolve_org(joining)
        result.joining = org
        scenario = f"if {protected} joins {org}"
        org_articles = [a for a in treaties.articles if a.org == org]
        if org in result.memberships:
            result.notes.append(f"{scenario}: {ms.state_name(protected)} is already a member of {org}")
        if not org_articles:
            reason = treaties.no_obligation.get(org, "no mutual-defence obligation is recorded for it")
            result.notes.append(f"{scenario}: {org} carries no obligation to defend its members ({reason})")
        result.if_joins = _obligations(place, attacker_code, day, org_articles, protected, scenario, result.notes)
        if attacker_code in ms.members(org, day):
            result.notes.append(f"{scenario}: the attacker {result.attacker_name} is itself a member of {org}")
    return result


def no_obligation_reason(org: str) -> str | None:
    """Why membership of ``org`` binds no one to defend anyone, or None if it does."""
    acronym = ms.resolve_org(org)
    return _treaties().no_obligation.get(acronym)


__all__ = ["Exposure", "Obligation", "articles", "exposure", "no_obligation_reason"]

