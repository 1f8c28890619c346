"""factor_sources: the outside sources behind each calculator question, from the sections it links to."""
from __future__ import annotations

from pathlib import Path

from sitegen.content import load_site
from sitegen.content.citations import factor_sources

ROOT = Path(__file__).resolve().parent.parent


def test_sources_come_from_the_linked_sections_prose_each_once_in_link_order():
    documents = {
        "faq": {"faqs": [{"id": "q-one", "answer": "See [[src-b]] and [[src-a|this]], and [[glossary-term]]."},
                         {"id": "q-two", "answer": "Again [[src-a]]."}]},
        "comparison": {"rows": [{"id": "row", "values": {"x": "`[[src-c]]` is code, not a citation."}}]},
    }
    links = {"f1": ["q-two", "q-one"], "f2": ["row"], "f3": ["unknown"]}
    assert factor_sources(documents, links, ["src-a", "src-b", "src-c"]) == {"f1": ["src-a", "src-b"]}


def test_the_real_content_gives_the_data_question_its_providers_guidance():
    model = load_site(ROOT / "content").calculator
    assert "openai-supervised-fine-tuning" in model.factor_sources["data-readiness"]
