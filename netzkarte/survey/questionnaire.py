"""Write the questionnaires of a Bestandsaufnahme: one workbook per partner, plus a blank one.

Who works with whom only the partners know. :func:`write_questionnaires` writes, for every
organisation, facility and office of a map (persons on request), an Excel workbook that the
partner fills in and sends back; a blank one serves partners not yet on the map. The sheets:

* **Anleitung** – what the survey is for, the steps in plain German and the tie-strength
  scale in words;
* **Ihre Einrichtung** – the partner's own record: *Feld*, *Bisher* (what the map says,
  protected) and *Ihre Angabe* (pre-filled, to confirm or correct), then *Ausgefüllt am*;
* **Ihre Kontakte** – one row per known actor or office: *ID*, *Name*, *Handlungsfeld*,
  *Sozialraum* given, *Art*, *Stärke*, *Seit*, *Bemerkung* to fill (an empty *Art* means no
  contact). The partner's neighbours come first: existing ties (pre-filled), then the same
  Sozialraum, then the same Handlungsfeld, then everyone else;
* **Ihre Gremien** – every committee, the partner's memberships first (*Mitglied* ja);
* **Ihre Angebote** – the partner's offers, pre-filled, and free rows for new ones;
* **Neue Partner** – the columns of the template's *Akteure* sheet, then *Art*, *Stärke* and
  *Seit* of the contact to the new partner.

Two hidden sheets hold the dropdown values (*Listen*) and which map, which partner and when
(*Erhebung*); the same facts are stored as custom document properties, so the answer is
recognised by its content whatever the file is called and after LibreOffice re-saved it.
Headers and given cells are protected (sheet protection without a password), the cells to
fill are unlocked and yellow.

>>> import tempfile, pathlib
>>> from openpyxl import load_workbook
>>> from netzkarte import NetworkMap
>>> m = NetworkMap("Kindertal")
>>> m.add_node("K1", "actor", name="Kita Sonnenschein", category="Kita")
>>> m.add_node("GS", "actor", name="Grundschule am Park", category="Grundschule")
>>> path = write_questionnaire(m, "K1", pathlib.Path(tempfile.mkdtemp()) / "k1.xlsx")
>>> wb = load_workbook(path)
>>> wb.sheetnames[:6] == list(QUESTIONNAIRE_SHEETS)
True
>>> [c.value for c in wb["Ihre Kontakte"][4]][:2]
['GS', 'Grundschule am Park']
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from netzkarte.errors import NetzkarteError
from netzkarte.io.atomic import atomic_path
from netzkarte.io.template import LISTS
from netzkarte.model import NetworkMap
from netzkarte.schema import Column, ValueKind, sheet
from netzkarte.survey.layout import (
    ART_CHOICES,
    COMMITTEE_HEADERS,
    COMMITTEES_SHEET,
    CONTACT_HEADERS,
    CONTACTS_SHEET,
    FORMAT,
    GUIDE_SHEET,
    INFO_SHEET,
    LISTS_SHEET,
    NEW_EXTRA_HEADERS,
    NEW_SHEET,
    OFFER_HEADERS,
    OFFERS_SHEET,
    OWN_FILLED,
    OWN_HEADERS,
    OWN_SHEET,
    QUESTIONNAIRE_SHEETS,
    STRENGTH_CHOICES,
    STRENGTH_WORDS,
)
from netzkarte.survey.ties import main_tie
from netzkarte.survey.values import shown
from netzkarte.text import column_letter
from netzkarte.vocab import (
    ActorForm,
    CommitteeType,
    EdgeKind,
    MemberFunction,
    NodeType,
    Strength,
    fold,
)

__all__ = ["INFO_KEYS", "OWN_FIELDS", "QUESTIONNAIRE_SHEETS", "eligible_partners",
           "questionnaire_file", "write_questionnaire", "write_questionnaires"]

log = logging.getLogger(__name__)

ACTORS, OFFICES, OFFERS = sheet("Akteure"), sheet("Ämter"), sheet("Angebote")

INFO_KEYS: tuple[str, ...] = ("Format", "Kommune", "Kreis", "Titel", "Stand", "Partner-ID",
                              "Partner", "Erstellt", "Fragebogen", "Personen", "Befragte")
"""Keys of the hidden sheet *Erhebung* (column A) and of the custom document properties."""

OWN_FIELDS: dict[NodeType, tuple[str, ...]] = {
    NodeType.ACTOR: ("ID", "Name", "Form", "Kategorie", "Sektor", "Ebene", "Kommune",
                     "Sozialraum", "Lebensphasen", "Organisation", "Kontakt", "Bemerkung"),
    NodeType.OFFICE: ("ID", "Name", "Kategorie", "Sektor", "Ebene", "Kommune", "Übergeordnet",
                      "Kontakt", "Bemerkung"),
}
"""The rows of *Ihre Einrichtung* per node type (template headers), before *Ausgefüllt am*."""

_MAX_ASKED = 30_000
_FREE_ROWS = {CONTACTS_SHEET: 40, COMMITTEES_SHEET: 15, OFFERS_SHEET: 30, NEW_SHEET: 60}
_HEADER_FILL, _GIVEN_FILL, _FILL_FILL, _TIE_FILL = "DDEBF7", "F2F2F2", "FFF2CC", "E2EFDA"
_SAFE = re.compile(r"[^0-9A-Za-z_.-]+")
_DATE_FORMAT = "DD.MM.YYYY"
_QUESTIONNAIRE_LISTS: tuple[tuple[str, list[str]], ...] = (
    ("Art (Kontakt)", [c.label for c in ART_CHOICES]),
    ("Stärke (Kontakt)", list(STRENGTH_CHOICES)),
)


def eligible_partners(m: NetworkMap, *, persons: bool = False) -> list[str]:
    """Ids of the partners a questionnaire goes to: organisations, facilities, offices.

    Persons only with ``persons=True``. In map order.
    """
    out: list[str] = []
    for node, data in m.graph.nodes(data=True):
        ntype = data["type"]
        if ntype is NodeType.OFFICE or (ntype is NodeType.ACTOR and (
                persons or data.get("form") is not ActorForm.PERSON)):
            out.append(str(node))
    return out


def questionnaire_file(m: NetworkMap, partner: str | None) -> str:
    """The file name of a partner's questionnaire (``Fragebogen_<ID>_<Name>.xlsx``)."""
    if partner is None:
        return "Fragebogen_neuer_Partner.xlsx"
    name = _SAFE.sub("-", _ascii(m.name(partner)))
    ident = _SAFE.sub("-", _ascii(partner)).strip("-") or "ID"
    return f"Fragebogen_{ident}_{name.strip('-')[:40]}.xlsx"


