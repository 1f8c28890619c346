"""The browser half of calculator/ imports only standard-library modules that Pyodide ships."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import yaml

import calculator

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "calculator"

# Standard-library modules Pyodide removes, ships separately (unvendored), or ships broken.
# Sources: Pyodide's "Python compatibility" page (removed and not-working modules).
PYODIDE_UNAVAILABLE = {
    "curses", "dbm", "ensurepip", "idlelib", "lib2to3", "tkinter", "turtle", "turtledemo", "venv",
    "fcntl", "grp", "pwd", "resource", "syslog", "termios", "pty", "tty", "msvcrt", "winreg", "winsound",
    "multiprocessing", "threading", "socket", "ssl", "sqlite3", "lzma", "_hashlib",
    "subprocess", "test", "distutils", "pydoc_data", "webbrowser", "readline",
}
# `hashlib` itself ships in Pyodide 314's python_stdlib.zip and hashes with the built-in _sha2 (only the
# OpenSSL-backed _hashlib is missing); calculator/model.py uses hashlib.sha256 for model versions.


def _browser_files() -> list[Path]:
    return sorted(p for p in PACKAGE.glob("*.py") if p.name not in calculator.BROWSER_EXCLUDE)


def _imports(tree: ast.AST, top_level_only: bool) -> list[tuple[str, int, int]]:
    """(module, relative level, line) for each import; top_level_only skips function bodies."""
    found = []
    nodes = tree.body if top_level_only else list(ast.walk(tree))  # type: ignore[attr-defined]
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [(alias.name, 0, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module or "", node.level, node.lineno))
    return found


def _is_pyodide_stdlib(module: str) -> bool:
    top = module.split(".")[0]
    return top == "__future__" or (top in sys.stdlib_module_names and top not in PYODIDE_UNAVAILABLE)


def test_browser_exclusions_are_declared_in_one_place_and_exist():
    assert calculator.BROWSER_EXCLUDE == ("cli.py", "__main__.py", "text_report.py", "input_files.py")
    for name in calculator.BROWSER_EXCLUDE:
        assert (PACKAGE / name).is_file()
    assert {p.name for p in _browser_files()} >= {
        "__init__.py", "model.py", "answers.py", "engine.py", "flips.py", "cost.py", "record.py", "bridge.py", "errors.py"}


def test_browser_files_import_only_pyodide_stdlib_or_each_other():
    excluded_modules = {name.removesuffix(".py") for name in calculator.BROWSER_EXCLUDE}
    bad = []
    for path in _browser_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), feature_version=(3, 11))
        for module, level, line in _imports(tree, top_level_only=False):
            if level:
                if module.split(".")[0] in excluded_modules:
                    bad.append(f"{path.name}:{line}: imports CPython-only .{module}")
            elif not _is_pyodide_stdlib(module):
                bad.append(f"{path.name}:{line}: imports {module}, which is not in Pyodide's standard library")
    assert bad == []


def test_cpython_only_files_import_third_party_modules_lazily():
    bad = []
    for name in calculator.BROWSER_EXCLUDE:
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"), feature_version=(3, 11))
        for module, level, line in _imports(tree, top_level_only=True):
            if not level and not _is_pyodide_stdlib(module):
                bad.append(f"{name}:{line}: imports {module} at module level; import it inside the function that needs it")
    assert bad == []


def test_the_browser_files_work_without_site_packages(tmp_path: Path):
    """Run the bridge from a copy of the browser files in a bare interpreter (-S: no pyyaml, no pydantic)."""
    browser_copy = tmp_path / "calculator"
    browser_copy.mkdir()
    for path in _browser_files():
        (browser_copy / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    model_json = json.dumps(yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8")), default=str)
    (tmp_path / "model.json").write_text(model_json, encoding="utf-8")
    script = (
        "import json, sys\n"
        "from calculator import bridge\n"
        "loaded = json.loads(bridge.load(open('model.json').read()))\n"
        "assert loaded['ok'], loaded\n"
        "out = json.loads(bridge.run(json.dumps({'task-clarity': 'stable'}), 'https://example.org/'))\n"
        "assert out['ok'], out\n"
        "print(out['result']['verdict'], 'yaml' in sys.modules, 'pydantic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-S", "-E", "-s", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["prompt-first", "False", "False"]
