"""The Jinja environment of every HTML page: map, report, comparison, overview, Rückmeldung.

One place says how our pages are made: autoescape on (every text from a workbook is
escaped), ``StrictUndefined`` (a name missing from the context is an error, not an empty
cell) and the German filters ``number`` (:func:`netzkarte.text.number`) and ``date``
(:func:`netzkarte.text.date_text`). Two whitespace styles exist, and each template is
written for one of them: ``trim=False`` keeps the template's text to its last newline
(map, report, overview); ``trim=True`` removes the lines of the block tags themselves
(comparison, Rückmeldung).

Examples
--------
>>> env = environment()
>>> env.from_string("{{ x|number(1) }} · {{ d|date }} · {{ s }}").render(
...     x=1234.5, d=None, s="<b>")
'1234,5 · – · &lt;b&gt;'
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from netzkarte.io.atomic import atomic_path
from netzkarte.text import date_text, number

if TYPE_CHECKING:
    import jinja2

__all__ = ["environment", "write_page"]


@lru_cache(maxsize=8)
def environment(package: str = "netzkarte.render", *, trim: bool = False) -> jinja2.Environment:
    """The environment loading the templates of ``package`` (its folder ``templates``).

    Parameters
    ----------
    package : str
        The package whose ``templates`` folder holds the pages (``"netzkarte.survey"`` for
        the Rückmeldung).
    trim : bool
        ``trim_blocks`` and ``lstrip_blocks`` (the template's own layout lines vanish);
        without, ``keep_trailing_newline``.

    Returns
    -------
    jinja2.Environment
        Shared per ``(package, trim)``: do not change it.
    """
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader(package, "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=trim, lstrip_blocks=trim,
                             keep_trailing_newline=not trim)
    env.filters["number"] = number
    env.filters["date"] = date_text
    return env



def write_page(path: str | os.PathLike[str], page: str) -> Path:
    """Write a page as UTF-8, atomically: a failed write never leaves half a page in place
    of the one that was there.

    >>> import tempfile
    >>> write_page(Path(tempfile.mkdtemp()) / "seite.html", "<p>Ä</p>").read_bytes()
    b'<p>\\xc3\\x84</p>'
    """
    target = Path(path)
    with atomic_path(target) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return target
