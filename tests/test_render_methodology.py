"""The methodology page, rendered from the real content's one calculator model."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.render.methodology import render_methodology
from sitegen.sections import SECTIONS

ROOT = Path(__file__).resolve().parent.parent
MODEL = load_site(ROOT / "content").calculator


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content")


@pytest.fixture(scope="module")
def page(site) -> str:
    return render_methodology(site)


def test_every_section_heading_has_its_stable_id(page):
    for section in (s for s in SECTIONS if s.page == "methodology.md"):
        assert f"\n## {section.title} {{ #{section.id} }}\n" in page
    ids = re.findall(r"\{ #([a-z0-9-]+) \}", page)
    assert len(ids) == len(set(ids))
    assert all(i.startswith("method-") for i in ids)


def test_points_tables_match_the_model(page):
    for factor in MODEL.factors:
        assert f"### {factor.title} {{ #method-points-{factor.id} }}" in page
        for option in factor.options:
            signed = f"{option.points:+d}" if option.points else "0"
            assert re.search(rf"^\| {re.escape(option.label)} \(`{option.id}`\) \| {re.escape(signed)} \|", page, re.M)
    assert "| Settled and clearly specified; unlikely to change for months (`stable`) | +2 |  | A stable task |" in page
    assert "| Over a million (`high`) | +2 | 1,000,000 or more |" in page


def test_gates_decision_table_and_thresholds(page):
    for gate in MODEL.gates:
        assert f"| **{gate.title}**: {gate.requirement} |" in page
    assert "| fine-tuning | one or more not met | needed | Not ready to fine-tune yet (`not-ready-to-fine-tune`) |" in page
    assert "| prompt engineering | all met | needed | Prompt engineering plus retrieval or tools (`prompt-plus-retrieval`) |" in page
    assert "A total of **+6 or more**" in page
    assert "- margin part = the smaller of 1 and margin ÷ 8" in page
    assert "- coverage factor = 1 − 0.6 × (share of the 12 questions left unanswered; “not sure” counts as unanswered)" in page
    assert "- confidence = margin part × coverage factor" in page
    assert "is not a fine-tuning one, confidence is at least 0.85" in page
    assert "- each pair of contradicting answers (below) then multiplies confidence by 0.6" in page
    # Every hard block is named where the floor is stated.
    for factor in MODEL.factors:
        for option in factor.options:
            if option.hard_block:
                assert f"{factor.title}: “{option.label}”" in page.split("## Confidence")[1].split("## What would change")[0]
    # A gate may pass with several options.
    assert ("| [Fallbacks](checklist.md#fallbacks) | “Yes, guardrails and review cover the high-stakes outputs”, "
            "“Nothing this feature outputs is high-stakes” |") in page


def test_conflicts_are_listed_with_both_answers(page):
    for conflict in MODEL.conflicts:
        (first, first_options), (second, second_options) = conflict.answers.items()
        one = MODEL.factor(first)
        other = MODEL.factor(second)
        assert (f"{one.title}: “{one.option(first_options[0]).label}” and "
                f"{other.title}: “{other.option(second_options[0]).label}” |") in page
    assert ("| Settled but changing often | Task clarity: “Settled and clearly specified; unlikely to change for months” "
            "and Change management: “Weekly or faster” |") in page


def test_links_are_relative_markdown_links_mkdocs_can_check(page):
    assert "[Task clarity](checklist.md#task-clarity)" in page
    assert "[Typical use cases](comparison.md#typical-use-cases)" in page
    assert "(methodology.md#" not in page


def test_cost_section_has_formulas_defaults_and_the_worked_example(page):
    assert "| Calls per month | `calls-per-month` | 300,000 calls | 0 to 10,000,000,000 |" in page
    assert "| Hourly hosting or reserved capacity for the tuned model | `hosting-per-hour` | 1 USD per hour | 0 to 100,000 |" in page
    # The two shares' labels carry their range, "(0 to 1)"; their unit is "share".
    assert ("- cache factor = 1 − cached share + cached share × cached price, where cached share is the\n"
            "  share of the prompt served from a prompt cache (0 to 1) and cached price the\n"
            "  price of a cached token, as a share of the normal input price (0 to 1) (the same for both approaches)") in page
    assert "| Share of the prompt served from a prompt cache (0 to 1) | `cacheable-share` | 0.5 share | 0 to 1 |" in page
    assert ("- training runs per year = the larger of retraining runs per year and 12 ÷ months until the base model "
            "retires") in page
    assert ("- cost of one run = cost of one training run + evaluation cost per training run + refreshing the data for "
            "each retraining run") in page
    assert ("- hosting per month = standing monthly fee for the tuned model + hourly hosting or reserved capacity for the "
            "tuned model × 730 hours") in page
    assert "- upkeep per month = training runs per year ÷ 12 × cost of one run + hosting per month" in page
    assert ("- one-off cost = preparing the first training set + cost of one training run + evaluation cost per training "
            "run") in page
    assert "- break-even in months = one-off cost ÷ monthly difference, when the difference is positive" in page
    # The worked example on the defaults (see test_calculator_cost.py): fine-tuning never pays back.
    assert "a prompted call costs $0.000636 and a\ntuned call $0.000459. Prompting costs $190.80" in page
    assert "$980.00 upkeep, $1,117.70 in all." in page
    assert "fine-tuning never recovers its one-off $3,250.00." in page
    assert '!!! warning "Example figures"' in page
