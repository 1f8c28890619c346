"""The calculator's browser runtime as a build publishes it: the trimmed stdlib, the bytecode archive
and the memory snapshot (sitegen/precompile), each checked where it can break.

- The trimmed stdlib is small and complete: the calculator, started normally in Pyodide on exactly
  the published files, answers every call as CPython does.
- The snapshot is what the page restores, it is tied to its build and Pyodide version, and the page
  still reaches ready, with a logged reason, when it is absent, damaged or made for another build.
- Making the runtime twice gives the same bytes (builds are reproducible).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from harness import ROOT, ServerOptions, SiteServer

from calculator import bridge
from sitegen import browser_assets, precompile

PUBLISHED_CALCULATOR = Path(__file__).with_name("published_calculator.mjs")
SNAPSHOT_READER = Path(__file__).with_name("snapshot_reader.mjs")
COMPILE_ONCE = Path(__file__).with_name("compile_once.mjs")
STDLIB_LIMIT = 1024 * 1024
SNAPSHOT = "/assets/calculator/snapshot.bin"
NO_SERVICE_WORKER = {"service_workers": "block"}

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="the runtime is made with Node (make install)")


def made(site_dir: Path) -> bool:
    return (site_dir / SNAPSHOT.lstrip("/")).is_file()


@pytest.fixture(scope="module")
def published(site_dir: Path):
    if not made(site_dir):
        pytest.fail("the build published no snapshot: sitegen.precompile printed why (is Node installed?)")
    return site_dir


def snapshot_parts(data: bytes) -> tuple[dict, bytes]:
    """The header and the whole memory, rebuilt from the non-zero pages as the worker does."""
    body = gzip.decompress(data)
    assert body.startswith(browser_assets.SNAPSHOT_MAGIC)
    end = body.index(b"\n", len(browser_assets.SNAPSHOT_MAGIC))
    header = json.loads(body[len(browser_assets.SNAPSHOT_MAGIC):end])
    memory, pages, page = bytearray(header["memory_bytes"]), body[end + 1:], header["page_bytes"]
    offset = 0
    for index in header["pages"]:
        chunk = pages[offset:offset + min(page, len(memory) - index * page)]
        memory[index * page:index * page + len(chunk)] = chunk
        offset += len(chunk)
    assert offset == len(pages)
    return header, bytes(memory)


def with_header(data: bytes, **changes) -> bytes:
    """The snapshot file with its header changed."""
    body = gzip.decompress(data)
    end = body.index(b"\n", len(browser_assets.SNAPSHOT_MAGIC))
    header = json.loads(body[len(browser_assets.SNAPSHOT_MAGIC):end])
    line = browser_assets.SNAPSHOT_MAGIC + json.dumps({**header, **changes}).encode() + b"\n"
    return gzip.compress(line + body[end + 1:], mtime=0)


# ---- the trimmed stdlib and the archive ------------------------------------------------------------

def test_published_stdlib_is_under_a_megabyte_of_bytecode(published: Path):
    stdlib = published / "assets" / "pyodide" / "python_stdlib.zip"
    names = zipfile.ZipFile(stdlib).namelist()
    print(f"published stdlib: {stdlib.stat().st_size:,} bytes, {len(names)} modules")
    assert stdlib.stat().st_size <= STDLIB_LIMIT
    assert names and all(name.endswith(".pyc") for name in names), [n for n in names if not n.endswith(".pyc")]
    # Pyodide's start-up, the calculator's imports and the margin (modules frozen into the interpreter
    # are not read from it), and no more: that it is enough, the next tests show by running it.
    for needed in ("json/__init__.pyc", "_pyodide/__init__.pyc", "pyodide/__init__.pyc", "traceback.pyc"):
        assert needed in names, needed
    stock = zipfile.ZipFile(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip").namelist()
    assert len(names) < len(stock) / 3


def test_published_archive_is_the_calculator_as_bytecode(published: Path):
    names = zipfile.ZipFile(published / "assets" / "calculator" / "calculator.zip").namelist()
    sources = zipfile.ZipFile(io.BytesIO(browser_assets.calculator_archive(ROOT))).namelist()
    assert sorted(names) == sorted(name + "c" for name in sources)


def bridge_calls(model_json: str) -> list[list[str]]:
    listing = json.loads(bridge.load(model_json))
    answers = [{}] + [{f: o} for f, options in sorted(listing["factors"].items()) for o in options]
    earlier = json.dumps({**json.loads(model_json), "reviewed": "2000-01-01"})
    calls = [["run", json.dumps(a), "https://example.org/"] for a in answers]
    calls += [["run", "not json", ""], ["compare", earlier, json.dumps(answers[-1]), "https://example.org/"]]
    details = {"date": "2026-01-31", "feature": "Replies", "owner": "Team"}
    calls += [["record", json.dumps(answers[3]), "https://example.org/", json.dumps(details)]]
    return calls


@needs_node
def test_calculator_in_pyodide_on_the_published_files_answers_as_cpython(published: Path):
    """No snapshot: Pyodide starts on the published trimmed stdlib and imports the published archive."""
    model_json = (published / "assets" / "calculator" / "model.json").read_text(encoding="utf-8")
    calls = bridge_calls(model_json)
    env = {**os.environ, "SITE_DIR": str(published), "EXTRACT_DIR": precompile.EXTRACT_DIR,
           "PYTHON_ENV": json.dumps(precompile.PYTHON_ENV), "CALLS": json.dumps(calls)}
    proc = subprocess.run(["node", str(PUBLISHED_CALCULATOR)], env=env, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert out["load"]["ok"] is True
    assert out["elsewhere"] == []  # every stdlib module came from the published archive
    expected = json.loads(bridge.load(model_json))
    assert out["load"] == expected
    for call, answer in zip(calls, out["answers"], strict=True):
        name, *args = call
        assert json.loads(answer) == json.loads(getattr(bridge, name)(*args)), call[:1] + [a[:80] for a in args]


# ---- the snapshot ----------------------------------------------------------------------------------

@needs_node
def test_the_page_reads_the_snapshot_the_same_however_the_download_is_cut(published: Path, tmp_path: Path):
    """The reader unpacks the snapshot as it downloads (calculator-snapshot.mjs): run under Node on the
    published file served in pieces of every size, it restores exactly the memory Python unpacks, and
    refuses a file cut short, another build's, a page that is not a snapshot, and missing pages."""
    header, memory = snapshot_parts((published / SNAPSHOT.lstrip("/")).read_bytes())
    out = tmp_path / "memory"
    proc = subprocess.run(["node", str(SNAPSHOT_READER), str(published / SNAPSHOT.lstrip("/")), str(out)],
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout)
    assert len(result["ways"]) == 4
    for number, way in enumerate(result["ways"]):
        assert Path(f"{out}.{number}").read_bytes() == memory, way
    assert result["refused"] == {
        "cut short": "SnapshotRefused: damaged: unexpected end of file",
        "another build": f"SnapshotRefused: made for build {header['build']}, not 000000000000",
        "not a snapshot": "SnapshotRefused: not a calculator snapshot",
        "pages missing": "SnapshotRefused: damaged: pages",
    }


