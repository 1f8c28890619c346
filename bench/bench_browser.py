"""Browser benchmark: the calculator page beside a plain page and bare Pyodide pages, with ratios.

Builds the site once (SITE_URL on a loopback port) and serves it on 127.0.0.1 as GitHub Pages
would (gzip, max-age), with bench/fixtures/ under /__bench__/ and the untouched npm Pyodide under
/__bench__/pyodide/. Drives Debian Chromium headless. After one unmeasured load of each page, runs
are interleaved: run 1 visits every page, then run 2 visits every page, and so on, each visit in a
fresh browser profile (a cold load, then a warm load in the same profile), so a burst of load from
other work on this shared machine hits every page alike and the ratios, taken from the medians of
this one run, stay fair. Prints a table and the ratios against their goals, and writes every
sample to bench/results/browser.json. Exits non-zero only when a page fails to load or never
becomes ready; a goal not met is reported, not failed.

    python bench/bench_browser.py [--runs 5] [--recomputes 20] [--only NAME ...] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from bench_common import positive, shown  # noqa: E402 (bench/, the script's own folder)
from harness import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    ServerOptions,
    SiteServer,
    build_site,
    chromium_problem,
    reserve_port,
)

STOCK_RUNTIME = ROOT / "node_modules" / "pyodide"
PUBLISHED_STDLIB = "assets/pyodide/python_stdlib.zip"
# Bounds on every wait. Stock Pyodide on the main thread takes ~5 s cold on a busy 2-core machine.
LOAD_TIMEOUT_MS = 60_000
READY_TIMEOUT_MS = 90_000
# After the cold load the site's service worker downloads its precache; the warm load waits until
# the server has been quiet this long (at most QUIET_LIMIT_S), as a reader's next visit would.
QUIET_S = 0.5
QUIET_LIMIT_S = 20.0
# Served as GitHub Pages serves the published site: cached for 10 minutes, text, JSON, JS and wasm gzipped.
SERVED = ServerOptions.github_pages()
# Quiet between two timed answer changes (after the previous one's frame), as a reader pauses.
SETTLE_MS = 100


@dataclass(frozen=True)
class Page:
    path: str  # URL path under the site root
    interactive: bool = True  # has [data-calculator] that reaches data-state="ready", and a verdict
    recompute: str | None = None  # script timing input changes, run after the warm load
    overrides: dict[str, Path] = field(default_factory=dict)  # URL path -> file served instead, while visited
    missing: frozenset[str] = frozenset()  # URL paths answered 404, while visited


class PageFailed(RuntimeError):
    """A page did not load or never became ready; the message is one line."""


# Installed before any page script: records long tasks, first paint, first painted verdict, readiness.
PROBE = """
(() => {
  const b = window.__bench = { longtasks: [], firstVerdict: null, ready: null, error: null, fcp: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === "first-contentful-paint") b.fcp = e.startTime;
    }).observe({ type: "paint", buffered: true });
  } catch (e) {}
  // A heartbeat as well: the longest gap between 10 ms timers is the longest the page could not respond.
  b.stall = 0;
  let last = performance.now();
  const beat = setInterval(() => {
    const now = performance.now();
    b.stall = Math.max(b.stall, now - last - 10);
    last = now;
    if (b.ready !== null || b.error !== null) clearInterval(beat);
  }, 10);
  const tick = () => {
    const v = document.querySelector("[data-verdict]");
    if (b.firstVerdict === null && v && v.getAttribute("data-verdict") && v.getClientRects().length) {
      b.firstVerdict = performance.now();
    }
    const root = document.querySelector("[data-calculator]");
    if (root && b.ready === null && root.dataset.state === "ready") b.ready = performance.now();
    if (root && b.error === null && root.dataset.state === "error") {
      b.error = performance.now();
      b.errorText = (root.querySelector("[data-verdict]") || root).textContent.trim().split("\\n")[0];
    }
    if (b.ready === null && b.error === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""

READY_OR_ERROR = """
() => {
  const r = document.querySelector("[data-calculator]");
  return Boolean(r) && (r.dataset.state === "ready" || r.dataset.state === "error");
}
"""

# Paint entries arrive asynchronously, so wait (bounded) for first contentful paint before reading.
COLLECT = """
async () => {
  const b = window.__bench;
  for (let waited = 0; b.fcp === null && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  const end = b.ready ?? b.error ?? performance.now();
  const during = b.longtasks.filter(([start]) => start <= end);
  return {
    fcp: b.fcp, firstVerdict: b.firstVerdict, ready: b.ready, error: b.error, errorText: b.errorText ?? null,
    longestTask: during.reduce((m, [, d]) => Math.max(m, d), 0),
    longtaskCount: during.length,
    stall: b.stall,
  };
}
"""

# Change one answer per step and time it in the page's own clock: from dispatching the change to
# the verdict changing on the page (the goal's "input event to verdict change"), and to the start
# of the next frame, which paints it. Between steps the page settles (its frame painted, then
# SETTLE_MS of quiet), as between a reader's changes: back to back, each step would also pay for
# painting the one before. Each step gives up after 10 s, so a page that stops answering cannot
# hang the run. Returns [[to verdict, to next frame, answered ahead], ...]: answered ahead when the
# page answered the change from a reply its worker ran before the change (calculator-client.mjs).
RECOMPUTE_WIDGET = """
async ([count, settle]) => {
  const root = document.querySelector("[data-calculator]");
  const form = root.querySelector("[data-calc-form]");
  const groups = {};
  for (const el of form.elements) if (el.type === "radio") (groups[el.name] ??= []).push(el);
  const names = Object.keys(groups);
  const times = [];
  for (let i = 0; i < count; i++) {
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, settle)));
    const group = groups[names[i % names.length]];
    const current = group.findIndex((el) => el.checked);
    const next = group[(current + 1) % group.length];
    const before = root.getAttribute("data-runs");
    const hitsBefore = window.__calculatorEngine.aheadHits;
    let mo, changed;
    const done = new Promise((resolve, reject) => {
      mo = new MutationObserver(() => {
        if (root.getAttribute("data-runs") !== before) { changed = performance.now(); resolve(); }
      });
      mo.observe(root, { attributes: true, attributeFilter: ["data-runs"] });
      setTimeout(() => reject(new Error("no repaint within 10 s of an answer change")), 10000);
    });
    const t0 = performance.now();
    next.checked = true;
    next.dispatchEvent(new Event("change", { bubbles: true }));
    try { await done; } finally { mo.disconnect(); }
    await new Promise((r) => requestAnimationFrame(() => r()));
    times.push([changed - t0, performance.now() - t0, window.__calculatorEngine.aheadHits > hitsBefore]);
  }
  return times;
}
"""

# The bare pages run Python on the main thread: one synchronous call (the verdict), then the next frame.
RECOMPUTE_BARE = """
async ([count, settle]) => {
  const times = [];
  const model = await (await fetch("/assets/calculator/model.json")).json();
  const factors = (model.factors || []).filter((f) => Array.isArray(f.options) && f.options.length);
  for (let i = 0; i < count; i++) {
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, settle)));
    const answers = {};
    if (factors.length) {
      const f = factors[i % factors.length];
      answers[f.id] = f.options[i % f.options.length].id;
    }
    const t0 = performance.now();
    window.benchRecompute(answers);
    const changed = performance.now();
    await new Promise((r) => requestAnimationFrame(() => r()));
    times.push([changed - t0, performance.now() - t0, null]);
  }
  return times;
}
"""

BARE = "__bench__/pyodide-main-thread.html?index="
PAGES = {
    "calculator": Page("calculator/", recompute=RECOMPUTE_WIDGET),
    "plain": Page("comparison/", interactive=False),
    "stock bare Pyodide": Page(BARE + "/__bench__/pyodide/", recompute=RECOMPUTE_BARE),
    "bare Pyodide on the site's files": Page(BARE + "/assets/pyodide/", recompute=RECOMPUTE_BARE),
    # The calculator with no service worker (sw.js answers 404, so none registers): what offline
    # support costs a warm load, whose requests the worker answers.
    "calculator-without-service-worker": Page("calculator/", recompute=RECOMPUTE_WIDGET, missing=frozenset({"/sw.js"})),
    # The calculator with Pyodide's stock python_stdlib.zip: the "before" of the precompiled stdlib.
    "calculator-stock-stdlib": Page(
        "calculator/",
        recompute=RECOMPUTE_WIDGET,
        overrides={f"/{PUBLISHED_STDLIB}": STOCK_RUNTIME / "python_stdlib.zip"},
    ),
}
DEFAULT_PAGES = ["calculator", "plain", "stock bare Pyodide", "bare Pyodide on the site's files"]


@dataclass(frozen=True)
class Goal:
    label: str
    figure: tuple[str, str]  # (page, figure name), see figures()
    limit: float
    per: tuple[str, str] | None = None  # denominator, for a ratio
    unit: str = "ratio"


GOALS = (
    Goal("calculator ready cold / stock bare Pyodide ready cold",
         ("calculator", "ready_cold_ms"), 0.35, per=("stock bare Pyodide", "ready_cold_ms")),
    Goal("calculator ready warm / stock bare Pyodide ready warm",
         ("calculator", "ready_warm_ms"), 0.30, per=("stock bare Pyodide", "ready_warm_ms")),
    Goal("calculator ready cold / bare Pyodide on the site's files ready cold",
         ("calculator", "ready_cold_ms"), 1.15, per=("bare Pyodide on the site's files", "ready_cold_ms")),
    Goal("calculator first visible verdict / plain first contentful paint",
         ("calculator", "first_verdict_cold_ms"), 1.1, per=("plain", "fcp_cold_ms")),
    Goal("calculator recompute median", ("calculator", "recompute_median_ms"), 8, unit="ms"),
    Goal("calculator recompute p95", ("calculator", "recompute_p95_ms"), 16, unit="ms"),
    Goal("published python_stdlib.zip of this build", ("build", "stdlib_bytes"), 1_048_576, unit="bytes"),
)

# Table rows: label -> figure name.
ROWS = {
    "first visible verdict (cold)": "first_verdict_cold_ms",
    "first contentful paint (cold)": "fcp_cold_ms",
    "ready, cold profile": "ready_cold_ms",
    "ready, warm profile": "ready_warm_ms",
    "recompute median (input to verdict change)": "recompute_median_ms",
    "recompute p95 (input to verdict change)": "recompute_p95_ms",
    "recompute median (input to the next frame)": "recompute_frame_median_ms",
    "recompute p95 (input to the next frame)": "recompute_frame_p95_ms",
    "recompute median, changes answered ahead": "recompute_ahead_median_ms",
    "recompute median, changes sent to the worker": "recompute_asked_median_ms",
    "longest main-thread task (cold start-up)": "longest_task_cold_ms",
    # The Long Tasks API misses most of Pyodide's start on the main thread of the bare pages: seconds
    # without a single 10 ms timer firing, reported as tasks of a few hundred ms. The gap shows it.
    "longest 10 ms timer gap (cold start-up)": "longest_stall_cold_ms",
    "bytes on the wire (cold, until ready/load)": "bytes_cold",
}


def launch_profile(playwright, profile_dir: str):
    """Debian Chromium with its own on-disk profile, so a second load sees a real HTTP and code cache."""
    context = playwright.chromium.launch_persistent_context(
        profile_dir, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, timeout=LOAD_TIMEOUT_MS
    )
    context.add_init_script(PROBE)
    return context


def load(page, server: SiteServer, name: str, spec: Page, label: str) -> dict:
    """One navigation, measured until ready (or load, for a plain page); raises PageFailed."""
    server.take_log()
    start = time.perf_counter()
    try:
        response = page.goto(server.url + spec.path, wait_until="load", timeout=LOAD_TIMEOUT_MS)
        if response is not None and response.status >= 400:
            raise PageFailed(f"{name} ({label}): HTTP {response.status} for {spec.path}")
        if spec.interactive:
            page.wait_for_function(READY_OR_ERROR, timeout=READY_TIMEOUT_MS)
        # Taken at once: what the page needed to be ready, before its service worker starts downloading.
        requests, sent = server.take_log()
        wall_ms = (time.perf_counter() - start) * 1000
        metrics = page.evaluate(COLLECT)
    except PlaywrightError as exc:
        raise PageFailed(f"{name} ({label}): {str(exc).splitlines()[0]}") from exc
    if spec.interactive and metrics["ready"] is None:
        raise PageFailed(f"{name} ({label}): data-state became error: {metrics['errorText']}")
    return {**metrics, "wall_ms": wall_ms, "bytes": sent, "requests": len(requests)}


def wait_quiet(server: SiteServer) -> dict:
    """Wait (bounded) until the server has had no request for QUIET_S; what was downloaded meanwhile."""
    requests, sent = 0, 0
    deadline = time.monotonic() + QUIET_LIMIT_S
    while time.monotonic() < deadline:
        time.sleep(QUIET_S)
        log, count = server.take_log()
        if not log:
            break
        requests, sent = requests + len(log), sent + count
    return {"requests": requests, "bytes": sent}


@contextmanager
def fresh_profile(playwright, options: ServerOptions, spec: Page):
    """A page in a new browser profile (empty caches), with the page's server overrides and 404s in force."""
    options.overrides = dict(spec.overrides)
    options.missing = set(spec.missing)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
            context = launch_profile(playwright, profile)
            try:
                yield context.new_page()
            finally:
                context.close()
    finally:
        options.overrides = {}
        options.missing = set()


def recompute(page, name: str, spec: Page, count: int, label: str) -> list[list[float]]:
    """[to verdict, to next frame, answered ahead] for each answer change (ms), after 5 uncounted changes."""
    if not spec.recompute:
        return []
    try:
        page.evaluate(spec.recompute, [5, SETTLE_MS])
        return page.evaluate(spec.recompute, [count, SETTLE_MS])
    except PlaywrightError as exc:
        raise PageFailed(f"{name} ({label}, recompute): {str(exc).splitlines()[0]}") from exc


def visit(playwright, server: SiteServer, options: ServerOptions, name: str, recomputes: int, label: str) -> dict:
    """A fresh profile: a cold load, the follow-up downloads, a warm load, then timed recomputes."""
    spec = PAGES[name]
    with fresh_profile(playwright, options, spec) as page:
        cold = load(page, server, name, spec, f"{label}, cold")
        after_cold = wait_quiet(server)
        page.goto("about:blank")
        warm = load(page, server, name, spec, f"{label}, warm")
        times = recompute(page, name, spec, recomputes, label)
    return {"cold": cold, "after_cold": after_cold, "warm": warm, "recompute_ms": times}


def prime(playwright, server: SiteServer, options: ServerOptions, names: list[str]) -> None:
    """One unmeasured cold load of each page, so that run 1 alone does not pay for a cold disk
    cache and for the server's first gzip of each file (it keeps them)."""
    for name in names:
        with fresh_profile(playwright, options, PAGES[name]) as page:
            load(page, server, name, PAGES[name], "warm-up")
            wait_quiet(server)


def run_interleaved(playwright, server, options, names: list[str], runs: int, recomputes: int) -> dict[str, list]:
    """Every run visits every page; the starting page rotates so no page always comes first."""
    visits: dict[str, list] = {name: [] for name in names}
    for i in range(runs):
        order = names[i % len(names):] + names[: i % len(names)]
        for name in order:
            label = f"run {i + 1}/{runs}"
            result = visit(playwright, server, options, name, recomputes, label)
            result["run"] = i + 1
            visits[name].append(result)
            print(f"{label}  {name:<34} {progress(result)}", file=sys.stderr, flush=True)
    return visits


def progress(result: dict) -> str:
    cold, warm = result["cold"], result["warm"]
    if cold["ready"] is None:
        return f"fcp {fmt(cold['fcp'])} cold, {fmt(warm['fcp'])} warm"
    return f"ready {fmt(cold['ready'])} cold, {fmt(warm['ready'])} warm"


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def p95(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    return values[min(len(values) - 1, max(0, round(0.95 * len(values)) - 1))]


def visible(sample: dict):
    """Visible means painted: a verdict in the DOM before the first paint shows at first paint."""
    if sample["firstVerdict"] is None:
        return None
    return max(sample["firstVerdict"], sample["fcp"] or 0)


def figures(visits: list[dict]) -> dict:
    """The medians over the runs of one page (recompute: all runs' changes pooled)."""
    cold = [v["cold"] for v in visits]
    warm = [v["warm"] for v in visits]
    steps = [step for v in visits for step in v["recompute_ms"]]
    recomputes = [verdict for verdict, _, _ in steps]
    to_frame = [frame for _, frame, _ in steps]
    ahead = [verdict for verdict, _, answered_ahead in steps if answered_ahead is True]
    asked = [verdict for verdict, _, answered_ahead in steps if answered_ahead is False]
    return {
        "first_verdict_cold_ms": median([visible(s) for s in cold]),
        "fcp_cold_ms": median([s["fcp"] for s in cold]),
        "ready_cold_ms": median([s["ready"] for s in cold]),
        "ready_warm_ms": median([s["ready"] for s in warm]),
        "recompute_median_ms": median(recomputes),
        "recompute_p95_ms": p95(recomputes),
        "recompute_count": len(recomputes),
        "recompute_frame_median_ms": median(to_frame),
        "recompute_frame_p95_ms": p95(to_frame),
        "recompute_ahead_median_ms": median(ahead),
        "recompute_ahead_count": len(ahead),
        "recompute_asked_median_ms": median(asked),
        "recompute_asked_count": len(asked),
        "longest_task_cold_ms": median([s["longestTask"] for s in cold]),
        "longest_stall_cold_ms": median([s["stall"] for s in cold]),
        "bytes_cold": median([s["bytes"] for s in cold]),
        "requests_cold": median([s["requests"] for s in cold]),
        "bytes_after_cold": median([v["after_cold"]["bytes"] for v in visits]),
        "fcp_warm_ms": median([s["fcp"] for s in warm]),
        "bytes_warm": median([s["bytes"] for s in warm]),
    }


def judge(goals, medians: dict) -> list[dict]:
    """Each goal's value from this run's medians, and whether it is met (None: not measured)."""
    out = []
    for goal in goals:
        page, key = goal.figure
        value = medians.get(page, {}).get(key)
        if goal.per is not None and value is not None:
            base = medians.get(goal.per[0], {}).get(goal.per[1])
            value = value / base if base else None
        out.append({
            "goal": goal.label,
            "value": value,
            "limit": goal.limit,
            "unit": goal.unit,
            "met": None if value is None else value <= goal.limit,
        })
    return out


def fmt(value, unit="ms") -> str:
    if value is None:
        return "n/a"
    if unit == "bytes":
        return f"{value:,.0f} B" if value < 10 * 1024 else f"{value / 1024:,.0f} KiB"
    if unit == "ratio":
        return f"{value:.2f}"
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def table(medians: dict, names: list[str]) -> str:
    widths = [max(len(label) for label in ROWS)] + [max(len(n), 10) for n in names]
    lines = ["  ".join(["median".ljust(widths[0])] + [n.rjust(w) for n, w in zip(names, widths[1:])])]
    lines.append("  ".join("-" * w for w in widths))
    for label, key in ROWS.items():
        unit = "bytes" if key.startswith("bytes") else "ms"
        cells = [fmt(medians[n][key], unit).rjust(w) for n, w in zip(names, widths[1:])]
        lines.append("  ".join([label.ljust(widths[0])] + cells))
    return "\n".join(lines)


def fmt_goal(value, unit: str) -> str:
    """A goal's value or limit: bytes exact (the limit is a byte count), ms and ratios as in the table."""
    if value is None:
        return "n/a"
    if unit == "bytes":
        return f"{value:,} B"
    if unit == "ms":
        return f"{value:,.1f} ms"
    return f"{value:.2f}"


def goal_table(verdicts: list[dict]) -> str:
    width = max(len(v["goal"]) for v in verdicts)
    rows = [(v["goal"], fmt_goal(v["value"], v["unit"]), "<= " + fmt_goal(v["limit"], v["unit"]),
             "not measured" if v["met"] is None else "met" if v["met"] else "not met") for v in verdicts]
    value_w = max(len(r[1]) for r in rows)
    limit_w = max(len(r[2]) for r in rows)
    lines = [f"{'RATIOS AND GOALS (medians of this run)'.ljust(width)}  {'value'.rjust(value_w)}  {'goal'.rjust(limit_w)}",
             f"{'-' * width}  {'-' * value_w}  {'-' * limit_w}  {'-' * 7}"]
    lines += [f"{goal.ljust(width)}  {value.rjust(value_w)}  {limit.rjust(limit_w)}  {status}"
              for goal, value, limit, status in rows]
    return "\n".join(lines)


def serve_and_measure(names: list[str], runs: int, recomputes: int) -> tuple[dict, int]:
    """Build the site for a loopback port, serve it, run the interleaved visits; (visits, stdlib bytes)."""
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        sock = reserve_port()
        site_url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
        print(f"building the site for {site_url} ...", file=sys.stderr, flush=True)
        site_dir = build_site(Path(tmp) / "site", site_url)
        stdlib_bytes = (site_dir / PUBLISHED_STDLIB).stat().st_size
        options = ServerOptions.github_pages(
            extra_roots={"/__bench__/pyodide/": STOCK_RUNTIME, "/__bench__/": ROOT / "bench" / "fixtures"},
        )
        server = SiteServer(site_dir, sock=sock, options=options).start()
        try:
            with sync_playwright() as pw:
                print("warm-up: one unmeasured load of each page ...", file=sys.stderr, flush=True)
                prime(pw, server, options, names)
                visits = run_interleaved(pw, server, options, names, runs, recomputes)
        finally:
            server.stop()
    return visits, stdlib_bytes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=positive, default=5, help="interleaved runs; each visits every page once (median reported)")
    parser.add_argument("--recomputes", type=positive, default=20, help="answer changes timed per visit, pooled over runs")
    parser.add_argument("--only", nargs="+", choices=list(PAGES), metavar="PAGE",
                        help=f"measure only these pages, in this order (choices: {', '.join(map(repr, PAGES))})")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "browser.json")
    args = parser.parse_args(argv)
    names = list(dict.fromkeys(args.only)) if args.only else DEFAULT_PAGES

    problem = chromium_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    try:
        visits, stdlib_bytes = serve_and_measure(names, args.runs, args.recomputes)
    except RuntimeError as exc:  # PageFailed (one line), or the build's own output
        print(f"bench: {exc}", file=sys.stderr)
        return 1

    medians = {name: figures(v) for name, v in visits.items()}
    verdicts = judge(GOALS, {**medians, "build": {"stdlib_bytes": stdlib_bytes}})
    report = {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "runs": args.runs,
        "recomputes_per_visit": args.recomputes,
        "order": "interleaved: each run visits every page (starting page rotates); cold = new profile, "
                 "warm = next load in that profile after its follow-up downloads",
        "server": {"cache_control": SERVED.cache_control, "gzip": SERVED.gzip},
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "published_stdlib_bytes": stdlib_bytes,
        "goals": verdicts,
        "pages": {name: {"url": PAGES[name].path, "medians": medians[name], "visits": visits[name]} for name in names},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    print(f"\nbrowser: medians of {args.runs} interleaved runs (cold: new profile; warm: second load in it)\n")
    print(table(medians, names))
    wire = "gzipped as GitHub Pages does (text, JSON, JS, wasm; not the zips)" if SERVED.gzip else "not compressed"
    print(f"(bytes: response bodies as they went on the wire, {wire})")
    for name in names:
        m = medians[name]
        if m["recompute_ahead_count"] or m["recompute_asked_count"]:
            print(f"({name}: {m['recompute_ahead_count']} of {m['recompute_count']} timed changes answered from "
                  f"replies run ahead, {m['recompute_asked_count']} sent to the worker)")
    print()
    print(goal_table(verdicts))
    print(f"\nall samples, medians and goals in {shown(args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
