"""The site's service worker, so every page works offline after the first visit.

Pure functions on names and bytes; the hooks read the built site and write `sw.js` at its root
(the root, so the worker's scope covers every page).

What is stored, and when:
- at install, every page and the small assets the pages load (`precache_paths`);
- the calculator's Python runtime, archive and model (`browser_assets.calculator_urls`) only once the calculator
  has started in this browser (the page sends "keep-calculator"), so other pages never fetch them.
Pages and unversioned files are network-first (a new deploy is seen when online); files with a
content hash in their name, and the calculator's files asked for with this build's id (`?v=`, a
hash of every file the calculator's worker loads, `browser_assets.build_id`), are cache-first. The
calculator's files are stored only when their bytes are this build's (their Subresource Integrity,
listed in the script), so an unversioned file an HTTP cache kept from an earlier deploy is not.
The cache name carries the version, which hashes the build id and every stored file, so a new
build installs a new worker, starts a new cache and deletes the old one; a request made for
another build's calculator (`?v=` another id) is never answered from this cache.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Mapping

from .browser_assets import BUILD_PARAM, PYODIDE_DIR, calculator_urls
from .render.templating import render_template

SCRIPT_NAME = "sw.js"
_PRECACHE_SUFFIXES = (".html", ".css", ".js", ".mjs", ".json", ".png", ".svg", ".ico", ".webmanifest")
# Fetched by the calculator alone (or, for lunr/, by search in other languages than the site's).
_NOT_PRECACHED = (f"{PYODIDE_DIR}/", "assets/calculator/", "assets/javascripts/lunr/")
# Material's content-hashed names, e.g. bundle.a5f9d56c.min.js: a new file means a new name.
_HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)$")
_SITEMAP = "sitemap.xml"  # Material's instant navigation reads it to know which links are the site's


def precache_paths(paths: Iterable[str]) -> list[str]:
    """The built files stored at install: pages and small assets; never Pyodide or source maps."""
    chosen = []
    for path in paths:
        if path == SCRIPT_NAME or path.startswith(_NOT_PRECACHED):
            continue
        if path.endswith(_PRECACHE_SUFFIXES) or path == _SITEMAP:
            chosen.append(path)
    return sorted(chosen)


def page_url(path: str) -> str:
    """The URL a reader uses for a built file: `faq/index.html` is `faq/`, `index.html` the root."""
    if path == "index.html":
        return ""
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def offline_version(build: str, files: Mapping[str, bytes]) -> str:
    """Short hash of the build id and every precached file's path and bytes."""
    digest = hashlib.sha256(build.encode())
    for path in sorted(files):
        digest.update(b"\0" + path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
    return digest.hexdigest()[:12]


def integrity(content: bytes) -> str:
    """The Subresource Integrity string `fetch` checks the bytes against."""
    return "sha256-" + base64.b64encode(hashlib.sha256(content).digest()).decode("ascii")


def service_worker(build: str, files: Mapping[str, bytes], calculator: Mapping[str, bytes]) -> str:
    """sw.js for one build; `files` maps each precached path (from `precache_paths`) to its bytes,
    `calculator` each of the calculator's published files (`calculator_urls`, without the query)
    to its bytes: a file missing from it (no snapshot in a build without Node) is stored unchecked."""
    paths = sorted(files)
    urls = calculator_urls(build)
    config = {
        "build": build,
        "version": offline_version(build, files),
        "param": BUILD_PARAM,
        "precache": [page_url(p) for p in paths],
        "cacheFirst": [p for p in paths if _HASHED_NAME.search(p)],
        "calculator": urls,
        "integrity": {url: integrity(calculator[_path_of(url)]) for url in urls if _path_of(url) in calculator},
        "notFound": "404.html" if "404.html" in files else None,
    }
    return render_template("service_worker.js.j2", config=json.dumps(config, indent=2, sort_keys=True))


def calculator_paths(build: str) -> list[str]:
    """The calculator's published files as paths in the built site (`calculator_urls` without the query)."""
    return [_path_of(url) for url in calculator_urls(build)]


def _path_of(url: str) -> str:
    return url.split("?", 1)[0]

