"""The binder's preparation (`prepare`, calculator-bind-plan.mjs), in Chromium on a fixture of bound markup.

The calculator page prepares its result's plan while Python starts, so that the first reply only
paints. What a reader would see go wrong if preparing broke: a first paint that misses a binding or
a list item, or rebuilds the prerendered items. Markup is bound once (the binder's rule), which is
what makes the preparation observable here: a bound element added after the plan was made is not
painted, and one added before is.
"""
from __future__ import annotations

# Loads the binder as the site publishes it and runs one scenario on fresh fixture markup:
# "prepare-idle"  prepare, let the page be idle, then add a bound element and paint;
# "prepare-late"  prepare, add a bound element before the page is idle, then let it be idle and paint;
# "prepare-paint" prepare and paint at once, before any idle time;
# "paint"         paint without preparing (the reference).
SCENARIO = """
async ([moduleURL, scenario]) => {
  const { paint, prepare } = await import(moduleURL);
  const idle = () => new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 1000 }));
  // A list whose items hold a list: both prerendered, as the build writes them.
  const item = (name, parts) => `<li><span data-bind-text="name">${name}</span><ol data-bind-list="parts">${parts}<template><li data-bind-text="."></li></template></ol></li>`;
  const root = document.createElement("div");
  root.innerHTML = `
    <p><strong data-bind-text="label"></strong> <a data-bind-href="link">more</a></p>
    <span data-bind-attr="data-sign=sign" data-bind-hidden="hide"></span>
    <ul data-bind-list="items">${item("one", "<li data-bind-text='.'>x</li>")}${item("two", "<li data-bind-text='.'>y</li>")}<template>${item("", "")}</template></ul>`;
  document.body.append(root);
  const prerendered = Array.from(root.querySelectorAll("ul > li"));
  const prerenderedParts = Array.from(root.querySelectorAll("ol > li"));
  const addLate = () => {
    const late = document.createElement("em");
    late.setAttribute("data-bind-text", "label");
    root.append(late);
  };
  if (scenario !== "paint") prepare(root);
  if (scenario === "prepare-late" || scenario === "paint") addLate();
  if (scenario === "prepare-idle" || scenario === "prepare-late") for (let i = 0; i < 20; i++) await idle();
  if (scenario === "prepare-idle") addLate();
  paint(root, { label: "Fine-tune", link: "#why", sign: "+", hide: "", items: [{ name: "a", parts: ["p", "q"] }, { name: "b", parts: [] }, { name: "c", parts: ["r"] }] }, location.href);
  const result = {
    label: root.querySelector("strong").textContent,
    link: root.querySelector("a").getAttribute("href"),
    sign: root.querySelector("span[data-sign]")?.getAttribute("data-sign") ?? null,
    items: Array.from(root.querySelectorAll("ul > li"), (li) => [li.querySelector("span").textContent,
      Array.from(li.querySelectorAll("ol > li"), (part) => part.textContent)]),
    kept: [prerendered, prerenderedParts].map((items) => items.filter((li) => li.isConnected).length),
    late: root.querySelector("em")?.textContent ?? null,
  };
  root.remove();
  return result;
}
"""

# Both prerendered items are kept and painted again; of the nested ones, the first item's is kept and
# the second item's removed (its list is now empty).
PAINTED = {"label": "Fine-tune", "link": "#why", "sign": "+", "items": [["a", ["p", "q"]], ["b", []], ["c", ["r"]]], "kept": [2, 1]}


def run(new_page, site_server, scenario: str) -> dict:
    watch = new_page()
    watch.page.goto(site_server.url + "404.html")
    result = watch.page.evaluate(SCENARIO, [site_server.url + "assets/javascripts/calculator-bind.mjs", scenario])
    assert not watch.page_errors and not watch.console_errors, (watch.page_errors, watch.console_errors)
    return result


def test_a_prepared_plan_paints_as_an_unprepared_one(new_page, site_server):
    """Prepared while idle or not, the same markup is painted the same, prerendered items kept in place."""
    for scenario in ("paint", "prepare-idle", "prepare-paint"):
        result = run(new_page, site_server, scenario)
        assert {key: result[key] for key in PAINTED} == PAINTED, (scenario, result)


def test_preparing_looks_the_bindings_up_while_idle_and_only_then(new_page, site_server):
    """The lookup happens in idle time after prepare() returns (a binding added right after it is
    found), and is finished by then (one added after that idle time is not: markup is bound once)."""
    assert run(new_page, site_server, "prepare-late")["late"] == "Fine-tune"
    assert run(new_page, site_server, "prepare-idle")["late"] == ""
    assert run(new_page, site_server, "paint")["late"] == "Fine-tune"  # added before the first paint


# Paints one list three times (three items, then one, then three others) and, beside it, a fresh copy
# of the same markup painted once with the last values; returns what a reader would compare.
REGROW = """
async (moduleURL) => {
  const { paint } = await import(moduleURL);
  const markup = `<ul data-bind-list="items"><template><li data-bind-attr="data-sign=sign"><a data-bind-href="link" data-bind-text="name"></a>
    <em data-bind-hidden="quiet">!</em><ol data-bind-list="parts"><template><li data-bind-text="."></li></template></ol></li></template></ul>`;
  const make = () => { const root = document.createElement("div"); root.innerHTML = markup; document.body.append(root); return root; };
  const base = new URL("/docs/", location.href).href;
  const first = [
    { name: "a", sign: "+", link: "guide/#a", quiet: "", parts: ["p", "q"] },
    { name: "b", sign: "-", link: "#b", quiet: "yes", parts: [] },
    { name: "c", sign: "+", link: "https://example.org/c", quiet: "", parts: ["r"] },
  ];
  const last = [
    { name: "x", sign: "-", link: "javascript:alert(1)", quiet: "yes", parts: ["s", "t", "u"] },
    { name: "y", sign: "+", link: "guide/#a", quiet: "", parts: [] },
    { name: "z", sign: "", link: "", quiet: "", parts: ["v"] },
  ];
  const root = make();
  paint(root, { items: first }, base);
  const before = Array.from(root.querySelectorAll("ul > li"));
  paint(root, { items: first.slice(0, 1) }, base);
  const shrunk = root.querySelectorAll("ul > li").length;
  paint(root, { items: last }, location.href);  // another base: links resolve against it
  const after = Array.from(root.querySelectorAll("ul > li"));
  const fresh = make();
  paint(fresh, { items: last }, location.href);
  const result = {
    shrunk,
    reused: after.map((li, i) => li === before[i]),
    painted: root.innerHTML,
    fresh: fresh.innerHTML,
    links: after.map((li) => li.querySelector("a").getAttribute("href")),
  };
  root.remove();
  fresh.remove();
  return result;
}
"""


def test_a_list_that_grows_again_takes_back_its_removed_items_painted_like_new_ones(new_page, site_server):
    """Items removed when a list shrinks are put back in their places when it grows, and read exactly as fresh copies
    painted with the same values: nested lists, hidden parts, attributes and links (an unsafe link
    dropped; a relative one resolved against the base of this paint)."""
    watch = new_page()
    watch.page.goto(site_server.url + "404.html")
    result = watch.page.evaluate(REGROW, site_server.url + "assets/javascripts/calculator-bind.mjs")
    assert not watch.page_errors and not watch.console_errors, (watch.page_errors, watch.console_errors)
    assert result["shrunk"] == 1
    assert result["reused"] == [True, True, True]
    assert result["painted"] == result["fresh"]
    # "guide/#a" was painted against /docs/ before: each paint's base counts, not the first one's.
    assert result["links"] == [None, site_server.url + "guide/#a", None]
