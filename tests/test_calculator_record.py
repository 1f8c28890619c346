"""The Markdown decision record: every section, in order, painted from the verdict's display tree."""
from __future__ import annotations

import dataclasses

import pytest

from calculator import decision_record, evaluate, parse_answers

from shared_models import MODEL, NOT_READY  # tests/ is on the path
SECTIONS = ["# Decision record: ", "## Context", "## Decision drivers", "## Options considered", "## Outcome",
            "## Consequences", "## Confidence", "## What would change it", "## Warnings", "## Links"]


@pytest.fixture(scope="module")
def verdict():
    return evaluate(MODEL, parse_answers(MODEL, NOT_READY))


@pytest.fixture(scope="module")
def record(verdict):
    return decision_record(verdict.to_dict("https://example.org/docs/"))


def test_record_has_every_section_in_order(record):
    positions = [record.index(heading) for heading in SECTIONS]
    assert positions == sorted(positions)
    assert record.startswith("# Decision record: Not ready to fine-tune yet\n")
    assert record.endswith("\n") and not record.endswith("\n\n")


def test_record_context_lists_answers_with_points(record):
    assert "| Task clarity | Settled and clearly specified; unlikely to change for months | +2 |  |" in record
    assert "| Call volume | Under ten thousand | -1 |  |" in record
    assert "| Fine-tuning availability | Yes, our provider offers it for this model, open to us, on terms we accept | 0 |  |" in record
    assert "| Latency and context limits | Yes, prompt length hurts latency, cost or room for context | +2 |  |" in record
    assert "Not answered, so counted as neutral: Change management, Fresh or private knowledge." in record


def test_record_drivers_are_sorted_by_weight_and_gates_are_listed(record):
    drivers = record.split("## Decision drivers")[1].split("## Options considered")[0]
    assert drivers.index("Prompting baseline") < drivers.index("Task clarity") < drivers.index("Call volume")
    assert "- Representative data you may use: **not met** (Data readiness: Some examples" in drivers
    assert "- A stable task: **met**" in drivers
    assert "- Guardrails for high-stakes outputs: **met** (Fallbacks: Yes, guardrails and review cover" in drivers
    assert "- Fine-tuning you can actually use: **met** (Fine-tuning availability: Yes, our provider offers it" in drivers


def test_record_explains_why_each_other_option_was_not_chosen(record):
    assert "- **Not ready to fine-tune yet**: chosen." in record
    assert "- Start with prompt engineering: not chosen; it needs a score below +6 (this one: +8)." in record
    assert ("- Fine-tune on top of a prompting baseline: not chosen; it needs every gate met "
            "(not met: Representative data you may use).") in record
    assert "needs retrieval signals of at least 2 (these: 0)" in record


def test_record_consequences_show_costs_and_every_assumption(record):
    # 2,000,000 calls x 0.000636 = 1,272; 2,000,000 x 0.000459 = 918 + 250 retraining + 0 hosting = 1,168
    assert "| Retraining (data, training, evaluation) | $0.00 | $250.00 |" in record
    assert "| Hosting | $0.00 | $0.00 |" in record
    assert "| **Total a month** | **$1,272.00** | **$1,168.00** |" in record
    # 3,250 one-off / 104 a month = 31.25 months
    assert ("On these figures fine-tuning saves $104.00 a month. Break-even: 31.2 months (one-off $3,250.00 for "
            "preparing the data, the first training run and its evaluation).") in record
    assert "| Calls per month | 2,000,000 calls | our figure |" in record
    assert "| Hourly hosting or reserved capacity for the tuned model | 0 USD per hour | our figure |" in record
    assert record.count(" | example default |") == 17
    assert "| Base model input price | 0.4 USD per million tokens | example default |" in record
    assert f"_{MODEL.cost.note}_" in record


def test_record_groups_flips_by_the_verdict_they_give(record):
    changes = record.split("## What would change it")[1].split("## Warnings")[0]
    assert "each touch one answer" in changes
    assert ("- **Fine-tune on top of a prompting baseline** if Data readiness were “Yes, at least a hundred or so "
            "representative examples, cleared for training”.") in changes


