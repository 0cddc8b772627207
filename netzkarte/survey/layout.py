"""The names the Bestandsaufnahme shares between questionnaire, reader, merge and feedback.

Sheet names, column headers, the values of the dropdowns, the confirmation states of a tie
and the extra columns the merged workbook carries live here, so writer and reader can never
disagree. Everything a user sees is German; the codes are English.

>>> CONTACT_HEADERS[:4]
('ID', 'Name', 'Handlungsfeld', 'Sozialraum')
>>> parse_art("Kooperation").kind.value, parse_art("") is NO_CONTACT
('cooperation', True)
>>> parse_survey_strength("3 Koordination – man plant und stimmt sich ab")
<Strength.COORDINATION: 3>
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netzkarte.io.cells import cell_text, is_missing
from netzkarte.schema import sheet
from netzkarte.vocab import (
    CONFIRMATION_COLUMN,
    NO_ANSWER_KEY,
    Confirmation,
    EdgeKind,
    Strength,
    fold,
)

__all__ = [
    "ART_CHOICES",
    "COMMITTEES_SHEET",
    "COMMITTEE_HEADERS",
    "CONFIRMATION_LABELS",
    "CONTACTS_SHEET",
    "CONTACT_HEADERS",
    "EDGE_DECISION",
    "EDGE_SIDE_SOURCE",
    "EDGE_SIDE_TARGET",
    "EDGE_SOURCE",
    "EDGE_STATUS",
    "FORMAT",
    "GUIDE_SHEET",
    "INFO_SHEET",
    "LISTS_SHEET",
    "META_DATE",
    "META_MISSING",
    "META_RATE",
    "NEW_EXTRA_HEADERS",
    "NEW_SHEET",
    "NODE_ANSWER",
    "NODE_DUPLICATE",
    "NODE_SOURCE",
    "NO_CONTACT",
    "OFFERS_SHEET",
    "OFFER_HEADERS",
    "OWN_FILLED",
    "OWN_HEADERS",
    "OWN_SHEET",
    "QUESTIONNAIRE_SHEETS",
    "STRENGTH_CHOICES",
    "STRENGTH_WORDS",
    "SURVEY_KINDS",
    "ArtChoice",
    "Confirmation",
    "parse_art",
    "parse_survey_strength",
]

FORMAT = "netzkarte-erhebung/1"
"""Format tag in the hidden sheet *Erhebung* of every questionnaire."""

GUIDE_SHEET = "Anleitung"
OWN_SHEET = "Ihre Einrichtung"
CONTACTS_SHEET = "Ihre Kontakte"
COMMITTEES_SHEET = "Ihre Gremien"
OFFERS_SHEET = "Ihre Angebote"
NEW_SHEET = "Neue Partner"
LISTS_SHEET = "Listen"
INFO_SHEET = "Erhebung"
QUESTIONNAIRE_SHEETS: tuple[str, ...] = (GUIDE_SHEET, OWN_SHEET, CONTACTS_SHEET,
                                         COMMITTEES_SHEET, OFFERS_SHEET, NEW_SHEET)
"""The visible sheets of a questionnaire, in order (*Listen* and *Erhebung* are hidden)."""

OWN_HEADERS: tuple[str, ...] = ("Feld", "Bisher", "Ihre Angabe")
OWN_FILLED = "Ausgefüllt am"
"""Last field of *Ihre Einrichtung*: the date of the answer (optional)."""
CONTACT_HEADERS: tuple[str, ...] = ("ID", "Name", "Handlungsfeld", "Sozialraum", "Art",
                                    "Stärke", "Seit", "Bemerkung")
COMMITTEE_HEADERS: tuple[str, ...] = ("ID", "Name", "Gremientyp", "Sozialraum", "Mitglied",
                                      "Funktion", "Seit", "Bemerkung")
OFFER_HEADERS: tuple[str, ...] = tuple(
    c.header for c in sheet("Angebote").columns
    if c.header in ("ID", "Name", "Kategorie", "Lebensphasen", "Zielgruppe", "Sozialraum",
                    "Aufsuchend", "Status", "Kapazität", "Bemerkung"))
NEW_EXTRA_HEADERS: tuple[str, ...] = ("Art", "Stärke", "Seit")
"""Columns after the *Akteure* columns in *Neue Partner*: the contact to the new partner."""

SURVEY_KINDS: tuple[EdgeKind, ...] = (EdgeKind.CONTRACT, EdgeKind.COOPERATION,
                                      EdgeKind.REFERRAL)
"""Tie kinds a questionnaire asks about, in the order a pair's main tie is chosen."""


@dataclass(frozen=True, slots=True)
class ArtChoice:
    """One value of the *Art* dropdown: the tie kind and, for referrals, its direction."""

    label: str
    kind: EdgeKind
    outgoing: bool = True  # referral: the answering partner refers to the contact


