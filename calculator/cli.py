"""Command line: `python -m calculator --list` and `python -m calculator --answers FILE`.

CPython only (listed in BROWSER_EXCLUDE): it reads files and parses YAML (imported lazily so the
rest of the package stays stdlib-only). The model comes from `--model FILE` (the JSON the site
publishes at assets/calculator/model.json) or, by default, from the installed project's content
through the `calculator.model_sources` entry point; this package never imports the site's code.
Bad input exits with status 2 and one line per problem; it never shows a traceback. Every line is
bounded: names from the command line and the file are escaped (no control characters reach the
terminal), files are read up to a size limit, numbers up to a digit limit, and at most
MAX_PROBLEM_LINES problems are printed, then one line saying how many more there were.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from datetime import date
from pathlib import Path

from .answers import parse_answers
from .engine import evaluate
from .errors import AnswerError, ModelError, ModelSourceError
from .model import Model
from .model import version_of
from .record import RecordDetails, decision_record
from .versions import ARCHIVE_FOLDER, VERSION_PATTERN, archived_model, compare
from .input_files import (
    MAX_ANSWERS_BYTES,
    MAX_MODEL_BYTES,
    MAX_PROBLEM_LINES,
    InputError,
    display,
    parse_json,
    read_answers,
    read_text,
)
from .text_report import comparison_text, listing_text, verdict_text
from .values import shown

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1
REPO_ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("text", "json", "markdown")
# Where the default model comes from: a callable `load(content_dir) -> Model` registered by the
# project that owns the content (pyproject.toml, [project.entry-points."calculator.model_sources"]).
MODEL_SOURCES = "calculator.model_sources"
_MIB = MAX_ANSWERS_BYTES // (1024 * 1024)


_Failure = InputError  # bad input found by the CLI itself, printed the same way


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        """Usage errors echo what was typed: escape it (argparse exits 2)."""
        super().error(shown(message, 1000))


EPILOG = f"""\
Answers file: a YAML or JSON mapping of factor id to option id, and numeric
input id to number. Factors left out take their defaults. Run --list to see
every id. At most {_MIB} MiB of answers is read: a larger file, or endless stdin,
is refused (exit status {EXIT_BAD_INPUT}).

Exit status:
  {EXIT_OK}  the verdict (or the list) was printed
  {EXIT_INTERNAL}  internal error, a bug (CALCULATOR_DEBUG=1 shows the traceback)
  {EXIT_BAD_INPUT}  bad input or usage: one line per problem on stderr, at most {MAX_PROBLEM_LINES},
     then one line saying how many more problems there were
"""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m calculator",
        description="Score answers about an LLM feature: prompt engineering, fine-tuning, or both?",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--list", action="store_true", help="list factor ids with their option ids, and the numeric inputs")
    action.add_argument("--answers", metavar="FILE", help=f"score the answers in FILE (YAML or JSON, at most {_MIB} MiB; '-' reads stdin)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--site-url", default=None,
                        help="base URL for links back to the site (default: $SITE_URL, else site_url in mkdocs.yml)")
    parser.add_argument("--model", metavar="FILE", type=Path, default=None,
                        help="score against this model JSON (the site's assets/calculator/model.json) instead of content/")
    parser.add_argument("--model-version", metavar="VERSION", default=None,
                        help="score against this earlier model version (as in a link's model-version=...), "
                             f"kept in content/{ARCHIVE_FOLDER}/; also says what today's model says")
    parser.add_argument("--feature", default="", help="the feature's name, for the decision record (--format markdown)")
    parser.add_argument("--owner", default="", help="who owns the decision, for the decision record (--format markdown)")
    parser.add_argument("--date", type=_iso_date, default=None, metavar="YYYY-MM-DD",
                        help="the decision record's date (--format markdown); default: today")
    parser.add_argument("--content", type=Path, default=REPO_ROOT / "content", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # usage errors exit 2 through argparse
    _safe_stdout()
    try:
        return _run(args)
    except _Failure as failure:
        _print_problems(failure.lines, failure.more)
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug, not bad input: say so in one line unless debugging
        if os.environ.get("CALCULATOR_DEBUG"):
            raise
        print(f"internal error: {exc.__class__.__name__}: {exc} (set CALCULATOR_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_INTERNAL


def _run(args: argparse.Namespace) -> int:
    if args.model is not None and args.model_version is not None:
        raise _Failure(["--model and --model-version both name a model; give one"])
    model = read_model(args.model) if args.model is not None else load_model(args.content)
    if args.model_version is not None:
        return _run_version(args, model)
    if args.list:
        print(_listing(model, args.format), end="")
        return EXIT_OK
    raw = read_answers(args.answers)
    try:
        answers = parse_answers(model, raw, max_problems=MAX_PROBLEM_LINES)
    except AnswerError as exc:
        raise _Failure([f"{display(args.answers)}: {problem}" for problem in exc.problems],
                       getattr(exc, "omitted", 0)) from None
    verdict = evaluate(model, answers)
    _print_verdict(args, verdict.to_dict(_site_url(args)))
    return EXIT_OK


def _run_version(args: argparse.Namespace, today: Model) -> int:
    """Score with an archived model version; say what today's model says where it differs."""
    earlier = read_archived(args.content, args.model_version, today)
    if args.list:
        print(_listing(earlier, args.format), end="")
        return EXIT_OK
    raw = read_answers(args.answers)
    try:
        parse_answers(earlier, raw, max_problems=MAX_PROBLEM_LINES)  # the file must fit the model it names
    except AnswerError as exc:
        raise _Failure([f"{display(args.answers)}: {problem}" for problem in exc.problems],
                       getattr(exc, "omitted", 0)) from None
    comparison = compare(earlier, today, raw, _site_url(args))
    shown_today = comparison if not comparison["same"] or comparison["differences"] else None
    _print_verdict(args, comparison["then"], shown_today)
    return EXIT_OK


