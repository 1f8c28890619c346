"""The model-version archive: today's version is archived, archived files never change, and a build publishes them all."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from calculator import bridge, evaluate, parse_answers
from calculator.model import version_of
from calculator.versions import archived_model
from sitegen.content import load_site
from sitegen.model_versions import ARCHIVE_COMMAND, INDEX_URI, MODELS_DIR, archive_dir, archived_versions, stale_files

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SITE_URL = "http://127.0.0.1:8765/"
ANSWERS = {"task-clarity": "stable", "volume": "high"}  # +4: prompt-first; with "stable" worth +4, +6: fine-tuning's lean


def test_today_s_model_version_is_archived():
    version = load_site(CONTENT).calculator.version
    assert version in archived_versions(archive_dir(CONTENT)), (
        f"content/model-versions/{version}.json is missing: the calculator model changed; run `{ARCHIVE_COMMAND}`")


def test_archived_files_still_hash_to_their_version_and_load_with_today_s_code():
    assert stale_files(archive_dir(CONTENT)) == [], "an archived model version was rewritten; restore it from git"
    today = load_site(CONTENT).calculator
    for version, path in archived_versions(archive_dir(CONTENT)).items():
        model = archived_model(json.loads(path.read_text(encoding="utf-8")), today)
        assert model.version == version
        evaluate(model, parse_answers(model, ANSWERS))  # scores with today's code


def test_a_rewritten_archive_file_is_caught(real_content_copy: Path):
    path = next(iter(archived_versions(archive_dir(real_content_copy)).values()))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["scoring"]["fine_tuning_threshold"] += 1
    path.write_text(json.dumps(data), encoding="utf-8")
    assert stale_files(archive_dir(real_content_copy)) == [path.name]


def archive(content_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sitegen.model_versions", "--content", str(content_dir)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_a_build_publishes_two_versions_and_an_old_link_reopens_with_its_own_verdict(real_content_copy: Path, tmp_path: Path):
    old_version = load_site(real_content_copy).calculator.version
    assert archive(real_content_copy).stdout == f"model version {old_version} is already archived\n"
    calculator_yml = real_content_copy / "calculator.yml"
    text = calculator_yml.read_text(encoding="utf-8")
    stable = "        label: Settled and clearly specified; unlikely to change for months\n        points: 2\n"
    assert stable in text
    calculator_yml.write_text(text.replace(stable, stable.replace("points: 2", "points: 4")), encoding="utf-8")
    new_version = load_site(real_content_copy).calculator.version
    assert new_version != old_version
    done = archive(real_content_copy)
    assert done.returncode == 0 and done.stdout.startswith(f"archived model version {new_version}: "), done.stderr

    site_dir = tmp_path / "site"
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1", "SITE_CONTENT_DIR": str(real_content_copy)}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site_dir)],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    index = json.loads((site_dir / INDEX_URI).read_text(encoding="utf-8"))
    assert index["current"] == new_version
    assert {v["version"] for v in index["versions"]} == {old_version, new_version}
    old_json = (site_dir / MODELS_DIR / f"{old_version}.json").read_text(encoding="utf-8")
    assert version_of(json.loads(old_json)) == old_version

    # What the page does with an old link: today's model is loaded, the link's version is fetched and compared.
    assert json.loads(bridge.load((site_dir / "assets/calculator/model.json").read_text(encoding="utf-8")))["model_version"] == new_version
    link = {**ANSWERS, "model-version": old_version}
    reply = json.loads(bridge.compare(old_json, json.dumps(link), SITE_URL))
    assert reply["ok"] is True and reply["dropped"] == []
    result = reply["result"]
    assert result["then"]["verdict"] == "prompt-first" and result["then_version"] == old_version
    assert result["now"]["verdict"] == "not-ready-to-fine-tune" and result["now_version"] == new_version
    assert result["same"] is False
    assert [d["id"] for d in result["differences"]] == ["diff_points"]
    assert reply["permalink_query"] == f"task-clarity=stable&volume=high&model-version={old_version}"
    # Without the version the same answers mean today's model: old links without one keep working.
    assert json.loads(bridge.run(json.dumps(ANSWERS), SITE_URL))["result"]["verdict"] == "not-ready-to-fine-tune"
