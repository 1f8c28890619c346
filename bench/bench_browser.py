"""Browser benchmark: the calculator page vs a plain Material page vs stock Pyodide on the main thread.

Builds the site once (SITE_URL on a loopback port), serves it with bench/fixtures/ under /__bench__/,
drives Debian Chromium headless, repeats every measure and reports medians. Prints a table and
writes bench/results/browser.json.

    python bench/bench_browser.py [--runs 5] [--recomputes 40] [--out bench/results/browser.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from harness import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    ServerOptions,
    SiteServer,
    build_site,
    chromium_problem,
    reserve_port,
)


def launch_profile(playwright, profile_dir: str):
    """Debian Chromium with its own on-disk profile, so a second load sees a real HTTP and code cache."""
    return playwright.chromium.launch_persistent_context(
        profile_dir, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )

# name -> (URL path, server overrides while measuring it)
PAGES = {
    "calculator": ("calculator/", {}),
    # The same page with Pyodide's stock python_stdlib.zip: the "before" of the precompiled stdlib.
    "calculator-stock-stdlib": ("calculator/", {"/assets/pyodide/python_stdlib.zip": "stock"}),
    "plain": ("comparison/", {}),
    "pyodide-main-thread": ("__bench__/pyodide-main-thread.html", {}),
}

# Installed before any page script: records long tasks, first paint of a verdict, and readiness.
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
    if (root && b.error === null && root.dataset.state === "error") b.error = performance.now();
    if (b.ready === null && b.error === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""

COLLECT = """
async (settleMs) => {
  await new Promise((r) => setTimeout(r, settleMs));
  const b = window.__bench;
  const end = b.ready ?? b.error ?? performance.now();
  const during = b.longtasks.filter(([start]) => start <= end);
  return {
    fcp: b.fcp, firstVerdict: b.firstVerdict, ready: b.ready, error: b.error,
    longestTask: during.reduce((m, [, d]) => Math.max(m, d), 0),
    longtaskCount: during.length,
    stall: b.stall,
  };
}
"""

# Change one answer per step and time dispatch -> repainted result, in the page's own clock.
RECOMPUTE_WIDGET = """
async (count) => {
  const root = document.querySelector("[data-calculator]");
  const form = root.querySelector("[data-calc-form]");
  const groups = {};
  for (const el of form.elements) if (el.type === "radio") (groups[el.name] ??= []).push(el);
  const names = Object.keys(groups);
  const times = [];
  for (let i = 0; i < count; i++) {
    const group = groups[names[i % names.length]];
    const current = group.findIndex((el) => el.checked);
    const next = group[(current + 1) % group.length];
    const before = root.getAttribute("data-runs");
    const done = new Promise((resolve) => {
      const mo = new MutationObserver(() => {
        if (root.getAttribute("data-runs") !== before) { mo.disconnect(); resolve(); }
      });
      mo.observe(root, { attributes: true, attributeFilter: ["data-runs"] });
    });
    const t0 = performance.now();
    next.checked = true;
    next.dispatchEvent(new Event("change", { bubbles: true }));
    await done;
    await new Promise((r) => requestAnimationFrame(() => r()));
    times.push(performance.now() - t0);
  }
  return times;
}
"""

RECOMPUTE_BARE = """
async (count) => {
  const times = [];
  const model = await (await fetch("/assets/calculator/model.json")).json();
  const factors = (model.factors || []).filter((f) => Array.isArray(f.options) && f.options.length);
  for (let i = 0; i < count; i++) {
    const answers = {};
    if (factors.length) {
      const f = factors[i % factors.length];
      answers[f.id] = f.options[i % f.options.length].id;
    }
    const t0 = performance.now();
    window.benchRecompute(answers);
    await new Promise((r) => requestAnimationFrame(() => r()));
    times.push(performance.now() - t0);
  }
  return times;
}
"""


def visible(sample):
    if sample["firstVerdict"] is None:
        return None
    return max(sample["firstVerdict"], sample["fcp"] or 0)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def p95(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    return values[min(len(values) - 1, max(0, round(0.95 * len(values)) - 1))]


def load(page, server, url, wait_ready: bool, timeout_ms: int = 90_000):
    server.take_log()
    start = time.perf_counter()
    page.goto(url, wait_until="load")
    if wait_ready:
        page.wait_for_function(
            "() => { const r = document.querySelector('[data-calculator]');"
            " return r && (r.dataset.state === 'ready' || r.dataset.state === 'error'); }",
            timeout=timeout_ms,
        )
    metrics = page.evaluate(COLLECT, 300 if not wait_ready else 50)
    metrics["wall_ms"] = (time.perf_counter() - start) * 1000
    requests, sent = server.take_log()
    metrics["bytes"] = sent
    metrics["requests"] = len(requests)
    if wait_ready and metrics["ready"] is None:
        raise RuntimeError(f"{url} did not reach ready: {metrics}")
    return metrics


def bench_page(playwright, server, name, path, runs, recomputes):
    """Cold: a new browser profile (empty disk cache); warm: the next load in that same profile."""
    url = server.url + path
    interactive = name != "plain"
    cold, warm, latencies = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="bench-profile-") as profile:
            context = launch_profile(playwright, profile)
            context.add_init_script(PROBE)
            page = context.new_page()
            cold.append(load(page, server, url, interactive))
            page.goto("about:blank")
            warm.append(load(page, server, url, interactive))
            if interactive and recomputes and not latencies:
                script = RECOMPUTE_WIDGET if name.startswith("calculator") else RECOMPUTE_BARE
                page.evaluate(script, 5)  # warm-up, not counted
                latencies = page.evaluate(script, recomputes)
            context.close()

    def summary(samples):
        return {
            "first_contentful_paint_ms": median([s["fcp"] for s in samples]),
            # Visible means painted: a verdict in the DOM before the first paint shows at first paint.
            "first_verdict_ms": median([visible(s) for s in samples]) if interactive else None,
            "ready_ms": median([s["ready"] for s in samples]) if interactive else None,
            "longest_task_ms": median([s["longestTask"] for s in samples]),
            "longest_stall_ms": median([s["stall"] for s in samples]),
            "bytes": median([s["bytes"] for s in samples]),
            "requests": median([s["requests"] for s in samples]),
            "samples": samples,
        }

    return {
        "url": path,
        "cold": summary(cold),
        "warm": summary(warm),
        "recompute_ms": {"median": median(latencies), "p95": p95(latencies), "count": len(latencies)} if latencies else None,
    }


def fmt(value, unit="ms"):
    if value is None:
        return "n/a"
    if unit == "bytes":
        return f"{value / 1024:,.0f} KiB"
    if unit == "ms":
        return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"
    return str(value)


def table(results) -> str:
    rows = [
        ("first visible verdict (cold)", lambda r: fmt(r["cold"]["first_verdict_ms"])),
        ("first contentful paint (cold)", lambda r: fmt(r["cold"]["first_contentful_paint_ms"])),
        ("time to ready, cold profile", lambda r: fmt(r["cold"]["ready_ms"])),
        ("time to ready, warm profile", lambda r: fmt(r["warm"]["ready_ms"])),
        ("recompute median", lambda r: fmt(r["recompute_ms"]["median"]) if r["recompute_ms"] else "n/a"),
        ("recompute p95", lambda r: fmt(r["recompute_ms"]["p95"]) if r["recompute_ms"] else "n/a"),
        ("longest main-thread task, start-up (cold)", lambda r: fmt(r["cold"]["longest_task_ms"])),
        ("longest main-thread task, start-up (warm)", lambda r: fmt(r["warm"]["longest_task_ms"])),
        ("longest timer stall, start-up (cold)", lambda r: fmt(r["cold"]["longest_stall_ms"])),
        ("bytes transferred (cold)", lambda r: fmt(r["cold"]["bytes"], "bytes")),
        ("bytes transferred (warm)", lambda r: fmt(r["warm"]["bytes"], "bytes")),
    ]
    names = list(results)
    widths = [max(len(label) for label, _ in rows)] + [max(len(n), 12) for n in names]
    lines = ["  ".join(["measure".ljust(widths[0])] + [n.rjust(w) for n, w in zip(names, widths[1:])])]
    lines.append("  ".join("-" * w for w in widths))
    for label, get in rows:
        lines.append("  ".join([label.ljust(widths[0])] + [get(results[n]).rjust(w) for n, w in zip(names, widths[1:])]))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="page loads per measure (median reported)")
    parser.add_argument("--recomputes", type=int, default=40, help="input changes timed for recompute latency")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "browser.json")
    parser.add_argument("--only", nargs="*", choices=list(PAGES), help="measure only these pages")
    args = parser.parse_args(argv)

    problem = chromium_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        sock = reserve_port()
        site_url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
        print(f"building the site for {site_url} ...", file=sys.stderr)
        site_dir = build_site(Path(tmp) / "site", site_url)
        stock_runtime = ROOT / "node_modules" / "pyodide"
        options = ServerOptions(
            extra_roots={"/__bench__/pyodide/": stock_runtime, "/__bench__/": ROOT / "bench" / "fixtures"},
            cache_control="max-age=600",  # what common static hosts send
        )
        server = SiteServer(site_dir, sock=sock, options=options).start()
        results = {}
        try:
            with sync_playwright() as pw:
                for name, (path, overrides) in PAGES.items():
                    if args.only and name not in args.only:
                        continue
                    print(f"measuring {name} ({args.runs} cold + {args.runs} warm loads) ...", file=sys.stderr)
                    options.overrides = {
                        url: (stock_runtime / Path(url).name if target == "stock" else Path(target))
                        for url, target in overrides.items()
                    }
                    results[name] = bench_page(pw, server, name, path, args.runs, args.recomputes)
                    options.overrides = {}
        finally:
            server.stop()

    report = {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "runs": args.runs,
        "recomputes": args.recomputes,
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "pages": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nmedians of {args.runs} loads each; JSON in {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
