"""Ties seen from both sides: side reports, confirmation, the merged strength.

In a questionnaire each partner says, for every other partner on its list, whether and how it
works with it. For a pair *u*–*v* there are therefore up to two :class:`SideReport`\\ s, and
:func:`confirmation` tells what they say together (:class:`~netzkarte.survey.layout.
Confirmation`). A pair's merged tie is stored on one edge, the pair's *main tie*
(:func:`main_tie`), with both reports in the columns *Angabe Von* and *Angabe Zu* (in the
text form of :meth:`SideReport.text`), so a later merge can replace one side's answer
without losing the other's.

The merged strength follows a :class:`StrengthRule` (default ``minimum``): see
:data:`STRENGTH_RULES` for the German explanations that the command line and the handbook
show. One-sided ties take the reporting side's strength under every rule.

>>> from datetime import datetime
>>> src = Provenance("kita.xlsx", "Ihre Kontakte", 5, datetime(2019, 5, 2, 14, 30))
>>> r = SideReport("A", "B", EdgeKind.COOPERATION, True, Strength(3), None, "", src)
>>> r.text()
'kita.xlsx, Ihre Kontakte, Zeile 5, 02.05.2019 14:30: Kooperation, Stärke 3'
>>> SideReport.parse(r.text(), "A", "B") == r
True
>>> merged_strength([r, r.with_strength(Strength(1))], StrengthRule.MINIMUM)
<Strength.EXCHANGE: 1>
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from netzkarte.survey.layout import (
    EDGE_SIDE_SOURCE,
    EDGE_SIDE_TARGET,
    EDGE_STATUS,
    SURVEY_KINDS,
    Confirmation,
)
from netzkarte.vocab import EdgeKind, Strength

if TYPE_CHECKING:
    from netzkarte.model import NetworkMap

__all__ = ["STRENGTH_RULES", "Provenance", "SideReport", "StrengthRule", "confirmation",
           "main_tie", "merged_kind", "merged_strength", "tie_confirmation"]


class StrengthRule(StrEnum):
    """How the merged strength of a tie is chosen when both sides give one."""

    MINIMUM = "minimum"
    MAXIMUM = "maximum"
    MEAN = "mittel"
    LATEST = "neueste"


STRENGTH_RULES: dict[StrengthRule, str] = {
    StrengthRule.MINIMUM: "die kleinere Stärke (Vorgabe): Eine Zusammenarbeit ist so eng, "
                          "wie beide Seiten sie mindestens erleben. Zurückhaltend; "
                          "Überschätzungen einer Seite fallen nicht ins Gewicht.",
    StrengthRule.MAXIMUM: "die größere Stärke: Eine Seite weiß vielleicht mehr (etwa die "
                          "Leitung einer Einrichtung). Großzügig; die Karte zeigt eher "
                          "zu viel als zu wenig.",
    StrengthRule.MEAN: "der gerundete Mittelwert (2 und 3 ergeben 3, 1 und 4 ergeben 3): "
                       "ein Kompromiss zwischen beiden Sichten.",
    StrengthRule.LATEST: "die Stärke aus der zuletzt ausgefüllten Antwort: Der neueste "
                         "Stand gilt, etwa nach einem Treffen, das die Zusammenarbeit "
                         "verändert hat (gleich alte Antworten: die kleinere).",
}
"""German explanation of each :class:`StrengthRule` (handbook, help, Rückmeldung)."""

_STAMP = "%d.%m.%Y %H:%M"
_PROVENANCE = re.compile(r"^(?P<file>.+), (?P<sheet>[^,]+), Zeile (?P<row>\d+), "
                         r"(?P<date>\d\d\.\d\d\.\d{4}(?: \d\d:\d\d)?): (?P<what>.*)$", re.S)
_STATEMENT = re.compile(r"^(?P<kind>kein Kontakt|Kooperation|Kontrakt|Vermittlung (?:an|von) .+?)"
                        r"(?:, Stärke (?P<strength>[1-4]))?(?:, seit (?P<since>\d\d\.\d\d\.\d{4}))?"
                        r"(?:, Bemerkung: (?P<note>.*))?$", re.S)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an answered value comes from: file, sheet, row and when it was answered."""

    file: str
    sheet: str
    row: int
    answered: datetime

    def text(self) -> str:
        """``"kita.xlsx, Ihre Kontakte, Zeile 5, 02.05.2019 14:30"``."""
        return f"{self.file}, {self.sheet}, Zeile {self.row}, {self.answered.strftime(_STAMP)}"


