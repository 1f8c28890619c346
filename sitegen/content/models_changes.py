"""The pydantic model of content/changes.yml: the dated history of content changes, and how old a review may grow.

Kept apart from models.py because this file is about the content itself (its history and its age),
not about a page's subject.
"""
from __future__ import annotations

import datetime as dt
import re
from string import Formatter
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from .models import Id, Markdown, Reviewed, Strict, Text

# What the out-of-date note may say about the page; the renderer fills these in.
NOTE_PLACEHOLDERS = ("reviewed", "months")


def _note_placeholders(value: str) -> str:
    """The note names the review date (that is its point) and uses no placeholder the renderer cannot fill."""
    names = [name for _, name, _, _ in Formatter().parse(value) if name is not None]
    unknown = [name for name in names if name not in NOTE_PLACEHOLDERS]
    if unknown:
        raise ValueError(f"unknown placeholder {{{unknown[0]}}}; use {{reviewed}} (the review date) or {{months}} (the limit)")
    if "reviewed" not in names:
        raise ValueError("must name the review date with {reviewed}, so a reader sees how old the page is")
    return value


NoteTemplate = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_note_placeholders),
    Field(description="Markdown shown on a page whose file is past the limit; {reviewed} is the review date, {months} the limit."),
]

def _file_name(value: str) -> str:
    """A bare file name as content/ holds them; the loader then checks that the file is one of them."""
    if not re.fullmatch(FILE_NAME_PATTERN, value):
        raise ValueError(f"'{value}' is not a file name of content/; write it like faq.yml")
    return value


FILE_NAME_PATTERN = r"[a-z]+\.yml"
ContentFileName = Annotated[
    str,
    AfterValidator(_file_name),
    Field(description="A file in content/, e.g. faq.yml; its pages list this change.",
          json_schema_extra={"pattern": f"^{FILE_NAME_PATTERN}$"}),
]


class Freshness(Strict):
    """How long a file's `reviewed:` date stays current, and what a page says once it has not."""

    review_within_months: int = Field(ge=1, le=60, description="Months after its `reviewed:` date a file counts as out of date.")
    title: Text = Field(description="Title of the note on an out-of-date page.")
    note: NoteTemplate


class Change(Strict):
    """One dated change to the content, listed on the What changed page and on each page it touched."""

    id: Id
    date: dt.date = Field(description="When the change was published, YYYY-MM-DD.")
    files: list[ContentFileName] = Field(min_length=1)
    summary: Markdown = Field(description="What changed, in one or two sentences of our own.")


class ChangesFile(Strict):
    """content/changes.yml: what changed on the site and when, newest first, and the freshness limit of every file."""

    reviewed: Reviewed
    description: Text = Field(description="The What changed page's description for search engines and link previews.")
    intro: Markdown
    on_this_page: Text = Field(description="Label of the collapsed list of a page's own changes.")
    freshness: Freshness
    changes: list[Change] = Field(min_length=1, description="Newest first.")
