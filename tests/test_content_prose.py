"""The trust model: prose is Markdown only; raw HTML, attribute lists and non-http(s) link targets are refused."""
from __future__ import annotations

import pytest

from sitegen.content.prose import prose_problems, unsafe_scheme

HTML = "is not allowed; content is Markdown only: remove the tag (write a link as [text](https://...), a less-than sign as '< ')"
LINK = "link to an http:// or https:// address, or to a page of this site with [[id]]"
ATTRS = "is not allowed; content is Markdown only: remove the braces (the pages add every id and class themselves)"


@pytest.mark.parametrize("text, expected", [
    ("<script>x</script>", [f"raw HTML ('<script') {HTML}", f"raw HTML ('</script') {HTML}"]),
    ("a <img src=x onerror=alert(1)> b", [f"raw HTML ('<img src=x onerror=alert(1)') {HTML}"]),
    ("<iframe src=//evil.example>", [f"raw HTML ('<iframe src=//evil.example') {HTML}"]),
    ("in code too: `<b>`", [f"raw HTML ('<b') {HTML}"]),
    ("<!-- hidden -->", [f"raw HTML ('<!-- hidden --') {HTML}"]),
    ("<https://autolink.example>", [f"raw HTML ('<https://autolink.example') {HTML}"]),
    ("[a](javascript:alert(1))", [f"link target 'javascript:alert(1' is not allowed (javascript:); {LINK}"]),
    ("[a]( JaVaScRiPt:x)", [f"link target ' JaVaScRiPt:x' is not allowed (javascript:); {LINK}"]),
    ("[a](java\tscript:x)", [f"link target 'java\tscript:x' is not allowed (javascript:); {LINK}"]),
    ("[a](&#x6A;avascript:x)", [f"link target '&#x6A;avascript:x' is not allowed (javascript:); {LINK}"]),
    ("![a](data:image/svg+xml,x)", [f"link target 'data:image/svg+xml,x' is not allowed (data:); {LINK}"]),
    ("[a][r]\n\n[r]: vbscript:msgbox", [f"link target 'vbscript:msgbox' is not allowed (vbscript:); {LINK}"]),
    ("Text\n{ onclick=alert(1) }", [f"attribute list '{{ onclick=alert(1) }}' {ATTRS}"]),
    ("*a*{: .x #y }", [f"attribute list '{{: .x #y }}' {ATTRS}"]),
])
def test_unsafe_prose_is_refused(text, expected):
    assert prose_problems(text) == expected


@pytest.mark.parametrize("text", [
    "a < b, x<5 and 3 <= 4; R&D &amp; more",
    "[docs](https://docs.example/a_(b) \"title: x\"), [here](#anchor), [page](comparison.md#row), [up](../x/)",
    "[[row-one]] and [[row-one|the row]]; javascript: as a word; `code`",
])
def test_plain_markdown_passes(text):
    assert prose_problems(text) == []


IMAGE = ("is not allowed (another host); publish the image with the site and give its relative path, "
         "e.g. ![text](assets/images/name.png)")


@pytest.mark.parametrize("text, target", [
    ("![chart](https://cdn.example/c.png)", "https://cdn.example/c.png"),
    ("![chart]( HTTP://cdn.example/c.png)", " HTTP://cdn.example/c.png"),
    ("![chart](//cdn.example/c.png)", "//cdn.example/c.png"),
    ("![chart][c]\n\n[c]: https://cdn.example/c.png", "https://cdn.example/c.png"),
    ("![c][]\n\n[C]: https://cdn.example/c.png", "https://cdn.example/c.png"),
    ("![c]\n\n[c]: //cdn.example/c.png", "//cdn.example/c.png"),
])
def test_images_from_other_hosts_are_refused(text, target):
    # An outside image would be a third-party request on every view of the page.
    assert prose_problems(text) == [f"image target '{target}' {IMAGE}"]


@pytest.mark.parametrize("text", [
    "![chart](assets/images/c.png) and [a link](https://docs.example/a)",
    "![chart][c]\n\n[c]: ../images/c.png",
    "[not an image][c]\n\n[c]: https://docs.example/a",
])
def test_relative_images_and_outside_links_pass(text):
    assert prose_problems(text) == []


def test_message_templates_keep_their_placeholders_but_no_other_braces():
    assert prose_problems("{score} of {threshold}", template=True) == []
    assert prose_problems("{score} of {threshold}") == [f"attribute list '{{score}} of {{threshold}}' {ATTRS}"]
    assert prose_problems("{score} {{ onclick=x }}", template=True) == [f"attribute list '{{{{ onclick=x }}}}' {ATTRS}"]


@pytest.mark.parametrize("target, scheme", [
    ("https://a.example", None), ("HTTP://a.example", None), ("//a.example/x", None), ("page.md#x", None),
    ("mailto:a@b.example", "mailto"), ("\x01javascript:x", "javascript"), ("java\\script:x", "javascript"),
    ("javascript&colon;x", "javascript"), ("<vbscript:x>", "vbscript"),
])
def test_unsafe_scheme_reads_targets_as_a_browser_would(target, scheme):
    assert unsafe_scheme(target) == scheme
