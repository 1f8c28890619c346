"""The decision model: factors, gates, outcomes and cost inputs, read from content and checked once.

`Model.from_dict` takes plain data (a dict from YAML in CPython, from JSON in the browser). Every
rule the engine relies on is checked here, so a model that constructs can always be scored:
every answer set reaches exactly one outcome, and moving an answer toward fine-tuning can never
move the verdict away from fine-tuning.
"""
from __future__ import annotations

import difflib
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import product
from types import MappingProxyType

from ._fields import Fields, shown
from .cost import COST_INPUTS, CONTEXT_WINDOW
from .errors import ModelError

# The eight checklist questions are the calculator's core factors and share their ids.
CHECKLIST_FACTORS = (
    "task-clarity", "data-readiness", "quality-target", "latency-context",
    "evaluation-plan", "governance", "change-management", "fallbacks",
)
LEANS = ("prompting", "fine-tuning")
GATE_STATES = ("pass", "fail")
# Ordered from "least" to "most" fine-tuning; the monotonicity rule is stated over this order.
FAMILIES = ("prompting", "not-ready", "fine-tuning")
FAMILY_RANK = {family: rank for rank, family in enumerate(FAMILIES)}
# Keeps a single answer from swamping all the others; well beyond what the content uses.
POINTS_LIMIT = 10

# Sentences the engine writes, and the {names} each may use.
MESSAGE_FIELDS: dict[str, tuple[str, ...]] = {
    "score_fine_tuning": ("score", "threshold"),
    "score_prompting": ("score", "threshold"),
    "gates_pass": (),
    "gates_fail": ("gates",),
    "gates_also_fail": ("gates",),
    "retrieval_needed": ("points", "threshold"),
    "put_in_place_first": ("gate", "fix"),
    "no_flips": (),
    "warn_unanswered": ("count", "total", "factors"),
    "warn_opposing": ("toward_fine_tuning", "toward_prompting"),
    "warn_range": ("option", "factor", "input", "value"),
    "warn_context_share": ("share", "window"),
    "warn_cost_never": ("reason",),
    "warn_example_figures": ("count", "inputs"),
    "never_no_traffic": (),
    "never_price": ("tuned_call", "base_call"),
    "never_upkeep": ("saving", "upkeep"),
}

# Keys the site puts in calculator.yml for its pages; the engine does not read them.
_PAGE_KEYS = ("reviewed", "title", "intro")
_TOP_REQUIRED = ("scoring", "confidence_bands", "factors", "gates", "outcomes", "cost", "inputs", "messages")
_TOP_OPTIONAL = _PAGE_KEYS + ("anchors",)
_ABSENT = object()  # a section left out entirely, as opposed to one written empty


@dataclass(frozen=True)
class Range:
    """Values of a numeric input that agree with an option: min <= value < max (max None: no limit)."""

    min: float
    max: float | None = None

    def contains(self, value: float) -> bool:
        return value >= self.min and (self.max is None or value < self.max)


@dataclass(frozen=True)
class Option:
    """One answer to a factor and what it is worth."""

    id: str
    label: str
    points: int  # positive: toward fine-tuning; negative: toward prompting
    retrieval: int = 0  # toward retrieval or tools, independent of the points
    range: Range | None = None  # for factors that mirror a numeric input


@dataclass(frozen=True)
class Factor:
    """A question the reader answers by choosing one option."""

    id: str
    title: str
    question: str
    default: str  # the option an unanswered factor takes; neutral by rule
    options: tuple[Option, ...]
    help: str = ""
    links: tuple[str, ...] = ()
    measures: str | None = None  # a numeric input this factor's options describe in bands
    _by_id: Mapping[str, Option] = field(default_factory=lambda: MappingProxyType({}), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({o.id: o for o in self.options}))

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def option(self, option_id: str) -> Option:
        return self._by_id[option_id]

    def has_option(self, option_id: str) -> bool:
        return option_id in self._by_id


@dataclass(frozen=True)
class Gate:
    """A precondition for fine-tuning, met when its factor's answer is one of `passes_with`."""

    id: str
    title: str
    factor: str
    passes_with: tuple[str, ...]
    requirement: str
    fix: str


