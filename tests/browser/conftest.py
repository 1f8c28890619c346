"""Browser test fixtures: one real site build per session, served on loopback, driven by Debian Chromium."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    ServerOptions,
    SiteServer,
    build_site,
    chromium_problem,
    launch_chromium,
    reserve_port,
)

# Default wait for Python to start in a test page (the widget's own timeout is ~30 s).
READY_TIMEOUT_MS = 60_000


@pytest.fixture(scope="session")
def chromium_path() -> str:
    problem = chromium_problem()
    if problem:
        # Never a skip: a missing browser must not turn the browser tests green, locally or in CI.
        pytest.fail(problem, pytrace=False)
    from harness import CHROMIUM

    return CHROMIUM


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """(directory, reserved socket): the site built for the URL it will be served at."""
    sock = reserve_port()
    port = sock.getsockname()[1]
    directory = build_site(tmp_path_factory.mktemp("site") / "site", f"http://127.0.0.1:{port}/")
    return directory, sock


@pytest.fixture(scope="session")
def site_server(site_build):
    directory, sock = site_build
    server = SiteServer(directory, sock=sock).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site_dir(site_build) -> Path:
    return site_build[0]


@pytest.fixture(scope="session")
def broken_wasm_server(site_dir):
    """Same build, but pyodide.asm.wasm answers 404 and the start-up timeout is short."""
    options = ServerOptions(
        missing={"/assets/pyodide/pyodide.asm.wasm"},
        html_replace={'data-timeout-ms="30000"': 'data-timeout-ms="8000"'},
    )
    server = SiteServer(site_dir, options=options).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(chromium_path, playwright_instance):
    browser = launch_chromium(playwright_instance)
    yield browser
    browser.close()


class PageWatch:
    """A page plus what it did: every request URL, console errors, page errors, dialogs."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def wait_state(self, *states: str, timeout: int = READY_TIMEOUT_MS) -> str:
        self.page.wait_for_function(
            "states => { const r = document.querySelector('[data-calculator]');"
            " return r && states.includes(r.dataset.state); }",
            arg=list(states),
            timeout=timeout,
        )
        return self.page.get_attribute("[data-calculator]", "data-state")


@pytest.fixture
def new_page(browser):
    """Factory: a page in a fresh context (cold cache), closed after the test."""
    contexts = []

    def make(**context_options) -> PageWatch:
        context = browser.new_context(**context_options)
        contexts.append(context)
        return PageWatch(context.new_page())

    yield make
    for context in contexts:
        context.close()
