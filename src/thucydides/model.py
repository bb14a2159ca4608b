"""The one record schema: every other module produces or consumes these records.

JSON output, database rows and the API are derived from these dataclasses (``to_dict`` /
``from_dict``); field names follow PLOVER where PLOVER has the field.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

# PLOVER 2.0 quad classes, as the manual's table gives them (SANCTION is verbal conflict).
QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
EVENT_TYPES: tuple[str, ...] = tuple(QUAD)
CLAIM_STATUSES = ("asserted", "claimed", "reported", "confirmed", "denied")
AUX_MODES = ("future", "hypothetical", "historical", "negated")
DATE_PRECISIONS = ("day", "month", "year", "document")

T = TypeVar("T")


_HASHED = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)  # made once: hashing is hot


def content_hash(*parts: Any, length: int = 16) -> str:
    """A stable id from content: the same parts always give the same id."""
    blob = _HASHED.encode(parts)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:length]


class Record:
    """Mixin: JSON-ready dicts out, typed records back in."""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload, no-any-return]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any] | None) -> T:
        return _from_dict(cls, data)  # type: ignore[arg-type]


def _from_dict(cls: type[Any], data: dict[str, Any] | None) -> Any:
    if data is None:
        return None
    nested = NESTED.get(cls.__name__, {})
    kwargs: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(cls)}
    for key, value in data.items():
        if key not in names:
            continue
        sub = nested.get(key)
        if sub is not None and value is not None:
            target, many = sub
            value = [_from_dict(target, v) for v in value] if many else _from_dict(target, value)
        kwargs[key] = value
    return cls(**kwargs)


@dataclass
class Actor(Record):
    """An entity as the text names it, and what the knowledge base makes of it."""

    text: str
    code: str | None = None  # PLOVER country code: ISO3, or IGO / UNO (UN bodies) / EUR (EU bodies) / NGO
    org: str | None = None  # the organisation's own acronym when the actor is or belongs to one (NATO, IAEA)
    sector: str | None = None  # PLOVER sector: GOV, MIL, COP, REB, JRN, ...
    name: str | None = None  # canonical name of the matched entry
    kind: str | None = None  # state, igo, person, outlet, thinktank, party, group, unit, seat, sector,
    #                          place (only a place named it), equipment, military (equipment operated by a state)
    entry: str | None = None  # id of the knowledge-base entry matched
    why: str | None = None  # how it was matched (alias, demonym, official as of date, ...)
    start: int | None = None  # character offsets in the document
    end: int | None = None


@dataclass
class Place(Record):
    name: str
    country: str | None = None  # ISO3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # city, admin1, country, region
    geonameid: int | None = None
    text: str | None = None  # the words in the text
    how: str | None = None  # how it was chosen (clause, sentence, capital, ...)


@dataclass
class Quantity(Record):
    value: float | int
    text: str
    qualifier: str | None = None  # at least, at most, about, more than, up to, dozens, several
    unit: str | None = None  # tank, aircraft, personnel, person, ...
    model: str | None = None  # equipment model ("Leopard 2")
    origin: str | None = None  # ISO3 of the equipment's maker ("German Leopard 2")
    role: str | None = None  # dead, injured, arrested, displaced, participants, ...
    approximate: bool = False


@dataclass
class Claim(Record):
    status: str = "asserted"  # one of CLAIM_STATUSES
    claimant: Actor | None = None
    confirmed_by: list[Actor] = field(default_factory=list)
    denied_by: list[Actor] = field(default_factory=list)
    outlet: Actor | None = None  # the outlet that reports it, where one is named
    verb: str | None = None  # said, claimed, confirmed, according to, ...
    evidence: list[str] = field(default_factory=list)  # "visually verified", "in writing", ...
    quote: bool = False  # the event sits in a direct quotation


@dataclass
class Quote(Record):
    text: str
    start: int
    end: int
    speaker: Actor | None = None
    direct: bool = True
    verb: str | None = None
    sentence_index: int | None = None
    doc_id: str | None = None
    id: str = ""


@dataclass
class Sentence(Record):
    index: int
    text: str
    start: int
    end: int


@dataclass
class Mention(Record):
    """One place in the article where an event is mentioned: its sentence and trigger."""

    sentence: Sentence
    trigger: str = ""
    trigger_start: int | None = None
    trigger_end: int | None = None


# Why a candidate is not in the default output (it is kept, and asked for with --candidates).
# A report without a coded actor is no PLOVER event, but it still attests that something happened: incidents
# (corroboration across outlets) count it.
NO_ACTOR = "no actor"
ATTESTING_DROPS: frozenset[str] = frozenset({NO_ACTOR})
# The confidence below which events leave the default output (of `code`, of ledger queries and of the API);
# None: no cut. Confidences are calibrated (the share of such records that are right, README "How well it
# works"): --min-confidence 0.8 keeps records right about 80% of the time on real articles. No default cut:
# the bands under 0.4 are small and right a third of the time on articles, but a cut there costs the
# sentence sets more than it gains. ``min_confidence=0`` asks for everything, candidates included.
DEFAULT_MIN_CONFIDENCE: float | None = None
DROP_REASONS: tuple[str, ...] = (
    "no actor", "generic mention", "descriptive participle", "non-political sense", "metaphor",
    "name or title", "duplicate mention", "low confidence", "other sense",
)


@dataclass
class Event(Record):
    event: str  # PLOVER event type
    doc_id: str = ""
    id: str = ""
    mode: str | None = None
    quad: int | None = None
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    trigger: str = ""
    trigger_start: int | None = None
    trigger_end: int | None = None
    date: str | None = None
    date_end: str | None = None
    date_precision: str = "document"
    date_text: str | None = None
    location: Place | None = None
    sentence: Sentence | None = None
    claim: Claim = field(default_factory=Claim)
    quantities: list[Quantity] = field(default_factory=list)
    size: dict[str, int] = field(default_factory=dict)  # PLOVER size: dead, injured, arrested
    aux_mode: str | None = None
    recoded_from: str | None = None  # an announced intention: the act it announces (AID -> coded AGREE)
    # places the article's events name, most frequent first: not this event's location, only a hint that
    # tells incidents apart when the event names no place itself
    article_places: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    confidence: float = 0.5
    source: str | None = None  # the document's outlet
    title: str | None = None
    # every mention of this happening in the article (the first is ``sentence``); one record per happening
    mentions: list[Mention] = field(default_factory=list)
    dropped: str | None = None  # why it is only a candidate (one of DROP_REASONS); None: in the default output

    def __post_init__(self) -> None:
        if self.quad is None and self.event in QUAD:
            self.quad = QUAD[self.event]

    def assign_id(self) -> str:
        """Content-hash id: the same event in the same document always gets the same id."""
        self.id = content_hash(self.doc_id, self.event, self.mode, self.trigger_start, self.trigger_end,
                               [a.code or a.text for a in self.actor],
                               [a.code or a.text for a in self.recipient])
        if len(self.mentions) > 1:  # merged mentions: told apart from the first mention's own candidate
            self.id = content_hash(self.id, [(m.trigger_start, m.trigger_end) for m in self.mentions])
        return self.id


@dataclass
class Document(Record):
    text: str
    id: str = ""
    date: str | None = None  # publication date, YYYY-MM-DD
    source: str | None = None  # outlet
    title: str | None = None
    url: str | None = None
    path: str | None = None  # where it was read from (file, file:line)
    language: str | None = None
    status: str = "new"  # new, coded, failed, skipped
    error: str | None = None
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.text, self.date, self.source, self.title)
        if not self.id:
            self.id = self.content_hash


NESTED: dict[str, dict[str, tuple[type[Any], bool]]] = {
    "Claim": {"claimant": (Actor, False), "confirmed_by": (Actor, True), "denied_by": (Actor, True),
              "outlet": (Actor, False)},
    "Quote": {"speaker": (Actor, False)},
    "Event": {"actor": (Actor, True), "recipient": (Actor, True), "location": (Place, False),
              "sentence": (Sentence, False), "claim": (Claim, False), "quantities": (Quantity, True),
              "mentions": (Mention, True)},
    "Mention": {"sentence": (Sentence, False)},
}


@dataclass
class Report(Record):
    """One document's report of an incident."""

    event_id: str
    doc_id: str
    outlet: str | None = None
    claimant: Actor | None = None
    status: str = "asserted"
    confirmed_by: list[Actor] = field(default_factory=list)
    denied_by: list[Actor] = field(default_factory=list)
    sentence: str | None = None
    date: str | None = None


