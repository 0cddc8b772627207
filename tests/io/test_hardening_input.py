"""Hardening of the importer, part 2: what slipped through before.

Invisible differences in IDs, headers with a unit or hint, cycles and numbers out of range,
missing markers in reference columns, control characters, the raw text of unreadable edge
cells. Each case ends in a German issue with its place, or in nothing at all where the
input means what it says.
"""

from __future__ import annotations

import pytest
from xlsx_helpers import Rows, assert_german_fix, codes, edge, only

from netzkarte.io.build import build_map
from netzkarte.io.columns import Columns

# --- unreadable raw text of edge cells --------------------------------------------------


def test_edge_sheets_keep_unreadable_text_without_an_override() -> None:
    # the edge sheets merge what convert kept into the edge's extra themselves
    assert "edge" not in vars(Columns)
    assert not hasattr(Columns("x"), "_edge_extra")


def test_unreadable_edge_cells_and_extra_columns_together(sheets: dict[str, Rows]) -> None:
    sheets["Beziehungen"][0].update({"Formal": "mündlich", "Seit": "irgendwann",
                                     "Quelle": "Interview"})
    sheets["Mitgliedschaften"][0].update({"Seit": "nach Absprache"})
    netmap, report = build_map(sheets)
    assert report.ok
    assert edge(netmap, "K1", "GS1")["extra"] == {"Formal": "mündlich", "Seit": "irgendwann",
                                                  "Quelle": "Interview"}
    assert edge(netmap, "JA", "SG")["extra"] == {"Seit": "nach Absprache"}


# --- missing markers in reference columns -----------------------------------------------

OPTIONAL_REFS = [("Akteure", 1, "Organisation"), ("Ämter", 1, "Übergeordnet"),
                 ("Gremien", 0, "Federführung"), ("Gremien", 1, "Berichtet an"),
                 ("Angebote", 0, "Anbieter"), ("Angebote", 0, "Ort"),
                 ("Beziehungen", 0, "Gemeldet von")]


@pytest.mark.parametrize("marker", ["k. A.", "–", "unbekannt", "?", "keine Angabe"])
@pytest.mark.parametrize(("sheet", "index", "header"), OPTIONAL_REFS)
def test_missing_marker_in_an_optional_reference_is_an_empty_cell(
        sheets: dict[str, Rows], sheet: str, index: int, header: str, marker: str) -> None:
    sheets[sheet][index][header] = marker
    netmap, report = build_map(sheets)
    assert report.ok and report.issues == [], [str(i) for i in report.issues]
    assert marker not in netmap.graph  # no node, no edge, nothing invented


@pytest.mark.parametrize(("sheet", "header"), [("Mitgliedschaften", "Mitglied"),
                                               ("Mitgliedschaften", "Gremium"),
                                               ("Beziehungen", "Von"), ("Beziehungen", "Zu")])
def test_missing_marker_in_a_required_reference_is_a_missing_value(
        sheets: dict[str, Rows], sheet: str, header: str) -> None:
    sheets[sheet][0][header] = "k. A."
    _, report = build_map(sheets)
    issue = only(report, "missing-value")
    assert (issue.severity, issue.sheet, issue.row, issue.column, issue.value) == (
        "error", sheet, 2, header, "k. A.")
    assert f"„{header}“ enthält nur „k. A.“ (keine Angabe)" in issue.message
    assert_german_fix(issue.message)
    assert "unknown-reference" not in codes(report)
