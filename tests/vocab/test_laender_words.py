"""Category words of the other Länder, as administrators outside NRW type them.

The words come from a tester who filled workbooks the way administrators in Bayern, Sachsen,
Baden-Württemberg, Hamburg, Berlin and Brandenburg do (the handbook page *Kategorien* names
the published source of each). Each must be read as the category it means, without a
warning; words two Länder use for different schools stay ambiguous.
"""

from __future__ import annotations

import pytest

from netzkarte import NetworkMap
from netzkarte.analysis import analyze
from netzkarte.analysis.transitions import transition_sides
from netzkarte.io.build import build_map
from netzkarte.vocab import (
    ActorForm,
    CategoryCatalogue,
    CategoryInfo,
    LifePhase,
    Method,
    NodeType,
    Sector,
    category_info,
    recognize_category,
)

A, OF, F = NodeType.ACTOR, NodeType.OFFICE, NodeType.OFFER


@pytest.mark.parametrize(("word", "node_type", "label"), [
    # the words the tester's workbooks used and we did not know
    ("Mittelschule", A, "Hauptschule"),  # Bayern
    ("Oberschule", A, "Sekundarschule"),  # Sachsen, Brandenburg, Niedersachsen, Bremen
    ("Grund- und Mittelschule", A, "Grund- und weiterführende Schule"),  # Bayern
    ("Oberstufenzentrum", A, "Berufskolleg"),  # Berlin, Brandenburg
    ("SBBZ", A, "Förderschule"),  # Baden-Württemberg
    ("Haus für Kinder", A, "Kita"),  # Bayern, BayKiBiG Art. 2
    ("Familienstützpunkt", A, "Familienbildungsstätte"),  # Bayern
    ("KoKi", OF, "Koordinierungsstelle Frühe Hilfen"),  # Bayern
    ("Koordinierungsstelle Frühe Hilfen", OF, "Koordinierungsstelle Frühe Hilfen"),
    ("Kreisjugendring", A, "Freier Träger"),
    ("Kinder- u. Jugendarzt", A, "Kinderarztpraxis"),
    # the words we misread
    ("Stadtteilschule", A, "Gesamtschule"),  # Hamburg
    ("Regionale Schule", A, "Sekundarschule"),  # Mecklenburg-Vorpommern
    ("Jugendsozialarbeit an Schulen", A, "Schulsozialarbeit"),  # Bayern (JaS)
    ("JaS", A, "Schulsozialarbeit"),
    ("Schulkindbetreuung", A, "Schulkindbetreuung"),  # Baden-Württemberg
    ("Mittagsbetreuung", A, "Schulkindbetreuung"),  # Bayern
    # more of the same kind, from the Länder's school laws and programmes
    ("Regelschule", A, "Sekundarschule"), ("Realschule plus", A, "Sekundarschule"),
    ("Mittelstufenschule", A, "Sekundarschule"), ("Werkrealschule", A, "Hauptschule"),
    ("Integrierte Sekundarschule", A, "Gesamtschule"),
    ("Kooperative Gesamtschule", A, "Gesamtschule"),
    ("Grund- und Werkrealschule", A, "Grund- und weiterführende Schule"),
    ("Grund- u. Hauptschule", A, "Grund- und weiterführende Schule"),
    ("Sonderpädagogisches Förderzentrum", A, "Förderschule"),
    ("Berufliches Schulzentrum", A, "Berufskolleg"), ("OSZ", A, "Berufskolleg"),
    ("Kinderladen", A, "Kita"), ("Häuser für Kinder", A, "Kita"), ("Schülerladen", A, "Hort"),
    ("Betreuende Grundschule", A, "Schulkindbetreuung"), ("eFöB", A, "Schulkindbetreuung"),
    ("Ganztägige Bildung und Betreuung an Schulen", A, "Schulkindbetreuung"),
    ("EKiZ", A, "Familienzentrum"), ("Elternschule", A, "Familienbildungsstätte"),
    ("Stadtjugendring", A, "Freier Träger"), ("Jugendverband", A, "Freier Träger"),
    ("Mobile Jugendarbeit", A, "Jugendzentrum"),
    ("Bezirkssozialarbeit", OF, "Allgemeiner Sozialer Dienst"),
    ("Koordinierende Kinderschutzstelle", OF, "Koordinierungsstelle Frühe Hilfen"),
    ("Mittagsbetreuung", F, "Ganztagsangebot"), ("JaS", F, "Schulsozialarbeit (Angebot)"),
    ("Opstapje", F, "Familienbildungsangebot"), ("HIPPY", F, "Familienbildungsangebot"),
])
def test_the_laender_words_are_known_exactly(word: str, node_type: NodeType,
                                              label: str) -> None:
    r = recognize_category(word, node_type=node_type)
    assert (r.label, r.method) == (label, Method.EXACT), word
    assert r.message() is None and not r.guessed


