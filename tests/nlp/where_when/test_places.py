"""Places: gazetteer look-ups, article countries and the event clause's own place."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Token

from thucydides.nlp.where_when.gazetteer import place_key
from thucydides.nlp.where_when.places import article_countries, event_place, resolve_place


def _token(doc_text: str, parser: Language, word: str) -> Token:
    doc = parser(doc_text)
    return next(t for t in doc if t.text == word)


def test_place_key_strips_accents_and_punctuation() -> None:
    assert place_key("Kharkivs’ka Oblast’") == "kharkivska oblast"
    assert place_key("Île-de-France") == "ile de france"


def test_exonym_resolves_to_kyiv_with_coordinates() -> None:
    place = resolve_place("Kiev")
    assert place is not None
    assert (place.name, place.country, place.feature, place.how) == ("Kyiv", "UKR", "city", "alias")
    assert place.lat == pytest.approx(50.45, abs=0.1) and place.lon == pytest.approx(30.52, abs=0.1)
    assert place.text == "Kiev"


@pytest.mark.parametrize(("name", "canonical", "country", "feature"), [
    ("Kharkov", "Kharkiv", "UKR", "city"),
    ("Zaporozhye", "Zaporizhzhia", "UKR", "city"),
    ("Zaporizhia", "Zaporizhzhia", "UKR", "city"),
    ("Odessa", "Odesa", "UKR", "city"),
    ("Mykolaiv", "Mykolaiv", "UKR", "city"),
    ("Rostock", "Rostock", "DEU", "city"),
    ("Vilnius", "Vilnius", "LTU", "city"),
    ("Donetsk", "Donetsk", "UKR", "city"),
    ("Donetsk Oblast", "Donetsk Oblast", "UKR", "admin1"),
    ("Donetsk region", "Donetsk Oblast", "UKR", "admin1"),
    ("western Donetsk Oblast", "Donetsk Oblast", "UKR", "admin1"),
    ("the Crimean Peninsula", "Crimea", "UKR", "region"),
    ("the Gaza Strip", "Gaza Strip", "PSE", "region"),
    ("West Bank", "West Bank", "PSE", "region"),
    ("Donbas", "Donbas", "UKR", "region"),
    ("U.S.", "United States", "USA", "country"),
    ("Britain", "United Kingdom", "GBR", "country"),
    ("North Korea", "North Korea", "PRK", "country"),
    ("Texas", "Texas", "USA", "admin1"),
])
def test_names_resolve_to_canonical_places(name: str, canonical: str, country: str, feature: str) -> None:
    place = resolve_place(name)
    assert place is not None
    assert (place.name, place.country, place.feature) == (canonical, country, feature)


def test_cities_carry_their_admin1() -> None:
    place = resolve_place("Bakhmut")
    assert place is not None and place.admin1 == "Donetsk Oblast"


def test_ambiguous_name_goes_to_most_populous_without_context() -> None:
    place = resolve_place("Paris")
    assert place is not None
    assert (place.country, place.how) == ("FRA", "population")


def test_article_country_picks_the_local_namesake() -> None:
    texan = resolve_place("Paris", ["USA"])
    assert texan is not None and (texan.country, texan.admin1, texan.how) == ("USA", "Texas", "article country")
    both = resolve_place("Paris", ["USA", "FRA"])
    assert both is not None and both.country == "FRA"
    state = resolve_place("Georgia", ["USA"])
    assert state is not None and (state.feature, state.country) == ("admin1", "USA")
    assert resolve_place("Georgia").country == "GEO"  # type: ignore[union-attr]


def test_unknown_and_empty_names_give_none() -> None:
    assert resolve_place("Qwertyzzz Flats") is None
    assert resolve_place("  ") is None


@pytest.mark.model
def test_article_countries_counts_places_and_nationalities(parser: Language) -> None:
    doc = parser("Ukrainian troops pushed toward Bakhmut. Kyiv said Russian shelling hit Kharkiv. "
                 "Ukraine asked Germany for more help.")
    countries = article_countries(doc)
    assert countries[0] == "UKR"
    assert set(countries) >= {"UKR", "RUS", "DEU"}


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "trigger", "name", "country", "feature"), [
    ("The president visited Ukraine on Friday.", "visited", "Ukraine", "UKR", "country"),
    ("The allies opened a summit in Vilnius, Lithuania, on Monday.", "summit", "Vilnius", "LTU", "city"),
    ("The exercise based in Germany involves ten states.", "exercise", "Germany", "DEU", "country"),
    ("Ukrainian units made advances in western Donetsk Oblast.", "advances", "Donetsk Oblast", "UKR", "admin1"),
    ("Drones hit a depot near the town of Bakhmut.", "hit", "Bakhmut", "UKR", "city"),
    ("Fighting raged in Ukraine's Donetsk region.", "raged", "Donetsk Oblast", "UKR", "admin1"),
    ("Lithuania hosted the meeting.", "hosted", "Lithuania", "LTU", "country"),
    ("Crowds marched in Paris, Texas, after the verdict.", "marched", "Paris", "USA", "city"),
])
def test_event_place_finds_the_clause_place(parser: Language, sentence: str, trigger: str, name: str,
                                            country: str, feature: str) -> None:
    place = event_place(_token(sentence, parser, trigger))
    assert place is not None
    assert (place.name, place.country, place.feature, place.how) == (name, country, feature, "clause")


@pytest.mark.model
def test_two_clauses_keep_their_own_places(parser: Language) -> None:
    doc = parser("Russian missiles struck Kharkiv, and protesters rallied in Rostock.")
    struck = next(t for t in doc if t.text == "struck")
    rallied = next(t for t in doc if t.text == "rallied")
    assert event_place(struck, ["UKR"]).name == "Kharkiv"  # type: ignore[union-attr]
    assert event_place(rallied, ["UKR"]).country == "DEU"  # type: ignore[union-attr]


@pytest.mark.model
def test_no_place_in_the_clause_gives_none(parser: Language) -> None:
    doc = parser("The minister condemned the attack. Talks will be held in Geneva.")
    assert event_place(next(t for t in doc if t.text == "condemned")) is None


@pytest.mark.model
def test_recipient_country_is_not_a_location(parser: Language) -> None:
    doc = parser("Germany sent tanks to Ukraine.")
    assert event_place(next(t for t in doc if t.text == "sent")) is None


@pytest.mark.parametrize(("name", "country"), [
    ("Jenin", "PSE"),  # Janīn (35,000) before Jenin, a Polish village of 1,100
    ("Bethlehem", "ZAF"),  # a South African town of some size keeps its own name (not Belém)
    ("Paris", "FRA"),
])
def test_a_village_gives_way_to_a_city_known_abroad_by_its_name(name: str, country: str) -> None:
    place = resolve_place(name)
    assert place is not None and place.country == country
