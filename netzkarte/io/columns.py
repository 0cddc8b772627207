"""Typed column values for the importer: parse a whole column, report each bad cell.

Lenient by design: only what breaks the structure of the map is an error here, that is an
unknown kind of relation (*Art*, without which the edge cannot be built). Everything else
is optional, so a value that still cannot be read becomes a *warning*, its raw text is kept
in the node's or edge's ``extra`` under the column header (the Excel export writes it back
into the same column) and the analyses run without it. Values read by interpretation
(``Herbst 2021``, ``ca. 15``, ``monatlich``, ``0–16 Jahre``, ``eng``, ``Koop.``) are taken
with a warning that names what was taken, and their raw text is kept the same way: a
workbook written back holds what the user typed, and reading it again gives the same value.
Missing markers (``k. A.``, ``–``, ``unbekannt`` …) count as empty cells without any
message.

Works column by column with a cache per spelling (a column repeats the same few spellings
thousands of times): a good parse is stored once, a guess or a problem is stored with its
messages, which are repeated for every row that has the same spelling. The builder of
:mod:`netzkarte.io.build` holds one :class:`ColumnReader`.

>>> sorted(e.__name__ for e in STRICT_ENUMS)
['EdgeKind']
>>> from netzkarte.schema import sheet
>>> col = next(c for c in sheet("Angebote").columns if c.header == "Kapazität")
>>> reread(sheet("Angebote"), col, "10-12")
11
"""

from __future__ import annotations

import re
from typing import Any

from netzkarte.errors import Issue, IssueCode
from netzkarte.io.cells import (
    SERIAL_NOTE,
    cell_text,
    display,
    is_missing,
    parse_date,
    parse_strength,
    read_flag,
    read_multi,
    read_number,
    read_term,
    split_multi,
)
from netzkarte.io.issues import IssueLog
from netzkarte.io.refs import meant, quote
from netzkarte.schema import MAX_NUMBER, NUMBER_RANGE, Column, Sheet, ValueKind
from netzkarte.vocab import LIFE_PHASE_ORDER, EdgeKind, LifePhase, Strength, Term

__all__ = ["STRENGTH_SCALE", "STRICT_ENUMS", "ColumnReader", "reread"]

STRICT_ENUMS: frozenset[type[Term]] = frozenset({EdgeKind})
"""Enums whose unknown values are errors: only the kind of a relation, without which the
edge cannot be built. Unknown values of every other enum are warnings; the text is kept."""

STRENGTH_SCALE = ("1 Austausch (man kennt sich und tauscht Informationen aus), "
                  "2 Kooperation (man hilft sich im Einzelfall), "
                  "3 Koordination (man plant gemeinsam und stimmt sich ab), "
                  "4 Integration (man arbeitet gemeinsam „aus einer Hand“)")
"""The 1–4 scale of tie strength as the messages explain it."""

_KEPT = "zählt in keiner Auswertung; der Text bleibt erhalten"
_OVER_THREE = re.compile(r"(?:ü|ue|über|ueber)\s*-?\s*3(?!\d)", re.I)


def _suggest(enum: type[Term], text: str) -> list[str]:
    """``enum.suggest``, but for what says "über 3" the Kita years, never "0–3 Jahre"."""
    labels = enum.suggest(text)
    if enum is LifePhase and _OVER_THREE.search(text):
        kita = LifePhase.KITA.label
        labels = [kita, *(label for label in labels if label not in (kita, LifePhase.U3.label))]
    return labels


def _in_range(attr: str, number: float) -> bool:
    low, high = NUMBER_RANGE.get(attr, (-MAX_NUMBER, MAX_NUMBER))
    return low <= number <= high


def _german(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:.6g}".replace(".", ",")


