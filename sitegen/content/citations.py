"""Which outside sources back each calculator question: the sources its linked sections cite.

A factor links to site sections (`links:` in calculator.yml: checklist questions, comparison rows,
FAQs). Those sections cite outside pages in their prose as `[[source-id]]`. The decision record
lists the sources behind the questions a reader answered, so it can be filed with its evidence.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from .refs import Ref, find_refs
from .tree import walk


def factor_sources(documents: Mapping[str, object], factor_links: Mapping[str, Iterable[str]],
                   source_ids: Iterable[str]) -> dict[str, list[str]]:
    """factor id -> source ids cited by the sections it links to, in link order, each once.

    `documents` holds each content file's parsed data by file stem; calculator.yml is left out by
    the caller (its factors reuse the checklist's ids and cite nothing themselves).
    """
    known = set(source_ids)
    cited: dict[str, list[str]] = {}  # item id -> sources cited anywhere inside that item
    for data in documents.values():
        for _, item in walk(data):  # parents first, so an outer item keeps its id's first entry
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                texts = (text for _, text in walk(item) if isinstance(text, str))
                cited.setdefault(item["id"], _unique(ref.target for text in texts for ref in find_refs(text)
                                                     if isinstance(ref, Ref) and ref.target in known))
    out = {}
    for factor_id, links in factor_links.items():
        sources = _unique(source for link in links for source in cited.get(link, ()))
        if sources:
            out[factor_id] = sources
    return out


def _unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))
