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
from shared_models import index_of, set_at  # tests/ is on the path
CHECKLIST_FACTORS = ("task-clarity", "data-readiness", "quality-target", "latency-context",
                     "evaluation-plan", "governance", "change-management", "fallbacks")

ROOT = Path(__file__).resolve().parent.parent
DATA = yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8"))
MODEL = Model.from_dict(DATA)
ALL_FACTORS = ("task-clarity, data-readiness, quality-target, latency-context, evaluation-plan, governance, "
               "change-management, fallbacks, prompt-baseline, tuning-access, fresh-knowledge, volume")


def problems_after(mutate) -> list[tuple[tuple, str]]:
    data = copy.deepcopy(DATA)
    mutate(data)
    with pytest.raises(ModelError) as caught:
        Model.from_dict(data)
    return caught.value.problems


def test_the_real_content_builds_a_model():
    assert MODEL.factor_ids[:8] == CHECKLIST_FACTORS
    assert MODEL.factor_ids[8:] == ("prompt-baseline", "tuning-access", "fresh-knowledge", "volume")
    assert [o.id for o in MODEL.outcomes] == [
        "prompt-first", "prompt-plus-retrieval", "fine-tune-on-baseline", "fine-tune-plus-retrieval", "not-ready-to-fine-tune"]
    assert [g.factor for g in MODEL.gates] == ["task-clarity", "data-readiness", "evaluation-plan", "prompt-baseline",
                                               "fallbacks", "tuning-access", "governance"]
    assert [c.id for c in MODEL.conflicts] == [
        "settled-but-changing-often", "plateau-without-a-test-set", "cleared-data-but-training-not-allowed"]
    hard_blocks = [(f.id, o.id) for f in MODEL.factors for o in f.options if o.hard_block]
    assert hard_blocks == [("governance", "blocked"), ("tuning-access", "not-offered")]
    cautions = [(f.id, o.id) for f in MODEL.factors for o in f.options if o.caution]
    assert cautions == [("fallbacks", "partial"), ("fallbacks", "none")]


def test_readiness_questions_have_no_lean():
    """Guardrails and fine-tuning access are gates only: every option scores 0."""
    for factor_id in ("fallbacks", "tuning-access"):
        assert {o.points for o in MODEL.factor(factor_id).options} == {0}
    assert MODEL.factor("fallbacks").option_ids == ("in-place", "low-stakes", "partial", "none", "unsure")


def test_readiness_answers_are_conditions_not_needs():
    """Data, evaluation and governance are gates: meeting one adds nothing, but a clear 'no' still counts against."""
    points = {f: {o.id: o.points for o in MODEL.factor(f).options}
              for f in ("data-readiness", "evaluation-plan", "governance")}
    assert points == {
        "data-readiness": {"ready": 0, "partial": 0, "none": -2, "unsure": 0},
        "evaluation-plan": {"in-place": 0, "partial": 0, "none": -1, "unsure": 0},
        "governance": {"cleared": 0, "in-progress": 0, "blocked": -2, "unsure": 0},
    }
    # The highest possible total comes from needs alone: 2 + 2 + 2 + 2 + 3 + 2.
    assert sum(max(o.points for o in f.options) for f in MODEL.factors) == 13
    assert sum(min(o.points for o in f.options) for f in MODEL.factors) == -16


def test_the_model_is_frozen():
    with pytest.raises(AttributeError):
        MODEL.factors = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        MODEL.messages["no_flips"] = "changed"  # type: ignore[index]


def test_listing_has_every_factor_and_input():
    listing = MODEL.listing()
    assert listing["factors"]["task-clarity"] == ["stable", "settling", "changing", "unsure"]
    assert listing["inputs"]["calls-per-month"] == {"min": 0, "max": 10_000_000_000, "default": 300000, "unit": "calls"}
    assert listing["factors"]["tuning-access"] == ["offered", "open-weight", "not-offered", "unsure"]
    assert listing["inputs"]["hosting-per-hour"] == {"min": 0, "max": 100_000, "default": 1, "unit": "USD per hour"}
    assert len(listing["factors"]) == 12 and len(listing["inputs"]) == 19


