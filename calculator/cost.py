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
CACHEABLE_SHARE = "cacheable-share"
CACHED_PRICE_RATIO = "cached-price-ratio"
BASE_INPUT_PRICE = "base-input-price"
BASE_OUTPUT_PRICE = "base-output-price"
TUNED_INPUT_PRICE = "tuned-input-price"
TUNED_OUTPUT_PRICE = "tuned-output-price"
DATA_PREP = "data-prep-cost"
DATA_PREP_PER_RUN = "data-prep-per-retrain"
TRAINING_COST = "training-cost"
EVALUATION_COST = "evaluation-cost"
RETRAINS_PER_YEAR = "retrains-per-year"
BASE_LIFETIME = "base-model-lifetime-months"
HOSTING_PER_MONTH = "hosting-per-month"
HOSTING_PER_HOUR = "hosting-per-hour"
CONTEXT_WINDOW = "context-window"

# Every numeric input the arithmetic reads; calculator.yml must define each one.
COST_INPUTS = (
    CALLS, PROMPT_TOKENS, PROMPT_TOKENS_TUNED, OUTPUT_TOKENS, CACHEABLE_SHARE, CACHED_PRICE_RATIO,
    BASE_INPUT_PRICE, BASE_OUTPUT_PRICE, TUNED_INPUT_PRICE, TUNED_OUTPUT_PRICE,
    DATA_PREP, DATA_PREP_PER_RUN, TRAINING_COST, EVALUATION_COST, RETRAINS_PER_YEAR, BASE_LIFETIME,
    HOSTING_PER_MONTH, HOSTING_PER_HOUR, CONTEXT_WINDOW,
)

# Why fine-tuning never pays back; each key names a sentence in calculator.yml's messages.
NEVER_NO_TRAFFIC = "never_no_traffic"
NEVER_PRICE = "never_price"
NEVER_UPKEEP = "never_upkeep"

PER_MILLION = 1_000_000
HOURS_PER_MONTH = 730  # 365 x 24 / 12: a deployment billed by the hour runs all month


@dataclass(frozen=True)
class CostFigures:
    """Monthly costs of both approaches and the break-even point, all in the model's currency."""

    prompting_per_call: float
    prompting_monthly: float
    tuned_per_call: float
    tuned_inference_monthly: float
    tuned_upkeep_monthly: float  # retraining (with its data and evaluation) spread over the year, plus hosting
    tuned_monthly: float
    one_off: float  # preparing the data, the first training run and its evaluation
    monthly_difference: float  # prompting minus fine-tuning: positive when fine-tuning saves money
    break_even_months: float | None  # None means never
    never_reason: str | None  # one of the NEVER_* keys when break_even_months is None
    context_window: float
    context_share_now: float
    context_share_after: float
    runs_per_year: float  # retraining runs: the planned ones, or those base-model retirements force, whichever is more
    forced_runs_per_year: float  # retraining a base model's retirement forces on its own
    retraining_monthly: float
    hosting_monthly: float


def compute(values: Mapping[str, float]) -> CostFigures:
    """Apply the cost formulas to a complete set of inputs (every id in COST_INPUTS)."""
    calls = values[CALLS]
    # Cached prompt tokens are billed at a fraction of the input price, for either approach alike.
    cached = values[CACHEABLE_SHARE]
    input_factor = 1 - cached + cached * values[CACHED_PRICE_RATIO]
    prompting_per_call = (values[PROMPT_TOKENS] * values[BASE_INPUT_PRICE] * input_factor
                          + values[OUTPUT_TOKENS] * values[BASE_OUTPUT_PRICE]) / PER_MILLION
    tuned_per_call = (values[PROMPT_TOKENS_TUNED] * values[TUNED_INPUT_PRICE] * input_factor
                      + values[OUTPUT_TOKENS] * values[TUNED_OUTPUT_PRICE]) / PER_MILLION
    lifetime = values[BASE_LIFETIME]
    # 0: the provider never retires the base model; anything shorter than a month counts as a month,
    # so a retirement forces at most one run a month (and a tiny lifetime never overflows).
    forced = 12 / max(lifetime, 1) if lifetime > 0 else 0
    runs = max(values[RETRAINS_PER_YEAR], forced)
    per_run = values[TRAINING_COST] + values[EVALUATION_COST] + values[DATA_PREP_PER_RUN]
    retraining = runs / 12 * per_run
    hosting = values[HOSTING_PER_MONTH] + values[HOSTING_PER_HOUR] * HOURS_PER_MONTH
    upkeep = retraining + hosting
    one_off = values[DATA_PREP] + values[TRAINING_COST] + values[EVALUATION_COST]
    prompting_monthly = calls * prompting_per_call
    tuned_inference = calls * tuned_per_call
    tuned_monthly = tuned_inference + upkeep
    difference = prompting_monthly - tuned_monthly

    break_even: float | None
    reason: str | None = None
    if difference > 0:
        break_even = one_off / difference
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
        one_off=one_off,
        monthly_difference=difference,
        break_even_months=break_even,
        never_reason=reason,
        context_window=window,
        context_share_now=values[PROMPT_TOKENS] / window,
        context_share_after=values[PROMPT_TOKENS_TUNED] / window,
        runs_per_year=runs,
        forced_runs_per_year=forced,
        retraining_monthly=retraining,
        hosting_monthly=hosting,
    )


def cumulative(figures: CostFigures, months: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Total spent by the end of each month 0..months: prompting, then fine-tuning (one-off at month 0)."""
    prompting = tuple(m * figures.prompting_monthly for m in range(months + 1))
    tuned = tuple(figures.one_off + m * figures.tuned_monthly for m in range(months + 1))
    return prompting, tuned
