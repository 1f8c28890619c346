"""The calculator's browser runtime, made by Pyodide itself under Node and cached in node_modules.

Most of Pyodide's start-up is CPython initialising and importing modules; the rest is the
calculator importing and loading its model. Three files cut it (bench/bench_browser.py measures):

- a trimmed standard library: only the modules Pyodide's start-up and the calculator import
  (recorded by running the calculator, exercise.py), plus a margin, as bytecode (trim.py);
- the calculator archive as bytecode, so nothing is compiled in the browser (trim.py);
- a memory snapshot of an interpreter that has imported the calculator and loaded the model
  (warm.py), which the browser restores instead of starting CPython (Pyodide's private
  `_makeSnapshot` / `_loadSnapshot` options, valid for this exact Pyodide build only).

Only Pyodide can write bytecode and memory its browser twin accepts, so runtime.mjs runs it under
Node, once per set of inputs (stock stdlib, calculator sources, model, programs), cached in
node_modules/.cache/calculator-runtime/.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Pyodide's runtime files (npm package `pyodide`): its code, which both the snapshot start and a
# normal start load, its standard library (the stock one is trimmed here) and its package lock
# (read only by a normal start).
PYODIDE_CODE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
PYODIDE_STDLIB = "python_stdlib.zip"
PYODIDE_LOCK = "pyodide-lock.json"
PYODIDE_FILES = (*PYODIDE_CODE, PYODIDE_STDLIB, PYODIDE_LOCK)

HERE = Path(__file__).resolve().parent
NODE_PROGRAM = HERE / "runtime.mjs"
PYODIDE_PROGRAMS = tuple(HERE / name for name in ("import_all.py", "exercise.py", "trim.py", "warm.py"))
CACHE_DIR = Path("node_modules") / ".cache" / "calculator-runtime"
# Where the browser worker unpacks the calculator archive (and the snapshot's interpreter found it).
EXTRACT_DIR = "/home/pyodide/calculator-web"
# Pyodide's environment for the snapshot's interpreter and the browser worker alike (HOME is its
# default; a fixed hash seed keeps dict and set layouts, hence the snapshot, the same from build to build).
PYTHON_ENV = {"HOME": "/home/pyodide", "PYTHONHASHSEED": "0"}
# Kept in the trimmed stdlib although recording the calculator's run may not import them: what
# Pyodide reaches for when it turns a Python error into a JavaScript one, and the text codecs.
MARGIN = ("traceback", "linecache", "tokenize", "warnings", "encodings.ascii", "encodings.latin_1", "encodings.utf_8")
_OUTPUTS = ("python_stdlib.zip", "calculator.zip", "snapshot.bin", "snapshot.json")


@dataclass(frozen=True)
class Runtime:
    """The three made files; `snapshot_info` is {pyodide: version, model_version: the model's}."""

    stdlib: bytes
    archive: bytes
    snapshot: bytes
    snapshot_info: dict


def cache_key(pyodide: Path, archive: bytes, model: bytes, margin: tuple[str, ...]) -> str:
    """Hash of everything the made files depend on."""
    digest = hashlib.sha256()
    parts = [(pyodide / PYODIDE_STDLIB).read_bytes(), (pyodide / "package.json").read_bytes(), archive, model,
             " ".join(margin).encode(), EXTRACT_DIR.encode(), json.dumps(PYTHON_ENV, sort_keys=True).encode(),
             NODE_PROGRAM.read_bytes()]
    parts += [program.read_bytes() for program in PYODIDE_PROGRAMS]
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:16]


def browser_runtime(project_root: Path, pyodide: Path, archive: bytes, model: bytes,
                    imports: list[str]) -> Runtime | None:
    """The made runtime for these calculator sources (`archive`) and model; None keeps the stock one.

    `imports` (the stdlib modules the calculator's source names) join the margin. None, after one
    line on stderr, when Node is missing or fails, or when CALCULATOR_STOCK_STDLIB=1 asks for
    Pyodide's stock files (for before/after measurements); the worker then starts CPython normally.
    """
    if os.environ.get("CALCULATOR_STOCK_STDLIB"):
        return None
    margin = tuple(sorted(set(MARGIN) | set(imports)))
    cache = project_root / CACHE_DIR / cache_key(pyodide, archive, model, margin)
    if not all((cache / name).is_file() for name in _OUTPUTS):
        node = shutil.which("node")
        if node is None:
            print("note: node not found; publishing Pyodide's stock runtime (slower start-up)", file=sys.stderr)
            return None
        if not _run_node(node, pyodide, archive, model, margin, cache):
            return None
    return Runtime(
        stdlib=(cache / "python_stdlib.zip").read_bytes(),
        archive=(cache / "calculator.zip").read_bytes(),
        snapshot=(cache / "snapshot.bin").read_bytes(),
        snapshot_info=json.loads((cache / "snapshot.json").read_text(encoding="utf-8")),
    )


def _run_node(node: str, pyodide: Path, archive: bytes, model: bytes, margin: tuple[str, ...], cache: Path) -> bool:
    """Run runtime.mjs and move its outputs into `cache`; False after printing one line on why it failed."""
    cache.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="runtime-", dir=cache.parent) as tmp:
        out = Path(tmp) / "out"
        out.mkdir()
        (Path(tmp) / "calculator-src.zip").write_bytes(archive)
        (Path(tmp) / "model.json").write_bytes(model)
        env = {**os.environ, "PYODIDE_DIR": f"{pyodide}/", "PROGRAM_DIR": str(HERE),
               "ARCHIVE": str(Path(tmp) / "calculator-src.zip"), "MODEL": str(Path(tmp) / "model.json"),
               "MARGIN": " ".join(margin), "EXTRACT_DIR": EXTRACT_DIR, "PYTHON_ENV": json.dumps(PYTHON_ENV),
               "OUT_DIR": str(out)}
        try:
            proc = subprocess.run([node, str(NODE_PROGRAM)], env=env, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            print(f"note: making the calculator's Pyodide runtime failed ({exc}); publishing the stock one", file=sys.stderr)
            return False
        if proc.returncode != 0 or not all((out / name).is_file() for name in _OUTPUTS):
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
            print(f"note: making the calculator's Pyodide runtime failed ({tail[0][:300]}); publishing the stock one",
                  file=sys.stderr)
            return False
        if not cache.exists():  # a concurrent build may have finished first: its files are the same
            try:
                out.rename(cache)
            except OSError:
                pass
    return True
