"""The decision record: a verdict as Markdown a team can paste into a design doc.

One function serves both the CLI (`--format markdown`) and the browser's "Copy as Markdown", so
the two can never disagree. Sections follow the usual architecture-decision-record shape.
"""
from __future__ import annotations

from urllib.parse import urlencode

from .engine import Verdict
from .flips import Flip
from .formatting import format_months, format_number, format_share
from .model import Model, Outcome


def decision_record(model: Model, verdict: Verdict, site_url: str = "") -> str:
    """Markdown decision record for `verdict`; links point under `site_url` when given."""
    parts = [
        f"# Decision record: {verdict.label}",
        _summary(verdict),
        "## Context\n\n" + _context(model, verdict),
        "## Decision drivers\n\n" + _drivers(model, verdict),
        "## Options considered\n\n" + _options(model, verdict),
        "## Outcome\n\n" + _outcome(verdict),
        "## Consequences\n\n" + _consequences(verdict),
        "## Confidence\n\n" + _confidence(model, verdict),
        "## What would change it\n\n" + _changes(model, verdict),
    ]
    if verdict.warnings:
        parts.append("## Warnings\n\n" + "\n".join(f"- {w.message}" for w in verdict.warnings))
    links = _links(model, verdict, site_url)
    if links:
        parts.append("## Links\n\n" + links)
    return "\n\n".join(parts) + "\n"


