"""Malformed content: every case gives its exact editor-ready lines, all problems at once, no traceback."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sitegen.content import Anchor, ContentError, load_site


def write(content: Path, name: str, text: str) -> None:
    (content / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def edit(content: Path, name: str, old: str, new: str) -> None:
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_site(content)
    return caught.value.lines


# (case id, mutation, exact expected lines)
CASES = [
    (
        "missing-field",
        lambda c: edit(c, "faq.yml", "    answer: Yes, see [[task-clarity]].\n", ""),
        ["content/faq.yml:3: faqs[0].answer: required key is missing; add it"],
    ),
    (
        "unknown-key",
        lambda c: edit(c, "glossary.yml", "    aliases: [z]\n", "    synonyms: [z]\n"),
        ["content/glossary.yml:7: terms[0].synonyms: unknown key 'synonyms'; allowed keys here: id, term, definition, aliases"],
    ),
    (
        "wrong-type",
        lambda c: edit(c, "comparison.yml", "category: Speed", "category: 42"),
        ["content/comparison.yml:10: rows[1].category: must be text, not the number 42; quote it if it looks like a number or date"],
    ),
    (
        "duplicate-id",
        lambda c: edit(c, "faq.yml", "id: faq-one", "id: row-one"),
        ["content/faq.yml:3: faqs[0].id: id 'row-one' is already used by content/comparison.yml; ids are anchors and must be unique across the site"],
    ),
    (
        "id-clashes-with-a-section",
        lambda c: edit(c, "faq.yml", "id: faq-one", "id: verdict"),
        ["content/faq.yml:3: faqs[0].id: id 'verdict' is already used by a section heading of the site; ids are anchors and must be unique across the site"],
    ),
    (
        "empty-list",
        lambda c: write(c, "faq.yml", "reviewed: 2026-01-15\nfaqs: []\n"),
        ["content/faq.yml:2: faqs: must not be empty; add at least one item"],
    ),
    (
        "bad-date",
        lambda c: edit(c, "checklist.yml", "reviewed: 2026-01-15", "reviewed: 2026-02-30"),
        ["content/checklist.yml:1: reviewed: '2026-02-30' is not a valid date; write it as YYYY-MM-DD, like 2026-11-28"],
    ),
    (
        "dangling-reference",
        lambda c: edit(c, "faq.yml", "[[task-clarity]]", "[[task-clarty]]"),
        ["content/faq.yml:5: faqs[0].answer: reference [[task-clarty]] points at no id; did you mean task-clarity?"],
    ),
    (
        "dangling-related-id",
        lambda c: edit(c, "faq.yml", "related: [when-one]", "related: [when-two]"),
        ["content/faq.yml:6: faqs[0].related[0]: unknown id 'when-two'; did you mean when-one, term-two?"],
    ),
    (
        "malformed-reference",
        lambda c: edit(c, "faq.yml", "[[task-clarity]]", "[[Task Clarity]]"),
        ["content/faq.yml:5: faqs[0].answer: malformed reference [[Task Clarity]]; write [[id]] or [[id|text]] with a lowercase-kebab id"],
    ),
    (
        "yaml-syntax-error",
        lambda c: edit(c, "combining.yml", "title: Mixing them", "title: [Mixing them"),
        ["content/combining.yml:3: (yaml): YAML syntax error: did not find expected ',' or ']'; fix the indentation or quoting on this line"],
    ),
    (
        "row-missing-one-approach",
        lambda c: edit(c, "comparison.yml", "      prompt-engineering: Fast.\n", ""),
        ["content/comparison.yml:11: rows[1].values: row 'row-one' has no value for 'prompt-engineering'; every row needs one per approach: prompt-engineering, fine-tuning"],
    ),
    (
        "glance-missing-one-approach",
        lambda c: edit(c, "comparison.yml", "      fine-tuning: Slow\n", ""),
        ["content/comparison.yml:16: rows[1].glance: row 'row-one' needs a glance for each approach, and only those: prompt-engineering, fine-tuning"],
    ),
    (
        "favors-without-a-glance",
        lambda c: edit(c, "comparison.yml", "    glance:\n      prompt-engineering: Fast\n      fine-tuning: Slow\n", ""),
        ["content/comparison.yml:16: rows[1].favors: 'prompt-engineering' must be an approach (prompt-engineering, fine-tuning) on a row that has a glance; the home page shows it there"],
    ),
    (
        "unknown-approach-in-row",
        lambda c: edit(c, "comparison.yml", "      prompt-engineering: Fast.", "      prompting: Fast."),
        [
            "content/comparison.yml:11: rows[1].values: row 'row-one' has no value for 'prompt-engineering'; every row needs one per approach: prompt-engineering, fine-tuning",
            "content/comparison.yml:12: rows[1].values.prompting: 'prompting' is not an approach; use one of: prompt-engineering, fine-tuning",
        ],
    ),
    (
        "invalid-id",
        lambda c: edit(c, "combining.yml", "id: stage-one", "id: Stage One"),
        ["content/combining.yml:5: stages[0].id: 'Stage One' is not a valid id; use lowercase words and digits joined by hyphens, like 'task-clarity'"],
    ),
    (
        "duplicate-yaml-key",
        lambda c: edit(c, "faq.yml", "    question: Should I start small?\n", "    question: Should I start small?\n    question: Again?\n"),
        ["content/faq.yml:5: faqs[0].question: key appears twice in the same mapping; keep one"],
    ),
    (
        "missing-file",
        lambda c: (c / "glossary.yml").unlink(),
        ["content/glossary.yml:1: (file): file is missing; create glossary.yml in content/"],
    ),
    (
        "unknown-file",
        lambda c: (c / "faqs.yml").write_text("reviewed: 2026-01-15\n"),
        ["content/faqs.yml:1: (file): unknown content file; expected one of: overview.yml, comparison.yml, approaches.yml, checklist.yml, faq.yml, combining.yml, glossary.yml, sources.yml, calculator.yml, examples.yml, changes.yml, redirects.yml"],
    ),
    (
        "not-a-mapping",
        lambda c: write(c, "faq.yml", "- just\n- a list\n"),
        ["content/faq.yml:1: (top level): must be a mapping of keys to values, starting with `reviewed:`"],
    ),
    (
        "approach-not-described",
        lambda c: write(c, "approaches.yml", (c / "approaches.yml").read_text().split("  - id: fine-tuning")[0]),
        ["content/approaches.yml:2: approaches: no entry for 'fine-tuning'; add its best_for, pros and cons"],
    ),
    (
        "source-url-javascript",
        lambda c: edit(c, "sources.yml", "https://docs.vendor-a.example/tuning", "javascript:alert(1)"),
        ["content/sources.yml:8: sources[0].url: 'javascript:alert(1)' is not a web address; write the full http:// or https:// address of the page"],
    ),
    (
        "source-url-ftp",
        lambda c: edit(c, "sources.yml", "https://docs.vendor-b.example/retired(models)", "ftp://docs.vendor-b.example/retired"),
        ["content/sources.yml:14: sources[1].url: 'ftp://docs.vendor-b.example/retired' is not a web address; write the full http:// or https:// address of the page"],
    ),
    (
        "source-url-relative",
        lambda c: edit(c, "sources.yml", "https://docs.vendor-a.example/tuning", "/docs/tuning"),
        ["content/sources.yml:8: sources[0].url: '/docs/tuning' is not a web address; write the full http:// or https:// address of the page"],
    ),
    (
        "source-unknown-key",
        lambda c: edit(c, "sources.yml", "    publisher: Vendor A\n", "    publisher: Vendor A\n    author: Someone\n"),
        ["content/sources.yml:8: sources[0].author: unknown key 'author'; allowed keys here: id, title, short_title, publisher, url, supports, accessed"],
    ),
    (
        "unknown-source-reference",
        lambda c: edit(c, "faq.yml", "[[task-clarity]]", "[[unknown-source]]"),
        ["content/faq.yml:5: faqs[0].answer: reference [[unknown-source]] points at no id; use an id declared in content/ (see the glossary, checklist or comparison files)"],
    ),
    (
        "provider-page-names-no-source",
        lambda c: edit(c, "sources.yml", "      - source: source-two", "      - source: source-three"),
        ["content/sources.yml:24: provider_pages[1].links[0].source: 'source-three' is not a source; did you mean source-two, source-one?"],
    ),
    (
        "provider-page-names-another-kind-of-id",
        lambda c: edit(c, "sources.yml", "      - source: source-two", "      - source: row-one"),
        ["content/sources.yml:24: provider_pages[1].links[0].source: 'row-one' is not a source; use the id of one of the sources listed in this file"],
    ),
    (
        "source-listed-twice",
        lambda c: edit(c, "sources.yml", "https://docs.vendor-b.example/retired(models)", "https://docs.vendor-a.example/tuning"),
        ["content/sources.yml:14: sources[1].url: this address is already listed as 'source-one'; cite that source instead"],
    ),
    (
        "source-id-clashes-with-a-content-id",
        lambda c: edit(c, "sources.yml", "  - id: source-two", "  - id: row-one"),
        [
            "content/sources.yml:11: sources[1].id: id 'row-one' is already used by content/comparison.yml; ids are anchors and must be unique across the site",
            "content/sources.yml:24: provider_pages[1].links[0].source: 'source-two' is not a source; did you mean source-one?",
        ],
    ),
    (
        "blank-text",
        lambda c: edit(c, "glossary.yml", "definition: The last letter.", "definition: '  '"),
        ["content/glossary.yml:6: terms[0].definition: must not be empty; write the text or remove the item"],
    ),
    # Hostile content: a located line each, never a traceback, a hang or unsafe HTML.
    (
        "yaml-alias-bomb",
        lambda c: write(c, "faq.yml", ALIAS_BOMB),
        # One line per line of aliases (ten identical problems on a line are one line).
        [f"content/faq.yml:{line}: (yaml): alias *l{line - 3} is not allowed in content; "
         "write the value out in full instead of pointing at an anchor" for line in range(3, 7)],
    ),
    (
        "yaml-explicit-tags",
        lambda c: edit(c, "faq.yml", "    question: Should I start small?\n",
                       "    question: !!binary U2hvdWxk\n    extra: !!set {a}\n    more: !!python/object/apply:os.system [x]\n"
                       "    date: !!timestamp 2026-01-01\n    custom: !foo bar\n"),
        ["content/faq.yml:4: (yaml): explicit tag !!binary is not allowed in content; remove it (and quote the value if it should be text)",
         "content/faq.yml:5: (yaml): explicit tag !!set is not allowed in content; remove it (and quote the value if it should be text)",
         "content/faq.yml:6: (yaml): explicit tag !!python/object/apply:os.system is not allowed in content; remove it (and quote the value if it should be text)",
         "content/faq.yml:7: (yaml): explicit tag !!timestamp is not allowed in content; remove it (and quote the value if it should be text)",
         "content/faq.yml:8: (yaml): explicit tag !foo is not allowed in content; remove it (and quote the value if it should be text)"],
    ),
    (
        "number-with-thousands-of-digits",
        lambda c: edit(c, "calculator.yml", "strong_pull: 2", "strong_pull: " + "9" * 5000),
        ["content/calculator.yml:10: scoring.strong_pull: number is 5000 characters long; numbers in content stay between -10^15 and 10^15, so write at most 15 digits"],
    ),
    (
        "float-that-overflows",
        lambda c: edit(c, "calculator.yml", "strong_pull: 2", "strong_pull: 1.0e+999"),
        ["content/calculator.yml:10: scoring.strong_pull: number 1.0e+999 is too large; numbers in content stay between -10^15 and 10^15"],
    ),
    (
        "float-with-hundreds-of-digits",
        lambda c: edit(c, "calculator.yml", "strong_pull: 2", "strong_pull: " + "9" * 400 + ".5"),
        ["content/calculator.yml:10: scoring.strong_pull: number is 402 characters long; numbers in content stay between -10^15 and 10^15, so write at most 15 digits"],
    ),
    (
        "infinite-number",
        lambda c: edit(c, "calculator.yml", "strong_pull: 2", "strong_pull: .inf"),
        ["content/calculator.yml:10: scoring.strong_pull: '.inf' is not a finite number; write an ordinary number"],
    ),
    (
        "script-tag",
        lambda c: edit(c, "faq.yml", "Yes, see [[task-clarity]].", "Yes <script>alert(1)</script>"),
        ["content/faq.yml:5: faqs[0].answer: raw HTML ('</script') is not allowed; content is Markdown only: remove the tag (write a link as [text](https://...), a less-than sign as '< ')",
         "content/faq.yml:5: faqs[0].answer: raw HTML ('<script') is not allowed; content is Markdown only: remove the tag (write a link as [text](https://...), a less-than sign as '< ')"],
    ),
    (
        "img-onerror-in-a-title",
        lambda c: edit(c, "comparison.yml", "category: Speed", "category: Speed <img src=x onerror=alert(1)>"),
        ["content/comparison.yml:10: rows[1].category: raw HTML ('<img src=x onerror=alert(1)') is not allowed; content is Markdown only: remove the tag (write a link as [text](https://...), a less-than sign as '< ')"],
    ),
    (
        "iframe",
        lambda c: edit(c, "glossary.yml", "definition: The last letter.", "definition: <iframe src=https://evil.example>"),
        ["content/glossary.yml:6: terms[0].definition: raw HTML ('<iframe src=https://evil.examp') is not allowed; content is Markdown only: remove the tag (write a link as [text](https://...), a less-than sign as '< ')"],
    ),
    (
        "script-links",
        lambda c: edit(c, "faq.yml", "Yes, see [[task-clarity]].",
                       "'[a](javascript:alert(1)) [b](DATA:text/html,x) ![c](&#118;bscript:x) [d](https://ok.example) [e](page.md)'"),
        ["content/faq.yml:5: faqs[0].answer: link target '&#118;bscript:x' is not allowed (vbscript:); link to an http:// or https:// address, or to a page of this site with [[id]]",
         "content/faq.yml:5: faqs[0].answer: link target 'DATA:text/html,x' is not allowed (data:); link to an http:// or https:// address, or to a page of this site with [[id]]",
         "content/faq.yml:5: faqs[0].answer: link target 'javascript:alert(1' is not allowed (javascript:); link to an http:// or https:// address, or to a page of this site with [[id]]"],
    ),
    (
        "attribute-list",
        lambda c: edit(c, "faq.yml", "Yes, see [[task-clarity]].", "'*Yes*{ onclick=alert(1) }'"),
        ["content/faq.yml:5: faqs[0].answer: attribute list '{ onclick=alert(1) }' is not allowed; content is Markdown only: remove the braces (the pages add every id and class themselves)"],
    ),
    (
        "zero-width-text",
        lambda c: edit(c, "glossary.yml", "definition: The last letter.", 'definition: "\\u200b \\u200c\\u200d\\u2060\\ufeff "'),
        ["content/glossary.yml:6: terms[0].definition: must not be empty; write the text or remove the item"],
    ),
    (
        "id-with-a-line-break",
        lambda c: edit(c, "faq.yml", "id: faq-one", 'id: "faq\\none\\u2028"'),
        ["content/faq.yml:3: faqs[0].id: 'faq\\none\\u2028' is not a valid id; use lowercase words and digits joined by hyphens, like 'task-clarity'"],
    ),
]

# A small "billion laughs" (10^5 strings once expanded); tests/test_content_yamlsource.py runs the
# full 10^9 one in a child process with capped memory.
ALIAS_BOMB = "reviewed: 2026-01-15\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 5))


@pytest.mark.parametrize("case, mutate, expected", CASES, ids=[c[0] for c in CASES])
def test_malformed_content_reports_exact_lines(minimal_content: Path, case, mutate, expected) -> None:
    mutate(minimal_content)
    assert problems(minimal_content) == expected


def test_all_problems_are_reported_at_once_across_files(minimal_content: Path) -> None:
    edit(minimal_content, "faq.yml", "    answer: Yes, see [[task-clarity]].\n", "")
    edit(minimal_content, "checklist.yml", "reviewed: 2026-01-15", "reviewed: yesterday")
    edit(minimal_content, "glossary.yml", "    aliases: [z]\n", "    synonyms: [z]\n")
    lines = problems(minimal_content)
    assert [line.split(":")[0] for line in lines] == ["content/checklist.yml", "content/faq.yml", "content/glossary.yml"]


def test_a_clean_fixture_loads(minimal_content: Path) -> None:
    site = load_site(minimal_content)
    assert site.anchors["row-one"].url == "comparison/#row-one"
    assert site.anchors["fine-tuning"].url == "fine-tuning/"


def test_a_source_id_is_an_anchor_on_the_sources_page_and_citable_in_prose(minimal_content: Path) -> None:
    edit(minimal_content, "faq.yml", "[[task-clarity]]", "[[source-two]] and [[source-one|the guide]]")
    site = load_site(minimal_content)
    assert site.anchors["source-one"] == Anchor("source-one", "sources.md", "Vendor A: Tuning")  # the short title
    assert site.anchors["source-two"] == Anchor("source-two", "sources.md", "Vendor B: Retired models [list]")
    assert site.anchors["publisher-vendor-a"] == Anchor("publisher-vendor-a", "sources.md", "Vendor A")
    assert site.sources.sources[0].url == "https://docs.vendor-a.example/tuning"
    assert [link.source for group in site.sources.provider_pages for link in group.links] == ["source-one", "source-two"]


def test_publishers_that_differ_only_in_punctuation_clash(minimal_content: Path) -> None:
    edit(minimal_content, "sources.yml", "publisher: Vendor B", "publisher: Vendor-A")
    assert problems(minimal_content) == [
        "content/sources.yml:13: sources[1].publisher: id 'publisher-vendor-a' is already used by content/sources.yml; "
        "ids are anchors and must be unique across the site"]


def test_a_card_target_must_exist(minimal_content: Path) -> None:
    edit(minimal_content, "overview.yml", "target: row-one", "target: row-two")
    assert problems(minimal_content) == [
        "content/overview.yml:20: where_next[0].target: unknown id 'row-two'; did you mean row-one, term-two?"
    ]


def test_every_checklist_question_needs_a_calculator_factor(real_content_copy: Path) -> None:
    """The checklist and the calculator share ids; the site, not the calculator core, knows the checklist."""
    path = real_content_copy / "checklist.yml"
    text = path.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    path.write_text(text + "  - id: handover-plan\n    title: Handover\n    question: Who owns it?\n"
                    "    prompting: A team.\n    fine_tuning: A team.\n", encoding="utf-8")
    assert problems(real_content_copy) == [
        f"content/checklist.yml:{line}: questions[8].id: checklist question 'handover-plan' has no calculator "
        "factor with the same id; add one to calculator.yml"]


def test_references_in_code_are_literal_and_not_checked(minimal_content: Path) -> None:
    edit(minimal_content, "faq.yml", "[[task-clarity]].", "[[task-clarity]]; write `[[no-such-id]]` or `[[Not An Id]]`.")
    assert load_site(minimal_content).faq.faqs[0].answer.endswith("write `[[no-such-id]]` or `[[Not An Id]]`.")


def test_calculator_message_placeholders_are_not_attribute_lists(real_content_copy: Path) -> None:
    assert load_site(real_content_copy).calculator_file.messages.score_fine_tuning.count("{") == 2
