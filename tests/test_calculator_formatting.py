"""Every number the calculator shows, formatted in one place: points, signs, money, numbers, shares, months."""
from __future__ import annotations

import pytest

from calculator.formatting import (
    format_money,
    format_months,
    format_number,
    format_percent,
    format_plain,
    format_share,
    format_signed,
    sign_of,
)


@pytest.mark.parametrize("value, text", [
    (0, "$0.00"), (288, "$288.00"), (1234567.891, "$1,234,567.89"), (0.00096, "$0.00096"),
    (0.5, "$0.5"), (-42.666, "-$42.67"), (0.996, "$1.00"),
])
def test_money_format(value, text):
    assert format_money(value, "$") == text


@pytest.mark.parametrize("value, text", [(300000, "300,000"), (0.4, "0.4"), (2.0, "2"), (1500.5, "1,500.5")])
def test_number_format(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("share, text", [(0.75, "75%"), (0.0140625, "1.4%"), (0.00234, "0.2%"), (0.0000234, "0.0023%"), (0, "0%")])
def test_share_format(share, text):
    assert format_share(share) == text


@pytest.mark.parametrize("months, text", [(5.857, "5.9 months"), (0.05, "within days"), (0, "immediately")])
def test_months_format(months, text):
    assert format_months(months) == text


@pytest.mark.parametrize("value, text", [(2, "+2"), (-1, "-1"), (0, "0"), (-0.0, "0"), (0.5, "+0.5"), (-10, "-10")])
def test_signed_points_carry_their_sign_and_zero_has_none(value, text):
    assert format_signed(value) == text


@pytest.mark.parametrize("value, sign", [
    (3, "positive"), (0.001, "positive"), (-2, "negative"), (-0.5, "negative"), (0, "zero"), (-0.0, "zero"),
    (float("nan"), "zero"), (float("inf"), "positive"), (float("-inf"), "negative"),
])
def test_sign_of(value, sign):
    assert sign_of(value) == sign


@pytest.mark.parametrize("value, text", [
    # Sums: two decimals, thousands separators, the sign before the symbol.
    (1000, "£1,000.00"), (2.5, "£2.50"), (-1234.567, "-£1,234.57"), (1e9, "£1,000,000,000.00"),
    # Fractions of a cent (per-call prices): three significant digits, never rounded away to 0.00.
    (0.0004567, "£0.000457"), (0.994, "£0.994"), (-0.00096, "-£0.00096"),
])
def test_money_sums_and_fractions_of_a_cent(value, text):
    assert format_money(value, "£") == text


@pytest.mark.parametrize("value, text", [
    (0, "0"), (7, "7"), (-3, "-3"), (1_000_000, "1,000,000"),
    # Ints stay exact however large: no float rounding, no exponent.
    (10**30, "1,000,000,000,000,000,000,000,000,000,000"), (2**64 + 1, "18,446,744,073,709,551,617"),
    # Whole floats read like ints.
    (2.0, "2"), (1e21, "1,000,000,000,000,000,000,000"),
    # Fractions: six significant digits, separators from a thousand on.
    (999.1234567, "999.123"), (12345.678, "12,345.68"), (-1234.5, "-1,234.5"), (1234567.5, "1,234,567.5"),
])
def test_number_ints_huge_ints_and_fractions(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("share, text", [(0.1, "10%"), (1.5, "150%"), (0.001, "0.1%"), (0.00099, "0.099%")])
def test_share_precision_steps(share, text):
    assert format_share(share) == text


@pytest.mark.parametrize("months, text", [(0.099, "within days"), (0.1, "0.1 months"), (12, "12.0 months")])
def test_months_around_the_within_days_step(months, text):
    assert format_months(months) == text


@pytest.mark.parametrize("value, text", [(0.6875, "69%"), (0, "0%"), (1, "100%"), (0.3125, "31%")])
def test_percent_is_a_whole_percentage(value, text):
    assert format_percent(value) == text


@pytest.mark.parametrize("value, text", [
    (3, "3"), (3.0, "3"), (-2.0, "-2"), (2500000.0, "2500000"), (0.4, "0.4"), (1500.5, "1500.5"),
    (10**30, "1000000000000000000000000000000"), (1e20, "100000000000000000000"),
])
def test_plain_numbers_have_no_separators_and_no_needless_point_zero(value, text):
    assert format_plain(value) == text
