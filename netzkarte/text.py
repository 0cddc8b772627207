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
>>> count_noun(1, "weiterer Befund", "weitere Befunde")
'1 weiterer Befund'
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

__all__ = ["column_letter", "count_noun", "date_text", "enumerate_names", "join_and",
           "join_or", "number", "quote"]


def number(value: object, digits: int | None = None, *, sign: bool = False,
           thousands: bool = False, whole: bool = False, trim: bool = False,
           minus: str = "-", none: str = "–") -> str:
    """A number the German way: decimal comma, optional sign and thousands points.

    ``digits`` fixes the decimals; without it the shortest form is used (``3,5``, ``12``).
    ``None`` and NaN give ``none``; other values are read as a float (``"2.5"``, a numpy
    number), and what is no number is shown as text.

    ``whole`` writes a whole number of 1 or more (in amount) without decimals (a count
    ``12``, a ratio ``0,00``); ``trim`` drops trailing zeros of the decimals, writes zero as
    a plain ``0`` (no sign) and a value too small for ``digits`` with two significant
    digits. ``minus`` is the minus sign (``"\u2212"`` in tables set in a proportional font).

    >>> number(0.25, 2, sign=True), number(12.0), number(float("nan"))
    ('+0,25', '12', '–')
    >>> import pandas as pd; number(pd.NA)
    '–'
    >>> number(12.0, 2, whole=True), number(0.0, 2, whole=True), number(0.5, 2, whole=True)
    ('12', '0,00', '0,50')
    >>> number(0.1318, 3, trim=True), number(1473, 3, thousands=True, trim=True)
    ('0,132', '1.473')
    >>> number(0.0004, 3, trim=True, sign=True), number(-2.5, 3, trim=True, minus="\u2212")
    ('+0,0004', '\u22122,5')
    """
    if value is None or type(value).__name__ == "NAType":  # pandas' NA: "k. A." typed
        return none
    if not isinstance(value, int | float):
        try:
            value = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return str(value)
    if value != value:  # NaN
        return none
    if whole and digits is not None and abs(value) >= 1 and float(value).is_integer():
        digits = 0
    spec = f"{'+' if sign else ''}{',' if thousands else ''}"
    text = f"{value:{spec}.{digits}f}" if digits is not None else f"{value:{spec}g}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
        if text.lstrip("+-") == "0":
            text = "0" if value == 0 else f"{value:{'+' if sign else ''}.2g}"
    if thousands:
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    else:
        text = text.replace(".", ",")
    return text.replace("-", minus) if minus != "-" else text


def date_text(value: date | datetime | None, none: str = "–", *, time: str = "") -> str:
    """``01.03.2019``; ``none`` for no date. ``time`` is the ``strftime`` format of the
    clock time that follows the date (``" %H:%M"``, ``", %H:%M Uhr"``).

    >>> date_text(date(2019, 3, 1)), date_text(datetime(2019, 3, 1, 9, 5), time=", %H:%M Uhr")
    ('01.03.2019', '01.03.2019, 09:05 Uhr')
    """
    return value.strftime("%d.%m.%Y" + time) if value is not None else none


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


def count_noun(count: int, singular: str, plural: str) -> str:
    """A count with the word in the number it needs: „1 Komponente“, „2 Komponenten“.

    >>> count_noun(1, "Steuerungsgremium", "Steuerungsgremien"), count_noun(0, "Teilnetz",
    ...                                                                     "Teilnetze")
    ('1 Steuerungsgremium', '0 Teilnetze')
    """
    return f"{count} {singular if count == 1 else plural}"


def enumerate_names(names: Sequence[str], *, limit: int = 5, total: int | None = None,
                    others: str = "weitere", other: str | None = None, quoted: bool = False,
                    none: str = "–") -> str:
    """„A, B und C“ or, beyond ``limit``, „A, B und 7 weitere“.

    ``total`` is the full count when ``names`` is already a sample; ``others`` the word for
    the rest (``"weiteren"`` after a dative); ``quoted`` puts each name in „…“. One name
    beyond ``limit`` is named rather than counted („A, B und C“, never „A, B und 1
    weitere“); when it is not at hand (a sample), ``other`` is the singular word for it
    (``"weiterer Eintrag"``; by default ``others``, right after a dative).

    >>> enumerate_names(["A", "B"], total=9), enumerate_names(["A"], quoted=True)
    ('A, B und 7 weitere', '„A“')
    >>> enumerate_names(["A", "B", "C"], limit=2), enumerate_names(["A"], total=2,
    ...                                                            other="weiterer Eintrag")
    ('A, B und C', 'A und 1 weiterer Eintrag')
    """
    shown = [quote(n) if quoted else n for n in names]
    count = max(total or 0, len(shown))
    if not shown:
        return none
    if count <= limit + 1 and len(shown) == count:
        return join_and(shown)
    shown = shown[:limit]
    rest = count - len(shown)
    return ", ".join(shown) + f" und {rest} {other or others if rest == 1 else others}"


def quote(text: object) -> str:
    """German quotation marks: „text“."""
    return f"„{text}“"


def column_letter(index: int) -> str:
    """The letters of a 0-based column index as Excel names columns: A … Z, AA, AB ….

    Messages say „Spalte AB“, and anonymous labels count „Kommune A“ … „Kommune AA“ the same
    way.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(16383)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
