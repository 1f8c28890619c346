"""Warming the calculator (calculator-warmup.mjs), in real Chromium on the real build.

Other pages fetch nothing of Python when they load; a reader heading for the calculator (pointer
over, or keyboard focus on, a link to it) makes the page fetch exactly the files the calculator's
worker fetches at start-up, once; the worker then finds them in the browser's cache. Served as
GitHub Pages serves (gzip, `Cache-Control: max-age=600`), so the cache behaves as it does there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from harness import ServerOptions, SiteServer

from sitegen.browser_assets import startup_urls

WIDE = {"viewport": {"width": 1280, "height": 900}}
PYTHON_PATHS = ("/assets/pyodide/", "/assets/calculator/")
CALCULATOR_LINK = "nav.md-nav--primary a.md-nav__link[href$='calculator/']"
# Recorded before any page script (init scripts are not subject to the page's policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));
"""
MATERIAL_READY = "() => window.document$ !== undefined && window.__calculatorWarmup === true"
# URLs the page itself fetched completely (the worker's requests are in the worker's own timeline).
FETCHED = "() => performance.getEntriesByType('resource').filter((e) => e.responseEnd > 0).map((e) => e.name)"
POLLS = 240  # bounded waits for downloads, at 250 ms each


@pytest.fixture(scope="module")
def plan(site_dir: Path) -> dict:
    """The warm-up data the build wrote into the home page."""
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" data-warmup>(.*?)</script>', html, flags=re.S)
    assert block, "the home page carries no warm-up data"
    return json.loads(block.group(1))


@pytest.fixture(scope="module")
def pages_server(site_dir):
    server = SiteServer(site_dir, options=ServerOptions.github_pages()).start()
    yield server
    server.stop()


def python_requests(log: list[str]) -> list[str]:
    return [path for path in log if path.startswith(PYTHON_PATHS)]


def open_page(new_page, server: SiteServer, path: str):
    watch = new_page(**WIDE)
    watch.page.add_init_script(RECORD_VIOLATIONS)
    watch.console_all = []
    watch.page.on("console", lambda m: watch.console_all.append(f"{m.type}: {m.text}"))
    watch.page.goto(server.url + path)
    watch.page.wait_for_function(MATERIAL_READY)
    return watch


def wait_fetched(page, urls: set[str]) -> None:
    for _ in range(POLLS):
        if urls <= set(page.evaluate(FETCHED)):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"never fetched: {sorted(urls - set(page.evaluate(FETCHED)))}")


def assert_no_violation(watch) -> None:
    refused = [line for line in watch.console_all if re.search(r"Content[- ]Security[- ]Policy|Refused to", line, re.I)]
    assert watch.page.evaluate("() => window.__cspViolations") == [] and refused == []


def test_the_pages_carry_the_start_up_list_and_the_calculator_page(plan, site_dir):
    script = (site_dir / "sw.js").read_text(encoding="utf-8")
    build = re.search(r'"build": "([0-9a-f]+)"', script).group(1)
    assert plan == {"page": "calculator/", "files": startup_urls(build)}
    for page in ("comparison/index.html", "faq/index.html", "404.html"):
        assert "data-warmup" in (site_dir / page).read_text(encoding="utf-8"), page


def test_pages_fetch_nothing_of_python_on_load(new_page, pages_server):
    watch = open_page(new_page, pages_server, "")
    for path in ("comparison/", "faq/"):
        watch.page.goto(pages_server.url + path)
        watch.page.wait_for_function(MATERIAL_READY)
    # A link elsewhere is no intent to open the calculator.
    watch.page.hover("nav.md-nav--primary a.md-nav__link[href$='glossary/']")
    watch.page.wait_for_timeout(1500)  # time for a (wrong) warm-up to start, and the offline worker to register
    log, _ = pages_server.take_log()
    assert python_requests(log) == []


@pytest.mark.parametrize("intent", ["pointer", "keyboard"])
def test_intent_fetches_the_start_up_files_once_and_the_calculator_uses_them(new_page, pages_server, plan, intent):
    watch = open_page(new_page, pages_server, "comparison/")
    page = watch.page
    pages_server.take_log()
    if intent == "pointer":
        page.hover(CALCULATOR_LINK)
    else:
        for _ in range(80):  # Tab from the top until the keyboard reaches a link to the calculator
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement?.closest('a')?.pathname?.endsWith('/calculator/') === true"):
                break
        else:
            raise AssertionError("Tab never reached a link to the calculator")
    files = {pages_server.url + file for file in plan["files"]}
    wait_fetched(page, files)
    page.hover(CALCULATOR_LINK)  # more intent in the same document warms nothing again
    page.focus(CALCULATOR_LINK)
    page.wait_for_timeout(500)
    log, _ = pages_server.take_log()
    expected = sorted("/" + file.split("?", 1)[0] for file in plan["files"])
    assert sorted(python_requests(log)) == expected  # exactly the start-up files, each once
    assert_no_violation(watch)

    # The reader arrives: the worker asks for the same URLs and the browser's cache answers.
    page.click(CALCULATOR_LINK)
    assert watch.wait_state("ready", "error") == "ready", page.text_content("[data-calc-error-detail]")
    log, _ = pages_server.take_log()
    again = [path for path in python_requests(log) if path in expected]
    assert again == [], f"downloaded again: {again}"
    assert_no_violation(watch)
    assert not watch.page_errors, watch.page_errors


def test_no_warm_up_with_save_data_or_on_the_calculator_page(new_page, pages_server, plan):
    files = {pages_server.url + file for file in plan["files"]}
    # The reader asked to save data: intent fetches nothing.
    watch = new_page(**WIDE)
    watch.page.add_init_script("Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true }) });")
    watch.page.goto(pages_server.url + "comparison/")
    watch.page.wait_for_function(MATERIAL_READY)
    pages_server.take_log()
    watch.page.hover(CALCULATOR_LINK)
    watch.page.wait_for_timeout(1500)
    log, _ = pages_server.take_log()
    assert python_requests(log) == []
    # On the calculator page its worker loads the files; a link to the page itself warms nothing more.
    watch = new_page(**WIDE)
    watch.page.goto(pages_server.url + "calculator/")
    watch.page.wait_for_function(MATERIAL_READY)
    watch.page.hover("nav.md-nav--primary a.md-nav__link--active")  # href="./": this page
    assert watch.wait_state("ready", "error") == "ready"
    assert not files & set(watch.page.evaluate(FETCHED))
