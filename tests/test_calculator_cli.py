"""`python -m calculator`, run for real as a subprocess.

Every contract case starts at once in a module fixture (each run loads and validates the whole
site, so running them side by side keeps this file fast); each test then checks its own run.
Finer points of reading answer files are checked in-process through `cli.main`, which is the
same code without the cost of a new interpreter per case.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
RAW = yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8"))
FACTOR_IDS = [f["id"] for f in RAW["factors"]]
FACTORS = ", ".join(FACTOR_IDS)
INPUTS = ", ".join(i["id"] for i in RAW["inputs"])
SITE = "https://example.org/docs/"

# +11 with every gate met and retrieval needed (2 + 2 + 2 + 2 + 3: readiness answers score 0, so the needs carry
# it); billed per token only, so fine-tuning pays back.
GOOD = {"task-clarity": "stable", "data-readiness": "ready", "quality-target": "consistent-at-scale",
        "latency-context": "strained", "change-management": "rarely", "evaluation-plan": "in-place", "governance": "cleared", "fallbacks": "low-stakes", "prompt-baseline": "plateaued",
        "tuning-access": "open-weight", "fresh-knowledge": "central",
        "calls-per-month": 2000000, "prompt-tokens": 2400, "hosting-per-hour": 0}
# Every answer favorable to fine-tuning except the prompting baseline.
NOT_STARTED = {"task-clarity": "stable", "data-readiness": "ready", "quality-target": "consistent-at-scale",
               "latency-context": "strained", "evaluation-plan": "in-place", "governance": "cleared",
               "change-management": "rarely", "fallbacks": "in-place", "prompt-baseline": "not-started",
               "tuning-access": "offered", "fresh-knowledge": "none", "volume": "high"}
BANDS = {band["id"]: band["min"] for band in RAW["confidence_bands"]}
UNKNOWN = f"unknown factor; factors: {FACTORS}; numeric inputs: {INPUTS}"
HUGE = "9" * 5000
DEEP = 100_000
# A file name with an escape sequence and a newline in it: messages show it escaped.
CONTROL_NAME = "a\x1b[31mb\n.yml"
CONTROL_SHOWN = "a\\x1b[31mb\\n.yml"

# name -> (file name, file text or None for no file, extra arguments)
FILES = {
    "good.yml": yaml.safe_dump(GOOD),
    "good.json": json.dumps(GOOD),
    "empty.yml": "",
    "unknown-factor.yml": "task-clarity: stable\nspeed: fast\n",
    "unknown-option.yml": "task-clarity: maybe\n",
    "negative.yml": "calls-per-month: -100\n",
    "non-numeric.json": '{"training-cost": "a lot"}',
    "list.yml": "- task-clarity\n- stable\n",
    "scalar.yml": "stable\n",
    "broken.yml": "task-clarity: [stable\n",
    "broken.json": '{"task-clarity": }',
    "several.yml": "task-clarity: maybe\nvolume: 12\nretrains-per-year: 400\n",
    "nothing.json": "{}",
    "conflict.yml": "task-clarity: stable\nchange-management: often\n",
    "hard-block.yml": "governance: blocked\n",
    "not-started.json": json.dumps(NOT_STARTED),
    "improving.json": json.dumps({**NOT_STARTED, "prompt-baseline": "improving"}),
    "all-unsure.json": json.dumps({f: "unsure" for f in FACTOR_IDS}),
    "tiny-lifetime.json": '{"base-model-lifetime-months": 1e-309}',
    # Hostile input: every case below exits 2 with a few short lines, quickly.
    "huge-number.yml": f"task-clarity: stable\ncalls-per-month: {HUGE}\n",
    "huge-number.json": f'{{"task-clarity": "stable",\n "calls-per-month": {HUGE}}}',
    "huge-key.yml": f"? {HUGE}\n: stable\n",
    "long-key.yml": f"{'9' * 60}: stable\n",
    "deep.json": "[" * DEEP + "]" * DEEP,
    "deep-mapping.json": '{"a": ' * DEEP + "1" + "}" * DEEP,
    "deep.yml": '{"a": ' * DEEP + "1" + "}" * DEEP,
    "deep-block.yml": "- " * DEEP + "x\n",
    "duplicate.yml": "task-clarity: stable\nvolume: high\ntask-clarity: settling\n'volume': low\n",
    "duplicate.json": '{"task-clarity": "stable",\n "volume": "high",\n "task-clarity": "settling",\n "vol\\u0075me": "low"}',
    "duplicate-nested.json": '{"task-clarity": {"a": 1,\n "a": 2}}',
    CONTROL_NAME: "speed: fast\n",
    # 90,000 unknown keys and 39,999 duplicates (each file under the 1 MiB limit): 20 lines, then one line
    # counting the rest.
    "many-unknown.json": "{" + ",".join(f'"k{i}":1' for i in range(90_000)) + "}",
    "many-duplicates.yml": "task-clarity: stable\n" * 40_000,
    "bad-date.yml": "task-clarity: 2020-13-45\n",
    "too-big.yml": "# " + "x" * (1024 * 1024) + "\n",
}

# Run as real subprocesses: the CLI contract (ARCHITECTURE.md) and each bad-input case it names.
CASES = {
    "list": ["--list"],
    "list-json": ["--list", "--format", "json"],
    "text": ["--answers", "good.yml", "--site-url", SITE],
    "json": ["--answers", "good.json", "--format", "json", "--site-url", SITE],
    "markdown": ["--answers", "good.yml", "--format", "markdown", "--site-url", SITE],
    "unknown-factor": ["--answers", "unknown-factor.yml"],
    "unknown-option": ["--answers", "unknown-option.yml", "--format", "json"],
    "negative": ["--answers", "negative.yml"],
    "non-numeric": ["--answers", "non-numeric.json"],
    "unreadable": ["--answers", "missing.yml"],
    "list-file": ["--answers", "list.yml"],
    "broken-content": ["--list", "--content", "bad/content"],
    "nothing": ["--answers", "nothing.json", "--format", "json"],
    "conflict": ["--answers", "conflict.yml", "--format", "json"],
    "hard-block": ["--answers", "hard-block.yml", "--format", "json"],
    "not-started": ["--answers", "not-started.json", "--format", "json"],
    "improving": ["--answers", "improving.json", "--format", "json"],
    "all-unsure": ["--answers", "all-unsure.json", "--format", "json"],
    "tiny-lifetime": ["--answers", "tiny-lifetime.json", "--format", "json"],
    "huge-number-yml": ["--answers", "huge-number.yml"],
    "huge-number-json": ["--answers", "huge-number.json", "--format", "json"],
    "huge-key": ["--answers", "huge-key.yml"],
    "deep-json": ["--answers", "deep.json"],
    "deep-mapping-json": ["--answers", "deep-mapping.json"],
    "deep-yml": ["--answers", "deep.yml"],
    "deep-block-yml": ["--answers", "deep-block.yml"],
    "duplicate-yml": ["--answers", "duplicate.yml"],
    "duplicate-json": ["--answers", "duplicate.json", "--format", "json"],
    "dev-zero": ["--answers", "/dev/zero"],
    "control-name": ["--answers", CONTROL_NAME],
    "control-name-missing": ["--answers", "gone\x1b[2J\r.yml"],
    "control-name-model": ["--answers", "good.yml", "--model", "model\x1b]0;hi\x07.json"],
    "many-unknown": ["--answers", "many-unknown.json"],
}
# Checked in-process through cli.main.
IN_PROCESS = {
    "empty": ["--answers", "empty.yml", "--format", "json"],
    "stdin": ["--answers", "-", "--format", "json"],
    "directory": ["--answers", "."],
    "scalar-file": ["--answers", "scalar.yml"],
    "broken-yaml": ["--answers", "broken.yml"],
    "broken-json": ["--answers", "broken.json"],
    "several": ["--answers", "several.yml"],
    "long-key": ["--answers", "long-key.yml"],
    "duplicate-nested": ["--answers", "duplicate-nested.json"],
    "many-duplicates": ["--answers", "many-duplicates.yml"],
    "bad-date": ["--answers", "bad-date.yml"],
    "too-big": ["--answers", "too-big.yml"],
    "stdin-too-big": ["--answers", "-"],
}
# What the in-process cases read from stdin (text: the fixture swaps sys.stdin for a StringIO).
STDIN = {"stdin": json.dumps(GOOD), "stdin-too-big": "{}" + " " * (1024 * 1024)}


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Run]:
    work = tmp_path_factory.mktemp("cli")
    for name, text in FILES.items():
        (work / name).write_text(text, encoding="utf-8")
    broken = work / "bad" / "content"
    shutil.copytree(ROOT / "content", broken)
    calculator_yml = broken / "calculator.yml"
    calculator_yml.write_text(calculator_yml.read_text(encoding="utf-8").replace(
        "  fine_tuning_threshold: 6", "  fine_tuning_threshold: six"), encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8"}
    procs = {
        name: subprocess.Popen([sys.executable, "-m", "calculator", *args], cwd=work, env=env, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for name, args in CASES.items()
    }
    results = {}
    for name, proc in procs.items():
        out, err = proc.communicate(json.dumps(GOOD) if name == "stdin" else "", timeout=120)
        results[name] = Run(proc.returncode, out, err)
    return results


@pytest.fixture(scope="module")
def in_process(runs, tmp_path_factory) -> dict[str, Run]:
    """Same files, same entry point, one interpreter; the site is loaded once and reused."""
    import io
    import os

    from calculator import cli

    work = tmp_path_factory.mktemp("cli-in-process")
    for name, text in FILES.items():
        (work / name).write_text(text, encoding="utf-8")
    model = cli.load_model(ROOT / "content")
    results = {}
    old_cwd, old_load = os.getcwd(), cli.load_model
    cli.load_model = lambda content_dir: model
    try:
        os.chdir(work)
        for name, args in IN_PROCESS.items():
            out, err = io.StringIO(), io.StringIO()
            stdin = io.StringIO(STDIN.get(name, ""))
            saved = sys.stdin, sys.stdout, sys.stderr
            sys.stdin, sys.stdout, sys.stderr = stdin, out, err
            try:
                code = cli.main(args)
            finally:
                sys.stdin, sys.stdout, sys.stderr = saved
            results[name] = Run(code, out.getvalue(), err.getvalue())
    finally:
        os.chdir(old_cwd)
        cli.load_model = old_load
    return results


def test_runs_from_the_repo_root_too():
    """The contract's own form: `python -m calculator --list` with the repo as working directory."""
    result = subprocess.run([sys.executable, "-m", "calculator", "--list", "--format", "json"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert list(json.loads(result.stdout)["factors"]) == FACTOR_IDS


def test_list_text(runs):
    run = runs["list"]
    assert run.code == 0 and run.err == ""
    for factor in RAW["factors"]:
        assert f"  {factor['id']}" in run.out
        assert ", ".join(o["id"] for o in factor["options"]) in run.out


def test_list_json_contract(runs):
    run = runs["list-json"]
    assert run.code == 0
    data = json.loads(run.out)
    assert set(data) == {"factors", "inputs"}
    assert data["factors"] == {f["id"]: [o["id"] for o in f["options"]] for f in RAW["factors"]}
    assert data["inputs"] == {i["id"]: {"min": i["min"], "max": i["max"], "default": i["default"], "unit": i["unit"]}
                              for i in RAW["inputs"]}


def test_text_output(runs):
    run = runs["text"]
    assert run.code == 0 and run.err == ""
    # +11: 5.5 points past the boundary (0.6875), 11 of 12 answered (x 0.95)
    assert run.out.startswith("Verdict: Fine-tune plus retrieval [fine-tune-plus-retrieval]\nConfidence: medium (0.65)\n")
    # (2400 x 0.4 x 0.55 + 150 x 1.6) x 2,000,000 / 1e6 = 1,536 against 918 + 250 = 1,168: 3,250 / 368 = 8.8 months
    assert "  Break-even: 8.8 months (one-off $3,250.00)\n" in run.out
    assert f"{SITE}faq/#combine-with-retrieval" in run.out


def test_json_output_contract(runs):
    run = runs["json"]
    assert run.code == 0 and run.err == ""
    data = json.loads(run.out)
    assert data["verdict"] == "fine-tune-plus-retrieval"
    assert data["label"] == "Fine-tune plus retrieval"
    assert 0 <= data["confidence"] <= 1
    assert [(c["factor"], c["points"]) for c in data["contributions"]] == [
        ("task-clarity", 2), ("data-readiness", 0), ("quality-target", 2), ("latency-context", 2), ("evaluation-plan", 0),
        ("governance", 0), ("change-management", 2), ("fallbacks", 0), ("prompt-baseline", 3), ("tuning-access", 0),
        ("fresh-knowledge", 0)]
    assert data["score"]["total"] == 11
    assert data["confidence"] == 0.653 and data["confidence_band"] == {"id": "medium", "label": "Medium"}
    assert data["confidence"] < 1  # one question (call volume) unanswered
    assert data["is_default"] is False
    assert data["flips"] and all({"changes", "verdict"} <= set(flip) for flip in data["flips"])
    assert all(flip["verdict"] != data["verdict"] for flip in data["flips"])
    assert isinstance(data["warnings"], list)
    assert data["links"][0] == {"id": "combine-with-retrieval", "url": f"{SITE}faq/#combine-with-retrieval",
                                "title": "Can fine-tuning be combined with retrieval and tools?"}
    assert data["cost"]["assumptions"][0] == {"id": "calls-per-month", "label": "Calls per month", "value": 2000000,
                                              "unit": "calls", "source": "answer", "from_factor": None}


def test_json_with_nothing_answered_is_the_low_confidence_default(runs):
    run = runs["nothing"]
    assert run.code == 0 and run.err == ""
    data = json.loads(run.out)
    assert (data["verdict"], data["confidence_band"]["id"], data["is_default"]) == ("prompt-first", "low", True)
    assert data["default_note"] == RAW["messages"]["default_verdict"]
    assert data["confidence"] == 0.275  # 5.5 / 8 x (1 - 0.6)
    assert data["display"]["cost"]["headline"] == RAW["messages"]["cost_examples_only"]


def _strict_json(text: str):
    """JSON as the standard has it: Python's json module would otherwise accept Infinity and NaN."""
    def refuse(constant):
        raise ValueError(f"not valid JSON: {constant}")
    return json.loads(text, parse_constant=refuse)


def test_json_for_not_sure_to_every_question_is_the_default(runs):
    run, nothing = runs["all-unsure"], runs["nothing"]
    assert run.code == 0 and run.err == ""
    data, empty = json.loads(run.out), json.loads(nothing.out)
    for key in ("verdict", "confidence", "confidence_band", "confidence_parts", "is_default", "contributions",
                "default_note"):
        assert data[key] == empty[key], key
    assert data["is_default"] is True and data["contributions"] == []


def test_json_for_a_tiny_base_model_lifetime_is_valid_and_finite(runs):
    run = runs["tiny-lifetime"]
    assert run.code == 0 and run.err == ""
    assert "Infinity" not in run.out and "NaN" not in run.out
    data = _strict_json(run.out)
    assert (data["cost"]["forced_runs_per_year"], data["cost"]["runs_per_year"]) == (12, 12)
    # 12 runs a year of 150 + 100 + 500 = 750 a month of retraining
    assert data["display"]["cost"]["retraining_monthly"] == "$750.00"


def test_json_names_both_sides_of_contradicting_answers(runs):
    run = runs["conflict"]
    assert run.code == 0 and run.err == ""
    data = json.loads(run.out)
    warning = data["warnings"][0]
    assert warning["id"] == "settled-but-changing-often"
    assert warning["factors"] == ["task-clarity", "change-management"]
    labels = {f["id"]: {o["id"]: o["label"] for o in f["options"]} for f in RAW["factors"]}
    assert f"“{labels['task-clarity']['stable']}”" in warning["message"]
    assert f"“{labels['change-management']['often']}”" in warning["message"]
    assert data["confidence"] < BANDS["high"]
    assert data["confidence_parts"]["conflicts"] == 1
    assert data["confidence"] == round(5.5 / 8 * (1 - 0.6 * 10 / 12) * 0.6, 3)


def test_json_hard_block_alone_is_a_firm_verdict_against_fine_tuning(runs):
    run = runs["hard-block"]
    assert run.code == 0 and run.err == ""
    data = json.loads(run.out)
    assert data["family"] != "fine-tuning" and data["verdict"] == "prompt-first"
    assert data["confidence_band"]["id"] == "high" and data["confidence"] >= BANDS["high"]
    assert data["confidence_parts"]["hard_block"] is True


@pytest.mark.parametrize("case", ["not-started", "improving"])
def test_json_an_unfinished_prompting_baseline_is_not_ready(runs, case):
    run = runs[case]
    assert run.code == 0 and run.err == ""
    data = json.loads(run.out)
    assert data["verdict"] == "not-ready-to-fine-tune"
    assert [g["id"] for g in data["gates"] if not g["passed"]] == ["prompting-plateaued"]
    gate = next(g for g in RAW["gates"] if g["id"] == "prompting-plateaued")
    assert f"{gate['title']} (needed first): {gate['fix']}" in data["next_steps"]


def test_markdown_decision_record(runs):
    run = runs["markdown"]
    assert run.code == 0
    assert run.out.startswith("# Decision record: Fine-tune plus retrieval\n")
    for heading in ("## Context", "## Decision drivers", "## Options considered", "## Outcome", "## Consequences",
                    "## Confidence", "## What would change it", "## Links"):
        assert f"\n{heading}\n" in run.out
    assert f"]({SITE}faq/#combine-with-retrieval)" in run.out


def test_empty_file_and_stdin(in_process):
    assert in_process["empty"].code == 0 and json.loads(in_process["empty"].out)["verdict"] == "prompt-first"
    assert in_process["stdin"].code == 0 and json.loads(in_process["stdin"].out)["verdict"] == "fine-tune-plus-retrieval"


BAD_INPUT = {
    "unknown-factor": [f"unknown-factor.yml: speed: unknown factor; factors: {FACTORS}; numeric inputs: {INPUTS}"],
    "unknown-option": ["unknown-option.yml: task-clarity: unknown option 'maybe'; allowed: stable, settling, changing, unsure"],
    "negative": ["negative.yml: calls-per-month: must not be negative, got -100; "
                 "allowed: a number from 0 to 10,000,000,000 (calls)"],
    "non-numeric": ["non-numeric.json: training-cost: must be a number from 0 to 100,000,000 (USD), not the text 'a lot'"],
    "unreadable": ["missing.yml: cannot read the answers file: No such file or directory"],
    "directory": [".: cannot read the answers file: Is a directory"],
    "list-file": ["list.yml: answers must be a mapping of factor id to option id (and input id to number), not a list"],
    "scalar-file": ["scalar.yml: answers must be a mapping of factor id to option id (and input id to number), "
                    "not the text 'stable'"],
    # libyaml's wording when present (as the site's content loader), else the Python parser's
    "broken-yaml": ["broken.yml: not valid YAML or JSON: did not find expected ',' or ']' (line 2, column 1)"
                    if yaml.__with_libyaml__ else
                    "broken.yml: not valid YAML or JSON: expected ',' or ']', but got '<stream end>' (line 2, column 1)"],
    "broken-json": ["broken.json: not valid JSON: Expecting value (line 1, column 18)"],
    "several": ["several.yml: task-clarity: unknown option 'maybe'; allowed: stable, settling, changing, unsure",
                "several.yml: volume: expected an option id, not the number 12; allowed: high, medium, low, unsure",
                "several.yml: retrains-per-year: 400 is out of range; allowed: a number from 0 to 365 (runs per year)"],
    "huge-number-yml": ["huge-number.yml:2: a number with 5,000 digits is too long; numbers may have at most 100 digits"],
    "huge-number-json": ["huge-number.json:2: a number with 5,000 digits is too long; numbers may have at most 100 digits"],
    "huge-key": ["huge-key.yml:1: a number with 5,000 digits is too long; numbers may have at most 100 digits"],
    "long-key": ["long-key.yml: (a number with more than 40 digits): answer keys must be factor or input ids (text), "
                 "not a number with more than 40 digits"],
    "deep-json": ["deep.json: not valid answers: lists or mappings are nested too deeply to read"],
    "deep-mapping-json": ["deep-mapping.json: not valid answers: lists or mappings are nested too deeply to read"],
    # libyaml stops at 1,000 levels (column 6001 is the 1,001st '{'; 1999 the 1,000th '- ');
    # without libyaml the Python parser runs out of stack and says so the same way JSON does.
    "deep-yml": ["deep.yml: not valid YAML or JSON: exceeded maximum nesting depth (line 1, column 6001)"
                 if yaml.__with_libyaml__ else "deep.yml: not valid answers: lists or mappings are nested too deeply to read"],
    "deep-block-yml": ["deep-block.yml: not valid YAML or JSON: exceeded maximum nesting depth (line 1, column 1999)"
                       if yaml.__with_libyaml__ else
                       "deep-block.yml: not valid answers: lists or mappings are nested too deeply to read"],
    "duplicate-yml": ["duplicate.yml:3: task-clarity: duplicate key; first given on line 1",
                      "duplicate.yml:4: volume: duplicate key; first given on line 2"],
    "duplicate-json": ["duplicate.json:3: task-clarity: duplicate key; first given on line 1",
                       "duplicate.json:4: volume: duplicate key; first given on line 2"],
    "duplicate-nested": ["duplicate-nested.json:2: a: duplicate key; first given on line 1"],
    "dev-zero": ["/dev/zero: the answers file is larger than 1 MiB (1,048,576 bytes); reading stopped there"],
    "too-big": ["too-big.yml: the answers file is larger than 1 MiB (1,048,576 bytes); reading stopped there"],
    "stdin-too-big": ["<stdin>: the answers file is larger than 1 MiB (1,048,576 bytes); reading stopped there"],
    "control-name": [f"{CONTROL_SHOWN}: speed: {UNKNOWN}"],
    "control-name-missing": ["gone\\x1b[2J\\r.yml: cannot read the answers file: No such file or directory"],
    "control-name-model": ["model\\x1b]0;hi\\x07.json: cannot read the model file: No such file or directory"],
    "many-unknown": [f"many-unknown.json: k{i}: {UNKNOWN}" for i in range(20)]
                    + ["... and 89,980 more problems (only the first 20 are shown)"],
    "many-duplicates": [f"many-duplicates.yml:{line}: task-clarity: duplicate key; first given on line 1"
                        for line in range(2, 22)] + ["... and 39,979 more problems (only the first 20 are shown)"],
    "bad-date": ["bad-date.yml: not valid YAML or JSON: cannot read the value '2020-13-45': month must be in 1..12 "
                 "(line 1, column 15)"],
}
# However much is wrong, stderr stays small: at most 20 problem lines of at most ~800 characters, and one more.
MAX_STDERR = 21 * 800


@pytest.mark.parametrize("case", list(BAD_INPUT))
def test_bad_input_exits_2_with_one_exact_line_per_problem(runs, in_process, case):
    run = runs[case] if case in runs else in_process[case]
    assert run.code == 2
    assert run.out == ""
    assert run.err.splitlines() == BAD_INPUT[case]
    assert "Traceback" not in run.err and "internal error" not in run.err
    assert len(run.err) <= MAX_STDERR
    assert "\x1b" not in run.err and "\r" not in run.err  # nothing a terminal would act on


def test_endless_stdin_stops_at_the_limit(tmp_path):
    """`--answers -` fed from /dev/zero: the CLI stops reading after 1 MiB instead of reading forever."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8"}
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run([sys.executable, "-m", "calculator", "--answers", "-"], cwd=tmp_path, env=env,
                                stdin=zero, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "<stdin>: the answers file is larger than 1 MiB (1,048,576 bytes); reading stopped there"]


def test_a_yaml_parser_without_libyaml_reports_the_same_problems(tmp_path, monkeypatch, capsys):
    """The pure-Python YAML parser (when libyaml is missing) also turns deep nesting and keys given twice into lines."""
    from calculator import Model, cli, input_files

    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    monkeypatch.setattr(input_files, "_LOADER", None)
    monkeypatch.setattr(cli, "load_model", lambda content_dir: Model.from_dict(RAW))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "deep.yml").write_text(FILES["deep-block.yml"], encoding="utf-8")
    (tmp_path / "duplicate.yml").write_text(FILES["duplicate.yml"], encoding="utf-8")
    assert cli.main(["--answers", "deep.yml"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "deep.yml: not valid answers: lists or mappings are nested too deeply to read"]
    assert cli.main(["--answers", "duplicate.yml"]) == 2
    assert capsys.readouterr().err.splitlines() == BAD_INPUT["duplicate-yml"]
    monkeypatch.setattr(input_files, "_LOADER", None)  # the next user gets a loader built on libyaml again


def test_help_documents_the_exit_statuses_and_the_size_limit(capsys):
    from calculator import cli

    with pytest.raises(SystemExit) as caught:
        cli.main(["--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert "At most 1 MiB of answers is read" in out
    assert "(YAML or JSON, at most 1 MiB; '-' reads stdin)" in " ".join(out.split())  # --answers' own help
    assert "Exit status:\n  0  the verdict (or the list) was printed\n  1  internal error" in out
    assert "\n  2  bad input or usage: one line per problem on stderr, at most 20,\n" in out


def test_usage_errors_show_what_was_typed_escaped(capsys):
    from calculator import cli

    with pytest.raises(SystemExit) as caught:
        cli.main(["--list", "\x1b[31m\n"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "python -m calculator: error: unrecognized arguments: \\x1b[31m\\n")


@pytest.mark.parametrize("args", [[], ["--list", "--format", "html"], ["--list", "--answers", "x.yml"]])
def test_usage_errors_exit_2_through_argparse(args, capsys):
    from calculator import cli

    with pytest.raises(SystemExit) as caught:
        cli.main(args)
    assert caught.value.code == 2
    assert capsys.readouterr().err.startswith("usage: python -m calculator")


def test_content_errors_print_the_loaders_lines_and_exit_2(runs):
    run = runs["broken-content"]
    assert run.code == 2
    lines = run.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("content/calculator.yml:")
    assert ": scoring.fine_tuning_threshold: " in lines[0]
    assert "Traceback" not in run.err


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "calculator", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "SITE_URL": "https://example.org/"})


def _content_with_an_earlier_version(tmp_path: Path) -> tuple[Path, str]:
    """A content copy whose archive also holds a version where "stable" task clarity was worth +4."""
    from calculator import Model
    from sitegen.content import load_site
    from sitegen.model_versions import archived_data, to_json
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    data = archived_data(load_site(content).calculator)
    stable = next(o for o in data["factors"][0]["options"] if o["id"] == "stable")
    stable["points"] = 4
    data["reviewed"] = "2026-01-15"
    earlier = Model.from_dict(data).version
    (content / "model-versions" / f"{earlier}.json").write_text(to_json(data), encoding="utf-8")
    return content, earlier


def test_model_version_scores_with_the_archived_model_and_says_what_today_s_says(tmp_path):
    content, earlier = _content_with_an_earlier_version(tmp_path)
    answers = tmp_path / "answers.yml"
    answers.write_text("task-clarity: stable\nvolume: high\n", encoding="utf-8")
    then = _cli("--answers", str(answers), "--model-version", earlier, "--format", "json", "--content", str(content))
    assert then.returncode == 0, then.stderr
    view = json.loads(then.stdout)
    assert view["model_version"] == earlier and view["verdict"] == "not-ready-to-fine-tune"
    assert view["today"]["verdict"] == "prompt-first" and view["today"]["same"] is False
    assert [d["id"] for d in view["today"]["differences"]] == ["diff_points"]
    text = " ".join(_cli("--answers", str(answers), "--model-version", earlier, "--content", str(content)).stdout.split())
    assert "Today's model (" in text and "gives a different verdict: Start with prompt engineering" in text
    record = _cli("--answers", str(answers), "--model-version", earlier, "--format", "markdown", "--content", str(content)).stdout
    assert f"- **Model version:** `{earlier}`" in record and "## Today's model" in record


def test_an_unknown_model_version_exits_2_naming_the_known_ones(tmp_path):
    content, earlier = _content_with_an_earlier_version(tmp_path)
    known = sorted(p.stem for p in (content / "model-versions").glob("*.json"))
    result = _cli("--list", "--model-version", "2020-01-01-0000000g", "--content", str(content))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"--model-version: unknown model version '2020-01-01-0000000g'; known versions: {', '.join(known)}\n"
    assert earlier in known


def test_feature_and_owner_go_into_the_markdown_record(tmp_path):
    import datetime
    answers = tmp_path / "answers.yml"
    answers.write_text("volume: low\n", encoding="utf-8")
    result = _cli("--answers", str(answers), "--format", "markdown", "--feature", "Ticket triage", "--owner", "Ana")
    assert result.returncode == 0, result.stderr
    assert (f"- **Feature:** Ticket triage\n- **Owner:** Ana\n- **Date:** {datetime.date.today().isoformat()}\n"
            "- **Model version:** `") in result.stdout


def test_the_record_date_can_be_given_so_a_record_is_reproducible(tmp_path):
    answers = tmp_path / "answers.yml"
    answers.write_text("volume: low\n", encoding="utf-8")
    result = _cli("--answers", str(answers), "--format", "markdown", "--date", "2025-01-02")
    assert result.returncode == 0, result.stderr
    assert "- **Date:** 2025-01-02\n" in result.stdout


@pytest.mark.parametrize("value", ["2025-13-02", "20250102", "2025-W01-1", "soon", "x\x1b[31m"])
def test_a_date_that_is_not_yyyy_mm_dd_exits_2_with_one_escaped_line(tmp_path, value):
    answers = tmp_path / "answers.yml"
    answers.write_text("volume: low\n", encoding="utf-8")
    result = _cli("--answers", str(answers), "--format", "markdown", "--date", value)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith("python -m calculator: error: argument --date: ")
    assert "write it as YYYY-MM-DD" in result.stderr and "\x1b" not in result.stderr
