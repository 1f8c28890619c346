"""The real calculator model, as several test files need it: with made-up anchors, so links resolve.

Not a test module: the test files import it (pytest puts tests/ on the path).
"""
from __future__ import annotations

from pathlib import Path

import yaml

from calculator import Model

ROOT = Path(__file__).resolve().parent.parent
RAW = yaml.safe_load((ROOT / "content" / "calculator.yml").read_text(encoding="utf-8"))
LINKED_IDS = sorted({i for section in ("factors", "outcomes") for item in RAW[section] for i in item.get("links", [])}
                    | {"method-score"})
ANCHORS = {anchor_id: {"url": f"page/#{anchor_id}", "title": f"Title of {anchor_id}"} for anchor_id in LINKED_IDS}
# Every linked id has an anchor, and the methodology section plays its role, as on the built site.
MODEL = Model.from_dict({**RAW, "anchors": ANCHORS, "site_links": {"methodology": "method-score"}})
# +8 (2 + 2 + 2 + 3 - 1; readiness answers score 0), and every gate met but the data one; per-token
# billing only, so fine-tuning pays back: the decision record's and the terminal report's test case.
NOT_READY = {"task-clarity": "stable", "data-readiness": "partial", "quality-target": "consistent-at-scale",
             "latency-context": "strained", "evaluation-plan": "in-place", "governance": "cleared",
             "fallbacks": "in-place", "prompt-baseline": "plateaued", "tuning-access": "offered", "volume": "low",
             "calls-per-month": 2_000_000, "hosting-per-hour": 0}


def index_of(section: str, item_id: str) -> int:
    """Where an item sits in a section of the raw calculator.yml, for key paths in expected messages."""
    return next(i for i, item in enumerate(RAW[section]) if item["id"] == item_id)


def set_at(path, value):
    """A mutation for a copy of the raw data: set the value at a key path."""
    def mutate(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return mutate
