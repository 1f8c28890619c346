"""Lighthouse (pinned in package.json) scores accessibility 100 on the home and calculator pages.

Lighthouse drives the same Debian Chromium as the other browser tests (CHROME_PATH), against the
site served on loopback; it downloads nothing.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from harness import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


@pytest.mark.parametrize("path", ["", "calculator/"])
def test_lighthouse_accessibility_is_100(site_server, tmp_path, path: str) -> None:
    assert LIGHTHOUSE.exists(), "lighthouse is missing; run `make install` (npm ci installs the pinned version)"
    report = tmp_path / "report.json"
    flags = " ".join(arg for arg in CHROMIUM_ARGS if not arg.startswith("--headless")) + " --headless=new"
    result = subprocess.run(
        [str(LIGHTHOUSE), site_server.url + path, "--only-categories=accessibility", "--output=json",
         f"--output-path={report}", f"--chrome-flags={flags}", "--quiet"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    audits = json.loads(report.read_text(encoding="utf-8"))
    failing = [f"{key}: {audit['title']}" for key, audit in audits["audits"].items()
               if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0]
    assert audits["categories"]["accessibility"]["score"] == 1, "\n".join(failing)
