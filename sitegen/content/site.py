"""The validated content of the whole site, and the index of every citable anchor in it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import BaseModel

from .models import (
    ApproachesFile,
    ChecklistFile,
    CombiningFile,
    ComparisonFile,
    FaqFile,
    GlossaryFile,
    OverviewFile,
)
from .yamlsource import YamlDocument


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
class ContentFile:
    name: str  # file stem, e.g. "comparison"
    display_path: str  # as shown in errors, e.g. "content/comparison.yml"
    document: YamlDocument
    model: BaseModel | None = None


@dataclass(frozen=True)
class Site:
    files: dict[str, ContentFile]
    anchors: dict[str, Anchor] = field(default_factory=dict)

    @property
    def overview(self) -> OverviewFile:
        return self.files["overview"].model  # type: ignore[return-value]

    @property
    def comparison(self) -> ComparisonFile:
        return self.files["comparison"].model  # type: ignore[return-value]

    @property
    def approaches(self) -> ApproachesFile:
        return self.files["approaches"].model  # type: ignore[return-value]

    @property
    def checklist(self) -> ChecklistFile:
        return self.files["checklist"].model  # type: ignore[return-value]

    @property
    def faq(self) -> FaqFile:
        return self.files["faq"].model  # type: ignore[return-value]

    @property
    def combining(self) -> CombiningFile:
        return self.files["combining"].model  # type: ignore[return-value]

    @property
    def glossary(self) -> GlossaryFile:
        return self.files["glossary"].model  # type: ignore[return-value]

    def calculator_data(self) -> dict:
        """The calculator model as plain data (what `calculator.Model.from_dict` takes), with site anchors."""
        raw = self.files["calculator"].document.data
        data = dict(raw) if isinstance(raw, dict) else {}
        data["anchors"] = {a.id: {"url": a.url, "title": a.title} for a in self.anchors.values()}
        return data

    def comparison_row(self, row_id: str):
        return next(row for row in self.comparison.rows if row.id == row_id)

    def approach_name(self, approach_id: str) -> str:
        return next(a.name for a in self.overview.approaches if a.id == approach_id)


_MARKUP = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]|[*_`]|\[([^\]]*)\]\([^)]*\)")


def running_text(term: str) -> str:
    """A glossary term as it reads inside a sentence: "Evaluation set" -> "evaluation set", "RAG" stays."""
    if len(term) > 1 and term[1].isupper():
        return term
    return term[:1].lower() + term[1:]


def short_title(markdown: str, limit: int = 70) -> str:
    """A plain-text title for a bullet: markup removed, cut at a word boundary."""
    text = _MARKUP.sub(lambda m: m.group(2) or m.group(3) or (m.group(1) or "").replace("-", " "), markdown)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text.rstrip(".")
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
