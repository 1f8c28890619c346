"""The pydantic model of calculator.yml: the one shape check of the calculator's content."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from sitegen.content.models_calculator import CalculatorFile
from shared_models import index_of, set_at  # tests/ is on the path

ROOT = Path(__file__).resolve().parent.parent
RAW = yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8"))


def test_pydantic_model_accepts_the_content_exactly():
    validated = CalculatorFile.model_validate(RAW)
    assert validated.reviewed.isoformat() == "2026-11-28"
    assert [f.id for f in validated.factors] == [f["id"] for f in RAW["factors"]]
    assert (ROOT / "content" / "calculator.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=schemas/calculator.schema.json\n")


# Ranges (points within ±10, a non-negative input minimum) are the calculator model's rules and
# are reported by it, with its wording; the schema only checks what each key holds.
@pytest.mark.parametrize("path, value, kind", [
    (("factors", 0, "options", 0, "weight"), 1, "extra_forbidden"),
    (("factors", 0, "options", 0, "points"), "two", "int_parsing"),
    (("outcomes", 0, "family"), "maybe", "literal_error"),
    (("messages", "no_flips"), "", "string_too_short"),
    (("inputs", 0, "min"), "low", "float_parsing"),
])
def test_pydantic_model_rejects_wrong_shapes(path, value, kind):
    data = copy.deepcopy(RAW)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError) as caught:
        CalculatorFile.model_validate(data)
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [(path, kind)]


def test_json_schema_generates_with_the_model_ranges():
    schema = CalculatorFile.model_json_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"reviewed", "factors", "gates", "outcomes", "inputs", "messages"}
    points = schema["$defs"]["Option"]["properties"]["points"]
    assert (points["minimum"], points["maximum"]) == (-10, 10)


TC = index_of("factors", "task-clarity")
GOV = index_of("factors", "governance")
FALLBACKS = index_of("factors", "fallbacks")
VOL = index_of("factors", "volume")
PROMPT_FIRST = index_of("outcomes", "prompt-first")

# The shape cases the calculator model once checked itself: the schema now words them the same.
SHAPES = [
    ("not-a-mapping", lambda data: data.clear() or data.update({"factors": "none"}),
     [(("factors",), "must be a list (lines starting with '- '), not the text 'none'"),
      (("scoring",), "required key is missing; add it")]),
    ("unknown-key", set_at(("factors", TC, "options", 0, "weight"), 3),
     [(("factors", TC, "options", 0, "weight"), "unknown key 'weight'; allowed keys here: id, label, points, retrieval, range, "
                                                "hard_block, caution")]),
    ("points-not-a-number", set_at(("factors", TC, "options", 0, "points"), "two"),
     [(("factors", TC, "options", 0, "points"), "must be a whole number, not the text 'two'")]),
    ("bad-id", set_at(("factors", TC, "options", 0, "id"), "Stable Task"),
     [(("factors", TC, "options", 0, "id"), "'Stable Task' is not a valid id; use lowercase words and digits joined by hyphens, like 'task-clarity'")]),
    ("bad-family", set_at(("outcomes", PROMPT_FIRST, "family"), "maybe"),
     [(("outcomes", PROMPT_FIRST, "family"), "'maybe' is not allowed; use one of: prompting, not-ready, fine-tuning")]),
    # The keys the calculator change added.
    ("hard-block-not-a-flag", set_at(("factors", GOV, "options", 2, "hard_block"), "yes please"),
     [(("factors", GOV, "options", 2, "hard_block"), "must be true or false")]),
    ("empty-caution", set_at(("factors", FALLBACKS, "options", 3, "caution"), ""),
     [(("factors", FALLBACKS, "options", 3, "caution"), "must not be empty; write the text or remove the item")]),
    ("typical-not-a-number", set_at(("factors", VOL, "options", 0, "range", "typical"), "lots"),
     [(("factors", VOL, "options", 0, "range", "typical"), "must be a number, not the text 'lots'")]),
    ("coverage-weight-missing", lambda data: data["scoring"].pop("coverage_weight"),
     [(("scoring", "coverage_weight"), "required key is missing; add it")]),
    ("conflict-answers-a-list", set_at(("conflicts", 0, "answers"), ["task-clarity", "stable"]),
     [(("conflicts", 0, "answers"), "must be a mapping of keys to values, not a list")]),
    ("conflict-options-not-a-list", set_at(("conflicts", 0, "answers", "task-clarity"), "stable"),
     [(("conflicts", 0, "answers", "task-clarity"), "must be a list (lines starting with '- '), not the text 'stable'")]),
    ("conflict-unknown-key", set_at(("conflicts", 0, "colour"), "red"),
     [(("conflicts", 0, "colour"), "unknown key 'colour'; allowed keys here: id, answers, message")]),
]


@pytest.mark.parametrize("mutate, expected", [pytest.param(m, e, id=i) for i, m, e in SHAPES])
def test_each_wrong_shape_is_reported_in_the_editors_words(mutate, expected):
    from sitegen.content.pydantic_messages import describe_error

    data = copy.deepcopy(RAW)
    mutate(data)
    with pytest.raises(ValidationError) as caught:
        CalculatorFile.model_validate(data)
    problems = [(tuple(e["loc"]), describe_error(e, CalculatorFile)) for e in caught.value.errors()]
    for problem in expected:
        assert problem in problems
