"""Which of the site's modules the calculator page preloads: every module its entry imports, found from the code.

A deferred module script runs only once every module it imports, directly or not, has arrived, and
the browser finds each import only after the module naming it has arrived and been parsed. On the
calculator page that made four rounds of requests, one after the other, each waiting for a main
thread busy with Material's start (and, on a later visit, for the offline service worker), before
DOMContentLoaded, and the calculator's worker is created only after DOMContentLoaded
(calculator-client.mjs). Listing the whole graph as `<link rel="modulepreload">` in the `<head>`
fetches it in one round while the page is still being parsed.

The graph is read from the modules themselves, so a new import is preloaded without anyone
editing a list. Only this project's own static imports count (`import ... from "./name.mjs";`, the
only form the glue uses; tests/browser/test_calculator_assets.py checks that the glue has no other).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# One static import of a sibling module, as the glue writes them (one per statement, at the top).
_STATIC_IMPORT = re.compile(r'^\s*import\s[^;]*?from\s+"\./([^"]+)";', flags=re.M)

CALCULATOR_ENTRY = "calculator.mjs"  # mkdocs.yml extra_javascript: the calculator's glue on every page


class ModuleMissing(LookupError):
    """A module imports a sibling that is not there; the message names both and the fix."""


def static_imports(code: str) -> list[str]:
    """The sibling modules `code` imports statically, in the order it names them."""
    return _STATIC_IMPORT.findall(code)


def module_graph(entry: str, read: Callable[[str], str | None]) -> list[str]:
    """`entry` and every module it imports, directly or not, each once, in the order first named.

    `read(name)` gives a module's code, or None when there is no such file.
    """
    order: list[str] = []
    todo: list[tuple[str, str]] = [(entry, "")]
    while todo:
        name, importer = todo.pop(0)
        if name in order:
            continue
        code = read(name)
        if code is None:
            where = f"{importer} imports" if importer else "the entry is"
            raise ModuleMissing(
                f"docs/assets/javascripts/{name}: {where} ./{name}, which does not exist; "
                "add the file or correct the import"
            )
        order.append(name)
        todo += [(imported, name) for imported in static_imports(code)]
    return order