ART_CHOICES: tuple[ArtChoice, ...] = (
    ArtChoice("Kooperation", EdgeKind.COOPERATION),
    ArtChoice("Kontrakt (schriftlich vereinbart)", EdgeKind.CONTRACT),
    ArtChoice("Vermittlung: wir vermitteln dorthin", EdgeKind.REFERRAL, True),
    ArtChoice("Vermittlung: von dort zu uns", EdgeKind.REFERRAL, False),
)
NO_CONTACT = ArtChoice("kein Kontakt", EdgeKind.COOPERATION)
"""What an empty *Art* (or "kein Kontakt", "nein", "–") means."""
_ART_SPELLINGS: dict[str, ArtChoice] = {fold(c.label): c for c in ART_CHOICES}
_ART_SPELLINGS.update({fold(w): NO_CONTACT for w in ("kein Kontakt", "keiner", "nein", "no",
                                                     "0", "x nein")})
_ART_SPELLINGS.update({fold(w): ART_CHOICES[2] for w in (
    "Vermittlung an", "wir vermitteln dorthin", "vermitteln dorthin", "Vermittlung dorthin")})
_ART_SPELLINGS.update({fold(w): ART_CHOICES[3] for w in (
    "Vermittlung von", "von dort zu uns", "Vermittlung zu uns")})

STRENGTH_WORDS: dict[Strength, str] = {
    Strength.EXCHANGE: "man kennt sich und tauscht Informationen aus",
    Strength.COOPERATION: "man hilft sich im Einzelfall",
    Strength.COORDINATION: "man plant und stimmt sich ab",
    Strength.INTEGRATION: "man arbeitet gemeinsam „aus einer Hand“",
}
"""The tie-strength scale in plain words (questionnaire, dropdown, handbook)."""
STRENGTH_CHOICES: tuple[str, ...] = tuple(
    f"{s.value} {s.label} – {STRENGTH_WORDS[s]}" for s in Strength)
"""The *Stärke* dropdown: number, word and explanation."""
_LEADING_DIGIT = re.compile(r"^\s*([1-4])(?:\s|$|[.,:;–-])")


def parse_art(value: object) -> ArtChoice | None:
    """The *Art* of a contact row: a choice, :data:`NO_CONTACT`, or ``None`` if unknown.

    Besides the dropdown values, the tie words of the template are understood
    ("Zusammenarbeit", "Kontrakt", "Vermittlung" – the latter read as "wir vermitteln
    dorthin").

    >>> parse_art("Zusammenarbeit").label, parse_art("Vermittlung").outgoing
    ('Kooperation', True)
    >>> parse_art("Trägerschaft") is None
    True
    """
    text = cell_text(value)
    if text is None or is_missing(text):
        return NO_CONTACT
    choice = _ART_SPELLINGS.get(fold(text))
    if choice is not None:
        return choice
    kind = EdgeKind.parse(text)
    if kind is None:
        head = text.split(":")[0].split("(")[0]
        kind = EdgeKind.parse(head)
    return next((c for c in ART_CHOICES if c.kind is kind), None)


def parse_survey_strength(value: object) -> Strength | None:
    """*Stärke* as the dropdown writes it (``"3 Koordination – …"``), a number or a word."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Strength.parse(value)
    text = cell_text(value)
    if text is None:
        return None
    match = _LEADING_DIGIT.match(text)
    if match:
        return Strength(int(match.group(1)))
    return Strength.parse(text) or Strength.parse(text.split("–")[0].strip())


CONFIRMATION_LABELS: dict[Confirmation, str] = {c: c.label for c in Confirmation}
"""German label of each state (the value written in the column *Bestätigung*)."""

# Extra columns of the merged workbook (kept by the importer as extra attributes).
EDGE_STATUS = CONFIRMATION_COLUMN
"""Edge column: the :class:`Confirmation` label of a surveyed tie or membership."""
EDGE_SIDE_SOURCE = "Angabe Von"
"""Edge column: what the *Von* side answered, with file, sheet, row and date."""
EDGE_SIDE_TARGET = "Angabe Zu"
"""Edge column: what the *Zu* side answered, with file, sheet, row and date."""
EDGE_SOURCE = "Quelle"
"""Edge column: the answers the tie comes from (file, sheet, row, date), joined by ``; ``."""
EDGE_DECISION = "Entscheidung"
"""Edge column: the coordinator's decision on a conflict (from the Rückmeldung)."""
NODE_ANSWER = "Antwort"
"""Node column: date, time and file of the partner's merged answer (empty: no answer)."""
NODE_SOURCE = "Quelle"
"""Node column: the answer row a node was added or last corrected from."""
NODE_DUPLICATE = "Mögliche Dublette"
"""Node column: existing entries the new node may be the same as, until decided."""
META_RATE = "Bestandsaufnahme Rücklauf"
META_MISSING = NO_ANSWER_KEY
"""Metadata (*Anleitung*): IDs of asked partners without an answer, joined by ``; ``."""
META_DATE = "Bestandsaufnahme zusammengeführt"
