"""Calculator benchmark: how long one full verdict (score, gates, flips, cost) takes in CPython.

Times `evaluate` on a few answer sets, from the cheapest (single-answer flips) to the dearest
(no single change works, so every pair is tried), plus the browser's whole round trip through
`bridge.run` (JSON in, verdict and display tree, JSON out). When Node and the pinned Pyodide are
installed it also runs the same files in Pyodide (Python 3.14), as the browser does. Prints one
line per figure and writes every figure as JSON to bench/results/calculator.json.

    python bench/bench_calculator.py [--repeat 300] [--no-pyodide] [--out bench/results/calculator.json]
"""
from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import calculator  # noqa: E402
from bench_common import shown  # noqa: E402 (bench/, the script's own folder)
from calculator import Model, bridge, evaluate, parse_answers  # noqa: E402
from sitegen.content import load_site  # noqa: E402

PYODIDE_DIR = ROOT / "node_modules" / "pyodide"

TARGET_MS = 5.0

ANSWER_SETS = {
    "nothing-answered": {},
    "typical": {"task-clarity": "settling", "data-readiness": "partial", "quality-target": "consistent-at-scale",
                "latency-context": "some-pressure", "fresh-knowledge": "some", "volume": "medium",
                "calls-per-month": 250000},
    "fine-tune": {"task-clarity": "stable", "data-readiness": "ready", "quality-target": "consistent-at-scale",
                  "evaluation-plan": "in-place", "governance": "cleared", "prompt-baseline": "plateaued"},
    # Two gates open with a high score: no single change alters the verdict, so all pairs are searched.
    "pair-search": {"task-clarity": "stable", "data-readiness": "partial", "quality-target": "consistent-at-scale",
                    "latency-context": "strained", "evaluation-plan": "in-place", "governance": "in-progress",
                    "change-management": "rarely", "fallbacks": "in-place", "prompt-baseline": "plateaued",
                    "volume": "high", "calls-per-month": 2000000},
}


def time_ms(fn, repeat: int) -> list[float]:
    fn()  # warm up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {"median_ms": round(statistics.median(ordered), 4),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 4),
            "max_ms": round(ordered[-1], 4)}


# Runs in Node: loads the pinned Pyodide, copies in the browser files of calculator/, times the
# same answer sets with the same Python code, and prints one JSON object.
PYODIDE_DRIVER = r"""
import { loadPyodide } from "__PYODIDE__/pyodide.mjs";
import fs from "node:fs";
const [packageDir, payloadPath] = process.argv.slice(2);
const payload = JSON.parse(fs.readFileSync(payloadPath, "utf8"));
const started = performance.now();
const py = await loadPyodide({ indexURL: "__PYODIDE__/" });
const loadMs = performance.now() - started;
py.FS.mkdirTree("/calc/calculator");
for (const name of payload.files) {
  py.FS.writeFile(`/calc/calculator/${name}`, fs.readFileSync(`${packageDir}/${name}`, "utf8"));
}
py.globals.set("payload_json", JSON.stringify(payload));
const out = py.runPython(`
import json, statistics, sys, time
sys.path.insert(0, "/calc")
from calculator import Model, bridge, evaluate, parse_answers
payload = json.loads(payload_json)
model = Model.from_dict(json.loads(payload["model"]))
results = {}
for name, raw in payload["answer_sets"].items():
    answers = parse_answers(model, raw)
    verdict = evaluate(model, answers)
    samples = []
    for _ in range(payload["repeat"]):
        start = time.perf_counter()
        evaluate(model, answers)
        samples.append((time.perf_counter() - start) * 1000)
    results["evaluate/" + name] = {"median_ms": round(statistics.median(samples), 4), "verdict": verdict.verdict}
assert json.loads(bridge.load(payload["model"]))["ok"]
samples = []
for _ in range(payload["repeat"]):
    start = time.perf_counter()
    reply = json.loads(bridge.run(json.dumps(payload["answer_sets"]["typical"]), "https://example.org/"))
    samples.append((time.perf_counter() - start) * 1000)
assert reply["ok"], reply
results["bridge-run/typical"] = {"median_ms": round(statistics.median(samples), 4)}
json.dumps({"python": sys.version.split()[0], "results": results})
`);
console.log(JSON.stringify({ ...JSON.parse(out), pyodide_start_ms: Math.round(loadMs) }));
"""


