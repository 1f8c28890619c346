// Run under Node by sitegen/precompile: makes the calculator's browser runtime with Pyodide itself,
// the only CPython that writes bytecode and memory its browser twin accepts.
//
//   1. Boot Pyodide on its stock stdlib, import and exercise the calculator (exercise.py), then
//      write the trimmed, precompiled stdlib and the precompiled calculator archive (trim.py).
//   2. Boot again on exactly those two files, import the calculator, load the model, run it once,
//      and take a memory snapshot (Pyodide's private `_makeSnapshot`).
//   3. Restore the snapshot and check that it answers as step 2 did.
//
// Environment: PYODIDE_DIR (node_modules/pyodide/), PROGRAM_DIR (this folder), ARCHIVE (calculator
// sources as a zip), MODEL (the model JSON), MARGIN (extra stdlib modules, space separated),
// EXTRACT_DIR (where the browser worker unpacks the archive), PYTHON_ENV (Pyodide's environment,
// as JSON: the same the browser worker passes), OUT_DIR (writes python_stdlib.zip,
// calculator.zip, snapshot.bin and snapshot.json).
import fs from "node:fs";
import nodeCrypto from "node:crypto";
import { pathToFileURL } from "node:url";

const env = process.env;
const read = (name) => fs.readFileSync(`${env.PROGRAM_DIR}/${name}`, "utf8");

// The same inputs must give the same snapshot bytes (builds are reproducible), so the clock and
// the entropy Python reads while booting are fixed here. The browser reads real ones after restore.
function deterministicHost() {
  let seed = 0x2545f491;
  const fill = (view) => {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    for (let i = 0; i < bytes.length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    return view;
  };
  crypto.getRandomValues = fill;
  nodeCrypto.randomFillSync = fill;
  Date.now = () => 1_700_000_000_000;
  let now = 0;
  performance.now = () => (now += 0.001);
}

const PYTHON_ENV = JSON.parse(env.PYTHON_ENV);

async function boot(loadPyodide, options, extraEnv = {}) {
  return loadPyodide({ indexURL: env.PYODIDE_DIR, env: { ...PYTHON_ENV, ...extraEnv }, ...options });
}

function runFile(pyodide, name, globals) {
  for (const [key, value] of Object.entries(globals)) pyodide.globals.set(key, value);
  return pyodide.runPython(read(name));
}

try {
  deterministicHost();
  const { loadPyodide, version } = await import(pathToFileURL(`${env.PYODIDE_DIR}pyodide.mjs`).href);
  const lock = JSON.parse(fs.readFileSync(`${env.PYODIDE_DIR}pyodide-lock.json`, "utf8"));
  const lockFileContents = { info: lock.info, packages: {} }; // no packages: nothing to look up
  const model = fs.readFileSync(env.MODEL, "utf8");

  // 1. What the calculator imports, recorded by running it; then the trimmed stdlib and archive.
  // Bytecode without column positions (CPython's PYTHONNODEBUGRANGES): a third smaller, and
  // tracebacks still name every line.
  const first = await boot(loadPyodide, { lockFileContents }, { PYTHONNODEBUGRANGES: "1" });
  first.unpackArchive(new Uint8Array(fs.readFileSync(env.ARCHIVE)), "zip", { extractDir: env.EXTRACT_DIR });
  runFile(first, "import_all.py", { extract_dir: env.EXTRACT_DIR });
  runFile(first, "exercise.py", { model_json: model, margin: env.MARGIN });
  first.FS.writeFile("/tmp/stock.zip", fs.readFileSync(`${env.PYODIDE_DIR}python_stdlib.zip`));
  first.FS.writeFile("/tmp/calculator-src.zip", new Uint8Array(fs.readFileSync(env.ARCHIVE)));
  runFile(first, "trim.py", { extract_dir: env.EXTRACT_DIR });
  const stdlib = first.FS.readFile("/tmp/python_stdlib.zip");
  const archive = first.FS.readFile("/tmp/calculator.zip");
  fs.writeFileSync(`${env.OUT_DIR}/python_stdlib.zip`, stdlib);
  fs.writeFileSync(`${env.OUT_DIR}/calculator.zip`, archive);

  // 2. The snapshot, on exactly the files the browser will have.
  const stdLibURL = `${env.OUT_DIR}/python_stdlib.zip`;
  const second = await boot(loadPyodide, { lockFileContents, stdLibURL, _makeSnapshot: true });
  second.unpackArchive(archive, "zip", { extractDir: env.EXTRACT_DIR });
  runFile(second, "import_all.py", { extract_dir: env.EXTRACT_DIR });
  const loaded = JSON.parse(runFile(second, "warm.py", { model_json: model }));
  const expected = second.runPython("from calculator.bridge import run\nrun('{}', '')");
  const snapshot = second.makeMemorySnapshot();
  fs.writeFileSync(`${env.OUT_DIR}/snapshot.bin`, snapshot);

  // 3. The snapshot must answer exactly as the interpreter it was taken from.
  const third = await boot(loadPyodide, { lockFileContents, stdLibURL, _loadSnapshot: snapshot });
  const answer = third.runPython("from calculator.bridge import run\nrun('{}', '')");
  if (answer !== expected) throw new Error("the restored snapshot answers differently from the interpreter it was taken from");
  fs.writeFileSync(`${env.OUT_DIR}/snapshot.json`, JSON.stringify({ pyodide: version, model_version: loaded.model_version, lock: lockFileContents }));
} catch (error) {
  // One short line: the caller prints it (Node would otherwise echo a whole minified source line).
  const lines = String(error && error.message ? error.message : error).trim().split("\n");
  process.stderr.write(`${lines[lines.length - 1].slice(0, 300)}\n`);
  process.exit(1);
}
