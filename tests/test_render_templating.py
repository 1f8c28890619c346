"""The one Jinja environment: strict about missing fields, and its filters and globals."""
from __future__ import annotations

import datetime as dt
import re

import jinja2
import pytest

from sitegen.render.templating import (
    TEMPLATES,
    cell,
    environment,
    indent_block,
    long_date,
    one_line,
    render_template,
)


def render_string(source: str, **context: object) -> str:
    return environment().from_string(source).render(**context)


def test_a_missing_field_raises_instead_of_rendering_blank():
    with pytest.raises(jinja2.UndefinedError, match="has no attribute 'titel'"):
        render_string("{{ item.titel }}", item={"title": "x"})
    with pytest.raises(jinja2.UndefinedError, match="'name' is undefined"):
        render_string("Hello {{ name }}")
    with pytest.raises(jinja2.UndefinedError):
        render_string("{% for x in missing %}{{ x }}{% endfor %}")


def test_a_real_template_without_its_context_raises():
    with pytest.raises(jinja2.UndefinedError):
        render_template("faq.md.j2")


def test_every_template_file_is_found_by_the_loader():
    names = sorted(path.name for path in TEMPLATES.glob("*.j2"))
    assert "calculator_widget.html.j2" in names and "faq.md.j2" in names
    assert sorted(n for n in environment().list_templates() if n.endswith(".j2")) == names


def test_output_is_not_html_escaped_and_keeps_its_trailing_newline():
    assert render_string("{{ text }}\n", text="a < b & <em>c</em>") == "a < b & <em>c</em>\n"


def test_block_tags_leave_no_blank_lines_or_indentation():
    assert render_string("{% for x in items %}\n  {% if x %}\n- {{ x }}\n  {% endif %}\n{% endfor %}\n",
                         items=["a", "", "b"]) == "- a\n- b\n"


def test_filters_and_section_globals_are_registered():
    assert render_string('{{ "a\n b" | one_line }}') == "a b"
    assert render_string("{{ d | long_date }}", d=dt.date(2026, 1, 5)) == "5 January 2026"
    assert render_string('{{ "a\nb" | indent_block(2) }}') == "a\n  b"
    assert render_string('{{ heading("faq") }}') == "## Frequently asked questions { #faq }"
    assert render_string('{{ approach_heading("fine-tuning", "cons") }}') == "## Cons { #fine-tuning-cons }"


@pytest.mark.parametrize("text, width, out", [
    ("first\nsecond\nthird", 4, "first\n    second\n    third"),
    ("first\n\nafter blank\n", 2, "first\n\n  after blank"),  # blank lines stay empty, no trailing spaces
    ("  padded\n  nested\n", 4, "padded\n      nested"),  # the whole block is stripped, inner indent kept
    ("one line", 4, "one line"),
    ("", 4, ""),
    ("  \n  ", 4, ""),
])
def test_indent_block(text, width, out):
    assert indent_block(text, width) == out


@pytest.mark.parametrize("text, out", [
    ("a paragraph\nover  two lines", "a paragraph over two lines"),
    ("  \ttabs\tand\n\nblank lines  ", "tabs and blank lines"),
    ("", ""),
    (42, "42"),
])
def test_one_line(text, out):
    assert one_line(text) == out


@pytest.mark.parametrize("value, out", [
    (dt.date(2026, 11, 28), "28 November 2026"),
    (dt.date(2026, 1, 5), "5 January 2026"),  # no leading zero on the day
    (dt.datetime(2025, 2, 1, 23, 59), "1 February 2025"),
])
def test_long_date(value, out):
    assert long_date(value) == out


@pytest.mark.parametrize("text, escaped", [
    ("a | b", "a \\| b"),
    ("already \\| escaped", "already \\| escaped"),
    ("a literal backslash \\\\| then a pipe", "a literal backslash \\\\\\| then a pipe"),
    ("`x | y` | z", "`x | y` \\| z"),  # tables leave pipes in code alone, and would show a backslash there
    ("two\nlines | here", "two lines \\| here"),
])
def test_cell_keeps_a_table_cell_on_one_line_and_escapes_its_pipes(text, escaped):
    assert cell(text) == escaped


def test_a_pipe_in_a_comparison_cell_keeps_the_row_whole(minimal_content):
    import markdown

    from sitegen.content import load_site
    from sitegen.render.pages import render_comparison

    path = minimal_content / "comparison.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "prompt-engineering: Fast.", "prompt-engineering: 'Fast | cheap, see `a|b`.'").replace(
        "category: Speed", "category: Speed | cost"), encoding="utf-8")
    html = markdown.markdown(render_comparison(load_site(minimal_content)), extensions=["tables", "attr_list", "md_in_html"])
    row = next(r for r in html.split("<tr") if 'id="row-one"' in r)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells == ["Speed | cost ¶", "Fast | cheap, see a|b.", "Slow, and it spans two lines."]
