"""Golden tests of every generated page: the fixture YAML in, the committed Markdown out.

After an intended change to a template or renderer, regenerate with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_render_golden.py` and review the diff.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.pages import generated_pages

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"
BUILD = "0123456789ab"  # a stand-in for the hook's content hash of the browser assets
REGENERATE = "UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_render_golden.py"
PAGES = ("index.md", "comparison.md", "prompt-engineering.md", "fine-tuning.md", "checklist.md", "calculator.md",
         "methodology.md", "examples.md", "combining.md", "faq.md", "glossary.md", "sources.md", "changes.md")


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return {page.path: page.markdown for page in generated_pages(load_site(FIXTURE), BUILD)}


def test_every_generated_page_has_a_golden_file(rendered: dict[str, str]) -> None:
    assert tuple(rendered) == PAGES


@pytest.mark.parametrize("page", PAGES)
def test_render_matches_golden(rendered: dict[str, str], page: str) -> None:
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered[page], encoding="utf-8")
    assert golden.exists(), f"{golden} is missing; run `{REGENERATE}` to create it"
    assert rendered[page] == golden.read_text(encoding="utf-8"), (
        f"{page} differs from its golden file; if the change is intended, run `{REGENERATE}` and review the diff")


def test_rendering_does_not_depend_on_the_interpreter_run(rendered: dict[str, str]) -> None:
    """Another interpreter, with another hash seed, renders the same bytes (no set or dict-order luck)."""
    program = ("import json, sys; from sitegen.content import load_site; from sitegen.pages import generated_pages; "
               f"print(json.dumps({{p.path: p.markdown for p in generated_pages(load_site(sys.argv[1]), {BUILD!r})}}))")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", program, str(FIXTURE)], capture_output=True, text=True, env=env,
                            timeout=120, check=True)
    assert json.loads(result.stdout) == rendered
