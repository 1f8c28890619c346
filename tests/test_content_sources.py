"""Sources grouped by publisher for the Sources page, the anchors of those groups, and how a citation reads."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.content.models import Source, SourcesFile
from sitegen.content.sources import by_publisher, citation, publisher_id

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"


def source(sid: str, publisher: str, title: str = "Page", short_title: str | None = None) -> Source:
    return Source(id=sid, title=title, short_title=short_title, publisher=publisher,
                  url=f"https://{sid}.example.org/", supports="S.", accessed="2026-11-28")


@pytest.mark.parametrize("publisher, anchor", [
    ("OpenAI", "publisher-openai"),
    ("Amazon Web Services", "publisher-amazon-web-services"),
    ("Google (Firebase)", "publisher-google-firebase"),
    ("Mistral AI", "publisher-mistral-ai"),
    ("***", "publisher-unnamed"),
])
def test_publisher_anchor(publisher, anchor):
    assert publisher_id(publisher) == anchor


def test_groups_keep_the_order_of_first_appearance():
    sources = SourcesFile(reviewed="2026-11-28", intro="I.", provider_pages=[{"provider": "B", "links": [{"source": "b1", "label": "x"}]}],
                          sources=[source("b1", "B"), source("a1", "A"), source("b2", "B")])
    groups = by_publisher(sources)
    assert [(g.id, g.publisher, [s.id for s in g.sources]) for g in groups] == [
        ("publisher-b", "B", ["b1", "b2"]), ("publisher-a", "A", ["a1"])]


def test_citation_prefers_the_short_title():
    assert citation(source("a", "OpenAI", title="Deprecations")) == "OpenAI: Deprecations"
    assert citation(source("b", "Amazon Web Services", title="A very long page title", short_title="Bedrock pricing")) == (
        "Amazon Web Services: Bedrock pricing")


def test_the_fixture_groups():
    groups = by_publisher(load_site(FIXTURE).sources)
    assert [g.publisher for g in groups] == ["Vendor A", "Vendor B"]
