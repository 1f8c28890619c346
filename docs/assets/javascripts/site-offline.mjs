// The page's side of the site's service worker (sw.js at the site root, written by the build from
// sitegen/offline.py). Loaded on every page (mkdocs.yml extra_javascript): registers the worker,
// so every page works offline after the first visit, and asks it to keep the calculator's files
// once the calculator has started, so that no other page ever downloads them.
//
// Registering makes the new worker download every page and small asset (about 1 MB). That must
// not compete with the page's own start: a page registers once it has loaded and the browser is
// idle, and the calculator page only once its calculator's first verdict is painted and the browser
// is idle again (calculator-client.mjs calls keepCalculatorOffline then).

import { whenIdle } from "./site-idle.mjs";

const SITE_ROOT = new URL("../../", import.meta.url);
const supported = "serviceWorker" in navigator && window.isSecureContext;
let registered = false;

function register() {
  if (!supported || registered) return;
  registered = true;
  // "none": the browser always asks the server for sw.js, so a new build is found on the next visit.
  navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), { updateViaCache: "none" }).catch(() => {
    // No worker (storage blocked, a host without sw.js): the site works online as before.
  });
}

// Idle, at the latest 5 s on; about a second on where the browser has no idle callbacks.
const IDLE = { timeout: 5000, fallbackMs: 1000 };

function registerWhenIdle() {
  if (document.querySelector("[data-calculator]")) return; // the calculator registers when it is ready
  whenIdle(register, IDLE);
}

if (supported) {
  if (document.readyState === "complete") registerWhenIdle();
  else window.addEventListener("load", registerWhenIdle, { once: true });
}

// The calculator of this build started: register if needed, then let the worker store what it fetched.
export function keepCalculatorOffline(build) {
  if (!supported || !build) return;
  whenIdle(() => {
    register();
    navigator.serviceWorker.ready.then((registration) => {
      registration.active?.postMessage({ type: "keep-calculator", build });
    });
  }, IDLE);
}
