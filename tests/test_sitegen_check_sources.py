"""`make check-sources` against a real HTTP server on 127.0.0.1: a page that answers, one that moved, one that is gone."""
from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.check_sources import check_url

ROOT = Path(__file__).resolve().parent.parent


class _Handler(http.server.BaseHTTPRequestHandler):
    """/ok answers; /old moves to /new; /loop redirects to itself; /no-head refuses HEAD but answers GET; the rest is 404."""

    def do_HEAD(self) -> None:  # noqa: N802
        if self.path == "/no-head":
            self._send(405)
        else:
            self._route()

    def do_GET(self) -> None:  # noqa: N802
        self._route(body=b"page")

    def _route(self, body: bytes = b"") -> None:
        if self.path in ("/ok", "/new", "/no-head"):
            self._send(200, body=body)
        elif self.path == "/old":
            self._send(301, location="/new")
        elif self.path == "/loop":
            self._send(302, location="/loop")
        else:
            self._send(404)

    def _send(self, status: int, location: str | None = None, body: bytes = b"") -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # the test output stays quiet
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def test_a_page_that_answers_is_ok(server: str) -> None:
    assert check_url("a", f"{server}/ok", timeout=10).outcome == "ok"


def test_a_page_that_refuses_head_is_asked_again_with_get(server: str) -> None:
    assert check_url("a", f"{server}/no-head", timeout=10).outcome == "ok"


def test_a_redirect_is_reported_as_moved_with_its_final_address(server: str) -> None:
    result = check_url("a", f"{server}/old", timeout=10)
    assert (result.outcome, result.final_url) == ("moved", f"{server}/new")
    assert result.line() == f"moved: a: {server}/old -> {server}/new"


def test_a_missing_page_is_reported_as_vanished_with_its_status(server: str) -> None:
    result = check_url("a", f"{server}/gone", timeout=10)
    assert (result.outcome, result.reason) == ("vanished", "404 Not Found")


def test_redirects_are_followed_only_so_far(server: str) -> None:
    result = check_url("a", f"{server}/loop", timeout=10, max_redirects=3)
    assert (result.outcome, result.reason) == ("vanished", "more than 3 redirects")


def test_a_host_that_does_not_answer_is_vanished() -> None:
    # A port nobody listens on: the connection is refused at once, no wait on the network.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = check_url("a", f"http://127.0.0.1:{port}/x", timeout=5)
    assert result.outcome == "vanished" and result.reason.startswith("no answer")


def test_the_command_lists_moved_and_vanished_sources_and_fails(server: str, minimal_content: Path) -> None:
    sources = minimal_content / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    text = text.replace("https://docs.vendor-a.example/tuning", f"{server}/old")
    text = text.replace("https://docs.vendor-b.example/retired(models)", f"{server}/gone")
    sources.write_text(text, encoding="utf-8")
    env = {**os.environ, "SITE_CONTENT_DIR": str(minimal_content)}
    result = subprocess.run([sys.executable, "-m", "sitegen.check_sources", "--timeout", "10"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [f"moved: source-one: {server}/old -> {server}/new",
                                          f"vanished: source-two: {server}/gone (404 Not Found)"]
    assert "0 of 2 sources answered at their own address; 1 moved, 1 vanished." in result.stderr


def test_the_command_passes_when_every_source_answers(server: str, minimal_content: Path) -> None:
    sources = minimal_content / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    text = text.replace("https://docs.vendor-a.example/tuning", f"{server}/ok")
    text = text.replace("https://docs.vendor-b.example/retired(models)", f"{server}/no-head")
    sources.write_text(text, encoding="utf-8")
    env = {**os.environ, "SITE_CONTENT_DIR": str(minimal_content)}
    result = subprocess.run([sys.executable, "-m", "sitegen.check_sources", "--timeout", "10"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
