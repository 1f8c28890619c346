"""Lighthouse benchmark: performance of the home and calculator pages, mobile and desktop, with goals.

Builds the site once (SITE_URL on a loopback port), serves it on 127.0.0.1 as GitHub Pages would
(gzip, max-age) and runs the pinned Lighthouse on Debian Chromium, interleaved: each run measures
every page with every setting, so a burst of load from other work on this shared machine hits
them alike. The settings are Lighthouse's two presets, which the goals are about (mobile at least
0.95, desktop 1.00 as Lighthouse shows it, 100), and, for context only, the mobile preset with its
CPU multiplier calibrated to this machine: Lighthouse slows the CPU fourfold on the mobile preset,
a factor meant for a fast desktop, and its throttling guide gives a smaller one for slower hosts
(see `calibrated_slowdown`). Prints medians and the goals, "met" or "not met", and writes every
report's figures to bench/results/lighthouse.json. Exits non-zero only when Lighthouse cannot run.

    python bench/bench_lighthouse.py [--runs 3] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from bench_common import positive, shown  # noqa: E402 (bench/, the script's own folder)
from harness import ServerOptions, SiteServer, build_site, chromium_problem, reserve_port  # noqa: E402
from lighthouse_runner import LighthouseFailed, run_lighthouse  # noqa: E402

PAGES = {"home": "", "calculator": "calculator/"}
SERVER = ServerOptions.github_pages()
FIGURES = {  # report key -> audit
    "fcp_ms": "first-contentful-paint",
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "speed_index_ms": "speed-index",
    "cls": "cumulative-layout-shift",
}


@dataclass(frozen=True)
class Setting:
    name: str
    preset: str
    calibrated: bool = False  # the mobile preset with this machine's CPU multiplier
    goal: float | None = None  # lowest score that meets the goal (None: context only)


SETTINGS = (
    Setting("mobile", "mobile", goal=0.95),
    Setting("desktop", "desktop", goal=0.995),  # Lighthouse shows a score as a whole percent: 0.995 is 100
    Setting("mobile, CPU calibrated", "mobile", calibrated=True),
)

# Lighthouse's throttling guide ("Calibrating the CPU slowdown", docs/throttling.md in the
# Lighthouse repository, https://raw.githubusercontent.com/GoogleChrome/lighthouse/main/docs/throttling.md,
# read 30 November 2026): a host's class by its benchmarkIndex, and the multiplier it suggests for
# each class to emulate a mid-tier phone, as (lowest index of the class, multiplier), highest first.
SLOWDOWN_BY_HOST_CLASS = (
    (1500, 4.0),  # high-end desktop, 1500-2000: 4x (the preset's own)
    (1000, 2.0),  # low-end desktop, 1000-1500: 2x
    (800, 2.0),  # high-end mobile, 800-1200: 2x
    (0, 1.0),  # a mid-tier or slower device already: no slowdown
)


def calibrated_slowdown(benchmark_index: float) -> float:
    """The CPU multiplier Lighthouse's guide suggests for a host with this benchmarkIndex."""
    # The last class starts at 0, so a host Lighthouse could measure always falls in one.
    return next((m for lowest, m in SLOWDOWN_BY_HOST_CLASS if benchmark_index >= lowest), 1.0)


def figures_of(report: dict) -> dict:
    """The score and timings of one Lighthouse report, with the host's benchmarkIndex; raises
    LighthouseFailed when Lighthouse could not measure the page (it then reports no score)."""
    problem = report.get("runtimeError") or {}
    if problem or report.get("categories", {}).get("performance", {}).get("score") is None:
        reason = f"{problem.get('code', 'no score')}: {problem.get('message', 'the report has no performance score')}"
        raise LighthouseFailed(f"Lighthouse could not measure {report.get('requestedUrl', 'the page')} ({reason})")
    audits = report["audits"]
    found = {key: audits[audit]["numericValue"] for key, audit in FIGURES.items()}
    return {
        "score": report["categories"]["performance"]["score"],
        **found,
        "benchmark_index": report.get("environment", {}).get("benchmarkIndex"),
        "cpu_slowdown": report.get("configSettings", {}).get("throttling", {}).get("cpuSlowdownMultiplier"),
    }


def summary(samples: list[dict]) -> dict:
    """Medians of one page and setting; the score's lowest and highest as well."""
    scores = [s["score"] for s in samples]
    medians = {key: statistics.median(s[key] for s in samples) for key in ("score", *FIGURES)}
    return {**medians, "score_min": min(scores), "score_max": max(scores), "runs": len(samples),
            "cpu_slowdown": samples[0]["cpu_slowdown"]}


