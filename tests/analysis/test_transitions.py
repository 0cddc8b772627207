"""Transition gaps: unlinked institutions, bridging committees, ranked suggestions."""

from __future__ import annotations

import pandas as pd
import pytest

from netzkarte import NetworkMap
from netzkarte.analysis.transitions import find_transition_gaps, transition_sides


def _kita_map() -> NetworkMap:
    m = NetworkMap("Kindertal")
    m.add_node("K1", "actor", name="Kita Sonnenschein", category="Kita", district="Nord")
    m.add_node("K2", "actor", name="Kita Regenbogen", category="Kita", district="Nord")
    m.add_node("K3", "actor", name="Kita Süd", category="Kita", district="Süd")
    m.add_node("G1", "actor", name="Grundschule Nord", category="Grundschule",
               district="Nord")
    m.add_node("G2", "actor", name="Grundschule Süd", category="Grundschule", district="Süd")
    m.add_edge("K1", "G1", "cooperation", strength=2)
    m.add_edge("K3", "G2", "cooperation")
    m.add_node("AK", "committee", name="AK Übergang Süd", district="Süd")
    m.add_edge("K3", "AK", "member")
    m.add_edge("G2", "AK", "member")
    return m


def _by_district(findings: list, transition: str) -> dict:  # type: ignore[type-arg]
    return {f.district: f for f in findings if f.transition == transition}


def test_sides_follow_phases_and_skip_multi_phase_institutions() -> None:
    m = _kita_map()
    m.add_node("FZ", "actor", name="Familienzentrum Nord", category="Familienzentrum",
               district="Nord")
    m.add_node("EB", "actor", name="Erziehungsberatung", category="Erziehungsberatungsstelle")
    m.add_node("P", "actor", name="Frau Lehrerin", form="Person", category="Person",
               life_phases=["Kita"])
    assert transition_sides(m, "kita->primary") == (["K1", "K2", "K3"], ["G1", "G2"])
    # a Kita serves 0–3 and 3–6: at Familie → Kita its core phase puts it on the later side
    assert transition_sides(m, "u3->kita") == ([], ["K1", "K2", "K3"])


def test_two_phase_institutions_are_placed_by_their_core_phase() -> None:
    m = NetworkMap("Kindertal")
    m.add_node("K", "actor", name="Kita Regenbogen", category="Kita")
    m.add_node("H", "actor", name="Hebammenpraxis Storchennest", category="Hebamme",
               form="Einrichtung")
    m.add_node("HP", "actor", name="Frau Hebamme", category="Hebamme")  # a person
    m.add_node("GK", "actor", name="Geburtsklinik", category="Geburtsklinik")
    m.add_node("FF", "actor", name="Frühförderstelle", category="Frühförderstelle")
    m.add_node("TP", "actor", name="Tagespflege Sonnenkinder", category="Kindertagespflege")
    m.add_node("X", "actor", name="Träger ohne Kategorie", form="Organisation",
               life_phases=["0-3", "Kita"])
    # Geburt → Frühe Hilfen: Hebamme and Geburtsklinik (core: pregnancy) before; after,
    # what serves 0–3 but not birth and whose core phase is not elsewhere: the Kita (core:
    # 3–6) is on neither side
    assert transition_sides(m, "pregnancy->u3") == (["H", "GK"], ["FF", "TP", "X"])
    # Familie → Kita: the Kita (core: 3–6) after; Frühförderstelle (core: 0–3) and
    # Tagespflege before; Hebamme and Geburtsklinik are about birth, X spans both phases
    # without a core phase: on neither side
    assert transition_sides(m, "u3->kita") == (["FF", "TP"], ["K"])
    # Kita → Grundschule: X also serves 3–6, not 6–10: earlier side; the Frühförderstelle's
    # core phase 0–3 is outside the transition
    assert transition_sides(m, "kita->primary") == (["K", "X"], [])


