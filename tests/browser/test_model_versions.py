"""Versioned verdicts in Chromium: a link made with an earlier model version reopens with that version's
verdict and names today's; an unknown version falls back to today's model and says so; the decision
record downloads as a .md file that is the copied record, and the CLI's.

The site is built from a copy of the content whose calculator model gained a second version (one
answer's points changed, then `python -m sitegen.model_versions` archived it), so the build
publishes two versions, as a site does after a model change.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from harness import ROOT, PageWatch, SiteServer, build_site, reserve_port

from sitegen.content import load_site
from sitegen.model_versions import INDEX_URI

WIDE = {"viewport": {"width": 1280, "height": 900}}
# With "stable" worth +2 these answers lean to prompt engineering (prompt-first); worth +4 they lean to
# fine-tuning, whose gates they do not meet (not-ready-to-fine-tune). Only this answer's points change.
ANSWERS = {"task-clarity": "stable", "volume": "high"}
STABLE = "        label: Settled and clearly specified; unlikely to change for months\n        points: 2\n"
UNKNOWN_VERSION = "2020-01-01-0badc0de"


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory):
    """(server, content dir, old version, new version): a build that publishes two model versions."""
    content = tmp_path_factory.mktemp("versions") / "content"
    shutil.copytree(ROOT / "content", content)
    old = load_site(content).calculator.version
    calculator_yml = content / "calculator.yml"
    text = calculator_yml.read_text(encoding="utf-8")
    assert text.count(STABLE) == 1, "the answer this test re-weights has changed; pick another"
    calculator_yml.write_text(text.replace(STABLE, STABLE.replace("points: 2", "points: 4")), encoding="utf-8")
    archived = subprocess.run([sys.executable, "-m", "sitegen.model_versions", "--content", str(content)],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert archived.returncode == 0, archived.stderr
    new = load_site(content).calculator.version
    assert new != old
    sock = reserve_port()
    with pytest.MonkeyPatch.context() as patch:  # only for this build: the session's site stays the real one
        patch.setenv("SITE_CONTENT_DIR", str(content))
        directory = build_site(content.parent / "site", f"http://127.0.0.1:{sock.getsockname()[1]}/")
    index = json.loads((directory / INDEX_URI).read_text(encoding="utf-8"))
    assert index["current"] == new and {v["version"] for v in index["versions"]} == {old, new}
    server = SiteServer(directory, sock=sock).start()
    yield server, content, old, new
    server.stop()


def cli(content: Path, site_url: str, *args: str, answers: dict = ANSWERS) -> str:
    """The real CLI on the same content copy, as a subprocess."""
    path = content.parent / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    env = {**os.environ, "SITE_URL": site_url, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-m", "calculator", "--content", str(content), "--answers", str(path), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def open_link(new_page, server: SiteServer, params: dict, **context) -> PageWatch:
    watch = new_page(**WIDE, **context)
    watch.page.goto(server.url + "calculator/?" + urlencode(params))
    state = watch.wait_state("ready", "error")
    assert state == "ready", watch.page.text_content("[data-calc-error-detail]")
    return watch


def test_an_old_link_reopens_with_its_model_and_names_today_s_verdict(two_versions, new_page):
    server, content, old, new = two_versions
    said = json.loads(cli(content, server.url, "--model-version", old, "--format", "json"))
    assert said["verdict"] == "prompt-first" and said["today"]["verdict"] == "not-ready-to-fine-tune", said
    watch = open_link(new_page, server, {**ANSWERS, "model-version": old})
    page = watch.page

    assert page.get_attribute("[data-verdict]", "data-verdict") == said["verdict"]  # the link's own verdict
    banner = page.locator("[data-calc-version]")
    assert banner.is_visible()
    summary = page.locator("[data-calc-version-summary]")
    assert summary.get_attribute("data-verdict-now") == said["today"]["verdict"]
    assert summary.inner_text() == said["today"]["summary"]  # names today's verdict, in Python's words
    assert said["today"]["label"] in summary.inner_text()
    differences = banner.locator("[data-difference]")
    assert [differences.nth(i).inner_text() for i in range(differences.count())] == [
        d["message"] for d in said["today"]["differences"]]
    assert [differences.nth(i).get_attribute("data-difference") for i in range(differences.count())] == ["diff_points"]
    today = dict(parse_qsl(urlsplit(banner.locator("a[data-calc-version-today]").get_attribute("href")).query))
    assert today == {**ANSWERS, "model-version": new}
    assert page.locator("[data-calc-version-problem]").is_hidden()
    # The address and the record section name the version that made the verdict shown.
    assert dict(parse_qsl(urlsplit(page.url).query)) == {**ANSWERS, "model-version": old}
    assert page.locator(".calc-record__version code").inner_text() == old

    # Any change the reader makes is scored with today's model.
    page.check("input[name='governance'][value='cleared']")
    page.wait_for_function("v => new URLSearchParams(location.search).get('model-version') === v", arg=new)
    assert banner.is_hidden()
    changed = {**ANSWERS, "governance": "cleared"}
    assert page.get_attribute("[data-verdict]", "data-verdict") == json.loads(
        cli(content, server.url, "--format", "json", answers=changed))["verdict"]
    assert page.locator(".calc-record__version code").inner_text() == new
    assert not watch.page_errors and not watch.console_errors, (watch.page_errors, watch.console_errors)


def test_an_unknown_version_falls_back_to_today_s_model_and_says_so(two_versions, new_page):
    server, content, _, new = two_versions
    watch = open_link(new_page, server, {**ANSWERS, "model-version": UNKNOWN_VERSION})
    page = watch.page
    today = json.loads(cli(content, server.url, "--format", "json"))
    assert page.get_attribute("[data-verdict]", "data-verdict") == today["verdict"] == "not-ready-to-fine-tune"
    notice = page.locator("[data-calc-version-problem]")
    assert notice.is_visible()
    assert notice.locator("[data-calc-version-reason='unknown']").is_visible()
    assert notice.locator("[data-calc-version-reason='unavailable']").is_hidden()
    assert notice.locator("[data-calc-version-requested]").inner_text() == UNKNOWN_VERSION
    assert page.locator("[data-calc-version]").is_hidden()
    assert page.locator("[data-calc-dropped]").is_hidden()  # the version is not an answer
    assert dict(parse_qsl(urlsplit(page.url).query)) == {**ANSWERS, "model-version": new}
    assert not watch.page_errors
    # The request for the unknown version is the only 404 the page met; the browser logs it, nothing else.
    assert all(UNKNOWN_VERSION in error or "404" in error for error in watch.console_errors), watch.console_errors


def test_the_download_is_the_copied_record_and_the_cli_s(two_versions, new_page):
    server, content, old, new = two_versions
    watch = open_link(new_page, server, {**ANSWERS, "model-version": old})
    page = watch.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url.rstrip("/"))
    page.evaluate("""() => { window.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective)); }""")
    feature, owner = "Ticket triage", "Sam Lee"
    page.get_by_label("Feature name", exact=True).fill(feature)
    page.get_by_label("Owner", exact=True).press_sequentially(owner)  # typed, as a keyboard user would
    page.click("[data-calc-action='copy-markdown']")
    page.wait_for_selector("[data-calc-copied='markdown']:not([hidden])")
    copied = page.evaluate("() => navigator.clipboard.readText()")

    download_button = page.locator("[data-calc-action='download-markdown']")
    download_button.focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    download = info.value
    saved = Path(download.path()).read_text(encoding="utf-8")
    assert saved == copied
    assert download.suggested_filename.startswith("decision-ticket-triage-") and download.suggested_filename.endswith(".md")
    assert download.url.startswith("blob:" + server.url.rstrip("/") + "/")  # same origin, made in the page
    assert page.locator("[data-calc-copied='download']").is_visible()
    assert page.evaluate("() => window.__violations") == []

    # The record of an old link is the one the CLI writes for that version, today's model beside it.
    for _ in range(2):  # the CLI dates its record today: once more if midnight fell between the two
        expected = cli(content, server.url, "--model-version", old, "--format", "markdown",
                       "--feature", feature, "--owner", owner)
        if expected == saved:
            break
        with page.expect_download() as info:
            download_button.click()
        saved = Path(info.value.path()).read_text(encoding="utf-8")
    assert saved == expected
    assert f"- **Model version:** `{old}`" in saved and "## Today's model" in saved and f"model-version={new}" in saved
    assert not watch.page_errors and not watch.console_errors, (watch.page_errors, watch.console_errors)
