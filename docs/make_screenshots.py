"""Screenshots of the web app's pages for the README, made from the project's own example articles.

    .venv/bin/python docs/make_screenshots.py            # writes docs/screenshot-*.jpg

Codes ``examples/`` into a temporary SQLite ledger with ``thucydides code``, starts ``thucydides serve`` on
a free port, opens each page in Debian's headless Chromium (``/usr/bin/chromium``, driven by Playwright, as
the browser tests do) and saves one small screenshot per page. Nothing is fetched from the internet.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
OUT = ROOT / "docs"
THUCYDIDES = str(Path(sys.executable).with_name("thucydides"))
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1000, "height": 700}
QUALITY = 75  # JPEG: every page stays well under 150 KB (a PNG of a busy page does not)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return json.loads(answer.read())


def wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"thucydides serve stopped: {server.communicate()[0].decode()}")
        try:
            get_json(url + "/api")
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("thucydides serve did not answer in 60 s")


def pages(url: str) -> list[tuple[str, str]]:
    """(name, path) of each page to show; the event and the incident are the examples' disputed strike."""
    incidents = get_json(url + "/api/incidents")["incidents"]
    incident = max(incidents, key=lambda i: (i["status"] == "disputed", i["n_reports"]))
    reports = get_json(f"{url}/api/incidents/{incident['id']}")["reports"]
    return [("events", "/events"), ("event", f"/events/{reports[0]['event_id']}"),
            ("incidents", "/incidents"), ("incident", f"/incidents/{incident['id']}"),
            ("timeline", "/timeline"), ("map", "/map"), ("actors", "/actors"), ("documents", "/documents")]


def shoot(page: Any, name: str, out: Path) -> Path:
    """A JPEG of the viewport."""
    path = out / f"screenshot-{name}.jpg"
    page.screenshot(path=str(path), type="jpeg", quality=QUALITY)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the images (default: docs/)")
    out: Path = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "examples.db")
        subprocess.run([THUCYDIDES, "code", str(EXAMPLES), "--db", db, "-o", str(Path(tmp) / "events.txt")],
                       check=True)
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([THUCYDIDES, "serve", "--db", db, "--port", str(port)],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            wait_for(url, server)
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
                for name, path in pages(url):
                    page.goto(url + path)
                    page.wait_for_load_state("networkidle")
                    saved = shoot(page, name, out)
                    print(f"{saved.relative_to(ROOT) if saved.is_relative_to(ROOT) else saved}: "
                          f"{saved.stat().st_size:,} bytes ({path})")
                browser.close()
        finally:
            server.terminate()
            server.communicate(timeout=30)


if __name__ == "__main__":
    main()
