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
