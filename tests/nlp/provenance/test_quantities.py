"""Quantities attached to an event's clause: values, qualifiers, units, models, origins, roles."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Token

from thucydides.model import Quantity
from thucydides.nlp.provenance.quantities import event_quantities, parse_number, size_fields


def _trigger(parser: Language, text: str, word: str) -> Token:
    doc = parser(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(("text", "value"), [
    ("10,000", 10000), ("1.5 million", 1500000), ("twenty-five", 25), ("three hundred", 300),
    ("a dozen", 12), ("two thousand", 2000), ("forty two", 42), ("7", 7),
])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


def test_parse_number_rejects_words() -> None:
    assert parse_number("several tanks") is None


@pytest.mark.model
def test_equipment_with_model_origin_and_qualifier(parser: Language) -> None:
    trig = _trigger(parser, "Kyiv said that at least four British Challenger 2 tanks and nine American Bradley "
                            "vehicles were destroyed near Tokmak.", "destroyed")
    got = [(q.value, q.qualifier, q.unit, q.model, q.origin) for q in event_quantities(trig)]
    assert got == [(4, "at least", "tank", "Challenger 2", "GBR"), (9, None, "vehicle", "Bradley", "USA")]


@pytest.mark.model
def test_model_number_is_not_a_count(parser: Language) -> None:
    trig = _trigger(parser, "The air force received six F-16 jets.", "received")
    qs = event_quantities(trig)
    assert [(q.value, q.model, q.origin, q.unit) for q in qs] == [(6, "F-16", "USA", "aircraft")]


@pytest.mark.model
def test_casualty_roles_and_size(parser: Language) -> None:
    trig = _trigger(parser, "Gunmen killed at least 17 villagers in the raid on Sunday.", "killed")
    qs = event_quantities(trig)
    assert [(q.value, q.role) for q in qs] == [(17, "dead")]
    assert size_fields(qs) == {"dead": 17}


@pytest.mark.model
def test_arrests_with_more_than(parser: Language) -> None:
    trig = _trigger(parser, "Riot police detained more than 300 students outside the parliament.", "detained")
    qs = event_quantities(trig)
    assert [(q.value, q.qualifier, q.unit, q.role) for q in qs] == [(300, "more than", "student", "arrested")]
    assert size_fields(qs) == {"arrested": 300}


@pytest.mark.model
def test_vague_amounts_are_approximate(parser: Language) -> None:
    trig = _trigger(parser, "The brigade lost dozens of armoured vehicles and several tanks.", "lost")
    got = [(q.value, q.qualifier, q.unit, q.approximate) for q in event_quantities(trig)]
    assert got == [(24, "dozens", "vehicle", True), (3, "several", "tank", True)]


@pytest.mark.model
def test_one_of_n_states_counts_the_states(parser: Language) -> None:
    trig = _trigger(parser, "Kowalski claimed that Poland was one of 12 EU member states to agree in writing "
                            "that they back Moldova.", "agree")
    assert [(q.value, q.unit) for q in event_quantities(trig)] == [(12, "state")]


@pytest.mark.model
def test_numbers_in_other_clauses_are_left_out(parser: Language) -> None:
    trig = _trigger(parser, "Troops entered the town after the shelling had destroyed 40 houses.", "entered")
    assert event_quantities(trig) == []


@pytest.mark.model
def test_large_numbers_and_dates_are_not_confused(parser: Language) -> None:
    trig = _trigger(parser, "On 12 May, nearly 1.5 million people marched through the capital.", "marched")
    qs = event_quantities(trig)
    assert [(q.value, q.qualifier, q.unit, q.role, q.approximate) for q in qs] == [
        (1500000, "nearly", "person", "participants", True)]


@pytest.mark.model
def test_word_numbers_with_hyphen(parser: Language) -> None:
    trig = _trigger(parser, "Twenty-five soldiers died when the bridge collapsed.", "died")
    qs = event_quantities(trig)
    assert [(q.value, q.unit, q.role) for q in qs] == [(25, "soldier", "dead")]


def test_size_fields_sums_roles_only() -> None:
    qs = [Quantity(value=3, text="3 dead", role="dead"), Quantity(value=2, text="2 killed", role="dead"),
          Quantity(value=5, text="5 hurt", role="injured"), Quantity(value=8, text="8 tanks", unit="tank")]
    assert size_fields(qs) == {"dead": 5, "injured": 5}


@pytest.mark.model
def test_subject_before_a_line_break(parser: Language) -> None:
    trig = _trigger(parser, "Kyiv confirmed that at least four Russian T-90 tanks and six BMP-2 vehicles were"
                            "\n\ndestroyed near Vuhledar.", "destroyed")
    got = [(q.value, q.unit, q.model, q.origin) for q in event_quantities(trig)]
    assert got == [(4, "tank", "T-90", "RUS"), (6, "vehicle", "BMP-2", "RUS")]


@pytest.mark.model
def test_participants_of_a_framing_noun(parser: Language) -> None:
    trig = _trigger(parser, "During the drill, some 4,000 sailors and 60 ships will take part in the manoeuvres.",
                    "drill")
    got = [(q.value, q.qualifier, q.unit) for q in event_quantities(trig)]
    assert got == [(4000, "about", "sailor"), (60, None, "ship")]
