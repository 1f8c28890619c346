"""Links that never break, in Chromium: moved pages and ids land on the new item; every item copies its canonical link."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from harness import ROOT, SiteServer, build_site, reserve_port
from sitegen.content import load_site
from sitegen.sections import PAGE_LOCAL_IDS

OLD_ID, NEW_ID = "what-is-lora", "lora-explained"  # a FAQ id nothing else refers to


@pytest.fixture(scope="module")
def moved_server(tmp_path_factory):
    """The real content with one FAQ id renamed and redirected, and an old page `questions/` sent to the FAQ."""
    content = tmp_path_factory.mktemp("moved") / "content"
    shutil.copytree(ROOT / "content", content)
    faq = content / "faq.yml"
    faq.write_text(faq.read_text(encoding="utf-8").replace(f"id: {OLD_ID}\n", f"id: {NEW_ID}\n"), encoding="utf-8")
    (content / "redirects.yml").write_text(
        "reviewed: 2026-11-28\nredirects:\n"
        f"  faq.md#{OLD_ID}: faq.md#{NEW_ID}\n"
        "  questions.md: faq.md\n", encoding="utf-8")
    sock = reserve_port()
    with pytest.MonkeyPatch.context() as patch:  # only for this build: the session's site stays the real one
        patch.setenv("SITE_CONTENT_DIR", str(content))
        directory = build_site(content.parent / "site", f"http://127.0.0.1:{sock.getsockname()[1]}/")
    server = SiteServer(directory, sock=sock).start()
    yield server
    server.stop()


# Whether the element with this id has its top inside the viewport.
IN_VIEW = """id => { const r = document.getElementById(id)?.getBoundingClientRect();
    return !!r && r.top >= 0 && r.top < innerHeight; }"""
# Every fragment the page moves to, from hashchange: Material's navigation.tracking may soon rewrite
# the hash to the anchor it deems active, with history.replaceState, which fires none.
RECORD_MOVES = "window.__moves = []; addEventListener('hashchange', () => __moves.push(location.hash))"
MOVED_TO = "id => window.__moves.includes('#' + id)"


def in_view(page, element_id: str) -> bool:
    return page.evaluate(IN_VIEW, element_id)


def target_id(link) -> str:
    """The id a link's fragment names."""
    return link.evaluate("a => decodeURIComponent(new URL(a.href).hash.slice(1))")


DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
MATERIAL_STARTED = "() => typeof window.document$?.subscribe === 'function'"
# Scroll down by this much at once (no smooth scrolling); returns where the page then is.
SCROLL_DOWN = "by => { scrollTo({ top: scrollY + by, behavior: 'instant' }); return scrollY; }"
AT_OFFSET = "y => Math.abs(scrollY - y) < 2"


def open_page(new_page, url: str, **context):
    """A page at `url` in a fresh context, once Material has started."""
    watch = new_page(**context)
    watch.page.goto(url)
    watch.page.wait_for_function(MATERIAL_STARTED)
    return watch


def kept_page(page, selector: str, path: str):
    """Mark the element at `selector` and record requests for `path`; returns the check that the
    page was neither fetched nor rendered again since."""
    page.evaluate("s => { document.querySelector(s).__kept = true; }", selector)
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if path in request.url else None)

    def check():
        assert page.evaluate("s => document.querySelector(s).__kept === true", selector), "the page was rendered again"
        assert fetched == []
    return check


def test_an_old_page_url_redirects_to_the_new_page(moved_server, new_page):
    watch = new_page()
    watch.page.goto(moved_server.url + "questions/")
    watch.page.wait_for_url(moved_server.url + "faq/")
    assert watch.page.locator("h1").first.inner_text().startswith("Frequently asked questions")


def test_an_old_id_lands_on_the_new_item(moved_server, new_page):
    watch = new_page()
    watch.page.goto(moved_server.url + f"faq/#{OLD_ID}")
    watch.page.wait_for_function("id => location.hash === '#' + id", arg=NEW_ID)
    assert watch.page.url == moved_server.url + f"faq/#{NEW_ID}"
    watch.page.wait_for_function(IN_VIEW, arg=NEW_ID)
    assert not watch.page_errors


def test_an_old_id_on_an_old_page_follows_both_moves(moved_server, new_page):
    watch = new_page()
    watch.page.goto(moved_server.url + f"questions/#{OLD_ID}")
    watch.page.wait_for_url(moved_server.url + f"faq/#{NEW_ID}")
    assert in_view(watch.page, NEW_ID) or watch.page.wait_for_function(
        "id => document.getElementById(id).getBoundingClientRect().top >= 0", arg=NEW_ID)


