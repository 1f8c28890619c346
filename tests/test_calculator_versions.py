"""Model versions: a version names one decision model, and a verdict reopens with the model it was made with."""
from __future__ import annotations

import copy

from calculator import Model, evaluate, parse_answers
from calculator.model import version_of
from calculator.versions import archived_model, compare

from shared_models import ANCHORS, MODEL, RAW, index_of

ANSWERS = {"task-clarity": "stable", "volume": "high", "model-version": "ignored-here"}


def changed(mutate) -> Model:
    raw = copy.deepcopy(RAW)
    mutate(raw)
    return Model.from_dict({**raw, "anchors": ANCHORS, "site_links": {"methodology": "method-score"}})


def with_points(factor_id: str, option_id: str, points: int):
    def mutate(raw):
        factor = raw["factors"][index_of("factors", factor_id)]
        next(o for o in factor["options"] if o["id"] == option_id)["points"] = points
    return mutate


def test_a_version_is_the_reviewed_date_and_a_hash_of_the_decision_model():
    assert MODEL.version == f"{RAW['reviewed']}-{MODEL.version[-8:]}"
    assert Model.from_dict(MODEL.to_dict()).version == MODEL.version  # stable through the published JSON
    assert version_of(MODEL.to_dict()) == MODEL.version
    assert changed(with_points("task-clarity", "stable", 3)).version != MODEL.version  # any weight names a new version
    # The site around the model (section titles, addresses) is not part of the decision model.
    retitled = Model.from_dict({**MODEL.to_dict(), "anchors": {k: {**v, "title": "Renamed"} for k, v in ANCHORS.items()}})
    assert retitled.version == MODEL.version


def test_the_same_verdict_under_both_models_says_so_without_differences():
    result = compare(MODEL, MODEL, ANSWERS)
    assert result["same"] is True and result["differences"] == [] and result["dropped"] == []
    assert result["then"]["verdict"] == result["now"]["verdict"] == "prompt-first"
    assert result["summary"] == (f"Today's model ({MODEL.version}, reviewed {RAW['reviewed']}) gives the same verdict: "
                                 "Start with prompt engineering.")


def test_a_changed_verdict_names_what_made_the_difference():
    today = changed(lambda raw: (with_points("task-clarity", "stable", 4)(raw), raw["scoring"].update(fine_tuning_threshold=5)))
    result = compare(MODEL, today, ANSWERS, "https://example.org/")
    assert result["then"]["verdict"] == "prompt-first" and result["now"]["verdict"] != "prompt-first"
    assert result["same"] is False
    assert result["summary"].startswith(f"Today's model ({today.version}, reviewed {RAW['reviewed']}) gives a different verdict: ")
    assert [d["message"] for d in result["differences"]] == [
        "Task clarity: the answer “Settled and clearly specified; unlikely to change for months” now counts +4 points; it counted +2.",
        "The fine-tuning threshold is now +5 points; it was +6.",
    ]
    assert result["then"]["model_version"] == MODEL.version and result["now"]["model_version"] == today.version
    assert result["then_note"] == f"Scored with the calculator model of {RAW['reviewed']} ({MODEL.version}), the one this link was made with."


def test_an_answer_today_s_model_no_longer_offers_is_named_and_scored_as_unanswered():
    def drop_high(raw):
        factor = raw["factors"][index_of("factors", "volume")]
        factor["options"] = [o for o in factor["options"] if o["id"] != "high"]
        for conflict in raw.get("conflicts", []):
            conflict["answers"].get("volume", []).remove("high") if "high" in conflict["answers"].get("volume", []) else None
    today = changed(drop_high)
    result = compare(MODEL, today, ANSWERS)
    assert result["now"]["answers"] == {"task-clarity": "stable"}
    assert result["differences"][0] == {
        "id": "diff_option_gone", "factor": "volume",
        "message": "Call volume: the answer “Over a million” is no longer offered, so today's model treats the question as unanswered."}


def test_an_archived_model_missing_a_newer_sentence_borrows_it_and_keeps_its_version():
    data = MODEL.to_dict()
    del data["messages"]["diff_points"]  # as if archived before the sentence existed
    old = archived_model(data, MODEL)
    assert old.version == version_of(data) != MODEL.version
    assert old.messages["diff_points"] == MODEL.messages["diff_points"]
    assert evaluate(old, parse_answers(old, {"volume": "high"})).verdict == "prompt-first"
