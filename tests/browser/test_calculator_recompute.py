"""Recomputing in Chromium: many changes in a row, each painted as CPython's calculator scores it.

The page repaints in place (calculator-bind.mjs keeps list items and writes only what changed), so
a change must leave no stale text, item or attribute behind. A reader's walk through the form
(answers picked, figures typed, the form cleared) is checked after every change against the
calculator run in this process on the site's own model.json, and at the end against a fresh page
opened on the same link, which paints the same answers from scratch. A correctness test: the time a
change takes is measured by bench/bench_browser.py, never asserted here.
"""
from __future__ import annotations

import json
import random
from urllib.parse import urlsplit

import pytest
from harness import PageWatch
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from calculator import Model, evaluate, parse_answers, sanitize_answers

WIDE = {"viewport": {"width": 1280, "height": 900}}
WALK_SEED = 20261129
WALK_STEPS = 60
CHANGE_TIMEOUT_MS = 20_000  # generous: a slow shared machine, never a time limit on the page

# Everything a change repaints that a reader reads, as shown on the page.
PAINTED = """
() => {
  const root = document.querySelector("[data-calculator]");
  const texts = (selector) => Array.from(root.querySelectorAll(selector), (el) => el.textContent.trim());
  const attrs = (selector, name) => Array.from(root.querySelectorAll(selector), (el) => el.getAttribute(name));
  const shown = (selector) => { const el = root.querySelector(selector); return Boolean(el) && !el.hidden; };
  return {
    runs: root.getAttribute("data-runs"),
    state: root.dataset.state,
    search: location.search,
    verdict: root.querySelector("[data-verdict]").getAttribute("data-verdict"),
    family: root.querySelector("[data-verdict]").getAttribute("data-family"),
    label: root.querySelector(".calc-verdict__label strong").textContent,
    confidence: root.querySelector(".calc-verdict__confidence strong").textContent,
    summary: root.querySelector(".calc-summary").textContent,
    explanation: root.querySelector(".calc-explanation").textContent,
    bars: Array.from(root.querySelectorAll("ol.calc-bars > li"), (li) => [
      li.querySelector(".calc-bar__factor").textContent, li.querySelector(".calc-bar__answer").textContent,
      li.querySelector(".calc-bar__value strong").textContent, li.dataset.sign, li.dataset.points]),
    noAnswers: shown(".calc-bars + .calc-empty"),
    flipGroups: Array.from(root.querySelectorAll("ul.calc-flips > li"), (li) => [
      Array.from(li.querySelectorAll(".calc-flip-group__title > .calc-flip__step a"), (a) => a.textContent),
      Array.from(li.querySelectorAll(".calc-flip__outcome"), (o) => [o.dataset.verdictTo, o.querySelector("strong").textContent,
        Array.from(o.querySelectorAll(".calc-flip__change"),
          (c) => Array.from(c.querySelectorAll(".calc-flip__option [data-bind-text='option_label']"), (s) => s.textContent))])]),
    noFlips: shown(".calc-flips + .calc-empty"),
    gates: Array.from(root.querySelectorAll("ul.calc-gates > li"), (li) => [li.querySelector("a").textContent, li.dataset.passed]),
    warnings: texts("ul.calc-warnings > li"),
    steps: texts("ol.calc-steps > li"),
    links: texts("ul.calc-links > li"),
    headline: root.querySelector(".calc-cost-headline strong").textContent,
    assumptions: Array.from(root.querySelectorAll("table.calc-assumptions tbody > tr"), (tr) => [
      tr.dataset.source, tr.querySelector("th").textContent, tr.querySelector("td span").textContent]),
    // Each list's element children and templates, however often it was repainted.
    listSizes: Array.from(root.querySelectorAll("[data-bind-list]"), (list) => [
      list.dataset.bindList, list.children.length, list.querySelectorAll(":scope > template").length]),
  };
}
"""

