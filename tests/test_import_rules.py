"""Imports run one way: calculator <- sections <- content <- render <- pages and assets <- hooks.

The calculator core imports nothing of the site (so it runs alone in the browser and the CLI),
content knows nothing of rendering, and only the hooks know MkDocs. A planted upward import in a
copy of the tree shows the check can fail.
"""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lower layers first; a module may import its own layer or any layer below it, never above.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("calculator",),
    ("sitegen.sections",),
    ("sitegen.content",),
    ("sitegen.render",),
    ("sitegen.calculator_page", "sitegen.browser_assets", "sitegen.precompile", "sitegen.pages", "sitegen.schemas",
     "sitegen"),
    ("hooks",),
)


def layer_of(module: str) -> int | None:
    """The layer of a project module (longest matching prefix), or None for third-party and stdlib."""
    best: tuple[int, int] | None = None
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > best[1]:
                    best = (rank, len(prefix))
    return None if best is None else best[0]


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(root: Path, path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import in a file, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(root, path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [f"{target}.{alias.name}" for alias in node.names]
            else:
                names = [node.module or ""]
            found += [(node.lineno, name) for name in names]
    return found


def upward_imports(root: Path) -> list[str]:
    problems = []
    for folder in ("calculator", "sitegen", "hooks"):
        for path in sorted((root / folder).rglob("*.py")):
            own = layer_of(module_name(root, path))
            if own is None:
                continue
            for line, target in imported_modules(root, path):
                other = layer_of(target)
                if other is not None and other > own:
                    problems.append(f"{path.relative_to(root)}:{line}: imports {target} from a higher layer")
    return problems


def test_no_module_imports_upward():
    assert upward_imports(ROOT) == []


def test_the_rule_catches_a_planted_upward_import(tmp_path: Path):
    for folder in ("calculator", "sitegen", "hooks"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "calculator" / "planted.py").write_text("from sitegen.content import load_site\n", encoding="utf-8")
    (tmp_path / "sitegen" / "content" / "planted.py").write_text("from ..render import pages\n", encoding="utf-8")
    assert upward_imports(tmp_path) == [
        "calculator/planted.py:1: imports sitegen.content from a higher layer",
        "sitegen/content/planted.py:1: imports sitegen.render from a higher layer",
    ]


def test_the_calculator_never_names_the_site():
    """Not even lazily or in a string: the CLI finds the site's content through an entry point."""
    for path in (ROOT / "calculator").rglob("*.py"):
        assert "sitegen" not in path.read_text(encoding="utf-8"), path