def test_an_old_id_is_followed_after_instant_navigation(moved_server, new_page):
    watch = new_page()
    watch.page.goto(moved_server.url)
    watch.page.wait_for_function(MATERIAL_STARTED)
    watch.page.evaluate("window.__sameDocument = true")
    # A reader's own old bookmark-style link inside the site: Material's instant navigation handles the click.
    watch.page.evaluate("""href => { const a = document.createElement('a'); a.href = href; a.id = 'old-link';
        a.textContent = 'old'; document.querySelector('.md-content article').append(a); }""", f"faq/#{OLD_ID}")
    watch.page.click("#old-link")
    watch.page.wait_for_function("id => location.hash === '#' + id", arg=NEW_ID)
    assert watch.page.evaluate("window.__sameDocument === true"), "instant navigation fell back to a full load"


def test_a_link_to_a_place_on_the_calculator_page_keeps_the_answers_and_the_page(site_server, new_page):
    """Material makes every link absolute at load and would fetch the page again for the first one
    followed, from the address it was loaded with: the answers in the query, and a feature name typed
    in the record's field, were lost. links-in-page.mjs moves within the page instead."""
    watch = new_page(**DESKTOP)
    page = watch.page
    page.goto(site_server.url + "calculator/")
    assert watch.wait_state("ready", "error") == "ready"
    page.check("input[name='task-clarity'][value='stable']")
    page.wait_for_function("() => location.search.includes('task-clarity=stable')")
    query = page.evaluate("location.search")
    page.get_by_label("Feature name", exact=True).fill("Support reply drafts")
    page_kept = kept_page(page, "[data-calculator]", "/calculator/")
    page.evaluate(RECORD_MOVES)
    for link in (".md-sidebar--secondary a.md-nav__link[href*='#']", "h2[id] > a.headerlink"):
        target = page.locator(link).nth(1)
        moved_to = target_id(target)
        target.click()
        page.wait_for_function(MOVED_TO, arg=moved_to)
        page.wait_for_function(IN_VIEW, arg=moved_to)
        assert page.evaluate("location.search") == query
    page_kept()
    assert page.get_by_label("Feature name", exact=True).input_value() == "Support reply drafts"
    assert page.is_checked("input[name='task-clarity'][value='stable']")
    assert not watch.page_errors, watch.page_errors


# What the calculator shows: the answers picked and the verdict with its confidence.
SHOWN = """() => ({
  answers: [...document.querySelector("[data-calc-form]").elements].filter((el) => el.checked).map((el) => `${el.name}=${el.value}`),
  verdict: document.querySelector(".calc-verdict").innerText.trim(),
})"""
SHOWS = "shown => JSON.stringify((" + SHOWN + ")()) === JSON.stringify(shown)"


def pick(page, factor: str, option: str) -> dict:
    """Check one option and wait until the address holds it; returns what the calculator then shows."""
    runs = page.get_attribute("[data-calculator]", "data-runs")
    page.check(f"input[name='{factor}'][value='{option}']")
    page.wait_for_function("([pair, runs]) => location.search.includes(pair)"
                           " && document.querySelector('[data-calculator]').dataset.runs !== runs", arg=[f"{factor}={option}", runs])
    return page.evaluate(SHOWN)


def test_back_and_forward_within_the_calculator_page_show_what_the_address_holds(site_server, new_page):
    """After a table-of-contents entry, Back and Forward stay on the page (no fetch, the record's typed
    field kept), and the calculator scores the answers each address holds: Material, which scrolled
    only, left one address's answers on screen under another's."""
    watch = open_page(new_page, site_server.url + "faq/", **DESKTOP)
    page = watch.page
    page.locator(".md-nav--primary a[href$='calculator/']").first.click()  # Material's own navigation
    assert watch.wait_state("ready", "error") == "ready"
    page.get_by_label("Feature name", exact=True).fill("Support reply drafts")
    before = pick(page, "task-clarity", "stable")
    left_at = page.evaluate(SCROLL_DOWN, 600)
    page_kept = kept_page(page, "[data-calculator]", "/calculator/")
    link = page.locator(".md-sidebar--secondary a.md-nav__link[href*='#']").nth(3)
    moved_to = target_id(link)
    link.click()
    page.wait_for_function(IN_VIEW, arg=moved_to)
    after = pick(page, "task-clarity", "changing")
    assert after != before
    after_search = page.evaluate("location.search")

    page.go_back()
    page.wait_for_function(SHOWS, arg=before)
    assert "task-clarity=stable" in page.evaluate("location.search")
    page.wait_for_function(AT_OFFSET, arg=left_at)  # where the reader was

    page.go_forward()
    page.wait_for_function(SHOWS, arg=after)
    assert page.evaluate("location.search") == after_search

    page_kept()
    assert page.get_by_label("Feature name", exact=True).input_value() == "Support reply drafts"
    page.go_back()
    page.go_back()  # to the page before: Material's
    page.wait_for_url(site_server.url + "faq/")
    page.wait_for_function("() => document.querySelector('h1')?.textContent.startsWith('Frequently asked questions')")
    assert not watch.page_errors, watch.page_errors


