"""verdict_view: the one display-ready tree every painter reads (signs, texts, query, links, reasons)."""
from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from calculator import Model, evaluate, parse_answers
from calculator.view import answers_query, reopen_url, verdict_view

from shared_models import ANCHORS, MODEL, RAW  # tests/ is on the path
NOT_READY = {"task-clarity": "stable", "data-readiness": "partial", "quality-target": "consistent-at-scale",
             "evaluation-plan": "in-place", "governance": "cleared", "prompt-baseline": "plateaued", "volume": "low",
             "calls-per-month": 2_000_000}


PLAIN = Model.from_dict(RAW)  # no anchors and no site links, like the CLI without a site
FT_MAX = {
    "task-clarity": "stable", "data-readiness": "ready", "quality-target": "consistent-at-scale",
    "latency-context": "strained", "evaluation-plan": "in-place", "governance": "cleared",
    "change-management": "rarely", "fallbacks": "in-place", "prompt-baseline": "plateaued",
    "tuning-access": "offered", "fresh-knowledge": "none", "volume": "high",
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
    assert view(model, {"volume": "low"})["reopen_url"] == f"calculator/?volume=low&model-version={model.version}#calc-verdict"
    assert view(model, {}, "https://example.org/")["reopen_url"] == "https://example.org/calculator/#calc-verdict"
    assert reopen_url(model, "a=b", "") == "calculator/?a=b#calc-verdict"


def test_options_mark_exactly_the_verdict_as_chosen_and_say_why_not_for_the_rest():
    data = view(PLAIN, FT_MAX)
    assert [(o["id"], o["chosen"]) for o in data["options"]] == [(o.id, o.id == "fine-tune-on-baseline") for o in PLAIN.outcomes]
    assert {o["id"]: o["why_not"] for o in data["options"]} == {
        "prompt-first": ["needs a score below +6 (this one: +13)"],
        "prompt-plus-retrieval": ["needs a score below +6 (this one: +13)", "needs retrieval signals of at least 2 (these: 0)"],
        "fine-tune-on-baseline": [],
        "fine-tune-plus-retrieval": ["needs retrieval signals of at least 2 (these: 0)"],
        "not-ready-to-fine-tune": ["applies only when a gate is not met"],
    }


def test_why_not_names_the_score_gates_and_retrieval_a_prompting_verdict_misses():
    data = view(PLAIN, MIXED)
    assert [o["id"] for o in data["options"] if o["chosen"]] == [data["verdict"]] == ["prompt-plus-retrieval"]
    gates = ("A stable task, Representative data you may use, An evaluation plan, A prompting baseline that has plateaued, "
             "Guardrails for high-stakes outputs, Fine-tuning you can actually use, Governance for training data")
    assert {o["id"]: o["why_not"] for o in data["options"]} == {
        "prompt-first": ["applies only when the task needs no retrieval or tools"],
        "prompt-plus-retrieval": [],
        "fine-tune-on-baseline": ["needs a score of at least +6 (this one: 0)", f"needs every gate met (not met: {gates})",
                                  "applies only when the task needs no retrieval or tools"],
        "fine-tune-plus-retrieval": ["needs a score of at least +6 (this one: 0)", f"needs every gate met (not met: {gates})"],
        "not-ready-to-fine-tune": ["needs a score of at least +6 (this one: 0)"],
    }


def test_display_texts():
    # MIXED at 5,000,000 calls, billed per token only (no hourly hosting), so fine-tuning pays back.
    data = view(PLAIN, {**MIXED, "calls-per-month": 5_000_000, "hosting-per-hour": 0})
    shown = data["display"]
    # score 0: margin 5.5 of 8; 3 of 12 answered: x (1 - 0.6 x 9 / 12) = 0.55; 0.6875 x 0.55 = 0.378
    assert (shown["confidence"], shown["confidence_decimal"], shown["margin"], shown["full_confidence_margin"]) == (
        "38%", "0.38", "5.5", "8")
    assert shown["answered"] == "3 of 12"
    assert shown["score"] == {"total": "0", "threshold": "+6"}
    assert shown["retrieval"] == {"points": "3", "threshold": "2"}
    cost = shown["cost"]
    # (1500.5 x 0.4 x 0.55 + 150 x 1.6) / 1e6 = 0.00057011 a call; x 5,000,000 = 2,850.55
    assert cost["prompting"] == {"per_call": "$0.00057", "monthly": "$2,850.55"}
    # (300 x 0.6 x 0.55 + 150 x 2.4) / 1e6 = 0.000459; x 5,000,000 = 2,295; upkeep 4 / 12 x 750 = 250
    assert cost["fine_tuning"] == {"per_call": "$0.000459", "inference_monthly": "$2,295.00", "upkeep_monthly": "$250.00",
                                   "monthly": "$2,545.00", "one_off": "$3,250.00"}
    # 3,250 / 305.55 = 10.64 months
    assert (cost["none"], cost["monthly_difference"], cost["saving"], cost["difference_sign"], cost["break_even"]) == (
        "$0.00", "$305.55", "$305.55", "positive", "10.6 months")
    assert (cost["retraining_monthly"], cost["hosting_monthly"], cost["runs_per_year"]) == ("$250.00", "$0.00", "4")
    assert cost["headline"] == "On these figures fine-tuning saves $305.55 a month."
    assert cost["context"] == {"window": "128,000", "share_now": "1.2%", "share_after": "0.2%"}
    assert cost["examples"] == 16
    assert cost["assumptions"][:2] == [
        {"id": "calls-per-month", "label": "Calls per month", "value": "5,000,000", "unit": "calls", "source": "answer",
         "basis": "our figure"},
        {"id": "prompt-tokens", "label": "Prompt tokens per call today", "value": "1,500.5", "unit": "tokens",
         "source": "answer", "basis": "our figure"},
    ]
    assert cost["assumptions"][2]["basis"] == "example default"
    assert data["unanswered_titles"][:2] == ["Data readiness", "Quality target"]


def test_display_when_fine_tuning_costs_more_and_never_pays_back():
    data = view(PLAIN, {**FT_MAX, "tuned-input-price": 50})
    cost = data["display"]["cost"]
    # 2,000,000 calls implied by "Over a million"; tuned (300 x 50 x 0.55 + 150 x 2.4) / 1e6 = 0.00861 a call, 17,220 a
    # month, + 250 retraining + 730 hosting = 18,200 against 2,000,000 x 0.000636 = 1,272 for prompting
    assert (cost["monthly_difference"], cost["saving"], cost["difference_sign"], cost["break_even"]) == (
        "-$16,928.00", "$16,928.00", "negative", None)
    assert cost["headline"] == "On these figures fine-tuning costs $16,928.00 a month more."
    assert (cost["retraining_monthly"], cost["hosting_monthly"]) == ("$250.00", "$730.00")
    assert data["cost"]["break_even"]["never"] is True and data["cost"]["break_even"]["months"] is None
    assert data["cost"]["break_even"]["reason"].startswith("a tuned call costs $0.00861 against $0.000636")


def test_no_savings_headline_while_every_figure_is_an_example():
    for raw in ({}, {"task-clarity": "stable"}, FT_MAX | {"volume": "unsure"}):
        data = view(PLAIN, raw)
        assert data["cost"]["all_examples"] is True
        assert data["display"]["cost"]["examples"] == 19
        assert data["display"]["cost"]["headline"] == (
            "Every figure is still an example default, so no saving is claimed. Enter your own traffic and prices to compare.")
    # One figure of the reader's own, or one implied by an answer, and the sum is a claim about their case.
    assert view(PLAIN, {"calls-per-month": 300_000})["display"]["cost"]["headline"].startswith("On these figures fine-tuning ")
    implied = view(PLAIN, {"volume": "high"})
    assert implied["cost"]["all_examples"] is False
    assert implied["display"]["cost"]["headline"].startswith("On these figures fine-tuning ")


def test_a_volume_answer_without_a_figure_shows_the_implied_calls():
    data = view(PLAIN, {"volume": "high"})
    assert data["cost"]["assumptions"][0] == {"id": "calls-per-month", "label": "Calls per month", "value": 2_000_000,
                                              "unit": "calls", "source": "implied", "from_factor": "volume"}
    assert data["display"]["cost"]["assumptions"][0] == {
        "id": "calls-per-month", "label": "Calls per month", "value": "2,000,000", "unit": "calls", "source": "implied",
        "basis": "from our answer to “Call volume”"}
    assert data["display"]["cost"]["examples"] == 18


def test_runs_per_year_follow_base_model_retirement():
    data = view(PLAIN, {"base-model-lifetime-months": 2, "retrains-per-year": 1})
    assert (data["cost"]["runs_per_year"], data["cost"]["forced_runs_per_year"]) == (6, 6)
    assert data["display"]["cost"]["runs_per_year"] == "6"
    assert data["display"]["cost"]["retraining_monthly"] == "$375.00"  # 6 / 12 x (150 + 100 + 500)
    assert view(PLAIN, {"base-model-lifetime-months": 5})["display"]["cost"]["runs_per_year"] == "4"  # 2.4 forced < 4 planned


def test_confidence_parts_and_the_default_verdict():
    empty = view(PLAIN, {})
    assert (empty["is_default"], empty["default_note"]) == (True, PLAIN.say("default_verdict"))
    assert empty["confidence_parts"] == {"margin": 0.688, "coverage": 0, "coverage_factor": 0.4, "hard_block": False,
                                         "conflicts": 0, "conflict_factor": 1}
    assert (empty["confidence"], empty["confidence_band"]) == (0.275, {"id": "low", "label": "Low"})
    clash = view(PLAIN, {"data-readiness": "ready", "governance": "blocked"})  # 0 - 2 = -2: margin 7.5 of 8
    assert (clash["is_default"], clash["default_note"]) == (False, "")
    assert clash["confidence_parts"] == {"margin": 0.938, "coverage": 0.167, "coverage_factor": 0.5, "hard_block": True,
                                         "conflicts": 1, "conflict_factor": 0.6}
    assert clash["confidence"] == 0.51  # the hard-block floor 0.85, x 0.6 for the conflict
    assert clash["warnings"][0] == {
        "id": "cleared-data-but-training-not-allowed",
        "message": "These answers disagree: Data readiness: “Yes, at least a hundred or so representative examples, "
                   "cleared for training”, yet Governance: “No, or training on this data is not allowed”. Data cleared "
                   "for training and rules that forbid training on it cannot both hold; settle this with your "
                   "compliance owners.",
        "factors": ["data-readiness", "governance"]}


def test_chart_of_cumulative_cost_by_month():
    data = view(PLAIN, {**MIXED, "calls-per-month": 5_000_000, "hosting-per-hour": 0})
    chart, cost = data["chart"], data["display"]["cost"]
    # break-even at 10.64 months: the chart spans twice that, in whole quarters of a year: 24 months
    assert chart["months"] == 24
    assert len(chart["prompting"]["values"]) == len(chart["fine_tuning"]["values"]) == 25
    # last points: months x monthly, and the one-off + months x monthly
    assert chart["prompting"]["values"][-1] == pytest.approx(24 * 2850.55)
    assert chart["fine_tuning"]["values"][-1] == pytest.approx(3250 + 24 * 2545)
    assert (chart["prompting"]["values"][0], chart["fine_tuning"]["values"][0]) == (0, 3250)
    # SVG box 600 x 260, plot from x 80 to 584 and y 16 (the highest total) down to 220 (zero)
    assert chart["prompting"]["points"].split()[0] == "80,220" and chart["prompting"]["points"].split()[-1] == "584,16"
    # 16 + 204 x (1 - 3,250 / 68,413.20) = 210.3; 16 + 204 x (1 - 64,330 / 68,413.20) = 28.2
    assert chart["fine_tuning"]["points"].split()[0] == "80,210.3"
    assert chart["fine_tuning"]["points"].split()[-1] == "584,28.2"
    assert [(t["x"], t["label"]) for t in chart["x_ticks"]] == [(80, "0"), (206, "6"), (332, "12"), (458, "18"), (584, "24")]
    assert [(t["y"], t["label"]) for t in chart["y_ticks"]] == [
        (220, "$0.00"), (169, "$17,103.30"), (118, "$34,206.60"), (67, "$51,309.90"), (16, "$68,413.20")]
    assert chart["break_even_x"] == 303.4  # 80 + 504 x 10.64 / 24
    assert (chart["prompting"]["total"], chart["fine_tuning"]["total"]) == ("$68,413.20", "$64,330.00")
    # The description's money texts are the display's texts.
    assert chart["description"] == (
        f"Total spent over 24 months on these figures: prompt engineering reaches {chart['prompting']['total']} and "
        f"fine-tuning {chart['fine_tuning']['total']}, including {cost['fine_tuning']['one_off']} up front. "
        f"Fine-tuning's break-even: {cost['break_even']}.")
    assert chart["description"] == (
        "Total spent over 24 months on these figures: prompt engineering reaches $68,413.20 and fine-tuning $64,330.00, "
        "including $3,250.00 up front. Fine-tuning's break-even: 10.6 months.")


def test_chart_names_a_break_even_beyond_its_span():
    # 2,500,000 calls: 2,500,000 x (0.00057011 - 0.000459) = 277.78 saved on inference, less 250 upkeep = 27.78 a
    # month; 3,250 / 27.775 = 117.0 months, past the chart's longest span of 60 months.
    data = view(PLAIN, {**MIXED, "calls-per-month": 2_500_000, "hosting-per-hour": 0})
    chart, cost = data["chart"], data["display"]["cost"]
    assert data["cost"]["break_even"]["months"] == pytest.approx(round(3250 / 27.775, 2))
    assert cost["break_even"] == "117.0 months"
    assert (chart["months"], chart["break_even_x"]) == (60, None)  # no marker: it lies off the chart
    assert chart["description"].endswith(" Fine-tuning's break-even: 117.0 months.")
    assert "never" not in chart["description"]


def test_chart_when_fine_tuning_never_catches_up():
    data = view(PLAIN, {})
    chart, cost = data["chart"], data["display"]["cost"]
    assert (chart["months"], chart["break_even_x"]) == (24, None)
    # the example defaults: 300,000 x 0.000636 = 190.80 a month; 3,250 + 1,117.70 a month
    assert chart["prompting"]["values"][-1] == pytest.approx(24 * 190.8)
    assert chart["fine_tuning"]["values"][-1] == pytest.approx(3250 + 24 * 1117.7)
    assert chart["description"] == (
        f"Total spent over 24 months on these figures: prompt engineering reaches $4,579.20 and fine-tuning $30,074.80, "
        f"including {cost['fine_tuning']['one_off']} up front. Fine-tuning never catches up on these figures.")


def test_gates_and_flip_steps_carry_titles_and_labels():
    data = view(PLAIN, {**FT_MAX, "data-readiness": "partial"})
    gate = next(g for g in data["gates"] if g["factor"] == "data-readiness")
    assert (gate["passed"], gate["factor_title"], gate["option_label"]) == (
        False, "Data readiness", "Some examples, but fewer than about 50, unrepresentative, or not cleared")
    assert data["flips"][0]["steps"] == [{"factor": "data-readiness", "title": "Data readiness", "option": "ready",
                                          "option_label": "Yes, at least a hundred or so representative examples, "
                                                          "cleared for training",
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
                   "&prompt-baseline=plateaued&volume=low&calls-per-month=2000000"
                   f"&model-version={with_calculator.version}#calc-verdict")
    assert evaluate(MODEL, verdict.answers).to_dict()["reopen_url"] is None  # no calculator anchor: no link


def test_not_sure_answers_count_as_unanswered_in_the_view():
    all_unsure = view(PLAIN, {f.id: "unsure" for f in PLAIN.factors})
    empty = view(PLAIN, {})
    for key in ("verdict", "confidence", "confidence_band", "confidence_parts", "is_default", "default_note",
                "contributions", "unanswered_titles"):
        assert all_unsure[key] == empty[key], key
    assert all_unsure["is_default"] is True
    assert all_unsure["display"]["answered"] == "0 of 12"
    one = view(PLAIN, {**FT_MAX, "fresh-knowledge": "unsure"})
    assert one["display"]["answered"] == "11 of 12"
    assert "fresh-knowledge" not in [c["factor"] for c in one["contributions"]]
    assert one["confidence_parts"]["coverage"] == round(11 / 12, 3)
    assert one["confidence"] < view(PLAIN, FT_MAX)["confidence"] < 1


def test_the_permalink_names_the_model_version_but_the_query_stays_answers_only():
    data = view(MODEL, {"volume": "low"})
    assert data["model_version"] == MODEL.version
    assert data["query"] == "volume=low"  # presets and example links keep meaning "today's model"
    assert data["permalink_query"] == f"volume=low&model-version={MODEL.version}"
    assert view(MODEL, {})["permalink_query"] == ""  # nothing to restore, so no version either


def test_sources_are_those_behind_the_answered_questions_each_once():
    anchors = {**ANCHORS, "src-a": {"url": "sources/#src-a", "title": "A: page"}, "src-b": {"url": "sources/#src-b", "title": "B: page"}}
    model = Model.from_dict({**RAW, "anchors": anchors,
                             "factor_sources": {"task-clarity": ["src-a"], "volume": ["src-b", "src-a"], "governance": ["src-b"]}})
    data = view(model, {"volume": "low", "task-clarity": "stable"}, "https://example.org/")
    assert data["sources"] == [{"id": "src-a", "url": "https://example.org/sources/#src-a", "title": "A: page"},
                               {"id": "src-b", "url": "https://example.org/sources/#src-b", "title": "B: page"}]
    assert view(model, {})["sources"] == []  # governance is not answered: its sources are not relied on


PAIRS = {"task-clarity": "stable", "quality-target": "consistent-at-scale", "latency-context": "strained",
         "evaluation-plan": "in-place", "change-management": "rarely", "fallbacks": "low-stakes",
         "prompt-baseline": "plateaued", "tuning-access": "offered", "fresh-knowledge": "unsure", "volume": "high"}


def _points_moved(model: Model, answers: dict, changes: dict) -> int:
    """What a change moves, worked out here from the options' points (not from the view)."""
    total = 0
    for factor_id, option_id in changes.items():
        factor = model.factor(factor_id)
        now, then = factor.option(answers.get(factor_id, factor.default)), factor.option(option_id)
        total += abs(then.points - now.points) + abs(then.retrieval - now.retrieval)
    return total


@pytest.mark.parametrize("answers", [FT_MAX, NOT_READY, PAIRS], ids=["ft-max", "not-ready", "pairs"])
def test_flip_groups_hold_every_flip_once_per_question_smallest_change_first(answers):
    result = view(PLAIN, answers)
    groups = result["flip_groups"]
    assert 0 < len(groups) < len(result["flips"])
    regrouped = [change["changes"] for group in groups for change in group["changes"]]
    assert sorted(map(sorted, (c.items() for c in regrouped))) == sorted(map(sorted, (f["changes"].items() for f in result["flips"])))
    smallest = []
    for group in groups:
        factors = [f["factor"] for f in group["factors"]]
        sizes = [change["points_moved"] for change in group["changes"]]
        for change in group["changes"]:
            assert list(change["changes"]) == factors  # one group per question (per pair of questions)
            assert change["points_moved"] == _points_moved(PLAIN, answers, change["changes"])
            assert [o["option_label"] for o in change["options"]] == [
                PLAIN.factor(f).option(o).label for f, o in change["changes"].items()]
        assert sizes == sorted(sizes) and group["smallest"] == sizes[0]
        # The same changes by the verdict they lead to, in the same order.
        assert [c for outcome in group["outcomes"] for c in outcome["changes"]] == sorted(
            group["changes"], key=lambda c: [o["verdict"] for o in group["outcomes"]].index(c["verdict"]))
        assert all(c["verdict"] == o["verdict"] for o in group["outcomes"] for c in o["changes"])
        smallest.append(sizes[0])
    assert smallest == sorted(smallest)


def test_flip_groups_for_known_answers():
    groups = view(PLAIN, NOT_READY)["flip_groups"]
    assert [[f["factor"] for f in g["factors"]] for g in groups][:3] == [["task-clarity"], ["quality-target"], ["latency-context"]]
    first = groups[0]
    assert first["factors"][0]["title"] == PLAIN.factor("task-clarity").title
    assert first["factors"][0]["current_label"] == PLAIN.factor("task-clarity").option("stable").label
    assert [(c["options"][0]["option"], c["points_moved"]) for c in first["changes"]] == [
        ("settling", 1), ("unsure", 2), ("changing", 5)]
    assert [o["verdict"] for o in first["outcomes"]] == ["prompt-first"]
    pairs = view(PLAIN, PAIRS)["flip_groups"]
    assert [f["factor"] for f in pairs[0]["factors"]] == ["data-readiness", "governance"]
    assert pairs[0]["changes"][0]["changes"] == {"data-readiness": "ready", "governance": "cleared"}