@needs_node
def test_small_wasm_modules_are_compiled_once_and_the_restored_snapshot_answers_as_cpython(published: Path):
    """The worker gives back the module it compiled from the same small bytes (calculator-compile-once.mjs):
    the same object, instantiated apart, larger modules compiled each time; and with it installed the
    published snapshot restores and answers exactly as CPython does, most of Pyodide's wrappers reused."""
    model_json = (published / "assets" / "calculator" / "model.json").read_text(encoding="utf-8")
    calls = bridge_calls(model_json)
    header, _ = snapshot_parts((published / SNAPSHOT.lstrip("/")).read_bytes())
    env = {**os.environ, "BUILD": header["build"], "PYTHON_ENV": json.dumps(precompile.PYTHON_ENV), "CALLS": json.dumps(calls)}
    proc = subprocess.run(["node", str(COMPILE_ONCE), str(published)], env=env, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout)
    assert out["checks"] == {
        "again": True, "same": True, "instanceOf": True, "instances": [1, 2], "largeApart": True,
        "customSections": [2000], "countsBefore": {"compiled": 1, "reused": 1},
    }
    # Pyodide's dynamic linking wraps a few hundred JavaScript functions in a few dozen distinct modules.
    assert out["counts"]["reused"] > 100 and out["counts"]["compiled"] < 100
    bridge.load(model_json)
    for call, answer in zip(calls, out["answers"], strict=True):
        name, *args = call
        assert json.loads(answer) == json.loads(getattr(bridge, name)(*args)), call[:1] + [a[:80] for a in args]


def test_snapshot_names_its_build_and_pyodide_and_holds_the_interpreters_memory(published: Path):
    header, memory = snapshot_parts((published / SNAPSHOT.lstrip("/")).read_bytes())
    page = (published / "calculator" / "index.html").read_text(encoding="utf-8")
    assert f'data-build="{header["build"]}"' in page
    assert header["pyodide"] == browser_assets.PYODIDE_VERSION
    assert header["lock"]["packages"] == {} and header["lock"]["info"]["abi_version"]
    assert header["model_version"] in page
    assert len(memory) % 65536 < 1024  # the interpreter's memory (pages of 64 KiB) and Pyodide's trailer
    # Zeros are left out: the file is a fraction of the memory it restores.
    assert len(header["pages"]) * header["page_bytes"] < len(memory) / 2


