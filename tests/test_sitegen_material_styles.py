"""The correction to Material's palette stylesheet: exact, on the pinned theme's own file, loud when it changes."""
from __future__ import annotations

from pathlib import Path

import material
import pytest

from sitegen.material_styles import (
    PALETTE_STYLESHEET_GLOB, SWITCHING_RULE, MaterialStylesChanged, without_switching_rule,
)

THEME_DIR = Path(material.__file__).parent / "templates"


def installed_palette_stylesheet() -> str:
    (path,) = THEME_DIR.glob(PALETTE_STYLESHEET_GLOB)
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
