"""The Content-Security-Policy in real Chromium: every page loads with no violation, search and the calculator work.

Two ways the built site is served: as GitHub Pages does (the policy only as each page's <meta>),
and as Netlify or Cloudflare Pages do with the site's `_headers` (the same policy as a header
too, which is also the only policy the calculator's and search's workers get).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from harness import PageWatch, ServerOptions, SiteServer

from sitegen.csp import csp_meta_content, inline_script_hashes, policy

# Recorded from the first script the page runs (Playwright's init scripts are not subject to the policy).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""
# Where the policy sits, read from the DOM the browser built.
META_PLACE = """
() => {
  const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const first = document.querySelector("script");
  return {
    inHead: !!meta && meta.parentElement === document.head,
    beforeScripts: !!meta && !!first && !!(meta.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING),
    before: Array.from(document.head.children).slice(0, Array.from(document.head.children).indexOf(meta)).map((e) => e.outerHTML),
  };
}
"""
# Functions, not expression strings: Playwright evaluates a string expression with eval(), which
# the policy (rightly) refuses.
MATERIAL_READY = "() => window.document$ !== undefined"
CSP_CONSOLE = re.compile(r"Content[- ]Security[- ]Policy|Refused to", re.I)
# A word the site's pages use, so Material's search must find it.
SEARCH_WORD = "glossary"


def header_blocks(text: str) -> dict[str, dict[str, str]]:
    """A `_headers` file as {path: {header: value}} (Netlify / Cloudflare Pages syntax)."""
    blocks: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = blocks.setdefault(line.strip(), {})
        else:
            assert current is not None, f"a header before any path: {line!r}"
            name, _, value = line.strip().partition(":")
            current[name.strip()] = value.strip()
    return blocks


def built_pages(site_dir: Path) -> list[str]:
    """Every HTML file of the built site, as the URL path it is served at."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def page_file(site_dir: Path, page: str) -> Path:
    return site_dir / (page + "index.html" if page == "" or page.endswith("/") else page)


@pytest.fixture(scope="module")
def headers(site_dir: Path) -> dict[str, dict[str, str]]:
    return header_blocks((site_dir / "_headers").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def headers_server(site_dir, headers):
    # Only the /* block: the harness already serves .wasm and .mjs with the types the other blocks name.
    server = SiteServer(site_dir, options=ServerOptions(headers=headers["/*"])).start()
    yield server
    server.stop()


@pytest.fixture(params=["meta only (GitHub Pages)", "meta and _headers (Netlify, Cloudflare Pages)"])
def served(request, site_server, headers_server) -> SiteServer:
    return site_server if request.param.startswith("meta only") else headers_server


def open_watched(new_page) -> PageWatch:
    watch = new_page()
    watch.page.add_init_script(RECORD_VIOLATIONS)
    watch.console_all: list[str] = []  # every console line: Chromium reports some CSP refusals as warnings
    watch.page.on("console", lambda m: watch.console_all.append(f"{m.type}: {m.text}"))
    return watch


def violations(watch: PageWatch) -> list[str]:
    recorded = watch.page.evaluate("window.__cspViolations")
    return recorded + [line for line in watch.console_all if CSP_CONSOLE.search(line)]


# ---- the files --------------------------------------------------------------------------------


def test_every_html_file_carries_the_policy_before_any_script(site_dir: Path):
    pages = built_pages(site_dir)
    assert "404.html" in pages and "" in pages and "calculator/" in pages
    for page in pages:
        html = page_file(site_dir, page).read_text(encoding="utf-8")
        content = csp_meta_content(html)
        assert content == policy(inline_script_hashes(html)), page
        meta_at = html.index('http-equiv="Content-Security-Policy"')
        assert meta_at < html.index("<script"), page
        assert "style=" not in html and "<style" not in html, f"{page}: an inline style the policy blocks"


def test_headers_file_carries_the_policy_and_the_host_headers(site_dir: Path, headers):
    every = headers["/*"]
    hashes = sorted({h for page in site_dir.rglob("*.html") for h in inline_script_hashes(page.read_text(encoding="utf-8"))})
    assert every["Content-Security-Policy"] == policy(hashes, header=True)
    assert "frame-ancestors 'none'" in every["Content-Security-Policy"]
    assert every["X-Content-Type-Options"] == "nosniff"
    assert every["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in every["Permissions-Policy"]
    typed = {path: block["Content-Type"] for path, block in headers.items() if path != "/*"}
    files = {"/" + p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.suffix in (".wasm", ".mjs")}
    assert set(typed) == files
    assert typed["/assets/pyodide/pyodide.asm.wasm"] == "application/wasm"
    assert {typed[p] for p in files if p.endswith(".mjs")} == {"text/javascript"}


# ---- in Chromium --------------------------------------------------------------------------------


def test_every_page_loads_with_no_violation(new_page, served, site_dir):
    watch = open_watched(new_page)
    for page in built_pages(site_dir):
        url = served.url + page
        if 'http-equiv="refresh"' in page_file(site_dir, page).read_text(encoding="utf-8"):
            # A redirect page (mkdocs-redirects) leaves at once: its refusals, if any, are in the console.
            watch.page.goto(url, wait_until="commit")
            watch.page.wait_for_url(lambda address, left=url: address != left)
            watch.page.wait_for_load_state("load")
            assert [line for line in watch.console_all if CSP_CONSOLE.search(line)] == [], page
            continue
        watch.page.goto(url, wait_until="load")
        place = watch.page.evaluate(META_PLACE)
        assert place["inHead"] and place["beforeScripts"], (page, place)
        assert all(tag.startswith("<meta charset") for tag in place["before"]), (page, place["before"])
        # Wait until Material has set the page up (its inline and bundled scripts have run).
        watch.page.wait_for_function(MATERIAL_READY)
        assert violations(watch) == [], page
    assert not watch.page_errors, watch.page_errors


def test_search_returns_results(new_page, served):
    watch = open_watched(new_page)
    page = watch.page
    page.goto(served.url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(SEARCH_WORD)  # key by key: Material searches on key events, not on fill()
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    assert violations(watch) == []
    assert not watch.page_errors, watch.page_errors


def test_calculator_reaches_ready(new_page, served):
    watch = open_watched(new_page)
    watch.page.goto(served.url + "calculator/")
    state = watch.wait_state("ready", "error")
    assert state == "ready", (watch.page.text_content("[data-calc-error-detail]"), watch.console_errors)
    # Answering runs the worker again and repaints the bars (data-points, no style= attribute).
    watch.page.check("input[name='task-clarity'][value='stable']")
    watch.page.wait_for_function("() => document.querySelector('.calc-bar[data-points]:not([data-points=\"0\"])') !== null")
    # ... and the stylesheet turns data-points into a visible length.
    fill = watch.page.evaluate("""() => Math.max(...Array.from(
        document.querySelectorAll('.calc-bar[data-points]:not([data-points="0"]) .calc-bar__fill'),
        (el) => el.getBoundingClientRect().width))""")
    assert fill > 0
    assert violations(watch) == []
    assert not watch.page_errors, watch.page_errors


def test_instant_navigation_between_depths_keeps_to_the_first_pages_policy(new_page, site_server):
    # Material swaps pages in without a reload, so the home page's policy governs the calculator page too.
    watch = open_watched(new_page)
    page = watch.page
    page.goto(site_server.url)
    page.wait_for_function(MATERIAL_READY)
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav--primary a.md-nav__link[href$='calculator/']").first.click()
    assert watch.wait_state("ready", "error") == "ready"
    assert page.evaluate("window.__sameDocument") is True, "navigation was a full reload, not instant"
    assert violations(watch) == []
