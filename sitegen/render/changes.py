"""The What changed page: every change to the content, newest first, with links to the pages it touched."""
from __future__ import annotations

from dataclasses import dataclass

from ..content import Site
from ..sections import section
from .links import ref_resolver
from .pages import _common
from .templating import long_date, render_template

PAGE = "changes.md"


@dataclass(frozen=True)
class PageRef:
    """A generated page as this page links it: its path, its title and the stem of its content file."""

    path: str  # e.g. "faq.md"
    title: str
    source: str  # e.g. "faq"


def render_changes(site: Site, pages: list[PageRef]) -> str:
    """Markdown for changes.md, in the order of changes.yml (newest first; the loader checks it)."""
    md = ref_resolver(site, PAGE)
    entries = []
    for change in site.changes.changes:
        stems = [name[: -len(".yml")] for name in change.files]
        touched = [f"[{_link_text(ref.title)}]({ref.path})" for stem in stems for ref in pages
                   if ref.source == stem and ref.path != PAGE]
        entries.append({"id": change.id, "date": long_date(change.date), "summary": md(change.summary), "pages": touched})
    return render_template("changes.md.j2", title=section("changes").title, changes=site.changes, entries=entries,
                           **_common(site, PAGE, "changes"))


def _link_text(title: str) -> str:
    """A page title as link text: brackets escaped, so a title cannot end the link early."""
    return title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