def test_back_after_a_table_of_contents_entry_stays_on_the_page(site_server, new_page):
    """On a freshly loaded page, too, Back from a place on it returns to where the reader was, with no fetch."""
    watch = open_page(new_page, site_server.url + "faq/", **DESKTOP)
    page = watch.page
    page_kept = kept_page(page, "article", "/faq/")
    link = page.locator(".md-sidebar--secondary a.md-nav__link[href*='#']").nth(2)
    moved_to = target_id(link)
    link.click()
    page.wait_for_function(IN_VIEW, arg=moved_to)
    assert page.evaluate("scrollY") > 0
    page.go_back()
    page.wait_for_function("() => scrollY === 0 && location.hash === ''")
    page_kept()
    assert not watch.page_errors, watch.page_errors


def test_on_a_phone_back_from_a_table_of_contents_entry_returns_to_where_the_reader_was(site_server, new_page):
    """The entry is taken from the drawer; the browser's own restore put the page elsewhere."""
    watch = open_page(new_page, site_server.url + "calculator/", **PHONE)
    page = watch.page
    left_at = page.evaluate(SCROLL_DOWN, 740)
    page.click(".md-header label[for='__drawer']")
    link = page.locator(".md-nav--secondary a.md-nav__link[href*='#']").nth(4)
    moved_to = target_id(link)
    link.evaluate("a => a.click()")
    page.wait_for_function(IN_VIEW, arg=moved_to)
    page.go_back()
    page.wait_for_function(AT_OFFSET, arg=left_at)
    assert not watch.page_errors, watch.page_errors


def test_on_a_phone_a_table_of_contents_entry_closes_the_navigation_drawer(site_server, new_page):
    watch = open_page(new_page, site_server.url + "comparison/", **PHONE)
    page = watch.page
    page.click(".md-header label[for='__drawer']")
    assert page.is_checked("#__drawer")
    link = page.locator(".md-nav--secondary a.md-nav__link[href*='#']").nth(1)
    page.evaluate(RECORD_MOVES)
    link.evaluate("a => a.click()")  # inside the drawer's nested "Table of contents" panel
    page.wait_for_function(MOVED_TO, arg=target_id(link))
    assert not page.is_checked("#__drawer")
    assert not watch.page_errors, watch.page_errors


def page_url(base: str, page: str) -> str:
    return base + ("" if page == "index.md" else page[: -len(".md")] + "/")


def test_every_item_with_an_id_has_a_copy_link_control(site_server, new_page):
    site = load_site(ROOT / "content")
    by_page: dict[str, list[str]] = {}
    for anchor in site.anchors.values():
        if anchor.fragment and anchor.id not in PAGE_LOCAL_IDS:
            by_page.setdefault(anchor.page, []).append(anchor.id)
    watch = new_page()
    checked = 0
    for page, ids in sorted(by_page.items()):
        watch.page.goto(page_url(site_server.url, page))
        watch.page.wait_for_function("() => document.querySelector('button[data-copy-link]')")
        missing = watch.page.evaluate("""ids => ids.filter(id => {
            const item = document.getElementById(id);
            return !item || !item.querySelector(`button[data-copy-link="${id}"]`); })""", ids)
        assert not missing, f"{page}: no copy-link control on {missing}"
        checked += len(ids)
    assert checked > 150
    assert not watch.page_errors


def test_glossary_terms_are_in_the_table_of_contents(site_server, new_page):
    site = load_site(ROOT / "content")
    watch = new_page()
    watch.page.goto(site_server.url + "glossary/")
    toc = watch.page.eval_on_selector_all(".md-nav--secondary a.md-nav__link", "links => links.map(a => a.hash)")
    assert {f"#{term.id}" for term in site.glossary.terms} <= set(toc)


@pytest.mark.parametrize("page, item", [
    ("faq/", "how-many-examples"),  # a heading (Material's headerlink)
    ("prompt-engineering/", "pe-best-prototypes"),  # a list item (its own permalink)
    ("comparison/", "risk-profile"),  # a table row
])
def test_copy_link_by_keyboard_copies_the_canonical_url_and_announces_it(site_server, new_page, page, item):
    watch = new_page(permissions=["clipboard-read", "clipboard-write"])
    watch.page.goto(site_server.url + page)
    button = watch.page.locator(f'button[data-copy-link="{item}"]')
    button.wait_for(state="attached")
    # Keyboard only: focus the item's permalink, Tab to the button beside it, press Enter.
    button.evaluate("b => b.previousElementSibling.focus()")  # the item's permalink (¶)
    watch.page.keyboard.press("Tab")
    assert watch.page.evaluate("id => document.activeElement.dataset.copyLink === id", item)
    assert button.evaluate("b => getComputedStyle(b).opacity") == "1"  # visible on keyboard focus
    watch.page.keyboard.press("Enter")
    expected_message = watch.page.locator('[data-copy-link-message="copied"]').text_content()
    status = watch.page.locator("[data-copy-link-status]")
    watch.page.wait_for_function("text => document.querySelector('[data-copy-link-status]').textContent === text",
                                 arg=expected_message)
    assert status.get_attribute("role") == "status"
    assert watch.page.evaluate("navigator.clipboard.readText()") == f"{site_server.url}{page}#{item}"
    assert not watch.page_errors
