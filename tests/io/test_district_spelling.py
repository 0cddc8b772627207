"""A district typed in another case is read as the Sozialräume spelling, with a warning."""

from __future__ import annotations

from netzkarte.io.build import build_map

EMPTY: dict[str, list[dict[str, object]]] = {
    "Ämter": [], "Gremien": [], "Angebote": [], "Mitgliedschaften": [], "Beziehungen": []}


def test_case_variant_of_a_district_is_normalised_with_a_warning() -> None:
    sheets = {**EMPTY,
              "Akteure": [{"ID": "K1", "Name": "Kita Nord", "Kategorie": "Kita",
                           "Sozialraum": "nordstadt"},
                          {"ID": "K2", "Name": "Kita Süd", "Kategorie": "Kita",
                           "Sozialraum": "Südpark"}],
              "Sozialräume": [{"Sozialraum": "Nordstadt"}, {"Sozialraum": "Südpark"}]}
    m, report = build_map(sheets)
    assert report.ok
    assert m.node("K1")["district"] == "Nordstadt"
    guesses = [w for w in report.warnings if w.code != "empty-sheet"]
    assert [(w.code, w.sheet, w.row, w.column, w.value) for w in guesses] == [
        ("guessed-value", "Akteure", 2, "Sozialraum", "nordstadt")]
    assert "Nordstadt" in guesses[0].message
