"""The calculator's one exception family: every problem is reported, each with an exact message."""
from __future__ import annotations

KeyPath = tuple  # tuple[str | int, ...]: where a problem sits inside calculator.yml


def format_key_path(path: KeyPath) -> str:
    """Render a key path the way an editor reads YAML: `factors[2].options[0].points`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


class CalculatorError(Exception):
    """Base class of every error the calculator raises on purpose."""


class ModelError(CalculatorError):
    """The decision model (calculator.yml) breaks a rule.

    `problems` lists every problem found, as (key path inside calculator.yml, message), so the
    site loader can point each one at a file line.
    """

    def __init__(self, problems: list[tuple[KeyPath, str]]):
        self.problems = [(tuple(path), message) for path, message in problems]
        lines = [f"{format_key_path(path)}: {message}" for path, message in self.problems]
        super().__init__("\n".join(lines))


class AnswerError(CalculatorError):
    """A reader's answers cannot be scored; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class ModelSourceError(CalculatorError):
    """The content a model is built from has problems; `lines` are ready to print, one per problem."""

    def __init__(self, lines: list[str]):
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))
