"""Properties that hold for every valid answer set, checked with hypothesis.

A small reference implementation, written straight from the methodology page and the raw YAML,
serves as the oracle: the engine must agree with it, and flips are checked by brute force.
"""
from __future__ import annotations

import math
from itertools import combinations, product
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import AnswerError, Model, evaluate, parse_answers, sanitize_answers
from calculator.model import FAMILY_RANK

ROOT = Path(__file__).resolve().parent.parent
RAW = yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8"))
MODEL = Model.from_dict(RAW)
FACTORS = {f["id"]: f for f in RAW["factors"]}
FAMILY = {o["id"]: o["family"] for o in RAW["outcomes"]}
PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)


def reference_verdict(choices: dict[str, str]) -> str:
    """The decision rule as the methodology page states it, computed from the raw YAML."""
    effective = {fid: choices.get(fid, f["default"]) for fid, f in FACTORS.items()}

    def option(fid):
        return next(o for o in FACTORS[fid]["options"] if o["id"] == effective[fid])

    score = sum(option(fid)["points"] for fid in FACTORS)
    retrieval = sum(option(fid).get("retrieval", 0) for fid in FACTORS)
    lean = "fine-tuning" if score >= RAW["scoring"]["fine_tuning_threshold"] else "prompting"
    gates = "pass" if all(effective[g["factor"]] in g["passes_with"] for g in RAW["gates"]) else "fail"
    needs_retrieval = retrieval >= RAW["scoring"]["retrieval_threshold"]
    matches = [o["id"] for o in RAW["outcomes"]
               if o["when"].get("lean", lean) == lean and o["when"].get("gates", gates) == gates
               and o["when"].get("retrieval", needs_retrieval) == needs_retrieval]
    assert len(matches) == 1
    return matches[0]


def answered(choices: dict[str, str]) -> dict[str, str]:
    """The answers that count: an explicit "not sure" (the factor's default) is the same as no answer."""
    return {fid: oid for fid, oid in choices.items() if oid != FACTORS[fid]["default"]}


def reference_conflicts(choices: dict[str, str]) -> list[str]:
    """The declared pairs of contradicting answers that both stand (answered, not defaulted)."""
    return [c["id"] for c in RAW.get("conflicts", [])
            if all(choices.get(fid) in options for fid, options in c["answers"].items())]


def reference_confidence(choices: dict[str, str]) -> float:
    """Confidence as the methodology page states it: margin part x coverage factor, raised to the
    hard-block floor when a hard block is answered and the verdict is not fine-tuning, x penalty per conflict."""
    scoring = RAW["scoring"]
    effective = {fid: choices.get(fid, f["default"]) for fid, f in FACTORS.items()}
    score = sum(points(fid, effective[fid]) for fid in FACTORS)
    margin = abs(score - (scoring["fine_tuning_threshold"] - 0.5))
    value = min(1, margin / scoring["full_confidence_margin"])
    value *= 1 - scoring["coverage_weight"] * (1 - len(answered(choices)) / len(FACTORS))
    hard_block = any(o.get("hard_block") for fid, oid in choices.items() for o in FACTORS[fid]["options"] if o["id"] == oid)
    if hard_block and FAMILY[reference_verdict(choices)] != "fine-tuning":
        value = max(value, scoring["hard_block_confidence"])
    return value * scoring["conflict_penalty"] ** len(reference_conflicts(choices))


def points(fid: str, oid: str) -> int:
    return next(o["points"] for o in FACTORS[fid]["options"] if o["id"] == oid)


def _best(f: dict) -> str:
    return max(f["options"], key=lambda o: o["points"])["id"]


uniform_choices = st.fixed_dictionaries(
    {}, optional={fid: st.sampled_from([o["id"] for o in f["options"]]) for fid, f in FACTORS.items()})
# Uniform answers rarely reach the fine-tuning side; this mix mostly picks each factor's top answer,
# so not-ready verdicts with several failing gates (where pairs of flips live) are well covered.
leaning_choices = st.fixed_dictionaries(
    {fid: st.one_of(st.just(_best(f)), st.sampled_from([o["id"] for o in f["options"]])) for fid, f in FACTORS.items()})
choices_strategy = st.one_of(uniform_choices, leaning_choices)


def _input_value(spec):
    whole = st.integers(min_value=math.ceil(spec.min), max_value=math.floor(spec.max))
    real = st.floats(min_value=spec.min, max_value=spec.max, allow_nan=False, allow_infinity=False)
    return whole | real  # tiny base-model lifetimes included: they count as a month


inputs_strategy = st.fixed_dictionaries({}, optional={i.id: _input_value(i) for i in MODEL.inputs})


