"""The verdict as one display-ready tree: every text, sign, formatted number and link, made once.

`verdict_view` is what `Verdict.to_dict()` returns: the JSON the CLI prints and the browser
paints. The terminal report, the Markdown decision record, the prerendered page and the
browser's glue all paint from this tree, so none of them formats a number, picks a sign or
words a reason on its own.
"""
from __future__ import annotations

from collections.abc import Callable, Collection
from functools import cache
from urllib.parse import urlencode

from .cost import cumulative
from .formatting import (
    format_money,
    format_months,
    format_number,
    format_percent,
    format_plain,
    format_share,
    format_signed,
    sign_of,
)
from .model import MODEL_VERSION_PARAM, Model, Outcome

# The verdict arrives as a `calculator.engine.Verdict`; this module reads its fields and does not
# import the engine, which imports this module for `Verdict.to_dict`.


def verdict_view(verdict, site_url: str = "", parts: Collection[str] | None = None) -> dict:
    """JSON-ready result; links become absolute when `site_url` is given.

    `parts` names the top-level keys to build (the browser builds only what its page paints, see
    `calculator.bridge.PAGE_PARTS`); None builds the whole tree. Either way the keys keep the tree's
    order and each part is made by the same code, so a part reads the same in every tree.

    A tree is read, never changed: the parts made from the cost figures alone are shared by every
    tree made with the same figures (see `_cost_views`).
    """
    builders = _part_builders(verdict, site_url)
    return {key: build() for key, build in builders.items() if parts is None or key in parts}


def _part_builders(verdict, site_url: str) -> dict[str, Callable[[], object]]:
    """Each top-level key of the display tree, with the function that builds it, in the tree's order."""
    model = verdict.model
    cost_views = cache(lambda: _cost_views(model, verdict.cost))  # three parts, one lookup
    query = answers_query(model, verdict.answers.to_dict(), tuple(verdict.answers.inputs))
    return {
        "verdict": lambda: verdict.outcome.id,
        "label": lambda: verdict.outcome.label,
        "family": lambda: verdict.outcome.family,
        "summary": lambda: verdict.outcome.summary,
        "explanation": lambda: " ".join(verdict.explanation),
        "confidence": lambda: round(verdict.confidence, 3),
        "confidence_band": lambda: {"id": verdict.confidence_band.id, "label": verdict.confidence_band.label},
        "confidence_parts": lambda: _confidence_parts(verdict.confidence_parts),
        "is_default": lambda: not verdict.contributions,
        "default_note": lambda: model.say("default_verdict") if not verdict.contributions else "",
        "score": lambda: {"total": verdict.score, "threshold": verdict.threshold, "lean": verdict.lean,
                          "margin": verdict.margin},
        "retrieval": lambda: {"needed": verdict.retrieval_needed, "points": verdict.retrieval_points,
                              "threshold": verdict.retrieval_threshold},
        "contributions": lambda: [
            {"factor": c.factor, "title": c.title, "option": c.option, "option_label": c.option_label,
             "points": c.points, "retrieval": c.retrieval, "link": _factor_link(model, c.factor, site_url),
             "points_text": format_signed(c.points), "retrieval_text": format_signed(c.retrieval),
             "sign": sign_of(c.points), "retrieval_sign": sign_of(c.retrieval),
             "direction": _direction(c.points)}
            for c in verdict.contributions
        ],
        "unanswered": lambda: list(verdict.unanswered),
        "unanswered_titles": lambda: [model.factor(f).title for f in verdict.unanswered],
        "gates": lambda: [
            {"id": g.id, "title": g.title, "factor": g.factor, "option": g.option, "answered": g.answered,
             "passed": g.passed, "requirement": g.requirement, "fix": g.fix,
             "factor_title": model.factor(g.factor).title, "option_label": model.factor(g.factor).option(g.option).label,
             "link": _factor_link(model, g.factor, site_url)}
            for g in verdict.gates
        ],
        # `steps` spell each change out with titles and links, so a page can show it as is.
        "flips": lambda: [
            {**flip.to_dict(), "steps": [
                {"factor": f, "title": model.factor(f).title, "option": o,
                 "option_label": model.factor(f).option(o).label, "link": _factor_link(model, f, site_url)}
                for f, o in flip.changes]}
            for flip in verdict.flips
        ],
        # The same flips for display: grouped per question (per pair of questions), smallest change first.
        "flip_groups": lambda: flip_groups(verdict, site_url),
        "flip_size": lambda: verdict.flip_size,
        "no_flips": lambda: model.say("no_flips"),
        "options": lambda: [_option_view(verdict, outcome) for outcome in model.outcomes],
        "warnings": lambda: [{"id": w.id, "message": w.message, "factors": list(w.factors)} for w in verdict.warnings],
        "next_steps": lambda: list(verdict.next_steps),
        "links": lambda: [model.link(anchor_id, site_url) for anchor_id in verdict.links],
        "method_link": lambda: _role_link(model, model.site_links.methodology, site_url),
        "query": lambda: query,
        "model_version": lambda: model.version,
        "permalink_query": lambda: permalink_query(model, query),
        "reopen_url": lambda: reopen_url(model, permalink_query(model, query), site_url),
        "sources": lambda: _sources(model, verdict, site_url),
        "cost": lambda: cost_views()["cost"],
        "chart": lambda: cost_views()["chart"],
        "answers": lambda: verdict.answers.to_dict(),
        "display": lambda: _display(verdict, cost_views()["display"]),
    }