def test_hebamme_is_judged_at_birth_not_at_familie_kita() -> None:
    m = NetworkMap("Kindertal")
    m.add_node("K", "actor", name="Kita Regenbogen", category="Kita", district="Nord")
    m.add_node("H", "actor", name="Hebammenpraxis Nord", category="Hebamme",
               form="Einrichtung", district="Nord")
    m.add_node("FF", "actor", name="Frühförderstelle Nord", category="Frühförderstelle",
               district="Nord")
    m.add_node("NFH", "committee", name="Netzwerk Frühe Hilfen")
    m.add_edge("FF", "NFH", "member")
    m.add_edge("K", "NFH", "member")
    found = find_transition_gaps(m, transitions=["pregnancy->u3", "u3->kita"])
    # Familie → Kita is fine: the Frühförderstelle shares the network with the Kita, and
    # the Hebamme is not asked for a Kita partner
    assert _by_district(found, "u3->kita") == {}
    nord = _by_district(found, "pregnancy->u3")["Nord"]
    assert nord.title == "Geburt → Frühe Hilfen in Nord: 1 von 1 Einrichtungen ohne Verbindung"
    assert nord.evidence["unlinked"] == ["H"]
    assert nord.evidence["committees"] == []
    assert [s["id"] for s in nord.evidence["suggestions"]] == ["FF"]  # not the Kita


def test_town_level_institution_is_judged_for_the_whole_municipality_only() -> None:
    m = NetworkMap("Kindertal")
    # a Geburtsklinik with an address in Altstadt serves the whole town (Ebene Kommune)
    m.add_node("GK", "actor", name="Geburtsklinik St. Anna", category="Geburtsklinik",
               district="Altstadt", level="Kommune")
    m.add_node("H", "actor", name="Hebammenpraxis Altstadt", category="Hebamme",
               form="Einrichtung", district="Altstadt", level="Sozialraum")
    m.add_node("TP", "actor", name="Tagespflege Sonnenkinder", category="Kindertagespflege",
               district="Altstadt")
    found = _by_district(find_transition_gaps(m, transitions=["pregnancy->u3"]),
                         "pregnancy->u3")
    assert set(found) == {"Altstadt", None}
    assert found["Altstadt"].evidence["unlinked"] == ["H"]  # the clinic is not in it
    whole = found[None]
    assert whole.title == ("Geburt → Frühe Hilfen in der Gesamtkommune: "
                           "2 von 2 Einrichtungen ohne Verbindung")
    assert whole.evidence["unlinked"] == ["GK", "H"]
    # the Hebamme gets her suggestions in the Altstadt finding, the clinic here
    assert [(s["for"], s["id"]) for s in whole.evidence["suggestions"]] == [("GK", "TP")]
    assert "„Geburtsklinik St. Anna“ mit „Tagespflege Sonnenkinder“" in whole.recommendation


def test_kreis_level_agentur_is_a_partner_for_schools_in_every_district() -> None:
    m = NetworkMap("Kindertal")
    # the Agentur für Arbeit has its address in Nord but works for the whole Kreis
    m.add_node("AA", "actor", name="Agentur für Arbeit", category="Agentur für Arbeit",
               district="Nord", level="Kreis")
    m.add_node("BK", "actor", name="Berufskolleg Süd", category="Berufskolleg",
               district="Süd")
    m.add_node("RS", "actor", name="Realschule Nord", category="Realschule", district="Nord")
    m.add_node("GY", "actor", name="Gymnasium Süd", category="Gymnasium", district="Süd")
    m.add_edge("RS", "AA", "cooperation")
    m.add_edge("GY", "AA", "cooperation")
    found = _by_district(find_transition_gaps(m, transitions=["secondary->transition_work"]),
                         "secondary->transition_work")
    assert set(found) == {"Nord", "Süd", None}  # only "no body brings both sides together"
    for district, school in (("Nord", "RS"), ("Süd", "GY")):
        f = found[district]
        assert f.title == f"Schule → Beruf in {district}: kein Gremium bringt beide Seiten " \
                          "zusammen"
        assert f.evidence["unlinked"] == [] and f.nodes == (school,)
        assert f.evidence["work_partners_reached"] == ["AA"]
    # Süd has a partner of its own (the Berufskolleg) and still counts the Agentur
    assert found["Süd"].evidence["later_count"] == 2
    assert found["Süd"].evidence["partners_from_whole_municipality"] is False


