"""Pydantic models of the content files: the schema editors get and the build enforces.

Each `*File` model describes one file in content/. Unknown keys are errors (`extra="forbid"`),
text must not be blank, and ids are lowercase kebab-case because they become URL anchors.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(description="Stable id, used as the HTML anchor. Lowercase words joined by hyphens. Never rename a published id."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), Field(description="Markdown; may use [[id]] or [[id|text]] cross-references.")]
Reviewed = Annotated[dt.date, Field(description="Date the file's facts were last checked, YYYY-MM-DD. Shown on the page.")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Item(Strict):
    """A citable bullet: an id and one Markdown sentence or two."""

    id: Id
    text: Markdown


class TitledItem(Strict):
    id: Id
    title: Text
    text: Markdown


class Section(Strict):
    id: Id
    title: Text
    body: Markdown


# overview.yml ---------------------------------------------------------------

class Verdict(Strict):
    headline: Text
    summary: Markdown
    default: Id = Field(description="Approach id recommended by default.")
    choose_fine_tuning_when: list[Item] = Field(min_length=1)
    provider_note: Markdown = Field(description="The reminder to check the provider's current documentation; shown on every page.")


class Approach(Strict):
    id: Id
    name: Text
    tagline: Text


class BottomLine(Strict):
    summary: Markdown
    in_practice: Markdown


class Signpost(Strict):
    """A card on the home page pointing at another part of the site."""

    target: Id = Field(description="Site id the card links to (a section or item id).")
    title: Text
    text: Markdown


class OverviewFile(Strict):
    """content/overview.yml: the verdict, the approaches compared, where to go next, and the bottom line."""

    reviewed: Reviewed
    title: Text
    verdict: Verdict
    approaches: list[Approach] = Field(min_length=2)
    where_next: list[Signpost] = Field(min_length=1, description="Home page cards after the two approach cards.")
    bottom_line: BottomLine


# comparison.yml -------------------------------------------------------------

class ComparisonRow(Strict):
    id: Id
    category: Text
    values: dict[str, Markdown] = Field(description="One entry per approach id (prompt-engineering, fine-tuning).")


class ComparisonFile(Strict):
    """content/comparison.yml: the side-by-side table, one row per category."""

    reviewed: Reviewed
    intro: Markdown
    rows: list[ComparisonRow] = Field(min_length=1)


# approaches.yml -------------------------------------------------------------

class ApproachDetail(Strict):
    id: Id = Field(description="Approach id from overview.yml; the page is generated at <id>/.")
    intro: Markdown
    best_for: list[Item] = Field(min_length=1)
    pros: list[TitledItem] = Field(min_length=1)
    cons: list[TitledItem] = Field(min_length=1)


class ApproachesFile(Strict):
    """content/approaches.yml: best-for lists, pros and cons of each approach."""

    reviewed: Reviewed
    approaches: list[ApproachDetail] = Field(min_length=1)


# checklist.yml --------------------------------------------------------------

class ChecklistQuestion(Strict):
    id: Id
    title: Text
    question: Markdown
    prompting: Markdown = Field(description="What an answer that points to prompt engineering looks like.")
    fine_tuning: Markdown = Field(description="What an answer that points to fine-tuning looks like.")
    related: list[Id] = Field(default_factory=list, description="Ids of related items anywhere on the site.")


class ChecklistFile(Strict):
    """content/checklist.yml: the decision checklist; its ids are also the calculator's factor ids."""

    reviewed: Reviewed
    intro: Markdown
    questions: list[ChecklistQuestion] = Field(min_length=1)


# faq.yml --------------------------------------------------------------------

class Faq(Strict):
    id: Id
    question: Text
    answer: Markdown
    related: list[Id] = Field(default_factory=list)


class FaqFile(Strict):
    """content/faq.yml: frequently asked questions."""

    reviewed: Reviewed
    faqs: list[Faq] = Field(min_length=1)


# combining.yml --------------------------------------------------------------

class CombiningFile(Strict):
    """content/combining.yml: how prompting, retrieval/tools and fine-tuning stack up together."""

    reviewed: Reviewed
    title: Text
    intro: Markdown
    stages: list[Section] = Field(min_length=1)
    patterns: list[Section] = Field(min_length=1)
    pitfalls: list[Section] = Field(min_length=1)


# glossary.yml ---------------------------------------------------------------

class Term(Strict):
    id: Id
    term: Text
    definition: Markdown
    aliases: list[Text] = Field(default_factory=list)


class GlossaryFile(Strict):
    """content/glossary.yml: the terms used across the site."""

    reviewed: Reviewed
    intro: Markdown
    terms: list[Term] = Field(min_length=1)
