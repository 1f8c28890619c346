"""MkDocs hooks: a thin adapter from MkDocs events to the functions in sitegen/.

Content is loaded on every build (not at import), because `mkdocs serve` keeps hook modules
loaded across rebuilds and must pick up edits to content/.

The events, in the order MkDocs calls them:
- on_startup: `mkdocs serve` injects its live-reload script inline, which the Content-Security-
  Policy would block, so serving leaves the policy out; every build carries it (sitegen/csp.py).
- on_config: load and check content/; measure review dates against one day (SITE_TODAY, else
  SOURCE_DATE_EPOCH, else today). An old review prints a line and shows a note on its pages but
  never fails a build, so the lines are printed, not logged: --strict counts logged warnings.
- on_pre_build: tell mkdocs-redirects which old pages moved (content/redirects.yml).
- on_files (before plugins: mkdocs-redirects checks its targets among the pages it sees): the
  generated pages, the moved-ids map (after checking content/anchors.lock), the archived model
  versions and the calculator's browser files; which modules the calculator page preloads
  (sitegen/module_preloads.py) and what other pages warm on intent (sitegen/warmup.py).
- on_post_page / on_post_template: correct Material's markup, name the stand-in search worker
  (sitegen/search_later.py), wrap wide tables in labelled scroll regions (sitegen/table_regions.py),
  then add the policy, which hashes the final HTML, so it always comes last.
- on_post_build: the stand-in search worker, the policy on HTML written outside page events,
  `_headers` and `sw.js`.
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import os
import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the hooks file is loaded by path; make the project importable
    sys.path.insert(0, str(ROOT))

from sitegen.anchors import LOCK_FILE, MOVED_FRAGMENTS_URI, anchor_problems, moved_fragments, parse_lock, published_addresses, redirect_maps  # noqa: E402,E501
from sitegen.browser_assets import BrowserAssetError, browser_assets  # noqa: E402
from sitegen.calculator_page import PAGE as CALCULATOR_PAGE  # noqa: E402
from sitegen.content import ContentError, Site, load_site  # noqa: E402
from sitegen.content.freshness import BuildDateError, build_date, stale_warnings  # noqa: E402
from sitegen.csp import with_csp_meta  # noqa: E402
from sitegen.material_markup import MaterialMarkupChanged, correct_material_markup  # noqa: E402
from sitegen.material_script import MaterialScriptChanged  # noqa: E402
from sitegen.material_styles import MaterialStylesChanged  # noqa: E402
from sitegen.model_versions import archive_dir, published_models  # noqa: E402
from sitegen.module_preloads import CALCULATOR_ENTRY, ModuleMissing, module_graph  # noqa: E402
from sitegen.pages import generated_pages  # noqa: E402
from sitegen.post_build import finish_site  # noqa: E402
from sitegen.search_later import MaterialSearchChanged, with_search_later  # noqa: E402
from sitegen.table_regions import with_table_regions  # noqa: E402
from sitegen.warmup import warmup  # noqa: E402

_state: dict[str, object] = {}


def on_startup(command: str, dirty: bool) -> None:
    _state["with_policy"] = command != "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site_url = os.environ.get("SITE_URL")
    if site_url:
        config.site_url = site_url if site_url.endswith("/") else site_url + "/"
    # SITE_CONTENT_DIR lets tests (and editors trying a draft) build from another content folder.
    content_dir = Path(os.environ.get("SITE_CONTENT_DIR", ROOT / "content"))
    try:
        site = load_site(content_dir)
        today = build_date(os.environ, datetime.datetime.now(datetime.timezone.utc))
    except ContentError as exc:
        _abort(exc.lines, "in content/")
    except BuildDateError as exc:
        raise Abort(str(exc)) from None
    site = dataclasses.replace(site, as_of=today)
    for line in stale_warnings(site):
        print(line, file=sys.stderr)
    _state.update(content_dir=content_dir, site=site)
    config.extra["not_found"] = site.overview.not_found.model_dump()  # overrides/404.html's wording
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    config.plugins["redirects"].config["redirect_maps"] = redirect_maps(_site())


@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _site()
    try:
        assets, _state["build"] = browser_assets(site, ROOT)
    except BrowserAssetError as exc:  # e.g. node_modules missing: say what to run, not a traceback
        raise Abort(str(exc)) from None
    sources: dict[str, str] = {}
    for page in generated_pages(site, _state["build"]):  # type: ignore[arg-type]
        files.append(File.generated(config, page.path, content=page.markdown))
        sources[page.path] = page.source
    files.append(File.generated(config, MOVED_FRAGMENTS_URI, content=_checked_moved_fragments(files)))
    for uri, data in published_models(site, archive_dir(_state["content_dir"])):  # type: ignore[arg-type]
        files.append(File.generated(config, uri, content=data))
    for asset in assets:
        if asset.content is not None:
            files.append(File.generated(config, asset.dest_uri, content=asset.content))
        else:
            files.append(File.generated(config, asset.dest_uri, abs_src_path=str(asset.abs_src)))
    _state["sources"] = sources
    config.extra["calculator_preloads"] = _calculator_preloads(Path(config.docs_dir) / "assets" / "javascripts")
    config.extra["warmup"] = warmup(_state["build"], lambda path: files.get_file_from_path(path).url)  # type: ignore[arg-type]
    return files


def _calculator_preloads(js_dir: Path) -> dict[str, object]:
    """The calculator page and the modules its <head> preloads (overrides/main.html)."""
    def read(name: str) -> str | None:
        path = js_dir / name
        return path.read_text(encoding="utf-8") if path.is_file() else None

    try:
        return {"page": CALCULATOR_PAGE, "modules": module_graph(CALCULATOR_ENTRY, read)}
    except ModuleMissing as exc:
        raise Abort(str(exc)) from None


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    # "Edit this page" on a generated page opens the YAML it came from, not a docs/ file.
    source = _state.get("sources", {}).get(page.file.src_uri)  # type: ignore[union-attr]
    if source and config.repo_url:
        page.edit_url = urljoin(config.repo_url.rstrip("/") + "/", f"edit/main/{source}")
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _finished_html(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Material's 404.html is a static template, written without on_post_page.
    return _finished_html(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config: MkDocsConfig) -> None:
    try:
        finish_site(Path(config.site_dir), config.site_url or "/", str(_state["build"]),
                    with_policy=bool(_state.get("with_policy", True)))
    except (MaterialStylesChanged, MaterialScriptChanged, MaterialSearchChanged) as exc:
        raise Abort(str(exc)) from None


def _site() -> Site:
    return _state["site"]  # type: ignore[return-value]


def _finished_html(html: str) -> str:
    try:
        html = with_search_later(correct_material_markup(html))  # Material's search index built later
    except (MaterialMarkupChanged, MaterialSearchChanged) as exc:
        raise Abort(str(exc)) from None
    html = with_table_regions(html)  # wide tables scroll in a focusable, labelled region
    return with_csp_meta(html) if _state.get("with_policy", True) else html


def _checked_moved_fragments(files: Files) -> str:
    """The moved-ids map as JSON, after checking that no locked page or id vanished without a redirect."""
    site = _site()
    lock_path: Path = _state["content_dir"] / LOCK_FILE  # type: ignore[operator]
    lock = parse_lock(lock_path.read_text(encoding="utf-8")) if lock_path.exists() else []
    pages = {file.src_uri: file.content_string for file in files.documentation_pages()}
    problems = anchor_problems(site, published_addresses(pages), lock, f"{lock_path.parent.name}/{LOCK_FILE}")
    if problems:
        _abort(ContentError(problems).lines, "with published links")
    return json.dumps(moved_fragments(site), sort_keys=True)


def _abort(lines, where: str):
    # One line per problem, then stop before anything is written to site/.
    for line in lines:
        print(line, file=sys.stderr)
    raise Abort(f"{len(lines)} problem(s) {where}; fix them and build again.") from None
