"""Actor resolution: country codes, sectors, officials by date, coordination and equipment."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from thucydides.errors import ThucydidesError
from thucydides.nlp.actors.resolve import (
    KnowledgeBase,
    default_kb,
    is_outlet,
    parse_date,
    resolve_actor,
    resolve_span,
)


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
    # a leader in a compound codes the phrase, a backer does not
    ("the French-led mission", "FRA", None),
    ("Russia-backed separatists", None, "REB"),
    ("Chad-trained Sudanese militiamen", "SDN", "PRM"),
    ("the Institute for the Study of War", "USA", "SOC"),
    # a plural written in the lexicon wins over one made from another word's singular
    ("Somali fighters", "SOM", "REB"),
    ("a fighter", None, "MIL"),
    ("bank executives", None, "BUS"),
    ("opposition deputies", None, "LEG"),
    # one-word and less common names of offices and roles
    ("the Greek coastguard", "GRC", "MIL"),
    ("a Kazakh oligarch", "KAZ", "BUS"),
    ("the Irish taoiseach", "IRL", "GOV"),
    ("the Nepalese Maoists", "NPL", "REB"),
    ("the Tunisian central bank", "TUN", "GOV"),
    ("the Muslim Brotherhood", "EGY", "OPP"),
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
    assert resolve_actor("the Ukrainain army").code == "UKR"


def test_no_typo_is_read_into_a_person_s_name() -> None:
    # "Lyndon" is one letter from London, but in "Margaret Lyndon" it is a surname
    assert resolve_actor("Margaret Lyndon").code is None
    assert resolve_actor("Lyndon Barker").code is None


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


# -- officials: many terms, surnames, dates ------------------------------------------------------------

def test_officials_file_is_thorough_and_well_formed() -> None:
    kb = default_kb()
    terms = [t for person in kb.officials.values() for t in person]
    assert len(terms) >= 1500
    for t in terms:
        assert t.start and len(t.start) == 10, t
        assert not t.end or t.start <= t.end, t


@pytest.mark.parametrize(("text", "date", "code", "name"), [
    ("Jacques Chirac", "2001-05-01", "FRA", "Jacques Chirac"),
    ("Nelson Mandela", "1996-02-01", "ZAF", "Nelson Mandela"),
    ("Kofi Annan", "2003-03-01", "UNO", "Kofi Annan"),
    ("Yasser Arafat", "1999-09-09", "PSE", "Yasser Arafat"),
    ("Arafat", "1999-09-09", "PSE", "Yasser Arafat"),
    ("Chavez", "2008-01-01", "VEN", "Hugo Chavez"),
    ("Mandela", "1996-02-01", "ZAF", "Nelson Mandela"),
])
def test_heads_of_state_by_full_name_and_surname(text: str, date: str, code: str, name: str) -> None:
    actor = resolve_actor(text, date=date)
    assert (actor.code, actor.sector, actor.name) == (code, "GOV", name)


def test_shared_surname_goes_to_whoever_held_office_that_day() -> None:
    assert resolve_actor("Clinton", date="1996-04-01").name == "Bill Clinton"
    assert resolve_actor("Clinton", date="2011-04-01").name == "Hillary Clinton"
    assert resolve_actor("Bush", date="1991-01-17").name == "George H. W. Bush"
    assert resolve_actor("President Bush", date="2003-03-20").name == "George W. Bush"


def test_shared_surname_with_nobody_or_several_in_office_still_names_their_one_state() -> None:
    # whoever "Clinton" or "President Bush" is, all who bear the name served the United States
    out_of_office = resolve_actor("Clinton", date="2016-04-01")
    assert (out_of_office.code, out_of_office.sector) == ("USA", "ELI")
    assert resolve_actor("Bush").code == "USA"  # no date: both fit
    assert resolve_actor("President Bush").sector == "GOV"


def test_shared_surname_of_office_holders_of_different_states_names_nobody(tmp_path) -> None:
    from thucydides.knowledge.kb import KnowledgeBase

    rows = ("id,name,aliases,code,org,sector,role,start,end,note\n"
            "pat-a,Pat Quillfeather,Quillfeather,NZL,,GOV,Prime Minister of New Zealand,2001-01-01,2003-01-01,\n"
            "pat-b,Sam Quillfeather,Quillfeather,FJI,,GOV,Prime Minister of Fiji,2005-01-01,2007-01-01,\n")
    (tmp_path / "officials.csv").write_text(rows, encoding="utf-8")
    kb = KnowledgeBase.load(extra=(str(tmp_path / "officials.csv"),))
    assert resolve_actor("Quillfeather", date="2002-01-01", kb=kb).code == "NZL"
    assert resolve_actor("Quillfeather", date="2010-01-01", kb=kb).code is None


def test_country_and_organisation_come_from_the_term() -> None:
    tusk_eu = resolve_actor("Donald Tusk", date="2016-06-01")
    tusk_pl = resolve_actor("Donald Tusk", date="2024-06-01")
    assert (tusk_eu.code, tusk_eu.org) == ("EUR", "EU")
    assert (tusk_pl.code, tusk_pl.org) == ("POL", None)
    assert resolve_actor("Lagarde", date="2015-01-01").org == "IMF"


def test_surname_is_no_alias_when_it_is_a_common_word() -> None:
    assert resolve_actor("Prime Minister Major", date="1992-01-01").name != "John Major"
    assert resolve_actor("John Major", date="1992-01-01").code == "GBR"


# -- no date: the latest term --------------------------------------------------------------------------

def test_without_date_an_official_gets_the_office_of_the_latest_term() -> None:
    merkel = resolve_actor("Angela Merkel")
    assert (merkel.code, merkel.sector) == ("DEU", "GOV")
    assert (merkel.why or "").endswith("no date given: latest term (Angela Merkel, Chancellor of Germany, "
                                       "2005-11-22..2021-12-08)")
    rutte = resolve_actor("Mark Rutte")
    assert (rutte.code, rutte.org, rutte.sector) == ("IGO", "NATO", "GOV")


def test_with_date_a_former_official_is_still_elite() -> None:
    assert resolve_actor("Angela Merkel", date="2024-01-01").sector == "ELI"


# -- outlets and groups: no catch-all rows, common words only as whole names ------------------------------

@pytest.mark.parametrize(("text", "code", "sector", "name"), [
    ("the Liberation Tigers of Tamil Eelam", "LKA", "REB", "Liberation Tigers of Tamil Eelam"),
    ("the Liberation Tigers", "LKA", "REB", "Liberation Tigers of Tamil Eelam"),
    ("Tamil Tigers", "LKA", "REB", "Liberation Tigers of Tamil Eelam"),
    ("Liberation", "FRA", "JRN", "Liberation"),
    ("Le Monde", "FRA", "JRN", "Le Monde"),
    ("Le Figaro", "FRA", "JRN", "Le Figaro"),
    ("Sky News", "GBR", "JRN", "Sky News"),
    ("UNITA rebels", "AGO", "REB", "UNITA"),
    ("RUF fighters", "SLE", "REB", "Revolutionary United Front"),
    ("the KLA", "XKX", "REB", "Kosovo Liberation Army"),
    ("Shining Path guerrillas", "PER", "REB", "Shining Path"),
    ("Zapatistas", "MEX", "REB", "Zapatista Army of National Liberation"),
    ("the Northern Alliance", "AFG", "REB", "Northern Alliance"),
    ("ISWAP fighters", "NGA", "REB", "Islamic State West Africa Province"),
    ("Africa Corps", "RUS", "MIL", "Africa Corps"),
    ("the PLO", "PSE", "GOV", "Palestine Liberation Organization"),
])
def test_groups_and_outlets_have_their_own_rows(text: str, code: str, sector: str, name: str) -> None:
    actor = resolve_actor(text)
    assert (actor.code, actor.sector, actor.name) == (code, sector, name)


def test_common_word_alias_needs_the_whole_capitalised_phrase() -> None:
    assert resolve_actor("Dawn").kind == "outlet"
    assert resolve_actor("Dawn raids").kind != "outlet"
    assert resolve_actor("liberation").code is None


def test_user_common_word_list(tmp_path: Path) -> None:
    (tmp_path / "mine.csv").write_text("id,name,code,org,sector,kind,aliases\n"
                                       "harbour,The Harbour,NZL,,JRN,outlet,Harbour\n", encoding="utf-8")
    (tmp_path / "words.csv").write_text("word,list\nharbour,common\n", encoding="utf-8")
    kb = KnowledgeBase.load([tmp_path])
    assert resolve_actor("Harbour", kb=kb).code == "NZL"
    assert resolve_actor("Harbour Bridge workers", kb=kb).code is None


# -- places inside actor phrases ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "code", "sector"), [
    ("The government of Sindh province", "PAK", "GOV"),
    ("Shanghai officials", "CHN", "GOV"),
    ("Kano state police", "NGA", "COP"),
    ("Security forces in Guinea", "GIN", "COP"),
    ("Demonstrators in Baghdad", "IRQ", "CVL"),
])
def test_place_names_give_the_country(text: str, code: str, sector: str) -> None:
    actor = resolve_actor(text)
    assert (actor.code, actor.sector) == (code, sector)


def test_place_fallback_says_why_and_skips_names_after_titles() -> None:
    assert "place 'Sindh'" in (resolve_actor("The government of Sindh province").why or "")
    assert resolve_actor("Major General Smith").code is None
