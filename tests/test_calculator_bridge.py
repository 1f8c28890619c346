"""The browser bridge: JSON strings in, JSON strings out, errors as {"ok": false} instead of exceptions."""
from __future__ import annotations

import json

import pytest

from calculator import bridge

from shared_models import MODEL  # tests/ is on the path

MODEL_JSON = json.dumps(MODEL.to_dict())


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
    assert "markdown" not in out  # the record is made on request, not on every change
    record = json.loads(bridge.record(json.dumps({"task-clarity": "stable"}), "https://example.org/"))
    assert record["markdown"].startswith("# Decision record: Start with prompt engineering")


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


def test_bridge_run_ignores_the_model_version_a_link_names_and_offers_the_permalink():
    loaded = json.loads(bridge.load(MODEL_JSON))
    assert loaded["model_version"] == MODEL.version
    out = json.loads(bridge.run(json.dumps({"volume": "low", "model-version": "2020-01-01-00000000"}), ""))
    assert out["dropped"] == [] and out["answers"] == {"volume": "low"}
    assert out["query"] == "volume=low"
    assert out["permalink_query"] == out["result"]["permalink_query"] == f"volume=low&model-version={MODEL.version}"


def test_bridge_compare_scores_an_earlier_model_and_keeps_today_s_loaded():
    earlier = MODEL.to_dict()
    earlier["scoring"] = {**earlier["scoring"], "fine_tuning_threshold": 4}  # +4 was enough back then
    bridge.load(MODEL_JSON)
    answers = json.dumps({"task-clarity": "stable", "volume": "high"})
    out = json.loads(bridge.compare(json.dumps(earlier), answers, ""))
    assert out["ok"] is True
    result = out["result"]
    assert result["then"]["verdict"] != "prompt-first" and result["now"]["verdict"] == "prompt-first"
    assert [d["id"] for d in result["differences"]] == ["diff_threshold"]
    assert out["model_version"] == result["then_version"] != MODEL.version
    assert json.loads(bridge.run(answers, ""))["result"]["verdict"] == "prompt-first"  # today's model still loaded
    # The record of the old link is the old verdict, with what today's model says.
    record = json.loads(bridge.record(answers, "", json.dumps({"model_version": out["model_version"], "date": "2027-03-01"})))
    assert f"- **Model version:** `{out['model_version']}`" in record["markdown"]
    assert "## Today's model" in record["markdown"] and result["summary"] in record["markdown"]
    assert json.loads(bridge.compare("[1]", answers, ""))["ok"] is False


def test_bridge_record_carries_the_details_and_names_its_download():
    bridge.load(MODEL_JSON)
    out = json.loads(bridge.record(json.dumps({"volume": "low"}), "",
                                   json.dumps({"date": "2027-03-01", "feature": "Ticket triage", "owner": "Ana"})))
    assert out["filename"] == "decision-ticket-triage-2027-03-01.md"
    assert "- **Feature:** Ticket triage\n- **Owner:** Ana\n- **Date:** 2027-03-01\n" in out["markdown"]
    assert json.loads(bridge.record(json.dumps({}), ""))["filename"] == "decision-prompt-first.md"
