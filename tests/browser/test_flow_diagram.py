"""The decision-flow diagram on the built methodology page: visible, legible in both schemes, reachable from home."""
from __future__ import annotations

import pytest

WIDTHS = {"phone": 390, "desktop": 1280}

# For every text and line of the diagram: its own colour, and the colour behind it (the box it
# sits in, else the page), as computed by the browser from the site's CSS.
COLOURS = """() => {
  const svg = document.querySelector('.flow-diagram svg');
  const page = getComputedStyle(document.body).backgroundColor;
  const behind = el => {
    const rect = el.closest('g.flow-node') && el.closest('g.flow-node').querySelector('rect');
    return rect ? [getComputedStyle(rect).fill, page] : [page];
  };
  return {
    texts: [...svg.querySelectorAll('text')].map(t => ({text: t.textContent, fg: getComputedStyle(t).fill, bg: behind(t)})),
    lines: [...svg.querySelectorAll('path.flow-edge, path.flow-bracket')].map(p => ({fg: getComputedStyle(p).stroke, bg: [page]})),
  };
}"""


def parse(colour: str) -> tuple[float, float, float, float]:
    """`rgb(1, 2, 3)` or `rgba(1, 2, 3, 0.5)` as (r, g, b, alpha)."""
    assert colour.startswith("rgb"), f"not a computed colour: {colour}"
    parts = [float(p) for p in colour[colour.index("(") + 1:-1].replace("/", ",").split(",")]
    return (*parts[:3], parts[3] if len(parts) == 4 else 1.0)  # type: ignore[return-value]


def over(top: tuple, bottom: tuple) -> tuple:
    """`top` painted over an opaque `bottom`."""
    alpha = top[3]
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(top[:3], bottom[:3])) + (1.0,)


def contrast(fg: str, layers: list[str]) -> float:
    """WCAG contrast of fg over a stack of backgrounds (nearest first, the opaque page last)."""
    ground = parse(layers[-1])
    for layer in reversed(layers[:-1]):
        ground = over(parse(layer), ground)
    ink = over(parse(fg), ground)

    def luminance(c):
        channels = [v / 255 for v in c[:3]]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    light, dark = sorted((luminance(ink), luminance(ground)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", WIDTHS)
def test_diagram_is_visible_without_widening_the_page(site_server, new_page, scheme, size):
    watch = new_page(color_scheme=scheme, viewport={"width": WIDTHS[size], "height": 900})
    page = watch.page
    page.goto(site_server.url + "methodology/#method-flow")
    svg = page.locator(".flow-diagram svg")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 300 and box["height"] > 200
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[size]
    region = page.locator(".flow-diagram")
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label") == page.locator("#method-flow").evaluate("h => h.firstChild.textContent.trim()")
    if size == "phone":
        # Too wide for the phone: the labelled region scrolls sideways, and the keyboard can scroll it.
        assert page.evaluate("(r => r.scrollWidth > r.clientWidth)(document.querySelector('.flow-diagram'))")
        region.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('.flow-diagram').scrollLeft > 0")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_text_and_lines_stand_out_in_both_schemes(site_server, new_page, scheme):
    watch = new_page(color_scheme=scheme)
    watch.page.goto(site_server.url + "methodology/")
    colours = watch.page.evaluate(COLOURS)
    assert len(colours["texts"]) > 20 and colours["lines"]
    weak = [(t["text"], round(contrast(t["fg"], t["bg"]), 2)) for t in colours["texts"] if contrast(t["fg"], t["bg"]) < 4.5]
    assert not weak, f"text below 4.5:1 in the {scheme} scheme: {weak[:5]}"
    faint = [round(contrast(line["fg"], line["bg"]), 2) for line in colours["lines"] if contrast(line["fg"], line["bg"]) < 3]
    assert not faint, f"lines below 3:1 in the {scheme} scheme: {faint[:5]}"


def test_diagram_text_fits_its_boxes(site_server, new_page):
    """Every label, as the browser lays it out, ends inside its box."""
    watch = new_page()
    watch.page.goto(site_server.url + "methodology/")
    overflow = watch.page.evaluate("""() => [...document.querySelectorAll('.flow-diagram g.flow-node')].flatMap(g => {
      const r = g.querySelector('rect').getBBox();
      return [...g.querySelectorAll('text')].filter(t => {
        const b = t.getBBox();
        return b.x < r.x || b.x + b.width > r.x + r.width || b.y < r.y || b.y + b.height > r.y + r.height;
      }).map(t => t.textContent);
    })""")
    assert not overflow


def test_home_page_link_reaches_the_diagram(site_server, new_page):
    watch = new_page()
    page = watch.page
    page.goto(site_server.url)
    page.locator("article a[href$='#method-flow']").click()
    page.wait_for_url("**/methodology/#method-flow")
    page.wait_for_function("""(() => {
      // Instant navigation changes the address before it swaps the page in: wait for the diagram.
      const svg = document.querySelector('.flow-diagram svg');
      if (!svg) return false;
      const r = svg.getBoundingClientRect();
      return r.top < innerHeight && r.bottom > 0;
    })""")
    assert page.locator("#method-flow").is_visible()
