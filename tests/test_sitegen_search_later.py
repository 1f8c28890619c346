"""Material's search worker replaced by the stand-in that builds the index later: exact, and loud when the theme changes."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from sitegen.search_later import (
    FALLBACK_MS, SEARCH_LATER, MaterialSearchChanged, material_worker, stand_in_worker, with_search_later,
)

CONFIG = ('<script id="__config" type="application/json">{"annotate": null, "base": "..", '
          '"search": "../assets/javascripts/workers/search.a7633da7.min.js", '
          '"translations": {"search.result.term.missing": "Missing \\u003cb\\u003e"}}</script>')
PAGE = f"<html><body><main>search.a7633da7.min.js stays in prose</main>{CONFIG}</body></html>"


def test_the_page_config_names_the_stand_in_and_nothing_else_changes():
    out = with_search_later(PAGE)
    assert out == PAGE.replace('workers/search.a7633da7.min.js"', f'workers/{SEARCH_LATER}"')
    assert "search.a7633da7.min.js stays in prose" in out  # only the config's value is rewritten
    assert with_search_later(out) == out  # rewriting twice changes nothing


def test_pages_without_materials_config_pass_unchanged():
    redirect = '<html><head><meta http-equiv="refresh" content="0; url=../new/"></head></html>'
    assert with_search_later(redirect) == redirect


@pytest.mark.parametrize("config", [
    CONFIG.replace('"search": "../assets/javascripts/workers/search.a7633da7.min.js", ', ""),
    CONFIG.replace("search.a7633da7.min.js", "search.js"),
    CONFIG.replace("javascripts/workers/", "javascripts/"),
    CONFIG.replace('"base": ".."', '"base": ..'),
])
def test_a_changed_theme_stops_the_build_naming_this_module(config):
    with pytest.raises(MaterialSearchChanged, match=r"update sitegen/search_later.py"):
        with_search_later(f"<html><body>{config}</body></html>")


def test_materials_worker_is_the_one_content_hashed_search_file():
    assert material_worker(["search.a7633da7.min.js", "search.a7633da7.min.js.map", SEARCH_LATER]) == "search.a7633da7.min.js"
    for names in ([], ["search.a7633da7.min.js", "search.0123abcd.min.js"], ["search.min.js"]):
        with pytest.raises(MaterialSearchChanged, match=r"update sitegen/search_later.py"):
            material_worker(names)


def test_the_stand_in_loads_materials_worker_and_parses_as_a_classic_script(tmp_path):
    source = stand_in_worker("search.a7633da7.min.js")
    assert 'const MATERIAL_WORKER = "search.a7633da7.min.js";' in source
    assert f"const FALLBACK_MS = {FALLBACK_MS};" in source
    assert "importScripts(MATERIAL_WORKER)" in source
    node = shutil.which("node")
    assert node, "node is needed (make install runs npm ci)"
    script = tmp_path / SEARCH_LATER
    script.write_text(source, encoding="utf-8")
    check = subprocess.run([node, "--check", str(script)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr
