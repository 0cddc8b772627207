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
