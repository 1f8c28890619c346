"""The validated content of the whole site, and the index of every citable anchor in it."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from calculator import Model

from .models import (
    ApproachesFile,
    ChecklistFile,
    CombiningFile,
    ComparisonFile,
    ExamplesFile,
    FaqFile,
    GlossaryFile,
    OverviewFile,
    SourcesFile,
)
from .models_calculator import CalculatorFile
from .models_changes import ChangesFile


@dataclass(frozen=True)
class Anchor:
    """Where a stable id lives: the docs page (e.g. `checklist.md`) and a human title.

    `fragment` is False for ids that name a whole page (the approach pages).
    """

    id: str
    page: str
    title: str
    fragment: bool = True
    inline_title: str | None = None  # how a bare [[id]] reads mid-sentence (glossary terms: "evaluation set")

    @property
    def url(self) -> str:
        """URL relative to the site root, with directory URLs: `checklist/#task-clarity`."""
        base = "" if self.page == "index.md" else self.page[: -len(".md")] + "/"
        return f"{base}#{self.id}" if self.fragment else base

    def link_from(self, page: str) -> str:
        """Markdown link target from another generated page; MkDocs checks and rewrites it."""
        if self.page == page and self.fragment:
            return f"#{self.id}"
        return f"{self.page}#{self.id}" if self.fragment else self.page


@dataclass(frozen=True)
class Redirect:
    """One entry of content/redirects.yml: an old page or `page#id` and where it lives now, with its line for errors."""

    source: str  # e.g. "faq.md#what-is-lora" or "questions.md"
    target: str
    file: str  # as errors show it, e.g. "content/redirects.yml"
    line: int


@dataclass(frozen=True)
class Site:
    """Every content file, validated, with the calculator model built once from calculator.yml.

    One typed field per content file (`sources` is sources.yml, the outside pages the site cites);
    `anchors` indexes every citable id on the site.
    """

    overview: OverviewFile
    comparison: ComparisonFile
    approaches: ApproachesFile
    checklist: ChecklistFile
    faq: FaqFile
    combining: CombiningFile
    glossary: GlossaryFile
    sources: SourcesFile
    calculator_file: CalculatorFile
    calculator: Model
    examples: ExamplesFile  # worked examples; the loader has checked each verdict against `calculator`
    changes: ChangesFile  # what changed and when, and how long a review stays current
    anchors: Mapping[str, Anchor] = field(default_factory=dict)
    redirects: tuple[Redirect, ...] = ()  # content/redirects.yml; sitegen/anchors.py checks and publishes them
    # Each content file's `reviewed:` date by file stem ("faq"), in load order.
    reviewed: Mapping[str, dt.date] = field(default_factory=dict)
    # The day review ages are measured against (sitegen/content/freshness.py); None checks no age,
    # so loading content alone stays independent of the clock. The hooks set it for a build.
    as_of: dt.date | None = None

    def comparison_row(self, row_id: str):
        return next(row for row in self.comparison.rows if row.id == row_id)

    def approach_name(self, approach_id: str) -> str:
        return next(a.name for a in self.overview.approaches if a.id == approach_id)

    def source(self, source_id: str):
        return next(s for s in self.sources.sources if s.id == source_id)


_MARKUP = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]|[*_`]|\[([^\]]*)\]\([^)]*\)")


def running_text(term: str) -> str:
    """A glossary term as it reads inside a sentence: "Evaluation set" -> "evaluation set", "RAG" stays."""
    if any(ch.isupper() for ch in term[1:].split(" ")[0]):
        return term  # an acronym or a mixed-case name: "RAG", "LoRA"
    return term[:1].lower() + term[1:]


def short_title(markdown: str, limit: int = 70) -> str:
    """A plain-text title for a bullet: markup removed, cut at a word boundary."""
    text = _MARKUP.sub(lambda m: m.group(2) or m.group(3) or (m.group(1) or "").replace("-", " "), markdown)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text.rstrip(".")
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
