"""evaluate(): a table per outcome and per gate, the explanation, warnings and the JSON contract."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from calculator import Model, evaluate, parse_answers

ROOT = Path(__file__).resolve().parent.parent
MODEL = Model.from_dict(yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8")))

# Every answer as far toward fine-tuning as it goes (+18), no retrieval need.
FT_MAX = {
    "task-clarity": "stable", "data-readiness": "ready", "quality-target": "consistent-at-scale",
    "latency-context": "strained", "evaluation-plan": "in-place", "governance": "cleared",
    "change-management": "rarely", "fallbacks": "in-place", "prompt-baseline": "plateaued",
    "fresh-knowledge": "none", "volume": "high",
}
# Every answer as far toward prompting as it goes.
PE_MAX = {
    "task-clarity": "changing", "data-readiness": "none", "quality-target": "good-enough",
    "latency-context": "comfortable", "evaluation-plan": "none", "governance": "blocked",
    "change-management": "often", "fallbacks": "none", "prompt-baseline": "not-started",
    "fresh-knowledge": "none", "volume": "low",
}
# Just enough for fine-tuning: +8 with the four gates met.
FT_JUST = {"task-clarity": "stable", "data-readiness": "ready", "quality-target": "consistent-at-scale",
           "evaluation-plan": "in-place", "governance": "cleared"}


def run(raw: dict):
    return evaluate(MODEL, parse_answers(MODEL, raw))


OUTCOMES = [
    ("nothing-answered", {}, "prompt-first", 0),
    ("prompting-leaning", PE_MAX, "prompt-first", -17),
    ("prompting-with-fresh-knowledge", {"fresh-knowledge": "central"}, "prompt-plus-retrieval", 0),
    ("retrieval-from-two-signals", {"fresh-knowledge": "some", "task-clarity": "changing"}, "prompt-plus-retrieval", -2),
    ("retrieval-one-signal-short", {"fresh-knowledge": "some"}, "prompt-first", 0),
    ("fine-tune", FT_MAX, "fine-tune-on-baseline", 18),
    ("fine-tune-modest", {**FT_JUST, "fallbacks": "partial", "latency-context": "unsure", "volume": "low",
                          "change-management": "rarely"},
     "fine-tune-on-baseline", 9),
    ("fine-tune-plus-retrieval", {**FT_MAX, "fresh-knowledge": "central"}, "fine-tune-plus-retrieval", 18),
    ("not-ready-data", {**FT_MAX, "data-readiness": "partial"}, "not-ready-to-fine-tune", 16),
    ("not-ready-with-retrieval", {**FT_MAX, "governance": "in-progress", "fresh-knowledge": "central"},
     "not-ready-to-fine-tune", 17),
    ("gate-fails-but-score-low", {**PE_MAX, "task-clarity": "stable"}, "prompt-first", -13),
]


@pytest.mark.parametrize("raw, verdict, score", [pytest.param(r, v, s, id=i) for i, r, v, s in OUTCOMES])
def test_each_outcome(raw, verdict, score):
    result = run(raw)
    assert (result.verdict, result.score) == (verdict, score)
    assert result.label == MODEL.outcome(verdict).label


def test_the_threshold_is_inclusive():
    at = run({**FT_JUST, "latency-context": "comfortable", "volume": "low"})  # +8 - 1 - 1 = +6
    below = run({**FT_JUST, "latency-context": "comfortable", "volume": "low", "fallbacks": "none"})  # +5
    assert (at.score, at.lean, at.verdict) == (6, "fine-tuning", "fine-tune-on-baseline")
    assert (below.score, below.lean, below.verdict) == (5, "prompting", "prompt-first")


GATE_CASES = [
    (gate.id, gate.factor, option.id)
    for gate in MODEL.gates
    for option in MODEL.factor(gate.factor).options
    if option.id not in gate.passes_with
]


@pytest.mark.parametrize("gate_id, factor_id, option_id", GATE_CASES)
def test_each_failing_gate_blocks_fine_tuning_and_says_what_would_satisfy_it(gate_id, factor_id, option_id):
    result = run({**FT_MAX, factor_id: option_id})
    gate = next(g for g in MODEL.gates if g.id == gate_id)
    assert result.lean == "fine-tuning"
    assert result.verdict == "not-ready-to-fine-tune"
    assert [g.id for g in result.failing_gates] == [gate_id]
    assert result.next_steps[0] == f"{gate.title} (needed first): {gate.fix}"
    assert f"Not yet in place: {gate.title}." in result.explanation


@pytest.mark.parametrize("gate", MODEL.gates, ids=[g.id for g in MODEL.gates])
def test_each_gate_passes_with_its_listed_answers(gate):
    for option_id in gate.passes_with:
        result = run({**FT_MAX, gate.factor: option_id})
        assert next(g for g in result.gates if g.id == gate.id).passed
        assert result.verdict == "fine-tune-on-baseline"


def test_unanswered_gate_factors_fail_their_gates():
    result = run({k: v for k, v in FT_MAX.items() if k != "evaluation-plan"})
    gate = next(g for g in result.gates if g.factor == "evaluation-plan")
    assert (gate.answered, gate.passed, gate.option) == (False, False, "unsure")
    assert result.verdict == "not-ready-to-fine-tune"


def test_not_ready_lists_every_failing_gate_first_then_the_outcome_steps():
    result = run({**FT_MAX, "data-readiness": "partial", "governance": "in-progress"})
    assert [s.split(" (needed first)")[0] for s in result.next_steps[:2]] == ["Representative data you may use",
                                                                               "Governance for training data"]
    assert result.next_steps[2:] == MODEL.outcome("not-ready-to-fine-tune").next_steps
    assert "data-readiness" in result.links and "governance" in result.links


def test_explanation_for_prompting_names_the_gates_that_would_still_block():
    result = run({"task-clarity": "stable"})
    assert result.explanation == (
        "The answers add up to +2 points, below the fine-tuning threshold of +6.",
        "Even with a higher score, fine-tuning would wait for: Representative data you may use, An evaluation plan, "
        "Governance for training data.",
    )


def test_contributions_cover_answered_factors_only_and_sum_to_the_score():
    result = run({"task-clarity": "changing", "volume": "high", "fresh-knowledge": "central"})
    assert [(c.factor, c.option, c.points, c.retrieval) for c in result.contributions] == [
        ("task-clarity", "changing", -2, 1), ("fresh-knowledge", "central", 0, 2), ("volume", "high", 2, 0)]
    assert sum(c.points for c in result.contributions) == result.score == 0
    assert result.retrieval_points == 3 and result.retrieval_needed
    assert len(result.unanswered) == 8


@pytest.mark.parametrize("raw, confidence, band", [
    ({}, 5.5 / 8, "medium"),
    (FT_MAX, 1.0, "high"),
    (PE_MAX, 1.0, "high"),
    ({**FT_JUST, "latency-context": "comfortable", "volume": "low"}, 0.5 / 8, "low"),
])
def test_confidence_comes_from_the_margin(raw, confidence, band):
    result = run(raw)
    assert result.confidence == pytest.approx(confidence)
    assert result.confidence_band.id == band


def test_warnings_for_unanswered_and_opposing_answers():
    result = run({"task-clarity": "stable", "data-readiness": "ready", "volume": "high",
                  "prompt-baseline": "not-started", "change-management": "often"})
    ids = [w.id for w in result.warnings]
    assert ids == ["unanswered", "opposing-answers", "example-figures"]
    opposing = result.warnings[1]
    assert opposing.message.startswith("Your answers pull hard both ways: +6 (task-clarity, data-readiness, volume) "
                                       "toward fine-tuning against -5 (change-management, prompt-baseline) toward prompting.")
    assert result.warnings[0].factors == ("quality-target", "latency-context", "evaluation-plan", "governance",
                                          "fallbacks", "fresh-knowledge")


def test_warning_when_an_answer_contradicts_a_figure():
    result = run({"volume": "low", "calls-per-month": 2_000_000})
    warning = next(w for w in result.warnings if w.id == "answer-disagrees-with-figure")
    assert warning.message == ("You chose 'Under ten thousand' for call volume, yet calls per month is 2,000,000. "
                               "The score uses your answer and the cost uses the number; make them agree.")
    assert not any(w.id == "answer-disagrees-with-figure" for w in run({"volume": "high", "calls-per-month": 2_000_000}).warnings)
    # The example default is not the reader's figure, so it cannot contradict an answer.
    assert not any(w.id == "answer-disagrees-with-figure" for w in run({"volume": "low"}).warnings)


def test_warning_when_the_prompt_crowds_the_context_window():
    result = run({"prompt-tokens": 6000, "context-window": 8000})
    warning = next(w for w in result.warnings if w.id == "prompt-fills-context")
    assert warning.message == ("The prompt alone fills 75% of the 8,000-token context window, "
                               "leaving little room for each request's own context.")


def test_warning_when_fine_tuning_never_pays_back():
    result = run({**FT_MAX, "tuned-input-price": 5, "tuned-output-price": 20})
    assert result.verdict == "fine-tune-on-baseline"
    warning = next(w for w in result.warnings if w.id == "cost-never-pays-back")
    assert warning.message == (
        "On these figures fine-tuning never pays back: a tuned call costs $0.0045 against $0.00096 for a prompted one, "
        "so the tuned model's higher price per token outweighs its shorter prompt. "
        "The case for it must rest on quality, not cost.")
    assert not any(w.id == "cost-never-pays-back" for w in run({"tuned-input-price": 5}).warnings)


def test_no_example_figure_warning_when_every_figure_is_given():
    figures = {i.id: i.default for i in MODEL.inputs}
    result = run({**FT_MAX, "volume": "medium", **figures})
    assert [w.id for w in result.warnings] == []
    assert all(a.source == "answer" for a in result.cost.assumptions)


def test_to_dict_meets_the_json_contract():
    result = run({**FT_MAX, "data-readiness": "partial", "calls-per-month": 1_000_000})
    data = json.loads(json.dumps(result.to_dict("https://example.org/")))
    assert {"verdict", "label", "confidence", "contributions", "flips", "warnings", "gates", "explanation",
            "next_steps", "links", "cost", "answers"} <= set(data)
    assert data["verdict"] == "not-ready-to-fine-tune"
    assert 0 <= data["confidence"] <= 1
    assert len(data["contributions"]) == 11 and all(isinstance(c["points"], int) for c in data["contributions"])
    assert {k: data["flips"][0][k] for k in ("changes", "verdict", "label")} == {
        "changes": {"data-readiness": "ready"}, "verdict": "fine-tune-on-baseline",
        "label": "Fine-tune on top of a prompting baseline"}
    assert data["flips"][0]["steps"] == [{
        "factor": "data-readiness", "title": "Data readiness", "option": "ready",
        "option_label": "Yes, plenty of representative examples, cleared for training",
        "link": {"id": "data-readiness", "url": None, "title": "Data readiness"}}]
    assert all({"changes", "verdict", "label"} <= set(f) for f in data["flips"])
    assert data["answers"] == {**FT_MAX, "data-readiness": "partial", "calls-per-month": 1_000_000}
    assert {"prompting", "fine_tuning", "monthly_difference", "break_even", "context", "assumptions", "note"} <= set(data["cost"])
    assert all(link["url"] is None for link in data["links"])  # no anchors in this model
