"""The browser assets' pure parts not covered by tests/browser/test_calculator_assets.py.

That file checks the archive's contents and determinism, the model JSON, a missing runtime and the
pinned Pyodide version; this one checks the build id, the Asset record, how exclusions are read,
the import scan and the remaining error messages, on small hand-made trees.
"""
from __future__ import annotations

import gzip
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
    SNAPSHOT_MAGIC,
    SNAPSHOT_PAGE,
    SNAPSHOT_URI,
    STDLIB_URI,
    Asset,
    BrowserAssetError,
    browser_excluded,
    build_id,
    calculator_archive,
    calculator_urls,
    calculator_imports,
    pyodide_dir,
    runtime_settings,
    snapshot_file,
    startup_urls,
)
from sitegen.precompile import Runtime

ROOT = Path(__file__).resolve().parent.parent


def test_an_asset_has_exactly_one_source(tmp_path: Path):
    assert Asset("a/b.json", b"{}", None).content == b"{}"
    assert Asset("a/b.wasm", None, tmp_path / "b.wasm").abs_src == tmp_path / "b.wasm"
    with pytest.raises(ValueError, match=r"^a/b: give exactly one of content and abs_src$"):
        Asset("a/b", b"x", tmp_path / "b")
    with pytest.raises(ValueError, match="give exactly one"):
        Asset("a/b", None, None)


def test_build_id_hashes_every_file_the_worker_loads_but_the_snapshot(tmp_path: Path):
    archive, model = Asset(ARCHIVE_URI, b"zip bytes", None), Asset(MODEL_URI, b'{"factors": []}', None)
    (tmp_path / "pyodide.mjs").write_bytes(b"export {}")
    (tmp_path / "python_stdlib.zip").write_bytes(b"stock stdlib")
    runtime = Asset(f"{PYODIDE_DIR}/pyodide.mjs", None, tmp_path / "pyodide.mjs")
    stdlib = Asset(STDLIB_URI, b"stdlib", None)
    first = build_id([archive, model, runtime, stdlib])
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    assert build_id([stdlib, runtime, model, archive]) == first  # the order they are listed in does not count
    assert build_id([archive, model, runtime, stdlib, Asset(SNAPSHOT_URI, b"made from them", None)]) == first
    # Pyodide's own files count: a snapshot is valid with one Pyodide build only.
    assert build_id([archive, model, stdlib]) != first
    assert build_id([archive, model, Asset(f"{PYODIDE_DIR}/pyodide.mjs", b"export {};", None), stdlib]) != first
    assert build_id([archive, model, runtime, Asset(STDLIB_URI, None, tmp_path / "python_stdlib.zip")]) != first
    assert build_id([archive, Asset(MODEL_URI, b'{"factors": [1]}', None), runtime, stdlib]) != first
    assert build_id([Asset(ARCHIVE_URI, b"zip byteS", None), model, runtime, stdlib]) != first
    # The same bytes under another name are another file.
    assert build_id([Asset(ARCHIVE_URI, b"x", None)]) != build_id([Asset(MODEL_URI, b"x", None)])
    assert build_id([]) == "e3b0c44298fc"  # sha256 of nothing


def test_snapshot_file_is_gzip_of_magic_header_and_non_zero_pages():
    page = SNAPSHOT_PAGE
    memory = bytes(page) + b"\x01" * page + bytes(page) + b"tail"  # zeros, data, zeros, a short last page
    made = Runtime(stdlib=b"", archive=b"", snapshot=memory,
                   snapshot_info={"pyodide": "314.0.7", "model_version": "2026-01-01-abcdef12", "lock": {"packages": {}}})
    data = snapshot_file(made, "0123456789ab")
    assert data == snapshot_file(made, "0123456789ab")  # reproducible: no time in the gzip header
    body = gzip.decompress(data)
    assert body.startswith(SNAPSHOT_MAGIC)
    end = body.index(b"\n", len(SNAPSHOT_MAGIC))
    assert json.loads(body[len(SNAPSHOT_MAGIC):end]) == {
        "build": "0123456789ab", "pyodide": "314.0.7", "model_version": "2026-01-01-abcdef12", "lock": {"packages": {}},
        "memory_bytes": len(memory), "page_bytes": page, "pages": [1, 3]}
    assert body[end + 1:] == b"\x01" * page + b"tail"


def test_runtime_settings_and_startup_urls_name_the_same_versioned_files():
    settings = runtime_settings("0123456789ab")
    assert settings["snapshot"] == "assets/calculator/snapshot.bin?v=0123456789ab"
    assert settings["stdlib"] == "assets/pyodide/python_stdlib.zip?v=0123456789ab"
    assert settings["pyodide"] == "assets/pyodide/"
    # The loader the worker imports names the build; Pyodide names its other files itself.
    assert settings["loader"] == "assets/pyodide/pyodide.mjs?v=0123456789ab"
    assert settings["build"] == "0123456789ab" and settings["env"]["PYTHONHASHSEED"] == "0"
    # Restoring the snapshot needs neither the archive nor the model nor the lock file.
    assert startup_urls("0123456789ab") == [
        settings["loader"], "assets/pyodide/pyodide.asm.mjs", "assets/pyodide/pyodide.asm.wasm",
        settings["stdlib"], settings["snapshot"],
    ]
    everything = calculator_urls("0123456789ab")
    assert everything[:5] == startup_urls("0123456789ab")
    assert {settings["archive"], settings["model"], "assets/pyodide/pyodide-lock.json"} == set(everything[5:])


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