FORM_ANSWERS = """
() => {
  const out = {};
  for (const el of document.querySelector("[data-calc-form]").elements) {
    if (el.type === "radio" && el.checked) out[el.name] = el.value;
    if (el.type === "number" && el.value !== "") out[el.name] = el.value;
  }
  return out;
}
"""

# The whole calculator as a reader can read it, every disclosure opened.
READ_ALL = """
() => {
  const root = document.querySelector("[data-calculator]");
  for (const details of root.querySelectorAll("details")) details.open = true;
  return root.innerText;
}
"""

RUN_AFTER = """
([before, search]) => {
  const root = document.querySelector("[data-calculator]");
  return root.dataset.state === "error" || (root.getAttribute("data-runs") !== before && location.search === search);
}
"""


@pytest.fixture(scope="module")
def site_model(site_dir) -> Model:
    """The model the page's worker loads, built here by CPython."""
    return Model.from_dict(json.loads((site_dir / "assets" / "calculator" / "model.json").read_text(encoding="utf-8")))


def expected(model: Model, raw: dict, site_url: str) -> dict:
    """What the page must show for the form's raw answers: CPython's verdict, through the browser's own steps."""
    kept, _ = sanitize_answers(model, raw)
    return evaluate(model, parse_answers(model, kept)).to_dict(site_url)


def painted_as_expected(painted: dict, tree: dict) -> dict:
    """The painted page beside what `tree` says it shows, as {what: (painted, expected)} for each mismatch."""
    want = {
        "state": "ready",
        "search": f"?{tree['permalink_query']}" if tree["permalink_query"] else "",
        "verdict": tree["verdict"],
        "family": tree["family"],
        "label": tree["label"],
        "confidence": tree["display"]["confidence"],
        "summary": tree["summary"],
        "explanation": tree["explanation"],
        "bars": [[c["title"], c["option_label"], c["points_text"], c["sign"], str(c["points"])] for c in tree["contributions"]],
        "noAnswers": not tree["contributions"],
        "flipGroups": [[[f["title"] for f in g["factors"]],
                        [[o["verdict"], o["label"], [[opt["option_label"] for opt in c["options"]] for c in o["changes"]]]
                         for o in g["outcomes"]]] for g in tree["flip_groups"]],
        "noFlips": not tree["flips"],
        "gates": [[g["title"], "true" if g["passed"] else "false"] for g in tree["gates"]],
        "warnings": [w["message"] for w in tree["warnings"]],
        "steps": list(tree["next_steps"]),
        "links": [link["title"] for link in tree["links"]],
        "headline": tree["display"]["cost"]["headline"],
        "assumptions": [[a["source"], a["label"], a["value"]] for a in tree["display"]["cost"]["assumptions"]],
    }
    return {key: (painted[key], value) for key, value in want.items() if painted[key] != value}


# The result's lists, by their data-bind-list path; each item's template holds one element.
RESULT_LISTS = ("contributions", "flip_groups", "gates", "warnings", "next_steps", "links", "display.cost.assumptions")


def list_problems(painted: dict, tree: dict) -> list:
    """The result's lists holding anything but their template and one element per item (stale or doubled items)."""
    problems = []
    for path, children, templates in painted["listSizes"]:
        if path in RESULT_LISTS:
            items = tree
            for part in path.split("."):
                items = items[part]
            if (children, templates) != (1 + len(items), 1):
                problems.append((path, children, templates, len(items)))
    return problems


class Walk:
    """A reader's changes, one at a time, each awaited until its run has painted."""

    def __init__(self, watch: PageWatch, model: Model, site_url: str):
        self.page, self.model, self.site_url = watch.page, model, site_url

    def settle(self, before: str) -> dict:
        """Wait for a run after `before` that painted the form's current answers; return (painted, expected tree)."""
        tree = expected(self.model, self.page.evaluate(FORM_ANSWERS), self.site_url)
        search = f"?{tree['permalink_query']}" if tree["permalink_query"] else ""
        try:
            self.page.wait_for_function(RUN_AFTER, arg=[before, search], timeout=CHANGE_TIMEOUT_MS)
        except PlaywrightTimeout:
            now = self.page.evaluate(PAINTED)
            pytest.fail(f"no run painted the form's answers: address {now['search']!r}, expected {search!r}; "
                        f"runs {before} -> {now['runs']}, state {now['state']}")
        return self.page.evaluate(PAINTED), tree

    def runs(self) -> str:
        return self.page.get_attribute("[data-calculator]", "data-runs")


