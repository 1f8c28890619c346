"""The anchor lock: what the site publishes, the lock's freshness, and the build stopping on a vanished id."""
from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.anchors import (
    LOCK_FILE,
    REGENERATE,
    anchor_problems,
    current,
    moved_fragments,
    parse_lock,
    published_addresses,
    redirect_maps,
    regenerated_lock,
    stale_entries,
)
from sitegen.content import Redirect

ROOT = Path(__file__).resolve().parent.parent
RENAMED = ("what-is-lora", "lora-explained")  # a FAQ id nothing else refers to


@pytest.fixture(scope="module")
def real():
    return current(ROOT / "content")


def test_published_addresses_are_pages_and_template_ids_only():
    pages = {
        "faq.md": "# FAQ { #faq }\n\n## Why? { #why-ask }\n\n## Auto heading\n\n<p class=\"x\" id=\"reviewed\">Last</p>\n",
        "index.md": "- item [¶](#a-b){ .item-link }\n  { #a-b }\n",
    }
    assert published_addresses(pages) == ["faq.md", "faq.md#faq", "faq.md#reviewed", "faq.md#why-ask",
                                          "index.md", "index.md#a-b"]


def test_every_citable_id_of_the_site_is_published(real):
    site, published = real
    missing = [a.url for a in site.anchors.values()
               if (f"{a.page}#{a.id}" if a.fragment else a.page) not in published and a.id != "reviewed"]
    assert not missing
    assert {"glossary.md#rag", "comparison.md#risk-profile", "methodology.md#method-score"} <= set(published)


def test_the_lock_is_fresh(real):
    _, published = real
    text = (ROOT / "content" / LOCK_FILE).read_text(encoding="utf-8")
    locked = [address for _, address in parse_lock(text)]
    assert not stale_entries(locked, published), f"content/{LOCK_FILE} is stale; run `{REGENERATE}`"
    assert text == regenerated_lock(locked, published), f"content/{LOCK_FILE} is not in its sorted form; run `{REGENERATE}`"


def test_the_lock_never_forgets_and_reads_as_one_address_a_line():
    text = regenerated_lock(["faq.md#old"], ["faq.md", "faq.md#new"])
    assert [a for _, a in parse_lock(text)] == ["faq.md", "faq.md#new", "faq.md#old"]
    assert parse_lock("# comment\n\nfaq.md\n") == [(3, "faq.md")]


def test_a_vanished_id_is_one_line_naming_the_id_and_the_redirect_to_add(real):
    site, published = real
    old, new = (f"faq.md#{i}" for i in RENAMED)
    live = [a for a in published if a != old] + [new]
    lock = [(n, a) for n, a in enumerate(published, start=4)]  # the lock as it was: old id in, new id not yet
    line = next(n for n, a in lock if a == old)
    [problem] = anchor_problems(site, live, lock, "content/anchors.lock")
    assert str(problem) == (f"content/anchors.lock:{line}: {old}: this published id is gone and old links to it would break; "
                            f"add `{old}: {new}` to content/redirects.yml (or put it back)")
    redirected = dataclasses.replace(site, redirects=(Redirect(old, new, "content/redirects.yml", 6),))
    assert anchor_problems(redirected, live, lock, "content/anchors.lock") == []


def test_a_vanished_page_needs_a_page_redirect_and_its_ids_follow_it(real):
    site, published = real
    lock = [(1, "questions.md"), (2, "questions.md#how-many-examples")] + [(3, a) for a in published]
    problems = anchor_problems(site, published, lock, "content/anchors.lock")
    assert [(p.line, p.key_path) for p in problems] == [(1, "questions.md"), (2, "questions.md#how-many-examples")]
    assert "add `questions.md: " in problems[0].message
    moved = dataclasses.replace(site, redirects=(Redirect("questions.md", "faq.md", "content/redirects.yml", 6),))
    assert anchor_problems(moved, published, lock, "content/anchors.lock") == []  # faq.md#how-many-examples exists


