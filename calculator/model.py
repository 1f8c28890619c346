"""The decision model: factors, gates, outcomes and cost inputs, read from content and checked once.

`Model.from_dict` takes plain data (a dict from YAML in CPython, from JSON in the browser). Every
rule the engine relies on is checked here, so a model that constructs can always be scored:
every answer set reaches exactly one outcome, and moving an answer toward fine-tuning can never
move the verdict away from fine-tuning.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import string
from collections.abc import Callable, Hashable, Mapping
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from itertools import product
from types import MappingProxyType, UnionType
from typing import NamedTuple, TypeVar, Union, get_args, get_origin, get_type_hints

from .cost import COST_INPUTS, CONTEXT_WINDOW
from .errors import ModelError
from .values import is_number, kind_of, shown

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
    "default_verdict": (),
    "warn_unanswered": ("count", "total", "factors"),
    "warn_opposing": ("toward_fine_tuning", "toward_prompting"),
    "warn_range": ("option", "factor", "input", "value"),
    "warn_context_share": ("share", "window"),
    "warn_cost_never": ("reason",),
    "warn_example_figures": ("count", "inputs"),
    "never_no_traffic": (),
    "never_price": ("tuned_call", "base_call"),
    "never_upkeep": ("saving", "upkeep"),
    "cost_saving": ("amount",),
    "cost_extra": ("amount",),
    "cost_same": (),
    "cost_examples_only": (),
    "chart_description": ("months", "prompting", "fine_tuning", "one_off"),
    "chart_break_even": ("months",),
    "chart_never": (),
    # Comparing a verdict made with an archived model version with today's (calculator/versions.py).
    "version_then": ("version", "date"),
    "version_same": ("version", "date", "verdict"),
    "version_changed": ("version", "date", "verdict", "then"),
    "diff_points": ("factor", "option", "then", "now"),
    "diff_retrieval": ("factor", "option", "then", "now"),
    "diff_option_gone": ("factor", "option"),
    "diff_factor_gone": ("factor", "option"),
    "diff_threshold": ("then", "now"),
    "diff_retrieval_threshold": ("then", "now"),
    "diff_gate_new": ("gate",),
    "diff_gate_gone": ("gate",),
    "diff_gate_now_fails": ("gate", "option"),
    "diff_gate_now_passes": ("gate", "option"),
    "diff_outcome_rule": ("then", "now"),
}

# The URL query key that names the model version a link was made with. Answers share the query
# with it, so no factor or input may take this id (checked below).
MODEL_VERSION_PARAM = "model-version"
# What a version identifies is the decision model: questions, points, gates, outcomes, wording.
# These fields describe the site around it (section addresses and titles, cited sources), which
# change with edits to other content files; they are published with each version, not hashed.
SITE_CONTEXT_FIELDS = ("anchors", "site_links", "factor_sources")
VERSION_HASH_LENGTH = 8
# How many keys each table of `Model.memo` keeps: enough for a reader going back and forth between
# answers, small enough that typing figure after figure never grows memory for long.
MEMO_LIMIT = 64

T = TypeVar("T")



@dataclass(frozen=True)
class Range:
    """Values of a numeric input that agree with an option: min <= value < max (max None: no limit)."""

    min: float
    max: float | None = None
    typical: float | None = None  # the figure the cost arithmetic uses when only the option is answered

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
    hard_block: bool = False  # rules fine-tuning out outright (its gate cannot pass), so "not yet" is firm
    caution: str | None = None  # shown as a warning whenever this option is chosen, whatever the verdict


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
    _option_ids: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({o.id: o for o in self.options}))
        object.__setattr__(self, "_option_ids", tuple(o.id for o in self.options))

    @property
    def option_ids(self) -> tuple[str, ...]:
        return self._option_ids

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
class Conflict:
    """Two answers that contradict each other; when both are chosen the verdict warns and confidence drops."""

    id: str
    answers: Mapping[str, tuple[str, ...]]  # exactly two factors, each with the options that clash
    message: str  # may use {first} and {second}: each answer as "Factor: “option”"


@dataclass(frozen=True)
class Scoring:
    fine_tuning_threshold: int
    retrieval_threshold: int
    full_confidence_margin: float
    strong_pull: int
    opposing_pull_total: int
    context_share_warning: float
    coverage_weight: float  # how much of the confidence rests on how many questions were answered
    conflict_penalty: float  # each standing conflict multiplies confidence by this
    hard_block_confidence: float  # the least confidence of a verdict against fine-tuning when a hard block is answered


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


class Effect(NamedTuple):
    """One option's share of the totals a verdict depends on: the decision table's entry."""

    points: int
    retrieval: int
    failing_gates: int


class Change(NamedTuple):
    """Moving a factor's answer to another option: that option, and what the move adds to each total."""

    option: str
    points: int
    retrieval: int
    failing_gates: int


