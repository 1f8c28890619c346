"""The decision-flow diagram: answers -> gates -> outcomes, drawn as SVG from the calculator model.

Pure: the same model and words give byte-identical markup. Every label is a factor title, a gate
title, an outcome label, a registered section title or one of the decision table's words (passed
in, written once on the methodology page). Colours are never set here: each shape carries a class,
and the site's CSS paints it with Material's custom properties, so both colour schemes work and no
`style` attribute is needed. The same `Flow` data gives the text alternative the page prints.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from calculator import Model
from calculator.formatting import format_signed
from calculator.model import Condition

# Sizes in SVG user units, written into the markup as presentation attributes (the layout depends
# on them, so they live here once); the CSS scales the whole drawing through its viewBox.
LABEL_SIZE = 13
NOTE_SIZE = 11.5
HEAD_SIZE = 14
LINE_GAP = 1.3  # line height as a multiple of the font size
# A conservative average glyph width for sans-serif text (most glyphs are narrower), so an
# estimated line is never shorter than the drawn one; bold glyphs are wider still.
GLYPH_WIDTH = 0.6
BOLD_GLYPH_WIDTH = 0.66
PAD = 8  # inside a box, around its text
EDGE_ROOM = 6  # the least spacing between lines arriving at one box, so arrowheads stay apart
NODE_GAP = 10  # between boxes of a column
COLUMN_WIDTHS = (190, 220, 240)
COLUMN_GAPS = (90, 110)
HEAD_HEIGHT = 34  # room above the boxes for the column headings
BRACKET = 14  # how far right of the gate boxes their joining bracket runs
LEAN, RETRIEVAL = "lean", "retrieval"  # keys of the two check nodes beside the gates


@dataclass(frozen=True)
class DecisionWords:
    """How the decision table reads: its column heads and cells (the methodology page owns them)."""

    lean: str
    gates: str
    retrieval: str
    leans: Mapping[str, str]  # lean id -> how it reads
    gates_met: str
    gates_unmet: str
    retrieval_needed: str
    retrieval_not_needed: str


@dataclass(frozen=True)
class FlowFactor:
    id: str
    title: str
    feeds: tuple[str, ...]  # titles of the checks its answer feeds, in column order


@dataclass(frozen=True)
class FlowGate:
    id: str
    title: str
    factor: str  # the factor's title
    passes_with: tuple[str, ...]  # option labels that meet the gate


@dataclass(frozen=True)
class FlowOutcome:
    id: str
    label: str
    conditions: tuple[str, ...]  # "Lean: fine-tuning, ≥ +6", ...; a check the outcome ignores is left out


@dataclass(frozen=True)
class Flow:
    """The diagram and its text alternative, made from one walk over the model."""

    svg: str
    title: str
    columns: tuple[str, str, str]
    factors: tuple[FlowFactor, ...]
    gates: tuple[FlowGate, ...]
    outcomes: tuple[FlowOutcome, ...]


@dataclass(frozen=True)
class _Box:
    key: str
    kind: str  # factor, check, gate, outcome: the CSS class suffix
    lines: tuple[tuple[str, bool], ...]  # (text, is the bold label line)
    x: float
    width: float
    y: float = 0
    height: float = 0
    arrivals: int = 1  # lines that end on its left side


def decision_flow(model: Model, words: DecisionWords, columns: tuple[str, str, str], title: str, svg_id: str) -> Flow:
    """The diagram of how answers reach a verdict, with `title` as its accessible name.

    `columns` are the three column headings (answers, gates, outcomes); `svg_id` prefixes every
    id in the markup, so the page can point at the title and description.
    """
    checks = _checks(model, words)
    check_index = {key: i for i, (key, _title) in enumerate(checks)}
    feeds = {f.id: _feeds(model, f) for f in model.factors}
    # Order answers by where their edges land, so lines cross as little as a simple rule allows.
    order = sorted(model.factors, key=lambda f: (sum(check_index[k] for k in feeds[f.id]) / max(1, len(feeds[f.id])),
                                                 model.factors.index(f)))
    factors = tuple(FlowFactor(f.id, f.title, tuple(dict(checks)[k] for k in sorted(feeds[f.id], key=check_index.get)))
                    for f in order)
    gates = tuple(FlowGate(g.id, g.title, model.factor(g.factor).title,
                           tuple(model.factor(g.factor).option(o).label for o in g.passes_with)) for g in model.gates)
    outcomes = tuple(FlowOutcome(o.id, o.label, _conditions(model, words, o.when)) for o in model.outcomes)
    svg = _draw(model, columns, title, svg_id, checks, order, feeds, outcomes)
    return Flow(svg, title, columns, factors, gates, outcomes)


def _checks(model: Model, words: DecisionWords) -> list[tuple[str, str]]:
    """The middle column, top to bottom: the lean, every gate, the retrieval signal."""
    return [(LEAN, words.lean)] + [(g.id, g.title) for g in model.gates] + [(RETRIEVAL, words.retrieval)]


def _feeds(model: Model, factor) -> tuple[str, ...]:
    """The checks a factor's answer feeds: the lean when it scores, its gates, retrieval when it signals it."""
    keys = []
    if any(o.points for o in factor.options):
        keys.append(LEAN)
    keys += [g.id for g in model.gates if g.factor == factor.id]
    if any(o.retrieval for o in factor.options):
        keys.append(RETRIEVAL)
    return tuple(keys)


