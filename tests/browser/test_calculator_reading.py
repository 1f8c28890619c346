"""The calculator page for readers: short on a phone, verdict near the questions, nothing covering the
verdict, an honest note without JavaScript, named radio groups, grouped "what would change the verdict".

Real build, loopback server, Debian Chromium; the answers' verdicts come from the real CLI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode, urljoin

import pytest
from harness import ROOT, READY_TIMEOUT_MS, PageWatch

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 390, "height": 844}}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# The figure: with the default answers, at most this tall on a 390 px phone (about half of before).
PHONE_MAX_HEIGHT = 5_500
# A fine-tuning verdict whose every gate is just met: many single answers change it (22 flips, 9 questions).
MANY_FLIPS = {
    "task-clarity": "stable", "data-readiness": "ready", "quality-target": "mostly-consistent",
    "latency-context": "comfortable", "evaluation-plan": "in-place", "governance": "cleared",
    "change-management": "rarely", "fallbacks": "in-place", "prompt-baseline": "plateaued",
    "tuning-access": "open-weight", "fresh-knowledge": "some", "volume": "high",
}


def cli_json(answers: dict) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(answers, handle)
        path = handle.name
    try:
        proc = subprocess.run([sys.executable, "-m", "calculator", "--answers", path, "--format", "json"], cwd=ROOT,
                              env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, capture_output=True, text=True, timeout=60)
    finally:
        os.unlink(path)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def open_ready(watch: PageWatch, url: str) -> None:
    watch.page.goto(url)
    assert watch.wait_state("ready", "error", timeout=READY_TIMEOUT_MS) == "ready", watch.console_errors


def box(page, selector: str) -> dict:
    return page.evaluate("(sel) => { const r = document.querySelector(sel).getBoundingClientRect();"
                         " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }", selector)


def overlaps(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.fixture(scope="module")
def model(site_dir: Path) -> dict:
    """The calculator model the built site publishes (titles and questions as the page shows them)."""
    return json.loads((site_dir / "assets" / "calculator" / "model.json").read_text(encoding="utf-8"))


def test_the_page_is_short_on_a_phone_with_the_default_answers(new_page, site_server):
    watch = new_page(**PHONE)
    open_ready(watch, site_server.url + "calculator/")
    height = watch.page.evaluate("() => document.documentElement.scrollHeight")
    assert height <= PHONE_MAX_HEIGHT, f"the calculator page is {height} px tall at 390 px"


def test_the_verdict_and_the_first_question_fit_in_one_phone_screen(new_page, site_server):
    """Within reach: scrolled so the verdict starts the screen, the first question is whole on the same screen."""
    watch = new_page(**PHONE)
    open_ready(watch, site_server.url + "calculator/")
    page = watch.page
    page.evaluate("() => window.scrollTo(0, 0)")
    verdict = box(page, "[data-verdict]")
    first = box(page, ".calc-factor")
    header = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().height")
    assert first["bottom"] - verdict["top"] <= PHONE["viewport"]["height"] - header, (verdict, first)


def test_on_a_wide_screen_the_verdict_stays_in_view_beside_the_last_question(new_page, site_server):
    watch = new_page(**DESKTOP)
    open_ready(watch, site_server.url + "calculator/")
    page = watch.page
    page.locator(".calc-factor").last.scroll_into_view_if_needed()
    verdict = box(page, "[data-verdict]")
    assert 0 <= verdict["top"] and verdict["bottom"] <= DESKTOP["viewport"]["height"], verdict


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_back_to_top_never_covers_the_verdict(new_page, site_server, size):
    watch = new_page(**size)
    open_ready(watch, site_server.url + "calculator/")
    page = watch.page
    # Material shows "Back to top" once the reader scrolls up again; scroll into the questions, then up a little.
    page.locator(".calc-factor").nth(4).scroll_into_view_if_needed()
    page.mouse.move(size["viewport"]["width"] / 2, size["viewport"]["height"] / 2)
    for _ in range(3):
        page.mouse.wheel(0, 400)
    page.wait_for_function("() => window.scrollY > 1200")
    page.mouse.wheel(0, -200)
    page.wait_for_function("() => { const b = document.querySelector('.md-top'); return b && !b.hidden; }")
    page.wait_for_function("() => getComputedStyle(document.querySelector('.md-top')).opacity === '1'")
    button = box(page, ".md-top")
    verdict = box(page, "[data-verdict]")
    assert not overlaps(button, verdict), (button, verdict)
    if size is DESKTOP:
        assert verdict["top"] >= 0, "the sticky verdict is in view while the button shows"


def test_without_javascript_a_note_by_the_form_says_so_and_points_to_pen_and_paper(new_page, site_server):
    watch = new_page(java_script_enabled=False, **PHONE)
    page = watch.page
    page.goto(site_server.url + "calculator/")
    note = page.locator("[data-calc-noscript]")
    assert note.is_visible()
    assert note.inner_text().strip()
    form_top = box(page, "[data-calc-form]")["top"]
    note_box = box(page, "[data-calc-noscript]")
    first_question = box(page, ".calc-factor")
    assert form_top <= note_box["top"] and note_box["bottom"] <= first_question["top"], "the note sits by the form"
    links = [urljoin(page.url, href) for href in note.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")]
    assert [link.split("#", 1)[0].removeprefix(site_server.url) for link in links] == ["checklist/", "methodology/"]
    for link in links:
        page.goto(link)
        assert page.locator(f"[id='{link.split('#', 1)[1]}']").count() == 1, link


def test_with_javascript_the_note_is_not_shown(new_page, site_server):
    watch = new_page(**PHONE)
    open_ready(watch, site_server.url + "calculator/")
    assert watch.page.locator("[data-calc-noscript]").count() == 0
    assert watch.page.locator("noscript").count() >= 1  # it is there for readers without JavaScript


def test_each_radio_group_is_a_fieldset_named_by_its_title_and_question(new_page, site_server, model):
    watch = new_page(**DESKTOP)
    open_ready(watch, site_server.url + "calculator/")
    page = watch.page
    for factor in model["factors"]:
        group = page.get_by_role("group", name=factor["question"])
        assert group.count() == 1, factor["id"]
        assert group.evaluate("el => el.tagName") == "FIELDSET"
        assert group.locator("legend .calc-factor__title").inner_text().strip() == factor["title"]
        name = group.evaluate("el => el.querySelector('legend').textContent")
        assert factor["title"] in name and factor["question"] in name
        values = group.locator("input[type=radio]").evaluate_all("els => els.map(e => [e.name, e.value])")
        assert values == [[factor["id"], o["id"]] for o in factor["options"]]


def test_what_would_change_the_verdict_is_grouped_per_question_smallest_change_first(new_page, site_server):
    expected = cli_json(MANY_FLIPS)
    groups = expected["flip_groups"]
    assert len(groups) < len(expected["flips"])
    watch = new_page(**DESKTOP)
    open_ready(watch, site_server.url + "calculator/?" + urlencode(MANY_FLIPS))
    page = watch.page
    assert page.get_attribute("[data-verdict]", "data-verdict") == expected["verdict"]
    shown = page.evaluate("""() => [...document.querySelectorAll('.calc-flips > li')].map(li => ({
        titles: [...li.querySelectorAll('.calc-flip-group__title a')].map(a => a.textContent.trim()),
        lines: [...li.querySelectorAll('.calc-flip__outcome')].map(o => ({
            verdict: o.getAttribute('data-verdict-to'),
            options: [...o.querySelectorAll('.calc-flip__option [data-bind-text]')].map(s => s.textContent.trim()),
        })),
    }))""")
    assert len(shown) == len(groups)
    for got, group in zip(shown, groups):
        assert got["titles"] == [f["title"] for f in group["factors"]]
        assert got["lines"] == [{"verdict": o["verdict"], "options": [opt["option_label"] for c in o["changes"] for opt in c["options"]]}
                                for o in group["outcomes"]]
        sizes = [c["points_moved"] for c in group["changes"]]
        assert sizes == sorted(sizes)
    assert [g["smallest"] for g in groups] == sorted(g["smallest"] for g in groups)
    # The full reasoning is painted while its disclosure is closed.
    assert page.locator(".calc-bars > li").count() == len(expected["contributions"])
    assert not page.locator(".calc-bars").is_visible()


@pytest.mark.parametrize("fragment", ["calc-in-calls-per-month", "calc-gates"])
def test_a_link_into_a_closed_disclosure_opens_it(new_page, site_server, fragment):
    watch = new_page(**DESKTOP)
    open_ready(watch, site_server.url + f"calculator/#{fragment}")
    target = watch.page.locator(f"[id='{fragment}']")
    watch.page.wait_for_function("(id) => document.getElementById(id).closest('details').open", arg=fragment)
    assert target.is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_passes_with_every_disclosure_open_on_a_phone(new_page, site_server, scheme):
    assert AXE.exists(), "axe-core is missing; run `npm ci` (make test does)"
    watch = new_page(color_scheme=scheme, bypass_csp=True, **PHONE)
    open_ready(watch, site_server.url + "calculator/?" + urlencode(MANY_FLIPS))
    page = watch.page
    page.evaluate("() => { for (const d of document.querySelectorAll('.calc details, .md-content details')) d.open = true; }")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    problems = [f"{v['id']}: {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:4]) for v in result["violations"]]
    assert not problems, "\n".join(problems)
