"""The JSON Schemas editors use for content/*.yml: generated from the content models, checked for staleness."""
from __future__ import annotations

import json
from pathlib import Path

from sitegen import schemas
from sitegen.content import CONTENT_MODELS
from sitegen.schemas import REGENERATE, expected_schemas, schema_text, stale_schemas

ROOT = Path(__file__).resolve().parent.parent


def test_schemas_are_fresh() -> None:
    stale = stale_schemas()
    assert not stale, f"content/schemas is stale ({', '.join(stale)}); run `{REGENERATE}` and commit the result"


def test_schema_text_is_the_models_schema_with_its_id_sorted_and_indented():
    text = schema_text("faq")
    schema = json.loads(text)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "faq.schema.json"
    assert {k: v for k, v in schema.items() if not k.startswith("$")} == {
        k: v for k, v in CONTENT_MODELS["faq"].model_json_schema().items() if not k.startswith("$")}
    assert text == json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert text.startswith('{\n  "$defs": ')


def test_one_schema_file_per_content_file():
    assert list(expected_schemas()) == [f"{name}.schema.json" for name in CONTENT_MODELS]
    assert {p.name for p in (ROOT / "content" / "schemas").glob("*.schema.json")} == set(expected_schemas())


def test_stale_schemas_names_missing_and_changed_files(tmp_path: Path):
    every = list(expected_schemas())
    assert stale_schemas(tmp_path) == every
    for filename, text in expected_schemas().items():
        (tmp_path / filename).write_text(text, encoding="utf-8")
    assert stale_schemas(tmp_path) == []
    faq = tmp_path / "faq.schema.json"
    faq.write_text(faq.read_text(encoding="utf-8").replace('"faqs"', '"questions"'), encoding="utf-8")
    (tmp_path / "glossary.schema.json").unlink()
    assert stale_schemas(tmp_path) == ["faq.schema.json", "glossary.schema.json"]


def test_main_writes_every_schema(tmp_path: Path, monkeypatch, capsys):
    target = tmp_path / "schemas"
    monkeypatch.setattr(schemas, "SCHEMA_DIR", target)
    assert schemas.main([]) == 0
    assert capsys.readouterr().out.splitlines() == [f"wrote content/schemas/{name}" for name in expected_schemas()]
    assert stale_schemas(target) == []


def test_main_check_reports_stale_files_and_fails(tmp_path: Path, monkeypatch, capsys):
    # stale_schemas() binds its default folder when defined, so point that default at an empty folder.
    monkeypatch.setattr(schemas.stale_schemas, "__defaults__", (tmp_path,))
    assert schemas.main(["--check"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [f"content/schemas/{name} is stale; run `make schemas`" for name in expected_schemas()]
    assert not list(tmp_path.iterdir())  # --check never writes


def test_main_check_passes_on_the_committed_schemas(capsys):
    assert schemas.main(["--check"]) == 0
    assert capsys.readouterr().err == ""
