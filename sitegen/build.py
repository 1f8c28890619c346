"""Build the site all or nothing: `python -m sitegen.build [--site-dir site]` (what `make build` runs).

MkDocs cleans its output folder first and writes page by page, so a build that fails half way
(a content error, a template or asset error, a warning under --strict) would leave a half-written
site, and two builds into one folder race in its clean step. Here every build writes into a fresh
temporary folder next to the site folder; only a build that succeeds replaces the site folder, in
one atomic exchange (two renames where the system has no exchange), under a lock so that
concurrent builds take turns. A failed build leaves the previous site exactly as it was.
"""
from __future__ import annotations

import argparse
import ctypes
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen.build", description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", default="site", help="folder to publish into (default: site)")
    args = parser.parse_args(argv)
    return build(Path(args.site_dir))


def build(site_dir: Path) -> int:
    """Run `mkdocs build --strict` into a temporary folder; on success swap it in as `site_dir`. Returns the exit code."""
    site_dir = site_dir.absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    try:
        _readable_like_a_new_folder(staging)
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(staging)]
        code = subprocess.run(command, cwd=ROOT).returncode
        if code != 0:
            print(f"Build failed; {_shown(site_dir)}/ is left as it was.", file=sys.stderr)
            return code
        with _locked(site_dir.parent):
            _swap_in(staging, site_dir)
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # the failed build, or the previous site after the swap


def _swap_in(staging: Path, site_dir: Path) -> None:
    """Make `staging` the site folder; afterwards `staging` holds the previous site (or nothing)."""
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return
    if _exchange(staging, site_dir):
        return
    previous = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
    os.rename(site_dir, previous / "site")
    os.rename(staging, site_dir)
    os.rename(previous, staging)  # removed by the caller, with the previous site inside


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


class _locked:
    """An exclusive lock on a folder (flock on its descriptor), held while the site folder is swapped."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __enter__(self) -> None:
        self.fd = os.open(self.folder, os.O_RDONLY)
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def _readable_like_a_new_folder(folder: Path) -> None:
    """mkdtemp makes a private (0700) folder; the published site gets the usual permissions for the umask."""
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
