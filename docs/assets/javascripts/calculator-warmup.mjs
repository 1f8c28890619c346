// Warm the calculator before the reader gets there. Loaded on every page (mkdocs.yml
// extra_javascript). Nothing is fetched when a page loads: only when a reader shows intent (points
// at, focuses or touches a link to the calculator page) are the files its worker fetches at
// start-up fetched, once per document and at low priority, so that the worker finds them in the
// browser's cache when the calculator starts.
//
// Which page and which files is data, not code: the build writes them into every page as the JSON
// block script[data-warmup] (sitegen/warmup.py, from browser_assets.startup_urls), paths relative
// to the site root. Nothing is warmed on that page itself (it starts the worker anyway), nor when
// the reader asked to save data.
//
// fetch(), not <link rel="prefetch">: the policy's connect-src 'self' allows it in every browser.
// Chromium checks a prefetch against no directive at all, but CSP 3 puts it under default-src,
// which is 'none' here, so a browser that follows it would refuse the prefetch. The bodies are read
// to their end and dropped: a download cut short is not kept whole in the cache.

const SITE_ROOT = new URL("../../", import.meta.url);
let plan; // {page: URL, files: URL[]} | null once read
let warmed = false;

function readPlan() {
  if (plan !== undefined) return plan;
  plan = null;
  try {
    const data = JSON.parse(document.querySelector("script[data-warmup]")?.textContent || "null");
    if (typeof data?.page === "string" && Array.isArray(data.files)) {
      plan = { page: new URL(data.page, SITE_ROOT), files: data.files.map((file) => new URL(file, SITE_ROOT)) };
    }
  } catch {
    // No plan, no warm-up: the calculator still loads its files itself.
  }
  return plan;
}

const samePage = (a, b) => a.origin === b.origin && a.pathname === b.pathname;

async function warm(url) {
  try {
    const response = await fetch(url, { priority: "low" });
    await response.body?.pipeTo(new WritableStream());
  } catch {
    // A hint only: the worker fetches (and reports) for itself.
  }
}

function onIntent(event) {
  if (warmed) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!link || !readPlan() || !samePage(new URL(link.href, location.href), plan.page)) return;
  warmed = true;
  // On the page itself its worker has started; with Save-Data on, the reader pays for every byte.
  if (samePage(location, plan.page) || navigator.connection?.saveData) return;
  for (const url of plan.files) warm(url);
}

// Once per document: Material's instant navigation keeps this module and these listeners.
if (!("__calculatorWarmup" in window)) {
  Object.defineProperty(window, "__calculatorWarmup", { value: true });
  for (const type of ["pointerover", "focusin", "touchstart"]) {
    document.addEventListener(type, onIntent, { passive: true, capture: true });
  }
  // The page itself once shown in this document: its worker has fetched the files.
  const onPage = () => {
    if (readPlan() && samePage(location, plan.page)) warmed = true;
  };
  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(onPage);
  else onPage();
}
