"""The decision itself, and the exhaustive search for the smallest answer changes that alter it.

Both read one table, the model's `effect` of each option: a verdict depends only on the score,
the retrieval total and how many gates fail, and each is a sum over factors. A changed answer
is therefore a difference of two table entries, which keeps trying every single change and
every pair of changes cheap.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

from .model import Model, Outcome


@dataclass(frozen=True)
class Flip:
    """A smallest set of answer changes that gives a different verdict."""

    changes: tuple[tuple[str, str], ...]  # (factor id, option id), in factor order
    verdict: str
    label: str

    def to_dict(self) -> dict:
        return {"changes": dict(self.changes), "verdict": self.verdict, "label": self.label}


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    lean: str
    score: int
    retrieval: int
    retrieval_needed: bool
    failing_gates: int


def _outcome(model: Model, score: int, retrieval: int, failing: int) -> Outcome:
    lean = "fine-tuning" if score >= model.scoring.fine_tuning_threshold else "prompting"
    return model.outcome_for(lean, failing == 0, retrieval >= model.scoring.retrieval_threshold)


def decide(model: Model, effective: Mapping[str, str]) -> Decision:
    """The verdict for a complete set of choices (every factor answered or defaulted)."""
    score = retrieval = failing = 0
    for factor_id, option_id in effective.items():
        points, pull, fails = model.effect(factor_id, option_id)
        score, retrieval, failing = score + points, retrieval + pull, failing + fails
    lean = "fine-tuning" if score >= model.scoring.fine_tuning_threshold else "prompting"
    needed = retrieval >= model.scoring.retrieval_threshold
    return Decision(model.outcome_for(lean, failing == 0, needed), lean, score, retrieval, needed, failing)


def find_flips(model: Model, effective: Mapping[str, str], decision: Decision) -> tuple[int | None, tuple[Flip, ...]]:
    """Every single answer change that alters the verdict; if there is none, every pair of changes.

    Returns (size of the changes found, the flips). Pairs are only searched when no single change
    works, so each reported pair is minimal: neither of its changes alone alters the verdict.
    """
    order = [f.id for f in model.factors]
    score, retrieval, failing, current = decision.score, decision.retrieval, decision.failing_gates, decision.outcome.id

    # Every alternative answer per factor, as its change to the three totals.
    deltas: dict[str, list[tuple[str, int, int, int]]] = {}
    for factor_id in order:
        points0, pull0, fails0 = model.effect(factor_id, effective[factor_id])
        deltas[factor_id] = [
            (option_id, points - points0, pull - pull0, fails - fails0)
            for option_id, (points, pull, fails) in model.effects(factor_id).items()
            if option_id != effective[factor_id]
        ]

    singles = []
    for factor_id in order:
        for option_id, d_score, d_pull, d_fails in deltas[factor_id]:
            outcome = _outcome(model, score + d_score, retrieval + d_pull, failing + d_fails)
            if outcome.id != current:
                singles.append(Flip(((factor_id, option_id),), outcome.id, outcome.label))
    if singles:
        return 1, tuple(singles)

    pairs = []
    for first, second in combinations(order, 2):
        for option_a, score_a, pull_a, fails_a in deltas[first]:
            for option_b, score_b, pull_b, fails_b in deltas[second]:
                outcome = _outcome(model, score + score_a + score_b, retrieval + pull_a + pull_b, failing + fails_a + fails_b)
                if outcome.id != current:
                    pairs.append(Flip(((first, option_a), (second, option_b)), outcome.id, outcome.label))
    return (2, tuple(pairs)) if pairs else (None, ())
