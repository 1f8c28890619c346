"""Files the in-browser calculator needs: the calculator archive, the model JSON and the Pyodide runtime.

Everything is made at build time from the same sources CPython uses (never a copy under docs/),
deterministically, so two builds of the same tree publish byte-identical assets.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
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
    stdlib = precompiled_stdlib(project_root, runtime)
    for name in PYODIDE_FILES:
        if name == "python_stdlib.zip" and stdlib is not None:
            assets.append(Asset(f"{PYODIDE_DIR}/{name}", stdlib, None))
        else:
            assets.append(Asset(f"{PYODIDE_DIR}/{name}", None, runtime / name))
    return assets


# ---- a precompiled standard library --------------------------------------------------------
#
# Most of Pyodide's start-up is CPython compiling the stdlib modules it imports from source
# (python_stdlib.zip holds .py files only). Replacing the modules that start-up and the
# calculator import with bytecode compiled by the same Pyodide build cuts time to ready by more
# than half (bench/bench_browser.py measures it). Every other module stays as source, so the
# archive still holds the whole stdlib. Only Pyodide itself can write bytecode its CPython
# accepts, so this runs it under Node, once per (stdlib, imports) pair, cached in node_modules.

_PRECOMPILE_JS = r"""
import fs from "node:fs";
import { pathToFileURL } from "node:url";
const env = process.env;
try {
  const { loadPyodide } = await import(pathToFileURL(env.PYODIDE_DIR + "/pyodide.mjs").href);
  const pyodide = await loadPyodide({ indexURL: env.PYODIDE_DIR + "/" });
  pyodide.FS.writeFile("/tmp/stock.zip", fs.readFileSync(env.PYODIDE_DIR + "/python_stdlib.zip"));
  pyodide.globals.set("warm_imports", env.WARM_IMPORTS);
  pyodide.runPython(env.PRECOMPILE_PY);
  fs.writeFileSync(env.OUT_ZIP, pyodide.FS.readFile("/tmp/out.zip"));
} catch (error) {
  // One short line: the caller prints it (Node would otherwise echo a whole minified source line).
  const lines = String(error && error.message ? error.message : error).trim().split("\n");
  process.stderr.write(lines[lines.length - 1].slice(0, 300) + "\n");
  process.exit(1);
}
"""

_PRECOMPILE_PY = r"""
import importlib, importlib.util, sys, zipfile
import importlib._bootstrap_external as bootstrap

for name in warm_imports.split():
    try:
        importlib.import_module(name)
    except Exception:
        pass  # not in this stdlib: it will fail the same way in the browser, with a clear error

prefix = next(p for p in sys.path if p.endswith(".zip")) + "/"
warm = {m.__file__[len(prefix):] for m in list(sys.modules.values())
        if isinstance(getattr(m, "__file__", None), str) and m.__file__.startswith(prefix) and m.__file__.endswith(".py")}

stock = zipfile.ZipFile("/tmp/stock.zip")
with zipfile.ZipFile("/tmp/out.zip", "w") as out:
    for info in sorted(stock.infolist(), key=lambda i: i.filename):
        data = stock.read(info)
        name = info.filename
        if name in warm:
            code = compile(data, prefix + name, "exec", dont_inherit=True)
            data = bytes(bootstrap._code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False))
            name += "c"
        entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        entry.external_attr = info.external_attr
        entry.compress_type = zipfile.ZIP_DEFLATED if not name.endswith("/") else zipfile.ZIP_STORED
        out.writestr(entry, data, compresslevel=9)
"""


def calculator_imports(project_root: Path) -> list[str]:
    """Absolute module names the browser-side calculator imports (from its source, not by running it)."""
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


def precompiled_stdlib(project_root: Path, runtime: Path) -> bytes | None:
    """python_stdlib.zip with start-up and calculator modules as bytecode; None keeps the stock one.

    Set CALCULATOR_STOCK_STDLIB=1 to publish the stock archive (for before/after measurements).
    """
    if os.environ.get("CALCULATOR_STOCK_STDLIB"):
        return None
    stock = (runtime / "python_stdlib.zip").read_bytes()
    imports = " ".join(calculator_imports(project_root))
    key = hashlib.sha256(b"\0".join([stock, imports.encode(), _PRECOMPILE_JS.encode(), _PRECOMPILE_PY.encode()]))
    cache = project_root / "node_modules" / ".cache" / "calculator-stdlib" / f"{key.hexdigest()[:16]}.zip"
    if cache.is_file():
        return cache.read_bytes()
    node = shutil.which("node")
    if node is None:
        print("note: node not found; publishing Pyodide's stock python_stdlib.zip (slower start-up)", file=sys.stderr)
        return None
    cache.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="stdlib-") as tmp:
        out = Path(tmp) / "python_stdlib.zip"
        env = {**os.environ, "PYODIDE_DIR": str(runtime), "WARM_IMPORTS": imports,
               "PRECOMPILE_PY": _PRECOMPILE_PY, "OUT_ZIP": str(out)}
        try:
            proc = subprocess.run([node, "--input-type=module", "-e", _PRECOMPILE_JS], env=env,
                                  capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            print(f"note: precompiling the Pyodide stdlib failed ({exc}); publishing the stock archive", file=sys.stderr)
            return None
        if proc.returncode != 0 or not out.is_file():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
            print(f"note: precompiling the Pyodide stdlib failed ({tail[0][:300]}); publishing the stock archive",
                  file=sys.stderr)
            return None
        data = out.read_bytes()
    partial = cache.with_suffix(f".{os.getpid()}.tmp")  # concurrent builds never share a half-written file
    partial.write_bytes(data)
    partial.replace(cache)
    return data
