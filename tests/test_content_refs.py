"""Cross-references in prose: `[[id]]` and `[[id|text]]` found, parsed and replaced; malformed ones left as written."""
from __future__ import annotations

import pytest

from sitegen.content.refs import Ref, code_ranges, find_refs, parse_ref, replace_refs


def test_find_refs_returns_refs_in_order():
    assert find_refs("See [[task-clarity]] and [[row-one|the speed row]].") == [
        Ref("task-clarity", None), Ref("row-one", "the speed row")]


def test_find_refs_returns_malformed_refs_as_their_raw_text():
    assert find_refs("[[Task Clarity]] [[x|]] [[]] [[-a]] [[a--b]] [[a_b]]") == [
        "[[Task Clarity]]", "[[x|]]", "[[]]", "[[-a]]", "[[a--b]]", "[[a_b]]"]


def test_find_refs_ignores_plain_links_and_text():
    assert find_refs("No refs: [a link](x.md), [single], [ [x] ], `code`.") == []


@pytest.mark.parametrize("inner, ref", [
    ("a1", Ref("a1", None)),
    ("  padded-id  ", Ref("padded-id", None)),
    (" a | shown text ", Ref("a", "shown text")),
    ("a|b|c", Ref("a", "b|c")),  # only the first pipe separates the text
    ("a|  ", None),
    ("Upper", None),
    ("two words", None),
    ("", None),
])
def test_parse_ref(inner, ref):
    assert parse_ref(inner) == ref


def test_innermost_brackets_make_the_ref():
    assert find_refs("[[nested [[inner]]]]") == [Ref("inner", None)]


def test_replace_refs_marks_refs_that_start_a_sentence():
    text = "[[a]] opens. Then [[b]] mid. Wow! [[c]] and ([[d]]), \"[[e]]\", *[[f]]*. Why?\n[[g]]"
    out = replace_refs(text, lambda ref: f"<{ref.target}:{ref.starts_sentence}>")
    assert out == ("<a:True> opens. Then <b:False> mid. Wow! <c:True> and (<d:False>), \"<e:False>\", "
                   "*<f:False>*. Why?\n<g:True>")


def test_replace_refs_passes_the_text_and_leaves_malformed_refs_alone():
    out = replace_refs("Read [[row-one|the row]] not [[Bad Ref]].", lambda ref: f"[{ref.text}]({ref.target})")
    assert out == "Read [the row](row-one) not [[Bad Ref]]."


def test_replace_refs_without_refs_is_the_identity():
    assert replace_refs("Nothing to see.", lambda ref: pytest.fail("no ref expected")) == "Nothing to see."


@pytest.mark.parametrize("markdown", [
    "Write `[[id]]` to link.",
    "Write ``a ` [[id]]`` to link.",
    "Example:\n\n```yaml\nanswer: see [[id]]\n```\n",
    "~~~\n[[Not An Id]]\n~~~\n",
])
def test_references_inside_code_stay_literal(markdown):
    assert find_refs(markdown) == []
    assert replace_refs(markdown, lambda ref: "LINK") == markdown


def test_references_around_code_are_still_found_and_replaced():
    markdown = "See [[a]], write `[[b]]`; an escaped \\`[[c]]` is not code, nor is an unclosed ` [[d]]."
    assert find_refs(markdown) == [Ref("a", None), Ref("c", None), Ref("d", None)]
    assert replace_refs(markdown, lambda ref: ref.target.upper()) == (
        "See A, write `[[b]]`; an escaped \\`C` is not code, nor is an unclosed ` D.")


def test_code_ranges_pair_backticks_as_python_markdown_does():
    text = "a `x` b ``y ` z`` c\n\n```\nfenced\n```\n"
    assert [text[start:end] for start, end in code_ranges(text)] == ["`x`", "``y ` z``", "```\nfenced\n```"]
