"""Prompt engineering or fine-tuning? A pure-Python calculator that explains its verdict.

Standard library only: the same files run in CPython and, through Pyodide, in the reader's
browser. The model (questions, points, gates, outcomes, wording, example prices) lives in
content/calculator.yml and arrives here as plain data.
"""
from .answers import Answers, parse_answers, sanitize_answers
from .engine import Verdict, evaluate
from .errors import AnswerError, CalculatorError, ModelError
from .model import Model
from .record import decision_record

# Files of this package that never go to the browser: they read files, parse YAML and talk to
# the terminal, so they are CPython-only. The browser packager reads this one list.
BROWSER_EXCLUDE = ("cli.py", "__main__.py", "text_report.py", "input_files.py")

__all__ = [
    "BROWSER_EXCLUDE",
    "AnswerError",
    "Answers",
    "CalculatorError",
    "Model",
    "ModelError",
    "Verdict",
    "decision_record",
    "evaluate",
    "parse_answers",
    "sanitize_answers",
]
