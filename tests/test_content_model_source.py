"""The calculator CLI's model source: the site's content loaded as a build loads it, errors as the loader's lines."""
from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest

from calculator import Model
from calculator.errors import ModelSourceError
from sitegen.content import ContentError, load_site
from sitegen.content.model_source import load_calculator_model

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"


def test_returns_the_model_the_site_builds():
    model = load_calculator_model(FIXTURE)
    assert isinstance(model, Model)
    assert model == load_site(FIXTURE).calculator
    assert "calc-verdict" in model.anchors  # built with the site's anchors, as a build does


def test_accepts_a_path_given_as_text():
    assert load_calculator_model(str(FIXTURE)).factor_ids == load_site(FIXTURE).calculator.factor_ids


def test_broken_content_raises_model_source_error_with_the_loaders_lines(minimal_content: Path):
    (minimal_content / "glossary.yml").unlink()
    path = minimal_content / "faq.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("reviewed: 2026-01-15", "reviewed: someday"), encoding="utf-8")
    with pytest.raises(ContentError) as loader:
        load_site(minimal_content)
    with pytest.raises(ModelSourceError) as caught:
        load_calculator_model(minimal_content)
    assert caught.value.lines == loader.value.lines == [
        "content/faq.yml:1: reviewed: 'someday' is not a valid date; write it as YYYY-MM-DD, like 2026-11-28",
        "content/glossary.yml:1: (file): file is missing; create glossary.yml in content/",
    ]
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_it_is_the_registered_model_source():
    (source,) = [e for e in entry_points(group="calculator.model_sources") if e.name == "content"]
    assert source.load() is load_calculator_model
