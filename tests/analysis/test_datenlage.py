"""Findings that know their blind spots: where an institution works, running offers only,
uncertain absences, and the Datenlage of ``analyse``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from netzkarte import NetworkMap, analyze
from netzkarte.analysis.core import format_summary
from netzkarte.analysis.coverage import coverage_table, find_coverage_gaps
from netzkarte.analysis.datenlage import blind_spots, data_quality, local_district
from netzkarte.analysis.quality import check_quality
from netzkarte.analysis.transitions import find_transition_gaps
from netzkarte.results import REASONS, DataQuality, DataQualityAnalysis, DataQualityNode

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _districts(m: NetworkMap, need: dict[str, float]) -> None:
    m.set_districts(pd.DataFrame({"children": [800] * len(need),
                                  "SGB-II-Quote Kinder": list(need.values())},
                                 index=pd.Index(list(need), name="district")))


def _town() -> NetworkMap:
    """Three districts; Nord is the neediest."""
    m = NetworkMap("Testheim")
    _districts(m, {"Nord": 40.0, "Mitte": 20.0, "Süd": 5.0})
    return m


# --- where an institution works ------------------------------------------------------------

def test_a_municipal_kita_is_judged_in_its_district_not_town_wide() -> None:
    m = _town()
    # "Kommune" on a Kita means a municipal Kita; it works in Nord
    m.add_node("K1", "actor", name="Städtische Kita Nordlicht", category="Kita",
               level="Kommune", district="Nord")
    m.add_node("G1", "actor", name="Grundschule Nord", category="Grundschule",
               level="Kommune", district="Nord")
    m.add_node("G2", "actor", name="Grundschule Süd", category="Grundschule", district="Süd")
    m.add_node("K2", "actor", name="Kita Süd", category="Kita", district="Süd")
    m.add_edge("K2", "G2", "cooperation")
    assert local_district(m, "K1") == "Nord"
    gaps = {f.district: f for f in find_transition_gaps(m, transitions=["kita->primary"])}
    nord = gaps["Nord"]
    assert nord.evidence["unlinked"] == ["K1"]
    assert nord.severity == "high"  # the neediest district, nothing linked, no committee
    assert nord.confidence == "sicher"


def test_town_wide_categories_and_county_level_are_not_local() -> None:
    m = _town()
    m.add_node("JC", "office", name="Jobcenter Testheim", category="Jobcenter")
    m.add_node("KR", "actor", name="Kreis-Kita", category="Kita", level="Kreis",
               district="Nord")
    m.add_node("S", "actor", name="Kita ohne Ort", category="Kita", form="Einrichtung")
    assert local_district(m, "JC") is None
    assert local_district(m, "KR") is None  # Kreis level, the district is its address
    assert local_district(m, "S") is None
    assert blind_spots(m).reasons["S"] == ("no_district",)  # judged town-wide, listed


# --- coverage: running offers only, town-wide offers, uncertainty --------------------------

def test_a_district_with_only_planned_offers_is_a_gap_and_says_so() -> None:
    m = _town()
    m.add_node("P1", "offer", name="Krabbeltreff Nord", category="Elterncafé",
               life_phases=["0–3 Jahre"], district="Nord", status="geplant")
    m.add_node("P2", "offer", name="Babytreff Nord", category="Elterncafé",
               life_phases=["0–3 Jahre"], district="Nord", status="beendet")
    table = coverage_table(m)
    assert int(table.loc[("Nord", "u3"), "offers"]) == 0
    assert int(table.loc[("Nord", "u3"), "planned"]) == 1
    gap = next(f for f in find_coverage_gaps(m, phases=["u3"]) if f.district == "Nord"
               and f.evidence.get("phase") == "u3")
    assert gap.severity == "high"
    assert "Geplant (noch nicht laufend): „Krabbeltreff Nord“" in gap.text
    assert gap.evidence["planned"] == ["P1"]
    assert "Babytreff" not in gap.text  # ended offers are gone


def test_town_wide_offers_count_for_every_district() -> None:
    m = _town()
    m.add_node("B", "offer", name="Babybesuchsdienst", category="Babybesuchsdienst",
               life_phases=["Schwangerschaft und Geburt"], outreach=True)
    table = coverage_table(m)
    assert int(table.loc[("Nord", "pregnancy"), "town_wide"]) == 1
    found = find_coverage_gaps(m, phases=["pregnancy"])
    assert [f for f in found if f.evidence.get("phase") == "pregnancy"] == []


def test_a_burdened_district_with_only_town_wide_offers_gets_a_low_hint() -> None:
    m = _town()
    m.add_node("E", "offer", name="Elternkurs im Rathaus", category="Elternkurs",
               life_phases=["3–6 Jahre (Kita)"])
    found = [f for f in find_coverage_gaps(m, phases=["kita"])
             if f.evidence.get("phase") == "kita"]
    assert [(f.district, f.severity) for f in found] == [("Nord", "low")]
    assert found[0].title == "Nur gesamtstädtische Angebote für 3–6 Jahre (Kita) in Nord"


def test_an_unclassified_offer_makes_the_gap_uncertain_and_names_it() -> None:
    m = _town()
    # a word netzkarte cannot place and no life phases: it may well be for 0–3
    m.add_node("X", "offer", name="Wirbelwind am Nordplatz", category="Spielkreisle",
               district="Nord")
    gap = next(f for f in find_coverage_gaps(m, phases=["u3"]) if f.district == "Nord")
    assert gap.confidence == "unsicher"
    assert gap.severity == "low"
    assert gap.evidence["unclassified"] == ["X"]
    assert "„Wirbelwind am Nordplatz“ ist nicht eingeordnet" in gap.text
    # Süd has no such offer: its gap stays certain
    sued = next(f for f in find_coverage_gaps(m, phases=["u3"]) if f.district == "Süd")
    assert sued.confidence == "sicher"


def test_an_unknown_health_institution_makes_missing_paediatrics_uncertain() -> None:
    m = _town()
    m.add_node("EB", "actor", name="Erziehungsberatung Nord", category="Erziehungsberatungsstelle",
               district="Nord")
    m.add_node("KA", "actor", name="Kinderarztpraxis Süd", category="Kinderarztpraxis",
               district="Süd")
    m.add_node("EBS", "actor", name="Erziehungsberatung Süd",
               category="Erziehungsberatungsstelle", district="Süd")
    m.add_node("EBM", "actor", name="Erziehungsberatung Mitte",
               category="Erziehungsberatungsstelle", district="Mitte")
    m.add_node("KAM", "actor", name="Kinderarztpraxis Mitte", category="Kinderarztpraxis",
               district="Mitte")
    m.add_node("Q", "actor", name="Dr. Quast und Partner", category="Gemeinschaftspraxis",
               sector="Gesundheit", district="Nord")
    reach = [f for f in find_coverage_gaps(m) if f.evidence.get("check") == "service_reach"]
    assert [(f.district, f.evidence["missing"]) for f in reach] == [("Nord",
                                                                     ["Kinderarztpraxis"])]
    assert reach[0].confidence == "unsicher" and reach[0].severity == "low"
    assert reach[0].evidence["unclassified"] == ["Q"]


# --- transitions: possibly linked -----------------------------------------------------------

def test_a_kita_tied_to_an_unclassified_partner_is_possibly_linked_not_unlinked() -> None:
    m = _town()
    m.add_node("K", "actor", name="Kita Nord", category="Kita", district="Nord")
    m.add_node("G", "actor", name="Grundschule Nord", category="Grundschule", district="Nord")
    m.add_node("U", "actor", name="Haus am Nordpark", category="Lernort", district="Nord",
               form="Einrichtung")
    m.add_edge("K", "U", "cooperation")
    [f] = [f for f in find_transition_gaps(m, transitions=["kita->primary"])
           if f.district == "Nord"]
    assert f.confidence == "unsicher" and f.severity == "low"
    assert f.evidence["unclassified"] == ["U"]
    assert "Haus am Nordpark" in f.text


# --- quality checks ------------------------------------------------------------------------

def test_civil_society_is_unknown_not_failed_when_sectors_are_missing() -> None:
    m = _town()
    m.add_node("V", "actor", name="Runde am Markt", category="Mütternetz",
               form="Organisation")
    checks = {q.id: q for q in check_quality(m)[0]}
    assert checks["qs-civil-society"].status == "unknown"
    assert "Runde am Markt" in checks["qs-civil-society"].evidence


# --- the Datenlage of analyse -------------------------------------------------------------

@pytest.fixture
def blind_map() -> NetworkMap:
    m = _town()
    m.add_node("K", "actor", name="Kita Nord", category="Kita", district="Nord")
    m.add_node("X", "offer", name="Wirbelwind am Nordplatz", category="Spielkreisle",
               district="Nord")
    m.add_node("P", "offer", name="Elterncafé Süd", category="Elterncafé", district="Süd",
               status="geplant")
    m.add_node("A", "actor", name="Beratungsstelle am Markt", category="Beratungsstelle",
               district="Mitte", form="Einrichtung")
    return m


def test_data_quality_lists_nodes_reasons_and_uncertain_findings(blind_map: NetworkMap
                                                                 ) -> None:
    result = analyze(blind_map, progress=False)
    dq = json.loads(result.to_json())["data_quality"]
    assert dq["counts"]["no_life_phase"] >= 1
    assert dq["counts"]["planned_offer"] == 1
    by_id = {n["id"]: n for n in dq["nodes"]}
    assert "no_life_phase" in by_id["X"]["reasons"]
    assert by_id["P"]["reasons"] == ["planned_offer"]
    assert "X" in dq["analyses"]["coverage_gap"]["left_out"]
    uncertain = [f for f in result.findings if f.confidence == "unsicher"]
    assert uncertain and all(f.severity in ("low", "info") for f in uncertain)
    assert sorted(dq["uncertain_findings"]) == sorted(f.id for f in uncertain)
    assert any("Wirbelwind am Nordplatz" in a for a in dq["advice"])


def test_the_datenlage_keeps_its_published_shape(blind_map: NetworkMap) -> None:
    """``data_quality`` is a published contract (docs/analysen.md, "Im JSON"): the TypedDicts
    of the results contract name exactly its keys, in the order the JSON writes them."""
    section = (DOCS / "analysen.md").read_text(encoding="utf-8").split(
        "Dazu kommt `data_quality`:", 1)[1].split("\n\n", 2)[1]
    documented = re.findall(r"^\| `(\w+)` \|", section, re.M)
    dq = json.loads(analyze(blind_map, progress=False).to_json())["data_quality"]
    assert list(dq) == list(DataQuality.__annotations__) == documented
    assert list(dq["counts"]) == list(REASONS)
    assert all(f"`{reason}`" in section for reason in REASONS)
    ambiguous = [n for n in dq["nodes"] if "candidates" in n]
    assert ambiguous, "the map has no node with an ambiguous category"
    for node in dq["nodes"]:
        assert list(node) == list(DataQualityNode.__annotations__)[:len(node)]
    for block in dq["analyses"].values():
        assert list(block) == list(DataQualityAnalysis.__annotations__)


def test_no_high_or_medium_finding_is_uncertain(blind_map: NetworkMap) -> None:
    result = analyze(blind_map, progress=False)
    assert all(f.severity in ("low", "info") for f in result.findings
               if f.confidence == "unsicher")


def test_the_summary_has_a_datenlage_section(blind_map: NetworkMap) -> None:
    text = format_summary(analyze(blind_map, progress=False))
    assert "Datenlage (was die Analysen nicht beurteilen konnten):" in text
    assert "Angebot erst geplant: 1" in text
    assert "unsicher" in text


def test_a_fully_classified_map_has_an_empty_datenlage() -> None:
    m = _town()
    m.add_node("K", "actor", name="Kita Nord", category="Kita", district="Nord")
    dq = data_quality(m, [])
    assert dq["nodes"] == [] and dq["advice"] == [] and dq["uncertain_findings"] == []
    assert "Datenlage" not in format_summary(analyze(m, progress=False))


def test_a_planned_offer_does_not_link_kita_and_school_yet() -> None:
    m = _town()
    m.add_node("K", "actor", name="Kita Nord", category="Kita", district="Nord")
    m.add_node("G", "actor", name="Grundschule Nord", category="Grundschule", district="Nord")
    m.add_node("O", "offer", name="Schnuppertage", category="Schnuppertage",
               venue="G", status="geplant")
    m.add_edge("K", "O", "provides")
    [f] = [f for f in find_transition_gaps(m, transitions=["kita->primary"])
           if f.district == "Nord"]
    assert f.evidence["unlinked"] == ["K"]
    m.add_node("O2", "offer", name="Schnuppertage 2", category="Schnuppertage", venue="G",
               status="laufend")
    m.add_edge("K", "O2", "provides")
    assert [f for f in find_transition_gaps(m, transitions=["kita->primary"])
            if f.district == "Nord" and f.evidence["unlinked"]] == []


def test_anonymised_datenlage_names_no_person() -> None:
    from netzkarte.render.privacy import anonymous_result

    m = _town()
    m.add_node("P-ANNA", "actor", name="Anna Kurz", form="Person")
    m.add_node("O", "actor", name="Verein am Markt", form="Organisation")
    m.add_edge("P-ANNA", "O", "belongs_to")
    shown = json.dumps(anonymous_result(analyze(m, progress=False), m).data_quality,
                       ensure_ascii=False)
    assert "Anna" not in shown and "P-ANNA" not in shown
    assert "Person (Verein am Markt)" in shown


def test_one_entry_is_named_in_the_singular() -> None:
    m = _town()
    m.add_node("X", "offer", name="Wirbelwind am Nordplatz", category="Spielkreisle",
               district="Nord")
    advice = data_quality(m, [])["advice"]
    assert advice[0].startswith("1 Eintrag ohne erkannte Kategorie")
    assert any(a.startswith("1 Einrichtung oder Angebot ohne Lebensphase") for a in advice)


# --- after a Bestandsaufnahme with the partners -------------------------------------------

def _surveyed() -> NetworkMap:
    m = _town()
    m.add_node("K", "actor", name="Kita Nord", category="Kita", district="Nord")
    m.add_node("G", "actor", name="Grundschule Nord", category="Grundschule", district="Nord")
    m.add_node("F", "actor", name="Familienzentrum Nord", category="Familienzentrum",
               district="Nord")
    m.add_edge("K", "G", "cooperation", extra={"Bestätigung": "einseitig"})
    m.add_edge("K", "F", "cooperation", extra={"Bestätigung": "bestätigt"})
    m.add_edge("G", "F", "cooperation", extra={"Bestätigung": "abweichend"})
    m.meta.extra["Bestandsaufnahme ohne Antwort"] = "G"
    return m


def test_reciprocity_and_tie_sources_are_key_figures() -> None:
    result = analyze(_surveyed(), progress=False)
    s = result.summary
    assert (s["surveyed_ties"], s["one_sided_ties"]) == (3, 1)
    assert s["reciprocity"] == pytest.approx(2 / 3, abs=1e-6)
    assert "Bestandsaufnahme: 3 erfragte Beziehungen, davon 67 % von beiden Seiten genannt" \
        in format_summary(result)


def test_confirmed_ties_only_judges_transitions_without_one_sided_ties() -> None:
    m = _surveyed()
    def unlinked(result: object) -> list[str]:
        return [n for f in result.by_kind("transition_gap")  # type: ignore[attr-defined]
                if f.transition == "kita->primary" and f.district == "Nord"
                for n in f.evidence["unlinked"]]
    assert unlinked(analyze(m, progress=False)) == []  # the one-sided tie counts by default
    strict = analyze(m, progress=False, confirmed_only=True)
    assert unlinked(strict) == ["K"]
    assert strict.summary["confirmed_ties_only"] is True
    assert m.graph.number_of_edges() == 3  # the user's map is untouched


def test_the_datenlage_names_partners_who_did_not_answer() -> None:
    dq = data_quality(_surveyed(), [])
    assert dq["counts"]["no_answer"] == 1
    assert any("Grundschule Nord" in a and "nicht geantwortet" in a for a in dq["advice"])
    assert "G" in dq["analyses"]["bottleneck"]["left_out"]
