"""A user's knowledge-base files (--kb) reach every step: actors, claimants and deniers."""

from __future__ import annotations

from pathlib import Path

import pytest

import thucydides

pytestmark = pytest.mark.model

TEXT = ("Border guards detained three smugglers near Narva on Monday, the Narva Courier reported.\n\n"
        "Mayor Kallas said the city would open a new crossing.")


@pytest.fixture()
def my_kb(tmp_path: Path) -> Path:
    kb = tmp_path / "my_kb"
    kb.mkdir()
    (kb / "outlets.csv").write_text("id,name,code,org,sector,kind,aliases\n"
                                    "narva-courier,Narva Courier,EST,,JRN,outlet,\n")
    (kb / "people.csv").write_text("id,name,aliases,code,org,sector,role,start,end\n"
                                   "kallas-mayor,Marta Kallas,Mayor Kallas,EST,,GOV,Mayor of Narva,2024-05-01,\n")
    return kb


def test_user_outlet_is_the_reporting_source(my_kb: Path) -> None:
    events = thucydides.code(TEXT, date="2025-03-04", kb_paths=[str(my_kb)])
    detained = next(e for e in events if e.trigger == "detained")
    assert detained.claim.status == "reported"
    assert detained.claim.claimant is not None and detained.claim.claimant.kind == "outlet"
    assert detained.claim.claimant.code == "EST"


def test_without_the_file_the_outlet_is_unknown() -> None:
    events = thucydides.code(TEXT, date="2025-03-04")
    detained = next(e for e in events if e.trigger == "detained")
    assert detained.claim.claimant is None or detained.claim.claimant.code != "EST" \
        or detained.claim.claimant.kind != "outlet"
