"""Offline after the first visit: the service worker the build writes (sitegen/offline.py), in real Chromium.

Offline here means both the browser context set offline and the server stopped, so nothing can
come from the network.
"""

from __future__ import annotations

import re
from pathlib import Path

from harness import ServerOptions, SiteServer

from sitegen.browser_assets import PYODIDE_FILES

WIDE = {"viewport": {"width": 1280, "height": 900}}
CONTROLLED = "() => navigator.serviceWorker.controller !== null"
CACHE_NAMES = "async () => (await caches.keys()).filter((name) => name.startsWith('offline '))"
CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  return urls;
}"""
POLLS = 120  # bounded waits for work the service worker does in the background (at 250 ms each)


def pages_of(site_dir: Path) -> list[str]:
    """Every built page as a URL path under the site root (not the search or asset folders)."""
    found = []
    for index in sorted(site_dir.rglob("index.html")):
        rel = index.parent.relative_to(site_dir).as_posix()
        if not rel.startswith(("assets", "search")):
            found.append("" if rel == "." else rel + "/")
    return found


def wait_until(page, script: str, check) -> object:
    """Evaluate `script` until `check(value)` holds; fail after POLLS tries."""
    for _ in range(POLLS):
        value = page.evaluate(script)
        if check(value):
            return value
        page.wait_for_timeout(250)
    raise AssertionError(f"never true: {script} -> {value!r}")


def test_other_pages_store_the_site_but_never_fetch_python(new_page, site_dir):
    server = SiteServer(site_dir).start()
    try:
        watch = new_page(**WIDE)
        page = watch.page
        page.goto(server.url + "comparison/")
        page.wait_for_function(CONTROLLED)
        urls = page.evaluate(CACHED_URLS)
        assert server.url + "faq/" in urls and server.url + "search/search_index.json" in urls
        log, _ = server.take_log()
        fetched_python = [p for p in log if p.startswith(("/assets/pyodide/", "/assets/calculator/"))]
        assert not fetched_python, fetched_python
        assert not [u for u in urls if "/assets/pyodide/" in u or "/assets/calculator/" in u]
    finally:
        server.stop()


def test_a_page_the_worker_controls_is_requested_once_while_the_worker_starts(new_page, site_dir):
    """Navigation preload: a page's request leaves while the worker starts, and the worker answers with
    that response. Enabled, and the server asked once per page (not a second time by the worker).
    "no-cache": every request reaches the server, none is answered by the browser's HTTP cache."""
    server = SiteServer(site_dir, options=ServerOptions(cache_control="no-cache")).start()
    try:
        page = new_page(**WIDE).page
        page.goto(server.url + "comparison/")
        page.wait_for_function(CONTROLLED)
        state = page.evaluate("async () => (await (await navigator.serviceWorker.ready).navigationPreload.getState())")
        assert state["enabled"] is True, state
        server.take_log()
        page.goto(server.url + "faq/")
        page.wait_for_function(CONTROLLED)
        log, _ = server.take_log()
        assert log.count("/faq/") == 1, log
    finally:
        server.stop()


def calculator_kept(watch, server_url: str) -> set[str]:
    """Open the calculator, wait until it is ready and the worker has gone through every file the
    calculator may fetch (the lock file is its last); the calculator URLs the worker stored."""
    page = watch.page
    page.goto(server_url + "calculator/")
    assert watch.wait_state("ready", "error") == "ready"
    page.wait_for_function(CONTROLLED)
    lock = server_url + "assets/pyodide/pyodide-lock.json"
    urls = wait_until(page, CACHED_URLS, lambda urls: lock in urls)
    return {u for u in urls if "/assets/pyodide/" in u or "/assets/calculator/" in u}


def test_a_later_visit_takes_the_calculators_files_for_its_build_from_the_cache(new_page, site_dir):
    """Every file the calculator's worker asks for names the build (`?v=`, in its own URL or in that
    of the script asking), so the worker answers them all from its cache without asking the network.
    "no-cache": every request the worker passes on reaches the server."""
    server = SiteServer(site_dir, options=ServerOptions(cache_control="no-cache")).start()
    try:
        watch = new_page(**WIDE)
        page = watch.page
        stored = calculator_kept(watch, server.url)
        assert server.url + "assets/pyodide/pyodide.asm.wasm" in stored, stored
        server.take_log()
        page.goto(server.url + "calculator/?task-clarity=stable")
        assert watch.wait_state("ready", "error") == "ready"
        log, _ = server.take_log()
        assert "/calculator/" in log, log  # pages still go to the network first
        assert not [p for p in log if p.startswith(("/assets/calculator/", "/assets/pyodide/"))], log
        assert page.evaluate("() => window.__calculatorEngine.timings.start") == "snapshot"
        assert not watch.page_errors, watch.page_errors
    finally:
        server.stop()


def test_a_page_of_another_build_gets_python_from_the_network(new_page, site_dir):
    """Right after a deploy, the old build's worker still controls the first page of the new one:
    that page's calculator must not get the old build's Pyodide from the cache. Here the pages name
    another build id than `sw.js` does, as the new deploy's would."""
    build = re.search(r'"build": "([0-9a-f]+)"', (site_dir / "sw.js").read_text(encoding="utf-8")).group(1)
    options = ServerOptions(cache_control="no-cache")
    server = SiteServer(site_dir, options=options).start()
    try:
        watch = new_page(**WIDE)
        page = watch.page
        assert server.url + "assets/pyodide/pyodide.asm.wasm" in calculator_kept(watch, server.url)
        options.html_replace[build] = "0123456789ab"
        server.take_log()
        page.goto(server.url + "calculator/")
        page.wait_for_function("() => document.querySelector('[data-calculator]').dataset.runtime.includes('0123456789ab')")
        assert watch.wait_state("ready", "error") == "ready"  # a normal start: the snapshot names the real build
        log, _ = server.take_log()
        for path in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
            assert f"/assets/pyodide/{path}" in log, (path, log)
    finally:
        server.stop()


