"""The last steps of a build, on the written site: Material's stylesheets and bundle corrected, the
stand-in search worker beside Material's, the policy on every HTML file, `_headers`, `sw.js`.

Order matters, because each step reads what the one before wrote: the policy hashes the final
HTML of every page (redirect pages written by mkdocs-redirects included), `_headers` joins those
hashes, and the service worker hashes every file it stores, HTML with its policy included.
The decisions live in the pure modules (`sitegen.material_styles`, `sitegen.material_script`,
`sitegen.search_later`, `sitegen.csp`, `sitegen.offline`); this module only reads and writes the
files.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .csp import content_type_for, csp_meta_content, headers_file, inline_script_hashes, with_csp_meta
from .material_script import BUNDLE_GLOB, with_page_color_scheme_meta
from .material_styles import (
    MAIN_STYLESHEET_GLOB, PALETTE_STYLESHEET_GLOB, with_targeted_class_changes, without_switching_rule,
)
from .offline import SCRIPT_NAME, calculator_paths, precache_paths, service_worker
from .search_later import SEARCH_LATER, WORKERS_DIR, material_worker, stand_in_worker

# Material's files the build corrects (each module says why), and the pure function that does it.
_MATERIAL_CORRECTIONS = (
    (PALETTE_STYLESHEET_GLOB, without_switching_rule),
    (MAIN_STYLESHEET_GLOB, with_targeted_class_changes),
    (BUNDLE_GLOB, with_page_color_scheme_meta),
)


def finish_site(site_dir: Path, site_url: str, build: str, *, with_policy: bool) -> None:
    """Correct Material's stylesheets and bundle, write the stand-in search worker, add the policy
    where a page lacks it, write `_headers` (when `with_policy`), then write `sw.js`. Raises
    MaterialStylesChanged, MaterialScriptChanged or MaterialSearchChanged when the theme's
    stylesheet, bundle or search worker changed."""
    for pattern, correct in _MATERIAL_CORRECTIONS:
        for path in site_dir.glob(pattern):  # no palette stylesheet when the site has no palette
            path.write_text(correct(path.read_text(encoding="utf-8")), encoding="utf-8")
    workers = site_dir / WORKERS_DIR
    material = material_worker(sorted(p.name for p in workers.iterdir()) if workers.is_dir() else [])
    (workers / SEARCH_LATER).write_text(stand_in_worker(material), encoding="utf-8")
    if with_policy:
        _write_policy_and_headers(site_dir, site_url)
    built = (p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    files = {path: (site_dir / path).read_bytes() for path in precache_paths(built)}
    calculator = {path: (site_dir / path).read_bytes() for path in calculator_paths(build) if (site_dir / path).is_file()}
    (site_dir / SCRIPT_NAME).write_text(service_worker(build, files, calculator), encoding="utf-8")


def _write_policy_and_headers(site_dir: Path, site_url: str) -> None:
    root_path = urlsplit(site_url or "/").path.rstrip("/") + "/"
    hashes: list[str] = []
    typed_paths: dict[str, str] = {}
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            if csp_meta_content(html) is None:  # written outside MkDocs' page events
                html = with_csp_meta(html)
                path.write_text(html, encoding="utf-8")
            hashes += inline_script_hashes(html)
        elif media_type := content_type_for(relative):
            typed_paths[root_path + relative] = media_type
    (site_dir / "_headers").write_text(headers_file(hashes, typed_paths), encoding="utf-8")
