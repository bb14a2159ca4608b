"""Helpers of the web tests: real `thucydides serve` processes on free ports, a ledger coded from our own
articles, and a small JSON client over urllib."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_articles import ARTICLES  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(os.environ.get("THUCYDIDES_SCREENSHOTS") or
                   Path(__file__).resolve().parents[2] / "build" / "screenshots")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Server:
    url: str
    db: str
    token: str
    process: subprocess.Popen[bytes]

    def call(self, method: str, path: str, body: Any = None, token: str | None = None,
             headers: dict[str, str] | None = None, raw: bytes | None = None) -> Answer:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers or {})
        if data is not None and "Content-Type" not in request.headers:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                return Answer(answer.status, dict(answer.headers), answer.read())
        except urllib.error.HTTPError as exc:
            return Answer(exc.code, dict(exc.headers), exc.read())

    def get(self, path: str, **kw: Any) -> Answer:
        return self.call("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Answer:
        return self.call("POST", path, body, **kw)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fill_ledger(url: str) -> str:
    """Code the test articles into the ledger at ``url``; a write token for "tester"."""
    from thucydides.api import code_documents
    from thucydides.ledger import Ledger
    from thucydides.model import Document

    with Ledger(url) as ledger:
        for coded in code_documents([Document(**a) for a in ARTICLES]):
            assert coded.document.status == "coded", coded.document.error
            ledger.store(coded.document, coded.events, coded.quotes)
        return ledger.create_token("tester")


def start_server(db: str, token: str, *extra: str) -> Server:
    port = free_port()
    exe = Path(sys.executable).with_name("thucydides")
    process = subprocess.Popen([str(exe), "serve", "--db", db, "--port", str(port), *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", db, token, process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.communicate()[0].decode()
            raise RuntimeError(f"the server stopped: {output}")
        try:
            if server.get("/api").status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    process.kill()
    process.communicate()
    raise RuntimeError("the server did not start in 60 s")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    if server.process.stdout:
        server.process.stdout.close()


def chromium_or_skip() -> str:
    """Debian's Chromium; missing, the browser tests skip locally and fail in CI (CI=true)."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run installs the chromium package")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests skipped")
    raise AssertionError  # unreachable