@PROPERTY_SETTINGS
@given(choices_strategy, inputs_strategy)
def test_every_answer_set_gets_a_deterministic_verdict_with_bounded_confidence(choices, inputs):
    answers = parse_answers(MODEL, {**choices, **inputs})
    first, second = evaluate(MODEL, answers), evaluate(MODEL, answers)
    assert first.to_dict() == second.to_dict()
    assert first.verdict == reference_verdict(choices)
    assert 0 <= first.confidence <= 1
    assert math.isclose(first.confidence, reference_confidence(choices), rel_tol=1e-12)
    assert sum(c.points for c in first.contributions) == first.score
    # Conflicts come first among the warnings; cautions follow, one per cautioned answer.
    conflicts = reference_conflicts(choices)
    assert [w.id for w in first.warnings][:len(conflicts)] == conflicts
    cautioned = [fid for fid, oid in choices.items()
                 if any(o["id"] == oid and o.get("caution") for o in FACTORS[fid]["options"])]
    assert sorted(w.factors[0] for w in first.warnings if w.id.startswith("caution-")) == sorted(cautioned)


@PROPERTY_SETTINGS
@given(choices_strategy)
def test_confidence_is_below_1_with_any_question_unanswered_or_any_conflict(choices):
    result = evaluate(MODEL, parse_answers(MODEL, choices))
    assert 0 < result.confidence <= 1
    if len(answered(choices)) < len(FACTORS) or reference_conflicts(choices):
        assert result.confidence < 1


@PROPERTY_SETTINGS
@given(choices_strategy, inputs_strategy)
def test_not_sure_is_exactly_the_same_as_no_answer(choices, inputs):
    given_ = evaluate(MODEL, parse_answers(MODEL, {**choices, **inputs}))
    left_out = evaluate(MODEL, parse_answers(MODEL, {**answered(choices), **inputs}))
    assert given_.to_dict() == left_out.to_dict()
    assert [c.factor for c in given_.contributions] == [f for f in FACTORS if f in answered(choices)]
    assert set(given_.unanswered) == set(FACTORS) - set(answered(choices))
    assert given_.to_dict()["is_default"] is (not answered(choices))


@PROPERTY_SETTINGS
@given(choices_strategy, st.data())
def test_declaring_one_more_conflict_lowers_confidence_by_the_penalty(choices, data):
    """The same answers, scored by a model that declares one more pair of them as contradicting."""
    answered = [(fid, oid) for fid, oid in choices.items() if oid != FACTORS[fid]["default"]]
    if len(answered) < 2:
        return
    (first_f, first_o), (second_f, second_o) = data.draw(st.permutations(answered))[:2]
    extra = {"id": "drawn-pair", "answers": {first_f: [first_o], second_f: [second_o]}, "message": "{first} / {second}"}
    stricter = Model.from_dict({**RAW, "conflicts": [*RAW.get("conflicts", []), extra]})
    before = evaluate(MODEL, parse_answers(MODEL, choices))
    after = evaluate(stricter, parse_answers(stricter, choices))
    assert after.verdict == before.verdict and after.score == before.score
    assert after.confidence < before.confidence
    assert math.isclose(after.confidence, before.confidence * RAW["scoring"]["conflict_penalty"], rel_tol=1e-12)
    assert "drawn-pair" in [w.id for w in after.warnings]


@PROPERTY_SETTINGS
@given(choices_strategy)
def test_fine_tuning_needs_a_plateaued_baseline_and_no_hard_block(choices):
    result = evaluate(MODEL, parse_answers(MODEL, choices))
    if result.outcome.family == "fine-tuning":
        assert choices.get("prompt-baseline") == "plateaued"
        assert not any(MODEL.factor(fid).option(oid).hard_block for fid, oid in choices.items())
    if result.confidence_parts.hard_block:
        assert result.confidence >= RAW["scoring"]["hard_block_confidence"] * RAW["scoring"]["conflict_penalty"] ** len(
            reference_conflicts(choices))


@PROPERTY_SETTINGS
@given(choices_strategy, st.data())
def test_moving_one_answer_toward_fine_tuning_never_moves_the_verdict_away(choices, data):
    before = evaluate(MODEL, parse_answers(MODEL, choices))
    candidates = [
        (fid, o["id"]) for fid, f in FACTORS.items() for o in f["options"]
        if o["points"] > points(fid, choices.get(fid, f["default"]))
    ]
    if not candidates:
        return
    factor_id, option_id = data.draw(st.sampled_from(candidates))
    after = evaluate(MODEL, parse_answers(MODEL, {**choices, factor_id: option_id}))
    if before.outcome.family == "fine-tuning":
        assert after.outcome.family == "fine-tuning"
    assert FAMILY_RANK[after.outcome.family] >= FAMILY_RANK[before.outcome.family]


def _alternatives(choices: dict[str, str]):
    """Every (factor, option) differing from the effective answer."""
    return [(fid, o["id"]) for fid, f in FACTORS.items() for o in f["options"]
            if o["id"] != choices.get(fid, f["default"])]


