"""Score answers against the model and explain the verdict.

The rule, in full (the methodology page prints it with the model's figures):

1. Each factor's chosen option gives integer points; an unanswered factor takes its neutral
   default (0 points). The total leans toward fine-tuning when it reaches the threshold.
2. Each gate passes when its factor's answer is one of the gate's options.
3. Retrieval points, summed the same way, decide whether retrieval or tools join the verdict.
4. (lean, every gate passes, retrieval) picks exactly one outcome from the model's table.

Because passing options always outscore failing ones and the table never lowers the outcome's
family as lean and gates improve, an answer moved toward fine-tuning cannot move the verdict
away from fine-tuning. The model checks both rules when it is built.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .answers import Answers
from .cost import CostFigures, compute
from .flips import Decision, Flip, decide, find_flips
from .formatting import format_money, format_number, format_share, format_signed
from .model import ConfidenceBand, Model, Outcome
from .view import verdict_view


@dataclass(frozen=True)
class Contribution:
    """What one answered factor added to the score."""

    factor: str
    title: str
    option: str
    option_label: str
    points: int
    retrieval: int


@dataclass(frozen=True)
class GateResult:
    id: str
    title: str
    factor: str
    option: str
    answered: bool
    passed: bool
    requirement: str
    fix: str


@dataclass(frozen=True)
class Notice:
    """A warning about the answers: something to check before trusting the verdict."""

    id: str
    message: str
    factors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assumption:
    """One figure the cost arithmetic used, and whether the reader gave it or it is an example."""

    id: str
    label: str
    value: float
    unit: str
    source: str  # "answer" (the reader's figure), "implied" (by an answer, see from_factor) or "example"
    from_factor: str | None = None


@dataclass(frozen=True)
class CostReport:
    figures: CostFigures
    assumptions: tuple[Assumption, ...]
    currency: str
    symbol: str
    note: str
    never_reason: str | None  # the sentence saying why fine-tuning never pays back


@dataclass(frozen=True)
class Confidence:
    """What the confidence is made of; the methodology page prints the same formula.

    value = margin part x (1 - coverage weight x share unanswered), raised to the hard-block floor
    when a hard block rules fine-tuning out, then x conflict penalty for each standing conflict.
    """

    value: float
    margin_part: float  # min(1, margin / full-confidence margin)
    coverage: float  # share of questions answered
    coverage_factor: float
    hard_block: bool  # an answered option rules fine-tuning out
    conflicts: int
    conflict_factor: float


@dataclass(frozen=True)
class Verdict:
    """An explained verdict. `to_dict()` is the JSON the CLI prints and the browser paints."""

    outcome: Outcome
    lean: str
    score: int
    threshold: int
    margin: float  # distance of the score from the boundary between the two leans
    confidence: float  # 0..1: margin, questions answered, hard blocks and conflicts (see Confidence)
    confidence_parts: Confidence
    confidence_band: ConfidenceBand
    retrieval_points: int
    retrieval_threshold: int
    retrieval_needed: bool
    contributions: tuple[Contribution, ...]  # answered factors only
    unanswered: tuple[str, ...]
    gates: tuple[GateResult, ...]
    flips: tuple[Flip, ...]
    flip_size: int | None  # 1 or 2; None when no change of one or two answers alters the verdict
    warnings: tuple[Notice, ...]
    explanation: tuple[str, ...]
    next_steps: tuple[str, ...]
    links: tuple[str, ...]  # site ids
    cost: CostReport
    answers: Answers
    model: Model = field(repr=False, compare=False)

    @property
    def verdict(self) -> str:
        return self.outcome.id

    @property
    def label(self) -> str:
        return self.outcome.label

    @property
    def failing_gates(self) -> tuple[GateResult, ...]:
        return tuple(g for g in self.gates if not g.passed)

    def to_dict(self, site_url: str = "", parts: Collection[str] | None = None) -> dict:
        """The display-ready tree (see calculator.view); links become absolute when `site_url` is given.

        `parts` limits it to those top-level keys (what a page paints); None gives the whole tree.
        """
        return verdict_view(self, site_url, parts)


def evaluate(model: Model, answers: Answers) -> Verdict:
    """Score `answers` and explain the verdict; total and deterministic for any valid answers.

    An explicit "not sure" (a factor's default) counts as unanswered, exactly like leaving it out.
    """
    answers = _without_defaults(model, answers)
    effective = effective_choices(model, answers)
    decision = decide(model, effective)
    outcome = decision.outcome
    scoring = model.scoring

    contributions = tuple(
        Contribution(f.id, f.title, effective[f.id], f.option(effective[f.id]).label,
                     f.option(effective[f.id]).points, f.option(effective[f.id]).retrieval)
        for f in model.factors if f.id in answers.choices
    )
    unanswered = tuple(f.id for f in model.factors if f.id not in answers.choices)
    gates = tuple(
        GateResult(g.id, g.title, g.factor, effective[g.factor], g.factor in answers.choices,
                   effective[g.factor] in g.passes_with, g.requirement, g.fix)
        for g in model.gates
    )
    # The boundary sits half a point below the threshold, so every integer score has a margin.
    margin = abs(decision.score - (scoring.fine_tuning_threshold - 0.5))
    conflicts = _conflicts(model, answers)
    confidence = _confidence(model, answers, outcome, margin, len(conflicts))
    flip_size, flips = find_flips(model, effective, decision)
    cost = _cost_report(model, answers)

    return Verdict(
        outcome=outcome,
        lean=decision.lean,
        score=decision.score,
        threshold=scoring.fine_tuning_threshold,
        margin=margin,
        confidence=confidence.value,
        confidence_parts=confidence,
        confidence_band=model.confidence_band(confidence.value),
        retrieval_points=decision.retrieval,
        retrieval_threshold=scoring.retrieval_threshold,
        retrieval_needed=decision.retrieval_needed,
        contributions=contributions,
        unanswered=unanswered,
        gates=gates,
        flips=flips,
        flip_size=flip_size,
        warnings=conflicts + _warnings(model, answers, outcome, contributions, unanswered, cost),
        explanation=_explanation(model, decision, gates),
        next_steps=_next_steps(model, outcome, gates),
        links=_links(model, outcome, gates),
        cost=cost,
        answers=answers,
        model=model,
    )


def _confidence(model: Model, answers: Answers, outcome: Outcome, margin: float, conflicts: int) -> Confidence:
    scoring = model.scoring
    margin_part = min(1.0, margin / scoring.full_confidence_margin)
    coverage = len(answers.choices) / len(model.factors)
    coverage_factor = 1 - scoring.coverage_weight * (1 - coverage)
    value = margin_part * coverage_factor
    hard_block = outcome.family != "fine-tuning" and any(
        model.factor(f).option(o).hard_block for f, o in answers.choices.items())
    if hard_block:
        value = max(value, scoring.hard_block_confidence)
    conflict_factor = scoring.conflict_penalty ** conflicts
    value *= conflict_factor
    return Confidence(value, margin_part, coverage, coverage_factor, hard_block, conflicts, conflict_factor)


def _conflicts(model: Model, answers: Answers) -> tuple[Notice, ...]:
    """A warning for each declared pair of answers that contradict each other and were both given."""
    notices = []
    for conflict in model.conflicts:
        chosen = [(f, answers.choices.get(f)) for f in conflict.answers]
        if all(option in conflict.answers[f] for f, option in chosen):
            first, second = (f"{model.factor(f).title}: “{model.factor(f).option(o).label}”" for f, o in chosen)
            notices.append(Notice(conflict.id, conflict.message.format(first=first, second=second),
                                  tuple(f for f, _ in chosen)))
    return tuple(notices)


def _lower_first(title: str) -> str:
    """A title used mid-sentence: 'Call volume' -> 'call volume'."""
    return title[:1].lower() + title[1:]


def _explanation(model: Model, decision: Decision, gates: tuple[GateResult, ...]) -> tuple[str, ...]:
    """Why this verdict: the score against the threshold, the gates, and the retrieval signal."""
    lean = decision.lean
    threshold = format_signed(model.scoring.fine_tuning_threshold)
    key = "score_fine_tuning" if lean == "fine-tuning" else "score_prompting"
    sentences = [model.say(key, score=format_signed(decision.score), threshold=threshold)]
    failing = ", ".join(g.title for g in gates if not g.passed)
    if lean == "fine-tuning":
        sentences.append(model.say("gates_fail", gates=failing) if failing else model.say("gates_pass"))
    elif failing:
        sentences.append(model.say("gates_also_fail", gates=failing))
    if decision.retrieval_needed:
        sentences.append(model.say("retrieval_needed", points=decision.retrieval, threshold=model.scoring.retrieval_threshold))
    return tuple(sentences)


def _next_steps(model: Model, outcome: Outcome, gates: tuple[GateResult, ...]) -> tuple[str, ...]:
    steps: list[str] = []
    if outcome.family == "not-ready":
        steps += [model.say("put_in_place_first", gate=g.title, fix=g.fix) for g in gates if not g.passed]
    return tuple(steps) + outcome.next_steps


def _links(model: Model, outcome: Outcome, gates: tuple[GateResult, ...]) -> tuple[str, ...]:
    ids = list(outcome.links)
    if outcome.family == "not-ready":
        ids += [model.factor(g.factor).links[0] for g in gates if not g.passed and model.factor(g.factor).links]
    return tuple(dict.fromkeys(ids))


def _cost_report(model: Model, answers: Answers) -> CostReport:
    """The cost figures: the reader's numbers, else a figure their answer implies, else the example default.

    They follow from the figures given and the answers that imply one, which most changes of an
    answer leave as they were: so each report is made once per model and kept (`Model.memo`).
    """
    # The values' reprs, not the values: 2 and 2.0 are equal but print differently.
    given = tuple((input_id, repr(value)) for input_id, value in answers.inputs.items())
    implying = tuple(answers.choices.get(f.id) for f in model.factors if f.measures)
    return model.memo("cost reports", (given, implying), lambda: _new_cost_report(model, answers))


def _new_cost_report(model: Model, answers: Answers) -> CostReport:
    implied = {}
    for factor in model.factors:
        chosen = answers.choices.get(factor.id)
        band = factor.option(chosen).range if factor.measures and chosen else None
        if band is not None and band.typical is not None:
            implied[factor.measures] = (band.typical, factor.id)
    assumptions = []
    for i in model.inputs:
        if i.id in answers.inputs:
            assumptions.append(Assumption(i.id, i.label, answers.inputs[i.id], i.unit, "answer"))
        elif i.id in implied:
            value, factor_id = implied[i.id]
            assumptions.append(Assumption(i.id, i.label, value, i.unit, "implied", factor_id))
        else:
            assumptions.append(Assumption(i.id, i.label, i.default, i.unit, "example"))
    figures = compute({a.id: a.value for a in assumptions})
    symbol = model.cost.symbol
    reason = None
    if figures.never_reason is not None:
        reason = model.say(
            figures.never_reason,
            tuned_call=format_money(figures.tuned_per_call, symbol),
            base_call=format_money(figures.prompting_per_call, symbol),
            saving=format_money(figures.prompting_monthly - figures.tuned_inference_monthly, symbol),
            upkeep=format_money(figures.tuned_upkeep_monthly, symbol),
        )
    return CostReport(figures, tuple(assumptions), model.cost.currency, symbol, model.cost.note, reason)


def _warnings(model: Model, answers: Answers, outcome: Outcome, contributions: tuple[Contribution, ...],
              unanswered: tuple[str, ...], cost: CostReport) -> tuple[Notice, ...]:
    notices: list[Notice] = [
        Notice(f"caution-{f.id}", f.option(answers.choices[f.id]).caution, (f.id,))
        for f in model.factors if f.id in answers.choices and f.option(answers.choices[f.id]).caution
    ]
    if unanswered:
        notices.append(Notice("unanswered", model.say(
            "warn_unanswered", count=len(unanswered), total=len(model.factors),
            factors=", ".join(_lower_first(model.factor(f).title) for f in unanswered)), unanswered))

    strong = [c for c in contributions if abs(c.points) >= model.scoring.strong_pull]
    toward_ft = [c for c in strong if c.points > 0]
    toward_pe = [c for c in strong if c.points < 0]
    pull_ft = sum(c.points for c in toward_ft)
    pull_pe = -sum(c.points for c in toward_pe)
    if pull_ft >= model.scoring.opposing_pull_total and pull_pe >= model.scoring.opposing_pull_total:
        notices.append(Notice("opposing-answers", model.say(
            "warn_opposing",
            toward_fine_tuning=f"{format_signed(pull_ft)} ({_titles(model, toward_ft)})",
            toward_prompting=f"{format_signed(-pull_pe)} ({_titles(model, toward_pe)})",
        ), tuple(c.factor for c in strong)))

    for factor in model.factors:
        chosen = answers.choices.get(factor.id)
        if factor.measures is None or chosen is None or factor.measures not in answers.inputs:
            continue
        band = factor.option(chosen).range
        value = answers.inputs[factor.measures]
        if band is not None and not band.contains(value):
            notices.append(Notice("answer-disagrees-with-figure", model.say(
                "warn_range", option=factor.option(chosen).label, factor=_lower_first(factor.title),
                input=_lower_first(model.input(factor.measures).label), value=format_number(value)), (factor.id,)))

    figures = cost.figures
    if figures.context_share_now > model.scoring.context_share_warning:
        notices.append(Notice("prompt-fills-context", model.say(
            "warn_context_share", share=format_share(figures.context_share_now),
            window=format_number(figures.context_window))))
    if outcome.family == "fine-tuning" and figures.break_even_months is None and cost.never_reason:
        notices.append(Notice("cost-never-pays-back", model.say("warn_cost_never", reason=cost.never_reason)))
    examples = [a for a in cost.assumptions if a.source == "example"]
    if examples:
        # Readers saw the labels, not the input ids; the ids stay in the notice's machine-readable part.
        notices.append(Notice("example-figures", model.say(
            "warn_example_figures", count=len(examples), inputs=", ".join(_lower_first(a.label) for a in examples))))
    return tuple(notices)


def _titles(model: Model, contributions: list[Contribution]) -> str:
    """The factors of `contributions` as readers saw them: 'call volume, data readiness'."""
    return ", ".join(_lower_first(model.factor(c.factor).title) for c in contributions)


def _without_defaults(model: Model, answers: Answers) -> Answers:
    kept = {f: o for f, o in answers.choices.items() if o != model.factor(f).default}
    if len(kept) == len(answers.choices):
        return answers
    return Answers(MappingProxyType(kept), answers.inputs)


def effective_choices(model: Model, answers: Answers) -> Mapping[str, str]:
    """Every factor's option, with defaults filled in for unanswered factors."""
    return {f.id: answers.choices.get(f.id, f.default) for f in model.factors}
