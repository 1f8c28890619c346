"""The in-browser calculator, end to end: built site, loopback server, Debian Chromium, real Pyodide."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from harness import ROOT, PageWatch

from sitegen.browser_assets import PYODIDE_FILES, startup_urls

PARITY_SETS = 50
PARITY_SEED = 20261128
WIDE = {"viewport": {"width": 1280, "height": 900}}

# Set the form to exactly these answers (nothing else), fire one change, wait for the repaint.
APPLY_ANSWERS = """
async (answers) => {
  const root = document.querySelector("[data-calculator]");
  const form = root.querySelector("[data-calc-form]");
  for (const el of form.elements) {
    if (el.type === "radio") el.checked = answers[el.name] === el.value;
    else if (el.type === "number") el.value = el.name in answers ? String(answers[el.name]) : "";
  }
  const before = root.getAttribute("data-runs");
  const done = new Promise((resolve) => {
    const check = () => root.getAttribute("data-runs") !== before || root.dataset.state === "error";
    const mo = new MutationObserver(() => { if (check()) { mo.disconnect(); resolve(); } });
    mo.observe(root, { attributes: true, attributeFilter: ["data-runs", "data-state"] });
  });
  form.dispatchEvent(new Event("change", { bubbles: true }));
  await done;
  return {
    state: root.dataset.state,
    verdict: root.querySelector("[data-verdict]").getAttribute("data-verdict"),
    search: location.search,
    error: (root.querySelector("[data-calc-error-detail]") || {}).textContent || "",
  };
}
"""

CHECKED = """
() => {
  const form = document.querySelector("[data-calc-form]");
  const out = {};
  for (const el of form.elements) {
    if (el.type === "radio" && el.checked) out[el.name] = el.value;
    if (el.type === "number" && el.value !== "") out[el.name] = el.value;
  }
  return out;
}
"""


# ---- helpers --------------------------------------------------------------------------------


def cli(answers: dict, fmt: str, site_url: str = "", *extra: str) -> str:
    """`python -m calculator --answers FILE --format FMT [EXTRA...]`, a real subprocess, as a reader would run it."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(answers, handle)
        path = handle.name
    try:
        env = {**os.environ, "SITE_URL": site_url, "PYTHONDONTWRITEBYTECODE": "1"}
        proc = subprocess.run(
            [sys.executable, "-m", "calculator", "--answers", path, "--format", fmt, *extra],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
        )
    finally:
        os.unlink(path)
    assert proc.returncode == 0, f"CLI failed for {answers}: {proc.stderr}"
    return proc.stdout


def cli_verdict(answers: dict) -> str:
    return json.loads(cli(answers, "json"))["verdict"]


