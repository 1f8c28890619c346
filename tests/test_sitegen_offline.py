"""sitegen/offline.py: what the service worker stores, its version, and a script that parses."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess

import pytest

from sitegen import offline
from sitegen.browser_assets import PYODIDE_FILES, PYODIDE_STDLIB

BUILT = [
    "index.html", "faq/index.html", "404.html", "sitemap.xml", "sitemap.xml.gz", "_headers", "sw.js",
    "search/search_index.json", "assets/images/favicon.png",
    "assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/bundle.a5f9d56c.min.js.map",
    "assets/javascripts/lunr/min/lunr.de.min.js", "assets/javascripts/calculator.mjs",
    "assets/stylesheets/main.57a0d79d.min.css", "assets/stylesheets/site.css",
    "assets/calculator/calculator.zip", "assets/calculator/model.json",
    *(f"assets/pyodide/{name}" for name in PYODIDE_FILES),
]


def config_of(script: str) -> dict:
    return json.loads(re.search(r"^const OFFLINE = (\{.*?^\});$", script, flags=re.M | re.S).group(1))


def test_precache_holds_pages_and_small_assets_only():
    chosen = offline.precache_paths(BUILT)
    assert chosen == sorted([
        "404.html", "assets/images/favicon.png", "assets/javascripts/bundle.a5f9d56c.min.js",
        "assets/javascripts/calculator.mjs", "assets/stylesheets/main.57a0d79d.min.css",
        "assets/stylesheets/site.css", "faq/index.html", "index.html", "search/search_index.json", "sitemap.xml",
    ])


def test_page_urls_are_the_directory_urls_readers_use():
    assert offline.page_url("index.html") == ""
    assert offline.page_url("faq/index.html") == "faq/"
    assert offline.page_url("assets/stylesheets/site.css") == "assets/stylesheets/site.css"


def test_the_version_follows_every_stored_byte_and_the_build():
    files = {"index.html": b"<p>a</p>", "faq/index.html": b"<p>b</p>"}
    version = offline.offline_version("0123456789ab", files)
    assert version == offline.offline_version("0123456789ab", dict(reversed(list(files.items()))))
    assert version != offline.offline_version("0123456789ab", {**files, "faq/index.html": b"<p>c</p>"})
    assert version != offline.offline_version("ba9876543210", files)


def test_the_script_lists_the_build_and_never_precaches_python():
    files = {path: path.encode() for path in offline.precache_paths(BUILT)}
    script = offline.service_worker("0123456789ab", files, {})
    assert script == offline.service_worker("0123456789ab", files, {})  # pure
    config = config_of(script)
    assert config["build"] == "0123456789ab"
    assert config["version"] == offline.offline_version("0123456789ab", files)
    assert "" in config["precache"] and "faq/" in config["precache"]
    assert not [p for p in config["precache"] if "pyodide" in p or "assets/calculator/" in p]
    assert config["cacheFirst"] == ["assets/javascripts/bundle.a5f9d56c.min.js", "assets/stylesheets/main.57a0d79d.min.css"]
    assert "assets/calculator/model.json?v=0123456789ab" in config["calculator"]
    assert "assets/calculator/snapshot.bin?v=0123456789ab" in config["calculator"]
    # The stdlib is the build's own, and the worker imports Pyodide's loader for this build: both
    # named with the build id. Pyodide's other files as Pyodide names them.
    assert "assets/pyodide/python_stdlib.zip?v=0123456789ab" in config["calculator"]
    assert "assets/pyodide/pyodide.mjs?v=0123456789ab" in config["calculator"]
    others = {name for name in PYODIDE_FILES if name not in (PYODIDE_STDLIB, "pyodide.mjs")}
    assert {f"assets/pyodide/{name}" for name in others} <= set(config["calculator"])
    assert config["notFound"] == "404.html"


def test_each_calculator_file_is_stored_only_with_the_bytes_this_build_published():
    published = {path: f"bytes of {path}".encode() for path in offline.calculator_paths("0123456789ab")}
    del published["assets/calculator/snapshot.bin"]  # a build without Node has none
    config = config_of(offline.service_worker("0123456789ab", {"index.html": b""}, published))
    snapshot = "assets/calculator/snapshot.bin?v=0123456789ab"
    assert set(config["integrity"]) == set(config["calculator"]) - {snapshot}
    model = "assets/calculator/model.json?v=0123456789ab"
    digest = base64.b64encode(hashlib.sha256(b"bytes of assets/calculator/model.json").digest()).decode()
    assert config["integrity"][model] == f"sha256-{digest}"
    assert config["integrity"]["assets/pyodide/pyodide.asm.wasm"] == offline.integrity(b"bytes of assets/pyodide/pyodide.asm.wasm")


def test_the_script_parses_as_javascript(tmp_path):
    node = shutil.which("node")
    if not node:
        pytest.fail("node is needed (make install runs npm ci)", pytrace=False)
    path = tmp_path / "sw.js"
    path.write_text(offline.service_worker("0123456789ab", {"index.html": b""}, {}), encoding="utf-8")
    check = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr
