"""One pure render function per page: each shows its own file's review date, links from its own page, and its own data.

The full output of every page is pinned by the golden test (test_render_golden.py); these tests
check what each function takes from the Site.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.render import pages

# Each render function, and the content file whose `reviewed:` date its page shows.
RENDERERS = {
    "overview": pages.render_home,
    "comparison": pages.render_comparison,
    "approaches": lambda site: pages.render_approach(site, "fine-tuning"),
    "checklist": pages.render_checklist,
    "faq": pages.render_faq,
    "combining": pages.render_combining,
    "glossary": pages.render_glossary,
}


def set_in_file(content: Path, name: str, old: str, new: str) -> None:
    path = content / f"{name}.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def dated_site(minimal_content: Path):
    """The fixture content with a different review date in each file: 1 to 7 March 2026."""
    for day, name in enumerate(RENDERERS, start=1):
        set_in_file(minimal_content, name, "reviewed: 2026-01-15", f"reviewed: 2026-03-0{day}")
    return load_site(minimal_content)


@pytest.mark.parametrize("day, name", list(enumerate(RENDERERS, start=1)))
def test_each_page_shows_the_review_date_of_its_own_file(dated_site, day, name):
    markdown = RENDERERS[name](dated_site)
    assert re.findall(r"Last reviewed (\d+ \w+ \d{4})", markdown) == [f"{day} March 2026"] * 2


def test_the_provider_note_links_from_each_page(minimal_content: Path):
    set_in_file(minimal_content, "overview", "provider_note: Ask the vendor.",
                "provider_note: |\n    Ask the vendor;\n    see [[row-one]].")
    site = load_site(minimal_content)
    note = '!!! info "Check the current facts with your provider"\n\n    Ask the vendor;\n    see {link}.\n'
    assert note.format(link="[Speed](#row-one)") in pages.render_comparison(site)
    assert note.format(link="[Speed](comparison.md#row-one)") in pages.render_faq(site)


def test_prose_references_link_from_the_rendered_page(minimal_content: Path):
    site = load_site(minimal_content)
    assert "[Task clarity](checklist.md#task-clarity)" in pages.render_faq(site)
    assert "[Speed](comparison.md#row-one)" in pages.render_home(site)


def test_an_approach_page_shows_that_approachs_comparison_values():
    site = load_site(Path(__file__).resolve().parent / "fixtures" / "content" / "minimal")
    tuning = pages.render_approach(site, "fine-tuning")
    prompting = pages.render_approach(site, "prompt-engineering")
    assert tuning.startswith("---\ntitle: Tuning\ndescription: Change the model.\n---\n")
    assert "Weights after training." in tuning and "Text at call time." not in tuning
    assert "Text at call time." in prompting and "Long prompts." in prompting and "Shifted inputs." not in prompting
    assert "## Pros { #prompt-engineering-pros }" in prompting
    with pytest.raises(StopIteration):
        pages.render_approach(site, "no-such-approach")