def _cost_views(model: Model, cost) -> dict:
    """The parts made from the cost figures alone: `cost`, `chart` and `display.cost`.

    They depend on nothing but the model and the figures used (`cost.assumptions`; the rest of the
    cost report follows from them), which most changes of an answer leave as they were: so they are
    made once for each set of figures and shared by every tree made with it (`Model.memo`).
    """
    # The values' reprs, not the values: 2 and 2.0 (or 0.0 and -0.0) are equal but print differently.
    key = tuple((a.id, a.source, a.from_factor, repr(a.value)) for a in cost.assumptions)
    return model.memo("cost views", key, lambda: {"cost": _cost(cost), "chart": break_even_chart(model, cost),
                                                  "display": _display_cost(model, cost)})


def _cost(cost) -> dict:
    figures = cost.figures
    return {
        "currency": cost.currency,
        "note": cost.note,
        "prompting": {"per_call": _money(figures.prompting_per_call), "monthly": _money(figures.prompting_monthly)},
        "fine_tuning": {
            "per_call": _money(figures.tuned_per_call),
            "inference_monthly": _money(figures.tuned_inference_monthly),
            "upkeep_monthly": _money(figures.tuned_upkeep_monthly),
            "monthly": _money(figures.tuned_monthly),
            "one_off": _money(figures.one_off),
        },
        "monthly_difference": _money(figures.monthly_difference),
        "break_even": {
            "months": None if figures.break_even_months is None else round(figures.break_even_months, 2),
            "never": figures.break_even_months is None,
            "reason": cost.never_reason,
        },
        "context": {
            "window": figures.context_window,
            "share_now": round(figures.context_share_now, 4),
            "share_after": round(figures.context_share_after, 4),
        },
        "assumptions": [
            {"id": a.id, "label": a.label, "value": a.value, "unit": a.unit, "source": a.source,
             "from_factor": a.from_factor}
            for a in cost.assumptions
        ],
        "runs_per_year": round(figures.runs_per_year, 4),
        "forced_runs_per_year": round(figures.forced_runs_per_year, 4),
        "all_examples": all(a.source == "example" for a in cost.assumptions),
    }


def _display(verdict, cost_display: dict) -> dict:
    """The figures above as text, formatted once here so no painter formats numbers itself."""
    return {
        "confidence": format_percent(verdict.confidence),
        "confidence_decimal": f"{verdict.confidence:.2f}",
        "answered": f"{len(verdict.contributions)} of {len(verdict.model.factors)}",
        "margin": f"{verdict.margin:g}",
        "full_confidence_margin": f"{verdict.model.scoring.full_confidence_margin:g}",
        "score": {"total": format_signed(verdict.score), "threshold": format_signed(verdict.threshold)},
        "retrieval": {"points": format_number(verdict.retrieval_points),
                      "threshold": format_number(verdict.retrieval_threshold)},
        "cost": cost_display,
    }


