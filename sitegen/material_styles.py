"""Corrections to the stylesheets Material for MkDocs ships, where their rules restyle whole pages.

The palette stylesheet: a rule that restyled every page twice.

Material's palette stylesheet stops all transitions while the colour palette switches, with a rule
on `[data-md-color-switching] *` (and `:before`, `:after`). Material sets that attribute on
`<body>` while every page starts and removes it a frame later, and since the rule reaches every
element, each of the two changes makes the browser restyle the whole document. On the calculator
page (about 1,200 elements) that is a large share of the main thread's work while the page starts.
Lighthouse's mobile performance on that page, without the rule against with it (interleaved runs,
medians): 0.85 against 0.815, total blocking time 591 against 773 ms (10 runs each); and, with the
palette also applied before the first paint (sitegen/material_markup.py), 0.87 against 0.85 and
498 against 567 ms (6 runs each, another hour).

What the reader gives up: when they switch between light and dark, the colours that Material
animates (links, buttons, the header; 125 to 250 ms) fade to the new palette instead of changing
at once.

The rule is removed by its exact text (the theme is pinned). If the theme's stylesheet still names
the attribute but no longer holds this rule exactly once, the build stops and names this file.

The main stylesheet: rules that make any change of an element's `class` restyle everything under it.
Chromium decides what a class change must restyle from the rules that name that class (or the
`class` attribute); when such a rule ends in a part with no class, id or tag (`td>:first-child`),
it restyles the element's whole subtree. Material's bundle switches `<html>` from `no-js` to `js`
as it starts, so on the calculator page (about 710 elements) that was a whole-page restyle inside
the bundle's first task. Two kinds of rule did it, and both had to go before the restyle shrank
(to 217 elements; the bundle's task 86.4 against 101.0 ms on a phone viewport, medians of 8
interleaved cold loads):
- Material's margin resets for the first and last child in a cell of a plain table
  (`.md-typeset table:not([class]) td>:first-child`, the same for `th` and `:last-child`), which
  name the `class` attribute: they now name the block elements those margins apply to. The site's
  plain tables hold only inline elements in their cells (code, links, strong), where vertical
  margins do nothing, so no page looks different.
- the `.no-js` selectors of Material's content-tab rule (the selected tab's border without
  JavaScript): this site uses no content tabs (`pymdownx.tabbed` is not enabled; a build test
  checks that no page has a tab set).
Both are edited by their exact text; if the theme's stylesheet changed, the build stops and names
this file.
"""
from __future__ import annotations

# Where MkDocs writes the theme's palette stylesheet, under the site folder (its name carries a hash).
PALETTE_STYLESHEET_GLOB = "assets/stylesheets/palette.*.min.css"
SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,[data-md-color-switching] :before"
    "{transition-duration:0s!important}"
)


class MaterialStylesChanged(Exception):
    """The theme's stylesheet no longer holds the rule this correction removes."""


def without_switching_rule(css: str) -> str:
    """The palette stylesheet `css` without the rule that stops transitions while the palette switches.

    A stylesheet that never names the attribute is returned as it is: corrected already (MkDocs
    rebuilding only what changed) or a theme that dropped the rule, leaving nothing to do.
    """
    if "data-md-color-switching" not in css:
        return css
    if css.count(SWITCHING_RULE) != 1:
        raise _changed("palette", SWITCHING_RULE)
    return css.replace(SWITCHING_RULE, "")


# Where MkDocs writes the theme's main stylesheet, under the site folder (its name carries a hash).
MAIN_STYLESHEET_GLOB = "assets/stylesheets/main.*.min.css"
# Elements whose vertical margins Material's typeset gives a value: the cell rules keep to these.
_BLOCKS = ":is(address,blockquote,details,div,dl,figure,h1,h2,h3,h4,h5,h6,hr,ol,p,pre,table,ul)"
CELL_RULES = {
    ".md-typeset table:not([class]) td>:first-child,.md-typeset table:not([class]) th>:first-child{margin-top:0}":
        f".md-typeset table:not([class]) td>{_BLOCKS}:first-child,"
        f".md-typeset table:not([class]) th>{_BLOCKS}:first-child{{margin-top:0}}",
    ".md-typeset table:not([class]) td>:last-child,.md-typeset table:not([class]) th>:last-child{margin-bottom:0}":
        f".md-typeset table:not([class]) td>{_BLOCKS}:last-child,"
        f".md-typeset table:not([class]) th>{_BLOCKS}:last-child{{margin-bottom:0}}",
}
# The first selector of Material's content-tab rule that holds `.no-js` selectors.
NO_JS_TAB_SELECTOR = ".md-typeset .no-js .tabbed-set>input:first-child:checked~.tabbed-labels>:first-child"
_NO_JS = ".no-js "


def with_targeted_class_changes(css: str) -> str:
    """The main stylesheet `css` with the cell rules narrowed and the content tabs' `.no-js` selectors
    removed (see the module's docstring); a stylesheet corrected already is returned as it is."""
    if NO_JS_TAB_SELECTOR not in css and all(after in css for after in CELL_RULES.values()):
        return css
    for before, after in CELL_RULES.items():
        if css.count(before) != 1:
            raise _changed("main", before)
        css = css.replace(before, after)
    if css.count(NO_JS_TAB_SELECTOR) != 1:
        raise _changed("main", NO_JS_TAB_SELECTOR)
    at = css.index(NO_JS_TAB_SELECTOR)
    start = max(css.rfind("}", 0, at), css.rfind("{", 0, at)) + 1  # after the rule before it, or its @media
    end = css.index("{", at)
    kept = [selector for selector in css[start:end].split(",") if _NO_JS not in selector]
    return css[:start] + ",".join(kept) + css[end:]


def _changed(which: str, text: str) -> MaterialStylesChanged:
    return MaterialStylesChanged(
        f"Material's {which} stylesheet changed ({text[:40]!r}... not found exactly once); "
        "update sitegen/material_styles.py for the new theme version"
    )
