"""What the build gives the browser calculator, checked without a browser: page, archive, model, runtime."""

from __future__ import annotations

import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from harness import PYODIDE_FILES, ROOT

import calculator
from sitegen import browser_assets
from sitegen.calculator_page import render_calculator_page
from sitegen.content import load_site

GLUE = [ROOT / "docs/assets/javascripts/calculator.js", ROOT / "docs/assets/javascripts/calculator-worker.mjs"]


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content")


@pytest.fixture(scope="module")
def model(site):
    return calculator.Model.from_dict(site.calculator_data())


def test_archive_holds_the_calculator_sources_minus_the_cli_and_is_deterministic():
    first = browser_assets.calculator_archive(ROOT)
    assert first == browser_assets.calculator_archive(ROOT)
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    sources = {
        "calculator/" + p.relative_to(ROOT / "calculator").as_posix()
        for p in (ROOT / "calculator").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    excluded = {"calculator/" + name for name in calculator.BROWSER_EXCLUDE}
    assert excluded, "calculator.BROWSER_EXCLUDE should name the CPython-only modules"
    assert set(names) == sources - excluded
    archive = zipfile.ZipFile(io.BytesIO(first))
    for name in names:
        assert archive.read(name) == (ROOT / name).read_bytes(), f"{name} differs from its source"


def test_model_json_rebuilds_the_same_model(site, model):
    data = json.loads(browser_assets.model_json(site))
    rebuilt = calculator.Model.from_dict(data)
    assert rebuilt.factor_ids == model.factor_ids
    assert rebuilt.input_ids == model.input_ids


def test_missing_runtime_names_npm_ci(tmp_path):
    with pytest.raises(browser_assets.BrowserAssetError, match="npm ci"):
        browser_assets.pyodide_dir(tmp_path)


def test_pinned_pyodide_version_matches_package_json():
    package = json.loads((ROOT / "package.json").read_text())
    assert package["dependencies"]["pyodide"] == browser_assets.PYODIDE_VERSION
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/pyodide"]["version"] == browser_assets.PYODIDE_VERSION


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_built_page_is_complete_without_scripts(site_dir: Path, site, model):
    html = (site_dir / "calculator" / "index.html").read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(html)
    roots = [a for t, a in parser.tags if "data-calculator" in a]
    assert len(roots) == 1 and roots[0]["data-state"] == "prerendered"
    verdicts = [a["data-verdict"] for t, a in parser.tags if "data-verdict" in a]
    default = calculator.evaluate(model, calculator.parse_answers(model, {}))
    assert verdicts == [default.verdict]
    assert default.label in html
    radios = {
        (a["name"], a.get("value"))
        for t, a in parser.tags
        if t == "input" and a.get("type") == "radio" and not a.get("name", "").startswith("__")  # Material's palette
    }
    assert radios == {(f.id, o.id) for f in model.factors for o in f.options}
    numbers = {a["name"] for t, a in parser.tags if t == "input" and a.get("type") == "number"}
    assert numbers == set(model.input_ids)
    ids = {a.get("id") for t, a in parser.tags}
    for heading in ("calc-verdict", "calc-answers", "calc-why", "calc-flips", "calc-costs", "calc-share"):
        assert heading in ids
    # Links inside the widget resolve to real pages and anchors of the built site.
    for tag, attrs in parser.tags:
        href = attrs.get("href") or ""
        if tag == "a" and href.startswith("../") and "#" in href:
            page, anchor = href[3:].split("#", 1)
            target = (site_dir / page / "index.html").read_text(encoding="utf-8")
            assert f'id="{anchor}"' in target, href


def test_render_is_pure(site):
    assert render_calculator_page(site) == render_calculator_page(site)


def test_only_the_calculator_page_mentions_the_worker(site_dir: Path):
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "pyodide" not in text.lower() or page.parent.name == "calculator", page


def test_runtime_files_are_published(site_dir: Path):
    runtime = ROOT / "node_modules" / "pyodide"
    for name in PYODIDE_FILES:
        published = site_dir / "assets" / "pyodide" / name
        assert published.is_file(), name
        if name != "python_stdlib.zip":
            assert published.read_bytes() == (runtime / name).read_bytes(), name


def test_published_stdlib_has_every_module_of_the_stock_one(site_dir: Path):
    stock = zipfile.ZipFile(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip").namelist()
    published = set(zipfile.ZipFile(site_dir / "assets" / "pyodide" / "python_stdlib.zip").namelist())
    for name in stock:
        assert name in published or name + "c" in published, name


def test_glue_holds_no_scoring_wording_or_markup_injection(model):
    source = "\n".join(path.read_text(encoding="utf-8") for path in GLUE)
    text = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)  # code only: comments may say what is avoided
    assert "innerHTML" not in text and "outerHTML" not in text and "insertAdjacentHTML" not in text
    assert "eval(" not in text and "new Function" not in text
    for factor in model.factors:
        assert factor.id not in text, f"factor id {factor.id!r} belongs in Python, not the glue"
        assert factor.title not in text
        for option in factor.options:
            assert option.label not in text
    for outcome in model.outcomes:
        assert outcome.id not in text and outcome.label not in text
    # No English sentences: user-facing words live in the page's HTML or Python's JSON.
    strings = re.findall(r'"([^"\\]{12,})"|`([^`]{12,})`', text)
    sentences = [s for pair in strings for s in pair if re.search(r"[A-Z][a-z]+ [a-z]+ [a-z]+", s)]
    assert not sentences, sentences
