// Loaded with `async` from the calculator page's <head> (overrides/main.html), so Python's worker
// starts while the page is still arriving and being parsed, rather than once it is all parsed and
// the glue has mounted the widget. The widget (calculator-widget.mjs) later joins this start: the
// client module (calculator-client.mjs) is one instance per document. The settings are the same
// attributes the widget's root carries, written on this module's <script> by the build.

import { startEarly } from "./calculator-client.mjs";

const script = document.querySelector("script[data-calculator-early]");
if (script) {
  startEarly({ timeout: script.dataset.timeoutMs, stall: script.dataset.stallMs, runtime: script.dataset.runtime });
}
