"""Tolerant parsing of single spreadsheet cells: text, IDs, numbers, dates, flags, enums.

Administrators type what they are used to: ``" 12 "``, ``12.0`` for an ID, ``3,5`` with a
decimal comma, ``01.03.2019`` or ``2019-03-01`` or a real date cell, ``x`` for yes,
``Kita; Grundschule`` or one value per line. These helpers turn one raw cell value (as the
Excel reader or a list of row dicts delivers it) into the typed value, or say that they
cannot. They never raise for bad content; the caller (:mod:`netzkarte.io.build`) turns
``None`` into an issue with row and column.

>>> cell_text(12.0), cell_text("  Kita Nord "), cell_text(float("nan"))
('12', 'Kita Nord', None)
>>> parse_number("3,5", integer=False), parse_number("1.200", integer=True)
(3.5, 1200)
>>> parse_date("01.03.2019")
(datetime.date(2019, 3, 1), False)
>>> split_multi("Kita; Grundschule | Hort\\nOGS")
['Kita', 'Grundschule', 'Hort', 'OGS']
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TypeVar

from netzkarte.vocab import Strength, Term, parse_bool

__all__ = [
    "cell_text",
    "display",
    "is_blank",
    "parse_date",
    "parse_flag",
    "parse_number",
    "parse_strength",
    "parse_term",
    "split_multi",
]

T = TypeVar("T", bound=Term)

_MULTI_SPLIT = re.compile(r"\s*(?:;|\||\r\n|\n|\r)\s*")
_GERMAN_DATE = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]*)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
_SPACES = str.maketrans("", "", " \u00a0\u202f'")
_EXCEL_EPOCH = date(1899, 12, 30)


def is_blank(value: object) -> bool:
    """``True`` for an empty cell: ``None``, NaN/NaT, or only white space.

    >>> is_blank(None), is_blank("  "), is_blank(0)
    (True, True, False)
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(value != value)  # NaN and NaT are not equal to themselves
    except (TypeError, ValueError):  # pandas.NA refuses bool(); nothing else should
        return type(value).__name__ == "NAType"


def cell_text(value: object) -> str | None:
    """The cell as stripped text, ``None`` when blank.

    Whole numbers lose their ``.0`` (an ID typed as a number, ``12.0`` → ``"12"``); dates
    are written the German way.

    >>> cell_text(3.25), cell_text(datetime(2019, 3, 1))
    ('3.25', '01.03.2019')
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        if value != value:  # NaT
            return None
        if value.hour or value.minute or value.second:
            return value.strftime("%d.%m.%Y %H:%M")
        return value.strftime("%d.%m.%Y")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if is_blank(value):
        return None
    return str(value).strip() or None


def display(value: object) -> str:
    """How a raw value is quoted in a message (``12.0`` shows as ``12``)."""
    return cell_text(value) or ""


def split_multi(text: str) -> list[str]:
    """Split a multi-value cell at ``;``, ``|`` or line breaks; drop empty parts."""
    return [part for part in _MULTI_SPLIT.split(text.strip()) if part]


def parse_number(value: object, *, integer: bool) -> int | float | None:
    """A number from a numeric cell or text with decimal comma; ``None`` if it is none.

    Accepts ``3,5``, ``3.5``, ``1.234,5``, ``1 200``; for whole-number columns also the
    German thousands point (``1.200`` → 1200). Non-integral values in a whole-number
    column are rejected.
    """
    number: float
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        number = value
    else:
        text = str(value).strip().translate(_SPACES)
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif integer and _THOUSANDS.fullmatch(text):
            text = text.replace(".", "")
        try:
            number = float(text)
        except ValueError:
            return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    if integer:
        return int(number) if number.is_integer() else None
    return number


def parse_date(value: object) -> tuple[date | None, bool]:
    """``(date, guessed)`` from a date cell, ``01.03.2019``, ``1.3.19`` or ISO text.

    ``guessed`` is ``True`` when the reading needed a guess: a two-digit year or a bare
    Excel serial number (a date cell that lost its format). ``(None, False)`` means the
    value is no date.
    """
    if isinstance(value, datetime):
        return value.date(), False
    if isinstance(value, date):
        return value, False
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20_000 <= value <= 80_000 and float(value).is_integer():  # 1954 … 2119
            return _EXCEL_EPOCH + timedelta(days=int(value)), True
        return None, False
    text = str(value).strip()
    match = _GERMAN_DATE.fullmatch(text)
    guessed = False
    if match:
        day, month, year_text = match.groups()
        year = int(year_text)
        if len(year_text) == 2:
            year += 2000 if year <= 69 else 1900
            guessed = True
        parts = (year, int(month), int(day))
    else:
        match = _ISO_DATE.fullmatch(text)
        if not match:
            return None, False
        parts = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    try:
        return date(*parts), guessed
    except ValueError:
        return None, False


@lru_cache(maxsize=4096)
def _flag(text: str) -> bool | None:
    return parse_bool(text)


def parse_flag(value: object) -> bool | None:
    """``ja/nein/x/1/0/true/false`` → bool (cached); ``None`` when neither."""
    if isinstance(value, bool | int | float):
        return parse_bool(value)
    return _flag(str(value))


@lru_cache(maxsize=16384)
def _term(enum: type[Term], text: str) -> Term | None:
    return enum.parse(text)


def parse_term(enum: type[T], value: object) -> T | None:
    """``enum.parse`` with a cache: a column repeats the same few spellings many times."""
    return _term(enum, value if isinstance(value, str) else display(value))  # type: ignore[return-value]


@lru_cache(maxsize=1024)
def _strength(value: str) -> Strength | None:
    return Strength.parse(value)


def parse_strength(value: object) -> Strength | None:
    """Tie strength 1–4 or its word (cached)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Strength.parse(value)
    return _strength(str(value))
