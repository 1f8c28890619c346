"""Walking parsed YAML: every value with its key path, parents before their children."""
from __future__ import annotations

from sitegen.content.tree import walk


def test_every_value_comes_with_its_path_parents_first():
    data = {"a": [{"id": "x", "text": "t"}], "b": 1}
    assert list(walk(data)) == [
        ((), data),
        (("a",), data["a"]),
        (("a", 0), data["a"][0]),
        (("a", 0, "id"), "x"),
        (("a", 0, "text"), "t"),
        (("b",), 1),
    ]


def test_a_start_path_prefixes_every_path():
    assert [path for path, _ in walk(["v"], ("root",))] == [("root",), ("root", 0)]
