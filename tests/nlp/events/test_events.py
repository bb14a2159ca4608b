"""Trigger matching and argument extraction on parsed sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.nlp.events.candidates import Candidate, find_candidates, np_span
from thucydides.nlp.events.lexicon import default_lexicon

pytestmark = pytest.mark.model


def events_of(parser: Language, text: str) -> list[Candidate]:
    doc = parser(text)
    lex = default_lexicon()
    return [c for sent in doc.sents for c in find_candidates(sent, lex)]


def summary(c: Candidate) -> tuple[str, str | None, list[str], list[str]]:
    return (c.rule.event, c.mode, [np_span(h).text for h in c.actor_heads],
            [np_span(h).text for h in c.recipient_heads])


def by_event(cands: list[Candidate]) -> dict[str, Candidate]:
    return {c.rule.event: c for c in cands}


def test_visit_to_pledge_is_two_events_with_the_visitor_as_actor(parser: Language) -> None:
    cands = by_event(events_of(parser, "The Dutch prime minister visited Moldova on Friday to pledge "
                                       "support for its bid to join the European Union."))
    assert summary(cands["CONSULT"]) == ("CONSULT", "visit", ["The Dutch prime minister"], ["Moldova"])
    pledge = cands.get("AGREE") or cands["SUPPORT"]
    assert [np_span(h).text for h in pledge.actor_heads] == ["The Dutch prime minister"]


def test_passive_voice_takes_the_agent_as_actor_and_the_subject_as_recipient(parser: Language) -> None:
    (c,) = [c for c in events_of(parser, "Two radar stations were destroyed by Ukrainian drones overnight.")
            if c.rule.event == "ASSAULT"]
    assert summary(c) == ("ASSAULT", "destroy", ["Ukrainian drones"], ["Two radar stations"])


def test_coordinated_actors_are_all_kept(parser: Language) -> None:
    (c,) = [c for c in events_of(parser, "Poland and Lithuania condemned the border incident.")
            if c.rule.event == "ACCUSE"]
    assert [np_span(h).text for h in c.actor_heads] == ["Poland", "Lithuania"]


def test_light_verb_and_event_noun_make_one_event_with_the_noun_recipient(parser: Language) -> None:
    cands = events_of(parser, "Government troops launched an offensive against rebel positions near Goma.")
    assault = [c for c in cands if c.rule.event == "ASSAULT"]
    assert len(assault) == 1
    assert summary(assault[0])[2:] == (["Government troops"], ["rebel positions"])


def test_requires_column_separates_senses_of_one_verb(parser: Language) -> None:
    deal = by_event(events_of(parser, "The two governments struck a deal on grain exports."))
    attack = by_event(events_of(parser, "Missiles struck a power plant in the east."))
    assert "AGREE" in deal and "ASSAULT" not in deal
    assert "ASSAULT" in attack


def test_reporting_verb_alone_is_no_event(parser: Language) -> None:
    assert events_of(parser, "The spokesman said the weather was fine.") == []


def test_reported_event_outranks_a_subordinate_one(parser: Language) -> None:
    cands = events_of(parser, "Officials said rebels attacked a convoy after soldiers had arrested two men.")
    top = max(cands, key=lambda c: c.confidence)
    assert top.rule.event == "ASSAULT" and top.trigger.text == "attacked"


def test_imposed_sanctions_on_is_one_sanction_against_the_prepositional_object(parser: Language) -> None:
    cands = [c for c in events_of(parser, "Canada imposed new sanctions on Belarus on Monday.")
             if c.rule.event == "SANCTION"]
    assert len(cands) == 1
    assert summary(cands[0])[2:] == (["Canada"], ["Belarus"])


def test_giving_verbs_take_the_receiver_not_the_gift(parser: Language) -> None:
    (c,) = [c for c in events_of(parser, "Japan provided emergency medical supplies to Turkey.")
            if c.rule.event == "AID"]
    assert [np_span(h).text for h in c.recipient_heads] == ["Turkey"]


def test_reciprocal_meeting_lists_every_party_as_actor(parser: Language) -> None:
    (c,) = [c for c in events_of(parser, "The Kenyan and Ethiopian leaders met in Nairobi.")
            if c.rule.event == "CONSULT"]
    assert c.recipient_heads == []


def test_appeals_are_requests(parser: Language) -> None:
    (c,) = [c for c in events_of(parser, "Norway urged both sides to return to the negotiating table.")
            if c.rule.event == "REQUEST"]
    assert [np_span(h).text for h in c.actor_heads] == ["Norway"]


def test_opinion_agreement_is_no_agree_event(parser: Language) -> None:
    cands = events_of(parser, "Voters said they agree with the mayor that the bridge is ugly.")
    assert "AGREE" not in {c.rule.event for c in cands}


def test_full_noun_phrase_keeps_place_and_apposition(parser: Language) -> None:
    doc = parser("The police station in Kandahar was attacked on Sunday.")
    station = next(t for t in doc if t.text == "station")
    assert np_span(station).text == "The police station"
    assert np_span(station, full=True).text == "The police station in Kandahar"


def test_a_reported_obligation_on_any_verb_is_a_request(parser: Language) -> None:
    cands = events_of(parser, "The monitors said the police must ensure the safety of voters.")
    requests = [c for c in cands if c.rule.event == "REQUEST"]
    assert len(requests) == 1 and requests[0].trigger.text == "ensure"
    assert not [c for c in events_of(parser, "The police ensure the safety of voters.") if c.rule.event == "REQUEST"]


def recipients(parser: Language, text: str, event: str) -> list[str]:
    (c,) = [c for c in events_of(parser, text) if c.rule.event == event]
    return [np_span(h).text for h in c.recipient_heads]


RECIPIENT_CASES = [
    # a thing acted on gives way to the party it names
    ("Customs officers returned four bronze statues to the government of Cambodia.", "RETREAT",
     ["the government of Cambodia"]),
    ("Estonia lifted the travel restrictions imposed on Latvian farmers.", "RETREAT", ["Latvian farmers"]),
    ("Portugal is deploying 120 troops to the peacekeeping mission in Chad.", "AID", ["Chad"]),
    ("The court rejected an extradition request for the former mayor.", "REJECT", ["the former mayor"]),
    ("The cabinet accepted the demands of the striking dockworkers.", "AGREE", ["the striking dockworkers"]),
    ("Ghana donated USD5 million to the Red Cross.", "AID", ["the Red Cross"]),
    ("Denmark suspended development aid to Tanzania.", "SANCTION", ["Tanzania"]),
    ("Qatar launched a mediation effort between Chad and Sudan.", "CONSULT", ["Chad", "Sudan"]),
    ("The rebels rejected Kenya's offer of talks.", "REJECT", ["Kenya"]),
    # a thing with no party stays the recipient
    ("The parliament rejected the budget.", "REJECT", ["the budget"]),
    # units sent or withdrawn are not the recipient: where they go or leave is
    ("Brazil sent 300 soldiers to Haiti.", "MOBILIZE", ["Haiti"]),
    ("Chad withdrew its soldiers from Niger.", "RETREAT", ["Niger"]),
    ("Mali withdrew its soldiers from the disputed border zone.", "RETREAT", ["the disputed border zone"]),
    ("The militia declared a ceasefire in Darfur.", "RETREAT", ["Darfur"]),
    # a named party in the verb's phrases, never a time
    ("Striking miners clashed with police outside the mine.", "ASSAULT", ["police"]),
    ("Armed men clashed on Tuesday.", "ASSAULT", []),
    # the receiver past what is given
    ("Spain sent 40 ambulances and a team of surgeons to Libya.", "AID", ["Libya"]),
    ("Norway gave to Sudan most of the grain.", "AID", ["Sudan"]),
    # a capitalised word the tagger took for a noun is still a name
    ("Fiji has established diplomatic ties with Seychelles.", "SUPPORT", ["Seychelles"]),
    # what is discussed is a topic, not a party
    ("The two envoys discussed sanctions on Iran's oil exports.", "CONSULT", []),
    ("Chile discussed fishing quotas with Peru.", "CONSULT", ["Peru"]),
]


@pytest.mark.parametrize(("text", "event", "want"), RECIPIENT_CASES)
def test_the_recipient_is_the_party_acted_on(parser: Language, text: str, event: str, want: list[str]) -> None:
    assert recipients(parser, text, event) == want


def test_an_event_with_a_named_actor_outranks_an_actorless_one(parser: Language) -> None:
    cands = events_of(parser, "Nine villagers were killed when rebel fighters attacked a market near Beni.")
    top = max(cands, key=lambda c: c.confidence)
    assert top.trigger.text == "attacked"
    assert [np_span(h).text for h in top.actor_heads] == ["rebel fighters"]


@pytest.mark.parametrize(("text", "word", "want"), [
    ("The minister met his Chilean counterpart, Ana Torres, in Lima.", "counterpart",
     "his Chilean counterpart, Ana Torres"),
    ("Rebels freed Marta Ruiz, a nurse held since June.", "Ruiz", "Marta Ruiz"),
    ("The army rejected the offer proposed on Tuesday.", "offer", "the offer"),
    ("The army rejected the offer proposed by the mediators.", "offer", "the offer proposed by the mediators"),
    ("The court fined the Kenya Ports Authority (KPA) for delays.", "Authority", "the Kenya Ports Authority (KPA)"),
    ("Observers accused the militia of looting in Bunia.", "militia", "the militia"),
    ("Tokyo lifted sanctions on both Peru and Chile.", "Peru", "Peru"),
    # an allegiance says whose forces they are; a plain adjective does not join the name
    ("Troops loyal to the governor shelled the port.", "Troops", "Troops loyal to the governor"),
    ("Troops tired of the siege left the port.", "Troops", "Troops"),
])
def test_full_noun_phrase_names_without_describing(parser: Language, text: str, word: str, want: str) -> None:
    doc = parser(text)
    head = next(t for t in doc if t.text == word)
    assert np_span(head, full=True).text == want


def actors(parser: Language, text: str, trigger: str) -> list[str]:
    (c,) = [c for c in events_of(parser, text) if c.trigger.text == trigger]
    return [np_span(h).text for h in c.actor_heads]


ACTOR_CASES = [
    # the one charged with an act is its actor, not the one who charges
    ("Ecuador accused the rebels of shelling the border post.", "shelling", ["the rebels"]),
    ("The navy was accused of an attack on a fishing boat.", "attack", ["The navy"]),
    ("Peru blamed the militia for the ambush near the river.", "ambush", ["the militia"]),
    # an act pinned on a party by attribution
    ("Farmers described an attack attributed to the rebel army.", "attack", ["the rebel army"]),
    ("Officials blamed the bombing on separatist fighters.", "bombing", ["separatist fighters"]),
    # an event noun acting as subject acts through its own agent
    ("Raids by the border police killed two smugglers.", "killed", ["the border police"]),
    ("The strikes carried out by the navy hit a fuel depot.", "strikes", ["the navy"]),
    # without an agent the event noun stays where it was
    ("The shelling destroyed the bridge.", "destroyed", ["The shelling"]),
]


@pytest.mark.parametrize(("text", "trigger", "want"), ACTOR_CASES)
def test_the_actor_is_who_carries_out_the_act(parser: Language, text: str, trigger: str, want: list[str]) -> None:
    assert actors(parser, text, trigger) == want


# Verbal and material events that a frame tells (issue 8): one sentence per phenomenon, and a sense the
# same verb takes without that frame.
FRAME_CASES = [
    # requests by persuasion or pressure
    ("Norway persuaded the rebels to postpone the vote.", "persuaded", "REQUEST"),
    ("The envoy has been pressing Kinshasa to open the border.", "pressing", "REQUEST"),
    ("Paris wants the negotiations to start before winter.", "wants", "REQUEST"),
    ("Paris wants a seat at the table.", "wants", None),
    # accusations by characterisation
    ("Beijing called the patrol provocative.", "called", "ACCUSE"),
    ("The minister branded the strikers criminals.", "branded", "ACCUSE"),
    ("Ankara regards the militia as a terrorist threat.", "regards", "ACCUSE"),
    ("The mayor called for a force of volunteers.", "called", "REQUEST"),
    ("The mayor called the meeting a success.", "called", None),
    # what a speaker says someone is (issue 8): the reporting verb carries the ACCUSE or SUPPORT
    ("Quito said the seizure was a flagrant breach of its sovereignty.", "said", "ACCUSE"),
    ("The governor says the smugglers are indistinguishable from the cartels.", "says", "ACCUSE"),
    ("Lima said Quito posed a danger to the whole region.", "said", "ACCUSE"),
    ("Seoul said the fishermen deserve compensation.", "said", "SUPPORT"),
    ("Oslo said Reykjavik was a reliable partner.", "said", "SUPPORT"),
    ("Lima said Quito was not a danger.", "said", None),
    ("It is tempting to say that the two sides deserve each other.", "say", None),
    ("Lima said the talks were long.", "said", None),
    # blame, verbal counter-attacks, refusals and commitments named by a frame
    ("The report held both ministries responsible for the famine.", "held", "ACCUSE"),
    ("The senator hit back at remarks made by the ambassador.", "hit", "ACCUSE"),
    ("The guerrillas hit back at the convoy.", "hit", "ASSAULT"),
    ("Kiev said it would reserve the right to retaliate.", "reserve", "THREATEN"),
    ("The junta will not tolerate the return of the exiles.", "tolerate", "THREATEN"),
    ("The junta will not allow the envoys to leave the airport.", "allow", "REJECT"),
    ("Lisbon gave its blessing to the merger.", "blessing", "SUPPORT"),
    ("Ottawa will keep engaging with the island's leaders.", "engaging", "CONSULT"),
    ("Both parties vowed to abide by the verdict.", "abide", "AGREE"),
    ("The delegate pressed the case for a larger monitoring mission.", "pressed", "REQUEST"),
    ("Moscow tried to delay the vote on the resolution.", "delay", "REJECT"),
    ("Dutch objections stalled the talks.", "objections", "REJECT"),
    ("Qatar reopened its embassy in Kabul.", "reopened", "SUPPORT"),
    ("During a telephone call on Monday the two leaders urged calm.", "call", "CONSULT"),
    # opposition and disappointment said of an actor, and declared absence of plans
    ("Hungary has been the most resistant to the proposal.", "resistant", "REJECT"),
    ("Vienna is opposed to the new quotas.", "opposed", "REJECT"),
    ("The union was critical of the ministry's decision.", "critical", "ACCUSE"),
    ("The resistant bacteria spread through the ward.", "resistant", None),
    ("Oslo has no plans to send warships to the strait.", "has", "REJECT"),
    ("Oslo has plans to send warships to the strait.", "has", None),
    # stated willingness and announced undertakings, whatever the verb
    ("The council said it was willing to put the suspects on trial.", "put", "AGREE"),
    ("Two states have said they are preparing to take back their nationals.", "take", "AGREE"),
    ("Chile announced that it would build a new bridge to Bolivia.", "build", "AGREE"),
    ("The militia is ready to go to war.", "go", None),
    ("Chile said that it would build a new bridge.", "build", None),
    # envoys sent, positive characterisation, refusals to take part, reported needs
    ("Quito dispatched its foreign minister to Lima for talks.", "dispatched", "CONSULT"),
    ("Many voters see the reform as a necessary step.", "see", "SUPPORT"),
    ("The senator described the treaty as a betrayal.", "described", "ACCUSE"),
    ("Finland will not participate in the boycott.", "participate", "REJECT"),
    ("Finland joined the coalition.", "joined", None),
    ("The agency insisted that the camps need to close.", "need", "REQUEST"),
    ("The mayor said they need to act quickly.", "need", None),
    # senses that are no cooperation: committing crimes, releasing documents, contributing to a report
    ("Atrocities were committed by the occupying troops.", "committed", None),
    ("Japan committed 500 million dollars to the fund.", "committed", "AGREE"),
    ("The ministry released its own account of the meeting.", "released", None),
    ("The rebels released two hostages.", "released", "RETREAT"),
    ("Two agencies contributed to this report.", "contributed", None),
    # broken commitments and bans, protests voiced as statements
    ("The governor has reneged on his pledge to cut taxes.", "reneged", "REJECT"),
    ("Several shops flouted the ban on Sunday trading.", "flouted", "REJECT"),
    ("The union protested that the ministry was ignoring the teachers.", "protested", "ACCUSE"),
    ("The teachers protested outside the ministry.", "protested", "PROTEST"),
    # threats by announced punishment, sanctions restored
    ("The governor promised the looters severe punishment.", "promised", "THREATEN"),
    ("The governor promised the farmers new roads.", "promised", "AGREE"),
    ("Brussels reimposed the tariffs on Chinese steel.", "reimposed", "SANCTION"),
    # refusals
    ("Slovakia is holding up the aid package.", "holding", "REJECT"),
    ("Slovakia is holding up a banner.", "holding", None),
    ("Austria tried to block the accession of the two states.", "block", "REJECT"),
    # exits, expulsions and evacuations
    ("The junta expelled the French ambassador.", "expelled", "SANCTION"),
    ("Canada evacuated its embassy in Niamey.", "evacuated", "SANCTION"),
    ("Rescuers evacuated the villagers.", "evacuated", "AID"),
    ("Benin halted the deployment of its police officers.", "halted", "SANCTION"),
    # coercion
    ("Parliament stripped the senator of his immunity.", "stripped", "COERCE"),
    ("The army is enforcing a conscription law.", "enforcing", "COERCE"),
    ("Militiamen blocked humanitarian convoys near the river.", "blocked", "COERCE"),
    ("Officers seized power in the capital.", "seized", "ASSAULT"),
    # mobilisation
    ("Russia keeps about 1,500 troops in the region.", "keeps", "MOBILIZE"),
    ("Russia keeps its promises.", "keeps", None),
    ("India launched a maritime mission in the Arabian Sea.", "launched", "MOBILIZE"),
    ("Spy planes flew reconnaissance missions along the coast.", "flew", "MOBILIZE"),
    ("Bombers flew sorties against rebel depots.", "flew", "ASSAULT"),
    # cooperation
    ("Indonesia held naval exercises with Australia.", "held", "COOPERATE"),
    ("Indonesia held naval exercises off Java.", "held", "MOBILIZE"),
    ("Indonesia held talks with Australia.", "held", "CONSULT"),
    ("Morocco is buying drones from Turkey.", "buying", "COOPERATE"),
    # protests and support
    ("Hundreds of students gathered outside the ministry.", "gathered", "PROTEST"),
    ("Opposition deputies walked out of the chamber.", "walked", "PROTEST"),
    ("The delegation walked out of the talks.", "walked", "REJECT"),
    ("By noon the dockers had walked out.", "walked", "PROTEST"),
    ("The king paid tribute to the fallen soldiers.", "paid", "SUPPORT"),
    ("The king paid the soldiers.", "paid", None),
    # denials with a gerund, negated permission, taking part
    ("The navy denied shelling the fishing village.", "denied", "REJECT"),
    ("The navy denied the request.", "denied", "REJECT"),
    ("Austria will not allow its airspace to be used for the flights.", "allow", "REJECT"),
    ("Austria will allow its airspace to be used for the flights.", "allow", None),
    ("Chile will take part in the naval exercises.", "take", "COOPERATE"),
    ("The rebels took part in the talks in Doha.", "took", "CONSULT"),
    ("Chile will take part in the parade.", "take", None),
    ("Chile participated in the naval exercises.", "participated", "COOPERATE"),
    ("The pharmacist joined a coalition of rebel groups.", "joined", None),
    # warnings of a danger are no threats; warnings told to someone, against something, on a condition or
    # naming the warner's act are
    ("The Red Cross warned that thousands of families in the camp face a cold winter.", "warned", None),
    ("Spain warned of a famine in the north.", "warned", None),
    ("The minister warned that the new tariffs could hurt farmers.", "warned", None),
    ("The Kremlin warned that it would respond to any strike.", "warned", "THREATEN"),
    ("Iran warned Israel that its patience had limits.", "warned", "THREATEN"),
    ("Canada warned against a new offensive.", "warned", "THREATEN"),
    ("Japan warned of new refugee flows if the offensive went ahead.", "warned", "THREATEN"),
    ("Athens warned that the rebels would be punished.", "warned", "THREATEN"),
    ("The militia warned that any raid would be answered in kind.", "warned", "THREATEN"),
    # showing is no protest, advancing a plan no advance
    ("Thousands demonstrated outside the embassy in Lima.", "demonstrated", "PROTEST"),
    ("The samples demonstrate the presence of the toxin.", "demonstrate", None),
    ("The affair demonstrates how little the regime cares.", "demonstrates", None),
    ("The rebels advanced towards the airport at dawn.", "advanced", "ASSAULT"),
    ("The plan was first advanced by the Portuguese in May.", "advanced", None),
    # a hedged willingness, or one to do what is no undertaking, is no AGREE
    ("Norway is willing to put the fighters on trial.", "put", "AGREE"),
    ("Norway is less willing to allow their parents to return.", "allow", None),
    ("Syria is an opportunity that Iran is all too eager to exploit.", "exploit", None),
    ("The prince is keen to speak of victory.", "speak", None),
    ("Chile announced that he would run for the senate.", "run", None),
    # a question put to someone, or a wish for anonymity, is no request
    ("Britain has asked the watchdog to publish the report.", "asked", "REQUEST"),
    ("Asked on Thursday about the hotline, the spokesman said it was active.", "Asked", None),
    ("The reporter asked the minister if he thought the refugees would return.", "asked", None),
    ("A Briton who asked to be known only by his nom de guerre spoke to us.", "asked", None),
    # wishes are requests only when they ask a named party for something
    ("Germany wants the council to meet in Vienna.", "wants", "REQUEST"),
    ("The Kremlin does not want the monitors to come back.", "want", None),
    ("Mexico wants to shape the region in its image.", "wants", None),
    ("The chancellor said she wanted us to stay.", "wanted", None),
]


@pytest.mark.parametrize(("text", "trigger", "event"), FRAME_CASES)
def test_frames_tell_verbal_and_material_events(parser: Language, text: str, trigger: str,
                                                event: str | None) -> None:
    found = {c.trigger.text: c.rule.event for c in events_of(parser, text)}
    assert found.get(trigger) == event


def test_a_predicative_adjective_takes_the_copula_subject_as_actor(parser: Language) -> None:
    (cand,) = [c for c in events_of(parser, "Vienna is opposed to the new quotas.")]
    assert summary(cand) == ("REJECT", None, ["Vienna"], ["the new quotas"])
