"""The calculator CLI's default model source: the site's content, loaded and validated as a build does.

Registered in pyproject.toml under the `calculator.model_sources` entry point group, so the
calculator package reads the site's content without importing the site's code.
"""
from __future__ import annotations

from pathlib import Path

from calculator import Model
from calculator.errors import ModelSourceError

from .errors import ContentError
from .loader import load_site


def load_calculator_model(content_dir: Path) -> Model:
    try:
        return load_site(Path(content_dir)).calculator
    except ContentError as exc:
        raise ModelSourceError(list(exc.lines) or [str(exc)]) from None
