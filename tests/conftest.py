"""Shared fixtures: the project root, and content folders tests may break on purpose."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def minimal_content(tmp_path: Path) -> Path:
    """A copy of the small fixture content, in a folder named `content` like the real one."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "content" / "minimal", target)
    return target


@pytest.fixture
def real_content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target
