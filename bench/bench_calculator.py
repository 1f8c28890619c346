"""Calculator benchmark: how long one full verdict (score, gates, flips, cost) takes in CPython.

Times `evaluate` on a few answer sets, from the cheapest (single-answer flips) to the dearest
(no single change works, so every pair is tried), plus the browser's whole round trip through
`bridge.run` (JSON in, verdict, decision record, JSON out). Prints one line per figure and the
results as JSON, and writes them to bench/results/calculator.json.

    python bench/bench_calculator.py [--repeat 300] [--out bench/results/calculator.json]
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calculator import Model, bridge, evaluate, parse_answers  # noqa: E402
from sitegen.content import load_site  # noqa: E402

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "calculator.json")
    args = parser.parse_args(argv)

    data = load_site(ROOT / "content").calculator_data()
    model = Model.from_dict(data)
    results: dict[str, dict] = {}
    for name, raw in ANSWER_SETS.items():
        answers = parse_answers(model, raw)
        verdict = evaluate(model, answers)
        results[f"evaluate/{name}"] = {**summary(time_ms(lambda a=answers: evaluate(model, a), args.repeat)),
                                       "verdict": verdict.verdict, "flips": len(verdict.flips), "flip_size": verdict.flip_size}
    model_json = json.dumps(data, default=str)
    results["model-from-dict"] = summary(time_ms(lambda: Model.from_dict(data), max(20, args.repeat // 10)))
    bridge.load(model_json)
    typical_json = json.dumps(ANSWER_SETS["typical"])
    results["bridge-run/typical"] = summary(time_ms(lambda: bridge.run(typical_json, "https://example.org/"), args.repeat))

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
    }
    for name, figures in results.items():
        extra = f"  ({figures['verdict']}, {figures['flips']} flips)" if "verdict" in figures else ""
        print(f"{name:<28} median {figures['median_ms']:8.3f} ms   p95 {figures['p95_ms']:8.3f} ms{extra}")
    print(f"calculator: one full verdict with flips takes {headline:.3f} ms (median over answer sets; "
          f"worst set {worst:.3f} ms; target under {TARGET_MS:g} ms: {'met' if worst < TARGET_MS else 'MISSED'})")
    print(json.dumps(report))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
