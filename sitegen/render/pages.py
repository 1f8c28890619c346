"""One pure function per generated page: Site in, Markdown out."""
from __future__ import annotations

from ..content import Site
from .links import anchor_link, ref_resolver
from .templating import render_template


def _common(site: Site, page: str, source: str) -> dict[str, object]:
    """What every page template gets: link helpers and the review note of its source file."""
    model = getattr(site, source)
    return {
        "site": site,
        "page": page,
        "md": ref_resolver(site, page),
        "link": anchor_link(site, page),
        "reviewed": model.reviewed,  # type: ignore[union-attr]
        "provider_note": ref_resolver(site, page)(site.overview.verdict.provider_note),
    }


def render_home(site: Site) -> str:
    return render_template("home.md.j2", overview=site.overview, **_common(site, "index.md", "overview"))


def render_comparison(site: Site) -> str:
    return render_template("comparison.md.j2", comparison=site.comparison, approaches=site.overview.approaches,
                           **_common(site, "comparison.md", "comparison"))


def render_approach(site: Site, approach_id: str) -> str:
    detail = next(a for a in site.approaches.approaches if a.id == approach_id)
    summary = next(a for a in site.overview.approaches if a.id == approach_id)
    return render_template(
        "approach.md.j2",
        approach=summary,
        detail=detail,
        what_it_is=site.comparison_row("what-it-is"),
        when_it_breaks=site.comparison_row("when-it-breaks"),
        **_common(site, f"{approach_id}.md", "approaches"),
    )


def render_checklist(site: Site) -> str:
    return render_template("checklist.md.j2", checklist=site.checklist, **_common(site, "checklist.md", "checklist"))


def render_faq(site: Site) -> str:
    return render_template("faq.md.j2", faq=site.faq, **_common(site, "faq.md", "faq"))


def render_combining(site: Site) -> str:
    return render_template("combining.md.j2", combining=site.combining, **_common(site, "combining.md", "combining"))


def render_glossary(site: Site) -> str:
    return render_template("glossary.md.j2", glossary=site.glossary, **_common(site, "glossary.md", "glossary"))