def change(walk: Walk, rng: random.Random, listing: dict) -> str:
    """One change a reader makes: mostly an answer picked, now and then a figure typed or the form cleared."""
    page = walk.page
    roll = rng.random()
    if roll < 0.8:
        factor = rng.choice(sorted(listing["factors"]))
        option = rng.choice(listing["factors"][factor])
        if page.is_checked(f"input[name='{factor}'][value='{option}']"):
            option = next(o for o in listing["factors"][factor] if o != option)
        page.check(f"input[name='{factor}'][value='{option}']")
        return f"{factor}={option}"
    if roll < 0.95:
        input_id = rng.choice(sorted(listing["inputs"]))
        spec = listing["inputs"][input_id]
        value = rng.choice([spec["min"], spec["max"], spec["default"], round(rng.uniform(spec["min"], spec["max"]), 2)])
        field = page.locator(f"input[name='{input_id}']")
        if not field.is_visible():  # the figures sit behind a disclosure: open it, as a reader would
            page.locator(f"details:has(input[name='{input_id}']) > summary").last.click()
        field.fill(str(value))
        return f"{input_id}={value}"
    page.click("[data-calc-form] button[type='reset']")
    return "clear all answers"


@pytest.fixture(scope="module")
def listing(site_model) -> dict:
    return site_model.listing()


def test_every_change_of_a_long_walk_is_painted_as_cpython_scores_it(new_page, site_server, site_model, listing):
    watch = new_page(**WIDE)
    page = watch.page
    page.goto(site_server.url + "calculator/")
    assert watch.wait_state("ready", "error") == "ready", page.text_content("[data-calc-error-detail]")
    walk = Walk(watch, site_model, site_server.url)
    rng = random.Random(WALK_SEED)
    verdicts = set()
    for step in range(WALK_STEPS):
        before = walk.runs()
        what = change(walk, rng, listing)
        painted, tree = walk.settle(before)
        mismatches = painted_as_expected(painted, tree)
        assert not mismatches, f"step {step} ({what}): painted vs CPython: {mismatches}"
        assert not list_problems(painted, tree), f"step {step} ({what}): lists {list_problems(painted, tree)}"
        verdicts.add(tree["verdict"])
    assert len(verdicts) >= 3, f"the walk only reached {verdicts}; change the seed or take more steps"
    assert page.evaluate("() => window.__calculatorEngine.starts") == 1
    assert not watch.page_errors and not watch.console_errors, (watch.page_errors, watch.console_errors)

    # Painted change after change, the page reads exactly as one painted once for the same link.
    link = page.url
    incremental = page.evaluate(READ_ALL)
    fresh = new_page(**WIDE)
    fresh.page.goto(link)
    assert fresh.wait_state("ready", "error") == "ready"
    assert urlsplit(fresh.page.url).query == urlsplit(link).query
    assert fresh.page.evaluate(READ_ALL) == incremental
    assert fresh.page.evaluate(PAINTED)["listSizes"] == page.evaluate(PAINTED)["listSizes"]


def test_changing_an_answer_and_back_restores_the_page_exactly(new_page, site_server, site_model):
    """Repainting in place leaves nothing behind: after a detour the result reads as before, node for node."""
    watch = new_page(**WIDE)
    page = watch.page
    page.goto(site_server.url + "calculator/?task-clarity=stable&volume=high&governance=blocked")
    assert watch.wait_state("ready", "error") == "ready"
    walk = Walk(watch, site_model, site_server.url)
    content = "() => document.querySelector('[data-calculator]').innerHTML"
    first = page.evaluate(content)
    for option in ("low", "unsure", "medium", "high"):  # more flips, none, others, then the first answer again
        before = walk.runs()
        page.check(f"input[name='volume'][value='{option}']")
        painted, tree = walk.settle(before)
        assert not painted_as_expected(painted, tree), option
    assert page.evaluate(content) == first