@dataclass(frozen=True)
class Condition:
    """Which cells of the decision table an outcome covers; None means "either"."""

    lean: str | None = None  # "prompting" or "fine-tuning"
    gates: str | None = None  # "pass" or "fail"
    retrieval: bool | None = None

    def matches(self, lean: str, gates_pass: bool, retrieval: bool) -> bool:
        return ((self.lean is None or self.lean == lean)
                and (self.gates is None or (self.gates == "pass") == gates_pass)
                and (self.retrieval is None or self.retrieval == retrieval))


@dataclass(frozen=True)
class Outcome:
    """A verdict the calculator can give, with its wording."""

    id: str
    family: str  # one of FAMILIES
    when: Condition
    label: str
    summary: str
    next_steps: tuple[str, ...]
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class NumericInput:
    """A figure for the cost arithmetic; the default is an example to replace."""

    id: str
    label: str
    unit: str
    min: float
    max: float
    default: float
    step: float = 1
    help: str = ""


@dataclass(frozen=True)
class Scoring:
    fine_tuning_threshold: int
    retrieval_threshold: int
    full_confidence_margin: float
    strong_pull: int
    opposing_pull_total: int
    context_share_warning: float


@dataclass(frozen=True)
class ConfidenceBand:
    id: str
    label: str
    min: float


@dataclass(frozen=True)
class CostSettings:
    currency: str
    symbol: str
    note: str


@dataclass(frozen=True)
class Anchor:
    """Where a site id lives: a URL relative to the site root, and the section's title."""

    id: str
    url: str
    title: str


@dataclass(frozen=True)
class Model:
    """The whole decision model. Construct it with `Model.from_dict`; invariants hold once built."""

    scoring: Scoring
    confidence_bands: tuple[ConfidenceBand, ...]
    factors: tuple[Factor, ...]
    gates: tuple[Gate, ...]
    outcomes: tuple[Outcome, ...]
    inputs: tuple[NumericInput, ...]
    cost: CostSettings
    messages: Mapping[str, str]
    anchors: Mapping[str, Anchor] = field(default_factory=lambda: MappingProxyType({}))
    title: str = "Decision calculator"
    intro: str = ""
    _factors: Mapping[str, Factor] = field(default_factory=lambda: MappingProxyType({}), init=False, repr=False, compare=False)
    _inputs: Mapping[str, NumericInput] = field(default_factory=lambda: MappingProxyType({}), init=False, repr=False, compare=False)
    _outcomes: Mapping[str, Outcome] = field(default_factory=lambda: MappingProxyType({}), init=False, repr=False, compare=False)
    _cells: Mapping[tuple[str, bool, bool], Outcome] = field(default_factory=lambda: MappingProxyType({}), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        problems = _invariant_problems(self)
        if problems:
            raise ModelError(problems)
        object.__setattr__(self, "_factors", MappingProxyType({f.id: f for f in self.factors}))
        object.__setattr__(self, "_inputs", MappingProxyType({i.id: i for i in self.inputs}))
        object.__setattr__(self, "_outcomes", MappingProxyType({o.id: o for o in self.outcomes}))
        cells = {cell: next(o for o in self.outcomes if o.when.matches(*cell)) for cell in _all_cells()}
        object.__setattr__(self, "_cells", MappingProxyType(cells))

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping) -> Model:
        """Build a model from plain data; raise ModelError listing every problem found."""
        f = Fields()
        top = f.mapping(dict(data) if isinstance(data, Mapping) else data, (), _TOP_REQUIRED, _TOP_OPTIONAL)
        # A missing section is reported once, by `mapping` above, not again key by key.
        present = lambda key: top.get(key, _ABSENT)  # noqa: E731 - local shorthand
        parts = dict(
            scoring=_read_scoring(f, present("scoring"), ("scoring",)),
            confidence_bands=_read_bands(f, top),
            factors=tuple(_read_factor(f, item, path) for path, item in f.items(top, "factors", ())),
            gates=tuple(_read_gate(f, item, path) for path, item in f.items(top, "gates", ())),
            outcomes=tuple(_read_outcome(f, item, path) for path, item in f.items(top, "outcomes", ())),
            inputs=tuple(_read_input(f, item, path) for path, item in f.items(top, "inputs", ())),
            cost=_read_cost(f, present("cost"), ("cost",)),
            messages=_read_messages(f, present("messages"), ("messages",)),
            anchors=_read_anchors(f, top.get("anchors", {}), ("anchors",)),
            title=f.text(top, "title", (), default="Decision calculator"),
            intro=f.text(top, "intro", (), default=""),
        )
        if "reviewed" in top and not hasattr(top["reviewed"], "year") and not isinstance(top["reviewed"], str):
            f.problem(("reviewed",), "must be a date written as YYYY-MM-DD, like 2026-11-28")
        if f.problems:
            raise ModelError(f.problems)
        return cls(**parts)

    # -- lookups ----------------------------------------------------------------------------

    def factor(self, factor_id: str) -> Factor:
        return self._factors[factor_id]

    def has_factor(self, factor_id: str) -> bool:
        return factor_id in self._factors

    def input(self, input_id: str) -> NumericInput:
        return self._inputs[input_id]

    def has_input(self, input_id: str) -> bool:
        return input_id in self._inputs

    def outcome(self, outcome_id: str) -> Outcome:
        return self._outcomes[outcome_id]

    def outcome_for(self, lean: str, gates_pass: bool, retrieval: bool) -> Outcome:
        """The one outcome covering a cell of the decision table."""
        return self._cells[(lean, gates_pass, retrieval)]

    @property
    def factor_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.factors)

    @property
    def input_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.inputs)

    def say(self, key: str, **values: object) -> str:
        """Fill one of the content's message templates."""
        return self.messages[key].format(**{name: str(value) for name, value in values.items()})

    def confidence_band(self, confidence: float) -> ConfidenceBand:
        return [band for band in self.confidence_bands if confidence >= band.min][-1]

    def link(self, anchor_id: str, site_url: str = "") -> dict:
        """A link to a site section: {id, url, title}; url is None when the site gave no anchors."""
        anchor = self.anchors.get(anchor_id)
        if anchor is None:
            return {"id": anchor_id, "url": None, "title": anchor_id.replace("-", " ").capitalize()}
        return {"id": anchor_id, "url": join_url(site_url, anchor.url), "title": anchor.title}

    def listing(self) -> dict:
        """What `python -m calculator --list --format json` prints: factor options and numeric inputs."""
        return {
            "factors": {f.id: list(f.option_ids) for f in self.factors},
            "inputs": {i.id: {"min": i.min, "max": i.max, "default": i.default, "unit": i.unit} for i in self.inputs},
        }