def _stamp(text: str) -> datetime:
    return datetime.strptime(text, _STAMP if " " in text else "%d.%m.%Y")


@dataclass(frozen=True, slots=True)
class SideReport:
    """What one partner (``reporter``) said about its tie to ``other``.

    ``kind`` is ``None`` for "no contact". For referrals ``outgoing`` says whether the
    reporter refers families to the other (``True``) or the other to the reporter.
    """

    reporter: str
    other: str
    kind: EdgeKind | None
    outgoing: bool
    strength: Strength | None
    since: date | None
    note: str
    source: Provenance | None

    @property
    def named(self) -> bool:
        """Whether the reporter names a tie at all."""
        return self.kind is not None

    def direction(self) -> tuple[str, str]:
        """``(source, target)`` of the tie as this side sees it."""
        if self.kind is EdgeKind.REFERRAL and not self.outgoing:
            return self.other, self.reporter
        return self.reporter, self.other

    def same_tie(self, other: SideReport) -> bool:
        """Same kind (and, for referrals, the same direction) as ``other``."""
        if self.kind is not other.kind:
            return False
        return self.kind is not EdgeKind.REFERRAL or self.direction() == other.direction()

    def with_strength(self, strength: Strength | None) -> SideReport:
        """A copy with another strength (tests, decisions)."""
        return replace(self, strength=strength)

    def statement(self) -> str:
        """The answer in words: ``"Kooperation, Stärke 3, seit 01.09.2014"``."""
        if self.kind is None:
            return "kein Kontakt"
        if self.kind is EdgeKind.REFERRAL:
            words = f"Vermittlung {'an' if self.outgoing else 'von'} {self.other}"
        else:
            words = self.kind.label
        if self.strength is not None:
            words += f", Stärke {self.strength.value}"
        if self.since is not None:
            words += f", seit {self.since.strftime('%d.%m.%Y')}"
        if self.note:
            words += f", Bemerkung: {self.note}"
        return words

    def text(self) -> str:
        """The stored form: provenance, colon, :meth:`statement`."""
        where = self.source.text() if self.source is not None else "ohne Quelle, -, Zeile 0, "\
            "01.01.1900"
        return f"{where}: {self.statement()}"

    @classmethod
    def parse(cls, text: object, reporter: str, other: str) -> SideReport | None:
        """Read the stored form back; ``None`` for an empty or unreadable cell."""
        if not isinstance(text, str) or not text.strip():
            return None
        outer = _PROVENANCE.match(text.strip())
        if outer is None:
            return None
        inner = _STATEMENT.match(outer.group("what"))
        if inner is None:
            return None
        try:
            source = Provenance(outer.group("file"), outer.group("sheet"),
                                int(outer.group("row")), _stamp(outer.group("date")))
            since = (datetime.strptime(inner.group("since"), "%d.%m.%Y").date()
                     if inner.group("since") else None)
        except ValueError:
            return None
        words = inner.group("kind")
        kind: EdgeKind | None
        outgoing = True
        if words == "kein Kontakt":
            kind = None
        elif words.startswith("Vermittlung"):
            kind, outgoing = EdgeKind.REFERRAL, words.startswith("Vermittlung an")
        else:
            kind = EdgeKind.parse(words)
        strength = Strength(int(inner.group("strength"))) if inner.group("strength") else None
        return cls(reporter, other, kind, outgoing, strength, since,
                   inner.group("note") or "", source)


def confirmation(reports: Sequence[SideReport], *, existed: bool) -> Confirmation | None:
    """The state of a pair from its side reports (at most one per side).

    ``existed``: the map had the tie before. ``None`` when there is nothing to record
    (nobody names a tie that the map did not have).

    >>> a = SideReport("A", "B", EdgeKind.COOPERATION, True, Strength(2), None, "", None)
    >>> b = SideReport("B", "A", None, True, None, None, "", None)
    >>> confirmation([a, b], existed=True).value, confirmation([a], existed=False).value
    ('one_sided', 'unconfirmed')
    """
    named = [r for r in reports if r.named]
    silent = [r for r in reports if not r.named]
    if len(named) >= 2:
        first, second = named[0], named[1]
        same = first.same_tie(second) and (first.strength is None or second.strength is None
                                           or first.strength == second.strength)
        return Confirmation.CONFIRMED if same else Confirmation.DISAGREEING
    if named:
        return Confirmation.ONE_SIDED if silent else Confirmation.UNCONFIRMED
    if silent and existed:
        return Confirmation.DISPUTED
    return None


