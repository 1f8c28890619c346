"""What the page's `bridge.run` computes on every change, against the straightforward way of computing it.

Recomputing reuses what depends only on the model (the flip search's table of answer changes, the
cost figures and their views, encoded query pairs, links) and builds only the parts of the display
tree the page paints. None of that may change a verdict, a flip, a warning, a cost or a text: here
each shortcut is compared with the plain computation over many answer sets, and the parts the page
paints are compared with the bindings of the page itself.
"""
from __future__ import annotations

import json
import math
import random
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import Model, bridge, evaluate, parse_answers, sanitize_answers
from calculator.engine import effective_choices
from calculator.flips import Flip, decide, find_flips

from shared_models import MODEL, RAW  # tests/ is on the path

SITE_URL = "https://example.org/docs/"
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None)
FACTORS = {f["id"]: f for f in RAW["factors"]}


# -- the straightforward computations -------------------------------------------------------------

def plain_find_flips(model: Model, effective: dict, decision) -> tuple[int | None, tuple[Flip, ...]]:
    """The flip search as first written: every single change, else every pair, each scored from the table."""
    def outcome(score: int, retrieval: int, failing: int):
        lean = "fine-tuning" if score >= model.scoring.fine_tuning_threshold else "prompting"
        return model.outcome_for(lean, failing == 0, retrieval >= model.scoring.retrieval_threshold)

    order = [f.id for f in model.factors]
    deltas = {}
    for factor_id in order:
        now = model.effect(factor_id, effective[factor_id])
        deltas[factor_id] = [(option_id, then.points - now.points, then.retrieval - now.retrieval,
                              then.failing_gates - now.failing_gates)
                             for option_id, then in model.effects(factor_id).items() if option_id != effective[factor_id]]
    score, retrieval, failing, current = decision.score, decision.retrieval, decision.failing_gates, decision.outcome.id
    singles = [Flip(((f, o),), outcome(score + s, retrieval + r, failing + g).id, outcome(score + s, retrieval + r, failing + g).label)
               for f in order for o, s, r, g in deltas[f]
               if outcome(score + s, retrieval + r, failing + g).id != current]
    if singles:
        return 1, tuple(singles)
    pairs = []
    for first, second in combinations(order, 2):
        for a, sa, ra, ga in deltas[first]:
            for b, sb, rb, gb in deltas[second]:
                result = outcome(score + sa + sb, retrieval + ra + rb, failing + ga + gb)
                if result.id != current:
                    pairs.append(Flip(((first, a), (second, b)), result.id, result.label))
    return (2, tuple(pairs)) if pairs else (None, ())


def fresh_tree(raw: dict, site_url: str = SITE_URL) -> str:
    """The whole display tree made by a model built just now (nothing kept from earlier answers), as JSON."""
    model = Model.from_dict(MODEL.to_dict())
    kept, _ = sanitize_answers(model, raw)
    return json.dumps(evaluate(model, parse_answers(model, kept)).to_dict(site_url), ensure_ascii=False)


# -- answer sets ----------------------------------------------------------------------------------

def _extreme(f: dict, pick) -> str:
    return pick(f["options"], key=lambda o: o["points"])["id"]


uniform_choices = st.fixed_dictionaries(
    {}, optional={fid: st.sampled_from([o["id"] for o in f["options"]]) for fid, f in FACTORS.items()})
# Firm answers, mostly at one end: no single change alters such verdicts, so the search tries pairs.
firm_choices = st.sampled_from([min, max]).flatmap(lambda pick: st.fixed_dictionaries(
    {fid: st.one_of(st.just(_extreme(f, pick)), st.sampled_from([o["id"] for o in f["options"]])) for fid, f in FACTORS.items()}))
choices_strategy = st.one_of(uniform_choices, firm_choices)


def _figure(spec):
    whole = st.integers(min_value=math.ceil(spec.min), max_value=math.floor(spec.max))
    real = st.floats(min_value=spec.min, max_value=spec.max, allow_nan=False, allow_infinity=False)
    # As the page sends them: text, sometimes a whole number written as a decimal ("5000.0").
    return (whole | real).flatmap(lambda v: st.sampled_from([v, str(v), str(float(v))]))