def join_url(site_url: str, relative: str) -> str:
    """`https://x.org/docs/` + `checklist/#a` -> `https://x.org/docs/checklist/#a`; no base keeps it relative."""
    if not site_url:
        return relative
    return site_url.rstrip("/") + "/" + relative.lstrip("/")


# -- reading plain data ---------------------------------------------------------------------

def _read_scoring(f: Fields, raw: object, path: tuple) -> Scoring:
    keys = ("fine_tuning_threshold", "retrieval_threshold", "full_confidence_margin", "strong_pull",
            "opposing_pull_total", "context_share_warning")
    data = f.mapping(raw, path, keys) if raw is not _ABSENT else {}
    return Scoring(
        fine_tuning_threshold=f.integer(data, "fine_tuning_threshold", path),
        retrieval_threshold=f.integer(data, "retrieval_threshold", path),
        full_confidence_margin=f.number(data, "full_confidence_margin", path),
        strong_pull=f.integer(data, "strong_pull", path),
        opposing_pull_total=f.integer(data, "opposing_pull_total", path),
        context_share_warning=f.number(data, "context_share_warning", path),
    )


def _read_bands(f: Fields, top: dict) -> tuple[ConfidenceBand, ...]:
    bands = []
    for path, item in f.items(top, "confidence_bands", ()):
        data = f.mapping(item, path, ("id", "label", "min"))
        bands.append(ConfidenceBand(f.ident(data, "id", path), f.text(data, "label", path), f.number(data, "min", path)))
    return tuple(bands)


