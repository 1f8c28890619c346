"""decide() and find_flips() on small hand-built models: single flips first, minimal pairs only when no single one exists.

Each model is the real content/calculator.yml with its factors, gates and thresholds replaced, so
the outcome table, messages and cost inputs stay real while every total is easy to work out by hand.
"""
from __future__ import annotations

import copy
from pathlib import Path

import yaml

from calculator import Model
from calculator.flips import Decision, Flip, decide, find_flips

ROOT = Path(__file__).resolve().parent.parent
RAW = yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8"))


def option(option_id: str, points: int, retrieval: int = 0) -> dict:
    return {"id": option_id, "label": option_id.capitalize(), "points": points, "retrieval": retrieval}


def factor(factor_id: str, *options: dict) -> dict:
    return {"id": factor_id, "title": factor_id.upper(), "question": f"{factor_id}?", "default": "unsure",
            "options": [*options, option("unsure", 0)]}


def gate(factor_id: str, *passes_with: str) -> dict:
    return {"id": f"{factor_id}-gate", "title": f"Gate on {factor_id}", "factor": factor_id,
            "passes_with": list(passes_with), "requirement": "Needed.", "fix": "Do it."}


def small_model(factors: list[dict], gates: list[dict], threshold: int, retrieval_threshold: int) -> Model:
    data = copy.deepcopy(RAW)
    data["factors"] = factors
    data["gates"] = gates
    data["conflicts"] = []  # the real conflicts name the real factors
    data["scoring"].update(fine_tuning_threshold=threshold, retrieval_threshold=retrieval_threshold)
    for outcome in data["outcomes"]:
        outcome.pop("links", None)
    return Model.from_dict(data)


# Two gated factors: both "hi" (+3 each) reach the threshold of 5; both "lo" (retrieval 1 each) reach
# the retrieval threshold of 2. One answer alone does neither.
TWO = small_model(
    [factor("a", option("hi", 3), option("lo", -1, 1)), factor("b", option("hi", 3), option("lo", -1, 1))],
    [gate("a", "hi"), gate("b", "hi")],
    threshold=5, retrieval_threshold=2,
)


def choices(model: Model, **given: str) -> dict[str, str]:
    return {f.id: given.get(f.id, f.default) for f in model.factors}


def test_decide_sums_points_retrieval_and_failing_gates():
    decision = decide(TWO, choices(TWO, a="hi", b="lo"))
    assert decision == Decision(TWO.outcome("prompt-first"), "prompting", score=2, retrieval=1,
                                retrieval_needed=False, failing_gates=1)


def test_decide_picks_the_outcome_of_the_table_cell():
    assert decide(TWO, choices(TWO, a="hi", b="hi")).outcome.id == "fine-tune-on-baseline"
    assert decide(TWO, choices(TWO, a="lo", b="lo")).outcome.id == "prompt-plus-retrieval"
    assert decide(TWO, choices(TWO)).outcome.id == "prompt-first"


def test_the_threshold_is_inclusive_and_gates_decide_readiness():
    at_threshold = small_model([factor("a", option("hi", 3)), factor("b", option("hi", 2), option("lo", -1, 2))],
                               [gate("a", "hi")], threshold=5, retrieval_threshold=2)
    decision = decide(at_threshold, choices(at_threshold, a="hi", b="hi"))
    assert (decision.score, decision.lean, decision.outcome.id) == (5, "fine-tuning", "fine-tune-on-baseline")
    ungated = decide(at_threshold, choices(at_threshold, b="hi"))
    assert (ungated.score, ungated.lean) == (2, "prompting")
    not_ready = small_model([factor("a", option("hi", 3)), factor("b", option("hi", 3), option("lo", -1, 2))],
                            [gate("a", "hi")], threshold=3, retrieval_threshold=2)
    decision = decide(not_ready, choices(not_ready, b="hi"))
    assert (decision.lean, decision.failing_gates, decision.outcome.id) == ("fine-tuning", 1, "not-ready-to-fine-tune")


def test_single_flips_are_found_first_in_factor_and_option_order():
    effective = choices(TWO, a="hi", b="hi")
    size, flips = find_flips(TWO, effective, decide(TWO, effective))
    assert size == 1
    assert [flip.changes for flip in flips] == [
        (("a", "lo"),), (("a", "unsure"),), (("b", "lo"),), (("b", "unsure"),)]
    assert {flip.verdict for flip in flips} == {"prompt-first"}
    assert flips[0].label == TWO.outcome("prompt-first").label


def test_pairs_are_searched_only_when_no_single_flip_exists_and_each_is_minimal():
    effective = choices(TWO)
    decision = decide(TWO, effective)
    size, flips = find_flips(TWO, effective, decision)
    assert size == 2
    assert flips == (
        Flip((("a", "hi"), ("b", "hi")), "fine-tune-on-baseline", TWO.outcome("fine-tune-on-baseline").label),
        Flip((("a", "lo"), ("b", "lo")), "prompt-plus-retrieval", TWO.outcome("prompt-plus-retrieval").label),
    )
    for flip in flips:
        assert decide(TWO, {**effective, **dict(flip.changes)}).outcome.id == flip.verdict
        for change in flip.changes:  # neither change alone alters the verdict
            assert decide(TWO, {**effective, change[0]: change[1]}).outcome.id == decision.outcome.id


def test_no_flips_when_no_one_or_two_changes_alter_the_verdict():
    three = small_model([factor(f, option("hi", 2), option("lo", -1, 1)) for f in ("a", "b", "c")],
                        [gate("a", "hi")], threshold=6, retrieval_threshold=3)
    effective = choices(three)
    assert find_flips(three, effective, decide(three, effective)) == (None, ())


def test_flip_to_dict():
    flip = Flip((("a", "hi"), ("b", "hi")), "fine-tune-on-baseline", "Fine-tune")
    assert flip.to_dict() == {"changes": {"a": "hi", "b": "hi"}, "verdict": "fine-tune-on-baseline", "label": "Fine-tune"}


def test_an_answer_worth_no_points_flips_the_verdict_through_its_gate():
    """Gates may pass with options scoring the same as failing ones (like guardrails): changing one still counts."""
    gated = small_model([factor("a", option("hi", 5), option("lo", 0, 1)),
                         factor("g", option("ok", 0), option("also-ok", 0), option("no", 0))],
                        [gate("a", "hi"), gate("g", "ok", "also-ok")], threshold=5, retrieval_threshold=1)
    effective = choices(gated, a="hi", g="ok")
    decision = decide(gated, effective)
    assert (decision.score, decision.outcome.id) == (5, "fine-tune-on-baseline")
    size, flips = find_flips(gated, effective, decision)
    assert size == 1
    assert [(flip.changes, flip.verdict) for flip in flips] == [
        ((("a", "lo"),), "prompt-plus-retrieval"),
        ((("a", "unsure"),), "prompt-first"),
        ((("g", "no"),), "not-ready-to-fine-tune"),
        ((("g", "unsure"),), "not-ready-to-fine-tune"),
    ]
