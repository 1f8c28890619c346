"""The worked examples are checked against the real calculator when content loads: exact lines for each problem."""
from __future__ import annotations

from pathlib import Path

import pytest

import calculator
from sitegen.content import ContentError, load_site
from sitegen.content.examples import example_verdict

ROOT = Path(__file__).resolve().parent.parent
OUTCOMES = ("prompt-first", "prompt-plus-retrieval", "fine-tune-on-baseline", "fine-tune-plus-retrieval",
            "not-ready-to-fine-tune")


def edit(content: Path, name: str, old: str, new: str) -> None:
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"fixture text not found in {name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_site(content)
    return caught.value.lines


def line_of(content: Path, name: str, text: str, after: str = "") -> int:
    """1-based line of the first `text` in a file, searching from the first `after`."""
    lines = (content / name).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and text in line) + 1


# (case id, mutation of the minimal fixture, exact expected lines)
CASES = [
    (
        "unknown-option",
        lambda c: edit(c, "examples.yml", "task-clarity: settling", "task-clarity: setled"),
        ["content/examples.yml:8: examples[0].answers.task-clarity: example 'quiet-prototype': unknown option 'setled'; "
         "allowed: stable, settling, changing, unsure"],
    ),
    (
        "number-out-of-range",
        lambda c: edit(c, "examples.yml", "calls-per-month: 2000000", "calls-per-month: -5"),
        ["content/examples.yml:31: examples[2].answers.calls-per-month: example 'steady-extractor': must not be negative, "
         "got -5; allowed: a number from 0 to 10,000,000,000 (calls)"],
    ),
    (
        "answer-neither-text-nor-number",
        lambda c: edit(c, "examples.yml", "volume: low", "volume: true"),
        ["content/examples.yml:10: examples[0].answers.volume: must be an option id (text) or a number, not true/false"],
    ),
    (
        "best-for-names-another-kind-of-item",
        lambda c: edit(c, "examples.yml", "best_for: [pe-best-one]", "best_for: [pe-pro-one]"),
        ["content/examples.yml:13: examples[0].best_for[0]: example 'quiet-prototype': 'pe-pro-one' is not a 'best for' "
         "item; did you mean pe-best-one?"],
    ),
    (
        "best-for-item-shown-by-no-example",
        lambda c: edit(c, "approaches.yml", "        text: Early products.\n",
                       "        text: Early products.\n      - id: pe-best-two\n        text: Small teams.\n"),
        ["content/examples.yml:3: examples: no example illustrates the 'best for' item 'pe-best-two'; add it to the "
         "best_for list of an example that shows it, or add one"],
    ),
    (
        "outcome-expected-by-no-example",
        lambda c: (c / "examples.yml").write_text(
            (c / "examples.yml").read_text(encoding="utf-8").split("  - id: busy-but-unsettled")[0], encoding="utf-8"),
        ["content/examples.yml:3: examples: no example expects the outcome 'not-ready-to-fine-tune'; add an example whose "
         "answers lead there"],
    ),
    (
        "expected-is-not-an-outcome",
        lambda c: edit(c, "examples.yml", "expected: prompt-first", "expected: prompt-only"),
        [
            "content/examples.yml:11: examples[0].expected: example 'quiet-prototype' expects 'prompt-only', which is not "
            "a calculator outcome; did you mean prompt-first?",
            "content/examples.yml:3: examples: no example expects the outcome 'prompt-first'; add an example whose answers "
            "lead there",
        ],
    ),
    (
        "verdict-differs-from-expectation",
        lambda c: edit(c, "examples.yml", "      volume: high\n      calls-per-month", "      volume: medium\n      calls-per-month"),
        ["content/examples.yml:32: examples[2].expected: example 'steady-extractor' expects 'fine-tune-on-baseline' but "
         "the calculator gives 'prompt-first' (score 2 against the threshold 3, retrieval 0 against 1, failing gates: "
         "none); fix the answers or the expectation"],
    ),
    (
        "verdict-differs-because-a-gate-fails",
        lambda c: edit(c, "examples.yml", "      task-clarity: stable\n      fresh-knowledge: none",
                       "      task-clarity: settling\n      fresh-knowledge: none"),
        ["content/examples.yml:32: examples[2].expected: example 'steady-extractor' expects 'fine-tune-on-baseline' but "
         "the calculator gives 'not-ready-to-fine-tune' (score 3 against the threshold 3, retrieval 0 against 1, failing "
         "gates: stable-task); fix the answers or the expectation"],
    ),
    (
        "example-id-taken-by-another-item",
        lambda c: edit(c, "examples.yml", "id: quiet-prototype", "id: row-one"),
        ["content/examples.yml:4: examples[0].id: id 'row-one' is already used by content/comparison.yml; ids are "
         "anchors and must be unique across the site"],
    ),
    (
        "dangling-reference-in-why",
        lambda c: edit(c, "examples.yml", "yet; see [[row-one]].", "yet; see [[row-two]]."),
        ["content/examples.yml:12: examples[0].why: reference [[row-two]] points at no id; did you mean row-one, term-two?"],
    ),
    (
        "unknown-key",
        lambda c: edit(c, "examples.yml", "    expected: prompt-first\n", "    expected: prompt-first\n    verdict: yes\n"),
        ["content/examples.yml:12: examples[0].verdict: unknown key 'verdict'; allowed keys here: id, title, story, "
         "answers, expected, why, best_for"],
    ),
]


