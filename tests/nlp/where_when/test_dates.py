"""Dates: expressions resolved against the publication date, and the event clause's own date."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.nlp.where_when.dates import DateResolution, resolve_date_text
from thucydides.nlp.where_when.event_dates import event_date, is_future

PUB = "2024-03-13"  # a Wednesday


@pytest.mark.parametrize(("text", "tense", "expected"), [
    ("on Saturday", None, ("2024-03-09", None, "day")),
    ("Wednesday", None, ("2024-03-13", None, "day")),
    ("on Monday", "future", ("2024-03-18", None, "day")),
    ("Tuesday night", None, ("2024-03-12", None, "day")),
    ("today", None, ("2024-03-13", None, "day")),
    ("yesterday", None, ("2024-03-12", None, "day")),
    ("tomorrow", None, ("2024-03-14", None, "day")),
    ("last week", None, ("2024-03-04", "2024-03-10", "day")),
    ("next week", None, ("2024-03-18", "2024-03-24", "day")),
    ("over the weekend", None, ("2024-03-09", "2024-03-10", "day")),
    ("in recent days", None, ("2024-03-06", "2024-03-13", "day")),
    ("two days ago", None, ("2024-03-11", None, "day")),
    ("last month", None, ("2024-02", None, "month")),
    ("earlier this month", None, ("2024-03", None, "month")),
    ("In May", None, ("2023-05", None, "month")),
    ("in February", None, ("2024-02", None, "month")),
    ("in May", "future", ("2024-05", None, "month")),
    ("in April 2022", None, ("2022-04", None, "month")),
    ("August 3-4", "future", ("2024-08-03", "2024-08-04", "day")),
    ("August 3-4", None, ("2023-08-03", "2023-08-04", "day")),
    ("March 1 and 2", None, ("2024-03-01", "2024-03-02", "day")),
    ("February 5 to 7", None, ("2024-02-05", "2024-02-07", "day")),
    ("from January 30 to February 2", None, ("2024-01-30", "2024-02-02", "day")),
    ("between March 3 and 5", None, ("2024-03-03", "2024-03-05", "day")),
    ("on 9 January 2023", None, ("2023-01-09", None, "day")),
    ("Dec. 24", None, ("2023-12-24", None, "day")),
    ("2021", None, ("2021", None, "year")),
    ("the 2014 annexation", None, ("2014", None, "year")),
    ("last year", None, ("2023", None, "year")),
])
def test_forms_resolve_against_the_publication_date(text: str, tense: str | None,
                                                    expected: tuple[str | None, str | None, str]) -> None:
    found = resolve_date_text(text, PUB, tense)
    assert found is not None
    assert (found.date, found.date_end, found.precision) == expected
    assert found.text == text


def test_without_publication_date_only_absolute_dates_resolve() -> None:
    assert resolve_date_text("on Saturday", None) is None
    assert resolve_date_text("last week", None) is None
    found = resolve_date_text("June 3, 2021", None)
    assert found == DateResolution("2021-06-03", None, "day", "June 3, 2021")


def test_words_that_are_not_dates_give_none() -> None:
    assert resolve_date_text("may", PUB) is None
    assert resolve_date_text("the talks", PUB) is None
    assert resolve_date_text("", PUB) is None


def test_fallback_reads_other_absolute_forms() -> None:
    found = resolve_date_text("14/02/2022", PUB)
    assert found is not None and found.date == "2022-02-14" and found.precision == "day"


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "trigger", "expected"), [
    ("The drills are scheduled to begin on Monday near the border.", "begin", ("2024-03-18", None, "day")),
    ("Troops shelled the village on Saturday, officials said on Tuesday.", "shelled", ("2024-03-09", None, "day")),
    ("Troops shelled the village on Saturday, officials said on Tuesday.", "said", ("2024-03-12", None, "day")),
    ("The ministers will meet in Vienna on August 3-4.", "meet", ("2024-08-03", "2024-08-04", "day")),
    ("Students marched through the capital over the weekend.", "marched", ("2024-03-09", "2024-03-10", "day")),
    ("Officials met in May to discuss the harvest.", "met", ("2023-05", None, "month")),
    # a date that describes a thing, or belongs to another clause, is not the event's
    ("The junta tore up the 2015 peace accord on Saturday.", "tore", ("2024-03-09", None, "day")),
    ("The militia, which was founded in 2012, shelled the market.", "shelled", (PUB, None, "document")),
    ("Leaders will gather for the July 11-12 summit in Accra.", "summit", ("2024-07-11", "2024-07-12", "day")),
])
def test_event_date_takes_its_own_clause(parser: Language, sentence: str, trigger: str,
                                         expected: tuple[str | None, str | None, str]) -> None:
    doc = parser(sentence)
    found = event_date(next(t for t in doc if t.text == trigger), PUB)
    assert (found.date, found.date_end, found.precision) == expected


@pytest.mark.model
def test_event_date_falls_back_to_the_publication_date(parser: Language) -> None:
    doc = parser("The army fired artillery at the village.")
    found = event_date(next(t for t in doc if t.text == "fired"), PUB)
    assert found == DateResolution(PUB, None, "document", None)


@pytest.mark.model
def test_future_is_inferred_from_the_clause(parser: Language) -> None:
    doc = parser("The leaders will sign the accord. The envoy signed a deal.")
    will_sign, signed = (t for t in doc if t.lemma_ == "sign")
    assert is_future(will_sign) is True
    assert is_future(signed) is False


def test_events_long_before_publication_are_history() -> None:
    from thucydides.model import Event
    from thucydides.nlp.provenance.background import mark_background

    old = Event(event="ASSAULT", date="2014", date_precision="year")
    recent = Event(event="ASSAULT", date="2023-09", date_precision="month")
    undated = Event(event="ASSAULT", date="2024-03-14", date_precision="document")
    scheduled = Event(event="CONSULT", date="2011", date_precision="year", aux_mode="future")
    assert mark_background([old, recent, undated, scheduled], "2024-03-14") == 1
    assert (old.aux_mode, recent.aux_mode, undated.aux_mode, scheduled.aux_mode) == (
        "historical", None, None, "future")
