"""A real `mkdocs build --strict` of the site: zero warnings, every promised item reachable by its anchor."""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

import calculator
from sitegen.content import load_site
from sitegen.material_script import BUNDLE_GLOB, TAKES_PAGE_META, WRITES_SCHEME_IF_CHANGED
from sitegen.material_styles import CELL_RULES, MAIN_STYLESHEET_GLOB, NO_JS_TAB_SELECTOR, PALETTE_STYLESHEET_GLOB
from sitegen.search_later import SEARCH_LATER, WORKERS_DIR, material_worker
from sitegen.sections import SECTIONS

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "http://127.0.0.1:8765/"


def mkdocs_build(site_dir: Path, content_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    if content_dir is not None:
        env["SITE_CONTENT_DIR"] = str(content_dir)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(site_dir)
    assert result.returncode == 0, result.stderr
    assert not re.search(r"^(WARNING|ERROR)", result.stderr, re.M), result.stderr
    return site_dir


def page_html(built: Path, page: str) -> str:
    path = built / ("index.html" if page == "index.md" else page[: -len(".md")] + "/index.html")
    return path.read_text(encoding="utf-8")


def ids_in(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def test_every_stable_id_is_an_anchor_on_its_page(built: Path) -> None:
    site = load_site(ROOT / "content")
    missing = [f"{a.page}#{a.id}" for a in site.anchors.values() if a.fragment and a.id not in ids_in(page_html(built, a.page))]
    assert not missing


def test_template_sections_exist(built: Path) -> None:
    for section in SECTIONS:
        assert section.id in ids_in(page_html(built, section.page)), f"{section.page}#{section.id}"


def test_the_promised_counts_are_on_the_pages(built: Path) -> None:
    comparison = page_html(built, "comparison.md")
    assert len(re.findall(r'<td id="[a-z0-9-]+"', comparison)) == 8
    best_for = pros_cons = 0
    for page, prefix in (("prompt-engineering.md", "pe"), ("fine-tuning.md", "ft")):
        html = page_html(built, page)
        best_for += len(re.findall(rf'<li id="{prefix}-best-', html))
        pros_cons += len(re.findall(rf'<li id="{prefix}-(?:pro|con)-', html))
    assert (best_for, pros_cons) == (10, 16)
    checklist = page_html(built, "checklist.md")
    assert len(re.findall(r'<h3 id="[a-z-]+"', checklist)) == 8
    faq = page_html(built, "faq.md")
    assert len(re.findall(r'<h2 id="(?!reviewed)[a-z-]+"', faq)) >= 12


# Documentation hosts of the providers the Sources page must reach (one provider may publish on several).
PROVIDER_DOC_HOSTS = {
    "developers.openai.com": "OpenAI",
    "platform.claude.com": "Anthropic",
    "cloud.google.com": "Google",
    "docs.cloud.google.com": "Google",
    "ai.google.dev": "Google",
    "docs.aws.amazon.com": "Amazon Web Services",
    "learn.microsoft.com": "Microsoft",
}


def outside_links(html_file: Path) -> list[str]:
    """Links (<a href>) that leave the site; they are followed by a reader, never fetched by the page."""
    return [u for u in urls_in(html_file).links if urlparse(u).scheme in ("http", "https")
            and urlparse(u).netloc not in ("", "127.0.0.1:8765")]


def test_the_sources_page_links_out_to_the_providers_documentation(built: Path) -> None:
    html_file = built / "sources" / "index.html"
    links = outside_links(html_file)
    providers = {PROVIDER_DOC_HOSTS[urlparse(u).netloc] for u in links if urlparse(u).netloc in PROVIDER_DOC_HOSTS}
    doc_links = [u for u in links if urlparse(u).netloc in PROVIDER_DOC_HOSTS]
    assert len(doc_links) >= 10 and len(providers) >= 4, (len(doc_links), providers)
    site = load_site(ROOT / "content")
    html = html_file.read_text(encoding="utf-8")
    for source in site.sources.sources:  # every entry is there, under its own anchor, linking to its page
        assert f'id="{source.id}"' in html, source.id
        assert source.url.replace("&", "&amp;") in html, source.id


def test_every_page_with_the_provider_box_links_the_providers_and_the_sources_page(built: Path) -> None:
    for page in ("index.md", "comparison.md", "fine-tuning.md", "checklist.md", "faq.md", "glossary.md", "sources.md"):
        html = page_html(built, page)
        box = html[html.index('id="reviewed"'):]
        assert re.search(r'href="[./]*sources/#sources"|href="#sources"', box), page
        hosts = {urlparse(u).netloc for u in re.findall(r'href="(https?://[^"]+)"', box)}
        assert {"developers.openai.com", "platform.claude.com", "docs.aws.amazon.com", "learn.microsoft.com"} <= hosts, page
        assert hosts & {"cloud.google.com", "docs.cloud.google.com", "ai.google.dev"}, page


def test_the_examples_page_shows_each_computed_verdict_equal_to_its_expectation(built: Path) -> None:
    """At least 8 worked examples, each under its own anchor, with the build-time verdict and a calculator link."""
    site = load_site(ROOT / "content")
    html = page_html(built, "examples.md")
    examples = site.examples.examples
    assert len(examples) >= 8
    shown = []
    for tag in re.findall(r'<p class="example-verdict"[^>]*>', html):
        attrs = dict(re.findall(r'(data-verdict|data-expected)="([^"]*)"', tag))
        shown.append((attrs["data-verdict"], attrs["data-expected"]))
    assert shown == [(e.expected, e.expected) for e in examples]
    calculator_html = page_html(built, "calculator.md")
    for example in examples:
        assert f'<h2 id="{example.id}">' in html, example.id
        verdict = calculator.evaluate(site.calculator, calculator.parse_answers(site.calculator, dict(example.answers)))
        query = verdict.to_dict()["query"].replace("&", "&amp;")
        assert f'href="../calculator/?{query}#calc-verdict"' in html, example.id
        assert f'href="?{query}#calc-verdict"' in calculator_html, example.id  # the preset on the calculator page
    assert 'href="examples/#examples"' in page_html(built, "index.md")


def test_generated_pages_show_review_date_and_edit_their_yaml(built: Path) -> None:
    for page, source in (("comparison.md", "comparison"), ("checklist.md", "checklist"), ("fine-tuning.md", "approaches"), ("index.md", "overview")):
        html = page_html(built, page)
        assert "Last reviewed 28 November 2026" in html, page
        assert f"/edit/main/content/{source}.yml" in html, page
    assert not list((ROOT / "docs").glob("*.md")), "generated pages must stay in memory, never in docs/"


class _Urls(HTMLParser):
    """Every URL in a page: `fetched` (resources a browser loads on its own: scripts, styles, images, frames),
    `links` (<a href> a reader may follow) and `all` (both).

    Outside links are fine (the Sources page is made of them); outside resources are not.
    """

    FETCHING = ("link", "script", "img", "iframe", "source", "audio", "video", "embed", "object", "track", "input")

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.links: list[str] = []
        self.all: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a":
            if a.get("href"):
                self.links.append(a["href"])  # type: ignore[arg-type]
                self.all.append(a["href"])  # type: ignore[arg-type]
            return
        if tag not in self.FETCHING:
            return
        url = a.get("src") or a.get("href") or a.get("data")
        srcset = [part.strip().split(" ")[0] for part in (a.get("srcset") or "").split(",") if part.strip()]
        for found in ([url] if url else []) + srcset:
            self.all.append(found)
            if tag != "link" or (a.get("rel") or "") not in ("canonical", "alternate"):
                self.fetched.append(found)


def urls_in(html_file: Path) -> _Urls:
    parser = _Urls()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser


def test_no_page_requests_a_third_party_host(built: Path) -> None:
    for html_file in built.rglob("*.html"):
        foreign = [u for u in urls_in(html_file).fetched if urlparse(u).netloc not in ("", "127.0.0.1:8765")]
        assert not foreign, f"{html_file.relative_to(built)} requests {foreign}"
    # Links out are not requests: the Sources page has many and still fetches nothing from other hosts.
    assert outside_links(built / "sources" / "index.html")
    for css in built.rglob("*.css"):
        assert not re.search(r"@import\s+url\(\s*['\"]?https?://|fonts\.googleapis", css.read_text(encoding="utf-8")), css


def test_the_published_palette_stylesheet_has_no_rule_on_palette_switching(built: Path) -> None:
    (palette,) = built.glob(PALETTE_STYLESHEET_GLOB)  # sitegen/material_styles.py says why
    assert "data-md-color-switching" not in palette.read_text(encoding="utf-8")


def test_the_published_main_stylesheet_lets_class_changes_restyle_little(built: Path) -> None:
    (main,) = built.glob(MAIN_STYLESHEET_GLOB)  # sitegen/material_styles.py says why
    css = main.read_text(encoding="utf-8")
    assert all(after in css for after in CELL_RULES.values()) and NO_JS_TAB_SELECTOR not in css
    # The content tabs' rules without JavaScript are gone: no page may use content tabs.
    assert not [f for f in built.rglob("*.html") if "tabbed-set" in f.read_text(encoding="utf-8")]


def test_the_published_bundle_takes_each_pages_one_color_scheme_meta(built: Path) -> None:
    (bundle,) = built.glob(BUNDLE_GLOB)  # sitegen/material_script.py says why
    js = bundle.read_text(encoding="utf-8")
    assert TAKES_PAGE_META in js and WRITES_SCHEME_IF_CHANGED in js
    for html_file in built.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        if "md-toggle" in html:  # a page of the theme, not a redirect page
            head = html.split("</head>", 1)[0]
            assert head.count('<meta name="color-scheme" content="light">') == 1, html_file


def test_site_url_comes_from_the_environment(built: Path) -> None:
    assert f'<link rel="canonical" href="{SITE_URL}comparison/">' in page_html(built, "comparison.md")


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        ("faq.yml", "reviewed: 2026-11-28", "reviewed: 2026-02-30",
         "content/faq.yml:2: reviewed: '2026-02-30' is not a valid date; write it as YYYY-MM-DD, like 2026-11-28"),
        ("glossary.yml", "terms:", "terms: [",
         None),  # a YAML syntax error: the exact line depends on the file; checked loosely below
    ],
)
def test_broken_content_aborts_the_build_without_writing_a_site(real_content_copy: Path, tmp_path: Path, file, old, new, expected) -> None:
    path = real_content_copy / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    site_dir = tmp_path / "out"
    result = mkdocs_build(site_dir, real_content_copy)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    problem_lines = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    if expected:
        assert problem_lines == [expected]
    else:
        assert len(problem_lines) == 1 and re.match(r"content/glossary\.yml:\d+: \(yaml\): YAML syntax error: ", problem_lines[0])
    assert not site_dir.exists(), "a failed build must not leave a half-written site"


