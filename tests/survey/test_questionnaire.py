"""The questionnaire workbook: sheets, columns, order, pre-fill, dropdowns, protection, identity."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from survey_helpers import SENT, small_map, write_for

from netzkarte import NetzkarteError
from netzkarte.survey import eligible_partners, read_answer, write_questionnaires
from netzkarte.survey.layout import (
    COMMITTEE_HEADERS,
    CONTACT_HEADERS,
    NEW_EXTRA_HEADERS,
    QUESTIONNAIRE_SHEETS,
    STRENGTH_CHOICES,
)
from netzkarte.survey.questionnaire import contact_order

FIXED_SHEETS = ["Anleitung", "Ihre Einrichtung", "Ihre Kontakte", "Ihre Gremien",
                "Ihre Angebote", "Neue Partner"]


@pytest.fixture(scope="module")
def fz(tmp_path_factory: pytest.TempPathFactory):
    path = write_for(small_map(), "FZ", tmp_path_factory.mktemp("q"), "fz.xlsx")
    return load_workbook(path)


def _rows(ws, first: int = 4) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=first)
            if any(c.value is not None for c in row)]


def test_sheets_and_fixed_headers(fz) -> None:
    assert list(QUESTIONNAIRE_SHEETS) == FIXED_SHEETS
    assert fz.sheetnames[:6] == FIXED_SHEETS
    assert [fz[s].sheet_state for s in fz.sheetnames[6:]] == ["hidden", "hidden"]
    assert [c.value for c in fz["Ihre Kontakte"][3]] == list(CONTACT_HEADERS)
    assert list(CONTACT_HEADERS) == ["ID", "Name", "Handlungsfeld", "Sozialraum", "Art",
                                     "Stärke", "Seit", "Bemerkung"]
    assert [c.value for c in fz["Ihre Gremien"][3]] == list(COMMITTEE_HEADERS)
    akteure = load_workbook(Path(__file__).parents[2] / "data_templates" /
                            "netzkarte_vorlage.xlsx")["Akteure"]
    headers = [c.value for c in akteure[1] if c.value]
    assert [c.value for c in fz["Neue Partner"][3]] == [*headers, *NEW_EXTRA_HEADERS]


def test_contacts_put_the_neighbours_first_and_prefill_known_ties(fz) -> None:
    rows = _rows(fz["Ihre Kontakte"])
    ids = [r[0] for r in rows]
    # existing ties (K1, JA), then the same Sozialraum (GS), then the same Handlungsfeld
    # (youth welfare: EB, K2), then the rest (GA); never FZ itself, never the person P1
    assert ids == ["JA", "K1", "GS", "EB", "K2", "GA"]
    by_id = {r[0]: r for r in rows}
    assert by_id["K1"][4:6] == ["Kooperation", STRENGTH_CHOICES[1]]
    assert by_id["JA"][4:6] == ["Kontrakt (schriftlich vereinbart)", STRENGTH_CHOICES[2]]
    assert by_id["GS"][4:6] == [None, None]
    assert by_id["GS"][1:4] == ["Grundschule am Park", "Schule und Bildung", "Nord"]


def test_contact_order_with_persons(fz) -> None:
    m = small_map()
    assert "P1" not in [n for n, _ in contact_order(m, "GS")]
    assert "P1" in [n for n, _ in contact_order(m, "GS", persons=True)]


def test_own_record_committees_and_offers_are_prefilled(fz) -> None:
    own = {r[0]: (r[1], r[2]) for r in _rows(fz["Ihre Einrichtung"])}
    assert own["Name"] == ("Familienzentrum Nord e. V.", "Familienzentrum Nord e. V.")
    assert own["Sozialraum"] == ("Nord", "Nord")
    assert "Ausgefüllt am" in own
    assert _rows(fz["Ihre Gremien"])[0][:5] == ["NFH", "Netzwerk Frühe Hilfen", "Netzwerk",
                                               None, "ja"]
    assert _rows(fz["Ihre Angebote"])[0][:2] == ["CAFE", "Elterncafé Nord"]


def test_dropdowns_sit_on_the_right_columns(fz) -> None:
    ws = fz["Ihre Kontakte"]
    lists = {str(dv.sqref).split(":")[0][0]: dv.formula1 for dv in
             ws.data_validations.dataValidation if dv.type == "list"}
    listen = fz["Listen"]
    header = {c.column_letter: c.value for c in listen[1]}
    assert header[lists["E"].split("!")[1][1]] == "Art (Kontakt)"
    assert header[lists["F"].split("!")[1][1]] == "Stärke (Kontakt)"
    strengths = [listen.cell(r, listen[lists["F"].split("!")[1][1] + "1"].column).value
                 for r in range(2, 6)]
    assert strengths == list(STRENGTH_CHOICES)
    assert STRENGTH_CHOICES[3] == ("4 Integration – man arbeitet gemeinsam „aus einer Hand“")


def test_headers_are_protected_and_the_cells_to_fill_are_not(fz) -> None:
    for name in FIXED_SHEETS:
        assert fz[name].protection.sheet is True and not fz[name].protection.password
    ws = fz["Ihre Kontakte"]
    assert ws["A3"].protection.locked and ws["E3"].protection.locked  # headers
    assert ws["A4"].protection.locked and ws["B4"].protection.locked  # given
    assert not ws["E4"].protection.locked and not ws["H4"].protection.locked  # to fill
    assert not fz["Ihre Einrichtung"]["C5"].protection.locked
    assert fz["Ihre Einrichtung"]["B5"].protection.locked


def test_the_guide_explains_the_scale_in_words(fz) -> None:
    text = "\n".join(str(c.value) for row in fz["Anleitung"].iter_rows() for c in row
                     if c.value)
    for words in ("man kennt sich und tauscht Informationen aus",
                  "man hilft sich im Einzelfall", "man plant und stimmt sich ab",
                  "man arbeitet gemeinsam „aus einer Hand“", "Leere „Art“", "kein Kontakt"):
        assert words.lower() in text.lower()


def test_map_partner_and_time_are_stored_twice(fz, tmp_path: Path) -> None:
    info = {r[0]: r[1] for r in _rows(fz["Erhebung"], 1)}
    assert info["Kommune"] == "Testheim" and info["Partner-ID"] == "FZ"
    assert info["Erstellt"] == SENT.strftime("%d.%m.%Y %H:%M")
    props = {p.name: p.value for p in fz.custom_doc_props}
    assert props["netzkarte Partner-ID"] == "FZ"
    # renamed file, hidden sheet deleted: the document properties still tell
    wb = load_workbook(write_for(small_map(), "FZ", tmp_path, "a.xlsx"))
    del wb["Erhebung"]
    wb.save(tmp_path / "irgendwas.xlsx")
    answer = read_answer(tmp_path / "irgendwas.xlsx")
    assert (answer.partner, answer.municipality) == ("FZ", "Testheim")


def test_one_per_partner_plus_a_blank(tmp_path: Path) -> None:
    m = small_map()
    files = write_questionnaires(m, tmp_path, when=SENT)
    assert len(files) == len(eligible_partners(m)) + 1 == 8
    assert files[-1].name == "Fragebogen_neuer_Partner.xlsx"
    blank = read_answer(files[-1])
    assert blank.partner is None and len(blank.contacts) == 7
    with_persons = write_questionnaires(m, tmp_path / "p", persons=True, when=SENT)
    assert len(with_persons) == 9


def test_unknown_partner_ids_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NetzkarteError, match="NOPE"):
        write_questionnaires(small_map(), tmp_path, partners=["K1", "NOPE"])
    with pytest.raises(NetzkarteError, match="Gremium"):
        write_questionnaires(small_map(), tmp_path, partners=["NFH"])
    assert not any(tmp_path.iterdir())
