"""parse_yaml: plain data plus the line of every key path, duplicate keys, and syntax errors located by line."""
from __future__ import annotations

import pytest

from sitegen.content.yamlsource import YamlSyntaxError, parse_yaml

TEXT = """\
reviewed: 2026-01-15
items:
  - id: one
    nested:
      deep: 1
  - id: two
    text: >
      folded
      text
flow: [a, b]
"""


@pytest.fixture(scope="module")
def doc():
    return parse_yaml(TEXT)


def test_data_is_plain_and_dates_stay_text(doc):
    assert doc.data == {"reviewed": "2026-01-15", "items": [{"id": "one", "nested": {"deep": 1}},
                                                            {"id": "two", "text": "folded text\n"}],
                        "flow": ["a", "b"]}


@pytest.mark.parametrize("path, line", [
    ((), 1),
    (("reviewed",), 1),
    (("items",), 2),
    (("items", 0), 3),
    (("items", 0, "nested"), 4),
    (("items", 0, "nested", "deep"), 5),
    (("items", 1, "id"), 6),
    (("items", 1, "text"), 7),  # the key's line, not the line where its block value starts
    (("flow", 1), 10),
])
def test_line_of_nested_paths(doc, path, line):
    assert doc.line_of(path) == line


@pytest.mark.parametrize("path, line", [
    (("items", 1, "missing"), 6),  # a missing key points at its parent
    (("items", 7), 2),
    (("nowhere", "at", "all"), 1),
])
def test_line_of_a_missing_path_is_its_deepest_known_parent(doc, path, line):
    assert doc.line_of(path) == line


def test_duplicate_keys_are_listed_with_the_line_of_the_repeat():
    doc = parse_yaml("a:\n  b: 1\n  c: 2\n  b: 3\ntop: x\ntop: y\n")
    assert doc.duplicate_keys == [(("a", "b"), 4), (("top",), 6)]
    assert doc.data == {"a": {"b": 3, "c": 2}, "top": "y"}
    assert parse_yaml(TEXT).duplicate_keys == []


@pytest.mark.parametrize("text, line, message", [
    ("a: 1\nb: [1\n", 3, "YAML syntax error: did not find expected ',' or ']'; fix the indentation or quoting on this line"),
    ("a: 1\n b: 2\n", 2, "YAML syntax error: mapping values are not allowed in this context; "
                         "fix the indentation or quoting on this line"),
    ("a:\n  - b\n c: d\n", 3, "YAML syntax error: did not find expected key; fix the indentation or quoting on this line"),
    ("a: 1\nb: x\x07y\n", 2, "YAML could not be read: it contains a character YAML does not allow; remove it"),
])
def test_syntax_errors_name_their_line(text, line, message):
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text)
    assert (caught.value.line, caught.value.message, str(caught.value)) == (line, message, message)


@pytest.mark.parametrize("text", ["", "# only a comment\n"])
def test_an_empty_document_is_none_at_line_one(text):
    doc = parse_yaml(text)
    assert doc.data is None and doc.line_of(("anything",)) == 1


def test_only_safe_yaml_is_constructed():
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml("a: !!python/object/apply:os.system ['true']\n")
    assert caught.value.line == 1
    assert caught.value.message.startswith("YAML syntax error: could not determine a constructor for the tag")
