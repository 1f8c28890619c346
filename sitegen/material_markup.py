"""Four corrections to the markup Material for MkDocs writes into every page.

Material's base template puts them outside any block a theme override can replace, so they are
corrected in the finished HTML instead, each by its exact, known text (the theme is pinned).
Three make the pages validate:

- `autocomplete` on the two hidden checkbox toggles (drawer, search) is invalid HTML: the
  attribute is only allowed on text-like inputs (the Nu HTML checker reports it on every page);
- `autocorrect` on the search field is a non-standard attribute (also reported);
- the search dialog has no accessible name (Lighthouse `aria-dialog-name`): it is named with the
  label Material already gives the search field, so no wording is typed here.

The fourth paints the reader's own palette first. The site's first palette follows the system's
light or dark setting, but Material's inline script right after the palette's inputs applies only
a palette saved by an earlier page, so on a reader's first page the light palette was painted and
Material's bundle switched to the dark one later. The script now takes that first palette when
nothing is saved, and picks light or dark itself, before anything is painted; Material's bundle
then finds the palette already in place. (This also keeps that switch from restyling and
animating the page: see sitegen/material_styles.py.)

If the theme's markup changes, the build stops and names this file rather than publishing pages
that quietly lost a fix.
"""
from __future__ import annotations

import html
import json
import re

_TOGGLES = (
    ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    ('<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
     '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'),
)
_SEARCH_FIELD_AUTOCORRECT = ' autocapitalize="off" autocorrect="off" autocomplete="off"'
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# Material's inline palette script starts so; the first palette input's media says which palette is
# Material's default, and this one follows the system's setting.
_PALETTE_SCRIPT_START = '<script>var palette=__md_get("__palette");'
_FIRST_PALETTE_MEDIA = re.compile(r'<input class="md-option" data-md-color-media="([^"]*)"')
_SYSTEM_MEDIA = "(prefers-color-scheme)"
_SEARCH_FIELD_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


class MaterialMarkupChanged(Exception):
    """The theme no longer writes the markup these corrections expect."""


def correct_material_markup(page_html: str) -> str:
    """`page_html` with the corrections applied; pages without Material's header are returned as they are."""
    if "md-toggle" not in page_html:
        return page_html  # not a page of the theme (e.g. a redirect page)
    for before, after in _TOGGLES:
        page_html = _replace_once(page_html, before, after)
    page_html = _replace_once(page_html, _SEARCH_FIELD_AUTOCORRECT, ' autocapitalize="off" autocomplete="off"')
    label = _SEARCH_FIELD_LABEL.search(page_html)
    if label is None:
        raise MaterialMarkupChanged(_changed("the search field's aria-label"))
    named = _SEARCH_DIALOG[:-1] + f' aria-label="{html.escape(html.unescape(label.group(1)))}">'
    return _system_palette_when_none_saved(_replace_once(page_html, _SEARCH_DIALOG, named))


def _system_palette_when_none_saved(page_html: str) -> str:
    """Material's inline palette script, defaulting to the system-following palette when it is the first."""
    first = _FIRST_PALETTE_MEDIA.search(page_html)
    if first is None or first.group(1) != _SYSTEM_MEDIA:
        return page_html  # no palette, or a fixed one first: the page is painted in it already
    default = f"{{color:{{media:{json.dumps(_SYSTEM_MEDIA)}}}}}"
    return _replace_once(page_html, _PALETTE_SCRIPT_START, _PALETTE_SCRIPT_START[:-1] + f"||{default};")


def _replace_once(text: str, before: str, after: str) -> str:
    if text.count(before) != 1:
        raise MaterialMarkupChanged(_changed(before))
    return text.replace(before, after)


def _changed(what: str) -> str:
    return (f"Material's page markup changed ({what!r} not found exactly once); "
            "update sitegen/material_markup.py for the new theme version")
