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
from typing import NamedTuple

from .model import Change, Model, Outcome


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
    order = model.factor_ids
    score, retrieval, failing, current = decision.score, decision.retrieval, decision.failing_gates, decision.outcome.id
    # Every alternative answer per factor, as its change to the three totals (the model's table).
    moves = {factor_id: model.changes(factor_id, effective[factor_id]) for factor_id in order}

    singles = []
    for factor_id in order:
        for option_id, d_score, d_pull, d_fails in moves[factor_id]:
            outcome = _outcome(model, score + d_score, retrieval + d_pull, failing + d_fails)
            if outcome.id != current:
                singles.append(Flip(((factor_id, option_id),), outcome.id, outcome.label))
    if singles:
        return 1, tuple(singles)

    # The verdict is a function of its cell (lean, every gate met, retrieval), so a pair of questions
    # whose changes cannot move any of the three, even at their extremes, alters nothing: it is
    # skipped untried. The pairs that can are tried in full, in the same order as without this.
    reach = {factor_id: _reach(changes) for factor_id, changes in moves.items()}
    could_move = _cell_movers(model, score, retrieval, failing)
    pairs = []
    for first, second in combinations(order, 2):
        if not could_move(reach[first], reach[second]):
            continue
        for option_a, score_a, pull_a, fails_a in moves[first]:
            for option_b, score_b, pull_b, fails_b in moves[second]:
                outcome = _outcome(model, score + score_a + score_b, retrieval + pull_a + pull_b, failing + fails_a + fails_b)
                if outcome.id != current:
                    pairs.append(Flip(((first, option_a), (second, option_b)), outcome.id, outcome.label))
    return (2, tuple(pairs)) if pairs else (None, ())


class _Reach(NamedTuple):
    """The least and the most a factor's changes add to each total."""

    least_points: int
    most_points: int
    least_retrieval: int
    most_retrieval: int
    least_failing: int
    most_failing: int


def _reach(changes: tuple[Change, ...]) -> _Reach:
    if not changes:
        return _Reach(0, 0, 0, 0, 0, 0)
    points = [c.points for c in changes]
    pulls = [c.retrieval for c in changes]
    fails = [c.failing_gates for c in changes]
    return _Reach(min(points), max(points), min(pulls), max(pulls), min(fails), max(fails))


def _cell_movers(model: Model, score: int, retrieval: int, failing: int):
    """Whether some pair of changes, one from each of two factors (given their reach), can change the cell.

    Each test takes both changes at the extreme that moves a total across its boundary, so it is
    true whenever any pair of their changes does (and may be true when none does).
    """
    threshold, retrieval_threshold = model.scoring.fine_tuning_threshold, model.scoring.retrieval_threshold
    leans_fine_tuning, gates_pass, needs_retrieval = score >= threshold, failing == 0, retrieval >= retrieval_threshold

    def could_move(a: _Reach, b: _Reach) -> bool:
        if leans_fine_tuning:
            lean = score + a.least_points + b.least_points < threshold
        else:
            lean = score + a.most_points + b.most_points >= threshold
        if gates_pass:
            gates = a.most_failing + b.most_failing > 0
        else:
            gates = failing + a.least_failing + b.least_failing <= 0
        if needs_retrieval:
            pull = retrieval + a.least_retrieval + b.least_retrieval < retrieval_threshold
        else:
            pull = retrieval + a.most_retrieval + b.most_retrieval >= retrieval_threshold
        return lean or gates or pull

    return could_move