@dataclass(frozen=True)
class SiteLinks:
    """The site sections the calculator links to by role; the site names them, the core never does."""

    calculator: str | None = None  # the calculator page's verdict section: reopen links point there
    methodology: str | None = None  # how the score works: the decision record cites it


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
    conflicts: tuple[Conflict, ...] = ()
    anchors: Mapping[str, Anchor] = field(default_factory=lambda: MappingProxyType({}))
    site_links: SiteLinks = SiteLinks()
    reviewed: str = ""  # the date the content was last checked, YYYY-MM-DD
    title: str = "Decision calculator"
    intro: str = ""
    # Per factor, the outside sources (site ids) the sections it links to cite; the decision record lists them.
    factor_sources: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    _version: str = field(default="", init=False, repr=False, compare=False)
    _factor_ids: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)
    _input_ids: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)
    _factors: Mapping[str, Factor] = field(default_factory=lambda: MappingProxyType({}), init=False, repr=False, compare=False)
    _inputs: Mapping[str, NumericInput] = field(default_factory=lambda: MappingProxyType({}), init=False, repr=False, compare=False)
    _outcomes: Mapping[str, Outcome] = field(default_factory=lambda: MappingProxyType({}), init=False, repr=False, compare=False)
    _cells: Mapping[tuple[str, bool, bool], Outcome] = field(default_factory=lambda: MappingProxyType({}), init=False, repr=False, compare=False)
    _effects: Mapping[str, Mapping[str, Effect]] = field(default_factory=lambda: MappingProxyType({}), init=False, repr=False, compare=False)
    _changes: Mapping[str, Mapping[str, tuple[Change, ...]]] = field(default_factory=lambda: MappingProxyType({}), init=False, repr=False, compare=False)
    # Figures derived from this model alone (and a key), kept so that scoring answers again reuses them.
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_factor_ids", tuple(f.id for f in self.factors))
        object.__setattr__(self, "_input_ids", tuple(i.id for i in self.inputs))
        problems = _invariant_problems(self)
        if problems:
            raise ModelError(problems)
        object.__setattr__(self, "_factors", MappingProxyType({f.id: f for f in self.factors}))
        object.__setattr__(self, "_inputs", MappingProxyType({i.id: i for i in self.inputs}))
        object.__setattr__(self, "_outcomes", MappingProxyType({o.id: o for o in self.outcomes}))
        cells = {cell: next(o for o in self.outcomes if o.when.matches(*cell)) for cell in _all_cells()}
        object.__setattr__(self, "_cells", MappingProxyType(cells))
        effects = {
            f.id: MappingProxyType({o.id: Effect(o.points, o.retrieval, sum(1 for g in self.gates if g.factor == f.id and o.id not in g.passes_with))
                                    for o in f.options})
            for f in self.factors
        }
        object.__setattr__(self, "_effects", MappingProxyType(effects))
        # From each answer, every other option of the factor (in option order) as a change to the totals:
        # the flip search tries these on every run, so they are worked out once, here.
        changes = {
            f.id: MappingProxyType({
                now: tuple(Change(option, then.points - effect.points, then.retrieval - effect.retrieval,
                                  then.failing_gates - effect.failing_gates)
                           for option, then in effects[f.id].items() if option != now)
                for now, effect in effects[f.id].items()
            })
            for f in self.factors
        }
        object.__setattr__(self, "_changes", MappingProxyType(changes))

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping) -> Model:
        """Build a model from plain data: the site's validated content, or `to_dict()` output as JSON.

        The shape is trusted (the site's schema checked it); a shape fault still raises ModelError
        naming its key path rather than a bare TypeError. The invariants are always checked.
        """
        try:
            model = _from_plain(cls, data, ())
        except _ShapeError as exc:
            raise ModelError([(exc.path, exc.message)]) from None
        return model  # type: ignore[return-value]

    def to_dict(self) -> dict:
        """The model as JSON-ready data; `Model.from_dict(model.to_dict()) == model`."""
        return _to_plain(self)  # type: ignore[return-value]

    @property
    def version(self) -> str:
        """`<reviewed date>-<short hash>`: names this decision model in links and records (see `version_of`)."""
        if not self._version:  # hashed on first use: scoring never needs it, and models are immutable
            object.__setattr__(self, "_version", version_of(self.to_dict()))
        return self._version

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

    def effect(self, factor_id: str, option_id: str) -> Effect:
        """What choosing an option adds to the three totals a verdict depends on."""
        return self._effects[factor_id][option_id]

    def effects(self, factor_id: str) -> Mapping[str, Effect]:
        return self._effects[factor_id]

    def changes(self, factor_id: str, option_id: str) -> tuple[Change, ...]:
        """Every other answer to a factor answered `option_id`, in option order, as a change to the three totals."""
        return self._changes[factor_id][option_id]

    def memo(self, table: str, key: Hashable, build: Callable[[], T], limit: int = MEMO_LIMIT) -> T:
        """`build()`, made once for each `key` of `table` and kept with this model (at most `limit` keys, oldest out).

        Only for values that depend on nothing but this model and the key, and that callers only read:
        the value is shared by everyone who asks for the same key.
        """
        kept = self._memo.setdefault(table, {})
        if key in kept:
            return kept[key]
        value = kept[key] = build()
        if len(kept) > limit:
            del kept[next(iter(kept))]
        return value

    def outcome_for(self, lean: str, gates_pass: bool, retrieval: bool) -> Outcome:
        """The one outcome covering a cell of the decision table."""
        return self._cells[(lean, gates_pass, retrieval)]

    @property
    def factor_ids(self) -> tuple[str, ...]:
        return self._factor_ids

    @property
    def input_ids(self) -> tuple[str, ...]:
        return self._input_ids

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


