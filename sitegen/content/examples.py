"""The worked examples, checked against the calculator the build has just made.

Each example in examples.yml states the outcome the guide expects for a team's answers. The
loader calls `check_examples` once the calculator model exists: the answers must be ones the
calculator takes, the best-for ids must name best-for items, the examples together must show
every best-for item and every outcome, and the verdict the calculator computes must be the one
expected. A difference is a build error, so the guide and the calculator cannot drift apart.
"""
from __future__ import annotations

import difflib
from collections.abc import Sequence

import calculator

from .errors import Path, Problem, format_key_path
from .models import Example, ExamplesFile
from .yamlsource import YamlDocument


def check_examples(display_path: str, document: YamlDocument, examples: ExamplesFile, model: calculator.Model,
                   best_for_ids: Sequence[str]) -> list[Problem]:
    """Every problem with the examples, one per line; empty when each example gives the verdict it expects."""

    def at(path: Path, message: str) -> Problem:
        return Problem(display_path, document.line_of(path), format_key_path(path), message)

    problems: list[Problem] = []
    outcome_ids = [outcome.id for outcome in model.outcomes]
    for i, example in enumerate(examples.examples):
        answers_ok = True
        for key, value in example.answers.items():
            message = _answer_problem(model, key, value)
            if message:
                answers_ok = False
                problems.append(at(("examples", i, "answers", key), f"example '{example.id}': {message}"))
        for k, item in enumerate(example.best_for):
            if item not in best_for_ids:
                problems.append(at(("examples", i, "best_for", k),
                                   f"example '{example.id}': '{item}' is not a 'best for' item; {_hint(item, best_for_ids)}"))
        if example.expected not in outcome_ids:
            problems.append(at(("examples", i, "expected"),
                               f"example '{example.id}' expects '{example.expected}', which is not a calculator outcome; "
                               f"{_hint(example.expected, outcome_ids)}"))
        elif answers_ok:
            verdict = example_verdict(model, example)
            if verdict.verdict != example.expected:
                problems.append(at(("examples", i, "expected"),
                                   f"example '{example.id}' expects '{example.expected}' but the calculator gives "
                                   f"'{verdict.verdict}' ({_reasons(verdict)}); fix the answers or the expectation"))

    shown = {item for example in examples.examples for item in example.best_for}
    for item in best_for_ids:
        if item not in shown:
            problems.append(at(("examples",), f"no example illustrates the 'best for' item '{item}'; "
                                              "add it to the best_for list of an example that shows it, or add one"))
    expected = {example.expected for example in examples.examples}
    for outcome in outcome_ids:
        if outcome not in expected:
            problems.append(at(("examples",), f"no example expects the outcome '{outcome}'; "
                                              "add an example whose answers lead there"))
    return problems


def example_verdict(model: calculator.Model, example: Example) -> calculator.Verdict:
    """The calculator's verdict on an example's answers (already checked by `check_examples`)."""
    return calculator.evaluate(model, calculator.parse_answers(model, dict(example.answers)))


def _answer_problem(model: calculator.Model, key: str, value: object) -> str | None:
    """The calculator's own message for one answer it would refuse, without the key it starts with."""
    try:
        calculator.parse_answers(model, {key: value})
    except calculator.AnswerError as exc:
        message = "; ".join(exc.problems)
        return message[len(key) + 2:] if message.startswith(f"{key}: ") else message
    return None


def _reasons(verdict: calculator.Verdict) -> str:
    """What the computed verdict rests on: the score, the retrieval signal and the gates that fail."""
    failing = ", ".join(gate.id for gate in verdict.failing_gates) or "none"
    return (f"score {verdict.score} against the threshold {verdict.threshold}, "
            f"retrieval {verdict.retrieval_points} against {verdict.retrieval_threshold}, failing gates: {failing}")


def _hint(wrong: str, allowed: Sequence[str]) -> str:
    close = difflib.get_close_matches(wrong, list(allowed), n=3)
    return f"did you mean {', '.join(close)}?" if close else f"use one of: {', '.join(allowed)}"
