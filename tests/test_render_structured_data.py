"""schema.org FAQPage data made from content/faq.yml: one Question per FAQ, answers as the plain text a reader reads."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sitegen.content import load_site
from sitegen.pages import generated_pages
from sitegen.render.structured_data import faq_page, front_matter_json, plain_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content" / "minimal"


@pytest.fixture(scope="module")
def real_site():
    return load_site(ROOT / "content")


def test_one_question_per_faq_in_file_order(real_site):
    data = faq_page(real_site, "faq.md")
    assert (data["@context"], data["@type"]) == ("https://schema.org", "FAQPage")
    assert [q["name"] for q in data["mainEntity"]] == [faq.question for faq in real_site.faq.faqs]
    assert all(q["@type"] == "Question" and q["acceptedAnswer"]["@type"] == "Answer" for q in data["mainEntity"])


def test_answers_are_plain_text_with_references_read_as_their_titles():
    site = load_site(FIXTURE)
    assert faq_page(site, "faq.md")["mainEntity"][0]["acceptedAnswer"]["text"] == "Yes, see Task clarity."


def test_plain_text_drops_markup_and_joins_paragraphs():
    assert plain_text("A *b* and [c](https://x.example/) `d < e`.\n\nNext:\n\n- one\n- two") == "A b and c d < e. Next: one two"


def test_the_faq_page_front_matter_carries_the_same_data(real_site):
    faq = {p.path: p.markdown for p in generated_pages(real_site, "0123456789ab")}["faq.md"]
    front = yaml.safe_load(faq.split("---\n")[1])
    assert front["structured_data"] == faq_page(real_site, "faq.md")


@pytest.mark.parametrize("text", ['He said "hi" </script><!-- & \\ done', "tab\there, line\nbreak: {a: b}, - [x]", "Ünïcode ‘quotes’ — dash"])
def test_front_matter_json_reads_back_as_yaml_unchanged(text):
    data = {"@type": "Answer", "text": text, "list": [1, 2.5, True, None]}
    assert yaml.safe_load(f"structured_data: {front_matter_json(data)}\n") == {"structured_data": data}