def _read_factor(f: Fields, raw: object, path: tuple) -> Factor:
    data = f.mapping(raw, path, ("id", "title", "question", "default", "options"), ("help", "links", "measures"))
    options = []
    for option_path, item in f.items(data, "options", path, min_items=2):
        option = f.mapping(item, option_path, ("id", "label", "points"), ("retrieval", "range"))
        options.append(Option(
            id=f.ident(option, "id", option_path),
            label=f.text(option, "label", option_path),
            points=f.integer(option, "points", option_path),
            retrieval=f.integer(option, "retrieval", option_path, default=0),
            range=_read_range(f, option, option_path),
        ))
    return Factor(
        id=f.ident(data, "id", path),
        title=f.text(data, "title", path),
        question=f.text(data, "question", path),
        default=f.ident(data, "default", path),
        options=tuple(options),
        help=f.text(data, "help", path, default=""),
        links=f.id_list(data, "links", path),
        measures=f.ident(data, "measures", path, default="") or None,
    )


def _read_range(f: Fields, option: dict, path: tuple) -> Range | None:
    if "range" not in option:
        return None
    data = f.mapping(option["range"], path + ("range",), ("min",), ("max",))
    low = f.number(data, "min", path + ("range",))
    high = f.number(data, "max", path + ("range",)) if "max" in data else None
    return Range(low, high)


def _read_gate(f: Fields, raw: object, path: tuple) -> Gate:
    data = f.mapping(raw, path, ("id", "title", "factor", "passes_with", "requirement", "fix"))
    return Gate(
        id=f.ident(data, "id", path),
        title=f.text(data, "title", path),
        factor=f.ident(data, "factor", path),
        passes_with=f.id_list(data, "passes_with", path),
        requirement=f.text(data, "requirement", path),
        fix=f.text(data, "fix", path),
    )


def _read_outcome(f: Fields, raw: object, path: tuple) -> Outcome:
    data = f.mapping(raw, path, ("id", "family", "when", "label", "summary", "next_steps"), ("links",))
    when_path = path + ("when",)
    when = f.mapping(data.get("when", {}), when_path, (), ("lean", "gates", "retrieval"))
    lean = _one_of(f, when, "lean", when_path, LEANS)
    gates = _one_of(f, when, "gates", when_path, GATE_STATES)
    return Outcome(
        id=f.ident(data, "id", path),
        family=_one_of(f, data, "family", path, FAMILIES) or "",
        when=Condition(lean=lean, gates=gates, retrieval=f.boolean(when, "retrieval", when_path)),
        label=f.text(data, "label", path),
        summary=f.text(data, "summary", path),
        next_steps=f.text_list(data, "next_steps", path),
        links=f.id_list(data, "links", path),
    )


def _one_of(f: Fields, data: dict, key: str, path: tuple, allowed: tuple[str, ...]) -> str | None:
    if key not in data:
        return None
    value = data[key]
    if value not in allowed:
        f.problem(path + (key,), f"'{shown(value)}' is not allowed; use one of: {', '.join(allowed)}")
        return None
    return value


def _read_input(f: Fields, raw: object, path: tuple) -> NumericInput:
    data = f.mapping(raw, path, ("id", "label", "unit", "min", "max", "default"), ("step", "help"))
    return NumericInput(
        id=f.ident(data, "id", path),
        label=f.text(data, "label", path),
        unit=f.text(data, "unit", path),
        min=f.number(data, "min", path),
        max=f.number(data, "max", path),
        default=f.number(data, "default", path),
        step=f.number(data, "step", path, default=1),
        help=f.text(data, "help", path, default=""),
    )


def _read_cost(f: Fields, raw: object, path: tuple) -> CostSettings:
    data = f.mapping(raw, path, ("currency", "symbol", "note")) if raw is not _ABSENT else {}
    return CostSettings(f.text(data, "currency", path), f.text(data, "symbol", path), f.text(data, "note", path))


def _read_messages(f: Fields, raw: object, path: tuple) -> Mapping[str, str]:
    data = f.mapping(raw, path, tuple(MESSAGE_FIELDS)) if raw is not _ABSENT else {}
    return MappingProxyType({key: f.text(data, key, path) for key in MESSAGE_FIELDS})


