"""The pydantic models of the content files: ids, text, dates, required lists, unknown keys, frozen results."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from sitegen.content.loader import CONTENT_MODELS
from sitegen.content.models import (
    ChecklistQuestion,
    Example,
    Faq,
    FaqFile,
    Item,
    OverviewFile,
    Source,
    SourcesFile,
    Term,
)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"


def fixture_data(name: str) -> dict:
    return yaml.safe_load((FIXTURE / f"{name}.yml").read_text(encoding="utf-8"))


def errors(model, data) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(tuple(e["loc"]), e["type"]) for e in caught.value.errors()]


@pytest.mark.parametrize("name", [n for n in CONTENT_MODELS if n != "calculator"])
def test_each_fixture_file_validates_with_its_model(name):
    validated = CONTENT_MODELS[name].model_validate(fixture_data(name))
    assert validated.reviewed == dt.date(2026, 1, 15)


@pytest.mark.parametrize("good", ["a", "task-clarity", "x1-2y", "a" * 64])
def test_ids_are_lowercase_kebab_case(good):
    assert Item(id=good, text="t").id == good


@pytest.mark.parametrize("bad, kind", [
    ("Task", "string_pattern_mismatch"), ("two words", "string_pattern_mismatch"), ("-a", "string_pattern_mismatch"),
    ("a-", "string_pattern_mismatch"), ("a--b", "string_pattern_mismatch"), ("a_b", "string_pattern_mismatch"),
    ("", "string_pattern_mismatch"), ("a" * 65, "string_too_long"),
])
def test_bad_ids_are_rejected(bad, kind):
    assert errors(Item, {"id": bad, "text": "t"}) == [(("id",), kind)]


def test_text_is_stripped_and_must_not_be_blank():
    assert Item(id="a", text="  Words.\n").text == "Words."
    assert errors(Item, {"id": "a", "text": " \n "}) == [(("text",), "string_too_short")]


def test_unknown_and_missing_keys_are_errors():
    assert errors(Faq, {"id": "a", "question": "Q?", "answer": "A.", "source": "x"}) == [(("source",), "extra_forbidden")]
    assert errors(Faq, {"id": "a", "question": "Q?"}) == [(("answer",), "missing")]


def test_optional_lists_default_to_empty():
    assert Faq(id="a", question="Q?", answer="A.").related == []
    assert Term(id="a", term="T", definition="D.").aliases == []
    question = ChecklistQuestion(id="a", title="T", question="Q?", prompting="P.", fine_tuning="F.")
    assert question.related == []


def test_validated_content_is_frozen():
    faq = Faq(id="a", question="Q?", answer="A.")
    with pytest.raises(ValidationError):
        faq.answer = "changed"  # type: ignore[misc]


def test_reviewed_must_be_a_real_date():
    data = fixture_data("faq")
    assert errors(FaqFile, {**data, "reviewed": "2026-02-30"})[0][0] == ("reviewed",)
    assert FaqFile.model_validate({**data, "reviewed": "2026-02-28"}).reviewed == dt.date(2026, 2, 28)


def test_required_lists_must_not_be_empty():
    assert errors(FaqFile, {**fixture_data("faq"), "faqs": []}) == [(("faqs",), "too_short")]
    overview = fixture_data("overview")
    assert errors(OverviewFile, {**overview, "approaches": overview["approaches"][:1]}) == [(("approaches",), "too_short")]
    assert errors(OverviewFile, {**overview, "where_next": []}) == [(("where_next",), "too_short")]


SOURCE = {"id": "a", "title": "T", "publisher": "P", "url": "https://docs.example.org/page", "supports": "S.",
          "accessed": "2026-11-28"}


@pytest.mark.parametrize("url", ["https://docs.example.org/page", "http://example.org", "https://example.org/a?b=c#d"])
def test_source_urls_are_web_addresses(url):
    assert Source.model_validate({**SOURCE, "url": url}).url == url


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "ftp://example.org/file", "mailto:team@example.org", "/relative/path", "example.org/page",
    "https://", "https:///path", "https://exa mple.org", "data:text/html,hi",
])
def test_other_addresses_are_rejected(url):
    with pytest.raises(ValidationError) as caught:
        Source.model_validate({**SOURCE, "url": url})
    [error] = caught.value.errors()
    assert (error["loc"], error["type"]) == (("url",), "value_error")
    assert "is not a web address" in str(error["ctx"]["error"])


def test_a_source_has_an_access_date_and_an_optional_short_title():
    source = Source.model_validate(SOURCE)
    assert source.accessed == dt.date(2026, 11, 28)
    assert source.short_title is None
    assert errors(Source, {**SOURCE, "accessed": "last week"}) == [(("accessed",), "date_from_datetime_parsing")]
    assert errors(Source, {**SOURCE, "rel": "noopener"}) == [(("rel",), "extra_forbidden")]


def test_sources_file_needs_sources_and_provider_pages():
    data = fixture_data("sources")
    assert SourcesFile.model_validate(data).provider_pages[0].links[0].source == "source-one"
    assert errors(SourcesFile, {**data, "sources": []}) == [(("sources",), "too_short")]
    assert errors(SourcesFile, {**data, "provider_pages": [{"provider": "X", "links": []}]}) == [
        (("provider_pages", 0, "links"), "too_short")]


EXAMPLE = {"id": "a", "title": "T", "story": "S.", "answers": {"volume": "high", "calls-per-month": 2000000},
           "expected": "prompt-first", "why": "W.", "best_for": ["pe-best-one"]}


def test_example_answers_are_option_ids_or_numbers():
    assert Example.model_validate(EXAMPLE).answers == {"volume": "high", "calls-per-month": 2000000}
    assert Example.model_validate({**EXAMPLE, "answers": {"cacheable-share": 0.5}}).answers == {"cacheable-share": 0.5}
    for wrong in (True, None, ["high"], {"a": 1}):
        assert errors(Example, {**EXAMPLE, "answers": {"volume": wrong}}) == [(("answers", "volume"), "value_error")]


def test_an_example_needs_answers_and_best_for_items():
    assert errors(Example, {**EXAMPLE, "answers": {}}) == [(("answers",), "too_short")]
    assert errors(Example, {**EXAMPLE, "best_for": []}) == [(("best_for",), "too_short")]
    assert errors(Example, {**EXAMPLE, "expected": "Prompt first"}) == [(("expected",), "string_pattern_mismatch")]


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c\u200d", " \u2060 \n", "\ufeff", "\u3000\u200b\u3000"])
def test_text_of_only_invisible_characters_is_blank(invisible):
    with pytest.raises(ValidationError) as caught:
        Item(id="a", text=invisible)
    assert [str(e["ctx"]["error"]) for e in caught.value.errors()] == ["must not be empty; write the text or remove the item"]


def test_visible_text_may_hold_a_zero_width_character():
    assert Item(id="a", text="fine\u200btuning").text == "fine\u200btuning"
