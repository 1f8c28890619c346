"""content/redirects.yml: validated like every content file, each entry kept with its line for later checks."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.content import ContentError, Redirect, load_site


def write_redirects(content: Path, body: str) -> None:
    (content / "redirects.yml").write_text(f"reviewed: 2026-01-15\nredirects:\n{body}", encoding="utf-8")


def test_each_redirect_is_kept_with_its_line(minimal_content: Path):
    write_redirects(minimal_content, "  faq.md#old-question: faq.md#faq-one\n  questions.md: faq.md\n")
    site = load_site(minimal_content)
    assert site.redirects == (
        Redirect("faq.md#old-question", "faq.md#faq-one", "content/redirects.yml", 3),
        Redirect("questions.md", "faq.md", "content/redirects.yml", 4),
    )


def test_no_redirects_is_the_usual_case(minimal_content: Path):
    assert load_site(minimal_content).redirects == ()


@pytest.mark.parametrize("body, where", [
    ("  faq/#old: faq.md#faq-one\n", "content/redirects.yml:3: redirects.faq/#old.[key]: 'faq/#old' is not a page or id address"),
    ("  faq.md#old: '#faq-one'\n", "content/redirects.yml:3: redirects.faq.md#old: '#faq-one' is not a page or id address"),
    ("  faq.md#Old-Id: faq.md\n", "content/redirects.yml:3: redirects.faq.md#Old-Id.[key]: 'faq.md#Old-Id' is not a page or id address"),
])
def test_a_malformed_address_is_one_line_at_its_line(minimal_content: Path, body: str, where: str):
    write_redirects(minimal_content, body)
    with pytest.raises(ContentError) as caught:
        load_site(minimal_content)
    [line] = caught.value.lines
    assert line.startswith(where), line
    assert "content/anchors.lock does" in line
