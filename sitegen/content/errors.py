"""One exception for every content problem, carrying editor-ready lines."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# One way to write a key path for every content file, calculator.yml included.
from calculator.errors import format_key_path

Path = tuple[str | int, ...]

__all__ = ["ContentError", "Path", "Problem", "format_key_path", "one_line"]


@dataclass(frozen=True, order=True)
class Problem:
    """A single thing wrong with a content file, located by file, line and key path."""

    file: str
    line: int
    key_path: str
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.file}:{self.line}: {self.key_path}: {self.message}")


# Line and paragraph breaks, other control characters, and invisible format characters (zero-width
# spaces, direction overrides): echoed from content, they would break the one-line format or hide.
_ESCAPED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


def one_line(text: str) -> str:
    """`text` with every control or invisible character written as its escape (`\\n`, `\\u200b`), so it stays one line."""
    if text.isprintable():
        return text
    return "".join(ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in _ESCAPED_CATEGORIES else ch
                   for ch in text)


class ContentError(Exception):
    """Raised when content cannot be loaded; `lines` holds one editor-ready line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        self.lines = [str(p) for p in self.problems]
        super().__init__("\n".join(self.lines))
