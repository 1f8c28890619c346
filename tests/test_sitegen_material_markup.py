"""The corrections to Material's page markup: exact, named, and loud when the theme changes."""
from __future__ import annotations

import pytest

from sitegen.material_markup import MaterialMarkupChanged, correct_material_markup

PAGE = """<body>
    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
<div class="md-search" data-md-component="search" role="dialog">
  <input type="text" class="md-search__input" name="query" aria-label="Search &amp; find" placeholder="Search" autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false">
</div></body>"""


def test_checkbox_toggles_lose_autocomplete_and_the_search_field_loses_autocorrect():
    out = correct_material_markup(PAGE)
    assert 'type="checkbox" id="__drawer">' in out and 'type="checkbox" id="__search">' in out
    assert out.count('autocomplete="off"') == 1  # kept on the text field, where it is valid
    assert "autocorrect" not in out


def test_the_search_dialog_is_named_by_the_search_fields_own_label():
    out = correct_material_markup(PAGE)
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search &amp; find">' in out


def test_pages_without_the_theme_header_pass_unchanged():
    redirect = '<html><head><meta http-equiv="refresh" content="0; url=../new/"></head></html>'
    assert correct_material_markup(redirect) == redirect


def test_a_changed_theme_stops_the_build_naming_this_module():
    with pytest.raises(MaterialMarkupChanged, match=r"update sitegen/material_markup.py"):
        correct_material_markup(PAGE.replace('role="dialog"', 'role="search-dialog"'))


PALETTE_INPUT = ('<input class="md-option" data-md-color-media="{media}" data-md-color-scheme="default" '
                 'type="radio" name="__palette" id="__palette_0">')
PALETTE_SCRIPT = '<script>var palette=__md_get("__palette");if(palette&&palette.color){}</script>'


def test_a_system_following_first_palette_is_applied_when_none_is_saved():
    page = PAGE.replace("<body>", "<body>" + PALETTE_INPUT.format(media="(prefers-color-scheme)") + PALETTE_SCRIPT)
    out = correct_material_markup(page)
    assert '<script>var palette=__md_get("__palette")||{color:{media:"(prefers-color-scheme)"}};if(' in out


def test_a_fixed_first_palette_leaves_the_palette_script_as_it_is():
    page = PAGE.replace("<body>", "<body>" + PALETTE_INPUT.format(media="(prefers-color-scheme: light)") + PALETTE_SCRIPT)
    assert PALETTE_SCRIPT in correct_material_markup(page)


def test_a_changed_palette_script_stops_the_build_naming_this_module():
    page = PAGE.replace("<body>", "<body>" + PALETTE_INPUT.format(media="(prefers-color-scheme)") + "<script>var p=1</script>")
    with pytest.raises(MaterialMarkupChanged, match=r"update sitegen/material_markup.py"):
        correct_material_markup(page)
