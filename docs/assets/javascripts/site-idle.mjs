// Work that can wait: the service worker's registration (site-offline.mjs), the calculator's
// preparation of its first paint (calculator-bind-plan.mjs), the calculator's worker and Material's
// search index (site-search-later.mjs), the calculator's look-ahead (calculator-look-ahead.mjs).
//
// Why wait for the end of parsing: the task that ends it (Material's DOMContentLoaded handlers and
// the page's first layout of the whole document) took two to three times as long, in wall time,
// while a worker of the page (the calculator's start, Material's search index) was busy beside it,
// though its own CPU time was the same (ARCHITECTURE.md, "Kept: no worker busy beside the task
// that ends parsing").

// Call `then(deadline)` when the browser is idle, and at the latest after `timeout` ms. A browser
// without idle callbacks calls it after `fallbackMs`, with a deadline that sets no limit of its own.
export function whenIdle(then, { timeout, fallbackMs }) {
  if (typeof requestIdleCallback === "function") requestIdleCallback(then, { timeout });
  else setTimeout(() => then({ didTimeout: false, timeRemaining: () => Infinity }), fallbackMs);
}

// Call `then` in a task of its own just after the next frame: the frame is drawn first, and `then`
// is not in its way. Returns a function that cancels the call if it has not been made yet.
export function afterNextFrame(then) {
  let timer = null;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(then, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

// A hidden tab draws no frames, so the frame is not waited for longer than this.
const FRAME_LIMIT_MS = 100;

// Call `then` once: just after the next frame (afterNextFrame), or after FRAME_LIMIT_MS where no
// frame comes.
export function afterNextFrameAtLatest(then) {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    then();
  };
  const limit = setTimeout(once, FRAME_LIMIT_MS);
  afterNextFrame(() => {
    clearTimeout(limit);
    once();
  });
}

function parsingDone() {
  const navigation = performance.getEntriesByType?.("navigation")?.[0];
  return document.readyState === "complete" || navigation?.domContentLoadedEventEnd > 0;
}

// Resolves once the document is parsed and DOMContentLoaded handled, then one frame and one task
// later: outside the task that ends parsing and the frame that first shows the whole page.
const parsed = new Promise((resolve) => {
  let started = false;
  const next = () => {
    if (started) return;
    started = true;
    afterNextFrameAtLatest(resolve);
  };
  if (parsingDone()) next();
  else {
    document.addEventListener("DOMContentLoaded", next, { once: true });
    window.addEventListener("load", next, { once: true }); // in case DOMContentLoaded went unseen
  }
});

export const afterParsing = () => parsed;