def _delete(path):
    def mutate(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return mutate


TC = index_of("factors", "task-clarity")
GOV = index_of("factors", "governance")
STABLE_TASK = index_of("gates", "stable-task")
PROMPT_FIRST = index_of("outcomes", "prompt-first")
VOL = index_of("factors", "volume")
FALLBACKS = index_of("factors", "fallbacks")
GUARDRAILS = index_of("gates", "guardrails-ready")
SETTLED = index_of("conflicts", "settled-but-changing-often")
NOT_READY = index_of("outcomes", "not-ready-to-fine-tune")

# (case id, mutation, problems expected among those reported: (key path, exact message))
BROKEN = [
    ("default-not-an-option", set_at(("factors", TC, "default"), "maybe"),
     [(("factors", TC, "default"), "'maybe' is not an option of 'task-clarity'; use one of: stable, settling, changing, unsure")]),
    ("default-not-neutral", set_at(("factors", TC, "options", 3, "points"), 1),
     [(("factors", TC, "default"), "the default option 'unsure' must give 0 points and 0 retrieval, so an unanswered question changes nothing")]),
    ("too-many-points", set_at(("factors", TC, "options", 0, "points"), 11),
     [(("factors", TC, "options", 0, "points"), "must be between -10 and 10, not 11")]),
    ("duplicate-factor", set_at(("factors", index_of("factors", "fresh-knowledge"), "id"), "volume"),
     [(("factors", index_of("factors", "volume"), "id"), f"id 'volume' is already used by factors[{index_of('factors', 'fresh-knowledge')}]; ids must be unique")]),
    ("duplicate-option", set_at(("factors", TC, "options", 1, "id"), "stable"),
     [(("factors", TC, "options", 1, "id"), "option 'stable' appears twice in factor 'task-clarity'")]),
    ("missing-gate-factor", lambda data: data["factors"].pop(GOV),
     [(("gates", index_of("gates", "governance-cleared"), "factor"), "'governance' is not a factor; use one of: " + ALL_FACTORS.replace("governance, ", ""))]),
    ("factor-shadows-input", set_at(("factors", index_of("factors", "volume"), "id"), "calls-per-month"),
     [(("factors", index_of("factors", "volume"), "id"), "'calls-per-month' is also a numeric input id; answers are one flat mapping, so ids must differ")]),
    ("range-without-measures", _delete(("factors", index_of("factors", "volume"), "measures")),
     [(("factors", index_of("factors", "volume"), "options", 0, "range"), "a range needs the factor to say which input it measures; add `measures:` to 'volume'")]),
    ("gate-unknown-factor", set_at(("gates", STABLE_TASK, "factor"), "clarity"),
     [(("gates", STABLE_TASK, "factor"), f"'clarity' is not a factor; use one of: {ALL_FACTORS}")]),
    ("gate-unknown-option", set_at(("gates", STABLE_TASK, "passes_with"), ["stable", "solid"]),
     [(("gates", STABLE_TASK, "passes_with", 1), "'solid' is not an option of 'task-clarity'; use one of: stable, settling, changing, unsure")]),
    ("gate-not-monotone", set_at(("gates", STABLE_TASK, "passes_with"), ["settling"]),
     [(("gates", STABLE_TASK, "passes_with"), "option 'stable' (+2 points) fails the gate while 'settling' (+1) passes; "
                                               "passing options must give at least as many points as every failing one")]),
    ("gate-passes-default", set_at(("gates", STABLE_TASK, "passes_with"), ["stable", "settling", "unsure"]),
     [(("gates", STABLE_TASK, "passes_with"), "the default option 'unsure' must not pass: an unanswered question shows nothing")]),
    ("gate-passes-everything", set_at(("gates", STABLE_TASK, "passes_with"), ["stable", "settling", "changing", "unsure"]),
     [(("gates", STABLE_TASK, "passes_with"), "every option passes, so the gate checks nothing; leave at least one option out")]),
    ("outcomes-overlap", set_at(("outcomes", PROMPT_FIRST, "when"), {"lean": "prompting"}),
     [(("outcomes", 1, "when"), "'prompt-first' and 'prompt-plus-retrieval' both cover lean prompting, gates fail, retrieval true; "
                                "make their `when` conditions exclusive")]),
    ("outcome-gap", lambda data: data["outcomes"].pop(NOT_READY),
     [(("outcomes",), "no outcome covers lean fine-tuning, gates fail, retrieval false; add one or widen a `when`"),
      (("outcomes",), "no outcome covers lean fine-tuning, gates fail, retrieval true; add one or widen a `when`")]),
    ("fine-tuning-without-gates", set_at(("outcomes", NOT_READY, "family"), "fine-tuning"),
     [(("outcomes", NOT_READY, "when"), "a fine-tuning outcome must require `gates: pass`; fine-tuning is recommended only when every gate passes")]),
    ("family-falls", set_at(("outcomes", PROMPT_FIRST, "family"), "not-ready"),
     [(("outcomes", 1, "family"), "'prompt-plus-retrieval' (prompting) covers lean prompting, gates fail, retrieval true, which is closer to "
                                  "fine-tuning than lean prompting, gates fail, retrieval false covered by 'prompt-first' (not-ready); "
                                  "families must not fall as answers move toward fine-tuning")]),
    ("threshold-unreachable", set_at(("scoring", "fine_tuning_threshold"), 14),
     [(("scoring", "fine_tuning_threshold"), "must be above the lowest possible total (-16) and at most the highest (+13), or one lean can never happen")]),
    ("threshold-at-the-lowest", set_at(("scoring", "fine_tuning_threshold"), -16),
     [(("scoring", "fine_tuning_threshold"), "must be above the lowest possible total (-16) and at most the highest (+13), or one lean can never happen")]),
    ("retrieval-unreachable", set_at(("scoring", "retrieval_threshold"), 9),
     [(("scoring", "retrieval_threshold"), "must be between 1 and the highest possible retrieval total (3)")]),
    ("share-out-of-range", set_at(("scoring", "context_share_warning"), 50),
     [(("scoring", "context_share_warning"), "must be a share greater than 0 and at most 1, like 0.5")]),
    ("bands-out-of-order", set_at(("confidence_bands", 2, "min"), 0.3),
     [(("confidence_bands", 2, "min"), "bands must be listed in ascending order of min")]),
    ("negative-input", set_at(("inputs", 0, "min"), -1),
     [(("inputs", 0, "min"), "must not be negative; cost figures are never below 0")]),
    ("default-outside-range", set_at(("inputs", 0, "default"), 10**11),
     [(("inputs", 0, "default"), "must be between min (0) and max (10000000000)")]),
    ("missing-cost-input", lambda data: data["inputs"].pop(index_of("inputs", "training-cost")),
     [(("inputs",), "the cost arithmetic needs an input with id 'training-cost'; add it")]),
    ("message-missing", _delete(("messages", "no_flips")),
     [(("messages", "no_flips"), "required key is missing; add it")]),
    ("message-unknown-name", set_at(("messages", "gates_fail"), "Missing: {gate}."),
     [(("messages", "gates_fail"), "{gate} is not available here; names this message may use: {gates}")]),
    ("message-with-format", set_at(("messages", "score_prompting"), "{score:>5} below {threshold}"),
     [(("messages", "score_prompting"), "write {score} without a format or conversion; the calculator formats the value")]),
    ("message-broken-braces", set_at(("messages", "gates_pass"), "All {met"),
     [(("messages", "gates_pass"), "is not a valid template (expected '}' before end of string); "
                                   "write names in braces, like {score}, and double literal braces")]),
    # Conflicts: a pair of real, answered options.
    ("conflict-one-factor", set_at(("conflicts", SETTLED, "answers"), {"task-clarity": ["stable"]}),
     [(("conflicts", SETTLED, "answers"), "must name exactly two factors, not 1; a conflict is a pair of answers")]),
    ("conflict-three-factors", set_at(("conflicts", SETTLED, "answers"),
                                    {"task-clarity": ["stable"], "change-management": ["often"], "volume": ["high"]}),
     [(("conflicts", SETTLED, "answers"), "must name exactly two factors, not 3; a conflict is a pair of answers")]),
    ("conflict-unknown-factor", set_at(("conflicts", SETTLED, "answers"), {"task-clarity": ["stable"], "speed": ["fast"]}),
     [(("conflicts", SETTLED, "answers", "speed"), f"'speed' is not a factor; use one of: {ALL_FACTORS}")]),
    ("conflict-unknown-option", set_at(("conflicts", SETTLED, "answers", "change-management"), ["often", "hourly"]),
     [(("conflicts", SETTLED, "answers", "change-management", 1),
       "'hourly' is not an option of 'change-management'; use one of: rarely, occasionally, often, unsure")]),
    ("conflict-default-option", set_at(("conflicts", SETTLED, "answers", "task-clarity"), ["unsure"]),
     [(("conflicts", SETTLED, "answers", "task-clarity", 0),
       "'unsure' is the default ('not sure'); an unanswered question cannot contradict anything")]),
    ("conflict-no-options", set_at(("conflicts", SETTLED, "answers", "task-clarity"), []),
     [(("conflicts", SETTLED, "answers", "task-clarity"), "must list at least one option")]),
    ("conflict-unknown-placeholder", set_at(("conflicts", SETTLED, "message"), "{first} against {third}"),
     [(("conflicts", SETTLED, "message"), "{third} is not available here; names this message may use: {first}, {second}")]),
    ("conflict-duplicate-id", set_at(("conflicts", 1, "id"), "settled-but-changing-often"),
     [(("conflicts", 1, "id"), f"id 'settled-but-changing-often' is already used by conflicts[{SETTLED}]; ids must be unique")]),
    # Hard blocks must fail a gate of their own factor.
    ("hard-block-passes-its-gate", set_at(("factors", TC, "options", 0, "hard_block"), True),
     [(("factors", TC, "options", 0, "hard_block"),
       "option 'stable' passes every gate of 'task-clarity', so it blocks nothing; a hard block must fail a gate")]),
    ("hard-block-without-a-gate", set_at(("factors", VOL, "options", 2, "hard_block"), True),
     [(("factors", VOL, "options", 2, "hard_block"),
       "option 'low' passes every gate of 'volume', so it blocks nothing; a hard block must fail a gate")]),
    # A typical figure must lie in its option's range; the upper bound is exclusive.
    ("typical-below-range", set_at(("factors", VOL, "options", 0, "range", "typical"), 500),
     [(("factors", VOL, "options", 0, "range", "typical"), "must lie within the option's own range (min <= typical < max)")]),
    ("typical-at-max", set_at(("factors", VOL, "options", 1, "range", "typical"), 1_000_000),
     [(("factors", VOL, "options", 1, "range", "typical"), "must lie within the option's own range (min <= typical < max)")]),
    # Scoring parameters of the confidence formula.
    ("coverage-weight-one", set_at(("scoring", "coverage_weight"), 1),
     [(("scoring", "coverage_weight"), "must be at least 0 and below 1, like 0.6")]),
    ("coverage-weight-negative", set_at(("scoring", "coverage_weight"), -0.1),
     [(("scoring", "coverage_weight"), "must be at least 0 and below 1, like 0.6")]),
    ("conflict-penalty-one", set_at(("scoring", "conflict_penalty"), 1),
     [(("scoring", "conflict_penalty"), "must be above 0 and below 1, like 0.6, so a conflict always lowers confidence")]),
    ("conflict-penalty-zero", set_at(("scoring", "conflict_penalty"), 0),
     [(("scoring", "conflict_penalty"), "must be above 0 and below 1, like 0.6, so a conflict always lowers confidence")]),
    ("hard-block-confidence-one", set_at(("scoring", "hard_block_confidence"), 1),
     [(("scoring", "hard_block_confidence"), "must be above 0 and below 1, like 0.9")]),
    ("hard-block-confidence-zero", set_at(("scoring", "hard_block_confidence"), 0),
     [(("scoring", "hard_block_confidence"), "must be above 0 and below 1, like 0.9")]),
    ("new-message-missing", _delete(("messages", "chart_description")),
     [(("messages", "chart_description"), "required key is missing; add it")]),
]


@pytest.mark.parametrize("mutate, expected", [pytest.param(m, e, id=i) for i, m, e in BROKEN])
def test_each_broken_rule_is_reported_exactly(mutate, expected):
    problems = problems_after(mutate)
    for problem in expected:
        assert problem in problems


@pytest.mark.parametrize("mutate", [
    set_at(("scoring", "coverage_weight"), 0),  # 0 is allowed: confidence from the margin alone
    set_at(("factors", TC, "options", 1, "points"), 2),  # 'settling' fails the gate while scoring as much as 'stable'
    set_at(("gates", GUARDRAILS, "passes_with"), ["in-place"]),  # a passing option may tie failing ones
    lambda data: data.pop("conflicts"),  # conflicts are optional
    set_at(("scoring", "fine_tuning_threshold"), 13),  # the highest possible total: fine-tuning is still reachable
    set_at(("scoring", "fine_tuning_threshold"), -15),  # one above the lowest: prompting is still reachable
], ids=["coverage-weight-zero", "failing-option-ties-passing", "guardrails-one-option", "no-conflicts",
        "threshold-at-the-highest", "threshold-one-above-the-lowest"])
def test_edge_values_that_still_build(mutate):
    data = copy.deepcopy(DATA)
    mutate(data)
    Model.from_dict(data)


def test_a_gate_whose_failing_option_scores_one_point_more_is_refused():
    problems = problems_after(set_at(("factors", FALLBACKS, "options", 3, "points"), 1))  # 'none' at +1
    assert (("gates", GUARDRAILS, "passes_with"),
            "option 'none' (+1 points) fails the gate while 'in-place' (+0) passes; "
            "passing options must give at least as many points as every failing one") in problems


def test_unknown_link_ids_are_reported_when_the_site_gives_anchors():
    anchors = {anchor_id: {"url": f"x/#{anchor_id}", "title": anchor_id}
               for anchor_id in ("task-clarity", "start-with-prompting", "time-to-iterate", "data-readiness-check")}
    problems = problems_after(lambda data: data.update(anchors=anchors))
    assert (("factors", TC, "links", 1), "unknown id 'what-it-is'; no section of the site has it; "
                                         "link to a checklist question, comparison row, FAQ or methodology section") in problems
    assert (("factors", index_of("factors", "data-readiness"), "links", 0),
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
        "while 'settling' (+1) passes; passing options must give at least as many points as every failing one"]


def test_the_site_loader_reports_conflict_problems_at_their_line(tmp_path: Path):
    import shutil

    from sitegen.content import ContentError, load_site

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "calculator.yml"
    text = path.read_text(encoding="utf-8")
    old = "      change-management: [often]\n"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "      change-management: [often, hourly]\n"), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    with pytest.raises(ContentError) as caught:
        load_site(content)
    assert caught.value.lines == [
        f"content/calculator.yml:{line}: conflicts[{SETTLED}].answers.change-management[1]: 'hourly' is not an option "
        "of 'change-management'; use one of: rarely, occasionally, often, unsure"]