# Each list of the prerendered result beside its template, in the HTML as served (parsed, no script
# run): [path, items, the shapes of the items unlike the template's element]. A shape is the tags,
# classes and data-bind-* attributes of an element and its descendants, not the values they show;
# a nested list's items are that list's own.
PRERENDERED_SHAPES = """
async (url) => {
  const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), "text/html");
  const shape = (el) => {
    const own = [el.tagName, el.className, ...Array.from(el.attributes, (a) => a.name.startsWith("data-bind-") ? `${a.name}=${a.value}` : "")
      .filter(Boolean)].join(" ");
    return el.hasAttribute("data-bind-list") ? own : `${own}(${Array.from(el.children, shape).join(",")})`;
  };
  return Array.from(doc.querySelectorAll("[data-calculator] [data-bind-list]"), (list) => {
    const template = Array.from(list.children).filter((child) => child.tagName === "TEMPLATE").pop();
    const made = template ? template.content.children : [];
    if (made.length !== 1) return [list.dataset.bindList, -1, ["a template of one element"]];
    const items = Array.from(list.children).filter((child) => child !== template);
    return [list.dataset.bindList, items.length, items.map(shape).filter((s) => s !== shape(made[0]))];
  });
}
"""

# The prerendered items of the result's lists, taken before the page's scripts have painted anything.
KEEP_PRERENDERED = """
document.addEventListener("DOMContentLoaded", () => {
  window.__prerendered = Array.from(document.querySelectorAll("[data-calculator] [data-bind-list] > :not(template)"));
}, { once: true });
"""


def test_every_prerendered_item_is_shaped_like_its_template(new_page, site_server):
    """The first paint takes the build's items over in place (calculator-bind.mjs), which is right only
    because each is its list's template filled in: the same macro (calculator_widget.html.j2)."""
    watch = new_page(**WIDE)
    watch.page.goto(site_server.url + "404.html")
    lists = watch.page.evaluate(PRERENDERED_SHAPES, site_server.url + "calculator/")
    assert sum(items for _, items, _ in lists) >= 20, f"too few prerendered items to check: {lists}"
    unlike = [(path, f"{len(shapes)} of {items}", shapes[0][:300]) for path, items, shapes in lists if shapes]
    assert not unlike, f"prerendered items unlike their list's template: {unlike}"


def test_the_first_paint_keeps_the_prerendered_items(new_page, site_server, site_model):
    """Opened without answers, the first run paints the default verdict the build prerendered: every
    item stays the node it was, and the page reads as CPython scores no answers."""
    watch = new_page(**WIDE)
    page = watch.page
    page.add_init_script(KEEP_PRERENDERED)
    page.goto(site_server.url + "calculator/")
    assert watch.wait_state("ready", "error") == "ready"
    page.wait_for_function("() => document.querySelector('[data-calculator]').getAttribute('data-runs') === '1'")
    kept = page.evaluate("() => [window.__prerendered.length, window.__prerendered.filter((el) => el.isConnected).length]")
    assert kept[0] >= 20 and kept == [kept[0], kept[0]], f"prerendered items kept by the first paint: {kept[1]} of {kept[0]}"
    painted = page.evaluate(PAINTED)
    tree = expected(site_model, {}, site_server.url)
    assert not painted_as_expected(painted, tree) and not list_problems(painted, tree)


# Looking ahead (calculator-client.mjs lookAhead): the worker runs the answer sets one pick away
# while the reader reads, and a pick among them is answered from that reply.
AHEAD = """
() => {
  const e = window.__calculatorEngine;
  return { hits: e.aheadHits, runs: e.aheadRuns, batch: e.aheadBatch, waiting: e.aheadWaiting };
}
"""
BATCH_RUN = "(after) => window.__calculatorEngine.aheadBatch > after && window.__calculatorEngine.aheadWaiting === 0"


