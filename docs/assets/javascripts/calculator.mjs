// Entry of the calculator glue (mkdocs.yml extra_javascript, type: module), loaded on every page.
//
// A module is evaluated once per document, and Material's instant navigation swaps page content
// without reloading this script, so the one Python worker (calculator-client.mjs) outlives
// navigation between pages. Each time Material announces a new page (document$) the widgets on
// it are mounted, once each; pages without [data-calculator] start nothing.
//
// No scoring, weights, wording or number formatting live in this glue: Python decides and words
// everything, and the page's prerendered HTML holds the sentences the glue shows or hides.

import { engineInfo } from "./calculator-client.mjs";
import { Widget } from "./calculator-widget.mjs";

const mounted = new WeakSet();

function mountAll() {
  for (const root of document.querySelectorAll("[data-calculator]")) {
    if (mounted.has(root)) continue; // idempotent: document$ may emit more than once for a page
    mounted.add(root);
    new Widget(root).start();
  }
}

// A second copy of the glue (another URL for the same file) must not start a second worker.
if (!("__calculatorEngine" in window)) {
  // Observable for tests and benchmarks: how often a worker was started in this document.
  Object.defineProperty(window, "__calculatorEngine", { value: engineInfo });
  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(mountAll);
  else mountAll(); // without Material's instant loading: modules run once the document is parsed
}
