"""The What changed page: every change in content/changes.yml, under its own id, with links to the pages it touched."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from sitegen.content import load_site
from sitegen.pages import front_matter_title, generated_pages
from sitegen.render.changes import PageRef, render_changes

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site():
    return load_site(FIXTURE)


@pytest.fixture(scope="module")
def page(site) -> str:
    return {p.path: p.markdown for p in generated_pages(site, "0123456789ab")}["changes.md"]


def test_the_page_is_titled_by_its_section_and_described_from_content(page):
    front = yaml.safe_load(page.split("---\n")[1])
    assert front == {"title": "What changed", "description": "Dated changes to the minimal site."}
    assert "\n# What changed { #changes }\n" in page


def test_each_change_is_an_item_with_its_id_date_pages_and_summary_in_file_order(page):
    items = re.findall(r"^- (.*)\n  \{ #([a-z-]+) \}$", page, re.M)
    assert [item_id for _, item_id in items] == ["reworded-answer", "launch"]
    assert items[0][0].startswith("**15 January 2026** ([FAQ](faq.md), [Prompting](prompt-engineering.md), "
                                  "[Tuning](fine-tuning.md)): Reworded the answer about [alpha](glossary.md#term-two) "
                                  "and both approach pages.")
    assert items[1][0].startswith("**10 January 2026** ([Home](index.md)): First publication.")


def test_pages_are_linked_by_the_titles_their_front_matter_gives_them(site):
    refs = [PageRef("faq.md", "Questions [often] asked", "faq"), PageRef("changes.md", "What changed", "changes")]
    page = render_changes(site, refs)
    assert "([Questions \\[often\\] asked](faq.md)): Reworded" in page  # brackets cannot end the link text
    assert "- **10 January 2026**: First publication." in page  # a file with no page listed links nothing


def test_front_matter_title_reads_the_yaml_title():
    assert front_matter_title("---\ntitle: 'FAQ: short'\ndescription: x\n---\n\n# FAQ\n") == "FAQ: short"


def test_the_real_history_names_only_files_that_exist_and_links_every_page_it_touched():
    site = load_site(ROOT / "content")
    markdown = {p.path: p.markdown for p in generated_pages(site, "0123456789ab")}
    for change in site.changes.changes:
        assert f"{{ #{change.id} }}" in markdown["changes.md"]
    assert "([Worked examples](examples.md), [Home](index.md))" in markdown["changes.md"]
