"""Pause Python's cyclic garbage collector around bulk work (import, analysis).

Reading a workbook, combining many and analysing a large map create hundreds of thousands
to millions of small dicts, sets and lists and no reference cycles worth collecting.
Reference counting still frees everything at once; only the cycle search is held back.
With that much alive, every automatic full collection walks all of it again: that nearly
doubled the import time of a Kreis-scale workbook, and at 150 Kommunen (55,000 nodes) the
walks were a fifth of the analysis time.

>>> import gc
>>> with gc_paused():
...     gc.isenabled()
False
"""

from __future__ import annotations

import atexit
import functools
import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused", "no_collection_at_exit"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector; the previous state is restored on exit.

    Nested use is fine: only the outermost pause re-enables the collector.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                # Promote what was built to the oldest generation (freeze + unfreeze moves
                # every object there without scanning it); re-enabling would otherwise
                # start with one scan of all of it right away. Skipped if the caller froze
                # objects on purpose (gc.freeze before a fork), which unfreeze would undo.
                gc.freeze()
                gc.unfreeze()
            gc.enable()


@functools.cache
def no_collection_at_exit() -> None:
    """At the interpreter's shutdown, free what is left without searching it for cycles.

    While it shuts down, Python runs several full collections over everything still alive:
    after ``netzkarte pruefen`` of a Kreis-scale workbook that was 0.25 s of walking
    millions of objects that reference counting frees anyway. The command line registers
    this once; an exit handler then freezes the heap (``gc.freeze``), so that the final
    collections skip it. Cycles left at exit are not finalised, which Python does not
    promise either; every file netzkarte writes is closed before its command returns.
    """
    atexit.register(gc.freeze)
