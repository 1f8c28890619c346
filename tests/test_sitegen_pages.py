"""Which pages the site generates, from which content file. Their full text is pinned by test_render_golden.py."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.calculator_page import render_calculator_page
from sitegen.content import load_site
from sitegen.pages import GeneratedPage, generated_pages
from sitegen.render import pages as render
from sitegen.render.examples import render_examples
from sitegen.render.methodology import render_methodology

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"
BUILD = "feedc0ffee42"

# Each generated page and the file a reader edits for it, in the site's order.
SOURCES = {
    "index.md": "content/overview.yml",
    "comparison.md": "content/comparison.yml",
    "prompt-engineering.md": "content/approaches.yml",
    "fine-tuning.md": "content/approaches.yml",
    "checklist.md": "content/checklist.yml",
    "calculator.md": "content/calculator.yml",
    "methodology.md": "content/calculator.yml",
    "examples.md": "content/examples.yml",
    "combining.md": "content/combining.yml",
    "faq.md": "content/faq.yml",
    "glossary.md": "content/glossary.yml",
    "sources.md": "content/sources.yml",
    "changes.md": "content/changes.yml",
}


@pytest.fixture(scope="module")
def site():
    return load_site(FIXTURE)


@pytest.fixture(scope="module")
def generated(site) -> dict[str, GeneratedPage]:
    return {page.path: page for page in generated_pages(site, BUILD)}


def test_every_page_names_the_file_a_reader_edits(generated):
    assert {path: page.source for path, page in generated.items()} == SOURCES
    assert list(generated) == list(SOURCES)
    for source in set(SOURCES.values()):
        assert (ROOT / source).is_file(), source


def test_one_page_per_approach_in_overview_order(site, generated):
    approach_pages = [path for path, page in generated.items() if page.source == "content/approaches.yml"]
    assert approach_pages == [f"{a.id}.md" for a in site.overview.approaches]


def test_each_page_is_its_render_functions_output(site, generated):
    assert generated["index.md"].markdown == render.render_home(site)
    assert generated["fine-tuning.md"].markdown == render.render_approach(site, "fine-tuning")
    assert generated["methodology.md"].markdown == render_methodology(site)
    assert generated["glossary.md"].markdown == render.render_glossary(site)
    assert generated["examples.md"].markdown == render_examples(site)
    assert generated["sources.md"].markdown == render.render_sources(site)


def test_only_the_calculator_page_depends_on_the_build_id(site, generated):
    other = {page.path: page.markdown for page in generated_pages(site, "0123456789ab")}
    changed = [path for path, page in generated.items() if page.markdown != other[path]]
    assert changed == ["calculator.md"]
    assert generated["calculator.md"].markdown == render_calculator_page(site, BUILD)
