"""Ids of the sections the templates write, so references and the calculator can point at them.

Each id here appears as `{ #id }` on a heading in the named page's template; a test checks the
built site has every one. Content ids may not reuse them.
"""
from __future__ import annotations

SECTION_ANCHORS: dict[str, tuple[str, str]] = {
    # id: (page, title)
    "verdict": ("index.md", "The verdict"),
    "when-to-fine-tune": ("index.md", "When fine-tuning earns its place"),
    "where-next": ("index.md", "Where to go next"),
    "bottom-line": ("index.md", "Bottom line"),
    "side-by-side": ("comparison.md", "Side-by-side comparison"),
    "decision-checklist": ("checklist.md", "Decision checklist"),
    "faq": ("faq.md", "Frequently asked questions"),
    "combining-stages": ("combining.md", "Stages"),
    "combining-patterns": ("combining.md", "Patterns that work"),
    "combining-pitfalls": ("combining.md", "Pitfalls"),
    "glossary-terms": ("glossary.md", "Terms"),
    "calc-verdict": ("calculator.md", "Calculator verdict"),
    # Approach pages: the same sections on each page, prefixed by the approach id.
}

APPROACH_SECTIONS: dict[str, str] = {
    # suffix: title; the anchor is "<approach id>-<suffix>", e.g. "fine-tuning-pros".
    "what-it-is": "What it is",
    "best-for": "Best for",
    "pros": "Pros",
    "cons": "Cons",
    "when-it-breaks": "When it breaks",
}

# Ids every page uses for itself (the "Last reviewed" section); content may not take them.
PAGE_LOCAL_IDS: tuple[str, ...] = ("reviewed",)