def ahead(page) -> dict:
    return page.evaluate(AHEAD)


def wait_for_batch_after(page, batch: int) -> dict:
    """Wait until a batch newer than `batch` has been asked for and every answer set in it has come back."""
    page.wait_for_function(BATCH_RUN, arg=batch, timeout=CHANGE_TIMEOUT_MS)
    return ahead(page)


def test_nothing_is_run_ahead_until_the_reader_uses_the_form(new_page, site_server):
    """A page nobody touches costs no Python beyond its first verdict: the look-ahead waits for a
    pointer, a touch or a focus in the form, and then runs every answer set one pick away."""
    watch = new_page(**WIDE)
    page = watch.page
    page.goto(site_server.url + "calculator/")
    assert watch.wait_state("ready", "error") == "ready"
    page.wait_for_timeout(1500)  # time enough for a batch to be asked for and run, were one started
    assert ahead(page) == {"hits": 0, "runs": 0, "batch": 0, "waiting": 0}

    page.hover("label.calc-option:has(input[name='volume'][value='high'])")
    done = wait_for_batch_after(page, 0)
    unpicked = page.evaluate("() => document.querySelectorAll('[data-calc-form] input[type=radio]:not(:checked)').length")
    assert done["runs"] == unpicked and done["batch"] == 1 and unpicked >= 30, (done, unpicked)
    assert page.get_attribute("[data-calculator]", "data-runs") == "1", "looking ahead must paint nothing"
    assert not watch.page_errors and not watch.console_errors, (watch.page_errors, watch.console_errors)


def test_a_pick_run_ahead_is_answered_from_its_reply_and_painted_as_cpython_scores_it(new_page, site_server, site_model, listing):
    """Each pick below was run ahead, so the page answers it without asking the worker (one hit each),
    and paints exactly what CPython scores for the form's answers: another option of the group just
    changed, the option before it again, a later group, and a pick after a typed figure."""
    watch = new_page(**WIDE)
    page = watch.page
    page.goto(site_server.url + "calculator/?task-clarity=stable&volume=high&governance=blocked")
    assert watch.wait_state("ready", "error") == "ready"
    walk = Walk(watch, site_model, site_server.url)
    page.focus("input[name='volume'][value='high']")
    state = wait_for_batch_after(page, 0)
    figure = sorted(listing["inputs"])[0]
    spec = listing["inputs"][figure]
    picks = [("volume", "low"), ("volume", "medium"), ("volume", "low"), ("governance", "cleared"), (figure, spec["max"]),
             ("task-clarity", "changing")]
    picks = [(name, value) for name, value in picks if name == figure or value in listing["factors"][name]]
    assert len(picks) == 6, f"the model's options changed: {listing['factors']}"
    for name, value in picks:
        before = walk.runs()
        if name == figure:  # a figure is typed, not picked: it is sent to the worker, then its neighbours are run
            field = page.locator(f"input[name='{figure}']")
            if not field.is_visible():
                page.locator(f"details:has(input[name='{figure}']) > summary").last.click()
            field.fill(str(value))
            field.blur()  # its change event sends it at once (the typing's own wait is cleared)
        else:
            page.check(f"input[name='{name}'][value='{value}']")
        painted, tree = walk.settle(before)
        assert not painted_as_expected(painted, tree), (name, value, painted_as_expected(painted, tree))
        assert not list_problems(painted, tree), (name, value, list_problems(painted, tree))
        after = wait_for_batch_after(page, state["batch"])
        hit = name != figure
        assert after["hits"] == state["hits"] + hit, f"{name}={value}: answered ahead {after['hits'] - state['hits']} times, expected {int(hit)}"
        state = after
    assert not watch.page_errors and not watch.console_errors, (watch.page_errors, watch.console_errors)
