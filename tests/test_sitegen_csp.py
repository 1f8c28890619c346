"""sitegen/csp.py: exact inline-script hashes, the policy, where its <meta> goes, and the _headers file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calculator.model import POINTS_LIMIT
from sitegen.content import load_site
from sitegen.csp import (
    csp_meta_content,
    headers_file,
    inline_script_hashes,
    policy,
    script_hash,
    with_csp_meta,
)
from sitegen.pages import generated_pages

ROOT = Path(__file__).resolve().parent.parent

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>t</title>
    <script>__md_scope=new URL("..",location)</script>
    <script id="__config" type="application/json">{"base": ".."}</script>
    <script type="application/ld+json">{"@type": "WebSite"}</script>
  </head>
  <body>
    <script src="bundle.js"></script>
    <script type="module">import "./a.mjs";</script>
    <script>__md_scope=new URL("..",location)</script>
  </body>
</html>
"""


def test_hash_is_the_one_in_the_csp_specification():
    # The worked example of CSP Level 3 (hash-source): alert('Hello, world.');
    assert script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


@pytest.mark.parametrize("text", [
    "\n  x();\n  ",  # leading and trailing whitespace count
    "a &amp;&amp; b",  # character references are not decoded inside a script
    "s = 'é → ü';",  # UTF-8 bytes
    "if (a < b) {}",
    "// </scrip not the end\nx()",
])
def test_the_exact_text_between_the_tags_is_hashed(text):
    assert inline_script_hashes(f"<html><head><script>{text}</script></head></html>") == [script_hash(text)]


def test_line_breaks_are_hashed_as_the_browser_sees_them():
    # The HTML parser turns CR LF and CR into LF before the script exists.
    assert inline_script_hashes("<head><script>a()\r\nb()\rc()</script></head>") == [script_hash("a()\nb()\nc()")]


def test_only_executable_inline_scripts_are_hashed_each_once():
    assert inline_script_hashes(PAGE) == [
        script_hash('__md_scope=new URL("..",location)'),
        script_hash('import "./a.mjs";'),
    ]


def test_policy_is_strict():
    text = policy(["'sha256-abc='"])
    directives = dict(d.split(" ", 1) for d in text.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval' 'sha256-abc='"
    assert directives["style-src"] == "'self'"
    assert directives["worker-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["base-uri"] == directives["form-action"] == directives["object-src"] == "'none'"
    assert "unsafe-inline" not in text and "'unsafe-eval'" not in text
    # Browsers ignore (and warn about) frame-ancestors in a <meta> policy: only the header has it.
    assert "frame-ancestors" not in directives
    assert policy([], header=True).endswith("; frame-ancestors 'none'")


def test_meta_is_the_first_element_of_head_after_the_charset_and_before_every_script():
    out = with_csp_meta(PAGE)
    head = out[out.index("<head>") + len("<head>"):]
    elements = re.findall(r"<(?!/)[^>]+>", head)
    assert elements[0] == '<meta charset="utf-8">'
    assert elements[1].startswith('<meta http-equiv="Content-Security-Policy"')
    assert out.index("Content-Security-Policy") < out.index("<script")
    assert csp_meta_content(out) == policy(inline_script_hashes(PAGE))
    assert out.replace(elements[1], "", 1) == PAGE, "nothing else changes"


def test_without_a_charset_the_meta_opens_the_head():
    out = with_csp_meta("<html><head><script>x()</script></head></html>")
    assert out.startswith('<html><head><meta http-equiv="Content-Security-Policy" content="')


def test_adding_the_meta_twice_changes_nothing_and_a_stale_one_is_replaced():
    once = with_csp_meta(PAGE)
    assert with_csp_meta(once) == once
    stale = once.replace("'sha256-", "'sha256-X", 1)
    assert with_csp_meta(stale) == once
    assert once.count("Content-Security-Policy") == 1


def test_a_page_without_head_is_refused():
    with pytest.raises(ValueError, match="no <head>"):
        with_csp_meta("<p>fragment</p>")


def test_headers_file_holds_one_policy_with_every_pages_hashes_and_the_types():
    text = headers_file(["'sha256-b='", "'sha256-a='", "'sha256-b='"],
                        {"/assets/p.asm.wasm": "application/wasm", "/assets/x.mjs": "text/javascript"})
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines[0] == "/*"
    assert lines[1] == "  Content-Security-Policy: " + policy(["'sha256-a='", "'sha256-b='"], header=True)
    assert "  X-Content-Type-Options: nosniff" in lines
    assert any(line.startswith("  Referrer-Policy: ") for line in lines)
    assert any(line.startswith("  Permissions-Policy: ") for line in lines)
    assert text.count("Content-Security-Policy") == 1, "a repeated header is comma-joined into two policies"
    assert lines[-4:] == ["/assets/p.asm.wasm", "  Content-Type: application/wasm",
                          "/assets/x.mjs", "  Content-Type: text/javascript"]


# ---- the styles moved out of style= attributes for the policy ---------------------------------


def test_every_bar_length_has_a_rule_in_the_stylesheet():
    css = (ROOT / "docs/assets/stylesheets/calculator.css").read_text(encoding="utf-8")
    for points in range(-POINTS_LIMIT, POINTS_LIMIT + 1):
        assert f'.calc-bar[data-points="{points}"] {{ --points: {points}; }}' in css, points
    for scale in range(1, POINTS_LIMIT + 1):
        assert f'.calc[data-calc-scale="{scale}"] {{ --calc-scale: {scale}; }}' in css, scale


def test_generated_pages_carry_no_style_attribute():
    # The Markdown tables' alignment becomes align=, not style=, through mkdocs.yml (use_align_attribute).
    site = load_site(ROOT / "tests" / "fixtures" / "content" / "minimal")
    for page in generated_pages(site, "build"):
        assert not re.search(r"\sstyle\s*=", page.markdown), page.path
