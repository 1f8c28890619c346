// When Material's search worker may build its index. Loaded on every page (mkdocs.yml
// extra_javascript); its other half is the worker the build puts in Material's place
// (sitegen/search_later.py), which holds Material's messages until this module says "go".
//
// Building the index takes about a third of a second of CPU, and it began as soon as Material's
// bundle ran: beside the task that ends parsing, and on the calculator page beside Python's start.
// So the index is built once the page's own start is over: after parsing (site-idle.mjs), and on
// a page whose calculator is starting, once its first verdict is painted or its start has failed
// (`searchWaitsFor`; calculator-client.mjs says when), at the latest START_LIMIT_MS after parsing. A reader who heads for search (focus in the search box)
// gets it at once.

import { afterParsing } from "./site-idle.mjs";

const SITE_ROOT = new URL("../../", import.meta.url);
// The worker's side names the same channel (several sites may share one origin).
const CHANNEL = `search-later ${SITE_ROOT.href}`;
const START_LIMIT_MS = 5000;

const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL) : null;
let allowed = false;
let calculatorStarting = false;

function go() {
  if (allowed || !channel) return;
  allowed = true;
  channel.postMessage("go");
}

// A worker that started after "go" was sent asks again.
if (channel) channel.onmessage = (event) => {
  if (event.data === "waiting" && allowed) channel.postMessage("go");
};

// Search waits for `start` (a promise: the calculator's start, begun before parsing ended) to
// settle, ready or failed, and START_LIMIT_MS after parsing at the latest.
export function searchWaitsFor(start) {
  calculatorStarting = true;
  start.then(go, go);
}

afterParsing().then(() => {
  if (!calculatorStarting) go();
  else setTimeout(go, START_LIMIT_MS);
});

document.addEventListener("focusin", (event) => {
  if (event.target?.closest?.('[data-md-component="search"]')) go();
});
