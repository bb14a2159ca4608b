"""The API over a PostgreSQL ledger, through the same code (CI sets THUCYDIDES_TEST_PG_URL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from web_helpers import Server, fill_ledger, start_server, stop_server

from pg_helpers import MARKS, URL, drop_all

pytestmark = [*MARKS, pytest.mark.model]



@pytest.fixture()
def pg_server() -> Iterator[Server]:
    assert URL is not None
    drop_all(URL)
    srv = start_server(URL, fill_ledger(URL))
    yield srv
    stop_server(srv)
    drop_all(URL)


def test_read_correct_and_undo_on_postgresql(pg_server: Server) -> None:
    srv = pg_server
    events = srv.get("/api/events?limit=1000").json()
    assert events["total"] >= 8
    (event,) = srv.get("/api/events?place=Kharkiv&actor=RUS").json()["events"]
    made = srv.post(f"/api/events/{event['id']}/corrections", {"event": "COERCE", "note": "pg"}, token=srv.token)
    assert made.status == 201
    assert event["id"] in [e["id"] for e in srv.get("/api/events?event=COERCE").json()["events"]]
    assert srv.post(f"/api/corrections/{made.json()['id']}/undo", token=srv.token).status == 200
    assert srv.get(f"/api/events/{event['id']}").json()["event"] == "ASSAULT"
    assert srv.get("/api/incidents").json()["total"] >= 5
    assert srv.post(f"/api/events/{event['id']}/corrections", {"event": "AID"}).status == 401
