"""Atomic file writes: write to a temporary file beside the target, then rename.

A failed run (an exception, Ctrl-C, a full disk) leaves an existing output untouched.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "karte.html"
>>> with atomic_path(target) as tmp:
...     _ = tmp.write_text("ok", encoding="utf-8")
>>> target.read_text(encoding="utf-8")
'ok'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "atomic_write_bytes", "atomic_write_text"]


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto ``target`` on success.

    The temporary file keeps the target's suffix, so libraries that look at the extension
    (openpyxl, matplotlib) behave as for the real name.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}",
                                dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    # mkstemp creates 0600; outputs are ordinary files, so honour the umask like open() does
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def atomic_write_text(target: str | os.PathLike[str], text: str) -> Path:
    """Write UTF-8 text atomically and return the target path."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def atomic_write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write bytes atomically and return the target path."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)
