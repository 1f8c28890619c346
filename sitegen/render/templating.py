"""The one Jinja environment: templates in sitegen/templates, and a missing field is an error, not a blank."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from ..content.refs import code_ranges
from ..sections import approach_heading, heading

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; values are escaped where raw HTML is written
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["indent_block"] = indent_block
    env.filters["one_line"] = one_line
    env.filters["cell"] = cell
    env.filters["long_date"] = long_date
    env.globals["heading"] = heading  # section titles live once, in sitegen/sections.py
    env.globals["approach_heading"] = approach_heading
    return env


def render_template(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)


def indent_block(text: str, width: int = 4) -> str:
    """Indent every line after the first, for text nested in a list item or admonition."""
    pad = " " * width
    lines = str(text).strip().splitlines()
    return "\n".join([lines[0]] + [pad + line if line.strip() else "" for line in lines[1:]]) if lines else ""


def one_line(text: str) -> str:
    """Collapse a paragraph onto one line, as a Markdown table cell requires."""
    return " ".join(str(text).split())


def cell(text: str) -> str:
    """Text for a Markdown table cell: one line, and every `|` outside code escaped, so it cannot split the row.

    Python-Markdown's tables already leave pipes inside code spans alone (and would show a backslash
    written there); a pipe someone escaped already (an odd number of backslashes before it) stays as it is.
    """
    line = one_line(text)
    code = code_ranges(line)
    out: list[str] = []
    for i, ch in enumerate(line):
        if ch == "|" and not any(start <= i < end for start, end in code):
            backslashes = len(line[:i]) - len(line[:i].rstrip("\\"))
            if backslashes % 2 == 0:
                out.append("\\")
        out.append(ch)
    return "".join(out)


def long_date(value: object) -> str:
    """`2026-11-28` as `28 November 2026`, unambiguous for readers everywhere."""
    return f"{value.day} {value:%B %Y}"  # type: ignore[attr-defined]