def version_of(plain: Mapping) -> str:
    """The version of a model given as `Model.to_dict()` data (or that JSON, read back).

    The reviewed date, then the first hex digits of SHA-256 over the canonical JSON (sorted keys,
    no spaces) of everything but SITE_CONTEXT_FIELDS. Reading the data is enough, so an archived
    file's version can be checked, and a cache keyed, without building the model.
    """
    decision = {key: value for key, value in plain.items() if key not in SITE_CONTEXT_FIELDS}
    canonical = json.dumps(decision, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:VERSION_HASH_LENGTH]
    return f"{plain.get('reviewed') or 'undated'}-{digest}"


def join_url(site_url: str, relative: str) -> str:
    """`https://x.org/docs/` + `checklist/#a` -> `https://x.org/docs/checklist/#a`; no base keeps it relative."""
    if not site_url:
        return relative
    return site_url.rstrip("/") + "/" + relative.lstrip("/")


# -- plain data in and out ----------------------------------------------------------------
#
# The site validates calculator.yml once, with its schema, and hands the result over as plain
# data; the browser gets `Model.to_dict()` as JSON. So reading trusts the shape and builds the
# dataclasses from their own field declarations: the keys are written once, on the classes above.

def _from_plain(cls: type, data: object, path: tuple) -> object:
    """Build dataclass `cls` from a mapping, nested dataclasses, tuples and mappings included."""
    if not isinstance(data, Mapping):
        raise _ShapeError(path, f"must be a mapping of keys to values, not {kind_of(data)}")
    hints = _hints(cls)
    known = {f.name: f for f in fields(cls) if f.init}
    values = {}
    for key, value in data.items():
        if key not in known:
            raise _ShapeError(path + (str(key),), f"unknown key '{shown(key)}'; allowed keys here: {', '.join(known)}")
        values[key] = _convert(hints[key], value, path + (key,))
    for name, spec in known.items():
        if name not in values and spec.default is MISSING and spec.default_factory is MISSING:
            raise _ShapeError(path + (name,), "required key is missing; add it")
    return cls(**values)


