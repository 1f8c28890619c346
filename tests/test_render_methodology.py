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
    assert "- confidence = the smaller of 1 and margin ÷ 8" in page


def test_links_are_relative_markdown_links_mkdocs_can_check(page):
    assert "[Task clarity](checklist.md#task-clarity)" in page
    assert "[Typical use cases](comparison.md#typical-use-cases)" in page
    assert "(methodology.md#" not in page


def test_cost_section_has_formulas_defaults_and_the_worked_example(page):
    assert "| Calls per month | `calls-per-month` | 300,000 calls | 0 to 10,000,000,000 |" in page
    assert "upkeep per month = retraining runs per year ÷ 12 × (cost of one training run + evaluation cost per training run)" in page
    assert "the one-off $250.00 is recovered after 5.9 months." in page
    assert '!!! warning "Example figures"' in page
