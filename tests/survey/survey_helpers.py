"""Returned questionnaires made from a known "true" network, for the survey tests.

``fill`` is what a partner does in Excel: open the questionnaire it got, change cells, save
(the time of the save is set explicitly, so tests are reproducible). ``small_map`` is a map
of seven partners whose expected merge is written out by hand in ``test_merge.py``;
``Scenario`` plants on it everything a real survey brings back: disagreeing strengths and
kinds, one-sided ties, a denied tie, a legal-form variant and a typo of existing names, a
late correction and a partner that never answers. Test modules import with
``from survey_helpers import …`` (a unique module name).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from netzkarte import NetworkMap
from netzkarte.survey.layout import ART_CHOICES, STRENGTH_CHOICES
from netzkarte.survey.questionnaire import write_questionnaire

KOOPERATION, KONTRAKT = ART_CHOICES[0].label, ART_CHOICES[1].label
VERMITTLUNG_AN, VERMITTLUNG_VON = ART_CHOICES[2].label, ART_CHOICES[3].label
SENT = datetime(2019, 4, 1, 9, 0)
EARLY, ANSWERED, LATE = datetime(2019, 5, 2, 10, 0), datetime(2019, 5, 6, 11, 0), \
    datetime(2019, 5, 20, 15, 30)


def strength(value: int) -> str:
    """The dropdown text of a strength (``"3 Koordination – …"``)."""
    return STRENGTH_CHOICES[value - 1]


Contact = tuple[str, int | None] | None
"""What a partner says about one contact: ``(Art, Stärke)`` or ``None`` (no contact)."""


def _header(ws: Any, wanted: str, row: int = 3) -> int:
    for cell in ws[row]:
        if cell.value == wanted:
            return int(cell.column)
    raise KeyError(wanted)


def _find_row(ws: Any, key: str, column: int = 1, first: int = 4) -> int | None:
    for r in range(first, ws.max_row + 1):
        if ws.cell(r, column).value == key:
            return r
    return None


def _first_free(ws: Any, first: int = 4) -> int:
    r = first
    while any(ws.cell(r, c).value not in (None, "") for c in range(1, ws.max_column + 1)):
        r += 1
    return r


def save(wb: Any, path: Path, when: datetime) -> Path:
    """Save like Excel does, but with a fixed time of the last save."""
    from openpyxl.writer.excel import ExcelWriter

    wb.properties.modified = when
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return path


def fill(source: Path, target: Path, *, answered: datetime,
         contacts: Mapping[str, Contact] | None = None,
         own: Mapping[str, Any] | None = None,
         committees: Mapping[str, str | None] | None = None,
         offers: Mapping[str, Mapping[str, Any]] | None = None,
         new_partners: Sequence[Mapping[str, Any]] = (),
         extra_contacts: Sequence[Mapping[str, Any]] = ()) -> Path:
    """Fill a questionnaire as a partner would and save it as ``target``.

    ``contacts`` sets *Art* and *Stärke* of listed IDs (``None`` clears the row);
    ``own`` sets *Ihre Angabe* of fields; ``committees`` sets *Mitglied*; ``offers`` sets
    cells of offer rows by ID (``""`` for a new offer appended by name); ``new_partners``
    appends rows to *Neue Partner*; ``extra_contacts`` appends rows to *Ihre Kontakte*.
    """
    from openpyxl import load_workbook

    wb = load_workbook(source)
    ws = wb["Ihre Kontakte"]
    art, stärke = _header(ws, "Art"), _header(ws, "Stärke")
    for node, said in (contacts or {}).items():
        r = _find_row(ws, node)
        assert r is not None, f"{node} is not listed in {source.name}"
        ws.cell(r, art).value = said[0] if said else None
        ws.cell(r, stärke).value = strength(said[1]) if said and said[1] else None
    for row in extra_contacts:
        r = _first_free(ws)
        for header, value in row.items():
            ws.cell(r, _header(ws, header)).value = value
    if own:
        sheet = wb["Ihre Einrichtung"]
        for label, value in own.items():
            r = _find_row(sheet, label)
            assert r is not None, label
            sheet.cell(r, 3).value = value
    if committees:
        sheet = wb["Ihre Gremien"]
        member = _header(sheet, "Mitglied")
        for committee, flag in committees.items():
            r = _find_row(sheet, committee)
            assert r is not None, committee
            sheet.cell(r, member).value = flag
    for offer, cells in (offers or {}).items():
        sheet = wb["Ihre Angebote"]
        r = _find_row(sheet, offer) if offer else _first_free(sheet)
        assert r is not None, offer
        for header, value in cells.items():
            sheet.cell(r, _header(sheet, header)).value = value
    sheet = wb["Neue Partner"]
    for row in new_partners:
        r = _first_free(sheet)
        for header, value in row.items():
            sheet.cell(r, _header(sheet, header)).value = value
    return save(wb, target, answered)


def small_map() -> NetworkMap:
    """Seven partners, a person, a committee and an offer; the ties the map knows."""
    m = NetworkMap("Testheim")
    m.meta.title = "Netzwerkkarte Testheim"
    m.add_node("K1", "actor", name="Kita Sonnenschein", category="Kita", district="Nord")
    m.add_node("K2", "actor", name="Kita Regenbogen", category="Kita", district="Süd")
    m.add_node("GS", "actor", name="Grundschule am Park", category="Grundschule",
               district="Nord")
    m.add_node("FZ", "actor", name="Familienzentrum Nord e. V.", category="Familienzentrum",
               district="Nord")
    m.add_node("EB", "actor", name="Erziehungsberatungsstelle", district="Süd",
               category="Erziehungsberatungsstelle")
    m.add_node("JA", "office", name="Jugendamt", category="Jugendamt")
    m.add_node("GA", "office", name="Gesundheitsamt", category="Gesundheitsamt")
    m.add_node("P1", "actor", name="Frau Kurz", form="Person", category="Person")
    m.add_node("NFH", "committee", name="Netzwerk Frühe Hilfen", committee_type="Netzwerk")
    m.add_node("CAFE", "offer", name="Elterncafé Nord", category="Elterncafé",
               district="Nord", status="laufend")
    m.add_edge("K1", "GS", "cooperation", strength=3)
    m.add_edge("K1", "FZ", "cooperation", strength=2)
    m.add_edge("K2", "EB", "cooperation", strength=2)
    m.add_edge("GS", "JA", "cooperation", strength=1)
    m.add_edge("FZ", "JA", "contract", strength=3)
    m.add_edge("K2", "GS", "cooperation", strength=2)
    m.add_edge("EB", "GA", "cooperation", strength=2)
    m.add_edge("FZ", "NFH", "member")
    m.add_edge("JA", "NFH", "member", function="Vorsitz")
    m.add_edge("FZ", "CAFE", "provides")
    m.add_edge("P1", "JA", "belongs_to")
    return m


@dataclass
class Scenario:
    """The questionnaires sent for :func:`small_map` and the answers that came back."""

    base: NetworkMap
    sent: dict[str | None, Path]
    answers: dict[str, Path] = field(default_factory=dict)

    @property
    def files(self) -> list[Path]:
        """Every returned file, late correction included, in a shuffled order."""
        order = ["EB_late", "K1", "GS", "FZ", "EB_early", "JA", "K2", "NEU"]
        return [self.answers[k] for k in order if k in self.answers]


def scenario(folder: Path) -> Scenario:
    """Send questionnaires for :func:`small_map` and fill the answers (see module notes).

    Planted (and checked exactly in ``test_merge.py``):

    * K1 says K1–GS 3 (GS says 3: confirmed), K1–FZ 3 (FZ says 2: disagreeing), names EB
      (2) which EB's latest answer does not (one-sided), names "Städt. Kindertagesstätte
      Regenbogen gGmbH" – Kita Regenbogen with legal form and synonym – with Kooperation 1
      (K2 answered and did not name K1: one-sided), and a new partner "Grundschule am
      Prak" (a typo of GS: probable duplicate) with Kooperation 2 (unconfirmed);
    * FZ says FZ–JA Kontrakt 3, JA says Kooperation 3 (disagreeing kind); FZ adds its e-mail
      to its own record and a new offer; JA confirms GS–JA 1;
    * GS and K2 both clear the pre-filled tie K2–GS (disputed);
    * EB answers twice: early with K2 2 and K1 2, late with K2 3 and K1 cleared; EB–GA
      stays as pre-filled (GA never answers: unconfirmed);
    * a new partner answers the blank questionnaire as "Stadtteilmütter Süd".
    """
    from netzkarte.survey.questionnaire import write_questionnaires

    base = small_map()
    folder.mkdir(parents=True, exist_ok=True)
    sent_dir = folder / "versand"
    files = write_questionnaires(base, sent_dir, when=SENT)
    sent: dict[str | None, Path] = {}
    for path in files:
        partner = None if "neuer_Partner" in path.name else path.name.split("_")[1]
        sent[partner] = path
    back = folder / "antworten"
    back.mkdir(exist_ok=True)
    s = Scenario(base, sent)
    s.answers["K1"] = fill(sent["K1"], back / "kita sonnenschein.xlsx", answered=ANSWERED,
                           contacts={"GS": (KOOPERATION, 3), "FZ": (KOOPERATION, 3),
                                     "EB": (KOOPERATION, 2)},
                           new_partners=[
                               {"Name": "Städt. Kindertagesstätte Regenbogen gGmbH",
                                "Art": KOOPERATION, "Stärke": strength(1)},
                               {"Name": "Grundschule am Prak", "Kategorie": "Grundschule",
                                "Sozialraum": "Nord", "Art": KOOPERATION,
                                "Stärke": strength(2)}])
    s.answers["GS"] = fill(sent["GS"], back / "antwort_gs.xlsx", answered=ANSWERED,
                           contacts={"K1": (KOOPERATION, 3), "K2": None,
                                     "JA": (KOOPERATION, 1)})
    s.answers["FZ"] = fill(sent["FZ"], back / "FZ.xlsx", answered=ANSWERED,
                           contacts={"K1": (KOOPERATION, 2), "JA": (KONTRAKT, 3)},
                           own={"Kontakt": "info@fz-nord.example"},
                           offers={"": {"Name": "Babytreff Nord", "Kategorie": "Elterncafé",
                                        "Status": "laufend"}})
    s.answers["JA"] = fill(sent["JA"], back / "jugendamt.xlsx", answered=ANSWERED,
                           contacts={"GS": (KOOPERATION, 1), "FZ": (KOOPERATION, 3)})
    s.answers["K2"] = fill(sent["K2"], back / "k2.xlsx", answered=ANSWERED,
                           contacts={"EB": (KOOPERATION, 2), "GS": None})
    s.answers["EB_early"] = fill(sent["EB"], back / "eb.xlsx", answered=EARLY,
                                 contacts={"K2": (KOOPERATION, 2), "K1": (KOOPERATION, 2)})
    s.answers["EB_late"] = fill(sent["EB"], back / "eb_korrigiert.xlsx", answered=LATE,
                                contacts={"K2": (KOOPERATION, 3), "K1": None})
    s.answers["NEU"] = fill(sent[None], back / "neu.xlsx", answered=ANSWERED,
                            own={"Name": "Stadtteilmütter Süd", "Kategorie": "Stadtteilmütter",
                                 "Sozialraum": "Süd"},
                            contacts={"K2": (KOOPERATION, 2)})
    return s


def write_for(m: NetworkMap, partner: str | None, folder: Path, name: str) -> Path:
    """One questionnaire of ``m`` (sent at :data:`SENT`)."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_questionnaire(m, partner, folder / name, when=SENT)


def libreoffice_resave(paths: Sequence[Path], out: Path) -> list[Path]:
    """Open and save the files with LibreOffice Calc (one headless run for all of them)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice is not None
    out.mkdir(parents=True, exist_ok=True)
    profile = out / ".lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
                    str(out), *map(str, paths)], check=True, capture_output=True, timeout=240)
    return [out / p.name for p in paths]
