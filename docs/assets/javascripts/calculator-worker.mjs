// Module Web Worker that hosts Pyodide and the calculator package; it moves JSON strings only.
//
// Protocol (all messages are plain objects):
//   page -> worker  {type: "init", runtime, stallMs, attempt}
//                   runtime: the calculator root's data-runtime (sitegen/browser_assets.py
//                   runtime_settings), its paths made absolute: {pyodide, loader, stdlib, snapshot,
//                   archive, model, build, extractDir, env}
//   worker -> page  {type: "progress", loaded, total} (bytes downloaded; total 0 when unknown)
//   worker -> page  {type: "ready", timings, modelVersion} | {type: "error", stage: "init", reason?, message}
//   page -> worker  {type: "run", id, answers: <JSON string>, siteURL}
//                   {type: "compare", id, model: <an earlier model version's JSON text>, answers, siteURL}
//                   {type: "record", id, answers, siteURL, details: <JSON string>}
//   worker -> page  {type: "result", id, json: <JSON string>} | {type: "error", stage: <the type>, id, message}
//   page -> worker  {type: "ahead", batch, answers: [<JSON string>, ...], siteURL}
//   worker -> page  {type: "ahead", batch, answers: <JSON string>, json: <JSON string>}, one per answer set
//                   (`run`'s reply for it), until a newer batch replaces the rest
// Python's `calculator.bridge` does every decision (`run` scores, `compare` scores with an earlier
// model version and today's, `record` writes the decision record); this file only loads and forwards.
//
// Answer sets a reader is likely to pick next ("ahead", see the page's calculator-client.mjs) are
// run one per task, so a request the reader is waiting for waits for one run at most.
//
// Start-up restores the build's memory snapshot (an interpreter with the calculator imported and
// its model loaded); when the snapshot is missing, refused or fails, it starts CPython normally,
// unpacks the archive and loads the model, and says why on the console and in its timings.

import { compileSmallModulesOnce } from "./calculator-compile-once.mjs";
import { watchDownloads } from "./calculator-downloads.mjs";
import { loadSnapshot } from "./calculator-snapshot.mjs";

