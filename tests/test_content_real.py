"""The real content validates, covers every point the site promises, and points editors at its schemas.

Whether the committed schemas are fresh is checked in test_sitegen_schemas.py.
"""
from __future__ import annotations

from pathlib import Path

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
    assert len(site.faq.faqs) == 3
    assert len(site.glossary.terms) >= 10


def test_every_content_file_points_at_its_schema() -> None:
    for name in CONTENT_MODELS:
        first = (ROOT / "content" / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schemas/{name}.schema.json", name