@PROPERTY_SETTINGS
@given(choices_strategy)
def test_flips_are_real_smallest_and_complete(choices):
    result = evaluate(MODEL, parse_answers(MODEL, choices))
    current = result.verdict
    singles = {((fid, oid),) for fid, oid in _alternatives(choices)
               if reference_verdict({**choices, fid: oid}) != current}
    reported = {flip.changes for flip in result.flips}
    for flip in result.flips:
        changed = {**choices, **dict(flip.changes)}
        assert reference_verdict(changed) == flip.verdict != current
        assert evaluate(MODEL, parse_answers(MODEL, changed)).verdict == flip.verdict
    if singles:
        assert result.flip_size == 1 and reported == singles
        return
    pairs = {
        (a, b) for a, b in combinations(_alternatives(choices), 2)
        if a[0] != b[0] and reference_verdict({**choices, a[0]: a[1], b[0]: b[1]}) != current
    }
    pairs = {tuple(sorted(pair, key=lambda change: list(FACTORS).index(change[0]))) for pair in pairs}
    if pairs:
        assert result.flip_size == 2 and reported == pairs
    else:
        assert result.flip_size is None and reported == set()


def test_the_decision_table_is_monotone_over_every_cell():
    """Exhaustive over the model's table: a better lean or more gates met never lowers the family."""
    lean_rank = {"prompting": 0, "fine-tuning": 1}
    cells = list(product(lean_rank, (False, True), (False, True)))
    for (lean_a, gates_a, retrieval_a), (lean_b, gates_b, retrieval_b) in product(cells, repeat=2):
        if lean_rank[lean_a] <= lean_rank[lean_b] and gates_a <= gates_b:
            low = MODEL.outcome_for(lean_a, gates_a, retrieval_a)
            high = MODEL.outcome_for(lean_b, gates_b, retrieval_b)
            assert FAMILY_RANK[high.family] >= FAMILY_RANK[low.family]


@PROPERTY_SETTINGS
@given(inputs_strategy)
def test_cost_figures_are_never_negative_and_break_even_matches_the_monthly_figures(inputs):
    cost = evaluate(MODEL, parse_answers(MODEL, inputs)).cost
    f = cost.figures
    for value in (f.prompting_per_call, f.prompting_monthly, f.tuned_per_call, f.tuned_inference_monthly,
                  f.tuned_upkeep_monthly, f.tuned_monthly, f.one_off, f.context_share_now, f.context_share_after):
        assert value >= 0
    for value in (f.prompting_monthly, f.tuned_monthly, f.monthly_difference, f.runs_per_year, f.forced_runs_per_year,
                  f.retraining_monthly):
        assert math.isfinite(value)
    assert f.forced_runs_per_year <= 12  # a retirement forces at most one run a month
    assert math.isclose(f.monthly_difference, f.prompting_monthly - f.tuned_monthly, rel_tol=1e-12, abs_tol=1e-9)
    if f.monthly_difference > 0:
        assert f.break_even_months is not None and f.never_reason is None
        assert math.isclose(f.break_even_months * f.monthly_difference, f.one_off, rel_tol=1e-9, abs_tol=1e-9)
    else:
        assert f.break_even_months is None
        assert f.never_reason in {"never_no_traffic", "never_price", "never_upkeep"}
        assert cost.never_reason


def test_pairs_are_reported_when_no_single_change_is_enough():
    best = {fid: _best(f) for fid, f in FACTORS.items()}
    two_gates_open = {**best, "data-readiness": "partial", "governance": "in-progress"}
    result = evaluate(MODEL, parse_answers(MODEL, two_gates_open))
    assert result.verdict == "not-ready-to-fine-tune" and result.flip_size == 2
    assert (("data-readiness", "ready"), ("governance", "cleared")) in {flip.changes for flip in result.flips}
    assert all(len(flip.changes) == 2 for flip in result.flips)


# Anything a YAML or JSON file, or a URL, could hand over.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=5,
)
known_keys = st.sampled_from(list(FACTORS) + [i.id for i in MODEL.inputs])
raw_answers = st.dictionaries(known_keys | st.text(max_size=20), json_values | st.sampled_from(
    [o["id"] for f in RAW["factors"] for o in f["options"]]), max_size=8)


@PROPERTY_SETTINGS
@given(raw_answers)
def test_parse_answers_only_ever_raises_answer_error(raw):
    try:
        answers = parse_answers(MODEL, raw)
    except AnswerError as exc:
        assert exc.problems and all(isinstance(p, str) and "\n" not in p for p in exc.problems)
    else:
        assert evaluate(MODEL, answers).verdict in FAMILY


@PROPERTY_SETTINGS
@given(raw_answers)
def test_sanitized_answers_always_parse(raw):
    kept, dropped = sanitize_answers(MODEL, raw)
    assert parse_answers(MODEL, kept).to_dict() == kept
    assert all(set(d) == {"key", "reason"} for d in dropped)
