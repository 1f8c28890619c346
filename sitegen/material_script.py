"""One correction to the script Material for MkDocs ships: its colour-scheme meta restyled every page twice.

When Material's bundle starts, its palette adds an empty `<meta name="color-scheme">` to the head
and then writes the header's computed colour scheme into it. Chromium restyles the whole document
on each of those two changes (the first changes no colour at all), and the bundle reads styles
right after each, so both restyles happen inside the bundle's first task. On
the calculator page (about 710 elements, phone viewport) they took about 30 ms each, a third of
that task; Lighthouse's mobile preset multiplies it by four.

The pages now carry that meta themselves (`overrides/main.html`, with the colour scheme of
Material's default palette), and the bundle, corrected here, takes the page's meta instead of
adding one and writes it only when the scheme differs. A reader whose palette is light (and
Lighthouse) gets neither restyle; a reader whose palette is dark gets one, when the bundle writes
"dark", as before. Material keeps the meta in step with the palette exactly as it did: it is the
same meta element, now the page's.

Both edits are made by their exact text in the pinned theme's minified bundle. If the theme's
bundle no longer holds either text exactly once, the build stops and names this file. The bundle's
source map then points a few characters off for the rest of that line; nothing reads it but a
developer's debugger.
"""
from __future__ import annotations

# Where MkDocs writes the theme's bundle, under the site folder (its name carries a hash).
BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"
# Material's palette, as minified in the pinned bundle: `o` is the colour-scheme meta, `a` the
# header's computed style.
ADDS_META = 'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);'
TAKES_PAGE_META = (
    "let o=document.querySelector('meta[name=\"color-scheme\"]')"
    '||document.head.appendChild(x("meta",{name:"color-scheme"}));'
)
WRITES_SCHEME = "return o.content=a.colorScheme,"
WRITES_SCHEME_IF_CHANGED = "return o.content!==a.colorScheme&&(o.content=a.colorScheme),"
_EDITS = ((ADDS_META, TAKES_PAGE_META), (WRITES_SCHEME, WRITES_SCHEME_IF_CHANGED))


class MaterialScriptChanged(Exception):
    """The theme's bundle no longer holds the code this correction edits."""


def with_page_color_scheme_meta(js: str) -> str:
    """Material's bundle `js`, taking the page's colour-scheme meta and writing it only on a change.

    A bundle corrected already (MkDocs rebuilding only what changed) is returned as it is.
    """
    if all(after in js for _, after in _EDITS):
        return js
    for before, after in _EDITS:
        if js.count(before) != 1:
            raise MaterialScriptChanged(
                f"Material's bundle changed ({before[:40]!r}... not found exactly once); "
                "update sitegen/material_script.py for the new theme version"
            )
        js = js.replace(before, after)
    return js
