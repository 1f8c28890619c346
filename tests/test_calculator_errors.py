"""The calculator's exception family: key paths as an editor reads them, one line per problem."""
from __future__ import annotations

import pytest

from calculator import AnswerError, CalculatorError, ModelError
from calculator.errors import ModelSourceError, format_key_path


@pytest.mark.parametrize("path, text", [
    ((), "(top level)"),
    (("scoring",), "scoring"),
    (("factors", 2, "options", 0, "points"), "factors[2].options[0].points"),
    (("messages", "no_flips"), "messages.no_flips"),
    ((0,), "[0]"),
    ((0, "id"), "[0].id"),
    (("inputs", 1, 2), "inputs[1][2]"),
])
def test_format_key_path(path, text):
    assert format_key_path(path) == text


def test_model_error_lists_every_problem_one_per_line():
    error = ModelError([(("factors", 0, "id"), "first"), ((), "second")])
    assert str(error) == "factors[0].id: first\n(top level): second"
    assert format_key_path(("outcomes", 2, "when", "lean")) == "outcomes[2].when.lean"


def test_model_error_keeps_its_problems_with_paths_as_tuples():
    error = ModelError([(["gates", 1, "factor"], "unknown factor")])
    assert error.problems == [(("gates", 1, "factor"), "unknown factor")]
    assert str(error) == "gates[1].factor: unknown factor"


def test_answer_error_joins_its_lines():
    error = AnswerError(["volume: unknown option 'x'", "speed: unknown factor"])
    assert error.problems == ["volume: unknown option 'x'", "speed: unknown factor"]
    assert str(error) == "volume: unknown option 'x'\nspeed: unknown factor"


def test_model_source_error_carries_ready_lines():
    lines = ["content/calculator.yml:3: scoring: required key is missing; add it", "content/faq.yml:1: (file): file is missing"]
    error = ModelSourceError(lines)
    assert error.lines == lines and error.lines is not lines
    assert str(error) == "\n".join(lines)


@pytest.mark.parametrize("error", [ModelError([]), AnswerError([]), ModelSourceError([])])
def test_every_error_is_a_calculator_error(error):
    assert isinstance(error, CalculatorError)
    assert str(error) == ""
