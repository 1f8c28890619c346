"""The corrections to Material's stylesheets: exact, on the pinned theme's own files, loud when they change."""
from __future__ import annotations

from pathlib import Path

import material
import pytest

from sitegen.material_styles import (
    CELL_RULES, MAIN_STYLESHEET_GLOB, NO_JS_TAB_SELECTOR, PALETTE_STYLESHEET_GLOB, SWITCHING_RULE,
    MaterialStylesChanged, with_targeted_class_changes, without_switching_rule,
)

THEME_DIR = Path(material.__file__).parent / "templates"


def installed_palette_stylesheet() -> str:
    (path,) = THEME_DIR.glob(PALETTE_STYLESHEET_GLOB)
    return path.read_text(encoding="utf-8")


def installed_main_stylesheet() -> str:
    (path,) = THEME_DIR.glob(MAIN_STYLESHEET_GLOB)
    return path.read_text(encoding="utf-8")


def test_the_rule_is_removed_and_nothing_else():
    css = "a{color:red}@media screen{b{color:blue}" + SWITCHING_RULE + "}i{color:green}"
    assert without_switching_rule(css) == "a{color:red}@media screen{b{color:blue}}i{color:green}"


def test_the_pinned_themes_stylesheet_holds_the_rule_once_and_loses_every_switching_selector():
    css = installed_palette_stylesheet()
    out = without_switching_rule(css)
    assert "data-md-color-switching" not in out
    assert len(css) - len(out) == len(SWITCHING_RULE)


def test_a_stylesheet_without_the_attribute_is_left_as_it_is():
    css = without_switching_rule(installed_palette_stylesheet())
    assert without_switching_rule(css) == css  # a rebuild that kept the corrected file
    assert without_switching_rule("a{color:red}") == "a{color:red}"


@pytest.mark.parametrize("css", ["[data-md-color-switching] *{transition:none}", SWITCHING_RULE + SWITCHING_RULE])
def test_a_changed_theme_stops_the_build_naming_this_module(css: str):
    with pytest.raises(MaterialStylesChanged, match=r"update sitegen/material_styles.py"):
        without_switching_rule(css)


TAB_RULE = (".md-typeset .no-js .tabbed-set>input:first-child:checked~.tabbed-labels>:first-child,"
            "[role=dialog] .tabbed-set>input:first-child:checked~.tabbed-labels>:first-child,"
            ".no-js .md-typeset .tabbed-set>input:nth-child(2):checked~.tabbed-labels>:nth-child(2)"
            "{border-color:red}")
TINY_MAIN = "a{color:red}" + "".join(CELL_RULES) + "@media print{" + TAB_RULE + "}.no-js .md-sidebar{display:none}"


def test_the_cell_rules_are_narrowed_and_only_the_tab_rules_no_js_selectors_go():
    out = with_targeted_class_changes(TINY_MAIN)
    assert out == ("a{color:red}" + "".join(CELL_RULES.values()) + "@media print{"
                   "[role=dialog] .tabbed-set>input:first-child:checked~.tabbed-labels>:first-child{border-color:red}}"
                   ".no-js .md-sidebar{display:none}")


def test_the_pinned_themes_main_stylesheet_is_corrected_and_keeps_its_other_no_js_rules():
    css = installed_main_stylesheet()
    out = with_targeted_class_changes(css)
    assert not any(before in out for before in CELL_RULES)
    assert all(out.count(after) == 1 for after in CELL_RULES.values())
    assert ".no-js .md-typeset .tabbed" not in out and ".md-typeset .no-js .tabbed" not in out
    assert ".no-js .md-sidebar{" in out  # the sidebars and search without JavaScript are untouched
    assert with_targeted_class_changes(out) == out  # a rebuild that kept the corrected file


@pytest.mark.parametrize("css", [
    TINY_MAIN.replace(NO_JS_TAB_SELECTOR, ".md-typeset .no-js .tabs"),
    TINY_MAIN.replace("td>:first-child", "td>:first-of-type"),
    TINY_MAIN + TAB_RULE,
])
def test_a_changed_main_stylesheet_stops_the_build_naming_this_module(css: str):
    with pytest.raises(MaterialStylesChanged, match=r"Material's main stylesheet changed.*update sitegen/material_styles.py"):
        with_targeted_class_changes(css)
