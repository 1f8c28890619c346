"""The methodology page and the pydantic model of calculator.yml, both from the real content."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from calculator import Model
from sitegen.content import load_site
from sitegen.content.models_calculator import CalculatorFile
from sitegen.render.methodology import METHODOLOGY_SECTIONS, render_methodology

ROOT = Path(__file__).resolve().parent.parent
RAW = yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8"))
MODEL = Model.from_dict(RAW)


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content")


@pytest.fixture(scope="module")
def page(site) -> str:
    data = site.calculator_data()
    return render_methodology(data, data["anchors"])


def test_pydantic_model_accepts_the_content_exactly():
    validated = CalculatorFile.model_validate(RAW)
    assert validated.reviewed.isoformat() == "2026-11-28"
    assert [f.id for f in validated.factors] == list(MODEL.factor_ids)
    assert (ROOT / "content" / "calculator.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=schemas/calculator.schema.json\n")


@pytest.mark.parametrize("path, value, kind", [
    (("factors", 0, "options", 0, "weight"), 1, "extra_forbidden"),
    (("factors", 0, "options", 0, "points"), 99, "less_than_equal"),
    (("outcomes", 0, "family"), "maybe", "literal_error"),
    (("messages", "no_flips"), "", "string_too_short"),
    (("inputs", 0, "min"), -1, "greater_than_equal"),
])
def test_pydantic_model_rejects_wrong_shapes(path, value, kind):
    data = copy.deepcopy(RAW)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError) as caught:
        CalculatorFile.model_validate(data)
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [(path, kind)]


def test_json_schema_generates():
    schema = CalculatorFile.model_json_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"reviewed", "factors", "gates", "outcomes", "inputs", "messages"}


def test_every_section_heading_has_its_stable_id(page):
    for section_id, title in METHODOLOGY_SECTIONS.items():
        assert f"\n## {title} {{ #{section_id} }}\n" in page
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


def test_anchor_objects_work_as_well_as_plain_mappings(site, page):
    assert render_methodology(site.calculator_data(), site.anchors) == page


def test_unknown_anchors_fall_back_to_plain_titles():
    text = render_methodology(RAW, {})
    assert "Background: task-clarity, what-it-is." in text