def _convert(hint: object, value: object, path: tuple) -> object:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, UnionType):
        if value is None and type(None) in args:
            return None
        return _convert(next(a for a in args if a is not type(None)), value, path)
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise _ShapeError(path, f"must be a list, not {kind_of(value)}")
        return tuple(_convert(args[0], item, path + (i,)) for i, item in enumerate(value))
    if origin in (Mapping, dict):
        if not isinstance(value, Mapping):
            raise _ShapeError(path, f"must be a mapping, not {kind_of(value)}")
        return MappingProxyType({str(k): _keyed(args[1], str(k), v, path + (str(k),)) for k, v in value.items()})
    if isinstance(hint, type) and is_dataclass(hint):
        return _from_plain(hint, value, path)
    if hint is int:
        if not is_number(value) or not float(value).is_integer():
            raise _ShapeError(path, f"must be a whole number, not {kind_of(value)}")
        return int(value)
    if hint is float:
        if not is_number(value):
            raise _ShapeError(path, f"must be a number, not {kind_of(value)}")
        return value  # ints stay ints so output shows 300000, not 300000.0
    if hint is str and hasattr(value, "isoformat"):
        return value.isoformat()  # a date read from YAML; JSON carries it as text
    if hint is bool and not isinstance(value, bool) or hint is str and not isinstance(value, str):
        raise _ShapeError(path, f"must be {'true or false' if hint is bool else 'text'}, not {kind_of(value)}")
    return value


def _keyed(hint: object, key: str, value: object, path: tuple) -> object:
    """A mapping entry whose dataclass has an `id`: the key supplies it (anchors are written {id: {...}})."""
    if isinstance(hint, type) and is_dataclass(hint) and isinstance(value, Mapping) and "id" in _hints(hint) and "id" not in value:
        value = {"id": key, **value}
    return _convert(hint, value, path)


_HINTS: dict[type, dict[str, object]] = {}


def _hints(cls: type) -> dict[str, object]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]


def _to_plain(value: object) -> object:
    """The inverse of `_from_plain`: JSON-ready data; None and empty optional fields are left out."""
    if is_dataclass(value):
        out = {}
        for f in fields(value):
            if not f.init:
                continue
            item = getattr(value, f.name)
            if item is None or (item == () and f.default == ()):
                continue
            out[f.name] = _to_plain(item)
        return out
    if isinstance(value, Mapping):
        return {k: (_without_id(_to_plain(v), k)) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_to_plain(item) for item in value]
    return value


def _without_id(plain: object, key: str) -> object:
    if isinstance(plain, dict) and plain.get("id") == key:
        return {k: v for k, v in plain.items() if k != "id"}
    return plain


