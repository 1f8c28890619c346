"""`[[id]]` references and id links become relative Markdown links (same-page ones a bare fragment)."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.render.links import anchor_link, outside_link, ref_resolver

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"


@pytest.fixture(scope="module")
def site():
    return load_site(FIXTURE)


def test_refs_link_relative_to_the_page(site):
    resolve = ref_resolver(site, "faq.md")
    assert resolve("See [[row-one]], [[task-clarity]] and [[verdict]].") == (
        "See [Speed](comparison.md#row-one), [Task clarity](checklist.md#task-clarity) and "
        "[The verdict](index.md#verdict).")


def test_refs_to_the_same_page_are_fragments(site):
    assert ref_resolver(site, "comparison.md")("Compare [[row-one]].") == "Compare [Speed](#row-one)."
    assert ref_resolver(site, "faq.md")("[[faq-one]]") == "[Should I start small?](#faq-one)"


def test_refs_to_a_whole_page_link_the_page(site):
    assert ref_resolver(site, "faq.md")("Read [[fine-tuning]].") == "Read [Tuning](fine-tuning.md)."
    assert ref_resolver(site, "fine-tuning.md")("Read [[fine-tuning]].") == "Read [Tuning](fine-tuning.md)."


def test_ref_text_and_running_text_titles(site):
    resolve = ref_resolver(site, "faq.md")
    assert resolve("Mind the [[row-one|speed row]].") == "Mind the [speed row](comparison.md#row-one)."
    # A bare glossary term reads in running-text case mid-sentence and keeps its capital at a sentence start.
    assert resolve("[[term-one]] first. Then [[term-one]].") == (
        "[Zeta](glossary.md#term-one) first. Then [zeta](glossary.md#term-one).")


def test_resolved_prose_is_stripped_and_malformed_refs_are_left(site):
    assert ref_resolver(site, "faq.md")("  [[Bad Ref]] stays.\n") == "[[Bad Ref]] stays."


def test_an_unknown_id_is_a_key_error_because_the_loader_rejects_it_first(site):
    with pytest.raises(KeyError):
        ref_resolver(site, "faq.md")("[[no-such-id]]")
    with pytest.raises(KeyError):
        anchor_link(site, "faq.md")("no-such-id")


def test_anchor_link_uses_the_anchor_title_unless_given_one(site):
    link = anchor_link(site, "comparison.md")
    assert link("row-one") == "[Speed](#row-one)"
    assert link("row-one", "the speed row") == "[the speed row](#row-one)"
    assert link("term-one") == "[Zeta](glossary.md#term-one)"
    assert link("prompt-engineering") == "[Prompting](prompt-engineering.md)"
    assert anchor_link(site, "index.md")("row-one") == "[Speed](comparison.md#row-one)"


def test_a_source_reference_cites_the_entry_on_the_sources_page(site):
    resolve = ref_resolver(site, "faq.md")
    assert resolve("Closed to new users ([[source-one]]).") == "Closed to new users ([Vendor A: Tuning](sources.md#source-one))."
    assert resolve("See [[source-two|the list]].") == "See [the list](sources.md#source-two)."
    assert ref_resolver(site, "sources.md")("[[source-one]]") == "[Vendor A: Tuning](#source-one)"


def test_outside_links_escape_brackets_and_parentheses():
    assert outside_link("Guide", "https://example.org/a") == "[Guide](https://example.org/a)"
    assert outside_link("Retired [list]", "https://example.org/a(b)") == "[Retired \\[list\\]](https://example.org/a%28b%29)"
