"""The real content validates, covers every point the site promises, and points editors at its schemas.

Whether the committed schemas are fresh is checked in test_sitegen_schemas.py.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from sitegen.content import CONTENT_MODELS, load_site

ROOT = Path(__file__).resolve().parent.parent


def test_real_content_validates() -> None:
    site = load_site(ROOT / "content")
    assert {a.id for a in site.overview.approaches} == {"prompt-engineering", "fine-tuning"}


def test_real_content_has_every_point_of_the_article() -> None:
    site = load_site(ROOT / "content")
    assert [r.id for r in site.comparison.rows] == [
        "what-it-is", "time-to-iterate", "typical-use-cases", "data-requirements",
        "consistency", "operational-complexity", "risk-profile", "when-it-breaks",
    ]
    for detail in site.approaches.approaches:
        assert (len(detail.best_for), len(detail.pros), len(detail.cons)) == (5, 4, 4), detail.id
    assert [q.id for q in site.checklist.questions] == [
        "task-clarity", "data-readiness", "quality-target", "latency-context",
        "evaluation-plan", "governance", "change-management", "fallbacks",
    ]
    assert len(site.faq.faqs) >= 12
    assert {"start-with-prompting", "combine-with-retrieval", "is-fine-tuning-worth-it"} <= {f.id for f in site.faq.faqs}
    assert len(site.glossary.terms) >= 10


# Documentation hosts of the providers the site must cite (one provider may publish on several hosts).
PROVIDER_HOSTS = {
    "OpenAI": ("developers.openai.com",),
    "Anthropic": ("platform.claude.com",),
    "Google": ("cloud.google.com", "docs.cloud.google.com", "ai.google.dev"),
    "Amazon Web Services": ("docs.aws.amazon.com",),
    "Microsoft": ("learn.microsoft.com",),
}


def test_real_sources_cover_the_major_providers_with_clean_addresses() -> None:
    site = load_site(ROOT / "content")
    sources = site.sources.sources
    assert len(sources) >= 15
    hosts = {urlsplit(s.url).netloc for s in sources}
    for provider, provider_hosts in PROVIDER_HOSTS.items():
        assert hosts & set(provider_hosts), provider
    for source in sources:
        parts = urlsplit(source.url)
        assert parts.scheme == "https", source.id
        assert not parts.query and not parts.fragment, f"{source.id}: drop tracking or locale queries ({source.url})"
    assert {group.provider for group in site.sources.provider_pages} >= set(PROVIDER_HOSTS)


def test_every_source_is_cited_somewhere() -> None:
    cited: set[str] = set()
    for path in (ROOT / "content").glob("*.yml"):
        if path.name != "sources.yml":
            cited |= set(re.findall(r"\[\[([a-z0-9-]+)(?:\|[^\]]*)?\]\]", path.read_text(encoding="utf-8")))
    site = load_site(ROOT / "content")
    in_box = {link.source for group in site.sources.provider_pages for link in group.links}
    uncited = [s.id for s in site.sources.sources if s.id not in cited | in_box]
    assert not uncited, f"sources nobody cites: {uncited}"


def test_every_content_file_points_at_its_schema() -> None:
    for name in CONTENT_MODELS:
        first = (ROOT / "content" / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schemas/{name}.schema.json", name