def merged_kind(reports: Sequence[SideReport]) -> tuple[EdgeKind, str, str] | None:
    """Kind and direction of the merged tie; ``None`` if no side names one.

    When the named reports disagree on the kind, the tie is a *Kooperation* (both sides
    work together; the form is open until the coordinator decides).
    """
    named = [r for r in reports if r.named]
    if not named:
        return None
    first = named[0]
    assert first.kind is not None
    if all(first.same_tie(r) for r in named[1:]):
        return (first.kind, *first.direction())
    return EdgeKind.COOPERATION, first.reporter, first.other


def merged_strength(reports: Sequence[SideReport], rule: StrengthRule) -> Strength | None:
    """The merged strength of the named reports under ``rule`` (``None``: none given)."""
    given = [r for r in reports if r.named and r.strength is not None]
    values = [int(r.strength) for r in given if r.strength is not None]
    if not values:
        return None
    if rule is StrengthRule.MAXIMUM:
        return Strength(max(values))
    if rule is StrengthRule.MEAN:
        return Strength(math.floor(sum(values) / len(values) + 0.5))
    if rule is StrengthRule.LATEST:
        def when(r: SideReport) -> datetime:
            return r.source.answered if r.source else datetime.min

        newest = max(when(r) for r in given)  # answers of the same minute: the smaller
        return Strength(min(int(r.strength) for r in given
                            if when(r) == newest and r.strength is not None))
    return Strength(min(values))


def main_tie(m: NetworkMap, u: str, v: str) -> tuple[str, str, int, dict[str, Any]] | None:
    """The edge that carries the survey result of the pair *u*–*v* (either direction).

    A tie that already carries survey columns wins; otherwise the first of
    :data:`~netzkarte.survey.layout.SURVEY_KINDS` (Kontrakt, Kooperation, Vermittlung).
    """
    succ: dict[str, dict[str, dict[int, dict[str, Any]]]] = m.graph._succ  # type: ignore[attr-defined]
    best: tuple[int, str, str, int, dict[str, Any]] | None = None
    for a, b in ((u, v), (v, u)):
        for key, data in succ.get(a, {}).get(b, {}).items():
            kind = data["kind"]
            if kind not in SURVEY_KINDS:
                continue
            extra = data.get("extra") or {}
            rank = 0 if any(extra.get(c) for c in (EDGE_STATUS, EDGE_SIDE_SOURCE,
                                                     EDGE_SIDE_TARGET)) \
                else 1 + SURVEY_KINDS.index(kind)
            if best is None or rank < best[0]:
                best = (rank, a, b, key, data)
    return None if best is None else best[1:]


def tie_confirmation(m: NetworkMap) -> dict[tuple[str, str], str]:
    """The confirmation state of every surveyed tie and membership, by ``(source, target)``.

    Values are the codes of :class:`~netzkarte.survey.layout.Confirmation`
    (``"confirmed"``, ``"disagreeing"``, ``"one_sided"``, ``"unconfirmed"``, ``"disputed"``);
    they are read from the edge column *Bestätigung*, which the importer keeps. Ties no
    survey has touched are not in the dict.

    >>> from netzkarte import NetworkMap
    >>> m = NetworkMap()
    >>> m.add_node("A", "actor", name="Kita")
    >>> m.add_node("B", "actor", name="Schule")
    >>> _ = m.add_edge("A", "B", "cooperation", extra={"Bestätigung": "einseitig"})
    >>> tie_confirmation(m)
    {('A', 'B'): 'one_sided'}
    """
    out: dict[tuple[str, str], str] = {}
    for u, v, data in m.graph.edges(data=True):
        state = Confirmation.parse((data.get("extra") or {}).get(EDGE_STATUS))
        if state is not None:
            out[(str(u), str(v))] = state.value
    return out
