"""Maps of several Kommunen: analyses per Kommune, findings name their Kommune, suggestions
never cross a Kommune's border, and the Kreis-level findings on top."""

from __future__ import annotations

import pandas as pd
import pytest

from netzkarte import NetworkMap, analyze
from netzkarte.analysis.kommunen import (
    find_county_gaps,
    municipalities,
    municipality_of,
    split_by_municipality,
)
from netzkarte.datasets.synthetic import synthetic


def _kreis() -> NetworkMap:
    """Two Kommunen of a Kreis, each with one Kita and one Grundschule, unlinked."""
    m = NetworkMap("Kreis Beispiel")
    m.meta.county = "Kreis Beispiel"
    m.set_districts(pd.DataFrame({"municipality": ["Adorf", "Bstadt"], "children": [500, 600]},
                                 index=pd.Index(["Adorf-Mitte", "Bstadt-Nord"],
                                                name="district")))
    for town, district in (("Adorf", "Adorf-Mitte"), ("Bstadt", "Bstadt-Nord")):
        m.add_node(f"K-{town}", "actor", name=f"Kita {town}", category="Kita",
                   district=district)
        m.add_node(f"G-{town}", "actor", name=f"Grundschule {town}", category="Grundschule",
                   district=district)
    m.add_node("N-Adorf", "committee", name="Netzwerk Adorf", municipality="Adorf")
    m.add_node("JA", "office", name="Kreisjugendamt", category="Jugendamt", level="Kreis")
    m.add_node("GA", "office", name="Gesundheitsamt", category="Gesundheitsamt",
               municipality="Kreis Beispiel")
    m.add_edge("JA", "N-Adorf", "member")
    m.add_edge("K-Adorf", "N-Adorf", "member")
    return m


def test_each_node_gets_its_kommune_from_column_district_or_level() -> None:
    m = _kreis()
    m.add_node("O", "offer", name="Sprechstunde", venue="K-Bstadt")
    owner = municipality_of(m)
    assert owner["K-Adorf"] == "Adorf"  # from the Sozialräume table
    assert owner["N-Adorf"] == "Adorf"  # own column
    assert owner["JA"] is None  # Ebene Kreis
    assert owner["GA"] is None  # the Kommune column names the Kreis
    assert owner["O"] == "Bstadt"  # its venue
    assert sorted(municipalities(m)) == ["Adorf", "Bstadt"]


def test_a_single_kommune_takes_every_node_without_column() -> None:
    m = NetworkMap("Kindertal")
    m.add_node("A", "actor", name="Kita", municipality="Kindertal")
    m.add_node("B", "actor", name="Verein")
    assert municipality_of(m) == {"A": "Kindertal", "B": "Kindertal"}


def test_each_kommune_map_holds_its_nodes_the_kreis_and_its_districts() -> None:
    parts = dict(split_by_municipality(_kreis()))
    assert sorted(parts["Bstadt"].graph.nodes) == ["G-Bstadt", "GA", "JA", "K-Bstadt"]
    assert list(parts["Bstadt"].districts.index) == ["Bstadt-Nord"]
    assert parts["Bstadt"].meta.municipality == "Bstadt"


def test_findings_name_their_kommune_and_suggestions_stay_inside() -> None:
    result = analyze(_kreis(), progress=False)
    gaps = [f for f in result.by_kind("transition_gap") if f.transition == "kita->primary"
            and f.district]
    assert {(f.district, f.municipality) for f in gaps} == {("Adorf-Mitte", "Adorf"),
                                                           ("Bstadt-Nord", "Bstadt")}
    owner = municipality_of(_kreis())
    for f in result.findings:
        for s in f.evidence.get("suggestions") or []:
            assert owner[s["for"]] == owner[s["id"]], (f.title, s)
    # the same check in two Kommunen: two findings with different ids
    assert len({f.id for f in gaps}) == 2


def test_quality_checks_run_per_kommune() -> None:
    result = analyze(_kreis(), progress=False)
    per = {(q.municipality, q.id) for q in result.quality_checks}
    assert ("Adorf", "qs-steering-exists") in per and ("Bstadt", "qs-steering-exists") in per


def test_kreis_level_findings_a_kommune_without_body_and_a_service_not_reaching() -> None:
    found = {f.title: (f, muni) for f, muni in find_county_gaps(_kreis())}
    body, muni = found["Bstadt: kein eigenes Netzwerk und kein Steuerungsgremium"]
    assert muni == "Bstadt" and body.severity == "medium"
    reach, muni = found["Jugendamt: 1 von 2 Kommunen ohne Verbindung"]
    assert muni is None and reach.evidence["missing"] == ["Bstadt"]
    assert "Kreisjugendamt" in reach.text


def test_a_kommune_with_its_own_jugendamt_is_served() -> None:
    m = _kreis()
    m.add_node("JA-B", "office", name="Jugendamt Bstadt", category="Jugendamt",
               municipality="Bstadt")
    titles = [f.title for f, _ in find_county_gaps(m)]
    assert not any(t.startswith("Jugendamt:") for t in titles)