def judge(summaries: dict) -> list[dict]:
    """Each page and setting that has a goal: its median score against the goal."""
    rows = []
    for (page, setting_name), figures in summaries.items():
        setting = next(s for s in SETTINGS if s.name == setting_name)
        if setting.goal is not None:
            rows.append({"page": page, "setting": setting_name, "score": figures["score"],
                         "goal": setting.goal, "met": figures["score"] >= setting.goal})
    return rows


def measure(runs: int, tmp: Path) -> tuple[dict, float, float]:
    """Every page with every setting, `runs` times interleaved; (samples, benchmarkIndex, multiplier)."""
    sock = reserve_port()
    site_url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    print(f"building the site for {site_url} ...", file=sys.stderr, flush=True)
    site_dir = build_site(tmp / "site", site_url)
    server = SiteServer(site_dir, sock=sock, options=SERVER).start()
    try:
        # One unmeasured run: the server gzips each file once, and this machine's benchmarkIndex
        # (Lighthouse measures it before every run) picks the calibrated multiplier.
        print("warm-up: one unmeasured Lighthouse run ...", file=sys.stderr, flush=True)
        first = figures_of(run_lighthouse(server.url + PAGES["calculator"], "mobile", tmp / "warm-up.json"))
        index = first["benchmark_index"] or 0
        slowdown = calibrated_slowdown(index)
        samples: dict[tuple[str, str], list[dict]] = {}
        for run in range(runs):
            for page, path in PAGES.items():
                for setting in SETTINGS:
                    report = run_lighthouse(server.url + path, setting.preset, tmp / "report.json",
                                            cpu_slowdown=slowdown if setting.calibrated else None)
                    sample = figures_of(report)
                    samples.setdefault((page, setting.name), []).append(sample)
                    print(f"run {run + 1}/{runs}  {page:<10} {setting.name:<24} score {sample['score']:.2f}  "
                          f"TBT {sample['tbt_ms']:.0f} ms  benchmarkIndex {sample['benchmark_index']}",
                          file=sys.stderr, flush=True)
    finally:
        server.stop()
    return samples, index, slowdown


def table(summaries: dict) -> str:
    head = f"{'page':<11} {'setting':<24} {'score (min-max)':<18} {'TBT':>7} {'FCP':>7} {'LCP':>7} {'SI':>7} {'CLS':>6}"
    lines = [head, "-" * len(head)]
    for (page, setting), f in summaries.items():
        score = f"{f['score']:.2f} ({f['score_min']:.2f}-{f['score_max']:.2f})"
        lines.append(f"{page:<11} {setting:<24} {score:<18} {f['tbt_ms']:>7.0f} {f['fcp_ms']:>7.0f} "
                     f"{f['lcp_ms']:>7.0f} {f['speed_index_ms']:>7.0f} {f['cls']:>6.3f}")
    return "\n".join(lines)


def goal_table(rows: list[dict]) -> str:
    """Scores as Lighthouse shows them, in whole percent."""
    return "\n".join(f"{r['page']:<11} {r['setting']:<8} median score {round(r['score'] * 100)}, goal at least "
                     f"{math.ceil(r['goal'] * 100)}: {'met' if r['met'] else 'not met'}" for r in rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=positive, default=3,
                        help="interleaved runs of every page and setting (median reported)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "lighthouse.json")
    args = parser.parse_args(argv)
    problem = chromium_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    try:
        with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
            samples, index, slowdown = measure(args.runs, Path(tmp))
    except RuntimeError as exc:  # LighthouseFailed (one line), or the build's own output
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    summaries = {key: summary(values) for key, values in samples.items()}
    verdicts = judge(summaries)
    report = {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "runs": args.runs,
        "server": {"cache_control": SERVER.cache_control, "gzip": SERVER.gzip},
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "benchmark_index": index, "calibrated_cpu_slowdown": slowdown},
        "goals": verdicts,
        "medians": [{"page": page, "setting": setting, **f} for (page, setting), f in summaries.items()],
        "samples": [{"page": page, "setting": setting, "runs": values} for (page, setting), values in samples.items()],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    print(f"\nlighthouse: medians of {args.runs} interleaved runs (ms, except the score and layout shift)\n")
    print(table(summaries))
    print(f"\n(this machine's benchmarkIndex {index:g} before the runs: Lighthouse's guide suggests a CPU "
          f"multiplier of {slowdown:g} for it, against the mobile preset's 4; that row is context, not a goal)\n")
    print(goal_table(verdicts))
    print(f"\nevery run's figures in {shown(args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
