"""The terminal renderings: the verdict report and the listing of factors and inputs."""
from __future__ import annotations


import pytest

from calculator import evaluate, parse_answers
from calculator.text_report import listing_text, verdict_text

from shared_models import MODEL, NOT_READY  # tests/ is on the path


@pytest.fixture(scope="module")
def verdict():
    return evaluate(MODEL, parse_answers(MODEL, NOT_READY))


def test_terminal_report(verdict):
    text = verdict_text(verdict.to_dict("https://example.org/"))
    lines = text.splitlines()
    assert lines[0] == "Verdict: Not ready to fine-tune yet [not-ready-to-fine-tune]"
    assert lines[1] == "Confidence: low (0.28)"  # 2.5 / 8 x (1 - 0.6 x 2 / 12)
    assert "  [FAIL] Representative data you may use (data-readiness = partial)" in lines
    assert "  data-readiness=ready  ->  fine-tune-on-baseline" in lines
    assert "  [pass] Fine-tuning you can actually use (tuning-access = offered)" in lines
    assert "  data-readiness=ready  ->  fine-tune-on-baseline" in lines
    assert "  Fine-tuning              $1,168.00  (inference $918.00 + retraining $250.00 + hosting $0.00)" in lines
    assert "  Break-even: 31.2 months (one-off $3,250.00)" in lines
    assert "  On these figures fine-tuning saves $104.00 a month." in lines
    assert "      calls-per-month             2,000,000 calls" in lines
    assert "    * base-input-price            0.4 USD per million tokens" in lines
    assert "      hosting-per-hour            0 USD per hour" in lines
    assert "  Title of data-readiness: https://example.org/page/#data-readiness" in lines
    assert max(len(line) for line in lines if not line.startswith("  Title of")) <= 110


def test_listing_text_names_every_factor_and_input():
    text = listing_text(MODEL)
    assert "  task-clarity       stable, settling, changing, unsure (default: unsure)" in text
    assert "  tuning-access      offered, open-weight, not-offered, unsure (default: unsure)" in text
    assert "  calls-per-month             0 to 10,000,000,000 calls (default: 300,000)" in text
    assert "  hosting-per-hour            0 to 100,000 USD per hour (default: 1)" in text


def test_terminal_report_marks_the_default_and_implied_figures():
    default = verdict_text(evaluate(MODEL, parse_answers(MODEL, {})).to_dict()).splitlines()
    assert default[0] == "Verdict: Start with prompt engineering [prompt-first] (the guide's default)"
    assert default[1] == "Confidence: low (0.28)"  # 5.5 / 8 x (1 - 0.6)
    all_unsure = evaluate(MODEL, parse_answers(MODEL, {f.id: "unsure" for f in MODEL.factors}))
    assert verdict_text(all_unsure.to_dict()).splitlines()[:2] == default[:2]
    implied = verdict_text(evaluate(MODEL, parse_answers(MODEL, {"volume": "high"})).to_dict()).splitlines()
    assert implied[0] == "Verdict: Start with prompt engineering [prompt-first]"
    assert "    ~ calls-per-month             2,000,000 calls" in implied
