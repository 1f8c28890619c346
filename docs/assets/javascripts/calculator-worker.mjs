// Module Web Worker that hosts Pyodide and the calculator package; it moves JSON strings only.
//
// Protocol (all messages are plain objects):
//   page -> worker  {type: "init", pyodideURL, archiveURL, modelURL, stallMs, attempt}
//   worker -> page  {type: "progress", loaded, total} (bytes downloaded; total 0 when unknown)
//   worker -> page  {type: "ready", timings, modelVersion} | {type: "error", stage: "init", reason?, message}
//   page -> worker  {type: "run", id, answers: <JSON string>, siteURL}
//                   {type: "compare", id, model: <an earlier model version's JSON text>, answers, siteURL}
//                   {type: "record", id, answers, siteURL, details: <JSON string>}
//   worker -> page  {type: "result", id, json: <JSON string>} | {type: "error", stage: <the type>, id, message}
// Python's `calculator.bridge` does every decision (`run` scores, `compare` scores with an earlier
// model version and today's, `record` writes the decision record); this file only loads and forwards.

import { watchDownloads } from "./calculator-downloads.mjs";

const bridge = { run: null, compare: null, record: null }; // PyProxies of calculator.bridge functions, kept for the worker's lifetime
let started = false;

const EXTRACT_DIR = "/home/pyodide/calculator-web";

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${new URL(url).pathname}`);
  return response;
}

async function init({ pyodideURL, archiveURL, modelURL, stallMs, attempt }) {
  const t0 = performance.now();
  // A named fault (wrong wasm type, error status, stall) goes to the page at once: Pyodide itself
  // may never settle after one.
  watchDownloads({
    stallMs,
    attempt,
    onFault: (reason, message) => self.postMessage({ type: "error", stage: "init", reason, message }),
    onProgress: (loaded, total) => self.postMessage({ type: "progress", loaded, total }),
  });
  // Start the two small downloads while Pyodide boots.
  const archive = fetchOk(archiveURL).then((r) => r.arrayBuffer());
  const model = fetchOk(modelURL).then((r) => r.text());
  archive.catch(() => {});
  model.catch(() => {});

  // A retry imports Pyodide from a new URL, so a bad copy in the browser's cache is not reused.
  const { loadPyodide } = await import(new URL(attempt > 1 ? `pyodide.mjs?attempt=${attempt}` : "pyodide.mjs", pyodideURL).href);
  const pyodide = await loadPyodide({ indexURL: pyodideURL, packages: [] });
  const tPython = performance.now();

  pyodide.unpackArchive(await archive, "zip", { extractDir: EXTRACT_DIR });
  pyodide.runPython(`import sys\nif ${JSON.stringify(EXTRACT_DIR)} not in sys.path: sys.path.insert(0, ${JSON.stringify(EXTRACT_DIR)})`);
  // Function proxies, owned here; strings cross the boundary, so no other proxy exists.
  const load = pyodide.runPython("from calculator.bridge import load\nload");
  const loaded = JSON.parse(load(await model));
  load.destroy();
  if (!loaded || loaded.ok !== true) {
    throw new Error((loaded && loaded.error) || "bridge.load");
  }
  for (const name of Object.keys(bridge)) bridge[name] = pyodide.runPython(`from calculator.bridge import ${name}\n${name}`);
  const tReady = performance.now();
  const timings = { python_ms: tPython - t0, calculator_ms: tReady - tPython, total_ms: tReady - t0 };
  return { timings, modelVersion: String(loaded.model_version || "") };
}

self.onmessage = async (event) => {
  const message = event.data || {};
  if (message.type === "init") {
    if (started) return;
    started = true;
    try {
      const { timings, modelVersion } = await init(message);
      self.postMessage({ type: "ready", timings, modelVersion });
    } catch (error) {
      self.postMessage({ type: "error", stage: "init", message: String(error && error.message ? error.message : error) });
    }
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
