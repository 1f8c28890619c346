"""The decision record: a verdict as Markdown a team can paste into a design doc.

It paints the verdict's display tree (`Verdict.to_dict()`, see calculator.view), like the page
and the terminal report do, so it never formats a number or works out a reason itself. The CLI
(`--format markdown`) and the browser's "Copy as Markdown" call the same function, so the two
can never disagree. Sections follow the usual architecture-decision-record shape.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# A feature name or owner is one line of the reader's own text; longer is cut, not refused.
MAX_DETAIL_LENGTH = 120
MAX_SLUG_LENGTH = 40


@dataclass(frozen=True)
class RecordDetails:
    """What the record says beyond the verdict: filled in by the caller, since the date is I/O."""

    date: str = ""  # YYYY-MM-DD: the CLI passes today's date, the browser the reader's
    feature: str = ""
    owner: str = ""

    @classmethod
    def of(cls, date: object = "", feature: object = "", owner: object = "") -> RecordDetails:
        """Details from untrusted values (a form, a command line): one line each, bounded; non-text ignored."""
        return cls(*(_one_line(value) for value in (date, feature, owner)))


def decision_record(view: dict, details: RecordDetails = RecordDetails(), comparison: dict | None = None) -> str:
    """Markdown decision record for a verdict's display tree.

    `comparison` (from calculator.versions.compare, with `view` its `then`) adds what today's
    model says when the verdict was made with an earlier model version.
    """
    parts = [
        f"# Decision record: {view['label']}",
        _summary(view, details),
        "## Context\n\n" + _context(view),
        "## Decision drivers\n\n" + _drivers(view),
        "## Options considered\n\n" + _options(view),
        "## Outcome\n\n" + _outcome(view),
        "## Consequences\n\n" + _consequences(view),
        "## Confidence\n\n" + _confidence(view),
        "## What would change it\n\n" + _changes(view),
    ]
    if comparison is not None:
        parts.append("## Today's model\n\n" + _today(comparison))
    if view["warnings"]:
        parts.append("## Warnings\n\n" + "\n".join(f"- {w['message']}" for w in view["warnings"]))
    links = _links(view)
    if links:
        parts.append("## Links\n\n" + links)
    if view["sources"]:
        parts.append("## Sources\n\nOutside pages behind the questions answered, as listed on the guide's Sources page:\n\n"
                     + "\n".join(_link_line(source) for source in view["sources"]))
    return "\n\n".join(parts) + "\n"


def record_filename(view: dict, details: RecordDetails = RecordDetails()) -> str:
    """The file name a downloaded record gets: `decision-<feature or verdict>[-<date>].md`."""
    slug = _slug(details.feature) or view["verdict"]
    date = details.date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", details.date) else ""
    return "-".join(part for part in ("decision", slug, date) if part) + ".md"


def _one_line(value: object) -> str:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    return text[:MAX_DETAIL_LENGTH].rstrip()


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:MAX_SLUG_LENGTH].strip("-")


def _today(comparison: dict) -> str:
    lines = [comparison["then_note"], "", comparison["summary"]]
    if comparison["differences"]:
        lines += ["", "What made the difference:", ""] + [f"- {d['message']}" for d in comparison["differences"]]
    if comparison["now"]["reopen_url"] is not None:
        lines += ["", f"- [Open these answers with today's model]({comparison['now']['reopen_url']})"]
    return "\n".join(lines)


def _link_line(link: dict) -> str:
    return f"- [{link['title']}]({link['url']})" if link["url"] is not None else f"- {link['title']}"


def _inline(text: str) -> str:
    """The reader's own words as literal text: Markdown's active characters are escaped."""
    return re.sub(r"([\\`*_\[\]<>#|!])", r"\\\1", text)


def _cell(text: object) -> str:
    """Table cells may not hold pipes or line breaks."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _summary(view: dict, details: RecordDetails) -> str:
    shown = view["display"]
    filed = [f"- **{name}:** {_inline(value)}" for name, value in
             (("Feature", details.feature), ("Owner", details.owner), ("Date", details.date)) if value]
    filed.append(f"- **Model version:** `{view['model_version']}`")
    if view["reopen_url"] is not None:
        filed.append(f"- **Permalink:** <{view['reopen_url']}>")
    return "\n".join(([f"> {view['default_note']}", ""] if view["is_default"] else []) + filed + [
        "- **Status:** proposed",
        f"- **Verdict:** {view['label']} (`{view['verdict']}`)",
        f"- **Confidence:** {view['confidence_band']['label']} ({shown['confidence_decimal']})",
        f"- **Score:** {shown['score']['total']} against a fine-tuning threshold of {shown['score']['threshold']}",
    ])


def _context(view: dict) -> str:
    lines = [
        "We scored one LLM feature with the prompt-engineering-or-fine-tuning calculator. "
        "Positive points lean toward fine-tuning, negative toward prompt engineering.",
        "",
        "| Question | Answer | Points | Retrieval |",
        "|---|---|---:|---:|",
    ]
    for c in view["contributions"]:
        lines.append(f"| {_cell(c['title'])} | {_cell(c['option_label'])} | {c['points_text']} | {c['retrieval'] or ''} |")
    if not view["contributions"]:
        lines.append("| (none answered) | | | |")
    if view["unanswered_titles"]:
        lines += ["", f"Not answered, so counted as neutral: {', '.join(view['unanswered_titles'])}."]
    return "\n".join(lines)


