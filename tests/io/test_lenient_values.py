"""Lenient values: what administrators really type is read, or kept with a warning.

Only what breaks the structure of the map is an error (an unknown *Art*). A value of an
optional column that cannot be read is a warning, its text is kept in ``extra`` under the
column header and the map is built; a value read by interpretation (``Herbst 2021``,
``ca. 15``, ``0–16 Jahre``, ``eng``) comes with a warning that names what was taken, and its
text is kept the same way; missing markers (``k. A.``, ``–`` …) are empty cells without any
message.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from xlsx_helpers import Rows, assert_german_fix, base_sheets, codes, edge

from netzkarte.errors import ValidationReport
from netzkarte.io.build import build_map
from netzkarte.io.cells import phases_for_ages
from netzkarte.io.excel import validate_excel
from netzkarte.io.template import write_excel
from netzkarte.model import NetworkMap
from netzkarte.vocab import EdgeKind, LifePhase, Rank, Role, Strength

U3, KITA, PRIMARY, SECONDARY, WORK = (LifePhase.U3, LifePhase.KITA, LifePhase.PRIMARY,
                                      LifePhase.SECONDARY, LifePhase.TRANSITION_WORK)

# where each column is tried: sheet, index of the row, attribute (index -1: a new actor
# without a category, so no category default fills the attribute)
NODE_CELLS: dict[str, tuple[str, int, str]] = {
    "Sektor": ("Akteure", -1, "sector"),
    "Lebensphasen": ("Gremien", 0, "life_phases"),
    "Steuerungsebene": ("Gremien", 0, "tier"),
    "Sitzungen pro Jahr": ("Gremien", 0, "meetings_per_year"),
    "Politisch legitimiert": ("Gremien", 0, "legitimated"),
    "Rollen": ("Ämter", 1, "roles"),
    "Hierarchieebene": ("Ämter", 1, "rank"),
    "Kapazität": ("Angebote", 0, "capacity"),
    "Aufsuchend": ("Angebote", 0, "outreach"),
    "Breitengrad": ("Angebote", 0, "lat"),
    "Bemerkung": ("Angebote", 0, "note"),
}
NODE_IDS = {("Gremien", 0): "SG", ("Ämter", 1): "JA", ("Angebote", 0): "CAFE",
            ("Akteure", -1): "NEU"}
EDGE_CELLS: dict[str, tuple[str, int, str, tuple[str, str]]] = {
    "Funktion": ("Mitgliedschaften", 0, "function", ("JA", "SG")),
    "Seit": ("Mitgliedschaften", 0, "since", ("JA", "SG")),
    "Stärke": ("Beziehungen", 0, "strength", ("K1", "GS1")),
    "Formal": ("Beziehungen", 0, "formal", ("K1", "GS1")),
}


def read(sheets: dict[str, Rows], header: str, typed: object
         ) -> tuple[Any, dict[str, Any], ValidationReport]:
    """Type ``typed`` into ``header``; return the value read, the ``extra`` and the report."""
    if header in EDGE_CELLS:
        sheet, index, attr, (u, v) = EDGE_CELLS[header]
        sheets[sheet][index][header] = typed
        netmap, report = build_map(sheets)
        data = edge(netmap, u, v)
    else:
        sheet, index, attr = NODE_CELLS[header]
        if index == -1:
            sheets[sheet].append({"ID": "NEU", "Name": "Neuer Akteur"})
        sheets[sheet][index][header] = typed
        netmap, report = build_map(sheets)
        data = netmap.node(NODE_IDS[(sheet, index)])
    return data.get(attr), data["extra"], report


def warning(report: ValidationReport, code: str) -> str:
    """The message of the only issue, which must be a warning with ``code``."""
    assert report.ok, [str(i) for i in report.issues]
    [issue] = report.issues
    assert (issue.code, issue.severity) == (code, "warning"), str(issue)
    assert_german_fix(issue.message)
    return issue.message


# --- missing markers ------------------------------------------------------------------------

MARKERS = ["k. A.", "k.A.", "keine Angabe", "–", "—", "unbekannt", "n. b.", "?", "entfällt"]


@pytest.mark.parametrize("marker", MARKERS)
@pytest.mark.parametrize("header", ["Sektor", "Lebensphasen", "Rollen", "Steuerungsebene",
                                    "Hierarchieebene", "Sitzungen pro Jahr", "Kapazität",
                                    "Breitengrad", "Bemerkung", "Funktion", "Seit", "Stärke"])
def test_missing_markers_are_empty_cells_without_a_message(
        sheets: dict[str, Rows], header: str, marker: str) -> None:
    value, extra, report = read(sheets, header, marker)
    assert report.issues == []
    assert value is None or (header == "Funktion" and value.value == "member")  # the default
    assert extra == {}


@pytest.mark.parametrize(("typed", "expected"), [("-", False), ("–", False), ("—", False),
                                                 ("?", None), ("k. A.", None),
                                                 ("unbekannt", None)])
def test_in_a_yes_no_column_a_dash_still_means_no(sheets: dict[str, Rows], typed: str,
                                                  expected: bool | None) -> None:
    value, extra, report = read(sheets, "Politisch legitimiert", typed)
    assert report.issues == [] and extra == {}
    assert value is expected


# --- unreadable optional values: warning, text kept -----------------------------------------

@pytest.mark.parametrize(("header", "typed", "code"), [
    ("Sektor", "Frühpädagogik", "unknown-value"),
    ("Lebensphasen", "nach Bedarf", "unknown-value"),
    ("Rollen", "Chefin", "unknown-value"),
    ("Steuerungsebene", "d", "unknown-value"),
    ("Hierarchieebene", "Chef", "unknown-value"),
    ("Sitzungen pro Jahr", "nach Bedarf", "bad-number"),
    ("Kapazität", "nach Bedarf", "bad-number"),
    ("Kapazität", "12,5", "bad-number"),
    ("Breitengrad", "Nord", "bad-number"),
    ("Politisch legitimiert", "vielleicht", "bad-bool"),
    ("Aufsuchend", "manchmal", "bad-bool"),
    ("Funktion", "Boss", "unknown-value"),
    ("Seit", "nach Absprache", "bad-date"),
    ("Seit", "32.13.2019", "bad-date"),
    ("Formal", "mündlich", "bad-bool"),
])
def test_unreadable_optional_value_is_a_warning_and_its_text_is_kept(
        sheets: dict[str, Rows], header: str, typed: str, code: str) -> None:
    value, extra, report = read(sheets, header, typed)
    message = warning(report, code)
    assert f"„{typed}“" in message and f"„{header}“" in message
    assert value is None or header == "Funktion"  # a membership without function is Mitglied
    assert extra == {header: typed}
    assert report.issues[0].column == header


def test_unreadable_district_number_is_a_warning(sheets: dict[str, Rows]) -> None:
    sheets["Sozialräume"][0]["Einwohner"] = "viele"
    netmap, report = build_map(sheets)
    assert "„viele“ ist hier keine lesbare Zahl" in warning(report, "bad-number")
    assert netmap.districts.loc["Nord", "population"] is pd.NA


def test_part_of_a_multi_value_cell_that_is_unknown(sheets: dict[str, Rows]) -> None:
    value, extra, report = read(sheets, "Lebensphasen", "Kita; Studium")
    message = warning(report, "unknown-value")
    assert message.startswith("„Studium“ ist kein bekannter Wert für „Lebensphasen“")
    assert value == (KITA,) and extra == {"Lebensphasen": "Kita; Studium"}  # as typed


def test_every_unreadable_cell_is_reported_in_its_own_row(sheets: dict[str, Rows]) -> None:
    for i in range(3):
        sheets["Angebote"].append({"ID": f"KURS{i}", "Name": f"Kurs {i}",
                                   "Kapazität": "nach Bedarf", "Status": "bald"})
        sheets["Mitgliedschaften"].append({"Mitglied": ("JC", "TR", "GS1")[i], "Gremium": "SG",
                                           "Seit": "Herbst 2021"})
    netmap, report = build_map(sheets)
    assert report.ok
    rows: dict[tuple[str, str | None], list[int | None]] = {}
    for issue in report.issues:
        rows.setdefault((issue.code, issue.column), []).append(issue.row)
    assert rows == {("bad-number", "Kapazität"): [3, 4, 5],
                    ("unknown-value", "Status"): [3, 4, 5],
                    ("guessed-value", "Seit"): [6, 7, 8]}
    assert [netmap.node(f"KURS{i}")["extra"] for i in range(3)] == [
        {"Kapazität": "nach Bedarf", "Status": "bald"}] * 3
    assert edge(netmap, "TR", "SG")["since"] == date(2021, 9, 1)


def test_unknown_art_stays_an_error_an_unclear_strength_is_kept(sheets: dict[str, Rows]
                                                                 ) -> None:
    sheets["Beziehungen"].append({"Von": "K1", "Zu": "TR", "Art": "Freundschaft"})
    sheets["Beziehungen"].append({"Von": "GS1", "Zu": "TR", "Art": "Kooperation",
                                  "Stärke": "sehr stark"})
    netmap, report = build_map(sheets)
    assert [(i.code, i.row, i.column) for i in report.errors] == [("unknown-value", 4, "Art")]
    [unclear] = report.warnings
    assert (unclear.code, unclear.row, unclear.column) == ("bad-strength", 5, "Stärke")
    tie = edge(netmap, "GS1", "TR")
    assert tie.get("strength") is None and tie["extra"] == {"Stärke": "sehr stark"}
    message = unclear.message
    assert message.startswith("„sehr stark“ ist keine Stärke von 1 bis 4 und zählt in keiner "
                              "Auswertung; der Text bleibt erhalten. Tragen Sie 1 bis 4 ein")
    for step in ("1 Austausch (man kennt sich", "2 Kooperation (man hilft sich im Einzelfall)",
                 "3 Koordination (man plant gemeinsam", "4 Integration (man arbeitet gemeinsam"):
        assert step in message
    assert "„eng“" in message  # the words that are read are named, too


def test_unreadable_values_survive_an_excel_round_trip(sheets: dict[str, Rows],
                                                       tmp_path: Path) -> None:
    sheets["Gremien"][0].update({"Steuerungsebene": "d", "Lebensphasen": "nach Bedarf",
                                 "Politisch legitimiert": "vielleicht"})
    sheets["Angebote"][0]["Kapazität"] = "nach Bedarf"
    sheets["Mitgliedschaften"][1]["Seit"] = "nach Absprache"
    sheets["Beziehungen"][0]["Formal"] = "mündlich"
    netmap, report = build_map(sheets)
    assert report.ok and len(report.warnings) == 6

    def seen(r: ValidationReport) -> list[tuple[str, str | None, str | None, object]]:
        return sorted((i.code, i.sheet, i.column, i.value) for i in r.issues)

    back, again = validate_excel(write_excel(netmap, tmp_path / "karte.xlsx"))
    assert back is not None and again.ok
    assert seen(again) == seen(report)
    assert back.node("SG")["extra"] == netmap.node("SG")["extra"] == {
        "Steuerungsebene": "d", "Lebensphasen": "nach Bedarf",
        "Politisch legitimiert": "vielleicht"}
    assert back.node("CAFE")["extra"] == {"Kapazität": "nach Bedarf"}
    assert edge(back, "P1", "SG")["extra"] == {"Seit": "nach Absprache"}
    assert edge(back, "K1", "GS1")["extra"] == {"Formal": "mündlich"}



def test_kept_text_survives_next_to_what_was_read_and_what_a_default_filled(
        sheets: dict[str, Rows], tmp_path: Path) -> None:
    """A Kita's unreadable Sektor is filled from its category's default, and a
    Lebensphasen cell is read in part: the Excel file written back still holds the text
    the administrator typed (before, „irgendwas“ became „Jugendhilfe“ and „quatsch“
    vanished)."""
    sheets["Akteure"].append({"ID": "K9", "Name": "Kita Neun", "Kategorie": "Kita",
                              "Sektor": "irgendwas", "Lebensphasen": "0-3; quatsch"})
    netmap, report = build_map(sheets)
    assert report.ok
    written = write_excel(netmap, tmp_path / "karte.xlsx")
    cells = pd.read_excel(written, sheet_name="Akteure", dtype=str,
                          engine="calamine").set_index("ID")
    assert cells.loc["K9", "Sektor"] == "irgendwas"
    assert cells.loc["K9", "Lebensphasen"].endswith("; quatsch")
    back, again = validate_excel(written)
    assert back is not None and again.ok
    assert back.node("K9") == netmap.node("K9")
    assert sorted((i.code, i.column, i.value) for i in again.issues if i.row) == sorted(
        (i.code, i.column, i.value) for i in report.issues if i.row)

# --- dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "expected", "shown"), [
    ("2018", date(2018, 1, 1), "01.01.2018"),
    (2018, date(2018, 1, 1), "01.01.2018"),  # a number, not an Excel serial of 1905
    ("03/2020", date(2020, 3, 1), "01.03.2020"),
    ("3.2020", date(2020, 3, 1), "01.03.2020"),
    ("März 2020", date(2020, 3, 1), "01.03.2020"),
    ("Mrz. 2020", date(2020, 3, 1), "01.03.2020"),
    ("seit 2018", date(2018, 1, 1), "01.01.2018"),
    ("ab 2019", date(2019, 1, 1), "01.01.2019"),
    ("ab März 2019", date(2019, 3, 1), "01.03.2019"),
    ("Frühjahr 2020", date(2020, 3, 1), "01.03.2020"),
    ("Sommer 2020", date(2020, 6, 1), "01.06.2020"),
    ("Herbst 2021", date(2021, 9, 1), "01.09.2021"),
    ("Winter 2019/20", date(2019, 12, 1), "01.12.2019"),
    ("Schuljahr 2019/20", date(2019, 8, 1), "01.08.2019"),
    ("SJ 2019/2020", date(2019, 8, 1), "01.08.2019"),
    ("2. Halbjahr 2022", date(2022, 7, 1), "01.07.2022"),
])
def test_incomplete_dates_are_read_with_the_day_taken(sheets: dict[str, Rows], typed: object,
                                                      expected: date, shown: str) -> None:
    value, extra, report = read(sheets, "Seit", typed)
    message = warning(report, "guessed-value")
    assert message.startswith(f"„{typed}“ als {shown} gelesen (")
    assert value == expected and extra == {"Seit": str(typed)}  # written back as typed


@pytest.mark.parametrize("typed", ["01.03.2019", "1.3.2019", "2019-03-01", "1. März 2019",
                                   "seit 01.03.2019", date(2019, 3, 1)])
def test_complete_dates_need_no_message(sheets: dict[str, Rows], typed: object) -> None:
    value, _, report = read(sheets, "Seit", typed)
    assert report.issues == [] and value == date(2019, 3, 1)


# --- life phases ----------------------------------------------------------------------------

ALL = tuple(LifePhase)


@pytest.mark.parametrize(("typed", "expected"), [
    ("alle", ALL), ("alle Lebensphasen", ALL),
    ("Ü3", (KITA,)), ("U3", (U3,)), ("U6", (U3, KITA)),
    ("Krippenalter", (U3,)), ("Kindergartenalter", (KITA,)), ("Vorschulalter", (KITA,)),
    ("Grundschulalter", (PRIMARY,)), ("Jugendalter", (SECONDARY, WORK)),
    ("Jugendliche", (SECONDARY, WORK)), ("junge Erwachsene", (WORK,)),
    ("Klasse 1–4", (PRIMARY,)), ("Klasse 5–10", (SECONDARY,)), ("Sek I", (SECONDARY,)),
    ("Sek II", (WORK,)), ("Hort", (PRIMARY,)), ("Krippe", (U3,)), ("Kita", (KITA,)),
    ("Grundschule", (PRIMARY,)),
    ("Übergang Schule/Beruf", (WORK,)),  # a known value as a whole is not split at "/"
    ("Kita/Grundschule", (KITA, PRIMARY)), ("Grundschule, Kita", (KITA, PRIMARY)),
    ("Hort\nJugendliche", (PRIMARY, SECONDARY, WORK)), ("- Krippe\n- Kita", (U3, KITA)),
    ("Neugeborene", (U3,)), ("1. Lebensjahr", (U3,)), ("U3 + Ü3", (U3, KITA)),  # everyday
    ("Kita + GS", (KITA, PRIMARY)), ("Kita und Grundschule", (KITA, PRIMARY)),
    ("U25", (SECONDARY, WORK)), ("U 27", (SECONDARY, WORK)),
])
def test_life_phase_words(sheets: dict[str, Rows], typed: str,
                          expected: tuple[LifePhase, ...]) -> None:
    value, extra, report = read(sheets, "Lebensphasen", typed)
    assert report.issues == [] and extra == {}
    assert value == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("0–27", (U3, KITA, PRIMARY, SECONDARY, WORK)),  # every phase after birth
    ("0 bis 27", (U3, KITA, PRIMARY, SECONDARY, WORK)),
    ("16–25 Jahre", (WORK,)),
    ("0–16", (U3, KITA, PRIMARY, SECONDARY)),
    ("1–3", (U3,)),
    ("3–10", (KITA, PRIMARY)),
    ("10 bis 18 Jahre", (SECONDARY, WORK)),
    ("Kinder von 0 bis 6 Jahren", (U3, KITA)),
    ("ab 14", (SECONDARY, WORK)),
    ("unter 10 Jahren", (U3, KITA, PRIMARY)),
    ("Klasse 7–9", (SECONDARY,)),
    ("Ü3-Plätze", (KITA,)),
    ("U3-Betreuung", (U3,)),
])
def test_age_ranges_map_to_the_phases_they_touch(sheets: dict[str, Rows], typed: str,
                                                 expected: tuple[LifePhase, ...]) -> None:
    value, extra, report = read(sheets, "Lebensphasen", typed)
    message = warning(report, "guessed-value")
    assert message.startswith(f"„{typed}“ als {'; '.join(p.label for p in expected)} gelesen")
    assert value == expected and extra == {"Lebensphasen": typed}


def test_age_boundaries_are_inclusive_start_exclusive_end() -> None:
    assert phases_for_ages(6, 10) == (PRIMARY,)  # not the Kita years, which end at 6
    assert phases_for_ages(3, 6) == (KITA,)
    assert phases_for_ages(5, 7) == (KITA, PRIMARY)
    assert phases_for_ages(16, 16) == (WORK,)  # one age: that year of life
    assert phases_for_ages(27, 30) == ()


@pytest.mark.parametrize("typed", ["Ü3", "Ü 3", "ü3", "Ü3-Bereich", "Ü3-Gruppe", "über 3 Jahre",
                                   "Ü3-Kinder", "Ü3-Plätze", "über 3-Jährige"])
def test_ue3_is_never_read_as_0_to_3(sheets: dict[str, Rows], typed: str) -> None:
    value, _, report = read(sheets, "Lebensphasen", typed)
    assert value == (KITA,) and report.ok


def test_ue3_suggestion_is_kita_never_0_to_3(sheets: dict[str, Rows]) -> None:
    _, extra, report = read(sheets, "Lebensphasen", "Ü3 ganztags")
    message = warning(report, "unknown-value")
    assert "(meinten Sie „3–6 Jahre (Kita)“?)" in message
    assert "meinten Sie „0–3" not in message and "„0–3 Jahre“?" not in message
    assert extra == {"Lebensphasen": "Ü3 ganztags"}


# --- tie strength ---------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "expected"), [
    ("lose", 1), ("gelegentlich", 1), ("selten", 1), ("kennen uns", 1),
    ("regelmäßig", 2), ("mittel", 2), ("fallbezogen", 2),
    ("eng", 3), ("intensiv", 3), ("gut", 3),
    ("sehr eng", 4), ("sehr intensiv", 4), ("gemeinsam", 4),
])
def test_strength_words_are_placed_on_the_scale(sheets: dict[str, Rows], typed: str,
                                                expected: int) -> None:
    value, _, report = read(sheets, "Stärke", typed)
    message = warning(report, "guessed-value")
    strength = Strength(expected)
    assert message.startswith(f"„{typed}“ als Stärke {expected} ({strength.label}) gelesen")
    assert "1 Austausch, 2 Kooperation, 3 Koordination, 4 Integration" in message
    assert value is strength


# --- numbers --------------------------------------------------------------------------------

@pytest.mark.parametrize(("header", "typed", "expected"), [
    ("Kapazität", "12 Plätze", 12),
    ("Kapazität", "1.200 Plätze", 1200),
    ("Sitzungen pro Jahr", "4 Sitzungen", 4.0),
])
def test_numbers_with_their_unit_need_no_message(sheets: dict[str, Rows], header: str,
                                                 typed: str, expected: float) -> None:
    value, _, report = read(sheets, header, typed)
    assert report.issues == [] and value == expected


def test_percent_sign_in_an_indicator(sheets: dict[str, Rows]) -> None:
    sheets["Sozialräume"][0]["SGB-II-Quote Kinder"] = "31,4 %"
    netmap, report = build_map(sheets)
    assert report.issues == []
    assert netmap.districts.loc["Nord", "SGB-II-Quote Kinder"] == pytest.approx(31.4)


@pytest.mark.parametrize(("header", "typed", "expected"), [
    ("Kapazität", "ca. 15", 15), ("Kapazität", "~15", 15), ("Kapazität", "über 20", 20),
    ("Kapazität", "10–12", 11), ("Kapazität", "15 (geschätzt)", 15),
    ("Sitzungen pro Jahr", "10–12", 11.0),
    ("Sitzungen pro Jahr", "wöchentlich", 52.0),
    ("Sitzungen pro Jahr", "14-tägig", 26.0),
    ("Sitzungen pro Jahr", "zweiwöchentlich", 26.0),
    ("Sitzungen pro Jahr", "monatlich", 12.0),
    ("Sitzungen pro Jahr", "zweimonatlich", 6.0),
    ("Sitzungen pro Jahr", "vierteljährlich", 4.0),
    ("Sitzungen pro Jahr", "quartalsweise", 4.0),
    ("Sitzungen pro Jahr", "halbjährlich", 2.0),
    ("Sitzungen pro Jahr", "jährlich", 1.0),
    ("Sitzungen pro Jahr", "2x jährlich", 2.0),
    ("Sitzungen pro Jahr", "2 mal im Jahr", 2.0),
    ("Sitzungen pro Jahr", "3x im Quartal", 12.0),
    ("Sitzungen pro Jahr", "zweimal im Monat", 24.0),
    ("Sitzungen pro Jahr", "4x", 4.0),
])
def test_numbers_in_words_are_read_with_the_number_taken(
        sheets: dict[str, Rows], header: str, typed: str, expected: float) -> None:
    value, extra, report = read(sheets, header, typed)
    message = warning(report, "guessed-value")
    assert message.startswith(f"„{typed}“ als {int(expected)} gelesen (")
    assert value == expected and type(value) is type(expected) and extra == {header: typed}


# --- ranks and roles ------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "expected"), [
    ("Sachbearbeitung", Rank.PROFESSIONAL), ("Sachbearbeiter(in)", Rank.PROFESSIONAL),
    ("Sozialarbeiterin", Rank.PROFESSIONAL), ("Fachkraft", Rank.PROFESSIONAL),
    ("Sachgebietsleitung", Rank.DIVISION_HEAD), ("Teamleitung", Rank.DIVISION_HEAD),
    ("Fachdienstleitung", Rank.DIVISION_HEAD), ("Referatsleitung", Rank.DIVISION_HEAD),
    ("Bereichsleitung", Rank.DIVISION_HEAD),
    ("Fachbereichsleitung", Rank.OFFICE_HEAD), ("Amtsleiter(in)", Rank.OFFICE_HEAD),
    ("Jugendamtsleitung", Rank.OFFICE_HEAD),
    ("Dezernent(in)", Rank.DEPARTMENT_HEAD), ("Beigeordnete(r)", Rank.DEPARTMENT_HEAD),
    ("Bürgermeister(in)", Rank.TOP), ("Landrat/Landrätin", Rank.TOP),
    ("Stabsstelle", Rank.STAFF_UNIT), ("Stabsstellenleitung", Rank.STAFF_UNIT),
])
def test_rank_words_of_public_administration(sheets: dict[str, Rows], typed: str,
                                             expected: Rank) -> None:
    value, _, report = read(sheets, "Hierarchieebene", typed)
    assert report.issues == [] and value is expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("Netzwerkkoordinator / Prozesspromotor", (Role.COORDINATOR, Role.PROCESS_PROMOTER)),
    ("Präventionskoordinatorin, Lotsin", (Role.COORDINATOR, Role.GUIDE)),
    ("Netzwerkkoordinatorin", (Role.COORDINATOR,)),
    ("Babylotsin", (Role.GUIDE,)),
    ("Machtpromotor\nFachpromotorin", (Role.POWER_PROMOTER, Role.EXPERT_PROMOTER)),
])
def test_roles_in_everyday_words_and_separators(sheets: dict[str, Rows], typed: str,
                                                expected: tuple[Role, ...]) -> None:
    value, _, report = read(sheets, "Rollen", typed)
    assert report.issues == [] and value == expected


def test_guesses_are_cached_but_warned_for_every_row(sheets: dict[str, Rows]) -> None:
    sheets["Beziehungen"] = [{"Von": "K1", "Zu": z, "Art": "Kooperation", "Stärke": "eng"}
                             for z in ("GS1", "JA", "JC")]
    netmap, report = build_map(sheets)
    assert codes(report) == ["guessed-value"] * 3
    assert [i.row for i in report.issues] == [2, 3, 4]
    assert {edge(netmap, "K1", z)["strength"] for z in ("GS1", "JA", "JC")} == {
        Strength.COORDINATION}


def test_the_map_is_usable_with_every_kind_of_lenient_value(sheets: dict[str, Rows]) -> None:
    sheets["Gremien"][0].update({"Lebensphasen": "0–16", "Sitzungen pro Jahr": "monatlich",
                                 "Steuerungsebene": "mittendrin"})
    sheets["Beziehungen"][0].update({"Stärke": "eng", "Seit": "Herbst 2021"})
    netmap, report = build_map(sheets)
    assert report.ok
    assert isinstance(netmap, NetworkMap) and netmap.node("SG")["meetings_per_year"] == 12


# --- what administrators type that was an error or unread before -----------------------------

@pytest.mark.parametrize(("typed", "expected"), [
    ("Koop.", EdgeKind.COOPERATION), ("Koop", EdgeKind.COOPERATION),
    ("Vermittl.", EdgeKind.REFERRAL), ("Fin.", EdgeKind.FUNDS), ("Träg.", EdgeKind.PROVIDES),
])
def test_abbreviated_art_is_read_with_a_warning(sheets: dict[str, Rows], typed: str,
                                                expected: EdgeKind) -> None:
    source, target = ("JA", "CAFE") if expected in (EdgeKind.FUNDS, EdgeKind.PROVIDES) else (
        "K1", "GS1")
    sheets["Beziehungen"] = [{"Von": source, "Zu": target, "Art": typed}]
    netmap, report = build_map(sheets)
    message = warning(report, "guessed-value")
    assert message.startswith(f"„{typed}“ als „{expected.label}“ gelesen (Abkürzung)")
    data = edge(netmap, source, target)
    assert data["kind"] is expected and data["extra"] == {"Art": typed}


@pytest.mark.parametrize("typed", ["Ko", "Freund.", "Koop. und mehr"])
def test_art_that_is_no_clear_abbreviation_stays_an_error(sheets: dict[str, Rows],
                                                          typed: str) -> None:
    sheets["Beziehungen"] = [{"Von": "K1", "Zu": "GS1", "Art": typed}]
    _, report = build_map(sheets)
    assert [(i.code, i.column) for i in report.errors] == [("unknown-value", "Art")]


@pytest.mark.parametrize(("typed", "expected"), [("ok", 2), ("OK", 2), ("o.k.", 2),
                                                 ("normal", 2)])
def test_ok_is_the_middle_strength(sheets: dict[str, Rows], typed: str, expected: int) -> None:
    value, extra, report = read(sheets, "Stärke", typed)
    assert warning(report, "guessed-value").startswith(f"„{typed}“ als Stärke {expected} ")
    assert value is Strength(expected) and extra == {"Stärke": typed}


@pytest.mark.parametrize(("typed", "expected"), [
    ("monatl.", 12.0), ("vierteljährl.", 4.0), ("mtl.", 12.0), ("2x jährl.", 2.0),
    ("alle 6-8 Wochen", 7.0), ("alle 4 Wochen", 13.0), ("alle sechs Wochen", 9.0),
])
def test_shortened_rhythms(sheets: dict[str, Rows], typed: str, expected: float) -> None:
    value, extra, report = read(sheets, "Sitzungen pro Jahr", typed)
    message = warning(report, "guessed-value")
    assert message.startswith(f"„{typed}“ als {int(expected)} gelesen (Sitzungsrhythmus: ")
    assert value == expected and extra == {"Sitzungen pro Jahr": typed}


def test_a_rhythm_of_a_span_of_weeks_says_it_is_about(sheets: dict[str, Rows]) -> None:
    _, _, report = read(sheets, "Sitzungen pro Jahr", "alle 6-8 Wochen")
    assert "(Sitzungsrhythmus: alle 6 bis 8 Wochen, etwa 7-mal im Jahr)" in warning(
        report, "guessed-value")


@pytest.mark.parametrize(("typed", "expected"), [
    ("Sommer 21", date(2021, 6, 1)), ("Herbst '19", date(2019, 9, 1)),
    ("März 21", date(2021, 3, 1)), ("Winter 19/20", date(2019, 12, 1)),
])
def test_seasons_and_months_with_a_two_digit_year(sheets: dict[str, Rows], typed: str,
                                                  expected: date) -> None:
    value, extra, report = read(sheets, "Seit", typed)
    assert "zweistellige Jahreszahl" in warning(report, "guessed-value")
    assert value == expected and extra == {"Seit": typed}


def test_a_snapshot_with_its_label_typed_in_front(sheets: dict[str, Rows]) -> None:
    netmap, report = build_map(sheets, meta={"Stand": "Stand: Frühjahr 2024"})
    assert netmap.meta.snapshot == date(2024, 3, 1)
    assert warning(report, "guessed-value").startswith(
        "„Stand: Frühjahr 2024“ als 01.03.2024 gelesen")


@pytest.mark.parametrize(("typed", "expected"), [
    ("2. Lebensjahr", (U3,)), ("1.-3. Lebensjahr", (U3,)), ("4.–6. Lebensjahr", (KITA,)),
])
def test_years_of_life_are_ages(sheets: dict[str, Rows], typed: str,
                                expected: tuple[LifePhase, ...]) -> None:
    value, extra, report = read(sheets, "Lebensphasen", typed)
    warning(report, "guessed-value")
    assert value == expected and extra == {"Lebensphasen": typed}


@pytest.mark.parametrize(("typed", "expected"), [
    ("Erste(r) Bürgermeister(in)", Rank.TOP), ("Erster Bürgermeister", Rank.TOP),
    ("Erste Bürgermeisterin", Rank.TOP), ("BM", Rank.TOP), ("OB", Rank.TOP),
    ("Erster Beigeordneter", Rank.DEPARTMENT_HEAD), ("FBL", Rank.OFFICE_HEAD),
    ("SGL", Rank.DIVISION_HEAD),
])
def test_more_rank_words(sheets: dict[str, Rows], typed: str, expected: Rank) -> None:
    value, _, report = read(sheets, "Hierarchieebene", typed)
    assert report.issues == [] and value is expected


def test_abbreviated_rank_is_read_with_a_warning_unless_it_fits_two(
        sheets: dict[str, Rows]) -> None:
    value, extra, report = read(sheets, "Hierarchieebene", "Amtsl.")
    assert warning(report, "guessed-value").startswith("„Amtsl.“ als „Amtsleitung“ gelesen")
    assert value is Rank.OFFICE_HEAD and extra == {"Hierarchieebene": "Amtsl."}
    value, extra, report = read(base_sheets(), "Hierarchieebene", "Verw.")
    assert value is None and extra == {"Hierarchieebene": "Verw."}
    warning(report, "unknown-value")