def _read_anchors(f: Fields, raw: object, path: tuple) -> Mapping[str, Anchor]:
    if not isinstance(raw, dict):
        f.problem(path, "must be a mapping of id to {url, title}")
        return MappingProxyType({})
    anchors = {}
    for anchor_id, item in raw.items():
        data = f.mapping(item, path + (anchor_id,), ("url", "title"))
        url = data.get("url")
        if not isinstance(url, str):
            f.problem(path + (anchor_id, "url"), "must be text: a URL relative to the site root")
            continue
        anchors[str(anchor_id)] = Anchor(str(anchor_id), url, f.text(data, "title", path + (anchor_id,)))
    return MappingProxyType(anchors)


# -- invariants -----------------------------------------------------------------------------

def _all_cells() -> list[tuple[str, bool, bool]]:
    """Every combination the decision table must cover: lean x gates pass x retrieval."""
    return [(lean, gates_pass, retrieval) for lean, gates_pass, retrieval in product(LEANS, (False, True), (False, True))]


def _invariant_problems(model: Model) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    add = lambda path, message: problems.append((path, message))  # noqa: E731 - local shorthand
    _check_unique(add, "factors", [f.id for f in model.factors])
    _check_unique(add, "gates", [g.id for g in model.gates])
    _check_unique(add, "outcomes", [o.id for o in model.outcomes])
    _check_unique(add, "inputs", [i.id for i in model.inputs])
    _check_unique(add, "confidence_bands", [b.id for b in model.confidence_bands])
    inputs = {i.id: i for i in model.inputs}
    factors = {f.id: f for f in model.factors}

    for i, factor in enumerate(model.factors):
        _check_factor(add, ("factors", i), factor, inputs)
        if factor.id in inputs:
            add(("factors", i, "id"), f"'{factor.id}' is also a numeric input id; answers are one flat mapping, so ids must differ")
    for missing in [c for c in CHECKLIST_FACTORS if c not in factors]:
        add(("factors",), f"checklist question '{missing}' has no factor; every checklist question is a core factor")

    for i, gate in enumerate(model.gates):
        _check_gate(add, ("gates", i), gate, factors)
    _check_outcomes(add, model.outcomes)
    _check_scoring(add, model.scoring, model.factors)
    _check_bands(add, model.confidence_bands)
    _check_inputs(add, model.inputs)
    _check_messages(add, model.messages)
    if model.anchors:
        _check_links(add, model)
    return problems


def _check_unique(add, section: str, ids: list[str]) -> None:
    first: dict[str, int] = {}
    for i, item_id in enumerate(ids):
        if item_id in first:
            add((section, i, "id"), f"id '{item_id}' is already used by {section}[{first[item_id]}]; ids must be unique")
        else:
            first[item_id] = i


def _check_factor(add, path: tuple, factor: Factor, inputs: dict) -> None:
    seen: set[str] = set()
    for j, option in enumerate(factor.options):
        if option.id in seen:
            add(path + ("options", j, "id"), f"option '{option.id}' appears twice in factor '{factor.id}'")
        seen.add(option.id)
        if abs(option.points) > POINTS_LIMIT:
            add(path + ("options", j, "points"), f"must be between -{POINTS_LIMIT} and {POINTS_LIMIT}, not {option.points}")
        if option.retrieval < 0 or option.retrieval > POINTS_LIMIT:
            add(path + ("options", j, "retrieval"), f"must be between 0 and {POINTS_LIMIT}, not {option.retrieval}")
        if option.range is not None:
            if factor.measures is None:
                add(path + ("options", j, "range"), f"a range needs the factor to say which input it measures; add `measures:` to '{factor.id}'")
            if option.range.max is not None and option.range.max <= option.range.min:
                add(path + ("options", j, "range"), "max must be greater than min")
    if factor.default and factor.default not in seen:
        add(path + ("default",), f"'{factor.default}' is not an option of '{factor.id}'; use one of: {', '.join(factor.option_ids)}")
    elif factor.default:
        neutral = factor.option(factor.default) if factor.has_option(factor.default) else None
        if neutral is not None and (neutral.points != 0 or neutral.retrieval != 0):
            add(path + ("default",), f"the default option '{factor.default}' must give 0 points and 0 retrieval, so an unanswered question changes nothing")
    if factor.measures is not None and factor.measures not in inputs:
        add(path + ("measures",), f"'{factor.measures}' is not a numeric input; use one of: {', '.join(inputs)}")