def _display_cost(model: Model, cost) -> dict:
    f = cost.figures
    money = lambda value: format_money(value, cost.symbol)  # noqa: E731 - short local formatter
    difference = f.monthly_difference
    return {
        "prompting": {"per_call": money(f.prompting_per_call), "monthly": money(f.prompting_monthly)},
        "fine_tuning": {
            "per_call": money(f.tuned_per_call),
            "inference_monthly": money(f.tuned_inference_monthly),
            "upkeep_monthly": money(f.tuned_upkeep_monthly),
            "monthly": money(f.tuned_monthly),
            "one_off": money(f.one_off),
        },
        "none": money(0),
        "monthly_difference": money(difference),
        "saving": money(abs(difference)),
        "difference_sign": sign_of(difference),
        "break_even": None if f.break_even_months is None else format_months(f.break_even_months),
        "context": {
            "window": format_number(f.context_window),
            "share_now": format_share(f.context_share_now),
            "share_after": format_share(f.context_share_after),
        },
        "examples": sum(1 for a in cost.assumptions if a.source == "example"),
        "assumptions": [
            {"id": a.id, "label": a.label, "value": format_number(a.value), "unit": a.unit, "source": a.source,
             "basis": _basis(model, a)}
            for a in cost.assumptions
        ],
        # No savings headline while every figure is an example: the sum would only restate the defaults.
        "headline": _headline(model, cost, money),
        "runs_per_year": format_number(round(f.runs_per_year, 2)),
        "hosting_monthly": money(f.hosting_monthly),
        "retraining_monthly": money(f.retraining_monthly),
    }


def _confidence_parts(parts) -> dict:
    return {"margin": round(parts.margin_part, 3), "coverage": round(parts.coverage, 3),
            "coverage_factor": round(parts.coverage_factor, 3), "hard_block": parts.hard_block,
            "conflicts": parts.conflicts, "conflict_factor": round(parts.conflict_factor, 3)}


def _basis(model: Model, assumption) -> str:
    if assumption.source == "answer":
        return "our figure"
    if assumption.source == "implied":
        factor = model.factor(assumption.from_factor)
        return f"from our answer to “{factor.title}”"
    return "example default"


def _headline(model: Model, cost, money) -> str:
    f = cost.figures
    if all(a.source == "example" for a in cost.assumptions):
        return model.say("cost_examples_only")
    if f.monthly_difference > 0:
        return model.say("cost_saving", amount=money(f.monthly_difference))
    if f.monthly_difference < 0:
        return model.say("cost_extra", amount=money(-f.monthly_difference))
    return model.say("cost_same")


# The break-even chart's drawing box (SVG user units); the template draws axes in the same box.
CHART_WIDTH, CHART_HEIGHT = 600, 260
CHART_LEFT, CHART_RIGHT, CHART_TOP, CHART_BOTTOM = 80, 16, 16, 40
CHART_TICKS = 4  # intervals on each axis, so five labels


