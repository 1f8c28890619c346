"""Cost arithmetic: the formulas on worked figures and each "never" reason."""
from __future__ import annotations

import dataclasses
import math

import pytest

from calculator.cost import COST_INPUTS, HOURS_PER_MONTH, compute, cumulative
from calculator.formatting import format_months

# The model's example defaults (content/calculator.yml), every input the arithmetic reads.
EXAMPLE = {
    "calls-per-month": 300_000, "prompt-tokens": 1800, "prompt-tokens-fine-tuned": 300, "output-tokens": 150,
    "cacheable-share": 0.5, "cached-price-ratio": 0.1,
    "base-input-price": 0.4, "base-output-price": 1.6, "tuned-input-price": 0.6, "tuned-output-price": 2.4,
    "data-prep-cost": 3000, "data-prep-per-retrain": 500, "training-cost": 150, "evaluation-cost": 100,
    "retrains-per-year": 4, "base-model-lifetime-months": 12, "hosting-per-month": 0, "hosting-per-hour": 1,
    "context-window": 128_000,
}
# The same figures at enough traffic, billed per token only, for fine-tuning to pay back.
PAYING = {**EXAMPLE, "calls-per-month": 2_000_000, "hosting-per-hour": 0}


def test_the_inputs_are_the_ones_the_example_gives():
    assert set(COST_INPUTS) == set(EXAMPLE)
    assert HOURS_PER_MONTH == 730  # 365 x 24 / 12


def test_the_example_figures_worked_by_hand():
    f = compute(EXAMPLE)
    # Half the prompt is cached at a tenth of the price: input tokens cost 1 - 0.5 + 0.5 x 0.1 = 0.55 of the list price.
    # (1800 x 0.4 x 0.55 + 150 x 1.6) / 1e6 = (396 + 240) / 1e6 = 0.000636 a call; x 300,000 calls = 190.80
    assert f.prompting_per_call == pytest.approx(0.000636)
    assert f.prompting_monthly == pytest.approx(190.8)
    # (300 x 0.6 x 0.55 + 150 x 2.4) / 1e6 = (99 + 360) / 1e6 = 0.000459 a call; x 300,000 = 137.70
    assert f.tuned_per_call == pytest.approx(0.000459)
    assert f.tuned_inference_monthly == pytest.approx(137.7)
    # The base model retires after 12 months, forcing 1 run a year; the 4 planned runs are more.
    assert (f.forced_runs_per_year, f.runs_per_year) == (pytest.approx(1), 4)
    # 4 runs a year / 12 x (training 150 + evaluation 100 + data refresh 500) = 250 a month
    assert f.retraining_monthly == pytest.approx(250)
    # no standing fee, $1 an hour x 730 hours = 730 a month
    assert f.hosting_monthly == pytest.approx(730)
    assert f.tuned_upkeep_monthly == pytest.approx(980)
    assert f.tuned_monthly == pytest.approx(137.7 + 980)
    # data 3000 + first training run 150 + its evaluation 100
    assert f.one_off == 3250
    assert f.monthly_difference == pytest.approx(190.8 - 1117.7)
    # Each tuned call is cheaper, but upkeep outweighs the saving: it never pays back.
    assert (f.break_even_months, f.never_reason) == (None, "never_upkeep")
    assert f.context_share_now == pytest.approx(1800 / 128_000)
    assert f.context_share_after == pytest.approx(300 / 128_000)


def test_enough_traffic_pays_back_by_hand():
    f = compute(PAYING)
    # 2,000,000 x 0.000636 = 1272; 2,000,000 x 0.000459 = 918; upkeep 250 (retraining) + 0 (hosting)
    assert f.prompting_monthly == pytest.approx(1272)
    assert f.tuned_monthly == pytest.approx(918 + 250)
    assert f.monthly_difference == pytest.approx(104)
    # The one-off (data, first run, evaluation) is paid back by the monthly difference: 3250 / 104
    assert f.break_even_months == pytest.approx(31.25)
    assert f.never_reason is None


def test_caching_data_prep_hourly_hosting_and_retirement_worked_by_hand():
    figures = {
        "calls-per-month": 1_000_000, "prompt-tokens": 2000, "prompt-tokens-fine-tuned": 200, "output-tokens": 100,
        "cacheable-share": 0.6, "cached-price-ratio": 0.5,
        "base-input-price": 1, "base-output-price": 4, "tuned-input-price": 1.5, "tuned-output-price": 6,
        "data-prep-cost": 5000, "data-prep-per-retrain": 1000, "training-cost": 300, "evaluation-cost": 200,
        "retrains-per-year": 2, "base-model-lifetime-months": 3, "hosting-per-month": 100, "hosting-per-hour": 0.2,
        "context-window": 100_000,
    }
    f = compute(figures)
    # input tokens cost 1 - 0.6 + 0.6 x 0.5 = 0.7 of the list price, for both approaches
    # prompting: (2000 x 1 x 0.7 + 100 x 4) / 1e6 = 0.0018 a call, 1800 a month
    assert f.prompting_per_call == pytest.approx(0.0018)
    assert f.prompting_monthly == pytest.approx(1800)
    # tuned: (200 x 1.5 x 0.7 + 100 x 6) / 1e6 = 0.00081 a call, 810 a month
    assert f.tuned_per_call == pytest.approx(0.00081)
    assert f.tuned_inference_monthly == pytest.approx(810)
    # A base model retiring every 3 months forces 4 runs a year, more than the 2 planned.
    assert f.forced_runs_per_year == pytest.approx(4)
    assert f.runs_per_year == pytest.approx(4)
    # 4 / 12 x (300 + 200 + 1000) = 500 a month
    assert f.retraining_monthly == pytest.approx(500)
    # 100 standing + 0.2 x 730 hours = 246 a month
    assert f.hosting_monthly == pytest.approx(246)
    assert f.tuned_upkeep_monthly == pytest.approx(746)
    assert f.tuned_monthly == pytest.approx(1556)
    assert f.monthly_difference == pytest.approx(244)
    # one-off: 5000 data + 300 training + 200 evaluation (the per-retrain data refresh is not in it)
    assert f.one_off == pytest.approx(5500)
    assert f.break_even_months == pytest.approx(5500 / 244)
    assert f.context_share_now == pytest.approx(0.02)
    assert f.context_share_after == pytest.approx(0.002)


