"""How a value is echoed in a one-line message, how its kind is named, and what counts as a number."""
from __future__ import annotations

import pytest

from calculator.values import is_number, kind_of, shown


@pytest.mark.parametrize("text, expected", [
    ("plain", "plain"),
    ("a\nb", "a\\nb"),
    ("tab\there", "tab\\there"),
    ("nul\x00", "nul\\x00"),
    ("del\x7f", "del\\x7f"),
    ("line\u2028sep\u2029", "line\\u2028sep\\u2029"),
    ("é and “quotes”", "é and “quotes”"),  # printable text is left alone
])
def test_shown_escapes_control_characters(text, expected):
    assert shown(text) == expected
    assert "\n" not in shown(text)


def test_shown_cuts_long_text_at_the_limit():
    assert shown("x" * 40) == "x" * 40
    assert shown("x" * 41) == "x" * 40 + "…"
    assert shown("abcdef", limit=3) == "abc…"


def test_shown_cuts_before_escaping_so_escapes_are_never_split():
    assert shown("\n" * 45) == "\\n" * 40 + "…"
    assert shown("ab\ncd", limit=3) == "ab\\n…"


def test_shown_accepts_any_value():
    assert shown(42) == "42"
    assert shown(None) == "None"
    assert shown(("a", 1)) == "('a', 1)"


@pytest.mark.parametrize("value, kind", [
    (None, "nothing (the value is empty)"),
    (True, "true/false"),
    (False, "true/false"),
    (3, "the number 3"),
    (2.5, "the number 2.5"),
    (float("nan"), "the number nan"),
    ("hi", "the text 'hi'"),
    ("x" * 40, "the text '" + "x" * 40 + "'"),
    ("x" * 41, "a long text"),
    ("a\nb", "the text 'a\\nb'"),
    ({"a": 1}, "a mapping"),
    ([1], "a list"),
    ((1,), "a list"),
    (b"bytes", "bytes"),
])
def test_kind_of_names_a_value_as_a_yaml_author_would(value, kind):
    assert kind_of(value) == kind


@pytest.mark.parametrize("value", [0, -3, 1.5, 1e308, 10**400])
def test_finite_ints_and_floats_are_numbers(value):
    assert is_number(value) is True


@pytest.mark.parametrize("value", [True, False, float("inf"), float("-inf"), float("nan"), "1", None, [1], {"a": 1}])
def test_bools_infinities_nan_and_non_numbers_are_not_numbers(value):
    assert is_number(value) is False
