"""Background work waits for the page's own start (site-idle.mjs, site-search-later.mjs, sitegen/search_later.py).

A worker busy beside the task that ends parsing made that task two to three times as long, so the
calculator's worker is created once parsing is over, and Material's search index is built once the
page's start is over: after parsing, and on the calculator page once Python's first verdict is
shown (or its start has failed), at the latest 5 s after parsing, or at once when the reader heads for search. Search must
still work in every case, also when the page's module never says "go" (the stand-in worker then
goes on its own). The "go" is heard here on the same BroadcastChannel the page and the worker use.
"""

from __future__ import annotations

import time

import pytest

from harness import ServerOptions, SiteServer

WASM = "/assets/pyodide/pyodide.asm.wasm"
NO_SERVICE_WORKER = {"service_workers": "block", "viewport": {"width": 1280, "height": 900}}
SEARCH_WORD = "fine-tuning"
LIMIT_MS = 5000  # site-search-later.mjs START_LIMIT_MS
FALLBACK_MS = 10_000  # sitegen/search_later.py FALLBACK_MS

# Before any page script: every "go" and "waiting" on the channel, with the page's clock and, at
# that moment, the state of the calculator's Python (calculator-client.mjs engineInfo.status) and
# how many verdicts it has painted (the root's data-runs).
HEAR = """
(() => {
  const heard = window.__searchLater = { go: [], waiting: [] };
  const channel = new BroadcastChannel(`search-later ${new URL("/", location.href).href}`);
  channel.onmessage = (event) => {
    const state = window.__calculatorEngine?.status ?? null;
    const runs = Number(document.querySelector("[data-calculator]")?.getAttribute("data-runs") ?? 0);
    (event.data === "go" ? heard.go : heard.waiting).push([performance.now(), state, runs]);
  };
})();
"""
PARSED_AT = "() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"


def open_hearing(new_page, url: str):
    watch = new_page(**NO_SERVICE_WORKER)
    watch.page.add_init_script(HEAR)
    watch.page.goto(url)
    return watch


def first_go(page, timeout: int) -> list:
    page.wait_for_function("() => window.__searchLater.go.length > 0", timeout=timeout)
    return page.evaluate("() => window.__searchLater.go[0]")


def search_finds(page) -> int:
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(SEARCH_WORD)  # key by key: Material searches on key events
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=20_000)
    return page.locator(".md-search-result__item").count()


def test_the_calculator_page_creates_its_worker_after_parsing_and_builds_search_after_its_first_verdict(new_page, site_server):
    watch = open_hearing(new_page, site_server.url + "calculator/")
    page = watch.page
    assert watch.wait_state("ready", "error") == "ready"
    parsed_at = page.evaluate(PARSED_AT)
    created_at = page.evaluate("() => window.__calculatorEngine.startedAt")
    assert created_at > parsed_at > 0, (created_at, parsed_at)
    at, state, runs = first_go(page, 5_000)
    # Python ready, and its first verdict painted: the page's handling of that reply had no index beside it.
    assert state == "ready" and runs >= 1 and at > created_at, (at, state, runs, created_at)
    assert search_finds(page) > 0
    assert not watch.page_errors, watch.page_errors


def test_other_pages_build_search_once_parsing_is_over(new_page, site_server):
    watch = open_hearing(new_page, site_server.url)
    page = watch.page
    at, state, _ = first_go(page, 5_000)
    assert state in (None, "idle") and at > page.evaluate(PARSED_AT) > 0
    assert search_finds(page) > 0
    assert not watch.page_errors, watch.page_errors


@pytest.fixture
def stalled_server(site_dir):
    """The site with the wasm download stalled, and the page waiting 30 s before naming that: Python stays starting."""
    server = SiteServer(site_dir, options=ServerOptions(
        stall={WASM}, html_replace={'data-stall-ms="4000"': 'data-stall-ms="30000"'})).start()
    yield server
    server.stop()


def test_a_calculator_slow_to_start_holds_search_5_s_after_parsing_at_most(new_page, stalled_server):
    watch = open_hearing(new_page, stalled_server.url + "calculator/")
    page = watch.page
    at, state, _ = first_go(page, LIMIT_MS + 5_000)
    waited = at - page.evaluate(PARSED_AT)
    assert state == "starting" and LIMIT_MS - 100 <= waited <= LIMIT_MS + 2_000, (state, waited)
    assert search_finds(page) > 0
    assert not watch.page_errors, watch.page_errors


def test_a_reader_heading_for_search_gets_it_at_once(new_page, stalled_server):
    watch = open_hearing(new_page, stalled_server.url + "calculator/")
    page = watch.page
    page.wait_for_function("() => document.readyState !== 'loading'")
    assert page.evaluate("() => window.__searchLater.go.length") == 0
    focused = time.monotonic()
    page.locator("input.md-search__input").focus()
    at, state, _ = first_go(page, 2_000)
    assert state == "starting" and time.monotonic() - focused < 2.0
    assert search_finds(page) > 0
    assert not watch.page_errors, watch.page_errors


def test_search_works_when_the_page_never_says_go(new_page, site_server):
    watch = new_page(**NO_SERVICE_WORKER)
    page = watch.page
    page.route("**/site-search-later.mjs", lambda route: route.abort())
    page.goto(site_server.url)
    started = time.monotonic()
    assert search_finds(page) > 0  # the stand-in worker goes on its own after FALLBACK_MS
    assert time.monotonic() - started < FALLBACK_MS / 1000 + 10
