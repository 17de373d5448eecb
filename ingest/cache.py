"""A per-user cache of what every ingest run would otherwise rebuild: the geocoder and a fresh database.

Building the geocoder normalises every gazetteer name (~0.1 s for the 1,171 built-in places, seconds
once Who's On First is imported), and a new database needs the schema, ~220 column comments and the
built-in gazetteer written (~0.25 s). Both depend only on files of this program and its data, so they
are kept in `cache_dir()` under a key that hashes everything they are built from: the source of every
module involved, the data files, the imported places, and the Python, DuckDB and pyahocorasick versions.
Any change to those makes a new key; an entry that cannot be read is rebuilt. Nothing in the cache is
ever needed: with it missing, unwritable or switched off (``DMON_CACHE_DIR=none``) every run builds
what it needs, as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import platform
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Bumped when what is cached, or how, changes.
FORMAT = "1"
#: Entries kept per kind (one per gazetteer version and set of imported places in use).
KEEP = 4

REPO = Path(__file__).resolve().parent.parent


def cache_dir() -> Path | None:
    """``$DMON_CACHE_DIR``, else ``$XDG_CACHE_HOME/displacement-monitor`` (``~/.cache/...``); None when
    ``DMON_CACHE_DIR`` is ``none``, ``off`` or empty."""
    configured = os.environ.get("DMON_CACHE_DIR")
    if configured is not None:
        return None if configured.strip().lower() in {"", "none", "off", "0"} else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "displacement-monitor"


def _versions() -> bytes:
    import ahocorasick
    import duckdb

    parts = [FORMAT, platform.python_implementation(), platform.python_version(), duckdb.__version__,
             str(getattr(ahocorasick, "__version__", "")), str(getattr(ahocorasick, "unicode", ""))]
    return "\0".join(parts).encode()


def fingerprint(paths: Iterable[Path], *extra: bytes) -> str:
    """A hex key over the contents (and names) of `paths` (folders: their files), versions and `extra`."""
    digest = hashlib.sha256(_versions())
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path])
    for path in files:
        digest.update(b"\0file\0" + str(path.relative_to(REPO) if path.is_relative_to(REPO) else path).encode())
        digest.update(path.read_bytes())
    for blob in extra:
        digest.update(b"\0extra\0" + hashlib.sha256(blob).digest())
    return digest.hexdigest()[:32]


def _prune(folder: Path, prefix: str, keep: Path) -> None:
    """Leave the `KEEP` most recently used entries of a kind."""
    entries = sorted(folder.glob(f"{prefix}-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in [p for p in entries if p != keep][KEEP - 1:]:
        stale.unlink(missing_ok=True)


def _store(folder: Path, final: Path, write: Callable[[Path], None], prefix: str) -> bool:
    """Write an entry through a temporary file renamed into place (readers never see half of it)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{prefix}-", suffix=".tmp")
        os.close(handle)
        tmp = Path(tmp_name)
        try:
            write(tmp)
            os.replace(tmp, final)
        finally:
            tmp.unlink(missing_ok=True)
        _prune(folder, prefix, final)
        return True
    except OSError as exc:
        log.debug("could not write the cache entry %s (%s); continuing without it", final, exc)
        return False


def cached_object(prefix: str, key: str, build: Callable[[], T], kind: type[T]) -> T:
    """`build()`, or the object pickled under `key` by an earlier call (if it is a `kind`); written after a build."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{prefix}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
        if not isinstance(value, kind):
            raise TypeError(f"holds a {type(value).__name__}, not a {kind.__name__}")
    except FileNotFoundError:
        pass
    except Exception as exc:  # a truncated or foreign file: rebuild it
        log.debug("cache entry %s unreadable (%s); rebuilding it", path, exc)
    else:
        with contextlib.suppress(OSError):  # most recently used: kept by _prune
            os.utime(path)
        return value
    value = build()

    def write(tmp: Path) -> None:
        with tmp.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)

    _store(folder, path, write, prefix)
    return value


def cached_file(prefix: str, key: str, build: Callable[[Path], None]) -> Path | None:
    """A file made by `build(path)` (which must leave a complete file at `path`), kept under `key`.

    Returns its path in the cache, or None when there is no usable cache (the caller builds in place).
    """
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{prefix}-{key}"
    if path.is_file():
        with contextlib.suppress(OSError):  # a read-only cache is still a cache
            os.utime(path)
        return path

    def write(tmp: Path) -> None:
        tmp.unlink()  # `build` makes the file (DuckDB refuses an empty one)
        try:
            build(tmp)
        finally:
            tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)

    return path if _store(folder, path, write, prefix) else None


def copy_new(source: Path, target: Path) -> bool:
    """Copy `source` to `target` only if `target` does not exist (never over a file made meanwhile).

    The copy is made next to `target` (with the permissions a new file gets) and linked into place,
    so no other process sees half a file.
    """
    tmp = target.with_name(f".{target.name}-{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                shutil.copyfileobj(src, out)
            os.link(tmp, target)  # fails if target exists
        finally:
            tmp.unlink(missing_ok=True)
        return True
    except OSError as exc:
        log.debug("could not copy %s to %s (%s)", source, target, exc)
        return False
