"""The browser's entry point: JSON strings in, JSON strings out, so no Pyodide proxy ever leaks.

The page calls `load` once with the model JSON (`Model.to_dict()`, written by the build), then
`run` on every change of the answers, and `record` only when the reader copies the record.
Errors come back as `{"ok": false, "error": ...}` instead of exceptions, because a Python
exception surfacing in JavaScript is harder to show well than a message.
"""
from __future__ import annotations

import json

from .answers import parse_answers, sanitize_answers
from .engine import evaluate
from .errors import CalculatorError
from .model import Model
from .record import decision_record

_model: Model | None = None


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
    return json.dumps({"ok": True, **model.listing()})


def run(raw_answers_json: str, site_url: str = "") -> str:
    """Score answers taken from the page (form or URL); unknown or bad values are dropped, not fatal.

    Returns {ok, answers, dropped, query, result}: `query` is the accepted answers as the page's
    URL query, `result` the verdict's display tree the page paints.
    """
    try:
        answers_dict, dropped, verdict = _score(raw_answers_json)
        result = verdict.to_dict(site_url)
        return json.dumps({"ok": True, "answers": answers_dict, "dropped": dropped, "query": result["query"],
                           "result": result}, ensure_ascii=False)
    except Exception as exc:  # the page must always get an answer it can paint
        return _error(_describe(exc))


def record(raw_answers_json: str, site_url: str = "") -> str:
    """The Markdown decision record for these answers, made only when the reader asks for it."""
    try:
        _, _, verdict = _score(raw_answers_json)
        return json.dumps({"ok": True, "markdown": decision_record(verdict.to_dict(site_url))}, ensure_ascii=False)
    except Exception as exc:  # the page must always get an answer it can show
        return _error(_describe(exc))


class _NotLoaded(Exception):
    pass


def _score(raw_answers_json: str):
    if _model is None:
        raise _NotLoaded("the calculator model is not loaded; call load() first")
    answers_dict, dropped = sanitize_answers(_model, json.loads(raw_answers_json))
    return answers_dict, dropped, evaluate(_model, parse_answers(_model, answers_dict))


def _describe(exc: Exception) -> str:
    return str(exc) if isinstance(exc, _NotLoaded) else f"{exc.__class__.__name__}: {exc}"


def _error(message: str) -> str:
    return json.dumps({"ok": False, "error": message}, ensure_ascii=False)
