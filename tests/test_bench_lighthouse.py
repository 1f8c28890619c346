"""The Lighthouse benchmark's own arithmetic: the calibrated CPU multiplier, the medians, the goals.

The benchmark itself (real Lighthouse on a real build) is `make bench-lighthouse`; these tests
hold what it concludes from the reports, which no run of it could check.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))  # as when the script runs: its own folder first, for bench_common
_spec = importlib.util.spec_from_file_location("bench_lighthouse", ROOT / "bench" / "bench_lighthouse.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench  # its dataclasses look their module up there
_spec.loader.exec_module(bench)


@pytest.mark.parametrize(("index", "multiplier"), [
    (2400, 4.0), (1500, 4.0),  # a high-end desktop: the mobile preset's own 4x
    (1499.5, 2.0), (1000, 2.0),  # a low-end desktop
    (999, 2.0), (800, 2.0),  # a high-end phone
    (799, 1.0), (125, 1.0), (0, 1.0),  # a mid-tier phone or slower: no slowdown
])
def test_the_calibrated_multiplier_follows_lighthouse_s_host_classes(index, multiplier):
    assert bench.calibrated_slowdown(index) == multiplier


def sample(score, tbt, slowdown=4):
    return {"score": score, "fcp_ms": 1500, "lcp_ms": 1700, "tbt_ms": tbt, "speed_index_ms": 1600,
            "cls": 0.0, "benchmark_index": 1200, "cpu_slowdown": slowdown}


def test_a_summary_is_the_median_of_its_runs_with_the_score_s_range():
    got = bench.summary([sample(0.80, 660), sample(0.91, 360), sample(0.89, 440)])
    assert (got["score"], got["score_min"], got["score_max"]) == (0.89, 0.80, 0.91)
    assert got["tbt_ms"] == 440 and got["runs"] == 3 and got["cpu_slowdown"] == 4


def test_goals_are_judged_on_the_presets_only_and_the_calibrated_row_is_context():
    summaries = {
        ("calculator", "mobile"): bench.summary([sample(0.94, 300)]),
        ("calculator", "desktop"): bench.summary([sample(1.0, 0, slowdown=1)]),
        ("calculator", "mobile, CPU calibrated"): bench.summary([sample(0.99, 90, slowdown=2)]),
        ("home", "desktop"): bench.summary([sample(0.99, 0, slowdown=1)]),
    }
    rows = {(r["page"], r["setting"]): r["met"] for r in bench.judge(summaries)}
    assert rows == {("calculator", "mobile"): False, ("calculator", "desktop"): True, ("home", "desktop"): False}


def test_figures_come_from_the_report_s_audits_and_settings():
    audits = {audit: {"numericValue": n} for n, audit in enumerate(bench.FIGURES.values(), start=1)}
    report = {"audits": audits, "categories": {"performance": {"score": 0.9}},
              "environment": {"benchmarkIndex": 1234.5}, "configSettings": {"throttling": {"cpuSlowdownMultiplier": 2}}}
    got = bench.figures_of(report)
    assert got == {"score": 0.9, **{key: n for n, key in enumerate(bench.FIGURES, start=1)},
                   "benchmark_index": 1234.5, "cpu_slowdown": 2}


def test_a_report_without_a_score_is_a_one_line_failure_naming_the_page_and_the_reason():
    report = {"requestedUrl": "http://127.0.0.1:8000/calculator/", "categories": {"performance": {"score": None}},
              "runtimeError": {"code": "NO_FCP", "message": "The page did not paint any content."}, "audits": {}}
    with pytest.raises(bench.LighthouseFailed) as caught:
        bench.figures_of(report)
    assert str(caught.value) == ("Lighthouse could not measure http://127.0.0.1:8000/calculator/ "
                                 "(NO_FCP: The page did not paint any content.)")