class _ShapeError(Exception):
    def __init__(self, path: tuple, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


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
        if factor.id == MODEL_VERSION_PARAM:
            add(("factors", i, "id"), f"'{factor.id}' is reserved: links use it for the model version; choose another id")
    for i, item in enumerate(model.inputs):
        if item.id == MODEL_VERSION_PARAM:
            add(("inputs", i, "id"), f"'{item.id}' is reserved: links use it for the model version; choose another id")

    for i, gate in enumerate(model.gates):
        _check_gate(add, ("gates", i), gate, factors)
    _check_outcomes(add, model.outcomes)
    _check_scoring(add, model.scoring, model.factors)
    _check_bands(add, model.confidence_bands)
    _check_inputs(add, model.inputs)
    _check_messages(add, model.messages)
    _check_unique(add, "conflicts", [c.id for c in model.conflicts])
    for i, conflict in enumerate(model.conflicts):
        _check_conflict(add, ("conflicts", i), conflict, factors)
    for i, factor in enumerate(model.factors):
        _check_hard_blocks(add, ("factors", i), factor, model.gates)
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


def _check_conflict(add, path: tuple, conflict: Conflict, factors: dict) -> None:
    if len(conflict.answers) != 2:
        add(path + ("answers",), f"must name exactly two factors, not {len(conflict.answers)}; a conflict is a pair of answers")
    for factor_id, options in conflict.answers.items():
        factor = factors.get(factor_id)
        if factor is None:
            add(path + ("answers", factor_id), f"'{shown(factor_id)}' is not a factor; use one of: {', '.join(factors)}")
            continue
        if not options:
            add(path + ("answers", factor_id), "must list at least one option")
        for k, option_id in enumerate(options):
            if not factor.has_option(option_id):
                add(path + ("answers", factor_id, k), f"'{shown(option_id)}' is not an option of '{factor.id}'; use one of: {', '.join(factor.option_ids)}")
            elif option_id == factor.default:
                add(path + ("answers", factor_id, k), f"'{option_id}' is the default ('not sure'); an unanswered question cannot contradict anything")
    _check_template(add, path + ("message",), conflict.message, ("first", "second"))


def _check_hard_blocks(add, path: tuple, factor: Factor, gates: tuple[Gate, ...]) -> None:
    own = [g for g in gates if g.factor == factor.id]
    for j, option in enumerate(factor.options):
        if option.hard_block and not any(option.id not in g.passes_with for g in own):
            add(path + ("options", j, "hard_block"),
                f"option '{option.id}' passes every gate of '{factor.id}', so it blocks nothing; a hard block must fail a gate")
        if option.range is not None and option.range.typical is not None and not option.range.contains(option.range.typical):
            add(path + ("options", j, "range", "typical"), "must lie within the option's own range (min <= typical < max)")


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
    if highest_fail.points > lowest_pass.points:
        add(path + ("passes_with",),
            f"option '{highest_fail.id}' ({highest_fail.points:+d} points) fails the gate while '{lowest_pass.id}' "
            f"({lowest_pass.points:+d}) passes; passing options must give at least as many points as every failing one")


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
    if not 0 <= scoring.coverage_weight < 1:
        add(path + ("coverage_weight",), "must be at least 0 and below 1, like 0.6")
    if not 0 < scoring.conflict_penalty < 1:
        add(path + ("conflict_penalty",), "must be above 0 and below 1, like 0.6, so a conflict always lowers confidence")
    if not 0 < scoring.hard_block_confidence < 1:
        add(path + ("hard_block_confidence",), "must be above 0 and below 1, like 0.9")


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
        if key not in messages:
            add(("messages", key), "required key is missing; add it")
            continue
        _check_template(add, ("messages", key), messages[key], allowed)


def _check_template(add, path: tuple, template: str, allowed: tuple[str, ...]) -> None:
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        add(path, f"is not a valid template ({exc}); write names in braces, like {{score}}, and double literal braces")
        return
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in allowed:
            usable = ", ".join("{" + a + "}" for a in allowed) or "none"
            add(path, f"{{{name}}} is not available here; names this message may use: {usable}")
        elif spec or conversion:
            add(path, f"write {{{name}}} without a format or conversion; the calculator formats the value")


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
    for factor_id, source_ids in model.factor_sources.items():
        if factor_id not in model.factor_ids:
            add(("factor_sources", factor_id), f"'{shown(factor_id)}' is not a factor; use one of: {', '.join(model.factor_ids)}")
        for k, anchor_id in enumerate(source_ids):
            check(("factor_sources", factor_id, k), anchor_id)