def test_record_links_point_under_the_site_url(record):
    links = record.split("## Links")[1]
    assert "- [Title of is-fine-tuning-worth-it](https://example.org/docs/page/#is-fine-tuning-worth-it)" in links
    assert "- [Title of method-score](https://example.org/docs/page/#method-score)" in links
    assert "- [Title of data-readiness](https://example.org/docs/page/#data-readiness)" in links


def test_record_says_so_when_nothing_small_changes_the_verdict(verdict):
    unchangeable = dataclasses.replace(verdict, flips=(), flip_size=None)
    text = decision_record(unchangeable.to_dict())
    assert "## What would change it\n\nNo change to one or two answers alters this verdict.\n" in text


def test_record_for_fine_tuning_never_paying_back():
    raw = {**NOT_READY, "data-readiness": "ready", "tuned-input-price": 50}
    text = decision_record(evaluate(MODEL, parse_answers(MODEL, raw)).to_dict())
    assert "On these figures fine-tuning costs " in text and "Break-even: never: a tuned call costs" in text


def test_record_of_the_default_verdict_says_so():
    text = decision_record(evaluate(MODEL, parse_answers(MODEL, {})).to_dict())
    assert text.startswith(f"# Decision record: Start with prompt engineering\n\n> {MODEL.say('default_verdict')}\n\n")
    assert MODEL.say("cost_examples_only") in text
    assert MODEL.say("default_verdict") not in decision_record(evaluate(MODEL, parse_answers(MODEL, {"volume": "low"})).to_dict())
    # "Not sure" to every question is still nothing answered.
    all_unsure = decision_record(evaluate(MODEL, parse_answers(MODEL, {f.id: "unsure" for f in MODEL.factors})).to_dict())
    assert all_unsure == text


def test_record_confidence_names_hard_blocks_conflicts_and_implied_figures():
    raw = {"data-readiness": "ready", "governance": "blocked", "volume": "high"}
    text = decision_record(evaluate(MODEL, parse_answers(MODEL, raw)).to_dict())
    confidence = text.split("## Confidence")[1].split("## What would change it")[0]
    assert "Medium (0.51)" in confidence and "3 of 12 questions were answered" in confidence
    assert "An answer rules fine-tuning out" in confidence
    assert "1 pair(s) of answers contradict each other" in confidence
    warnings = text.split("## Warnings")[1].split("## Links")[0]
    assert warnings.startswith("\n\n- These answers disagree: Data readiness: “Yes, at least a hundred")
    assert "| Calls per month | 2,000,000 calls | from our answer to “Call volume” |" in text


def test_the_record_is_worth_filing_date_version_permalink_feature_owner_sources():
    from calculator import Model
    from calculator.record import RecordDetails, record_filename
    from shared_models import ANCHORS, RAW
    anchors = {**ANCHORS, "calc-verdict": {"url": "calculator/#calc-verdict", "title": "Verdict"},
               "src-a": {"url": "sources/#src-a", "title": "Publisher: A page"}}
    model = Model.from_dict({**RAW, "anchors": anchors, "site_links": {"calculator": "calc-verdict"},
                             "factor_sources": {"volume": ["src-a"]}})
    view = evaluate(model, parse_answers(model, {"volume": "low"})).to_dict("https://example.org/")
    details = RecordDetails.of("2027-03-01", "  Ticket\n triage *bot*  ", "Ana")
    text = decision_record(view, details)
    assert ("- **Feature:** Ticket triage \\*bot\\*\n- **Owner:** Ana\n- **Date:** 2027-03-01\n"
            f"- **Model version:** `{model.version}`\n"
            f"- **Permalink:** <https://example.org/calculator/?volume=low&model-version={model.version}#calc-verdict>\n") in text
    assert text.endswith("## Sources\n\nOutside pages behind the questions answered, as listed on the guide's Sources page:\n\n"
                         "- [Publisher: A page](https://example.org/sources/#src-a)\n")
    assert record_filename(view, details) == "decision-ticket-triage-bot-2027-03-01.md"
    assert record_filename(view, RecordDetails.of(date="not a date")) == f"decision-{view['verdict']}.md"
    assert "**Feature:**" not in decision_record(view)  # optional details are left out, not left blank
