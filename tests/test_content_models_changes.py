"""content/changes.yml: its model, and its problems as one editor-ready line each, through the real loader."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.content import ContentError, load_site

FIXTURE_CHANGES = """reviewed: 2026-01-15
description: Dated changes to the minimal site.
intro: Changes, newest first.
on_this_page: Changed here
freshness:
  review_within_months: 6
  title: Possibly stale
  note: Checked on {reviewed}, over {months} months ago.
changes:
  - id: reworded-answer
    date: 2026-01-15
    files: [faq.yml, approaches.yml]
    summary: Reworded the answer about [[term-two]] and both approach pages.
  - id: launch
    date: 2026-01-10
    files: [overview.yml]
    summary: First publication.
"""


def edit(content: Path, old: str, new: str) -> None:
    path = content / "changes.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_site(content)
    return caught.value.lines


def test_the_fixture_is_the_text_these_cases_edit(minimal_content: Path) -> None:
    assert (minimal_content / "changes.yml").read_text(encoding="utf-8") == FIXTURE_CHANGES


def test_the_history_loads_in_file_order_with_ids_as_anchors(minimal_content: Path) -> None:
    site = load_site(minimal_content)
    assert [(c.id, c.date, c.files) for c in site.changes.changes] == [
        ("reworded-answer", dt.date(2026, 1, 15), ["faq.yml", "approaches.yml"]),
        ("launch", dt.date(2026, 1, 10), ["overview.yml"]),
    ]
    assert site.changes.freshness.review_within_months == 6
    assert site.anchors["launch"].url == "changes/#launch"
    assert site.reviewed["changes"] == site.reviewed["faq"] == dt.date(2026, 1, 15)
    assert set(site.reviewed) >= {"overview", "faq", "calculator", "examples", "changes"}
    assert site.as_of is None  # loading alone never reads the clock


CASES = [
    ("unknown-file", ("files: [overview.yml]", "files: [overveiw.yml]"),
     ["content/changes.yml:16: changes[1].files[0]: 'overveiw.yml' is not a content file; did you mean overview.yml, sources.yml?"]),
    ("not-a-file-name", ("files: [overview.yml]", "files: [Overview]"),
     ["content/changes.yml:16: changes[1].files[0]: 'Overview' is not a file name of content/; write it like faq.yml"]),
    ("older-entry-first", ("date: 2026-01-10", "date: 2026-02-01"),
     ["content/changes.yml:15: changes[1].date: 2026-02-01 is later than the entry above it (2026-01-15); list changes newest first"]),
    ("unknown-placeholder", ("note: Checked on {reviewed}, over {months} months ago.", "note: Checked on {reviewed} by {who}."),
     ["content/changes.yml:8: freshness.note: unknown placeholder {who}; use {reviewed} (the review date) or {months} (the limit)"]),
    ("note-without-date", ("note: Checked on {reviewed}, over {months} months ago.", "note: Over {months} months old."),
     ["content/changes.yml:8: freshness.note: must name the review date with {reviewed}, so a reader sees how old the page is"]),
    ("attribute-list-in-note", ("note: Checked on {reviewed}, over {months} months ago.", "note: Checked on {reviewed}. { onclick=x }"),
     ["content/changes.yml:8: freshness.note: attribute list '{ onclick=x }' is not allowed; content is Markdown only: "
      "remove the braces (the pages add every id and class themselves)",
      "content/changes.yml:8: freshness.note: unknown placeholder { onclick=x }; use {reviewed} (the review date) or {months} (the limit)"]),
    ("zero-months", ("review_within_months: 6", "review_within_months: 0"),
     ["content/changes.yml:6: freshness.review_within_months: must be greater than or equal to 1"]),
    ("missing-limit", ("  review_within_months: 6\n", ""),
     ["content/changes.yml:5: freshness.review_within_months: required key is missing; add it"]),
    ("bad-reference", ("summary: First publication.", "summary: First publication of [[term-three]]."),
     ["content/changes.yml:17: changes[1].summary: reference [[term-three]] points at no id; did you mean term-two, term-one?"]),
    ("id-taken", ("id: launch", "id: faq-one"),
     ["content/changes.yml:14: changes[1].id: id 'faq-one' is already used by content/faq.yml; ids are anchors and must be unique across the site"]),
]


@pytest.mark.parametrize("case, change, expected", CASES, ids=[c[0] for c in CASES])
def test_a_broken_history_is_one_line_per_problem(minimal_content: Path, case, change, expected) -> None:
    edit(minimal_content, *change)
    assert problems(minimal_content) == expected


def test_the_file_is_required(minimal_content: Path) -> None:
    (minimal_content / "changes.yml").unlink()
    assert problems(minimal_content) == ["content/changes.yml:1: (file): file is missing; create changes.yml in content/"]
