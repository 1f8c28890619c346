// The worker's downloads, watched so that a fault is named at once rather than when the page's
// start-up limit runs out: Pyodide waits forever on a wasm it cannot compile (an error status, a
// wrong Content-Type). Each response is checked before Pyodide sees it, a clone of its body is
// counted for the page's progress bar, and a body that stops sending bytes is a stall.
//
// The original Response is handed on untouched, so WebAssembly.instantiateStreaming still
// compiles while the bytes arrive (and the browser may cache the compiled code).

const WASM_TYPE = "application/wasm"; // the only type instantiateStreaming accepts

const pathOf = (url) => new URL(url, self.location.href).pathname;

// Wrap the worker's fetch. `attempt` > 1 is a retry: ask past every cache, so a bad response
// kept by the browser is never used again. onFault(reason, detail) is called for the first
// fault of each download, except a failed status or network error of an `optional(url)` one
// (its caller copes); onProgress(loaded, total) as bytes arrive (total 0 when unknown).
export function watchDownloads({ stallMs, attempt, optional = () => false, onFault, onProgress }) {
  const original = self.fetch.bind(self);
  const sizes = new Map(); // url -> {loaded, total}
  const report = () => {
    let loaded = 0;
    let total = 0;
    for (const size of sizes.values()) {
      loaded += size.loaded;
      total += size.total;
    }
    onProgress(loaded, total);
  };

  self.fetch = async (input, init) => {
    const url = typeof input === "string" || input instanceof URL ? String(input) : input.url;
    const options = attempt > 1 ? { ...init, cache: "reload" } : init;
    let response;
    try {
      response = await original(input, options);
    } catch (error) {
      if (!optional(url)) onFault("download", `${pathOf(url)}: ${error?.message || error}`);
      throw error;
    }
    if (!response.ok) {
      if (!optional(url)) onFault("download", `HTTP ${response.status} ${pathOf(url)}`);
      return response;
    }
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim().toLowerCase();
    if (pathOf(url).endsWith(".wasm") && type !== WASM_TYPE) {
      onFault("wasm-type", `${pathOf(url)}: Content-Type ${type || "-"}`);
      return response;
    }
    if (response.body) {
      // A compressed body counts more bytes than Content-Length says: its size is then unknown.
      const length = response.headers.get("Content-Encoding") ? 0 : Number(response.headers.get("Content-Length"));
      const size = { loaded: 0, total: Number.isFinite(length) ? length : 0 };
      sizes.set(url, size);
      countBody(response.clone().body.getReader(), size, stallMs, report, (detail) => onFault("stall", `${pathOf(url)}: ${detail}`));
    }
    return response;
  };
}

async function countBody(reader, size, stallMs, report, onStall) {
  for (;;) {
    let timer;
    const stalled = new Promise((resolve) => {
      timer = setTimeout(resolve, stallMs, null);
    });
    let chunk;
    try {
      chunk = await Promise.race([reader.read(), stalled]);
    } catch {
      return; // the download failed: Pyodide sees the same error on its side of the body
    } finally {
      clearTimeout(timer);
    }
    if (chunk === null) {
      onStall(`${size.loaded} / ${size.total || "?"} bytes`);
      reader.cancel().catch(() => {});
      return;
    }
    if (chunk.done) return;
    size.loaded += chunk.value.byteLength;
    report();
  }
}
