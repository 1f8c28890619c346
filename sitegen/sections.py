"""The one registry of sections the templates write: each id, its page and its title, once.

Templates write a registered heading with `{{ heading("id") }}`, so the title a reader sees and
the title a link to it shows are the same text. Content ids may not reuse these ids; the build
checks that every one of them is an anchor of the built site.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    id: str
    page: str  # docs-relative page, e.g. "checklist.md"
    title: str


SECTIONS: tuple[Section, ...] = (
    Section("verdict", "index.md", "The verdict"),
    Section("when-to-fine-tune", "index.md", "When fine-tuning earns its place"),
    Section("where-next", "index.md", "Where to go next"),
    Section("bottom-line", "index.md", "Bottom line"),
    Section("side-by-side", "comparison.md", "Side-by-side comparison"),
    Section("decision-checklist", "checklist.md", "Checklist questions"),
    Section("faq", "faq.md", "Frequently asked questions"),
    Section("combining-stages", "combining.md", "Stages"),
    Section("combining-patterns", "combining.md", "Patterns that work"),
    Section("combining-pitfalls", "combining.md", "Pitfalls"),
    Section("glossary-terms", "glossary.md", "Terms"),
    Section("sources", "sources.md", "Sources"),
    Section("calc-verdict", "calculator.md", "Verdict"),
    Section("calc-answers", "calculator.md", "Your answers"),
    Section("calc-why", "calculator.md", "Why: answer by answer"),
    Section("calc-flips", "calculator.md", "What would change the verdict"),
    Section("calc-gates", "calculator.md", "Gates before fine-tuning"),
    Section("calc-warnings", "calculator.md", "Warnings"),
    Section("calc-next-steps", "calculator.md", "Next steps"),
    Section("calc-costs", "calculator.md", "Cost and context"),
    Section("calc-share", "calculator.md", "Share and cite"),
    Section("method-score", "methodology.md", "How the score works"),
    Section("method-flow", "methodology.md", "Decision flow"),
    Section("method-points", "methodology.md", "Points per answer"),
    Section("method-gates", "methodology.md", "The gates"),
    Section("method-outcomes", "methodology.md", "From score to verdict"),
    Section("method-confidence", "methodology.md", "Confidence"),
    Section("method-flips", "methodology.md", "What would change the verdict"),
    Section("method-warnings", "methodology.md", "Warnings"),
    Section("method-cost", "methodology.md", "Cost and break-even"),
    Section("examples", "examples.md", "Worked examples"),
    Section("changes", "changes.md", "What changed"),
)

# The same sections on each approach page; the anchor is "<approach id>-<suffix>".
APPROACH_SECTIONS: dict[str, str] = {
    "what-it-is": "What it is",
    "best-for": "Best for",
    "pros": "Pros",
    "cons": "Cons",
    "when-it-breaks": "When it breaks",
}

# Ids every page uses for itself (the "Last reviewed" section); content may not take them.
PAGE_LOCAL_IDS: tuple[str, ...] = ("reviewed",)

# The sections the calculator links to by role (see calculator.model.SiteLinks).
CALCULATOR_VERDICT = "calc-verdict"
METHODOLOGY_SCORE = "method-score"

_BY_ID = {section.id: section for section in SECTIONS}


def section(section_id: str) -> Section:
    return _BY_ID[section_id]


def heading(section_id: str, level: int = 2) -> str:
    """A Markdown heading for a registered section: `## Title { #id }`."""
    return f"{'#' * level} {_BY_ID[section_id].title} {{ #{section_id} }}"


def approach_heading(approach_id: str, suffix: str, level: int = 2) -> str:
    """A heading of an approach page's fixed sections: `## Pros { #fine-tuning-pros }`."""
    return f"{'#' * level} {APPROACH_SECTIONS[suffix]} {{ #{approach_id}-{suffix} }}"