const bridge = { run: null, compare: null, record: null }; // PyProxies of calculator.bridge functions, kept for the worker's lifetime
let bridgeModule = null; // the PyProxy of calculator.bridge they are borrowed from
let initReceived = false; // a second init message is ignored
const ahead = { batch: 0, queue: [], siteURL: "", scheduled: false }; // the newest batch's answer sets not yet run
const nextTask = new MessageChannel(); // a task of its own for each answer set (setTimeout would clamp to 4 ms)

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${new URL(url).pathname}`);
  return response;
}

// What both starts give loadPyodide: the build's stdlib, its environment, no packages.
function pyodideOptions(runtime) {
  return { indexURL: runtime.pyodide, stdLibURL: runtime.stdlib, env: { ...runtime.env }, packages: [] };
}

// Pyodide from its snapshot: the calculator is imported and the model loaded already. Pyodide takes
// the snapshot as a promise, so its own files download meanwhile; a refused snapshot rejects this.
async function restored(loadPyodide, runtime, snapshot) {
  const lock = snapshot.then((s) => s.header.lock);
  const memory = snapshot.then((s) => s.memory);
  lock.catch(() => {});
  memory.catch(() => {});
  const pyodide = await loadPyodide({ ...pyodideOptions(runtime), lockFileContents: lock, _loadSnapshot: memory });
  return { pyodide, modelVersion: String((await snapshot).header.model_version || "") };
}

// Pyodide started normally: the archive unpacked, the calculator imported, the model loaded.
async function startedNormally(loadPyodide, runtime) {
  const archive = fetchOk(runtime.archive).then((r) => r.arrayBuffer());
  const model = fetchOk(runtime.model).then((r) => r.text());
  archive.catch(() => {});
  model.catch(() => {});
  const pyodide = await loadPyodide(pyodideOptions(runtime));
  const dir = JSON.stringify(runtime.extractDir);
  pyodide.unpackArchive(await archive, "zip", { extractDir: runtime.extractDir });
  pyodide.runPython(`import sys\nif ${dir} not in sys.path: sys.path.insert(0, ${dir})`);
  // The module's proxy is the one init keeps; strings cross the boundary, so no other proxy exists.
  const bridgeProxy = pyodide.pyimport("calculator.bridge");
  const loaded = JSON.parse(bridgeProxy.load(await model));
  if (!loaded || loaded.ok !== true) throw new Error((loaded && loaded.error) || "bridge.load");
  return { pyodide, modelVersion: String(loaded.model_version || ""), bridgeProxy };
}

async function init({ runtime, stallMs, attempt }) {
  const t0 = performance.now();
  // A named fault (wrong wasm type, error status, stall) goes to the page at once: Pyodide itself
  // may never settle after one. The snapshot is optional: its faults mean a normal start instead.
  watchDownloads({
    stallMs,
    attempt,
    optional: (url) => url === runtime.snapshot,
    onFault: (reason, message) => self.postMessage({ type: "error", stage: "init", reason, message }),
    onProgress: (loaded, total) => self.postMessage({ type: "progress", loaded, total }),
  });
  const smallModules = compileSmallModulesOnce(); // Pyodide's dynamic linking compiles ~30 distinct wrappers ~260 times
  // The snapshot downloads while Pyodide's own files do. A retry imports Pyodide from a new URL,
  // so a bad copy in the browser's cache is not reused.
  const loader = new URL(runtime.loader);
  if (attempt > 1) loader.searchParams.set("attempt", String(attempt));
  const { loadPyodide, version } = await import(loader.href);
  const tImported = performance.now();
  let tSnapshot = null;
  const snapshot = loadSnapshot(runtime.snapshot, { build: runtime.build, pyodideVersion: version });
  snapshot.then(() => { tSnapshot = performance.now(); }, () => {});

  let started;
  let fallback = "";
  try {
    started = await restored(loadPyodide, runtime, snapshot);
  } catch (error) {
    fallback = String(error?.message || error).split("\n")[0];
    console.warn(`calculator: snapshot refused, normal start: ${fallback}`);
    started = await startedNormally(loadPyodide, runtime);
  }
  const { pyodide, modelVersion } = started;
  // Imported, not run: runPython parses and compiles its source in Python each time, which cost
  // several times as much (5.5 against 0.9 ms for the three in Node). The functions are borrowed
  // from the module's proxy, which is therefore kept as long as they are (the normal start has
  // imported it already).
  bridgeModule = started.bridgeProxy || pyodide.pyimport("calculator.bridge");
  for (const name of Object.keys(bridge)) bridge[name] = bridgeModule[name];
  // For the benchmark: milliseconds from this worker's start to each step.
  const since = (t) => (t === null ? null : Math.round(t - t0));
  const timings = {
    total_ms: performance.now() - t0, start: fallback ? "normal" : "snapshot", fallback,
    pyodide_imported_ms: since(tImported), snapshot_ready_ms: since(tSnapshot),
    small_modules: { ...smallModules },
  };
  return { timings, modelVersion };
}

// Run the next answer set of the newest batch, then leave the rest to a later task.
function runAhead() {
  ahead.scheduled = false;
  if (!bridge.run || ahead.queue.length === 0) return;
  const answers = ahead.queue.shift();
  let json;
  try {
    json = String(bridge.run(answers, ahead.siteURL));
  } catch {
    ahead.queue = []; // what went wrong is the reader's to see, from their own request
    return;
  }
  self.postMessage({ type: "ahead", batch: ahead.batch, answers, json });
  scheduleAhead();
}

// One task at a time is ever waiting to run an answer set.
function scheduleAhead() {
  if (ahead.scheduled || ahead.queue.length === 0) return;
  ahead.scheduled = true;
  nextTask.port2.postMessage(null);
}
nextTask.port1.onmessage = runAhead;

self.onmessage = async (event) => {
  const message = event.data || {};
  if (message.type === "init") {
    if (initReceived) return;
    initReceived = true;
    try {
      const { timings, modelVersion } = await init(message);
      self.postMessage({ type: "ready", timings, modelVersion });
    } catch (error) {
      self.postMessage({ type: "error", stage: "init", message: String(error && error.message ? error.message : error) });
    }
  } else if (message.type === "ahead") {
    ahead.batch = Number(message.batch) || 0;
    ahead.queue = Array.isArray(message.answers) ? message.answers.map(String) : [];
    ahead.siteURL = String(message.siteURL || "");
    scheduleAhead();
  } else if (Object.prototype.hasOwnProperty.call(bridge, message.type)) {
    const call = bridge[message.type];
    if (!call) {
      self.postMessage({ type: "error", stage: message.type, id: message.id, message: "not started" });
      return;
    }
    try {
      const answers = String(message.answers);
      const siteURL = String(message.siteURL || "");
      const json = message.type === "compare" ? call(String(message.model), answers, siteURL)
        : message.type === "record" ? call(answers, siteURL, String(message.details || "{}"))
          : call(answers, siteURL);
      self.postMessage({ type: "result", id: message.id, json: String(json) });
    } catch (error) {
      self.postMessage({ type: "error", stage: message.type, id: message.id, message: String(error && error.message ? error.message : error) });
    }
  }
};
