// The worker's memory snapshot: an interpreter that has already imported the calculator and loaded
// its model, made at build time (sitegen/precompile) and restored by Pyodide instead of starting
// CPython. The file is gzip of a magic line, a JSON header line, then the memory's non-zero pages
// (the header lists them; the rest of the memory is zeros). It is valid only with the exact Pyodide
// version and build (stdlib, archive, model) it was made with; anything else is refused here, and
// the worker starts CPython normally.

const MAGIC = "calculator-snapshot 2\n"; // written by sitegen/browser_assets.py (snapshot_file)
const GZIP = [0x1f, 0x8b];

export class SnapshotRefused extends Error {}

async function inflated(bytes) {
  // Compressed by the build; a host that compressed it again is undone by the browser already.
  if (bytes[0] !== GZIP[0] || bytes[1] !== GZIP[1]) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
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
  if (!response.ok) throw new SnapshotRefused(`HTTP ${response.status}`);
  let bytes;
  try {
    bytes = await inflated(new Uint8Array(await response.arrayBuffer()));
  } catch (error) {
    throw new SnapshotRefused(`damaged: ${error?.message || error}`);
  }
  const magic = new TextEncoder().encode(MAGIC);
  if (bytes.length < magic.length || magic.some((byte, i) => bytes[i] !== byte)) throw new SnapshotRefused("not a calculator snapshot");
  const end = bytes.indexOf(0x0a, magic.length);
  let header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(magic.length, end)));
  } catch {
    throw new SnapshotRefused("unreadable header");
  }
  if (header.pyodide !== pyodideVersion) throw new SnapshotRefused(`made for Pyodide ${header.pyodide}, not ${pyodideVersion}`);
  if (header.build !== build) throw new SnapshotRefused(`made for build ${header.build}, not ${build}`);
  return { header, memory: expanded(header, bytes.subarray(end + 1)) };
}

// The whole memory from its non-zero pages: a new array is zeros already.
function expanded({ memory_bytes: size, page_bytes: page, pages }, body) {
  if (!Number.isInteger(size) || !Number.isInteger(page) || !Array.isArray(pages)) throw new SnapshotRefused("unreadable header");
  const memory = new Uint8Array(size);
  let offset = 0;
  for (const index of pages) {
    const length = Math.min(page, size - index * page);
    if (!(length > 0) || offset + length > body.length) throw new SnapshotRefused("damaged: pages");
    memory.set(body.subarray(offset, offset + length), index * page);
    offset += length;
  }
  if (offset !== body.length) throw new SnapshotRefused("damaged: pages");
  return memory;
}
