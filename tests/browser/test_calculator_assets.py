"""What the build gives the browser calculator, checked without a browser: page, archive, model, runtime."""

from __future__ import annotations

import fnmatch
import importlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from harness import ROOT

import calculator
from sitegen import browser_assets, precompile
from sitegen.browser_assets import PYODIDE_FILES, PYODIDE_STDLIB
from sitegen.calculator_page import render_calculator_page
from sitegen.content import load_site
from sitegen.module_preloads import static_imports

JS_DIR = ROOT / "docs" / "assets" / "javascripts"
GLUE = sorted(JS_DIR.iterdir())
MAX_MODULE_LINES = 250


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content")


@pytest.fixture(scope="module")
def model(site):
    return site.calculator


def test_archive_holds_the_calculator_sources_minus_the_cli():
    first = browser_assets.calculator_archive(ROOT)
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


ARCHIVE_IN_SUBPROCESS = """
import sys
from pathlib import Path
from sitegen.browser_assets import calculator_archive
sys.stdout.buffer.write(calculator_archive(Path(sys.argv[1])))
"""


def _archive_of(project: Path, hash_seed: str) -> bytes:
    """calculator_archive(project) computed by a fresh interpreter with its own hash seed."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", ARCHIVE_IN_SUBPROCESS, str(project)], cwd=ROOT, env=env,
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return proc.stdout


def _copy_sources(dest: Path, mtime: int, reverse: bool) -> Path:
    """dest/calculator: the package's sources, written in the given order, all stamped with mtime."""
    files = sorted(p for p in (ROOT / "calculator").rglob("*.py") if "__pycache__" not in p.parts)
    for path in reversed(files) if reverse else files:
        target = dest / "calculator" / path.relative_to(ROOT / "calculator")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        target.chmod(0o600 if reverse else 0o664)
        os.utime(target, (mtime, mtime))
    return dest


def test_archive_depends_on_source_bytes_only(tmp_path):
    """Two copies of the tree (other mtimes, modes, write order), archived by two processes: same bytes.

    And one changed byte in one source changes the archive, so the comparison can fail.
    """
    first = _copy_sources(tmp_path / "a", 1_000_000_000, reverse=False)
    second = _copy_sources(tmp_path / "b", 1_700_000_000, reverse=True)
    archive = _archive_of(first, "1")
    assert archive == _archive_of(second, "2")
    assert archive == browser_assets.calculator_archive(ROOT)  # and the same as the real tree's
    assert zipfile.ZipFile(io.BytesIO(archive)).testzip() is None
    changed = second / "calculator" / "engine.py"
    source = changed.read_bytes()
    changed.write_bytes(source[:-1] + bytes([source[-1] ^ 1]))  # one bit of one byte
    assert _archive_of(second, "2") != archive


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
    assert render_calculator_page(site, "0123456789ab") == render_calculator_page(site, "0123456789ab")


def test_only_the_calculator_page_mentions_the_worker(site_dir: Path):
    """Other pages name Python's files only in the warm-up data block (what to fetch on intent)."""
    for page in site_dir.rglob("*.html"):
        text = re.sub(r'<script type="application/json" data-warmup>.*?</script>', "", page.read_text(encoding="utf-8"), flags=re.S)
        assert "pyodide" not in text.lower() or page.parent.name == "calculator", page


def test_runtime_files_are_published(site_dir: Path):
    runtime = ROOT / "node_modules" / "pyodide"
    for name in PYODIDE_FILES:
        published = site_dir / "assets" / "pyodide" / name
        assert published.is_file(), name
        if name != PYODIDE_STDLIB:
            assert published.read_bytes() == (runtime / name).read_bytes(), name


def test_precompile_programs_are_package_files_and_safe_to_import():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]["sitegen"]
    for program in (precompile.NODE_PROGRAM, *precompile.PYODIDE_PROGRAMS):
        assert program.is_file() and program.parent == ROOT / "sitegen" / "precompile", program
    node_program = precompile.NODE_PROGRAM.relative_to(ROOT / "sitegen").as_posix()
    assert any(fnmatch.fnmatch(node_program, pattern) for pattern in globs), (node_program, globs)
    # The Pyodide-side programs are modules of the package (so they are installed); importing runs nothing.
    for program in precompile.PYODIDE_PROGRAMS:
        importlib.import_module(f"sitegen.precompile.{program.stem}")


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


# Rules that live in Python only: the glue neither numbers, signs, truncates nor builds queries.
DUPLICATED_RULES = {
    "a JS default start timeout": r"DEFAULT_TIMEOUT|\|\|\s*\d{4,}",
    "a sign computed in JS": r"bindSign|data-bind-sign|[\"']positive[\"']",
    "keys shortened in JS": r"\.length\s*>\s*\d+",
    "number formatting in JS": r"toFixed|toLocaleString|Intl\.|toPrecision",
    "a query built from answers in JS": r"params\.set\(",
}