def test_every_local_link_and_asset_resolves(built: Path) -> None:
    """Links, scripts and styles that stay on the site point at files (and anchors) that exist."""
    anchors_cache: dict[Path, set[str]] = {}
    broken: list[str] = []
    for html_file in built.rglob("*.html"):
        if html_file.name == "404.html":
            continue  # its links are absolute to site_url by design
        for url in urls_in(html_file).all:
            parsed = urlparse(url)
            if parsed.scheme in ("mailto", "javascript", "data") or (parsed.netloc and parsed.netloc != "127.0.0.1:8765"):
                continue
            if parsed.netloc:
                target = built / parsed.path.lstrip("/")
            else:
                target = (html_file.parent / parsed.path) if parsed.path else html_file
            target = target.resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{html_file.relative_to(built)} -> {url}")
                continue
            if parsed.fragment and target.suffix == ".html":
                ids = anchors_cache.setdefault(target, ids_in(target.read_text(encoding="utf-8")))
                if parsed.fragment not in ids and parsed.fragment not in ("__skip",):
                    broken.append(f"{html_file.relative_to(built)} -> {url} (no such anchor)")
    assert not broken, "\n".join(broken[:30])


# `make build` runs sitegen/build.py: a fresh temporary folder per build, swapped in only on success.

def site_build(site_dir: Path, content_dir: Path | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    if content_dir is not None:
        env["SITE_CONTENT_DIR"] = str(content_dir)
    return subprocess.Popen([sys.executable, "-m", "sitegen.build", "--site-dir", str(site_dir)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    _, err = process.communicate(timeout=300)
    return process.returncode, err


def tree_hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its bytes (and its mode), so any change at all shows."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() + oct(p.stat().st_mode)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(tmp_path: Path, real_content_copy: Path) -> None:
    site = tmp_path / "out" / "site"
    code, err = finished(site_build(site))
    assert code == 0, err
    before = tree_hashes(site)
    assert "index.html" in before and "comparison/index.html" in before
    intro = "intro: |\n  Terms used across this site"

    # A content error: MkDocs stops in on_config, before it writes anything.
    glossary = real_content_copy / "glossary.yml"
    original = glossary.read_text(encoding="utf-8")
    glossary.write_text(original.replace(intro, "intro: |\n  <script>alert(1)</script> Terms used across this site"), encoding="utf-8")
    code, err = finished(site_build(site, real_content_copy))
    assert code != 0 and "Traceback" not in err
    assert "content/glossary.yml:3: intro: raw HTML ('<script') is not allowed" in err
    assert tree_hashes(site) == before

    # A late failure: a link to a page that does not exist is a warning, and --strict aborts only after
    # every page has been written (plain `mkdocs build` would have emptied and half-filled site/ by then).
    glossary.write_text(original.replace(intro, "intro: |\n  See [the missing page](missing-page.md). Terms used across this site"),
                        encoding="utf-8")
    code, err = finished(site_build(site, real_content_copy))
    assert code != 0 and "missing-page.md" in err and "Traceback" not in err
    assert tree_hashes(site) == before
    assert [p.name for p in site.parent.iterdir()] == ["site"]  # no temporary folder left behind


def test_two_builds_at_once_both_succeed_and_publish_a_whole_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    results = [finished(p) for p in [site_build(site) for _ in range(3)]]
    assert [code for code, _ in results] == [0, 0, 0], [err[-3000:] for _, err in results]
    assert not any("Traceback" in err for _, err in results)
    files = tree_hashes(site)
    assert "index.html" in files and "assets/calculator/model.json" in files and "stale.html" not in files
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert oct(site.stat().st_mode & 0o777) == oct(0o777 & ~current_umask())


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_every_page_starts_materials_search_through_the_stand_in(built: Path) -> None:
    """sitegen/search_later.py: the stand-in sits beside Material's worker and every theme page names it."""
    workers = built / WORKERS_DIR
    material = material_worker(sorted(p.name for p in workers.iterdir()))
    assert f'"{material}"' in (workers / SEARCH_LATER).read_text(encoding="utf-8")
    pages = [p for p in built.rglob("*.html") if 'id="__config"' in p.read_text(encoding="utf-8")]
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f'/{SEARCH_LATER}"' in html and f"/{material}" not in html, page.relative_to(built)
