"""Pydantic model of content/calculator.yml: types and shapes for the loader and the JSON Schema.

This is the one shape check of calculator.yml. The calculator's own rules (neutral defaults,
gate monotonicity, a total decision table, known link ids, message placeholders, ranges) are
checked when the loader builds `calculator.Model` from the validated data; this file only says
what each key holds.
"""
from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, create_model

from calculator.model import FAMILIES, GATE_STATES, LEANS, MESSAGE_FIELDS, POINTS_LIMIT

from .models import Id, Markdown, Reviewed, Strict, Text


# Ranges the calculator's own checks word for an editor ("must be between -10 and 10, not 11"); the
# schema still tells editors' tools about them, but the build reports them once, from the model.
_POINTS_RANGE = {"minimum": -POINTS_LIMIT, "maximum": POINTS_LIMIT}


class Scoring(Strict):
    """How points turn into a verdict."""

    fine_tuning_threshold: int = Field(description="Total points at or above this lean toward fine-tuning.")
    retrieval_threshold: int = Field(ge=1, description="Retrieval points at or above this add retrieval or tools to the verdict.")
    full_confidence_margin: float = Field(gt=0, description="Distance from the threshold, in points, at which confidence reaches 1.")
    strong_pull: int = Field(ge=1, description="An answer worth this many points or more, either way, is a strong pull.")
    opposing_pull_total: int = Field(ge=1, description="Warn when strong pulls add up to this much on both sides.")
    context_share_warning: float = Field(json_schema_extra={"exclusiveMinimum": 0, "maximum": 1},
                                         description="Warn when the prompt fills more than this share of the context window.")
    coverage_weight: float = Field(json_schema_extra={"minimum": 0, "exclusiveMaximum": 1},
                                   description="Share of confidence that rests on how many questions were answered.")
    conflict_penalty: float = Field(json_schema_extra={"exclusiveMinimum": 0, "exclusiveMaximum": 1},
                                    description="Each pair of contradicting answers multiplies confidence by this.")
    hard_block_confidence: float = Field(json_schema_extra={"exclusiveMinimum": 0, "exclusiveMaximum": 1},
                                         description="Least confidence of a verdict against fine-tuning once a hard block is answered.")


class ConfidenceBand(Strict):
    id: Id
    label: Text
    min: float = Field(ge=0, le=1, description="Lower bound of the band; bands ascend and the first starts at 0.")


class OptionRange(Strict):
    """Values of the factor's measured input that agree with this option: min <= value < max."""

    min: float = Field(ge=0)
    max: float | None = Field(default=None, description="Leave out for no upper limit.")
    typical: float | None = Field(default=None, description="The figure the cost arithmetic uses when only this option is answered.")


class Option(Strict):
    id: Id
    label: Text
    points: int = Field(json_schema_extra=_POINTS_RANGE, description="Positive: toward fine-tuning. Negative: toward prompting.")
    retrieval: int = Field(default=0, json_schema_extra={"minimum": 0, "maximum": POINTS_LIMIT}, description="Points toward adding retrieval or tools.")
    range: OptionRange | None = None
    hard_block: bool = Field(default=False, description="Rules fine-tuning out outright; must fail a gate of its factor.")
    caution: Text | None = Field(default=None, description="A warning shown whenever this option is chosen, whatever the verdict.")


class Factor(Strict):
    """A question with options; the eight checklist ids are required factors."""

    id: Id
    title: Text
    question: Text
    help: Markdown | None = None
    default: Id = Field(description="Option taken when the question is unanswered; must give 0 points.")
    measures: Id | None = Field(default=None, description="Numeric input id that the options' ranges describe.")
    links: list[Id] = Field(default_factory=list, description="Site ids backing this question.")
    options: list[Option] = Field(min_length=2)


class Gate(Strict):
    """A precondition for recommending fine-tuning."""

    id: Id
    title: Text
    factor: Id
    passes_with: list[Id] = Field(min_length=1, description="Options of the factor that meet the gate.")
    requirement: Text
    fix: Text = Field(description="What would satisfy the gate; shown when it fails.")


class When(Strict):
    """The cases an outcome covers; a key left out means either value."""

    lean: Literal[LEANS] | None = None  # type: ignore[valid-type]
    gates: Literal[GATE_STATES] | None = None  # type: ignore[valid-type]
    retrieval: bool | None = None


class Outcome(Strict):
    id: Id
    family: Literal[FAMILIES]  # type: ignore[valid-type]
    when: When
    label: Text
    summary: Markdown
    next_steps: list[Text] = Field(min_length=1)
    links: list[Id] = Field(default_factory=list)


class CostSettings(Strict):
    currency: Text
    symbol: Text
    note: Text = Field(description="Says that the default figures are examples to replace with the reader's own prices.")


class NumericInput(Strict):
    id: Id
    label: Text
    unit: Text
    min: float = Field(json_schema_extra={"minimum": 0})
    max: float
    default: float = Field(description="An example figure, to be replaced with the reader's own.")
    step: float = Field(default=1, gt=0)
    help: Text | None = None


Messages = create_model(
    "Messages",
    __base__=Strict,
    **{
        key: (Text, Field(description="Placeholders: " + (", ".join("{" + n + "}" for n in names) or "none")))
        for key, names in MESSAGE_FIELDS.items()
    },
)


class Conflict(Strict):
    """Two answers that contradict each other."""

    id: Id
    answers: dict[Id, list[Id]] = Field(description="Exactly two factor ids, each with the options that clash.")
    message: Text = Field(description="Placeholders: {first}, {second} (each answer as its factor and option label).")


class CalculatorFile(Strict):
    """content/calculator.yml: the calculator's factors, gates, outcomes, cost inputs and wording."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reviewed: Reviewed
    title: Text
    intro: Markdown
    scoring: Scoring
    confidence_bands: list[ConfidenceBand] = Field(min_length=1)
    factors: list[Factor] = Field(min_length=1)
    gates: list[Gate] = Field(min_length=1)
    outcomes: list[Outcome] = Field(min_length=1)
    cost: CostSettings
    inputs: list[NumericInput] = Field(min_length=1)
    messages: Messages  # type: ignore[valid-type]
    conflicts: list[Conflict] = Field(default_factory=list)
