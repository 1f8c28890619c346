"""Cost and context arithmetic: what each approach costs a month, and when fine-tuning pays back.

Pure numbers in, pure numbers out. The figures never change the verdict; they are evidence a
team can check against its own invoices. The methodology page prints these same formulas.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

CALLS = "calls-per-month"
PROMPT_TOKENS = "prompt-tokens"
PROMPT_TOKENS_TUNED = "prompt-tokens-fine-tuned"
OUTPUT_TOKENS = "output-tokens"
BASE_INPUT_PRICE = "base-input-price"
BASE_OUTPUT_PRICE = "base-output-price"
TUNED_INPUT_PRICE = "tuned-input-price"
TUNED_OUTPUT_PRICE = "tuned-output-price"
TRAINING_COST = "training-cost"
EVALUATION_COST = "evaluation-cost"
RETRAINS_PER_YEAR = "retrains-per-year"
HOSTING_PER_MONTH = "hosting-per-month"
CONTEXT_WINDOW = "context-window"

# Every numeric input the arithmetic reads; calculator.yml must define each one.
COST_INPUTS = (
    CALLS, PROMPT_TOKENS, PROMPT_TOKENS_TUNED, OUTPUT_TOKENS,
    BASE_INPUT_PRICE, BASE_OUTPUT_PRICE, TUNED_INPUT_PRICE, TUNED_OUTPUT_PRICE,
    TRAINING_COST, EVALUATION_COST, RETRAINS_PER_YEAR, HOSTING_PER_MONTH, CONTEXT_WINDOW,
)

# Why fine-tuning never pays back; each key names a sentence in calculator.yml's messages.
NEVER_NO_TRAFFIC = "never_no_traffic"
NEVER_PRICE = "never_price"
NEVER_UPKEEP = "never_upkeep"

PER_MILLION = 1_000_000


@dataclass(frozen=True)
class CostFigures:
    """Monthly costs of both approaches and the break-even point, all in the model's currency."""

    prompting_per_call: float
    prompting_monthly: float
    tuned_per_call: float
    tuned_inference_monthly: float
    tuned_upkeep_monthly: float  # retraining and its evaluation spread over the year, plus hosting
    tuned_monthly: float
    one_off: float  # the first training run and its evaluation
    monthly_difference: float  # prompting minus fine-tuning: positive when fine-tuning saves money
    break_even_months: float | None  # None means never
    never_reason: str | None  # one of the NEVER_* keys when break_even_months is None
    context_window: float
    context_share_now: float
    context_share_after: float


def compute(values: Mapping[str, float]) -> CostFigures:
    """Apply the cost formulas to a complete set of inputs (every id in COST_INPUTS)."""
    calls = values[CALLS]
    prompting_per_call = (values[PROMPT_TOKENS] * values[BASE_INPUT_PRICE]
                          + values[OUTPUT_TOKENS] * values[BASE_OUTPUT_PRICE]) / PER_MILLION
    tuned_per_call = (values[PROMPT_TOKENS_TUNED] * values[TUNED_INPUT_PRICE]
                      + values[OUTPUT_TOKENS] * values[TUNED_OUTPUT_PRICE]) / PER_MILLION
    per_run = values[TRAINING_COST] + values[EVALUATION_COST]
    upkeep = values[RETRAINS_PER_YEAR] / 12 * per_run + values[HOSTING_PER_MONTH]
    prompting_monthly = calls * prompting_per_call
    tuned_inference = calls * tuned_per_call
    tuned_monthly = tuned_inference + upkeep
    difference = prompting_monthly - tuned_monthly

    break_even: float | None
    reason: str | None = None
    if difference > 0:
        break_even = per_run / difference
    else:
        break_even = None
        if calls == 0:
            reason = NEVER_NO_TRAFFIC
        elif tuned_per_call >= prompting_per_call:
            reason = NEVER_PRICE
        else:
            reason = NEVER_UPKEEP

    window = values[CONTEXT_WINDOW]
    return CostFigures(
        prompting_per_call=prompting_per_call,
        prompting_monthly=prompting_monthly,
        tuned_per_call=tuned_per_call,
        tuned_inference_monthly=tuned_inference,
        tuned_upkeep_monthly=upkeep,
        tuned_monthly=tuned_monthly,
        one_off=per_run,
        monthly_difference=difference,
        break_even_months=break_even,
        never_reason=reason,
        context_window=window,
        context_share_now=values[PROMPT_TOKENS] / window,
        context_share_after=values[PROMPT_TOKENS_TUNED] / window,
    )
