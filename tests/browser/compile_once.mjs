// The worker's compile-once of small wasm modules (calculator-compile-once.mjs) under Node. Run by
// tests/browser/test_calculator_runtime.py:
//   node compile_once.mjs SITE_DIR
// Environment: BUILD (the build id the snapshot names), PYTHON_ENV (JSON), CALLS (a JSON list of
// [bridge function name, ...string arguments]).
// Prints one JSON object: what the proxy does with small, large and repeated modules, then the
// answers of calculator.bridge to CALLS from the build's published snapshot restored, as the worker
// restores it, with the compile-once installed, and its counts.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { compileSmallModulesOnce } from "../../docs/assets/javascripts/calculator-compile-once.mjs";
import { loadSnapshot } from "../../docs/assets/javascripts/calculator-snapshot.mjs";

const [site] = process.argv.slice(2);
const pyodideDir = `${site}/assets/pyodide/`;
const counts = compileSmallModulesOnce();
const checks = { again: compileSmallModulesOnce() === counts };

// What Emscripten compiles for a JavaScript function of type () -> i32: import e.f, export it as f.
const wrapper = () => Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 2, 7, 1, 1, 101, 1, 102, 0, 0, 7, 5, 1, 1, 102, 0, 0);
const first = new WebAssembly.Module(wrapper());
const second = new WebAssembly.Module(wrapper().buffer);
checks.same = first === second;
checks.instanceOf = first instanceof WebAssembly.Module;
checks.instances = [1, 2].map((n) => new WebAssembly.Instance(second, { e: { f: () => n } }).exports.f());
// A module past the size limit (a 2,000-byte custom section "pad"): compiled each time.
const pad = new Uint8Array(2000);
const large = () => Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0, 0, 0xd4, 0x0f, 3, 112, 97, 100, ...pad);
const big = new WebAssembly.Module(large());
checks.largeApart = big !== new WebAssembly.Module(large());
checks.customSections = WebAssembly.Module.customSections(big, "pad").map((section) => section.byteLength);
checks.countsBefore = { ...counts };

// The published snapshot, restored as the worker restores it.
const file = `${site}/assets/calculator/snapshot.bin`;
const { loadPyodide, version } = await import(pathToFileURL(`${pyodideDir}pyodide.mjs`).href);
const bytes = readFileSync(file);
globalThis.fetch = async () => new Response(bytes, { status: 200 });
const snapshot = await loadSnapshot(file, { build: process.env.BUILD, pyodideVersion: version });
const pyodide = await loadPyodide({
  indexURL: pyodideDir, stdLibURL: `${pyodideDir}python_stdlib.zip`, env: JSON.parse(process.env.PYTHON_ENV),
  packages: [], lockFileContents: snapshot.header.lock, _loadSnapshot: snapshot.memory,
});
const bridge = pyodide.pyimport("calculator.bridge");
const answers = JSON.parse(process.env.CALLS).map(([name, ...args]) => bridge[name](...args));
process.stdout.write(JSON.stringify({ checks, counts, answers }));
