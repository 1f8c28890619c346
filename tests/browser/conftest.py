"""Browser test fixtures: one real site build per session, served on loopback, driven by Debian Chromium."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    PageWatch,
    ServerOptions,
    SiteServer,
    build_site,
    chromium_problem,
    launch_chromium,
    reserve_port,
)

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