@pytest.mark.parametrize("case, mutate, expected", CASES, ids=[c[0] for c in CASES])
def test_each_problem_gives_its_exact_line(minimal_content: Path, case, mutate, expected) -> None:
    mutate(minimal_content)
    assert problems(minimal_content) == sorted(expected, key=lambda line: (int(line.split(":")[1]), line))


def test_an_unknown_answer_key_names_the_factors_and_inputs(minimal_content: Path) -> None:
    model = load_site(minimal_content).calculator
    edit(minimal_content, "examples.yml", "      volume: low", "      volum: low")
    assert problems(minimal_content) == [
        "content/examples.yml:10: examples[0].answers.volum: example 'quiet-prototype': unknown factor; did you mean "
        f"'volume'? factors: {', '.join(model.factor_ids)}; numeric inputs: {', '.join(model.input_ids)}"]


def test_example_problems_come_with_other_calculator_problems(real_content_copy: Path) -> None:
    """A checklist question without a factor and a wrong expectation are reported together."""
    checklist = real_content_copy / "checklist.yml"
    checklist_line = checklist.read_text(encoding="utf-8").count("\n") + 1
    checklist.write_text(checklist.read_text(encoding="utf-8") + "  - id: handover-plan\n    title: Handover\n"
                         "    question: Who owns it?\n    prompting: A team.\n    fine_tuning: A team.\n", encoding="utf-8")
    edit(real_content_copy, "examples.yml", "      evaluation-plan: in-place\n", "      evaluation-plan: partial\n")
    line = line_of(real_content_copy, "examples.yml", "expected:", after="id: bank-ticket-classifier")
    site = load_site(ROOT / "content")  # the score in the message is the real model's
    bank = next(e for e in site.examples.examples if e.id == "bank-ticket-classifier")
    verdict = calculator.evaluate(site.calculator, calculator.parse_answers(
        site.calculator, {**bank.answers, "evaluation-plan": "partial"}))
    assert problems(real_content_copy) == [
        f"content/checklist.yml:{checklist_line}: questions[8].id: checklist question 'handover-plan' has no calculator "
        "factor with the same id; add one to calculator.yml",
        f"content/examples.yml:{line}: examples[1].expected: example 'bank-ticket-classifier' expects "
        f"'fine-tune-on-baseline' but the calculator gives 'not-ready-to-fine-tune' (score {verdict.score} against the "
        f"threshold {verdict.threshold}, retrieval 0 against {verdict.retrieval_threshold}, failing gates: "
        "evaluation-ready); fix the answers or the expectation",
    ]


def test_the_real_examples_load_and_each_gives_the_verdict_it_expects() -> None:
    site = load_site(ROOT / "content")
    examples = site.examples.examples
    assert len(examples) >= 8
    assert len({e.id for e in examples}) == len(examples)
    for example in examples:
        verdict = example_verdict(site.calculator, example)
        assert verdict.verdict == example.expected, example.id
        assert site.anchors[example.id].url == f"examples/#{example.id}"


def test_the_real_examples_cover_every_best_for_item_and_every_outcome() -> None:
    site = load_site(ROOT / "content")
    best_for = {item.id for approach in site.approaches.approaches for item in approach.best_for}
    assert len(best_for) == 10
    assert {item for e in site.examples.examples for item in e.best_for} == best_for
    assert {e.expected for e in site.examples.examples} == {o.id for o in site.calculator.outcomes} == set(OUTCOMES)


def test_the_real_examples_use_only_known_answers() -> None:
    site = load_site(ROOT / "content")
    for example in site.examples.examples:
        answers = calculator.parse_answers(site.calculator, dict(example.answers))
        assert answers.to_dict().keys() == example.answers.keys(), example.id
