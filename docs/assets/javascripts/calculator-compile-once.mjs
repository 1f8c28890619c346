// Each small WebAssembly module compiled once per worker.
//
// While Pyodide's wasm is instantiated, Emscripten's dynamic linker puts about 260 JavaScript
// functions into the wasm function table, and for each one it compiles a tiny wasm module
// (`new WebAssembly.Module(bytes)`) that wraps it. The bytes differ only by the function's
// signature: about 30 distinct modules. In Chromium each of those synchronous compiles is costly,
// and together they took about 170 ms of the worker's start (ready warm 1,625 against 1,399 ms,
// medians of 6 interleaved runs). A compiled module is immutable and holds no state: instances
// are made from it per function (`new WebAssembly.Instance(module, imports)`), so giving back the
// module compiled earlier from the same bytes changes nothing but the object's identity.
//
// Only small modules (at most SMALL_BYTES) are remembered, and at most LIMIT of them; anything
// else is compiled as it would be. `instanceof WebAssembly.Module` and its static functions
// (customSections, imports, exports) are the original's, through the proxy.

const SMALL_BYTES = 1024;
const LIMIT = 4096;

// The bytes of a BufferSource as a string key, or null when it is not a small one.
function keyOf(source) {
  let bytes = null;
  if (ArrayBuffer.isView(source)) bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  else if (source instanceof ArrayBuffer) bytes = new Uint8Array(source);
  if (bytes === null || bytes.byteLength > SMALL_BYTES) return null;
  return bytes.join(",");
}

// Install once per global scope; returns live counts {compiled, reused} of the small modules.
export function compileSmallModulesOnce() {
  const wasm = globalThis.WebAssembly;
  if (wasm.Module.compiledOnce) return wasm.Module.compiledOnce;
  const counts = { compiled: 0, reused: 0 };
  const modules = new Map(); // key -> WebAssembly.Module
  wasm.Module = new Proxy(wasm.Module, {
    construct(target, args, newTarget) {
      const key = keyOf(args[0]);
      if (key === null) return Reflect.construct(target, args, newTarget);
      const known = modules.get(key);
      if (known) {
        counts.reused += 1;
        return known;
      }
      const module = Reflect.construct(target, args, newTarget);
      counts.compiled += 1;
      if (modules.size < LIMIT) modules.set(key, module);
      return module;
    },
    get(target, name, receiver) {
      return name === "compiledOnce" ? counts : Reflect.get(target, name, receiver);
    },
  });
  return counts;
}
