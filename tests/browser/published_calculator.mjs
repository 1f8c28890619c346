// Run by tests/browser/test_calculator_runtime.py under Node: the calculator in Pyodide on exactly
// the files a build published (its assets/pyodide/ with the trimmed stdlib, its calculator.zip and
// model.json), started normally, without the snapshot. Prints one JSON object: the answers of
// calculator.bridge to the calls in CALLS (a JSON list of [function name, ...string arguments]),
// and the stdlib modules the interpreter imported from somewhere other than the published archive.
//
// Environment: SITE_DIR (the built site), EXTRACT_DIR, PYTHON_ENV (JSON), CALLS.
import fs from "node:fs";
import { pathToFileURL } from "node:url";

const env = process.env;
const assets = `${env.SITE_DIR}/assets`;
const { loadPyodide } = await import(pathToFileURL(`${assets}/pyodide/pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: `${assets}/pyodide/`, env: JSON.parse(env.PYTHON_ENV) });
pyodide.unpackArchive(new Uint8Array(fs.readFileSync(`${assets}/calculator/calculator.zip`)), "zip", { extractDir: env.EXTRACT_DIR });
pyodide.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(env.EXTRACT_DIR)})`);
const bridge = pyodide.pyimport("calculator.bridge");
const load = JSON.parse(bridge.load(fs.readFileSync(`${assets}/calculator/model.json`, "utf8")));
const answers = JSON.parse(env.CALLS).map(([name, ...args]) => bridge[name](...args));
const elsewhere = pyodide.runPython(`
import sys
archive = next(p for p in sys.path if p.endswith(".zip"))
sorted(name for name, module in sys.modules.items()
       if getattr(getattr(module, "__spec__", None), "origin", None)
       and str(module.__spec__.origin).endswith(".py") and not str(module.__spec__.origin).startswith(archive)
       and not str(module.__spec__.origin).startswith(${JSON.stringify(env.EXTRACT_DIR)}))
`).toJs();
process.stdout.write(JSON.stringify({ load, answers, elsewhere }));