def test_redirects_must_point_at_the_site_and_not_hide_a_live_address(real):
    site, published = real
    bad = dataclasses.replace(site, redirects=(
        Redirect("faq.md#gone", "faq.md#nowhere", "content/redirects.yml", 6),
        Redirect("faq.md#how-many-examples", "faq.md#faq", "content/redirects.yml", 7),
        Redirect("old.md#x", "faq.md", "content/redirects.yml", 8),
    ))
    lines = sorted(str(p) for p in anchor_problems(bad, published, [], "content/anchors.lock"))
    assert lines[0].startswith("content/redirects.yml:6: redirects.faq.md#gone: target 'faq.md#nowhere' is not a page or id")
    assert lines[1].startswith("content/redirects.yml:7: redirects.faq.md#how-many-examples: 'faq.md#how-many-examples' is still published")
    assert lines[2] == "content/redirects.yml:8: redirects.old.md#x: page 'old.md' is gone too; add `old.md: NEW-PAGE.md` to this file as well"
    assert all("\n" not in line for line in lines)


def test_moves_are_keyed_by_where_the_reader_lands(real):
    site, _ = real
    moved = dataclasses.replace(site, redirects=(
        Redirect("faq.md#what-is-lora", "faq.md#lora-explained", "f", 1),
        Redirect("questions.md", "faq.md", "f", 2),
        Redirect("questions.md#old", "glossary.md#lora", "f", 3),
        Redirect("terms.md", "glossary.md#glossary-terms", "f", 4),
        Redirect("terms.md#x", "index.md#verdict", "f", 5),
    ))
    assert redirect_maps(moved) == {"questions.md": "faq.md", "terms.md": "glossary.md#glossary-terms"}
    assert moved_fragments(moved) == {
        "faq/#what-is-lora": "faq/#lora-explained",
        "faq/#old": "glossary/#lora",  # mkdocs-redirects' page carries #old to faq/
        "glossary/#glossary-terms#x": "#verdict",  # ... after the target's own fragment
    }


def build(site_dir: Path, content_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SITE_CONTENT_DIR": str(content_dir), "SITE_URL": "http://127.0.0.1:8765/", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site_dir)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def rename_faq(content: Path) -> None:
    faq = content / "faq.yml"
    old, new = RENAMED
    faq.write_text(faq.read_text(encoding="utf-8").replace(f"id: {old}\n", f"id: {new}\n"), encoding="utf-8")


def test_the_build_stops_on_a_renamed_id_and_passes_with_its_redirect(real_content_copy: Path, tmp_path: Path):
    rename_faq(real_content_copy)
    old, new = (f"faq.md#{i}" for i in RENAMED)
    failed = build(tmp_path / "site", real_content_copy)
    assert failed.returncode != 0
    line = next(n for n, a in parse_lock((real_content_copy / LOCK_FILE).read_text(encoding="utf-8")) if a == old)
    expected = (f"content/anchors.lock:{line}: {old}: this published id is gone and old links to it would break; "
                f"add `{old}: {new}` to content/redirects.yml (or put it back)")
    assert expected in failed.stderr.splitlines()
    assert "Traceback" not in failed.stderr

    redirects = real_content_copy / "redirects.yml"
    redirects.write_text(redirects.read_text(encoding="utf-8").replace(
        "redirects: {}", f"redirects:\n  {old}: {new}\n  questions.md: faq.md\n"), encoding="utf-8")
    passed = build(tmp_path / "site", real_content_copy)
    assert passed.returncode == 0, passed.stderr
    site = tmp_path / "site"
    assert json.loads((site / "assets/javascripts/links-moved.json").read_text()) == {"faq/#what-is-lora": "faq/#lora-explained"}
    assert 'content="0; url=../faq/"' in (site / "questions/index.html").read_text(encoding="utf-8")