@pytest.fixture(scope="module")
def listing() -> dict:
    """Factor ids with option ids, and numeric inputs with ranges, from the CLI's own --list."""
    proc = subprocess.run(
        [sys.executable, "-m", "calculator", "--list", "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def random_answers(rng: random.Random, listing: dict) -> dict:
    answers: dict = {}
    for factor, options in listing["factors"].items():
        if rng.random() < 0.85:
            answers[factor] = rng.choice(options)
    for input_id, spec in listing["inputs"].items():
        if rng.random() < 0.25:
            low, high = float(spec["min"]), min(float(spec["max"]), max(float(spec["default"]) * 10, 10.0))
            value = rng.uniform(low, high)
            answers[input_id] = int(value) if rng.random() < 0.5 else round(value, 2)
    return answers


def open_calculator(watch: PageWatch, base_url: str, query: str = "") -> str:
    watch.page.goto(base_url + "calculator/" + query)
    state = watch.wait_state("ready", "error")
    if state != "ready":
        detail = watch.page.text_content("[data-calc-error-detail]")
        pytest.fail(f"calculator reached {state!r}: {detail}; console: {watch.console_errors}")
    return state


def site_pages(site_dir: Path) -> list[str]:
    """Every built HTML page, as a URL path under the site root."""
    pages = []
    for index in sorted(site_dir.rglob("index.html")):
        rel = index.parent.relative_to(site_dir).as_posix()
        if rel.startswith("assets") or rel.startswith("search"):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


def is_pyodide_request(url: str) -> bool:
    path = urlsplit(url).path
    return (
        "/assets/pyodide/" in path
        or path.endswith("/calculator.zip")
        or path.endswith("/snapshot.bin")
        or path.endswith("/calculator-worker.mjs")
        or any(path.endswith("/" + name) for name in PYODIDE_FILES)
    )


# ---- one live page shared by the tests that only read or drive it ----------------------------


@pytest.fixture(scope="module")
def live(browser, site_server):
    context = browser.new_context(**WIDE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_server.url.rstrip("/"))
    watch = PageWatch(context.new_page())
    open_calculator(watch, site_server.url)
    yield watch
    context.close()


def test_page_reaches_ready_and_shows_a_verdict(live):
    page = live.page
    root = page.locator("[data-calculator]")
    assert root.get_attribute("data-state") == "ready"
    verdict = page.locator("[data-verdict]")
    assert verdict.get_attribute("data-verdict")
    assert verdict.get_attribute("aria-live") == "polite"
    assert verdict.is_visible()
    assert page.locator("[data-calc-message='ready']").is_visible()
    assert page.locator("[data-calc-message='loading']").is_hidden()
    assert page.evaluate("window.__calculatorEngine.starts") == 1
    assert root.get_attribute("data-worker-starts") == "1"
    assert not live.page_errors and not live.console_errors


def test_parity_with_the_cli_for_random_answers(live, listing):
    rng = random.Random(PARITY_SEED)
    sets = [random_answers(rng, listing) for _ in range(PARITY_SETS)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=3) as pool:
        expected = list(pool.map(cli_verdict, sets))
    print(f"CLI: {PARITY_SETS} subprocesses in {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    mismatches = []
    for answers, want in zip(sets, expected):
        got = live.page.evaluate(APPLY_ANSWERS, answers)
        assert got["state"] == "ready", got
        if got["verdict"] != want:
            mismatches.append((answers, want, got["verdict"]))
    print(f"browser: {PARITY_SETS} answer sets in {time.perf_counter() - started:.2f} s")
    assert not mismatches, f"browser and CLI disagree on {len(mismatches)} of {len(sets)}: {mismatches[:3]}"
    assert len(set(expected)) >= 3, f"the random sets only reached {set(expected)}; widen them"
    assert live.page.evaluate("window.__calculatorEngine.starts") == 1, "recomputing must reuse the worker"


def test_keyboard_changes_the_answer_and_the_url(live):
    page = live.page
    page.evaluate(APPLY_ANSWERS, {})
    first = page.locator("input[name='task-clarity']").first
    first.focus()
    before = page.get_attribute("[data-calculator]", "data-runs")
    page.keyboard.press("Space")  # selects the focused radio
    page.wait_for_function(
        "before => document.querySelector('[data-calculator]').getAttribute('data-runs') !== before", arg=before
    )
    chosen = page.evaluate(CHECKED)
    assert chosen.get("task-clarity") == first.get_attribute("value")
    assert "task-clarity=" + first.get_attribute("value") in page.url


def test_copy_as_markdown_is_the_cli_decision_record(live, site_server):
    """The copied record is the CLI's for the same answers, feature, owner and date (the reader's, the CLI's today)."""
    answers = {"task-clarity": "stable", "data-readiness": "ready", "fresh-knowledge": "some", "calls-per-month": 2000000}
    feature, owner = "Support reply drafts", "Dana *Platform* Team"  # Markdown in a field stays literal text
    got = live.page.evaluate(APPLY_ANSWERS, answers)
    assert got["state"] == "ready"
    live.page.get_by_label("Feature name", exact=True).fill(feature)
    live.page.get_by_label("Owner", exact=True).fill(owner)
    for _ in range(2):  # the CLI dates its record today: once more if midnight fell between the two
        live.page.evaluate("() => { for (const el of document.querySelectorAll('[data-calc-copied]')) el.hidden = true; }")
        live.page.click("[data-calc-action='copy-markdown']")
        live.page.wait_for_selector("[data-calc-copied='markdown']:not([hidden])")
        copied = live.page.evaluate("navigator.clipboard.readText()")
        expected = cli(answers, "markdown", site_server.url, "--feature", feature, "--owner", owner)
        if copied == expected:
            break
    assert copied == expected
    assert "- **Feature:** Support reply drafts\n- **Owner:** Dana \\*Platform\\* Team\n- **Date:** " in copied
    live.page.get_by_label("Feature name", exact=True).fill("")
    live.page.get_by_label("Owner", exact=True).fill("")
    live.page.click("[data-calc-action='copy-link']")
    live.page.wait_for_selector("[data-calc-copied='link']:not([hidden])")
    assert live.page.evaluate("navigator.clipboard.readText()") == live.page.url


def test_bar_signs_are_the_ones_python_sends(live):
    """Each bar's data-sign (and its retrieval part's) is Python's `sign` field, painted as data."""
    answers = {"task-clarity": "stable", "data-readiness": "ready", "fresh-knowledge": "central",
               "prompt-baseline": "not-started", "change-management": "often"}
    got = live.page.evaluate(APPLY_ANSWERS, answers)
    assert got["state"] == "ready"
    painted = live.page.eval_on_selector_all(
        "ol.calc-bars > li.calc-bar",
        "bars => bars.map(b => [b.dataset.sign, b.querySelector('.calc-bar__retrieval').dataset.sign])",
    )
    expected = [[c["sign"], c["retrieval_sign"]] for c in json.loads(cli(answers, "json"))["contributions"]]
    assert painted == expected
    assert {"positive", "negative", "zero"} <= {sign for pair in painted for sign in pair}


# ---- fresh pages --------------------------------------------------------------------------------


def test_url_with_answers_restores_them_and_the_verdict(new_page, site_server):
    answers = {
        "task-clarity": "stable", "data-readiness": "ready", "quality-target": "consistent-at-scale",
        "evaluation-plan": "in-place", "governance": "cleared", "prompt-baseline": "plateaued",
        "calls-per-month": 5000000, "prompt-tokens": 2500,
    }
    watch = new_page(**WIDE)
    # `h` is Material's search-highlight parameter: not an answer, so neither read nor dropped.
    open_calculator(watch, site_server.url, "?" + urlencode({**answers, "h": "verdict"}))
    restored = watch.page.evaluate(CHECKED)
    assert restored == {k: str(v) for k, v in answers.items()}
    assert watch.page.get_attribute("[data-verdict]", "data-verdict") == cli_verdict(answers)
    assert watch.page.locator("[data-calc-dropped]").is_hidden()
    watch.page.check("input[name='fallbacks'][value='in-place']")
    watch.page.wait_for_function("() => location.search.includes('fallbacks=in-place')")
    assert "h=verdict" in watch.page.url
    assert not watch.console_errors and not watch.page_errors


def test_hostile_url_values_are_dropped_with_a_notice_and_never_run(new_page, site_server):
    huge = "A" * 20_000
    hostile = [
        ("<script>window.__pwned=1</script>", "1"),
        ("task-clarity", "<img src=x onerror=\"window.__pwned=2\">"),
        ("data-readiness", huge),
        ("calls-per-month", "1e400"),
        ("prompt-tokens", "-5"),
        ("output-tokens", "__import__('os').system('x')"),
        ("not-a-factor", "stable"),
        (huge, "x"),
        ("quality-target", "good-enough"),  # the one valid answer, kept
    ]
    watch = new_page(**WIDE)
    query = "?" + urlencode(hostile)
    open_calculator(watch, site_server.url, query)
    page = watch.page
    notice = page.locator("[data-calc-dropped]")
    assert notice.is_visible()
    items = notice.locator("li")
    assert items.count() == len(hostile) - 1
    assert "script" in notice.inner_text()  # shown as text...
    assert notice.locator("script, img").count() == 0  # ...never as markup
    assert page.evaluate("window.__pwned") is None
    assert not watch.dialogs
    assert not watch.page_errors, watch.page_errors
    assert not watch.console_errors, watch.console_errors
    assert page.evaluate(CHECKED) == {"quality-target": "good-enough"}
    version = json.loads(cli({"quality-target": "good-enough"}, "json"))["model_version"]
    # The link is cleaned, and names the model version that made the verdict.
    assert urlsplit(page.url).query == f"quality-target=good-enough&model-version={version}"
    assert page.get_attribute("[data-verdict]", "data-verdict") == cli_verdict({"quality-target": "good-enough"})
    # The notice stays until the reader changes something, then goes.
    page.check("input[name='governance'][value='cleared']")
    page.wait_for_function("() => !document.querySelector('[data-calc-dropped]').checkVisibility()")


GONE = "() => document.querySelector('[data-calculator]') === null"


def test_instant_navigation_reaches_ready_and_reuses_the_worker(new_page, site_server):
    watch = new_page(**WIDE)
    page = watch.page
    page.goto(site_server.url)
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate("window.__sameDocument = true")
    nav = "nav.md-nav--primary a.md-nav__link[href$='{}']"
    page.locator(nav.format("calculator/")).first.click()
    assert watch.wait_state("ready", "error") == "ready"
    assert page.evaluate("window.__sameDocument") is True, "navigation was a full reload, not instant"
    assert page.evaluate("window.__calculatorEngine.starts") == 1
    watch.requests.clear()  # from here on, nothing of Python may be fetched again

    page.check("input[name='task-clarity'][value='stable']")
    page.wait_for_url(re.compile(r".*/calculator/\?task-clarity=stable&model-version=[\w-]+(#[\w-]+)?$"))
    page.locator(nav.format("comparison/")).first.click()
    page.wait_for_function(GONE)
    page.locator(nav.format("calculator/")).first.click()
    assert watch.wait_state("ready", "error", timeout=10_000) == "ready"
    assert page.evaluate("window.__sameDocument") is True
    assert page.evaluate("window.__calculatorEngine.starts") == 1, "returning must reuse the running worker"
    assert page.get_attribute("[data-calculator]", "data-worker-starts") == "1"
    # Back restores the answers that the URL held.
    page.go_back()
    page.wait_for_function(GONE)
    page.go_back()
    page.wait_for_url(re.compile(r".*/calculator/\?task-clarity=stable&model-version=[\w-]+(#[\w-]+)?$"))
    assert watch.wait_state("ready", "error", timeout=10_000) == "ready"
    assert page.evaluate(CHECKED) == {"task-clarity": "stable"}
    assert page.evaluate("window.__calculatorEngine.starts") == 1
    assert not [u for u in watch.requests if u.endswith("/pyodide.asm.wasm")], "returning must not load Pyodide again"
    assert not watch.page_errors and not watch.console_errors, (watch.page_errors, watch.console_errors)


def test_without_javascript_the_prerendered_verdict_and_checklist_are_there(new_page, site_server, listing):
    watch = new_page(java_script_enabled=False, **WIDE)
    page = watch.page
    page.goto(site_server.url + "calculator/")
    root = page.locator("[data-calculator]")
    assert root.get_attribute("data-state") == "prerendered"
    verdict = page.locator("[data-verdict]")
    assert verdict.get_attribute("data-verdict") == cli_verdict({})
    assert verdict.is_visible() and verdict.inner_text().strip()
    assert page.locator("[data-calc-message='prerendered']").is_visible()
    assert page.locator(".calc-bars, .calc-gates, .calc-flips").count() == 3
    for factor, options in listing["factors"].items():
        for option in options:
            assert page.locator(f"input[name='{factor}'][value='{option}']").count() == 1
    for input_id in listing["inputs"]:
        assert page.locator(f"input[name='{input_id}']").count() == 1
    assert page.locator("#calc-costs").is_visible()
    assert not [u for u in watch.requests if is_pyodide_request(u)]


def test_missing_wasm_shows_the_error_state_and_keeps_the_prerendered_verdict(new_page, broken_wasm_server):
    watch = new_page(**WIDE)
    page = watch.page
    page.goto(broken_wasm_server.url + "calculator/")
    assert page.get_attribute("[data-calculator]", "data-timeout-ms") == "8000"
    assert watch.wait_state("ready", "error", timeout=30_000) == "error"
    message = page.locator("[data-calc-message='error']")
    assert message.is_visible()
    assert page.locator("[data-calc-error-detail]").inner_text().strip()
    verdict = page.locator("[data-verdict]")
    assert verdict.is_visible() and verdict.get_attribute("data-verdict")
    assert page.locator("[data-calc-message='loading']").is_hidden()
    assert not watch.page_errors


def test_a_page_without_a_start_timeout_shows_the_error_state_and_starts_nothing(new_page, site_dir):
    """The start limit comes only from the page (data-timeout-ms); without it the glue has no number to use."""
    from harness import ServerOptions, SiteServer

    server = SiteServer(site_dir, options=ServerOptions(html_replace={'data-timeout-ms="30000" ': ""})).start()
    try:
        watch = new_page(**WIDE)
        page = watch.page
        page.goto(server.url + "calculator/")
        assert page.get_attribute("[data-calculator]", "data-timeout-ms") is None
        assert watch.wait_state("ready", "error") == "error"
        assert page.locator("[data-calc-error-reason='start']").is_visible()
        assert "data-timeout-ms" in page.locator("[data-calc-error-detail]").inner_text()
        assert page.evaluate("window.__calculatorEngine.starts") == 0
        assert not [u for u in watch.requests if is_pyodide_request(u)]
        assert page.get_attribute("[data-verdict]", "data-verdict")
        assert not watch.page_errors
    finally:
        server.stop()


def test_no_request_leaves_loopback_and_only_the_calculator_loads_pyodide(new_page, site_server, site_dir):
    pages = site_pages(site_dir)
    assert "calculator/" in pages and len(pages) >= 8
    watch = new_page(**WIDE)
    page = watch.page
    origin = site_server.url.rstrip("/")
    for path in pages:
        watch.requests.clear()
        page.goto(site_server.url + path, wait_until="load")
        if path == "calculator/":
            assert watch.wait_state("ready", "error") == "ready"
        else:
            page.wait_for_timeout(300)
        outside = [u for u in watch.requests if not (u.startswith(origin + "/") or u.startswith(("data:", "blob:")))]
        assert not outside, f"{path or 'home'} requested {outside}"
        pyodide = [u for u in watch.requests if is_pyodide_request(u)]
        if path == "calculator/":
            # What restoring the snapshot needs, and not the lock file, archive or model a normal start reads.
            fetched = {urlsplit(u).path for u in pyodide}
            assert fetched >= {"/" + urlsplit(u).path for u in startup_urls("build")}
            assert not fetched & {"/assets/pyodide/pyodide-lock.json", "/assets/calculator/calculator.zip"}
        else:
            assert not pyodide, f"{path or 'home'} loaded Pyodide files: {pyodide}"
    assert not watch.page_errors, watch.page_errors


@pytest.mark.parametrize("scheme", ["slate"])
def test_dark_scheme_keeps_text_readable(new_page, site_server, scheme):
    watch = new_page(color_scheme="dark", **WIDE)
    page = watch.page
    open_calculator(watch, site_server.url)
    assert page.get_attribute("body", "data-md-color-scheme") == scheme
    colours = page.evaluate(
        """() => {
          const pick = (sel) => { const el = document.querySelector(sel); const s = getComputedStyle(el);
            return [s.color, s.backgroundColor]; };
          return { verdict: pick('.calc-verdict'), option: pick('.calc-option'), input: pick('.calc input[type=number]'),
                   body: getComputedStyle(document.body).backgroundColor };
        }"""
    )

    def luminance(css: str) -> float:
        parts = [float(p) for p in css[css.index("(") + 1:css.index(")")].replace("/", ",").split(",")[:3]]
        def channel(c):
            c /= 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        r, g, b = (channel(c) for c in parts)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    body = luminance(colours["body"])
    assert body < 0.1, colours
    for name in ("verdict", "option", "input"):
        fg = luminance(colours[name][0])
        contrast = (max(fg, body) + 0.05) / (min(fg, body) + 0.05)
        assert contrast >= 4.5, (name, colours)


def test_a_python_error_shows_its_message_and_keeps_the_prerendered_verdict(new_page, site_dir, tmp_path):
    from harness import ServerOptions, SiteServer

    broken = tmp_path / "model.json"
    broken.write_text('{"factors": "not a list"}', encoding="utf-8")
    # Without the snapshot (which holds the model already loaded), the worker loads model.json itself.
    overrides = {"/assets/calculator/model.json": broken, "/assets/calculator/snapshot.bin": tmp_path / "missing"}
    server = SiteServer(site_dir, options=ServerOptions(overrides=overrides)).start()
    try:
        watch = new_page(**WIDE)
        page = watch.page
        page.goto(server.url + "calculator/")
        assert watch.wait_state("ready", "error") == "error"
        assert page.locator("[data-calc-error-reason='start']").is_visible()
        detail = page.locator("[data-calc-error-detail]").inner_text()
        assert "model" in detail, detail  # Python's own words about what is wrong
        assert page.get_attribute("[data-verdict]", "data-verdict")
        assert page.locator("[data-calc-action='copy-link']").is_disabled()
        assert not watch.page_errors
    finally:
        server.stop()


def test_the_decision_records_reopen_link_restores_its_answers(new_page, site_server):
    """The record a team pastes into a design doc links back to the same answers and verdict."""
    answers = {"task-clarity": "stable", "data-readiness": "ready", "governance": "blocked",
               "fresh-knowledge": "central", "calls-per-month": 2500000, "base-input-price": 0.4}
    record = cli(answers, "markdown", site_server.url)
    match = re.search(r"\[Reopen these answers in the calculator\]\(([^)]+)\)", record)
    assert match, record
    reopen = match.group(1)
    assert reopen.startswith(site_server.url + "calculator/?")
    watch = new_page(**WIDE)
    watch.page.goto(reopen)
    assert watch.wait_state("ready", "error") == "ready"
    assert watch.page.evaluate(CHECKED) == {k: str(v) for k, v in answers.items()}
    assert watch.page.get_attribute("[data-verdict]", "data-verdict") == cli_verdict(answers)
    assert watch.page.locator("[data-calc-dropped]").is_hidden()
