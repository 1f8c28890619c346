"""Read typed fields out of plain data (YAML or JSON), collecting every problem with its key path.

The browser hands the model over as JSON with no schema library at hand, so the calculator
checks shapes itself. Messages follow the site loader's wording so an editor sees one voice.
"""
from __future__ import annotations

import math
import re

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_MAX_LENGTH = 64


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def shown(text: object, limit: int = 40) -> str:
    """Text safe to echo inside a one-line message: control characters escaped, long text cut."""
    text = str(text)
    cut = text[:limit] + "…" if len(text) > limit else text
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], cut)


def kind_of(value: object) -> str:
    """Name a value's kind for an error message, the way a YAML author thinks of it."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{shown(value)}'" if len(value) <= 40 else "a long text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__


def is_number(value: object) -> bool:
    """True for finite ints and floats; YAML's true/false are not numbers."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return isinstance(value, int) or math.isfinite(value)  # ints are exact; a huge one would overflow isfinite


class Fields:
    """A problem collector with typed getters. Getters return a harmless fallback on error."""

    def __init__(self) -> None:
        self.problems: list[tuple[tuple, str]] = []

    def problem(self, path: tuple, message: str) -> None:
        self.problems.append((tuple(path), message))

    def mapping(self, value: object, path: tuple, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
        """Check that `value` is a mapping with the required keys and no unknown ones."""
        if not isinstance(value, dict):
            self.problem(path, f"must be a mapping of keys to values, not {kind_of(value)}")
            return {}
        for key in required:
            if key not in value:
                self.problem(path + (key,), "required key is missing; add it")
        allowed = required + optional
        for key in value:
            if key not in allowed:
                self.problem(path + (str(key),), f"unknown key '{key}'; allowed keys here: {', '.join(allowed)}")
        return value

    def text(self, data: dict, key: str, path: tuple, default: str | None = None) -> str:
        """A non-blank string; `default` makes the key optional."""
        if key not in data:
            return default if default is not None else ""
        value = data[key]
        if not isinstance(value, str):
            self.problem(path + (key,), f"must be text, not {kind_of(value)}; quote it if it looks like a number or date")
            return ""
        if not value.strip():
            self.problem(path + (key,), "must not be empty; write the text or remove the key")
            return ""
        return value.strip()

    def ident(self, data: dict, key: str, path: tuple, default: str | None = None) -> str:
        """A lowercase-kebab id, such as `task-clarity`."""
        if key not in data:
            return default if default is not None else ""
        return self.ident_value(data[key], path + (key,))

    def ident_value(self, value: object, path: tuple) -> str:
        if not isinstance(value, str):
            self.problem(path, f"must be an id (text), not {kind_of(value)}")
            return ""
        if not ID_PATTERN.match(value) or len(value) > ID_MAX_LENGTH:
            self.problem(path, f"'{shown(value)}' is not a valid id; use lowercase words and digits joined by hyphens, like 'task-clarity'")
            return ""
        return value

    def integer(self, data: dict, key: str, path: tuple, default: int | None = None) -> int:
        """A whole number; an integral float from JSON counts as one."""
        if key not in data:
            return default if default is not None else 0
        value = data[key]
        if is_number(value) and float(value).is_integer():
            return int(value)
        self.problem(path + (key,), f"must be a whole number, not {kind_of(value)}")
        return default if default is not None else 0

    def number(self, data: dict, key: str, path: tuple, default: float | None = None) -> float:
        """A finite number (int or float)."""
        if key not in data:
            return default if default is not None else 0
        value = data[key]
        if is_number(value):
            return value  # keep ints as ints so output shows 300000, not 300000.0
        self.problem(path + (key,), f"must be a number, not {kind_of(value)}")
        return default if default is not None else 0

    def boolean(self, data: dict, key: str, path: tuple) -> bool | None:
        """true or false; None when the key is absent."""
        if key not in data:
            return None
        value = data[key]
        if isinstance(value, bool):
            return value
        self.problem(path + (key,), f"must be true or false, not {kind_of(value)}")
        return None

    def items(self, data: dict, key: str, path: tuple, min_items: int = 1) -> list[tuple[tuple, object]]:
        """The entries of a list, each with its own key path."""
        if key not in data:
            return []
        value = data[key]
        if not isinstance(value, list):
            self.problem(path + (key,), f"must be a list (lines starting with '- '), not {kind_of(value)}")
            return []
        if len(value) < min_items:
            self.problem(path + (key,), "must not be empty; add at least one item" if min_items == 1
                         else f"needs at least {min_items} items, has {len(value)}")
        return [(path + (key, i), item) for i, item in enumerate(value)]

    def id_list(self, data: dict, key: str, path: tuple) -> tuple[str, ...]:
        """A list of ids; absent means empty."""
        return tuple(self.ident_value(item, item_path) for item_path, item in self.items(data, key, path, min_items=0))

    def text_list(self, data: dict, key: str, path: tuple, min_items: int = 1) -> tuple[str, ...]:
        out = []
        for item_path, item in self.items(data, key, path, min_items=min_items):
            if not isinstance(item, str) or not item.strip():
                self.problem(item_path, f"must be non-empty text, not {kind_of(item)}")
            else:
                out.append(item.strip())
        return tuple(out)
