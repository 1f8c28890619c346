"""Shared browser harness: build the site once, serve it on loopback, launch Debian Chromium.

Used by tests/browser/conftest.py, tests/browser/lighthouse_runner.py and the benchmarks in bench/,
so the tests and the benchmarks measure the same thing.
"""

from __future__ import annotations

import email.utils
import functools
import gzip
import hashlib
import io
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces: no name but loopback resolves, so nothing can leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
# Default wait for Python to start in a test page (the widget's own timeout is ~30 s).
READY_TIMEOUT_MS = 60_000
# The screen Lighthouse's mobile preset emulates, for tests of what that preset measures on a
# phone: layout shifts, restyles.
LIGHTHOUSE_PHONE = {"width": 412, "height": 823}
# Longest a stalled response (ServerOptions.stall) holds its connection open.
STALL_HOLD_S = 60
MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".html": "text/html",
    ".css": "text/css",
    ".svg": "image/svg+xml",
}
# What ServerOptions.gzip compresses: text and the other types GitHub Pages serves gzipped (wasm included).
GZIP_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/wasm")


def chromium_problem() -> str | None:
    """Why Chromium cannot be used here, or None when it can."""
    if shutil.which(CHROMIUM) or Path(CHROMIUM).is_file():
        return None
    return (
        f"Chromium not found at {CHROMIUM}. The browser tests drive Debian's Chromium: "
        "run `apt-get install -y chromium` (as root; `make test` does it for you) "
        "and never `playwright install`."
    )


