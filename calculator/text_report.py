"""Plain-text renderings for a terminal: the verdict report and the list of factors and inputs."""
from __future__ import annotations

import textwrap

from .formatting import format_months, format_number, format_share
from .engine import Verdict
from .model import Model

WIDTH = 88


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False)  # ids like prompt-baseline must stay whole


def _signed(points: int) -> str:
    return f"{points:+d}" if points else "0"


def verdict_text(model: Model, verdict: Verdict, site_url: str = "") -> str:
    """The verdict as a readable terminal report."""
    out = [
        f"Verdict: {verdict.label} [{verdict.verdict}]",
        f"Confidence: {verdict.confidence_band.label.lower()} ({verdict.confidence:.2f})",
        "",
        _wrap(verdict.outcome.summary),
        "",
        _wrap(" ".join(verdict.explanation)),
        "",
        "Answers (points: + toward fine-tuning, - toward prompting)",
    ]
    width = max((len(c.factor) for c in verdict.contributions), default=0)
    for c in verdict.contributions:
        pull = f" (retrieval +{c.retrieval})" if c.retrieval else ""
        out.append(f"  {c.factor:<{width}}  {_signed(c.points):>3}  {c.option_label}{pull}")
    if not verdict.contributions:
        out.append("  (none)")
    if verdict.unanswered:
        out.append(_wrap("Not answered (neutral): " + ", ".join(verdict.unanswered), "  "))
    out += ["", "Gates for fine-tuning"]
    for gate in verdict.gates:
        out.append(f"  [{'pass' if gate.passed else 'FAIL'}] {gate.title} ({gate.factor} = {gate.option})")
        if not gate.passed:
            out.append(_wrap("to pass: " + gate.fix, "         "))
    out += ["", _flips_text(model, verdict), "", _cost_text(verdict)]
    if verdict.warnings:
        out += ["", "Warnings"]
        out += [textwrap.fill(w.message, WIDTH, initial_indent="  - ", subsequent_indent="    ", break_on_hyphens=False)
                for w in verdict.warnings]
    out += ["", "Next steps"]
    out += [textwrap.fill(step, WIDTH, initial_indent=f"  {i}. ", subsequent_indent="     ")
            for i, step in enumerate(verdict.next_steps, 1)]
    links = [model.link(anchor_id, site_url) for anchor_id in verdict.links]
    if links:
        out += ["", "Read more"]
        out += [f"  {link['title']}: {link['url'] or link['id']}" for link in links]
    return "\n".join(out) + "\n"


def _flips_text(model: Model, verdict: Verdict) -> str:
    if not verdict.flips:
        return "What would change the verdict\n" + _wrap(model.say("no_flips"), "  ")
    size = "one answer" if verdict.flip_size == 1 else "two answers"
    lines = [f"What would change the verdict (changing {size})"]
    for flip in verdict.flips:
        changes = " and ".join(f"{factor}={option}" for factor, option in flip.changes)
        lines.append(f"  {changes}  ->  {flip.verdict}")
    return "\n".join(lines)


def _cost_text(verdict: Verdict) -> str:
    cost = verdict.cost
    f = cost.figures
    money = cost.money
    examples = sum(1 for a in cost.assumptions if a.source == "example")
    lines = [
        f"Cost a month ({cost.currency}; {examples} of {len(cost.assumptions)} figures are example defaults)",
        f"  Prompt engineering  {money(f.prompting_monthly):>14}  ({money(f.prompting_per_call)} a call)",
        f"  Fine-tuning         {money(f.tuned_monthly):>14}  (inference {money(f.tuned_inference_monthly)}"
        f" + retraining, evaluation and hosting {money(f.tuned_upkeep_monthly)})",
        f"  Difference          {money(f.monthly_difference):>14}  (positive: fine-tuning saves)",
    ]
    if f.break_even_months is None:
        lines.append(_wrap(f"Break-even: never; {cost.never_reason}", "  "))
    else:
        lines.append(f"  Break-even: {format_months(f.break_even_months)} (one-off {money(f.one_off)})")
    lines.append(f"  Prompt share of the {format_number(f.context_window)}-token context window: "
                 f"{format_share(f.context_share_now)} now, {format_share(f.context_share_after)} after fine-tuning")
    lines.append("  Assumptions (* = example default; replace with your own):")
    width = max(len(a.id) for a in cost.assumptions)
    lines += [f"    {'*' if a.source == 'example' else ' '} {a.id:<{width}}  {format_number(a.value)} {a.unit}"
              for a in cost.assumptions]
    return "\n".join(lines)


def listing_text(model: Model) -> str:
    """Factor ids with their option ids, then numeric inputs with range, unit and default."""
    out = ["Factors (answer with one option id each; unanswered factors take the default)"]
    width = max(len(f.id) for f in model.factors)
    for factor in model.factors:
        out.append(f"  {factor.id:<{width}}  {', '.join(factor.option_ids)} (default: {factor.default})")
    out += ["", "Numeric inputs (defaults are examples; replace them with your own figures)"]
    width = max(len(i.id) for i in model.inputs)
    for item in model.inputs:
        out.append(f"  {item.id:<{width}}  {format_number(item.min)} to {format_number(item.max)} {item.unit}"
                   f" (default: {format_number(item.default)})")
    return "\n".join(out) + "\n"