def test_a_calculator_file_with_other_bytes_than_the_build_published_is_not_stored(new_page, site_dir, tmp_path):
    """A host or cache that answers with another deploy's bytes: the worker checks each file against
    the integrity the build wrote into it, so such a file is never served from its cache."""
    other = tmp_path / "model.json"
    other.write_bytes((site_dir / "assets/calculator/model.json").read_bytes() + b" ")
    server = SiteServer(site_dir, options=ServerOptions(overrides={"/assets/calculator/model.json": other})).start()
    try:
        watch = new_page(**WIDE)
        stored = calculator_kept(watch, server.url)  # ready: the snapshot start reads no model file
        assert server.url + "assets/calculator/model.json" not in stored, stored
        assert server.url + "assets/calculator/calculator.zip" in stored, stored
        log, _ = server.take_log()
        assert log.count("/assets/calculator/model.json") == 2, log  # the second past the HTTP cache
    finally:
        server.stop()


# Before any page script: when the page registers the service worker, with how many verdicts its
# calculator had painted then (the root's data-runs) and the state of its Python.
HEAR_REGISTER = """
(() => {
  const heard = window.__registered = [];
  const register = ServiceWorkerContainer.prototype.register;
  ServiceWorkerContainer.prototype.register = function (...args) {
    const runs = Number(document.querySelector("[data-calculator]")?.getAttribute("data-runs") ?? 0);
    heard.push([runs, window.__calculatorEngine?.status ?? null]);
    return register.apply(this, args);
  };
})();
"""


def test_the_calculator_page_registers_the_worker_once_its_first_verdict_is_shown(new_page, site_dir):
    """Registering starts the worker's downloads: they wait until the page has handled Python's first reply."""
    server = SiteServer(site_dir).start()
    try:
        watch = new_page(**WIDE)
        page = watch.page
        page.add_init_script(HEAR_REGISTER)
        page.goto(server.url + "calculator/")
        assert watch.wait_state("ready", "error") == "ready"
        page.wait_for_function(CONTROLLED)
        assert page.evaluate("() => window.__registered") == [[1, "ready"]]
        assert not watch.page_errors, watch.page_errors
    finally:
        server.stop()


def test_after_one_visit_pages_search_and_the_calculator_work_offline(browser, site_dir):
    server = SiteServer(site_dir).start()
    context = browser.new_context(**WIDE)
    try:
        page = context.new_page()
        # The worst case: the calculator is the first page, started before any worker controls it.
        page.goto(server.url + "calculator/")
        page.wait_for_function(CONTROLLED)
        page.wait_for_function("() => document.querySelector('[data-calculator]').dataset.state === 'ready'", timeout=60_000)
        runtime = {server.url + "assets/pyodide/" + name for name in PYODIDE_FILES}
        wait_until(page, CACHED_URLS, lambda urls: runtime <= set(urls))

        server.stop()
        context.set_offline(True)
        for path in pages_of(site_dir):
            response = page.goto(server.url + path)
            assert response is not None and response.ok, path
            assert page.locator("article h1").first.inner_text().strip(), path

        page.goto(server.url)
        page.locator("input.md-search__input").click()
        page.keyboard.type("governance")  # typed: Material's search listens for key events
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=30_000)

        page.goto(server.url + "calculator/?task-clarity=stable")
        page.wait_for_function(
            "() => ['ready', 'error'].includes(document.querySelector('[data-calculator]').dataset.state)", timeout=60_000
        )
        detail = page.locator("[data-calc-error-detail]").inner_text()
        assert page.get_attribute("[data-calculator]", "data-state") == "ready", detail
        assert page.is_checked("input[name='task-clarity'][value='stable']")
    finally:
        context.close()
        server.stop()


def test_a_new_build_starts_a_new_cache_and_deletes_the_old_one(new_page, site_dir, tmp_path):
    options = ServerOptions()
    server = SiteServer(site_dir, options=options).start()
    try:
        page = new_page(**WIDE).page
        page.goto(server.url)
        page.wait_for_function(CONTROLLED)
        [old] = page.evaluate(CACHE_NAMES)
        # The next deploy: the same files under another build id.
        script = (site_dir / "sw.js").read_text(encoding="utf-8")
        build = old.rsplit(" ", 1)[1].split("-")[0]
        assert f'"build": "{build}"' in script
        next_build = tmp_path / "sw.js"
        next_build.write_text(script.replace(build, "feedfacecafe"), encoding="utf-8")
        options.overrides["/sw.js"] = next_build
        page.evaluate("async () => { await (await navigator.serviceWorker.getRegistration()).update(); }")
        [new] = wait_until(page, CACHE_NAMES, lambda names: len(names) == 1 and names[0] != old)
        assert " feedfacecafe-" in new
        assert server.url + "faq/" in page.evaluate(CACHED_URLS)
    finally:
        server.stop()