def _ascii(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                           "ß": "ss", " ": "-"})
    return text.translate(table)


@dataclass(frozen=True)
class _Styles:
    """Shared openpyxl style objects (created once per workbook)."""

    bold: Any
    title: Any
    header: Any
    given: Any
    fill: Any
    tie: Any
    unlocked: Any
    wrap: Any


def _styles() -> _Styles:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    return _Styles(Font(bold=True), Font(bold=True, size=14), PatternFill("solid",
                   fgColor=_HEADER_FILL), PatternFill("solid", fgColor=_GIVEN_FILL),
                   PatternFill("solid", fgColor=_FILL_FILL), PatternFill("solid",
                   fgColor=_TIE_FILL), Protection(locked=False),
                   Alignment(wrap_text=True, vertical="top"))


class _Writer:
    """One questionnaire workbook (write-only openpyxl)."""

    def __init__(self, m: NetworkMap, partner: str | None, persons: bool,
                 when: datetime, asked: str = "alle") -> None:
        from openpyxl import Workbook

        self.m, self.partner, self.persons, self.when = m, partner, persons, when
        self.asked = asked
        self.wb = Workbook(write_only=True)
        self.s = _styles()
        self.style_cache: dict[tuple[bool, int, bool, bool, bool], Any] = {}
        self.lists = self._lists()
        self.ranges: dict[str, str] = {}
        for i, (name, values) in enumerate(self.lists):
            letter = column_letter(i)
            self.ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"

    # --- cells ---------------------------------------------------------------------------

    def cell(self, ws: Any, value: Any, *, bold: bool = False, fill: Any = None,
             unlocked: bool = False, comment: str | None = None, wrap: bool = False) -> Any:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.comments import Comment

        cell = WriteOnlyCell(ws, value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text such as "=1+1" stays text, never a formula
        key = (bold, id(fill), unlocked, wrap, isinstance(value, date))
        cached = self.style_cache.get(key)
        if cached is not None:  # copying the style array is ~20x faster than styling anew
            cell._style = copy(cached)  # type: ignore[attr-defined]
        else:
            if bold:
                cell.font = self.s.bold
            if fill is not None:
                cell.fill = fill
            if unlocked:
                cell.protection = self.s.unlocked
            if wrap:
                cell.alignment = self.s.wrap
            if isinstance(value, date):
                cell.number_format = _DATE_FORMAT
            self.style_cache[key] = copy(cell._style)  # type: ignore[attr-defined]
        if comment:
            cell.comment = Comment(comment, "netzkarte", height=110, width=280)
        return cell

    def header(self, ws: Any, headers: Sequence[str], hints: dict[str, str]) -> list[Any]:
        return [self.cell(ws, h, bold=True, fill=self.s.header, comment=hints.get(h) or None)
                for h in headers]

    def protect(self, ws: Any) -> None:
        prot = ws.protection
        prot.sheet = True  # no password: protection only guards against slips
        prot.formatColumns = prot.formatRows = prot.autoFilter = prot.sort = False
        prot.insertRows = False

    def validate(self, ws: Any, column: int, first: int, last: int, *, list_name: str | None,
                 title: str, prompt: str, strict: bool = False) -> None:
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=title[:32],
                            prompt=prompt[:255])
        if list_name is not None:
            dv.type, dv.formula1, dv.showErrorMessage = "list", self.ranges[list_name], True
            dv.errorStyle = "stop" if strict else "warning"
            dv.errorTitle = "Wert nicht in der Liste"
            dv.error = ("Bitte einen Wert aus der Liste wählen." if strict else
                        "Dieser Wert steht nicht in der Liste. Trotzdem verwenden? Er wird "
                        "übernommen und von der Koordination geprüft.")
        letter = column_letter(column - 1)  # column is 1-based
        dv.add(f"{letter}{first}:{letter}{last}")
        ws.data_validations.append(dv)

    # --- lists ----------------------------------------------------------------------------

    def _lists(self) -> list[tuple[str, list[str]]]:
        own = self.m.categories.custom
        out: list[tuple[str, list[str]]] = []
        for name, values in LISTS:
            if name.startswith("Kategorie ") and own:
                label = name.removeprefix("Kategorie ")
                values = [*values, *(c.label for c in own if c.node_type.label == label
                                     and c.label not in values)]
            out.append((name, list(values)))
        out.extend(_QUESTIONNAIRE_LISTS)
        return out

    def list_for(self, column: Column, node_type: NodeType | None) -> str | None:
        known = {name for name, _ in self.lists}
        if column.kind is ValueKind.BOOL:
            return "ja/nein"
        if column.attr == "category" and node_type is not None:
            return f"Kategorie {node_type.label}"
        if column.enum is not None:
            for name, values in self.lists:
                if name in known and values == column.enum.labels():
                    return name
        return None

    # --- sheets ---------------------------------------------------------------------------

    def write(self, path: Path) -> Path:
        from openpyxl.writer.excel import ExcelWriter

        self.guide()
        self.own()
        self.contacts()
        self.committees()
        self.offers()
        self.new_partners()
        self.list_sheet()
        self.info_sheet()
        self.properties()
        with atomic_path(path) as tmp:
            archive = zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED)
            ExcelWriter(self.wb, archive).save()  # wb.save() would stamp "modified" anew
        return path

    def info(self) -> dict[str, str]:
        meta, partner = self.m.meta, self.partner
        created = self.when.strftime("%d.%m.%Y %H:%M")
        ident = hashlib.sha1(f"{meta.municipality}|{partner}|{created}".encode()).hexdigest()
        return {"Format": FORMAT, "Kommune": meta.municipality, "Kreis": meta.county,
                "Titel": meta.title,
                "Stand": meta.snapshot.strftime("%d.%m.%Y") if meta.snapshot else "",
                "Partner-ID": partner or "", "Partner": self.m.name(partner) if partner else "",
                "Erstellt": created, "Fragebogen": ident[:12],
                "Personen": "ja" if self.persons else "nein", "Befragte": self.asked}

    def guide(self) -> None:
        ws = self.wb.create_sheet(GUIDE_SHEET)
        ws.column_dimensions["A"].width = 26
        ws.column_dimensions["B"].width = 100
        info = self.info()
        town = info["Kommune"] or "Ihrer Kommune"
        ws.append([self.cell(ws, f"Bestandsaufnahme der Präventionskette {town}", bold=True)])
        ws.append([])
        who = (f"{info['Partner']} (ID {info['Partner-ID']})" if self.partner
               else "neue Partner (noch nicht auf der Karte)")
        for label, value in (("Fragebogen für", who), ("Kommune", info["Kommune"]),
                             ("Karte", info["Titel"]), ("Stand der Karte", info["Stand"]),
                             ("Erstellt am", info["Erstellt"])):
            ws.append([self.cell(ws, label, bold=True), self.cell(ws, value or "–")])
        for style, text in guide_text(town, blank=self.partner is None):
            if style == "h":
                ws.append([])
                ws.append([self.cell(ws, text, bold=True)])
            else:
                ws.append([None, self.cell(ws, text, wrap=True)])
        self.protect(ws)

    def own(self) -> None:
        ws = self.wb.create_sheet(OWN_SHEET)
        for letter, width in zip("ABC", (22, 48, 48), strict=True):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A4"
        partner = self.partner
        data = self.m.graph.nodes[partner] if partner else {}
        ntype = data["type"] if partner else NodeType.ACTOR
        sheet = ACTORS if ntype is NodeType.ACTOR else OFFICES
        ws.append([self.cell(ws, "Stimmen unsere Angaben? Korrigieren Sie in „Ihre Angabe“, "
                                 "was nicht stimmt. „Bisher“ zeigt, was auf der Karte steht.",
                             bold=True)])
        ws.append([])
        ws.append(self.header(ws, OWN_HEADERS, {
            "Bisher": "Was die Karte bisher sagt (geschützt).",
            "Ihre Angabe": "Bitte prüfen und, wo nötig, korrigieren."}))
        row = 4
        for field in OWN_FIELDS[ntype]:
            column = sheet.column(field)
            before = self.own_value(partner, column) if partner else None
            locked = field == "ID"
            ws.append([self.cell(ws, field, bold=True, fill=self.s.given,
                                 comment=column.hint or None),
                       self.cell(ws, before, fill=self.s.given),
                       self.cell(ws, before, fill=self.s.given if locked else self.s.fill,
                                 unlocked=not locked)])
            list_name = self.list_for(column, ntype)
            if not locked:
                self.validate(ws, 3, row, row, list_name=list_name, title=field,
                              prompt=column.hint)
            row += 1
        ws.append([self.cell(ws, OWN_FILLED, bold=True, fill=self.s.given,
                             comment="Datum, an dem Sie den Fragebogen ausgefüllt haben."),
                   self.cell(ws, None, fill=self.s.given),
                   self.cell(ws, None, fill=self.s.fill, unlocked=True)])
        self.validate(ws, 3, row, row, list_name=None, title=OWN_FILLED,
                      prompt="Datum, z. B. 02.05.2019.")
        self.protect(ws)

    def own_value(self, node: str | None, column: Column) -> Any:
        if node is None:
            return None
        if column.attr == "id":
            return node
        if column.edge is not None:  # Organisation, Übergeordnet: "Name (ID)"
            for _, target, data in self.m.graph.out_edges(node, data=True):
                if data["kind"] is EdgeKind.BELONGS_TO:
                    return f"{self.m.name(target)} ({target})"
            return None
        data = self.m.graph.nodes[node]
        value = shown(data.get(column.attr))
        if value is None:
            value = shown((data.get("extra") or {}).get(column.header))
        return value

    def contacts(self) -> None:
        ws = self.wb.create_sheet(CONTACTS_SHEET)
        for letter, width in zip("ABCDEFGH", (14, 44, 26, 16, 34, 44, 12, 34), strict=True):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "C4"
        ws.append([self.cell(ws, "Mit wem arbeiten Sie zusammen? Wählen Sie „Art“ und "
                                 "„Stärke“. Leere „Art“ = kein Kontakt. Vorausgefüllte "
                                 "Zeilen (grün) stehen schon auf der Karte: bitte prüfen.",
                             bold=True)])
        ws.append([self.cell(ws, "Stärke: " + "  ·  ".join(
            f"{s.value} {s.label} – {STRENGTH_WORDS[s]}" for s in Strength))])
        hints = {
            "Art": "Kooperation, Kontrakt (schriftlich vereinbart) oder Vermittlung. "
                   "Leer lassen, wenn Sie nicht zusammenarbeiten.",
            "Stärke": " / ".join(STRENGTH_CHOICES),
            "Seit": "Seit wann (Datum oder Jahr), freiwillig.",
            "Bemerkung": "Was die Zusammenarbeit ausmacht, freiwillig.",
            "ID": "Kennung auf der Karte (nicht ändern). Neue Kontakte: in die freien Zeilen "
                  "unten ohne ID oder ins Blatt „Neue Partner“."}
        ws.append(self.header(ws, CONTACT_HEADERS, hints))
        rows = 0
        for other, has_tie in contact_order(self.m, self.partner, persons=self.persons):
            data = self.m.graph.nodes[other]
            prefill = self.tie_prefill(other) if has_tie else (None, None, None)
            given = self.s.tie if prefill[0] else self.s.given
            sector = data.get("sector")
            ws.append([self.cell(ws, other, fill=given), self.cell(ws, self.m.name(other),
                       fill=given), self.cell(ws, sector.label if sector else None, fill=given),
                       self.cell(ws, data.get("district"), fill=given),
                       *(self.cell(ws, v, fill=self.s.fill, unlocked=True)
                         for v in (*prefill, None))])
            rows += 1
        self.free_rows(ws, len(CONTACT_HEADERS), _FREE_ROWS[CONTACTS_SHEET], unlock_all=True)
        last = 3 + rows + _FREE_ROWS[CONTACTS_SHEET]
        self.validate(ws, 5, 4, last, list_name="Art (Kontakt)", title="Art",
                      prompt=hints["Art"], strict=False)
        self.validate(ws, 6, 4, last, list_name="Stärke (Kontakt)", title="Stärke",
                      prompt="1 Austausch, 2 Kooperation, 3 Koordination, 4 Integration – "
                             "siehe Anleitung.")
        self.validate(ws, 7, 4, last, list_name=None, title="Seit", prompt=hints["Seit"])
        ws.auto_filter.ref = f"A3:H{max(last, 4)}"
        self.protect(ws)

    def tie_prefill(self, other: str) -> tuple[Any, Any, Any]:
        assert self.partner is not None
        found = main_tie(self.m, self.partner, other)
        if found is None:
            return None, None, None
        source, _, _, data = found
        kind = data["kind"]
        if kind is EdgeKind.REFERRAL:
            art = ART_CHOICES[2 if source == self.partner else 3].label
        else:
            art = next(c.label for c in ART_CHOICES if c.kind is kind)
        strength = data.get("strength")
        return (art, STRENGTH_CHOICES[int(strength) - 1] if strength else None,
                data.get("since"))

    def free_rows(self, ws: Any, width: int, count: int, *, unlock_all: bool = False,
                  unlocked_from: int = 0) -> None:
        for _ in range(count):
            ws.append([self.cell(ws, None, fill=self.s.fill if i >= unlocked_from else None,
                                 unlocked=unlock_all or i >= unlocked_from)
                       for i in range(width)])

    def committees(self) -> None:
        ws = self.wb.create_sheet(COMMITTEES_SHEET)
        for letter, width in zip("ABCDEFGH", (12, 44, 24, 16, 10, 14, 12, 34), strict=True):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "C4"
        ws.append([self.cell(ws, "In welchen Gremien arbeiten Sie mit? „Mitglied“: ja oder "
                                 "nein (leer = nein). Bei ja gern Funktion und seit wann.",
                             bold=True)])
        ws.append([self.cell(ws, "Fehlt ein Gremium, tragen Sie seinen Namen in eine freie "
                                 "Zeile unten ein (ohne ID).")])
        ws.append(self.header(ws, COMMITTEE_HEADERS, {
            "Mitglied": "ja oder nein (leer = nein).",
            "Funktion": "Vorsitz, Koordination, Mitglied oder Gast."}))
        mine = {}
        if self.partner:
            for _, committee, data in self.m.graph.out_edges(self.partner, data=True):
                if data["kind"] is EdgeKind.MEMBER:
                    mine[committee] = data
        district = self.m.graph.nodes[self.partner].get("district") if self.partner else None
        committees = self.m.node_ids(NodeType.COMMITTEE)
        committees.sort(key=lambda c: (c not in mine, self.m.graph.nodes[c].get("district")
                                       != district or district is None, fold(self.m.name(c))))
        for committee in committees:
            data = self.m.graph.nodes[committee]
            member = mine.get(committee)
            ctype = data.get("committee_type")
            given = self.s.tie if member is not None else self.s.given
            function = member.get("function") if member is not None else None
            ws.append([self.cell(ws, committee, fill=given),
                       self.cell(ws, self.m.name(committee), fill=given),
                       self.cell(ws, ctype.label if isinstance(ctype, CommitteeType) else None,
                                 fill=given),
                       self.cell(ws, data.get("district"), fill=given),
                       *(self.cell(ws, v, fill=self.s.fill, unlocked=True) for v in (
                           "ja" if member is not None else None,
                           function.label if isinstance(function, MemberFunction) else None,
                           member.get("since") if member is not None else None,
                           member.get("note") if member is not None else None))])
        self.free_rows(ws, len(COMMITTEE_HEADERS), _FREE_ROWS[COMMITTEES_SHEET],
                       unlock_all=True)
        last = 3 + len(committees) + _FREE_ROWS[COMMITTEES_SHEET]
        self.validate(ws, 5, 4, last, list_name="ja/nein", title="Mitglied",
                      prompt="ja oder nein.", strict=True)
        self.validate(ws, 6, 4, last, list_name="Funktion", title="Funktion",
                      prompt="Vorsitz, Koordination, Mitglied oder Gast.")
        self.protect(ws)

    def offers(self) -> None:
        ws = self.wb.create_sheet(OFFERS_SHEET)
        columns = [OFFERS.column(h) for h in OFFER_HEADERS]
        for i, col in enumerate(columns, 1):
            ws.column_dimensions[column_letter(i - 1)].width = max(col.width, 12)
        ws.freeze_panes = "C4"
        ws.append([self.cell(ws, "Ihre Angebote für Kinder, Jugendliche und Familien: bitte "
                                 "prüfen. Neue Angebote in die freien Zeilen (ohne ID).",
                             bold=True)])
        ws.append([self.cell(ws, "Gibt es ein Angebot nicht mehr, setzen Sie „Status“ auf "
                                 "„beendet“.")])
        ws.append(self.header(ws, OFFER_HEADERS, {c.header: c.hint for c in columns}))
        offers: list[str] = []
        if self.partner:
            offers = [str(v) for _, v, d in self.m.graph.out_edges(self.partner, data=True)
                      if d["kind"] is EdgeKind.PROVIDES]
        for offer in offers:
            data = self.m.graph.nodes[offer]
            row = [self.cell(ws, offer, fill=self.s.given)]
            for col in columns[1:]:
                value = shown(data.get(col.attr))
                if value is None:
                    value = shown((data.get("extra") or {}).get(col.header))
                row.append(self.cell(ws, value, fill=self.s.fill, unlocked=True))
            ws.append(row)
        self.free_rows(ws, len(columns), _FREE_ROWS[OFFERS_SHEET], unlock_all=True)
        last = 3 + len(offers) + _FREE_ROWS[OFFERS_SHEET]
        for i, col in enumerate(columns[1:], 2):
            self.validate(ws, i, 4, last, list_name=self.list_for(col, NodeType.OFFER),
                          title=col.header, prompt=col.hint)
        self.protect(ws)

    def new_partners(self) -> None:
        ws = self.wb.create_sheet(NEW_SHEET)
        columns = list(ACTORS.columns)
        headers = [*ACTORS.headers, *NEW_EXTRA_HEADERS]
        widths = [float(c.width) for c in columns] + [34.0, 44.0, 12.0]
        for i, width in enumerate(widths):
            ws.column_dimensions[column_letter(i)].width = width
        ws.freeze_panes = "C4"
        ws.append([self.cell(ws, "Partner, die in „Ihre Kontakte“ fehlen: eine Zeile je "
                                 "Partner. ID leer lassen. In „Art“ und „Stärke“, wie Sie "
                                 "zusammenarbeiten.", bold=True)])
        ws.append([self.cell(ws, "Bitte keine Namen von Familien oder Kindern eintragen. "
                                 "Personen nur mit deren Einverständnis.")])
        hints = {c.header: c.hint for c in columns}
        hints.update({"Art": "Wie Sie mit dem neuen Partner zusammenarbeiten (leer: gar "
                             "nicht, nur ergänzen).", "Stärke": " / ".join(STRENGTH_CHOICES),
                      "Seit": "Seit wann (Datum oder Jahr)."})
        ws.append(self.header(ws, headers, hints))
        count = _FREE_ROWS[NEW_SHEET]
        self.free_rows(ws, len(headers), count, unlock_all=True)
        last = 3 + count
        for i, col in enumerate(columns, 1):
            self.validate(ws, i, 4, last, list_name=self.list_for(col, NodeType.ACTOR),
                          title=col.header, prompt=col.hint)
        base = len(columns)
        self.validate(ws, base + 1, 4, last, list_name="Art (Kontakt)", title="Art",
                      prompt=hints["Art"])
        self.validate(ws, base + 2, 4, last, list_name="Stärke (Kontakt)", title="Stärke",
                      prompt="1 Austausch, 2 Kooperation, 3 Koordination, 4 Integration.")
        self.protect(ws)

    def list_sheet(self) -> None:
        ws = self.wb.create_sheet(LISTS_SHEET)
        ws.sheet_state = "hidden"
        ws.append([self.cell(ws, name, bold=True) for name, _ in self.lists])
        for i in range(max(len(values) for _, values in self.lists)):
            ws.append([values[i] if i < len(values) else None for _, values in self.lists])
        self.protect(ws)

    def info_sheet(self) -> None:
        ws = self.wb.create_sheet(INFO_SHEET)
        ws.sheet_state = "hidden"
        for key, value in self.info().items():
            ws.append([key, value])
        self.protect(ws)

    def properties(self) -> None:
        from openpyxl.packaging.custom import StringProperty

        props = self.wb.properties
        props.creator = props.lastModifiedBy = "netzkarte"
        props.created = props.modified = self.when
        town = self.m.meta.municipality
        props.title = f"Bestandsaufnahme {town}".strip()
        props.subject = self.m.name(self.partner) if self.partner else "neuer Partner"
        for key, value in self.info().items():
            if value:
                self.wb.custom_doc_props.append(  # type: ignore[attr-defined]
                    StringProperty(name=f"netzkarte {key}", value=value))


