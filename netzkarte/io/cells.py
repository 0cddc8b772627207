"""Tolerant parsing of single spreadsheet cells: text, IDs, numbers, dates, flags, enums.

Administrators type what they are used to: ``" 12 "``, ``12.0`` for an ID, ``3,5`` with a
decimal comma, ``01.03.2019`` or ``2019-03-01`` or a real date cell, ``x`` for yes,
``Kita; Grundschule`` or one value per line, ``k. A.`` for "don't know", ``Herbst 2021`` for
a date, ``ca. 15`` or ``monatlich`` for a number, ``0–16 Jahre`` for life phases. These
helpers turn one raw cell value (as the Excel reader or a list of row dicts delivers it)
into the typed value, or say that they cannot, and say when the reading was a guess. They
never raise for bad content; the caller (:mod:`netzkarte.io.columns`) turns ``None`` into
an issue with row and column, and a guess into a warning that names the value taken.

>>> cell_text(12.0), cell_text("  Kita Nord "), cell_text(float("nan"))
('12', 'Kita Nord', None)
>>> parse_number("3,5", integer=False), parse_number("1.200", integer=True)
(3.5, 1200)
>>> parse_date("01.03.2019"), parse_date("Herbst 2021")
((datetime.date(2019, 3, 1), ''), (datetime.date(2021, 9, 1), 'Jahreszeit: ihr erster Monat'))
>>> read_number("14-tägig", integer=False, per_year=True)
(26.0, 'Sitzungsrhythmus: 26-mal im Jahr')
>>> read_number("monatl.", integer=False, per_year=True)
(12.0, 'Sitzungsrhythmus: 12-mal im Jahr')
>>> split_multi("Kita; Grundschule | Hort\\nOGS")
['Kita', 'Grundschule', 'Hort', 'OGS']
>>> is_missing("k. A."), is_missing("–"), is_missing("Kita")
(True, True, False)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple, TypeVar

from netzkarte.vocab import LIFE_PHASE_ORDER, LifePhase, Strength, Term, fold, parse_bool
from netzkarte.vocab.terms import LIFE_PHASE_GROUPS

__all__ = [
    "CONTROL_CHARACTERS",
    "LIFE_PHASE_AGES",
    "MISSING_MARKERS",
    "SERIAL_NOTE",
    "SERIAL_RANGE",
    "MultiReading",
    "cell_text",
    "char_name",
    "display",
    "excel_serial_date",
    "is_blank",
    "is_missing",
    "normalise_id",
    "parse_date",
    "parse_flag",
    "parse_number",
    "parse_strength",
    "parse_term",
    "phases_for_ages",
    "read_flag",
    "read_life_phases",
    "read_multi",
    "read_number",
    "read_term",
    "split_multi",
    "visible_controls",
]

T = TypeVar("T", bound=Term)

_MULTI_SPLIT = re.compile(r"\s*(?:;|\||\r\n|\n|\r)\s*")
_WEAK_SPLIT = re.compile(r"\s*[/,+&]\s*|\s+(?:und|u\.|sowie)\s+")
# a list bullet, but not the "1." of "1. Lebensjahr" or "1. Klasse"
_BULLET = re.compile(r"^(?:[-–—•·*▪]|\d+[.)])\s+(?!(?:lebensjahr|klasse|schuljahr|jahrgang|"
                     r"halbjahr|quartal)\b)", re.I)
_GERMAN_DATE = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]*)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+")
_SPACES = str.maketrans("", "", " \u00a0\u202f'")
_EXCEL_EPOCH = date(1899, 12, 30)
SERIAL_RANGE = (21_916, 58_440)
"""Excel serial numbers read as days in a date column: 01.01.1960 … 31.12.2059."""
SERIAL_NOTE = "Excel-Datumszahl, Tage seit dem 1.1.1900"
"""The note :func:`parse_date` gives for a whole number read as an Excel serial."""
_SERIAL_TEXT = re.compile(r"\d{5}(?:\.0+)?")
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit (str.isalnum), for any script
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")

MISSING_MARKERS: frozenset[str] = frozenset("".join(w.casefold().split()) for w in (
    "k. A.", "k. A", "keine Angabe", "keine Angaben", "unbekannt", "nicht bekannt", "n. b.",
    "n. b", "entfällt", "entfaellt", "entf.", "n. a.", "n/a", "nicht zutreffend", "keine"))
"""What people write for "don't know" or "does not apply", lower case without spaces.
Abbreviations count only with their dots (``NB`` or ``KA`` may be a real text); text made
only of punctuation (``-``, ``–``, ``—``, ``?``, ``/``) is a missing marker, too."""


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


@lru_cache(maxsize=4096)
def is_missing(text: str) -> bool:
    """``True`` for a missing marker: ``k. A.``, ``keine Angabe``, ``unbekannt``, ``n. b.``,
    ``entfällt``, ``–``, ``?`` … (an optional cell written this way counts as empty).

    In a ja/nein column a dash alone still means nein (:func:`parse_flag` is asked first).
    """
    if len(text) > 24:
        return False
    if "".join(text.casefold().split()) in MISSING_MARKERS:  # (every marker has letters)
        return True
    return _ALNUM.search(text) is None and bool(text.strip())  # only punctuation: "–", "?"


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


# characters that show nothing: zero-width space/joiners, BOM, soft hyphen, direction marks
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]")
# spaces other than the plain one (U+0020): no-break, thin, ideographic …
_OTHER_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_CHAR_NAMES = {"\u00a0": "geschütztes Leerzeichen", "\u202f": "schmales geschütztes Leerzeichen",
               "\u200b": "Leerzeichen ohne Breite", "\u200c": "Bindungsverhinderer",
               "\u200d": "Verbinder ohne Breite", "\u2060": "Wortverbinder",
               "\ufeff": "Byte-Order-Mark (BOM)", "\u00ad": "weiches Trennzeichen",
               "\u200e": "Schreibrichtungszeichen", "\u200f": "Schreibrichtungszeichen"}


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters no text cell should hold: control characters except tab and line breaks
(U+0000–U+001F, U+007F–U+009F) and what XML cannot hold at all (lone surrogates, U+FFFE,
U+FFFF). GraphML, GEXF and .xlsx are XML: one such character makes the whole file
unreadable."""


