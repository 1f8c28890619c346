"""The correction to Material's bundle: exact, on the pinned theme's own file, loud when it changes."""
from __future__ import annotations

from pathlib import Path

import material
import pytest

from sitegen.material_script import (
    ADDS_META, BUNDLE_GLOB, TAKES_PAGE_META, WRITES_SCHEME, WRITES_SCHEME_IF_CHANGED, MaterialScriptChanged,
    with_page_color_scheme_meta,
)

THEME_DIR = Path(material.__file__).parent / "templates"


def installed_bundle() -> str:
    (path,) = THEME_DIR.glob(BUNDLE_GLOB)
    return path.read_text(encoding="utf-8")


def test_both_edits_are_made_and_nothing_else():
    js = "a();" + ADDS_META + "b();" + WRITES_SCHEME + "c"
    assert with_page_color_scheme_meta(js) == "a();" + TAKES_PAGE_META + "b();" + WRITES_SCHEME_IF_CHANGED + "c"


def test_the_pinned_themes_bundle_holds_each_text_once():
    js = installed_bundle()
    out = with_page_color_scheme_meta(js)
    assert ADDS_META not in out and WRITES_SCHEME not in out
    assert out.count(TAKES_PAGE_META) == 1 and out.count(WRITES_SCHEME_IF_CHANGED) == 1
    assert len(out) - len(js) == len(TAKES_PAGE_META + WRITES_SCHEME_IF_CHANGED) - len(ADDS_META + WRITES_SCHEME)


def test_a_corrected_bundle_is_left_as_it_is():
    js = with_page_color_scheme_meta(installed_bundle())
    assert with_page_color_scheme_meta(js) == js  # a rebuild that kept the corrected file


@pytest.mark.parametrize("js", ["let o=1;", ADDS_META + ADDS_META + WRITES_SCHEME, ADDS_META + "return o.content=a.scheme,"])
def test_a_changed_theme_stops_the_build_naming_this_module(js: str):
    with pytest.raises(MaterialScriptChanged, match=r"update sitegen/material_script.py"):
        with_page_color_scheme_meta(js)
