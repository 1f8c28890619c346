"""`make check-sources`: request every address in content/sources.yml and list the ones that moved or vanished.

For a machine with web access; not part of `make test`, whose results must not depend on other
people's servers. Each address is asked with HEAD (some servers refuse HEAD, so a failed HEAD is
asked again with GET), redirects are followed by hand up to a limit so the final address is known,
and every request has a timeout. Exit 0 when every page answered at its own address, 1 otherwise.

    python -m sitegen.check_sources [--timeout SECONDS]

SITE_CONTENT_DIR checks another content folder, as it builds one.
"""
from __future__ import annotations

import argparse
import os
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from .content import ContentError, load_site

ROOT = Path(__file__).resolve().parent.parent
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 15.0
WORKERS = 8
USER_AGENT = "prompt-or-finetune check-sources (link check of the sources a documentation site cites)"
REDIRECT_CODES = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Checked:
    id: str
    url: str
    outcome: str  # "ok", "moved" or "vanished"
    final_url: str | None = None  # where a moved page answered
    reason: str = ""  # why a page counts as vanished: "404 Not Found", "no answer (timed out)"

    def line(self) -> str:
        if self.outcome == "moved":
            return f"moved: {self.id}: {self.url} -> {self.final_url}"
        return f"vanished: {self.id}: {self.url} ({self.reason})"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand every redirect back to the caller, which follows it and counts the hops."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _ask(url: str, method: str, timeout: float) -> tuple[int, str, str | None]:
    """(status, reason, Location) of one request, without following redirects; raises URLError when nothing answers."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return response.status, response.reason, None
    except urllib.error.HTTPError as exc:  # 3xx (not followed), 4xx and 5xx all arrive here
        with exc:
            return exc.code, str(exc.reason), exc.headers.get("Location")


def _ask_head_then_get(url: str, timeout: float) -> tuple[int, str, str | None]:
    status, reason, location = _ask(url, "HEAD", timeout)
    if status >= 400:  # many servers answer HEAD with 403, 404 or 405 while GET works
        return _ask(url, "GET", timeout)
    return status, reason, location


def check_url(source_id: str, url: str, timeout: float = TIMEOUT_SECONDS, max_redirects: int = MAX_REDIRECTS) -> Checked:
    """Where `url` answers now: at its own address (ok), at another one (moved), or not at all (vanished)."""
    current = url
    for _ in range(max_redirects + 1):
        try:
            status, reason, location = _ask_head_then_get(current, timeout)
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            why = getattr(exc, "reason", exc)
            return Checked(source_id, url, "vanished", reason=f"no answer ({why})")
        if status in REDIRECT_CODES and location:
            current = urljoin(current, location)
            continue
        if status >= 400:
            return Checked(source_id, url, "vanished", reason=f"{status} {reason}".strip())
        return Checked(source_id, url, "ok") if current == url else Checked(source_id, url, "moved", final_url=current)
    return Checked(source_id, url, "vanished", reason=f"more than {max_redirects} redirects")


def check_all(sources: list[tuple[str, str]], timeout: float = TIMEOUT_SECONDS) -> list[Checked]:
    """Every (id, url) checked, a few at a time, in the order given."""
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(lambda pair: check_url(pair[0], pair[1], timeout), sources))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen.check_sources", description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=TIMEOUT_SECONDS, help="seconds to wait for each answer")
    args = parser.parse_args(argv)
    try:
        site = load_site(Path(os.environ.get("SITE_CONTENT_DIR", ROOT / "content")))
    except ContentError as exc:
        print("\n".join(exc.lines), file=sys.stderr)
        return 2
    results = check_all([(source.id, source.url) for source in site.sources.sources], args.timeout)
    problems = [result for result in results if result.outcome != "ok"]
    for result in problems:
        print(result.line())
    print(f"{len(results) - len(problems)} of {len(results)} sources answered at their own address; "
          f"{sum(r.outcome == 'moved' for r in problems)} moved, {sum(r.outcome == 'vanished' for r in problems)} vanished.",
          file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
