"""References by ID or name: folding, legal forms, close names, split cells, districts.

Every case goes through :func:`netzkarte.io.build.build_map` with row dicts and checks the
issue code, sheet, Excel row, column, value and the German message naming what was read.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from xlsx_helpers import Rows, assert_german_fix, base_sheets, codes, only

from netzkarte.errors import Issue, ValidationReport
from netzkarte.io.build import build_map
from netzkarte.model import NetworkMap
from netzkarte.vocab import EdgeKind

NFH_NORD = "Netzwerk Frühe Hilfen – Nord"
DKSB = "Deutscher Kinderschutzbund OV Auenberg e.V."
REFERENCE_CODES = frozenset({
    "name-reference", "ambiguous-reference", "unknown-reference", "wrong-reference-type",
    "guessed-value", "unknown-district", "duplicate-district", "self-loop", "duplicate-edge"})


def _sheets() -> dict[str, Rows]:
    """The base dataset plus names that real workbooks spell in many ways."""
    data = base_sheets()
    data["Akteure"] += [  # Excel rows 6–11
        {"ID": "A-12", "Name": DKSB, "Kategorie": "Kinderschutzbund"},
        {"ID": "27", "Name": "Caritasverband Auenberg e. V.", "Kategorie": "Wohlfahrtsverband"},
        {"ID": "A-14", "Name": "Städt. Kita Regenbogen", "Kategorie": "Kita"},
        {"ID": "A-15", "Name": "Kath. Familienbildungsstätte Auenberg gGmbH",
         "Kategorie": "Familienbildungsstätte"},
        {"ID": "A-16", "Name": "Der Paritätische Auenberg", "Kategorie": "Wohlfahrtsverband"},
        {"ID": "A-17", "Name": "Bürgerstiftung Auenberg Stiftung bürgerlichen Rechts",
         "Kategorie": "Freier Träger"},
    ]
    data["Ämter"] += [  # rows 5–6
        {"ID": "AMT-5", "Name": "Jugend-, Schul- und Sportamt", "Kategorie": "Sportamt"},
        {"ID": "AMT-6", "Name": "Straßenverkehrsamt", "Kategorie": "Ordnungsamt"},
    ]
    data["Gremien"] += [  # rows 4–6
        {"ID": "G-03", "Name": NFH_NORD},
        {"ID": "G-04", "Name": "Netzwerk Frühe Hilfen – Süd"},
        {"ID": "AK-07", "Name": "AK 7 Kita"},
    ]
    data["Angebote"] += [  # row 3: an offer whose name also holds the DKSB short form
        {"ID": "ANG-2", "Name": "Kinderschutzbund Auenberg Elterntelefon",
         "Kategorie": "Beratungssprechstunde", "Anbieter": "A-12"},
    ]
    return data


def _member(member: object, committee: object = "SG", **more: Any
            ) -> tuple[NetworkMap, ValidationReport]:
    """Build with one extra membership row (Excel row 6 of Mitgliedschaften)."""
    data = _sheets()
    data["Mitgliedschaften"].append({"Mitglied": member, "Gremium": committee, **more})
    return build_map(data)


def _offer(provider: object) -> tuple[NetworkMap, ValidationReport]:
    """Build with one extra offer X4 whose Anbieter is ``provider`` (Excel row 4)."""
    data = _sheets()
    data["Angebote"].append({"ID": "X4", "Name": "Kurs", "Kategorie": "Elternkurs",
                             "Anbieter": provider})
    return build_map(data)


def _refs(report: ValidationReport) -> list[Issue]:
    """The issues about references, districts and split cells (not categories)."""
    return [i for i in report.issues if i.code in REFERENCE_CODES]


def _where(issue: Issue) -> tuple[str | None, str | None, int | None, str | None, object]:
    return issue.code, issue.sheet, issue.row, issue.column, issue.value


def _providers(netmap: NetworkMap, offer: str) -> list[str]:
    return sorted(s for s, _, kind in netmap.graph.in_edges(offer, data="kind")
                  if kind is EdgeKind.PROVIDES)


def test_the_base_with_its_extra_names_is_valid() -> None:
    _, report = build_map(_sheets())
    assert _refs(report) == []


# --- 1. IDs: exact and in other case, silent -------------------------------------------------

@pytest.mark.parametrize("typed", ["K1", " k1 ", "gs1"])
def test_an_id_in_any_case_is_read_silently(typed: str) -> None:
    netmap, report = _member(typed, "sg")
    assert _refs(report) == []
    assert "SG" in netmap.memberships(typed.strip().upper())


# --- 2. names folded like every other value --------------------------------------------------

def test_a_hyphen_for_a_dash_finds_the_committee_by_name() -> None:
    netmap, report = _member("K1", "Netzwerk Frühe Hilfen - Nord")
    issue = only(report, "name-reference")
    assert _where(issue) == ("name-reference", "Mitgliedschaften", 6, "Gremium",
                             "Netzwerk Frühe Hilfen - Nord")
    assert issue.message == (
        "„Netzwerk Frühe Hilfen - Nord“ ist keine ID, sondern der Name von „G-03“ (im Blatt "
        f"„Gremien“: „{NFH_NORD}“); diese ID wird verwendet. Tragen Sie besser die ID „G-03“ "
        "ein.")
    assert report.ok and "G-03" in netmap.memberships("K1")


@pytest.mark.parametrize(("typed", "committee_or_member", "nid"), [
    ("NETZWERK  FRÜHE HILFEN — NORD", "Gremium", "G-03"),  # case, spaces, em dash
    ("Netzwerk 'Frühe Hilfen' Nord", "Gremium", "G-03"),  # quotes, no dash
    ("Netzwerk Fruehe Hilfen Nord", "Gremium", "G-03"),  # umlaut as ue
    ("Strassenverkehrsamt", "Mitglied", "AMT-6"),  # ß as ss
    ("Kita „Sonnenschein“", "Mitglied", "K1"),  # German quotes
])
def test_folded_name_spellings_are_name_references(typed: str, committee_or_member: str,
                                                   nid: str) -> None:
    _, report = _member("K1", typed) if committee_or_member == "Gremium" else _member(typed)
    issue = only(report, "name-reference")
    assert _where(issue) == ("name-reference", "Mitgliedschaften", 6, committee_or_member,
                             typed)
    assert issue.message.startswith(f"„{typed}“ ist keine ID, sondern der Name von „{nid}“")
    assert report.ok



def test_numbers_in_names_stay_apart() -> None:
    """„Altstadt 2 3“ and „Altstadt 23“ are two names (seen in a generated Kreis workbook:
    joining the words made them one, and both references became ambiguity errors)."""
    data = _sheets()
    data["Akteure"] += [
        {"ID": "K-23", "Name": "Kita Altstadt 23", "Kategorie": "Kita"},
        {"ID": "K-2-3", "Name": "Kita Altstadt 2 3", "Kategorie": "Kita"},
    ]
    data["Beziehungen"] += [  # rows 4 and 5
        {"Von": "Kita Altstadt 2 3", "Zu": "JA", "Art": "Kooperation"},
        {"Von": "Kita Altstadt-23", "Zu": "JA", "Art": "Kooperation"},
    ]
    netmap, report = build_map(data)
    assert report.ok
    assert [(i.code, i.row) for i in _refs(report)] == [
        ("name-reference", 4), ("name-reference", 5)]
    assert netmap.graph.has_edge("K-2-3", "JA") and netmap.graph.has_edge("K-23", "JA")

# --- 3. names without legal form, abbreviations spelled out ----------------------------------

@pytest.mark.parametrize(("typed", "nid", "name"), [
    ("Caritasverband Auenberg", "27", "Caritasverband Auenberg e. V."),
    ("Caritasverband Auenberg gemeinnützige GmbH", "27", "Caritasverband Auenberg e. V."),
    ("Caritasverband Auenberg gGmbH", "27", "Caritasverband Auenberg e. V."),
    ("Deutscher Kinderschutzbund Ortsverband Auenberg", "A-12", DKSB),
    ("Dt. Kinderschutzbund OV Auenberg e. V.", "A-12", DKSB),
    ("Städtische Kita Regenbogen", "A-14", "Städt. Kita Regenbogen"),
    ("Katholische Familienbildungsstätte Auenberg", "A-15",
     "Kath. Familienbildungsstätte Auenberg gGmbH"),
    ("Paritätische Auenberg", "A-16", "Der Paritätische Auenberg"),
    ("Bürgerstiftung Auenberg", "A-17", "Bürgerstiftung Auenberg Stiftung bürgerlichen Rechts"),
])
def test_names_without_legal_form_are_read_with_a_warning(typed: str, nid: str,
                                                          name: str) -> None:
    netmap, report = _member(typed)
    issue = only(report, "name-reference")
    assert _where(issue) == ("name-reference", "Mitgliedschaften", 6, "Mitglied", typed)
    assert issue.message == (f"„{typed}“ als „{name}“ (ID „{nid}“) gelesen. Tragen Sie besser "
                             f"die ID „{nid}“ ein.")
    assert report.ok and netmap.memberships(nid) == ["SG"]


def test_two_names_that_differ_only_in_legal_form_are_ambiguous() -> None:
    data = _sheets()
    data["Akteure"].append({"ID": "A-30", "Name": "Caritasverband Auenberg gGmbH"})
    data["Mitgliedschaften"].append({"Mitglied": "Caritasverband Auenberg", "Gremium": "SG"})
    _, report = build_map(data)
    issue = only(report, "ambiguous-reference")
    assert _where(issue) == ("ambiguous-reference", "Mitgliedschaften", 6, "Mitglied",
                             "Caritasverband Auenberg")
    assert ("„Caritasverband Auenberg e. V.“ (ID „27“) oder „Caritasverband Auenberg gGmbH“ "
            "(ID „A-30“)") in issue.message
    assert_german_fix(issue.message)


def test_a_name_without_legal_form_of_the_wrong_type_is_reported_as_such() -> None:
    _, report = _member("K1", "Caritasverband Auenberg")
    assert [_where(i) for i in _refs(report)] == [
        ("name-reference", "Mitgliedschaften", 6, "Gremium", "Caritasverband Auenberg"),
        ("wrong-reference-type", "Mitgliedschaften", 6, "Gremium", "Caritasverband Auenberg")]
    assert "Tragen Sie hier die ID eines Gremiums" in _refs(report)[1].message


# --- 4. close names ----------------------------------------------------------------------------

def test_a_short_form_is_read_as_the_one_name_that_contains_it() -> None:
    netmap, report = _member("Kinderschutzbund Auenberg")
    issue = only(report, "name-reference")
    assert _where(issue) == ("name-reference", "Mitgliedschaften", 6, "Mitglied",
                             "Kinderschutzbund Auenberg")
    # the offer "Kinderschutzbund Auenberg Elterntelefon" contains it too, but an offer
    # cannot be a member: only the allowed types count
    assert issue.message == (f"„Kinderschutzbund Auenberg“ als „{DKSB}“ (ID „A-12“) gelesen. "
                             "Tragen Sie besser die ID „A-12“ ein.")
    assert report.ok and netmap.memberships("A-12") == ["SG"]


@pytest.mark.parametrize(("typed", "nid"), [
    ("Grundschle am Park", "GS1"),  # a letter missing
    ("Kinderschutzbund Auenbreg", "A-12"),  # short form with a typo
    ("Jugendamtt", "JA"),  # one word for a one-word name
    ("Grundschule Park", "GS1"),  # "am" left out
])
def test_a_typo_in_a_name_is_read_as_the_close_name(typed: str, nid: str) -> None:
    netmap, report = _member(typed)
    issue = only(report, "name-reference")
    assert _where(issue) == ("name-reference", "Mitgliedschaften", 6, "Mitglied", typed)
    assert f"„{typed}“ als „" in issue.message and f"(ID „{nid}“) gelesen" in issue.message
    assert "SG" in netmap.memberships(nid)


def test_a_name_close_to_two_committees_is_an_error_listing_both() -> None:
    _, report = _member("K1", "Netzwerk Frühe Hilfen")
    issue = only(report, "ambiguous-reference")
    assert _where(issue) == ("ambiguous-reference", "Mitgliedschaften", 6, "Gremium",
                             "Netzwerk Frühe Hilfen")
    assert issue.message == (
        f"„Netzwerk Frühe Hilfen“ ist nicht eindeutig: gemeint sein können „{NFH_NORD}“ "
        "(ID „G-03“) oder „Netzwerk Frühe Hilfen – Süd“ (ID „G-04“). Tragen Sie statt des "
        "Namens die ID ein.")


@pytest.mark.parametrize("typed", [
    "Familienzentrum Sonnenschein",  # a word of the text is in no name
    "Kita",  # one word never means a longer name
    "Grundschule am Park 2",  # numbers must match
])
def test_loose_resemblance_is_no_match(typed: str) -> None:
    _, report = _member(typed)
    issue = only(report, "unknown-reference")
    assert _where(issue) == ("unknown-reference", "Mitgliedschaften", 6, "Mitglied", typed)
    assert issue.message.startswith(f"Den Namen „{typed}“ gibt es in keinem Blatt.")


def test_a_mistyped_id_is_never_read_as_a_name() -> None:
    # "AK-7" would match the name "AK 7 Kita" word by word, but it is written like an ID
    # and the ID "AK-07" is close: an unknown ID with a suggestion
    _, report = _member("K1", "AK-7")
    issue = only(report, "unknown-reference")
    assert _where(issue) == ("unknown-reference", "Mitgliedschaften", 6, "Gremium", "AK-7")
    assert issue.message == ("Die ID „AK-7“ gibt es nicht. Tragen Sie die ID eines Gremiums "
                             "aus dem Blatt „Gremien“ ein (meinten Sie „AK-07“?).")


# --- 5. messages: Name or ID -------------------------------------------------------------------

def test_an_unknown_name_is_called_a_name_and_gets_close_names() -> None:
    _, report = _member("K1", "Netzwerk Frühe Hilfen Ost")
    issue = only(report, "unknown-reference")
    assert _where(issue) == ("unknown-reference", "Mitgliedschaften", 6, "Gremium",
                             "Netzwerk Frühe Hilfen Ost")
    assert issue.message == (
        f"Den Namen „Netzwerk Frühe Hilfen Ost“ gibt es in keinem Blatt. Meinten Sie „{NFH_NORD}“ "
        "(ID „G-03“) oder „Netzwerk Frühe Hilfen – Süd“ (ID „G-04“)? Tragen Sie die ID eines "
        "Gremiums aus dem Blatt „Gremien“ ein oder legen Sie den Eintrag dort an.")


def test_an_unknown_name_without_anything_close() -> None:
    _, report = _member("Verein für Kinderarmut")
    issue = only(report, "unknown-reference")
    assert issue.message == (
        "Den Namen „Verein für Kinderarmut“ gibt es in keinem Blatt. Tragen Sie die ID eines "
        "Akteurs oder Amts aus den Blättern „Akteure“ oder „Ämter“ ein oder legen Sie den "
        "Eintrag dort an.")


def test_an_unknown_id_is_called_an_id() -> None:
    _, report = _member("K1", "G-3")
    issue = only(report, "unknown-reference")
    assert _where(issue) == ("unknown-reference", "Mitgliedschaften", 6, "Gremium", "G-3")
    assert issue.message == ("Die ID „G-3“ gibt es nicht. Tragen Sie die ID eines Gremiums "
                             "aus dem Blatt „Gremien“ ein (meinten Sie „G-03“?).")


def test_relations_resolve_names_too() -> None:
    data = _sheets()
    data["Beziehungen"].append({"Von": "Kinderschutzbund Auenberg", "Zu": "Jugendamt",
                                "Art": "Kooperation"})  # row 4
    netmap, report = build_map(data)
    assert [_where(i) for i in _refs(report)] == [
        ("name-reference", "Beziehungen", 4, "Von", "Kinderschutzbund Auenberg"),
        ("name-reference", "Beziehungen", 4, "Zu", "Jugendamt")]
    assert netmap.graph.has_edge("A-12", "JA")


# --- 6. several references in one cell --------------------------------------------------------

def test_two_providers_split_at_a_slash_with_a_warning() -> None:
    netmap, report = _offer("27 / JC")
    issue = only(report, "guessed-value")
    assert _where(issue) == ("guessed-value", "Angebote", 4, "Anbieter", "27 / JC")
    assert issue.message == ("„27 / JC“ wurde als 2 Einträge gelesen: „27“ und „JC“. Trennen "
                             "Sie mehrere Einträge besser mit „;“.")
    assert [i.code for i in _refs(report)] == ["guessed-value"]
    assert _providers(netmap, "X4") == ["27", "JC"]


def test_providers_split_at_commas_and_semicolons() -> None:
    netmap, report = _offer("TR, JC; Kinderschutzbund Auenberg")
    assert [_where(i) for i in _refs(report)] == [
        ("guessed-value", "Angebote", 4, "Anbieter", "TR, JC"),
        ("name-reference", "Angebote", 4, "Anbieter", "Kinderschutzbund Auenberg")]
    assert _providers(netmap, "X4") == ["A-12", "JC", "TR"]


def test_a_name_with_commas_stays_one_name() -> None:
    netmap, report = _offer("Jugend-, Schul- und Sportamt")
    issue = only(report, "name-reference")
    assert _where(issue) == ("name-reference", "Angebote", 4, "Anbieter",
                             "Jugend-, Schul- und Sportamt")
    assert [i.code for i in _refs(report)] == ["name-reference"]
    assert _providers(netmap, "X4") == ["AMT-5"]


def test_no_split_unless_every_part_is_known() -> None:
    _, report = _offer("TR / Elternschule")
    issue = only(report, "unknown-reference")
    assert _where(issue) == ("unknown-reference", "Angebote", 4, "Anbieter",
                             "TR / Elternschule")
    assert "guessed-value" not in codes(report)


# --- districts -----------------------------------------------------------------------------------

def test_district_spelled_with_ue_is_the_one_with_umlaut() -> None:
    data = _sheets()
    data["Sozialräume"].append({"Sozialraum": "Mühlenfeld"})
    data["Akteure"][2]["Sozialraum"] = "Muehlenfeld"  # GS1, row 4
    data["Akteure"][1]["Sozialraum"] = "Mühlen-Feld"  # K1, row 3
    netmap, report = build_map(data)
    assert "unknown-district" not in codes(report)
    assert [_where(i) for i in _refs(report)] == [
        ("guessed-value", "Akteure", 3, "Sozialraum", "Mühlen-Feld"),
        ("guessed-value", "Akteure", 4, "Sozialraum", "Muehlenfeld")]
    assert _refs(report)[1].message == (
        "Den Sozialraum „Muehlenfeld“ haben wir als „Mühlenfeld“ aus dem Blatt „Sozialräume“ "
        "gelesen. Bitte die Schreibweise dort angleichen.")
    assert netmap.node("GS1")["district"] == netmap.node("K1")["district"] == "Mühlenfeld"


def test_a_district_twice_in_two_spellings_is_a_duplicate() -> None:
    data = _sheets()
    data["Sozialräume"] += [{"Sozialraum": "Mühlenfeld"}, {"Sozialraum": "Muehlenfeld"}]
    _, report = build_map(data)
    issue = only(report, "duplicate-district")
    assert _where(issue) == ("duplicate-district", "Sozialräume", 4, "Sozialraum",
                             "Muehlenfeld")
    assert "Zeile 3 (als „Mühlenfeld“)" in issue.message


def test_an_unknown_district_still_gets_a_suggestion() -> None:
    data = _sheets()
    data["Sozialräume"].append({"Sozialraum": "Mühlenfeld"})
    data["Akteure"][2]["Sozialraum"] = "Muehlenfelt"
    _, report = build_map(data)
    issue = only(report, "unknown-district")
    assert _where(issue) == ("unknown-district", "Akteure", 4, "Sozialraum", "Muehlenfelt")
    assert "(meinten Sie „Mühlenfeld“?)" in issue.message


# --- cost -----------------------------------------------------------------------------------------

def _large(n: int, broken: int) -> dict[str, Rows]:
    actors = [{"ID": f"A-{i:05d}", "Name": f"Einrichtung {i:05d} Wort{i % 997} Ort{i % 89}"}
              for i in range(n)]
    committees = [{"ID": f"G-{i:03d}", "Name": f"Netzwerk {i:03d}"} for i in range(50)]
    members = [{"Mitglied": f"A-{i:05d}", "Gremium": f"G-{i % 50:03d}"} for i in range(n)]
    for k, row in enumerate(members[:broken]):
        # a third mistyped IDs, a third unknown names, a third names with a typo
        row["Mitglied"] = (f"A-{k:05d}x" if k % 3 == 0 else f"Verein {k} Nirgendwo"
                           if k % 3 == 1 else f"Einrichtng {k:05d} Wort{k % 997} Ort{k % 89}")
    return {"Akteure": actors, "Ämter": [], "Gremien": committees, "Angebote": [],
            "Mitgliedschaften": members, "Beziehungen": []}


def test_300_unknown_references_among_20000_nodes_stay_fast() -> None:
    data = _large(20_000, 300)
    start = time.perf_counter()
    _, report = build_map(data)
    elapsed = time.perf_counter() - start
    assert codes(report, "error") == ["unknown-reference"] * 200
    assert codes(report, "warning").count("name-reference") == 100
    assert elapsed < 10, f"{elapsed:.1f} s"  # precise numbers: benchmarks/reference_benchmark.py