@pytest.mark.parametrize("share, ratio, factor", [(0, 0.1, 1), (1, 0.1, 0.1), (0.5, 1, 1), (1, 0, 0)])
def test_the_cached_share_discounts_input_tokens_only(share, ratio, factor):
    f = compute({**EXAMPLE, "cacheable-share": share, "cached-price-ratio": ratio})
    assert f.prompting_per_call == pytest.approx((1800 * 0.4 * factor + 150 * 1.6) / 1e6)
    assert f.tuned_per_call == pytest.approx((300 * 0.6 * factor + 150 * 2.4) / 1e6)


@pytest.mark.parametrize("planned, lifetime, forced, runs", [
    (4, 12, 1, 4),     # planned runs cover the retirement
    (4, 2, 6, 6),      # a base model retiring every 2 months forces 6 runs a year
    (0, 24, 0.5, 0.5),  # no planned runs: the retirement alone forces one run every two years
    (4, 0, 0, 4),      # 0: the base model never retires
    (0, 0, 0, 0),
])
def test_base_model_retirement_forces_retraining(planned, lifetime, forced, runs):
    f = compute({**EXAMPLE, "retrains-per-year": planned, "base-model-lifetime-months": lifetime})
    assert f.forced_runs_per_year == pytest.approx(forced)
    assert f.runs_per_year == pytest.approx(runs)
    assert f.retraining_monthly == pytest.approx(runs / 12 * (150 + 100 + 500))


def test_hosting_adds_the_standing_fee_and_every_hour_of_the_month():
    f = compute({**EXAMPLE, "hosting-per-month": 50, "hosting-per-hour": 0.5})
    assert f.hosting_monthly == pytest.approx(50 + 0.5 * 730)
    assert f.tuned_upkeep_monthly == pytest.approx(f.retraining_monthly + 50 + 365)


def test_data_prep_is_part_of_the_one_off_and_of_break_even():
    without = compute({**PAYING, "data-prep-cost": 0})
    assert without.one_off == 250
    assert without.break_even_months == pytest.approx(250 / 104)
    assert compute(PAYING).break_even_months == pytest.approx((3000 + 250) / 104)


@pytest.mark.parametrize("change, reason", [
    ({"calls-per-month": 0}, "never_no_traffic"),
    ({"tuned-input-price": 4, "tuned-output-price": 4}, "never_price"),
    ({"prompt-tokens-fine-tuned": 1800}, "never_price"),
    ({"retrains-per-year": 52}, "never_upkeep"),
    ({"hosting-per-month": 500}, "never_upkeep"),
    ({"hosting-per-hour": 1}, "never_upkeep"),
    ({"base-model-lifetime-months": 1}, "never_upkeep"),
    ({"data-prep-per-retrain": 1000}, "never_upkeep"),
])
def test_each_reason_fine_tuning_never_pays_back(change, reason):
    f = compute({**PAYING, **change})
    assert f.break_even_months is None
    assert f.never_reason == reason
    assert f.monthly_difference <= 0


def test_free_training_pays_back_immediately():
    f = compute({**PAYING, "data-prep-cost": 0, "training-cost": 0, "evaluation-cost": 0})
    assert f.break_even_months == 0
    assert format_months(f.break_even_months) == "immediately"


def test_cumulative_cost_starts_with_the_one_off_and_adds_each_month():
    f = compute(PAYING)
    prompting, tuned = cumulative(f, 3)
    assert prompting == pytest.approx((0, 1272, 2544, 3816))
    assert tuned == pytest.approx((3250, 3250 + 1168, 3250 + 2 * 1168, 3250 + 3 * 1168))


def test_every_input_is_needed():
    for missing in COST_INPUTS:
        with pytest.raises(KeyError):
            compute({k: v for k, v in EXAMPLE.items() if k != missing})


@pytest.mark.parametrize("lifetime", [1e-309, 1e-300, 1e-6, 0.25, 0.999, 1])
def test_a_lifetime_under_a_month_counts_as_one_month(lifetime):
    """Anything above 0 and below 1 month forces one run a month, no more, so every figure stays finite."""
    f = compute({**EXAMPLE, "base-model-lifetime-months": lifetime})  # within the input's range (0 to 240)
    values = dataclasses.asdict(f).values()
    assert all(math.isfinite(value) for value in values if isinstance(value, (int, float)))
    assert (f.forced_runs_per_year, f.runs_per_year) == (12, 12)  # 12 forced beat the 4 planned
    assert f.retraining_monthly == pytest.approx(12 / 12 * (150 + 100 + 500))
    assert f.tuned_upkeep_monthly == pytest.approx(750 + 730)


def test_a_tiny_lifetime_never_forces_more_than_planned_runs_above_twelve():
    f = compute({**EXAMPLE, "base-model-lifetime-months": 1e-309, "retrains-per-year": 52})
    assert (f.forced_runs_per_year, f.runs_per_year) == (12, 52)