@pytest.mark.parametrize(("text", "label"), [
    ("Kinder- u. Jugendarzt", "Kinderarztpraxis"), ("Kinder- & Jugendarzt", "Kinderarztpraxis"),
    ("Kinder-u. Jugendärztin", "Kinderarztpraxis"),
    ("Grund-/Mittelschule", "Grund- und weiterführende Schule"),
    ("Schwangerschafts- u. Schwangerschaftskonfliktberatung", "Schwangerschaftsberatung"),
])
def test_u_and_ampersand_stand_for_und(text: str, label: str) -> None:
    r = recognize_category(text, node_type=A)
    assert (r.label, r.method) == (label, Method.EXACT)


def test_u_and_ampersand_inside_a_longer_text_and_a_name() -> None:
    r = recognize_category("Städt. Kinder- u. Jugendarztpraxis", node_type=A)
    assert (r.label, r.method) == ("Kinderarztpraxis", Method.WORD_PART)
    r = recognize_category(None, name="Grund- u. Mittelschule Pfaffenhofen", node_type=A)
    assert (r.label, r.method) == ("Grund- und weiterführende Schule", Method.NAME)


def test_own_categories_know_the_short_forms_of_und_too() -> None:
    own = CategoryInfo("Kinder- und Jugendbüro", A, Sector.YOUTH_WELFARE, (LifePhase.SECONDARY,),
                       ActorForm.FACILITY, custom=True)
    catalogue = CategoryCatalogue([own])
    assert catalogue.recognize("Kinder- u. Jugendbüro", node_type=A).info is own
    assert catalogue.recognize("Kinder- & Jugendbüro", node_type=A).info is own


@pytest.mark.parametrize(("word", "wrong"), [
    ("Stadtteilschule", "Quartiersmanagement"),
    ("Oberstufenzentrum", "Quartiersmanagement"),
])
def test_school_words_are_not_suggested_as_something_else(word: str, wrong: str) -> None:
    assert recognize_category(word, node_type=A).label != wrong


@pytest.mark.parametrize(("name", "label"), [
    ("Grund- und Mittelschule Pfaffenhofen", "Grund- und weiterführende Schule"),
    ("Mittelschule am Inn", "Hauptschule"),
    ("Haus für Kinder St. Anna", "Kita"),
    ("Oberschule Dresden-Cotta", "Sekundarschule"),
    ("Betreuende GS Pestalozzi", "Schulkindbetreuung"),
])
def test_the_name_tells_the_laender_categories(name: str, label: str) -> None:
    r = recognize_category(None, name=name, node_type=A)
    assert (r.label, r.method) == (label, Method.NAME)


# --- ambiguity ----------------------------------------------------------------------------

@pytest.mark.parametrize(("word", "candidates"), [
    ("KGS", ("Grundschule", "Gesamtschule")),
    ("GHS", ("Hauptschule", "Grund- und weiterführende Schule")),
    ("Verlässliche Grundschule", ("Grundschule", "Schulkindbetreuung")),
    ("Elterninitiative", ("Kita", "Ehrenamtsinitiative")),
    ("Ganztagsschule", ("Grundschule", "Weiterführende Schule")),
    ("Gebundene Ganztagsschule", ("Grundschule", "Weiterführende Schule")),
])
def test_words_of_two_laender_stay_ambiguous(word: str, candidates: tuple[str, ...]) -> None:
    r = recognize_category(word, node_type=A)
    assert r.method is Method.AMBIGUOUS and r.info is None
    assert set(candidates) <= set(r.candidates)
    message = r.message()
    assert message is not None and "mehrdeutig" in message
    assert category_info(word) is None