def _check_gate(add, path: tuple, gate: Gate, factors: dict) -> None:
    factor = factors.get(gate.factor)
    if factor is None:
        add(path + ("factor",), f"'{gate.factor}' is not a factor; use one of: {', '.join(factors)}")
        return
    if not gate.passes_with:
        add(path + ("passes_with",), "must not be empty; list the options that meet this gate")
        return
    for k, option_id in enumerate(gate.passes_with):
        if not factor.has_option(option_id):
            add(path + ("passes_with", k), f"'{option_id}' is not an option of '{factor.id}'; use one of: {', '.join(factor.option_ids)}")
    if any(not factor.has_option(o) for o in gate.passes_with):
        return
    failing = [o for o in factor.options if o.id not in gate.passes_with]
    if not failing:
        add(path + ("passes_with",), "every option passes, so the gate checks nothing; leave at least one option out")
        return
    if factor.default in gate.passes_with:
        add(path + ("passes_with",), f"the default option '{factor.default}' must not pass: an unanswered question shows nothing")
    # Monotonicity: an answer worth more toward fine-tuning must never fail a gate a lesser answer passes.
    lowest_pass = min((factor.option(o) for o in gate.passes_with), key=lambda o: o.points)
    highest_fail = max(failing, key=lambda o: o.points)
    if highest_fail.points >= lowest_pass.points:
        add(path + ("passes_with",),
            f"option '{highest_fail.id}' ({highest_fail.points:+d} points) fails the gate while '{lowest_pass.id}' "
            f"({lowest_pass.points:+d}) passes; passing options must give more points than every failing one")


def _check_outcomes(add, outcomes: tuple[Outcome, ...]) -> None:
    if not outcomes:
        return
    cell_owner: dict[tuple, Outcome] = {}
    for cell in _all_cells():
        owners = [(i, o) for i, o in enumerate(outcomes) if o.when.matches(*cell)]
        described = _describe_cell(cell)
        if not owners:
            add(("outcomes",), f"no outcome covers {described}; add one or widen a `when`")
        elif len(owners) > 1:
            names = " and ".join(f"'{o.id}'" for _, o in owners)
            add(("outcomes", owners[1][0], "when"), f"{names} both cover {described}; make their `when` conditions exclusive")
        else:
            cell_owner[cell] = owners[0][1]
    for i, outcome in enumerate(outcomes):
        if outcome.family == "fine-tuning" and outcome.when.gates != "pass":
            add(("outcomes", i, "when"), "a fine-tuning outcome must require `gates: pass`; fine-tuning is recommended only when every gate passes")
        if outcome.family and not any(outcome.when.matches(*cell) for cell in _all_cells()):
            add(("outcomes", i, "when"), "covers no case; it can never be the verdict")
    if len(cell_owner) != len(_all_cells()):
        return
    index = {o.id: i for i, o in enumerate(outcomes)}
    # Monotonicity over the table: more score (lean) and more gates met never lower the family.
    # Retrieval can move either way with one answer, so the family must not depend on it.
    for low, high in product(_all_cells(), repeat=2):
        if _closer_or_equal(low, high):
            a, b = cell_owner[low], cell_owner[high]
            if FAMILY_RANK.get(a.family, 0) > FAMILY_RANK.get(b.family, 0):
                add(("outcomes", index[b.id], "family"),
                    f"'{b.id}' ({b.family}) covers {_describe_cell(high)}, which is closer to fine-tuning than "
                    f"{_describe_cell(low)} covered by '{a.id}' ({a.family}); families must not fall as answers move toward fine-tuning")
                return


def _closer_or_equal(low: tuple[str, bool, bool], high: tuple[str, bool, bool]) -> bool:
    """True when `high` is at least as close to fine-tuning as `low` on both lean and gates."""
    return LEANS.index(low[0]) <= LEANS.index(high[0]) and low[1] <= high[1]


def _describe_cell(cell: tuple[str, bool, bool]) -> str:
    lean, gates_pass, retrieval = cell
    return f"lean {lean}, gates {'pass' if gates_pass else 'fail'}, retrieval {'true' if retrieval else 'false'}"


