"""Each page's own history: its changes in a collapsed block by the review line, and a note once its review is old."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.pages import generated_pages
from sitegen.render.history import page_history

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"
BUILD = "0123456789ab"
NOTE = '!!! warning "Possibly stale"'  # the fixture's freshness.title
# The fixture's changes.yml: reworded-answer touched faq.yml and approaches.yml, launch overview.yml.
EXPECTED_CHANGES = {
    "index.md": ["launch"],
    "faq.md": ["reworded-answer"],
    "prompt-engineering.md": ["reworded-answer"],
    "fine-tuning.md": ["reworded-answer"],
    "comparison.md": [],
    "calculator.md": [],
    "changes.md": [],
}


@pytest.fixture(scope="module")
def site():
    return load_site(FIXTURE)


def pages_of(site) -> dict[str, str]:
    return {page.path: page.markdown for page in generated_pages(site, BUILD)}


def footer(markdown: str) -> str:
    return markdown[markdown.index('id="reviewed"'):]


@pytest.mark.parametrize("page, expected", EXPECTED_CHANGES.items())
def test_a_page_lists_the_changes_to_its_own_file_in_its_footer(site, page, expected):
    markdown = pages_of(site)[page]
    shown = re.findall(r"\]\(changes\.md#([a-z-]+)\)", footer(markdown))[:-1]  # the last links the whole page
    assert shown == expected
    assert ('??? note "Changed here"' in footer(markdown)) == bool(expected)


def test_a_change_reads_as_its_date_linking_to_the_change_and_its_summary(site):
    faq = footer(pages_of(site)["faq.md"])
    assert ("    - [15 January 2026](changes.md#reworded-answer): Reworded the answer about [alpha](glossary.md#term-two) "
            "and both approach pages.") in faq
    assert "    [What changed](changes.md#changes)" in faq


def test_last_reviewed_is_a_block_with_the_published_id_not_a_heading(site):
    for page, markdown in pages_of(site).items():
        if page == "methodology.md":
            continue  # the methodology page has only its top line
        assert '<p class="reviewed-footer" id="reviewed">Last reviewed 15 January 2026.</p>' in markdown, page
        assert not re.search(r"^#+ .*Last reviewed", markdown, re.M), page  # a heading would enter the table of contents
        assert "](#reviewed)" in markdown, page  # the top line still leads to it


def test_without_a_date_no_page_carries_the_out_of_date_note(site):
    assert not any(NOTE in markdown for markdown in pages_of(site).values())


def test_past_the_limit_the_page_of_the_old_file_names_its_review_date(site):
    dated = dataclasses.replace(site, reviewed={**site.reviewed, "faq": dt.date(2025, 12, 1)}, as_of=dt.date(2026, 6, 5))
    pages = pages_of(dated)
    assert ('!!! warning "Possibly stale"\n\n    Checked on 1 December 2025, over 6 months ago.\n') in pages["faq.md"]
    top = pages["faq.md"].index('class="reviewed-line"')
    assert top < pages["faq.md"].index(NOTE) < pages["faq.md"].index("{ #faq-one }")  # by the top line
    stale = [path for path, markdown in pages.items() if NOTE in markdown]
    assert stale == ["faq.md"]


def test_every_page_of_an_old_file_shows_the_note(site):
    pages = pages_of(dataclasses.replace(site, as_of=dt.date(2026, 7, 16)))
    missing = [path for path, markdown in pages.items() if "Checked on 15 January 2026, over 6 months ago." not in markdown]
    assert missing == []


def test_the_note_is_empty_while_current(site):
    assert page_history(dataclasses.replace(site, as_of=dt.date(2026, 7, 15)), "faq.md", "faq")["stale_note"] is None
