"""Parse YAML safely while remembering the line of every key, so errors can point at it.

Content is plain data: before anything is built, the event stream is checked, and aliases (a
few nested ones expand to billions of nodes), explicit tags (`!!binary`, `!!set`, `!foo`) and
deep nesting are refused at their line. Numbers are bounded before they are converted, so a
number with thousands of digits is a located error rather than Python's int-to-str limit or an
infinite float.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import yaml

from .errors import Path


# libyaml parses about ten times faster than pure Python (every build and CLI run loads all content).
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _ContentLoader(_SafeBase):  # type: ignore[misc, valid-type]
    """Safe loading without implicit timestamps: dates stay text and the schema validates them.

    PyYAML turns `2026-02-30` into a ValueError deep inside its constructor; leaving dates as
    strings lets pydantic report a bad date like any other wrong value.
    """


_ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# Content nests a few levels deep; far deeper nesting is refused before the (recursive) composer sees it.
MAX_DEPTH = 32
# Every number in content (prices, volumes, points) stays well within this; a double holds such integers exactly.
MAX_NUMBER = 10**15
# Longer than any number within MAX_NUMBER could reasonably be written (digits, sign, `_`, a fraction).
_MAX_NUMBER_TEXT = 40
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"


@dataclass
class YamlDocument:
    """Parsed data plus the 1-based line where each key path starts."""

    data: object
    lines: dict[Path, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path, int]] = field(default_factory=list)

    def line_of(self, path: Path) -> int:
        """The line of the deepest prefix of `path` the document has (a missing key points at its parent)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


class YamlRefused(Exception):
    """Well-formed YAML that content does not allow; `problems` holds (line, key path, message), all of them."""

    def __init__(self, problems: list[tuple[int, Path | None, str]]):
        self.problems = problems
        super().__init__("; ".join(message for _, _, message in problems))


def parse_yaml(text: str) -> YamlDocument:
    """Compose the node tree (for lines), then construct plain data from the same tree."""
    loader = None
    try:
        _refuse_what_content_never_needs(text)
        loader = _ContentLoader(text)  # the reader rejects forbidden characters right here
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(data=None, lines={(): 1})
        doc = YamlDocument(data=None)
        refused: list[tuple[int, Path | None, str]] = []
        _index(node, (), doc, refused, loader)
        if refused:
            raise YamlRefused(refused)
        doc.data = loader.construct_document(node)
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "could not be read"
        raise YamlSyntaxError(line, f"YAML syntax error: {problem}; fix the indentation or quoting on this line") from None
    except yaml.reader.ReaderError as exc:  # a control character or bad encoding, located by offset
        line = text.count("\n", 0, exc.position) + 1
        raise YamlSyntaxError(line, "YAML could not be read: it contains a character YAML does not allow; remove it") from None
    finally:
        if loader is not None:
            loader.dispose()


def _refuse_what_content_never_needs(text: str) -> None:
    """Walk the parse events (no node is built yet): refuse aliases, explicit tags and deep nesting, at their lines.

    Syntax errors surface here as yaml.MarkedYAMLError, as they would while composing.
    """
    refused: list[tuple[int, Path | None, str]] = []
    events = _ContentLoader(text)
    depth = 0
    try:
        while events.check_event():
            event = events.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.AliasEvent):
                refused.append((line, None, f"alias *{_short(event.anchor)} is not allowed in content; "
                                            "write the value out in full instead of pointing at an anchor"))
                continue
            tag = getattr(event, "tag", None)
            if tag is not None and isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                shown = "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
                refused.append((line, None, f"explicit tag {_short(shown)} is not allowed in content; remove it "
                                            "(and quote the value if it should be text)"))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    refused.append((line, None, f"nested more than {MAX_DEPTH} levels deep; content never needs that, "
                                                "flatten this part"))
                    break
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        events.dispose()
    if refused:
        raise YamlRefused(refused)


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


def _check_number(node: yaml.ScalarNode, path: Path, refused: list, loader: _ContentLoader) -> None:
    """A scalar that YAML reads as a number must be a finite number within ±MAX_NUMBER.

    The text's length is checked before PyYAML converts it (its own readers, so `1_000`, `0x1f`
    and `1.5e3` mean what YAML says), which keeps a thousand-digit number from ever becoming an int.
    """
    if node.tag not in (_INT_TAG, _FLOAT_TAG):
        return
    line = node.start_mark.line + 1
    limit = "numbers in content stay between -10^15 and 10^15"
    if len(node.value) > _MAX_NUMBER_TEXT:
        refused.append((line, path, f"number is {len(node.value)} characters long; {limit}, so write at most 15 digits"))
        return
    value = loader.construct_yaml_int(node) if node.tag == _INT_TAG else loader.construct_yaml_float(node)
    if isinstance(value, float) and math.isnan(value) or node.value.lower().lstrip("+-") == ".inf":
        refused.append((line, path, f"'{node.value}' is not a finite number; write an ordinary number"))
    elif not abs(value) <= MAX_NUMBER:  # also catches a float that overflowed to infinity, like 1e999
        refused.append((line, path, f"number {node.value} is too large; {limit}"))


def _index(node: yaml.Node, path: Path, doc: YamlDocument, refused: list, loader: _ContentLoader) -> None:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            child = path + (key,)
            if isinstance(key_node, yaml.ScalarNode):
                _check_number(key_node, child, refused, loader)
            if key in seen:
                doc.duplicate_keys.append((child, key_node.start_mark.line + 1))
            seen.add(key)
            doc.lines[child] = key_node.start_mark.line + 1
            _index(value_node, child, doc, refused, loader)
            # A key's own line wins over the line where its (block) value starts.
            doc.lines[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, path + (i,), doc, refused, loader)
    elif isinstance(node, yaml.ScalarNode):
        _check_number(node, path, refused, loader)
