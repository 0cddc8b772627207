"""German text for users: numbers, dates, enumerations and quotes, in one place.

Every message, finding, report and page writes numbers with a decimal comma, dates as
``01.03.2019``, lists as „A, B und C“ and quotes with „…“. Analyses, the importer and the
renderers use these helpers instead of their own copies.

>>> number(3.5), number(1234.5, 1, thousands=True), number(None)
('3,5', '1.234,5', '–')
>>> join_and(["Kita", "Schule", "Jobcenter"]), join_or(["ID", "Name"])
('Kita, Schule und Jobcenter', 'ID oder Name')
>>> enumerate_names(["A", "B", "C", "D"], limit=2), quote("Kita")
('A, B und 2 weitere', '„Kita“')
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

__all__ = ["date_text", "enumerate_names", "join_and", "join_or", "number", "quote"]


def number(value: float | int | None, digits: int | None = None, *, sign: bool = False,
           thousands: bool = False, none: str = "–") -> str:
    """A number the German way: decimal comma, optional sign and thousands points.

    ``digits`` fixes the decimals; without it the shortest form is used (``3,5``, ``12``).
    ``None`` and NaN give ``none``.

    >>> number(0.25, 2, sign=True), number(12.0), number(float("nan"))
    ('+0,25', '12', '–')
    """
    if value is None or value != value:  # None or NaN
        return none
    spec = f"{'+' if sign else ''}{',' if thousands else ''}"
    text = f"{value:{spec}.{digits}f}" if digits is not None else f"{value:{spec}g}"
    if thousands:
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text.replace(".", ",")


def date_text(value: date | datetime | None, none: str = "–") -> str:
    """``01.03.2019``; ``none`` for no date.

    >>> date_text(date(2019, 3, 1))
    '01.03.2019'
    """
    return value.strftime("%d.%m.%Y") if value is not None else none


def join_and(items: Sequence[str]) -> str:
    """„A“, „A und B“, „A, B und C“ (empty text for no items)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " und " + items[-1]


def join_or(items: Sequence[str]) -> str:
    """„A“, „A oder B“, „A, B oder C“ (empty text for no items)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " oder " + items[-1]


def enumerate_names(names: Sequence[str], *, limit: int = 5, total: int | None = None,
                    others: str = "weitere", quoted: bool = False, none: str = "–") -> str:
    """„A, B und C“ or, beyond ``limit``, „A, B und 7 weitere“.

    ``total`` is the full count when ``names`` is already a sample; ``others`` the word for
    the rest (``"weiteren"`` after a dative); ``quoted`` puts each name in „…“.

    >>> enumerate_names(["A", "B"], total=9), enumerate_names(["A"], quoted=True)
    ('A, B und 7 weitere', '„A“')
    """
    shown = [quote(n) if quoted else n for n in names]
    count = max(total or 0, len(shown))
    if not shown:
        return none
    if count <= limit and len(shown) == count:
        return join_and(shown)
    shown = shown[:limit]
    return ", ".join(shown) + f" und {count - len(shown)} {others}"


def quote(text: object) -> str:
    """German quotation marks: „text“."""
    return f"„{text}“"
