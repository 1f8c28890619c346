"""One pure function per generated page: Site in, Markdown out."""
from __future__ import annotations

from urllib.parse import urlsplit

from calculator.formatting import format_signed

from ..content import Site
from ..content.sources import by_publisher
from .history import page_history
from .links import anchor_link, outside_link, ref_resolver
from .structured_data import faq_page, front_matter_json
from .templating import render_template


def _common(site: Site, page: str, source: str) -> dict[str, object]:
    """What every page template gets: link helpers, the review note of its source file and its history."""
    model = getattr(site, source)
    return {
        "site": site,
        "page": page,
        "md": ref_resolver(site, page),
        "link": anchor_link(site, page),
        "reviewed": model.reviewed,  # type: ignore[union-attr]
        "provider_note": ref_resolver(site, page)(site.overview.verdict.provider_note),
        "provider_pages": provider_pages(site),
        **page_history(site, page, source),  # its own changes, and a note once its review is old
    }


def provider_pages(site: Site) -> list[dict[str, object]]:
    """Each provider's own pages for the "check your provider" box: outside links whose addresses come from sources.yml."""
    return [
        {"provider": group.provider,
         "links": [outside_link(link.label, site.source(link.source).url) for link in group.links]}
        for group in site.sources.provider_pages
    ]


def render_home(site: Site) -> str:
    # The comparison at a glance: the comparison rows that carry a short glance, in their order.
    glance_rows = [row for row in site.comparison.rows if row.glance]
    return render_template("home.md.j2", overview=site.overview, approaches=site.overview.approaches,
                           glance_rows=glance_rows, **_common(site, "index.md", "overview"))


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
    answers = {q.id: checklist_answers(site.calculator, q.id) for q in site.checklist.questions}
    return render_template("checklist.md.j2", checklist=site.checklist, calculator_answers=answers,
                           **_common(site, "checklist.md", "checklist"))


# How the checklist shows a factor's options: grouped by the way they point, from the calculator's
# own points, so the checklist and the calculator cannot point opposite ways.
_DIRECTIONS = (
    ("toward-prompting", "Points toward prompt engineering", lambda points: points < 0),
    ("toward-fine-tuning", "Points toward fine-tuning", lambda points: points > 0),
    ("no-lean", "No lean either way", lambda points: points == 0),
)


def checklist_answers(model, factor_id: str) -> dict:
    """The calculator's options for one checklist question, grouped by direction, and its gates."""
    factor = model.factor(factor_id)
    options = [o for o in factor.options if o.id != factor.default]
    groups = []
    for group_id, title, belongs in _DIRECTIONS:
        labels = [f"“{o.label}” ({format_signed(o.points)})" for o in options if belongs(o.points)]
        if labels:
            groups.append({"id": group_id, "title": title, "options": labels})
    gates = [{"title": g.title, "passing": [f"“{factor.option(o).label}”" for o in g.passes_with]}
             for g in model.gates if g.factor == factor_id]
    # A question whose answers all score 0 is a readiness condition, not a lean: the page says so.
    return {"groups": groups, "gates": gates, "leans": any(o.points for o in options)}


def render_faq(site: Site) -> str:
    # The FAQPage JSON-LD rides in the front matter; overrides/main.html writes it into the page head.
    return render_template("faq.md.j2", faq=site.faq, structured_data=front_matter_json(faq_page(site, "faq.md")),
                           **_common(site, "faq.md", "faq"))


def render_combining(site: Site) -> str:
    return render_template("combining.md.j2", combining=site.combining, **_common(site, "combining.md", "combining"))


def render_glossary(site: Site) -> str:
    return render_template("glossary.md.j2", glossary=site.glossary, **_common(site, "glossary.md", "glossary"))


def render_sources(site: Site) -> str:
    """Every outside page the site cites, grouped by publisher; each entry's anchor is its source id."""
    groups = [
        {"id": group.id, "publisher": group.publisher,
         "entries": [{"id": source.id, "link": outside_link(source.title, source.url), "host": urlsplit(source.url).netloc,
                      "supports": source.supports, "accessed": source.accessed} for source in group.sources]}
        for group in by_publisher(site.sources)
    ]
    return render_template("sources.md.j2", sources=site.sources, groups=groups, **_common(site, "sources.md", "sources"))
