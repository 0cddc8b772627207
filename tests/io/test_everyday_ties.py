"""Everyday entries an administrator writes without reading the docs are read as meant.

* *Trägerschaft* of a Kita (not of an offer) is read as „Kita gehört zu Träger“ with a
  ``reinterpreted-relation`` warning that says how to write it; an error remains only where
  no reading fits, and then names the Art or column meant;
* *Finanzierung* of an institution and *Vermittlung* to or from an office are allowed;
* an office (the town hall) may be an offer's *Ort*;
* total rows at the bottom of a sheet (SUMME, Gesamt) are skipped with a ``total-row``
  warning, never a real entry such as „Gesamtschule Nord“;
* a row without ID gets a generated one, and no message asks to type it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from xlsx_helpers import Rows, as_rows, assert_german_fix, base_sheets, only, write_workbook

from netzkarte import NetworkMap, read_excel, validate_excel, write_excel
from netzkarte.analysis.quality import check_quality
from netzkarte.districts import offer_district
from netzkarte.io.build import build_map
from netzkarte.io.json_format import read_json, write_json
from netzkarte.vocab import EdgeKind, NodeType


def _kinds(m: NetworkMap, u: str, v: str) -> set[EdgeKind]:
    return {d["kind"] for d in m.graph.get_edge_data(u, v, default={}).values()}


def _sheets(**rows: Rows) -> dict[str, Rows]:
    """The base workbook with rows appended per sheet."""
    data = base_sheets()
    for sheet, extra in rows.items():
        data[sheet].extend(extra)
    return data


def _relation(von: str, zu: str, art: str, **cells: Any) -> dict[str, Any]:
    return {"Von": von, "Zu": zu, "Art": art, **cells}


# --- Trägerschaft ------------------------------------------------------------------------


@pytest.mark.parametrize(("von", "zu", "member", "owner", "column"), [
    ("AWO", "KITA", "KITA", "AWO", "Organisation"),  # the Träger first, as documented
    ("KITA", "AWO", "KITA", "AWO", "Organisation"),  # the Kita first
    ("JA", "KITA", "KITA", "JA", "Organisation"),    # a municipal Kita of the Jugendamt
    ("BM", "JA2", "JA2", "BM", "Übergeordnet"),       # an office under another
    ("AWO", "FRAU", "FRAU", "AWO", "Organisation"),  # a person employed by the Träger
], ids=["org-to-facility", "facility-to-org", "office-to-facility", "office-to-office",
        "org-to-person"])
def test_traegerschaft_of_no_offer_is_read_as_belongs_to(von: str, zu: str, member: str,
                                                        owner: str, column: str) -> None:
    data = _sheets(
        Akteure=[{"ID": "AWO", "Name": "AWO Ortsverein", "Form": "Organisation"},
                 {"ID": "KITA", "Name": "AWO Kita Pusteblume", "Form": "Einrichtung",
                  "Kategorie": "Kita"},
                 {"ID": "FRAU", "Name": "Frau Lang", "Form": "Person"}],
        Ämter=[{"ID": "JA2", "Name": "Abteilung Kita", "Kategorie": "Jugendamt"}],
        Beziehungen=[_relation(von, zu, "Trägerschaft", Bemerkung="seit Jahren")])
    m, report = build_map(data)
    assert report.errors == [], [str(i) for i in report.errors]
    assert _kinds(m, member, owner) == {EdgeKind.BELONGS_TO}
    assert not _kinds(m, owner, member)  # no Trägerschaft, in neither direction
    assert m.graph.edges[member, owner, 0]["note"] == "seit Jahren"  # nothing typed is lost
    issue = only(report, "reinterpreted-relation")
    assert (issue.sheet, issue.row, issue.column, issue.value) == (
        "Beziehungen", 4, "Art", "Trägerschaft")
    assert f"„{m.name(member)}“ (ID „{member}“) gehört zu „{m.name(owner)}“" in issue.message
    assert f"in der Spalte „{column}“ ein" in issue.message
    assert f"Art „gehört zu“, Von „{member}“, Zu „{owner}“" in issue.message
    assert "ID eines Angebots" not in issue.message
    assert_german_fix(issue.message)


def test_traegerschaft_already_in_the_organisation_column_is_one_warning() -> None:
    # K1 belongs to TR by the column Organisation (base workbook, Akteure row 3)
    m, report = build_map(_sheets(Beziehungen=[_relation("TR", "K1", "Trägerschaft")]))
    assert report.errors == []
    assert [i.code for i in report.issues] == ["reinterpreted-relation"]
    message = report.issues[0].message
    assert "steht schon in Blatt „Akteure“, Zeile 3" in message and "Löschen Sie" in message
    assert len(m.graph.get_edge_data("K1", "TR")) == 1


def test_traegerschaft_of_an_offer_written_backwards_is_turned_round() -> None:
    data = _sheets(Angebote=[{"ID": "KURS", "Name": "Elternkurs"}],
                   Beziehungen=[_relation("KURS", "TR", "Trägerschaft")])
    m, report = build_map(data)
    assert report.errors == []
    assert _kinds(m, "TR", "KURS") == {EdgeKind.PROVIDES}
    issue = only(report, "reinterpreted-relation")
    assert "im Blatt „Angebote“, Zeile 3, in der Spalte „Anbieter“" in issue.message


@pytest.mark.parametrize(("von", "zu", "column", "named"), [
    ("TR", "JC", "Zu", "„Kontrakt“"),             # a Träger of an office: no reading
    ("SG", "CAFE", "Von", "„Federführung“"),       # a committee as Träger
    ("TR", "SG", "Zu", "„Federführung“"),          # a Träger of a committee
    ("P1", "P2", "Zu", "„Organisation“"),          # a person of a person
    ("CAFE", "KURS", "Von", "Träger ein"),         # an offer of an offer
], ids=["org-to-office", "committee-as-provider", "provider-of-committee", "person-to-person",
        "offer-to-offer"])
def test_traegerschaft_without_a_reading_names_the_art_or_column(von: str, zu: str,
                                                                 column: str,
                                                                 named: str) -> None:
    data = _sheets(Akteure=[{"ID": "P2", "Name": "Herr Berg", "Form": "Person"}],
                   Angebote=[{"ID": "KURS", "Name": "Elternkurs", "Anbieter": "TR"}],
                   Beziehungen=[_relation(von, zu, "Trägerschaft")])
    m, report = build_map(data)
    issue = only(report, "wrong-reference-type")
    assert (issue.sheet, issue.row, issue.column, issue.severity) == (
        "Beziehungen", 4, column, "error")
    assert named in issue.message
    assert "Tragen Sie hier die ID eines Angebots" not in issue.message
    assert_german_fix(issue.message)
    assert not _kinds(m, von, zu) and not _kinds(m, zu, von)


# --- Finanzierung and Vermittlung --------------------------------------------------------


def test_an_office_funds_an_institution_and_an_office() -> None:
    data = _sheets(
        Akteure=[{"ID": "EB", "Name": "Erziehungsberatungsstelle", "Kategorie":
                  "Erziehungsberatungsstelle"}],
        Ämter=[{"ID": "LAND", "Name": "Landesjugendamt", "Ebene": "Land"}],
        Beziehungen=[_relation("JA", "EB", "Finanzierung", Formal="ja"),
                     _relation("LAND", "JA", "Finanzierung"),
                     _relation("CAFE", "JC", "Finanzierung")])  # offer first: turned round
    m, report = build_map(data)
    assert report.errors == []
    assert _kinds(m, "JA", "EB") == {EdgeKind.FUNDS}
    assert m.graph.edges["JA", "EB", 0]["formal"] is True
    assert _kinds(m, "LAND", "JA") == {EdgeKind.FUNDS}
    assert EdgeKind.FUNDS in _kinds(m, "JC", "CAFE")
    assert only(report, "reinterpreted-relation").row == 6
    # a funder and the institution it funds work together: a tie of the projection
    assert m.collaboration_graph().has_edge("JA", "EB")


def test_referrals_to_and_from_offices_are_everyday() -> None:
    data = _sheets(
        Akteure=[{"ID": "KLINIK", "Name": "Geburtsklinik", "Kategorie": "Geburtsklinik"},
                 {"ID": "EB", "Name": "Erziehungsberatungsstelle"}],
        Ämter=[{"ID": "FH", "Name": "Koordinierungsstelle Frühe Hilfen"},
               {"ID": "ASD", "Name": "Allgemeiner Sozialer Dienst"}],
        Beziehungen=[_relation("KLINIK", "FH", "Vermittlung"),
                     _relation("ASD", "EB", "Vermittlung"),
                     _relation("ASD", "FH", "Vermittlung"),
                     _relation("CAFE", "ASD", "Vermittlung")])
    m, report = build_map(data)
    assert report.errors == [], [str(i) for i in report.errors]
    assert not [i for i in report.issues if i.sheet == "Beziehungen"]
    for u, v in (("KLINIK", "FH"), ("ASD", "EB"), ("ASD", "FH"), ("CAFE", "ASD")):
        assert _kinds(m, u, v) == {EdgeKind.REFERRAL}


def test_a_committee_still_cannot_refer_and_is_told_why() -> None:
    _, report = build_map(_sheets(Beziehungen=[_relation("SG", "JA", "Vermittlung")]))
    issue = only(report, "wrong-reference-type")
    assert issue.column == "Von" and "Gremien vermitteln nicht" in issue.message
    assert_german_fix(issue.message)


# --- Ort ---------------------------------------------------------------------------------


def test_an_office_as_venue_is_kept_and_is_no_regeleinrichtung() -> None:
    data = _sheets(Angebote=[{"ID": "SPRECH", "Name": "Außensprechstunde im Rathaus",
                              "Anbieter": "TR", "Ort": "BM", "Status": "laufend"}])
    data["Angebote"][0].pop("Ort")  # CAFE in the Kita would count as placed
    m, report = build_map(data)
    assert report.errors == []
    assert m.graph.nodes["SPRECH"]["venue"] == "BM"
    assert offer_district(m, "SPRECH") is None  # an office has no Sozialraum: town-wide
    checks, _ = check_quality(m)
    venue = next(c for c in checks if c.id == "qs-venue-offers")
    assert venue.status == "fail"  # the town hall is no Kita, school or Familienzentrum


def test_a_committee_as_venue_is_still_an_error() -> None:
    _, report = build_map(_sheets(Angebote=[{"ID": "X", "Name": "Kurs", "Ort": "SG"}]))
    issue = only(report, "wrong-reference-type")
    assert (issue.row, issue.column) == (3, "Ort")
    assert "eines Akteurs oder Amts" in issue.message


def test_new_ties_survive_excel_and_json(tmp_path: Path) -> None:
    data = _sheets(
        Akteure=[{"ID": "EB", "Name": "Erziehungsberatungsstelle"}],
        Angebote=[{"ID": "SPRECH", "Name": "Sprechstunde im Rathaus", "Ort": "BM"}],
        Beziehungen=[_relation("JA", "EB", "Finanzierung"),
                     _relation("EB", "JC", "Vermittlung"),
                     _relation("TR", "GS1", "Trägerschaft")])
    m, _ = build_map(data)
    xlsx = write_excel(m, tmp_path / "karte.xlsx")
    assert validate_excel(xlsx)[1].errors == []
    for back in (read_excel(xlsx), read_json(write_json(m, tmp_path / "karte.json"))):
        assert _kinds(back, "JA", "EB") == {EdgeKind.FUNDS}
        assert _kinds(back, "EB", "JC") == {EdgeKind.REFERRAL}
        assert _kinds(back, "GS1", "TR") == {EdgeKind.BELONGS_TO}
        assert back.graph.nodes["SPRECH"]["venue"] == "BM"


# --- total rows --------------------------------------------------------------------------


def test_total_rows_at_the_bottom_are_skipped_with_a_warning() -> None:
    data = _sheets(Angebote=[{"ID": "KURS", "Name": "Elternkurs", "Anbieter": "TR",
                              "Kapazität": 12},
                             {"ID": "SUMME", "Name": "Summe Plätze", "Kapazität": 32}])
    data["Sozialräume"] += [{"Sozialraum": "Süd", "Einwohner": 8000},
                            {"Sozialraum": "Gesamt", "Einwohner": 20000,
                             "Kinder unter 18": "=SUMME(D2:D3)", "SGB-II-Quote Kinder": 18.5}]
    m, report = build_map(data)
    assert report.errors == []
    assert "SUMME" not in m.graph and "KURS" in m.graph
    assert list(m.districts.index) == ["Nord", "Süd"]
    offer, district = sorted((i for i in report.issues if i.code == "total-row"),
                             key=lambda i: i.sheet or "")
    assert (offer.sheet, offer.row, offer.column, offer.value) == (
        "Angebote", 4, "ID", "SUMME / Summe Plätze")
    assert "kein Angebot" in offer.message and "„Summe“" in offer.message
    assert (district.sheet, district.row, district.column) == ("Sozialräume", 4, "Sozialraum")
    assert "kein Sozialraum" in district.message and "„Gesamt“" in district.message
    for issue in (offer, district):
        assert issue.severity == "warning"
        assert_german_fix(issue.message)
    # the total is no offer without Träger and no Sozialraum without offers
    assert not any("Summe" in i.message for i in report.issues if i.code != "total-row")


@pytest.mark.parametrize("rows", [
    [{"ID": "S-07", "Name": "Gesamtschule Nord", "Kategorie": "Gesamtschule"}],
    [{"Name": "Gesamtschule Nord"}],  # no ID, nothing but the name
    [{"Name": "Total digital", "Kategorie": "Medienpädagogik"}],
    [{"ID": "A-9", "Name": "Gesamt"}],  # a typed ID: a real row
    [{"Name": "Summe"}, {"ID": "A-9", "Name": "Kita Nord"}],  # not at the bottom
], ids=["gesamtschule", "gesamtschule-without-id", "total-with-category", "typed-id",
        "middle"])
def test_real_entries_are_never_total_rows(rows: Rows) -> None:
    m, report = build_map(_sheets(Akteure=rows))
    assert "total-row" not in [i.code for i in report.issues]
    assert len(m.node_ids(NodeType.ACTOR)) == 4 + len(rows)


def test_a_total_row_in_a_real_workbook(tmp_path: Path) -> None:
    data = _sheets(Angebote=[{"ID": "Σ", "Kapazität": "1.750"}])
    path = write_workbook(tmp_path / "summe.xlsx",
                          {name: as_rows(rows) for name, rows in data.items()})
    _, report = validate_excel(path)
    assert report.errors == []
    assert only(report, "total-row").row == 3
    assert report.counts["offer"] == 1


# --- rows without ID ---------------------------------------------------------------------


def test_messages_never_ask_to_type_a_generated_id() -> None:
    data = _sheets(
        Akteure=[{"Name": "Caritas", "Form": "Organisation"},
                 {"Name": "EB Caritas", "Kategorie": "Erziehungsberatungsstelle",
                  "Organisation": "Caritas"},
                 {"Name": "Kita Nord"}, {"Name": "Kita Nord"}],
        Beziehungen=[_relation("K1", "EB Caritas", "Kooperation"),
                     _relation("Caritas", "EB Caritas", "Trägerschaft"),
                     _relation("Kita Nord", "GS1", "Kooperation"),
                     _relation("K1", "EB Caritas", "Mitglied"),
                     _relation("K1", "A-auto-99", "Kooperation")])
    m, report = build_map(data)
    generated = [i for i in report.issues if i.code == "generated-id"]
    assert len(generated) == 4 and all("ändert sich" in i.message for i in generated)
    others = [i for i in report.issues if i.code != "generated-id"]
    assert {i.code for i in others} >= {"name-reference", "reinterpreted-relation",
                                        "ambiguous-reference", "wrong-reference-type",
                                        "unknown-reference"}
    for issue in others:  # (the unknown ID the user typed is quoted, of course)
        assert "-auto-" not in issue.message.replace("„A-auto-99“", ""), issue.message
        assert_german_fix(issue.message)
    named = [i for i in others if i.code == "name-reference" and i.value == "EB Caritas"]
    assert named and all("Blatt „Akteure“, Zeile 7" in i.message and "keine ID" in i.message
                         for i in named)
    ambiguous = only(report, "ambiguous-reference")
    assert "Blatt „Akteure“, Zeile 8; Blatt „Akteure“, Zeile 9" in ambiguous.message
    wrong = only(report, "wrong-reference-type")
    assert "„EB Caritas“ (Blatt „Akteure“, Zeile 7, ohne ID)" in wrong.message
    unknown = only(report, "unknown-reference")
    assert "(meinten Sie „Kita Nord“ (Blatt „Akteure“, Zeile 9, ohne ID)" in unknown.message
    assert "EB Caritas" in {m.name(v) for v in m.graph.successors("K1")}
