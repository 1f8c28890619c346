"""One exception for every content problem, carrying editor-ready lines."""
from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]


def format_key_path(path: Path) -> str:
    """Render a key path the way an editor reads YAML: `rows[2].values.fine-tuning`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


@dataclass(frozen=True, order=True)
class Problem:
    """A single thing wrong with a content file, located by file, line and key path."""

    file: str
    line: int
    key_path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.key_path}: {self.message}"


class ContentError(Exception):
    """Raised when content cannot be loaded; `lines` holds one editor-ready line per problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        self.lines = [str(p) for p in self.problems]
        super().__init__("\n".join(self.lines))