def test_published_runtime_is_the_cached_one(published: Path):
    """What the build published is what sitegen.precompile made and cached under node_modules/.cache/."""
    cache = ROOT / precompile.CACHE_DIR
    entries = [d for d in cache.iterdir() if (d / "snapshot.bin").is_file()]
    stdlib = (published / "assets" / "pyodide" / "python_stdlib.zip").read_bytes()
    assert any((d / "python_stdlib.zip").read_bytes() == stdlib for d in entries)


@needs_node
def test_making_the_runtime_twice_gives_the_same_bytes(published: Path, tmp_path: Path):
    pyodide = ROOT / "node_modules" / "pyodide"
    sources = browser_assets.calculator_archive(ROOT)
    model = (published / "assets" / "calculator" / "model.json").read_bytes()
    margin = tuple(sorted(set(precompile.MARGIN) | set(browser_assets.calculator_imports(ROOT))))
    outputs = []
    for run in ("first", "second"):
        assert precompile._run_node("node", pyodide, sources, model, margin, tmp_path / run)
        outputs.append({name: (tmp_path / run / name).read_bytes() for name in sorted(os.listdir(tmp_path / run))})
    assert outputs[0].keys() == outputs[1].keys()
    for name in outputs[0]:
        assert outputs[0][name] == outputs[1][name], f"{name} differs between two runs"


def open_calculator(new_page, site_dir: Path, overrides: dict[str, Path] | None = None):
    server = SiteServer(site_dir, options=ServerOptions(overrides=overrides or {})).start()
    watch = new_page(**NO_SERVICE_WORKER)
    warnings: list[str] = []
    watch.page.on("console", lambda m: m.type == "warning" and m.text.startswith("calculator:") and warnings.append(m.text))
    watch.page.goto(server.url + "calculator/")
    state = watch.wait_state("ready", "error")
    # The page's own client module (one instance per document): how its worker started.
    timings = watch.page.evaluate(
        "async () => (await import(new URL('../assets/javascripts/calculator-client.mjs', location.href).href)).engineInfo.timings"
    )
    return server, watch, state, timings, warnings


def paths(watch) -> list[str]:
    from urllib.parse import urlsplit

    return [urlsplit(url).path for url in watch.requests]


def test_the_page_restores_the_snapshot_and_fetches_nothing_else_of_python(new_page, published: Path):
    server, watch, state, timings, warnings = open_calculator(new_page, published)
    try:
        assert state == "ready"
        assert timings["start"] == "snapshot" and timings["fallback"] == ""
        assert timings["small_modules"]["reused"] > 100  # calculator-compile-once.mjs is in force
        fetched = paths(watch)
        assert SNAPSHOT in fetched
        for unused in ("/assets/calculator/calculator.zip", "/assets/calculator/model.json", "/assets/pyodide/pyodide-lock.json"):
            assert unused not in fetched, unused
        assert not warnings and not watch.page_errors and not watch.console_errors
        # The restored interpreter answers: a changed answer repaints the verdict.
        page = watch.page
        before = page.get_attribute("[data-calculator]", "data-runs")
        page.check("input[name='governance'][value='cleared']")
        page.wait_for_function(
            "before => document.querySelector('[data-calculator]').getAttribute('data-runs') !== before", arg=before
        )
        assert page.get_attribute("[data-verdict]", "data-verdict")
    finally:
        server.stop()


@pytest.mark.parametrize(
    "case",
    ["absent", "another-build", "another-pyodide", "damaged"],
)
def test_without_a_usable_snapshot_the_page_starts_python_normally_and_says_why(new_page, published: Path, tmp_path: Path, case):
    real = (published / SNAPSHOT.lstrip("/")).read_bytes()
    replacement = tmp_path / "snapshot.bin"
    if case == "absent":
        replacement = tmp_path / "missing.bin"  # the server answers 404
    elif case == "another-build":
        replacement.write_bytes(with_header(real, build="000000000000"))
    elif case == "another-pyodide":
        replacement.write_bytes(with_header(real, pyodide="0.0.1"))
    else:
        replacement.write_bytes(real[: len(real) // 2])
    server, watch, state, timings, warnings = open_calculator(new_page, published, {SNAPSHOT: replacement})
    try:
        assert state == "ready"
        assert timings["start"] == "normal"
        reason = {"absent": "HTTP 404", "another-build": "made for build 000000000000",
                  "another-pyodide": "made for Pyodide 0.0.1", "damaged": "damaged"}[case]
        assert reason in timings["fallback"]
        assert any("snapshot refused" in w and reason in w for w in warnings), warnings
        assert "/assets/calculator/calculator.zip" in paths(watch)
        assert not watch.page_errors
        assert watch.page.get_attribute("[data-verdict]", "data-verdict")
    finally:
        server.stop()