def chart_months(break_even: float | None) -> int:
    """How many months the chart spans: two years, or long enough to show break-even twice over (at most five years)."""
    if break_even is None:
        return 24
    return max(12, min(60, 4 * -(-int(break_even * 2) // 4)))


def break_even_chart(model: Model, cost) -> dict:
    """Cumulative cost of each approach by month, as SVG points and labels computed here (no chart code in the page)."""
    f = cost.figures
    money = lambda value: format_money(value, cost.symbol)  # noqa: E731 - short local formatter
    months = chart_months(f.break_even_months)
    prompting, tuned = cumulative(f, months)
    top = max(max(prompting), max(tuned)) or 1.0
    plot_w = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    plot_h = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM

    def x(month: float) -> float:
        return round(CHART_LEFT + plot_w * month / months, 1)

    def y(value: float) -> float:
        return round(CHART_TOP + plot_h * (1 - value / top), 1)

    def points(series: tuple[float, ...]) -> str:
        return " ".join(f"{x(m):g},{y(v):g}" for m, v in enumerate(series))

    description = model.say("chart_description", months=months, prompting=money(prompting[-1]),
                            fine_tuning=money(tuned[-1]), one_off=money(f.one_off))
    if f.break_even_months is not None:
        description += " " + model.say("chart_break_even", months=format_months(f.break_even_months))
    else:
        description += " " + model.say("chart_never")
    return {
        "months": months,
        "prompting": {"values": [round(v, 2) for v in prompting], "points": points(prompting), "total": money(prompting[-1])},
        "fine_tuning": {"values": [round(v, 2) for v in tuned], "points": points(tuned), "total": money(tuned[-1])},
        "x_ticks": [{"x": x(months * k / CHART_TICKS), "label": format_number(round(months * k / CHART_TICKS, 1))}
                    for k in range(CHART_TICKS + 1)],
        "y_ticks": [{"y": y(top * k / CHART_TICKS), "label": money(top * k / CHART_TICKS)} for k in range(CHART_TICKS + 1)],
        "break_even_x": x(f.break_even_months) if f.break_even_months is not None and f.break_even_months <= months else None,
        "description": description,
    }


def flip_groups(verdict, site_url: str = "") -> list[dict]:
    """`flips` grouped for reading: one group per question changed (per pair, for pairs of changes).

    A change's size is how many points it moves: for each changed question, the distance between
    the current answer's and the new answer's points plus the distance between their retrieval
    points (`Model.effect`), summed over the changed questions. So the smallest change is the
    answer nearest the current one in points; ties keep the order of the options in the question.
    Each group lists its changes smallest first, and the groups follow their smallest change
    (ties: question order). Every flip is in exactly one group; `outcomes` lists a group's changes
    again by the verdict they lead to (in the same order), so a page can show one line per verdict.
    """
    model = verdict.model
    order = {f.id: k for k, f in enumerate(model.factors)}

    def current(factor_id: str) -> str:
        return verdict.answers.choices.get(factor_id, model.factor(factor_id).default)

    def moved(factor_id: str, option_id: str) -> int:
        now, then = model.effect(factor_id, current(factor_id)), model.effect(factor_id, option_id)
        return abs(then.points - now.points) + abs(then.retrieval - now.retrieval)

    def position(factor_id: str, option_id: str) -> int:
        return model.factor(factor_id).option_ids.index(option_id)

    groups: dict[tuple[str, ...], list[dict]] = {}
    for flip in verdict.flips:
        size = sum(moved(f, o) for f, o in flip.changes)
        groups.setdefault(tuple(f for f, _ in flip.changes), []).append({
            "changes": dict(flip.changes),
            "options": [{"factor": f, "option": o, "option_label": model.factor(f).option(o).label}
                        for f, o in flip.changes],
            "verdict": flip.verdict,
            "label": flip.label,
            "points_moved": size,
            "points_moved_text": format_number(size),
            "_order": (size, [position(f, o) for f, o in flip.changes]),
        })
    result = []
    for factors, changes in groups.items():
        changes.sort(key=lambda change: change["_order"])
        for change in changes:
            del change["_order"]
        outcomes: dict[str, dict] = {}  # the changes again, by the verdict they lead to, in the same order
        for change in changes:
            outcomes.setdefault(change["verdict"], {"verdict": change["verdict"], "label": change["label"],
                                                    "changes": []})["changes"].append(change)
        result.append({
            "factors": [{"factor": f, "title": model.factor(f).title, "current": current(f),
                         "current_label": model.factor(f).option(current(f)).label,
                         "link": _factor_link(model, f, site_url)} for f in factors],
            "changes": changes,
            "outcomes": list(outcomes.values()),
            "smallest": changes[0]["points_moved"],
        })
    result.sort(key=lambda group: (group["smallest"], [order[f["factor"]] for f in group["factors"]]))
    return result


def _direction(points: int) -> str:
    return "fine-tuning" if points > 0 else "prompt engineering" if points < 0 else "neither"


def _option_view(verdict, outcome: Outcome) -> dict:
    chosen = outcome.id == verdict.outcome.id
    return {"id": outcome.id, "label": outcome.label, "chosen": chosen,
            "why_not": [] if chosen else _why_not(verdict, outcome)}


def _why_not(verdict, outcome: Outcome) -> list[str]:
    """The conditions of `outcome` that these answers do not meet."""
    reasons = []
    when = outcome.when
    score, threshold = format_signed(verdict.score), format_signed(verdict.threshold)
    if when.lean is not None and when.lean != verdict.lean:
        if when.lean == "fine-tuning":
            reasons.append(f"needs a score of at least {threshold} (this one: {score})")
        else:
            reasons.append(f"needs a score below {threshold} (this one: {score})")
    failing = [g.title for g in verdict.failing_gates]
    if when.gates == "pass" and failing:
        reasons.append("needs every gate met (not met: " + ", ".join(failing) + ")")
    if when.gates == "fail" and not failing:
        reasons.append("applies only when a gate is not met")
    if when.retrieval is True and not verdict.retrieval_needed:
        reasons.append(f"needs retrieval signals of at least {verdict.retrieval_threshold} (these: {verdict.retrieval_points})")
    if when.retrieval is False and verdict.retrieval_needed:
        reasons.append("applies only when the task needs no retrieval or tools")
    return reasons


def _factor_link(model: Model, factor_id: str, site_url: str) -> dict | None:
    """The section of the site that explains a factor: its first link, as {id, url, title}.

    Made once per model and site URL and shared by every tree (a tree is only read).
    """
    def build() -> dict | None:
        links = model.factor(factor_id).links
        return model.link(links[0], site_url) if links else None

    return model.memo("factor links", (factor_id, site_url), build, limit=QUERY_MEMO_LIMIT)


def _role_link(model: Model, anchor_id: str | None, site_url: str) -> dict | None:
    if anchor_id is None or anchor_id not in model.anchors:
        return None
    return model.link(anchor_id, site_url)


def _money(value: float) -> float:
    # Six decimals keep per-call fractions of a cent while dropping float noise.
    return round(value, 6)


# Encoded query pairs and factor links kept per model: every option of every factor, with room to spare.
QUERY_MEMO_LIMIT = 256


def answers_query(model: Model, answers: dict, numeric: tuple[str, ...]) -> str:
    """The answers as a URL query (no `?`), in model order; opening it restores them."""
    pairs = [(key, format_plain(answers[key]) if key in numeric else answers[key])
             for key in model.factor_ids + model.input_ids if key in answers]
    return "&".join(_query_pair(model, pair) for pair in pairs)


def _query_pair(model: Model, pair: tuple[str, object]) -> str:
    """`key=value`, URL-encoded as `urlencode` does; text pairs (every option) are encoded once per model."""
    if not isinstance(pair[1], str):  # 2 and 2.0 are one key to a memo but encode differently
        return urlencode([pair])
    return model.memo("query pairs", pair, lambda: urlencode([pair]), limit=QUERY_MEMO_LIMIT)


def permalink_query(model: Model, query: str) -> str:
    """The answers query plus the model version they were scored with: the link to cite.

    A link without the version means today's model, so old links keep working; a link with no
    answers restores nothing and names no version, so the bare page stays bare.
    """
    if not query:
        return ""
    version = model.memo("version parameter", None, lambda: urlencode({MODEL_VERSION_PARAM: model.version}))
    return f"{query}&{version}"


def _sources(model: Model, verdict, site_url: str) -> list[dict]:
    """The outside sources behind the questions answered, each once, as links to the Sources page."""
    ids = dict.fromkeys(s for c in verdict.contributions for s in model.factor_sources.get(c.factor, ()))
    return [model.link(source_id, site_url) for source_id in ids]


def reopen_url(model: Model, query: str, site_url: str) -> str | None:
    """The calculator page with these answers in its query string, or None when the site gave no anchors."""
    anchor_id = model.site_links.calculator
    if anchor_id is None or anchor_id not in model.anchors:
        return None
    page, _, fragment = model.link(anchor_id, site_url)["url"].partition("#")
    return f"{page}?{query}#{fragment}" if query else f"{page}#{fragment}"