# Few figures, from few values, so a run of answer sets meets the same figures again (as the page does).
figures_strategy = st.fixed_dictionaries(
    {}, optional={i.id: st.one_of(st.sampled_from([i.min, i.default, str(i.default), float(i.default)]), _figure(i))
                  for i in MODEL.inputs[:6]})


# -- the shortcuts against the straightforward computations ---------------------------------------

@PROPERTY_SETTINGS
@given(choices_strategy)
def test_the_flip_search_finds_exactly_the_flips_of_the_plain_search_in_the_same_order(choices):
    answers = parse_answers(MODEL, choices)
    kept = evaluate(MODEL, answers).answers  # "not sure" answers left out, as the engine scores them
    effective = effective_choices(MODEL, kept)
    decision = decide(MODEL, effective)
    assert find_flips(MODEL, effective, decision) == plain_find_flips(MODEL, effective, decision)


def test_the_pair_search_finds_exactly_the_pairs_of_the_plain_search():
    """Answer sets that no single change alters (found by a seeded search), so pairs are tried and some skipped."""
    rng = random.Random(20261129)
    searched = 0
    for _ in range(3000):
        pick = rng.choice([min, max])
        choices = {fid: _extreme(f, pick) if rng.random() < 0.8 else rng.choice(f["options"])["id"]
                   for fid, f in FACTORS.items()}
        effective = effective_choices(MODEL, evaluate(MODEL, parse_answers(MODEL, choices)).answers)
        decision = decide(MODEL, effective)
        found = find_flips(MODEL, effective, decision)
        if found[0] != 1:
            assert found == plain_find_flips(MODEL, effective, decision), choices
            searched += 1
    assert searched >= 50, f"only {searched} answer sets needed pairs; make the answers firmer"


@settings(max_examples=100, deadline=None)  # each example builds a model per answer set
@given(st.lists(st.tuples(choices_strategy, figures_strategy), min_size=1, max_size=6))
def test_a_session_of_runs_gives_the_trees_a_fresh_model_gives(session):
    """One model scoring answer set after answer set (reusing what it kept) matches a model built for each."""
    model = Model.from_dict(MODEL.to_dict())
    for choices, figures in session:
        raw = {**choices, **figures}
        kept, _ = sanitize_answers(model, raw)
        tree = evaluate(model, parse_answers(model, kept)).to_dict(SITE_URL)
        assert json.dumps(tree, ensure_ascii=False) == fresh_tree(raw)


def test_figures_equal_in_value_but_written_differently_are_never_mixed_up():
    """2 and 2.0, 0 and 0.0 are equal to Python but print differently: what is kept tells them apart."""
    model = Model.from_dict(MODEL.to_dict())
    for value in (1, 1.0, 0, 0.0, 1, 2.5):
        raw = {"volume": "high", "hosting-per-hour": value}
        tree = evaluate(model, parse_answers(model, raw)).to_dict(SITE_URL)
        assert json.dumps(tree, ensure_ascii=False) == fresh_tree(raw), value


@PROPERTY_SETTINGS
@given(choices_strategy, figures_strategy)
def test_bridge_run_returns_the_page_parts_of_the_whole_tree(choices, figures):
    if bridge._model is None or bridge._model.version != MODEL.version:  # loading collects garbage: once will do
        bridge.load(json.dumps(MODEL.to_dict()))
    raw = {**choices, **figures}
    reply = json.loads(bridge.run(json.dumps(raw), SITE_URL))
    whole = json.loads(fresh_tree(raw))
    assert reply["ok"] is True
    assert list(reply["result"]) == [key for key in whole if key in bridge.PAGE_PARTS]
    assert reply["result"] == {key: value for key, value in whole.items() if key in bridge.PAGE_PARTS}
    assert (reply["query"], reply["permalink_query"], reply["model_version"]) == (
        whole["query"], whole["permalink_query"], whole["model_version"])


def test_the_cli_tree_still_has_every_key():
    """Only the browser's run leaves parts out; every other painter gets the whole tree."""
    tree = evaluate(MODEL, parse_answers(MODEL, {"volume": "high"})).to_dict(SITE_URL)
    assert set(bridge.PAGE_PARTS) < set(tree)
    assert {"verdict", "label", "confidence", "confidence_band", "contributions", "flips", "warnings", "query",
            "model_version", "permalink_query", "sources", "flip_groups", "options", "reopen_url"} <= set(tree)


