"""Reading the CLI's input files safely: bounded size, bounded numbers, keys given twice reported.

CPython only (listed in BROWSER_EXCLUDE with the CLI): it parses YAML. Every problem is an
`InputError` whose lines are ready to print, each naming the file (escaped) and, where it can,
the line; nothing here ever converts a number of unbounded size or reads without a limit.
"""
from __future__ import annotations

import json
import re
import sys

from .values import kind_of, shown

# Bounds on untrusted input, so bad input costs little time and prints little.
MAX_ANSWERS_BYTES = 1024 * 1024  # an answers file is a few hundred bytes; stdin and /dev/zero stop here
MAX_MODEL_BYTES = 16 * 1024 * 1024  # the site's model.json is tens of kilobytes
MAX_NUMBER_DIGITS = 100  # longer whole numbers are refused while parsing, never converted
MAX_PROBLEM_LINES = 20
MAX_SHOWN_PATH = 200


class InputError(Exception):
    """Input the CLI cannot use; `lines` are printed to stderr (at most MAX_PROBLEM_LINES of them),
    then one line counting the rest and `more` problems that were counted but never worded."""

    def __init__(self, lines: list[str], more: int = 0):
        super().__init__("\n".join(lines[:MAX_PROBLEM_LINES]))
        self.lines = lines
        self.more = more


class _TooLong:
    """Stands in for a number refused while parsing, so parsing can go on and find every problem."""