def contact_order(m: NetworkMap, partner: str | None, *, persons: bool = False
                  ) -> list[tuple[str, bool]]:
    """The rows of *Ihre Kontakte*: ``(id, has a tie)`` with the partner's neighbours first.

    Order: existing direct ties, then the same Sozialraum, then the same Handlungsfeld, then
    all others; by name within each group. The partner itself is not listed.
    """
    graph = m.graph
    mine = graph.nodes[partner] if partner else {}
    district, sector = mine.get("district"), mine.get("sector")
    tied: set[str] = set()
    if partner is not None:
        tied = {str(n) for n in (*graph.successors(partner), *graph.predecessors(partner))}
    rows: list[tuple[tuple[int, str], str, bool]] = []
    for node, data in graph.nodes(data=True):
        if node == partner:
            continue
        ntype = data["type"]
        if ntype is NodeType.COMMITTEE or ntype is NodeType.OFFER:
            continue
        if not persons and data.get("form") is ActorForm.PERSON:
            continue
        has_tie = partner is not None and main_tie(m, partner, str(node)) is not None
        if has_tie or node in tied:
            group = 0
        elif district is not None and data.get("district") == district:
            group = 1
        elif sector is not None and data.get("sector") is sector:
            group = 2
        else:
            group = 3
        rows.append(((group, fold(data.get("name") or node)), str(node), has_tie))
    rows.sort(key=lambda r: r[0])
    return [(node, has_tie) for _, node, has_tie in rows]


