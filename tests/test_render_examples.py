"""The Examples page: every example, its answers, the verdict computed at build time, and a calculator link that works.

The page's full text for the small fixture is pinned by test_render_golden.py; these tests read the real content.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

import calculator
from sitegen.content import load_site
from sitegen.render.examples import PAGE, calculator_url, example_views, render_examples

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content")


@pytest.fixture(scope="module")
def page(site) -> str:
    return render_examples(site)


def section(page: str, example_id: str) -> str:
    """The Markdown of one example, from its heading to the next one."""
    start = page.index(f"{{ #{example_id} }}")
    end = page.find("\n## ", start)
    return page[start:end if end != -1 else len(page)]


def test_every_example_has_a_heading_with_its_id_as_anchor(site, page):
    headings = re.findall(r"^## (.+) \{ #([a-z0-9-]+) \}$", page, re.M)
    assert [(title, anchor) for title, anchor in headings if anchor != "reviewed"] == [
        (e.title, e.id) for e in site.examples.examples]


def test_each_verdict_shown_is_computed_and_equals_the_expectation(site, page):
    for example in site.examples.examples:
        verdict = calculator.evaluate(site.calculator, calculator.parse_answers(site.calculator, dict(example.answers)))
        text = section(page, example.id)
        assert f'data-verdict="{verdict.verdict}" data-expected="{example.expected}"' in text
        assert verdict.verdict == example.expected
        band = verdict.to_dict()["confidence_band"]["label"].lower()
        assert f"**Calculator verdict:** {verdict.label}, with {band} confidence" in text, example.id
        assert "This is the outcome the guide expects." in text


def test_the_answers_table_shows_question_titles_and_answer_labels(site, page):
    model = site.calculator
    for example in site.examples.examples:
        text = section(page, example.id)
        for key, value in example.answers.items():
            if model.has_factor(key):
                factor = model.factor(key)
                assert f"| {factor.title} | {factor.option(value).label} |" in text, (example.id, key)
            else:
                assert f"| {model.input(key).label} | " in text, (example.id, key)


def test_the_calculator_link_reopens_the_same_answers_and_verdict(site, page):
    for example in site.examples.examples:
        verdict = calculator.evaluate(site.calculator, calculator.parse_answers(site.calculator, dict(example.answers)))
        query = verdict.to_dict()["query"]
        link = f"[Open in the calculator](calculator.md?{query}#calc-verdict)"
        assert link in section(page, example.id), example.id
        # What the calculator page does with the URL: keep what is valid (all of it), score it.
        kept, dropped = calculator.sanitize_answers(site.calculator, dict(parse_qsl(query)))
        assert dropped == []
        reopened = calculator.evaluate(site.calculator, calculator.parse_answers(site.calculator, kept))
        assert reopened.verdict == example.expected, example.id
        assert reopened.answers == verdict.answers, example.id


def test_best_for_items_are_linked_to_their_approach_page(site, page):
    for example in site.examples.examples:
        text = section(page, example.id)
        for item in example.best_for:
            approach = "prompt-engineering" if item.startswith("pe-") else "fine-tuning"
            assert re.search(rf"\]\({approach}\.md#{item}\)", text), (example.id, item)


def test_the_why_is_rendered_with_resolved_references(site, page):
    for example in site.examples.examples:
        text = section(page, example.id)
        assert "**Why the guide expects it.**" in text
        assert "[[" not in text, example.id


def test_the_summary_table_lists_every_example(site, page):
    for example in site.examples.examples:
        label = site.calculator.outcome(example.expected).label
        assert f"| [{example.title}](#{example.id}) | {label} |" in page


def test_a_verdict_that_differs_is_shown_as_such():
    """The loader refuses such content; the renderer still says so rather than claim a match."""
    site = load_site(FIXTURE)
    first = site.examples.examples[0]
    changed = first.model_copy(update={"expected": "prompt-plus-retrieval"})
    examples = site.examples.model_copy(update={"examples": [changed, *site.examples.examples[1:]]})
    page = render_examples(dataclasses.replace(site, examples=examples))
    text = section(page, first.id)
    assert 'data-verdict="prompt-first" data-expected="prompt-plus-retrieval"' in text
    assert "The guide expects “Prompt engineering plus retrieval or tools” instead." in text
    assert "This is the outcome the guide expects." not in text


def test_table_cells_escape_the_pipe():
    site = load_site(FIXTURE)
    first = site.examples.examples[0]
    examples = site.examples.model_copy(update={"examples": [first.model_copy(update={"title": "A | B"}),
                                                             *site.examples.examples[1:]]})
    page = render_examples(dataclasses.replace(site, examples=examples))
    assert f"| [A \\| B](#{first.id}) |" in page
    assert "## A | B {" in page  # headings are not table cells


def test_calculator_urls_are_relative_to_the_page_that_links(site):
    assert calculator_url(site, "examples.md", "a=b") == "calculator.md?a=b#calc-verdict"
    assert calculator_url(site, "calculator.md", "a=b") == "?a=b#calc-verdict"
    assert calculator_url(site, "examples.md", "") == "calculator.md#calc-verdict"
    for view in example_views(site, PAGE):
        assert urlsplit(view["calculator_url"]).path == "calculator.md"


def test_rendering_is_pure(site, page):
    assert render_examples(site) == page
