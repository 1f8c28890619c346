"""schema.org data for machines, made from the same content the page shows.

The FAQ page carries a FAQPage (https://schema.org/FAQPage): one Question with its acceptedAnswer
per FAQ in content/faq.yml. Answers are plain text (the page's Markdown read as a reader sees
it, references by their titles), which every consumer of schema.org accepts.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser

import markdown as python_markdown

from ..content import Site
from .links import ref_resolver


def faq_page(site: Site, page: str) -> dict[str, object]:
    """The FAQPage of `page`: every FAQ in file order, each question with its answer as plain text."""
    md = ref_resolver(site, page)
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": faq.question,
             "acceptedAnswer": {"@type": "Answer", "text": plain_text(md(faq.answer))}}
            for faq in site.faq.faqs
        ],
    }


def front_matter_json(data: dict[str, object]) -> str:
    """`data` on one line that YAML front matter reads back as the same mapping.

    JSON with ASCII escapes and the default `": "` separators is YAML flow syntax; the page template
    (overrides/main.html) writes it back out with Jinja's `tojson`, which escapes `<` for a script block.
    """
    return json.dumps(data, ensure_ascii=True, sort_keys=False)


def plain_text(markdown_text: str) -> str:
    """What a reader reads of a Markdown text: links as their words, no markup, paragraphs joined by a space."""
    parser = _Text()
    parser.feed(python_markdown.markdown(markdown_text))
    parser.close()
    return " ".join("".join(parser.parts).split())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "li", "br"):
            self.parts.append(" ")  # block boundaries separate words
