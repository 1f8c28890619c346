"""Which pages the site generates, from which content file, by which pure render function."""
from __future__ import annotations

from dataclasses import dataclass

import yaml

from .calculator_page import render_calculator_page
from .content import Site
from .render import pages as render
from .render.changes import PageRef, render_changes
from .render.examples import render_examples
from .render.methodology import render_methodology


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # docs-relative, e.g. "comparison.md"
    markdown: str
    source: str  # the content file a reader should edit, e.g. "content/comparison.yml"


def generated_pages(site: Site, build: str) -> list[GeneratedPage]:
    """Every generated page, rendered. Pure: same Site and build id in, same pages out.

    `build` is the content hash of the calculator's browser assets; the calculator page appends
    it to the worker's URLs so a new build is never served stale files from a cache.
    """
    pages = [
        GeneratedPage("index.md", render.render_home(site), "content/overview.yml"),
        GeneratedPage("comparison.md", render.render_comparison(site), "content/comparison.yml"),
    ]
    pages += [
        GeneratedPage(f"{a.id}.md", render.render_approach(site, a.id), "content/approaches.yml")
        for a in site.overview.approaches
    ]
    pages += [
        GeneratedPage("checklist.md", render.render_checklist(site), "content/checklist.yml"),
        GeneratedPage("calculator.md", render_calculator_page(site, build), "content/calculator.yml"),
        GeneratedPage("methodology.md", render_methodology(site), "content/calculator.yml"),
        GeneratedPage("examples.md", render_examples(site), "content/examples.yml"),
        GeneratedPage("combining.md", render.render_combining(site), "content/combining.yml"),
        GeneratedPage("faq.md", render.render_faq(site), "content/faq.yml"),
        GeneratedPage("glossary.md", render.render_glossary(site), "content/glossary.yml"),
        GeneratedPage("sources.md", render.render_sources(site), "content/sources.yml"),
    ]
    # Last, because it links every page by the title its front matter gives it.
    refs = [PageRef(page.path, front_matter_title(page.markdown), page.source[len("content/"):-len(".yml")]) for page in pages]
    pages.append(GeneratedPage("changes.md", render_changes(site, refs), "content/changes.yml"))
    return pages


def front_matter_title(markdown: str) -> str:
    """The `title:` of a generated page's YAML front matter, the one place each page's title is written."""
    _, front, _ = markdown.split("---\n", 2)
    return str(yaml.safe_load(front)["title"])
