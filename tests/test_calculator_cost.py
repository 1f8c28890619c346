"""Cost arithmetic: the formulas on worked figures and each "never" reason."""
from __future__ import annotations

import pytest

from calculator.cost import COST_INPUTS, compute
from calculator.formatting import format_months

EXAMPLE = {
    "calls-per-month": 300_000, "prompt-tokens": 1800, "prompt-tokens-fine-tuned": 300, "output-tokens": 150,
    "base-input-price": 0.4, "base-output-price": 1.6, "tuned-input-price": 0.6, "tuned-output-price": 2.4,
    "training-cost": 150, "evaluation-cost": 100, "retrains-per-year": 4, "hosting-per-month": 0,
    "context-window": 128_000,
}


def test_the_example_figures_worked_by_hand():
    f = compute(EXAMPLE)
    # (1800 x 0.4 + 150 x 1.6) / 1e6 = 0.00096 a call; x 300,000 calls = 288
    assert f.prompting_per_call == pytest.approx(0.00096)
    assert f.prompting_monthly == pytest.approx(288)
    # (300 x 0.6 + 150 x 2.4) / 1e6 = 0.00054 a call; x 300,000 = 162
    assert f.tuned_per_call == pytest.approx(0.00054)
    assert f.tuned_inference_monthly == pytest.approx(162)
    # 4 runs a year / 12 x (150 + 100) = 83.33 a month
    assert f.tuned_upkeep_monthly == pytest.approx(250 / 3)
    assert f.tuned_monthly == pytest.approx(162 + 250 / 3)
    assert f.one_off == 250
    assert f.monthly_difference == pytest.approx(288 - 162 - 250 / 3)
    assert f.break_even_months == pytest.approx(250 / (288 - 162 - 250 / 3))
    assert f.never_reason is None
    assert f.context_share_now == pytest.approx(1800 / 128_000)
    assert f.context_share_after == pytest.approx(300 / 128_000)


@pytest.mark.parametrize("change, reason", [
    ({"calls-per-month": 0}, "never_no_traffic"),
    ({"tuned-input-price": 4, "tuned-output-price": 4}, "never_price"),
    ({"prompt-tokens-fine-tuned": 1800}, "never_price"),
    ({"retrains-per-year": 52}, "never_upkeep"),
    ({"hosting-per-month": 500}, "never_upkeep"),
])
def test_each_reason_fine_tuning_never_pays_back(change, reason):
    f = compute({**EXAMPLE, **change})
    assert f.break_even_months is None
    assert f.never_reason == reason
    assert f.monthly_difference <= 0


def test_free_training_pays_back_immediately():
    f = compute({**EXAMPLE, "training-cost": 0, "evaluation-cost": 0})
    assert f.break_even_months == 0
    assert format_months(f.break_even_months) == "immediately"


def test_every_input_is_needed():
    for missing in COST_INPUTS:
        with pytest.raises(KeyError):
            compute({k: v for k, v in EXAMPLE.items() if k != missing})
