"""The Rückmeldung: one offline HTML page and a workbook whose decisions feed back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from survey_helpers import ANSWERED, KOOPERATION, Scenario, fill, scenario, small_map, write_for

from netzkarte.survey import (
    MergeResult,
    merge_answers,
    read_decisions,
    render_feedback,
    write_feedback_html,
    write_feedback_xlsx,
)

_EXTERNAL = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=", re.I)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return scenario(tmp_path_factory.mktemp("feedback"))


@pytest.fixture(scope="module")
def merged(planted: Scenario) -> MergeResult:
    return merge_answers(planted.base, planted.files)


def test_html_has_every_section_and_loads_nothing(merged: MergeResult, tmp_path: Path) -> None:
    html = write_feedback_html(merged, tmp_path / "r.html").read_text(encoding="utf-8")
    assert _EXTERNAL.search(html) is None and "<script" not in html
    for words in ("Rücklauf", "86 %", "6 von 7", "nach Handlungsfeld", "nach Sozialraum",
                  "Ohne Antwort", "Gesundheitsamt", "Mögliche Dubletten",
                  "Grundschule am Prak", "Tippfehler? „prak“ / „park“", "Abweichende Angaben",
                  "Einseitig genannt", "Bestritten", "Korrigierte Angaben",
                  "info@fz-nord.example", "Städt. Kindertagesstätte Regenbogen gGmbH",
                  "eb_korrigiert.xlsx", "ersetzt"):
        assert words in html, words


def test_html_escapes_what_partners_typed(tmp_path: Path) -> None:
    sent = write_for(small_map(), "K1", tmp_path, "k1.xlsx")
    answer = fill(sent, tmp_path / "a.xlsx", answered=ANSWERED, new_partners=[
        {"Name": "<script>alert(1)</script> Kita", "Art": KOOPERATION}])
    html = render_feedback(merge_answers(small_map(), [answer]))
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_xlsx_lists_and_dropdowns(merged: MergeResult, tmp_path: Path) -> None:
    wb = load_workbook(write_feedback_xlsx(merged, tmp_path / "r.xlsx"))
    assert wb.sheetnames[:3] == ["Übersicht", "Dubletten", "Beziehungen"]
    dup = wb["Dubletten"]
    assert [c.value for c in dup[2]][:4] == ["NEU-GRUNDSCHULE-PRAK", "Grundschule am Prak",
                                             "GS", "Grundschule am Park"]
    assert dup.cell(1, dup.max_column).value == "Entscheidung"
    lists = [dv for dv in dup.data_validations.dataValidation if dv.type == "list"]
    assert [str(dv.sqref).split(":")[0] for dv in lists] == ["I2"]
    ties = wb["Beziehungen"]
    states = [row[6].value for row in ties.iter_rows(min_row=2)]
    assert sorted(states) == sorted(["abweichend"] * 3 + ["einseitig"] * 2 + ["bestritten"]
                                    + ["unbestätigt"] * 3)
    assert wb["Ohne Antwort"]["A2"].value == "GA"


def test_decisions_made_in_the_xlsx_are_applied_and_kept(planted: Scenario,
                                                         merged: MergeResult,
                                                         tmp_path: Path) -> None:
    path = write_feedback_xlsx(merged, tmp_path / "r.xlsx")
    wb = load_workbook(path)
    dup = wb["Dubletten"]
    dup.cell(2, 9).value = "dieselbe"
    ties = wb["Beziehungen"]
    for row in ties.iter_rows(min_row=2):
        if {row[0].value, row[2].value} == {"K2", "GS"}:
            row[10].value = "entfernen"
        if {row[0].value, row[2].value} == {"K1", "FZ"}:
            row[10].value = "Angabe Zu"
        if {row[0].value, row[2].value} == {"EB", "GA"}:
            row[10].value = "vielleicht"
    wb.save(path)
    decisions, notes = read_decisions(path)
    assert notes and "„vielleicht“ ist keine Entscheidung" in notes[0]
    decided = merge_answers(planted.base, planted.files, decisions=decisions)
    m = decided.map
    assert "NEU-GRUNDSCHULE-PRAK" not in m and m.graph.get_edge_data("K2", "GS") is None
    assert int(m.graph["K1"]["FZ"][0]["strength"]) == 2  # as FZ (the Zu side) answered
    again = load_workbook(write_feedback_xlsx(decided, path, decisions=decisions))
    kept = {(r[0].value, r[2].value): r[8].value for r in again["Dubletten"].iter_rows(min_row=2)}
    assert kept == {("NEU-GRUNDSCHULE-PRAK", "GS"): "dieselbe"}
    tie_rows = {frozenset({r[0].value, r[2].value}): r[10].value
                for r in again["Beziehungen"].iter_rows(min_row=2)}
    assert tie_rows[frozenset({"K2", "GS"})] == "entfernen"
    assert tie_rows[frozenset({"K1", "FZ"})] == "Angabe von FZ"


def test_a_file_that_is_no_feedback_is_refused(tmp_path: Path) -> None:
    from netzkarte import InputError, write_excel

    path = write_excel(small_map(), tmp_path / "karte.xlsx")
    with pytest.raises(InputError, match="keine Rückmeldung"):
        read_decisions(path)
