"""One correction to a stylesheet Material for MkDocs ships: a rule that restyles every page twice.

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
        raise MaterialStylesChanged(
            f"Material's palette stylesheet changed ({SWITCHING_RULE[:40]!r}... not found exactly once); "
            "update sitegen/material_styles.py for the new theme version"
        )
    return css.replace(SWITCHING_RULE, "")
