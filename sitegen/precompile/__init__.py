"""A precompiled standard library for the browser: Pyodide run under Node, cached in node_modules.

Most of Pyodide's start-up is CPython compiling the stdlib modules it imports from source
(python_stdlib.zip holds .py files only). Replacing the modules that start-up and the calculator
import with bytecode compiled by the same Pyodide build cuts time to ready by more than half
(bench/bench_browser.py measures it). Every other module stays as source, so the archive still
holds the whole stdlib. Only Pyodide itself can write bytecode its CPython accepts, so this runs
it under Node (precompile_stdlib.mjs running compile_stdlib.py), once per (stdlib, imports,
programs) tuple, cached in node_modules/.cache/calculator-stdlib/.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NODE_PROGRAM = HERE / "precompile_stdlib.mjs"
PYODIDE_PROGRAM = HERE / "compile_stdlib.py"
CACHE_DIR = Path("node_modules") / ".cache" / "calculator-stdlib"


def cache_path(project_root: Path, stock: bytes, imports: str) -> Path:
    """Where the archive for this stock stdlib, import list and pair of programs is cached."""
    key = hashlib.sha256(
        b"\0".join([stock, imports.encode(), NODE_PROGRAM.read_bytes(), PYODIDE_PROGRAM.read_bytes()])
    )
    return project_root / CACHE_DIR / f"{key.hexdigest()[:16]}.zip"


def precompiled_stdlib(project_root: Path, runtime: Path, imports: list[str]) -> bytes | None:
    """runtime's python_stdlib.zip with `imports` (and what they load) as bytecode; None keeps the stock one.

    Set CALCULATOR_STOCK_STDLIB=1 to publish the stock archive (for before/after measurements).
    """
    if os.environ.get("CALCULATOR_STOCK_STDLIB"):
        return None
    stock = (runtime / "python_stdlib.zip").read_bytes()
    warm = " ".join(imports)
    cache = cache_path(project_root, stock, warm)
    if cache.is_file():
        return cache.read_bytes()
    node = shutil.which("node")
    if node is None:
        print("note: node not found; publishing Pyodide's stock python_stdlib.zip (slower start-up)", file=sys.stderr)
        return None
    data = _run_node(node, runtime, warm)
    if data is None:
        return None
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_suffix(f".{os.getpid()}.tmp")  # concurrent builds never share a half-written file
    partial.write_bytes(data)
    partial.replace(cache)
    return data


def _run_node(node: str, runtime: Path, warm: str) -> bytes | None:
    """The precompiled archive, or None after printing one line on why Node failed."""
    with tempfile.TemporaryDirectory(prefix="stdlib-") as tmp:
        out = Path(tmp) / "python_stdlib.zip"
        env = {**os.environ, "PYODIDE_DIR": str(runtime), "WARM_IMPORTS": warm,
               "PRECOMPILE_PY": str(PYODIDE_PROGRAM), "OUT_ZIP": str(out)}
        try:
            proc = subprocess.run([node, str(NODE_PROGRAM)], env=env, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            print(f"note: precompiling the Pyodide stdlib failed ({exc}); publishing the stock archive", file=sys.stderr)
            return None
        if proc.returncode != 0 or not out.is_file():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
            print(f"note: precompiling the Pyodide stdlib failed ({tail[0][:300]}); publishing the stock archive",
                  file=sys.stderr)
            return None
        return out.read_bytes()
