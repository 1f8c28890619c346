"""The registry of template sections: unique ids on generated pages, and the headings templates write from it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.content.models import ID_PATTERN
from sitegen.pages import generated_pages
from sitegen.sections import (
    APPROACH_SECTIONS,
    CALCULATOR_VERDICT,
    METHODOLOGY_SCORE,
    PAGE_LOCAL_IDS,
    SECTIONS,
    Section,
    approach_heading,
    heading,
    section,
)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"


def test_every_id_is_unique_and_a_valid_anchor():
    ids = [s.id for s in SECTIONS] + list(PAGE_LOCAL_IDS)
    assert len(ids) == len(set(ids))
    assert all(re.match(ID_PATTERN, section_id) for section_id in ids)
    assert all(re.match(ID_PATTERN, suffix) for suffix in APPROACH_SECTIONS)


def test_every_section_is_on_a_generated_page():
    pages = {page.path for page in generated_pages(load_site(FIXTURE), "0123456789ab")}
    assert {s.page for s in SECTIONS} <= pages


def test_section_lookup():
    assert section("faq") == Section("faq", "faq.md", "Frequently asked questions")
    assert section("sources") == Section("sources", "sources.md", "Sources")
    assert section("examples") == Section("examples", "examples.md", "Worked examples")
    assert section(CALCULATOR_VERDICT) == Section("calc-verdict", "calculator.md", "Verdict")
    assert section(METHODOLOGY_SCORE) == Section("method-score", "methodology.md", "How the score works")
    with pytest.raises(KeyError):
        section("no-such-section")


def test_heading_writes_the_registered_title_and_id():
    assert heading("verdict") == "## The verdict { #verdict }"
    assert heading("when-to-fine-tune", 3) == "### When fine-tuning earns its place { #when-to-fine-tune }"
    assert heading("calc-why", 1) == "# Why: answer by answer { #calc-why }"
    with pytest.raises(KeyError):
        heading("no-such-section")


def test_approach_heading_joins_the_approach_id_and_suffix():
    assert approach_heading("fine-tuning", "pros") == "## Pros { #fine-tuning-pros }"
    assert approach_heading("prompt-engineering", "when-it-breaks", 3) == (
        "### When it breaks { #prompt-engineering-when-it-breaks }")
    with pytest.raises(KeyError):
        approach_heading("fine-tuning", "history")
