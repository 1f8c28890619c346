"""Lighthouse (pinned in package.json) on the home and calculator pages: accessibility and performance.

Lighthouse drives the same Debian Chromium as the other browser tests (CHROME_PATH), against the
site served on loopback as GitHub Pages serves it (gzip, `Cache-Control: max-age=600`); it
downloads nothing. One Lighthouse run per page and preset, shared by the tests below.

Performance is simulated ("Lantern"): network timings come from Lighthouse's model of a slow
phone or a desktop, but main-thread time is this machine's, multiplied (4x for mobile). On this
slow, shared 2-core machine Total Blocking Time, and with it the score, varies with the load other
work puts on it; the first paints, the largest paint and layout shift do not. So the paints and
shifts are held to Lighthouse's "good" limits on both presets, and the score only where it held
over repeated runs here (PERFORMANCE_FLOOR).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from harness import ServerOptions, SiteServer
from lighthouse_runner import LighthouseFailed, run_lighthouse

PAGES = ["", "calculator/"]
# Lowest performance score accepted, per (page, preset). Over 5 runs of the finished site here:
# desktop home 0.97-1.00, desktop calculator 0.93-1.00; mobile home 0.87-0.97 and mobile
# calculator 0.69-0.85 (TBT 0.2-0.5 s and 0.6-5 s: Material's start-up, and on the calculator page
# Python's worker starting beside it on two cores), too spread to assert a floor that means much.
PERFORMANCE_FLOOR = {("", "desktop"): 0.95, ("calculator/", "desktop"): 0.9}
# Lighthouse's "good" limits (ms, except layout shift), which every run here met with a margin
# (mobile first paint 1.1-1.5 s, largest paint 1.3-1.9 s; desktop 0.25-0.45 s and 0.35-0.7 s).
GOOD = {
    "mobile": {"first-contentful-paint": 1800, "largest-contentful-paint": 2500, "cumulative-layout-shift": 0.1},
    "desktop": {"first-contentful-paint": 934, "largest-contentful-paint": 1200, "cumulative-layout-shift": 0.1},
}
_reports: dict[tuple[str, str], dict] = {}


@pytest.fixture(scope="module")
def pages_server(site_dir):
    server = SiteServer(site_dir, options=ServerOptions.github_pages()).start()
    yield server
    server.stop()


def lighthouse(server: SiteServer, tmp_path: Path, path: str, preset: str) -> dict:
    """The Lighthouse report of one page with one preset (mobile: accessibility and performance)."""
    key = (path, preset)
    if key not in _reports:
        categories = "accessibility,performance" if preset == "mobile" else "performance"
        try:
            _reports[key] = run_lighthouse(server.url + path, preset, tmp_path / "report.json", categories)
        except LighthouseFailed as exc:
            pytest.fail(str(exc))
    return _reports[key]


@pytest.mark.parametrize("path", PAGES)
def test_lighthouse_accessibility_is_100(pages_server, tmp_path, path: str) -> None:
    audits = lighthouse(pages_server, tmp_path, path, "mobile")
    failing = [f"{key}: {audit['title']}" for key, audit in audits["audits"].items()
               if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0]
    assert audits["categories"]["accessibility"]["score"] == 1, "\n".join(failing)


@pytest.mark.parametrize("preset", ["mobile", "desktop"])
@pytest.mark.parametrize("path", PAGES)
def test_lighthouse_performance(pages_server, tmp_path, path: str, preset: str) -> None:
    report = lighthouse(pages_server, tmp_path, path, preset)
    audits = report["audits"]
    metrics = {key: audits[key]["displayValue"] for key in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")}
    # Nothing the site serves blocks the first paint but its stylesheets.
    blocking = [item["url"] for item in audits["render-blocking-insight"]["details"].get("items", [])
                if not item["url"].endswith(".css")]
    assert blocking == []
    score = report["categories"]["performance"]["score"]
    print(f"lighthouse {preset} /{path}: performance {score:.2f} {metrics}")
    slow = {key: audits[key]["numericValue"] for key, limit in GOOD[preset].items() if audits[key]["numericValue"] > limit}
    assert slow == {}, metrics
    if (path, preset) in PERFORMANCE_FLOOR:
        assert score >= PERFORMANCE_FLOOR[path, preset], (score, metrics)