def test_unlinked_kita_per_district_and_missing_committee() -> None:
    found = _by_district(find_transition_gaps(m := _kita_map(),
                                              transitions=["kita->primary"]),
                         "kita->primary")
    assert set(found) == {"Nord", None}
    nord = found["Nord"]
    assert nord.kind == "transition_gap"
    assert nord.nodes == ("K2",)
    assert nord.evidence["unlinked"] == ["K2"]
    assert nord.evidence["share"] == 0.5
    assert nord.evidence["committees"] == []
    assert nord.title == "Kita → Grundschule in Nord: 1 von 2 Einrichtungen ohne Verbindung"
    assert "Kita Regenbogen" in nord.text
    assert "Kein Gremium in Nord" in nord.text
    # 0.6 × 0.5 + 0.25 (no committee) = 0.55 → medium
    assert nord.score == pytest.approx(0.55) and nord.severity == "medium"
    assert [s["id"] for s in nord.evidence["suggestions"]] == ["G1"]
    assert "„Kita Regenbogen“ mit „Grundschule Nord“" in nord.recommendation
    whole = found[None]
    assert whole.title == ("Kita → Grundschule in der Gesamtkommune: "
                           "1 von 3 Einrichtungen ohne Verbindung")
    assert whole.evidence["committees"] == ["AK"]
    assert m  # the district Süd is fine: K3 cooperates and shares the AK


def test_familienzentrum_does_not_raise_a_false_gap() -> None:
    m = NetworkMap("Kindertal")
    m.add_node("K1", "actor", name="Kita Sonnenschein", category="Kita", district="Nord")
    m.add_node("FZ", "actor", name="Familienzentrum Nord", category="Familienzentrum",
               district="Nord")
    m.add_node("G1", "actor", name="Grundschule Nord", category="Grundschule",
               district="Nord")
    m.add_node("SRK", "committee", name="Sozialraumkonferenz Nord", district="Nord")
    for node in ("K1", "G1"):
        m.add_edge(node, "SRK", "member")
    m.add_edge("FZ", "K1", "cooperation")  # the Familienzentrum has no school partner
    found = find_transition_gaps(m)
    # only "no weiterführende Schule in the map" remains; nothing about the Familienzentrum
    assert [(f.transition, f.severity) for f in found] == [("primary->secondary", "info")]
    assert all("FZ" not in f.nodes for f in found)


def test_ties_through_persons_offers_and_venues_count() -> None:
    m = _kita_map()
    # Kita Regenbogen's Leiterin refers to the school's offer; held in the school
    m.add_node("P", "actor", name="Frau Leiterin", form="Person", category="Person")
    m.add_edge("P", "K2", "belongs_to")
    m.add_node("O", "offer", name="Schnuppertage", category="Schnuppertage", venue="G1")
    m.add_edge("P", "O", "referral")
    found = _by_district(find_transition_gaps(m, transitions=["kita->primary"]),
                         "kita->primary")
    assert found["Nord"].evidence["unlinked"] == []  # only the committee is missing
    assert found["Nord"].title == ("Kita → Grundschule in Nord: kein Gremium bringt beide "
                                   "Seiten zusammen")


def test_suggestions_ranked_district_then_common_partners_then_distance() -> None:
    m = NetworkMap("Kindertal")
    m.add_node("K", "actor", name="Kita Mitte", category="Kita", district="Mitte",
               lat=51.0, lon=7.0)
    m.add_node("GA", "actor", name="Grundschule A", category="Grundschule",
               district="Mitte", lat=51.0, lon=7.05)
    m.add_node("GB", "actor", name="Grundschule B", category="Grundschule",
               district="Mitte", lat=51.0, lon=7.01)
    m.add_node("GC", "actor", name="Grundschule C", category="Grundschule",
               district="Mitte")
    m.add_node("GW", "actor", name="Grundschule gesamtstädtisch", category="Grundschule")
    m.add_node("TR", "actor", name="Träger e. V.", category="Freier Träger")
    m.add_edge("K", "TR", "belongs_to")
    m.add_edge("GC", "TR", "belongs_to")
    [f, _] = find_transition_gaps(m, transitions=["kita->primary"], max_suggestions=4)
    ranked = [(s["id"], s["rank"]) for s in f.evidence["suggestions"]]
    # GC shares the Träger; then by distance (GB 0.7 km, GA 3.5 km); GW has no district
    assert ranked == [("GC", 1), ("GB", 2), ("GA", 3), ("GW", 4)]
    assert f.evidence["suggestions"][0]["reason"] == ("im selben Sozialraum, 1 gemeinsamer "
                                                      "Partner (Träger e. V.)")
    assert f.evidence["suggestions"][1]["reason"] == "im selben Sozialraum, 0,7 km entfernt"
    assert f.evidence["suggestions"][3]["reason"] == "gesamtstädtisch"
    assert len(find_transition_gaps(m, transitions=["kita->primary"])[0]
               .evidence["suggestions"]) == 3