def visible_controls(text: str) -> str:
    """The text with each control character shown as ``[U+0007]`` (for messages).

    >>> visible_controls("Kita\\x07Nord")
    'Kita[U+0007]Nord'
    """
    return CONTROL_CHARACTERS.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def char_name(ch: str) -> str:
    """``geschütztes Leerzeichen (U+00A0)``: how a message names an invisible character."""
    name = _CHAR_NAMES.get(ch) or unicodedata.name(ch, "Steuerzeichen")
    return f"{name} (U+{ord(ch):04X})"


def normalise_id(text: str) -> tuple[str, list[str]]:
    """An ID as it is compared, and what was changed to get there (German, for a warning).

    Letters composed of several code points (``e`` + combining accent, as macOS and some
    web forms write them) are composed (Unicode NFC), invisible characters (zero-width
    space and joiners, BOM, soft hyphen) are removed, other spaces (no-break, thin …)
    become plain spaces, and the result is trimmed. Plain ASCII text is returned as is.

    >>> normalise_id("K\u00a01")
    ('K 1', ['geschütztes Leerzeichen (U+00A0) als Leerzeichen gelesen'])
    >>> normalise_id("\ufeffA-07\u200b")[0], normalise_id("Caf\u0065\u0301")[0] == "Café"
    ('A-07', True)
    """
    if text.isascii():
        return text, []
    changes: list[str] = []
    composed = unicodedata.normalize("NFC", text)
    if composed != text:
        changes.append("Buchstaben mit getrennt gespeichertem Akzent (Unicode NFD) "
                       "zusammengesetzt")
        text = composed
    hidden = dict.fromkeys(_INVISIBLE.findall(text))
    if hidden:
        text = _INVISIBLE.sub("", text)
        changes.append(", ".join(map(char_name, hidden)) + " entfernt")
    spaces = dict.fromkeys(_OTHER_SPACES.findall(text))
    if spaces:
        text = _OTHER_SPACES.sub(" ", text)
        changes.append(", ".join(map(char_name, spaces)) + " als Leerzeichen gelesen")
    return text.strip(), changes


def display(value: object) -> str:
    """How a raw value is quoted in a message (``12.0`` shows as ``12``)."""
    return cell_text(value) or ""


def split_multi(text: str) -> list[str]:
    """Split a multi-value cell at ``;``, ``|`` or line breaks; drop empty parts.

    (References and free-text lists split only here; controlled values also at ``/`` and
    ``,``, see :func:`read_multi`.)
    """
    return [part for part in _MULTI_SPLIT.split(text.strip()) if part]


