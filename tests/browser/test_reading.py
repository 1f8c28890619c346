"""Reading on any screen, in Chromium: nothing wider than a phone outside a labelled scroll region,
the comparison as cards on a phone, the home page's lead, approach pages that say their intro
once, and a 404 page that helps."""
from __future__ import annotations

import pytest

from harness import LIGHTHOUSE_PHONE, ROOT, ServerOptions, SiteServer
from sitegen.content import load_site

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PAGES = ["", "comparison/", "prompt-engineering/", "fine-tuning/", "checklist/", "calculator/",
         "methodology/", "examples/", "combining/", "faq/", "glossary/", "sources/", "changes/", "404.html"]

# Visible elements of the header, content and footer that reach past the viewport's right edge and
# are not inside a scroll region that is focusable, labelled and itself within the viewport. The
# off-canvas drawer and the closed search panel are Material's and sit outside on purpose.
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const fits = el => el.getBoundingClientRect().right <= width + 0.5 && el.getBoundingClientRect().left >= -0.5;
  const region = el => el.closest('[role="region"][tabindex="0"][aria-label]');
  const found = [];
  for (const el of document.querySelectorAll('.md-header *, .md-main *, .md-footer *')) {
    if (el.closest('.md-sidebar, .md-search, [class*="md-tooltip"]')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || fits(el)) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const scroller = region(el);
    if (scroller && fits(scroller) && scroller.getAttribute('aria-label').trim()) continue;
    found.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className} ${Math.round(box.left)}..${Math.round(box.right)}`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, found: found.slice(0, 5), count: found.length};
}"""


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content")


def test_no_page_is_wider_than_a_phone_outside_a_labelled_scroll_region(site_server, new_page) -> None:
    watch = new_page(viewport=PHONE)
    problems = {}
    for path in PAGES:
        watch.page.goto(site_server.url + path)
        if path == "calculator/":
            watch.wait_state("ready", "error")
        result = watch.page.evaluate(TOO_WIDE)
        if result["scrollWidth"] > PHONE["width"] or result["count"]:
            problems[path or "/"] = result
    assert not problems, problems


def test_wide_tables_scroll_inside_a_focusable_region_named_after_their_section(site_server, new_page) -> None:
    watch = new_page(viewport=PHONE)
    watch.page.goto(site_server.url + "methodology/")
    regions = watch.page.evaluate("""() => [...document.querySelectorAll('.md-content table')]
        .filter(table => !table.classList.length)
        .map(table => { const r = table.closest('[role="region"]');
          return r && {label: r.getAttribute('aria-label'), tabindex: r.getAttribute('tabindex'),
                       scrolls: r.scrollWidth > r.clientWidth}; })""")
    assert regions and all(regions), "every methodology table is inside a region"
    assert {r["tabindex"] for r in regions} == {"0"}
    assert "The gates" in {r["label"] for r in regions}  # named after the section above it
    assert any(r["scrolls"] for r in regions), "at 390 px at least one table scrolls inside its region"
    # The region is reachable with the keyboard and scrolls with the arrow keys.
    scroller = watch.page.locator('[role="region"][aria-label="The gates"]')
    scroller.focus()
    assert watch.page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "The gates"
    watch.page.keyboard.press("ArrowRight")
    watch.page.wait_for_function("() => document.activeElement.scrollLeft > 0")


CARD_LAYOUT = """() => {
  const labels = [...document.querySelectorAll('.comparison-table thead th')].slice(1).map(th => th.textContent.trim());
  return [...document.querySelectorAll('.comparison-table tbody tr')].map(tr => {
    const cells = [...tr.children];
    const boxes = cells.map(td => td.getBoundingClientRect());
    return {
      id: cells[0].id,
      rowDisplay: getComputedStyle(tr).display,
      stacked: boxes.every((box, i) => i === 0 || box.top >= boxes[i - 1].bottom - 1),
      sameLine: boxes.every(box => Math.abs(box.top - boxes[0].top) < 1),
      labels: cells.slice(1).map(td => getComputedStyle(td, '::before').content),
      expected: labels.map(label => JSON.stringify(label + ': ')),
      fits: boxes.every(box => box.right <= document.documentElement.clientWidth),
    };
  });
}"""


def test_the_comparison_is_one_card_per_row_on_a_phone_and_a_table_on_a_desktop(site_server, new_page, site) -> None:
    row_ids = [row.id for row in site.comparison.rows]
    phone = new_page(viewport=PHONE)
    phone.page.goto(site_server.url + "comparison/")
    cards = phone.page.evaluate(CARD_LAYOUT)
    assert [card["id"] for card in cards] == row_ids  # the published row ids stay on the same cells
    for card in cards:
        assert card["rowDisplay"] == "block" and card["stacked"] and card["fits"], card
        assert card["labels"] == card["expected"], card  # "Prompt engineering: ", "Fine-tuning: "
    desktop = new_page(viewport=DESKTOP)
    desktop.page.goto(site_server.url + "comparison/")
    rows = desktop.page.evaluate(CARD_LAYOUT)
    assert [row["id"] for row in rows] == row_ids
    for row in rows:
        assert row["rowDisplay"] == "table-row" and row["sameLine"], row
        assert set(row["labels"]) == {"none"}, row


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_way_into_the_calculator_is_in_the_first_screen_of_the_home_page(site_server, new_page, viewport) -> None:
    watch = new_page(viewport=viewport)
    watch.page.goto(site_server.url)
    button = watch.page.locator('.md-content a[href$="calculator/#calc-verdict"].md-button')
    assert button.count() == 1
    box = button.bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], box
    assert box["x"] + box["width"] <= viewport["width"], box


def test_the_home_page_leads_with_the_verdict_and_says_it_once(site_server, new_page, site) -> None:
    headline = site.overview.verdict.headline
    watch = new_page(viewport=DESKTOP)
    watch.page.goto(site_server.url)
    h1 = watch.page.evaluate("""() => { const h = document.querySelector('.md-content h1').cloneNode(true);
        h.querySelectorAll('.headerlink, .copy-link').forEach(a => a.remove()); return h.textContent.trim(); }""")
    assert h1 == headline
    assert watch.page.evaluate("() => document.body.innerText").count(headline) == 1
    site_title = watch.page.evaluate("() => document.querySelector('.md-header__topic .md-ellipsis').textContent.trim()")
    assert site_title.rstrip("?") not in h1, "the headline does not restate the site's title from the header"
    # The comparison at a glance: one line per row that carries a glance, linking to that row.
    links = watch.page.evaluate("() => [...document.querySelectorAll('table.glance tbody th a')].map(a => a.hash)")
    assert links == [f"#{row.id}" for row in site.comparison.rows if row.glance]
    favored = watch.page.locator("table.glance .glance__cell--favored")
    assert favored.count() == sum(1 for row in site.comparison.rows if row.favors)


def test_approach_pages_do_not_repeat_their_tagline(site_server, new_page, site) -> None:
    watch = new_page(viewport=DESKTOP)
    for approach in site.overview.approaches:
        watch.page.goto(site_server.url + approach.id + "/")
        text = watch.page.evaluate("() => document.querySelector('.md-content article').innerText")
        tagline = " ".join(approach.tagline.split())
        assert tagline not in " ".join(text.split()), approach.id


def test_the_404_page_offers_search_and_the_main_pages(site_server, new_page, site) -> None:
    watch = new_page(viewport=PHONE)
    watch.page.goto(site_server.url)
    nav = watch.page.evaluate("""() => [...document.querySelectorAll('.md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link')]
        .map(a => new URL(a.href).pathname)""")
    watch.page.goto(site_server.url + "404.html")
    words = site.overview.not_found
    assert watch.page.locator(".md-content h1").inner_text().strip() == words.title
    links = watch.page.evaluate("() => [...document.querySelectorAll('.md-content ul a')].map(a => new URL(a.href).pathname)")
    assert len(nav) >= 10 and links == nav
    # The search button opens the home page with ?q=, where Material's search opens with its field focused.
    watch.page.get_by_role("link", name=words.search).click()
    watch.page.wait_for_function("() => document.getElementById('__search').checked")
    assert watch.page.evaluate("() => document.activeElement.classList.contains('md-search__input')")


@pytest.mark.parametrize(("scheme", "palette"), [("dark", "slate"), ("light", "default")])
def test_a_first_page_is_in_the_readers_palette_before_materials_script_runs(new_page, site_dir, scheme, palette):
    """The site's first palette follows the system setting; with nothing saved yet, the inline
    script in the page applies it (sitegen/material_markup.py), so the page is never painted in the
    other palette first. Material's bundle is answered 404 here: what shows is the page's own doing."""
    (bundle,) = site_dir.glob("assets/javascripts/bundle.*.min.js")
    server = SiteServer(site_dir, options=ServerOptions(missing={"/" + bundle.relative_to(site_dir).as_posix()})).start()
    try:
        watch = new_page(color_scheme=scheme)
        watch.page.goto(server.url + "comparison/")
        assert watch.page.get_attribute("body", "data-md-color-scheme") == palette
    finally:
        server.stop()


# The colour schemes the page's color-scheme metas name, in order (the first one rules).
COLOR_SCHEMES = """() => [...document.querySelectorAll('meta[name="color-scheme"]')].map((m) => m.content)"""


@pytest.mark.parametrize(("scheme", "meta"), [("dark", "dark"), ("light", "light")])
def test_materials_palette_keeps_the_pages_one_color_scheme_meta_in_step(new_page, site_server, scheme, meta):
    """Material's bundle takes the page's colour-scheme meta instead of adding its own
    (sitegen/material_script.py): one meta, naming the palette's scheme, also after the reader
    switches palette and after instant navigation."""
    watch = new_page(color_scheme=scheme)
    page = watch.page
    page.goto(site_server.url + "comparison/")
    page.wait_for_function(f"() => document.querySelector('meta[name=\"color-scheme\"]').content === '{meta}'")
    assert page.evaluate(COLOR_SCHEMES) == [meta]
    # Material's toggle: automatic -> light -> dark; two presses reach the other scheme from automatic.
    other = "light" if meta == "dark" else "dark"
    for _ in range(2 if other == "dark" else 1):
        page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"() => document.querySelector('meta[name=\"color-scheme\"]').content === '{other}'")
    page.get_by_role("link", name="FAQ").first.click()  # instant navigation: the head is merged, not reloaded
    page.wait_for_url("**/faq/")
    shown = page.evaluate(COLOR_SCHEMES)
    assert shown[0] == other, shown  # instant navigation may add the new page's meta after it
    assert not watch.page_errors, watch.page_errors


# Every layout shift the page records (the reader did nothing), with what moved.
SHIFTS = """() => new Promise((resolve) => {
  const seen = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.push([e.value, (e.sources || []).map((s) => s.node?.nodeName || '')]);
  }).observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => resolve(seen), 500);
})"""


def on_screen(new_page, viewport):
    """A page on this screen (the phone one with touch) and no service worker."""
    mobile = viewport == LIGHTHOUSE_PHONE
    return new_page(viewport=viewport, is_mobile=mobile, has_touch=mobile, service_workers="block")


@pytest.mark.parametrize("viewport", [LIGHTHOUSE_PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_page_shifts_its_layout_while_it_starts(new_page, site_server, viewport):
    """The "Copy link" buttons come after the first paint (links-copy.mjs) and take no room: in a
    heading, a page title does not wrap anew and push the page down (0.035 on three pages on a phone);
    in a list item or table row the permalink keeps their room, so no item grows by a line (0.009 on
    "What changed" at a desktop width). site.css."""
    watch = on_screen(new_page, viewport)
    page = watch.page
    shifted = {}
    for path in PAGES:
        page.goto(site_server.url + path, wait_until="load")
        if path != "404.html":
            page.wait_for_function("() => document.querySelector('button[data-copy-link]')")
        shifts = page.evaluate(SHIFTS)
        if shifts:
            shifted[path] = shifts
    assert shifted == {}
    assert not watch.page_errors, watch.page_errors


@pytest.mark.parametrize("viewport", [LIGHTHOUSE_PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_calculator_page_does_not_move_when_python_becomes_ready(new_page, site_server, viewport):
    """The status line keeps the room of its longest message, whichever is shown (calculator.css), so
    the verdict below it stays put from the prerendered message through loading to ready."""
    watch = on_screen(new_page, viewport)
    page = watch.page
    page.goto(site_server.url + "calculator/", wait_until="load")
    watch.wait_state("ready", "error")
    assert page.get_attribute("[data-calculator]", "data-state") == "ready"
    assert page.evaluate(SHIFTS) == []
    assert not watch.page_errors, watch.page_errors
