"""The pages in a real headless Chromium (Debian's, driven by Playwright) against a real server:
filter, open an event and its highlighted sentence, its incident, correct it with a token and undo,
a hostile title stays text, every page renders, and nothing is fetched from any other host."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from web_helpers import SCREENSHOTS, Server, chromium_or_skip

pytestmark = pytest.mark.model

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any, server: Server) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.hosts = set()  # every host the page asked for anything
    page.errors = []
    page.on("request", lambda request: page.hosts.add(urlsplit(request.url).netloc))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
    assert page.hosts <= {urlsplit(server.url).netloc}, f"requests to other hosts: {page.hosts}"


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def test_filter_open_event_incident_correct_and_undo(page: Any, server: Server) -> None:
    page.goto(server.url + "/events")
    shot(page, "events")
    everything = int(page.inner_text("#total"))
    page.fill("input[name=actor]", "RUS")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/events?*actor=RUS*")
    assert 0 < int(page.inner_text("#total")) < everything
    page.fill("input[name=actor]", "")
    page.fill("input[name=place]", "Kharkiv")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**place=Kharkiv*")
    page.click("a.event-link")
    page.wait_for_url("**/events/*")
    assert page.inner_text("mark.trigger") == "shelled"
    assert "Russian forces" in page.inner_text("mark.actor")
    assert "Russian forces shelled the city of Kharkiv" in page.inner_text("#sentence")
    shot(page, "event")
    event_url = page.url
    page.click("#incident-link")
    page.wait_for_url("**/incidents/*")
    assert "Harbour Gazette" in page.inner_text("main")
    shot(page, "incident")
    # correct it with the token
    page.goto(event_url)
    page.select_option("#correct-form select[name=event]", "COERCE")
    page.fill("#correct-form input[name=note]", "a blockade, not shelling")
    page.fill("#correct-form input[name=token]", server.token)
    page.click("#correct-form button[type=submit]")
    page.wait_for_load_state()
    assert page.inner_text("h1").startswith("COERCE") and "corrected" in page.inner_text("h1")
    row = page.inner_text("table.corrections tbody tr")
    assert "tester" in row and "a blockade, not shelling" in row and "ASSAULT" in row
    shot(page, "event-corrected")
    # a wrong token is refused with a message
    page.fill("#correct-form input[name=mode]", "blockade")
    page.fill("#correct-form input[name=token]", "thu_wrong")
    page.click("#correct-form button[type=submit]")
    page.wait_for_load_state()
    assert "not valid" in page.inner_text("#error")
    # undo
    page.goto(event_url)
    page.fill("table.corrections input[name=token]", server.token)
    page.click("table.corrections button[type=submit]")
    page.wait_for_load_state()
    assert page.inner_text("h1").startswith("ASSAULT") and "undone by tester" in page.inner_text("table.corrections")
    assert page.errors == []


def test_hostile_title_and_text_stay_text(page: Any, server: Server) -> None:
    page.goto(server.url + "/documents")
    assert page.evaluate("window.__pwned") is None
    title = page.inner_text("table.documents")
    assert "<script>window.__pwned = 1</script>" in title
    page.goto(server.url + "/events?text=protesters")
    page.click("a.event-link")
    page.wait_for_url("**/events/*")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main script").count() == 0 and page.locator("main img").count() == 0
    shot(page, "documents")


@pytest.mark.parametrize(("path", "check"), [
    ("/incidents", "table tbody tr"),
    ("/timeline", "svg.timeline rect"),
    ("/timeline?by=week&group=quad", "svg.timeline rect"),
    ("/map", "svg.map a.point circle"),
    ("/actors", "table tbody tr"),
    ("/documents", "table.documents tbody tr"),
    ("/docs", "#swagger-ui"),
])
def test_every_page_renders(page: Any, server: Server, path: str, check: str) -> None:
    answer = page.goto(server.url + path)
    assert answer.status == 200
    page.wait_for_selector(check, timeout=15000)
    assert page.locator(check).count() >= 1
    name = path.strip("/").replace("?", "-").replace("&", "-").replace("=", "-") or "home"
    shot(page, name)
    if path == "/map":
        assert page.locator("svg.map path.country").count() > 150  # outlines from world-atlas
        page.click("svg.map a.point")
        page.wait_for_url("**/events?*place=*")
        assert int(page.inner_text("#total")) >= 1
    assert page.errors == []


def test_forms_without_the_csrf_field_are_refused(server: Server) -> None:
    eid = server.get("/api/events?place=Kharkiv&actor=RUS").json()["events"][0]["id"]
    answer = server.call("POST", f"/events/{eid}/corrections", raw=f"event=AID&token={server.token}".encode(),
                         headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/html"})
    assert answer.status == 403 and b"reload the page" in answer.body
    assert server.get(f"/api/events/{eid}").json()["event"] == "ASSAULT"
