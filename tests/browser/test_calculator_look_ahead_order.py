"""The order in which the look-ahead runs answer sets (calculator-form.mjs `alternatives`), in Node.

The worker runs a batch one answer set per task and a reader's next change usually comes before
the batch ends, so the order decides which picks are answered ahead: the other options of the
question just changed, then breadth first over the questions from the next one round to the one
before it, each question's option nearest its current answer first.
"""

from __future__ import annotations

import json
import shutil
import subprocess

from harness import ROOT

FORM = ROOT / "docs" / "assets" / "javascripts" / "calculator-form.mjs"
# Radio groups as (name, option count, index checked or -1), in the form's order, and a number field.
SCRIPT = """
import { alternatives } from %s;
const group = (name, count, checked) => Array.from({ length: count }, (_, i) =>
  ({ type: "radio", name, value: name + i, checked: i === checked, disabled: false }));
const form = { elements: [...group("a", 3, 1), ...group("b", 4, 0), { type: "number", name: "n", value: "7", tagName: "INPUT" },
                          ...group("c", 2, -1), ...group("d", 3, 2)] };
console.log(JSON.stringify([alternatives(form, "b"), alternatives(form, ""), alternatives(null, "b")]));
"""


def orders() -> list:
    node = shutil.which("node")
    assert node, "node is needed (make install runs npm ci)"
    script = SCRIPT % json.dumps(FORM.as_uri())
    done = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def picks(sets: list[dict]) -> list[str]:
    """Which radio each answer set changes, as its new value (the other answers stay as they are)."""
    current = {"a": "a1", "b": "b0", "c": None, "d": "d2"}
    out = []
    for answers in sets:
        assert answers["n"] == "7", answers  # every set keeps the typed figure
        changed = [answers.get(name) for name in current if answers.get(name) != current[name]]
        assert len(changed) == 1, answers  # exactly one pick away from the form
        out.append(changed[0])
    return out


def test_the_question_just_changed_first_then_each_questions_nearest_option_round_the_form():
    after_b, from_start, no_form = orders()
    assert picks(after_b) == [
        "b1", "b2", "b3",  # the other options of the question just changed, nearest first
        "c0", "d1", "a2",  # then one per question from the next one round: the nearest (after before before)
        "c1", "d0", "a0",  # then the next nearest of each
    ]
    assert picks(from_start) == ["a2", "b1", "c0", "d1", "a0", "b2", "c1", "d0", "b3"]
    assert no_form == []


def test_every_answer_set_lists_its_answers_in_the_form_s_order():
    """A pick is answered ahead only if its answers' JSON is the one the form gives after that pick,
    and JSON keeps the keys' order: a question picked from nothing (c) comes where it sits in the form."""
    after_b, from_start, _ = orders()
    form_order = ["a", "b", "n", "c", "d"]
    for answers in after_b + from_start:
        assert list(answers) == [name for name in form_order if name in answers], answers
    assert any("c" in answers for answers in after_b)
