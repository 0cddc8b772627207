"""The Maßnahmenliste, read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from netzkarte import NetworkMap
from netzkarte.analysis import analyze
from netzkarte.analysis.findings import KIND_LABELS, SEVERITY_LABELS
from netzkarte.render.action_list import ACTION_COLUMNS, write_action_list
from netzkarte.results import STATUS_TEXT


def test_action_list_lists_every_finding_in_order(small_map: NetworkMap, tmp_path: Path
                                                  ) -> None:
    result = analyze(small_map, progress=False)
    path = write_action_list(result, tmp_path / "massnahmen.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Maßnahmen", "Qualitätsrahmen", "Datenlage"]
    ws = wb["Maßnahmen"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Nr.", "Art", "Schwere", "Sicherheit", "Befund", "Erläuterung",
                       "Empfehlung", "Beteiligte", "Sozialraum", "Zuständig", "Bis wann",
                       "Status", "Notiz")
    assert len(rows) == len(result.findings) + 1
    for number, (row, f) in enumerate(zip(rows[1:], result.findings, strict=True), 1):
        assert row[0] == number
        assert row[1] == KIND_LABELS[f.kind]
        assert row[2] == SEVERITY_LABELS[f.severity]
        assert row[3] == f.confidence
        assert row[4] == f.title
        assert row[6] == (f.recommendation or None)
        assert row[9:] == (None, None, None, None)  # filled in at the meeting
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["E"].width == dict(ACTION_COLUMNS)["Befund"]
    assert ws["E2"].alignment.wrap_text
    assert any(dv.formula1 == '"offen,in Arbeit,erledigt,verworfen"'
               for dv in ws.data_validations.dataValidation)
    qs = wb["Qualitätsrahmen"]
    qrows = list(qs.iter_rows(values_only=True))
    assert qrows[0] == ("Nr.", "Prüfung", "Ergebnis", "Beleg", "Standard")
    assert len(qrows) == len(result.quality_checks) + 1
    if result.quality_checks:
        assert qrows[1][2] == STATUS_TEXT[result.quality_checks[0].status]


def test_involved_are_names_and_district_is_shown(tmp_path: Path) -> None:
    m = NetworkMap("Namenheim")
    m.add_node("K", "actor", name="Kita Wiese", category="Kita", district="Süd")
    m.add_node("X", "actor", name="=HYPERLINK(\"http://x\")")
    result = analyze(m, progress=False)
    path = write_action_list(result, tmp_path / "liste.xlsx")
    ws = openpyxl.load_workbook(path)["Maßnahmen"]
    by_title = {row[4]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    row = by_title["Kita Wiese ist mit niemandem verbunden"]
    assert row[7] == "Kita Wiese"
    assert row[8] == "Süd"
    # a name that looks like a formula stays text
    cells = [c for r in ws.iter_rows(min_row=2) for c in r
             if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_failed_write_leaves_existing_file(small_map: NetworkMap, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "liste.xlsx"
    target.write_bytes(b"alt")
    result = analyze(small_map, progress=False)

    def broken(self: object, filename: object) -> None:
        raise OSError("Datenträger voll")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken)
    with pytest.raises(OSError):
        write_action_list(result, target)
    assert target.read_bytes() == b"alt"
    assert [p.name for p in tmp_path.iterdir()] == ["liste.xlsx"]
