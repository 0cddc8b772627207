"""The coordinator's decisions on duplicates and conflicts, as written in the Rückmeldung.

The Rückmeldung workbook (:func:`netzkarte.survey.feedback.write_feedback_xlsx`) has a column
*Entscheidung* with a dropdown in its sheets *Dubletten* and *Beziehungen*. Fed back with
``zusammenfuehren … --entscheidungen rueckmeldung.xlsx`` the decisions are applied:

* *Dubletten*: ``dieselbe`` merges the new entry into the existing one (its ties, memberships
  and answers move over), ``verschieden`` keeps both and removes the mark;
* *Beziehungen*: ``behalten`` keeps the merged tie, ``entfernen`` removes it, ``Angabe Von``
  or ``Angabe Zu`` take kind and strength as that side answered.

An empty cell means "not decided yet". Decisions are keyed by IDs (and, for duplicates, by the
normalised name as well), so they still apply when the merge is run again from the start.

>>> d = Decisions()
>>> d.add_duplicate("NEU-KITA-SONNENSCHEIN", "Kita Sonnenschien", "A-1", "dieselbe")
True
>>> d.same_as("NEU-KITA-SONNENSCHEIN", "Kita Sonnenschien")
'A-1'
>>> d.add_tie("A-1", "A-2", "entfernen"), d.tie("A-2", "A-1").action
(True, 'remove')
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netzkarte.errors import InputError, IssueCode
from netzkarte.io.cells import cell_text
from netzkarte.survey.names import name_key
from netzkarte.vocab import fold

__all__ = ["DUPLICATE_CHOICES", "DUPLICATE_HEADERS", "DUPLICATE_SHEET", "TIE_CHOICES",
           "TIE_HEADERS", "TIE_SHEET", "Decisions", "TieDecision", "read_decisions"]

DUPLICATE_SHEET = "Dubletten"
TIE_SHEET = "Beziehungen"
DUPLICATE_CHOICES: tuple[str, ...] = ("dieselbe", "verschieden")
"""Dropdown of *Dubletten* → *Entscheidung*."""
TIE_CHOICES: tuple[str, ...] = ("behalten", "entfernen", "Angabe Von", "Angabe Zu")
"""Dropdown of *Beziehungen* → *Entscheidung*."""
DUPLICATE_HEADERS: tuple[str, ...] = ("Neuer Eintrag", "Name (neu)", "Vorhandener Eintrag",
                                      "Name (vorhanden)", "Ähnlichkeit", "Einschätzung",
                                      "Hinweise", "Quelle", "Entscheidung")
TIE_HEADERS: tuple[str, ...] = ("Von", "Name Von", "Zu", "Name Zu", "Art", "Stärke", "Status",
                                "Angabe Von", "Angabe Zu", "Quelle", "Entscheidung")

_SAME = {fold(w) for w in ("dieselbe", "derselbe", "dasselbe", "gleich", "identisch", "ja",
                           "same", "zusammenführen")}
_DIFFERENT = {fold(w) for w in ("verschieden", "unterschiedlich", "nein", "anders",
                                "different", "getrennt")}
_TIE_WORDS: dict[str, str] = {fold("behalten"): "keep", fold("so lassen"): "keep",
                              fold("bestätigen"): "keep", fold("entfernen"): "remove",
                              fold("löschen"): "remove", fold("Angabe Von"): "source",
                              fold("Von"): "source", fold("Angabe Zu"): "target",
                              fold("Zu"): "target"}


@dataclass(frozen=True, slots=True)
class TieDecision:
    """A decision on one pair: ``keep``, ``remove`` or ``side`` (take ``side``'s answer)."""

    action: str
    side: str | None = None

    @property
    def label(self) -> str:
        """The German word written in the edge column *Entscheidung*."""
        if self.action == "remove":
            return "entfernen"
        if self.action == "side":
            return f"Angabe von {self.side}"
        return "behalten"


@dataclass
class Decisions:
    """Decisions read from a Rückmeldung (or built in code)."""

    same: dict[str, str] = field(default_factory=dict)
    different: dict[str, set[str]] = field(default_factory=dict)
    ties: dict[frozenset[str], TieDecision] = field(default_factory=dict)
    source: str | None = None
    rows: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    """The decided rows as read, by sheet: written again into the next Rückmeldung."""

    def __bool__(self) -> bool:
        return bool(self.same or self.different or self.ties)

    @staticmethod
    def _keys(new_id: str | None, new_name: str | None) -> list[str]:
        keys = []
        if new_id:
            keys.append(f"n:{new_id}")
        if new_name:
            keys.append(f"k:{name_key(new_name)}")
        return keys

    def add_duplicate(self, new_id: str | None, new_name: str | None, existing: str,
                      choice: object) -> bool:
        """Record one duplicate decision; ``False`` if ``choice`` is no known word."""
        word = fold(cell_text(choice) or "")
        if word in _SAME:
            for key in self._keys(new_id, new_name):
                self.same[key] = existing
            return True
        if word in _DIFFERENT:
            for key in self._keys(new_id, new_name):
                self.different.setdefault(key, set()).add(existing)
            return True
        return False

    def same_as(self, new_id: str | None, new_name: str | None) -> str | None:
        """The existing entry a new one was decided to be, if any."""
        for key in self._keys(new_id, new_name):
            if key in self.same:
                return self.same[key]
        return None

    def not_same(self, new_id: str | None, new_name: str | None) -> set[str]:
        """Existing entries a new one was decided *not* to be."""
        out: set[str] = set()
        for key in self._keys(new_id, new_name):
            out |= self.different.get(key, set())
        return out

    def add_tie(self, source: str, target: str, choice: object) -> bool:
        """Record a decision on the pair; ``False`` if ``choice`` is no known word."""
        action = _TIE_WORDS.get(fold(cell_text(choice) or ""))
        if action is None:
            return False
        if action in ("source", "target"):
            self.ties[frozenset((source, target))] = TieDecision(
                "side", source if action == "source" else target)
        else:
            self.ties[frozenset((source, target))] = TieDecision(action)
        return True

    def tie(self, u: str, v: str) -> TieDecision | None:
        """The decision on the pair *u*–*v*, if any."""
        return self.ties.get(frozenset((u, v)))


def _rows(book: Any, name: str, headers: tuple[str, ...]) -> list[dict[str, object]]:
    actual = next((s for s in book.sheet_names if fold(s) == fold(name)), None)
    if actual is None:
        return []
    rows: list[list[Any]] = book.get_sheet_by_name(actual).to_python(skip_empty_area=False)
    wanted = {fold(h): h for h in headers}
    for at, row in enumerate(rows[:10]):
        found = {fold(cell_text(c) or ""): j for j, c in enumerate(row)}
        if fold("Entscheidung") in found:
            index = {wanted[k]: j for k, j in found.items() if k in wanted}
            return [{h: (r[j] if j < len(r) else None) for h, j in index.items()}
                    for r in rows[at + 1:]]
    return []


def read_decisions(path: str | os.PathLike[str]) -> tuple[Decisions, list[str]]:
    """Read the decisions of a Rückmeldung workbook.

    Returns
    -------
    (Decisions, list of str)
        The decisions and German notes on cells that could not be read (row and value).

    Raises
    ------
    InputError
        The file is no readable workbook or no Rückmeldung of netzkarte.
    """
    from python_calamine import CalamineWorkbook

    from netzkarte.io.safety import Limits, check_workbook

    p = Path(path)
    check_workbook(p, Limits())
    try:
        book = CalamineWorkbook.from_path(os.fspath(p))
    except Exception as err:  # calamine raises its own error types
        raise InputError(f"„{p.name}“ lässt sich nicht als Excel-Arbeitsmappe lesen ({err}).",
                         IssueCode.NOT_A_WORKBOOK) from None
    names = {fold(s) for s in book.sheet_names}
    if fold(DUPLICATE_SHEET) not in names or fold(TIE_SHEET) not in names:
        raise InputError(f"„{p.name}“ ist keine Rückmeldung von netzkarte (es fehlen die "
                         f"Blätter „{DUPLICATE_SHEET}“ und „{TIE_SHEET}“). Sie wird nicht "
                         "überschrieben. Geben Sie bei --entscheidungen die Rückmeldung an, die "
                         "„zusammenfuehren“ geschrieben hat, oder einen neuen Dateinamen.",
                         IssueCode.NOT_A_FEEDBACK)
    decisions = Decisions(source=p.name)
    notes: list[str] = []
    for i, row in enumerate(_rows(book, DUPLICATE_SHEET, DUPLICATE_HEADERS), 2):
        choice = cell_text(row.get("Entscheidung"))
        existing = cell_text(row.get("Vorhandener Eintrag"))
        if not choice or not existing:
            continue
        if decisions.add_duplicate(cell_text(row.get("Neuer Eintrag")),
                                   cell_text(row.get("Name (neu)")), existing, choice):
            decisions.rows.setdefault(DUPLICATE_SHEET, []).append(row)
        else:
            notes.append(f"{DUPLICATE_SHEET}, Zeile {i}: „{choice}“ ist keine Entscheidung; "
                         f"möglich sind {' oder '.join(DUPLICATE_CHOICES)}.")
    for i, row in enumerate(_rows(book, TIE_SHEET, TIE_HEADERS), 2):
        choice = cell_text(row.get("Entscheidung"))
        source, target = cell_text(row.get("Von")), cell_text(row.get("Zu"))
        if not choice or not source or not target:
            continue
        if decisions.add_tie(source, target, choice):
            decisions.rows.setdefault(TIE_SHEET, []).append(row)
        else:
            notes.append(f"{TIE_SHEET}, Zeile {i}: „{choice}“ ist keine Entscheidung; möglich "
                         f"sind {', '.join(TIE_CHOICES)}.")
    return decisions, notes
