"""The terminal renderings: the verdict report and the listing of factors and inputs."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from calculator import Model, evaluate, parse_answers
from calculator.text_report import listing_text, verdict_text

ROOT = Path(__file__).resolve().parent.parent
RAW = yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8"))
LINKED_IDS = sorted({i for section in ("factors", "outcomes") for item in RAW[section] for i in item.get("links", [])}
                    | {"method-score"})
ANCHORS = {anchor_id: {"url": f"page/#{anchor_id}", "title": f"Title of {anchor_id}"} for anchor_id in LINKED_IDS}
MODEL = Model.from_dict({**RAW, "anchors": ANCHORS, "site_links": {"methodology": "method-score"}})
NOT_READY = {"task-clarity": "stable", "data-readiness": "partial", "quality-target": "consistent-at-scale",
             "evaluation-plan": "in-place", "governance": "cleared", "prompt-baseline": "plateaued", "volume": "low",
             "calls-per-month": 2_000_000}


@pytest.fixture(scope="module")
def verdict():
    return evaluate(MODEL, parse_answers(MODEL, NOT_READY))


def test_terminal_report(verdict):
    text = verdict_text(verdict.to_dict("https://example.org/"))
    lines = text.splitlines()
    assert lines[0] == "Verdict: Not ready to fine-tune yet [not-ready-to-fine-tune]"
    assert lines[1] == "Confidence: low (0.31)"
    assert "  [FAIL] Representative data you may use (data-readiness = partial)" in lines
    assert "  data-readiness=ready  ->  fine-tune-on-baseline" in lines
    assert "  Break-even: 0.3 months (one-off $250.00)" in lines
    assert "      calls-per-month           2,000,000 calls" in lines
    assert "    * base-input-price          0.4 USD per million tokens" in lines
    assert "  Title of data-readiness: https://example.org/page/#data-readiness" in lines
    assert max(len(line) for line in lines if not line.startswith("  Title of")) <= 110


def test_listing_text_names_every_factor_and_input():
    text = listing_text(MODEL)
    assert "  task-clarity       stable, settling, changing, unsure (default: unsure)" in text
    assert "  calls-per-month           0 to 10,000,000,000 calls (default: 300,000)" in text
