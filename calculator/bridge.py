"""The browser's entry point: JSON strings in, JSON strings out, so no Pyodide proxy ever leaks.

The page calls `load` once with the model JSON (`Model.to_dict()`, written by the build), then
`run` on every change of the answers, and `record` only when the reader copies or downloads the
record. A link made with an earlier model version (its query names `model-version`) is reopened
with `compare`, given that version's archived JSON; the model stays loaded, and each earlier
version is built once and kept by version.
Errors come back as `{"ok": false, "error": ...}` instead of exceptions, because a Python
exception surfacing in JavaScript is harder to show well than a message.

`run` is called on every change of an answer, so it builds only the parts of the display tree
the page paints (`PAGE_PARTS`); the CLI, the record and `compare` build the whole tree.
"""
from __future__ import annotations

import gc
import json

from .answers import parse_answers, sanitize_answers
from .engine import evaluate
from .errors import CalculatorError
from .model import Model, version_of
from .record import RecordDetails, decision_record, record_filename
from .versions import archived_model, compare as compare_versions, requested_version, without_version

# The top-level keys of the display tree (calculator.view) that the calculator page paints: the
# paths its data-bind-* attributes name, `verdict` (the glue's data-verdict) and the queries the
# page writes into its address. tests/test_calculator_fast_path.py checks the page against this list.
PAGE_PARTS = frozenset({
    "verdict", "label", "family", "summary", "explanation", "confidence", "confidence_band", "is_default",
    "default_note", "retrieval", "contributions", "gates", "flips", "flip_groups", "warnings", "next_steps",
    "links", "query", "model_version", "permalink_query", "cost", "chart", "display",
})

_model: Model | None = None
_archived: dict[str, Model] = {}  # earlier model versions, by version, built on first use


def load(model_json: str) -> str:
    """Build the model from JSON; returns {"ok": true, "factors": ..., "inputs": ...} or an error."""
    global _model
    try:
        data = json.loads(model_json)
        model = Model.from_dict(data)
    except (ValueError, CalculatorError) as exc:
        _model = None
        return _error(f"the calculator model could not be loaded: {exc}")
    _model = model
    _archived.clear()  # built with sentences lent by the previous model
    reply = json.dumps({"ok": True, "model_version": model.version, **model.listing()})
    # What is alive now (the modules, the model) lives as long as the page. Frozen, it is left out of
    # the collections that each run's allocations trigger, which then scan only the run's own objects
    # (in Pyodide a collection over the start-up heap takes ~10 ms, a pause a reader would notice).
    gc.collect()
    gc.freeze()
    return reply


def run(raw_answers_json: str, site_url: str = "") -> str:
    """Score answers taken from the page (form or URL); unknown or bad values are dropped, not fatal.

    Returns {ok, answers, dropped, query, permalink_query, model_version, result}: `query` is the
    accepted answers as the page's URL query, `permalink_query` the same plus the model version (the
    link to cite), `result` the parts of the verdict's display tree the page paints (`PAGE_PARTS`).
    A `model-version` among the answers is not an answer: it is ignored here (`compare` honours it).
    """
    try:
        answers_dict, dropped, verdict = _score(raw_answers_json)
        result = verdict.to_dict(site_url, PAGE_PARTS)
        return json.dumps({"ok": True, "answers": answers_dict, "dropped": dropped, "query": result["query"],
                           "permalink_query": result["permalink_query"], "model_version": result["model_version"],
                           "result": result}, ensure_ascii=False)
    except Exception as exc:  # the page must always get an answer it can paint
        return _error(_describe(exc))


def compare(old_model_json: str, raw_answers_json: str, site_url: str = "") -> str:
    """Score answers with an earlier model version (its archived JSON) and with today's model.

    Returns {ok, answers, dropped, query, permalink_query, model_version, result}, where `result` is
    `calculator.versions.compare`'s {then_version, now_version, then_note, then, now, same, summary,
    differences, ...}, and the queries and `model_version` are the earlier version's (the link as made).
    """
    try:
        old = _earlier_model(old_model_json)
        result = compare_versions(old, _model, json.loads(raw_answers_json), site_url)
        then = result["then"]
        return json.dumps({"ok": True, "answers": result["answers"], "dropped": result["dropped"], "query": then["query"],
                           "permalink_query": then["permalink_query"], "model_version": then["model_version"],
                           "result": result}, ensure_ascii=False)
    except Exception as exc:  # the page must always get an answer it can paint
        return _error(_describe(exc))


def record(raw_answers_json: str, site_url: str = "", details_json: str = "{}") -> str:
    """The Markdown decision record for these answers, made only when the reader asks for it.

    `details_json` may hold `date` (the reader's, YYYY-MM-DD), `feature`, `owner` and
    `model_version`; a version earlier given to `compare` makes the record of that version's
    verdict, with what today's model says. Returns {ok, markdown, filename}.
    """
    try:
        details = json.loads(details_json or "{}")
        details = details if isinstance(details, dict) else {}
        raw = json.loads(raw_answers_json)
        version = details.get("model_version") or requested_version(raw)
        filed = RecordDetails.of(details.get("date", ""), details.get("feature", ""), details.get("owner", ""))
        if _model is not None and isinstance(version, str) and version in _archived and version != _model.version:
            comparison = compare_versions(_archived[version], _model, raw, site_url)
            view = comparison["then"]
        else:
            _, _, verdict = _score(raw_answers_json)
            view, comparison = verdict.to_dict(site_url), None
        return json.dumps({"ok": True, "markdown": decision_record(view, filed, comparison),
                           "filename": record_filename(view, filed)}, ensure_ascii=False)
    except Exception as exc:  # the page must always get an answer it can show
        return _error(_describe(exc))


class _NotLoaded(Exception):
    pass


def _score(raw_answers_json: str):
    if _model is None:
        raise _NotLoaded("the calculator model is not loaded; call load() first")
    answers_dict, dropped = sanitize_answers(_model, without_version(json.loads(raw_answers_json)))
    return answers_dict, dropped, evaluate(_model, parse_answers(_model, answers_dict))


def _earlier_model(model_json: str) -> Model:
    """An archived model version, built once; today's own version is today's model."""
    if _model is None:
        raise _NotLoaded("the calculator model is not loaded; call load() first")
    data = json.loads(model_json)
    if not isinstance(data, dict):
        raise ValueError("the earlier model must be a JSON object")
    version = version_of(data)
    if version == _model.version:
        return _model
    if version not in _archived:
        _archived[version] = archived_model(data, _model)
    return _archived[version]


def _describe(exc: Exception) -> str:
    return str(exc) if isinstance(exc, _NotLoaded) else f"{exc.__class__.__name__}: {exc}"


def _error(message: str) -> str:
    return json.dumps({"ok": False, "error": message}, ensure_ascii=False)