def _cell(text: object) -> str:
    """Table cells may not hold pipes or line breaks."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _signed(points: int) -> str:
    return f"{points:+d}" if points else "0"


def _summary(verdict: Verdict) -> str:
    return "\n".join([
        "- **Status:** proposed",
        f"- **Verdict:** {verdict.label} (`{verdict.verdict}`)",
        f"- **Confidence:** {verdict.confidence_band.label} ({verdict.confidence:.2f})",
        f"- **Score:** {_signed(verdict.score)} against a fine-tuning threshold of {_signed(verdict.threshold)}",
    ])


def _context(model: Model, verdict: Verdict) -> str:
    lines = [
        "We scored one LLM feature with the prompt-engineering-or-fine-tuning calculator. "
        "Positive points lean toward fine-tuning, negative toward prompt engineering.",
        "",
        "| Question | Answer | Points | Retrieval |",
        "|---|---|---:|---:|",
    ]
    for c in verdict.contributions:
        lines.append(f"| {_cell(c.title)} | {_cell(c.option_label)} | {_signed(c.points)} | {c.retrieval or ''} |")
    if not verdict.contributions:
        lines.append("| (none answered) | | | |")
    if verdict.unanswered:
        titles = ", ".join(model.factor(f).title for f in verdict.unanswered)
        lines += ["", f"Not answered, so counted as neutral: {titles}."]
    return "\n".join(lines)


def _drivers(model: Model, verdict: Verdict) -> str:
    weighty = sorted((c for c in verdict.contributions if c.points), key=lambda c: -abs(c.points))
    lines = [
        f"- {c.title}: {c.option_label} ({_signed(c.points)}, toward {'fine-tuning' if c.points > 0 else 'prompt engineering'})"
        for c in weighty
    ] or ["- No answer moved the score; the verdict rests on the default lean toward prompt engineering."]
    lines.append("")
    lines.append("Gates for fine-tuning:")
    lines.append("")
    for gate in verdict.gates:
        status = "met" if gate.passed else "not met"
        lines.append(f"- {gate.title}: **{status}** ({model.factor(gate.factor).title}: "
                     f"{model.factor(gate.factor).option(gate.option).label})")
    if verdict.retrieval_needed:
        lines += ["", f"Retrieval signals: {verdict.retrieval_points} (threshold {verdict.retrieval_threshold})."]
    return "\n".join(lines)


def _why_not(model: Model, verdict: Verdict, outcome: Outcome) -> list[str]:
    """The conditions of `outcome` that these answers do not meet."""
    reasons = []
    when = outcome.when
    if when.lean is not None and when.lean != verdict.lean:
        if when.lean == "fine-tuning":
            reasons.append(f"needs a score of at least {_signed(verdict.threshold)} (this one: {_signed(verdict.score)})")
        else:
            reasons.append(f"needs a score below {_signed(verdict.threshold)} (this one: {_signed(verdict.score)})")
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


def _options(model: Model, verdict: Verdict) -> str:
    lines = []
    for outcome in model.outcomes:
        if outcome.id == verdict.verdict:
            lines.append(f"- **{outcome.label}**: chosen.")
        else:
            lines.append(f"- {outcome.label}: not chosen; it " + "; ".join(_why_not(model, verdict, outcome)) + ".")
    return "\n".join(lines)


def _outcome(verdict: Verdict) -> str:
    return f"**{verdict.label}.** {verdict.outcome.summary}\n\n" + " ".join(verdict.explanation)


def _consequences(verdict: Verdict) -> str:
    steps = "\n".join(f"{i}. {step}" for i, step in enumerate(verdict.next_steps, 1))
    cost = verdict.cost
    f = cost.figures
    money = cost.money
    if f.break_even_months is None:
        break_even = f"never: {cost.never_reason}"
    else:
        break_even = f"{format_months(f.break_even_months)} (one-off {money(f.one_off)} for the first training run and its evaluation)"
    table = "\n".join([
        f"| Monthly figure ({cost.currency}) | Prompt engineering | Fine-tuning |",
        "|---|---:|---:|",
        f"| Per call | {money(f.prompting_per_call)} | {money(f.tuned_per_call)} |",
        f"| Inference | {money(f.prompting_monthly)} | {money(f.tuned_inference_monthly)} |",
        f"| Retraining, evaluation and hosting | {money(0)} | {money(f.tuned_upkeep_monthly)} |",
        f"| **Total a month** | **{money(f.prompting_monthly)}** | **{money(f.tuned_monthly)}** |",
    ])
    difference = f.monthly_difference
    saving = (f"Fine-tuning would save {money(difference)} a month" if difference > 0
              else f"Fine-tuning would cost {money(-difference)} a month more" if difference < 0
              else "Both approaches cost the same each month")
    assumptions = "\n".join(
        f"| {_cell(a.label)} | {format_number(a.value)} {_cell(a.unit)} | {'our figure' if a.source == 'answer' else 'example default'} |"
        for a in cost.assumptions
    )
    return "\n\n".join([
        "Next steps:",
        steps,
        "Cost and latency:",
        table,
        f"{saving}; break-even: {break_even}. The prompt fills {format_share(f.context_share_now)} of the "
        f"{format_number(f.context_window)}-token context window today and {format_share(f.context_share_after)} after fine-tuning.",
        "| Assumption | Value | Source |\n|---|---|---|\n" + assumptions,
        f"_{cost.note}_",
    ])


def _confidence(model: Model, verdict: Verdict) -> str:
    return (f"{verdict.confidence_band.label} ({verdict.confidence:.2f}). The score sits {verdict.margin:g} points from the "
            f"boundary between the two leans (half a point below the threshold); confidence reaches 1 at "
            f"{model.scoring.full_confidence_margin:g} points.")


def _changes(model: Model, verdict: Verdict) -> str:
    if not verdict.flips:
        return model.say("no_flips")
    size = "one answer" if verdict.flip_size == 1 else "two answers"
    by_outcome: dict[str, list[Flip]] = {}
    for flip in verdict.flips:
        by_outcome.setdefault(flip.verdict, []).append(flip)
    lines = [f"The smallest changes that alter the verdict each touch {size}:", ""]
    for outcome_id, flips in by_outcome.items():
        changes = "; ".join(_describe_changes(model, flip) for flip in flips)
        lines.append(f"- **{model.outcome(outcome_id).label}** if {changes}.")
    return "\n".join(lines)


def _describe_changes(model: Model, flip: Flip) -> str:
    return " and ".join(
        f"{model.factor(factor_id).title} were “{model.factor(factor_id).option(option_id).label}”"
        for factor_id, option_id in flip.changes
    )


# The calculator page's verdict section; its URL plus the answers as a query reopens this record.
CALCULATOR_ANCHOR = "calc-verdict"


def reopen_url(model: Model, verdict: Verdict, site_url: str) -> str | None:
    """The calculator page with these answers in its query string, or None when the site gave no anchors."""
    link = model.link(CALCULATOR_ANCHOR, site_url)
    if link["url"] is None:
        return None
    page, _, fragment = link["url"].partition("#")
    ordered = [f.id for f in model.factors] + [i.id for i in model.inputs]
    answers = verdict.answers.to_dict()
    query = urlencode([(key, _plain_number(answers[key]) if key in verdict.answers.inputs else answers[key])
                       for key in ordered if key in answers])
    return f"{page}?{query}#{fragment}" if query else f"{page}#{fragment}"


def _plain_number(value: float) -> str:
    """A number as the URL carries it: no thousands separators, no needless `.0`."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _links(model: Model, verdict: Verdict, site_url: str) -> str:
    ids = list(verdict.links)
    ids += [anchor_id for anchor_id in ("method-score",) if anchor_id in model.anchors]
    lines = []
    reopen = reopen_url(model, verdict, site_url)
    if reopen is not None:
        lines.append(f"- [Reopen these answers in the calculator]({reopen})")
    for anchor_id in dict.fromkeys(ids):
        link = model.link(anchor_id, site_url)
        if link["url"] is not None:
            lines.append(f"- [{link['title']}]({link['url']})")
    return "\n".join(lines)
