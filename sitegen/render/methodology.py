"""The methodology page: how the calculator scores, generated from the same calculator.yml it reads.

Every number on the page (points, thresholds, gates, the decision table, example prices) comes
from the model, and the worked cost example is computed by `calculator.cost`, so the page cannot
drift from what the calculator does.
"""
from __future__ import annotations

from calculator import Model
from calculator.cost import compute
from calculator.formatting import format_money, format_months, format_number, format_share, format_signed
from calculator.model import LEANS

from ..content import Site
from ..sections import section
from .flow import DecisionWords, Flow, decision_flow
from .history import page_history
from .links import anchor_link
from .templating import render_template

PAGE = "methodology.md"
FLOW = "method-flow"
# The diagram's three columns are the sections that explain them, titled as those sections are.
FLOW_COLUMNS = ("method-points", "method-gates", "method-outcomes")

# How the decision table reads, written once: the table and the decision-flow diagram both use it.
DECISION_WORDS = DecisionWords(
    lean="Lean",
    gates="Gates",
    retrieval="Retrieval",
    leans={"prompting": "prompt engineering", "fine-tuning": "fine-tuning"},
    gates_met="all met",
    gates_unmet="one or more not met",
    retrieval_needed="needed",
    retrieval_not_needed="not needed",
)


def render_methodology(site: Site) -> str:
    """Markdown for methodology.md, from the site's one calculator model."""
    model = site.calculator
    link = anchor_link(site, PAGE)
    return render_template(
        "methodology.md.j2",
        model=model,
        reviewed=site.calculator_file.reviewed,
        **page_history(site, PAGE, "calculator"),  # the out-of-date note once calculator.yml's review is old
        scoring=model.scoring,
        signed=format_signed,
        factors=[_factor_view(model, factor, link) for factor in model.factors],
        gates=[_gate_view(model, gate, link) for gate in model.gates],
        table=_decision_table(model),
        words=DECISION_WORDS,
        flow=_flow(model),
        flow_columns=[link(section_id) for section_id in FLOW_COLUMNS],
        outcomes=[_outcome_view(outcome, link) for outcome in model.outcomes],
        bands=model.confidence_bands,
        hard_blocks=_hard_blocks(model),
        conflicts=[_conflict_view(model, c) for c in model.conflicts],
        cost=_cost_view(model),
        threshold_boundary=f"{model.scoring.fine_tuning_threshold - 0.5:g}",
        max_score=sum(max(o.points for o in f.options) for f in model.factors),
        min_score=sum(min(o.points for o in f.options) for f in model.factors),
    )


def _factor_view(model: Model, factor, link) -> dict:
    gates = [g for g in model.gates if g.factor == factor.id]
    return {
        "id": factor.id,
        "title": factor.title,
        "question": factor.question,
        "help": factor.help,
        "default_label": factor.option(factor.default).label,
        "links": [link(anchor_id) for anchor_id in factor.links],
        "measures": model.input(factor.measures).label if factor.measures else None,
        "options": [
            {
                "id": option.id,
                "label": option.label,
                "points": format_signed(option.points),
                "retrieval": option.retrieval,
                "range": _range_text(option.range) if option.range else "",
                "gates": ", ".join(g.title for g in gates if option.id in g.passes_with),
            }
            for option in factor.options
        ],
        "has_retrieval": any(o.retrieval for o in factor.options),
        "has_gates": bool(gates),
        "has_ranges": any(o.range for o in factor.options),
    }


def _range_text(band) -> str:
    if band.max is None:
        return f"{format_number(band.min)} or more"
    return f"{format_number(band.min)} to under {format_number(band.max)}"


def _gate_view(model: Model, gate, link) -> dict:
    factor = model.factor(gate.factor)
    return {
        "id": gate.id,
        "title": gate.title,
        "factor": link(factor.links[0], factor.title) if factor.links else factor.title,
        "passes_with": ", ".join(f"“{factor.option(o).label}”" for o in gate.passes_with),
        "requirement": gate.requirement,
        "fix": gate.fix,
    }


def _decision_table(model: Model) -> list[dict]:
    rows = []
    for lean in LEANS:
        for gates_pass in (True, False):
            for retrieval in (False, True):
                outcome = model.outcome_for(lean, gates_pass, retrieval)
                rows.append({
                    "lean": DECISION_WORDS.leans[lean],
                    "gates": DECISION_WORDS.gates_met if gates_pass else DECISION_WORDS.gates_unmet,
                    "retrieval": DECISION_WORDS.retrieval_needed if retrieval else DECISION_WORDS.retrieval_not_needed,
                    "outcome": outcome.label,
                    "id": outcome.id,
                })
    return rows


def _flow(model: Model) -> Flow:
    """The decision-flow diagram, named like its section, with the page's own column titles."""
    columns = tuple(section(section_id).title for section_id in FLOW_COLUMNS)
    return decision_flow(model, DECISION_WORDS, columns, section(FLOW).title, FLOW)  # type: ignore[arg-type]


def _outcome_view(outcome, link) -> dict:
    return {
        "id": outcome.id,
        "label": outcome.label,
        "family": outcome.family,
        "summary": outcome.summary,
        "next_steps": outcome.next_steps,
        "links": [link(anchor_id) for anchor_id in outcome.links if not anchor_id.startswith("method-")],
    }


def _hard_blocks(model: Model) -> str:
    """Each option that rules fine-tuning out, as `Question: “answer”`."""
    blocks = [f"{f.title}: “{o.label}”" for f in model.factors for o in f.options if o.hard_block]
    return "; ".join(blocks) or "none in this model"


def _conflict_view(model: Model, conflict) -> dict:
    parts = []
    for factor_id, options in conflict.answers.items():
        factor = model.factor(factor_id)
        parts.append(f"{factor.title}: " + " or ".join(f"“{factor.option(o).label}”" for o in options))
    return {"title": conflict.id.replace("-", " ").capitalize(), "answers": " and ".join(parts)}


def _cost_view(model: Model) -> dict:
    defaults = {i.id: i.default for i in model.inputs}
    figures = compute(defaults)
    symbol = model.cost.symbol
    money = lambda value: format_money(value, symbol)  # noqa: E731 - short local formatter
    labels = {i.id: i.label for i in model.inputs}
    return {
        "currency": model.cost.currency,
        "note": model.cost.note,
        "inputs": [
            {"id": i.id, "label": i.label, "unit": i.unit, "default": format_number(i.default),
             "range": f"{format_number(i.min)} to {format_number(i.max)}"}
            for i in model.inputs
        ],
        "labels": labels,
        "typical_calls": _typical_calls(model),
        "example": {
            "prompting_per_call": money(figures.prompting_per_call),
            "prompting_monthly": money(figures.prompting_monthly),
            "tuned_per_call": money(figures.tuned_per_call),
            "tuned_inference_monthly": money(figures.tuned_inference_monthly),
            "tuned_upkeep_monthly": money(figures.tuned_upkeep_monthly),
            "tuned_monthly": money(figures.tuned_monthly),
            "one_off": money(figures.one_off),
            "difference": money(figures.monthly_difference),
            "break_even": format_months(figures.break_even_months) if figures.break_even_months is not None else "never",
            "share_now": format_share(figures.context_share_now),
            "share_after": format_share(figures.context_share_after),
        },
    }


def _typical_calls(model: Model) -> str:
    examples = [f"“{o.label}” uses {format_number(o.range.typical)}"
                for f in model.factors if f.measures == "calls-per-month"
                for o in f.options if o.range is not None and o.range.typical is not None]
    return "; ".join(examples) or "none"
