"""Command line: `python -m calculator --list` and `python -m calculator --answers FILE`.

CPython only (listed in BROWSER_EXCLUDE): it reads files, parses YAML and loads the site's
content through sitegen, all imported lazily so the rest of the package stays stdlib-only.
Bad input exits with status 2 and one line per problem; it never shows a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from ._fields import kind_of
from .answers import parse_answers
from .engine import evaluate
from .errors import AnswerError, ModelError
from .model import Model
from .record import decision_record
from .text_report import listing_text, verdict_text

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1
REPO_ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("text", "json", "markdown")


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
    model = load_model(args.content)
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
    if args.format == "json":
        print(json.dumps(verdict.to_dict(site_url), indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(decision_record(model, verdict, site_url), end="")
    else:
        print(verdict_text(model, verdict, site_url), end="")
    return EXIT_OK


def load_model(content_dir: Path) -> Model:
    """The model as the site sees it: every content file validated, anchors included."""
    from sitegen.content import ContentError, load_site  # CPython only: pydantic and YAML

    try:
        data = load_site(content_dir).calculator_data()
    except ContentError as exc:
        raise _Failure(list(exc.lines) or [str(exc)]) from None
    try:
        return Model.from_dict(data)
    except ModelError as exc:  # load_site checks this too; kept for a clear message if it ever slips
        raise _Failure([f"content/calculator.yml: {line}" for line in str(exc).splitlines()]) from None


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
