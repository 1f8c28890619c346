// The page's side of the site's service worker (sw.js at the site root, written by the build from
// sitegen/offline.py). Loaded on every page (mkdocs.yml extra_javascript): registers the worker,
// so every page works offline after the first visit, and asks it to keep the calculator's files
// once the calculator has started, so that no other page ever downloads them.

const SITE_ROOT = new URL("../../", import.meta.url);
const supported = "serviceWorker" in navigator && window.isSecureContext;

if (supported) {
  // "none": the browser always asks the server for sw.js, so a new build is found on the next visit.
  navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), { updateViaCache: "none" }).catch(() => {
    // No worker (storage blocked, a host without sw.js): the site works online as before.
  });
}

// The calculator of this build started: let the worker store what it fetched.
export function keepCalculatorOffline(build) {
  if (!supported || !build) return;
  navigator.serviceWorker.ready.then((registration) => {
    registration.active?.postMessage({ type: "keep-calculator", build });
  });
}
