"""Lighthouse (pinned in package.json) on the home and calculator pages: accessibility and performance.

Lighthouse drives the same Debian Chromium as the other browser tests (CHROME_PATH), against the
site served on loopback as GitHub Pages serves it (gzip, `Cache-Control: max-age=600`); it
downloads nothing. One Lighthouse run per page and preset, shared by the tests below.

Performance is simulated ("Lantern"): network timings come from Lighthouse's model of a slow
phone or a desktop, but main-thread time is this machine's, multiplied (4x for mobile). On a slow,
shared 2-core machine Total Blocking Time and the moment of the first paint vary from run to run,
so the floors below are what held over repeated runs here, not the ideal; see PERFORMANCE_FLOOR.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from harness import CHROMIUM, CHROMIUM_ARGS, ServerOptions, SiteServer

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "calculator/"]
# Lowest performance score accepted, per (page, preset): the home page held 1.00 on desktop over
# repeated runs here. The other scores (mobile: 4x this machine's own CPU time; the calculator page,
# whose worker starts while the page loads) varied too much with this shared machine's load to
# assert a floor that means something; they are printed, and the project notes track them.
PERFORMANCE_FLOOR = {("", "desktop"): 1.0}
_reports: dict[tuple[str, str], dict] = {}


@pytest.fixture(scope="module")
def pages_server(site_dir):
    server = SiteServer(site_dir, options=ServerOptions(gzip=True, cache_control="max-age=600")).start()
    yield server
    server.stop()


def lighthouse(server: SiteServer, tmp_path: Path, path: str, preset: str) -> dict:
    """The Lighthouse report of one page with one preset (mobile: accessibility and performance)."""
    key = (path, preset)
    if key not in _reports:
        assert LIGHTHOUSE.exists(), "lighthouse is missing; run `make install` (npm ci installs the pinned version)"
        report = tmp_path / "report.json"
        flags = " ".join(arg for arg in CHROMIUM_ARGS if not arg.startswith("--headless")) + " --headless=new"
        categories = "accessibility,performance" if preset == "mobile" else "performance"
        result = subprocess.run(
            [str(LIGHTHOUSE), server.url + path, f"--only-categories={categories}", "--output=json",
             f"--output-path={report}", f"--chrome-flags={flags}", "--quiet",
             *(["--preset=desktop"] if preset == "desktop" else [])],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=240,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        _reports[key] = json.loads(report.read_text(encoding="utf-8"))
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
    if (path, preset) in PERFORMANCE_FLOOR:
        assert score >= PERFORMANCE_FLOOR[path, preset], (score, metrics)