def test_the_name_settles_an_ambiguous_abbreviation() -> None:
    r = recognize_category("KGS", name="Kooperative Gesamtschule Am Park", node_type=A)
    assert (r.label, r.method) == ("Gesamtschule", Method.NAME)
    r = recognize_category("KGS", name="Kath. Grundschule St. Anna", node_type=A)
    assert (r.label, r.method) == ("Grundschule", Method.NAME)
    assert recognize_category("KGS", name="KGS Am Park", node_type=A).method is Method.AMBIGUOUS
    r = recognize_category("Elterninitiative", name="Elterninitiative Kita Rappelkiste",
                           node_type=A)
    assert (r.label, r.method) == ("Kita", Method.NAME)


# --- what the categories do at the transitions ----------------------------------------------

def test_care_at_the_grundschule_is_no_institution_of_its_own() -> None:
    info = category_info("Schulkindbetreuung")
    assert info is not None and info.institution is False and info.node_type is A
    assert info.life_phases == (LifePhase.PRIMARY,)
    m = NetworkMap()
    m.add_node("G", "actor", name="Grundschule Nord", category="Grundschule")
    m.add_node("M", "actor", name="Mittagsbetreuung Nord", category="Mittagsbetreuung")
    m.add_node("W", "actor", name="Mittelschule Nord", category="Mittelschule")
    assert transition_sides(m, "primary->secondary") == (["G"], ["W"])


def test_a_combined_school_is_on_neither_side_of_its_own_transition() -> None:
    m = NetworkMap()
    m.add_node("K", "actor", name="Kita Nord", category="Kita")
    m.add_node("G", "actor", name="Grundschule Süd", category="Grundschule")
    m.add_node("GM", "actor", name="Grund- und Mittelschule Nord",
               category="Grund- und Mittelschule")
    m.add_node("M", "actor", name="Mittelschule Süd", category="Mittelschule")
    m.add_node("B", "actor", name="Berufsschule", category="Berufsschule")
    assert transition_sides(m, "primary->secondary") == (["G"], ["M"])
    assert transition_sides(m, "kita->primary") == (["K"], ["G", "GM"])
    earlier, later = transition_sides(m, "secondary->transition_work")
    assert "GM" in earlier and "M" in earlier and later == ["B"]


def _betreuung_workbook(category: str) -> dict[str, list[dict[str, object]]]:
    """The tester's Nordstadt: a Grundschule, its care offer and the Gesamtschule it is
    tied to; the care offer itself has no tie to a weiterführende Schule."""
    actors = [
        {"ID": "GS", "Name": "Pestalozzischule", "Kategorie": "GS", "Sozialraum": "Nordstadt"},
        {"ID": "BG", "Name": "Betreuende GS Pestalozzi", "Kategorie": category,
         "Sozialraum": "Nordstadt"},
        {"ID": "IGS", "Name": "Anne-Frank-Schule", "Kategorie": "IGS", "Sozialraum": "Nordstadt"},
    ]
    ties = [{"Von": "BG", "Zu": "GS", "Art": "Kooperation"},
            {"Von": "GS", "Zu": "IGS", "Art": "Kooperation"}]
    return {"Akteure": actors, "Ämter": [], "Gremien": [], "Angebote": [],
            "Mitgliedschaften": [], "Beziehungen": ties}


def _unlinked_at_primary_secondary(category: str) -> list[str]:
    m, report = build_map(_betreuung_workbook(category), meta={"Kommune": "Bad Sülzbach"})
    assert not report.errors
    result = analyze(m, progress=False)
    return [f.title for f in result.findings
            if f.kind == "transition_gap" and f.transition == "primary->secondary"
            and "ohne Verbindung" in f.title]


@pytest.mark.parametrize("category", ["Schulkindbetreuung", "Mittagsbetreuung",
                                      "Betreuende Grundschule"])
def test_care_offer_row_yields_no_transition_finding(category: str) -> None:
    assert _unlinked_at_primary_secondary(category) == []


def test_the_same_row_read_as_a_grundschule_would_yield_the_finding() -> None:
    # the workbook is sensitive: were the care offer a Grundschule, it would be unlinked
    titles = _unlinked_at_primary_secondary("Grundschule")
    assert "Grundschule → weiterführende Schule in Nordstadt: 1 von 2 Einrichtungen ohne " \
           "Verbindung" in titles
