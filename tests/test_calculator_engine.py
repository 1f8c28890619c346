"""evaluate(): a table per outcome and per gate, the explanation, warnings and the JSON contract."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from calculator import Model, evaluate, parse_answers

ROOT = Path(__file__).resolve().parent.parent
MODEL = Model.from_dict(yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8")))

# Every answer as far toward fine-tuning as it goes (+13), no retrieval need, every gate met. Readiness answers
# (data, evaluation, governance, guardrails, access) are conditions, not needs: meeting them adds 0 points.
FT_MAX = {
    "task-clarity": "stable", "data-readiness": "ready", "quality-target": "consistent-at-scale",
    "latency-context": "strained", "evaluation-plan": "in-place", "governance": "cleared",
    "change-management": "rarely", "fallbacks": "in-place", "prompt-baseline": "plateaued",
    "tuning-access": "offered", "fresh-knowledge": "none", "volume": "high",
}
# Every answer as far toward prompting as it goes (-16), both hard blocks among them.
PE_MAX = {
    "task-clarity": "changing", "data-readiness": "none", "quality-target": "good-enough",
    "latency-context": "comfortable", "evaluation-plan": "none", "governance": "blocked",
    "change-management": "often", "fallbacks": "none", "prompt-baseline": "not-started",
    "tuning-access": "not-offered", "fresh-knowledge": "none", "volume": "low",
}
# The seven gates met and nothing else answered: +5 (a stable task 2 + a plateaued baseline 3; the other five gates
# score 0), one point short of the threshold: every gate met is not a reason to fine-tune without a need.
FT_JUST = {"task-clarity": "stable", "data-readiness": "ready", "evaluation-plan": "in-place", "governance": "cleared",
           "prompt-baseline": "plateaued", "fallbacks": "in-place", "tuning-access": "offered"}


def run(raw: dict):
    return evaluate(MODEL, parse_answers(MODEL, raw))


OUTCOMES = [
    ("nothing-answered", {}, "prompt-first", 0),
    ("prompting-leaning", PE_MAX, "prompt-first", -16),
    ("prompting-with-fresh-knowledge", {"fresh-knowledge": "central"}, "prompt-plus-retrieval", 0),
    ("retrieval-from-two-signals", {"fresh-knowledge": "some", "task-clarity": "changing"}, "prompt-plus-retrieval", -2),
    ("retrieval-one-signal-short", {"fresh-knowledge": "some"}, "prompt-first", 0),
    ("gates-met-without-a-need", FT_JUST, "prompt-first", 5),
    ("fine-tune", FT_MAX, "fine-tune-on-baseline", 13),
    # +5 + 1 (some prompt pressure) - 1 (low volume) + 2 (rare changes); "not sure" counts as unanswered
    ("fine-tune-modest", {**FT_JUST, "fallbacks": "low-stakes", "tuning-access": "open-weight",
                          "latency-context": "some-pressure", "quality-target": "unsure", "volume": "low",
                          "change-management": "rarely"},
     "fine-tune-on-baseline", 7),
    ("fine-tune-plus-retrieval", {**FT_MAX, "fresh-knowledge": "central"}, "fine-tune-plus-retrieval", 13),
    ("not-ready-data", {**FT_MAX, "data-readiness": "partial"}, "not-ready-to-fine-tune", 13),
    ("not-ready-no-data", {**FT_MAX, "data-readiness": "none"}, "not-ready-to-fine-tune", 11),
    ("not-ready-with-retrieval", {**FT_MAX, "governance": "in-progress", "fresh-knowledge": "central"},
     "not-ready-to-fine-tune", 13),
    ("not-ready-no-guardrails", {**FT_MAX, "fallbacks": "none"}, "not-ready-to-fine-tune", 13),
    ("not-ready-no-tuning-offered", {**FT_MAX, "tuning-access": "not-offered"}, "not-ready-to-fine-tune", 13),
    ("gate-fails-but-score-low", {**PE_MAX, "task-clarity": "stable"}, "prompt-first", -12),
]


@pytest.mark.parametrize("raw, verdict, score", [pytest.param(r, v, s, id=i) for i, r, v, s in OUTCOMES])
def test_each_outcome(raw, verdict, score):
    result = run(raw)
    assert (result.verdict, result.score) == (verdict, score)
    assert result.label == MODEL.outcome(verdict).label


# Every gate met, two needs, two answers against: +5 + 2 + 2 - 2 - 1 = +6, exactly the threshold.
AT_THRESHOLD = {**FT_JUST, "latency-context": "strained", "change-management": "rarely",
                "quality-target": "good-enough", "volume": "low"}


def test_the_threshold_is_inclusive():
    at = run(AT_THRESHOLD)  # +6
    below = run({**AT_THRESHOLD, "latency-context": "some-pressure"})  # +5
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
        "A prompting baseline that has plateaued, Guardrails for high-stakes outputs, Fine-tuning you can actually use, "
        "Governance for training data.",
    )


def test_contributions_cover_answered_factors_only_and_sum_to_the_score():
    result = run({"task-clarity": "changing", "volume": "high", "fresh-knowledge": "central"})
    assert [(c.factor, c.option, c.points, c.retrieval) for c in result.contributions] == [
        ("task-clarity", "changing", -2, 1), ("fresh-knowledge", "central", 0, 2), ("volume", "high", 2, 0)]
    assert sum(c.points for c in result.contributions) == result.score == 0
    assert result.retrieval_points == 3 and result.retrieval_needed
    assert len(result.unanswered) == 9


# confidence = min(1, margin / 8) x (1 - 0.6 x share unanswered), at least 0.85 when a hard block is
# answered and the verdict is not fine-tuning, then x 0.6 per conflict (calculator.yml's scoring).
@pytest.mark.parametrize("raw, confidence, band", [
    pytest.param({}, 5.5 / 8 * 0.4, "low", id="nothing-answered"),
    # +13, the highest total, is 7.5 points past the boundary: short of the full-confidence margin of 8
    pytest.param(FT_MAX, 7.5 / 8, "high", id="ft-max"),
    pytest.param(PE_MAX, 1.0, "high", id="pe-max"),
    # +6: half a point past the boundary, 11 of 12 answered
    pytest.param(AT_THRESHOLD, 0.5 / 8 * (1 - 0.6 * 1 / 12), "low", id="at-the-threshold"),
    # -2, 1 of 12 answered: 7.5 / 8 x (1 - 0.6 x 11 / 12) = 0.42, raised to the hard-block floor
    pytest.param({"governance": "blocked"}, 0.85, "high", id="hard-block-alone"),
    pytest.param({"tuning-access": "not-offered"}, 0.85, "high", id="other-hard-block-alone"),
    # +9 (13 - 4), all answered, one conflict (settled task, yet outputs change weekly)
    pytest.param({**FT_MAX, "change-management": "often"}, 3.5 / 8 * 0.6, "low", id="one-conflict"),
    # The same with prompting at full margin (-16 + 4 = -12): the conflict alone takes it from high to medium
    pytest.param({**PE_MAX, "task-clarity": "stable"}, 1.0 * 0.6, "medium", id="one-conflict-far-from-the-boundary"),
    # -2, 2 of 12 answered, a hard block and a conflict: the floor, then the penalty
    pytest.param({"data-readiness": "ready", "governance": "blocked"}, 0.85 * 0.6, "medium", id="hard-block-and-conflict"),
])
def test_confidence_from_margin_coverage_hard_blocks_and_conflicts(raw, confidence, band):
    result = run(raw)
    assert result.confidence == pytest.approx(confidence)
    assert result.confidence_band.id == band


def test_confidence_parts_show_how_it_is_made():
    parts = run({"data-readiness": "ready", "governance": "blocked"}).confidence_parts  # 0 - 2 = -2
    assert parts.margin_part == pytest.approx(7.5 / 8)
    assert parts.coverage == pytest.approx(2 / 12)
    assert parts.coverage_factor == pytest.approx(1 - 0.6 * 10 / 12)
    assert (parts.hard_block, parts.conflicts, parts.conflict_factor) == (True, 1, pytest.approx(0.6))
    assert parts.value == pytest.approx(0.85 * 0.6)
    plain = run({"task-clarity": "stable"}).confidence_parts
    assert (plain.hard_block, plain.conflicts, plain.conflict_factor) == (False, 0, 1)
    assert plain.value == pytest.approx(3.5 / 8 * (1 - 0.6 * 11 / 12))


@pytest.mark.parametrize("factor_id", list(PE_MAX))
def test_any_unanswered_question_keeps_confidence_below_1(factor_id):
    assert run(PE_MAX).confidence == 1
    result = run({k: v for k, v in PE_MAX.items() if k != factor_id})
    assert result.confidence == pytest.approx(1 - 0.6 / 12)  # the margin stays past 8 points (at most -13)
    assert result.confidence < 1
    # Toward fine-tuning the margin can only shrink, so leaving a question out always costs confidence.
    assert run({k: v for k, v in FT_MAX.items() if k != factor_id}).confidence < run(FT_MAX).confidence


def test_a_hard_block_alone_gives_a_firm_verdict_against_fine_tuning():
    result = run({"governance": "blocked"})
    assert result.outcome.family != "fine-tuning"
    assert result.verdict == "prompt-first"
    assert result.confidence_parts.hard_block
    assert result.confidence == MODEL.scoring.hard_block_confidence
    assert result.confidence >= MODEL.confidence_bands[-1].min and result.confidence_band.id == "high"
    # The same score and coverage without a hard block is far less sure.
    assert run({"change-management": "often"}).confidence == pytest.approx(7.5 / 8 * (1 - 0.6 * 11 / 12))


def test_a_hard_block_never_lowers_confidence():
    # All answered and 7.5 points from the boundary: 7.5 / 8 is already above the floor.
    result = run({**FT_MAX, "tuning-access": "not-offered"})
    assert (result.verdict, result.confidence_parts.hard_block) == ("not-ready-to-fine-tune", True)
    assert result.confidence == pytest.approx(7.5 / 8)
    assert run(PE_MAX).confidence == 1  # two hard blocks, full margin: still 1


@pytest.mark.parametrize("baseline, score", [("not-started", 13 - 6), ("improving", 13 - 4)])
def test_an_unfinished_prompting_baseline_never_gives_fine_tuning(baseline, score):
    result = run({**FT_MAX, "prompt-baseline": baseline})
    gate = next(g for g in MODEL.gates if g.id == "prompting-plateaued")
    assert (result.score, result.lean, result.verdict) == (score, "fine-tuning", "not-ready-to-fine-tune")
    assert [g.id for g in result.failing_gates] == ["prompting-plateaued"]
    assert f"{gate.title} (needed first): {gate.fix}" in result.next_steps
    assert result.next_steps[0] == ("A prompting baseline that has plateaued (needed first): Give prompting a serious try "
                                    "first (clear instructions, worked examples, an output schema) and score it on a test "
                                    "set. Tune only once changes stop helping; that score is the baseline a tuned model "
                                    "must beat.")


@pytest.mark.parametrize("fallbacks, passes", [("in-place", True), ("low-stakes", True), ("partial", False),
                                               ("none", False), ("unsure", False)])
def test_guardrails_gate_without_a_lean(fallbacks, passes):
    result = run({**FT_MAX, "fallbacks": fallbacks})
    assert result.score == 13  # every fallbacks answer scores 0
    assert next(g for g in result.gates if g.id == "guardrails-ready").passed is passes
    assert result.verdict == ("fine-tune-on-baseline" if passes else "not-ready-to-fine-tune")


@pytest.mark.parametrize("access, passes", [("offered", True), ("open-weight", True), ("not-offered", False),
                                            ("unsure", False)])
def test_tuning_access_gate_without_a_lean(access, passes):
    result = run({**FT_MAX, "tuning-access": access})
    assert result.score == 13
    assert next(g for g in result.gates if g.id == "tuning-available").passed is passes
    assert result.verdict == ("fine-tune-on-baseline" if passes else "not-ready-to-fine-tune")


CONFLICT_MESSAGE = ("These answers disagree: Task clarity: “Settled and clearly specified; unlikely to change for "
                    "months”, yet Change management: “Weekly or faster”. A task whose expected outputs change weekly "
                    "is not settled; check which answer is true before trusting the verdict.")


def test_contradicting_answers_give_a_warning_naming_both_answers_first():
    result = run({**FT_MAX, "change-management": "often", "fallbacks": "none"})
    assert [w.id for w in result.warnings][:2] == ["settled-but-changing-often", "caution-fallbacks"]
    conflict = result.warnings[0]
    assert conflict.factors == ("task-clarity", "change-management")
    assert conflict.message == CONFLICT_MESSAGE
    assert result.confidence < MODEL.confidence_bands[-1].min
    assert result.confidence == pytest.approx(3.5 / 8 * 0.6)  # +9: 3.5 points past the boundary
    assert (result.verdict, result.score) == ("not-ready-to-fine-tune", 9)


def test_only_the_declared_pair_is_a_conflict():
    assert not any(w.id == "settled-but-changing-often" for w in run({"task-clarity": "stable"}).warnings)
    assert not any(w.id == "settled-but-changing-often"
                   for w in run({"task-clarity": "settling", "change-management": "often"}).warnings)
    assert run({"task-clarity": "stable", "change-management": "rarely"}).confidence_parts.conflicts == 0


def test_each_conflict_lowers_confidence_by_exactly_the_penalty():
    penalty = MODEL.scoring.conflict_penalty
    # Same score (0) and the same two questions answered, with and without the contradiction.
    calm = run({"quality-target": "consistent-at-scale", "change-management": "often"})
    clash = run({"task-clarity": "stable", "change-management": "often"})
    assert (calm.score, clash.score) == (0, 0)
    assert clash.confidence == pytest.approx(calm.confidence * penalty)
    # Three conflicts at once: settled yet changing, plateau without a test set, cleared yet blocked.
    three = run({**FT_MAX, "change-management": "often", "evaluation-plan": "none", "governance": "blocked"})
    assert [w.id for w in three.warnings][:3] == [
        "settled-but-changing-often", "plateau-without-a-test-set", "cleared-data-but-training-not-allowed"]
    assert three.confidence_parts.conflicts == 3
    # +6 (13 - 4 - 1 - 2), a gate fails and a hard block is answered: max(0.5 / 8, 0.85) x 0.6 ** 3
    assert (three.score, three.verdict) == (6, "not-ready-to-fine-tune")
    assert three.confidence_parts.margin_part == pytest.approx(0.5 / 8)
    assert three.confidence == pytest.approx(MODEL.scoring.hard_block_confidence * penalty ** 3)


@pytest.mark.parametrize("raw, verdict", [
    ({}, "prompt-first"),
    ({"fresh-knowledge": "central"}, "prompt-plus-retrieval"),
    (FT_MAX, "not-ready-to-fine-tune"),
    (PE_MAX, "prompt-first"),
])
@pytest.mark.parametrize("option", ["none", "partial"])
def test_a_guardrails_caution_shows_whatever_the_verdict(raw, verdict, option):
    result = run({**raw, "fallbacks": option})
    assert result.verdict == verdict
    caution = next(w for w in result.warnings if w.id == "caution-fallbacks")
    assert caution.message == MODEL.factor("fallbacks").option(option).caution
    assert caution.factors == ("fallbacks",)
    without = run({**raw, "fallbacks": "unsure"})
    assert result.score == without.score


def test_the_no_guardrails_caution_reads_exactly():
    assert next(w for w in run({"fallbacks": "none"}).warnings if w.id == "caution-fallbacks").message == (
        "With no guardrails on high-stakes outputs, neither approach is ready for them. Add schemas, validators or "
        "human review before launch, whether you prompt or fine-tune.")
    for quiet in ("in-place", "low-stakes", "unsure"):
        assert not any(w.id.startswith("caution-") for w in run({"fallbacks": quiet}).warnings)


def test_warnings_for_unanswered_and_opposing_answers():
    # Ready data adds nothing now, so a third need makes the +6 against -5.
    result = run({"quality-target": "consistent-at-scale", "data-readiness": "ready", "volume": "high",
                  "latency-context": "strained", "prompt-baseline": "not-started", "change-management": "often"})
    ids = [w.id for w in result.warnings]
    assert ids == ["unanswered", "opposing-answers", "example-figures"]
    opposing = result.warnings[1]
    assert opposing.message.startswith("Your answers pull hard both ways: +6 (quality target, latency and context limits, "
                                       "call volume) toward fine-tuning against -5 (change management, prompting baseline) "
                                       "toward prompting.")
    # The sentence names factors as readers saw them; their ids stay in the machine-readable part.
    assert "quality-target" not in opposing.message and "quality-target" in opposing.factors
    assert result.warnings[0].factors == ("task-clarity", "evaluation-plan", "governance",
                                          "fallbacks", "tuning-access", "fresh-knowledge")


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
    # "Over a million" calls implies 2,000,000 a month; half of each prompt is cached at a tenth of the price.
    result = run({**FT_MAX, "tuned-input-price": 4, "tuned-output-price": 20})
    assert result.verdict == "fine-tune-on-baseline"
    warning = next(w for w in result.warnings if w.id == "cost-never-pays-back")
    # tuned: (300 x 4 x 0.55 + 150 x 20) / 1e6 = 0.00366; prompted: (1800 x 0.4 x 0.55 + 150 x 1.6) / 1e6 = 0.000636
    assert warning.message == (
        "On these figures fine-tuning never pays back: a tuned call costs $0.00366 against $0.000636 for a prompted one, "
        "so the tuned model's higher price per token outweighs its shorter prompt. "
        "The case for it must rest on quality, not cost.")
    assert not any(w.id == "cost-never-pays-back" for w in run({"tuned-input-price": 4}).warnings)


def test_no_example_figure_warning_when_every_figure_is_given():
    # Enough traffic, and no hourly hosting, for fine-tuning to pay back: no warning of any kind.
    figures = {**{i.id: i.default for i in MODEL.inputs}, "calls-per-month": 2_000_000, "hosting-per-hour": 0}
    result = run({**FT_MAX, **figures})
    assert [w.id for w in result.warnings] == []
    assert all(a.source == "answer" for a in result.cost.assumptions)
    assert result.cost.figures.break_even_months == pytest.approx(3250 / 104)


@pytest.mark.parametrize("volume, calls", [("high", 2_000_000), ("medium", 100_000), ("low", 3_000)])
def test_a_volume_answer_without_a_figure_implies_the_calls(volume, calls):
    result = run({"volume": volume})
    calls_assumption = result.cost.assumptions[0]
    assert (calls_assumption.id, calls_assumption.value, calls_assumption.source, calls_assumption.from_factor) == (
        "calls-per-month", calls, "implied", "volume")
    assert all(a.source == "example" and a.from_factor is None for a in result.cost.assumptions[1:])
    assert result.cost.figures.prompting_monthly == pytest.approx(calls * 0.000636)
    examples = next(w for w in result.warnings if w.id == "example-figures")
    assert examples.message.startswith("18 cost figures are example defaults (prompt tokens per call today, ")
    assert "calls-per-month" not in examples.message


def test_the_readers_figure_wins_over_the_implied_one_and_not_sure_implies_nothing():
    given = run({"volume": "high", "calls-per-month": 5_000_000}).cost.assumptions[0]
    assert (given.value, given.source, given.from_factor) == (5_000_000, "answer", None)
    unsure = run({"volume": "unsure"}).cost.assumptions[0]
    assert (unsure.value, unsure.source) == (300_000, "example")


def test_to_dict_meets_the_json_contract():
    result = run({**FT_MAX, "data-readiness": "partial", "calls-per-month": 1_000_000})
    data = json.loads(json.dumps(result.to_dict("https://example.org/")))
    assert {"verdict", "label", "confidence", "confidence_band", "confidence_parts", "is_default", "default_note",
            "contributions", "flips", "warnings", "gates", "explanation", "next_steps", "links", "cost", "chart",
            "answers"} <= set(data)
    assert data["verdict"] == "not-ready-to-fine-tune"
    assert 0 <= data["confidence"] <= 1
    # +13: 7.5 points past the boundary, 7.5 / 8 = 0.9375, rounded to three places
    assert data["confidence_parts"] == {"margin": 0.938, "coverage": 1, "coverage_factor": 1, "hard_block": False,
                                        "conflicts": 0, "conflict_factor": 1}
    assert (data["is_default"], data["default_note"]) == (False, "")
    assert len(data["contributions"]) == 12 and all(isinstance(c["points"], int) for c in data["contributions"])
    assert {k: data["flips"][0][k] for k in ("changes", "verdict", "label")} == {
        "changes": {"data-readiness": "ready"}, "verdict": "fine-tune-on-baseline",
        "label": "Fine-tune on top of a prompting baseline"}
    assert data["flips"][0]["steps"] == [{
        "factor": "data-readiness", "title": "Data readiness", "option": "ready",
        "option_label": "Yes, at least a hundred or so representative examples, cleared for training",
        "link": {"id": "data-readiness", "url": None, "title": "Data readiness"}}]
    assert all({"changes", "verdict", "label"} <= set(f) for f in data["flips"])
    assert all({"id", "message", "factors"} <= set(w) for w in data["warnings"])
    assert data["answers"] == {**FT_MAX, "data-readiness": "partial", "calls-per-month": 1_000_000}
    assert {"prompting", "fine_tuning", "monthly_difference", "break_even", "context", "assumptions", "note"} <= set(data["cost"])
    assert all(link["url"] is None for link in data["links"])  # no anchors in this model


def test_nothing_answered_is_the_marked_default():
    data = run({}).to_dict()
    assert (data["verdict"], data["is_default"], data["confidence_band"]["id"]) == ("prompt-first", True, "low")
    assert data["default_note"] == MODEL.say("default_verdict")
    # Inputs alone answer no question: still the default verdict.
    assert run({"calls-per-month": 10}).to_dict()["is_default"] is True


# An explicit "not sure" is each factor's default option; it counts exactly like leaving the question out.
ALL_UNSURE = {f.id: f.default for f in MODEL.factors}


def test_every_default_option_is_not_sure():
    assert set(ALL_UNSURE.values()) == {"unsure"} and len(ALL_UNSURE) == 12


def test_twelve_not_sure_answers_are_the_same_as_nothing_answered():
    unsure, nothing = run(ALL_UNSURE), run({})
    assert (unsure.verdict, unsure.score, unsure.confidence) == (nothing.verdict, nothing.score, nothing.confidence)
    assert (unsure.verdict, unsure.score) == ("prompt-first", 0)
    assert unsure.confidence == pytest.approx(5.5 / 8 * (1 - 0.6))  # coverage 0 of 12
    assert unsure.contributions == ()
    assert unsure.unanswered == nothing.unanswered == MODEL.factor_ids
    assert unsure.confidence_parts == nothing.confidence_parts
    assert [w.id for w in unsure.warnings] == [w.id for w in nothing.warnings]
    assert unsure.to_dict()["is_default"] is nothing.to_dict()["is_default"] is True
    assert unsure.to_dict()["default_note"] == MODEL.say("default_verdict")


@pytest.mark.parametrize("factor_id", list(FT_MAX))
def test_one_not_sure_answer_counts_as_unanswered(factor_id):
    result = run({**FT_MAX, factor_id: "unsure"})
    left_out = run({k: v for k, v in FT_MAX.items() if k != factor_id})
    assert factor_id not in [c.factor for c in result.contributions]
    assert factor_id in result.unanswered
    assert (result.verdict, result.score, result.confidence) == (left_out.verdict, left_out.score, left_out.confidence)
    assert result.confidence_parts.coverage == pytest.approx(11 / 12)
    assert result.confidence < run(FT_MAX).confidence
    assert result.to_dict()["is_default"] is False


def test_not_sure_about_fresh_knowledge_lowers_confidence():
    # fresh-knowledge scores 0, so the total stays +13; only the coverage drops, to 11 of 12.
    result = run({**FT_MAX, "fresh-knowledge": "unsure"})
    assert (result.verdict, result.score) == ("fine-tune-on-baseline", 13)
    assert result.confidence == pytest.approx(7.5 / 8 * (1 - 0.6 / 12))
    assert result.confidence < 1
    assert "fresh-knowledge" in result.unanswered
    unanswered = next(w for w in result.warnings if w.id == "unanswered")
    assert unanswered.factors == ("fresh-knowledge",)
    # And where the margin alone would give 1:
    assert run({**PE_MAX, "fresh-knowledge": "unsure"}).confidence == pytest.approx(1 - 0.6 / 12)


def test_not_sure_answers_beside_inputs_are_still_the_default():
    result = run({**ALL_UNSURE, "calls-per-month": 10})
    assert result.to_dict()["is_default"] is True
    # A real answer beside the "not sure" ones ends the default.
    assert run({**ALL_UNSURE, "task-clarity": "stable"}).to_dict()["is_default"] is False