def _print_verdict(args: argparse.Namespace, view: dict, comparison: dict | None = None) -> None:
    if args.format == "json":
        if comparison is not None:
            view = {**view, "today": {key: comparison[key] for key in ("now_version", "same", "summary", "differences")}
                    | {"verdict": comparison["now"]["verdict"], "label": comparison["now"]["label"]}}
        print(json.dumps(view, indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        details = RecordDetails.of((args.date or date.today()).isoformat(), args.feature, args.owner)
        print(decision_record(view, details, comparison), end="")
    else:
        print(verdict_text(view) + ("\n" + comparison_text(comparison) if comparison else ""), end="")


def _iso_date(text: str) -> date:
    """--date: a calendar date written YYYY-MM-DD (argparse turns the error into exit 2 with usage)."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):  # Python 3.11 also reads 20261128 and week dates
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-28") from None


def _site_url(args: argparse.Namespace) -> str:
    return args.site_url if args.site_url is not None else default_site_url()


def read_archived(content_dir: Path, version: str, today: Model) -> Model:
    """An earlier model version from the content's archive; today's own version is today's model."""
    if version == today.version:
        return today
    archive = Path(content_dir) / ARCHIVE_FOLDER
    known = sorted(p.stem for p in archive.glob("*.json") if re.fullmatch(VERSION_PATTERN, p.stem))
    if not re.fullmatch(VERSION_PATTERN, version) or version not in known:
        listing = ", ".join(known) if known else f"none (content/{ARCHIVE_FOLDER}/ is empty)"
        raise _Failure([f"--model-version: unknown model version '{shown(version, 80)}'; known versions: {listing}"])
    path = archive / f"{version}.json"
    data = parse_json(read_text(str(path), MAX_MODEL_BYTES, "model file"), display(str(path)))
    if not isinstance(data, dict) or version_of(data) != version:
        raise _Failure([f"{display(str(path))}: does not hash to its version; archived files must never be rewritten"])
    try:
        return archived_model(data, today)
    except ModelError as exc:
        raise _Failure([f"{display(str(path))}: {line}" for line in str(exc).splitlines()]) from None


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
    shown_path = display(str(path))
    text = read_text(str(path), MAX_MODEL_BYTES, "model file")
    data = parse_json(text, shown_path)
    try:
        return Model.from_dict(data)
    except ModelError as exc:
        raise _Failure([f"{shown_path}: {line}" for line in str(exc).splitlines()]) from None


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


def _print_problems(lines: list[str], more: int = 0) -> None:
    """One line per problem, at most MAX_PROBLEM_LINES, then one line counting the rest."""
    for line in lines[:MAX_PROBLEM_LINES]:
        print(line, file=sys.stderr)
    rest = max(len(lines) - MAX_PROBLEM_LINES, 0) + more
    if rest:
        noun = "problem" if rest == 1 else "problems"
        print(f"... and {rest:,} more {noun} (only the first {MAX_PROBLEM_LINES} are shown)", file=sys.stderr)


def _safe_stdout() -> None:
    """Never crash on a terminal that cannot show a character; show an escape instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