def _school_map() -> NetworkMap:
    m = NetworkMap("Kindertal")
    m.add_node("RS", "actor", name="Realschule Nord", category="Realschule", district="Nord")
    m.add_node("GY", "actor", name="Gymnasium Nord", category="Gymnasium", district="Nord")
    m.add_node("JC", "office", name="Jobcenter Kindertal", category="Jobcenter")
    m.add_node("AA", "actor", name="Agentur für Arbeit", category="Agentur für Arbeit")
    m.add_node("KAOA", "committee", name="KAoA-Netzwerk", committee_type="Netzwerk")
    m.add_edge("GY", "KAOA", "member")
    m.add_edge("JC", "KAOA", "member")
    return m


def test_school_to_work_checks_that_schools_reach_work_partners() -> None:
    found = _by_district(find_transition_gaps(_school_map()), "secondary->transition_work")
    nord = found["Nord"]
    assert nord.evidence["unlinked"] == ["RS"]
    assert nord.evidence["committees"] == ["KAOA"]
    assert nord.evidence["work_partners_reached"] == ["JC"]
    assert "Jobcenter Kindertal" in nord.text
    assert {s["id"] for s in nord.evidence["suggestions"]} == {"AA", "JC"}


def test_school_to_work_without_any_body() -> None:
    m = _school_map()
    m.remove_node("KAOA")
    found = _by_district(find_transition_gaps(m), "secondary->transition_work")
    nord = found["Nord"]
    assert nord.evidence["unlinked"] == ["RS", "GY"]
    assert nord.severity == "high"  # 0.6 + 0.25
    assert "ein Netzwerk Schule–Beruf (etwa mit der Jugendberufsagentur; in NRW: KAoA) " \
        "einrichten" in nord.recommendation


def test_need_raises_severity() -> None:
    m = _kita_map()
    m.set_districts(pd.DataFrame({"SGB-II-Quote": [0.35, 0.05]},
                                 index=pd.Index(["Nord", "Süd"], name="district")))
    nord = _by_district(find_transition_gaps(m), "kita->primary")["Nord"]
    assert nord.evidence["need_rank"] == 1.0
    assert nord.score == pytest.approx(0.7) and nord.severity == "high"


def test_no_later_side_is_reported_once_not_per_district() -> None:
    m = NetworkMap()
    m.add_node("G1", "actor", name="Grundschule Nord", category="Grundschule",
               district="Nord")
    [f] = find_transition_gaps(m)
    assert f.transition == "primary->secondary" and f.severity == "info"
    assert f.district is None


def test_unknown_transition_is_a_german_error() -> None:
    with pytest.raises(ValueError, match="Unbekannter Übergang"):
        find_transition_gaps(NetworkMap(), transitions=["kita->uni"])