def guide_text(town: str, *, blank: bool = False) -> list[tuple[str, str]]:
    """The *Anleitung* of a questionnaire: ``("h", heading)`` and ``("p", paragraph)``."""
    scale = [("p", f"{s.value} {s.label}: {STRENGTH_WORDS[s]}.") for s in Strength]
    own = ("Beschreiben Sie Ihre Einrichtung in der Spalte „Ihre Angabe“: Name, Kategorie "
           "(z. B. Kita, Beratungsstelle), Sozialraum und was sonst passt."
           if blank else
           "Stimmen unsere Angaben zu Ihrer Einrichtung? Die Spalte „Bisher“ zeigt, was auf "
           "der Karte steht. Korrigieren Sie in „Ihre Angabe“, was nicht stimmt.")
    return [
        ("h", "Worum es geht"),
        ("p", f"Die Präventionskette {town} begleitet Kinder und Familien von der "
              "Schwangerschaft bis in den Beruf. Eine Netzwerkkarte zeigt, wer dazugehört und "
              "wer mit wem zusammenarbeitet. Wer mit wem zusammenarbeitet, wissen am besten Sie "
              "und Ihre Partner. Deshalb bitten wir Sie um Ihre Angaben. Das dauert etwa 20 "
              "Minuten."),
        ("h", "So gehen Sie vor"),
        ("p", f"1. Blatt „{OWN_SHEET}“: {own} Tragen Sie unten bei „{OWN_FILLED}“ das Datum "
              "ein."),
        ("p", f"2. Blatt „{CONTACTS_SHEET}“: Eine Zeile je Einrichtung oder Amt. Oben stehen "
              "die Partner, mit denen Sie laut Karte schon zusammenarbeiten (grün, "
              "vorausgefüllt – bitte prüfen), dann die aus Ihrem Sozialraum und aus Ihrem "
              "Handlungsfeld, dann alle anderen. Wählen Sie bei jedem Partner, mit dem Sie "
              "zusammenarbeiten, die „Art“ und die „Stärke“. Eine leere „Art“ heißt: kein "
              "Kontakt. Stimmt ein vorausgefüllter Kontakt nicht (mehr), löschen Sie die "
              "„Art“."),
        ("p", "Art: „Kooperation“ – Sie arbeiten zusammen. „Kontrakt“ – es gibt eine "
              "schriftliche Vereinbarung. „Vermittlung“ – Sie vermitteln Familien dorthin "
              "(oder der Partner vermittelt sie zu Ihnen)."),
        ("h", "Wie eng ist die Zusammenarbeit? (Stärke)"),
        *scale,
        ("p", "Im Zweifel wählen Sie die kleinere Stufe."),
        ("h", "Weitere Blätter"),
        ("p", f"3. Blatt „{COMMITTEES_SHEET}“: In welchen Gremien arbeiten Sie mit? In "
              "„Mitglied“ „ja“ oder „nein“; bei „ja“ gern die Funktion und seit wann."),
        ("p", f"4. Blatt „{OFFERS_SHEET}“: Ihre Angebote für Kinder, Jugendliche und Familien. "
              "Prüfen Sie die Angaben; neue Angebote tragen Sie in die freien Zeilen unten ein "
              "(ohne ID). Gibt es ein Angebot nicht mehr, setzen Sie „Status“ auf „beendet“."),
        ("p", f"5. Blatt „{NEW_SHEET}“: Partner, die in „{CONTACTS_SHEET}“ fehlen. Name, "
              "Kategorie, Sozialraum – und in „Art“ und „Stärke“, wie Sie mit ihnen "
              "zusammenarbeiten."),
        ("h", "Zum Schluss"),
        ("p", "Speichern Sie die Datei als Excel-Arbeitsmappe (.xlsx) – mit Excel oder "
              "LibreOffice, der Dateiname ist egal – und schicken Sie sie an die "
              "Koordinationsstelle zurück, die sie Ihnen geschickt hat. Wenn Sie später etwas "
              "ändern, schicken Sie die Datei einfach noch einmal: Die neueste Fassung gilt."),
        ("h", "Gut zu wissen"),
        ("p", "Graue Zellen sind geschützt, gelbe füllen Sie aus. Fehlt ein Wert in einer "
              "Auswahlliste, schreiben Sie ihn einfach hinein oder in die Bemerkung."),
        ("p", "Bitte tragen Sie keine Namen von Kindern oder Familien ein."),
    ]


