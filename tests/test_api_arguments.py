"""The Python API given arguments it cannot use: one clear message each, never a bare TypeError from deep
inside (issue 12). The checks run before the pipeline loads, so these tests need no model."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import thucydides
from thucydides.api import check_arguments
from thucydides.errors import ArgumentTypeError, InputError, ThucydidesError

TEXT = "Poland condemned Russia on Monday."


@pytest.mark.parametrize("text, expected", [
    (123, "the text to code must be a str, not an int (123)"),
    (b"Poland condemned Russia.", "must be a str, not bytes; decode it first"),
    (None, "the text to code must be a str, not None"),
    (["a", "list"], "must be a str, not a list"),
])
def test_code_rejects_a_text_that_is_not_a_str(text: Any, expected: str) -> None:
    with pytest.raises(ArgumentTypeError) as err:
        thucydides.code(text)
    assert expected in str(err.value)
    assert isinstance(err.value, TypeError) and isinstance(err.value, ThucydidesError)


@pytest.mark.parametrize("date, expected", [
    (20250101, "date must be a 'YYYY-MM-DD' str or a datetime.date, not an int (20250101)"),
    (2025.5, "not a float"),
])
def test_code_rejects_a_date_of_the_wrong_type(date: Any, expected: str) -> None:
    with pytest.raises(ArgumentTypeError, match=r"^date must be") as err:
        thucydides.code(TEXT, date=date)
    assert expected in str(err.value)


@pytest.mark.parametrize("date", ["bad", "2025-13-01", "2025-02-30", "yesterday"])
def test_code_rejects_a_date_that_is_not_a_date(date: str) -> None:
    with pytest.raises(InputError, match="is not a date; give the publication date as 'YYYY-MM-DD'"):
        thucydides.code(TEXT, date=date)


@pytest.mark.parametrize("date, day", [
    ("2025-01-01", "2025-01-01"), ("2025-01-01T10:30:00Z", "2025-01-01"), (dt.date(2025, 1, 1), "2025-01-01"),
    (dt.datetime(2025, 1, 1, 9, 0), "2025-01-01"), (None, None), ("", None),
])
def test_good_dates_are_taken_as_days(date: Any, day: str | None) -> None:
    assert check_arguments(TEXT, date) == day


@pytest.mark.parametrize("name", ["source", "title", "doc_id"])
def test_code_rejects_metadata_that_is_not_text(name: str) -> None:
    with pytest.raises(ArgumentTypeError, match=f"^{name} must be a str or None, not a dict"):
        thucydides.code(TEXT, **{name: {"a": 1}})


@pytest.mark.parametrize("phrase, date, expected", [
    (None, None, "the phrase to resolve must be a str, not None"),
    (123, None, "the phrase to resolve must be a str, not an int (123)"),
    (b"the Kremlin", None, "the phrase to resolve must be a str, not bytes"),
    ("the Kremlin", 20230611, "date must be a str, a datetime.date or None, not an int"),
])
def test_resolve_actor_rejects_arguments_it_cannot_use(phrase: Any, date: Any, expected: str) -> None:
    with pytest.raises(ArgumentTypeError) as err:
        thucydides.resolve_actor(phrase, date=date)
    assert expected in str(err.value)


def test_resolve_actor_takes_a_datetime_date() -> None:
    assert thucydides.resolve_actor("the Kremlin", date=dt.date(2023, 6, 11)).code == "RUS"


def test_ledger_rejects_a_url_that_is_not_text() -> None:
    with pytest.raises(ThucydidesError, match="cannot open the ledger at None"):
        thucydides.Ledger(None)
