"""Town-wide offers count for every district, reach findings say what was tested, and
same-kind offers in one district are a question, not a duplicate."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from netzkarte import NetworkMap, analyze
from netzkarte.analysis.coverage import coverage_table, find_coverage_gaps
from netzkarte.analysis.parallel import find_parallel_structures
from netzkarte.results import Finding

PREGNANCY = "Schwangerschaft"


def _town(*districts: tuple[str, int, float]) -> NetworkMap:
    m = NetworkMap("Lindenfeld")
    m.set_districts(pd.DataFrame(
        {"children": [c for _, c, _ in districts],
         "SGB-II-Quote": [q for _, _, q in districts]},
        index=pd.Index([d for d, _, _ in districts], name="district")))
    return m


def _phase_gaps(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(str(f.district), str(f.evidence["phase"])) for f in findings
            if f.evidence.get("phase") and f.evidence.get("check") is None}


# --- town-wide offers in the table and in the findings --------------------------------------


def test_a_town_wide_offer_counts_for_every_district_and_a_real_gap_is_a_finding() -> None:
    m = _town(("Nord", 900, 31.5), ("Süd", 800, 9.8), ("Ost", 700, 22.4))
    m.add_node("FH", "offer", name="Familienhebammen-Einsatz", category="Familienhebamme",
               life_phases=[PREGNANCY, "0-3"], outreach=True)
    m.add_node("CAFE", "offer", name="Elterncafé Süd", category="Elterncafé", district="Süd",
               life_phases=["0-3"])
    table = coverage_table(m)
    for district in ("Nord", "Süd", "Ost"):
        assert table.loc[(district, "pregnancy"), ["offers", "town_wide"]].tolist() == [0, 1]
    assert table.loc[("Süd", "u3"), ["offers", "town_wide"]].tolist() == [1, 1]
    gaps = _phase_gaps(find_coverage_gaps(m, services=()))
    # the town-wide offer covers pregnancy and 0-3 everywhere; 3-6 has nothing at all
    assert not any(phase in ("pregnancy", "u3") for _, phase in gaps)
    assert {("Nord", "kita"), ("Süd", "kita"), ("Ost", "kita")} <= gaps


@pytest.mark.parametrize("venue", [
    {"category": "Geburtsklinik"},                               # a town-wide category
    {"category": "Familienzentrum", "level": "Kreis"},          # Ebene Kreis: an address
])
def test_an_offer_at_a_town_wide_venue_is_town_wide(venue: dict[str, str]) -> None:
    m = _town(("Nord", 900, 31.5), ("Mitte", 800, 9.8))
    m.add_node("V", "actor", name="Haus am Markt", district="Mitte", form="Einrichtung",
               **venue)
    m.add_node("O", "offer", name="Geburtsvorbereitung", category="Geburtsvorbereitung",
               venue="V", life_phases=[PREGNANCY])
    table = coverage_table(m)
    assert table.loc[("Nord", "pregnancy"), ["offers", "town_wide"]].tolist() == [0, 1]
    assert table.loc[("Mitte", "pregnancy"), ["offers", "town_wide"]].tolist() == [0, 1]
    assert ("Nord", "pregnancy") not in _phase_gaps(find_coverage_gaps(m, services=()))


def test_an_offer_at_a_local_venue_stays_local() -> None:
    m = _town(("Nord", 900, 31.5), ("Mitte", 800, 9.8))
    m.add_node("V", "actor", name="Kita Mitte", category="Kita", district="Mitte",
               level="Kommune")
    m.add_node("O", "offer", name="Elterncafé", category="Elterncafé", venue="V",
               life_phases=["0-3"])
    table = coverage_table(m)
    assert table.loc[("Mitte", "u3"), ["offers", "town_wide"]].tolist() == [1, 0]
    assert ("Nord", "u3") in _phase_gaps(find_coverage_gaps(m, services=()))


def _two_kommunen() -> NetworkMap:
    m = NetworkMap("Kreis Beispiel")
    m.meta.county = "Kreis Beispiel"
    m.set_districts(pd.DataFrame({"municipality": ["Adorf", "Bstadt"], "children": [500, 400]},
                                 index=pd.Index(["Adorf-Mitte", "Bstadt-Nord"],
                                                name="district")))
    m.add_node("K1", "actor", name="Kita Adorf", category="Kita", municipality="Adorf",
               district="Adorf-Mitte")
    m.add_node("K2", "actor", name="Kita Bstadt", category="Kita", municipality="Bstadt",
               district="Bstadt-Nord")
    m.add_node("SB", "offer", name="Schwangerenberatung Adorf",
               category="Schwangerschaftsberatung", municipality="Adorf",
               life_phases=[PREGNANCY])
    return m


def test_a_town_wide_offer_of_one_kommune_does_not_cover_another() -> None:
    m = _two_kommunen()
    result = analyze(m, progress=False)
    table = result.coverage
    assert table.loc[("Adorf-Mitte", "pregnancy"), "town_wide"] == 1
    assert table.loc[("Bstadt-Nord", "pregnancy"), "town_wide"] == 0
    titles = {f.title for f in result.by_kind("coverage_gap")}
    assert "Kein Angebot für Schwangerschaft und Geburt in Bstadt-Nord" in titles
    assert "Kein Angebot für Schwangerschaft und Geburt in Adorf-Mitte" not in titles


def test_the_stadtplan_outlines_the_gaps_of_each_kommune() -> None:
    from netzkarte import _with_coverage_gaps

    m = _two_kommunen()
    gaps = _with_coverage_gaps(m, None, {"layout": "stadtplan"})["coverage_gaps"]
    found = {f.title for f in analyze(m, progress=False).by_kind("coverage_gap")
             if f.district}
    assert {f.title for f in gaps if f.district} == found


# --- unequal treatment counts offers once, in the district ---------------------------------


def test_density_counts_each_local_offer_once() -> None:
    m = _town(("N1", 1000, 0.40), ("N2", 1000, 0.35), ("M", 1000, 0.20), ("S1", 1000, 0.10))
    for d, n in {"N1": 1, "N2": 2, "M": 3, "S1": 4}.items():
        for i in range(n):  # every offer serves all six phases: one offer, not six
            m.add_node(f"{d}-{i}", "offer", name=f"Angebot {d}-{i}", district=d,
                       life_phases=[PREGNANCY, "0-3", "Kita", "Grundschule", "10-16",
                                    "16-27"])
    m.add_node("W", "offer", name="Ferienspiele", life_phases=["Grundschule"])
    [burdened] = [f for f in find_coverage_gaps(m, services=())
                  if f.evidence.get("check") == "burdened_below_median"]
    assert burdened.district == "N1"
    assert "nur 1,0 Angebote vor Ort je 1.000 Kinder (Median aller Sozialräume: 2,5)" \
        in burdened.text
    assert "Nicht mitgezählt ist 1 gesamtstädtisches Angebot" in burdened.text


# --- reach: say what was tested, advise who plans the service ------------------------------


def _reach_map(**eb: Any) -> NetworkMap:
    m = _town(("Nord", 900, 0.38), ("Süd", 700, 0.04))
    m.add_node("KA", "actor", name="Kinderarztpraxis Dr. Süd", category="Kinderarztpraxis",
               district="Süd", lat=51.40, lon=7.20)
    m.add_node("EB", "actor", name="Erziehungsberatung Süd",
               category="Erziehungsberatungsstelle", **eb)
    m.add_node("K", "actor", name="Kita Nord", category="Kita", district="Nord",
               lat=51.43, lon=7.20)
    return m


def _reach(m: NetworkMap) -> dict[str, Finding]:
    return {str(f.district): f for f in find_coverage_gaps(m, phases=())
            if f.evidence.get("check") == "service_reach"}


def test_reach_title_names_the_radius_and_the_advice_fits_each_service() -> None:
    [nord] = _reach(_reach_map(district="Süd", lat=51.40, lon=7.21)).values()
    assert nord.title == ("Nord: keine Kinderarztpraxis und keine "
                          "Erziehungsberatungsstelle im Umkreis von 1,5 km")
    assert "erreichbar" not in nord.title
    text, advice = nord.text, nord.recommendation
    assert "„Kinderarztpraxis Dr. Süd“ (Kinderarztpraxis, 3,3 km)" in text
    # doctors: the Kassenärztliche Vereinigung; counselling: youth welfare planning
    kv = advice.index("Kassenärztliche Vereinigung")
    eb = advice.index("Erziehungsberatung ist Jugendhilfe")
    assert kv < eb and "Kassenärztliche" not in advice[eb:]
    assert "Jugendhilfeplanung" in advice[eb:] and "§ 78 SGB VIII" in advice[eb:]


def test_counselling_alone_is_never_sent_to_the_doctors_association() -> None:
    m = _reach_map(district="Süd", lat=51.40, lon=7.21)
    m.add_node("KA2", "actor", name="Kinderarztpraxis Nord", category="Kinderarztpraxis",
               district="Nord", lat=51.43, lon=7.21)
    [nord] = _reach(m).values()
    assert nord.title == "Nord: keine Erziehungsberatungsstelle im Umkreis von 1,5 km"
    assert "Kassenärztliche" not in nord.recommendation
    assert "Jugendhilfeplanung" in nord.recommendation


def test_without_coordinates_the_title_claims_the_district_only() -> None:
    m = _town(("Nord", 900, 0.38), ("Süd", 700, 0.04))
    m.add_node("KA", "actor", name="Kinderarztpraxis Dr. Süd", category="Kinderarztpraxis",
               district="Süd")
    m.add_node("K", "actor", name="Kita Nord", category="Kita", district="Nord")
    [nord] = [f for f in find_coverage_gaps(m, phases=(), services=("Kinderarztpraxis",))]
    assert nord.title == "Nord: keine Kinderarztpraxis im Sozialraum"
    assert "Umkreis von 1,5 km liegt, lässt sich nicht prüfen" in nord.text


def test_a_service_without_any_place_is_no_gap_anywhere() -> None:
    found = find_coverage_gaps(_reach_map(level="Kreis"), phases=(),
                               services=("Erziehungsberatungsstelle",))
    assert [(f.severity, f.title) for f in found] == [
        ("info", "„Erziehungsberatungsstelle“ ohne Ort erfasst")]


def test_a_service_without_place_makes_the_others_findings_uncertain() -> None:
    m = _reach_map(district="Süd", lat=51.40, lon=7.21)
    m.add_node("EB2", "actor", name="Beratungsstelle des Kreises",
               category="Erziehungsberatungsstelle", level="Kreis")
    [nord] = [f for f in find_coverage_gaps(m, phases=(),
                                            services=("Erziehungsberatungsstelle",))]
    assert nord.confidence == "unsicher" and nord.severity == "low"
    assert nord.evidence["unclassified"] == ["EB2"]
    assert "„Beratungsstelle des Kreises“" in nord.text


# --- offers of one kind -------------------------------------------------------------------


def _cafes(m: NetworkMap, where: dict[str, str], *, placed: bool) -> None:
    for i, (fz, district) in enumerate(where.items(), start=1):
        m.add_node(fz, "actor", name=f"Familienzentrum {fz}", category="Familienzentrum",
                   district=district, form="Einrichtung")
        m.add_node(f"C{i}", "offer", name=f"Elterncafé {fz}", category="Elterncafé",
                   district=district, venue=fz if placed else None,
                   life_phases=["0-3", "Kita"], target_group="Eltern im Stadtteil")
        m.add_edge(fz, f"C{i}", "provides")


def test_same_named_offers_in_different_districts_are_no_duplicates() -> None:
    for placed in (True, False):
        m = NetworkMap("Lindenfeld")
        _cafes(m, {"FZ1": "Nord", "FZ2": "Süd", "FZ3": "Ost", "FZ4": "Westheide"},
               placed=placed)
        assert [f for f in find_parallel_structures(m) if f.evidence.get("offers")] == []


def test_same_kind_offers_in_one_district_ask_to_coordinate_not_to_merge() -> None:
    m = NetworkMap("Lindenfeld")
    _cafes(m, {"FZ1": "Nord", "FZ2": "Nord", "FZ3": "Nord"}, placed=True)
    m.add_node("MSO", "actor", name="Kulturverein Brücke", category="Migrantenorganisation",
               district="Nord")
    m.add_node("MC", "offer", name="Mütter-Café", category="Elterncafé", district="Nord",
               life_phases=["0-3"], target_group="Eltern im Stadtteil")
    m.add_edge("MSO", "MC", "provides")
    [f] = [f for f in find_parallel_structures(m) if f.evidence.get("offers")]
    assert f.title == "4 gleichartige Angebote „Elterncafé“ in Nord"
    assert "Doppelte" not in f.title
    assert "„Mütter-Café“ hat keinen Ort" in f.text
    assert "zusammenführen" not in f.recommendation
    assert "den Ort von „Mütter-Café“ nachtragen" in f.recommendation
    assert "ohne Zahlen zu Plätzen und Auslastung" in f.recommendation
    # the three cafés in their own Familienzentrum alone are normal local provision
    m.remove_node("MC")
    assert [f for f in find_parallel_structures(m) if f.evidence.get("offers")] == []


def test_capacities_are_named_but_merging_stays_a_question() -> None:
    m = NetworkMap("Lindenfeld")
    _cafes(m, {"FZ1": "Nord"}, placed=True)
    m.graph.nodes["C1"]["capacity"] = 20
    m.add_node("MSO", "actor", name="Kulturverein Brücke", category="Migrantenorganisation")
    m.add_node("MC", "offer", name="Mütter-Café", category="Elterncafé", district="Nord",
               life_phases=["0-3"], capacity=15)
    m.add_edge("MSO", "MC", "provides")
    [f] = [f for f in find_parallel_structures(m) if f.evidence.get("offers")]
    assert f.title == "2 gleichartige Angebote „Elterncafé“ in Nord"
    assert "Plätze pro Jahr: „Elterncafé FZ1“ 20; „Mütter-Café“ 15." in f.text
    assert "zeigt erst die Auslastung dieser Plätze" in f.recommendation
