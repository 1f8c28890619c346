"""The calculator page, prerendered at build time: the default verdict, the build id and start limit, page-relative links."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import calculator
from sitegen.calculator_page import PAGE_TO_ROOT, START_TIMEOUT_MS, render_calculator_page
from sitegen.content import load_site

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"
BUILD = "feedc0ffee42"


class Tags(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def with_attr(self, name: str) -> list[dict]:
        return [attrs for _, attrs in self.tags if name in attrs]


@pytest.fixture(scope="module")
def site():
    return load_site(FIXTURE)


@pytest.fixture(scope="module")
def page(site) -> str:
    return render_calculator_page(site, BUILD)


@pytest.fixture(scope="module")
def tags(page) -> Tags:
    return Tags(page)


def test_the_root_is_prerendered_with_the_build_id_and_the_start_limit(tags):
    (root,) = tags.with_attr("data-calculator")
    assert root["data-state"] == "prerendered"
    assert root["data-build"] == BUILD
    assert root["data-timeout-ms"] == str(START_TIMEOUT_MS) == "30000"


def test_the_build_id_is_the_only_difference_between_builds(site, page):
    assert BUILD in page
    assert render_calculator_page(site, "0123456789ab") == page.replace(BUILD, "0123456789ab")


def test_the_verdict_shown_is_the_default_one(site, page, tags):
    model = site.calculator
    default = calculator.evaluate(model, calculator.parse_answers(model, {}))
    assert [attrs["data-verdict"] for attrs in tags.with_attr("data-verdict")] == [default.verdict] == ["prompt-first"]
    assert default.label in page


def test_the_form_has_every_option_and_every_figure(site, tags):
    model = site.calculator
    radios = {(a["name"], a["value"]) for t, a in tags.tags if t == "input" and a.get("type") == "radio"}
    assert radios == {(f.id, o.id) for f in model.factors for o in f.options}
    numbers = {a["name"] for t, a in tags.tags if t == "input" and a.get("type") == "number"}
    assert numbers == set(model.input_ids)


def test_only_the_address_restores_answers(tags):
    """The browser does not restore the controls itself (reload, Back): what a reopened page shows is the address."""
    (form,) = [a for t, a in tags.tags if t == "form" and "data-calc-form" in a]
    assert form.get("autocomplete") == "off"
    owners = {a.get("form") for t, a in tags.tags if t == "input" and a.get("form")}
    assert owners <= {form["id"]}, "a control outside the form must belong to it, so that autocomplete=off covers it"


def test_links_in_the_raw_html_are_relative_to_the_calculator_page(site, tags):
    hrefs = {a["href"] for t, a in tags.tags if t == "a" and a.get("href", "").startswith(PAGE_TO_ROOT)}
    assert "../checklist/#task-clarity" in hrefs
    for href in hrefs:
        fragment = href.partition("#")[2]
        assert site.anchors[fragment].url == href[len(PAGE_TO_ROOT):], href


def test_the_page_has_its_title_intro_and_review_date(site, page):
    assert page.startswith("---\ntitle: Decision calculator\n")
    assert "# Decision calculator { #calc-top }" in page
    assert "A small calculator for the renderer tests." in page
    assert page.count("Last reviewed 15 January 2026") == 2
    assert "## Verdict { #calc-verdict }" in page


def test_raw_html_is_never_indented(page):
    """Python-Markdown would read indented HTML as a code block."""
    assert not re.search(r"^[ \t]+<", page, flags=re.M)


def test_worked_examples_are_offered_as_presets_that_reopen_this_page(site, page):
    """Each example's title links to this page with its answers in the query, taken from the verdict's own tree."""
    block = page[page.index('??? example "Try a worked example"'):page.index("<div")]
    assert "(examples.md#examples)" in block
    links = re.findall(r"^    - \[(.+)\]\((.+)\)$", block, flags=re.M)
    expected = []
    for example in site.examples.examples:
        verdict = calculator.evaluate(site.calculator, calculator.parse_answers(site.calculator, dict(example.answers)))
        expected.append((example.title, f"?{verdict.to_dict()['query']}#calc-verdict"))
    assert links == expected


def test_the_default_verdict_says_it_is_the_default_and_claims_no_saving(site, page):
    model = site.calculator
    default = calculator.evaluate(model, calculator.parse_answers(model, {})).to_dict()
    assert default["is_default"] is True
    from markupsafe import escape

    assert (f'<p class="calc-default" data-bind-shown="is_default" data-bind-text="default_note">'
            f'{escape(model.say("default_verdict"))}</p>') in page
    assert f'<strong data-bind-text="display.cost.headline">{escape(model.say("cost_examples_only"))}</strong>' in page


def test_the_chart_is_prerendered_from_the_verdicts_points(site, page, tags):
    from calculator.view import CHART_HEIGHT, CHART_WIDTH

    model = site.calculator
    chart = calculator.evaluate(model, calculator.parse_answers(model, {})).to_dict()["chart"]
    (svg,) = [a for t, a in tags.tags if t == "svg"]
    assert svg["viewbox"] == f"0 0 {CHART_WIDTH} {CHART_HEIGHT}"
    lines = {a["class"]: a["points"] for t, a in tags.tags if t == "polyline"}
    assert lines == {"calc-chart__line calc-chart__line--prompting": chart["prompting"]["points"],
                     "calc-chart__line calc-chart__line--fine-tuning": chart["fine_tuning"]["points"]}
    from markupsafe import escape

    assert f'<desc id="calc-chart-desc" data-bind-text="chart.description">{escape(chart["description"])}</desc>' in page
