// The page's side of the Python worker (calculator-worker.mjs): one worker per document, started
// on first use and kept across Material's instant navigation (this module is evaluated once per
// document). It moves JSON strings only and decides nothing. Its messages are listed in the worker's header.
//
// Looking ahead: once the reader is using the calculator, the worker runs the answer sets one pick
// away from theirs (lookAhead) while the reader reads, and a pick among them is answered from its
// reply (calculator-replies-ahead.mjs) in the same task as the change (ARCHITECTURE.md).
//
// The worker is created once parsing is over (site-idle.mjs), and Material's search index waits
// for its start to end (site-search-later.mjs): both made the page's longest task longer. The start
// ends with the frame that shows Python's first verdict: until then the index, and the offline
// worker storing Python's files (site-offline.mjs), would take the machine's cores from the page's
// handling of that first reply (ARCHITECTURE.md, "Kept: the start ends with the first verdict").

import { RepliesAhead } from "./calculator-replies-ahead.mjs";
import { startSettings } from "./calculator-settings.mjs";
import { afterNextFrameAtLatest, afterParsing } from "./site-idle.mjs";
import { keepCalculatorOffline } from "./site-offline.mjs";
import { searchWaitsFor } from "./site-search-later.mjs";

const ASSETS_URL = new URL("../", import.meta.url); // .../assets/

const engine = {
  worker: null,
  status: "idle", // idle | starting | ready | failed
  starts: 0,
  waiters: [],
  pending: new Map(),
  nextId: 1,
  error: null,
  timings: null,
  startedAt: null, // the page's clock when the worker was created
  timer: null, // the start-up limit
  modelVersion: "", // today's model version, as Python's load() named it
  build: "",
  onProgress: null, // the newest mount's listener: (loaded, total) => void
  ahead: new RepliesAhead(), // replies run before they were asked for (lookAhead)
  startEnded: null, // called once the start under way is over, ready or failed
  firstReplyDue: false, // ready, and Python's first reply not yet handed to the page
};

// A failure carries a reason key (its sentence is in the page: [data-calc-error-reason]) and a
// technical detail (an HTTP status, a Python exception), shown as code.
export class CalculatorFailure extends Error {
  constructor(reason, detail) {
    super(String(detail || reason));
    this.reason = reason;
    this.detail = detail ? String(detail) : "";
  }
}

// Read-only view for the page, tests and benchmarks.
export const engineInfo = Object.freeze({
  get starts() { return engine.starts; },
  get status() { return engine.status; },
  get timings() { return engine.timings; },
  get startedAt() { return engine.startedAt; },
  get modelVersion() { return engine.modelVersion; },
  get aheadHits() { return engine.ahead.hits; }, // requests answered from replies run ahead
  get aheadRuns() { return engine.ahead.runs; }, // answer sets run ahead
  get aheadBatch() { return engine.ahead.batch; }, // batches asked for
  get aheadWaiting() { return engine.ahead.waiting; }, // answer sets of the newest batch not back yet
});

export const isReady = () => engine.status === "ready";

// The start is over (see the header): search may build its index, and after a successful start the
// offline worker may keep Python's files.
function endStart() {
  const ended = engine.startEnded;
  engine.startEnded = null;
  ended?.();
  if (engine.status === "ready") keepCalculatorOffline(engine.build);
}

function settle(ok, value) {
  clearTimeout(engine.timer);
  engine.firstReplyDue = ok;
  if (!ok) endStart();
  const waiters = engine.waiters;
  engine.waiters = [];
  for (const w of waiters) (ok ? w.resolve : w.reject)(value);
}

function failEngine(reason, detail) {
  if (engine.status === "failed") return;
  engine.status = "failed";
  engine.error = new CalculatorFailure(reason, detail);
  engine.worker?.terminate();
  engine.worker = null;
  for (const entry of engine.pending.values()) entry.reject(engine.error);
  engine.pending.clear();
  settle(false, engine.error);
}

function onMessage(event) {
  const msg = event.data || {};
  if (msg.type === "progress") {
    if (engine.status === "starting") engine.onProgress?.(Number(msg.loaded) || 0, Number(msg.total) || 0);
  } else if (msg.type === "ready") {
    engine.status = "ready";
    engine.timings = msg.timings || null;
    engine.modelVersion = typeof msg.modelVersion === "string" ? msg.modelVersion : "";
    settle(true);
  } else if (msg.id !== undefined && (msg.type === "result" || msg.type === "error")) {
    const entry = engine.pending.get(msg.id);
    engine.pending.delete(msg.id);
    if (!entry) return;
    if (msg.type === "result") entry.resolve(msg.json);
    else entry.reject(new CalculatorFailure("run", msg.message));
    // The page paints this reply before the task ends (its handlers are microtasks of this one).
    if (engine.firstReplyDue) {
      engine.firstReplyDue = false;
      afterNextFrameAtLatest(endStart);
    }
  } else if (msg.type === "ahead") {
    engine.ahead.receive(msg.batch, String(msg.answers), String(msg.json));
  } else if (msg.type === "error") {
    // A reason the worker could name (wrong wasm type, download, stall) has its own sentence.
    failEngine(typeof msg.reason === "string" ? msg.reason : "start", msg.message);
  }
}

