"""Which pages the site generates, from which content file, by which pure render function."""
from __future__ import annotations

from dataclasses import dataclass

from .content import Site
from .render import pages as render


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # docs-relative, e.g. "comparison.md"
    markdown: str
    source: str  # the content file a reader should edit, e.g. "content/comparison.yml"


def generated_pages(site: Site) -> list[GeneratedPage]:
    """Every generated page, rendered. Pure: same Site in, same pages out."""
    from .calculator_page import render_calculator_page
    from .render.methodology import render_methodology

    source = {name: f"content/{name}.yml" for name in site.files}
    calculator_data = site.calculator_data()
    pages = [
        GeneratedPage("index.md", render.render_home(site), source["overview"]),
        GeneratedPage("comparison.md", render.render_comparison(site), source["comparison"]),
    ]
    pages += [
        GeneratedPage(f"{a.id}.md", render.render_approach(site, a.id), source["approaches"])
        for a in site.overview.approaches
    ]
    pages += [
        GeneratedPage("checklist.md", render.render_checklist(site), source["checklist"]),
        GeneratedPage("calculator.md", render_calculator_page(site), source["calculator"]),
        GeneratedPage("methodology.md", render_methodology(calculator_data, calculator_data["anchors"]), source["calculator"]),
        GeneratedPage("combining.md", render.render_combining(site), source["combining"]),
        GeneratedPage("faq.md", render.render_faq(site), source["faq"]),
        GeneratedPage("glossary.md", render.render_glossary(site), source["glossary"]),
    ]
    return pages
