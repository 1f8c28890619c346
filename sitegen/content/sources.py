"""The sources the site cites: grouped by publisher for the Sources page, each group with its own anchor."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Source, SourcesFile

# Anchors of the publisher groups on the Sources page start with this, so they never meet a content id by accident.
PUBLISHER_PREFIX = "publisher-"


@dataclass(frozen=True)
class PublisherGroup:
    id: str  # anchor of the group's heading, e.g. "publisher-amazon-web-services"
    publisher: str
    sources: tuple[Source, ...]


def publisher_id(publisher: str) -> str:
    """`Amazon Web Services` -> `publisher-amazon-web-services`."""
    slug = re.sub(r"[^a-z0-9]+", "-", publisher.lower()).strip("-")
    return PUBLISHER_PREFIX + (slug or "unnamed")


def by_publisher(sources: SourcesFile) -> list[PublisherGroup]:
    """Publishers in the order they first appear in sources.yml, each with its sources in file order."""
    groups: dict[str, list[Source]] = {}
    for source in sources.sources:
        groups.setdefault(source.publisher, []).append(source)
    return [PublisherGroup(publisher_id(name), name, tuple(items)) for name, items in groups.items()]


def citation(source: Source) -> str:
    """How a bare [[source-id]] reads in prose: the publisher and the (short) page title."""
    return f"{source.publisher}: {source.short_title or source.title}"
