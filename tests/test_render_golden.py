"""Golden tests of the page renderers: the fixture YAML in, the committed Markdown out.

After an intended change to a template, regenerate with `UPDATE_GOLDEN=1 make test` and review the diff.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.render import pages as render

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"

RENDERERS = {
    "index.md": render.render_home,
    "comparison.md": render.render_comparison,
    "prompt-engineering.md": lambda site: render.render_approach(site, "prompt-engineering"),
    "fine-tuning.md": lambda site: render.render_approach(site, "fine-tuning"),
    "checklist.md": render.render_checklist,
    "faq.md": render.render_faq,
    "combining.md": render.render_combining,
    "glossary.md": render.render_glossary,
}


@pytest.mark.parametrize("page", sorted(RENDERERS))
def test_render_matches_golden(minimal_content: Path, page: str) -> None:
    site = load_site(minimal_content, with_calculator=False)
    output = RENDERERS[page](site)
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing; run `UPDATE_GOLDEN=1 make test` to create it"
    assert output == golden.read_text(encoding="utf-8"), f"{page} differs from its golden file; if intended, run `UPDATE_GOLDEN=1 make test`"


def test_rendering_is_pure(minimal_content: Path) -> None:
    site = load_site(minimal_content, with_calculator=False)
    assert render.render_comparison(site) == render.render_comparison(site)