def _plain(text: str) -> str:
    """Lower case, one kind of dash, single spaces: the form the patterns below match."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).casefold()
    return " ".join(text.split())


# --- numbers --------------------------------------------------------------------------------


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


_NUM = r"[+-]?\d{1,3}(?:[.\u00a0\u202f' ]\d{3})+(?:,\d+)?|[+-]?\d+(?:[.,]\d+)?"
# units that only repeat what the column means: read without a warning
_UNITS = (r"%|prozent|€|eur|euro|plätze|platz|personen|teilnehmende|teilnehmer(?:innen)?|tn"
          r"|kinder|familien|einwohner(?:innen)?|ew|sitzungen|treffen|termine|°")
_WITH_UNIT = re.compile(rf"({_NUM})\s*(?:{_UNITS})\.?")
_ABOUT = re.compile(rf"(ca\.?|circa|zirka|etwa|rund|ungefähr|geschätzt|~|≈|über|mehr als|>|"
                    rf"mind\.?|mindestens|knapp|bis zu|max\.?|maximal|höchstens|unter|"
                    rf"weniger als|<)\s*({_NUM})\s*(?:(?:{_UNITS})\.?)?")
_SPAN = re.compile(rf"(?:ca\.?\s*)?({_NUM})\s*(?:-|bis|/)\s*({_NUM})\s*(?:(?:{_UNITS})\.?)?")
_LEADING = re.compile(rf"({_NUM})(?=[\s(]|$)\s*\(?(.*?)\)?")
_COUNT_WORDS = {"ein": 1, "eine": 1, "einmal": 1, "zwei": 2, "drei": 3, "vier": 4,
                "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10,
                "elf": 11, "zwölf": 12}
_PER = {"jahr": 1, "jährlich": 1, "halbjahr": 2, "halbjährlich": 2, "quartal": 4,
        "vierteljahr": 4, "vierteljährlich": 4, "quartalsweise": 4, "monat": 12,
        "monatlich": 12, "woche": 52, "wöchentlich": 52}
_RHYTHM = re.compile(
    r"(?:ca\.?\s*)?(\d+|" + "|".join(_COUNT_WORDS) + r")\s*-?\s*(?:(x|mal)\.?)?\s*"
    r"(?:(?:pro|im|je|in der|in einem|per|/)\s*)?(" + "|".join(_PER) + r")?")
_RHYTHM_WORDS: dict[str, int] = {fold(w): n for n, words in (
    (52, ("wöchentlich", "jede Woche", "einmal pro Woche", "einmal in der Woche")),
    (26, ("14-tägig", "14tägig", "vierzehntägig", "zweiwöchentlich", "2-wöchentlich",
          "zweiwöchig", "alle zwei Wochen", "alle 2 Wochen", "alle 14 Tage")),
    (12, ("monatlich", "jeden Monat", "einmal im Monat", "einmal pro Monat")),
    (6, ("zweimonatlich", "2-monatlich", "alle zwei Monate", "alle 2 Monate")),
    (4, ("vierteljährlich", "quartalsweise", "quartalsmäßig", "jedes Quartal",
         "einmal im Quartal", "einmal pro Quartal", "dreimonatlich", "alle drei Monate",
         "alle 3 Monate")),
    (2, ("halbjährlich", "zweimal jährlich", "zweimal im Jahr", "sechsmonatlich",
         "alle sechs Monate", "alle 6 Monate")),
    (1, ("jährlich", "einmal jährlich", "einmal im Jahr", "einmal pro Jahr")),
) for w in words}
# "monatl.", "vierteljährl", "mtl.", "quartalsw.": the rhythm words as they are shortened
_RHYTHM_SHORT = re.compile(r"\b((?:halb|viertel)?jähr|(?:zwei)?monat|(?:zwei|vierzehn)?wöchent)"
                           r"l\b\.?|\bmtl\b\.?|\bquartalsw\b\.?")
_RHYTHM_LONG = {"mtl": "monatlich", "quartalsw": "quartalsweise"}
_EVERY = re.compile(r"(?:ca\.?\s*)?(?:alle|jede)\s+(\d+|" + "|".join(_COUNT_WORDS) + r")\.?"
                    r"(?:\s*(?:-|bis)\s*(\d+|" + "|".join(_COUNT_WORDS) + r"))?\.?\s*"
                    r"(wochen?|monate?|tage?)")
_PER_UNIT = {"woche": 52, "wochen": 52, "monat": 12, "monate": 12, "tag": 365, "tage": 365}
_UNIT_WORD = {52: "Wochen", 12: "Monate", 365: "Tage"}


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _COUNT_WORDS[word]


def _rhythm(text: str) -> tuple[int | None, str]:
    """Meetings per year of a rhythm (``monatlich``, ``monatl.``, ``4x im Jahr``, ``alle
    6–8 Wochen``) in plain text, and the note that says how it was read."""
    text = _RHYTHM_SHORT.sub(lambda m: (m.group(1) + "lich") if m.group(1)
                             else _RHYTHM_LONG[m.group().rstrip(".")], text)
    count = _RHYTHM_WORDS.get(fold(text))
    if count is None:
        match = _RHYTHM.fullmatch(text)
        if match and (match.group(2) or match.group(3)):  # "4x", "4 pro Monat"
            times, _, per = match.groups()
            count = _count(times) * _PER.get(per, 1)
    if count is not None:
        return count, f"Sitzungsrhythmus: {count}-mal im Jahr"
    match = _EVERY.fullmatch(text)
    if match is None:
        return None, ""
    first, last = _count(match.group(1)), _count(match.group(2) or match.group(1))
    units = _PER_UNIT[match.group(3)]
    if not 0 < first <= last:
        return None, ""
    exact = units / ((first + last) / 2)
    count = max(1, int(exact + 0.5))
    every = f"alle {first}" + (f" bis {last}" if last != first else "")
    if count == exact:
        return count, f"Sitzungsrhythmus: {every} {_UNIT_WORD[units]}, {count}-mal im Jahr"
    return count, f"Sitzungsrhythmus: {every} {_UNIT_WORD[units]}, etwa {count}-mal im Jahr"


def _german(number: float) -> str:
    """``11.5`` → ``"11,5"``, ``12.0`` → ``"12"``."""
    if float(number).is_integer():
        return str(int(number))
    return f"{number:.6g}".replace(".", ",")


def _whole(number: float, integer: bool) -> int | float | None:
    if not integer:
        return number
    return int(number) if float(number).is_integer() else None


def read_number(value: object, *, integer: bool, per_year: bool = False
                ) -> tuple[int | float | None, str]:
    """``(number, note)`` from a cell that may carry words and units besides the number.

    ``note`` is empty when the number is plain (``12``, ``3,5``, ``12 Plätze``, ``31,4 %``)
    and otherwise says how it was read: ``ca. 15`` and ``über 20`` as 15 and 20, a range
    ``10–12`` as its middle, and with ``per_year`` (*Sitzungen pro Jahr*) a rhythm such as
    ``monatlich`` or ``monatl.`` (12), ``14-tägig`` (26), ``3x im Quartal`` (12) or ``alle
    6–8 Wochen`` (about 7). ``(None, "")`` when nothing is readable (``nach Bedarf``).

    >>> read_number("ca. 15", integer=True), read_number("10–12", integer=True)
    ((15, 'ungefähre Angabe'), (11, 'Spanne 10 bis 12: die Mitte'))
    >>> read_number("2x jährlich", integer=False, per_year=True)
    (2.0, 'Sitzungsrhythmus: 2-mal im Jahr')
    """
    number = parse_number(value, integer=integer)
    if number is not None or not isinstance(value, str):
        return number, ""
    text = _plain(value)
    if per_year:
        count, note = _rhythm(text)
        if count is not None:
            return (count if integer else float(count)), note
    match = _WITH_UNIT.fullmatch(text)
    if match:
        return parse_number(match.group(1), integer=integer), ""
    match = _ABOUT.fullmatch(text)
    if match:
        word, token = match.groups()
        found = parse_number(token, integer=integer)
        bound = {"über": "mindestens", "mehr als": "mindestens", ">": "mindestens",
                 "unter": "höchstens", "weniger als": "höchstens", "<": "höchstens"}
        kind = bound.get(word, "Grenze" if word.startswith(("mind", "bis", "max", "höch"))
                         else "ungefähre Angabe")
        return found, kind
    match = _SPAN.fullmatch(text)
    if match:
        low = parse_number(match.group(1), integer=False)
        high = parse_number(match.group(2), integer=False)
        if low is not None and high is not None and low <= high:
            middle = (low + high) / 2
            if integer:
                middle = float(int(middle + 0.5))
            return (_whole(middle, integer),
                    f"Spanne {_german(low)} bis {_german(high)}: die Mitte")
    match = _LEADING.fullmatch(text)
    if match and match.group(2):
        found = parse_number(match.group(1), integer=integer)
        if found is not None:
            return found, "der Text nach der Zahl wird übergangen"
    return None, ""


# --- dates ----------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _n, _names in enumerate((
        ("januar", "jan", "jänner", "jän", "january"), ("februar", "feb", "febr", "february"),
        ("märz", "maerz", "mär", "mrz", "marz", "march", "mar"), ("april", "apr"),
        ("mai", "may"), ("juni", "jun", "june"), ("juli", "jul", "july"), ("august", "aug"),
        ("september", "sep", "sept"), ("oktober", "okt", "october", "oct"),
        ("november", "nov"), ("dezember", "dez", "december", "dec")), start=1):
    for _name in _names:
        _MONTHS[_name] = _n
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_SEASONS = {"frühjahr": 3, "frühling": 3, "sommer": 6, "herbst": 9, "winter": 12}
_DATE_PREFIX = re.compile(r"(?:(?:stand|datum)\s*:?\s*|(?:seit|ab|ca\.?|circa|etwa|ungefähr|"
                          r"vermutlich|im|am)\s+)(?:(?:dem|der|den|vom)\s+)?")
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})\.?\s*" + _MONTH + r"\s*(\d{4})")
_YEAR = re.compile(r"(\d{4})")
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{4})|(\d{4})-(\d{1,2})")
_MONTH_NAME_YEAR = re.compile(_MONTH + r"\s*['’]?(\d{4}|\d{2})")
_SEASON = re.compile(r"(" + "|".join(_SEASONS) + r")\s*['’]?(\d{4}|\d{2})"
                     r"(?:\s*/\s*(\d{2}|\d{4}))?")
_SCHOOL_YEAR = re.compile(r"(?:(?:schuljahr|sj|kitajahr|kindergartenjahr)\.?\s*)?"
                          r"(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})")
_PART_OF_YEAR = re.compile(r"(?:([12])\.\s*halbjahr|([1-4])\.\s*quartal|q([1-4])|"
                           r"(anfang|mitte|ende))\s*(\d{4})")


_TWO_DIGITS = {2: ", zweistellige Jahreszahl", 4: ""}


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= 69 else 1900
    return year


def parse_date(value: object) -> tuple[date | None, str]:
    """``(date, note)`` from a date cell or the ways people write dates.

    ``note`` is empty for an exact date (a date cell, ``01.03.2019``, ``2019-03-01``,
    ``1. März 2019``) and otherwise says which day was taken for an incomplete one: a year
    alone (``2018``, also as a number) is its 1 January, a month (``03/2020``, ``März
    2020``, ``Mrz. 2020``) its first day, a season (``Herbst 2021``, ``Winter 2019/20``)
    its first month, a school year (``Schuljahr 2019/20``, ``SJ 2019/2020``) its start on
    1 August; ``seit``/``ab`` or a label ``Stand:`` in front change nothing. A two-digit
    year (``Sommer 21``, ``01.03.19``) is a guess, too, and so is a whole number of five
    digits, as a number or as text, between 21916 and 58440: the Excel serial number of a
    day from 1960 to 2059 (1900 date system, ``43466`` is 01.01.2019) that a system wrote
    without a date format. ``(None, "")`` means the value is no date.

    >>> parse_date("SJ 2019/2020")
    (datetime.date(2019, 8, 1), 'Schuljahr: sein Beginn am 1. August')
    >>> parse_date(2018)
    (datetime.date(2018, 1, 1), 'nur das Jahr: der 1. Januar')
    >>> parse_date("43466")
    (datetime.date(2019, 1, 1), 'Excel-Datumszahl, Tage seit dem 1.1.1900')
    """
    if isinstance(value, datetime):
        return value.date(), ""
    if isinstance(value, date):
        return value, ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value != value or not float(value).is_integer():
            return None, ""
        if 1900 <= value <= 2199:  # a year, not the serial number of a day in 1905
            return date(int(value), 1, 1), "nur das Jahr: der 1. Januar"
        return _serial(int(value))
    text = _plain(str(value))
    if _SERIAL_TEXT.fullmatch(text):  # a serial number exported as text ("43466")
        return _serial(int(float(text)))
    while True:
        match = _DATE_PREFIX.match(text)
        if not match:
            break
        text = text[match.end():]
    try:
        return _date_text(text)
    except ValueError:  # 31.02., month 13 …
        return None, ""


def excel_serial_date(serial: int) -> date | None:
    """The day an Excel serial number of the 1900 date system stands for.

    Excel counts 1 for 01.01.1900 and keeps the 29 February 1900 of Lotus 1-2-3 that never
    was (serial 60): from serial 61 on, the days are counted from 30.12.1899; below 60
    from 31.12.1899. ``None`` for 60 and numbers below 1.

    >>> excel_serial_date(43466), excel_serial_date(59), excel_serial_date(61)
    (datetime.date(2019, 1, 1), datetime.date(1900, 2, 28), datetime.date(1900, 3, 1))
    """
    if serial < 1 or serial == 60:
        return None
    return _EXCEL_EPOCH + timedelta(days=serial if serial > 60 else serial + 1)


def _serial(serial: int) -> tuple[date | None, str]:
    """A whole number in the range of plausible days (1960 … 2059) as the day it counts."""
    if not SERIAL_RANGE[0] <= serial <= SERIAL_RANGE[1]:
        return None, ""
    return excel_serial_date(serial), SERIAL_NOTE


def _date_text(text: str) -> tuple[date | None, str]:
    match = _GERMAN_DATE.fullmatch(text)
    if match:
        day, month, year_text = match.groups()
        return (date(_year(year_text), int(month), int(day)),
                "zweistellige Jahreszahl" if len(year_text) == 2 else "")
    match = _ISO_DATE.fullmatch(text)
    if match:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))), ""
    match = _DAY_MONTH_NAME.fullmatch(text)
    if match:
        return date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1))), ""
    match = _YEAR.fullmatch(text)
    if match and 1900 <= int(text) <= 2199:
        return date(int(text), 1, 1), "nur das Jahr: der 1. Januar"
    match = _MONTH_YEAR.fullmatch(text)
    if match:
        month, year = ((match.group(1), match.group(2)) if match.group(1)
                       else (match.group(4), match.group(3)))
        return date(int(year), int(month), 1), "Monat und Jahr: der Monatserste"
    match = _MONTH_NAME_YEAR.fullmatch(text)
    if match:
        return (date(_year(match.group(2)), _MONTHS[match.group(1)], 1),
                "Monat und Jahr: der Monatserste" + _TWO_DIGITS[len(match.group(2))])
    match = _SEASON.fullmatch(text)
    if match:
        season, year = match.group(1), _year(match.group(2))
        return (date(year, _SEASONS[season], 1),
                "Jahreszeit: ihr erster Monat" + _TWO_DIGITS[len(match.group(2))])
    match = _SCHOOL_YEAR.fullmatch(text)
    if match:
        first, second = _year(match.group(1)), _year(match.group(2))
        if second % 100 == (first + 1) % 100:
            return date(first, 8, 1), "Schuljahr: sein Beginn am 1. August"
        return None, ""
    match = _PART_OF_YEAR.fullmatch(text)
    if match:
        half, quarter, q, part, year = match.groups()
        if half:
            month, note = (1 if half == "1" else 7), "Halbjahr: sein erster Monat"
        elif quarter or q:
            month, note = 3 * int(quarter or q) - 2, "Quartal: sein erster Monat"
        else:
            month = {"anfang": 1, "mitte": 7, "ende": 12}[part]
            note = "Anfang: Januar, Mitte: Juli, Ende: Dezember"
        return date(int(year), month, 1), note
    return None, ""


# --- flags, terms, strength -----------------------------------------------------------------

_FLAG_LEAD = re.compile(r"(ja|nein|yes|no)\b[\s,;:.(–-]+\S.*", re.S)


@lru_cache(maxsize=4096)
def _flag(text: str) -> bool | None:
    return parse_bool(text)


def parse_flag(value: object) -> bool | None:
    """``ja/nein/x/1/0/true/false`` → bool (cached); ``None`` when neither."""
    if isinstance(value, bool | int | float):
        return parse_bool(value)
    return _flag(str(value))


def read_flag(value: object) -> tuple[bool | None, str]:
    """``(flag, note)``: :func:`parse_flag`, and ``ja, seit 2019`` read as ja with a note.

    >>> read_flag("nein (geplant)")
    (False, 'nur das erste Wort')
    """
    flag = parse_flag(value)
    if flag is not None or not isinstance(value, str):
        return flag, ""
    match = _FLAG_LEAD.fullmatch(value.strip().casefold())
    if match:
        return match.group(1) in ("ja", "yes"), "nur das erste Wort"
    return None, ""


@lru_cache(maxsize=16384)
def _term(enum: type[Term], text: str) -> Term | None:
    return enum.parse(text)


def parse_term(enum: type[T], value: object) -> T | None:
    """``enum.parse`` with a cache: a column repeats the same few spellings many times."""
    return _term(enum, value if isinstance(value, str) else display(value))  # type: ignore[return-value]


_ABBREVIATION = re.compile(r"[^\W\d_]{3,}\.?")


@lru_cache(maxsize=4096)
def _abbreviated(enum: type[Term], text: str) -> Term | None:
    key = fold(text)
    labels = [(m, (m.label,)) for m in enum]
    spellings = [(m, (m.label, *enum._aliases.get(m.value, ()))) for m in enum]
    for table in (labels, spellings):  # labels first: "Koop" is no Kooperationsvereinbarung
        found = {m for m, words in table for word in words if fold(word).startswith(key)}
        if len(found) == 1:
            return found.pop()
        if found:
            return None  # "Kon": Konferenz or Sozialraumkonferenz … several values
    return None


def read_term(enum: type[T], value: object) -> tuple[T | None, str]:
    """``(member, note)``: :func:`parse_term`, and an abbreviation read with a note.

    An abbreviation is one word of at least three letters, with or without its dot, that
    begins exactly one value's label (``Koop.`` → Kooperation, ``Vermittl.`` → Vermittlung,
    ``Fin.`` → Finanzierung), or else exactly one value's accepted spelling. ``Ko`` (too
    short) and ``Verw.`` (Verwaltungsspitze or Verwaltungsvorstand) are not read.

    >>> from netzkarte.vocab import EdgeKind
    >>> read_term(EdgeKind, "Koop.")
    (<EdgeKind.COOPERATION: 'cooperation'>, 'Abkürzung')
    >>> read_term(EdgeKind, "Kooperation"), read_term(EdgeKind, "Ko")
    ((<EdgeKind.COOPERATION: 'cooperation'>, ''), (None, ''))
    """
    member = parse_term(enum, value)
    if member is not None or not isinstance(value, str):
        return member, ""
    text = value.strip()
    if not _ABBREVIATION.fullmatch(text):
        return None, ""
    guess = _abbreviated(enum, text)
    return (guess, "Abkürzung") if guess is not None else (None, "")  # type: ignore[return-value]


@lru_cache(maxsize=1024)
def _strength(value: str) -> Strength | None:
    return Strength.parse(value)


def parse_strength(value: object) -> Strength | None:
    """Tie strength 1–4 or its word (cached)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Strength.parse(value)
    return _strength(str(value))


