"""Generate the JSON Schemas editors use for content/*.yml, from the same models the build enforces.

Run `make schemas` (or `python -m sitegen.schemas`) after changing a model; `--check` only reports staleness.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .content.loader import CONTENT_MODELS

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "content" / "schemas"
REGENERATE = "make schemas"


def schema_text(name: str) -> str:
    schema = CONTENT_MODELS[name].model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json", **schema}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def expected_schemas() -> dict[str, str]:
    return {f"{name}.schema.json": schema_text(name) for name in CONTENT_MODELS}


def stale_schemas(schema_dir: Path = SCHEMA_DIR) -> list[str]:
    """Names of schema files that are missing or differ from what the models generate."""
    stale = []
    for filename, text in expected_schemas().items():
        path = schema_dir / filename
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(filename)
    return stale


def main(argv: list[str]) -> int:
    if "--check" in argv:
        stale = stale_schemas()
        for filename in stale:
            print(f"content/schemas/{filename} is stale; run `{REGENERATE}`", file=sys.stderr)
        return 1 if stale else 0
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for filename, text in expected_schemas().items():
        (SCHEMA_DIR / filename).write_text(text, encoding="utf-8")
        print(f"wrote content/schemas/{filename}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
