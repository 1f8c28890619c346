// The Python worker's start-up settings as the page states them: data-timeout-ms, data-stall-ms and
// data-runtime, written by the build on the calculator's root.

const SITE_URL = new URL("../../", import.meta.url);
// The paths in data-runtime that name files, relative to the site root.
const RUNTIME_PATHS = ["pyodide", "loader", "stdlib", "snapshot", "archive", "model"];

// A limit in milliseconds, exactly as the page states it.
function parseMs(raw) {
  const ms = typeof raw === "string" && /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
  return ms > 0 ? ms : null;
}

// data-runtime (sitegen/browser_assets.py runtime_settings) with absolute URLs; null when unusable.
function parseRuntime(raw) {
  let runtime;
  try {
    runtime = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!runtime || typeof runtime !== "object" || RUNTIME_PATHS.some((key) => typeof runtime[key] !== "string")) return null;
  for (const key of RUNTIME_PATHS) runtime[key] = new URL(runtime[key], SITE_URL).href;
  return runtime;
}

// {timeoutMs, stallMs, settings} from the attributes as written, or {problem} naming the first
// unusable one as it was written (`data-stall-ms="0"`).
export function startSettings({ timeout, stall, runtime }) {
  const timeoutMs = parseMs(timeout);
  if (timeoutMs === null) return { problem: `data-timeout-ms=${JSON.stringify(timeout ?? null)}` };
  const stallMs = parseMs(stall);
  if (stallMs === null) return { problem: `data-stall-ms=${JSON.stringify(stall ?? null)}` };
  const settings = parseRuntime(runtime);
  if (settings === null) return { problem: `data-runtime=${JSON.stringify(runtime ?? null)}` };
  return { timeoutMs, stallMs, settings };
}
