"""One record per happening: the mentions of one happening within an article merge into one event.

"Syrian forces shelled the town on Monday ... The shelling killed four ... Monday's attack" is one
ASSAULT mentioned three times; "bombed the market, killing 12" is one bombing, the killing part of it. A
later mention joins an earlier event when their types are of one family, their aux modes agree, their
actors, recipients, dates and places are compatible (the same codes, or one side empty or unresolved but
fitting), and the text ties them: the same sentence, a definite or possessive noun that refers back ("the
shelling", "Monday's attack"), a shared coded actor with the same day or, for a happening of the same type with no date of its own,
the same named place, or, a few
sentences on, a shared coded actor named by reference ("its aircraft had struck"), or, for the happening
the article opens with, the same type by a shared coded actor in its first paragraphs, or, from further
back, a definite noun that a predicate speaks about ("insisted the ceasefire did not apply to them": a
known happening, not a new report). A
mention marked new ("another strike", "struck again") starts its own event, and so do distinct happenings
(different actors, days or places; an accusation and the attack it accuses are different types).

The merged event keeps every mention (``Event.mentions``), the earliest as its ``sentence`` and trigger,
and the best-informed fields of its mentions: a coded actor, the most precise date, the most specific
place. The mentions merged into another event stay as candidates marked ``dropped`` ("duplicate
mention"), so nothing is lost. Rule parameters are data (``data/merge.json``).

:func:`merge_mentions` is a plain function over typed records; :func:`mention_cues` reads the few cues it
needs from the spaCy Doc (is the trigger a noun, definite, marked new; what it hangs on).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from thucydides.model import Actor, Event, Mention, Place
from thucydides.nlp.events.merge_rules import (
    COORDINATED,
    PART,
    MentionCues,
    MergeRules,
    load_rules,
)

DATE_RANK = {"day": 3, "month": 2, "year": 1, "document": 0}
BROAD_PLACES = ("country", "region")


# --- cues from the Doc --------------------------------------------------------------------------------




# --- compatibility ------------------------------------------------------------------------------------

def _codes(actors: Sequence[Actor]) -> set[str]:
    return {a.code for a in actors if a.code}


def _head(text: str) -> str:
    words = [w for w in text.lower().replace("'s", "").split() if w.isalpha()]
    return words[-1] if words else ""


def _fits(uncoded: Sequence[Actor], rules: MergeRules) -> bool:
    """Uncoded actors that may stand for a coded one: pronouns and generic words ("the regime"), not an
    unknown name."""
    def fits(a: Actor) -> bool:
        if _head(a.text) in rules.generic_actor_words:
            return True
        return not any(w[:1].isupper() and w.lower() not in rules.definite_words for w in a.text.split())

    return all(fits(a) for a in uncoded)


def _sectors_fit(x: str | None, y: str | None, rules: MergeRules) -> bool:
    """Sectors of one side: the same group (a government and its army), or one unknown; the rebels and
    the army of one country are two sides."""
    if not x or not y:
        return True
    return rules.sector_groups.get(x, x) == rules.sector_groups.get(y, y)


def parties_compatible(a: Sequence[Actor], b: Sequence[Actor], rules: MergeRules, heads: bool = True) -> bool:
    """The same codes, or one side empty, or one side unresolved but fitting the other; without codes,
    the same head word or a generic one ("they", "the regime"), or (``heads`` false) no two different
    names."""
    if not a or not b:
        return True
    ca, cb = _codes(a), _codes(b)
    if ca and cb:
        return any(x.code == y.code and _sectors_fit(x.sector, y.sector, rules) for x in a for y in b if x.code)
    if ca or cb:
        uncoded = [x for x in (b if ca else a) if not x.code]
        return _fits(uncoded, rules)
    if not heads:  # what is acted on is described many ways ("the town", "four civilians"); names differ
        names_a, names_b = _names(a, rules), _names(b, rules)
        return not (names_a and names_b) or bool(names_a & names_b)
    heads_a, heads_b = {_head(x.text) for x in a}, {_head(x.text) for x in b}
    generic = rules.generic_actor_words
    return bool(heads_a & heads_b) or heads_a <= generic or heads_b <= generic


def _names(parties: Sequence[Actor], rules: MergeRules) -> set[str]:
    return {w.strip(".,'’").casefold() for x in parties for w in x.text.split()
            if w[:1].isupper() and w.lower() not in rules.definite_words}


def dates_compatible(a: Event, b: Event) -> bool:
    """Either undated (the document's date), or their ranges overlap at the coarser precision."""
    if not a.date or not b.date or "document" in (a.date_precision, b.date_precision):
        return True
    n = min(len(a.date), len(b.date))
    a0, a1 = a.date[:n], (a.date_end or a.date)[:n]
    b0, b1 = b.date[:n], (b.date_end or b.date)[:n]
    return a0 <= b1 and b0 <= a1


def _specific(p: Place | None) -> bool:
    return p is not None and p.feature not in BROAD_PLACES


def places_compatible(a: Place | None, b: Place | None) -> bool:
    """Either without a place, the same place, or a country and a place in it."""
    if a is None or b is None:
        return True
    if a.name.casefold() == b.name.casefold():
        return True
    if a.country and b.country and a.country != b.country:
        return False
    return not (_specific(a) and _specific(b))


def _same_day(a: Event, b: Event) -> bool:
    return a.date_precision == "day" and b.date_precision == "day" and a.date == b.date


# --- clusters -------------------------------------------------------------------------------------------

def _position(ev: Event) -> tuple[int, int]:
    return (ev.sentence.index if ev.sentence else -1, ev.trigger_start if ev.trigger_start is not None else -1)


@dataclass
class _Cluster:
    members: list[Event]
    view: Event  # the best-informed fields so far, for comparing a new mention
    # members told from the other side of a visit, turned to the cluster's side (by member id)
    turned: dict[str, Event] = field(default_factory=dict)

    def sides(self) -> list[Event]:
        """The members as the cluster's first mention tells the happening (a hosting turned to a visit)."""
        return [self.turned.get(m.id, m) for m in self.members]

    @property
    def last_index(self) -> int:
        return _position(self.members[-1])[0]

    def sentences(self) -> set[int]:
        return {_position(m)[0] for m in self.members}


def _nearest_trigger(ev: Event, cues: Mapping[str, MentionCues], triggers: set[int]) -> tuple[int, int] | None:
    """The nearest word ``ev`` hangs on that triggers another event (offset, link)."""
    for offset, link in cues.get(ev.id, MentionCues()).governors:
        if offset in triggers and offset != ev.trigger_start:
            return offset, link
    return None


def _linked(a: Event, b: Event, cues: Mapping[str, MentionCues], triggers: set[int], rules: MergeRules) -> bool:
    """One of the two triggers hangs on the other (the nearest trigger it hangs on) without a link that
    separates two acts, or a toll coordinated with the act ("captured and killed")."""
    toll = any(cues.get(e.id, MentionCues()).lemma in rules.casualty_lemmas for e in (a, b))
    speech = a.event == b.event and a.event in rules.coordinated_types
    for x, y in ((a, b), (b, a)):
        found = _nearest_trigger(y, cues, triggers)
        if found is not None and found[0] == x.trigger_start:
            # two acts asked for in one reported clause ("said the zone should be cleared ... and should be
            # patrolled") are one request; two verbs of speaking ("vowed ... and warned ...") are two
            said = speech and bool(cues.get(x.id, MentionCues()).governors)
            return found[1] == PART or (found[1] == COORDINATED and (toll or said))
    return _siblings(a, b, cues)


def _siblings(a: Event, b: Event, cues: Mapping[str, MentionCues]) -> bool:
    """Two mentions of one type hanging as parts on one word, one of them a noun: the act named, then told
    by a participle ("renewed their bombardment of the south, pounding the town")."""
    if a.event != b.event:
        return False
    ca, cb = cues.get(a.id, MentionCues()), cues.get(b.id, MentionCues())
    if not (ca.governors and cb.governors) or not (ca.nominal or cb.nominal) or ca.nominal == cb.nominal:
        return False
    return ca.governors[0] == cb.governors[0] and ca.governors[0][1] == PART


def _toll_of(a: Event, b: Event, cues: Mapping[str, MentionCues], rules: MergeRules) -> bool:
    """One of the two is the toll of the other, told as part of it in one clause: the toll hangs on the
    act ("stormed the village, killing a sergeant") or on the verb the act is the object of ("carried out
    strikes on a market, killing 15"), and the two share a coded actor or the toll names none."""
    for act, toll in ((a, b), (b, a)):
        toll_cue, act_cue = cues.get(toll.id, MentionCues()), cues.get(act.id, MentionCues())
        if toll_cue.lemma not in rules.casualty_lemmas or not toll_cue.governors:
            continue
        offset, link = toll_cue.governors[0]
        if link != PART:
            continue
        hangs = offset == act.trigger_start or (
            act_cue.nominal and bool(act_cue.governors) and act_cue.governors[0] == (offset, PART))
        if hangs and (not _codes(toll.actor) or bool(_codes(toll.actor) & _codes(act.actor))):
            return True
    return False


def related_lemmas(a: str, b: str, rules: MergeRules) -> bool:
    """The same act named twice ("shelled", "the shelling"; "bombed", "the bombardment"), or a noun
    that names any act ("the attack", "the incident")."""
    if not a or not b:
        return False
    if b in rules.generic_event_nouns:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= min(4, len(a), len(b))


def _facing(view: Event, ev: Event) -> bool:
    """A visit and its hosting: the same meeting told from the guest's side and from the host's."""
    return view.event == ev.event == "CONSULT" and {view.mode, ev.mode} == {"visit", "host"}


def _turned(ev: Event, mode: str | None) -> Event:
    """A hosting told as the visit (or the reverse): actor and recipient change places."""
    out = copy.copy(ev)
    out.actor, out.recipient, out.mode = ev.recipient, ev.actor, mode
    return out


def _joins(cl: _Cluster, ev: Event, cue: MentionCues, cues: Mapping[str, MentionCues],
           triggers: set[int], rules: MergeRules) -> bool:
    view = cl.view
    if rules.family(view.event) != rules.family(ev.event) or view.aux_mode != ev.aux_mode:
        return False
    if _facing(view, ev):  # "Erdogan arrived in Sochi ... Putin hosted him": compared from the guest's side
        ev = _turned(ev, view.mode)
    if cue.venue and ev.event in rules.venue_types:  # "the Munich conference": where it is held, not who holds it
        ev = copy.copy(ev)
        ev.actor = [a for a in ev.actor if _strip_the(a.text) != cue.venue.casefold()]
        if (ev.event == view.event and view.location is not None
                and view.location.name.casefold() == cue.venue.casefold()
                and any(related_lemmas(cues.get(m.id, MentionCues()).lemma, cue.lemma, rules) for m in cl.members)):
            return True  # "a summit in Tehran ... the Tehran summit": named by its place
    if not (parties_compatible(view.actor, ev.actor, rules)
            and dates_compatible(view, ev) and places_compatible(view.location, ev.location)):
        return False
    index = _position(ev)[0]
    if rules.same_sentence == "linked" and index in cl.sentences() and any(
            _toll_of(m, ev, cues, rules) for m in cl.members if _position(m)[0] == index):
        return True  # "stormed the village, killing a police sergeant": the toll's victims are not the target
    if rules.same_sentence == "linked" and index in cl.sentences() and any(
            _siblings(m, ev, cues) and parties_compatible(m.actor, ev.actor, rules)
            for m in cl.sides() if _position(m)[0] == index):
        return True  # "renewed their bombardment of the south, pounding the town": the town is in the south
    if (ev.event in rules.lead_speech_types and index not in cl.sentences() and not cue.shift
            and _codes(view.actor) & _codes(ev.actor) and index <= rules.lead_window and min(cl.sentences()) == 0
            and _tells_again(cl, ev, cues) and not _opposed(view, ev)):
        return True  # the lead's request, told again below with its addressee ("asked for his extradition
        # ... had been pressing Ankara to extradite him"): whom a speech act is to is named many ways
    if not parties_compatible(view.recipient, ev.recipient, rules, heads=False) or _opposed(view, ev):
        return False
    if index in cl.sentences():
        if rules.same_sentence == "any":
            return True
        if rules.same_sentence == "linked":
            return any(_linked(m, ev, cues, triggers, rules) for m in cl.members if _position(m)[0] == index)
        return False
    distance = index - cl.last_index
    if cue.shift:
        return False
    window = max(rules.anaphor_window, rules.reference_window) if cue.about else rules.anaphor_window
    if (cue.nominal and cue.definite and distance <= window and _refers_back(cl, cue, cues, rules)
            and (_bare(ev) or _shares(view, ev))):
        return True
    if (0 < distance <= rules.followup_window and ev.event in rules.followup_types and ev.event == view.event
            and _unspecific(ev)):
        return True
    shared = _codes(view.actor) & _codes(ev.actor)
    if shared and distance <= rules.retelling_window and _retells(cl, ev, cues, rules):
        return True
    if shared and index <= rules.lead_window and min(cl.sentences()) == 0 and _tells_again(cl, ev, cues):
        return True  # the lead's strike, told again in the next paragraphs ("Two missiles struck ...")
    if (shared and ev.event == view.event and ev.event in rules.followup_types and _same_place(view, ev)
            and not _own_date(ev)
            and not _own_date(view) and distance <= rules.identity_window):
        return True  # "Russia has sent in aircraft to attack Idlib ... the ministry confirmed it had hit Idlib"
    return bool(shared) and _same_day(view, ev) and distance <= rules.identity_window


def _own_date(ev: Event) -> bool:
    return bool(ev.date) and ev.date_precision != "document"


def _same_place(a: Event, b: Event) -> bool:
    return (_specific(a.location) and _specific(b.location) and a.location is not None and b.location is not None
            and a.location.name.casefold() == b.location.name.casefold())


def _strip_the(text: str) -> str:
    text = text.casefold()
    return text[4:] if text.startswith("the ") else text


def _tells_again(cl: _Cluster, ev: Event, cues: Mapping[str, MentionCues]) -> bool:
    """A mention of the event's own type with no date of its own, and the event one act: not a series
    ("one of its largest air attacks") nor a war dated to a month or a year ("has fought the RSF since
    April 2023"), whose acts are happenings of their own."""
    if ev.event != cl.view.event or (bool(ev.date) and ev.date_precision != "document"):
        return False
    if cl.view.date_precision not in ("day", "document"):
        return False
    return not all(cues.get(m.id, MentionCues()).plural for m in cl.members)


def _retells(cl: _Cluster, ev: Event, cues: Mapping[str, MentionCues], rules: MergeRules) -> bool:
    """A mention of the same type that names its actor by referring back to it ("its aircraft", "the
    group") and has no date of its own tells the event again: "Russian jets had hit the town ... Moscow's
    defence ministry said its aircraft had struck 'terrorist' targets". One act does not retell a series
    ("carried out strikes ... The army struck a meeting")."""
    if not _tells_again(cl, ev, cues):
        return False

    def refers_back(a: Actor) -> bool:
        words = a.text.lower().split()
        return bool(words) and words[0] in rules.definite_words and (
            words[0] != "the" or (len(words) == 2 and words[1] in rules.generic_actor_words))

    return bool(ev.actor) and all(refers_back(a) for a in ev.actor)


def _opposed(a: Event, b: Event) -> bool:
    """One side's actor is the other's recipient (and not its actor too): two acts in opposite directions,
    as "Ukrainian forces seized a village" and "Ukrainian tanks were destroyed"."""
    return bool((_codes(a.actor) & _codes(b.recipient)) - _codes(b.actor)
                or (_codes(b.actor) & _codes(a.recipient)) - _codes(a.actor))


def _bare(ev: Event) -> bool:
    """A mention that names nothing of its own: no actor, recipient, place or date."""
    own_date = bool(ev.date) and ev.date_precision != "document"
    return not (ev.actor or ev.recipient or ev.location or own_date)


def _unspecific(ev: Event) -> bool:
    """A mention without an actor, a place or a date of its own."""
    own_date = bool(ev.date) and ev.date_precision != "document"
    return not (ev.actor or ev.location or own_date)


def _shares(a: Event, b: Event) -> bool:
    """Positive evidence of one happening: a shared actor or recipient code, the same day, the same place."""
    parties = (_codes(a.actor) | _codes(a.recipient)) & (_codes(b.actor) | _codes(b.recipient))
    same_place = a.location is not None and b.location is not None and (
        a.location.name.casefold() == b.location.name.casefold())
    return bool(parties) or _same_day(a, b) or same_place


def _refers_back(cl: _Cluster, cue: MentionCues, cues: Mapping[str, MentionCues], rules: MergeRules) -> bool:
    others = [cues.get(m.id, MentionCues()) for m in cl.members]
    if rules.anaphor_related and not any(related_lemmas(o.lemma, cue.lemma, rules) for o in others):
        return False
    return not (rules.anaphor_number and all(o.nominal for o in others)
                and all(o.plural != cue.plural for o in others))


def _best(members: Sequence[Event], score: Any) -> Event:
    """The member with the highest score, the earliest among equals."""
    return max(reversed(members), key=score)


def _union(groups: Iterable[Sequence[Any]], key: Any) -> list[Any]:
    seen: set[Any] = set()
    out: list[Any] = []
    for group in groups:
        for item in group:
            k = key(item)
            if k not in seen:
                seen.add(k)
                out.append(item)
    return out


def _party_key(a: Actor) -> str:
    return a.code or a.text.casefold()


def own_mentions(ev: Event) -> list[Mention]:
    """The event's mentions; an event coded from one sentence has that one."""
    if ev.mentions:
        return list(ev.mentions)
    if ev.sentence is None:
        return []
    return [Mention(sentence=ev.sentence, trigger=ev.trigger, trigger_start=ev.trigger_start,
                    trigger_end=ev.trigger_end)]


def merged_event(members: Sequence[Event], rules: MergeRules) -> Event:
    """One event from the mentions of one happening (in text order): the first kept mention's record,
    the earliest mention's sentence and trigger, the best-informed fields of all."""
    lead = next((m for m in members if m.dropped is None), members[0])
    out = copy.deepcopy(lead)
    first = members[0]
    out.sentence, out.trigger = first.sentence, first.trigger
    out.trigger_start, out.trigger_end = first.trigger_start, first.trigger_end
    for role in ("actor", "recipient"):
        best = _best(members, lambda m, r=role: (bool(_codes(getattr(m, r))), bool(getattr(m, r)), m is lead))
        setattr(out, role, copy.deepcopy(getattr(best, role)))
    dated = _best(members, lambda m: (DATE_RANK.get(m.date_precision, 0) if m.date else -1, m is lead))
    out.date, out.date_end = dated.date, dated.date_end
    out.date_precision, out.date_text = dated.date_precision, dated.date_text
    placed = _best(members, lambda m: (m.location is not None, _specific(m.location), m is lead))
    out.location = copy.deepcopy(placed.location)
    if out.claim.claimant is None:
        claimed = next((m for m in members if m.claim.claimant is not None), None)
        if claimed is not None:
            out.claim = copy.deepcopy(claimed.claim)
    out.claim.confirmed_by = _union([m.claim.confirmed_by for m in members], _party_key)
    out.claim.denied_by = _union([m.claim.denied_by for m in members], _party_key)
    statuses = {m.claim.status for m in members}
    for verdict in ("denied", "confirmed"):  # a mention that denies or confirms it is the verdict on all
        if verdict in statuses:
            out.claim.status = verdict
            break
    out.quantities = _union([m.quantities for m in members], lambda q: (q.value, q.unit, q.role))
    size: dict[str, int] = {}
    for m in members:
        for k, v in m.size.items():
            size[k] = max(size.get(k, v), v)
    out.size = size
    if out.mode is None:
        out.mode = next((m.mode for m in members if m.mode and m.event == out.event), None)
    out.confidence = max(m.confidence for m in members)
    out.context = _union([m.context for m in members], lambda c: c)
    out.mentions = _union([own_mentions(m) for m in members], lambda x: (x.trigger_start, x.trigger_end))
    out.dropped = None
    out.assign_id()
    return out


def merge_mentions(events: Sequence[Event], cues: Mapping[str, MentionCues] | None = None,
                   rules: MergeRules | None = None) -> list[Event]:
    """One event per happening, in text order: merged events, then the mentions merged into them (marked
    ``dropped``: "duplicate mention") and the other candidates, each with its mentions.

    ``cues`` (by event id, from :func:`mention_cues`) tell referring-back nouns and mentions marked new;
    without them only same-sentence mentions and positive identity (a shared coded actor on the same day
    or at the same named place) merge."""
    rules = rules or load_rules()
    cues = cues or {}
    ordered = [copy.copy(e) for e in sorted(events, key=_position)]  # the caller's records stay as they are
    triggers = {e.trigger_start for e in events if e.trigger_start is not None}
    clusters: list[_Cluster] = []
    alone: list[Event] = []
    # no rule reaches further back than this many sentences, so older events are not looked at again
    # (linear time on a long live blog)
    reach = max(rules.anaphor_window, rules.followup_window, rules.identity_window, rules.reference_window, 0)
    live: list[_Cluster] = []  # the clusters within reach, in creation order
    for ev in ordered:
        if ev.dropped is not None and ev.dropped not in rules.absorb_dropped:
            alone.append(ev)
            continue
        index = _position(ev)[0]
        live = [cl for cl in live if index - cl.last_index <= reach]
        cue = cues.get(ev.id, MentionCues())
        target = None
        if not cue.new:
            target = next((cl for cl in reversed(live) if _joins(cl, ev, cue, cues, triggers, rules)), None)
        if target is not None:
            if _facing(target.view, ev):
                target.turned[ev.id] = _turned(ev, target.view.mode)
            target.members.append(ev)
            target.view = merged_event(target.sides(), rules)
        elif ev.dropped is None:
            clusters.append(_Cluster([ev], ev))
            live.append(clusters[-1])
        else:
            alone.append(ev)
    out: list[Event] = []
    for cl in clusters:
        # only spoken of, never reported ("the deal included foreign fighters", "violated their truce"): a
        # known happening, not news of one
        known = bool(rules.reference_reason) and all(cues.get(m.id, MentionCues()).known for m in cl.members)
        if len(cl.members) == 1:
            ev = cl.members[0]
            ev.mentions = own_mentions(ev)
            if known:
                ev.dropped = rules.reference_reason
            out.append(ev)
            continue
        if known:
            cl.view.dropped = rules.reference_reason
        out.append(cl.view)
        for m in cl.members:
            m.mentions = own_mentions(m)
            if m.dropped is None:
                m.dropped = rules.merged_reason
            out.append(m)
    for ev in alone:
        ev.mentions = own_mentions(ev)
        out.append(ev)
    return sorted(out, key=lambda e: (_position(e), e.dropped is not None))
