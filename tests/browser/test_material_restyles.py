"""Material's start restyles less of the page (sitegen/material_styles.py, sitegen/material_script.py).

Counted, not timed: Chromium's trace says how many elements each style recalculation touched and
why it was needed, which is the same on any machine. On the calculator page (about 710 styled
elements):
- a change of `<html>`'s class (Material's bundle switches it from `no-js` to `js`) restyled every
  element, because of Material's rules on plain table cells and its `.no-js` content-tab rule;
- the palette's colour-scheme meta made Chromium restyle the whole page twice (reason
  `PlatformColorChange`, asked for by Material's script); with a light palette no script asks for
  one now. (Chromium also records that reason while it parses the page's own meta, before the
  page has been styled at all; those carry no script stack.)
"""

from __future__ import annotations

from harness import LIGHTHOUSE_PHONE

CATEGORIES = ",".join([
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "disabled-by-default-devtools.timeline.invalidationTracking",
    "disabled-by-default-devtools.timeline.stack",  # which script asked for an invalidation
])
POLLS = 200  # bounded wait for the trace, 50 ms each
READY = "() => ['ready', 'error'].includes(document.querySelector('[data-calculator]').dataset.state)"


class Trace:
    """Chromium's trace events for what runs between `start` and `stop` in one page."""

    def __init__(self, page) -> None:
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.events: list[dict] = []
        self.done = False
        self.cdp.on("Tracing.dataCollected", lambda params: self.events.extend(params["value"]))
        self.cdp.on("Tracing.tracingComplete", lambda _: setattr(self, "done", True))

    def start(self) -> None:
        self.cdp.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})

    def stop(self) -> list[dict]:
        self.cdp.send("Tracing.end")
        for _ in range(POLLS):
            if self.done:
                return self.events
            self.page.wait_for_timeout(50)
        raise AssertionError("Chromium's trace never completed")


def styled_elements(events: list[dict]) -> list[int]:
    return [e["args"]["elementCount"] for e in events
            if e.get("name") == "UpdateLayoutTree" and (e.get("args") or {}).get("elementCount")]


def test_a_class_change_on_html_restyles_a_minority_of_the_calculator_page(new_page, site_server):
    watch = new_page(viewport=LIGHTHOUSE_PHONE, service_workers="block")
    page = watch.page
    page.goto(site_server.url + "calculator/")
    page.wait_for_function(READY)
    page.wait_for_timeout(300)  # the ready verdict's frame and the look-ahead's first work are over
    elements = page.evaluate("() => document.querySelectorAll('*').length")
    trace = Trace(page)
    trace.start()
    page.evaluate("""() => {
      document.documentElement.classList.toggle('restyle-probe');
      return getComputedStyle(document.body).color;  // the restyle, now
    }""")
    counts = styled_elements(trace.stop())
    assert counts, "no style recalculation was traced"
    assert max(counts) < elements / 2, (counts, elements)
    assert not watch.page_errors, watch.page_errors


def test_a_light_palette_start_costs_no_colour_scheme_restyle(new_page, site_server):
    watch = new_page(viewport=LIGHTHOUSE_PHONE, service_workers="block", color_scheme="light")
    page = watch.page
    trace = Trace(page)
    trace.start()
    page.goto(site_server.url + "calculator/")
    page.wait_for_function(READY)
    events = trace.stop()
    by_script = [(e.get("args") or {}).get("data", {}) for e in events
                 if e.get("name") == "StyleRecalcInvalidationTracking" and e["args"]["data"].get("stackTrace")]
    assert by_script, "no invalidation asked for by a script was traced"
    colour = [data["stackTrace"][0] for data in by_script if data.get("reason") == "PlatformColorChange"]
    assert not colour, colour
    assert not watch.page_errors, watch.page_errors
