"""One progress bar for the whole library: terminals and Jupyter alike, quiet elsewhere.

Work that takes more than a couple of seconds (analyses of a large map, layouts, reading a
Kreis-scale workbook, the synthetic generator) wraps its loop in :func:`progress`.
``tqdm.auto`` picks the notebook widget in Jupyter and the text bar in a terminal. By default
the bar appears only when stderr is a terminal, so tests, CI logs and piped output stay
clean; ``enabled=True`` forces it (e.g. in a notebook, where stderr is not a terminal), and
``enabled=False`` silences it.

Examples
--------
>>> total = 0
>>> for x in progress(range(4), desc="Zählen", enabled=False):
...     total += x
>>> total
6
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Generator, Iterable
from typing import Any, Protocol, TypeVar

__all__ = ["ProgressBar", "progress", "progress_bar", "progress_enabled"]

T = TypeVar("T")


def progress_enabled(enabled: bool | None = None) -> bool:
    """Whether a bar should be shown: ``enabled`` if given, else "stderr is a terminal".

    Examples
    --------
    >>> progress_enabled(True), progress_enabled(False)
    (True, False)
    """
    if enabled is not None:
        return bool(enabled)
    stream = sys.stderr
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced stream
        return False


def progress(iterable: Iterable[T], *, total: int | None = None, desc: str = "",
             enabled: bool | None = None) -> Generator[T, None, None]:
    """Iterate over ``iterable`` with a progress bar (``tqdm.auto``) when enabled.

    Parameters
    ----------
    iterable : iterable
        What to loop over; it is passed through unchanged.
    total : int, optional
        Number of items, for iterables without ``len()`` (generators).
    desc : str
        German label in front of the bar, e.g. ``"Analyse"``.
    enabled : bool, optional
        ``None`` (default): show the bar only when stderr is a terminal; ``True``: always
        (use it in notebooks); ``False``: never.

    Yields
    ------
    The items of ``iterable``.

    Examples
    --------
    >>> list(progress(iter("abc"), total=3, desc="Buchstaben", enabled=False))
    ['a', 'b', 'c']

    Notes
    -----
    Disabled, the overhead is one generator frame per item: tqdm is not even imported.
    The bar closes (``leave=False``) when the loop ends or is left early.
    """
    if not progress_enabled(enabled):
        yield from iterable
        return
    with warnings.catch_warnings():
        # without ipywidgets, tqdm.auto falls back to the text bar and warns once; the
        # text bar works in every notebook front end, so the warning only confuses users
        warnings.simplefilter("ignore")
        from tqdm.auto import tqdm

    bar = tqdm(iterable, total=total, desc=desc or None, leave=False, dynamic_ncols=True)
    try:
        yield from bar
    finally:
        bar.close()


class ProgressBar(Protocol):
    """What step-wise work needs of a bar: count a step, name the current one, close."""

    def update(self, n: int = 1) -> Any: ...

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> Any: ...

    def close(self) -> Any: ...


class _Silent:
    """The bar when progress is off: does nothing, imports nothing."""

    def update(self, n: int = 1) -> None:
        return None

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        return None

    def close(self) -> None:
        return None


def progress_bar(total: int, *, desc: str = "", unit: str = "Schritt",
                 enabled: bool | None = None) -> ProgressBar:
    """A bar for work done in named steps (``update()`` per step, ``close()`` at the end).

    Same rules as :func:`progress`: shown only on a terminal unless ``enabled`` says
    otherwise; tqdm is imported only when the bar is shown.

    Examples
    --------
    >>> bar = progress_bar(3, desc="Analyse", enabled=False)
    >>> bar.set_postfix_str("Kennzahlen"); bar.update(); bar.close()
    """
    if not progress_enabled(enabled):
        return _Silent()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from tqdm.auto import tqdm

    bar: ProgressBar = tqdm(total=total, desc=desc or None, unit=unit, leave=False,
                            dynamic_ncols=True)
    return bar
