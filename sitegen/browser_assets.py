"""Files the in-browser calculator needs: the calculator archive, the model JSON, the Pyodide runtime
and a memory snapshot of that runtime with the calculator loaded.

Everything is made at build time from the same sources CPython uses (never a copy under docs/),
deterministically, so two builds of the same tree publish byte-identical assets. This module
packages and lists the files; sitegen.precompile makes the bytecode archive, the trimmed stdlib
that replaces Pyodide's stock python_stdlib.zip, and the snapshot.
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .content import Site
from .precompile import (
    EXTRACT_DIR, PYODIDE_CODE, PYODIDE_FILES, PYODIDE_LOCK, PYODIDE_STDLIB, PYTHON_ENV, Runtime, browser_runtime,
)

ASSET_DIR = "assets/calculator"
PYODIDE_DIR = "assets/pyodide"
ARCHIVE_URI = f"{ASSET_DIR}/calculator.zip"
MODEL_URI = f"{ASSET_DIR}/model.json"
# gzip-compressed by the build (a host compresses by type, and would send this one as it is); named
# .bin, not .gz, so that no host adds a Content-Encoding of its own.
SNAPSHOT_URI = f"{ASSET_DIR}/snapshot.bin"
SNAPSHOT_MAGIC = b"calculator-snapshot 2\n"
SNAPSHOT_PAGE = 65536  # the unit in which the snapshot leaves out zeros (a wasm memory page)
# The Pyodide published beside the calculator (its files are precompile.PYODIDE_FILES, no packages).
PYODIDE_VERSION = "314.0.7"
STDLIB_URI = f"{PYODIDE_DIR}/{PYODIDE_STDLIB}"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# The query that names the build in the worker's URLs (runtime_settings; calculator-client.mjs for
# the worker's own script).
BUILD_PARAM = "v"
PYODIDE_LOADER = "pyodide.mjs"  # of PYODIDE_CODE, the one the worker imports; it loads the others


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
    """Short content hash of every file the calculator's worker may load except the snapshot: the
    archive, the model and Pyodide's files (with the build's own stdlib).

    Appended to the worker's URLs for the calculator's files and the snapshot, so that such a URL
    names its bytes: no cache serves a stale calculator under it, and the offline service worker
    may answer it from its cache first. Written into the snapshot, which is valid with exactly these
    files (the same Pyodide build included). Computed once per build, by the hook, from the assets
    it publishes.
    """
    digest = hashlib.sha256()
    for asset in sorted(assets, key=lambda a: a.dest_uri):
        if asset.dest_uri == SNAPSHOT_URI:  # made from the others, and names the build itself
            continue
        content = asset.content if asset.content is not None else asset.abs_src.read_bytes()
        digest.update(asset.dest_uri.encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()[:12]


def startup_urls(build: str) -> list[str]:
    """The files the calculator's worker fetches when it restores the snapshot, site-relative, as it asks for them.

    What other pages warm when a reader shows intent to open the calculator.
    """
    settings = runtime_settings(build)
    loaded_by_it = [f"{settings['pyodide']}{name}" for name in PYODIDE_CODE if name != PYODIDE_LOADER]
    return [settings["loader"], *loaded_by_it, settings["stdlib"], settings["snapshot"]]


def calculator_urls(build: str) -> list[str]:
    """Every file the worker may fetch at start-up: the snapshot's, and what a normal start needs too."""
    settings = runtime_settings(build)
    return startup_urls(build) + [settings["archive"], settings["model"], f"{settings['pyodide']}{PYODIDE_LOCK}"]


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


def browser_assets(site: Site, project_root: Path) -> tuple[list[Asset], str]:
    """Every generated file the calculator page's worker loads, under assets/calculator/ and
    assets/pyodide/, and the build id they make (`build_id`, computed once: it reads every file).

    Without a made runtime (no Node, or CALCULATOR_STOCK_STDLIB=1) the archive holds sources, the
    stdlib is Pyodide's own and there is no snapshot: the worker then starts CPython normally.
    """
    pyodide = pyodide_dir(project_root)
    sources, model = calculator_archive(project_root), model_json(site)
    made = browser_runtime(project_root, pyodide, sources, model, calculator_imports(project_root))
    assets = [Asset(ARCHIVE_URI, made.archive if made else sources, None), Asset(MODEL_URI, model, None)]
    for name in PYODIDE_FILES:
        if name == PYODIDE_STDLIB and made is not None:
            assets.append(Asset(STDLIB_URI, made.stdlib, None))
        else:
            assets.append(Asset(f"{PYODIDE_DIR}/{name}", None, pyodide / name))
    build = build_id(assets)
    if made is not None:
        assets.append(Asset(SNAPSHOT_URI, snapshot_file(made, build), None))
    return assets, build


def snapshot_file(made: Runtime, build: str) -> bytes:
    """The published snapshot: gzip of a magic line, a JSON header line, then the memory's non-zero pages.

    Three quarters of the interpreter's memory is zeros, which the worker need not inflate or copy:
    the header lists the non-zero pages (`pages`, indexes of SNAPSHOT_PAGE bytes) and the memory's
    size, and the body holds those pages in order (the last one may be short). The worker restores
    it only when the Pyodide version and the build id match its own (calculator-snapshot.mjs), and
    otherwise starts CPython normally.
    """
    memory = made.snapshot
    chunks = [memory[start:start + SNAPSHOT_PAGE] for start in range(0, len(memory), SNAPSHOT_PAGE)]
    pages = [index for index, chunk in enumerate(chunks) if chunk.count(0) != len(chunk)]
    # `lock` stands in for pyodide-lock.json, which a restoring worker then never fetches: it loads
    # no package, and Pyodide checks only the lock's ABI version.
    header = {"build": build, **made.snapshot_info, "memory_bytes": len(memory), "page_bytes": SNAPSHOT_PAGE, "pages": pages}
    body = b"".join(chunks[index] for index in pages)
    line = SNAPSHOT_MAGIC + json.dumps(header, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    return gzip.compress(line + body, compresslevel=6, mtime=0)


def runtime_settings(build: str) -> dict:
    """What the page hands the worker to start Pyodide: the calculator root's data-runtime, as JSON.

    Paths are relative to the site root. The worker restores the snapshot when it can and
    otherwise starts CPython on the stdlib, unpacks the archive and loads the model.
    """
    return {
        "pyodide": f"{PYODIDE_DIR}/",
        # The module the worker imports. Its URL names the build, and so does every request Pyodide
        # then makes from it (as their referrer), which the offline service worker reads.
        "loader": f"{PYODIDE_DIR}/{PYODIDE_LOADER}?{BUILD_PARAM}={build}",
        "stdlib": f"{STDLIB_URI}?{BUILD_PARAM}={build}",
        "snapshot": f"{SNAPSHOT_URI}?{BUILD_PARAM}={build}",
        "archive": f"{ARCHIVE_URI}?{BUILD_PARAM}={build}",
        "model": f"{MODEL_URI}?{BUILD_PARAM}={build}",
        "build": build,
        "extractDir": EXTRACT_DIR,
        "env": PYTHON_ENV,
    }


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
