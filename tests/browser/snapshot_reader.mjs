// The page's snapshot reader (calculator-snapshot.mjs) under Node, on a published snapshot served
// in pieces of every size, as a network may deliver it. Run by tests/browser/test_calculator_runtime.py:
//   node snapshot_reader.mjs SNAPSHOT_FILE OUT_FILE
// Writes the restored memory of each way of serving it to OUT_FILE.<way>, and prints JSON
// {ways: [...], refused: {case: message}} for the test to compare with Python's own unpacking.
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { loadSnapshot } from "../../docs/assets/javascripts/calculator-snapshot.mjs";

const [file, out] = process.argv.slice(2);
const gzipped = readFileSync(file);
const inflated = gunzipSync(gzipped); // as a host that compressed the file again hands it over, undone
const headerStart = inflated.indexOf(10) + 1; // after the magic line
const header = JSON.parse(inflated.subarray(headerStart, inflated.indexOf(10, headerStart)).toString());

// A deterministic generator, so a failure can be replayed.
let seed = 20261129;
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

// The bytes in pieces of 1 to `largest` bytes, the first hundred of at most 40 (the header cut up).
function served(bytes, largest) {
  let at = 0;
  let pieces = 0;
  const body = new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      const size = 1 + Math.floor(next() * (pieces++ < 100 ? 40 : largest));
      controller.enqueue(new Uint8Array(bytes.subarray(at, at + size)));
      at += size;
    },
  });
  return new Response(body, { status: 200 });
}

const ways = {
  "gzip in 1-byte to 64 KiB pieces": () => served(gzipped, 65536),
  "gzip in pieces of at most 1 KiB": () => served(gzipped, 1024),
  "inflated by the host, in pieces of at most 8 KiB": () => served(inflated, 8192),
  "inflated by the host, whole": () => served(inflated, inflated.length),
};
const expected = { build: header.build, pyodideVersion: header.pyodide };
const result = { ways: [], refused: {} };
for (const [name, response] of Object.entries(ways)) {
  globalThis.fetch = async () => response();
  const { memory, header: read } = await loadSnapshot("snapshot.bin", expected);
  if (read.build !== header.build) throw new Error(`${name}: header ${JSON.stringify(read).slice(0, 80)}`);
  writeFileSync(`${out}.${result.ways.length}`, memory);
  result.ways.push(name);
}
const refusals = {
  "cut short": [() => served(gzipped.subarray(0, gzipped.length >> 1), 4096), expected],
  "another build": [() => served(gzipped, 4096), { ...expected, build: "000000000000" }],
  "not a snapshot": [() => served(Buffer.from("<!doctype html>\n<p>Not found</p>\n"), 16), expected],
  "pages missing": [() => served(inflated.subarray(0, inflated.length - 1), 4096), expected],
};
for (const [name, [response, wanted]] of Object.entries(refusals)) {
  globalThis.fetch = async () => response();
  result.refused[name] = await loadSnapshot("snapshot.bin", wanted).then(
    () => "accepted",
    (error) => `${error.constructor.name}: ${error.message}`,
  );
}
process.stdout.write(JSON.stringify(result));