def _drivers(view: dict) -> str:
    weighty = sorted((c for c in view["contributions"] if c["points"]), key=lambda c: -abs(c["points"]))
    lines = [
        f"- {c['title']}: {c['option_label']} ({c['points_text']}, toward {c['direction']})"
        for c in weighty
    ] or ["- No answer moved the score; the verdict rests on the default lean toward prompt engineering."]
    lines += ["", "Gates for fine-tuning:", ""]
    for gate in view["gates"]:
        status = "met" if gate["passed"] else "not met"
        lines.append(f"- {gate['title']}: **{status}** ({gate['factor_title']}: {gate['option_label']})")
    if view["retrieval"]["needed"]:
        retrieval = view["display"]["retrieval"]
        lines += ["", f"Retrieval signals: {retrieval['points']} (threshold {retrieval['threshold']})."]
    return "\n".join(lines)


def _options(view: dict) -> str:
    lines = []
    for option in view["options"]:
        if option["chosen"]:
            lines.append(f"- **{option['label']}**: chosen.")
        else:
            lines.append(f"- {option['label']}: not chosen; it " + "; ".join(option["why_not"]) + ".")
    return "\n".join(lines)


def _outcome(view: dict) -> str:
    return f"**{view['label']}.** {view['summary']}\n\n" + view["explanation"]


def _consequences(view: dict) -> str:
    steps = "\n".join(f"{i}. {step}" for i, step in enumerate(view["next_steps"], 1))
    cost, shown = view["cost"], view["display"]["cost"]
    prompting, tuned = shown["prompting"], shown["fine_tuning"]
    if shown["break_even"] is None:
        break_even = f"never: {cost['break_even']['reason']}"
    else:
        break_even = f"{shown['break_even']} (one-off {tuned['one_off']} for preparing the data, the first training run and its evaluation)"
    table = "\n".join([
        f"| Monthly figure ({cost['currency']}) | Prompt engineering | Fine-tuning |",
        "|---|---:|---:|",
        f"| Per call | {prompting['per_call']} | {tuned['per_call']} |",
        f"| Inference | {prompting['monthly']} | {tuned['inference_monthly']} |",
        f"| Retraining (data, training, evaluation) | {shown['none']} | {shown['retraining_monthly']} |",
        f"| Hosting | {shown['none']} | {shown['hosting_monthly']} |",
        f"| **Total a month** | **{prompting['monthly']}** | **{tuned['monthly']}** |",
    ])
    context = shown["context"]
    assumptions = "\n".join(
        f"| {_cell(a['label'])} | {a['value']} {_cell(a['unit'])} | {_cell(a['basis'])} |"
        for a in shown["assumptions"]
    )
    return "\n\n".join([
        "Next steps:",
        steps,
        "Cost and latency:",
        table,
        f"{shown['headline']} Break-even: {break_even.rstrip('.')}. The prompt fills {context['share_now']} of the "
        f"{context['window']}-token context window today and {context['share_after']} after fine-tuning.",
        "| Assumption | Value | Source |\n|---|---|---|\n" + assumptions,
        f"_{cost['note']}_",
    ])


def _confidence(view: dict) -> str:
    shown, parts = view["display"], view["confidence_parts"]
    text = (f"{view['confidence_band']['label']} ({shown['confidence_decimal']}). The score sits {shown['margin']} points from the "
            f"boundary between the two leans (half a point below the threshold); that part reaches 1 at "
            f"{shown['full_confidence_margin']} points. {shown['answered']} questions were answered.")
    if parts["hard_block"]:
        text += " An answer rules fine-tuning out, which makes the verdict against it firm."
    if parts["conflicts"]:
        text += f" {parts['conflicts']} pair(s) of answers contradict each other, which lowers confidence (see Warnings)."
    return text


def _changes(view: dict) -> str:
    if not view["flips"]:
        return view["no_flips"]
    size = "one answer" if view["flip_size"] == 1 else "two answers"
    by_outcome: dict[str, list[dict]] = {}
    for flip in view["flips"]:
        by_outcome.setdefault(flip["label"], []).append(flip)
    lines = [f"The smallest changes that alter the verdict each touch {size}:", ""]
    for label, flips in by_outcome.items():
        changes = "; ".join(_describe_changes(flip) for flip in flips)
        lines.append(f"- **{label}** if {changes}.")
    return "\n".join(lines)


def _describe_changes(flip: dict) -> str:
    return " and ".join(f"{step['title']} were “{step['option_label']}”" for step in flip["steps"])


def _links(view: dict) -> str:
    lines = []
    if view["reopen_url"] is not None:
        lines.append(f"- [Reopen these answers in the calculator]({view['reopen_url']})")
    seen = set()
    for link in view["links"] + ([view["method_link"]] if view["method_link"] else []):
        if link["url"] is not None and link["id"] not in seen:
            seen.add(link["id"])
            lines.append(f"- [{link['title']}]({link['url']})")
    return "\n".join(lines)
