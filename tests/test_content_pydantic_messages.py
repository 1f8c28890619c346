"""describe_error: pydantic's error types, each worded for a content editor."""
from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Literal

import pytest
from pydantic import Field, StringConstraints, ValidationError, field_validator

from sitegen.content.models import Id, Strict, Text
from sitegen.content.pydantic_messages import describe_error


class Colour(enum.Enum):
    red = "red"
    blue = "blue"


class Leaf(Strict):
    id: Id
    name: Text


class Root(Strict):
    when: dt.date | None = None
    leaves: list[Leaf] = []
    by_name: dict[str, Leaf] = {}
    single: Leaf | None = None
    pair: list[int] = Field(default=[1, 2], min_length=2, max_length=3)
    some: list[int] = Field(default=[1], min_length=1)
    short: Annotated[str, StringConstraints(max_length=5)] = "x"
    mode: Literal["a", "b"] = "a"
    colour: Colour = Colour.red
    count: int = 0
    ratio: float = 0.0
    flag: bool = False
    positive: int = Field(default=1, gt=0)
    share: float = Field(default=0, le=1)
    text: str = ""
    checked: str = "ok"

    @field_validator("checked")
    @classmethod
    def _must_say_ok(cls, value: str) -> str:
        if value != "ok":
            raise ValueError("must say ok; write ok")
        return value


ROOT_KEYS = "when, leaves, by_name, single, pair, some, short, mode, colour, count, ratio, flag, positive, share, text, checked"

# (case id, data, expected error type, its location, the message)
CASES = [
    ("missing", {"leaves": [{"id": "a"}]}, "missing", ("leaves", 0, "name"), "required key is missing; add it"),
    ("unknown-key-in-list-item", {"leaves": [{"id": "a", "name": "n", "colour": 1}]}, "extra_forbidden",
     ("leaves", 0, "colour"), "unknown key 'colour'; allowed keys here: id, name"),
    ("unknown-key-in-dict-value", {"by_name": {"k": {"id": "a", "name": "n", "x": 1}}}, "extra_forbidden",
     ("by_name", "k", "x"), "unknown key 'x'; allowed keys here: id, name"),
    ("unknown-key-in-optional", {"single": {"id": "a", "name": "n", "x": 1}}, "extra_forbidden",
     ("single", "x"), "unknown key 'x'; allowed keys here: id, name"),
    ("unknown-key-at-top", {"x": 1}, "extra_forbidden", ("x",), f"unknown key 'x'; allowed keys here: {ROOT_KEYS}"),
    ("text-not-a-number", {"text": 42}, "string_type", ("text",),
     "must be text, not the number 42; quote it if it looks like a number or date"),
    ("text-not-empty", {"text": None}, "string_type", ("text",),
     "must be text, not nothing (the value is empty); quote it if it looks like a number or date"),
    ("blank-text", {"leaves": [{"id": "a", "name": "  "}]}, "string_too_short", ("leaves", 0, "name"),
     "must not be empty; write the text or remove the item"),
    ("bad-id", {"leaves": [{"id": "Bad Id", "name": "n"}]}, "string_pattern_mismatch", ("leaves", 0, "id"),
     "'Bad Id' is not a valid id; use lowercase words and digits joined by hyphens, like 'task-clarity'"),
    ("too-long-text", {"short": "toolong"}, "string_too_long", ("short",), "is too long; keep it to 5 characters at most"),
    ("empty-list", {"some": []}, "too_short", ("some",), "must not be empty; add at least one item"),
    ("list-too-short", {"pair": [1]}, "too_short", ("pair",), "needs at least 2 items, has 1"),
    ("list-too-long", {"pair": [1, 2, 3, 4]}, "too_long", ("pair",), "has too many items; at most 3 allowed"),
    ("not-a-list", {"leaves": "none"}, "list_type", ("leaves",),
     "must be a list (lines starting with '- '), not the text 'none'"),
    ("item-not-a-mapping", {"leaves": ["x"]}, "model_type", ("leaves", 0),
     "must be a mapping of keys to values, not the text 'x'"),
    ("not-a-dict", {"by_name": 3}, "dict_type", ("by_name",), "must be a mapping of keys to values, not the number 3"),
    ("impossible-date", {"when": "2026-02-30"}, "date_from_datetime_parsing", ("when",),
     "'2026-02-30' is not a valid date; write it as YYYY-MM-DD, like 2026-11-28"),
    ("not-a-date", {"when": "yesterday"}, "date_from_datetime_parsing", ("when",),
     "'yesterday' is not a valid date; write it as YYYY-MM-DD, like 2026-11-28"),
    ("literal", {"mode": "c"}, "literal_error", ("mode",), "'c' is not allowed; use one of: a, b"),
    ("enum", {"colour": "green"}, "enum", ("colour",), "'green' is not allowed; use one of: 'red' or 'blue'"),
    ("int-from-text", {"count": "two"}, "int_parsing", ("count",), "must be a whole number, not the text 'two'"),
    ("int-from-fraction", {"count": 2.5}, "int_from_float", ("count",), "must be a whole number, not the number 2.5"),
    ("int-from-list", {"count": [1]}, "int_type", ("count",), "must be a whole number, not a list"),
    ("float-from-text", {"ratio": "lots"}, "float_parsing", ("ratio",), "must be a number, not the text 'lots'"),
    ("float-from-mapping", {"ratio": {"a": 1}}, "float_type", ("ratio",), "must be a number, not a mapping"),
    ("bool", {"flag": "maybe"}, "bool_parsing", ("flag",), "must be true or false"),
    ("greater-than", {"positive": 0}, "greater_than", ("positive",), "must be greater than 0"),
    ("less-than-or-equal", {"share": 2}, "less_than_equal", ("share",), "must be less than or equal to 1"),
    ("validator", {"checked": "no"}, "value_error", ("checked",), "must say ok; write ok"),
]


@pytest.mark.parametrize("data, kind, loc, message", [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_each_error_type_is_worded_for_an_editor(data, kind, loc, message):
    with pytest.raises(ValidationError) as caught:
        Root.model_validate(data)
    errors = caught.value.errors()
    assert [(e["type"], e["loc"]) for e in errors] == [(kind, loc)]
    assert describe_error(errors[0], Root) == message


def test_an_unknown_key_under_a_non_model_lists_nothing_allowed():
    error = {"type": "extra_forbidden", "loc": ("mode", "x"), "msg": "Extra inputs are not permitted"}
    assert describe_error(error, Root) == "unknown key 'x'; remove it"


def test_an_unlisted_error_type_keeps_pydantics_message_in_lower_case():
    error = {"type": "url_parsing", "loc": ("x",), "msg": "Input should be a valid URL"}
    assert describe_error(error, Root) == "input should be a valid URL"
