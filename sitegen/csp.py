"""The site's Content-Security-Policy: hashes of a page's inline scripts, the policy, and where it goes.

Every page carries the policy as a `<meta http-equiv="Content-Security-Policy">` at the top of
its `<head>`, so it holds on any static host; `headers_file` writes the same policy (plus what
only a header can say) as a Netlify / Cloudflare Pages `_headers` file. Scripts are allowed from
the site itself and, inline, only by the sha256 of their exact text: Material's inline scripts
differ per page (a relative path in `__md_scope`), so each page lists its own hashes.

Pure functions on strings; the hooks read and write the files.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser

# Script types a browser executes (HTML's JavaScript MIME type essences, plus the non-MIME
# types it runs). Anything else (application/json, application/ld+json) is a data block that is
# never executed, so it needs no hash.
EXECUTABLE_SCRIPT_TYPES = frozenset({
    "", "module", "importmap", "speculationrules",
    "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
    "text/x-javascript",
})

# Everything from the site itself, nothing from anywhere else. 'wasm-unsafe-eval' lets Pyodide
# compile its WebAssembly (it allows no JavaScript eval); styles come only from stylesheets,
# so no style= attribute and no <style> element may appear in the pages.
_FIXED_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'none'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),  # + the page's inline script hashes
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),  # Material draws its icons as data: SVG in its stylesheet
    ("connect-src", "'self'"),  # the worker fetches Pyodide, the model and the calculator zip
    ("worker-src", "'self'"),  # the calculator's module worker, Material's search worker
    ("manifest-src", "'self'"),
    ("base-uri", "'none'"),
    ("form-action", "'none'"),  # no form on the site is ever submitted to a server
    ("object-src", "'none'"),
)
# Browsers ignore frame-ancestors in a <meta> policy (and warn), so only the header carries it.
HEADER_ONLY_DIRECTIVES: tuple[tuple[str, str], ...] = (("frame-ancestors", "'none'"),)

# Headers a static host sets beside the policy; GitHub Pages cannot set any of these.
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    # Nothing on the site uses these powerful features; deny them to the page and any frame.
    # (Only features every current browser knows: an unknown one is logged as an error.)
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
)
# Types the calculator needs: a wasm file served otherwise stops Pyodide, and module scripts
# served as anything but JavaScript are refused (more so under nosniff).
CONTENT_TYPES: Mapping[str, str] = {".wasm": "application/wasm", ".mjs": "text/javascript"}

META_NAME = "Content-Security-Policy"


def script_hash(text: str) -> str:
    """The CSP source for one inline script: sha256 of its UTF-8 text as the browser sees it.

    The HTML parser turns CR LF and lone CR into LF before a script runs, and the browser hashes
    what runs, so the hash does too.
    """
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalized.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_script_hashes(html: str) -> list[str]:
    """Hash sources of the page's executable inline scripts, in page order, each once."""
    hashes: list[str] = []
    for script in _scan(html).scripts:
        if script.executable and script.inline:
            source = script_hash(html[script.text_start:script.text_end])
            if source not in hashes:
                hashes.append(source)
    return hashes


def policy(hashes: Iterable[str], *, header: bool = False) -> str:
    """The policy text; `header=True` adds the directives only a response header can carry."""
    sources = " ".join(hashes)
    directives = [(name, f"{value} {sources}" if name == "script-src" and sources else value)
                  for name, value in _FIXED_DIRECTIVES]
    if header:
        directives += HEADER_ONLY_DIRECTIVES
    return "; ".join(f"{name} {value}" for name, value in directives)


def with_csp_meta(html: str) -> str:
    """The page with its policy as the first element of <head> (after a leading <meta charset>).

    The charset declaration stays first because browsers look for it only in the first 1024
    bytes; the policy still comes before every script. Any policy meta already in the page is
    replaced, so running this twice gives the same page.
    """
    scan = _scan(html)
    for start, end in reversed(scan.csp_metas):
        html = html[:start] + html[end:]
    scan = _scan(html)
    if scan.head_insert_at is None:
        raise ValueError("page has no <head> element to carry the Content-Security-Policy")
    meta = f'<meta http-equiv="{META_NAME}" content="{policy(inline_script_hashes(html))}">'
    at = scan.head_insert_at
    return html[:at] + meta + html[at:]


def csp_meta_content(html: str) -> str | None:
    """The policy of the page's CSP meta, or None when it has none (for checks after the build)."""
    scan = _scan(html)
    return scan.csp_contents[0] if scan.csp_contents else None


def headers_file(hashes: Iterable[str], typed_paths: Mapping[str, str]) -> str:
    """A `_headers` file (Netlify and Cloudflare Pages syntax) for the whole site.

    One `/*` block holds the policy with the union of every page's inline-script hashes. Not a
    block per page: both hosts apply every block whose path matches and join repeated header
    names with a comma, and a comma-joined Content-Security-Policy is two policies that must
    both pass. The union is no looser in practice, because each page's own <meta> policy is
    enforced too and a browser allows only what both permit. `typed_paths` maps each exact URL
    path of a .wasm or .mjs file to its type: exact paths, because the two hosts read wildcards
    inside a path segment differently.
    """
    lines = [
        "# Written by the build (sitegen/csp.py); do not edit. Netlify and Cloudflare Pages read it.",
        "/*",
        f"  Content-Security-Policy: {policy(sorted(set(hashes)), header=True)}",
    ]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    for path in sorted(typed_paths):
        lines += [path, f"  Content-Type: {typed_paths[path]}"]
    return "\n".join(lines) + "\n"


def content_type_for(path: str) -> str | None:
    """The type `_headers` sets for a file of the built site, or None for types hosts get right."""
    for suffix, media_type in CONTENT_TYPES.items():
        if path.endswith(suffix):
            return media_type
    return None


# ---- one pass of a real HTML parser, keeping exact offsets into the original text ------------

class _Script:
    def __init__(self, attrs: dict[str, str | None], text_start: int) -> None:
        self.inline = attrs.get("src") is None
        kind = (attrs.get("type") or "").strip().lower()  # compared whole, as browsers do
        self.executable = kind in EXECUTABLE_SCRIPT_TYPES
        self.text_start = text_start
        self.text_end = text_start


class _Scan(HTMLParser):
    """Where the scripts' text, the head and any CSP meta are, as offsets into the page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.scripts: list[_Script] = []
        self.csp_metas: list[tuple[int, int]] = []
        self.csp_contents: list[str] = []
        self.head_insert_at: int | None = None
        self._in_head = False
        self._seen_in_head = 0
        self._open_script: _Script | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        end = start + len(self.get_starttag_text() or "")
        values = {name: value for name, value in attrs}
        if tag == "head" and self.head_insert_at is None:
            self._in_head = True
            self.head_insert_at = end
            return
        if tag == "meta" and (values.get("http-equiv") or "").lower() == META_NAME.lower():
            self.csp_metas.append((start, end))
            self.csp_contents.append(values.get("content") or "")
            return
        elif self._in_head and self._seen_in_head == 0 and tag == "meta" and "charset" in values:
            self.head_insert_at = end  # keep <meta charset> first: see with_csp_meta
        if self._in_head:
            self._seen_in_head += 1
        if tag == "script":
            self._open_script = _Script(values, end)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open_script is not None:
            self._open_script.text_end = self._offset()
            self.scripts.append(self._open_script)
            self._open_script = None
        elif tag == "head":
            self._in_head = False


def _scan(html: str) -> _Scan:
    scan = _Scan(html)
    scan.feed(html)
    scan.close()
    return scan
