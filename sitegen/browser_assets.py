"""Files the in-browser calculator needs: the calculator archive, the model JSON and the Pyodide runtime.

Everything is made at build time from the same sources CPython uses (never a copy under docs/),
deterministically, so two builds of the same tree publish byte-identical assets. This module
packages and lists the files; sitegen.precompile makes the bytecode stdlib that replaces Pyodide's
stock python_stdlib.zip.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .content import Site
from .precompile import precompiled_stdlib

ASSET_DIR = "assets/calculator"
PYODIDE_DIR = "assets/pyodide"
ARCHIVE_URI = f"{ASSET_DIR}/calculator.zip"
MODEL_URI = f"{ASSET_DIR}/model.json"
# What a browser needs to run core Python offline: Pyodide 314's runtime files, no packages.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
PYODIDE_VERSION = "314.0.7"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# calculator-client.mjs appends ?v=<build id> to the worker's URLs for the calculator's own files.
BUILD_PARAM = "v"


class BrowserAssetError(RuntimeError):
    """A browser asset cannot be made; the message says what to run."""


@dataclass(frozen=True)
class Asset:
    """One generated file of the built site: inline bytes, or a file copied from abs_src."""

    dest_uri: str
    content: bytes | None
    abs_src: Path | None

    def __post_init__(self) -> None:
        if (self.content is None) == (self.abs_src is None):
            raise ValueError(f"{self.dest_uri}: give exactly one of content and abs_src")


def browser_excluded(package_dir: Path) -> frozenset[str]:
    """File names (relative to the package) that stay CPython-only, from calculator.BROWSER_EXCLUDE."""
    import calculator

    names = set()
    for entry in getattr(calculator, "BROWSER_EXCLUDE", ()):
        name = str(entry).replace("\\", "/")
        if not name.endswith(".py"):
            name = name.replace(".", "/") + ".py"
        names.add(name.removeprefix("calculator/"))
    return frozenset(names)


def calculator_archive(project_root: Path) -> bytes:
    """A zip of calculator/**.py minus BROWSER_EXCLUDE, byte-identical for identical sources."""
    package_dir = project_root / "calculator"
    if not (package_dir / "__init__.py").is_file():
        raise BrowserAssetError(f"{package_dir}/__init__.py is missing; the browser calculator needs the calculator package.")
    excluded = browser_excluded(package_dir)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(package_dir.rglob("*.py")):
            relative = path.relative_to(package_dir).as_posix()
            if "__pycache__" in relative or relative in excluded:
                continue
            info = zipfile.ZipInfo(f"calculator/{relative}", date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()


def model_json(site: Site) -> bytes:
    """The calculator model, built once by the content loader, as the JSON `calculator.bridge.load` reads."""
    return json.dumps(site.calculator.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def build_id(assets: list[Asset]) -> str:
    """Short content hash of the calculator's own files (archive and model) the worker downloads.

    Appended to the worker's URLs so caches never serve a stale calculator. Computed once per
    build, by the hook, from the assets it publishes.
    """
    digest = hashlib.sha256()
    for asset in assets:
        if asset.dest_uri in (ARCHIVE_URI, MODEL_URI) and asset.content is not None:
            digest.update(asset.content)
    return digest.hexdigest()[:12]


def startup_urls(build: str) -> list[str]:
    """Every file the calculator's worker fetches at start-up, site-relative, exactly as it asks for them.

    The one list behind the offline worker's calculator cache and the warm-up other pages do on intent.
    """
    versioned = [f"{uri}?{BUILD_PARAM}={build}" for uri in (ARCHIVE_URI, MODEL_URI)]
    return versioned + [f"{PYODIDE_DIR}/{name}" for name in PYODIDE_FILES]


def pyodide_dir(project_root: Path) -> Path:
    """node_modules/pyodide, checked for the exact pinned version and every runtime file."""
    directory = project_root / "node_modules" / "pyodide"
    missing = [name for name in PYODIDE_FILES if not (directory / name).is_file()]
    if missing:
        raise BrowserAssetError(
            f"Pyodide runtime files missing from {directory} ({', '.join(missing)}); run `npm ci` in {project_root}."
        )
    try:
        version = json.loads((directory / "package.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        version = None
    if version != PYODIDE_VERSION:
        raise BrowserAssetError(
            f"{directory} holds pyodide {version}, but package.json pins {PYODIDE_VERSION}; run `npm ci` in {project_root}."
        )
    return directory


def browser_assets(site: Site, project_root: Path) -> list[Asset]:
    """Every generated file the calculator page's worker loads, under assets/calculator/ and assets/pyodide/."""
    runtime = pyodide_dir(project_root)
    assets = [
        Asset(ARCHIVE_URI, calculator_archive(project_root), None),
        Asset(MODEL_URI, model_json(site), None),
    ]
    stdlib = precompiled_stdlib(project_root, runtime, calculator_imports(project_root))
    for name in PYODIDE_FILES:
        if name == "python_stdlib.zip" and stdlib is not None:
            assets.append(Asset(f"{PYODIDE_DIR}/{name}", stdlib, None))
        else:
            assets.append(Asset(f"{PYODIDE_DIR}/{name}", None, runtime / name))
    return assets


def calculator_imports(project_root: Path) -> list[str]:
    """Absolute module names the browser-side calculator imports (from its source, not by running it).

    sitegen.precompile compiles these (and whatever they import) to bytecode.
    """
    package_dir = project_root / "calculator"
    excluded = browser_excluded(package_dir)
    names: set[str] = {"json"}
    for path in sorted(package_dir.rglob("*.py")):
        if path.relative_to(package_dir).as_posix() in excluded:
            continue
        for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
    return sorted(n for n in names if n.split(".")[0] != "calculator")