# --- life phases ----------------------------------------------------------------------------

LIFE_PHASE_AGES: dict[LifePhase, tuple[int, int]] = {
    LifePhase.PREGNANCY: (-1, 0), LifePhase.U3: (0, 3), LifePhase.KITA: (3, 6),
    LifePhase.PRIMARY: (6, 10), LifePhase.SECONDARY: (10, 16),
    LifePhase.TRANSITION_WORK: (16, 27)}
"""Age span of each life phase in years, from inclusive to exclusive: 0–3 ends on the third
birthday, where 3–6 begins. Pregnancy lies before birth."""

_AGE_UNIT = r"(?:\s*(?:jahren|jahre|jahr|j\.?|lj\.?|jährige[n]?)(?:\s+alt)?)?"
_AGE_RANGE = re.compile(r"(?:(?:kinder|jugendliche|junge menschen|familien mit kindern|alter|"
                        r"im alter)\s+)?(?:von\s+)?(\d{1,2})\s*(?:-|bis(?:\s+unter)?)\s*"
                        r"(\d{1,2})" + _AGE_UNIT)
# "U3-Plätze", "Ü3-Gruppe", "über 3-Jährige": the age word before it is what counts
_AGE_NOUN = re.compile(r"[\s-]+(?:plätze|platz|gruppen?|bereich|betreuung|kinder|"
                       r"jährige[n]?|alter)")
