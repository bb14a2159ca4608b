"""Zero-width and control characters are removed before coding, with offsets into the original kept true
(issue 12)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thucydides.ingest.invisible import OffsetMap, strip_invisible
from thucydides.ingest.readers import read_stream

ENGLISH = ("The foreign minister said on Tuesday that the talks with the visiting delegation would resume "
           "in Geneva next week, and that both sides had agreed to a short agenda.")


def test_invisible_characters_are_removed_and_offsets_map_back() -> None:
    text = "Ger\u200bmany \u200b\u200bcondemned Rus\u00adsia.\x1b\u202e"
    clean, removed = strip_invisible(text)
    assert clean == "Germany condemned Russia."
    offsets = OffsetMap(removed)
    for word, original in [("Germany", "Ger\u200bmany"), ("condemned", "condemned"), ("Russia.", "Rus\u00adsia.")]:
        i = clean.index(word)
        assert text[offsets.start(i):offsets.end(i + len(word))] == original


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.sampled_from(["a", "b", " ", "\u200b", "\u00ad", "\x1b", "\u202e", "\n"]), max_size=40))
def test_every_visible_character_maps_to_itself(chars: list[str]) -> None:
    text = "".join(chars)
    clean, removed = strip_invisible(text)
    offsets = OffsetMap(removed)
    for i, ch in enumerate(clean):
        assert text[offsets.start(i)] == ch
        assert offsets.end(i + 1) == offsets.start(i) + 1


def test_text_dense_with_zero_width_characters_is_still_english() -> None:
    dense = "\u200b".join(ENGLISH)  # one between every two letters
    [doc] = read_stream(io.BytesIO(dense.encode("utf-8")), "dense.txt", "text")
    assert doc.status == "new" and doc.text == dense  # kept as given
    [blank] = read_stream(io.BytesIO("\u200b\u200b\u2060".encode()), "blank.txt", "text")
    assert blank.status == "skipped" and "empty" in (blank.error or "")


@pytest.mark.model
def test_a_zero_width_space_inside_a_name_does_not_lose_its_code() -> None:
    import thucydides

    text = "Ger\u200bmany condemned \u202eRus\u00adsia on Monday in War\u200dsaw."
    [ev] = thucydides.code(text, date="2025-05-21")
    assert ev.event == "ACCUSE" and [a.code for a in ev.actor] == ["DEU"] and [a.code for a in ev.recipient] == ["RUS"]
    assert ev.sentence is not None and ev.sentence.text == text  # offsets into the original text
    assert text[ev.trigger_start:ev.trigger_end] == "condemned"
    actor = ev.actor[0]
    assert actor.start is not None and actor.end is not None and text[actor.start:actor.end] == "Ger\u200bmany"
    assert ev.id == [e for e in thucydides.code(text, date="2025-05-21")][0].id
