"""Material's search index, built once the page's own start is over.

Material's bundle starts its search worker as soon as it runs, and that worker builds the lunr
index at once (about a third of a second of CPU here). That ran beside the task that ends a page's
parsing, which then took two to three times as long in wall time, and on the calculator page beside
Python's start. So every page names a stand-in worker instead (`SEARCH_LATER`): it holds Material's
messages until the page's `site-search-later.mjs` says "go" on a BroadcastChannel, then loads
Material's worker beside it and hands it those messages in order. Without that word (the page's
module failed to load) it goes on its own after `FALLBACK_MS`.

Pure functions on text; the hooks rewrite each page and write the stand-in beside Material's worker.
The theme is pinned: if its markup or file names change, the build stops and names this file.
"""

from __future__ import annotations

import json
import re

from .render.templating import render_template

WORKERS_DIR = "assets/javascripts/workers"
SEARCH_LATER = "search-later.js"
# Material's content-hashed search worker, as its bundle is configured to load it.
MATERIAL_WORKER = re.compile(r"^search\.[0-9a-f]{8,}\.min\.js$")
FALLBACK_MS = 10_000
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


class MaterialSearchChanged(Exception):
    """The theme no longer configures or ships its search worker as this module expects."""


def material_worker(names: list[str]) -> str:
    """The one file name among `names` (the files of WORKERS_DIR) that is Material's search worker."""
    found = [name for name in names if MATERIAL_WORKER.match(name)]
    if len(found) != 1:
        raise MaterialSearchChanged(_changed(f"{len(found)} files named search.<hash>.min.js in {WORKERS_DIR}/, not one"))
    return found[0]


def with_search_later(page_html: str) -> str:
    """`page_html` with Material's config naming the stand-in worker; pages without the config are returned as they are."""
    config = _CONFIG.search(page_html)
    if config is None:
        return page_html  # not a page of the theme (e.g. a redirect page)
    try:
        settings = json.loads(config.group(2))
    except ValueError:
        raise MaterialSearchChanged(_changed("the page's __config is not JSON")) from None
    worker = settings.get("search") if isinstance(settings, dict) else None
    if not isinstance(worker, str):
        raise MaterialSearchChanged(_changed('no "search" worker in the page\'s __config'))
    folder, _, name = worker.rpartition("/")
    if name == SEARCH_LATER:
        return page_html  # rewritten already
    if not MATERIAL_WORKER.match(name) or not folder.endswith(WORKERS_DIR):
        raise MaterialSearchChanged(_changed(f"the search worker {worker!r} is not {WORKERS_DIR}/search.<hash>.min.js"))
    # Only that value changes, in place: the rest of the config stays exactly as Material wrote it.
    entry = f'"search": {json.dumps(worker)}'
    text = config.group(2)
    if text.count(entry) != 1:
        raise MaterialSearchChanged(_changed(f"{entry!r} not found exactly once in the page's __config"))
    text = text.replace(entry, f'"search": {json.dumps(f"{folder}/{SEARCH_LATER}")}')
    return page_html[: config.start(2)] + text + page_html[config.end(2):]


def stand_in_worker(material_name: str) -> str:
    """The stand-in worker's source, loading Material's worker `material_name` (in the same folder)."""
    return render_template("search_later.js.j2", worker=json.dumps(material_name), fallback_ms=FALLBACK_MS)


def _changed(what: str) -> str:
    return f"Material's search changed ({what}); update sitegen/search_later.py for the new theme version"
