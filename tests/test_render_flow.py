"""The decision-flow diagram: drawn from the real model, stable, well-formed XML, coloured only by class."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from calculator import Model
from sitegen.content import load_site
from sitegen.render.flow import GLYPH_WIDTH, BOLD_GLYPH_WIDTH, PAD, decision_flow
from sitegen.render.methodology import DECISION_WORDS, render_methodology
from sitegen.sections import section

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
COLUMNS = ("Answers", "Gates & <checks>", "Outcomes")


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "content")


@pytest.fixture(scope="module")
def model(site) -> Model:
    return site.calculator


@pytest.fixture(scope="module")
def flow(model):
    return decision_flow(model, DECISION_WORDS, COLUMNS, "Flow \"title\"", "test-flow")


@pytest.fixture(scope="module")
def svg(flow) -> ET.Element:
    return ET.fromstring(flow.svg)


def texts(svg: ET.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text")]


def node_text(node: ET.Element) -> str:
    """A box's label, its wrapped lines joined again."""
    return " ".join(t.text or "" for t in node.iter(f"{SVG}text") if t.get("class") == "flow-label")


def nodes(svg: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if g.get("class") == f"flow-node flow-node--{kind}"]


def test_every_factor_gate_and_outcome_is_a_box(svg, model):
    assert [node_text(n) for n in nodes(svg, "gate")] == [g.title for g in model.gates]
    assert [node_text(n) for n in nodes(svg, "outcome")] == [o.label for o in model.outcomes]
    assert sorted(node_text(n) for n in nodes(svg, "factor")) == sorted(f.title for f in model.factors)
    assert [node_text(n) for n in nodes(svg, "check")] == [DECISION_WORDS.lean, DECISION_WORDS.retrieval]
    headings = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "flow-heading"]
    assert headings == list(COLUMNS)


def test_edges_follow_the_model(svg, model):
    """One line per factor into each of its gates, and one per condition an outcome depends on."""
    edges = [p for p in svg.iter(f"{SVG}path") if (p.get("class") or "").startswith("flow-edge ")]
    kinds = [p.get("class").split("--")[1] for p in edges]
    scoring = sum(1 for f in model.factors if any(o.points for o in f.options))
    signalling = sum(1 for f in model.factors if any(o.retrieval for o in f.options))
    conditions = [o.when for o in model.outcomes]
    assert kinds.count("lean") == scoring + sum(1 for w in conditions if w.lean is not None)
    assert kinds.count("gate") == len(model.gates) + sum(1 for w in conditions if w.gates is not None)
    assert kinds.count("retrieval") == signalling + sum(1 for w in conditions if w.retrieval is not None)


def test_same_model_gives_byte_identical_markup(model, flow):
    again = decision_flow(Model.from_dict(model.to_dict()), DECISION_WORDS, COLUMNS, "Flow \"title\"", "test-flow")
    assert again.svg == flow.svg
    assert again == flow


def test_markup_is_xml_with_escaped_text_and_an_accessible_name(flow, svg):
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Flow \"title\""
    assert desc.text == " → ".join(COLUMNS)
    assert "Gates &amp; &lt;checks&gt;" in flow.svg  # escaped in the markup, plain once parsed
    ids = [e.get("id") for e in svg.iter() if e.get("id")]
    assert all(i.startswith("test-flow-") for i in ids) and len(ids) == len(set(ids))


def test_no_style_attributes_or_colours_in_the_markup(flow, svg):
    """Colours come from the site's CSS classes (both schemes; the Content-Security-Policy allows no inline style)."""
    for element in svg.iter():
        assert "style" not in element.attrib, element.tag
        assert not {"fill", "stroke", "color"} & set(element.attrib), element.attrib
        assert not any(name.startswith("on") for name in element.attrib), element.attrib
    assert "<script" not in flow.svg and "<style" not in flow.svg


def test_every_line_fits_its_box_by_a_conservative_estimate(svg):
    for kind in ("factor", "gate", "check", "outcome"):
        for node in nodes(svg, kind):
            rect = node.find(f"{SVG}rect")
            right = float(rect.get("x")) + float(rect.get("width"))
            bottom = float(rect.get("y")) + float(rect.get("height"))
            for text in node.iter(f"{SVG}text"):
                glyph = BOLD_GLYPH_WIDTH if text.get("font-weight") == "bold" else GLYPH_WIDTH
                estimate = float(text.get("x")) + len(text.text) * glyph * float(text.get("font-size"))
                assert estimate <= right - PAD, text.text
                assert float(text.get("y")) < bottom, text.text


def test_text_alternative_lists_every_factor_gate_and_outcome_rule(flow, model):
    assert [g.title for g in flow.gates] == [g.title for g in model.gates]
    assert {f.title for f in flow.factors} == {f.title for f in model.factors}
    for gate, flow_gate in zip(model.gates, flow.gates):
        factor = model.factor(gate.factor)
        assert flow_gate.factor == factor.title
        assert flow_gate.passes_with == tuple(factor.option(o).label for o in gate.passes_with)
    rules = {o.id: o.conditions for o in flow.outcomes}
    assert rules["not-ready-to-fine-tune"] == ("Lean: fine-tuning, ≥ +6", "Gates: one or more not met")
    assert rules["prompt-first"] == ("Lean: prompt engineering, < +6", "Retrieval: not needed, < 2")
    assert rules["fine-tune-plus-retrieval"] == ("Lean: fine-tuning, ≥ +6", "Gates: all met", "Retrieval: needed, ≥ 2")
    feeds = {f.id: f.feeds for f in flow.factors}
    assert feeds["task-clarity"] == ("Lean", "A stable task", "Retrieval")
    assert feeds["fresh-knowledge"] == ("Retrieval",)


def test_methodology_page_shows_the_diagram_and_its_text_under_its_section(site, model):
    page = render_methodology(site)
    part = page.split(f"## {section('method-flow').title} {{ #method-flow }}\n", 1)[1].split("\n## ", 1)[0]
    assert re.search(r'^<div class="flow-diagram" role="region" aria-label="Decision flow" tabindex="0">\n<svg ', part, re.M)
    ET.fromstring(part[part.index("<svg"):part.index("</svg>") + len("</svg>")])
    text = part[part.index("??? "):]
    for gate in model.gates:
        assert f"→ **{gate.title}**" in text
    for outcome in model.outcomes:
        assert f"→ **{outcome.label}**" in text
    for factor in model.factors:
        assert f"- **{factor.title}** →" in text
    # The column links lead to the sections that explain each column.
    for section_id in ("method-points", "method-gates", "method-outcomes"):
        assert f"**[{section(section_id).title}](#{section_id})**" in text


def test_the_decision_table_reads_the_same_words(site):
    page = render_methodology(site)
    assert f"| {DECISION_WORDS.lean} | {DECISION_WORDS.gates} | {DECISION_WORDS.retrieval} | Verdict |" in page
