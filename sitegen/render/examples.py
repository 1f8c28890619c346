"""The Examples page: each worked example with the verdict the real calculator gives it at build time.

The loader has already checked that every computed verdict is the one the example expects; this
page shows that verdict again, computed the same way, with a link that opens the calculator on
the example's answers. The link's query comes from the verdict's own display tree.
"""
from __future__ import annotations

import calculator
from calculator.formatting import format_number

from ..content import Site
from ..content.examples import example_verdict
from ..sections import CALCULATOR_VERDICT
from .pages import _common
from .templating import render_template

PAGE = "examples.md"


def render_examples(site: Site) -> str:
    """Markdown for examples.md, one section per example, in the order of examples.yml."""
    return render_template("examples.md.j2", examples=site.examples, items=example_views(site, PAGE),
                           **_common(site, PAGE, "examples"))


def example_views(site: Site, page: str) -> list[dict]:
    """What a page shows of each example: answers, computed verdict and a calculator link valid from `page`."""
    model = site.calculator
    views = []
    for example in site.examples.examples:
        verdict = example_verdict(model, example)
        tree = verdict.to_dict()
        views.append({
            "id": example.id,
            "title": example.title,
            "summary_row": {"title": _cell(example.title), "verdict": _cell(tree["label"]),
                            "band": _cell(tree["confidence_band"]["label"])},
            "story": example.story,
            "why": example.why,
            "answers": _answer_rows(model, verdict),
            "verdict": {"id": tree["verdict"], "label": tree["label"], "band": tree["confidence_band"]["label"],
                        "confidence": tree["display"]["confidence"]},
            "expected": {"id": example.expected, "label": model.outcome(example.expected).label},
            "matches": tree["verdict"] == example.expected,
            "best_for": [{"id": item, "approach": site.approach_name(site.anchors[item].page[: -len(".md")])}
                         for item in example.best_for],
            "calculator_url": calculator_url(site, page, tree["query"]),
        })
    return views


def calculator_url(site: Site, page: str, query: str) -> str:
    """The link from `page` to the calculator's verdict with these answers in the query string.

    The target is the calculator's verdict section, looked up like any other anchor so MkDocs
    checks and rewrites it; the query is passed through unchanged.
    """
    target = site.anchors[CALCULATOR_VERDICT].link_from(page)
    path, _, fragment = target.partition("#")
    return f"{path}?{query}#{fragment}" if query else target


def _answer_rows(model: calculator.Model, verdict: calculator.Verdict) -> list[dict]:
    """Question title and answer label for each given answer, then each figure given, in model order."""
    rows = [{"question": model.factor(f).title, "answer": model.factor(f).option(o).label}
            for f, o in verdict.answers.choices.items()]
    rows += [{"question": model.input(i).label, "answer": f"{format_number(value)} {model.input(i).unit}"}
             for i, value in verdict.answers.inputs.items()]
    return [{key: _cell(text) for key, text in row.items()} for row in rows]


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, and a `|` does not split the cell."""
    return " ".join(str(text).split()).replace("|", "\\|")
