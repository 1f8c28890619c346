"""verdict_view: the one display-ready tree every painter reads (signs, texts, query, links, reasons)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import yaml

from calculator import Model, evaluate, parse_answers
from calculator.view import answers_query, reopen_url, verdict_view

ROOT = Path(__file__).resolve().parent.parent
RAW = yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8"))
LINKED_IDS = sorted({i for section in ("factors", "outcomes") for item in RAW[section] for i in item.get("links", [])}
                    | {"method-score"})
ANCHORS = {anchor_id: {"url": f"page/#{anchor_id}", "title": f"Title of {anchor_id}"} for anchor_id in LINKED_IDS}
MODEL = Model.from_dict({**RAW, "anchors": ANCHORS, "site_links": {"methodology": "method-score"}})
NOT_READY = {"task-clarity": "stable", "data-readiness": "partial", "quality-target": "consistent-at-scale",
             "evaluation-plan": "in-place", "governance": "cleared", "prompt-baseline": "plateaued", "volume": "low",
             "calls-per-month": 2_000_000}


PLAIN = Model.from_dict(RAW)  # no anchors and no site links, like the CLI without a site
FT_MAX = {
    "task-clarity": "stable", "data-readiness": "ready", "quality-target": "consistent-at-scale",
    "latency-context": "strained", "evaluation-plan": "in-place", "governance": "cleared",
    "change-management": "rarely", "fallbacks": "in-place", "prompt-baseline": "plateaued",
    "fresh-knowledge": "none", "volume": "high",
}
# A prompting verdict that needs retrieval: one answer each way and one that pulls only toward retrieval.
MIXED = {"volume": "high", "task-clarity": "changing", "fresh-knowledge": "central",
         "prompt-tokens": 1500.5, "calls-per-month": 2_000_000}


def view(model: Model, raw: dict, site_url: str = "") -> dict:
    return verdict_view(evaluate(model, parse_answers(model, raw)), site_url)


def test_to_dict_is_the_view():
    verdict = evaluate(MODEL, parse_answers(MODEL, MIXED))
    assert verdict.to_dict("https://example.org/") == verdict_view(verdict, "https://example.org/")


def test_contributions_carry_texts_signs_and_direction():
    contributions = view(PLAIN, MIXED)["contributions"]
    assert [(c["factor"], c["points_text"], c["sign"], c["retrieval_text"], c["retrieval_sign"], c["direction"])
            for c in contributions] == [
        ("task-clarity", "-2", "negative", "+1", "positive", "prompt engineering"),
        ("fresh-knowledge", "0", "zero", "+2", "positive", "neither"),
        ("volume", "+2", "positive", "0", "zero", "fine-tuning"),
    ]
    assert contributions[0]["option_label"] == PLAIN.factor("task-clarity").option("changing").label


def test_links_are_relative_without_a_site_url_and_absolute_with_one():
    relative = view(MODEL, MIXED)
    absolute = view(MODEL, MIXED, "https://example.org/docs/")
    assert relative["contributions"][0]["link"] == {"id": "task-clarity", "url": "page/#task-clarity",
                                                    "title": "Title of task-clarity"}
    assert absolute["contributions"][0]["link"]["url"] == "https://example.org/docs/page/#task-clarity"
    assert [link["url"] for link in absolute["links"]] == [
        "https://example.org/docs/page/#combine-with-retrieval", "https://example.org/docs/page/#typical-use-cases"]
    assert absolute["method_link"] == {"id": "method-score", "url": "https://example.org/docs/page/#method-score",
                                       "title": "Title of method-score"}
    assert view(PLAIN, MIXED)["method_link"] is None


def test_query_is_in_model_order_with_plain_numbers():
    query = view(PLAIN, MIXED)["query"]
    assert query == ("task-clarity=changing&fresh-knowledge=central&volume=high"
                     "&calls-per-month=2000000&prompt-tokens=1500.5")


def test_answers_query_url_encodes_values_and_skips_missing_keys():
    query = answers_query(PLAIN, {"volume": "a b&c=d", "task-clarity": "stable", "calls-per-month": 2.5e6},
                          ("calls-per-month",))
    assert query == "task-clarity=stable&volume=a+b%26c%3Dd&calls-per-month=2500000"
    assert parse_qsl(query) == [("task-clarity", "stable"), ("volume", "a b&c=d"), ("calls-per-month", "2500000")]
    assert answers_query(PLAIN, {}, ()) == ""


def test_reopen_url_needs_the_calculator_anchor():
    assert view(PLAIN, MIXED)["reopen_url"] is None  # no site links at all
    assert view(MODEL, MIXED)["reopen_url"] is None  # anchors, but no calculator role
    named_only = Model.from_dict({**RAW, "site_links": {"calculator": "calc-verdict"}})
    assert view(named_only, MIXED)["reopen_url"] is None  # a role, but no anchor for it


def test_reopen_url_with_site_links_and_anchors():
    anchors = {**ANCHORS, "calc-verdict": {"url": "calculator/#calc-verdict", "title": "Verdict"}}
    model = Model.from_dict({**RAW, "anchors": anchors, "site_links": {"calculator": "calc-verdict"}})
    assert view(model, {"volume": "low"})["reopen_url"] == "calculator/?volume=low#calc-verdict"
    assert view(model, {}, "https://example.org/")["reopen_url"] == "https://example.org/calculator/#calc-verdict"
    assert reopen_url(model, "a=b", "") == "calculator/?a=b#calc-verdict"


def test_options_mark_exactly_the_verdict_as_chosen_and_say_why_not_for_the_rest():
    data = view(PLAIN, FT_MAX)
    assert [(o["id"], o["chosen"]) for o in data["options"]] == [(o.id, o.id == "fine-tune-on-baseline") for o in PLAIN.outcomes]
    assert {o["id"]: o["why_not"] for o in data["options"]} == {
        "prompt-first": ["needs a score below +6 (this one: +18)"],
        "prompt-plus-retrieval": ["needs a score below +6 (this one: +18)", "needs retrieval signals of at least 2 (these: 0)"],
        "fine-tune-on-baseline": [],
        "fine-tune-plus-retrieval": ["needs retrieval signals of at least 2 (these: 0)"],
        "not-ready-to-fine-tune": ["applies only when a gate is not met"],
    }


def test_why_not_names_the_score_gates_and_retrieval_a_prompting_verdict_misses():
    data = view(PLAIN, MIXED)
    assert [o["id"] for o in data["options"] if o["chosen"]] == [data["verdict"]] == ["prompt-plus-retrieval"]
    gates = "A stable task, Representative data you may use, An evaluation plan, Governance for training data"
    assert {o["id"]: o["why_not"] for o in data["options"]} == {
        "prompt-first": ["applies only when the task needs no retrieval or tools"],
        "prompt-plus-retrieval": [],
        "fine-tune-on-baseline": ["needs a score of at least +6 (this one: 0)", f"needs every gate met (not met: {gates})",
                                  "applies only when the task needs no retrieval or tools"],
        "fine-tune-plus-retrieval": ["needs a score of at least +6 (this one: 0)", f"needs every gate met (not met: {gates})"],
        "not-ready-to-fine-tune": ["needs a score of at least +6 (this one: 0)"],
    }


def test_display_texts():
    data = view(PLAIN, MIXED)
    shown = data["display"]
    assert (shown["confidence"], shown["confidence_decimal"], shown["margin"], shown["full_confidence_margin"]) == (
        "69%", "0.69", "5.5", "8")
    assert shown["score"] == {"total": "0", "threshold": "+6"}
    assert shown["retrieval"] == {"points": "3", "threshold": "2"}
    cost = shown["cost"]
    assert cost["prompting"] == {"per_call": "$0.00084", "monthly": "$1,680.40"}
    assert cost["fine_tuning"] == {"per_call": "$0.00054", "inference_monthly": "$1,080.00", "upkeep_monthly": "$83.33",
                                   "monthly": "$1,163.33", "one_off": "$250.00"}
    assert (cost["none"], cost["monthly_difference"], cost["saving"], cost["difference_sign"], cost["break_even"]) == (
        "$0.00", "$517.07", "$517.07", "positive", "0.5 months")
    assert cost["context"] == {"window": "128,000", "share_now": "1.2%", "share_after": "0.2%"}
    assert cost["examples"] == 11
    assert cost["assumptions"][:2] == [
        {"id": "calls-per-month", "label": "Calls per month", "value": "2,000,000", "unit": "calls", "source": "answer"},
        {"id": "prompt-tokens", "label": "Prompt tokens per call today", "value": "1,500.5", "unit": "tokens",
         "source": "answer"},
    ]
    assert data["unanswered_titles"][:2] == ["Data readiness", "Quality target"]


def test_display_when_fine_tuning_costs_more_and_never_pays_back():
    data = view(PLAIN, {**FT_MAX, "tuned-input-price": 50})
    cost = data["display"]["cost"]
    assert (cost["monthly_difference"], cost["saving"], cost["difference_sign"], cost["break_even"]) == (
        "-$4,403.33", "$4,403.33", "negative", None)
    assert data["cost"]["break_even"]["never"] is True and data["cost"]["break_even"]["months"] is None
    assert data["cost"]["break_even"]["reason"].startswith("a tuned call costs $0.0154 against $0.00096")


def test_gates_and_flip_steps_carry_titles_and_labels():
    data = view(PLAIN, {**FT_MAX, "data-readiness": "partial"})
    gate = next(g for g in data["gates"] if g["factor"] == "data-readiness")
    assert (gate["passed"], gate["factor_title"], gate["option_label"]) == (
        False, "Data readiness", "Some examples, but too few, unrepresentative, or not cleared")
    assert data["flips"][0]["steps"] == [{"factor": "data-readiness", "title": "Data readiness", "option": "ready",
                                          "option_label": "Yes, plenty of representative examples, cleared for training",
                                          "link": {"id": "data-readiness", "url": None, "title": "Data readiness"}}]
    assert data["no_flips"] == PLAIN.say("no_flips")


@pytest.fixture(scope="module")
def verdict():
    return evaluate(MODEL, parse_answers(MODEL, NOT_READY))


def test_reopen_link_carries_the_answers_in_model_order(verdict):
    with_calculator = Model.from_dict({**RAW, "anchors": {**ANCHORS, "calc-verdict": {"url": "calculator/#calc-verdict", "title": "Verdict"}},
                                       "site_links": {"calculator": "calc-verdict"}})
    verdict = evaluate(with_calculator, verdict.answers)
    url = verdict.to_dict("https://example.org/docs/")["reopen_url"]
    assert url == ("https://example.org/docs/calculator/?task-clarity=stable&data-readiness=partial"
                   "&quality-target=consistent-at-scale&evaluation-plan=in-place&governance=cleared"
                   "&prompt-baseline=plateaued&volume=low&calls-per-month=2000000#calc-verdict")
    assert evaluate(MODEL, verdict.answers).to_dict()["reopen_url"] is None  # no calculator anchor: no link
