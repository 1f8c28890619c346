"""Model.from_dict: the real content builds, and each broken rule gives its exact problem and key path.

Shapes (a list where a mapping belongs, an unknown key, text for a number) are the site
schema's job and are tested in test_content_models_calculator.py; the model checks its rules.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from calculator import Model, ModelError
CHECKLIST_FACTORS = ("task-clarity", "data-readiness", "quality-target", "latency-context",
                     "evaluation-plan", "governance", "change-management", "fallbacks")

ROOT = Path(__file__).resolve().parent.parent
DATA = yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8"))
MODEL = Model.from_dict(DATA)
ALL_FACTORS = ("task-clarity, data-readiness, quality-target, latency-context, evaluation-plan, governance, "
               "change-management, fallbacks, prompt-baseline, fresh-knowledge, volume")


def _index(section: str, item_id: str) -> int:
    return next(i for i, item in enumerate(DATA[section]) if item["id"] == item_id)


def problems_after(mutate) -> list[tuple[tuple, str]]:
    data = copy.deepcopy(DATA)
    mutate(data)
    with pytest.raises(ModelError) as caught:
        Model.from_dict(data)
    return caught.value.problems


def test_the_real_content_builds_a_model():
    assert MODEL.factor_ids[:8] == CHECKLIST_FACTORS
    assert MODEL.factor_ids[8:] == ("prompt-baseline", "fresh-knowledge", "volume")
    assert [o.id for o in MODEL.outcomes] == [
        "prompt-first", "prompt-plus-retrieval", "fine-tune-on-baseline", "fine-tune-plus-retrieval", "not-ready-to-fine-tune"]
    assert [g.factor for g in MODEL.gates] == ["task-clarity", "data-readiness", "evaluation-plan", "governance"]


def test_the_model_is_frozen():
    with pytest.raises(AttributeError):
        MODEL.factors = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        MODEL.messages["no_flips"] = "changed"  # type: ignore[index]


def test_listing_has_every_factor_and_input():
    listing = MODEL.listing()
    assert listing["factors"]["task-clarity"] == ["stable", "settling", "changing", "unsure"]
    assert listing["inputs"]["calls-per-month"] == {"min": 0, "max": 10_000_000_000, "default": 300000, "unit": "calls"}
    assert len(listing["factors"]) == 11 and len(listing["inputs"]) == 13


def _set(path, value):
    def mutate(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return mutate


def _delete(path):
    def mutate(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return mutate


TC = _index("factors", "task-clarity")
GOV = _index("factors", "governance")
STABLE_TASK = _index("gates", "stable-task")
PROMPT_FIRST = _index("outcomes", "prompt-first")
NOT_READY = _index("outcomes", "not-ready-to-fine-tune")

# (case id, mutation, problems expected among those reported: (key path, exact message))
BROKEN = [
    ("default-not-an-option", _set(("factors", TC, "default"), "maybe"),
     [(("factors", TC, "default"), "'maybe' is not an option of 'task-clarity'; use one of: stable, settling, changing, unsure")]),
    ("default-not-neutral", _set(("factors", TC, "options", 3, "points"), 1),
     [(("factors", TC, "default"), "the default option 'unsure' must give 0 points and 0 retrieval, so an unanswered question changes nothing")]),
    ("too-many-points", _set(("factors", TC, "options", 0, "points"), 11),
     [(("factors", TC, "options", 0, "points"), "must be between -10 and 10, not 11")]),
    ("duplicate-factor", _set(("factors", _index("factors", "fresh-knowledge"), "id"), "volume"),
     [(("factors", _index("factors", "volume"), "id"), f"id 'volume' is already used by factors[{_index('factors', 'fresh-knowledge')}]; ids must be unique")]),
    ("duplicate-option", _set(("factors", TC, "options", 1, "id"), "stable"),
     [(("factors", TC, "options", 1, "id"), "option 'stable' appears twice in factor 'task-clarity'")]),
    ("missing-gate-factor", lambda data: data["factors"].pop(GOV),
     [(("gates", _index("gates", "governance-cleared"), "factor"), "'governance' is not a factor; use one of: " + ALL_FACTORS.replace("governance, ", ""))]),
    ("factor-shadows-input", _set(("factors", _index("factors", "volume"), "id"), "calls-per-month"),
     [(("factors", _index("factors", "volume"), "id"), "'calls-per-month' is also a numeric input id; answers are one flat mapping, so ids must differ")]),
    ("range-without-measures", _delete(("factors", _index("factors", "volume"), "measures")),
     [(("factors", _index("factors", "volume"), "options", 0, "range"), "a range needs the factor to say which input it measures; add `measures:` to 'volume'")]),
    ("gate-unknown-factor", _set(("gates", STABLE_TASK, "factor"), "clarity"),
     [(("gates", STABLE_TASK, "factor"), f"'clarity' is not a factor; use one of: {ALL_FACTORS}")]),
    ("gate-unknown-option", _set(("gates", STABLE_TASK, "passes_with"), ["stable", "solid"]),
     [(("gates", STABLE_TASK, "passes_with", 1), "'solid' is not an option of 'task-clarity'; use one of: stable, settling, changing, unsure")]),
    ("gate-not-monotone", _set(("gates", STABLE_TASK, "passes_with"), ["settling"]),
     [(("gates", STABLE_TASK, "passes_with"), "option 'stable' (+2 points) fails the gate while 'settling' (+1) passes; "
                                               "passing options must give more points than every failing one")]),
    ("gate-passes-default", _set(("gates", STABLE_TASK, "passes_with"), ["stable", "settling", "unsure"]),
     [(("gates", STABLE_TASK, "passes_with"), "the default option 'unsure' must not pass: an unanswered question shows nothing")]),
    ("gate-passes-everything", _set(("gates", STABLE_TASK, "passes_with"), ["stable", "settling", "changing", "unsure"]),
     [(("gates", STABLE_TASK, "passes_with"), "every option passes, so the gate checks nothing; leave at least one option out")]),
    ("outcomes-overlap", _set(("outcomes", PROMPT_FIRST, "when"), {"lean": "prompting"}),
     [(("outcomes", 1, "when"), "'prompt-first' and 'prompt-plus-retrieval' both cover lean prompting, gates fail, retrieval true; "
                                "make their `when` conditions exclusive")]),
    ("outcome-gap", lambda data: data["outcomes"].pop(NOT_READY),
     [(("outcomes",), "no outcome covers lean fine-tuning, gates fail, retrieval false; add one or widen a `when`"),
      (("outcomes",), "no outcome covers lean fine-tuning, gates fail, retrieval true; add one or widen a `when`")]),
    ("fine-tuning-without-gates", _set(("outcomes", NOT_READY, "family"), "fine-tuning"),
     [(("outcomes", NOT_READY, "when"), "a fine-tuning outcome must require `gates: pass`; fine-tuning is recommended only when every gate passes")]),
    ("family-falls", _set(("outcomes", PROMPT_FIRST, "family"), "not-ready"),
     [(("outcomes", 1, "family"), "'prompt-plus-retrieval' (prompting) covers lean prompting, gates fail, retrieval true, which is closer to "
                                  "fine-tuning than lean prompting, gates fail, retrieval false covered by 'prompt-first' (not-ready); "
                                  "families must not fall as answers move toward fine-tuning")]),
    ("threshold-unreachable", _set(("scoring", "fine_tuning_threshold"), 19),
     [(("scoring", "fine_tuning_threshold"), "must be above the lowest possible total (-17) and at most the highest (+18), or one lean can never happen")]),
    ("retrieval-unreachable", _set(("scoring", "retrieval_threshold"), 9),
     [(("scoring", "retrieval_threshold"), "must be between 1 and the highest possible retrieval total (3)")]),
    ("share-out-of-range", _set(("scoring", "context_share_warning"), 50),
     [(("scoring", "context_share_warning"), "must be a share greater than 0 and at most 1, like 0.5")]),
    ("bands-out-of-order", _set(("confidence_bands", 2, "min"), 0.3),
     [(("confidence_bands", 2, "min"), "bands must be listed in ascending order of min")]),
    ("negative-input", _set(("inputs", 0, "min"), -1),
     [(("inputs", 0, "min"), "must not be negative; cost figures are never below 0")]),
    ("default-outside-range", _set(("inputs", 0, "default"), 10**11),
     [(("inputs", 0, "default"), "must be between min (0) and max (10000000000)")]),
    ("missing-cost-input", lambda data: data["inputs"].pop(_index("inputs", "training-cost")),
     [(("inputs",), "the cost arithmetic needs an input with id 'training-cost'; add it")]),
    ("message-missing", _delete(("messages", "no_flips")),
     [(("messages", "no_flips"), "required key is missing; add it")]),
    ("message-unknown-name", _set(("messages", "gates_fail"), "Missing: {gate}."),
     [(("messages", "gates_fail"), "{gate} is not available here; names this message may use: {gates}")]),
    ("message-with-format", _set(("messages", "score_prompting"), "{score:>5} below {threshold}"),
     [(("messages", "score_prompting"), "write {score} without a format or conversion; the calculator formats the value")]),
    ("message-broken-braces", _set(("messages", "gates_pass"), "All {met"),
     [(("messages", "gates_pass"), "is not a valid template (expected '}' before end of string); "
                                   "write names in braces, like {score}, and double literal braces")]),

]


@pytest.mark.parametrize("mutate, expected", [pytest.param(m, e, id=i) for i, m, e in BROKEN])
def test_each_broken_rule_is_reported_exactly(mutate, expected):
    problems = problems_after(mutate)
    for problem in expected:
        assert problem in problems


def test_unknown_link_ids_are_reported_when_the_site_gives_anchors():
    anchors = {anchor_id: {"url": f"x/#{anchor_id}", "title": anchor_id}
               for anchor_id in ("task-clarity", "start-with-prompting", "time-to-iterate", "data-readiness-check")}
    problems = problems_after(lambda data: data.update(anchors=anchors))
    assert (("factors", TC, "links", 1), "unknown id 'what-it-is'; no section of the site has it; "
                                         "link to a checklist question, comparison row, FAQ or methodology section") in problems
    assert (("factors", _index("factors", "data-readiness"), "links", 0),
            "unknown id 'data-readiness'; no section of the site has it; did you mean data-readiness-check?") in problems
    assert not any(path[:2] == ("outcomes", PROMPT_FIRST) for path, _ in problems)


def test_without_anchors_links_are_unchecked_and_unresolved():
    assert MODEL.link("task-clarity") == {"id": "task-clarity", "url": None, "title": "Task clarity"}


def test_with_anchors_links_resolve_under_the_site_url():
    data = copy.deepcopy(DATA)
    data["anchors"] = {}
    for section in ("factors", "outcomes"):
        for item in data[section]:
            for anchor_id in item.get("links", []):
                data["anchors"][anchor_id] = {"url": f"page/#{anchor_id}", "title": anchor_id.upper()}
    model = Model.from_dict(data)
    assert model.link("governance", "https://example.org/docs") == {
        "id": "governance", "url": "https://example.org/docs/page/#governance", "title": "GOVERNANCE"}
    assert model.link("governance")["url"] == "page/#governance"


def test_a_list_is_not_a_model():
    with pytest.raises(ModelError) as caught:
        Model.from_dict([])  # type: ignore[arg-type]
    assert caught.value.problems[0] == ((), "must be a mapping of keys to values, not a list")


def test_json_shaped_data_builds_the_same_model():
    """The browser sends JSON: dates become text and whole floats may appear."""
    import json

    data = json.loads(json.dumps(DATA, default=str))
    data["scoring"]["fine_tuning_threshold"] = 6.0
    assert Model.from_dict(data).factors == MODEL.factors


def test_the_site_loader_reports_model_problems_at_their_line(tmp_path: Path):
    """calculator.yml is validated like the rest of the content: file, line, key path, message."""
    import shutil

    from sitegen.content import ContentError, load_site

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "calculator.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count("    passes_with: [stable]\n") == 1
    path.write_text(text.replace("    passes_with: [stable]\n", "    passes_with: [settling]\n"), encoding="utf-8")
    line = text[: text.index("    passes_with: [stable]")].count("\n") + 1
    with pytest.raises(ContentError) as caught:
        load_site(content)
    assert caught.value.lines == [
        f"content/calculator.yml:{line}: gates[{STABLE_TASK}].passes_with: option 'stable' (+2 points) fails the gate "
        "while 'settling' (+1) passes; passing options must give more points than every failing one"]
