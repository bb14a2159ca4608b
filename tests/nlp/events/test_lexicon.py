"""The event lexicon is data: it loads, every row is valid, and users can add their own rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.errors import ThucydidesError
from thucydides.model import QUAD
from thucydides.nlp.events.lexicon import default_lexicon, load_lexicon


def test_every_plover_event_type_has_verb_or_noun_triggers() -> None:
    lex = default_lexicon()
    covered = {r.event for rules in list(lex.verbs.values()) + list(lex.nouns.values()) for r in rules}
    assert covered == set(QUAD)


def test_hyphenated_noun_terms_need_their_modifier() -> None:
    lex = default_lexicon()
    hunger = [r for r in lex.nouns["strike"] if r.modifier == "hunger"]
    assert hunger and hunger[0].event == "PROTEST"


def test_requires_and_excludes_are_read() -> None:
    lex = default_lexicon()
    strike_deal = [r for r in lex.verbs["strike"] if r.event == "AGREE"]
    assert "deal" in strike_deal[0].requires
    agree = [r for r in lex.verbs["agree"] if r.event == "AGREE"]
    assert "with" in agree[0].excludes


def test_a_user_file_adds_triggers(tmp_path: Path) -> None:
    extra = tmp_path / "triggers_local.csv"
    extra.write_text("event,mode,pos,weight,terms,requires,excludes\nPROTEST,demo,VERB,0.7,picnic,,\n")
    lex = load_lexicon([str(extra)])
    assert lex.verbs["picnic"][0].event == "PROTEST"
    assert "picnic" not in default_lexicon().verbs


def test_an_unknown_event_type_is_a_clear_error(tmp_path: Path) -> None:
    extra = tmp_path / "triggers_bad.csv"
    extra.write_text("event,mode,pos,weight,terms,requires,excludes\nFIGHT,,VERB,0.7,brawl,,\n")
    with pytest.raises(ThucydidesError, match="unknown event type 'FIGHT'"):
        load_lexicon([str(extra)])
