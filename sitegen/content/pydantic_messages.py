"""Turn pydantic's validation errors into messages that tell a content editor what to write."""
from __future__ import annotations

import re
from typing import Any, get_args, get_origin

from pydantic import BaseModel

# The calculator words value kinds for YAML authors already; content errors read the same way.
from calculator.values import kind_of


def describe_error(error: dict[str, Any], root: type[BaseModel]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    loc = tuple(error["loc"])
    if kind == "missing":
        return "required key is missing; add it"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(root, loc[:-1])
        return f"unknown key '{loc[-1]}'; allowed keys here: {', '.join(allowed)}" if allowed else f"unknown key '{loc[-1]}'; remove it"
    if kind == "string_type":
        return f"must be text, not {kind_of(error.get('input'))}; quote it if it looks like a number or date"
    if kind == "string_too_short":
        return "must not be empty; write the text or remove the item"
    if kind == "string_pattern_mismatch":
        return f"'{error.get('input')}' is not a valid id; use lowercase words and digits joined by hyphens, like 'task-clarity'"
    if kind == "string_too_long":
        return f"is too long; keep it to {ctx.get('max_length')} characters at most"
    if kind == "too_short":
        need = ctx.get("min_length", 1)
        return "must not be empty; add at least one item" if need == 1 else f"needs at least {need} items, has {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"has too many items; at most {ctx.get('max_length')} allowed"
    if kind in ("list_type", "tuple_type"):
        return f"must be a list (lines starting with '- '), not {kind_of(error.get('input'))}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a mapping of keys to values, not {kind_of(error.get('input'))}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"'{error.get('input')}' is not a valid date; write it as YYYY-MM-DD, like 2026-11-28"
    if kind == "literal_error":
        allowed = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", "")))) or ctx.get("expected")
        return f"'{error.get('input')}' is not allowed; use one of: {allowed}"
    if kind == "enum":
        return f"'{error.get('input')}' is not allowed; use one of: {ctx.get('expected')}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {kind_of(error.get('input'))}"
    if kind in ("float_type", "float_parsing"):
        return f"must be a number, not {kind_of(error.get('input'))}"
    if kind in ("bool_type", "bool_parsing"):
        return "must be true or false"
    if kind.startswith("greater_than") or kind.startswith("less_than"):
        return error["msg"].replace("Input should be", "must be")
    if kind == "value_error":
        return str(ctx.get("error") or error["msg"])
    return error["msg"][0].lower() + error["msg"][1:]


def _allowed_keys(root: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the model found at `loc`, walking lists and dicts by their item types."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        else:
            args = get_args(current)
            if get_origin(current) in (list, tuple) and args:
                current = args[0]
            elif get_origin(current) is dict and len(args) == 2:
                current = args[1]
            else:
                return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and Optional[...] wrappers."""
    while True:
        origin = get_origin(annotation)
        args = get_args(annotation)
        if origin is not None and getattr(origin, "__name__", "") == "Annotated" or (args and hasattr(annotation, "__metadata__")):
            annotation = args[0]
            continue
        if origin is not None and type(None) in args and len(args) == 2:
            annotation = next(a for a in args if a is not type(None))
            continue
        return annotation
