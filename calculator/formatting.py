"""Every number the calculator shows, formatted once, here: the CLI, the decision record, the
prerendered page and the live page (through Verdict.to_dict's `display`) all read the same text."""
from __future__ import annotations


def format_signed(value: float) -> str:
    """Points as a reader sees them: `+2`, `-1`, `0`."""
    return f"{value:+g}" if value else "0"


def sign_of(value: float) -> str:
    """`positive`, `negative` or `zero`: which way a figure pulls, for a page to style."""
    if not value or value != value:  # zero, or NaN
        return "zero"
    return "positive" if value > 0 else "negative"


def format_percent(value: float) -> str:
    """A 0..1 figure such as confidence, as a whole percentage."""
    return f"{round(value * 100):.0f}%"


def format_money(value: float, symbol: str) -> str:
    """`$1,234.50` for sums, three significant digits for per-call fractions of a cent."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value == 0 or value >= 0.995:
        return f"{sign}{symbol}{value:,.2f}"
    return f"{sign}{symbol}{value:.3g}"


def format_number(value: float) -> str:
    """`300,000` for whole numbers, `0.4` for fractions: what a reader typed, made legible."""
    if isinstance(value, int):
        return f"{value:,}"  # exact, even for ints too large to become floats
    if float(value).is_integer():
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{value:,.2f}".rstrip("0").rstrip(".")  # never `1.23457e+06` for a typed figure
    return f"{value:.6g}"


def format_share(share: float) -> str:
    """A context-window share as a percentage with sensible precision."""
    percent = share * 100
    if percent == 0 or percent >= 10:
        return f"{percent:.0f}%"
    return f"{percent:.1f}%" if percent >= 0.1 else f"{percent:.2g}%"


def format_months(months: float) -> str:
    if months == 0:
        return "immediately"
    if months < 0.1:
        return "within days"
    return f"{months:.1f} months"


def format_plain(value: float) -> str:
    """A number as a URL or a number field carries it: no separators, no needless `.0`."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return repr(float(value))