def _conditions(model: Model, words: DecisionWords, when: Condition) -> tuple[str, ...]:
    threshold = format_signed(model.scoring.fine_tuning_threshold)
    retrieval = model.scoring.retrieval_threshold
    parts = []
    if when.lean is not None:
        sign = "≥" if when.lean == "fine-tuning" else "<"
        parts.append(f"{words.lean}: {words.leans[when.lean]}, {sign} {threshold}")
    if when.gates is not None:
        parts.append(f"{words.gates}: {words.gates_met if when.gates == 'pass' else words.gates_unmet}")
    if when.retrieval is not None:
        needed = words.retrieval_needed if when.retrieval else words.retrieval_not_needed
        parts.append(f"{words.retrieval}: {needed}, {'≥' if when.retrieval else '<'} {retrieval}")
    return tuple(parts)


# -- drawing --------------------------------------------------------------------------------

def _draw(model: Model, columns, title, svg_id, checks, order, feeds, outcomes) -> str:
    x1 = 0
    x2 = x1 + COLUMN_WIDTHS[0] + COLUMN_GAPS[0]
    x3 = x2 + COLUMN_WIDTHS[1] + COLUMN_GAPS[1]
    width = x3 + COLUMN_WIDTHS[2]
    left = [_box(f.id, "factor", f.title, (), x1, COLUMN_WIDTHS[0]) for f in order]
    arriving = {key: sum(1 for f in order if key in feeds[f.id]) for key, _text in checks}
    middle = [_box(key, "gate" if key not in (LEAN, RETRIEVAL) else "check", text, (), x2, COLUMN_WIDTHS[1],
                   arriving[key]) for key, text in checks]
    right = [_box(o.id, "outcome", o.label, o.conditions, x3, COLUMN_WIDTHS[2]) for o in outcomes]
    tallest = max(_stack_height(c) for c in (left, middle, right))
    left, middle, right = (_stacked(c, HEAD_HEIGHT + (tallest - _stack_height(c)) / 2) for c in (left, middle, right))
    height = HEAD_HEIGHT + tallest + 2
    boxes = {b.key: b for b in middle}

    edges: list[str] = []
    # Answers into the checks: entry points spread down each check's left side, in source order.
    arrivals: dict[str, list[float]] = {}
    for box in left:
        for key in feeds[box.key]:
            arrivals.setdefault(key, []).append(box.y + box.height / 2)
    for box in left:
        for key in feeds[box.key]:
            target = boxes[key]
            ys = arrivals[key]
            end_y = _spread(target, ys.index(box.y + box.height / 2), len(ys))
            kind = key if key in (LEAN, RETRIEVAL) else "gate"
            edges.append(_edge(box.x + box.width, box.y + box.height / 2, target.x, end_y, kind))

    # The gates act together: a bracket joins them, and the outcomes hang off its middle.
    gate_boxes = [boxes[g.id] for g in model.gates]
    bracket_x = x2 + COLUMN_WIDTHS[1] + BRACKET
    top, bottom = gate_boxes[0].y + gate_boxes[0].height / 2, gate_boxes[-1].y + gate_boxes[-1].height / 2
    bracket = [f'<path class="flow-bracket" d="M{_n(x2 + COLUMN_WIDTHS[1])} {_n(b.y + b.height / 2)}H{_n(bracket_x)}"/>'
               for b in gate_boxes]
    bracket.append(f'<path class="flow-bracket" d="M{_n(bracket_x)} {_n(top)}V{_n(bottom)}"/>')
    sources = {LEAN: (boxes[LEAN].x + boxes[LEAN].width, boxes[LEAN].y + boxes[LEAN].height / 2),
               "gates": (bracket_x, (top + bottom) / 2),
               RETRIEVAL: (boxes[RETRIEVAL].x + boxes[RETRIEVAL].width, boxes[RETRIEVAL].y + boxes[RETRIEVAL].height / 2)}
    for box, outcome in zip(right, model.outcomes):
        uses = [k for k, v in ((LEAN, outcome.when.lean), ("gates", outcome.when.gates), (RETRIEVAL, outcome.when.retrieval))
                if v is not None]
        for i, key in enumerate(uses):
            sx, sy = sources[key]
            edges.append(_edge(sx, sy, box.x, _spread(box, i, len(uses)), "gate" if key == "gates" else key))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flow-svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="img" aria-labelledby="{svg_id}-title {svg_id}-desc">',
        f'<title id="{svg_id}-title">{escape(title)}</title>',
        f'<desc id="{svg_id}-desc">{escape(" → ".join(columns))}</desc>',
        f'<defs><marker id="{svg_id}-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" '
        f'orient="auto"><path class="flow-arrowhead" d="M0 0L8 4L0 8z"/></marker></defs>',
    ]
    for x, text, w in zip((x1, x2, x3), columns, COLUMN_WIDTHS):
        parts.append(f'<text class="flow-heading" x="{_n(x)}" y="{_n(HEAD_SIZE + 2)}" font-size="{_n(HEAD_SIZE)}" '
                     f'font-weight="bold">{escape(text)}</text>')
    parts.append(f'<g class="flow-edges" marker-end="url(#{svg_id}-arrow)">')
    parts += edges
    parts.append("</g>")
    parts += bracket
    for box in left + middle + right:
        parts.append(_box_markup(box))
    parts.append("</svg>")
    return "\n".join(parts)