def reserve_port() -> socket.socket:
    """A bound loopback socket; its port is known before the site is built with it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def build_site(dest: Path, site_url: str) -> Path:
    """Run the real `mkdocs build` for site_url into dest; raise with its output on failure."""
    env = {**os.environ, "SITE_URL": site_url, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(dest)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return dest


@dataclass
class ServerOptions:
    """Knobs for failure tests: paths answered 404, and text replacements in served HTML."""

    missing: set[str] = field(default_factory=set)
    html_replace: dict[str, str] = field(default_factory=dict)
    extra_roots: dict[str, Path] = field(default_factory=dict)  # URL prefix -> directory (bench fixtures)
    overrides: dict[str, Path] = field(default_factory=dict)  # exact URL path -> file served instead
    cache_control: str | None = None  # e.g. "max-age=600", as static hosts send
    headers: dict[str, str] = field(default_factory=dict)  # sent on every response, as a host's _headers /* block
    # Faults a misconfigured or slow host gives (tests/browser/test_calculator_failures.py):
    wrong_type: dict[str, str] = field(default_factory=dict)  # exact URL path -> Content-Type sent instead
    stall: set[str] = field(default_factory=set)  # exact URL paths: the first 64 KiB, then silence
    faulty_requests: int | None = None  # only the first N requests of each faulty path get the fault
    # As GitHub Pages serves: GZIP_TYPES with Content-Encoding gzip when the request accepts it.
    gzip: bool = False

    @classmethod
    def github_pages(cls, **more) -> "ServerOptions":
        """Served as GitHub Pages serves the published site: gzipped, cached for 10 minutes."""
        return cls(gzip=True, cache_control="max-age=600", **more)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    server: "SiteServer"

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass

    def translate_path(self, path):
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean in self.server.options.overrides:
            return str(self.server.options.overrides[clean])
        for prefix, directory in self.server.options.extra_roots.items():
            if clean.startswith(prefix):
                rest = clean[len(prefix):].lstrip("/")
                return str(Path(directory) / rest)
        return super().translate_path(path)

    def send_head(self):
        clean = self.path.split("?", 1)[0]
        self.server.record(clean)
        self.fault = self.server.fault_for(clean)  # None, ("type", content_type) or ("stall", "")
        if clean in self.server.options.missing:
            self.send_error(404, "Removed for this test")
            return None
        if self.server.options.html_replace:
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                text = target.read_text(encoding="utf-8")
                for old, new in self.server.options.html_replace.items():
                    text = text.replace(old, new)
                return self._send_body(text.encode("utf-8"), "text/html; charset=utf-8")
        if self._gzip_wanted():
            target = Path(self.translate_path(self.path))
            if target.is_dir() and clean.endswith("/"):
                target = target / "index.html"
            if target.is_file():
                mtime = int(target.stat().st_mtime)
                if self._not_modified_since(mtime):
                    self.send_response(304)
                    self.end_headers()
                    return None
                return self._send_body(target.read_bytes(), self.guess_type(str(target)), mtime)
        return super().send_head()

    def _gzip_wanted(self) -> bool:
        accepted = self.headers.get("Accept-Encoding", "")
        return self.server.options.gzip and "gzip" in [part.split(";")[0].strip() for part in accepted.split(",")]

    def _not_modified_since(self, mtime: int) -> bool:
        """A revalidation the base class would answer 304 (If-Modified-Since, no If-None-Match)."""
        since = self.headers.get("If-Modified-Since")
        if not since or self.headers.get("If-None-Match"):
            return False
        try:
            return mtime <= email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False

    def _send_body(self, body: bytes, content_type: str, mtime: int | None = None):
        """200 with `body`, gzipped when ServerOptions.gzip asks for it and the type is compressible."""
        compress = self._gzip_wanted() and content_type.startswith(GZIP_TYPES)
        if compress:
            body = self.server.gzipped(body)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        if self.server.options.gzip:
            self.send_header("Vary", "Accept-Encoding")
        if mtime is not None:
            self.send_header("Last-Modified", self.date_time_string(mtime))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self):
        if self.server.options.cache_control:
            self.send_header("Cache-Control", self.server.options.cache_control)
        for name, value in self.server.options.headers.items():
            self.send_header(name, value)
        super().end_headers()

    def guess_type(self, path):
        fault = getattr(self, "fault", None)
        return fault[1] if fault and fault[0] == "type" else super().guess_type(path)

    def copyfile(self, source, outputfile):
        fault = getattr(self, "fault", None)
        if fault and fault[0] == "stall":
            outputfile.write(source.read(64 * 1024))
            outputfile.flush()
            self.server.release_stalls.wait(STALL_HOLD_S)  # bounded: the server's stop ends it sooner
            return
        count = 0
        while chunk := source.read(64 * 1024):
            outputfile.write(chunk)
            count += len(chunk)
        self.server.add_bytes(count)


class SiteServer(http.server.ThreadingHTTPServer):
    """Static server on 127.0.0.1 with correct MIME types and a request log."""

    daemon_threads = True

    def __init__(self, directory: Path, sock: socket.socket | None = None, options: ServerOptions | None = None):
        self.options = options or ServerOptions()
        self.requests: list[str] = []
        self.bytes_sent = 0
        self._lock = threading.Lock()
        self.fault_counts: dict[str, int] = {}
        self._gzipped: dict[bytes, bytes] = {}  # sha256 of a body -> its gzip (ServerOptions.gzip)
        self.release_stalls = threading.Event()
        handler = functools.partial(_Handler, directory=str(directory))
        if sock is None:
            super().__init__(("127.0.0.1", 0), handler)
        else:
            super().__init__(("127.0.0.1", sock.getsockname()[1]), handler, bind_and_activate=False)
            self.socket.close()
            self.socket = sock
            self.server_address = sock.getsockname()
            self.server_activate()
        self._thread = threading.Thread(target=self.serve_forever, name="site-server", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def handle_error(self, request, client_address):
        # A browser that navigates away cancels its downloads; that is not a server fault.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)

    def record(self, path: str) -> None:
        with self._lock:
            self.requests.append(path)

    def fault_for(self, path: str) -> tuple[str, str] | None:
        """The fault this request of `path` gets, counting requests when only the first N are faulty."""
        options = self.options
        if path not in options.wrong_type and path not in options.stall:
            return None
        with self._lock:
            self.fault_counts[path] = seen = self.fault_counts.get(path, 0) + 1
        if options.faulty_requests is not None and seen > options.faulty_requests:
            return None
        return ("type", options.wrong_type[path]) if path in options.wrong_type else ("stall", "")

    def gzipped(self, body: bytes) -> bytes:
        """`body` gzipped (level 6, as common hosts), computed once per distinct body."""
        key = hashlib.sha256(body).digest()
        with self._lock:
            cached = self._gzipped.get(key)
        if cached is None:
            cached = gzip.compress(body, compresslevel=6, mtime=0)
            with self._lock:
                self._gzipped[key] = cached
        return cached

    def add_bytes(self, count: int) -> None:
        with self._lock:
            self.bytes_sent += count

    def take_log(self) -> tuple[list[str], int]:
        """Requests and body bytes since the last call."""
        with self._lock:
            log, sent = self.requests, self.bytes_sent
            self.requests, self.bytes_sent = [], 0
        return log, sent

    def start(self) -> "SiteServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release_stalls.set()
        self.shutdown()
        self.server_close()


def launch_chromium(playwright):
    """Debian Chromium through pip playwright; never a downloaded browser."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


class PageWatch:
    """A page plus what it did: every request URL, console errors, page errors, dialogs."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def wait_state(self, *states: str, timeout: int = READY_TIMEOUT_MS) -> str:
        self.page.wait_for_function(
            "states => { const r = document.querySelector('[data-calculator]');"
            " return r && states.includes(r.dataset.state); }",
            arg=list(states),
            timeout=timeout,
        )
        return self.page.get_attribute("[data-calculator]", "data-state")
