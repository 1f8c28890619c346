"""parse_answers (strict, every problem named) and sanitize_answers (lenient, for URL strings)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from calculator import AnswerError, Model, parse_answers, sanitize_answers

ROOT = Path(__file__).resolve().parent.parent
MODEL = Model.from_dict(yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8")))
FACTORS = ("task-clarity, data-readiness, quality-target, latency-context, evaluation-plan, governance, "
           "change-management, fallbacks, prompt-baseline, tuning-access, fresh-knowledge, volume")
INPUTS = ("calls-per-month, prompt-tokens, prompt-tokens-fine-tuned, output-tokens, cacheable-share, cached-price-ratio, "
          "base-input-price, base-output-price, tuned-input-price, tuned-output-price, data-prep-cost, "
          "data-prep-per-retrain, training-cost, evaluation-cost, retrains-per-year, base-model-lifetime-months, "
          "hosting-per-month, hosting-per-hour, context-window")


def test_valid_answers_are_kept_in_model_order():
    answers = parse_answers(MODEL, {"volume": "high", "calls-per-month": 2_000_000, "task-clarity": "stable",
                                    "prompt-tokens": "1.5e3"})
    assert list(answers.choices.items()) == [("task-clarity", "stable"), ("volume", "high")]
    assert dict(answers.inputs) == {"calls-per-month": 2_000_000, "prompt-tokens": 1500}
    assert answers.to_dict() == {"task-clarity": "stable", "volume": "high", "calls-per-month": 2_000_000, "prompt-tokens": 1500}


def test_empty_values_mean_unanswered():
    answers = parse_answers(MODEL, {"task-clarity": None, "governance": "", "training-cost": None})
    assert answers.to_dict() == {}


BAD = [
    ("unknown-factor", {"speed": "fast"},
     f"speed: unknown factor; factors: {FACTORS}; numeric inputs: {INPUTS}"),
    ("unknown-factor-close", {"task-clarty": "stable"},
     f"task-clarty: unknown factor; did you mean 'task-clarity'? factors: {FACTORS}; numeric inputs: {INPUTS}"),
    ("unknown-option", {"task-clarity": "maybe"},
     "task-clarity: unknown option 'maybe'; allowed: stable, settling, changing, unsure"),
    ("option-not-text", {"governance": True},
     "governance: expected an option id, not true/false; allowed: cleared, in-progress, blocked, unsure"),
    ("negative", {"calls-per-month": -5},
     "calls-per-month: must not be negative, got -5; allowed: a number from 0 to 10,000,000,000 (calls)"),
    ("non-numeric", {"training-cost": "lots"},
     "training-cost: must be a number from 0 to 100,000,000 (USD), not the text 'lots'"),
    ("boolean-number", {"training-cost": True},
     "training-cost: must be a number from 0 to 100,000,000 (USD), not true/false"),
    ("not-finite", {"output-tokens": float("nan")},
     "output-tokens: must be a number from 0 to 2,000,000 (tokens), not the number nan"),
    ("out-of-range", {"retrains-per-year": 400},
     "retrains-per-year: 400 is out of range; allowed: a number from 0 to 365 (runs per year)"),
    ("huge-integer", {"calls-per-month": 10**30},
     "calls-per-month: 1,000,000,000,000,000,000,000,000,000,000 is out of range; "
     "allowed: a number from 0 to 10,000,000,000 (calls)"),
    ("zero-window", {"context-window": 0},
     "context-window: 0 is out of range; allowed: a number from 1 to 100,000,000 (tokens)"),
    ("new-factor-unknown-option", {"tuning-access": "maybe"},
     "tuning-access: unknown option 'maybe'; allowed: offered, open-weight, not-offered, unsure"),
    ("share-above-one", {"cacheable-share": 1.5},
     "cacheable-share: 1.5 is out of range; allowed: a number from 0 to 1 (share)"),
    ("hourly-not-numeric", {"hosting-per-hour": "x"},
     "hosting-per-hour: must be a number from 0 to 100,000 (USD per hour), not the text 'x'"),
    ("key-not-text", {3: "x"},
     "3: answer keys must be factor or input ids (text), not the number 3"),
    # Past 40 digits a whole number is named by size: writing out 10**5000 fails (Python's digit limit),
    # and 10**4000 would be a 5,000-character line.
    ("huge-integer-past-the-digit-limit", {"calls-per-month": 10**5000},
     "calls-per-month: a number with more than 40 digits is out of range; allowed: a number from 0 to 10,000,000,000 (calls)"),
    ("huge-negative-integer", {"calls-per-month": -10**4000},
     "calls-per-month: must not be negative, got a number with more than 40 digits; "
     "allowed: a number from 0 to 10,000,000,000 (calls)"),
    ("huge-integer-option", {"volume": 10**5000},
     "volume: expected an option id, not a number with more than 40 digits; allowed: high, medium, low, unsure"),
    ("huge-integer-key", {10**5000: "x"},
     "(a number with more than 40 digits): answer keys must be factor or input ids (text), "
     "not a number with more than 40 digits"),
    ("forty-digits-written-out", {"calls-per-month": 10**40 - 1},
     f"calls-per-month: {10**40 - 1:,} is out of range; allowed: a number from 0 to 10,000,000,000 (calls)"),
]


@pytest.mark.parametrize("raw, message", [pytest.param(raw, msg, id=case) for case, raw, msg in BAD])
def test_each_bad_answer_is_one_exact_line(raw, message):
    with pytest.raises(AnswerError) as caught:
        parse_answers(MODEL, raw)
    assert caught.value.problems == [message]


def test_every_problem_is_reported_at_once():
    with pytest.raises(AnswerError) as caught:
        parse_answers(MODEL, {"task-clarity": "maybe", "volume": "huge", "calls-per-month": "many"})
    assert len(caught.value.problems) == 3
    assert str(caught.value).count("\n") == 2


@pytest.mark.parametrize("raw, kind", [([], "a list"), ("task-clarity", "the text 'task-clarity'"), (None, "nothing (the value is empty)")])
def test_answers_must_be_a_mapping(raw, kind):
    with pytest.raises(AnswerError) as caught:
        parse_answers(MODEL, raw)
    assert caught.value.problems == [f"answers must be a mapping of factor id to option id (and input id to number), not {kind}"]


def test_sanitize_keeps_valid_url_values_and_explains_drops():
    raw = {
        "task-clarity": "stable",
        "governance": "maybe",
        "calls-per-month": "2500000",
        "prompt-tokens": "__import__('os')",
        "training-cost": "-3",
        "made-up": "x",
        "volume": "",
        "output-tokens": "9" * 40,
    }
    kept, dropped = sanitize_answers(MODEL, raw)
    assert kept == {"task-clarity": "stable", "calls-per-month": 2500000}
    assert dropped == [
        {"key": "governance", "reason": "not an option of governance; allowed: cleared, in-progress, blocked, unsure"},
        {"key": "prompt-tokens", "reason": "must be a number from 0 to 2,000,000 (tokens), not the text '__import__('os')'"},
        {"key": "training-cost", "reason": "must not be negative, got -3; allowed: a number from 0 to 100,000,000 (USD)"},
        {"key": "made-up", "reason": "unknown factor or input"},
        {"key": "output-tokens", "reason": "must be a number from 0 to 2,000,000 (tokens), not the text '" + "9" * 32 + "…'"},
    ]
    assert parse_answers(MODEL, kept).to_dict() == kept


def test_sanitize_limits_untrusted_input():
    raw = {f"key-{i}": "x" for i in range(150)}
    kept, dropped = sanitize_answers(MODEL, raw)
    assert kept == {}
    assert len(dropped) == 101
    assert dropped[-1] == {"key": "key-100", "reason": "more than 100 answers; the rest were ignored"}
    assert sanitize_answers(MODEL, {"x" * 500: "1"})[1] == [{"key": "x" * 64 + "…", "reason": "not a factor or input id"}]
    assert sanitize_answers(MODEL, ["task-clarity"]) == ({}, [{"key": "", "reason": "answers must be a mapping, not a list"}])


def test_max_problems_words_only_the_first_and_counts_the_rest():
    raw = {f"k{i}": 1 for i in range(200_000)}
    with pytest.raises(AnswerError) as caught:
        parse_answers(MODEL, raw, max_problems=3)
    assert caught.value.problems == [f"k{i}: unknown factor; factors: {FACTORS}; numeric inputs: {INPUTS}" for i in range(3)]
    assert caught.value.omitted == 199_997


MIXED = {"task-clarity": "stable", "speed": "fast", 3: "x", "volume": "", "governance": "maybe", "quality-target": True,
         "calls-per-month": "many", "prompt-tokens": 10**5000, "output-tokens": 100, "training-cost": None,
         "retrains-per-year": 400, "made-up": None, "fallbacks": 12, "context-window": "2e3", "hosting-per-hour": -1}


@pytest.mark.parametrize("limit", [0, 1, 4, 9, 10, 100])
def test_max_problems_counts_exactly_the_problems_left_out(limit):
    with pytest.raises(AnswerError) as everything:
        parse_answers(MODEL, MIXED)
    with pytest.raises(AnswerError) as capped:
        parse_answers(MODEL, MIXED, max_problems=limit)
    assert len(everything.value.problems) == 10
    assert capped.value.problems == everything.value.problems[:limit]
    assert capped.value.omitted == 10 - len(capped.value.problems)
    assert everything.value.omitted == 0


def test_max_problems_keeps_valid_answers_valid():
    assert parse_answers(MODEL, {"task-clarity": "stable", "calls-per-month": 5}, max_problems=0).to_dict() == {
        "task-clarity": "stable", "calls-per-month": 5}


def test_sanitize_names_a_huge_integer_key_by_size():
    assert sanitize_answers(MODEL, {10**5000: "1"})[1] == [
        {"key": "(a number with more than 40 digits)", "reason": "not a factor or input id"}]