def _box(key: str, kind: str, label: str, notes: tuple[str, ...], x: float, width: float, arrivals: int = 1) -> _Box:
    room = width - 2 * PAD
    lines = [(line, True) for line in _wrap(label, room, LABEL_SIZE * BOLD_GLYPH_WIDTH)]
    for note in notes:
        lines += [(line, False) for line in _wrap(note, room, NOTE_SIZE * GLYPH_WIDTH)]
    return _Box(key, kind, tuple(lines), x, width, arrivals=arrivals)


def _wrap(text: str, room: float, glyph: float) -> list[str]:
    """Words packed greedily into lines whose estimated width fits `room`; a longer word stands alone."""
    lines: list[str] = []
    for word in text.split():
        if lines and (len(lines[-1]) + 1 + len(word)) * glyph <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _line_height(bold: bool) -> float:
    return (LABEL_SIZE if bold else NOTE_SIZE) * LINE_GAP


def _box_height(box: _Box) -> float:
    text = 2 * PAD + sum(_line_height(bold) for _text, bold in box.lines)
    # Arrivals are spread over the middle half of the side (see _spread).
    return max(text, 2 * EDGE_ROOM * (box.arrivals - 1))


def _stack_height(column: list[_Box]) -> float:
    return sum(_box_height(b) for b in column) + NODE_GAP * (len(column) - 1)


def _stacked(column: list[_Box], top: float) -> list[_Box]:
    placed = []
    for box in column:
        height = _box_height(box)
        placed.append(_Box(box.key, box.kind, box.lines, box.x, box.width, top, height, box.arrivals))
        top += height + NODE_GAP
    return placed


def _spread(box: _Box, index: int, count: int) -> float:
    """Where the index-th of `count` lines meets a box's side: evenly spaced over its middle half."""
    if count == 1:
        return box.y + box.height / 2
    return box.y + box.height * (0.25 + 0.5 * index / (count - 1))


def _edge(x1: float, y1: float, x2: float, y2: float, kind: str) -> str:
    bend = (x2 - x1) / 2
    return (f'<path class="flow-edge flow-edge--{kind}" '
            f'd="M{_n(x1)} {_n(y1)}C{_n(x1 + bend)} {_n(y1)} {_n(x2 - bend)} {_n(y2)} {_n(x2 - 1)} {_n(y2)}"/>')


def _box_markup(box: _Box) -> str:
    out = [f'<g class="flow-node flow-node--{box.kind}">',
           f'<rect x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.width)}" height="{_n(box.height)}" rx="4"/>']
    text_height = sum(_line_height(bold) for _text, bold in box.lines)
    y = box.y + (box.height - text_height) / 2  # centred, in a box made taller for its arrivals
    for text, bold in box.lines:
        size = LABEL_SIZE if bold else NOTE_SIZE
        y += _line_height(bold)
        # The baseline sits a little above the line's foot, leaving room for descenders.
        weight = ' font-weight="bold"' if bold else ""
        out.append(f'<text class="{"flow-label" if bold else "flow-note"}" x="{_n(box.x + PAD)}" '
                   f'y="{_n(y - size * 0.3)}" font-size="{_n(size)}"{weight}>{escape(text)}</text>')
    out.append("</g>")
    return "\n".join(out)


def _n(value: float) -> str:
    """A coordinate, rounded so the markup is stable and short: 12.5, 40."""
    return f"{round(value, 1):g}"
