"""How a value is shown inside a one-line message, and what counts as a number.

The calculator's answer checks and the site's content errors both word values this way, so an
editor and a reader meet one voice.
"""
from __future__ import annotations

import math
import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def shown(text: object, limit: int = 40) -> str:
    """Text safe to echo inside a one-line message: control characters escaped, long text cut."""
    text = str(text)
    cut = text[:limit] + "…" if len(text) > limit else text
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], cut)


def kind_of(value: object) -> str:
    """Name a value's kind for an error message, the way a YAML author thinks of it."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{shown(value)}'" if len(value) <= 40 else "a long text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__


def is_number(value: object) -> bool:
    """True for finite ints and floats; YAML's true/false are not numbers."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return isinstance(value, int) or math.isfinite(value)  # ints are exact; a huge one would overflow isfinite
