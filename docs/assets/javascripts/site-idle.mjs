// Work that can wait until the page is idle: the service worker's registration (site-offline.mjs)
// and the calculator's preparation of its first paint (calculator-bind-plan.mjs).

// Call `then(deadline)` when the browser is idle, and at the latest after `timeout` ms. A browser
// without idle callbacks calls it after `fallbackMs`, with a deadline that sets no limit of its own.
export function whenIdle(then, { timeout, fallbackMs }) {
  if (typeof requestIdleCallback === "function") requestIdleCallback(then, { timeout });
  else setTimeout(() => then({ didTimeout: false, timeRemaining: () => Infinity }), fallbackMs);
}
