"""Typed column values for the importer: parse a whole column, report each bad cell.

Works column by column with a cache of good parses (a column repeats the same few spellings
thousands of times); every bad cell becomes an issue with row, column and a German fix.
Used by :mod:`netzkarte.io.build`.

>>> sorted(e.__name__ for e in STRICT_ENUMS)
['EdgeKind', 'LifePhase', 'MemberFunction', 'Role', 'Sector', 'Tier']
"""

from __future__ import annotations

from typing import Any

from netzkarte.io.cells import (
    cell_text,
    display,
    parse_date,
    parse_flag,
    parse_number,
    parse_strength,
    parse_term,
    split_multi,
)
from netzkarte.io.refs import References, meant, quote
from netzkarte.schema import Column, Sheet, ValueKind
from netzkarte.vocab import (
    LIFE_PHASE_ORDER,
    EdgeKind,
    LifePhase,
    MemberFunction,
    Role,
    Sector,
    Term,
    Tier,
)

__all__ = ["STRICT_ENUMS", "Columns"]

STRICT_ENUMS: frozenset[type[Term]] = frozenset(
    {Sector, LifePhase, Role, EdgeKind, Tier, MemberFunction})
"""Enums whose unknown values are errors; the others (Form, Ebene …) only warn."""


class Columns(References):
    """Cell and column parsing on top of the issue collection of :class:`References`."""

    def value(self, sheet: Sheet, col: Column, raw: object, row: int,
              extra: dict[str, Any]) -> Any:
        """Typed value of a non-blank cell, or ``None`` after reporting the problem."""
        kind = col.kind
        if kind is ValueKind.TEXT:
            return cell_text(raw)
        if kind is ValueKind.ENUM:
            assert col.enum is not None
            member = parse_term(col.enum, raw)
            if member is None:
                self.unknown_value(sheet, col, raw, row, extra)
            return member
        if kind is ValueKind.MULTI_ENUM:
            return self.multi_enum(sheet, col, raw, row)
        if kind is ValueKind.MULTI_TEXT:
            return tuple(split_multi(display(raw))) or None
        if kind is ValueKind.BOOL:
            flag = parse_flag(raw)
            if flag is None:
                self.error("bad-bool", f"{quote(display(raw))} ist weder ja noch nein. Tragen "
                           f"Sie in {quote(col.header)} „ja“ oder „nein“ ein.",
                           sheet.name, row, col.header, raw)
            return flag
        if kind in (ValueKind.INT, ValueKind.FLOAT):
            number = parse_number(raw, integer=kind is ValueKind.INT)
            limit = {"lat": 90.0, "lon": 180.0}.get(col.attr)
            if number is not None and limit is not None and abs(number) > limit:
                number = None
            if number is None:
                what = "eine ganze Zahl (z. B. 12)" if kind is ValueKind.INT else (
                    f"eine Zahl zwischen -{limit:.0f} und {limit:.0f} (z. B. 51,4512)" if limit
                    else "eine Zahl (z. B. 4 oder 3,5)")
                self.error("bad-number", f"{quote(display(raw))} ist hier keine gültige Zahl. "
                           f"Tragen Sie in {quote(col.header)} {what} ein.",
                           sheet.name, row, col.header, raw)
            return number
        if kind is ValueKind.DATE:
            return self.date(sheet.name, col.header, raw, row)
        if kind is ValueKind.STRENGTH:
            strength = parse_strength(raw)
            if strength is None:
                self.error("bad-strength", f"{quote(display(raw))} ist keine gültige Stärke. "
                           "Tragen Sie 1 bis 4 ein: 1 Austausch, 2 Kooperation, "
                           "3 Koordination, 4 Integration.", sheet.name, row, col.header, raw)
            return strength
        return cell_text(raw)

    def date(self, sheet: str, header: str, raw: object, row: int | None) -> Any:
        when, guessed = parse_date(raw)
        if when is None:
            self.error("bad-date", f"{quote(display(raw))} ist kein Datum. Tragen Sie in "
                       f"{quote(header)} ein Datum wie 01.03.2019 ein.", sheet, row, header, raw)
        elif guessed:
            self.warn("guessed-value", f"{quote(display(raw))} wurde als Datum "
                      f"{when:%d.%m.%Y} gelesen. Tragen Sie das Datum vollständig ein, z. B. "
                      "01.03.2019.", sheet, row, header, raw)
        return when

    def unknown_value(self, sheet: Sheet, col: Column, raw: object, row: int,
                      extra: dict[str, Any]) -> None:
        assert col.enum is not None
        text = display(raw)
        allowed = ", ".join(col.enum.labels())
        if col.enum in STRICT_ENUMS:
            self.error("unknown-value", f"{quote(text)} ist kein erlaubter Wert für "
                       f"{quote(col.header)}{meant(col.enum.suggest(text))}. Wählen Sie "
                       f"einen Wert aus der Auswahlliste: {allowed}.",
                       sheet.name, row, col.header, raw)
            return
        extra[col.header] = text
        self.warn("unknown-value", f"{quote(text)} ist kein bekannter Wert für "
                  f"{quote(col.header)}{meant(col.enum.suggest(text))}. Der Text bleibt "
                  "erhalten, zählt aber in keiner Auswertung. Wählen Sie einen Wert aus der "
                  f"Auswahlliste: {allowed}.", sheet.name, row, col.header, raw)

    def multi_enum(self, sheet: Sheet, col: Column, raw: object, row: int
                   ) -> tuple[Term, ...] | None:
        assert col.enum is not None
        out: list[Term] = []
        for part in split_multi(display(raw)):
            member = parse_term(col.enum, part)
            if member is None and "," in part:
                pieces = [p.strip() for p in part.split(",") if p.strip()]
                found = [parse_term(col.enum, p) for p in pieces]
                if all(found):
                    self.warn("guessed-value", f"{quote(part)} wurde an den Kommas getrennt. "
                              "Trennen Sie mehrere Werte mit ; (Semikolon).",
                              sheet.name, row, col.header, raw)
                    out.extend(f for f in found if f is not None)
                    continue
            if member is None:
                self.error("unknown-value", f"{quote(part)} ist kein erlaubter Wert für "
                           f"{quote(col.header)}{meant(col.enum.suggest(part))}. Wählen Sie "
                           f"Werte aus der Auswahlliste: {', '.join(col.enum.labels())}; "
                           "mehrere trennen Sie mit ; (Semikolon).",
                           sheet.name, row, col.header, part)
                continue
            out.append(member)
        unique = list(dict.fromkeys(out))
        if col.enum is LifePhase:
            unique.sort(key=LIFE_PHASE_ORDER.index)
        return tuple(unique) or None

    def convert(self, sheet: Sheet, col: Column, values: list[object]
                ) -> tuple[list[Any], dict[int, dict[str, Any]]]:
        """Typed value per row (``None`` for blank or bad cells, after reporting them).

        Works column by column with a cache of good parses: a column repeats the same few
        spellings thousands of times. The second result holds, per row index, raw text of
        unknown non-strict enum values that goes into the node's ``extra``.
        """
        side: dict[int, dict[str, Any]] = {}
        if col.kind is ValueKind.TEXT:
            return [v.strip() if v.__class__ is str else cell_text(v) for v in values], side
        out: list[Any] = [None] * len(values)
        cache: dict[object, Any] = {}
        issues = self.report.issues
        number = col.kind is ValueKind.FLOAT
        limit = {"lat": 90.0, "lon": 180.0}.get(col.attr, 1e300)
        for i, raw in enumerate(values):
            if raw is None:
                continue
            if number and raw.__class__ is float and abs(raw) <= limit:
                out[i] = raw  # a number cell: nothing to parse
                continue
            # 1, 1.0 and True are equal as dict keys; the class keeps them apart
            key = raw if raw.__class__ is str else (raw.__class__, raw)
            hit = cache.get(key)
            if hit is not None:
                out[i] = hit
                continue
            before = len(issues)
            extra: dict[str, Any] = {}
            value = self.value(sheet, col, raw, i + 2, extra)
            if extra:
                side[i] = extra
            out[i] = value
            if value is not None and len(issues) == before:
                cache[key] = value
        return out, side
