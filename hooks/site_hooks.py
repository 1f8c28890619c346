"""MkDocs hooks: a thin adapter from MkDocs events to the pure functions in sitegen/.

Content is loaded on every build (not at import), because `mkdocs serve` keeps hook modules
loaded across rebuilds and must pick up edits to content/.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the hooks file is loaded by path; make the project importable
    sys.path.insert(0, str(ROOT))

from sitegen.browser_assets import BrowserAssetError, browser_assets, build_id  # noqa: E402
from sitegen.content import ContentError, Site, load_site  # noqa: E402
from sitegen.pages import generated_pages  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site")
_state: dict[str, object] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site_url = os.environ.get("SITE_URL")
    if site_url:
        config.site_url = site_url if site_url.endswith("/") else site_url + "/"
    try:
        # SITE_CONTENT_DIR lets tests (and editors trying a draft) build from another content folder.
        _state["site"] = load_site(Path(os.environ.get("SITE_CONTENT_DIR", ROOT / "content")))
    except ContentError as exc:
        # One line per problem, then stop before anything is written to site/.
        for line in exc.lines:
            print(line, file=sys.stderr)
        raise Abort(f"{len(exc.lines)} problem(s) in content/; fix them and build again.") from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site: Site = _state["site"]  # type: ignore[assignment]
    try:
        assets = browser_assets(site, ROOT)
    except BrowserAssetError as exc:  # e.g. node_modules missing: say what to run, not a traceback
        raise Abort(str(exc)) from None
    sources: dict[str, str] = {}
    for page in generated_pages(site, build_id(assets)):
        files.append(File.generated(config, page.path, content=page.markdown))
        sources[page.path] = page.source
    for asset in assets:
        if asset.content is not None:
            files.append(File.generated(config, asset.dest_uri, content=asset.content))
        else:
            files.append(File.generated(config, asset.dest_uri, abs_src_path=str(asset.abs_src)))
    _state["sources"] = sources
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    # "Edit this page" on a generated page opens the YAML it came from, not a docs/ file.
    source = _state.get("sources", {}).get(page.file.src_uri)  # type: ignore[union-attr]
    if source and config.repo_url:
        page.edit_url = urljoin(config.repo_url.rstrip("/") + "/", f"edit/main/{source}")
    return context