# --- synthetic maps with planted problems ---------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_synthetic_planted_transition_gaps_found_and_clean_control_quiet(seed: int) -> None:
    from netzkarte.datasets.synthetic import synthetic

    planted = synthetic(400, seed=seed, plant=["transition_gap"])
    findings = find_transition_gaps(planted.map)
    gaps = {(f.transition, f.district) for f in findings if f.evidence.get("unlinked")}
    assert planted.truth.transition_gaps
    assert set(planted.truth.transition_gaps) <= gaps
    unlinked = {u for f in findings for u in f.evidence.get("unlinked", [])}
    # Familienzentren span three phases and are, by the documented rule, never listed
    expected = {u for u in planted.truth.unlinked_institutions
                if planted.map.node(u)["category"] != "Familienzentrum"}
    assert expected and expected <= unlinked
    clean = find_transition_gaps(synthetic(400, seed=seed).map)
    assert [f.title for f in clean if f.severity == "high"] == []
    # the generator guarantees these four transitions in clean maps
    guaranteed = ("pregnancy->u3", "u3->kita", "kita->primary", "secondary->transition_work")
    assert [f.title for f in clean if f.transition in guaranteed
            and f.evidence.get("unlinked")] == []
    # Geburtsklinik and Schwangerschaftsberatung share the Netzwerk Frühe Hilfen with the
    # 0–3 side: no finding at all, not even "kein Gremium"
    assert [f.title for f in clean if f.transition == "pregnancy->u3"] == []


def test_a_school_is_suggested_before_a_youth_centre_of_the_same_phase() -> None:
    """At Kita → Grundschule the later side holds every institution of 6–10 Jahre; the
    suggestion for an unlinked Kita names the Grundschule first, though the Abenteuerspielplatz
    is in its district and comes first in the alphabet."""
    m = _kita_map()
    m.add_node("ASP", "actor", name="Abenteuerspielplatz Nord", category="Jugendzentrum",
               district="Nord", life_phases=["6–10 Jahre"])
    (gap,) = [f for f in find_transition_gaps(m, transitions=["kita->primary"])
              if f.district == "Nord"]
    first = gap.evidence["suggestions"][0]
    assert first["for"] == "K2" and first["id"] == "G1", gap.evidence["suggestions"]
    assert gap.recommendation.startswith("„Kita Regenbogen“ mit „Grundschule Nord“")


def test_all_linked_without_committee_is_low_and_advice_fits_the_district() -> None:
    """Every Kita of Nord is tied to a Grundschule, only a committee is missing: a weakness of
    the structure (low), not a child falling through the gap. The advice names the district's
    committee where there is one and does not pretend there is one where there is none."""
    m = _kita_map()
    m.add_edge("K2", "G1", "cooperation")
    nord = _by_district(find_transition_gaps(m, transitions=["kita->primary"]),
                        "kita->primary")["Nord"]
    assert nord.title.endswith("kein Gremium bringt beide Seiten zusammen")
    assert nord.severity == "low"
    assert "ist nicht erfasst" in nord.recommendation
    m.add_node("SRK", "committee", name="Sozialraumkonferenz Nord", district="Nord",
               tier="c")
    m.add_edge("K1", "SRK", "member")
    nord = _by_district(find_transition_gaps(m, transitions=["kita->primary"]),
                        "kita->primary")["Nord"]
    assert "das Thema in das Gremium „Sozialraumkonferenz Nord“ aufnehmen" in nord.recommendation


def test_names_ending_in_a_full_stop_get_no_second_one() -> None:
    m = _kita_map()
    m.add_node("EI", "actor", name="Elterninitiative Nord e. V.", category="Kita",
               district="Nord")
    gap = _by_district(find_transition_gaps(m, transitions=["kita->primary"]),
                       "kita->primary")["Nord"]
    assert "e. V.." not in gap.text and "Elterninitiative Nord e. V." in gap.text


def test_a_tie_to_a_school_in_the_next_district_links() -> None:
    """A Grundschule's pupils go on to the secondary school of the next district: its
    cooperation there is a link, and no finding calls the Grundschule "ohne Verbindung"."""
    m = NetworkMap("Bezirk")
    m.add_node("GS", "actor", name="Grundschule Nord", category="Grundschule", district="Nord")
    m.add_node("ISS", "actor", name="Sekundarschule Süd", category="Gesamtschule",
               district="Süd")
    m.add_node("GS2", "actor", name="Grundschule Süd", category="Grundschule", district="Süd")
    m.add_node("ISS2", "actor", name="Sekundarschule Nord", category="Gesamtschule",
               district="Nord")
    m.add_edge("GS", "ISS", "cooperation")
    m.add_edge("GS2", "ISS2", "cooperation")
    gaps = find_transition_gaps(m, transitions=["primary->secondary"])
    assert all("GS" not in f.evidence["unlinked"] for f in gaps), [f.title for f in gaps]
