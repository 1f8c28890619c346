"""Parse YAML safely while remembering the line of every key, so errors can point at it."""
from __future__ import annotations

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


def parse_yaml(text: str) -> YamlDocument:
    """Compose the node tree (for lines), then construct plain data from the same tree."""
    loader = None
    try:
        loader = _ContentLoader(text)  # the reader rejects forbidden characters right here
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(data=None, lines={(): 1})
        doc = YamlDocument(data=None)
        _index(node, (), doc)
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


def _index(node: yaml.Node, path: Path, doc: YamlDocument) -> None:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            child = path + (key,)
            if key in seen:
                doc.duplicate_keys.append((child, key_node.start_mark.line + 1))
            seen.add(key)
            doc.lines[child] = key_node.start_mark.line + 1
            _index(value_node, child, doc)
            # A key's own line wins over the line where its (block) value starts.
            doc.lines[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, path + (i,), doc)