def test_rules_that_belong_to_python_are_not_in_the_glue():
    for path in GLUE:
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.S)
        for rule, pattern in DUPLICATED_RULES.items():
            assert not re.search(pattern, code), f"{path.name}: {rule} ({pattern})"


def _page_entries() -> list[str]:
    """The modules every page loads: mkdocs.yml's extra_javascript, and the page template's own (a
    module that must run before Material's bundle)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    entries = re.findall(r"-\s*path:\s*assets/javascripts/(\S+)\s*\n\s*type:\s*module", config)
    template = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    module_tag = r'<script src="\{\{ ' + r"'assets/javascripts/([\w.-]+\.mjs)'" + r' \| url \}\}" type="module"'
    return entries + re.findall(module_tag, template)


def _module_graph() -> tuple[set[str], set[str]]:
    """(files loaded as modules, files that import or export): from the page entries, imports and new Worker()."""
    loaded, todo, linking = set(), _page_entries(), set()
    while todo:
        name = todo.pop()
        if name in loaded:
            continue
        loaded.add(name)
        code = (JS_DIR / name).read_text(encoding="utf-8")
        imports = static_imports(code)
        workers = re.findall(r'new Worker\(new URL\(`[^`]*?javascripts/([\w.-]+\.mjs)[^`]*`[^)]*\),\s*\{\s*type:\s*"module"\s*\}', code)
        if imports or re.search(r"^export\s", code, flags=re.M):
            linking.add(name)
        todo += imports + workers
    return loaded, linking


def test_the_calculator_page_preloads_its_glue_and_every_module_it_imports(site_dir):
    """Its <head> lists the calculator's glue and each module it imports, directly or not, so that
    they arrive in one round, not one import after another; other pages preload none of them."""
    def preloads(page: str) -> list[str]:
        html = (site_dir / page).read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        return re.findall(r'<link rel="modulepreload" href="[./]*assets/javascripts/([\w.-]+\.mjs)">', head)

    imported, todo = {"calculator.mjs"}, ["calculator.mjs"]
    while todo:
        found = set(static_imports((JS_DIR / todo.pop()).read_text(encoding="utf-8"))) - imported
        imported |= found
        todo += found
    listed = preloads("calculator/index.html")
    assert len(imported) > 10 and sorted(listed) == sorted(imported), f"preloaded {sorted(listed)}, imported {sorted(imported)}"
    assert preloads("index.html") == [] and preloads("comparison/index.html") == []


def test_the_glue_imports_only_in_the_form_the_preloads_read():
    """sitegen/module_preloads.py finds imports as `import ... from "./name.mjs";` statements; an
    import written otherwise (dynamic, bare, another folder) would not be preloaded."""
    for path in GLUE:
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.S)
        statements = re.findall(r"^\s*import\b[^;]*;", code, flags=re.M)
        assert len(statements) == len(static_imports(code)), f"{path.name}: an import the preloads would miss: {statements}"
        # the worker imports Pyodide's own module by URL at run time, which no page preloads
        dynamic = re.findall(r"\bimport\(", code)
        assert not dynamic or path.name == "calculator-worker.mjs", f"{path.name}: a dynamic import"


def test_browser_glue_is_small_es_modules_only():
    node = shutil.which("node")
    assert node, "node is needed (make install runs npm ci); it parses the glue as ES modules"
    names = {p.name for p in GLUE}
    loaded, linking = _module_graph()
    assert "calculator-worker.mjs" in loaded, "the worker must be started as a module worker from the glue"
    assert loaded == names, f"not loaded as ES modules: {sorted(names - loaded)}; missing: {sorted(loaded - names)}"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^\s*-\s*assets/javascripts/\S+\.js\s*$", config, flags=re.M), "a classic script in extra_javascript"
    for path in GLUE:
        code = path.read_text(encoding="utf-8")
        lines = code.count("\n") + (not code.endswith("\n"))
        assert path.suffix == ".mjs", f"{path.name}: the glue is ES modules only (.mjs)"
        assert lines <= MAX_MODULE_LINES, f"{path.name}: {lines} lines (at most {MAX_MODULE_LINES}); split it by concern"
        assert "innerHTML" not in code, f"{path.name}: innerHTML"
        assert "use strict" not in code and not re.search(r"^\(function\s*\(", code, flags=re.M), f"{path.name}: an ES5 IIFE"
        assert not re.search(r"^\s*var\s", code, flags=re.M), f"{path.name}: `var` (one dialect: let/const)"
        check = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=60)
        assert check.returncode == 0, f"{path.name} does not parse as an ES module:\n{check.stderr}"
    # Every module but the worker and the page entries that work alone is linked by import or export.
    standalone = {"calculator-worker.mjs"} | {name for name in _page_entries()
                                              if not re.search(r"^\s*(import|export)\s", (JS_DIR / name).read_text(encoding="utf-8"), flags=re.M)}
    assert linking >= names - standalone, f"not linked by import/export: {sorted(names - linking - standalone)}"