_AGE_FROM = re.compile(r"(?:ab|über|ü|älter als)\s*(\d{1,2})" + _AGE_UNIT)
_AGE_UNDER = re.compile(r"(?:u|unter|bis|jünger als)\s*(\d{1,2})" + _AGE_UNIT)
_AGE_ONE = re.compile(r"(\d{1,2})" + _AGE_UNIT.removesuffix("?"))
# "1. Lebensjahr" is the first year of life, from birth to the first birthday
_LIFE_YEAR = re.compile(r"(?:im\s+)?(\d{1,2})\.\s*(?:(?:-|bis)\s*(\d{1,2})\.\s*)?"
                        r"lebensjahr(?:e|es|en)?")
_GRADE_WORD = r"(?:klassen?|kl\.?|klassenstufen?|jahrgangsstufen?|jahrgänge|jahrgang|jg\.?)"
_GRADES = re.compile(_GRADE_WORD + r"\s*(\d{1,2})(?:\s*(?:-|bis|/|und)\s*(\d{1,2}))?\.?|"
                     r"(\d{1,2})\.?\s*(?:(?:-|bis|/|und)\s*(\d{1,2})\.?\s*)?"
                     r"(?:klassen?|klässler(?:innen)?|jahrgang|schuljahr)")


def phases_for_ages(start: int, end: int) -> tuple[LifePhase, ...]:
    """The life phases an age span from ``start`` to ``end`` years touches.

    The span is read like the phases themselves, ``end`` exclusive: 6–10 is the primary
    school phase only (not the Kita years, which end at 6), 0–16 the four phases from 0–3
    to 10–16, 16–25 the transition to work. A single age (``start == end``) means that
    year of life.

    >>> [p.label for p in phases_for_ages(3, 10)]
    ['3–6 Jahre (Kita)', '6–10 Jahre (Grundschule)']
    """
    if end == start:
        end += 1
    return tuple(p for p in LIFE_PHASE_ORDER[1:]
                 if start < LIFE_PHASE_AGES[p][1] and end > LIFE_PHASE_AGES[p][0])