def _check_scoring(add, scoring: Scoring, factors: tuple[Factor, ...]) -> None:
    path = ("scoring",)
    if factors and all(f.options for f in factors):
        highest = sum(max(o.points for o in f.options) for f in factors)
        lowest = sum(min(o.points for o in f.options) for f in factors)
        if not lowest < scoring.fine_tuning_threshold <= highest:
            add(path + ("fine_tuning_threshold",),
                f"must be above the lowest possible total ({lowest:+d}) and at most the highest ({highest:+d}), or one lean can never happen")
        most_retrieval = sum(max(o.retrieval for o in f.options) for f in factors)
        if not 1 <= scoring.retrieval_threshold <= most_retrieval:
            add(path + ("retrieval_threshold",), f"must be between 1 and the highest possible retrieval total ({most_retrieval})")
    if scoring.full_confidence_margin <= 0:
        add(path + ("full_confidence_margin",), "must be greater than 0")
    if scoring.strong_pull < 1:
        add(path + ("strong_pull",), "must be at least 1")
    if scoring.opposing_pull_total < 1:
        add(path + ("opposing_pull_total",), "must be at least 1")
    if not 0 < scoring.context_share_warning <= 1:
        add(path + ("context_share_warning",), "must be a share greater than 0 and at most 1, like 0.5")


def _check_bands(add, bands: tuple[ConfidenceBand, ...]) -> None:
    if not bands:
        add(("confidence_bands",), "must not be empty; add at least one band starting at min 0")
        return
    if bands[0].min != 0:
        add(("confidence_bands", 0, "min"), "the first band must start at 0 so every confidence has a band")
    for i, band in enumerate(bands):
        if not 0 <= band.min <= 1:
            add(("confidence_bands", i, "min"), "must be between 0 and 1")
        if i and band.min <= bands[i - 1].min:
            add(("confidence_bands", i, "min"), "bands must be listed in ascending order of min")


def _check_inputs(add, inputs: tuple[NumericInput, ...]) -> None:
    for i, item in enumerate(inputs):
        path = ("inputs", i)
        if item.min < 0:
            add(path + ("min",), "must not be negative; cost figures are never below 0")
        if item.max < item.min:
            add(path + ("max",), f"must be at least min ({item.min})")
        elif not item.min <= item.default <= item.max:
            add(path + ("default",), f"must be between min ({item.min}) and max ({item.max})")
        if item.step <= 0:
            add(path + ("step",), "must be greater than 0")
        if item.id == CONTEXT_WINDOW and item.min < 1:
            add(path + ("min",), "must be at least 1; the prompt's share of the window divides by it")
    present = {i.id for i in inputs}
    for missing in [c for c in COST_INPUTS if c not in present]:
        add(("inputs",), f"the cost arithmetic needs an input with id '{missing}'; add it")


def _check_messages(add, messages: Mapping[str, str]) -> None:
    for key, allowed in MESSAGE_FIELDS.items():
        template = messages.get(key, "")
        try:
            parsed = list(string.Formatter().parse(template))
        except ValueError as exc:
            add(("messages", key), f"is not a valid template ({exc}); write names in braces, like {{score}}, and double literal braces")
            continue
        for _, name, spec, conversion in parsed:
            if name is None:
                continue
            if name not in allowed:
                usable = ", ".join("{" + a + "}" for a in allowed) or "none"
                add(("messages", key), f"{{{name}}} is not available here; names this message may use: {usable}")
            elif spec or conversion:
                add(("messages", key), f"write {{{name}}} without a format or conversion; the calculator formats the value")


def _check_links(add, model: Model) -> None:
    def check(path: tuple, anchor_id: str) -> None:
        if anchor_id and anchor_id not in model.anchors:
            close = difflib.get_close_matches(anchor_id, list(model.anchors), n=3)
            hint = f"did you mean {', '.join(close)}?" if close else "link to a checklist question, comparison row, FAQ or methodology section"
            add(path, f"unknown id '{anchor_id}'; no section of the site has it; {hint}")

    for i, factor in enumerate(model.factors):
        for k, anchor_id in enumerate(factor.links):
            check(("factors", i, "links", k), anchor_id)
    for i, outcome in enumerate(model.outcomes):
        for k, anchor_id in enumerate(outcome.links):
            check(("outcomes", i, "links", k), anchor_id)
