"""Atomic file writes: write to a temporary file beside the target, then rename.

A failed run (an exception, Ctrl-C, a full disk) leaves an existing output untouched.
Errors while writing name the file the caller asked for, never the hidden temporary file:
they are raised as :class:`WriteError` (an :class:`OSError`) whose ``filename`` is the
target.

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

__all__ = ["WriteError", "atomic_path", "atomic_write_bytes", "atomic_write_text"]


class WriteError(OSError):
    """Writing an output failed; ``filename`` is the target, not the temporary file.

    ``errno`` and ``strerror`` are those of the underlying error (``ENOSPC`` for a full
    disk, ``EACCES`` for a folder without write permission …).

    >>> err = WriteError(28, "No space left on device", "karte.html")
    >>> err.filename, isinstance(err, OSError)
    ('karte.html', True)
    """


def _about_target(err: OSError, tmp: str | None) -> bool:
    """Is ``err`` about the temporary file (or about no file at all)?"""
    return err.filename is None or (tmp is not None and os.fspath(err.filename) == tmp)


def _named(err: OSError, target: Path) -> WriteError:
    return WriteError(err.errno, err.strerror or str(err), os.fspath(target))


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it onto ``target`` on success.

    The temporary file keeps the target's suffix, so libraries that look at the extension
    (openpyxl, matplotlib) behave as for the real name.

    Raises
    ------
    WriteError
        Creating, writing or renaming the temporary file failed; ``filename`` is
        ``target``. An existing ``target`` is unchanged and the temporary file removed.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)  # an error here names the folder
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}",
                                    dir=target.parent)
    except OSError as err:
        raise _named(err, target) from err
    os.close(fd)
    tmp = Path(name)
    try:
        # mkstemp creates 0600; outputs are ordinary files, so honour the umask like open()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        yield tmp
        os.replace(tmp, target)
    except WriteError:
        raise
    except OSError as err:
        if _about_target(err, name):
            raise _named(err, target) from err
        raise
    finally:
        with contextlib.suppress(OSError):
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
