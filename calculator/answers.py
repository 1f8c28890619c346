"""A reader's answers: checked strictly for files (every problem reported) or leniently for URLs.

Answers are one flat mapping: factor id -> option id, numeric input id -> number. A factor left
out (or left empty) is unanswered and takes its neutral default; an input left out takes the
model's example figure.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .values import is_number, kind_of, shown
from .formatting import format_number
from .errors import AnswerError
from .model import Model

# Numbers typed as text ("1e6" is text to YAML). Plain decimal notation only: no code, no commas.
_NUMBER_TEXT = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
# Limits for untrusted input from a URL: anything larger is dropped unread.
MAX_KEYS = 100
MAX_KEY_LENGTH = 64
MAX_VALUE_LENGTH = 64
MAX_NUMBER_TEXT = 32
# Whole numbers with more digits than this are named by size, never written out: every answer's range
# ends far below, and writing out a huge int costs time (and fails past Python's digit limit).
MAX_SHOWN_DIGITS = 40
_TOO_MANY_DIGITS = 10 ** MAX_SHOWN_DIGITS


@dataclass(frozen=True)
class Answers:
    """Validated answers: only what the reader gave; defaults are applied by the engine."""

    choices: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    inputs: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))

    def to_dict(self) -> dict:
        """The flat mapping form, as read from a file or a URL."""
        return {**self.choices, **self.inputs}


def parse_answers(model: Model, raw: object, *, max_problems: int | None = None) -> Answers:
    """Check answers strictly; raise AnswerError with one line per problem.

    With `max_problems`, only the first that many problems are worded and the rest are only
    counted (cheaply, so a file of a million unknown keys costs little); the error's `omitted`
    says how many were left out. Without it every problem is worded.
    """
    if not isinstance(raw, Mapping):
        error = AnswerError([f"answers must be a mapping of factor id to option id (and input id to number), "
                             f"not {_kind(raw)}"])
        error.omitted = 0
        raise error
    problems: list[str] = []
    omitted = 0
    choices: dict[str, str] = {}
    inputs: dict[str, float] = {}
    for key, value in raw.items():
        if max_problems is not None and len(problems) >= max_problems and _is_problem(model, key, value):
            omitted += 1  # counted, not worded
        elif not isinstance(key, str):
            problems.append(f"{_shown(key)}: answer keys must be factor or input ids (text), not {_kind(key)}")
        elif model.has_factor(key):
            if value is None or value == "":
                continue  # left blank: unanswered
            option, problem = _check_option(model, key, value)
            if problem:
                problems.append(problem)
            else:
                choices[key] = option
        elif model.has_input(key):
            if value is None or value == "":
                continue
            number, problem = _check_number(model, key, value)
            if problem:
                problems.append(problem)
            else:
                inputs[key] = number
        else:
            problems.append(_unknown_key(model, key))
    if problems or omitted:
        error = AnswerError(problems)
        error.omitted = omitted
        raise error
    return Answers(MappingProxyType(_in_model_order(model.factor_ids, choices)),
                   MappingProxyType(_in_model_order(model.input_ids, inputs)))


def sanitize_answers(model: Model, raw: object) -> tuple[dict, list[dict]]:
    """Keep what is valid in untrusted answers (from a URL) and say why the rest was dropped.

    Values are only compared and parsed as decimal numbers; nothing is ever evaluated. The kept
    mapping always passes `parse_answers`.
    """
    if not isinstance(raw, Mapping):
        return {}, [{"key": "", "reason": f"answers must be a mapping, not {kind_of(raw)}"}]
    kept: dict[str, object] = {}
    dropped: list[dict] = []
    for count, (key, value) in enumerate(raw.items()):
        if count >= MAX_KEYS:
            dropped.append({"key": _shown(key, MAX_KEY_LENGTH), "reason": f"more than {MAX_KEYS} answers; the rest were ignored"})
            break
        if not isinstance(key, str) or len(key) > MAX_KEY_LENGTH:
            dropped.append({"key": _shown(key, MAX_KEY_LENGTH), "reason": "not a factor or input id"})
        elif value is None or value == "":
            continue
        elif model.has_factor(key):
            if not isinstance(value, str) or len(value) > MAX_VALUE_LENGTH or not model.factor(key).has_option(value):
                allowed = ", ".join(model.factor(key).option_ids)
                dropped.append({"key": key, "reason": f"not an option of {key}; allowed: {allowed}"})
            else:
                kept[key] = value
        elif model.has_input(key):
            number, problem = _check_number(model, key, _number_from_text(value))
            if problem:
                dropped.append({"key": key, "reason": problem.split(": ", 1)[1]})
            else:
                kept[key] = number
        else:
            dropped.append({"key": _shown(key, MAX_KEY_LENGTH), "reason": "unknown factor or input"})
    order = model.factor_ids + model.input_ids
    return {k: kept[k] for k in order if k in kept}, dropped


# The checks below run on every answer of every change on the page: the wording of a problem is
# made only when there is one.

def _check_option(model: Model, factor_id: str, value: object) -> tuple[str, str | None]:
    factor = model.factor(factor_id)
    if isinstance(value, str) and factor.has_option(value):
        return value, None
    allowed = ", ".join(factor.option_ids)
    if not isinstance(value, str):
        return "", f"{factor_id}: expected an option id, not {_kind(value)}; allowed: {allowed}"
    return "", f"{factor_id}: unknown option '{shown(value)}'; allowed: {allowed}"


def _check_number(model: Model, input_id: str, value: object) -> tuple[float, str | None]:
    spec = model.input(input_id)
    if isinstance(value, str):
        value = _number_from_text(value)
    if is_number(value) and value >= 0 and spec.min <= value <= spec.max:
        return (int(value) if float(value).is_integer() else value), None
    allowed = f"a number from {format_number(spec.min)} to {format_number(spec.max)} ({spec.unit})"
    if not is_number(value):
        return 0, f"{input_id}: must be {allowed}, not {_kind(value)}"
    if value < 0:
        return 0, f"{input_id}: must not be negative, got {_number(value)}; allowed: {allowed}"
    return 0, f"{input_id}: {_number(value)} is out of range; allowed: {allowed}"


def _is_problem(model: Model, key: object, value: object) -> bool:
    """Whether parse_answers would report this answer, without wording the report."""
    if not isinstance(key, str):
        return True
    if value is None or value == "":
        return not (model.has_factor(key) or model.has_input(key))
    if model.has_factor(key):
        return not (isinstance(value, str) and model.factor(key).has_option(value))
    if model.has_input(key):
        return _check_number(model, key, value)[1] is not None
    return True


def _huge(value: object) -> bool:
    """An int too long to write out in a message (bools are ints too, but short ones)."""
    return isinstance(value, int) and not -_TOO_MANY_DIGITS < value < _TOO_MANY_DIGITS


def _number(value: float) -> str:
    if _huge(value):
        return f"a number with more than {MAX_SHOWN_DIGITS} digits"
    return format_number(value)


def _kind(value: object) -> str:
    return f"a number with more than {MAX_SHOWN_DIGITS} digits" if _huge(value) else kind_of(value)


def _shown(value: object, limit: int = 40) -> str:
    return f"(a number with more than {MAX_SHOWN_DIGITS} digits)" if _huge(value) else shown(value, limit)


def _number_from_text(value: object) -> object:
    """'2.5e6' -> 2500000.0; anything that is not plain decimal notation is returned unchanged."""
    if isinstance(value, str) and len(value) <= MAX_NUMBER_TEXT and _NUMBER_TEXT.match(value.strip()):
        return float(value.strip())
    if isinstance(value, str) and len(value) > MAX_NUMBER_TEXT:
        return value[:MAX_NUMBER_TEXT] + "…"  # reported as text, never parsed
    return value


def _unknown_key(model: Model, key: str) -> str:
    close = difflib.get_close_matches(key, list(model.factor_ids + model.input_ids), n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return (f"{shown(key)}: unknown factor; {hint}factors: {', '.join(model.factor_ids)}; "
            f"numeric inputs: {', '.join(model.input_ids)}")


def _in_model_order(order: tuple[str, ...], values: dict) -> dict:
    return {k: values[k] for k in order if k in values}