def test_a_joint_committee_brings_both_kommunen_together() -> None:
    """The Familienbeirat of Adorf and Bstadt is entered under Adorf; Bstadt's Kita and
    Grundschule sit on it. For Bstadt it is a local body in Bstadt-Nord: no finding says
    Bstadt has no network, or that no committee brings its Kita and school together."""
    m = _kreis()
    m.add_node("FB", "committee", name="Familienbeirat Adorf/Bstadt", municipality="Adorf",
               tier="c")
    for node in ("K-Bstadt", "G-Bstadt", "K-Adorf"):
        m.add_edge(node, "FB", "member")
    parts = dict(split_by_municipality(m))
    assert parts["Bstadt"].graph.nodes["FB"]["district"] == "Bstadt-Nord"
    assert "district" not in m.graph.nodes["FB"]  # the map itself is unchanged
    titles = [f.title for f, _ in find_county_gaps(m)]
    assert not any(t.startswith("Bstadt: kein eigenes Netzwerk") for t in titles)

    def bstadt_gaps(network: NetworkMap) -> list[str]:
        return [f.title for f in analyze(network, progress=False).by_kind("transition_gap")
                if f.municipality == "Bstadt" and f.transition == "kita->primary"]

    assert bstadt_gaps(_kreis())  # without the joint body: Kita and school unlinked
    assert bstadt_gaps(m) == []  # the shared seat links them


def test_a_kreis_service_reaches_a_kommune_through_a_shared_seat_or_a_kreis_offer() -> None:
    """The Kreisjugendamt sits on Adorf's network; Bstadt's Kita sits there too: a shared
    seat is a connection, as the finding's own text says. A Kreis-wide offer of the
    Gesundheitsamt reaches every Kommune."""
    m = _kreis()
    m.add_edge("K-Bstadt", "N-Adorf", "member")
    titles = [f.title for f, _ in find_county_gaps(m)]
    assert any(f.title.startswith("Jugendamt:") for f, _ in find_county_gaps(_kreis()))
    assert not any(t.startswith("Jugendamt:") for t in titles)
    m = _kreis()
    m.add_edge("GA", "N-Adorf", "member")
    reach = {f.title: f for f, _ in find_county_gaps(m)}
    assert "Gesundheitsamt: 1 von 2 Kommunen ohne Verbindung" in reach
    assert "keine Stelle der Kategorie „Gesundheitsamt“" in reach[
        "Gesundheitsamt: 1 von 2 Kommunen ohne Verbindung"].text
    m.add_node("O", "offer", name="Impfberatung für den Kreis", municipality="Kreis Beispiel")
    m.add_edge("GA", "O", "provides")
    assert not any(f.title.startswith("Gesundheitsamt:") for f, _ in find_county_gaps(m))


def test_a_kreis_office_in_a_district_of_adorf_is_no_district_of_bstadt() -> None:
    m = _kreis()
    m.add_node("EB", "actor", name="Erziehungsberatung des Kreises",
               category="Erziehungsberatungsstelle", level="Kreis", district="Adorf-Mitte")
    parts = dict(split_by_municipality(m))
    assert "district" not in parts["Bstadt"].graph.nodes["EB"]
    assert parts["Adorf"].graph.nodes["EB"]["district"] == "Adorf-Mitte"
    result = analyze(m, progress=False)
    for f in result.findings:
        if f.municipality == "Bstadt":
            assert "Adorf-Mitte" not in f.title + f.text, f.title


def test_a_kreis_body_judged_in_every_kommune_is_one_finding() -> None:
    """The Kreis steering group sits in each Kommune's map; what every Kommune's run says
    about it word for word is one Kreis finding that names the Kommunen."""
    m = _kreis()
    m.add_node("SG", "committee", name="Lenkungskreis des Kreises", tier="a", level="Kreis")
    m.add_edge("JA", "SG", "member")
    result = analyze(m, progress=False)
    about = [f for f in result.findings if f.nodes and f.nodes[0] == "SG"]
    texts = [f.text for f in about]
    assert about and len(texts) == len(set(texts))
    shared = [f for f in about if "Gleicher Befund für Adorf und Bstadt" in f.text]
    assert shared and all(f.municipality is None for f in shared)


def test_one_kommune_maps_are_analysed_as_before() -> None:
    m = NetworkMap("Kindertal")
    m.add_node("K", "actor", name="Kita", category="Kita", district="Nord")
    result = analyze(m, progress=False)
    assert {f.municipality for f in result.findings} == {"Kindertal"}
    assert {q.municipality for q in result.quality_checks} == {"Kindertal"}


@pytest.mark.parametrize("seed", [1, 2])
def test_a_synthetic_kreis_never_mixes_kommunen(seed: int) -> None:
    s = synthetic(1500, seed=seed, plant="all")
    owner = municipality_of(s.map)
    assert len(municipalities(s.map)) > 1
    result = analyze(s.map, progress=False)
    for f in result.findings:
        if f.kind in ("transition_gap", "coverage_gap") and f.municipality:
            homes = {owner[n] for n in f.nodes} - {None}
            assert homes <= {f.municipality}, f.title
        for sug in f.evidence.get("suggestions") or []:
            a, b = owner[sug["for"]], owner[sug["id"]]
            assert a is None or b is None or a == b, f.title


def test_a_kreis_institution_is_a_partner_not_judged_in_every_kommune() -> None:
    """The Kreis's Frühförderstelle is tied to Adorf's Kita only. It is no Bstadt
    institution "ohne Verbindung" (nor Adorf's): Bstadt's gap is Bstadt's own Kita; the
    Kreis reach is the Kreis-level finding's job."""
    m = _kreis()
    m.add_node("FF", "actor", name="Frühförderstelle des Kreises", category="Frühförderstelle",
               level="Kreis")
    m.add_edge("FF", "K-Adorf", "cooperation")
    result = analyze(m, progress=False)
    judged = [f for f in result.by_kind("transition_gap") if "FF" in f.evidence["unlinked"]]
    assert judged == []