@lru_cache(maxsize=4096)
def read_life_phases(text: str) -> tuple[tuple[LifePhase, ...], bool] | None:
    """``(phases, guessed)`` one cell part stands for, ``None`` if none.

    Exact: a label or accepted spelling (``Kita``, ``Ü3``, ``Hort``, ``Klasse 1–4``) and
    the words for several phases (``alle``, ``U6``, ``Jugendliche``). Guessed from numbers:
    an age span (``0–16 Jahre``, ``1 bis 3``, ``ab 14``, ``unter 10``), years of life
    (``1. Lebensjahr``: birth to the first birthday) or school years (``Klasse 7–9``),
    mapped with :func:`phases_for_ages`.

    >>> read_life_phases("16–25 Jahre")
    ((<LifePhase.TRANSITION_WORK: 'transition_work'>,), True)
    """
    member = LifePhase.parse(text)
    if member is not None:
        return (member,), False
    group = LIFE_PHASE_GROUPS.get(fold(text))
    if group is not None:
        return group, False
    plain = _plain(text).strip("()")
    noun = _AGE_NOUN.search(plain)
    if noun is not None and noun.end() == len(plain) and noun.start() > 0:
        stem = read_life_phases(plain[:noun.start()])
        return (stem[0], True) if stem else None
    span: tuple[int, int] | None = None
    if match := _AGE_RANGE.fullmatch(plain):
        span = int(match.group(1)), int(match.group(2))
    elif match := _AGE_FROM.fullmatch(plain):
        span = int(match.group(1)), 27
    elif match := _AGE_UNDER.fullmatch(plain):
        span = 0, int(match.group(1))
    elif match := _AGE_ONE.fullmatch(plain):
        span = int(match.group(1)), int(match.group(1))
    elif match := _LIFE_YEAR.fullmatch(plain):
        first = int(match.group(1))
        span = first - 1, int(match.group(2) or first)
    elif match := _GRADES.fullmatch(plain):
        first = int(match.group(1) or match.group(3))
        last = int(match.group(2) or match.group(4) or first)
        if 1 <= first <= last <= 13:
            span = first + 5, last + 6  # grade 1 is the seventh year of life
    if span is None or span[0] > span[1]:
        return None
    phases = phases_for_ages(*span)
    return (phases, True) if phases else None


