"""Walking parsed YAML: every value of a content file with its key path, parents before children."""
from __future__ import annotations

from collections.abc import Iterator


def walk(data: object, path: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """(key path, value) for `data` and everything inside it, depth first, each parent before its children."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from walk(value, path + (i,))