// Resolve when Python is ready, starting on first use (or joining the start under way); reject on
// error or timeout. `timeout`, `stall`, `runtime`: the root's data-timeout-ms, data-stall-ms and
// data-runtime as written (invalid: nothing starts); `onProgress(loaded, total)` hears the bytes.
// After a failure, the next call starts again with a new worker (a later mount, or Retry).
export function ensureEngine({ timeout, stall, runtime, onProgress }) {
  if (engine.status === "ready") return Promise.resolve();
  // The start-up settings (calculator-settings.mjs); the first unusable one is named and nothing starts.
  const settings = startSettings({ timeout, stall, runtime });
  if (settings.problem) return Promise.reject(new CalculatorFailure("start", settings.problem));
  engine.onProgress = onProgress || null;
  if (engine.status === "failed") {
    engine.status = "idle";
    engine.error = null;
  }
  const promise = new Promise((resolve, reject) => engine.waiters.push({ resolve, reject }));
  if (engine.status === "idle") start(settings.timeoutMs, settings.stallMs, settings.settings);
  return promise;
}

function start(timeoutMs, stallMs, runtime) {
  engine.status = "starting";
  engine.starts += 1;
  engine.build = runtime.build;
  engine.ahead.clear(); // a new worker starts with nothing run ahead
  const version = runtime.build ? `?v=${encodeURIComponent(runtime.build)}` : "";
  // Every start after the first is a retry: the worker script gets a new URL, so a bad response
  // the browser kept for the old one (a wrong type, an error page) is not reused.
  const attempt = engine.starts > 1 ? `${version ? "&" : "?"}attempt=${engine.starts}` : "";
  // loadPyodide can hang forever (wrong wasm MIME type, CSP): never wait without a limit.
  engine.timer = setTimeout(() => {
    if (engine.status === "starting") failEngine("timeout", `data-timeout-ms=${timeoutMs}`);
  }, timeoutMs);
  searchWaitsFor(new Promise((resolve) => { engine.startEnded = resolve; }));
  const starts = engine.starts;
  afterParsing().then(() => {
    if (engine.starts === starts && engine.status === "starting") launch(`${version}${attempt}`, runtime, stallMs);
  });
}

// The worker itself, once parsing is over (`start` waits for that): `query` is its URL's query.
function launch(query, runtime, stallMs) {
  engine.startedAt = performance.now();
  try {
    engine.worker = new Worker(new URL(`javascripts/calculator-worker.mjs${query}`, ASSETS_URL), { type: "module" });
  } catch (err) {
    failEngine("start", err?.message);
    return;
  }
  engine.worker.onmessage = onMessage;
  engine.worker.onerror = (event) => {
    event?.preventDefault?.();
    failEngine(engine.status === "starting" ? "start" : "crash", event?.message);
  };
  engine.worker.onmessageerror = () => failEngine("crash", "messageerror");
  engine.worker.postMessage({ type: "init", runtime, stallMs, attempt: engine.starts });
}

// One request to Python (`fields`: its JSON strings and siteURL); resolves with its reply's JSON text.
function request(type, fields) {
  if (engine.status !== "ready" || !engine.worker) {
    return Promise.reject(engine.error || new CalculatorFailure("crash", engine.status));
  }
  const id = engine.nextId++;
  return new Promise((resolve, reject) => {
    engine.pending.set(id, { resolve, reject });
    engine.worker.postMessage({ type, id, ...fields });
  });
}

// A reply's JSON text, parsed; a reply that is not `ok` is a failure.
function parsed(json) {
  const reply = JSON.parse(json);
  if (!reply || reply.ok !== true) throw new CalculatorFailure("run", reply?.error);
  return reply;
}

const call = (type, fields) => request(type, fields).then(parsed);

// {answers, dropped, query, permalink_query, model_version, result}: the verdict for these raw answers.
export function run(answers, siteURL) {
  const text = JSON.stringify(answers);
  if (engine.status !== "ready") return request("run", { answers: text, siteURL }); // rejects, naming why
  // The reader has moved on: what the worker has left to run ahead was one pick from the old answers.
  if (engine.ahead.stop()) askAhead(engine.ahead.batch, [], siteURL);
  const known = engine.ahead.take(text, siteURL);
  if (known !== undefined) return Promise.resolve(known).then(parsed);
  return request("run", { answers: text, siteURL }).then((json) => {
    engine.ahead.remember(text, siteURL, json);
    return parsed(json);
  });
}

// The same, with `result` the comparison of an earlier model version (`model`: its archived JSON
// text, as fetched) and today's: {then_version, now_version, then_note, then, now, summary, differences, ...}.
export const compare = (model, answers, siteURL) => call("compare", { model: String(model), answers: JSON.stringify(answers), siteURL });

// {markdown, filename}: the decision record for these answers, made only when asked for;
// `details` {date, feature?, owner?, model_version?} are the reader's.
export const record = (answers, siteURL, details) => call("record", {
  answers: JSON.stringify(answers), siteURL, details: JSON.stringify(details || {}),
});

// Have the worker run these answer sets (raw answers, as `run` takes them) while nothing else is
// asked of it, replacing the batch before.
export function lookAhead(answerSets, siteURL) {
  if (engine.status !== "ready" || !engine.worker) return;
  const { batch, missing } = engine.ahead.plan(answerSets.map((set) => JSON.stringify(set)), siteURL);
  askAhead(batch, missing, siteURL);
}

// The worker's look-ahead queue becomes these answer sets (JSON) of this batch; none stops it.
function askAhead(batch, answers, siteURL) {
  engine.worker.postMessage({ type: "ahead", batch, answers, siteURL });
}
