"""Actor resolution: country codes, sectors, officials by date, coordination and equipment."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from thucydides.actors import KnowledgeBase, default_kb, is_outlet, parse_date, resolve_actor, resolve_span
from thucydides.errors import ThucydidesError


@pytest.mark.parametrize(("text", "code", "sector"), [
    ("Iraqi troops", "IRQ", "MIL"),
    ("the Kremlin", "RUS", "GOV"),
    ("Kyiv", "UKR", "GOV"),
    ("Washington", "USA", "GOV"),
    ("The Pentagon", "USA", "MIL"),
    ("Kazakhstan", "KAZ", None),
    ("Kazakhs", "KAZ", None),
    ("the U.S.", "USA", None),
    ("Great Britain", "GBR", None),
    ("Kosovo", "XKX", None),
    ("Taiwanese coast guard", "TWN", "MIL"),
    ("soldiers", None, "MIL"),
    ("crowd control police", None, "COP"),
    ("a band of burglars", None, "CRM"),
    ("angry demonstrators", None, "CVL"),
    ("Egyptian lawmakers", "EGY", "LEG"),
    ("European Union legislators", "EUR", "LEG"),
    ("International Court of Justice", "UNO", "JUD"),
    ("the Luftwaffe", "DEU", "MIL"),
    ("Hezbollah fighters", "LBN", "REB"),
    ("the Institute for the Study of War", "USA", "SOC"),
])
def test_codes_and_sectors(text: str, code: str | None, sector: str | None) -> None:
    actor = resolve_actor(text)
    assert (actor.code, actor.sector) == (code, sector)


def test_organisation_acronym_and_name() -> None:
    nato = resolve_actor("NATO")
    assert (nato.code, nato.org, nato.name, nato.kind) == ("IGO", "NATO", "NATO", "igo")
    assert resolve_actor("the IAEA").org == "IAEA"


def test_unknown_text_has_no_codes() -> None:
    actor = resolve_actor("the quiet lighthouse keeper's cat")
    assert (actor.code, actor.sector, actor.why) == (None, None, "no match")


def test_lower_case_word_is_not_an_acronym() -> None:
    assert resolve_actor("told us").code is None
    assert resolve_actor("US").code == "USA"


def test_official_in_office_and_after() -> None:
    during = resolve_actor("Angela Merkel", date="2019-03-01")
    after = resolve_actor("Angela Merkel", date="2023-03-01")
    assert (during.code, during.sector) == ("DEU", "GOV")
    assert (after.code, after.sector) == ("DEU", "ELI")
    assert "former" in (after.why or "")


def test_official_with_several_terms_and_text_dates() -> None:
    assert resolve_actor("Jean-Yves Le Drian", date="10 May 2015").why.startswith("official")  # type: ignore[union-attr]
    assert "Defence" in (resolve_actor("Jean-Yves Le Drian", date="10 May 2015").why or "")
    assert "Foreign" in (resolve_actor("Jean-Yves Le Drian", date="June 3, 2019").why or "")


def test_title_in_text_and_title_alone() -> None:
    assert (resolve_actor("Armenian Prime Minister Nikol Pashinyan").code,
            resolve_actor("Armenian Prime Minister Nikol Pashinyan").sector) == ("ARM", "GOV")
    assert resolve_actor("Prime Minister").sector == "GOV"
    assert resolve_actor("Senator Marco Rubio", date="2020-01-01").sector == "LEG"


def test_former_and_titles_of_bodies() -> None:
    assert resolve_actor("a former CIA official").sector == "ELI"
    assert resolve_actor("chairman of the company's board").sector == "BUS"
    actor = resolve_actor("the deputy head of the Office of the Ukrainian President")
    assert (actor.code, actor.sector) == ("UKR", "GOV")
    assert resolve_actor("Canadian Ambassador to the United Nations").code == "CAN"


def test_one_typo_is_forgiven_in_long_names() -> None:
    assert resolve_actor("Ukrainain soldiers").code == "UKR"


def test_outlets() -> None:
    assert is_outlet(resolve_actor("Reuters"))
    assert resolve_actor("the Kyiv Independent").code == "UKR"
    assert not is_outlet(resolve_actor("Kyiv"))


def test_parse_date() -> None:
    assert parse_date("1 july 2021") == "2021-07-01"
    assert parse_date("2022-01-10") == "2022-01-10"


def test_user_file_adds_entries(tmp_path: Path) -> None:
    (tmp_path / "mine.csv").write_text("id,name,code,org,sector,kind,aliases\n"
                                       "lakeguard,Lake Guard,FIN,,MIL,unit,Lakeguards\n", encoding="utf-8")
    kb = KnowledgeBase.load([tmp_path])
    assert resolve_actor("the Lakeguards", kb=kb).code == "FIN"
    assert resolve_actor("the Lakeguards", kb=default_kb()).code is None


def test_broken_user_file_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("colour,shape\nred,round\n", encoding="utf-8")
    with pytest.raises(ThucydidesError, match="bad.csv"):
        KnowledgeBase.load([bad])


def test_span_splits_coordination(blank_nlp: Language) -> None:
    doc = blank_nlp("Yesterday the United States and France condemned it.")
    actors = resolve_span(doc[1:6])
    assert [a.code for a in actors] == ["USA", "FRA"]
    assert doc.text[actors[1].start:actors[1].end] == "France"  # type: ignore[misc]


def test_span_keeps_names_with_and(blank_nlp: Language) -> None:
    doc = blank_nlp("Bosnia and Herzegovina protested.")
    assert [a.code for a in resolve_span(doc[0:3])] == ["BIH"]


def test_span_shares_head_across_nationalities(blank_nlp: Language) -> None:
    doc = blank_nlp("Russian and Ukrainian soldiers")
    assert [(a.code, a.sector) for a in resolve_span(doc[:])] == [("RUS", "MIL"), ("UKR", "MIL")]


@pytest.mark.parametrize("text", ["German Leopard 2 tanks", "American Bradley vehicles", "US tanks", "F-16s"])
def test_equipment_is_not_an_actor(blank_nlp: Language, text: str) -> None:
    assert resolve_span(blank_nlp(text)[:]) == []


@pytest.mark.model
def test_span_from_parsed_doc(parser: Language) -> None:
    doc = parser("Iraqi troops entered the town after Kurdish fighters withdrew.")
    subject = next(t for t in doc if t.dep_ == "nsubj")
    span = doc[subject.left_edge.i:subject.right_edge.i + 1]
    [actor] = resolve_span(span)
    assert (actor.code, actor.sector, actor.start) == ("IRQ", "MIL", 0)