def test_what_is_kept_per_model_stays_bounded():
    model = Model.from_dict(MODEL.to_dict())
    for calls in range(500):
        evaluate(model, parse_answers(model, {"calls-per-month": calls})).to_dict(SITE_URL)
    assert all(len(table) <= 256 for table in model._memo.values())


# -- the page's bindings against the parts `run` builds -------------------------------------------


class Bindings(HTMLParser):
    """Every data-bind path of a page, as the binder (calculator-bind.mjs) reads it: {(lists, path)}.

    `lists` are the data-bind-list paths of the lists around the element, outermost first, since
    inside a list a path is the item's. What a data-bind-skip element holds is painted by its owner
    from another tree (the version banner), so it is left out.
    """

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, html: str):
        super().__init__()
        self.open: list[tuple[str, str | None, bool]] = []  # (tag, its data-bind-list, inside a skipped element)
        self.paths: set[tuple[tuple[str, ...], str]] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skipped = bool(self.open and self.open[-1][2]) or "data-bind-skip" in attrs
        lists = tuple(path for _, path, _ in self.open if path is not None)
        if not skipped:
            for name in ("data-bind-text", "data-bind-href", "data-bind-hidden", "data-bind-shown", "data-bind-list"):
                if name in attrs:
                    self.paths.add((lists, attrs[name]))
            for name in ("data-bind-attr", "data-bind-var"):
                for pair in filter(None, (attrs.get(name) or "").split(";")):
                    self.paths.add((lists, pair.split("=", 1)[1].strip()))
        if tag not in self.VOID:
            self.open.append((tag, attrs.get("data-bind-list"), skipped))

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass


@pytest.fixture(scope="module")
def page_and_model():
    """The real calculator page as the build renders it, and its model."""
    from sitegen.calculator_page import render_calculator_page
    from sitegen.content import load_site

    site = load_site(Path(__file__).resolve().parent.parent / "content")
    return render_calculator_page(site, "0123456789ab"), site.calculator


def _lookup(data, path: str):
    for part in path.split("."):
        if isinstance(data, list):
            data = data[int(part)] if part.isdigit() and int(part) < len(data) else None
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _items(value) -> list:
    """A list's items as the binder makes them (an object's entries become {key, value})."""
    if isinstance(value, dict):
        return [{"key": key, "value": item} for key, item in value.items()]
    return list(value or [])


def test_the_page_binds_only_parts_that_run_builds(page_and_model):
    html, _ = page_and_model
    bound = Bindings(html).paths
    assert len(bound) > 50, "the page's bindings were not found; has the markup changed?"
    top = {(lists[0] if lists else path).split(".")[0] for lists, path in bound}
    assert top <= bridge.PAGE_PARTS, f"the page paints {sorted(top - bridge.PAGE_PARTS)}: add them to PAGE_PARTS"
    assert "verdict" in bridge.PAGE_PARTS  # the glue sets data-verdict from it


@pytest.mark.parametrize("pick", [None, min, max])
def test_every_path_the_page_binds_is_in_what_run_returns(page_and_model, pick):
    """Each bound path leads to a key of the run's result, in every item of every list around it."""
    html, model = page_and_model
    bridge.load(json.dumps(model.to_dict()))
    answers = {} if pick is None else {f.id: pick(f.options, key=lambda o: o.points).id for f in model.factors}
    result = json.loads(bridge.run(json.dumps(answers), SITE_URL))["result"]
    missing = []
    for lists, path in sorted(Bindings(html).paths):
        items = [result]
        for list_path in lists:
            items = [item for parent in items for item in _items(_lookup(parent, list_path))]
        head, _, rest = path.partition(".")
        for item in items:
            if path == ".":
                continue
            if not isinstance(item, dict) or head not in item:
                missing.append((lists, path))
            elif rest and _lookup(item[head], rest) is None and not _optional(head, rest):
                missing.append((lists, path))
    assert not missing, f"bound paths the run's result lacks: {missing}"


def _optional(head: str, rest: str) -> bool:
    """Bound values that may be null by design: a link without a site address, no never-pays-back reason."""
    return (head, rest) in {("link", "url"), ("cost", "break_even.reason"), ("display", "cost.break_even")}
