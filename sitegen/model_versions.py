"""The archive of published calculator model versions, and the files that publish it.

Every version the site has published stays in `content/model-versions/<version>.json` (the
model's `to_dict()` data, with only the site sections it links to), so a link made with an older
model reopens with that model. Files are added, never rewritten: `make model-version` writes the
current model's file when it is missing. The build publishes each archived version, today's
(even before it is archived), and an index of version -> reviewed date, derived from the files.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from calculator import Model
from calculator.model import version_of
from calculator.versions import ARCHIVE_FOLDER, VERSION_PATTERN

from .browser_assets import ASSET_DIR
from .content import ContentError, Site, load_site

MODELS_DIR = f"{ASSET_DIR}/models"
INDEX_URI = f"{MODELS_DIR}/index.json"
ARCHIVE_COMMAND = "make model-version"
ROOT = Path(__file__).resolve().parent.parent


def archive_dir(content_dir: Path) -> Path:
    return Path(content_dir) / ARCHIVE_FOLDER


def archived_data(model: Model) -> dict:
    """The model as archived: `to_dict()` with only the anchors it links to (the rest is other pages' business)."""
    data = model.to_dict()
    used = {link for f in model.factors for link in f.links} | {link for o in model.outcomes for link in o.links}
    used |= {role for role in (model.site_links.calculator, model.site_links.methodology) if role}
    used |= {source for sources in model.factor_sources.values() for source in sources}
    data["anchors"] = {key: value for key, value in data.get("anchors", {}).items() if key in used}
    return data


def to_json(data: dict) -> str:
    """Canonical JSON: sorted keys, no spaces, one line (the archive and the published files alike)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def archived_versions(directory: Path) -> dict[str, Path]:
    """version -> file, for every `<version>.json` in the archive, oldest first."""
    pattern = re.compile(VERSION_PATTERN + r"\.json")
    found = sorted(p for p in Path(directory).glob("*.json") if pattern.fullmatch(p.name))
    return {path.stem: path for path in found}


def archive_current(site: Site, directory: Path) -> Path | None:
    """Write today's model version into the archive; None when it is already there (never rewritten)."""
    path = Path(directory) / f"{site.calculator.version}.json"
    if path.exists():
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_json(archived_data(site.calculator)), encoding="utf-8")
    return path


def published_models(site: Site, directory: Path) -> list[tuple[str, bytes]]:
    """(site path, bytes) for every archived version, today's, and the index the page reads."""
    files: dict[str, bytes] = {}
    dates: dict[str, str] = {}
    for version, path in archived_versions(directory).items():
        text = path.read_text(encoding="utf-8")
        files[version] = text.encode("utf-8")
        dates[version] = json.loads(text).get("reviewed", "")
    today = site.calculator.version
    if today not in files:  # not archived yet (the freshness test says to run ARCHIVE_COMMAND); links made today still work
        files[today] = to_json(archived_data(site.calculator)).encode("utf-8")
        dates[today] = site.calculator.reviewed
    index = {"current": today, "versions": [{"version": v, "date": dates[v]} for v in sorted(files, key=lambda v: (dates[v], v))]}
    return [(f"{MODELS_DIR}/{version}.json", content) for version, content in sorted(files.items())] + [
        (INDEX_URI, to_json(index).encode("utf-8"))]


def stale_files(directory: Path) -> list[str]:
    """Archived files whose content no longer hashes to their name: each was rewritten, which must never happen."""
    return [path.name for version, path in archived_versions(directory).items()
            if version_of(json.loads(path.read_text(encoding="utf-8"))) != version]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen.model_versions",
                                     description="Archive the current calculator model version (content/model-versions/).")
    parser.add_argument("--content", type=Path, default=Path(os.environ.get("SITE_CONTENT_DIR", ROOT / "content")))
    args = parser.parse_args(argv)
    try:
        site = load_site(args.content)
    except ContentError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return 2
    written = archive_current(site, archive_dir(args.content))
    version = site.calculator.version
    print(f"archived model version {version}: {written}" if written else f"model version {version} is already archived")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
