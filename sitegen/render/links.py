"""Resolve `[[id]]` references into Markdown links that MkDocs validates and rewrites."""
from __future__ import annotations

from collections.abc import Callable

from ..content import Site
from ..content.refs import Ref, replace_refs


def ref_resolver(site: Site, page: str) -> Callable[[str], str]:
    """A function turning prose with `[[id]]` references into Markdown, for a given page."""

    def link(ref: Ref) -> str:
        anchor = site.anchors[ref.target]
        text = ref.text or (anchor.title if ref.starts_sentence else anchor.inline_title or anchor.title)
        return f"[{text}]({anchor.link_from(page)})"

    return lambda markdown: replace_refs(str(markdown).strip(), link)


def anchor_link(site: Site, page: str) -> Callable[..., str]:
    """A function giving the Markdown link to an id, titled by the id's own title unless one is given."""

    def link(anchor_id: str, title: str | None = None) -> str:
        anchor = site.anchors[anchor_id]
        return f"[{title or anchor.title}]({anchor.link_from(page)})"

    return link


def outside_link(text: str, url: str) -> str:
    """A Markdown link to a page on another site; brackets in the text and parentheses in the address are escaped."""
    label = text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"[{label}]({url.replace('(', '%28').replace(')', '%29')})"
