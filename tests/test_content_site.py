"""The Site's anchors (URLs and links between pages), running_text for glossary terms, and short_title."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.content.site import Anchor, running_text, short_title

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"


@pytest.mark.parametrize("term, text", [
    ("Evaluation set", "evaluation set"),
    ("Few-shot prompting", "few-shot prompting"),
    ("Retrieval-augmented generation (RAG)", "retrieval-augmented generation (RAG)"),
    ("RAG", "RAG"),  # an acronym keeps its capitals
    ("LoRA", "LoRA"),  # so does a mixed-case name
    ("LoRA adapters", "LoRA adapters"),
    ("GPU memory", "GPU memory"),
    ("Drift", "drift"),
    ("A", "a"),
    ("", ""),
])
def test_running_text(term, text):
    assert running_text(term) == text


@pytest.mark.parametrize("markdown, title", [
    ("When the [[term-one|first term]] applies.", "When the first term applies"),
    ("Use [[task-clarity]] first.", "Use task clarity first"),
    ("**Bold**, _italic_ and `code` with [a link](https://example.org).", "Bold, italic and code with a link"),
    ("Spread\n  over   lines.", "Spread over lines"),
])
def test_short_title_removes_markup(markdown, title):
    assert short_title(markdown) == title


def test_short_title_cuts_at_a_word_boundary():
    assert short_title("word, " * 20) == "word, " * 10 + "word…"
    assert short_title("hello wide world", limit=12) == "hello wide…"
    assert short_title("a" * 80) == "a" * 70 + "…"  # no space to cut at
    assert short_title("x" * 69 + ".") == "x" * 69  # at the limit: kept whole, the full stop dropped


@pytest.mark.parametrize("anchor, url", [
    (Anchor("task-clarity", "checklist.md", "Task clarity"), "checklist/#task-clarity"),
    (Anchor("verdict", "index.md", "The verdict"), "#verdict"),
    (Anchor("fine-tuning", "fine-tuning.md", "Tuning", fragment=False), "fine-tuning/"),
])
def test_anchor_url_is_relative_to_the_site_root(anchor, url):
    assert anchor.url == url


def test_anchor_link_from_a_page():
    item = Anchor("task-clarity", "checklist.md", "Task clarity")
    page = Anchor("fine-tuning", "fine-tuning.md", "Tuning", fragment=False)
    assert item.link_from("checklist.md") == "#task-clarity"  # same page: fragment only
    assert item.link_from("faq.md") == "checklist.md#task-clarity"
    assert page.link_from("faq.md") == "fine-tuning.md"
    assert page.link_from("fine-tuning.md") == "fine-tuning.md"


def test_site_lookups_and_anchor_titles():
    site = load_site(FIXTURE)
    assert site.comparison_row("row-one").category == "Speed"
    assert site.approach_name("fine-tuning") == "Tuning"
    with pytest.raises(StopIteration):
        site.comparison_row("no-such-row")
    assert site.anchors["when-one"] == Anchor("when-one", "index.md", "When the first term applies")
    assert site.anchors["term-one"].inline_title == "zeta"
    assert site.anchors["prompt-engineering"] == Anchor("prompt-engineering", "prompt-engineering.md", "Prompting",
                                                        fragment=False)


def test_source_lookup_and_citation_anchor():
    site = load_site(FIXTURE)
    assert site.source("source-one").publisher == "Vendor A"
    with pytest.raises(StopIteration):
        site.source("no-such-source")
    assert site.anchors["source-one"].url == "sources/#source-one"
    assert site.anchors["source-one"].title == "Vendor A: Tuning"


def test_worked_examples_are_a_typed_field_and_anchors_on_the_examples_page():
    site = load_site(FIXTURE)
    assert [e.id for e in site.examples.examples][:2] == ["quiet-prototype", "shifting-helpdesk"]
    anchor = site.anchors["quiet-prototype"]
    assert (anchor.page, anchor.title, anchor.url) == ("examples.md", "A quiet prototype", "examples/#quiet-prototype")
    assert anchor.link_from("examples.md") == "#quiet-prototype"
