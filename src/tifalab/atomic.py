"""Atomic file writes: a crash or SIGKILL never leaves a half-written output.

Why: researchers re-run builds on large corpora; a killed run must leave the previous result
intact. We write to a temporary file in the same folder, fsync, then ``os.replace`` (atomic on
POSIX for a same-filesystem rename).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

TMP_PREFIX = ".tifalab-tmp-"


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path`` atomically."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are shared files
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as fh:
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding=encoding)
    return Path(path)


_SEQ = itertools.count()


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically.

    ``durable=False`` skips the fsync and the mkstemp/chmod round trips: for derived files that a
    reader checks anyway (the build's per-file cache entries, which are re-parsed when damaged),
    where one fsync per input file cost more than writing the entry. The rename is still atomic,
    so no reader ever sees a half-written entry under the final name.
    """
    if durable:
        with atomic_path(path) as tmp:
            tmp.write_bytes(data)
        return Path(path)
    target = Path(path)
    tmp = target.with_name(f"{TMP_PREFIX}{os.getpid()}-{next(_SEQ)}{target.suffix}")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return target


def atomic_write_with(path: str | os.PathLike[str], writer: Callable[[Path], None]) -> Path:
    """Call ``writer(tmp_path)`` (e.g. a Parquet writer), then move the result into place."""
    with atomic_path(path) as tmp:
        writer(tmp)
    return Path(path)


def atomic_open_text(path: str | os.PathLike[str]) -> contextlib.AbstractContextManager[IO[str]]:
    """Context manager giving a text handle whose content appears at ``path`` only on success."""

    @contextlib.contextmanager
    def _cm() -> Iterator[IO[str]]:
        with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:
            yield fh

    return _cm()


def clean_stale_temps(folder: str | os.PathLike[str]) -> int:
    """Remove temp files a killed run left behind; return how many."""
    n = 0
    for p in Path(folder).rglob(f"{TMP_PREFIX}*"):
        with contextlib.suppress(OSError):
            p.unlink()
            n += 1
    return n
