"""What every page shows of its own history: the changes to its content file, and a note once its review is old.

Every entry lives once, in content/changes.yml, naming the content files it touched; a page shows
the entries of the file it is generated from, each linking to the same entry on the What changed page.
"""
from __future__ import annotations

from ..content import Site
from ..content.freshness import stale_file
from ..sections import section
from .links import anchor_link, ref_resolver
from .templating import long_date

CHANGES_SECTION = "changes"


def page_history(site: Site, page: str, source: str) -> dict[str, object]:
    """Template values for a page generated from content/<source>.yml.

    `stale_note` is None while the review is current, and when the Site carries no date to measure
    ages by (`Site.as_of`), so rendering stays independent of the clock unless a build asks.
    """
    md = ref_resolver(site, page)
    changes = site.changes
    own = [{"date": long_date(change.date), "url": site.anchors[change.id].link_from(page), "summary": md(change.summary)}
           for change in changes.changes if f"{source}.yml" in change.files]
    stale = stale_file(site, source)
    note = None
    if stale is not None:
        text = changes.freshness.note.format(reviewed=long_date(stale.reviewed), months=changes.freshness.review_within_months)
        note = {"title": changes.freshness.title, "text": md(text)}
    return {
        "stale_note": note,
        "page_changes": own,
        "page_changes_label": changes.on_this_page,
        "all_changes": anchor_link(site, page)(CHANGES_SECTION) if page != section(CHANGES_SECTION).page else None,
    }
