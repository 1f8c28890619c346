"""WCAG 2.2 AA checks with axe-core (pinned in package.json) on every page, light and dark, desktop and phone."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "comparison/", "prompt-engineering/", "fine-tuning/", "checklist/", "calculator/",
         "methodology/", "examples/", "combining/", "faq/", "glossary/", "sources/", "changes/", "404.html"]
# Desktop (Playwright's default window) and a 390 px phone, where tables become cards or scroll regions.
VIEWPORTS = {"desktop": {"width": 1280, "height": 720}, "phone": {"width": 390, "height": 844}}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[str]:
    # The page's Content-Security-Policy refuses injected scripts, so the test's browser context
    # bypasses it (bypass_csp=True); tests/browser/test_csp.py checks the policy itself.
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:4])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(site_server, new_page, scheme: str, viewport: str) -> None:
    assert AXE.exists(), "axe-core is missing; run `npm ci` (make test does)"
    watch = new_page(color_scheme=scheme, bypass_csp=True, viewport=VIEWPORTS[viewport])
    problems: dict[str, list[str]] = {}
    for path in PAGES:
        watch.page.goto(site_server.url + path)
        if path == "calculator/":
            watch.wait_state("ready", "error")
        found = axe_violations(watch.page)
        if found:
            problems[path or "/"] = found
    assert not problems, "\n".join(f"{p}: {v}" for p, vs in problems.items() for v in vs)


def test_keyboard_reaches_the_content_first(site_server, new_page) -> None:
    """The first Tab stop is Material's "skip to content" link, and it moves focus past the navigation."""
    watch = new_page()
    watch.page.goto(site_server.url + "comparison/")
    watch.page.keyboard.press("Tab")
    assert watch.page.evaluate("document.activeElement.classList.contains('md-skip')")