def read_answers(path: str) -> object:
    """Parse an answers file (YAML, or JSON which YAML reads too); an empty file means no answers."""
    shown_path = display(path)
    text = read_text(path, MAX_ANSWERS_BYTES, "answers file")
    if path.endswith(".json"):
        data = parse_json(text, shown_path) if text.strip() else None
    else:
        data = parse_yaml(text, shown_path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError([f"{shown_path}: answers must be a mapping of factor id to option id "
                        f"(and input id to number), not {kind_of(data)}"])
    return data


def read_text(path: str, limit: int, what: str) -> str:
    """At most `limit` bytes of UTF-8 text from a file or ('-') stdin, newlines made '\\n'."""
    shown_path = display(path)
    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", sys.stdin)  # a text stream when a test swaps stdin
            data = stream.read(limit + 1)
            if isinstance(data, str):
                data = data.encode("utf-8", "surrogatepass")
        else:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError([f"{shown_path}: cannot read the {what}: {exc.strerror or exc}"]) from None
    if len(data) > limit:
        raise InputError([f"{shown_path}: the {what} is larger than {_size(limit)}; reading stopped there"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError([f"{shown_path}: cannot read the {what}: it is not UTF-8 text"]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as reading in text mode does


def _size(limit: int) -> str:
    mib = limit / (1024 * 1024)
    return f"{mib:g} MiB ({limit:,} bytes)" if mib >= 1 else f"{limit:,} bytes"


def parse_json(text: str, shown_path: str) -> object:
    """JSON; keys given twice and overlong numbers are reported with their lines, all at once."""
    found = {"duplicates": False, "long": False}

    def keep_pairs(pairs: list) -> dict:
        mapping = dict(pairs)
        if len(mapping) < len(pairs):
            found["duplicates"] = True
        return mapping

    def parse_int(digits: str) -> object:
        if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
            found["long"] = True
            return _TooLong()
        return int(digits)

    try:
        data = json.loads(text, object_pairs_hook=keep_pairs, parse_int=parse_int)
    except json.JSONDecodeError as exc:
        raise InputError([f"{shown_path}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"]) from None
    except RecursionError:
        raise InputError([f"{shown_path}: not valid answers: lists or mappings are nested too deeply to read"]) from None
    if found["duplicates"] or found["long"]:
        raise InputError([f"{shown_path}:{line}: {problem}" for line, problem in _json_problems(text)])
    return data


# JSON's tokens, enough to follow valid JSON (strings whole, so nothing inside one is mistaken for structure).
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[{}\[\]:,]')


def _json_problems(text: str) -> list[tuple[int, str]]:
    """(line, problem) for each key given twice in one object and each overlong whole number.

    Only called on text json.loads accepted; the JSON parser does not say where things are.
    """
    problems: list[tuple[int, str]] = []
    stack: list[dict | None] = []  # one entry per open object (its keys -> line) or list (None)
    expect_key = False
    line, last = 1, 0
    for match in _JSON_TOKEN.finditer(text):
        token, start = match.group(), match.start()
        line += text.count("\n", last, start)
        last = start
        if token == "{":
            stack.append({})
            expect_key = True
        elif token == "[":
            stack.append(None)
            expect_key = False
        elif token in ("}", "]"):
            stack.pop()
            expect_key = False
        elif token == ",":
            expect_key = bool(stack) and stack[-1] is not None
        elif token == ":":
            expect_key = False
        elif token.startswith('"'):
            if expect_key:
                key, keys = json.loads(token), stack[-1]
                if key in keys:
                    problems.append((line, f"{shown(key)}: duplicate key; first given on line {keys[key]}"))
                else:
                    keys[key] = line
            expect_key = False
        elif not any(c in token for c in ".eE") and len(token.lstrip("-")) > MAX_NUMBER_DIGITS:
            problems.append((line, _long_number(len(token.lstrip("-")))))
    return problems


def _long_number(digits: int) -> str:
    return f"a number with {digits:,} digits is too long; numbers may have at most {MAX_NUMBER_DIGITS} digits"


def parse_yaml(text: str, shown_path: str) -> object:
    """YAML (libyaml when present); keys given twice and overlong numbers are reported with their lines."""
    import yaml  # CPython only

    loader = _yaml_loader(yaml)(text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise InputError([f"{shown_path}: not valid YAML or JSON: {shown(problem, 200)}{where}"]) from None
    except RecursionError:
        raise InputError([f"{shown_path}: not valid answers: lists or mappings are nested too deeply to read"]) from None
    finally:
        loader.dispose()
    if loader.problems:
        raise InputError([f"{shown_path}:{line}: {problem}" for line, problem in sorted(loader.problems, key=lambda p: p[0])])
    return data


_LOADER = None


def _yaml_loader(yaml):
    """A safe loader that reports keys given twice and overlong numbers instead of reading them."""
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    from yaml.constructor import ConstructorError
    from yaml.nodes import MappingNode, ScalarNode

    class AnswersLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        def __init__(self, stream):
            super().__init__(stream)
            self.problems: list[tuple[int, str]] = []

        def construct_object(self, node, deep=False):
            try:
                return super().construct_object(node, deep)
            except (ValueError, OverflowError) as exc:  # e.g. a date with month 13, `!!int abc`
                value = f" '{shown(node.value)}'" if isinstance(node, ScalarNode) else ""
                raise ConstructorError(None, None, f"cannot read the value{value}: {exc}", node.start_mark) from None

        def construct_mapping(self, node, deep=False):
            if isinstance(node, MappingNode):
                first_line: dict = {}
                for key_node, _ in node.value:
                    if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                        continue
                    key = self.construct_object(key_node)
                    line = key_node.start_mark.line + 1
                    if key in first_line:
                        self.problems.append((line, f"{shown(key)}: duplicate key; first given on line {first_line[key]}"))
                    else:
                        first_line[key] = line
            return super().construct_mapping(node, deep)

        def construct_yaml_int(self, node):
            digits = node.value.replace("_", "").lstrip("+-")
            if len(digits) > MAX_NUMBER_DIGITS:
                self.problems.append((node.start_mark.line + 1, _long_number(len(digits))))
                return _TooLong()
            return super().construct_yaml_int(node)

    AnswersLoader.add_constructor("tag:yaml.org,2002:int", AnswersLoader.construct_yaml_int)
    _LOADER = AnswersLoader
    return AnswersLoader


def display(path: str) -> str:
    """A file name as messages show it: stdin named, control characters escaped, long names cut."""
    return "<stdin>" if path == "-" else shown(path, MAX_SHOWN_PATH)