def run_in_pyodide(model_json: str, answer_sets: dict, repeat: int) -> dict | None:
    """The same timings inside Pyodide under Node; None when Node or Pyodide is not installed."""
    node = shutil.which("node")
    if node is None or not (PYODIDE_DIR / "pyodide.mjs").exists():
        return None
    package = ROOT / "calculator"
    files = sorted(p.name for p in package.glob("*.py") if p.name not in calculator.BROWSER_EXCLUDE)
    with tempfile.TemporaryDirectory() as tmp:
        driver = Path(tmp) / "driver.mjs"
        driver.write_text(PYODIDE_DRIVER.replace("__PYODIDE__", PYODIDE_DIR.as_posix()), encoding="utf-8")
        payload = Path(tmp) / "payload.json"
        payload.write_text(json.dumps({"model": model_json, "answer_sets": answer_sets, "repeat": repeat, "files": files}),
                           encoding="utf-8")
        done = subprocess.run([node, str(driver), str(package), str(payload)], capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"Pyodide run failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "calculator.json")
    parser.add_argument("--no-pyodide", action="store_true", help="skip the run inside Pyodide under Node")
    args = parser.parse_args(argv)

    model = load_site(ROOT / "content").calculator
    data = model.to_dict()
    results: dict[str, dict] = {}
    for name, raw in ANSWER_SETS.items():
        answers = parse_answers(model, raw)
        verdict = evaluate(model, answers)
        results[f"evaluate/{name}"] = {**summary(time_ms(lambda a=answers: evaluate(model, a), args.repeat)),
                                       "verdict": verdict.verdict, "flips": len(verdict.flips), "flip_size": verdict.flip_size}
    model_json = json.dumps(data)
    results["model-from-dict"] = summary(time_ms(lambda: Model.from_dict(data), max(20, args.repeat // 10)))
    bridge.load(model_json)
    typical_json = json.dumps(ANSWER_SETS["typical"])
    results["bridge-run/typical"] = summary(time_ms(lambda: bridge.run(typical_json, "https://example.org/"), args.repeat))

    try:
        pyodide = None if args.no_pyodide else run_in_pyodide(model_json, ANSWER_SETS, max(20, args.repeat // 3))
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"calculator: the Pyodide run failed, so the browser calculator is broken too: {exc}", file=sys.stderr)
        return 1

    verdict_medians = [r["median_ms"] for k, r in results.items() if k.startswith("evaluate/")]
    headline = statistics.median(verdict_medians)
    worst = max(verdict_medians)
    report = {
        "benchmark": "calculator",
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "repeat": args.repeat,
        "target_ms": TARGET_MS,
        "verdict_with_flips_median_ms": round(headline, 4),
        "verdict_with_flips_worst_case_median_ms": round(worst, 4),
        "within_target": worst < TARGET_MS,
        "results": results,
        "pyodide": pyodide,
    }
    for name, figures in results.items():
        extra = f"  ({figures['verdict']}, {figures['flips']} flips)" if "verdict" in figures else ""
        print(f"{name:<36} median {figures['median_ms']:8.3f} ms   p95 {figures['p95_ms']:8.3f} ms{extra}")
    if pyodide is not None:
        for name, figures in pyodide["results"].items():
            print(f"{'pyodide ' + name:<36} median {figures['median_ms']:8.3f} ms")
        print(f"pyodide: Python {pyodide['python']}, interpreter start {pyodide['pyodide_start_ms']} ms (Node)")
    print(f"calculator: one full verdict with flips takes {headline:.3f} ms (median over answer sets; "
          f"worst set {worst:.3f} ms; target under {TARGET_MS:g} ms: {'met' if worst < TARGET_MS else 'MISSED'})")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"JSON in {shown(args.out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