class ColumnReader:
    """Typed values of cells and whole columns; every problem goes to ``log``
    (``self.error`` and ``self.warn`` are its methods)."""

    def __init__(self, log: IssueLog) -> None:
        self.error, self.warn = log.error, log.warn
        self.issues = log.issues

    def value(self, sheet: Sheet, col: Column, raw: object, row: int,
              extra: dict[str, Any]) -> Any:
        """Typed value of a non-blank cell, or ``None`` after reporting the problem.

        Raw text that cannot be read, or that was read by interpretation, goes into
        ``extra[col.header]``.
        """
        kind = col.kind
        if kind is ValueKind.TEXT:
            text = cell_text(raw)
            return None if text is not None and self.missing(col, text) else text
        if kind is ValueKind.ENUM:
            assert col.enum is not None
            member, note = read_term(col.enum, raw)
            if member is None and not self.missing(col, display(raw)):
                self.unknown_value(sheet, col, raw, row, extra)
            elif member is not None and note:
                text = self.kept(col, raw, extra)
                self.warn(IssueCode.GUESSED_VALUE, f"{quote(text)} als „{member.label}“ "
                          f"gelesen ({note}). Wählen Sie in {quote(col.header)} einen Wert aus "
                          "der Auswahlliste, wenn ein anderer gemeint ist.",
                          sheet.name, row, col.header, raw)
            return member
        if kind is ValueKind.MULTI_ENUM:
            return self.multi_enum(sheet, col, raw, row, extra)
        if kind is ValueKind.MULTI_TEXT:
            return tuple(p for p in split_multi(display(raw)) if not is_missing(p)) or None
        if kind is ValueKind.BOOL:
            return self.flag(sheet, col, raw, row, extra)
        if kind in (ValueKind.INT, ValueKind.FLOAT):
            return self.number(sheet, col, raw, row, extra)
        if kind is ValueKind.DATE:
            return self.date(sheet.name, col.header, raw, row, extra)
        if kind is ValueKind.STRENGTH:
            return self.strength(sheet, col, raw, row, extra)
        return cell_text(raw)

    @staticmethod
    def missing(col: Column, text: str) -> bool:
        """An optional cell that says "don't know" (``k. A.``, ``–``, ``?`` …) is empty."""
        return not col.required and is_missing(text)

    def kept(self, col: Column, raw: object, extra: dict[str, Any]) -> str:
        text = display(raw)
        extra[col.header] = text
        return text

    def flag(self, sheet: Sheet, col: Column, raw: object, row: int,
             extra: dict[str, Any]) -> bool | None:
        flag, note = read_flag(raw)
        if flag is None:
            if not self.missing(col, display(raw)):
                text = self.kept(col, raw, extra)
                self.warn(IssueCode.BAD_BOOL, f"{quote(text)} ist weder ja noch nein und {_KEPT}. "
                          f"Tragen Sie in {quote(col.header)} „ja“ oder „nein“ ein.",
                          sheet.name, row, col.header, raw)
        elif note:
            self.kept(col, raw, extra)
            self.warn(IssueCode.GUESSED_VALUE, f"{quote(display(raw))} als "
                      f"„{'ja' if flag else 'nein'}“ gelesen ({note}). Tragen Sie in "
                      f"{quote(col.header)} nur „ja“ oder „nein“ ein, Erläuterungen in "
                      "„Bemerkung“.", sheet.name, row, col.header, raw)
        return flag

    def number(self, sheet: Sheet, col: Column, raw: object, row: int,
               extra: dict[str, Any]) -> int | float | None:
        integer = col.kind is ValueKind.INT
        number, note = read_number(raw, integer=integer,
                                   per_year=col.attr == "meetings_per_year")
        limit = {"lat": 90.0, "lon": 180.0}.get(col.attr)
        if number is not None and limit is not None and abs(number) > limit:
            number = None
        elif number is not None and not _in_range(col.attr, number):
            self.out_of_range(sheet, col, raw, row, number)
            return None
        if number is None:
            if not self.missing(col, display(raw)):
                text = self.kept(col, raw, extra)
                what = "eine ganze Zahl (z. B. 12)" if integer else (
                    f"eine Zahl zwischen -{limit:.0f} und {limit:.0f} (z. B. 51,4512)" if limit
                    else "eine Zahl (z. B. 4 oder 3,5)")
                self.warn(IssueCode.BAD_NUMBER, f"{quote(text)} ist hier keine lesbare Zahl und "
                          f"{_KEPT}. Tragen Sie in {quote(col.header)} {what} ein.",
                          sheet.name, row, col.header, raw)
        elif note:
            self.kept(col, raw, extra)
            self.warn(IssueCode.GUESSED_VALUE,
                      f"{quote(display(raw))} als {_german(number)} gelesen "
                      f"({note}). Tragen Sie in {quote(col.header)} nur die Zahl ein, wenn "
                      "eine andere gemeint ist.", sheet.name, row, col.header, raw)
        return number

    def out_of_range(self, sheet: Sheet, col: Column, raw: object, row: int,
                     number: float) -> None:
        """A negative count or a number beyond :data:`~netzkarte.schema.MAX_NUMBER`: an
        error, as in the JSON reader and the check before an export (one range table)."""
        low, _ = NUMBER_RANGE.get(col.attr, (-MAX_NUMBER, MAX_NUMBER))
        integer = "eine ganze Zahl" if col.kind is ValueKind.INT else "eine Zahl"
        why = ("kann nicht negativ sein" if number < low else
               "ist zu groß (mehr als 15 Stellen vor dem Komma)")
        wanted = (f"{integer} ab 0" if low == 0 else
                  f"{integer} mit höchstens 15 Stellen vor dem Komma")
        self.error(IssueCode.BAD_NUMBER,
                   f"{quote(display(raw))}: {quote(col.header)} {why}. Tragen "
                   f"Sie {wanted} ein oder lassen Sie die Zelle leer.", sheet.name, row,
                   col.header, raw)

    def date(self, sheet: str, header: str, raw: object, row: int | None,
             extra: dict[str, Any] | None = None) -> Any:
        when, note = parse_date(raw)
        text = display(raw)
        if when is None:
            if is_missing(text):
                return None
            if extra is not None:
                extra[header] = text
            self.warn(IssueCode.BAD_DATE, f"{quote(text)} ist kein lesbares Datum und {_KEPT}. "
                      f"Tragen Sie in {quote(header)} ein Datum wie 01.03.2019 ein (auch "
                      "„2019“, „03/2019“ oder „Schuljahr 2019/20“ werden gelesen).",
                      sheet, row, header, raw)
        elif note == SERIAL_NOTE:
            if extra is not None:  # written back as typed: a number, or text as text
                extra[header] = int(float(text)) if isinstance(raw, int | float) else text
            self.warn(IssueCode.GUESSED_VALUE,
                      f"Die Zahl {quote(text)} als Excel-Datumszahl gelesen: {when:%d.%m.%Y} "
                      f"(Tage seit dem 1.1.1900). Formatieren Sie die Spalte {quote(header)} "
                      "als Datum oder tragen Sie das Datum wie 01.03.2019 ein, wenn ein "
                      "anderer Tag gemeint ist.", sheet, row, header, raw)
        elif note:
            if extra is not None:
                extra[header] = text
            self.warn(IssueCode.GUESSED_VALUE,
                      f"{quote(text)} als {when:%d.%m.%Y} gelesen ({note}). "
                      "Tragen Sie das Datum vollständig ein, z. B. 01.03.2019, wenn ein "
                      "anderer Tag gemeint ist.", sheet, row, header, raw)
        return when

    def strength(self, sheet: Sheet, col: Column, raw: object, row: int,
                 extra: dict[str, Any]) -> Strength | None:
        strength = parse_strength(raw)
        if strength is not None:
            return strength
        text = display(raw)
        strength = Strength.guess(text)
        if strength is not None:
            self.kept(col, raw, extra)
            self.warn(IssueCode.GUESSED_VALUE, f"{quote(text)} als Stärke {strength.value} "
                      f"({strength.label}) gelesen, auf der Skala "
                      f"{', '.join(Strength.labels())}. Tragen Sie die Zahl ein, wenn eine "
                      "andere Stufe gemeint ist.", sheet.name, row, col.header, raw)
        elif not self.missing(col, text):
            self.kept(col, raw, extra)
            self.warn(IssueCode.BAD_STRENGTH,
                      f"{quote(text)} ist keine Stärke von 1 bis 4 und {_KEPT}. Tragen Sie "
                      f"1 bis 4 ein: {STRENGTH_SCALE}. Wörter wie „lose“, „regelmäßig“, "
                      "„eng“ oder „sehr eng“ werden ebenfalls gelesen.",
                      sheet.name, row, col.header, raw)
        return strength

    def unknown_value(self, sheet: Sheet, col: Column, raw: object, row: int,
                      extra: dict[str, Any]) -> None:
        assert col.enum is not None
        text = display(raw)
        allowed = ", ".join(col.enum.labels())
        if col.enum in STRICT_ENUMS:
            self.error(IssueCode.UNKNOWN_VALUE, f"{quote(text)} ist kein erlaubter Wert für "
                       f"{quote(col.header)}{meant(_suggest(col.enum, text))}. Wählen Sie "
                       f"einen Wert aus der Auswahlliste: {allowed}.",
                       sheet.name, row, col.header, raw)
            return
        extra[col.header] = text
        self.warn(IssueCode.UNKNOWN_VALUE, f"{quote(text)} ist kein bekannter Wert für "
                  f"{quote(col.header)}{meant(_suggest(col.enum, text))}. Der Text bleibt "
                  "erhalten, zählt aber in keiner Auswertung. Wählen Sie einen Wert aus der "
                  f"Auswahlliste: {allowed}.", sheet.name, row, col.header, raw)

    def multi_enum(self, sheet: Sheet, col: Column, raw: object, row: int,
                   extra: dict[str, Any] | None = None) -> tuple[Term, ...] | None:
        enum = col.enum
        assert enum is not None
        text = display(raw)
        if self.missing(col, text):
            return None
        reading = read_multi(enum, text)
        for part, taken in reading.guesses:
            self.warn(IssueCode.GUESSED_VALUE,
                      f"{quote(part)} als {'; '.join(m.label for m in taken)}"
                      " gelesen (Altersangabe: jede Lebensphase, die dieses Alter berührt). "
                      "Prüfen Sie die Zuordnung; sonst wählen Sie Werte aus der Auswahlliste.",
                      sheet.name, row, col.header, raw)
        allowed = ", ".join(enum.labels())
        for part in reading.unread:
            self.warn(IssueCode.UNKNOWN_VALUE, f"{quote(part)} ist kein bekannter Wert für "
                      f"{quote(col.header)}{meant(_suggest(enum, part))}. Der Text bleibt "
                      "erhalten, zählt aber in keiner Auswertung. Wählen Sie Werte aus der "
                      f"Auswahlliste: {allowed}; mehrere trennen Sie mit ; (Semikolon).",
                      sheet.name, row, col.header, part)
        if (reading.unread or reading.guesses) and extra is not None:
            extra[col.header] = text  # the whole cell, as typed: the export writes it back
        members = list(reading.members)
        if enum is LifePhase:
            members.sort(key=lambda m: LIFE_PHASE_ORDER.index(LifePhase(m)))
        return tuple(members) or None

    def convert(self, sheet: Sheet, col: Column, values: list[object]
                ) -> tuple[list[Any], dict[int, dict[str, Any]]]:
        """Typed value per row (``None`` for blank or bad cells, after reporting them).

        Works column by column with a cache per spelling: a good parse is stored once; a
        guess or a problem is stored with its issues, which are repeated (with the row
        changed) for every later row of the same spelling. The second result holds, per
        row index, the raw text of values that could not be read, for the node's ``extra``.
        """
        side: dict[int, dict[str, Any]] = {}
        if col.kind is ValueKind.TEXT:
            texts = [v.strip() if v.__class__ is str else cell_text(v) for v in values]
            if not col.required:
                _blank_markers(texts)
            return texts, side
        out: list[Any] = [None] * len(values)
        cache: dict[object, Any] = {}
        noisy: dict[object, tuple[Any, list[Issue], dict[str, Any]]] = {}
        issues = self.issues
        number = col.kind is ValueKind.FLOAT
        low, high = NUMBER_RANGE.get(col.attr, (-MAX_NUMBER, MAX_NUMBER))
        for i, raw in enumerate(values):
            if raw is None:
                continue
            if number and raw.__class__ is float and low <= raw <= high:
                out[i] = raw  # a number cell: nothing to parse
                continue
            # 1, 1.0 and True are equal as dict keys; the class keeps them apart
            key = raw if raw.__class__ is str else (raw.__class__, raw)
            hit = cache.get(key)
            if hit is not None:
                out[i] = hit
                continue
            row = i + 2
            known = noisy.get(key)
            if known is None:
                before = len(issues)
                extra: dict[str, Any] = {}
                value = self.value(sheet, col, raw, row, extra)
                if value is not None and len(issues) == before and not extra:
                    cache[key] = value
                else:
                    noisy[key] = (value, issues[before:], extra)
            else:
                value, found, extra = known
                issues.extend(Issue(f.code, f.message, f.sheet, row, f.column, f.value,
                                    f.severity) for f in found)
            out[i] = value
            if extra:
                side[i] = extra
        return out, side


def reread(sheet: Sheet, col: Column, text: object) -> Any:
    """The value ``text`` is read as in column ``col`` of ``sheet``, without any message;
    ``None`` when it cannot be read.

    The Excel export asks this before it writes kept raw text back into its column: the
    text is written as typed as long as it still means the stored value.
    """
    return ColumnReader(IssueLog(None)).value(sheet, col, text, 0, {})


def _blank_markers(texts: list[str | None]) -> None:
    """Set missing markers in a text column to ``None`` (each spelling checked once)."""
    seen: dict[str, bool] = {}
    for i, text in enumerate(texts):
        if text is not None and len(text) <= 24:
            hit = seen.get(text)
            if hit is None:
                hit = seen[text] = is_missing(text)
            if hit:
                texts[i] = None
