"""One run of the pinned Lighthouse (package.json) against a served page, on Debian's Chromium.

Used by tests/browser/test_lighthouse.py and bench/bench_lighthouse.py, so both run Lighthouse the
same way. It downloads nothing: CHROME_PATH points Lighthouse at the Chromium the other browser
tests drive.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from harness import CHROMIUM, CHROMIUM_ARGS, ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PRESETS = ("mobile", "desktop")


class LighthouseFailed(RuntimeError):
    """Lighthouse is missing or its run failed; the message is one line and says what to do."""


def run_lighthouse(url: str, preset: str, report: Path, categories: str = "performance",
                   cpu_slowdown: float | None = None, timeout_s: int = 240) -> dict:
    """Lighthouse's JSON report for `url` with the `preset` ("mobile", Lighthouse's default, or
    "desktop"); `cpu_slowdown` replaces the preset's CPU multiplier (mobile: 4)."""
    if preset not in PRESETS:
        raise ValueError(f"preset must be one of {PRESETS}, not {preset!r}")
    if not LIGHTHOUSE.exists():
        raise LighthouseFailed(f"{LIGHTHOUSE} is missing: run `make install` (npm ci installs the pinned Lighthouse)")
    flags = " ".join(arg for arg in CHROMIUM_ARGS if not arg.startswith("--headless")) + " --headless=new"
    if preset == "mobile":
        # A phone's scrollbars overlay the page. Headless Chromium's classic ones take width, and
        # under Lighthouse's phone emulation the first frame of a page that scrolls (Material's
        # html{overflow-y:scroll}) then waited about 1 or 2 s after it was painted, which Lighthouse
        # counts as script time before the first paint. Playwright runs Chromium so by default.
        flags += " --hide-scrollbars"
    command = [str(LIGHTHOUSE), url, f"--only-categories={categories}", "--output=json",
               f"--output-path={report}", f"--chrome-flags={flags}", "--quiet"]
    if preset == "desktop":
        command.append("--preset=desktop")
    if cpu_slowdown is not None:
        command.append(f"--throttling.cpuSlowdownMultiplier={cpu_slowdown:g}")
    try:
        result = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM},
                                capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        raise LighthouseFailed(f"Lighthouse on {url} ({preset}) did not finish within {timeout_s} s") from None
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise LighthouseFailed(f"Lighthouse on {url} ({preset}) exited {result.returncode}: {last}")
    return json.loads(report.read_text(encoding="utf-8"))
