"""Plain-text renderings for a terminal: the verdict report and the list of factors and inputs.

The report paints the verdict's display tree (`Verdict.to_dict()`, see calculator.view), the same
tree the page and the decision record paint; only the layout for a terminal is decided here.
"""
from __future__ import annotations

import textwrap

from .formatting import format_number
from .model import Model

WIDTH = 88


def _wrap(text: str, indent: str = "") -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False)  # ids like prompt-baseline must stay whole


def verdict_text(view: dict) -> str:
    """The verdict as a readable terminal report."""
    out = [
        f"Verdict: {view['label']} [{view['verdict']}]" + (" (the guide's default)" if view["is_default"] else ""),
        f"Confidence: {view['confidence_band']['label'].lower()} ({view['display']['confidence_decimal']})",
        "",
        _wrap(view["summary"]),
        "",
        _wrap(view["explanation"]),
        "",
        "Answers (points: + toward fine-tuning, - toward prompting)",
    ]
    width = max((len(c["factor"]) for c in view["contributions"]), default=0)
    for c in view["contributions"]:
        pull = f" (retrieval {c['retrieval_text']})" if c["retrieval"] else ""
        out.append(f"  {c['factor']:<{width}}  {c['points_text']:>3}  {c['option_label']}{pull}")
    if not view["contributions"]:
        out.append("  (none)")
    if view["unanswered"]:
        out.append(_wrap("Not answered (neutral): " + ", ".join(view["unanswered"]), "  "))
    out += ["", "Gates for fine-tuning"]
    for gate in view["gates"]:
        out.append(f"  [{'pass' if gate['passed'] else 'FAIL'}] {gate['title']} ({gate['factor']} = {gate['option']})")
        if not gate["passed"]:
            out.append(_wrap("to pass: " + gate["fix"], "         "))
    out += ["", _flips_text(view), "", _cost_text(view)]
    if view["warnings"]:
        out += ["", "Warnings"]
        out += [textwrap.fill(w["message"], WIDTH, initial_indent="  - ", subsequent_indent="    ", break_on_hyphens=False)
                for w in view["warnings"]]
    out += ["", "Next steps"]
    out += [textwrap.fill(step, WIDTH, initial_indent=f"  {i}. ", subsequent_indent="     ")
            for i, step in enumerate(view["next_steps"], 1)]
    if view["links"]:
        out += ["", "Read more"]
        out += [f"  {link['title']}: {link['url'] or link['id']}" for link in view["links"]]
    return "\n".join(out) + "\n"


def comparison_text(comparison: dict) -> str:
    """After a verdict made with an archived model version: what today's model says, and why it differs."""
    out = [_wrap(comparison["then_note"]), _wrap(comparison["summary"])]
    out += [textwrap.fill(d["message"], WIDTH, initial_indent="  - ", subsequent_indent="    ", break_on_hyphens=False)
            for d in comparison["differences"]]
    return "\n".join(out) + "\n"


def _flips_text(view: dict) -> str:
    if not view["flips"]:
        return "What would change the verdict\n" + _wrap(view["no_flips"], "  ")
    size = "one answer" if view["flip_size"] == 1 else "two answers"
    lines = [f"What would change the verdict (changing {size})"]
    for flip in view["flips"]:
        changes = " and ".join(f"{step['factor']}={step['option']}" for step in flip["steps"])
        lines.append(f"  {changes}  ->  {flip['verdict']}")
    return "\n".join(lines)


def _cost_text(view: dict) -> str:
    cost, shown = view["cost"], view["display"]["cost"]
    prompting, tuned = shown["prompting"], shown["fine_tuning"]
    lines = [
        f"Cost a month ({cost['currency']}; {shown['examples']} of {len(shown['assumptions'])} figures are example defaults)",
        f"  Prompt engineering  {prompting['monthly']:>14}  ({prompting['per_call']} a call)",
        f"  Fine-tuning         {tuned['monthly']:>14}  (inference {tuned['inference_monthly']}"
        f" + retraining {shown['retraining_monthly']} + hosting {shown['hosting_monthly']})",
        f"  Difference          {shown['monthly_difference']:>14}  (positive: fine-tuning saves)",
    ]
    if shown["break_even"] is None:
        lines.append(_wrap(f"Break-even: never; {cost['break_even']['reason']}", "  "))
    else:
        lines.append(f"  Break-even: {shown['break_even']} (one-off {tuned['one_off']})")
    context = shown["context"]
    lines.append(f"  Prompt share of the {context['window']}-token context window: "
                 f"{context['share_now']} now, {context['share_after']} after fine-tuning")
    lines.append(_wrap(shown["headline"], "  "))
    lines.append("  Assumptions (* = example default, replace with your own; ~ = implied by an answer):")
    width = max(len(a["id"]) for a in shown["assumptions"])
    marks = {"example": "*", "implied": "~"}
    lines += [f"    {marks.get(a['source'], ' ')} {a['id']:<{width}}  {a['value']} {a['unit']}"
              for a in shown["assumptions"]]
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
