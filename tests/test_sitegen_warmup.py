"""sitegen/warmup.py: the data every page carries so a reader heading for the calculator warms it."""

from __future__ import annotations

import json

from sitegen.browser_assets import startup_urls
from sitegen.calculator_page import PAGE
from sitegen.warmup import warmup


def test_the_calculator_page_and_exactly_its_start_up_files():
    asked = []

    def url_of(path: str) -> str:
        asked.append(path)
        return "calculator/"

    data = warmup("0123456789ab", url_of)
    assert asked == [PAGE]
    assert data == {"page": "calculator/", "files": startup_urls("0123456789ab")}


def test_the_page_is_whatever_url_mkdocs_gives_it_and_the_data_is_json():
    data = warmup("aaaaaaaaaaaa", lambda path: "calculator.html")  # without directory URLs
    assert data["page"] == "calculator.html"
    assert json.loads(json.dumps(data)) == data
    assert all(not file.startswith("/") for file in data["files"])  # relative to the site root, as the pages resolve them
