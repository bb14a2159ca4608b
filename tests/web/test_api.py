"""The REST API of a real `thucydides serve` process over a ledger coded from our own articles."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_helpers import Server, start_server, stop_server

pytestmark = pytest.mark.model

THUCYDIDES = str(Path(sys.executable).with_name("thucydides"))


def kharkiv(server: Server) -> dict:
    found = server.get("/api/events?place=Kharkiv&actor=RUS").json()["events"]
    assert len(found) == 1, found
    return found[0]


def test_schema_and_interactive_docs_are_served_offline(server: Server) -> None:
    schema = server.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/incidents", "/api/incidents/{incident_id}",
                 "/api/claims", "/api/documents", "/api/events/{event_id}/corrections"):
        assert path in schema["paths"], path
    docs = server.get("/docs", headers={"Accept": "text/html"}).body.decode()
    assert "/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert server.get("/vendor/swagger-ui/swagger-ui-bundle.js").status == 200


def test_events_filter_sort_and_page(server: Server) -> None:
    everything = server.get("/api/events?limit=1000").json()
    assert everything["total"] == len(everything["events"]) >= 8
    ukr = server.get("/api/events?actor=UKR").json()["events"]
    assert ukr and all("UKR" in [a["code"] for a in e["actor"]] for e in ukr)
    assault = server.get("/api/events?event=assault&since=2025-03-13&until=2025-03-13").json()["events"]
    assert assault and {e["event"] for e in assault} == {"ASSAULT"} and {e["date"] for e in assault} == {"2025-03-13"}
    assert {e["location"]["name"] for e in assault} == {"Novorossiysk"}
    first = server.get("/api/events?limit=3&offset=0").json()["events"]
    second = server.get("/api/events?limit=3&offset=3").json()["events"]
    assert len(first) == 3 and not {e["id"] for e in first} & {e["id"] for e in second}
    confidences = [e["confidence"] for e in server.get("/api/events?sort=-confidence&limit=1000").json()["events"]]
    assert confidences == sorted(confidences, reverse=True)
    text = server.get("/api/events?text=tallinn").json()["events"]
    assert text and all("Tallinn" in e["sentence"]["text"] for e in text)


def test_one_event_incident_claims_documents(server: Server) -> None:
    event = kharkiv(server)
    one = server.get(f"/api/events/{event['id']}").json()
    assert one["id"] == event["id"] and one["corrections"] == [] and one["original"]["event"] == "ASSAULT"
    incident = server.get(f"/api/incidents/{one['incident_id']}").json()
    assert event["id"] in [r["event_id"] for r in incident["reports"]]
    incidents = server.get("/api/incidents").json()["incidents"]
    assert {"disputed", "corroborated"} <= {i["status"] for i in incidents}
    claims = server.get("/api/claims").json()
    assert any(c["status"] == "denied" for c in claims)
    docs = server.get("/api/documents").json()
    assert {d["id"] for d in docs} >= {"web-harbour-strike", "web-coastal-report", "web-hostile-title"}
    assert all("text" not in d for d in docs)


@pytest.mark.parametrize(("path", "status", "words"), [
    ("/api/events?since=last-week", 400, "not a date"),
    ("/api/events?event=BOMBING", 400, "unknown PLOVER event type"),
    ("/api/events?quad=9", 422, "quad"),
    ("/api/events?sort=colour", 400, "cannot sort by"),
    ("/api/events/0000000000000000", 404, "no event with id"),
    ("/api/incidents/0000000000000000", 404, "no incident with id"),
    ("/api/nothing-here", 404, "no page at"),
])
def test_errors_are_json_with_a_message(server: Server, path: str, status: int, words: str) -> None:
    answer = server.get(path)
    assert answer.status == status
    error = answer.json()["error"]
    assert error["status"] == status and words in error["message"]
    assert b"Traceback" not in answer.body


def test_writes_need_a_valid_token_and_change_nothing_without_one(server: Server) -> None:
    event = kharkiv(server)
    for token in (None, "thu_not-a-real-token"):
        answer = server.post(f"/api/events/{event['id']}/corrections", {"event": "COERCE"}, token=token)
        assert answer.status == 401 and "token" in answer.json()["error"]["message"]
        assert answer.headers.get("www-authenticate") == "Bearer"
    assert server.post("/api/documents", {"text": "Poland protested."}).status == 401
    assert server.get(f"/api/events/{event['id']}/corrections").json() == []


def test_correct_mark_wrong_and_undo(server: Server) -> None:
    event = kharkiv(server)
    eid = event["id"]
    made = server.post(f"/api/events/{eid}/corrections",
                       {"event": "coerce", "actor": ["BLR"], "note": "a blockade, not shelling"}, token=server.token)
    assert made.status == 201
    correction = made.json()
    assert correction["who"] == "tester" and correction["note"] == "a blockade, not shelling"
    assert correction["before"] == {"event": "ASSAULT", "actor": event["actor"]}
    assert correction["after"]["event"] == "COERCE" and correction["after"]["actor"][0]["code"] == "BLR"
    # applied in every query, the coding kept
    now = server.get(f"/api/events/{eid}").json()
    assert now["event"] == "COERCE" and now["quad"] == 4 and now["corrected"] is True
    assert now["original"]["event"] == "ASSAULT" and now["original"]["actor"][0]["code"] == "RUS"
    assert eid in [e["id"] for e in server.get("/api/events?event=COERCE&actor=BLR").json()["events"]]
    assert eid not in [e["id"] for e in server.get("/api/events?event=ASSAULT").json()["events"]]
    incident = server.get(f"/api/incidents/{now['incident_id']}").json()
    assert incident["actor"] == ["BLR"]
    csv = server.get("/events.csv?event=COERCE").body.decode()
    assert eid in csv
    # marked wrong: out of event lists and incidents, still readable by id
    wrong = server.post(f"/api/events/{eid}/corrections", {"wrong": True}, token=server.token).json()
    assert eid not in [e["id"] for e in server.get("/api/events?limit=1000").json()["events"]]
    assert server.get(f"/api/events/{eid}").json()["wrong"] is True
    assert all(eid not in [r["event_id"] for r in i["reports"]]
               for i in server.get("/api/incidents").json()["incidents"])
    # the export for retraining
    out = subprocess.run([THUCYDIDES, "corrections", "--db", server.db, "--format", "jsonl"],
                         capture_output=True, text=True, check=True).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == [correction["id"], wrong["id"]]
    assert rows[0]["original"]["event"] == "ASSAULT" and rows[0]["corrected"]["event"] == "COERCE"
    assert rows[0]["sentence"]["text"].startswith("Russian forces shelled") and rows[1]["wrong"] is True
    # undo both: back as coded, the log keeps them
    for c in (wrong, correction):
        undone = server.post(f"/api/corrections/{c['id']}/undo", token=server.token)
        assert undone.status == 200 and undone.json()["undone_by"] == "tester"
    back = server.get(f"/api/events/{eid}").json()
    assert back["event"] == "ASSAULT" and back["wrong"] is False and back["corrected"] is False
    assert len(back["corrections"]) == 2 and all(c["undone_at"] for c in back["corrections"])
    assert server.get(f"/api/incidents/{back['incident_id']}").json()["actor"] == ["RUS"]
    again = server.post(f"/api/corrections/{wrong['id']}/undo", token=server.token)
    assert again.status == 400 and "already undone" in again.json()["error"]["message"]


@pytest.mark.parametrize(("body", "words"), [
    ({"colour": "red"}, "cannot correct 'colour'"),
    ({"event": "BOMBING"}, "not a PLOVER type"),
    ({"date": "yesterday"}, "is not YYYY"),
    ({"note": "only a note"}, "must change something"),
    ({"location": {"name": "Kyiv", "lat": 200}}, "out of range"),
])
def test_bad_corrections_are_refused(server: Server, body: dict, words: str) -> None:
    eid = kharkiv(server)["id"]
    answer = server.post(f"/api/events/{eid}/corrections", body, token=server.token)
    assert answer.status == 400 and words in answer.json()["error"]["message"]
    assert server.post("/api/events/0000000000000000/corrections", {"event": "AID"},
                       token=server.token).status == 404


def test_post_documents_codes_and_stores(server: Server) -> None:
    from web_articles import EXTRA

    answer = server.post("/api/documents", EXTRA, token=server.token)
    assert answer.status == 201, answer.body
    (doc,) = answer.json()["documents"]
    assert doc["id"] == "web-posted" and doc["status"] == "coded" and doc["new_events"] >= 1
    assert "SANCTION" in {e["event"] for e in doc["events"]}
    assert server.get("/api/events?doc_id=web-posted").json()["total"] == len(doc["events"])
    twice = server.post("/api/documents", [EXTRA, {"text": "   ", "id": "blank"}], token=server.token).json()
    assert [d["status"] for d in twice["documents"]] == ["known", "skipped"]
    assert server.post("/api/documents", {"title": "no text"}, token=server.token).json()["error"]["message"] \
        .startswith("item 1: no \"text\" field")
    assert server.post("/api/documents", raw=b"{not json", token=server.token).status == 400
    huge = server.post("/api/documents", {"text": "x" * 2_050_000}, token=server.token)
    assert huge.status == 413 and "over the limit" in huge.json()["error"]["message"]


def test_an_oversized_upload_gets_the_json_413_not_a_dropped_connection(server: Server) -> None:
    # urllib sends the whole body before it reads, with "Connection: close": the answer must wait for it
    body = json.dumps({"text": "x" * 6_000_000}).encode()
    answer = server.post("/api/documents", raw=body, token=server.token)
    assert answer.status == 413, answer.body
    assert answer.json()["error"]["message"] == \
        f"the upload has {len(body):,} bytes, over the limit of 2,000,000; split it into smaller files"


def test_an_oversized_chunked_upload_without_length_gets_the_json_413(server: Server) -> None:
    import http.client
    from urllib.parse import urlsplit

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(60):
            yield b"x" * 100_000
        yield b'"}'

    before = len(server.get("/api/documents").json())
    where = urlsplit(server.url)
    connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=120)
    try:
        connection.request("POST", "/api/documents", body=chunks(), encode_chunked=True,
                           headers={"Authorization": f"Bearer {server.token}", "Content-Type": "application/json",
                                    "Connection": "close"})
        answer = connection.getresponse()
        status, message = answer.status, json.loads(answer.read())["error"]["message"]
    finally:
        connection.close()
    assert status == 413 and message.startswith("the upload has 6,000,012 bytes, over the limit of 2,000,000")
    assert len(server.get("/api/documents").json()) == before


def test_token_create_and_revoke_from_the_command_line(server: Server) -> None:
    made = subprocess.run([THUCYDIDES, "token", "create", "carol", "--db", server.db], capture_output=True,
                          text=True, check=True)
    token = made.stdout.strip().splitlines()[-1]
    eid = kharkiv(server)["id"]
    ok = server.post(f"/api/events/{eid}/corrections", {"mode": "shelling"}, token=token)
    assert ok.status == 201 and ok.json()["who"] == "carol"
    server.post(f"/api/corrections/{ok.json()['id']}/undo", token=token)
    subprocess.run([THUCYDIDES, "token", "revoke", "carol", "--db", server.db], check=True, capture_output=True)
    assert server.post(f"/api/events/{eid}/corrections", {"mode": "x"}, token=token).status == 401
    dup = subprocess.run([THUCYDIDES, "token", "create", "tester", "--db", server.db], capture_output=True, text=True)
    assert dup.returncode != 0 and "revoke it first" in dup.stderr


def test_readers_and_a_writer_at_once(server: Server) -> None:
    eid = kharkiv(server)["id"]
    failures: list[str] = []

    def read() -> None:
        for _ in range(15):
            for path in ("/api/events?limit=1000", "/api/incidents", f"/api/events/{eid}"):
                answer = server.get(path)
                if answer.status != 200:
                    failures.append(f"{path}: {answer.status} {answer.body[:200]!r}")

    readers = [threading.Thread(target=read) for _ in range(4)]
    for t in readers:
        t.start()
    for _ in range(5):
        made = server.post(f"/api/events/{eid}/corrections", {"mode": "siege"}, token=server.token)
        assert made.status == 201
        assert server.post(f"/api/corrections/{made.json()['id']}/undo", token=server.token).status == 200
    for t in readers:
        t.join()
    assert failures == []


def test_read_only_serves_no_write_routes(read_only_server: Server) -> None:
    srv = read_only_server
    eid = kharkiv(srv)["id"]
    answer = srv.post(f"/api/events/{eid}/corrections", {"event": "AID"}, token=srv.token)
    assert answer.status == 405 and "read-only" in answer.json()["error"]["message"]
    assert srv.post("/api/documents", {"text": "x"}, token=srv.token).status == 405
    assert "/api/documents" not in srv.get("/openapi.json").json()["paths"] or \
        "post" not in srv.get("/openapi.json").json()["paths"]["/api/documents"]
    page = srv.get("/documents", headers={"Accept": "text/html"}).body.decode()
    assert "code-form" not in page and "read-only" in page
    assert srv.get(f"/api/events/{eid}").json()["corrections"] == []


def test_downloads(server: Server) -> None:
    total = server.get("/api/events?limit=1000").json()["total"]
    jsonl = server.get("/events.jsonl").body.decode().splitlines()
    assert len(jsonl) == total and all(json.loads(line)["id"] for line in jsonl)
    csv = server.get("/events.csv?actor=UKR").body.decode().splitlines()
    assert csv[0].startswith("event,") and len(csv) - 1 == server.get("/api/events?actor=UKR").json()["total"]
    parquet = server.get("/events.parquet")
    assert parquet.body[:4] == b"PAR1" and "attachment" in parquet.headers["content-disposition"]
    assert server.get("/events.xlsx").status == 404


def test_a_server_on_a_missing_folder_says_why(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="cannot open the ledger"):
        stop_server(start_server(str(tmp_path / "no" / "such" / "x.db"), ""))
