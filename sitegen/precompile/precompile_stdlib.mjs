// Run under Node by sitegen/precompile: load Pyodide, run compile_stdlib.py in it, and save the
// python_stdlib.zip it writes (the stdlib modules the calculator loads, compiled to bytecode).
//
// Environment: PYODIDE_DIR (node_modules/pyodide), PRECOMPILE_PY (path of compile_stdlib.py),
// WARM_IMPORTS (module names, space separated), OUT_ZIP (where to write the archive).
import fs from "node:fs";
import { pathToFileURL } from "node:url";

const env = process.env;
try {
  const { loadPyodide } = await import(pathToFileURL(`${env.PYODIDE_DIR}/pyodide.mjs`).href);
  const pyodide = await loadPyodide({ indexURL: `${env.PYODIDE_DIR}/` });
  pyodide.FS.writeFile("/tmp/stock.zip", fs.readFileSync(`${env.PYODIDE_DIR}/python_stdlib.zip`));
  pyodide.globals.set("warm_imports", env.WARM_IMPORTS);
  pyodide.runPython(fs.readFileSync(env.PRECOMPILE_PY, "utf8"));
  fs.writeFileSync(env.OUT_ZIP, pyodide.FS.readFile("/tmp/out.zip"));
} catch (error) {
  // One short line: the caller prints it (Node would otherwise echo a whole minified source line).
  const lines = String(error && error.message ? error.message : error).trim().split("\n");
  process.stderr.write(`${lines[lines.length - 1].slice(0, 300)}\n`);
  process.exit(1);
}
