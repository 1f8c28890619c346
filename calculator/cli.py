"""Command line: `python -m calculator --list` and `python -m calculator --answers FILE`.

CPython only (listed in BROWSER_EXCLUDE): it reads files and parses YAML (imported lazily so the
rest of the package stays stdlib-only). The model comes from `--model FILE` (the JSON the site
publishes at assets/calculator/model.json) or, by default, from the installed project's content
through the `calculator.model_sources` entry point; this package never imports the site's code.
Bad input exits with status 2 and one line per problem; it never shows a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from .values import kind_of
from .answers import parse_answers
from .engine import evaluate
from .errors import AnswerError, ModelError, ModelSourceError
from .model import Model
from .record import decision_record
from .text_report import listing_text, verdict_text

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1
REPO_ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("text", "json", "markdown")
# Where the default model comes from: a callable `load(content_dir) -> Model` registered by the
# project that owns the content (pyproject.toml, [project.entry-points."calculator.model_sources"]).
MODEL_SOURCES = "calculator.model_sources"


class _Failure(Exception):
    """Input the CLI cannot use; `lines` are printed to stderr as they are."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculator",
        description="Score answers about an LLM feature: prompt engineering, fine-tuning, or both?",
        epilog="Answers file: a YAML or JSON mapping of factor id to option id, and numeric input id to "
               "number. Factors left out take their defaults. Run --list to see every id.",
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--list", action="store_true", help="list factor ids with their option ids, and the numeric inputs")
    action.add_argument("--answers", metavar="FILE", help="score the answers in FILE (YAML or JSON; '-' reads stdin)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--site-url", default=None,
                        help="base URL for links back to the site (default: $SITE_URL, else site_url in mkdocs.yml)")
    parser.add_argument("--model", metavar="FILE", type=Path, default=None,
                        help="score against this model JSON (the site's assets/calculator/model.json) instead of content/")
    parser.add_argument("--content", type=Path, default=REPO_ROOT / "content", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # usage errors exit 2 through argparse
    _safe_stdout()
    try:
        return _run(args)
    except _Failure as failure:
        for line in failure.lines:
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug, not bad input: say so in one line unless debugging
        if os.environ.get("CALCULATOR_DEBUG"):
            raise
        print(f"internal error: {exc.__class__.__name__}: {exc} (set CALCULATOR_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_INTERNAL


def _run(args: argparse.Namespace) -> int:
    model = read_model(args.model) if args.model is not None else load_model(args.content)
    if args.list:
        print(_listing(model, args.format), end="")
        return EXIT_OK
    raw = read_answers(args.answers)
    try:
        answers = parse_answers(model, raw)
    except AnswerError as exc:
        raise _Failure([f"{_display(args.answers)}: {problem}" for problem in exc.problems]) from None
    verdict = evaluate(model, answers)
    site_url = args.site_url if args.site_url is not None else default_site_url()
    view = verdict.to_dict(site_url)
    if args.format == "json":
        print(json.dumps(view, indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(decision_record(view), end="")
    else:
        print(verdict_text(view), end="")
    return EXIT_OK


def load_model(content_dir: Path) -> Model:
    """The model as the site sees it, from the content source the project registers."""
    from importlib.metadata import entry_points

    sources = list(entry_points(group=MODEL_SOURCES))
    if not sources:
        raise _Failure([f"no model source is installed (entry point group '{MODEL_SOURCES}'); "
                        "run `make install`, or pass --model with the site's assets/calculator/model.json"])
    try:
        return sources[0].load()(content_dir)
    except ModelSourceError as exc:
        raise _Failure(list(exc.lines)) from None


def read_model(path: Path) -> Model:
    """A model from JSON written by the site build (`Model.to_dict()`)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _Failure([f"{path}: cannot read the model file: {getattr(exc, 'strerror', None) or exc}"]) from None
    except json.JSONDecodeError as exc:
        raise _Failure([f"{path}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]) from None
    try:
        return Model.from_dict(data)
    except ModelError as exc:
        raise _Failure([f"{path}: {line}" for line in str(exc).splitlines()]) from None


def read_answers(path: str) -> object:
    """Parse an answers file (YAML, or JSON which YAML reads too); an empty file means no answers."""
    import yaml  # CPython only

    shown = _display(path)
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _Failure([f"{shown}: cannot read the answers file: it is not UTF-8 text"]) from None
    except OSError as exc:
        raise _Failure([f"{shown}: cannot read the answers file: {exc.strerror or exc}"]) from None
    if path.endswith(".json"):
        try:
            data = json.loads(text) if text.strip() else None
        except json.JSONDecodeError as exc:
            raise _Failure([f"{shown}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]) from None
    else:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
            problem = getattr(exc, "problem", None) or "cannot be parsed"
            raise _Failure([f"{shown}: not valid YAML or JSON: {problem}{where}"]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _Failure([f"{shown}: answers must be a mapping of factor id to option id "
                        f"(and input id to number), not {kind_of(data)}"])
    return data


def default_site_url() -> str:
    """$SITE_URL, else the default in mkdocs.yml's `site_url: !ENV [SITE_URL, "..."]`, else ''."""
    if os.environ.get("SITE_URL"):
        return os.environ["SITE_URL"]
    try:
        text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    except OSError:
        return ""
    # A regex, not a YAML load: mkdocs.yml uses tags (!ENV) that a safe loader rejects.
    match = re.search(r"^site_url:\s*(.+)$", text, re.MULTILINE)
    if not match:
        return ""
    urls = re.findall(r"""["']?(https?://[^"'\],\s]+)""", match.group(1))
    return urls[-1] if urls else ""


def _listing(model: Model, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(model.listing(), indent=2) + "\n"
    if fmt == "markdown":
        rows = ["| Factor | Options | Default |", "|---|---|---|"]
        rows += [f"| `{f.id}` | {', '.join(f'`{o}`' for o in f.option_ids)} | `{f.default}` |" for f in model.factors]
        rows += ["", "| Input | Range | Unit | Default |", "|---|---|---|---|"]
        rows += [f"| `{i.id}` | {i.min} to {i.max} | {i.unit} | {i.default} |" for i in model.inputs]
        return "\n".join(rows) + "\n"
    return listing_text(model)


def _display(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _safe_stdout() -> None:
    """Never crash on a terminal that cannot show a character; show an escape instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
