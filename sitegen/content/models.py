"""Pydantic models of the content files: the schema editors get and the build enforces.

Each `*File` model describes one file in content/. Unknown keys are errors (`extra="forbid"`),
text must not be blank, and ids are lowercase kebab-case because they become URL anchors.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, WrapValidator

from calculator.values import kind_of

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(description="Stable id, used as the HTML anchor. Lowercase words joined by hyphens. Never rename a published id."),
]
# Characters that show nothing: whitespace is stripped already; these zero-width ones are not whitespace to Python.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def _visible(value: str) -> str:
    """Text made only of whitespace and zero-width characters is as empty as blank text."""
    if all(ch.isspace() or ch in INVISIBLE for ch in value):
        raise ValueError("must not be empty; write the text or remove the item")
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_visible)]
Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_visible),
                     Field(description="Markdown; may use [[id]] or [[id|text]] cross-references.")]
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


class StartLink(Strict):
    """The home page's way into the calculator, shown as a button under the verdict."""

    target: Id = Field(description="Site id the button links to (the calculator's verdict section).")
    label: Text = Field(description="The button's text.")
    text: Text = Field(description="One short line beside the button: what the reader gets.")


class Glance(Strict):
    """The comparison at a glance on the home page, made from the comparison rows that carry `glance:`."""

    title: Text = Field(description="Caption of the summary.")
    favored: Text = Field(description="Says which approach a row favors; shown beside it (e.g. 'has the edge').")


class NotFound(Strict):
    """The page shown for an address that does not exist (overrides/404.html)."""

    title: Text
    text: Text = Field(description="One or two sentences under the title.")
    search: Text = Field(description="Text of the button that opens the site's search.")
    pages_title: Text = Field(description="Heading of the list of the site's pages.")


class OverviewFile(Strict):
    """content/overview.yml: the verdict, the approaches compared, where to go next, and the bottom line."""

    reviewed: Reviewed
    title: Text
    verdict: Verdict
    start: StartLink
    glance: Glance
    approaches: list[Approach] = Field(min_length=2)
    where_next: list[Signpost] = Field(min_length=1, description="Home page cards after the two approach cards.")
    bottom_line: BottomLine
    not_found: NotFound


# comparison.yml -------------------------------------------------------------

class ComparisonRow(Strict):
    id: Id
    category: Text
    values: dict[str, Markdown] = Field(description="One entry per approach id (prompt-engineering, fine-tuning).")
    glance: dict[str, Text] | None = Field(
        default=None, description="A few words per approach id for the home page's summary; rows without it are left out there.")
    favors: Id | None = Field(default=None, description="The approach id this row favors, marked in the home page's summary; needs glance.")


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


# sources.yml ----------------------------------------------------------------

def _web_address(value: str) -> str:
    """Only plain http(s) addresses with a host: no javascript:, ftp:, mailto: or relative paths."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in value):
        raise ValueError(f"'{value}' is not a web address; write the full http:// or https:// address of the page")
    return value


WebUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_web_address),
    Field(description="The page's full http:// or https:// address, as the publisher serves it, without tracking parameters.",
          json_schema_extra={"format": "uri", "pattern": "^https?://[^\\s/]+"}),
]


class Source(Strict):
    """One outside page the site cites; prose cites it with [[id]] and the Sources page lists it."""

    id: Id
    title: Text = Field(description="The page's own title.")
    short_title: Text | None = Field(default=None, description="A shorter title for citations in prose, when the page's own title is long.")
    publisher: Text = Field(description="Who publishes the page; the Sources page groups entries by it.")
    url: WebUrl
    supports: Text = Field(description="What the page supports, in our own words.")
    accessed: dt.date = Field(description="Date the page was last read, YYYY-MM-DD.")


class ProviderLink(Strict):
    source: Id = Field(description="Id of a source in this file.")
    label: Text = Field(description="Short link text, e.g. 'fine-tuning' or 'deprecations'.")


class ProviderPages(Strict):
    """A provider's own pages, linked from the "check your provider" box on every page."""

    provider: Text
    links: list[ProviderLink] = Field(min_length=1)


class SourcesFile(Strict):
    """content/sources.yml: every outside page the site cites, and the provider pages every page points to."""

    reviewed: Reviewed
    intro: Markdown
    sources: list[Source] = Field(min_length=1)
    provider_pages: list[ProviderPages] = Field(min_length=1)


# examples.yml ---------------------------------------------------------------

def _answer_value(value: object, handler) -> object:
    """An option id (text) or a number; one message for anything else, and true/false is not a number."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"must be an option id (text) or a number, not {kind_of(value)}")
    return handler(value)


AnswerValue = Annotated[
    str | float,
    WrapValidator(_answer_value),
    Field(description="An option id for a factor (see `python -m calculator --list`), or a number for a numeric input."),
]


class Example(Strict):
    """One team's situation, answered in the calculator; the build checks that the verdict is the one expected."""

    id: Id
    title: Text
    story: Markdown = Field(description="The situation in a short paragraph.")
    answers: dict[str, AnswerValue] = Field(
        min_length=1, description="Factor id -> option id, and optionally numeric input id -> number, as the calculator takes them.")
    expected: Id = Field(description="The outcome id the guide expects; the build fails when the calculator gives another.")
    why: Markdown = Field(description="Why the guide expects that outcome, with [[id]] references to the guide.")
    best_for: list[Id] = Field(min_length=1, description="Ids of the 'best for' items of approaches.yml this example illustrates.")


class ExamplesFile(Strict):
    """content/examples.yml: worked examples of team situations, each checked against the calculator at build time."""

    reviewed: Reviewed
    intro: Markdown
    examples: list[Example] = Field(min_length=1)
