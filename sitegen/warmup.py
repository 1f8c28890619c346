"""What every page needs to warm the calculator when a reader heads for it.

Pure. The hooks put `warmup(...)` into `config.extra`; `overrides/main.html` writes it into each
page as a JSON data block, which `docs/assets/javascripts/calculator-warmup.mjs` reads when a
reader points at, focuses or touches a link to `page`: it then fetches `files` once, at low
priority, so that the worker finds them in the browser's cache. The list is
`browser_assets.startup_urls`, the one list of what the worker fetches at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

from .browser_assets import startup_urls
from .calculator_page import PAGE


def warmup(build: str, url_of: Callable[[str], str]) -> dict[str, object]:
    """{"page": the calculator page's site-relative URL, "files": what its worker fetches at start-up}.

    `url_of` gives a docs page's site-relative URL ("calculator.md" -> "calculator/" with MkDocs'
    directory URLs); only MkDocs knows it, so the hooks pass it in.
    """
    return {"page": url_of(PAGE), "files": list(startup_urls(build))}
