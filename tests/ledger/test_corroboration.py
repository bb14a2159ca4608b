"""Grouping events into incidents and judging how well an incident is attested."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from thucydides.ledger import Ledger
from thucydides.ledger import corroboration as cor
from thucydides.model import Actor, Claim, Document, Event, Place, Report

DOC = Document(text="A made-up dispatch about a raid on a fuel depot.", date="2024-03-05", source="Harbour Gazette")
KHARKIV = Place(name="Kharkiv", country="UKR", lat=49.99, lon=36.23, feature="city")


def ev(event: str = "ASSAULT", actor: str | None = "RUS", recipient: str | None = "UKR",
       place: Place | None = KHARKIV, date: str | None = "2024-03-05", **kw: object) -> Event:
    e = Event(event=event, doc_id=DOC.id, actor=[Actor(text=actor, code=actor)] if actor else [],
              recipient=[Actor(text=recipient, code=recipient)] if recipient else [], location=place, date=date,
              trigger="raided", trigger_start=0, **kw)  # type: ignore[arg-type]
    e.assign_id()
    return e


def test_same_report_twice_is_the_same_happening() -> None:
    assert cor.same_happening(ev(), ev(date="2024-03-07"))


@pytest.mark.parametrize("other, same", [
    (ev("COERCE"), True),  # compatible types
    (ev("PROTEST"), False),
    (ev(actor=None), True),  # actor missing on one side
    (ev(actor="BLR"), False),  # different attacker
    (ev(recipient=None), True),
    (ev(date="2024-03-08"), True),  # within three days
    (ev(date="2024-03-09"), False),
    (ev(date="2024-03"), True),  # month precision covers the day
    (ev(date=None), True),
    (ev(place=None), True),
    (ev(place=Place(name="Ukraine", country="UKR", feature="country")), True),
    (ev(place=Place(name="Tbilisi", country="GEO")), False),
    (ev(place=Place(name="Chuhuiv", country="UKR", lat=49.84, lon=36.69, feature="city")), True),  # ~37 km
    (ev(place=Place(name="Odesa", country="UKR", lat=46.48, lon=30.72, feature="city")), False),
    (ev(place=Place(name="Saltivka", country="UKR")), False),  # another name, no coordinates
    (ev(aux_mode="hypothetical"), False),
    (ev(aux_mode="negated"), False),
    (ev(aux_mode="historical"), True),
])
def test_same_happening_rules(other: Event, same: bool) -> None:
    assert cor.same_happening(ev(), other) is same
    assert cor.same_happening(other, ev()) is same


def test_nothing_concrete_in_common_is_not_grouped() -> None:
    bare = ev(actor=None, recipient=None, place=None)
    assert not cor.same_happening(bare, ev(actor=None, recipient=None, place=None))
    named = ev(actor=None, recipient=None)
    assert cor.same_happening(named, ev(actor=None, recipient=None))  # same named place


def test_date_span() -> None:
    assert [d.isoformat() for d in cor.date_span("2024-02") or ()] == ["2024-02-01", "2024-02-29"]
    assert [d.isoformat() for d in cor.date_span("2024-03-01", "2024-03-04") or ()] == ["2024-03-01",
                                                                                         "2024-03-04"]
    assert cor.date_span("yesterday") is None and cor.date_span("2024-02-31") is None


def test_incident_id_is_stable_and_depends_on_the_key() -> None:
    assert cor.incident_id(ev()) == cor.incident_id(ev()) != cor.incident_id(ev(date="2024-03-06"))
    assert cor.event_family("COERCE") == cor.event_family("ASSAULT") != cor.event_family("PROTEST")


def _pairs(*specs: tuple[str | None, Claim, str | None]) -> list[tuple[Event, Report]]:
    out = []
    for i, (outlet, claim, doc_id) in enumerate(specs):
        e = dataclasses.replace(ev(), claim=claim, doc_id=doc_id or f"doc{i}")
        e.assign_id()
        out.append((e, cor.build_report(e, outlet)))
    return out


def test_independent_sources_count_outlets_and_relays_once() -> None:
    relay = Claim(outlet=Actor(text="Reuters", name="Reuters", kind="outlet"))
    pairs = _pairs(("Harbour Gazette", Claim(), None), ("The Harbour Gazette", Claim(), None),
                   ("Northern Courier", relay, None), ("Reuters", Claim(), None), (None, Claim(), None))
    # Harbour Gazette once, the Courier relaying Reuters counts as Reuters, one unknown outlet
    assert cor.independent_sources(pairs) == 3


def test_status_single_and_corroborated() -> None:
    one = _pairs(("Harbour Gazette", Claim(), None), ("Harbour Gazette", Claim(), None))
    assert cor.incident_status(one, {"RUS"}, {"UKR"}) == (1, "single-source")
    two = _pairs(("Harbour Gazette", Claim(), None), ("Northern Courier", Claim(), None))
    assert cor.incident_status(two, {"RUS"}, {"UKR"}) == (2, "corroborated")


def test_status_confirmed_by_adversary() -> None:
    claim = Claim(status="claimed", claimant=Actor(text="Kyiv", code="UKR"),
                  confirmed_by=[Actor(text="Moscow", code="RUS")])
    pairs = _pairs(("Harbour Gazette", claim, None))
    assert cor.incident_status(pairs, {"RUS"}, {"UKR"}) == (1, "confirmed-by-adversary")
    # a third state confirming is no adversary; neither is an ally on the same side
    assert cor.incident_status(pairs, {"BLR"}, {"UKR"})[1] == "single-source"
    assert not cor.adversaries("UKR", "RUS", "CONSULT", {"RUS"}, {"UKR"})
    assert not cor.adversaries("UKR", "UNO", "ASSAULT", {"UNO"}, {"UKR"})


def test_status_disputed_wins() -> None:
    denied = Claim(status="claimed", claimant=Actor(text="Kyiv", code="UKR"),
                   confirmed_by=[Actor(text="Moscow", code="RUS")], denied_by=[Actor(text="Minsk", code="BLR")])
    pairs = _pairs(("Harbour Gazette", Claim(), None), ("Northern Courier", denied, None))
    assert cor.incident_status(pairs, {"RUS"}, {"UKR"}) == (2, "disputed")
    flat = _pairs(("Harbour Gazette", Claim(status="denied"), None))
    assert cor.incident_status(flat, {"RUS"}, {"UKR"})[1] == "disputed"


def test_report_carries_claim_and_sentence() -> None:
    e = ev(claim=Claim(status="claimed", claimant=Actor(text="Kyiv", code="UKR")))
    report = cor.build_report(e, "Harbour Gazette")
    assert (report.event_id, report.outlet, report.status, report.date) == (
        e.id, "Harbour Gazette", "claimed", "2024-03-05")
    assert report.claimant is not None and report.claimant.code == "UKR"


def test_judge_status_from_report_facts() -> None:
    assert cor.judge_status(1, False, [("ASSAULT", "UKR", ["RUS"])], {"RUS"}, {"UKR"}) == "confirmed-by-adversary"
    assert cor.judge_status(1, False, [("ASSAULT", "UKR", [None])], {"RUS"}, {"UKR"}) == "single-source"
    assert cor.judge_status(3, True, [("ASSAULT", "UKR", ["RUS"])], {"RUS"}, {"UKR"}) == "disputed"
    assert cor.judge_status(2, False, [], {"RUS"}, {"UKR"}) == "corroborated"


# --- incidents stay single happenings: core spans and coarse dates ------------------------------------------

def _span(value: str) -> tuple[date, date] | None:
    return cor.date_span(value)


@pytest.mark.parametrize(("report", "core", "fits"), [
    ("2024-03-07", "2024-03-05", True),  # within the window of the founding report
    ("2024-03-09", "2024-03-05", False),
    ("2024-03", "2024-03-05", True),  # a month around a precise core: joins, without widening it
    ("2024-04", "2024-03-05", False),
    ("2024-03-05", "2024-03", False),  # a precise report never joins an incident founded by a month
    ("2024-03", "2024-03", False),  # two reports dated only to March may be two happenings
    ("2024", "2024-03", False),
])
def test_reports_fit_the_core_span(report: str, core: str, fits: bool) -> None:
    assert cor.fits_core(_span(report), _span(core)) is fits


def test_an_undated_report_fits_any_core_but_a_dated_one_no_undated_core() -> None:
    assert cor.fits_core(None, _span("2024-03-05"))
    assert not cor.fits_core(_span("2024-03-05"), None)


def _store(ledger: Ledger, key: str, published: str, event_date: str, place: Place | None = KHARKIV) -> None:
    doc = Document(text=f"A made-up dispatch {key} about shelling near Kharkiv.", date=published,
                   source=f"Outlet {key}")
    e = Event(event="ASSAULT", doc_id=doc.id, actor=[Actor(text="Russian artillery", code="RUS")],
              recipient=[Actor(text="Ukrainian positions", code="UKR")], location=place, date=event_date,
              trigger="shelled", trigger_start=0)
    e.assign_id()
    ledger.store(doc, [e])


def _incidents(ledger: Ledger) -> list[tuple[str | None, str | None, int]]:
    return sorted((i.date, i.date_end, len(i.reports)) for i in ledger.incidents())


def test_a_month_dated_report_does_not_bridge_two_happenings(ledger: Ledger) -> None:
    _store(ledger, "early", "2024-03-04", "2024-03-04")
    _store(ledger, "month", "2024-03-30", "2024-03")  # "in March", filed between the two
    _store(ledger, "late", "2024-03-25", "2024-03-25")  # three weeks after the first
    found = _incidents(ledger)
    assert ("2024-03-04", None, 2) in found  # the month report joins one precise incident ...
    assert ("2024-03-25", None, 1) in found  # ... and the later happening stays its own
    assert all(end is None for _, end, _ in found)  # no incident widened to the month


def test_a_month_dated_founder_takes_no_day_dated_reports(ledger: Ledger) -> None:
    _store(ledger, "month", "2024-03-30", "2024-03")
    _store(ledger, "early", "2024-03-04", "2024-03-04")
    _store(ledger, "late", "2024-03-25", "2024-03-25")
    assert _incidents(ledger) == [("2024-03-01", "2024-03-31", 1), ("2024-03-04", None, 1),
                                  ("2024-03-25", None, 1)]


def test_no_transitive_chain_beyond_the_window(ledger: Ledger) -> None:
    # A ~ B (3 days) and B ~ C (3 days), but A and C are 6 days apart: C is not the same happening as A
    for key, day in (("a", "2024-03-05"), ("b", "2024-03-08"), ("c", "2024-03-11")):
        _store(ledger, key, day, day)
    found = _incidents(ledger)
    assert found == [("2024-03-05", "2024-03-08", 2), ("2024-03-11", None, 1)]
