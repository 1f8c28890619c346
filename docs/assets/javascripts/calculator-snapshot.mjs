// The worker's memory snapshot: an interpreter that has already imported the calculator and loaded
// its model, made at build time (sitegen/precompile) and restored by Pyodide instead of starting
// CPython. The file is gzip of a magic line, a JSON header line, then the memory's non-zero pages
// (the header lists them; the rest of the memory is zeros). It is valid only with the exact Pyodide
// version and build (stdlib, archive, model) it was made with; anything else is refused here, and
// the worker starts CPython normally.
//
// It is read as it downloads: each piece is inflated and copied to its place in the memory as it
// arrives, so unpacking overlaps the download and Pyodide's own start instead of following them,
// and a snapshot of another build is refused as soon as its header has arrived.

const MAGIC = new TextEncoder().encode("calculator-snapshot 2\n"); // written by sitegen/browser_assets.py (snapshot_file)
const GZIP = [0x1f, 0x8b];
const HEADER_LIMIT = 1 << 20; // a header line is a few KB; past this the file is not a snapshot

export class SnapshotRefused extends Error {}

// The response's bytes as they arrive: inflated, as the build compressed them, unless a host that
// compressed the file again has had it undone by the browser (then the stream is the inflated file).
async function* bytesOf(response) {
  const reader = response.body.getReader();
  let first = new Uint8Array(0);
  while (first.length < GZIP.length) {
    const { done, value } = await reader.read();
    if (done) break;
    first = joined(first, value);
  }
  const whole = new ReadableStream({
    start(controller) {
      if (first.length) controller.enqueue(first);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const gzipped = first[0] === GZIP[0] && first[1] === GZIP[1];
  const chunks = (gzipped ? whole.pipeThrough(new DecompressionStream("gzip")) : whole).getReader();
  try {
    for (;;) {
      const { done, value } = await chunks.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stops the download too when the reader stopped early (a snapshot refused by its header).
    await chunks.cancel().catch(() => {});
  }
}

function joined(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

// Fetch, unpack and check the snapshot. Resolves {header, memory}; rejects with SnapshotRefused
// (saying why) when it is missing, damaged, or made for another Pyodide or another build.
export async function loadSnapshot(url, { build, pyodideVersion }) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new SnapshotRefused(`download failed: ${error?.message || error}`);
  }
  if (!response.ok || !response.body) throw new SnapshotRefused(`HTTP ${response.status}`);
  const chunks = bytesOf(response);
  let head = new Uint8Array(0);
  let pages = null;
  try {
    for await (const chunk of chunks) {
      if (pages) {
        pages.add(chunk);
        continue;
      }
      head = joined(head, chunk);
      const end = head.indexOf(0x0a, MAGIC.length);
      if (head.length >= MAGIC.length && MAGIC.some((byte, i) => head[i] !== byte)) throw new SnapshotRefused("not a calculator snapshot");
      if (end < 0) {
        if (head.length > HEADER_LIMIT) throw new SnapshotRefused("unreadable header");
        continue;
      }
      const header = headerOf(head.subarray(MAGIC.length, end));
      if (header.pyodide !== pyodideVersion) throw new SnapshotRefused(`made for Pyodide ${header.pyodide}, not ${pyodideVersion}`);
      if (header.build !== build) throw new SnapshotRefused(`made for build ${header.build}, not ${build}`);
      pages = new Pages(header);
      pages.add(head.subarray(end + 1));
    }
  } catch (error) {
    if (error instanceof SnapshotRefused) throw error;
    throw new SnapshotRefused(`damaged: ${error?.message || error}`);
  }
  if (!pages) throw new SnapshotRefused(head.length < MAGIC.length ? "not a calculator snapshot" : "unreadable header");
  return { header: pages.header, memory: pages.finished() };
}

function headerOf(line) {
  let header;
  try {
    header = JSON.parse(new TextDecoder().decode(line));
  } catch {
    throw new SnapshotRefused("unreadable header");
  }
  if (!header || typeof header !== "object") throw new SnapshotRefused("unreadable header");
  return header;
}

// The whole memory from its non-zero pages, filled in as the bytes arrive: a new array is zeros already.
class Pages {
  constructor(header) {
    const { memory_bytes: size, page_bytes: page, pages } = header;
    if (!Number.isInteger(size) || !Number.isInteger(page) || page <= 0 || !Array.isArray(pages)) throw new SnapshotRefused("unreadable header");
    this.header = header;
    this.memory = new Uint8Array(size);
    this.spans = pages.map((index) => {
      const length = Math.min(page, size - index * page);
      if (!Number.isInteger(index) || !(length > 0)) throw new SnapshotRefused("damaged: pages");
      return [index * page, length];
    });
    this.span = 0; // the page being filled
    this.filled = 0; // its bytes so far
  }

  add(bytes) {
    let at = 0;
    while (at < bytes.length) {
      if (this.span >= this.spans.length) throw new SnapshotRefused("damaged: pages");
      const [start, length] = this.spans[this.span];
      const take = Math.min(length - this.filled, bytes.length - at);
      this.memory.set(bytes.subarray(at, at + take), start + this.filled);
      at += take;
      this.filled += take;
      if (this.filled === length) {
        this.span += 1;
        this.filled = 0;
      }
    }
  }

  finished() {
    if (this.span !== this.spans.length || this.filled !== 0) throw new SnapshotRefused("damaged: pages");
    return this.memory;
  }
}
