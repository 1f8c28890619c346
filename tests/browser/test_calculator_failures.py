"""Faults a host or a network gives the calculator, each named on the page well before the start-up limit.

The server misbehaves on purpose (tests/browser/harness.py ServerOptions); the page must show the
fault's own sentence ([data-calc-error-reason]) and "Try again" must really fetch again. Service
workers are blocked here so the fault reaches the page as the host sent it; tests/browser/test_offline.py
covers the worker.
"""

from __future__ import annotations

import time

from harness import ServerOptions, SiteServer

WASM = "/assets/pyodide/pyodide.asm.wasm"
WORKER = "/assets/javascripts/calculator-worker.mjs"
NO_SERVICE_WORKER = {"service_workers": "block", "viewport": {"width": 1280, "height": 900}}
# Longer than the page's 30 s start limit, so a test without the fix ends on "timeout", not here.
ERROR_WAIT_MS = 45_000


def serve(site_dir, **options) -> SiteServer:
    return SiteServer(site_dir, options=ServerOptions(**options)).start()


def shown_reason(page) -> str:
    """The one error reason whose sentence is visible."""
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-calc-error-reason]')]"
        ".filter((el) => !el.hidden).map((el) => el.dataset.calcErrorReason).join(' ')"
    )


def open_until_error(watch, url: str) -> float:
    """Open the calculator and wait for its error state; seconds from navigation to the named failure."""
    started = time.monotonic()
    watch.page.goto(url + "calculator/")
    assert watch.wait_state("ready", "error", timeout=ERROR_WAIT_MS) == "error"
    return time.monotonic() - started


def test_a_wasm_served_with_a_wrong_type_is_named(new_page, site_dir):
    server = serve(site_dir, wrong_type={WASM: "text/plain"})
    try:
        watch = new_page(**NO_SERVICE_WORKER)
        seconds = open_until_error(watch, server.url)
        page = watch.page
        assert shown_reason(page) == "wasm-type"
        assert page.locator("[data-calc-error-reason='wasm-type']").is_visible()
        assert "text/plain" in page.locator("[data-calc-error-detail]").inner_text()
        assert page.get_attribute("[data-verdict]", "data-verdict")  # the prerendered verdict stays
        print(f"wrong wasm type named after {seconds:.1f} s")
        assert not watch.page_errors
    finally:
        server.stop()


def test_a_stalled_wasm_download_shows_progress_then_is_named(new_page, site_dir):
    server = serve(site_dir, stall={WASM})
    try:
        watch = new_page(**NO_SERVICE_WORKER)
        page = watch.page
        started = time.monotonic()
        page.goto(server.url + "calculator/")
        # While bytes arrive the page shows how many, out of the wasm's size (Content-Length).
        page.wait_for_function(
            "() => { const p = document.querySelector('[data-calc-progress]');"
            " return p && !p.hidden && p.value > 0 && p.max > p.value; }",
            timeout=ERROR_WAIT_MS,
        )
        assert watch.wait_state("ready", "error", timeout=ERROR_WAIT_MS) == "error"
        seconds = time.monotonic() - started
        assert shown_reason(page) == "stall"
        assert "pyodide.asm.wasm" in page.locator("[data-calc-error-detail]").inner_text()
        assert page.locator("[data-calc-progress]").is_hidden()
        print(f"stalled wasm named after {seconds:.1f} s")
        assert not watch.page_errors
    finally:
        server.stop()


def test_a_missing_wasm_is_named_as_a_download_failure(new_page, site_dir):
    server = serve(site_dir, missing={WASM})
    try:
        watch = new_page(**NO_SERVICE_WORKER)
        seconds = open_until_error(watch, server.url)
        assert shown_reason(watch.page) == "download"
        assert "HTTP 404" in watch.page.locator("[data-calc-error-detail]").inner_text()
        print(f"missing wasm named after {seconds:.1f} s")
    finally:
        server.stop()


def test_try_again_fetches_a_worker_script_that_had_a_wrong_type(new_page, site_dir):
    """The host sends the worker script as text/plain once (cacheable, as static hosts do), then right."""
    server = serve(site_dir, wrong_type={WORKER: "text/plain"}, faulty_requests=1, cache_control="max-age=600")
    try:
        watch = new_page(**NO_SERVICE_WORKER)
        page = watch.page
        open_until_error(watch, server.url)
        assert shown_reason(page) == "start"
        page.click("[data-calc-action='retry']")
        assert watch.wait_state("ready", "error", timeout=ERROR_WAIT_MS) == "ready"
        assert page.evaluate("window.__calculatorEngine.starts") == 2
        log, _ = server.take_log()
        assert log.count(WORKER) == 2, log
    finally:
        server.stop()
