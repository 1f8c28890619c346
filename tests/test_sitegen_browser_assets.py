"""The browser assets' pure parts not covered by tests/browser/test_calculator_assets.py.

That file checks the archive's contents and determinism, the model JSON, a missing runtime and the
pinned Pyodide version; this one checks the build id, the Asset record, how exclusions are read,
the import scan and the remaining error messages, on small hand-made trees.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import calculator
from sitegen import browser_assets
from sitegen.browser_assets import (
    ARCHIVE_URI,
    MODEL_URI,
    PYODIDE_DIR,
    PYODIDE_FILES,
    PYODIDE_VERSION,
    Asset,
    BrowserAssetError,
    browser_excluded,
    build_id,
    calculator_archive,
    calculator_imports,
    pyodide_dir,
)

ROOT = Path(__file__).resolve().parent.parent


def test_an_asset_has_exactly_one_source(tmp_path: Path):
    assert Asset("a/b.json", b"{}", None).content == b"{}"
    assert Asset("a/b.wasm", None, tmp_path / "b.wasm").abs_src == tmp_path / "b.wasm"
    with pytest.raises(ValueError, match=r"^a/b: give exactly one of content and abs_src$"):
        Asset("a/b", b"x", tmp_path / "b")
    with pytest.raises(ValueError, match="give exactly one"):
        Asset("a/b", None, None)


def test_build_id_hashes_only_the_calculator_archive_and_model(tmp_path: Path):
    archive, model = Asset(ARCHIVE_URI, b"zip bytes", None), Asset(MODEL_URI, b'{"factors": []}', None)
    runtime = Asset(f"{PYODIDE_DIR}/pyodide.mjs", None, tmp_path / "pyodide.mjs")
    stdlib = Asset(f"{PYODIDE_DIR}/python_stdlib.zip", b"stdlib", None)
    first = build_id([archive, model, runtime, stdlib])
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    assert build_id([archive, model]) == first  # the runtime and the stdlib do not count
    assert build_id([archive, Asset(MODEL_URI, b'{"factors": [1]}', None)]) != first
    assert build_id([Asset(ARCHIVE_URI, b"zip byteS", None), model]) != first
    assert build_id([]) == "e3b0c44298fc"  # sha256 of nothing


def test_browser_excluded_reads_calculator_browser_exclude(monkeypatch):
    assert browser_excluded(ROOT / "calculator") == frozenset(calculator.BROWSER_EXCLUDE)
    monkeypatch.setattr(calculator, "BROWSER_EXCLUDE", ("cli.py", "calculator/extra.py", "tools.report", "sub\\mod.py"))
    assert browser_excluded(ROOT / "calculator") == {"cli.py", "extra.py", "tools/report.py", "sub/mod.py"}


def write_package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "calculator" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_calculator_imports_scans_the_browser_files_only(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(calculator, "BROWSER_EXCLUDE", ("cli.py",))
    project = write_package(tmp_path, {
        "__init__.py": "from .engine import run\nimport calculator.engine\n",
        "engine.py": "import math, os.path as p\nfrom collections import abc\nfrom . import model\n"
                     "def f():\n    import difflib\n",
        "cli.py": "import argparse\nimport yaml\n",
        "sub/deep.py": "from xml.dom import minidom\n",
    })
    assert calculator_imports(project) == ["collections", "difflib", "json", "math", "os.path", "xml.dom"]


def test_calculator_imports_of_the_real_package_are_standard_library_only():
    names = calculator_imports(ROOT)
    assert names == sorted(names) and "json" in names
    assert not any(name.split(".")[0] in {"calculator", "yaml", "sitegen", "argparse"} for name in names)


def test_an_archive_needs_the_calculator_package(tmp_path: Path):
    with pytest.raises(BrowserAssetError, match=r"calculator/__init__\.py is missing; the browser calculator needs"):
        calculator_archive(tmp_path)


def fake_runtime(root: Path, version: str | None) -> Path:
    directory = root / "node_modules" / "pyodide"
    directory.mkdir(parents=True)
    for name in PYODIDE_FILES:
        (directory / name).write_bytes(b"")
    if version is not None:
        (directory / "package.json").write_text(json.dumps({"version": version}), encoding="utf-8")
    return directory


def test_pyodide_dir_accepts_the_pinned_version(tmp_path: Path):
    directory = fake_runtime(tmp_path, PYODIDE_VERSION)
    assert pyodide_dir(tmp_path) == directory


def test_pyodide_dir_names_the_files_missing(tmp_path: Path):
    directory = fake_runtime(tmp_path, PYODIDE_VERSION)
    (directory / "pyodide.asm.wasm").unlink()
    with pytest.raises(BrowserAssetError) as caught:
        pyodide_dir(tmp_path)
    assert str(caught.value) == (f"Pyodide runtime files missing from {directory} (pyodide.asm.wasm); "
                                 f"run `npm ci` in {tmp_path}.")


@pytest.mark.parametrize("version, shown", [("0.26.0", "0.26.0"), (None, "None")])
def test_pyodide_dir_rejects_another_version(tmp_path: Path, version, shown):
    directory = fake_runtime(tmp_path, version)
    with pytest.raises(BrowserAssetError) as caught:
        browser_assets.pyodide_dir(tmp_path)
    assert str(caught.value) == (f"{directory} holds pyodide {shown}, but package.json pins {PYODIDE_VERSION}; "
                                 f"run `npm ci` in {tmp_path}.")
