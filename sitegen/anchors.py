"""Links that never break: every page and id the site publishes, the lock that remembers them, and redirects.

`published_addresses` reads the generated pages: an address is a page (`faq.md`) or an id a
template wrote (`faq.md#what-is-lora`), as an attribute list or in raw HTML. The generated Markdown
is the exact source: it holds every id ours, and none of the theme's (`__drawer`). Ids a heading
gets from its wording are left out on purpose: they change with the wording, so nobody should cite them.

content/anchors.lock lists every address the site has ever published. It only grows: `make anchors`
adds what is new and refuses while a locked address has gone nowhere. A locked address that is no
longer published must be redirected in content/redirects.yml, or the build stops naming the fix.
Redirected pages become redirect pages (mkdocs-redirects); redirected ids are followed in the
browser (docs/assets/javascripts/links-moved.mjs), from the map `moved_fragments` makes.

Pure functions; `python -m sitegen.anchors` (`make anchors`) is the thin command around them.
"""
from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from .content import Anchor, Problem, Site, load_site
from .content.errors import ContentError
from .pages import generated_pages

LOCK_FILE = "anchors.lock"
REGENERATE = "make anchors"
# Where the build publishes `moved_fragments` as JSON; the browser module fetches it by this name, beside itself.
MOVED_FRAGMENTS_URI = "assets/javascripts/links-moved.json"
_LOCK_HEADER = (
    "# Every page and id this site has published: links people keep. Regenerate with `make anchors`.\n"
    "# Never delete a line: when an id or page goes, add where it went to content/redirects.yml\n"
    "# (CONTRIBUTING.md, \"Rename a section or item\").\n"
)
# An id a template wrote, as a Markdown attribute list (`{ #task-clarity }`) or in raw HTML
# (`<p id="reviewed">`). Content can write neither: the loader refuses attribute lists and raw HTML.
_TEMPLATE_ID = re.compile(r"\{\s*#([a-z0-9]+(?:-[a-z0-9]+)*)[\s}]|\sid=\"([a-z0-9]+(?:-[a-z0-9]+)*)\"")


def published_addresses(pages: Mapping[str, str]) -> list[str]:
    """Every page and template-written id, sorted: `faq.md`, `faq.md#what-is-lora`. `pages`: docs path -> Markdown."""
    found: set[str] = set()
    for path, markdown in pages.items():
        found.add(path)
        found.update(f"{path}#{listed or raw}" for listed, raw in _TEMPLATE_ID.findall(markdown))
    return sorted(found)


def parse_lock(text: str) -> list[tuple[int, str]]:
    """(line number, address) of each entry; `#` comment lines and blank lines are skipped."""
    return [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1)
            if line.strip() and not line.lstrip().startswith("#")]


def lock_text(addresses: Iterable[str]) -> str:
    """The lock file: its header, then one address a line, sorted, so a change reads as a one-line diff."""
    return _LOCK_HEADER + "".join(f"{address}\n" for address in sorted(set(addresses)))


def regenerated_lock(locked: Iterable[str], published: Iterable[str]) -> str:
    """The lock after `make anchors`: what it had plus what is published now (it never forgets an address)."""
    return lock_text(set(locked) | set(published))


def stale_entries(locked: Iterable[str], published: Iterable[str]) -> list[str]:
    """Published addresses the lock does not list yet (`make anchors` adds them)."""
    return sorted(set(published) - set(locked))


def anchor_problems(site: Site, published: Iterable[str], lock: list[tuple[int, str]], lock_file: str) -> list[Problem]:
    """Redirects that point nowhere or hide a live address, and locked addresses that vanished without one."""
    live = set(published)
    moved = {r.source: r.target for r in site.redirects}
    problems: list[Problem] = []
    for redirect in site.redirects:
        where = (redirect.file, redirect.line, f"redirects.{redirect.source}")
        if redirect.source in live:
            problems.append(Problem(*where, f"'{redirect.source}' is still published, so this redirect would hide it; remove the entry"))
        if redirect.target not in live:
            problems.append(Problem(*where, f"target '{redirect.target}' is not a page or id of the site; {_suggest(redirect.target, live)}"))
        page = _page(redirect.source)
        if page != redirect.source and page not in live and page not in moved:
            problems.append(Problem(*where, f"page '{page}' is gone too; add `{page}: NEW-PAGE.md` to this file as well"))
    new = sorted(live - {address for _, address in lock})
    for line, address in lock:
        if address in live or _landing(address, moved) in live:
            continue
        guess = difflib.get_close_matches(address, new, n=1, cutoff=0.0)
        target = guess[0] if guess else ("NEW-PAGE.md" if "#" not in address else "NEW-PAGE.md#NEW-ID")
        problems.append(Problem(lock_file, line, address,
                                f"this published {'id' if '#' in address else 'page'} is gone and old links to it would break; "
                                f"add `{address}: {target}` to content/redirects.yml (or put it back)"))
    return problems