# --- several controlled values in one cell --------------------------------------------------


class MultiReading(NamedTuple):
    """What :func:`read_multi` made of a multi-value cell."""

    members: tuple[Term, ...]
    """Every value read, in the order typed, without repeats."""
    guesses: tuple[tuple[str, tuple[Term, ...]], ...]
    """Parts read by interpretation (age spans) and what they became."""
    unread: tuple[str, ...]
    """Parts that are no known value."""


def _one(enum: type[Term], text: str) -> tuple[tuple[Term, ...], bool] | None:
    if enum is LifePhase:
        return read_life_phases(text)
    member = parse_term(enum, text)
    return ((member,), False) if member is not None else None


def _parts(text: str) -> Iterator[str]:
    for part in split_multi(text):
        part = _BULLET.sub("", part)
        if part and not is_missing(part):
            yield part


def read_multi(enum: type[Term], text: str) -> MultiReading:
    """Read a cell of several controlled values (*Lebensphasen*, *Rollen*).

    Values are separated by ``;``, ``|``, line breaks, ``/`` or ``,``; a text that is a
    known value as a whole is never split (``Übergang Schule/Beruf``), and ``/`` and ``,``
    only split a part that is no known value itself. Missing markers and list bullets are
    dropped.

    >>> r = read_multi(LifePhase, "Kita / Grundschule, 0–16; Studium")
    >>> [m.value for m in r.members], r.unread
    (['kita', 'primary', 'u3', 'secondary'], ('Studium',))
    """
    members: list[Term] = []
    guesses: list[tuple[str, tuple[Term, ...]]] = []
    unread: list[str] = []
    whole = _one(enum, text.strip())
    for part in [text.strip()] if whole else _parts(text):
        got = whole or _one(enum, part)
        if got is None:
            pieces = [p for p in _WEAK_SPLIT.split(part) if p and not is_missing(p)]
            readings = [_one(enum, p) for p in pieces]
            if len(pieces) < 2 or not any(readings):
                unread.append(part)
                continue
            for piece, reading in zip(pieces, readings, strict=True):
                if reading is None:
                    unread.append(piece)
                    continue
                members.extend(reading[0])
                if reading[1]:
                    guesses.append((piece, reading[0]))
            continue
        members.extend(got[0])
        if got[1]:
            guesses.append((part, got[0]))
    return MultiReading(tuple(dict.fromkeys(members)), tuple(guesses), tuple(unread))
