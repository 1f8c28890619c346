// Loaded with `async` from the calculator page's <head> (overrides/main.html), so Python's start
// is under way (its settings read, its modules loaded) while the page is still being parsed; the
// client creates the worker once parsing is over (site-idle.mjs), as a worker busy beside the task
// that ends parsing made that task two to three times as long. The widget (calculator-widget.mjs) later joins this start: the
// client module (calculator-client.mjs) is one instance per document. The settings are the same
// attributes the widget's root carries, written on this module's <script> by the build.

import { startEarly } from "./calculator-client.mjs";

const script = document.querySelector("script[data-calculator-early]");
if (script) {
  startEarly({ timeout: script.dataset.timeoutMs, stall: script.dataset.stallMs, runtime: script.dataset.runtime });
}