def redirect_maps(site: Site) -> dict[str, str]:
    """Page redirects for mkdocs-redirects' `redirect_maps`: old page -> new page (or page#id)."""
    return {r.source: r.target for r in site.redirects if "#" not in r.source}


def moved_fragments(site: Site) -> dict[str, str]:
    """Where the browser should go for an old id: old URL as the reader lands on it -> new URL, relative to the site root.

    An id on a page that still exists is opened on that page (`faq/#what-is-lora`). An id on a page that
    was itself redirected arrives on the new page, because mkdocs-redirects' page carries the fragment
    along (after the new page's own fragment, if its target has one: `faq/#section#old-id`).
    """
    pages = redirect_maps(site)
    found: dict[str, str] = {}
    for redirect in site.redirects:
        if "#" not in redirect.source:
            continue
        page, old_id = redirect.source.split("#", 1)
        landing_page, _, landing_id = pages.get(page, page).partition("#")
        key = f"{_url(landing_page)}#{landing_id + '#' if landing_id else ''}{old_id}"
        found[key] = _url(redirect.target)
    return found


def _landing(address: str, moved: dict[str, str]) -> str | None:
    """Where a reader following an old address ends up, or None when nothing sends them anywhere."""
    if address in moved:
        return moved[address]
    page, _, anchor_id = address.partition("#")
    if anchor_id and page in moved and "#" not in moved[page]:
        return f"{moved[page]}#{anchor_id}"  # the redirect page carries the fragment to the new page
    return None


def _page(address: str) -> str:
    return address.partition("#")[0]


def _url(address: str) -> str:
    """`faq.md#x` -> `faq/#x`, `index.md` -> ``: the URL relative to the site root, as Anchor.url writes it."""
    page, _, anchor_id = address.partition("#")
    return Anchor(anchor_id, page, "", fragment=bool(anchor_id)).url


def _suggest(wrong: str, live: set[str]) -> str:
    close = difflib.get_close_matches(wrong, sorted(live), n=3)
    return f"did you mean {', '.join(close)}?" if close else f"use an address listed in content/{LOCK_FILE}"


def current(content_dir: Path) -> tuple[Site, list[str]]:
    """The loaded site and what it publishes (ids do not depend on the build id, so none is given)."""
    site = load_site(content_dir)
    return site, published_addresses({page.path: page.markdown for page in generated_pages(site, build="")})


def main(argv: list[str]) -> int:
    """`make anchors`: add newly published addresses to the lock; `--check` only says whether it is stale."""
    content_dir = Path(__file__).resolve().parent.parent / "content"
    lock_path = content_dir / LOCK_FILE
    try:
        site, published = current(content_dir)
    except ContentError as exc:
        print("\n".join(exc.lines), file=sys.stderr)
        return 1
    old_text = lock_path.read_text(encoding="utf-8") if lock_path.exists() else ""
    lock = parse_lock(old_text)
    problems = anchor_problems(site, published, lock, f"content/{LOCK_FILE}")
    if problems:
        print("\n".join(str(p) for p in sorted(problems)), file=sys.stderr)
        return 1
    text = regenerated_lock([address for _, address in lock], published)
    if "--check" in argv:
        stale = text != old_text
        if stale:
            print(f"content/{LOCK_FILE} is stale; run `{REGENERATE}`", file=sys.stderr)
        return 1 if stale else 0
    lock_path.write_text(text, encoding="utf-8")
    added = len(stale_entries([address for _, address in lock], published))
    print(f"wrote content/{LOCK_FILE}: {len(parse_lock(text))} addresses, {added} new")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