def write_questionnaire(m: NetworkMap, partner: str | None, path: str | os.PathLike[str], *,
                        persons: bool = False, when: datetime | None = None) -> Path:
    """Write one questionnaire: for ``partner`` (an id of the map) or blank (``None``).

    Parameters
    ----------
    m : NetworkMap
        The map the survey is about.
    partner : str or None
        The partner's id; ``None`` for the blank questionnaire of new partners.
    path : str or PathLike
        Target ``.xlsx`` file, written atomically.
    persons : bool, default False
        List persons as possible contacts too.
    when : datetime, optional
        Creation time stored in the file (default: now).

    Raises
    ------
    NetzkarteError
        ``partner`` is not an actor or office of the map.
    """
    if partner is not None:
        if partner not in m.graph:
            raise NetzkarteError(f"Die ID „{partner}“ gibt es in der Karte nicht. Wählen Sie "
                                 "die ID eines Akteurs oder Amts.")
        if m.graph.nodes[partner]["type"] not in (NodeType.ACTOR, NodeType.OFFICE):
            raise NetzkarteError(f"„{partner}“ ist ein "
                                 f"{m.graph.nodes[partner]['type'].label}. Fragebögen gehen "
                                 "an Akteure und Ämter.")
    stamp = (when or datetime.now()).replace(microsecond=0)
    return _Writer(m, partner, persons, stamp).write(Path(path))


