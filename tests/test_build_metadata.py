"""A real `mkdocs build --strict` seen by machines and by the calendar: how old each page says it is, what it
changed, its Open Graph tags, the FAQ's schema.org data and the sitemap.

One build serves every test: a copy of the real content whose faq.yml was reviewed on 1 March 2026,
built as if on 28 November 2026 (SITE_TODAY), past the six-month limit in content/changes.yml.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.pages import generated_pages

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "http://127.0.0.1:8765/"
TODAY = "2026-11-28"
OLD_REVIEW = "reviewed: 2026-03-01"


class _Head(HTMLParser):
    """The page's <meta> tags, its JSON-LD blocks, and where its table of contents links."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.json_ld: list[str] = []
        self.canonical: str | None = None
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld[-1] += data


def head_of(html_file: Path) -> _Head:
    parser = _Head()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("history") / "content"
    subprocess.run(["cp", "-r", str(ROOT / "content"), str(target)], check=True, timeout=60)
    faq = target / "faq.yml"
    text = faq.read_text(encoding="utf-8")
    assert "reviewed: 2026-11-28" in text
    faq.write_text(text.replace("reviewed: 2026-11-28", OLD_REVIEW, 1), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def build(content: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    site_dir = tmp_path_factory.mktemp("built") / "site"
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1", "SITE_CONTENT_DIR": str(content),
           "SITE_TODAY": TODAY}
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return site_dir, result


@pytest.fixture(scope="module")
def built(build) -> Path:
    site_dir, result = build
    assert result.returncode == 0, result.stderr
    return site_dir


def page_file(built: Path, page: str) -> Path:
    return built / ("index.html" if page == "index.md" else page[: -len(".md")] + "/index.html")


@pytest.fixture(scope="module")
def pages(content: Path) -> list[str]:
    """Every page of the site: all of them are generated from content/ (docs/ holds only assets)."""
    return [page.path for page in generated_pages(load_site(content), "0123456789ab")]


def url_of(page: str) -> str:
    return SITE_URL + ("" if page == "index.md" else page[: -len(".md")] + "/")


# ---- Honest about age ---------------------------------------------------------------------------

def test_an_old_review_builds_strictly_and_says_so_on_stderr(build) -> None:
    _, result = build
    assert result.returncode == 0, result.stderr
    assert ("content/faq.yml: reviewed: may be out of date: last reviewed 2026-03-01, more than 6 months before "
            "2026-11-28; re-check its facts, then update the date") in result.stderr.splitlines()
    assert not re.search(r"^(WARNING|ERROR)", result.stderr, re.M), result.stderr
    assert result.stderr.count("may be out of date") == 1  # the other files were reviewed on 28 November 2026


def test_the_old_page_shows_the_note_naming_its_review_date(built: Path) -> None:
    html = page_file(built, "faq.md").read_text(encoding="utf-8")
    note = re.search(r'<div class="admonition warning">\s*<p class="admonition-title">(.*?)</p>\s*<p>(.*?)</p>', html, re.S)
    assert note, "no out-of-date note on the FAQ page"
    assert note.group(1) == "This page may be out of date"
    assert "since 1 March 2026, more than\n6 months ago" in note.group(2) or "since 1 March 2026, more than 6 months ago" in " ".join(note.group(2).split())


def test_current_pages_show_no_note(built: Path) -> None:
    for page in ("index.md", "comparison.md", "calculator.md", "methodology.md", "changes.md"):
        assert "This page may be out of date" not in page_file(built, page).read_text(encoding="utf-8"), page


# ---- What changed -------------------------------------------------------------------------------

def test_last_reviewed_left_the_table_of_contents_and_kept_its_id(built: Path) -> None:
    for page in ("faq.md", "comparison.md", "fine-tuning.md", "calculator.md", "changes.md"):
        html = page_file(built, page).read_text(encoding="utf-8")
        toc = html[html.index("md-nav--secondary"):html.index('<div class="md-content"')]  # the table of contents
        assert "Last reviewed" not in toc and 'href="#reviewed"' not in toc, page
        assert re.search(r'<p class="reviewed-footer" id="reviewed">Last reviewed \d+ \w+ \d{4}\.</p>', html), page
        top = html.index('class="reviewed-line"')
        assert html.index('href="#reviewed"', top) < html.index('id="reviewed"'), page  # the top line leads to it


def test_each_page_lists_its_own_changes_and_the_site_wide_page_lists_all(built: Path, content: Path) -> None:
    site = load_site(content)
    changes_html = page_file(built, "changes.md").read_text(encoding="utf-8")
    for change in site.changes.changes:
        assert f'<li id="{change.id}">' in changes_html, change.id
    faq = page_file(built, "faq.md").read_text(encoding="utf-8")
    details = faq[faq.index("<details"):faq.index("</details>")]
    expected = [c.id for c in site.changes.changes if "faq.yml" in c.files]
    assert re.findall(r'href="\.\./changes/#(change-[a-z-]+)"', details) == expected
    assert "<summary>What changed on this page</summary>" in details
    assert 'href="changes/"' in page_file(built, "index.md").read_text(encoding="utf-8")  # in the navigation


# ---- Machine-readable ---------------------------------------------------------------------------

def test_the_faq_page_has_exactly_one_question_per_faq(built: Path, content: Path, pages: list[str]) -> None:
    blocks = head_of(page_file(built, "faq.md")).json_ld
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert (data["@context"], data["@type"]) == ("https://schema.org", "FAQPage")
    faqs = load_site(content).faq.faqs
    assert len(data["mainEntity"]) == len(faqs)
    assert [q["name"] for q in data["mainEntity"]] == [f.question for f in faqs]
    assert all(q["acceptedAnswer"]["text"] for q in data["mainEntity"])
    for other in pages:  # only the FAQ page claims to be one
        if other != "faq.md":
            assert head_of(page_file(built, other)).json_ld == [], other


def test_every_page_has_a_description_and_open_graph_tags(built: Path, pages: list[str]) -> None:
    assert len(pages) >= 13
    for where in pages:
        head = head_of(page_file(built, where))
        assert head.meta.get("description"), where
        assert head.meta.get("og:title"), where
        assert head.meta.get("og:description") == head.meta["description"], where
        assert head.meta.get("og:type") == "website", where
        assert head.meta.get("og:site_name") == "Prompt engineering or fine-tuning?", where
        assert head.meta.get("og:url") == head.canonical == url_of(where), where
    faq = head_of(page_file(built, "faq.md")).meta
    assert (faq["og:title"], faq["og:url"]) == ("FAQ", SITE_URL + "faq/")


def test_the_sitemap_lists_every_page(built: Path, pages: list[str]) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ET.parse(built / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert sorted(locations) == sorted(url_of(page) for page in pages)
    assert url_of("changes.md") in locations