@dataclass
class Incident(Record):
    """Reports of the same happening across documents, grouped by the ledger."""

    id: str
    event: str
    actor: list[str] = field(default_factory=list)  # codes
    recipient: list[str] = field(default_factory=list)
    location: str | None = None
    date: str | None = None
    date_end: str | None = None
    reports: list[Report] = field(default_factory=list)
    sources: int = 0  # independent outlets
    status: str = "single-source"  # single-source, corroborated, confirmed-by-adversary, disputed


NESTED["Report"] = {"claimant": (Actor, False), "confirmed_by": (Actor, True), "denied_by": (Actor, True)}
NESTED["Incident"] = {"reports": (Report, True)}


# Alliances and treaty obligations (knowledge.memberships, knowledge.alliances)


@dataclass
class Member(Record):
    """One state's membership of an organisation (or one suspension of it)."""

    state: str  # ISO3, or an organisation's acronym when an organisation is itself a member (EU in the G20)
    name: str
    joined: str
    left: str | None = None
    status: str = "member"  # member, frozen, suspended, associate
    note: str | None = None
    org: str | None = None


@dataclass
class Obligation(Record):
    """One state bound, by one treaty article, to respond to an attack on the target."""

    state: str  # ISO3 of the state bound to respond
    name: str
    treaty: str
    article: str
    strength: str  # automatic, strong, conditional
    protects: str  # ISO3 of the state it is bound to defend
    org: str | None = None  # the organisation whose membership creates the obligation
    in_force: str | None = None
    scenario: str = "now"  # "now", or "if UKR joins NATO"
    summary: str | None = None
    note: str | None = None


@dataclass
class Exposure(Record):
    """Who is bound to respond if ``target`` were attacked by ``attacker`` on ``on``."""

    target: str
    attacker: str
    on: str
    target_name: str = ""
    attacker_name: str = ""
    protected_state: str = ""  # the target's sovereign when the target is a territory
    joining: str | None = None
    memberships: list[str] = field(default_factory=list)  # the target's organisations on the date
    bound: list[Obligation] = field(default_factory=list)
    if_joins: list[Obligation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def states_bound(self) -> list[str]:
        return sorted({o.state for o in self.bound})

    def states_bound_if_joins(self) -> list[str]:
        return sorted({o.state for o in self.if_joins})
