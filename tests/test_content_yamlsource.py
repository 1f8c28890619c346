"""parse_yaml: plain data plus the line of every key path, duplicate keys, and syntax errors located by line."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sitegen.content.yamlsource import YamlRefused, YamlSyntaxError, parse_yaml

ROOT = Path(__file__).resolve().parent.parent

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
    # Every explicit tag is refused before anything is built, with a message that names it.
    with pytest.raises(YamlRefused) as caught:
        parse_yaml("a: !!python/object/apply:os.system ['true']\n")
    assert caught.value.problems == [
        (1, None, "explicit tag !!python/object/apply:os.system is not allowed in content; remove it (and quote the value if it should be text)")]


# Nine levels of ten aliases: 10^9 strings once expanded.
BILLION_LAUGHS = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 9))


def test_aliases_are_refused_at_their_line_before_anything_expands():
    with pytest.raises(YamlRefused) as caught:
        parse_yaml("a: &x [1, 2]\nb: *x\nc: {<<: *x}\n")
    message = "is not allowed in content; write the value out in full instead of pointing at an anchor"
    assert caught.value.problems == [(2, None, f"alias *x {message}"), (3, None, f"alias *x {message}")]


def test_an_alias_bomb_is_refused_in_bounded_memory():
    """In a child process capped at 1 GiB of address space; without the refusal the index grows until MemoryError."""
    script = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))
        from sitegen.content.yamlsource import YamlRefused, parse_yaml
        try:
            parse_yaml({BILLION_LAUGHS!r})
        except YamlRefused as exc:
            print(len(exc.problems), exc.problems[0][0])
        # VmHWM: this process's own peak (getrusage's ru_maxrss on Linux keeps the parent's across exec).
        peak = [line for line in open("/proc/self/status") if line.startswith("VmHWM:")]
        print(int(peak[0].split()[1]) // 1024 if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    refused, peak_mb = result.stdout.split("\n")[:2]
    assert refused == "80 2"  # every alias, the first on line 2
    assert int(peak_mb) < 200


@pytest.mark.parametrize("tag", ["!!binary aGk=", "!!set {a}", "!!timestamp 2026-01-01", "!foo bar", "!!str 12", "!!python/name:os.system ''"])
def test_explicit_tags_are_refused(tag):
    with pytest.raises(YamlRefused) as caught:
        parse_yaml(f"reviewed: 2026-01-15\nvalue: {tag}\n")
    assert [(line, path) for line, path, _ in caught.value.problems] == [(2, None)]
    assert caught.value.problems[0][2].startswith(f"explicit tag {tag.split()[0]} is not allowed in content")


def test_nesting_deeper_than_content_needs_is_refused():
    with pytest.raises(YamlRefused) as caught:
        parse_yaml("a: " + "[" * 500 + "]" * 500 + "\n")
    assert caught.value.problems == [(1, None, "nested more than 32 levels deep; content never needs that, flatten this part")]


LIMIT = "numbers in content stay between -10^15 and 10^15"


@pytest.mark.parametrize("number, message", [
    ("9" * 5000, f"number is 5000 characters long; {LIMIT}, so write at most 15 digits"),
    ("-" + "1" * 400, f"number is 401 characters long; {LIMIT}, so write at most 15 digits"),
    ("9" * 400 + ".5", f"number is 402 characters long; {LIMIT}, so write at most 15 digits"),
    ("1.0e+999", f"number 1.0e+999 is too large; {LIMIT}"),
    ("0x" + "f" * 20, f"number 0x{'f' * 20} is too large; {LIMIT}"),
    ("1_000_000_000_000_001", f"number 1_000_000_000_000_001 is too large; {LIMIT}"),
    (".inf", "'.inf' is not a finite number; write an ordinary number"),
    ("-.Inf", "'-.Inf' is not a finite number; write an ordinary number"),
    (".NaN", "'.NaN' is not a finite number; write an ordinary number"),
])
def test_numbers_are_bounded_before_they_are_converted(number, message):
    with pytest.raises(YamlRefused) as caught:
        parse_yaml(f"a:\n  b: [1, {number}]\n")
    assert caught.value.problems == [(2, ("a", "b", 1), message)]


def test_a_huge_number_as_a_key_is_refused_too():
    with pytest.raises(YamlRefused) as caught:
        parse_yaml("a:\n  " + "7" * 300 + ": x\n")
    assert caught.value.problems[0][:1] == (2,)


def test_ordinary_numbers_read_as_yaml_says():
    assert parse_yaml("a: [1_000, 0x1f, 1.5e+3, -2, 1000000000000000, 0.25, '1e999']\n").data == {
        "a": [1000, 31, 1500.0, -2, 10**15, 0.25, "1e999"]}
