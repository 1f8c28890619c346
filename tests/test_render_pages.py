"""One pure render function per page: each shows its own file's review date, links from its own page, and its own data.

The full output of every page is pinned by the golden test (test_render_golden.py); these tests
check what each function takes from the Site.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.render import pages

# Each render function, and the content file whose `reviewed:` date its page shows.
RENDERERS = {
    "overview": pages.render_home,
    "comparison": pages.render_comparison,
    "approaches": lambda site: pages.render_approach(site, "fine-tuning"),
    "checklist": pages.render_checklist,
    "faq": pages.render_faq,
    "combining": pages.render_combining,
    "glossary": pages.render_glossary,
    "sources": pages.render_sources,
}


def set_in_file(content: Path, name: str, old: str, new: str) -> None:
    path = content / f"{name}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def dated_site(minimal_content: Path):
    """The fixture content with a different review date in each file: 1 to 8 March 2026."""
    for day, name in enumerate(RENDERERS, start=1):
        set_in_file(minimal_content, name, "reviewed: 2026-01-15", f"reviewed: 2026-03-0{day}")
    return load_site(minimal_content)


@pytest.mark.parametrize("day, name", list(enumerate(RENDERERS, start=1)))
def test_each_page_shows_the_review_date_of_its_own_file(dated_site, day, name):
    markdown = RENDERERS[name](dated_site)
    assert re.findall(r"Last reviewed (\d+ \w+ \d{4})", markdown) == [f"{day} March 2026"] * 2


def test_the_provider_note_links_from_each_page(minimal_content: Path):
    set_in_file(minimal_content, "overview", "provider_note: Ask the vendor.",
                "provider_note: |\n    Ask the vendor;\n    see [[row-one]].")
    site = load_site(minimal_content)
    note = '!!! info "Check the current facts with your provider"\n\n    Ask the vendor;\n    see {link}.\n'
    assert note.format(link="[Speed](#row-one)") in pages.render_comparison(site)
    assert note.format(link="[Speed](comparison.md#row-one)") in pages.render_faq(site)


def test_prose_references_link_from_the_rendered_page(minimal_content: Path):
    site = load_site(minimal_content)
    assert "[Task clarity](checklist.md#task-clarity)" in pages.render_faq(site)
    assert "[Speed](comparison.md#row-one)" in pages.render_home(site)


def test_an_approach_page_shows_that_approachs_comparison_values():
    site = load_site(Path(__file__).resolve().parent / "fixtures" / "content" / "minimal")
    tuning = pages.render_approach(site, "fine-tuning")
    prompting = pages.render_approach(site, "prompt-engineering")
    assert tuning.startswith("---\ntitle: Tuning\ndescription: Change the model.\n---\n")
    assert "Weights after training." in tuning and "Text at call time." not in tuning
    assert "Text at call time." in prompting and "Long prompts." in prompting and "Shifted inputs." not in prompting
    assert "## Pros { #prompt-engineering-pros }" in prompting
    with pytest.raises(StopIteration):
        pages.render_approach(site, "no-such-approach")


def test_the_provider_box_links_each_providers_own_pages(minimal_content: Path):
    site = load_site(minimal_content)
    box = pages.render_faq(site).split('!!! info "Check the current facts with your provider"', 1)[1]
    assert box == ("\n\n    Ask the vendor.\n\n"
                   "    - **Vendor A:** [tuning](https://docs.vendor-a.example/tuning)\n"
                   "    - **Vendor B:** [retirements](https://docs.vendor-b.example/retired%28models%29)\n")
    assert pages.provider_pages(site) == [
        {"provider": "Vendor A", "links": ["[tuning](https://docs.vendor-a.example/tuning)"]},
        {"provider": "Vendor B", "links": ["[retirements](https://docs.vendor-b.example/retired%28models%29)"]},
    ]


def test_the_sources_page_groups_entries_by_publisher_with_outside_links():
    site = load_site(Path(__file__).resolve().parent / "fixtures" / "content" / "minimal")
    markdown = pages.render_sources(site)
    assert markdown.startswith("---\ntitle: Sources\n")
    assert "# Sources { #sources }" in markdown
    assert markdown.index("## Vendor A { #publisher-vendor-a }") < markdown.index("## Vendor B { #publisher-vendor-b }")
    assert ("- **[Tuning guide](https://docs.vendor-a.example/tuning)** (docs.vendor-a.example). Vendor A tunes models. "
            "*Accessed 14 January 2026.* [¶](#source-one){ .item-link title=\"Link to this item\" }\n  { #source-one }") in markdown
    assert r"- **[Retired models \[list\]](https://docs.vendor-b.example/retired%28models%29)**" in markdown
    assert "Pages we cite, such as [Vendor A: Tuning](#source-one)." in markdown


@pytest.fixture(scope="module")
def real_site():
    return load_site(Path(__file__).resolve().parent.parent / "content")


def test_checklist_answers_group_a_leaning_question_by_direction(real_site):
    answers = pages.checklist_answers(real_site.calculator, "task-clarity")
    assert answers == {
        "groups": [
            {"id": "toward-prompting", "title": "Points toward prompt engineering",
             "options": ["“Still taking shape, or shaped by each request's own context” (-2)"]},
            {"id": "toward-fine-tuning", "title": "Points toward fine-tuning",
             "options": ["“Settled and clearly specified; unlikely to change for months” (+2)",
                         "“Mostly settled, but details still move” (+1)"]},
        ],
        "gates": [{"title": "A stable task",
                   "passing": ["“Settled and clearly specified; unlikely to change for months”"]}],
        "leans": True,
    }


def test_checklist_answers_for_a_readiness_gate_lean_only_against(real_site):
    """Ready data is a condition, not a need: meeting the gate adds no points; having none still counts against."""
    answers = pages.checklist_answers(real_site.calculator, "data-readiness")
    assert answers == {
        "groups": [
            {"id": "toward-prompting", "title": "Points toward prompt engineering",
             "options": ["“Few or no labeled examples” (-2)"]},
            {"id": "no-lean", "title": "No lean either way",
             "options": ["“Yes, at least a hundred or so representative examples, cleared for training” (0)",
                         "“Some examples, but fewer than about 50, unrepresentative, or not cleared” (0)"]},
        ],
        "gates": [{"title": "Representative data you may use",
                   "passing": ["“Yes, at least a hundred or so representative examples, cleared for training”"]}],
        "leans": True,
    }
    for factor_id in ("evaluation-plan", "governance"):
        groups = pages.checklist_answers(real_site.calculator, factor_id)["groups"]
        assert [g["id"] for g in groups] == ["toward-prompting", "no-lean"]


def test_checklist_answers_for_guardrails_show_a_gate_and_no_lean(real_site):
    answers = pages.checklist_answers(real_site.calculator, "fallbacks")
    assert answers["leans"] is False
    assert answers["groups"] == [{"id": "no-lean", "title": "No lean either way", "options": [
        "“Yes, guardrails and review cover the high-stakes outputs” (0)",
        "“Nothing this feature outputs is high-stakes” (0)",
        "“Some checks, with gaps” (0)",
        "“None yet, and some outputs are high-stakes” (0)"]}]
    assert answers["gates"] == [{"title": "Guardrails for high-stakes outputs", "passing": [
        "“Yes, guardrails and review cover the high-stakes outputs”", "“Nothing this feature outputs is high-stakes”"]}]


def test_checklist_answers_place_every_option_by_its_own_points(real_site):
    """The checklist and the calculator cannot point opposite ways: each option sits in the group its sign names."""
    model = real_site.calculator
    group_of = {"toward-prompting": lambda p: p < 0, "toward-fine-tuning": lambda p: p > 0, "no-lean": lambda p: p == 0}
    for question in real_site.checklist.questions:
        factor = model.factor(question.id)
        answers = pages.checklist_answers(model, question.id)
        shown = [(group["id"], text) for group in answers["groups"] for text in group["options"]]
        expected = [f"“{o.label}” ({'0' if not o.points else f'{o.points:+d}'})"
                    for o in factor.options if o.id != factor.default]
        assert sorted(text for _, text in shown) == sorted(expected)  # each once, the neutral default left out
        for group_id, text in shown:
            option = next(o for o in factor.options if text.startswith(f"“{o.label}”"))
            assert group_of[group_id](option.points)
        assert answers["leans"] == any(o.points for o in factor.options)
        assert [g["title"] for g in answers["gates"]] == [g.title for g in model.gates if g.factor == question.id]


def test_the_checklist_page_shows_how_the_calculator_scores_each_question(real_site):
    markdown = pages.render_checklist(real_site)
    assert markdown.count('??? note "How the calculator scores this question"') == len(real_site.checklist.questions)
    assert ("    - **Gate, “Guardrails for high-stakes outputs”:** fine-tuning waits until the answer is “Yes, guardrails "
            "and review cover the high-stakes outputs” or “Nothing this feature outputs is high-stakes”.\n") in markdown
    assert "    - **Points toward prompt engineering:** “Still taking shape, or shaped by each request's own context” (-2).\n" in markdown
    fallbacks = markdown.split("{ #fallbacks }")[1]
    assert '!!! tip "With prompt engineering"' in fallbacks and '!!! tip "Points to prompt engineering"' not in fallbacks
    task = markdown.split("{ #task-clarity }")[1].split("{ #data-readiness }")[0]
    assert '!!! tip "Points to prompt engineering"' in task and '!!! example "Points to fine-tuning"' in task
