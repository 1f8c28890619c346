"""Files the in-browser calculator needs: the calculator archive, the model JSON and the Pyodide runtime.

Everything is made at build time from the same sources CPython uses (never a copy under docs/),
deterministically, so two builds of the same tree publish byte-identical assets.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .content import Site

ASSET_DIR = "assets/calculator"
PYODIDE_DIR = "assets/pyodide"
ARCHIVE_URI = f"{ASSET_DIR}/calculator.zip"
MODEL_URI = f"{ASSET_DIR}/model.json"
# What a browser needs to run core Python offline (DESIGN.md: Pyodide 314 file list).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
PYODIDE_VERSION = "314.0.7"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


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
    """The calculator model (calculator.yml plus site anchors) as the JSON `calculator.bridge.load` reads."""
    return json.dumps(site.calculator_data(), ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode(
        "utf-8"
    )


def build_id(site: Site, project_root: Path) -> str:
    """Short content hash of what the worker downloads; appended to its URLs so caches never go stale."""
    digest = hashlib.sha256(calculator_archive(project_root))
    digest.update(model_json(site))
    return digest.hexdigest()[:12]


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
    assets += [Asset(f"{PYODIDE_DIR}/{name}", None, runtime / name) for name in PYODIDE_FILES]
    return assets
