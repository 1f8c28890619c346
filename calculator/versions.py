"""Model versions: reopen a verdict with the model a link was made with, and say what today's model says.

A version (`Model.version`, from `version_of`) is the content's reviewed date plus a short hash of
the decision model. The site publishes every version it ever had as `Model.to_dict()` JSON; a link
names its version in the query (`model.MODEL_VERSION_PARAM`). `compare` scores the same answers
under the archived model and under today's, and words what made any difference with today's
message templates, so old and new verdicts read side by side.
"""
from __future__ import annotations

from collections.abc import Mapping

from .answers import parse_answers, sanitize_answers
from .engine import Verdict, evaluate
from .formatting import format_number, format_signed
from .model import MODEL_VERSION_PARAM, Model, version_of

# Where a content folder keeps every model version the site has published, one `<version>.json` each.
ARCHIVE_FOLDER = "model-versions"
# What a version looks like (`Model.version`): the only names looked up in the archive.
VERSION_PATTERN = r"(\d{4}-\d{2}-\d{2}|undated)-[0-9a-f]{8}"


def archived_model(data: Mapping, today: Model) -> Model:
    """Build an archived model (its `to_dict()` data) with today's code.

    An archived file is never rewritten, so a sentence today's code needs but the old model never
    had is taken from today's model; everything the old model did have stays its own.
    """
    messages = {**today.messages, **data.get("messages", {})}
    model = Model.from_dict({**data, "messages": messages})
    # The version names the file as archived, not the sentences lent to it above.
    object.__setattr__(model, "_version", version_of(data))
    return model


def without_version(raw: object) -> object:
    """Answers taken from a URL minus the model version it names: the version is not an answer."""
    if isinstance(raw, Mapping) and MODEL_VERSION_PARAM in raw:
        return {key: value for key, value in raw.items() if key != MODEL_VERSION_PARAM}
    return raw


def requested_version(raw: object) -> str | None:
    """The model version a link's answers name, or None (no version: today's model)."""
    value = raw.get(MODEL_VERSION_PARAM) if isinstance(raw, Mapping) else None
    return value if isinstance(value, str) and value else None


def compare(then_model: Model, now_model: Model, raw_answers: object, site_url: str = "") -> dict:
    """The same answers under the model a link was made with and under today's, and what differs.

    Returns {then_version, now_version, then_note, then, now, same, summary, differences, answers,
    dropped}: `then` and `now` are full verdict views, `same` is true when both give one outcome,
    `differences` lists {id, factor, message} for each change that bears on these answers, and
    `dropped` the answers the link's own model could not use. An answer today's model no longer
    knows is scored as unanswered and named among the differences, never an error.
    """
    then_answers, dropped = sanitize_answers(then_model, without_version(raw_answers))
    then = evaluate(then_model, parse_answers(then_model, then_answers))
    now_answers, _ = sanitize_answers(now_model, then_answers)
    now = evaluate(now_model, parse_answers(now_model, now_answers))
    same = then.outcome.id == now.outcome.id
    when = {"version": now_model.version, "date": now_model.reviewed or "an unknown date"}
    summary = (now_model.say("version_same", **when, verdict=now.outcome.label) if same
               else now_model.say("version_changed", **when, verdict=now.outcome.label, then=then.outcome.label))
    return {
        "then_version": then_model.version,
        "now_version": now_model.version,
        "then_note": now_model.say("version_then", version=then_model.version, date=then_model.reviewed or "an unknown date"),
        "then": then.to_dict(site_url),
        "now": now.to_dict(site_url),
        "same": same,
        "summary": summary,
        "differences": differences(then, now),
        "answers": then_answers,
        "dropped": dropped,
    }


def differences(then: Verdict, now: Verdict) -> list[dict]:
    """What changed between two models that bears on these answers, worded by today's model.

    In the order a verdict is made: the answers' points and retrieval, the thresholds, the gates,
    then the decision table. Changes to options nobody chose here are left out.
    """
    old, new = then.model, now.model
    found: list[dict] = []

    def add(kind: str, factor_id: str | None = None, **values: object) -> None:
        found.append({"id": kind, "factor": factor_id, "message": new.say(kind, **values)})

    for factor_id, option_id in then.answers.choices.items():
        was = old.factor(factor_id)
        label = was.option(option_id).label
        if not new.has_factor(factor_id):
            add("diff_factor_gone", factor_id, factor=was.title, option=label)
            continue
        factor = new.factor(factor_id)
        if not factor.has_option(option_id):
            add("diff_option_gone", factor_id, factor=factor.title, option=label)
            continue
        before, after = old.effect(factor_id, option_id), new.effect(factor_id, option_id)
        if before.points != after.points:
            add("diff_points", factor_id, factor=factor.title, option=factor.option(option_id).label,
                then=format_signed(before.points), now=format_signed(after.points))
        if before.retrieval != after.retrieval:
            add("diff_retrieval", factor_id, factor=factor.title, option=factor.option(option_id).label,
                then=format_number(before.retrieval), now=format_number(after.retrieval))
    if old.scoring.fine_tuning_threshold != new.scoring.fine_tuning_threshold:
        add("diff_threshold", then=format_signed(old.scoring.fine_tuning_threshold),
            now=format_signed(new.scoring.fine_tuning_threshold))
    if old.scoring.retrieval_threshold != new.scoring.retrieval_threshold:
        add("diff_retrieval_threshold", then=format_number(old.scoring.retrieval_threshold),
            now=format_number(new.scoring.retrieval_threshold))
    gates_then = {g.id: g for g in then.gates}
    gates_now = {g.id: g for g in now.gates}
    for gate in now.gates:
        before = gates_then.get(gate.id)
        option = new.factor(gate.factor).option(gate.option).label
        if before is None:
            if not gate.passed:
                add("diff_gate_new", gate.factor, gate=gate.title)
        elif before.passed and not gate.passed:
            add("diff_gate_now_fails", gate.factor, gate=gate.title, option=option)
        elif gate.passed and not before.passed:
            add("diff_gate_now_passes", gate.factor, gate=gate.title, option=option)
    for gate in then.gates:
        if gate.id not in gates_now and not gate.passed:
            add("diff_gate_gone", gate.factor, gate=gate.title)
    cell = (then.lean, not then.failing_gates, then.retrieval_needed)
    if new.outcome_for(*cell).id != then.outcome.id:
        add("diff_outcome_rule", then=then.outcome.label, now=new.outcome_for(*cell).label)
    return found


__all__ = ["ARCHIVE_FOLDER", "VERSION_PATTERN", "archived_model", "compare", "differences", "requested_version", "version_of", "without_version"]