def write_questionnaires(m: NetworkMap, folder: str | os.PathLike[str], *,
                         partners: Iterable[str] | None = None, persons: bool = False,
                         when: datetime | None = None) -> list[Path]:
    """Write one questionnaire per partner and one blank, into ``folder``.

    Parameters
    ----------
    m : NetworkMap
        The map.
    folder : str or PathLike
        Target folder (created if missing); existing questionnaires are replaced.
    partners : iterable of str, optional
        Only these ids (default: :func:`eligible_partners`).
    persons : bool, default False
        Include persons (as addressees and as contacts).
    when : datetime, optional
        Creation time stored in every file (default: now).

    Returns
    -------
    list of Path
        The files written, the blank questionnaire last.

    Raises
    ------
    NetzkarteError
        An id in ``partners`` is no actor or office of the map (nothing is written).
    """
    chosen = list(dict.fromkeys(partners)) if partners is not None \
        else eligible_partners(m, persons=persons)
    unknown = [p for p in chosen if p not in m.graph]
    wrong = [f"{p} ({m.graph.nodes[p]['type'].label})" for p in chosen if p in m.graph
             and m.graph.nodes[p]["type"] not in (NodeType.ACTOR, NodeType.OFFICE)]
    if unknown or wrong:
        parts = []
        if unknown:
            parts.append(f"Diese IDs gibt es in der Karte nicht: {', '.join(unknown[:10])}"
                         f"{' …' if len(unknown) > 10 else ''}.")
        if wrong:
            parts.append(f"Diese Einträge sind keine Akteure oder Ämter: {', '.join(wrong)}.")
        raise NetzkarteError(" ".join(parts) + " Fragebögen gehen an Akteure und Ämter; "
                             "prüfen Sie die IDs (Kommandozeile: --partner). Es wurde nichts "
                             "geschrieben.")
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    stamp = (when or datetime.now()).replace(microsecond=0)
    asked = "; ".join(chosen) if partners is not None else "alle"
    if len(asked) > _MAX_ASKED:  # a cell holds 32,767 characters
        asked = "alle"
    written: list[Path] = []
    used: set[str] = set()
    for partner in [*chosen, None]:
        name = questionnaire_file(m, partner)
        while name in used:
            name = name.removesuffix(".xlsx") + "_2.xlsx"
        used.add(name)
        written.append(_Writer(m, partner, persons, stamp, asked).write(target / name))
    log.info("%d Fragebögen nach %s geschrieben.", len(written), target)
    return written
