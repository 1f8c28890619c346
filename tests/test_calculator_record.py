"""The Markdown decision record, the terminal report, and the browser bridge."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import yaml

from calculator import Model, bridge, decision_record, evaluate, parse_answers
from calculator.text_report import listing_text, verdict_text

ROOT = Path(__file__).resolve().parent.parent
RAW = yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8"))
LINKED_IDS = sorted({i for section in ("factors", "outcomes") for item in RAW[section] for i in item.get("links", [])}
                    | {"method-score"})
ANCHORS = {anchor_id: {"url": f"page/#{anchor_id}", "title": f"Title of {anchor_id}"} for anchor_id in LINKED_IDS}
MODEL = Model.from_dict({**RAW, "anchors": ANCHORS})
NOT_READY = {"task-clarity": "stable", "data-readiness": "partial", "quality-target": "consistent-at-scale",
             "evaluation-plan": "in-place", "governance": "cleared", "prompt-baseline": "plateaued", "volume": "low",
             "calls-per-month": 2_000_000}
SECTIONS = ["# Decision record: ", "## Context", "## Decision drivers", "## Options considered", "## Outcome",
            "## Consequences", "## Confidence", "## What would change it", "## Warnings", "## Links"]


@pytest.fixture(scope="module")
def verdict():
    return evaluate(MODEL, parse_answers(MODEL, NOT_READY))


@pytest.fixture(scope="module")
def record(verdict):
    return decision_record(MODEL, verdict, "https://example.org/docs/")


def test_record_has_every_section_in_order(record):
    positions = [record.index(heading) for heading in SECTIONS]
    assert positions == sorted(positions)
    assert record.startswith("# Decision record: Not ready to fine-tune yet\n")
    assert record.endswith("\n") and not record.endswith("\n\n")


def test_record_context_lists_answers_with_points(record):
    assert "| Task clarity | Settled and clearly specified; unlikely to change for months | +2 |  |" in record
    assert "| Call volume | Under ten thousand | -1 |  |" in record
    assert ("Not answered, so counted as neutral: Latency and context limits, Change management, Fallbacks, "
            "Fresh or private knowledge.") in record


def test_record_drivers_are_sorted_by_weight_and_gates_are_listed(record):
    drivers = record.split("## Decision drivers")[1].split("## Options considered")[0]
    assert drivers.index("Prompting baseline") < drivers.index("Task clarity") < drivers.index("Call volume")
    assert "- Representative data you may use: **not met** (Data readiness: Some examples" in drivers
    assert "- A stable task: **met**" in drivers


def test_record_explains_why_each_other_option_was_not_chosen(record):
    assert "- **Not ready to fine-tune yet**: chosen." in record
    assert "- Start with prompt engineering: not chosen; it needs a score below +6 (this one: +8)." in record
    assert ("- Fine-tune on top of a prompting baseline: not chosen; it needs every gate met "
            "(not met: Representative data you may use).") in record
    assert "needs retrieval signals of at least 2 (these: 0)" in record


def test_record_consequences_show_costs_and_every_assumption(record):
    assert "| **Total a month** | **$1,920.00** | **$1,163.33** |" in record
    assert "Fine-tuning would save $756.67 a month; break-even: 0.3 months" in record
    assert "| Calls per month | 2,000,000 calls | our figure |" in record
    assert "| Base model input price | 0.4 USD per million tokens | example default |" in record
    assert f"_{MODEL.cost.note}_" in record


def test_record_groups_flips_by_the_verdict_they_give(record):
    changes = record.split("## What would change it")[1].split("## Warnings")[0]
    assert "each touch one answer" in changes
    assert "- **Fine-tune on top of a prompting baseline** if Data readiness were “Yes, plenty of representative" in changes


def test_record_links_point_under_the_site_url(record):
    links = record.split("## Links")[1]
    assert "- [Title of is-fine-tuning-worth-it](https://example.org/docs/page/#is-fine-tuning-worth-it)" in links
    assert "- [Title of method-score](https://example.org/docs/page/#method-score)" in links
    assert "- [Title of data-readiness](https://example.org/docs/page/#data-readiness)" in links


def test_record_says_so_when_nothing_small_changes_the_verdict(verdict):
    unchangeable = dataclasses.replace(verdict, flips=(), flip_size=None)
    text = decision_record(MODEL, unchangeable)
    assert "## What would change it\n\nNo change to one or two answers alters this verdict.\n" in text


def test_record_for_fine_tuning_never_paying_back():
    raw = {**NOT_READY, "data-readiness": "ready", "tuned-input-price": 50}
    text = decision_record(MODEL, evaluate(MODEL, parse_answers(MODEL, raw)))
    assert "Fine-tuning would cost" in text and "break-even: never: a tuned call costs" in text


def test_terminal_report(verdict):
    text = verdict_text(MODEL, verdict, "https://example.org/")
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


# -- bridge -------------------------------------------------------------------------------

MODEL_JSON = json.dumps({**RAW, "anchors": ANCHORS}, default=str)


def test_bridge_load_then_run():
    loaded = json.loads(bridge.load(MODEL_JSON))
    assert loaded["ok"] is True and loaded["factors"]["volume"] == ["high", "medium", "low", "unsure"]
    out = json.loads(bridge.run(json.dumps({"task-clarity": "stable", "volume": "gigantic", "calls-per-month": "5000"}),
                                "https://example.org/"))
    assert out["ok"] is True
    assert out["answers"] == {"task-clarity": "stable", "calls-per-month": 5000}
    assert out["dropped"] == [{"key": "volume", "reason": "not an option of volume; allowed: high, medium, low, unsure"}]
    assert out["result"]["verdict"] == "prompt-first"
    assert out["result"]["links"][0]["url"] == "https://example.org/page/#start-with-prompting"
    assert out["markdown"].startswith("# Decision record: Start with prompt engineering")


@pytest.mark.parametrize("payload, message", [
    ("{not json", "the calculator model could not be loaded: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
    (json.dumps({"factors": []}), "the calculator model could not be loaded: scoring: required key is missing; add it"),
])
def test_bridge_load_reports_errors_as_json(payload, message):
    out = json.loads(bridge.load(payload))
    assert out["ok"] is False
    assert out["error"].startswith(message)
    assert json.loads(bridge.run("{}", ""))["error"] == "the calculator model is not loaded; call load() first"


def test_bridge_run_never_raises():
    bridge.load(MODEL_JSON)
    assert json.loads(bridge.run("not json", ""))["ok"] is False
    out = json.loads(bridge.run(json.dumps(["a list"]), ""))
    assert out["ok"] is True and out["dropped"] == [{"key": "", "reason": "answers must be a mapping, not a list"}]


def test_reopen_link_carries_the_answers_in_model_order(verdict):
    from calculator.record import reopen_url

    with_calculator = Model.from_dict({**RAW, "anchors": {**ANCHORS, "calc-verdict": {"url": "calculator/#calc-verdict", "title": "Verdict"}}})
    url = reopen_url(with_calculator, verdict, "https://example.org/docs/")
    assert url == ("https://example.org/docs/calculator/?task-clarity=stable&data-readiness=partial"
                   "&quality-target=consistent-at-scale&evaluation-plan=in-place&governance=cleared"
                   "&prompt-baseline=plateaued&volume=low&calls-per-month=2000000#calc-verdict")
    assert reopen_url(MODEL, verdict, "https://example.org/docs/") is None  # no calculator anchor: no link
